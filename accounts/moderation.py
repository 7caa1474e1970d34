"""Staff moderation: suspending and reactivating accounts, removing content that breaks the terms with a reason the
user sees, and the audit log every such action goes into."""

from __future__ import annotations

from django.db import models, transaction

from accounts.models import Notice, StaffAction, User


def staff_action_record(*, staff: User, action: str, user: User | None, target: str, reason: str) -> StaffAction:
    return StaffAction.objects.create(
        staff=staff, staff_email=staff.email, action=action, user=user, target=target[:300], reason=reason[:300]
    )


@transaction.atomic
def user_suspend(*, user: User, staff: User, reason: str) -> None:
    """The account cannot log in or use the API until reactivated; nothing of it is deleted."""
    user.is_active, user.suspended_reason = False, reason[:300]
    user.save(update_fields=["is_active", "suspended_reason", "updated_at"])
    staff_action_record(staff=staff, action="suspend", user=user, target=user.email, reason=reason)


@transaction.atomic
def user_reactivate(*, user: User, staff: User, reason: str) -> None:
    user.is_active, user.suspended_reason = True, ""
    user.save(update_fields=["is_active", "suspended_reason", "updated_at"])
    staff_action_record(staff=staff, action="reactivate", user=user, target=user.email, reason=reason)


@transaction.atomic
def content_remove(*, obj: models.Model, owner: User, label: str, staff: User, reason: str) -> None:
    """Remove a persona or template that breaks the terms; its owner is told what and why on their dashboard."""
    staff_action_record(staff=staff, action="remove", user=owner, target=label, reason=reason)
    Notice.objects.create(user=owner, message=f"Our staff removed {label} because it breaks our terms: {reason}")
    obj.delete()


def notice_dismiss(*, notice: Notice) -> None:
    from django.utils import timezone

    notice.dismissed_at = timezone.now()
    notice.save(update_fields=["dismissed_at", "updated_at"])
