from __future__ import annotations

import uuid

from django.db.models import F, Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from templates_app.models import Template
from templates_app.rendering import BUILTINS


def builtin_templates(*, type: str) -> list[Template]:
    """The built-in templates of a type, in our order; their rows are made the first time they are asked for (an
    export points at the template it used, so each needs a row)."""
    rows = {t.config.get("builtin"): t for t in Template.objects.filter(owner=None, config__has_key="builtin")}
    templates = []
    for builtin in BUILTINS.values():
        if builtin.type != type:
            continue
        if builtin.slug not in rows:
            rows[builtin.slug], _ = Template.objects.get_or_create(
                owner=None,
                config={"builtin": builtin.slug},
                defaults={"name": builtin.name, "type": builtin.type, "engine": Template.Engine.JINJA},
            )
        templates.append(rows[builtin.slug])
    return templates


def templates_for_user(*, user: User, type: str) -> QuerySet[Template]:
    """Built-in templates and the user's own, of a type."""
    builtin_templates(type=type)
    return Template.objects.filter(Q(owner=None) | Q(owner=user), type=type).order_by(
        F("owner_id").asc(nulls_first=True), "created_at"
    )


def template_get_for_user(*, user: User, pk: uuid.UUID) -> Template:
    """A built-in template or one of the user's own; 404 for anyone else's."""
    return get_object_or_404(Template, Q(owner=None) | Q(owner=user), pk=pk)


def own_template_get_for_user(*, user: User, pk: uuid.UUID) -> Template:
    """One of the user's own templates (to edit or delete), or 404: built-in ones and others' are not editable."""
    return get_object_or_404(Template, owner=user, pk=pk)
