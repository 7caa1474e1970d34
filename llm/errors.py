from __future__ import annotations

import random

from django.conf import settings

from personaforge.core.errors import ServiceError


class LLMError(ServiceError):
    """Any failure of an AI task; `retryable` says whether trying again later can help."""


def retry_countdown(*, base: int, attempt: int) -> int:
    """Seconds before the next try of a task: doubling from `base`, with up to a fifth more so retries spread."""
    return round(base * settings.LLM_RETRY_WAIT_FACTOR * 2**attempt * random.uniform(1, 1.2))
