"""Importing a job: from a link (fetched in the worker), a saved page or PDF, or a pasted page. What was read waits
in a JobImport for the user to check and edit; saving it makes the job, with the link kept."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction

from accounts.models import User
from gaps.models import JobImport, JobPosting
from gaps.postings.fetch import FetchRefused, check_url, fetch
from gaps.postings.pages import JobPageRefused, extract_job
from gaps.postings.services import posting_create
from personaforge.core.jobs import job_claim, job_fail, job_progress, job_start, job_succeed
from personaforge.core.models import BackgroundJob

IMPORT = "job.import"
# A page uploaded or pasted is read during the request: kept small enough to read in about a second (a saved
# posting is rarely over a few hundred KB); a link is read in the worker, up to gaps.postings.fetch.MAX_BYTES.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
UPLOAD_TOO_LARGE = "This page is over 2 MB, far larger than a job posting: save or paste only the posting's page."
SAVED_FIELDS = (
    "title",
    "company",
    "location",
    "workplace",
    "employment_type",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "description",
)


class ImportRefused(ValueError):
    """Nothing was imported; the message says why, for the user."""


@transaction.atomic
def job_import_from_link(*, user: User, url: str) -> tuple[JobImport, BackgroundJob]:
    """Queue fetching the posting at `url`. ImportRefused for an address that cannot be fetched at all."""
    url = url.strip()
    try:
        check_url(url)
    except FetchRefused as refused:
        raise ImportRefused(str(refused)) from None
    if len(url) > 2000:
        raise ImportRefused("This link is too long to be a job posting's address.")
    job_import = JobImport.objects.create(user=user, url=url)
    background = job_start(user=user, kind=IMPORT, subject_id=job_import.pk, task="gaps.tasks.job_import_task")
    return job_import, background


def job_import_run(*, job_id: uuid.UUID | str) -> None:
    """Fetch the link and read the posting (in the worker; running it twice reads it once)."""
    background = job_claim(job_id=job_id)
    if background is None:
        return
    job_import = JobImport.objects.filter(pk=background.subject_id).first() if background.subject_id else None
    if job_import is None:
        job_fail(background, error="The import was deleted before the page was fetched.")
        return
    job_progress(background, progress=20, message="Fetching the page")
    try:
        page = fetch(job_import.url)
        job_progress(background, progress=60, message="Reading the posting")
        extracted = extract_job(page.body, kind=page.kind, charset=page.charset)
    except (FetchRefused, JobPageRefused) as refused:
        JobImport.objects.filter(pk=job_import.pk).update(status=JobImport.Status.FAILED, error=str(refused))
        job_fail(background, error=str(refused))
        return
    job_import.fields, job_import.status = extracted.as_dict(), JobImport.Status.SUCCEEDED
    job_import.save(update_fields=["fields", "status", "updated_at"])
    job_succeed(background, message="Read: check it, then save the job.")


def job_import_from_file(*, user: User, data: bytes, filename: str) -> JobImport:
    """Read a posting saved as a web page (.html) or a PDF. ImportRefused when it cannot be read."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportRefused(
            f"This file is over {MAX_UPLOAD_BYTES // (1024 * 1024)} MB, far larger than any job posting."
        )
    if data.startswith(b"%PDF"):
        kind = "pdf"
    elif filename.lower().endswith((".html", ".htm")) and b"\x00" not in data[:4096]:
        kind = "html"
    else:
        raise ImportRefused("Upload the posting saved as a web page (.html) or as a PDF.")
    return _imported(user=user, data=data, kind=kind)


def job_import_from_html(*, user: User, html: str) -> JobImport:
    """Read a posting from a page's HTML pasted as it is. ImportRefused when no posting is in it."""
    data = html.encode("utf-8", errors="replace")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportRefused(
            f"This page is over {MAX_UPLOAD_BYTES // (1024 * 1024)} MB, far larger than any job posting."
        )
    return _imported(user=user, data=data, kind="html", charset="utf-8")


def _imported(*, user: User, data: bytes, kind: str, charset: str = "") -> JobImport:
    try:
        extracted = extract_job(data, kind=kind, charset=charset)
    except JobPageRefused as refused:
        raise ImportRefused(str(refused)) from None
    return JobImport.objects.create(user=user, status=JobImport.Status.SUCCEEDED, fields=extracted.as_dict())


@transaction.atomic
def job_import_save(*, job_import: JobImport, fields: dict[str, Any]) -> JobPosting:
    """Save the checked posting as a job (the link kept). JobTextRefused for a description that cannot be one."""
    job_import = JobImport.objects.select_for_update().get(pk=job_import.pk)  # a double click saves one job
    if job_import.job_id is not None or job_import.status != JobImport.Status.SUCCEEDED:
        raise ImportRefused("This import was saved already, or has nothing to save.")
    given = {key: fields[key] for key in SAVED_FIELDS if key in fields}
    job = posting_create(user=job_import.user, url=job_import.url, notes=fields.get("notes", ""), **given)
    job_import.job = job
    job_import.save(update_fields=["job", "updated_at"])
    return job
