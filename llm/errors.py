from __future__ import annotations

import random

from django.conf import settings


class LLMError(Exception):
    """Any failure of an AI task; `retryable` says whether trying again later can help."""

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable

    def __reduce__(self) -> tuple:
        # Celery pickles a task's final error to report it; without this the keyword argument is lost on the way
        # and the error arrives wrapped, no longer an LLMError (and the user saw a generic message).
        return (_rebuilt, (type(self), str(self), self.retryable))


def _rebuilt(cls: type[LLMError], message: str, retryable: bool) -> LLMError:
    return cls(message, retryable=retryable)


def retry_countdown(*, base: int, attempt: int) -> int:
    """Seconds before the next try of a task: doubling from `base`, with up to a fifth more so retries spread."""
    return round(base * settings.LLM_RETRY_WAIT_FACTOR * 2**attempt * random.uniform(1, 1.2))
