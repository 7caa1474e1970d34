"""The one error type of a service outside the app (an AI provider, say), as every app and the worker see it."""

from __future__ import annotations


class ServiceError(Exception):
    """A service failed; its message is for the user, and `retryable` says whether trying again later can help."""

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable

    def __reduce__(self) -> tuple:
        # Celery pickles a task's final error to report it; without this the keyword argument is lost on the way
        # and the error arrives wrapped, no longer a ServiceError (and the user saw a generic message).
        return (_rebuilt, (type(self), str(self), self.retryable))


def _rebuilt(cls: type[ServiceError], message: str, retryable: bool) -> ServiceError:
    return cls(message, retryable=retryable)
