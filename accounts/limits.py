"""What each plan allows, in one place: the pages, the API, the tasks and the admin all ask here."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

from django.conf import settings
from django.utils import timezone

from accounts.models import Plan, User


@dataclass(frozen=True)
class Limits:
    personas: int | None  # None: no limit
    exports_per_month: int | None
    ai_calls_per_month: int | None
    own_templates: bool
    tailoring: bool
    team_seats: int


PLANS: dict[str, Limits] = {
    Plan.FREE: Limits(
        personas=1, exports_per_month=5, ai_calls_per_month=30, own_templates=False, tailoring=False, team_seats=0
    ),
    Plan.PRO: Limits(
        personas=None, exports_per_month=None, ai_calls_per_month=1000, own_templates=True, tailoring=True, team_seats=0
    ),
    Plan.TEAM: Limits(
        personas=None,
        exports_per_month=None,
        ai_calls_per_month=5000,
        own_templates=True,
        tailoring=True,
        team_seats=20,
    ),
}


class LimitReached(Exception):
    """The user's plan does not allow this; the message says what a higher plan gives."""

    def __init__(self, message: str, *, upgrade: Limits | None = None) -> None:
        super().__init__(message)
        self.upgrade = upgrade


def limits_for(user: User) -> Limits:
    limits = PLANS.get(user.plan, PLANS[Plan.FREE])
    if limits is PLANS[Plan.FREE] and user.team_id is not None and _team_on_team_plan(user.team_id):
        return PLANS[Plan.TEAM]  # a member, while in a team whose lead is on the Team plan
    if limits is PLANS[Plan.FREE] and user.trial_ends_at and user.trial_ends_at > timezone.now():
        return PLANS[Plan.PRO]  # a trial: Pro's features until it ends
    if limits is PLANS[Plan.FREE]:  # the Free plan's exports are a setting: a campaign may change them
        return replace(limits, exports_per_month=settings.FREE_EXPORTS_PER_MONTH)
    return limits


def _team_on_team_plan(team_id: uuid.UUID) -> bool:
    from accounts.models import Team

    return Team.objects.filter(pk=team_id, owner__plan=Plan.TEAM).exists()


def check_persona_allowed(*, user: User, existing: int) -> None:
    """LimitReached when the user already keeps as many personas as the plan allows."""
    allowed = limits_for(user).personas
    if allowed is not None and existing >= allowed:
        raise LimitReached(
            f"Your {user.get_plan_display()} plan keeps {allowed} persona{'s' if allowed != 1 else ''} and you already "
            f"have {existing}, so no new one was made; nothing of yours is lost. Pro keeps as many as you need.",
            upgrade=PLANS[Plan.PRO],
        )


def check_ai_call_allowed(*, user: User, used: int) -> None:
    """LimitReached when the user's AI calls this month (to a paid AI service) reached what the plan allows."""
    allowed = limits_for(user).ai_calls_per_month
    if allowed is not None and used >= allowed:
        upgrade = PLANS[Plan.PRO] if user.plan == Plan.FREE else None
        more = f" Pro gives {upgrade.ai_calls_per_month} a month." if upgrade else ""
        raise LimitReached(
            f"Your {user.get_plan_display()} plan includes {allowed} AI calls a month and this month's are used up; "
            f"they renew on the first of the month.{more}",
            upgrade=upgrade,
        )


def check_tailoring_allowed(*, user: User) -> None:
    """LimitReached on a plan without tailoring (Free): it says what Pro gives; follow-up questions stay open."""
    if not limits_for(user).tailoring:
        raise LimitReached(
            f"Tailoring a persona to a job is part of Pro and Team; your {user.get_plan_display()} plan can still "
            "check the fit and answer follow-up questions. Pro suggests edits that lead with what each job asks "
            "for, made only from your own material.",
            upgrade=PLANS[Plan.PRO],
        )


def check_cover_letters_allowed(*, user: User) -> None:
    """LimitReached on a plan without cover letters (they come with tailoring: Pro and Team)."""
    if not limits_for(user).tailoring:
        raise LimitReached(
            f"Cover letters are part of Pro and Team; your {user.get_plan_display()} plan can still check the fit "
            "and answer follow-up questions. Pro drafts a letter in your tone from your own roles, results and "
            "skills, for you to edit.",
            upgrade=PLANS[Plan.PRO],
        )


def check_export_allowed(*, user: User, used: int) -> None:
    """LimitReached when this month's exports reached what the plan allows."""
    allowed = limits_for(user).exports_per_month
    if allowed is not None and used >= allowed:
        upgrade = PLANS[Plan.PRO] if user.plan == Plan.FREE else None
        more = " Pro exports as often as you need." if upgrade else ""
        raise LimitReached(
            f"Your {user.get_plan_display()} plan includes {allowed} exports a month and this month's are used up; "
            f"they renew on the first of the month, and the files you exported stay yours to download.{more}",
            upgrade=upgrade,
        )


def check_own_templates_allowed(*, user: User) -> None:
    """LimitReached on a plan without templates of one's own (Free exports through the built-in ones)."""
    if not limits_for(user).own_templates:
        raise LimitReached(
            f"Templates of your own are part of Pro and Team; your {user.get_plan_display()} plan exports through "
            "the built-in templates, each with its own colours, fonts and sections.",
            upgrade=PLANS[Plan.PRO],
        )
