"""A user's own templates: written in Markdown with placeholders or in Jinja, checked, previewed, kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from accounts.limits import check_own_templates_allowed
from accounts.models import User
from personas.models import Persona
from personas.selectors import persona_latest_snapshot
from templates_app.config import clean_config
from templates_app.document import cv_document, letter_document
from templates_app.models import Template
from templates_app.rendering import render_html
from templates_app.sandbox import TemplateRefused, check_syntax

MAX_OWN_TEMPLATES = 50

# What a new template starts from: short, and showing the data a template gets.
_STARTERS = Path(__file__).resolve().parent / "starters"
STARTERS = {
    Template.Engine.MARKDOWN: (_STARTERS / "cv.md").read_text(),
    Template.Engine.JINJA: (_STARTERS / "cv.html").read_text(),
}
SAMPLE_LETTER = (
    "Hello team,\n\nThis is where your letter goes: the paragraphs of a cover letter drafted for a job.\n\nKind regards"
)


def template_create(*, user: User, name: str, type: str, engine: str, body: str = "") -> Template:
    """A new template of the user's own (Pro and Team). LimitReached on Free; TemplateRefused for a syntax error."""
    check_own_templates_allowed(user=user)
    if Template.objects.filter(owner=user).count() >= MAX_OWN_TEMPLATES:
        raise TemplateRefused(f"You can keep {MAX_OWN_TEMPLATES} templates; delete one you no longer use.")
    body = body or STARTERS[Template.Engine(engine)]
    check_syntax(body, autoescape=engine == Template.Engine.JINJA)
    return Template.objects.create(owner=user, name=name, type=type, engine=engine, body=body, config=clean_config({}))


def template_update(*, template: Template, name: str, body: str, config: dict[str, Any] | None = None) -> Template:
    """Save a template's new text (checked first: a template that does not parse is not kept)."""
    assert template.owner is not None, "built-in templates are files, not edited here"
    check_own_templates_allowed(user=template.owner)
    check_syntax(body, autoescape=template.engine == Template.Engine.JINJA)
    template.name, template.body = name, body
    if config is not None:
        template.config = clean_config(config)
    template.save(update_fields=["name", "body", "config", "updated_at"])
    return template


def template_delete(*, template: Template) -> None:
    """Exports and shares made with it keep their files and fall back to a built-in template."""
    template.delete()


def template_preview(*, template: Template, persona: Persona) -> str:
    """The template's HTML for one of the user's personas (a sample letter for a letter template), as the
    exports make it. TemplateRefused with the template's error."""
    snapshot = persona_latest_snapshot(persona)
    document = cv_document(data=snapshot.data, summary=snapshot.summary, language=snapshot.language or "en")
    context: dict[str, Any] = {**document, "config": clean_config(template.config)}
    if template.type == Template.Type.COVER_LETTER:
        context = letter_document(cv=context, body=SAMPLE_LETTER, job_title="The job", company="The company", date="")
    return render_html(template, context)
