from __future__ import annotations

from django.db import transaction

from accounts.models import User
from cvs.models import CV
from personas.models import Persona, PersonaVersion


@transaction.atomic
def persona_create(
    *, user: User, title: str, summary: str = "", tags: list[str] | None = None, base_cv: CV | None = None
) -> Persona:
    """A new persona, prefilled from the CV's structured profile when there is one; saved as version 1."""
    data = dict(base_cv.parsed_json) if base_cv and base_cv.parsed_json else {}
    if not summary:
        summary = data.get("basics", {}).get("summary", "") if isinstance(data.get("basics"), dict) else ""
    persona = Persona.objects.create(
        user=user, title=title, summary=summary, tags=tags or [], data=data, base_cv=base_cv
    )
    source = f"from {base_cv.filename}" if base_cv else "from scratch"
    persona_version_record(persona=persona, by=user, change_summary=f"Created {source}")
    return persona


def persona_version_record(*, persona: Persona, by: User | None, change_summary: str, name: str = "") -> PersonaVersion:
    """Snapshot the persona as its next version."""
    last = persona.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return PersonaVersion.objects.create(
        persona=persona,
        number=last + 1,
        snapshot=persona.snapshot(),
        name=name,
        change_summary=change_summary,
        created_by=by,
    )
