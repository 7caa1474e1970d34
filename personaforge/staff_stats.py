"""Figures for staff: sign-ups, active users and AI cost per day, exports per day (the admin's Stats page)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from accounts.models import User
from exports.models import Export
from llm.models import LLMCall


@dataclass(frozen=True)
class Day:
    day: date
    sign_ups: int
    exports: int
    ai_calls: int
    ai_cost_usd: Decimal


def daily_figures(*, days: int = 14) -> list[Day]:
    since = timezone.now() - timedelta(days=days)

    def per_day(queryset: QuerySet[Any], **values: Any) -> dict[date, dict[str, Any]]:
        rows = queryset.filter(created_at__gte=since).annotate(day=TruncDate("created_at")).values("day")
        return {row["day"]: row for row in rows.annotate(**values)}

    sign_ups = per_day(User.objects.all(), n=Count("id"))
    exports = per_day(Export.objects.all(), n=Count("id"))
    calls = per_day(LLMCall.objects.all(), n=Count("id"), cost=Sum("cost_usd"))
    today = timezone.localdate()
    return [
        Day(
            day=day,
            sign_ups=sign_ups.get(day, {}).get("n", 0),
            exports=exports.get(day, {}).get("n", 0),
            ai_calls=calls.get(day, {}).get("n", 0),
            ai_cost_usd=calls.get(day, {}).get("cost") or Decimal(0),
        )
        for day in (today - timedelta(days=offset) for offset in range(days))
    ]


def active_users(*, days: int) -> int:
    return User.objects.filter(last_login__gte=timezone.now() - timedelta(days=days)).count()
