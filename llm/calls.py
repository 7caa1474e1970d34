"""Every AI task goes through `llm_call`: the plan's monthly limit is checked first, and the call is recorded."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from accounts.limits import check_ai_call_allowed, limits_for
from llm import get_provider
from llm.errors import LLMError
from llm.models import LLMCall
from llm.usage import Usage, collecting

if TYPE_CHECKING:
    from accounts.models import User
    from llm.provider import Provider

# Embeddings are a fraction of a cent and run after every save: recorded, but not counted against a plan.
UNMETERED_TASKS = frozenset({"embed"})


@contextmanager
def llm_call(*, user: User | None, task: str, rules_only: bool = False) -> Iterator[Provider]:
    """The configured provider, for one task run on the user's behalf.

    LimitReached (before anything is sent) when the task is metered and the plan's AI calls for this month are
    used up. Whatever happens inside is recorded as one LLMCall: tokens, cost, latency, and the outcome. A task
    its app does by rules whatever the provider (`rules_only`) is recorded as offline and never counted.
    """
    provider = get_provider()
    metered = _metered(provider, task) and not rules_only
    if metered and user is not None:
        check_ai_call_allowed(user=user, used=ai_calls_this_month(user=user))
    name = "offline" if rules_only else provider.name
    started = time.monotonic()
    with collecting() as usage:
        try:
            yield provider
        except Exception as error:  # anything that stops the call (a time limit too) is recorded, then goes on
            message = str(error) if isinstance(error, LLMError) else f"{type(error).__name__}: {error}"
            _record(user, task, name, usage, started, metered=metered, error=message)
            raise
        _record(user, task, name, usage, started, metered=metered)


def ai_calls_left(*, user: User, task: str) -> int | None:
    """How many more calls of this task the user's plan allows this month; None when they are not counted."""
    provider = get_provider()
    allowed = limits_for(user).ai_calls_per_month
    if allowed is None or not _metered(provider, task):
        return None
    return max(allowed - ai_calls_this_month(user=user), 0)


def _metered(provider: Provider, task: str) -> bool:
    return provider.metered and task not in UNMETERED_TASKS


def ai_calls_this_month(*, user: User) -> int:
    return LLMCall.objects.filter(user=user, counts_against_plan=True, created_at__gte=_month_start()).count()


@dataclass(frozen=True)
class MonthlyUsage:
    metered_calls: int
    tokens: int
    cost_usd: Decimal


def ai_usage_this_month(*, user: User) -> MonthlyUsage:
    totals = LLMCall.objects.filter(user=user, created_at__gte=_month_start()).aggregate(
        metered=Count("id", filter=Q(counts_against_plan=True)),
        tokens=Sum(F("tokens_in") + F("tokens_out")),
        cost=Sum("cost_usd"),
    )
    return MonthlyUsage(totals["metered"], totals["tokens"] or 0, totals["cost"] or Decimal(0))


def _month_start() -> datetime:
    return timezone.now().replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def _record(
    user: User | None,
    task: str,
    provider: str,
    usage: Usage,
    started: float,
    *,
    metered: bool,
    error: str = "",
) -> None:
    LLMCall.objects.create(
        user=user,
        task=task,
        provider=provider,
        model=usage.model,
        tokens_in=usage.tokens_in,
        tokens_out=usage.tokens_out,
        cost_usd=usage.cost_usd,
        latency_ms=round((time.monotonic() - started) * 1000),
        outcome=LLMCall.Outcome.ERROR if error else LLMCall.Outcome.OK,
        error=error[:300],
        counts_against_plan=metered and not error,  # a failed call is not the user's to pay for
    )
