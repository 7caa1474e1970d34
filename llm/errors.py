from __future__ import annotations


class LLMError(Exception):
    """Any failure of an AI task; `retryable` says whether trying again later can help."""

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable
