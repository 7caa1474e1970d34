from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import Credit, Payment, Plan, PlanChange, User


def user_update_profile(*, user: User, name: str, language: str | None = None) -> User:
    user.name = name.strip()
    user.language = language or user.language
    user.save(update_fields=["name", "language", "updated_at"])
    return user


@transaction.atomic
def plan_change(*, user: User, plan: str, source: str, by: User | None, reason: str) -> PlanChange | None:
    """Put the user on a plan, recording who, when and why (None when they are on it already).

    Nothing is deleted on a downgrade: what is above the new plan's limits is kept (see accounts.limits).
    """
    if plan not in Plan.values:
        raise ValueError(f"No such plan: {plan}")
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.plan == plan:
        return None
    change = PlanChange.objects.create(
        user=locked, old_plan=locked.plan, new_plan=plan, source=source, by=by, reason=reason[:300]
    )
    user.plan = locked.plan = plan
    locked.save(update_fields=["plan", "updated_at"])
    return change


def payment_record(
    *, user: User, amount_cents: int, currency: str, note: str, by: User | None, external_id: str = ""
) -> Payment:
    return Payment.objects.create(
        user=user,
        amount_cents=amount_cents,
        currency=currency.upper()[:3],
        note=note[:300],
        recorded_by=by,
        external_id=external_id,
    )


def credit_grant(*, user: User, amount_cents: int, currency: str, reason: str, by: User | None) -> Credit:
    return Credit.objects.create(
        user=user, amount_cents=amount_cents, currency=currency.upper()[:3], reason=reason[:300], granted_by=by
    )


def trial_extend(*, user: User, days: int, by: User | None) -> User:
    """Pro's features for `days` more (from now, or from the end of a trial still running)."""
    start = max(user.trial_ends_at or timezone.now(), timezone.now())
    user.trial_ends_at = start + timedelta(days=days)
    user.save(update_fields=["trial_ends_at", "updated_at"])
    source = PlanChange.Source.STAFF if by else PlanChange.Source.SYSTEM
    PlanChange.objects.create(
        user=user,
        old_plan=user.plan,
        new_plan=user.plan,
        source=source,
        by=by,
        reason=f"Trial extended by {days} days, to {user.trial_ends_at:%Y-%m-%d}",
    )
    return user
