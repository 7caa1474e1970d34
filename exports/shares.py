"""Sharing a persona as a web page: an unguessable link to one version through one template, revocable at any
time, counting its views and PDF downloads. The page shows the CV and nothing else of the user."""

from __future__ import annotations

import secrets

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.limits import check_own_templates_allowed
from accounts.models import User
from exports.models import Share
from exports.services import ExportRefused, cv_context
from personas.activity import check_persona_active
from personas.models import Persona
from templates_app.config import clean_config
from templates_app.models import Template
from templates_app.rendering import builtin_of, html_to_pdf, render_html
from templates_app.selectors import builtin_templates

TOKEN_BYTES = 24  # 192 bits: a link no one finds by trying


def share_create(*, user: User, persona: Persona, template: Template, config: dict | None = None) -> Share:
    """Publish the persona's latest version through a CV template (the user's own or a built-in one)."""
    check_persona_active(persona)
    if template.type != Template.Type.CV:
        raise ExportRefused(f"“{template.name}” is a cover letter template; pick a CV one.")
    if not template.is_builtin:
        check_own_templates_allowed(user=user)
    builtin = builtin_of(template)
    return Share.objects.create(
        user=user, persona=persona, persona_version=persona.versions.order_by("-number").first(),
        template=template, config=clean_config(config, defaults=builtin.defaults if builtin else template.config),
        token=secrets.token_urlsafe(TOKEN_BYTES),
    )  # fmt: skip


def share_revoke(*, share: Share) -> None:
    """The link stops working at once; the counts stay for the owner to see."""
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at", "updated_at"])


def share_page_html(*, share: Share) -> str:
    """The CV as the page shows it, counted as a view. TemplateRefused if the template fails on it."""
    html = render_html(_template(share), _context(share))
    Share.objects.filter(pk=share.pk).update(views=F("views") + 1)
    return html


def share_pdf(*, share: Share) -> Share:
    """The share with its PDF (made on the first download and kept), counted as a download."""
    if not share.pdf:
        with transaction.atomic():  # many first downloads at once make the PDF once
            share = (
                Share.objects.select_related("persona", "persona_version", "template")
                .select_for_update(of=("self",))
                .get(pk=share.pk)
            )
            if not share.pdf:
                pdf = html_to_pdf(render_html(_template(share), _context(share)))
                share.pdf.save("cv.pdf", ContentFile(pdf), save=False)
                share.save(update_fields=["pdf", "updated_at"])
    Share.objects.filter(pk=share.pk).update(downloads=F("downloads") + 1)
    return share


def _context(share: Share) -> dict:
    version = share.persona_version
    return cv_context(version.snapshot if version is not None else share.persona.snapshot(), share.config)


def _template(share: Share) -> Template:
    if share.template is None:  # the user deleted their template: the page falls back to our first
        return builtin_templates(type=Template.Type.CV)[0]
    return share.template
