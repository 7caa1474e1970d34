"""Applying as a group in the API: what /team/proposals does for a lead, and the answer a member gives."""

from __future__ import annotations

import uuid

from django.http import FileResponse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import api_user
from accounts.teams import team_of_lead
from exports import proposals
from exports.models import TeamProposal
from exports.proposal_views import proposal_file_response
from exports.services import ExportRefused
from gaps.selectors import posting_get_for_user
from personas.lead_notes import NoteRefused
from personas.models import Persona
from templates_app.selectors import template_get_for_user


class ProposalMemberOutput(serializers.Serializer):
    persona = serializers.UUIDField()
    member = serializers.UUIDField(required=False)
    name = serializers.CharField()
    consent = serializers.CharField(required=False, help_text="asked, given, declined, not needed or no answer")
    version = serializers.IntegerField(allow_null=True, required=False, help_text="The version the PDF was made from")


class ProposalOutput(serializers.ModelSerializer):
    members = ProposalMemberOutput(many=True)
    job_title = serializers.CharField(source="job.title")

    class Meta:
        model = TeamProposal
        fields = ["id", "job", "job_title", "template", "intro", "members", "awaiting", "status", "error", "created_at"]


class ProposalInput(serializers.Serializer):
    job = serializers.UUIDField()
    personas = serializers.ListField(child=serializers.UUIDField(), min_length=1, max_length=proposals.MAX_MEMBERS)
    template = serializers.UUIDField()
    intro = serializers.CharField(max_length=3000, required=False, allow_blank=True, default="")


class ConsentInput(serializers.Serializer):
    agree = serializers.BooleanField()


class ProposalListView(APIView):
    @extend_schema(responses=ProposalOutput(many=True))
    def get(self, request: Request) -> Response:
        team = team_of_lead(api_user(request))
        if team is None:
            raise NotFound("Only a team lead applies as a group.")
        return Response(
            ProposalOutput(TeamProposal.objects.filter(team=team).select_related("job")[:100], many=True).data
        )

    @extend_schema(request=ProposalInput, responses={201: ProposalOutput})
    def post(self, request: Request) -> Response:
        lead = api_user(request)
        given = ProposalInput(data=request.data)
        given.is_valid(raise_exception=True)
        values = given.validated_data
        team = team_of_lead(lead)
        chosen = list(Persona.objects.filter(pk__in=values["personas"], user__team=team).select_related("user"))
        if team is None or len(chosen) != len(set(values["personas"])):
            raise NotFound("Only your team members' personas can go into a proposal.")
        try:
            proposal, _ = proposals.proposal_request(
                lead=lead,
                job=posting_get_for_user(user=lead, pk=values["job"]),
                personas=chosen,
                template=template_get_for_user(user=lead, pk=values["template"]),
                intro=values["intro"],
            )
        except ExportRefused as refused:
            return Response({"detail": str(refused)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(ProposalOutput(proposal).data, status=status.HTTP_201_CREATED)


class ProposalConsentView(APIView):
    @extend_schema(
        request=ConsentInput,
        responses={200: ProposalOutput, 409: None},
        description="A member asked to be in the proposal agrees or declines.",
    )
    def post(self, request: Request, pk: uuid.UUID) -> Response:
        given = ConsentInput(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            proposal = proposals.proposal_consent(
                proposal_id=pk, member=api_user(request), agree=given.validated_data["agree"]
            )
        except proposals.ConsentRefused as refused:
            return Response({"detail": str(refused)}, status=status.HTTP_409_CONFLICT)
        return Response(ProposalOutput(proposal).data)


class ProposalMakeNowView(APIView):
    @extend_schema(
        request=None,
        responses={200: ProposalOutput, 409: None},
        description="The lead stops waiting: the members who agreed go in.",
    )
    def post(self, request: Request, pk: uuid.UUID) -> Response:
        try:
            proposal = proposals.proposal_make_now(proposal_id=pk, lead=api_user(request))
        except proposals.ConsentRefused as refused:
            return Response({"detail": str(refused)}, status=status.HTTP_409_CONFLICT)
        return Response(ProposalOutput(proposal).data)


class ProposalTailorView(APIView):
    @extend_schema(
        request=None,
        responses={202: ProposalOutput, 409: None},
        description="Tailor each asked member's persona to the job; each edit reaches them as a note.",
    )
    def post(self, request: Request, pk: uuid.UUID) -> Response:
        try:
            proposals.proposal_tailor(proposal_id=pk, lead=api_user(request))
        except (proposals.ConsentRefused, NoteRefused) as refused:
            return Response({"detail": str(refused)}, status=status.HTTP_409_CONFLICT)
        proposal = proposals.proposal_get_for_lead(lead=api_user(request), pk=pk)
        return Response(ProposalOutput(proposal).data, status=status.HTTP_202_ACCEPTED)


class ProposalDownloadView(APIView):
    @extend_schema(responses={(200, "application/pdf"): bytes})
    def get(self, request: Request, pk: uuid.UUID) -> FileResponse:
        return proposal_file_response(proposals.proposal_get_for_lead(lead=api_user(request), pk=pk))
