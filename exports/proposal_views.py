"""Applying as a group, for team leads: choose the job and the members' personas, get one PDF."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.http import AuthedRequest
from accounts.limits import LimitReached
from accounts.teams import team_of_lead
from exports import proposals
from exports.models import TeamProposal
from exports.services import ExportRefused
from gaps.models import JobPosting
from personaforge.core.jobs import job_working_on
from personas.lead_notes import NoteRefused
from personas.models import Persona
from templates_app.models import Template
from templates_app.selectors import templates_for_user


class ProposalForm(forms.Form):
    job = forms.ModelChoiceField(queryset=JobPosting.objects.none(), empty_label=None)
    personas = forms.ModelMultipleChoiceField(
        queryset=Persona.objects.none(), widget=forms.CheckboxSelectMultiple, label="Members' personas"
    )
    template = forms.ModelChoiceField(queryset=Template.objects.none(), empty_label=None, label="Template for the CVs")
    intro = forms.CharField(
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="About the team (the cover page)",
    )

    def __init__(self, *args: object, jobs: object, personas: object, templates: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["job"].queryset = jobs  # type: ignore[attr-defined]
        self.fields["personas"].queryset = personas  # type: ignore[attr-defined]
        self.fields["template"].queryset = templates  # type: ignore[attr-defined]
        self.fields["personas"].label_from_instance = lambda p: f"{p.user.display_name}: {p.title}"  # type: ignore[attr-defined]


@login_required
@require_http_methods(["GET", "POST"])
def team_proposals(request: AuthedRequest) -> HttpResponse:
    team = team_of_lead(request.user)
    if team is None:
        raise Http404("Only a team lead applies as a group.")
    form = ProposalForm(
        request.POST or None,
        jobs=JobPosting.objects.filter(user=request.user).order_by("-created_at"),
        personas=Persona.objects.filter(user__team=team).select_related("user").order_by("user__email", "title"),
        templates=templates_for_user(user=request.user, type="cv"),
    )
    status = 200
    if form.is_valid():
        try:
            chosen = form.cleaned_data
            proposal, _ = proposals.proposal_request(
                lead=request.user,
                job=chosen["job"],
                personas=list(chosen["personas"]),
                template=chosen["template"],
                intro=chosen["intro"],
            )
            if proposal.awaiting:
                messages.success(request, "Each member has been asked to agree; the PDF is made once they answer.")
            return redirect("team_proposals")
        except ExportRefused as refused:
            messages.error(request, str(refused))
            status = 400
    elif request.method == "POST":
        status = 400
    made = TeamProposal.objects.filter(team=team).select_related("job")[:30]
    context = {
        "team": team,
        "form": form,
        "proposals": [(p, job_working_on(user=request.user, subject=p)) for p in made],
    }
    return render(request, "exports/proposals.html", context, status=status)


@login_required
@require_POST
def proposal_make_now(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """The lead stops waiting for answers: the members who agreed go in."""
    try:
        proposals.proposal_make_now(proposal_id=pk, lead=request.user)
    except proposals.ConsentRefused as refused:
        messages.error(request, str(refused))
    return redirect("team_proposals")


@login_required
@require_POST
def proposal_tailor(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    """Suggest edits tailoring each asked member's persona to the proposal's job (they accept or decline each)."""
    try:
        count = proposals.proposal_tailor(proposal_id=pk, lead=request.user)
        messages.success(
            request,
            f"Tailoring {count} persona{'s' * (count != 1)} to the job: each member gets the "
            "suggested edits to accept or decline.",
        )
    except (proposals.ConsentRefused, LimitReached, NoteRefused) as refused:
        messages.error(request, str(refused))
    return redirect("team_proposals")


@login_required
@require_POST
def proposal_consent(request: AuthedRequest, pk: uuid.UUID, answer: str) -> HttpResponse:
    """A member agrees to (or declines) being in their lead's group application."""
    if answer not in ("agree", "decline"):
        raise Http404("No such answer.")
    try:
        proposals.proposal_consent(proposal_id=pk, member=request.user, agree=answer == "agree")
        messages.success(
            request,
            "Thank you: your lead sees your answer."
            if answer == "agree"
            else "Declined: your personas stay out of this application.",
        )
    except proposals.ConsentRefused as refused:
        messages.error(request, str(refused))
    return redirect("team")


@login_required
@require_GET
def proposal_download(request: AuthedRequest, pk: uuid.UUID) -> FileResponse:
    return proposal_file_response(proposals.proposal_get_for_lead(lead=request.user, pk=pk))


def proposal_file_response(proposal: TeamProposal) -> FileResponse:
    """The proposal's PDF as a download (the page's link and the API's), or 404 while it has none."""
    if not proposal.file:
        raise Http404("This proposal has no PDF (yet).")
    return FileResponse(proposal.file.open("rb"), as_attachment=True, filename=proposal.file.name.rsplit("/", 1)[-1])
