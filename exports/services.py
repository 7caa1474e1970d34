"""Exports: a persona version (or a cover letter) through a template into a file, made in the worker and kept in
storage. An export records the version it was made from, so a user knows exactly what they sent."""

from __future__ import annotations

import json
import logging
import posixpath
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from accounts.emails import email_queue
from accounts.limits import LimitReached, check_export_allowed, check_own_templates_allowed
from accounts.models import EmailKind, User
from cvs.extract import schema_problem
from exports.ats import ats_check
from exports.models import Export, ExportFormat
from exports.office import to_docx, to_odt
from gaps.models import CoverLetter
from personaforge.core.files import folder_delete
from personaforge.core.jobs import job_claim, job_fail, job_progress, job_start, job_succeed
from personaforge.core.models import BackgroundJob
from personas.activity import check_persona_active
from personas.models import Persona, PersonaVersion
from personas.photos import persona_photo_data_uri
from personas.sections import shown_data
from templates_app.config import clean_config
from templates_app.document import cv_document, letter_document, mapping
from templates_app.localise import long_date
from templates_app.models import Template
from templates_app.rendering import builtin_of, pdf_of, render_html, render_markdown, render_text
from templates_app.sandbox import TemplateRefused

EXPORT = "export"
EXPORT_TASK = "exports.tasks.export_task"
logger = logging.getLogger(__name__)
CV_FORMATS = tuple(ExportFormat)
ATS_FORMATS = (ExportFormat.PDF, ExportFormat.DOCX, ExportFormat.ODT)  # read back by exports.ats
# What a letter can be exported as (Markdown and JSON Resume are a CV's formats).
LETTER_FORMATS = (ExportFormat.PDF, ExportFormat.DOCX, ExportFormat.ODT, ExportFormat.HTML, ExportFormat.TEXT)
_FILES = {  # extension, content type
    ExportFormat.PDF: ("pdf", "application/pdf"),
    ExportFormat.DOCX: ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ExportFormat.ODT: ("odt", "application/vnd.oasis.opendocument.text"),
    ExportFormat.HTML: ("html", "text/html; charset=utf-8"),
    ExportFormat.MARKDOWN: ("md", "text/markdown; charset=utf-8"),
    ExportFormat.TEXT: ("txt", "text/plain; charset=utf-8"),
    ExportFormat.JSON_RESUME: ("json", "application/json"),
}


STORAGE_DOWN = "The file was made but could not be stored: our file store did not answer. Nothing is lost; try again."


class ExportRefused(Exception):
    """An export that cannot be made as asked (a template of the wrong kind, a format it does not come in)."""


def exports_this_month(*, user: User) -> int:
    start = timezone.localdate().replace(day=1)
    return Export.objects.filter(user=user, created_at__date__gte=start).count()


@transaction.atomic
def export_request(
    *,
    user: User,
    persona: Persona,
    template: Template,
    format: str,
    config: dict | None = None,
    letter: CoverLetter | None = None,
) -> tuple[Export, BackgroundJob]:
    """Queue an export of the persona's latest version (or of the letter). LimitReached past the plan's exports
    this month or for an own template on Free; ExportRefused for a template or format that does not fit."""
    wanted_type = Template.Type.COVER_LETTER if letter is not None else Template.Type.CV
    if template.type != wanted_type:
        raise ExportRefused(
            f"“{template.name}” is a {template.get_type_display()} template; pick a {wanted_type.label} one."
        )
    if format not in (LETTER_FORMATS if letter is not None else CV_FORMATS):
        raise ExportRefused("This format is not available for this kind of document yet.")
    if not template.is_builtin:
        check_own_templates_allowed(user=user)
    check_persona_active(persona)
    User.objects.select_for_update().filter(pk=user.pk).first()  # two tabs at once cannot both take the last one
    check_export_allowed(user=user, used=exports_this_month(user=user))
    builtin = builtin_of(template)
    export = Export.objects.create(
        user=user,
        persona=persona,
        persona_version=persona.versions.order_by("-number").first(),
        template=template,
        template_name=template.name,
        format=format,
        cover_letter=letter,
        config=clean_config(config, defaults=builtin.defaults if builtin else template.config),
    )
    background = job_start(user=user, kind=EXPORT, subject_id=export.pk, task=EXPORT_TASK)
    return export, background


