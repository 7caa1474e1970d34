"""The one seam for AI tasks. `get_provider()` returns the provider named by settings.LLM_PROVIDER.

A provider knows no CV, job or persona: it answers JSON against a schema (`complete_json`) and embeds texts.
Each app keeps its own prompts, schemas, grounding and the rules that do the task without a language model.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from llm.provider import Provider


@cache
def _provider(dotted_path: str) -> Provider:
    return import_string(dotted_path)()


def get_provider() -> Provider:
    return _provider(settings.LLM_PROVIDER)
