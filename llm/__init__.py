"""The one seam for AI tasks. `get_provider()` returns the provider named by settings.LLM_PROVIDER."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from llm.offline import OfflineProvider


@cache
def _provider(dotted_path: str) -> OfflineProvider:
    return import_string(dotted_path)()


def get_provider() -> OfflineProvider:
    return _provider(settings.LLM_PROVIDER)