def export_run(*, job_id: uuid.UUID | str) -> None:
    """Make the export's file (in the worker; running it twice makes it once)."""
    background = job_claim(job_id=job_id)
    if background is None:
        return
    export = (
        Export.objects.select_related("user", "persona__user", "persona_version", "template", "cover_letter__job")
        .filter(pk=background.subject_id)
        .first()
        if background.subject_id
        else None
    )
    if export is None or export.template is None:
        job_fail(background, error="The export or its template was deleted before it was made.")
        return
    try:  # again: the plan may have changed while this waited in the queue
        if not export.template.is_builtin:
            check_own_templates_allowed(user=export.user)
        check_persona_active(export.persona)
    except LimitReached as refused:
        export_mark_failed(export_id=export.pk, error=str(refused))
        job_fail(background, error=str(refused))
        return
    Export.objects.filter(pk=export.pk).update(status=Export.Status.RUNNING)
    job_progress(background, progress=30, message="Laying out the pages")
    try:
        content = export_content(export)
    except TemplateRefused as refused:
        export_mark_failed(export_id=export.pk, error=f"The template could not make this document. {refused}")
        job_fail(background, error=f"The template could not make this document. {refused}")
        return
    extension, _ = _FILES[ExportFormat(export.format)]
    if export.format in ATS_FORMATS and not export.is_letter:
        job_progress(background, progress=70, message="Reading it back as an ATS would")
        context = export_context(export)
        headings = [(section["key"], section["title"]) for section in context["sections"]]
        export.ats = ats_check(
            content, f"cv.{extension}", data=mapping(_snapshot(export).get("data")), headings=headings
        )
    try:
        export.file.save(f"{_file_stem(export)}.{extension}", ContentFile(content), save=False)
        # The file an earlier run stored before it was killed goes, now that this one is safely stored.
        folder_delete(posixpath.dirname(export.file.name), keep=export.file.name)
    except Exception:
        logger.exception("Storing export %s failed", export.pk)
        export_mark_failed(export_id=export.pk, error=STORAGE_DOWN)
        job_fail(background, error=STORAGE_DOWN)
        return
    export.status, export.error = Export.Status.DONE, ""
    export.save(update_fields=["file", "status", "error", "ats", "updated_at"])
    job_succeed(background, message=f"Your {export.get_format_display()} is ready.")
    _email_ready(export)


def _email_ready(export: Export) -> None:
    ats, letter = export.ats or {}, export.cover_letter
    email_queue(
        to=export.user.email,
        kind=EmailKind.EXPORT_READY,
        key=f"export:{export.pk}",
        language=export.user.language,
        context={
            "name": export.user.display_name,
            "format": export.get_format_display(),
            "persona": f"the letter for {letter.job.title}" if letter is not None else export.persona.title,
            "version": export.persona_version.number if export.persona_version else "",
            "template": export.template_name,
            "link": settings.SITE_URL.rstrip("/") + reverse("export_list"),
            "ats": f"{ats['read']} of {ats['total']}" if ats.get("total") else "",
        },
    )


@transaction.atomic
def export_retry(*, export: Export) -> BackgroundJob:
    """Make a failed export again, as it was asked for (it is still one export of the month)."""
    export = Export.objects.select_for_update().get(pk=export.pk)
    if export.status != Export.Status.FAILED:
        raise ExportRefused("Only an export that failed can be tried again.")
    export.status, export.error, export.ats = Export.Status.PENDING, "", {}
    export.save(update_fields=["status", "error", "ats", "updated_at"])
    return job_start(user=export.user, kind=EXPORT, subject_id=export.pk, task=EXPORT_TASK)


def export_mark_failed(*, export_id: uuid.UUID, error: str) -> None:
    Export.objects.filter(pk=export_id).exclude(status=Export.Status.DONE).update(
        status=Export.Status.FAILED, error=error
    )


