"""The API of a team lead's reading of members' personas (notes and suggested edits, sharing with the team), and of
the personas shared with a team, for its members to read."""

from __future__ import annotations

import uuid
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import teams
from accounts.http import api_user
from personas import lead_notes, sections, team_shares
from personas.models import Persona
from personas.notes_api import LeadNoteOutput


class MemberPersonaOutput(serializers.Serializer):
    id = serializers.UUIDField()
    member = serializers.UUIDField(source="user_id")
    title = serializers.CharField()
    summary = serializers.CharField()
    updated_at = serializers.DateTimeField()


class MemberPersonaDetailOutput(MemberPersonaOutput):
    shown = serializers.SerializerMethodField(help_text="The persona as it is sent: hidden items left out.")

    def get_shown(self, persona: Persona) -> dict[str, Any]:
        return sections.shown_data(persona.data if isinstance(persona.data, dict) else {})


class LeadNoteInput(serializers.Serializer):
    comment = serializers.CharField(max_length=lead_notes.MAX_TEXT, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=[("", "none"), *lead_notes.SUGGESTIONS.items()], required=False, default="")
    path = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
        help_text="For a reworded highlight: work[i].highlights[j].",
    )
    after = serializers.CharField(max_length=lead_notes.MAX_TEXT, required=False, allow_blank=True, default="")


class TeamPersonaListView(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("member", uuid.UUID, required=False, description="One member's only.")],
        responses=MemberPersonaOutput(many=True),
    )
    def get(self, request: Request) -> Response:
        team = teams.team_of_lead(api_user(request))
        if team is None:
            raise NotFound("Only a team lead reads members' personas.")
        personas = Persona.objects.filter(user__team=team).exclude(user=team.owner).order_by("user__email", "title")
        try:
            if member := request.query_params.get("member"):
                personas = personas.filter(user_id=uuid.UUID(member))
        except ValueError:
            personas = personas.none()
        return Response(MemberPersonaOutput(personas.defer("data", "embedding")[:500], many=True).data)


class TeamPersonaDetailView(APIView):
    @extend_schema(responses=MemberPersonaDetailOutput)
    def get(self, request: Request, pk: uuid.UUID) -> Response:
        persona = lead_notes.persona_for_lead(lead=api_user(request), pk=pk)
        return Response(MemberPersonaDetailOutput(persona).data)


class TeamPersonaNotesView(APIView):
    @extend_schema(responses=LeadNoteOutput(many=True))
    def get(self, request: Request, pk: uuid.UUID) -> Response:
        persona = lead_notes.persona_for_lead(lead=api_user(request), pk=pk)
        return Response(LeadNoteOutput(lead_notes.notes_for_persona(persona)[:200], many=True).data)

    @extend_schema(request=LeadNoteInput, responses={201: LeadNoteOutput})
    def post(self, request: Request, pk: uuid.UUID) -> Response:
        lead = api_user(request)
        persona = lead_notes.persona_for_lead(lead=lead, pk=pk)
        given = LeadNoteInput(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            note = lead_notes.note_create(lead=lead, persona=persona, **given.validated_data)
        except lead_notes.NoteRefused as refused:
            return Response({"detail": str(refused)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(LeadNoteOutput(note).data, status=status.HTTP_201_CREATED)


class TeamPersonaShareView(APIView):
    """PUT shares a member's persona with the whole team to read; DELETE stops sharing it (the lead only)."""

    @extend_schema(request=None, responses={204: None})
    def put(self, request: Request, pk: uuid.UUID) -> Response:
        lead = api_user(request)
        team_shares.share_with_team(lead=lead, persona=lead_notes.persona_for_lead(lead=lead, pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: uuid.UUID) -> Response:
        lead = api_user(request)
        team_shares.unshare(lead=lead, persona=lead_notes.persona_for_lead(lead=lead, pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class TeamSharedListView(APIView):
    @extend_schema(responses=MemberPersonaOutput(many=True), description="Personas the lead shared with the team.")
    def get(self, request: Request) -> Response:
        shared = team_shares.shared_personas_for(api_user(request)).defer("data", "embedding")
        return Response(MemberPersonaOutput(shared[:500], many=True).data)


class TeamSharedDetailView(APIView):
    @extend_schema(responses=MemberPersonaDetailOutput)
    def get(self, request: Request, pk: uuid.UUID) -> Response:
        return Response(MemberPersonaDetailOutput(team_shares.shared_persona_get(user=api_user(request), pk=pk)).data)
