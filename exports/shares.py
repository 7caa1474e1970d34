"""Sharing a persona as a web page: an unguessable link to one version through one template, revocable at any
time, counting its views and PDF downloads. The page shows the CV and nothing else of the user."""

from __future__ import annotations

import posixpath
import secrets
import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from accounts.limits import check_own_templates_allowed
from accounts.models import User
from exports.models import ExportStatus, Share
from exports.services import ExportRefused, cv_context
from personaforge.core.files import folder_delete
from personaforge.core.jobs import job_claim, job_fail, job_start, job_succeed
from personas.activity import check_persona_active
from personas.models import Persona
from templates_app.config import clean_config
from templates_app.document import mapping
from templates_app.models import Template
from templates_app.rendering import builtin_of, pdf_of, render_html
from templates_app.sandbox import TemplateRefused
from templates_app.selectors import builtin_templates

TOKEN_BYTES = 24  # 192 bits: a link no one finds by trying
SHARE = "share"
SHARE_TASK = "exports.tasks.share_task"


def share_create(*, user: User, persona: Persona, template: Template, config: dict | None = None) -> Share:
    """Publish the persona's latest version through a CV template (the user's own or a built-in one). The worker
    makes its page and PDF once (`share_make`); a visit only reads them."""
    check_persona_active(persona)
    if template.type != Template.Type.CV:
        raise ExportRefused(f"“{template.name}” is a cover letter template; pick a CV one.")
    if not template.is_builtin:
        check_own_templates_allowed(user=user)
    builtin = builtin_of(template)
    with transaction.atomic():
        share = Share.objects.create(
            user=user,
            persona=persona,
            persona_version=persona.versions.order_by("-number").first(),
            template=template,
            config=clean_config(config, defaults=builtin.defaults if builtin else template.config),
            token=secrets.token_urlsafe(TOKEN_BYTES),
        )
        job_start(user=user, kind=SHARE, subject_id=share.pk, task=SHARE_TASK)
    return share


def share_make(*, job_id: uuid.UUID | str) -> None:
    """Make the shared page and its PDF (in the worker; running it twice makes them once)."""
    background = job_claim(job_id=job_id)
    if background is None:
        return
    share = (
        Share.objects.select_related("user", "persona", "persona_version", "template")
        .filter(pk=background.subject_id, revoked_at=None)
        .first()
        if background.subject_id
        else None
    )
    if share is None:
        job_succeed(background, message="The link was revoked before its page was made.")
        return
    template = _template(share)
    try:
        html = render_html(template, _context(share))
        pdf = pdf_of([html], trusted=builtin_of(template) is not None)
    except TemplateRefused as refused:
        share_mark_failed(share_id=share.pk, error=f"The template could not make this page. {refused}")
        job_fail(background, error=f"The template could not make this page. {refused}")
        return
    share.pdf.save(share_download_name(share), ContentFile(pdf), save=False)
    folder_delete(posixpath.dirname(share.pdf.name), keep=share.pdf.name)  # what a killed earlier run left
    share.page, share.status, share.error = html, ExportStatus.DONE, ""
    share.save(update_fields=["page", "pdf", "status", "error", "updated_at"])
    job_succeed(background, message="The shared page is ready.")


def share_mark_failed(*, share_id: uuid.UUID, error: str) -> None:
    Share.objects.filter(pk=share_id).exclude(status=ExportStatus.DONE).update(status=ExportStatus.FAILED, error=error)


def share_revoke(*, share: Share) -> None:
    """The link stops working at once; the counts stay for the owner to see."""
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at", "updated_at"])


def share_viewed(*, share: Share) -> None:
    Share.objects.filter(pk=share.pk).update(views=F("views") + 1)


def share_downloaded(*, share: Share) -> None:
    Share.objects.filter(pk=share.pk).update(downloads=F("downloads") + 1)


def share_download_name(share: Share) -> str:
    basics = mapping(mapping(_snapshot(share).get("data")).get("basics"))
    return f"{slugify(str(basics.get('name') or '')[:60]) or 'cv'}-cv.pdf"


def _snapshot(share: Share) -> dict:
    version = share.persona_version
    return version.snapshot if version is not None else share.persona.snapshot()


def _context(share: Share) -> dict:
    return cv_context(_snapshot(share), share.config)


def _template(share: Share) -> Template:
    if share.template is None:  # the user deleted their template: the page falls back to our first
        return builtin_templates(type=Template.Type.CV)[0]
    return share.template