def export_content(export: Export) -> bytes:
    """The file's bytes. TemplateRefused when the template fails on this document."""
    context = export_context(export)
    if export.format == ExportFormat.JSON_RESUME:
        return _json_resume(export)
    if export.format == ExportFormat.MARKDOWN:
        return render_markdown(context).encode()
    if export.format == ExportFormat.TEXT:
        if export.is_letter:
            return "\n\n".join(context["letter"]["paragraphs"]).encode() + b"\n"
        return render_text(context).encode()
    if export.format in (ExportFormat.DOCX, ExportFormat.ODT):
        write = to_docx if export.format == ExportFormat.DOCX else to_odt
        return write(context, title=_title(context))
    assert export.template is not None
    html = render_html(export.template, context)
    if export.format == ExportFormat.HTML:
        return html.encode()
    return pdf_of([html], trusted=builtin_of(export.template) is not None)


def cv_context(snapshot: dict, raw_config: dict, *, photo: str = "") -> dict:
    """What a template renders of a persona version (a snapshot), in its language, with the options given.
    `photo`: a data: URI, shown by templates that show one when the options ask for it."""
    config = clean_config(raw_config)
    language = config["heading_language"] or str(snapshot.get("language") or "en")
    cv = cv_document(
        data=mapping(snapshot.get("data")),
        summary=str(snapshot.get("summary") or ""),
        language=language,
        title=str(snapshot.get("title") or ""),
        order=config["sections"] or None,
    )
    if photo:
        cv["basics"]["image"] = photo
    return {**cv, "config": config}


def _photo(persona: Persona, config: dict) -> str:
    return persona_photo_data_uri(persona) if clean_config(config)["photo"] else ""


def export_context(export: Export) -> dict:
    """What the template renders: the version recorded with the export (and its letter), with its options."""
    context = cv_context(_snapshot(export), export.config, photo=_photo(export.persona, export.config))
    letter = export.cover_letter
    if letter is None:
        return context
    return letter_document(
        cv=context,
        body=letter.body,
        job_title=letter.job.title if letter.job else "",
        company=letter.job.company if letter.job else "",
        date=long_date(timezone.localdate(), context["language"]),
    )


def export_download_name(export: Export) -> str:
    extension, _ = _FILES[ExportFormat(export.format)]
    return f"{_file_stem(export)}.{extension}"


def export_content_type(export: Export) -> str:
    return _FILES[ExportFormat(export.format)][1]


def _snapshot(export: Export) -> dict:
    version: PersonaVersion | None = export.persona_version
    return version.snapshot if version is not None else export.persona.snapshot()


def _json_resume(export: Export) -> bytes:
    snapshot = _snapshot(export)
    data = mapping(snapshot.get("data"))
    resume = {key: value for key, value in shown_data(data).items() if key != "custom"}
    basics = dict(mapping(resume.get("basics")))
    if snapshot.get("summary"):
        basics["summary"] = snapshot["summary"]
    resume["basics"] = basics
    resume["meta"] = {
        **mapping(resume.get("meta")),
        "version": f"v{export.persona_version.number}" if export.persona_version else "",
        "lastModified": export.created_at.isoformat(timespec="seconds"),
    }
    problem = schema_problem(resume)
    if problem:  # the editor keeps documents valid; an old import may not be
        raise TemplateRefused(f"{problem} Fix it in the editor, then export again.")
    return json.dumps(resume, ensure_ascii=False, indent=2).encode()


def _file_stem(export: Export) -> str:
    snapshot = _snapshot(export)
    data = mapping(snapshot.get("data"))
    basics = mapping(data.get("basics"))
    name = slugify(str(basics.get("name") or snapshot.get("title") or "persona"))[:60] or "persona"
    kind = "cover-letter" if export.is_letter else "cv"
    version = f"-v{export.persona_version.number}" if export.persona_version else ""
    return f"{name}-{kind}{version}"


def _title(context: dict) -> str:
    name = context["basics"]["name"] or context["title"]
    if "letter" in context:
        return f"{name} – cover letter, {context['letter']['job_title']}"
    return f"{name} – {context['basics']['label']}" if context["basics"]["label"] else name
