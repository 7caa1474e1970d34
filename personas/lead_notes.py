"""A team lead's notes on members' personas: a comment, optionally with one suggested edit (a new summary or
headline, a skill to add, a highlight reworded). The member accepts it, which makes a version of their persona, or
declines it; the lead never changes a member's persona themselves."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from accounts.teams import team_of_lead
from personas.activity import check_persona_active, persona_activate
from personas.edits import HEADLINE, EditDoesNotApply, apply_edits, current_at, is_highlight_path
from personas.models import LeadNote, Persona
from personas.services import persona_latest_number, persona_version_record

SUGGESTIONS = {
    "summary": "a new summary",
    "headline": "a new headline",
    "add_skill": "a skill to add",
    "rephrase_highlight": "a highlight reworded",
}
_FIXED_PATHS = {"summary": "summary", "headline": HEADLINE, "add_skill": "skills"}
MAX_TEXT = 2000


class NoteRefused(Exception):
    """A note that cannot be written or decided as asked, with why."""


def persona_for_lead(*, lead: User, pk: uuid.UUID) -> Persona:
    """A persona of a member of the team the user leads (on the Team plan), or 404: never another team's."""
    team = team_of_lead(lead)
    persona = (
        Persona.objects.filter(pk=pk, user__team=team).exclude(user=lead).select_related("user").first()
        if team
        else None
    )
    if persona is None:
        raise Http404("No such persona in your team.")
    return persona


def note_create(
    *, lead: User, persona: Persona, comment: str, kind: str = "", path: str = "", after: str = ""
) -> LeadNote:
    """The lead's note on a member's persona; NoteRefused for an empty note, or an edit that does not fit it."""
    check_lead_of(lead=lead, persona=persona)
    comment, after = comment.strip(), after.strip()
    if "\x00" in comment + after + path:
        raise NoteRefused("A note cannot hold a NUL character; type it again.")
    if len(comment) > MAX_TEXT or len(after) > MAX_TEXT:
        raise NoteRefused(f"A note and a suggestion hold at most {MAX_TEXT:,} characters each.")
    edit = _suggested_edit(persona, kind=kind, path=path, after=after) if kind else None
    if edit is None and not comment:
        raise NoteRefused("Write a comment, or suggest an edit.")
    return LeadNote.objects.create(
        persona=persona,
        author=lead,
        author_name=lead.display_name[:150],
        comment=comment,
        edit=edit,
        version_number=persona_latest_number(persona),
    )


def check_lead_of(*, lead: User, persona: Persona) -> None:
    """NoteRefused unless the user leads (on the Team plan) the team of the persona's owner, another member."""
    team = team_of_lead(lead)
    if team is None or persona.user.team_id != team.pk or persona.user_id == lead.pk:
        raise NoteRefused("Only the lead of this member's team can suggest them anything.")


def notes_create_many(
    *, persona_id: uuid.UUID, lead: User, version_number: int | None, notes: list[tuple[str, dict[str, Any]]]
) -> list[LeadNote]:
    """Notes a lead's request sends the member at once: each a comment and the edit it suggests."""
    return LeadNote.objects.bulk_create(
        LeadNote(
            persona_id=persona_id,
            author=lead,
            author_name=lead.display_name[:150],
            comment=comment[:MAX_TEXT],
            edit=edit,
            version_number=version_number,
        )
        for comment, edit in notes
    )


def _suggested_edit(persona: Persona, *, kind: str, path: str, after: str) -> dict[str, object]:
    if kind not in SUGGESTIONS:
        raise NoteRefused("Choose what to suggest from the list.")
    path = _FIXED_PATHS.get(kind, path)
    if kind == "rephrase_highlight" and not is_highlight_path(path):
        raise NoteRefused("Choose the highlight to reword.")
    if not after:
        raise NoteRefused(f"Write {SUGGESTIONS[kind]}.")
    before = None if kind == "add_skill" else current_at(persona.data, persona.summary, path)
    if kind == "rephrase_highlight" and before is None:
        raise NoteRefused("That highlight is no longer in the persona; reload the page.")
    if before == after:
        raise NoteRefused("That is what the persona says already.")
    return {"kind": kind, "path": path, "before": before, "after": after}


def notes_for_persona(persona: Persona) -> QuerySet[LeadNote]:
    return persona.lead_notes.order_by("-created_at")


def note_get_for_owner(*, user: User, persona: Persona, pk: uuid.UUID) -> LeadNote:
    """A note on the user's own persona, or 404."""
    note = LeadNote.objects.filter(pk=pk, persona=persona, persona__user=user).first()
    if note is None:
        raise Http404("No such note.")
    return note


@transaction.atomic
def note_decide(*, note: LeadNote, by: User, accept: bool) -> LeadNote:
    """The member's answer. Accepting an edit makes a new version of the persona; accepting a comment marks it done.

    NoteRefused when the note was answered already, or the persona changed where the edit would go; PersonaReadOnly
    when the member's plan keeps the persona read-only.
    """
    note = LeadNote.objects.select_for_update().get(pk=note.pk)
    persona = Persona.objects.select_for_update().select_related("user").get(pk=note.persona_id)
    if persona.user_id != by.pk:
        raise NoteRefused("Only the persona's owner answers a note on it.")
    if note.status != LeadNote.Status.OPEN:
        raise NoteRefused("This note was answered already.")
    if accept and note.edit:
        check_persona_active(persona)
        try:
            persona.data, persona.summary = apply_edits(persona.data, persona.summary, [note.edit])
        except EditDoesNotApply as error:
            raise NoteRefused(f"{error} Ask your lead for a new suggestion, or make the change yourself.") from None
        persona.save(update_fields=["data", "summary", "updated_at"])
        persona_activate(persona=persona)
        what = SUGGESTIONS.get(note.edit.get("kind", ""), "an edit")
        persona_version_record(persona=persona, by=by, change_summary=f"Accepted {what} from {note.author_name}")
    note.status = LeadNote.Status.ACCEPTED if accept else LeadNote.Status.DECLINED
    note.decided_at = timezone.now()
    note.save(update_fields=["status", "decided_at", "updated_at"])
    return note
