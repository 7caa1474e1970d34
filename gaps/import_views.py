"""Importing a job from its link, a saved page or PDF, or pasted HTML; then checking what was read and saving it."""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.http import AuthedRequest
from gaps.forms import JobImportForm, JobReviewForm
from gaps.models import JobImport
from gaps.postings import imports as job_imports
from gaps.postings.imports import MAX_UPLOAD_BYTES
from gaps.postings.text import JobTextRefused
from gaps.selectors import job_import_get_for_user
from personaforge.core.jobs import job_latest_for_subject


@login_required
@require_POST
def job_import(request: AuthedRequest) -> HttpResponse:
    form = JobImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            if upload := form.cleaned_data.get("file"):
                imported = job_imports.job_import_from_file(
                    user=request.user, data=upload.read(MAX_UPLOAD_BYTES + 1), filename=upload.name or ""
                )
            elif form.cleaned_data["html"].strip():
                imported = job_imports.job_import_from_html(user=request.user, html=form.cleaned_data["html"])
            else:
                imported, _ = job_imports.job_import_from_link(user=request.user, url=form.cleaned_data["url"])
            return redirect("job_import_review", pk=imported.pk)
        except job_imports.ImportRefused as refused:
            form.add_error(None, str(refused))
    return render(request, "gaps/job_import.html", {"import_form": form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def job_import_review(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """While the page is fetched: its progress; then what was read, to check and save as a job."""
    # The job before the import it works on, which its worker saves first: see cvs.views.cv_detail.
    background = job_latest_for_subject(user=request.user, subject_id=pk)
    imported = job_import_get_for_user(user=request.user, pk=pk)
    if imported.job_id is not None:
        return redirect("apply", job_id=imported.job_id)
    form = None
    if imported.status == JobImport.Status.SUCCEEDED:
        form = JobReviewForm(
            request.POST or None, initial={key: value for key, value in imported.fields.items() if value is not None}
        )
        if request.method == "POST" and form.is_valid():
            try:
                job = job_imports.job_import_save(job_import=imported, fields=form.cleaned_data)
            except JobTextRefused as refused:
                form.add_error("description", str(refused))
            except job_imports.ImportRefused:  # saved meanwhile, in another tab
                return redirect("job_import_review", pk=imported.pk)
            else:
                return redirect("apply", job_id=job.pk)
    context = {
        "imported": imported,
        "form": form,
        "import_form": JobImportForm(),
        "background_job": background,
    }
    return render(request, "gaps/job_import.html", context, status=400 if form is not None and form.errors else 200)
