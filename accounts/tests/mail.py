"""What the worker does with queued emails, for tests that read mail.outbox without a worker running."""

from accounts.emails import email_send
from accounts.models import SentEmail


def deliver_queued() -> int:
    queued = list(SentEmail.objects.filter(sent_at=None, skipped="").values_list("pk", flat=True))
    for pk in queued:
        email_send(sent_id=pk)
    return len(queued)
