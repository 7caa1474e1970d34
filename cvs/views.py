from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.http import AuthedRequest
from cvs import services
from cvs.doubts import Doubt, ReadingNotReviewed, reading_doubts
from cvs.forms import CVUploadForm, FactForm, MergeForm, ProfileReview
from cvs.models import CV
from cvs.selectors import cv_get_for_user, kb_get_for_user, kb_grouped_for_user
from personaforge.core.jobs import job_latest_for_subject


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: AuthedRequest) -> HttpResponse:
    form = CVUploadForm(request.POST, request.FILES) if request.method == "POST" else CVUploadForm()
    if form.is_bound and form.is_valid():
        cv, _job = services.cv_upload(user=request.user, file=form.cleaned_data["file"])
        return redirect("cv_detail", pk=cv.pk)
    return render(request, "cvs/upload.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_GET
def cv_detail(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    # The job first: the worker saves the CV before finishing its job, so a finished job read here means the
    # CV read next shows the result (the other way round, the page could show a pending CV that never updates).
    job = job_latest_for_subject(user=request.user, subject_id=pk)
    cv = cv_get_for_user(user=request.user, pk=pk)
    doubts = reading_doubts(cv.parsed_json or {}) if cv.status == cv.Status.PARSED else []
    unsure = _unsure_parts(doubts) | {"skill_values": {d.value for d in doubts if d.where == "Skills"}}
    context = {
        "cv": cv,
        "background_job": job,
        "doubts": doubts,
        "needs_review": doubts and not cv.review_seen_at,
        "unsure": unsure,
    }
    return render(request, "cvs/cv_detail.html", context)


@login_required
@require_GET
def cv_download(request: AuthedRequest, pk: uuid.UUID) -> HttpResponseBase:
    cv = cv_get_for_user(user=request.user, pk=pk)
    try:
        stored = cv.file.open("rb") if cv.file else None
    except OSError:  # the storage lost it (or is unreachable)
        stored = None
    if stored is None:
        messages.error(request, "The original file of this CV is no longer stored.")
        return redirect("cv_detail", pk=cv.pk)
    return FileResponse(stored, as_attachment=True, filename=cv.filename)


@login_required
@require_POST
def cv_reread(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    cv = cv_get_for_user(user=request.user, pk=pk)
    services.cv_reread(cv=cv)
    return redirect("cv_detail", pk=cv.pk)


@login_required
@require_http_methods(["GET", "POST"])
def cv_review(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    cv = cv_get_for_user(user=request.user, pk=pk)
    if cv.status != cv.Status.PARSED:
        return _not_read_yet(request, cv)
    services.cv_review_seen(cv=cv)
    review = ProfileReview(cv.parsed_json, request.POST if request.method == "POST" else None)
    if review.is_bound and review.is_valid():
        services.cv_profile_save(cv=cv, profile=review.profile())
        if "confirm" in request.POST:
            messages.success(request, f"Saved. {_added_message(services.cv_confirm(cv=cv))}")
        else:
            messages.success(request, "Saved your corrections.")
        return redirect("cv_detail", pk=cv.pk)
    status = 400 if review.is_bound else 200
    doubts = reading_doubts(cv.parsed_json or {})
    context = {"cv": cv, "review": review, "doubts": doubts, "unsure": _unsure_parts(doubts)}
    return render(request, "cvs/cv_review.html", context, status=status)


@login_required
@require_POST
def cv_confirm(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    cv = cv_get_for_user(user=request.user, pk=pk)
    if cv.status != cv.Status.PARSED:
        return _not_read_yet(request, cv)
    try:
        messages.success(request, _added_message(services.cv_confirm(cv=cv)))
    except ReadingNotReviewed:
        messages.error(request, "We are unsure of parts of this reading: look them over here first, then add it.")
        return redirect("cv_review", pk=cv.pk)
    return redirect("cv_detail", pk=cv.pk)


@login_required
@require_POST
def cv_delete(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    cv = cv_get_for_user(user=request.user, pk=pk)
    services.cv_delete(cv=cv)
    messages.success(request, f"Deleted {cv.filename} and its stored file.")
    return redirect("dashboard")


def _unsure_parts(doubts: list[Doubt]) -> dict[str, Any]:
    """Which parts of the review form to mark: the entries' numbers (from 1), and whether the name or skills."""
    numbers = {"work": "Experience ", "education": "Education "}
    parts: dict[str, Any] = {
        kind: {int(d.where.removeprefix(prefix)) for d in doubts if d.where.startswith(prefix)}
        for kind, prefix in numbers.items()
    }
    return parts | {"name": any(d.where == "Name" for d in doubts), "skills": any(d.where == "Skills" for d in doubts)}


def _not_read_yet(request: AuthedRequest, cv: CV) -> HttpResponse:
    messages.error(request, "This CV has not been read yet; wait for it, or read it again.")
    return redirect("cv_detail", pk=cv.pk)


def _added_message(added: int) -> str:
    return f"Added {added} new fact{'s' if added != 1 else ''} to your knowledge base."


# ---- The knowledge base page: entries by type, edited in place with htmx (plain links work without it).

PAGE = "cvs/knowledge.html"


def _page(
    request: AuthedRequest, *, form: FactForm | None = None, merge: MergeForm | None = None, status: int = 200
) -> HttpResponse:
    context = {
        "groups": kb_grouped_for_user(user=request.user),
        "form": form or FactForm(),
        "merge": merge or MergeForm(user=request.user),
    }
    return render(request, PAGE, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def knowledge(request: AuthedRequest) -> HttpResponse:
    if request.method == "GET":
        return _page(request)
    form = FactForm(request.POST)
    if form.is_valid():
        try:
            entry = services.kb_entry_create(user=request.user, **form.cleaned_data)
        except services.FactRefused as error:
            form.add_error("value", str(error))
        else:
            messages.success(request, f"Added “{entry.value}”.")
            return redirect("knowledge")
    return _page(request, form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def knowledge_edit(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    entry = kb_get_for_user(user=request.user, pk=pk)
    if request.method == "POST":
        form = FactForm(request.POST)
    else:
        form = FactForm(initial={"type": entry.type, "value": entry.value})
    if form.is_bound and form.is_valid():
        try:
            entry = services.kb_entry_update(entry=entry, **form.cleaned_data)
        except services.FactRefused as error:
            form.add_error("value", str(error))
        else:
            if request.htmx:
                return render(request, f"{PAGE}#entry-row", {"entry": entry})
            return redirect("knowledge")
    template = f"{PAGE}#entry-form" if request.htmx else "cvs/knowledge_edit.html"
    return render(request, template, {"entry": entry, "form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def knowledge_delete(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    entry = kb_get_for_user(user=request.user, pk=pk)
    entry.delete()
    if request.htmx:
        return HttpResponse("")  # the row disappears
    messages.success(request, f"Deleted “{entry.value}”.")
    return redirect("knowledge")


@login_required
@require_POST
def knowledge_merge(request: AuthedRequest) -> HttpResponse:
    merge = MergeForm(request.POST, user=request.user)
    if merge.is_valid():
        try:
            kept = services.kb_entries_merge(entries=merge.cleaned_data["entries"], value=merge.cleaned_data["value"])
        except services.FactRefused as error:
            merge.add_error("value", str(error))
        else:
            messages.success(request, f"Merged into “{kept.value}”.")
            return redirect("knowledge")
    return _page(request, merge=merge, status=400)
