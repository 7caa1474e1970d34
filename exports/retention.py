"""Made files are not kept forever: exports and team proposals lose their file after settings.EXPORT_KEEP_DAYS
(the row stays, so the list still says what was sent, and the user can make it again)."""

from __future__ import annotations

import logging
from datetime import timedelta

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from exports.models import Export, TeamProposal

log = logging.getLogger(__name__)
BATCH = 1000


def exports_expire() -> int:
    """Delete the files of exports and proposals made more than EXPORT_KEEP_DAYS ago; returns how many."""
    cutoff = timezone.now() - timedelta(days=settings.EXPORT_KEEP_DAYS)
    return _drop_files(Export.objects.filter(created_at__lt=cutoff).exclude(file="")) + _drop_files(
        TeamProposal.objects.filter(created_at__lt=cutoff).exclude(file="")
    )


def _drop_files(rows: QuerySet[Export] | QuerySet[TeamProposal]) -> int:
    dropped = 0
    for row in rows.order_by("created_at")[:BATCH]:
        try:
            row.file.delete(save=False)
        except (OSError, BotoCoreError, ClientError) as error:  # storage away: the next run tries again
            log.warning("Could not delete %s: %s", row.file.name, error)
            break
        rows.filter(pk=row.pk).update(file="")
        dropped += 1
    return dropped
