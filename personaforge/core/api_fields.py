"""What every app's API answers for work it hands to the worker."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

POLL = "The background job doing the work: poll /api/v1/background-jobs/{id}/ (or the object) until it finishes."
OLD_NAME = (
    "Deprecated, kept for one release: the same id as `background_job`. Everywhere else in the API `job` means a "
    "job posting."
)


OLD_FIELD = {"type": "string", "format": "uuid", "deprecated": True, "description": OLD_NAME}


@extend_schema_field(OLD_FIELD)
class _OldJobField(serializers.UUIDField):
    pass


@extend_schema_field(
    {"type": "string", "format": "uuid", "nullable": True, "deprecated": True, "description": OLD_NAME}
)
class _OldNullableJobField(serializers.UUIDField):
    pass


class QueuedWork(serializers.Serializer):
    """Work handed to the worker; `background_job` follows its progress."""

    background_job = serializers.UUIDField(help_text=POLL)
    job = _OldJobField(source="background_job", read_only=True)


class MaybeQueuedWork(serializers.Serializer):
    """Work that may have been handed to the worker (`background_job`), or done at once (null)."""

    background_job = serializers.UUIDField(allow_null=True, help_text=f"{POLL} Null when nothing was queued.")
    job = _OldNullableJobField(source="background_job", read_only=True, allow_null=True)
