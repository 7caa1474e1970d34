"""What a user uses of their plan: counted across the apps that hold it (personas, exports, AI calls, templates)."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.limits import Limits, limits_for
from accounts.models import User
from exports.services import exports_this_month
from llm.calls import ai_usage_this_month
from personas.models import Persona
from templates_app.models import Template


@dataclass(frozen=True)
class Usage:
    """What a user uses of their plan this month, beside what it allows (None: no limit)."""

    limits: Limits
    personas: int
    exports_this_month: int
    ai_calls_this_month: int
    own_templates: int


def usage_for(*, user: User) -> Usage:
    return Usage(
        limits=limits_for(user),
        personas=Persona.objects.filter(user=user).count(),
        exports_this_month=exports_this_month(user=user),
        ai_calls_this_month=ai_usage_this_month(user=user).metered_calls,
        own_templates=Template.objects.filter(owner=user).count(),
    )
