from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.http import AuthedRequest
from accounts.limits import LimitReached
from gaps.applications.services import LetterRefused, application_save, cover_letter_edit, cover_letter_request
from gaps.forms import ApplicationForm, CoverLetterForm, FitForm, JobForm, JobImportForm
from gaps.models import Application, FollowUpQuestion, JobPosting
from gaps.postings.services import posting_create
from gaps.postings.text import JobTextRefused
from gaps.questions.services import AnswerRefused, question_answer, question_close, questions_request
from gaps.reports import gap_fit_request, gap_review_request
from gaps.selectors import (
    application_board,
    applications_for_user,
    apply_page_for,
    cover_letter_get_for_user,
    fit_latest_for_persona,
    fit_page_for_persona,
    posting_get_for_user,
    postings_for_user,
    question_get_for_user,
    review_panel_for_persona,
    tailoring_get_for_user,
)
from gaps.tailoring.services import TailoringRefused, tailoring_decide, tailoring_request
from personas.models import Persona
from personas.selectors import persona_get_for_user
from personas.services import persona_latest_number


@login_required
@require_POST
def gap_review_create(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    persona = persona_get_for_user(user=request.user, pk=pk)
    gap_review_request(persona=persona, by=request.user)
    return redirect(reverse("persona_detail", args=[persona.pk]) + "#feedback")


@login_required
@require_http_methods(["GET", "POST"])
def gap_fit(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """The persona's fit to jobs: check a new or saved job, and read the reports."""
    persona = persona_get_for_user(user=request.user, pk=pk)
    if request.method == "GET":
        return _fit_page(request, persona, FitForm(user=request.user))
    form = FitForm(request.POST, user=request.user)
    if not form.is_valid():
        return _fit_page(request, persona, form, status=400)
    posting = form.cleaned_data["posting"]
    if posting is None:
        try:
            posting = posting_create(
                user=request.user,
                **{key: form.cleaned_data[key] for key in ("title", "company", "location")},
                description=form.cleaned_data["description"],
            )
        except JobTextRefused as refused:
            form.add_error("description", str(refused))
            return _fit_page(request, persona, form, status=400)
    report, _job = gap_fit_request(persona=persona, posting=posting, by=request.user)
    return redirect(f"{reverse('gap_fit', args=[persona.pk])}?report={report.pk}")


def _fit_page(request: AuthedRequest, persona: Persona, form: FitForm, status: int = 200) -> HttpResponse:
    try:
        shown = uuid.UUID(request.GET["report"]) if "report" in request.GET else None
    except ValueError:
        shown = None
    page = fit_page_for_persona(persona=persona, report_pk=shown)
    context = {"persona": persona, "form": form, "page": page, "latest": persona_latest_number(persona)}
    return render(request, "gaps/fit.html", context, status=status)


@login_required
@require_GET
def apply(request: AuthedRequest, job_id: uuid.UUID) -> HttpResponse:
    """Apply to a saved job: the persona to use (the closest is suggested), its fit, and follow-up questions."""
    job = posting_get_for_user(user=request.user, pk=job_id)
    page = apply_page_for(user=request.user, job=job, persona_pk=_uuid_or_none(request.GET.get("persona")))
    personas = Persona.objects.filter(user=request.user).only("id", "title").order_by("title")
    existing = Application.objects.filter(user=request.user, job=job).first()
    form = ApplicationForm(instance=existing, user=request.user, initial={"persona": page.persona})
    context = {
        "job": job,
        "page": page,
        "personas": personas,
        "application": existing,
        "application_form": form,
        "letter_form": CoverLetterForm(initial={"tone": page.letter.tone, "length": page.letter.length})
        if page.letter
        else CoverLetterForm(),
    }
    return render(request, "gaps/apply.html", context)


@login_required
@require_POST
def question_respond(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """Answer a follow-up question, say no, or skip it; in place with htmx, else back to the apply page."""
    question = question_get_for_user(user=request.user, pk=pk)
    error = ""
    choice = request.POST.get("choice")
    try:
        if choice == "no":
            question = question_close(question=question, status=FollowUpQuestion.Status.DECLINED)
        elif choice == "skip":
            question = question_close(question=question, status=FollowUpQuestion.Status.SKIPPED)
        else:
            question = question_answer(question=question, answer=request.POST.get("answer", "")[:2000])
    except AnswerRefused as refused:
        error = str(refused)
    if request.htmx:
        context = {"question": question, "error": error, "typed": request.POST.get("answer", "")}
        return render(request, "gaps/apply.html#question", context, status=400 if error else 200)
    if error:
        messages.error(request, error)
    back = reverse("apply", args=[question.job_id]) if question.job_id else reverse("knowledge")
    return redirect(f"{back}?persona={question.persona_id}" if question.persona_id else back)


def _uuid_or_none(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def jobs(request: AuthedRequest) -> HttpResponse:
    """The user's saved jobs, each a link to applying; and a form to save one more."""
    form = JobForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            posting = posting_create(user=request.user, **form.cleaned_data)
        except JobTextRefused as refused:
            form.add_error("description", str(refused))
        else:
            return redirect("apply", job_id=posting.pk)
    saved = postings_for_user(user=request.user).defer("description")[:200]
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "jobs": saved, "import_form": JobImportForm()}
    return render(request, "gaps/jobs.html", context, status=status)


@login_required
@require_POST
def job_delete(request: AuthedRequest, job_id: uuid.UUID) -> HttpResponse:
    """Delete a saved job and its application (fit reports stay, with the text they read; answers stay too)."""
    job = posting_get_for_user(user=request.user, pk=job_id)
    title = job.title
    job.delete()
    messages.success(request, f"Deleted “{title}”.")
    return redirect("jobs")


@login_required
@require_GET
def applications(request: AuthedRequest) -> HttpResponse:
    """Every application on a board by status, or as a list (?view=list)."""
    view = "list" if request.GET.get("view") == "list" else "board"
    context = {
        "view": view,
        "columns": application_board(user=request.user) if view == "board" else None,
        "applications": applications_for_user(user=request.user)[:500] if view == "list" else None,
        "today": timezone.localdate(),
    }
    return render(request, "gaps/applications.html", context)


@login_required
@require_POST
def application_save_view(request: AuthedRequest, job_id: uuid.UUID) -> HttpResponse:
    """Track the application to a job (created on first save) from the apply page."""
    job = posting_get_for_user(user=request.user, pk=job_id)
    existing = Application.objects.filter(user=request.user, job=job).first()
    form = ApplicationForm(request.POST, instance=existing, user=request.user)
    if form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "persona"}
        application_save(user=request.user, job=job, persona=form.cleaned_data["persona"], **fields)
        messages.success(request, "Application saved.")
    else:
        problems = [
            f"{form[name].label}: {' '.join(map(str, errors))}" if name in form.fields else " ".join(map(str, errors))
            for name, errors in form.errors.items()
        ]
        messages.error(request, "Not saved. " + "; ".join(problems))
    persona = form.cleaned_data.get("persona") if form.is_valid() else None
    query = f"?persona={persona.pk}" if persona else ""
    return redirect(f"{reverse('apply', args=[job.pk])}{query}#application")


@login_required
@require_POST
def cover_letter_edit_view(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """Save the user's edit of a cover letter as the job's next letter (earlier ones are kept)."""
    letter = cover_letter_get_for_user(user=request.user, pk=pk)
    try:
        edited = cover_letter_edit(letter=letter, body=request.POST.get("body", "")[:20_000])
    except LetterRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"Saved as letter {edited.number}.")
    query = f"?persona={letter.persona_id}" if letter.persona_id else ""
    return redirect(f"{reverse('apply', args=[letter.job_id])}{query}#letter")


@login_required
@require_POST
def tailoring_decide_view(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """Accept or reject suggested edits (each, or all at once); accepted ones become a version named after the job."""
    tailoring = tailoring_get_for_user(user=request.user, pk=pk)
    if request.POST.get("all") in {"accept", "reject"}:
        chosen = [edit["id"] for edit in tailoring.pending]
        accept, reject = (chosen, []) if request.POST["all"] == "accept" else ([], chosen)
    else:
        decisions = {edit["id"]: request.POST.get(f"decision-{edit['id']}") for edit in tailoring.pending}
        accept = [edit_id for edit_id, decision in decisions.items() if decision == "accept"]
        reject = [edit_id for edit_id, decision in decisions.items() if decision == "reject"]
    try:
        tailoring = tailoring_decide(tailoring=tailoring, accept=accept, reject=reject, by=request.user)
    except TailoringRefused as refused:
        messages.error(request, str(refused))
    else:
        if tailoring.result_version and accept:
            messages.success(request, f"Saved as version {tailoring.result_version} of “{tailoring.persona.title}”.")
    if tailoring.job_id is None:  # the job was deleted meanwhile
        return redirect("persona_detail", pk=tailoring.persona_id)
    return redirect(f"{reverse('apply', args=[tailoring.job_id])}?persona={tailoring.persona_id}#tailoring")


@login_required
@require_GET
@vary_on_headers("HX-Request")
def persona_feedback(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """The persona's review and latest fit: panels of its editor (loaded with htmx), or a page of their own."""
    persona = persona_get_for_user(user=request.user, pk=pk)
    context = {
        "persona": persona,
        "latest": persona_latest_number(persona),
        "review": review_panel_for_persona(persona=persona),
        "latest_fit": fit_latest_for_persona(persona=persona),
    }
    template = "gaps/persona_feedback.html#panels" if request.htmx else "gaps/persona_feedback.html"
    return render(request, template, context)


def _job_and_persona(request: AuthedRequest, job_id: uuid.UUID) -> tuple[JobPosting, Persona]:
    """The saved job and the persona chosen on its apply page, both the user's own (404 otherwise)."""
    job = posting_get_for_user(user=request.user, pk=job_id)
    persona_pk = _uuid_or_none(request.POST.get("persona"))
    if persona_pk is None:
        raise Http404("Choose one of your personas.")
    return job, persona_get_for_user(user=request.user, pk=persona_pk)


def _back_to_apply(job: JobPosting, persona: Persona, section: str) -> HttpResponse:
    return redirect(f"{reverse('apply', args=[job.pk])}?persona={persona.pk}#{section}")


@login_required
@require_POST
def apply_fit(request: AuthedRequest, job_id: uuid.UUID) -> HttpResponse:
    job, persona = _job_and_persona(request, job_id)
    gap_fit_request(persona=persona, posting=job, by=request.user)
    return _back_to_apply(job, persona, "fit")


@login_required
@require_POST
def apply_questions(request: AuthedRequest, job_id: uuid.UUID) -> HttpResponse:
    job, persona = _job_and_persona(request, job_id)
    questions_request(job=job, persona=persona, by=request.user)
    return _back_to_apply(job, persona, "questions")


@login_required
@require_POST
def apply_tailor(request: AuthedRequest, job_id: uuid.UUID) -> HttpResponse:
    job, persona = _job_and_persona(request, job_id)
    try:
        tailoring_request(persona=persona, job=job, by=request.user)
    except LimitReached as refused:
        messages.error(request, str(refused))
    return _back_to_apply(job, persona, "tailoring")


@login_required
@require_POST
def apply_letter(request: AuthedRequest, job_id: uuid.UUID) -> HttpResponse:
    job, persona = _job_and_persona(request, job_id)
    form = CoverLetterForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a tone and a length for the letter, then draft it again.")
        return _back_to_apply(job, persona, "letter")
    try:
        cover_letter_request(job=job, persona=persona, by=request.user, **form.cleaned_data)
    except LimitReached as refused:
        messages.error(request, str(refused))
    return _back_to_apply(job, persona, "letter")
