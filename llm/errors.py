from __future__ import annotations

import random


class LLMError(Exception):
    """Any failure of an AI task; `retryable` says whether trying again later can help."""

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


def retry_countdown(*, base: int, attempt: int) -> int:
    """Seconds before the next try of a task: doubling from `base`, with up to a fifth more so retries spread."""
    return round(base * 2**attempt * random.uniform(1, 1.2))
