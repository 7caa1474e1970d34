"""The team in the API: what the /team pages show a lead and a member, scoped to the caller's own team."""

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
from accounts.models import TeamInvitation, User
from accounts.selectors import member_get_for_lead, team_get_for_lead
from personas import lead_notes, sections, team_shares
from personas.models import Persona
from personas.notes_api import LeadNoteOutput


class MemberOutput(serializers.Serializer):
    id = serializers.UUIDField()
    email = serializers.EmailField()
    name = serializers.CharField(source="display_name")


class TeamOutput(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    lead = MemberOutput(source="owner")
    is_lead = serializers.BooleanField(help_text="True for the team's lead on the Team plan.")
    ask_consent = serializers.BooleanField(help_text="Members agree before their persona goes into a proposal.")
    members = MemberOutput(many=True, help_text="Everyone in the team, as the team page lists them to each member.")


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


class TeamCreateInput(serializers.Serializer):
    name = serializers.CharField(max_length=150)


class TeamSettingsInput(serializers.Serializer):
    ask_consent = serializers.BooleanField()


def _team_output(user: User) -> Response:
    team = user.team
    if team is None:
        raise NotFound("You are not in a team.")
    is_lead = teams.team_of_lead(user) == team
    members = team.members.order_by("email")
    return Response(
        TeamOutput(
            {
                "id": team.pk,
                "name": team.name,
                "owner": team.owner,
                "is_lead": is_lead,
                "ask_consent": team.ask_consent,
                "members": members,
            }
        ).data
    )


def _refused(refused: Exception) -> Response:
    return Response({"detail": str(refused)}, status=status.HTTP_400_BAD_REQUEST)


class TeamView(APIView):
    @extend_schema(responses={200: TeamOutput})
    def get(self, request: Request) -> Response:
        return _team_output(api_user(request))

    @extend_schema(request=TeamCreateInput, responses={201: TeamOutput})
    def post(self, request: Request) -> Response:
        given = TeamCreateInput(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            teams.team_create(user=api_user(request), name=given.validated_data["name"])
        except teams.TeamRefused as refused:
            return _refused(refused)
        response = _team_output(api_user(request))
        response.status_code = status.HTTP_201_CREATED
        return response

    @extend_schema(request=TeamSettingsInput, responses={200: TeamOutput})
    def patch(self, request: Request) -> Response:
        user = api_user(request)
        given = TeamSettingsInput(data=request.data)
        given.is_valid(raise_exception=True)
        teams.team_settings(team=team_get_for_lead(lead=user), by=user, ask_consent=given.validated_data["ask_consent"])
        user.refresh_from_db()
        return _team_output(user)


class InvitationOutput(serializers.Serializer):
    id = serializers.UUIDField()
    email = serializers.EmailField()
    expires_at = serializers.DateTimeField()


class InvitationInput(serializers.Serializer):
    email = serializers.CharField(max_length=254)


class JoinInput(serializers.Serializer):
    token = serializers.CharField(max_length=100, help_text="The token at the end of the invitation's link.")


class TeamInvitationListView(APIView):
    @extend_schema(responses=InvitationOutput(many=True))
    def get(self, request: Request) -> Response:
        waiting = team_get_for_lead(lead=api_user(request)).invitations.filter(accepted_at=None).order_by("-created_at")
        return Response(InvitationOutput(waiting[:100], many=True).data)

    @extend_schema(
        request=InvitationInput,
        responses={201: InvitationOutput},
        description="Emails the invitation, with a link that works once, for a week.",
    )
    def post(self, request: Request) -> Response:
        user = api_user(request)
        given = InvitationInput(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            invitation = teams.invitation_create(
                team=team_get_for_lead(lead=user),
                email=given.validated_data["email"],
                by=user,
                site=request.build_absolute_uri("/"),
            )
        except teams.TeamRefused as refused:
            return _refused(refused)
        return Response(InvitationOutput(invitation).data, status=status.HTTP_201_CREATED)


class TeamInvitationDetailView(APIView):
    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: uuid.UUID) -> Response:
        deleted, _ = TeamInvitation.objects.filter(
            pk=pk, team=team_get_for_lead(lead=api_user(request)), accepted_at=None
        ).delete()
        if not deleted:
            raise NotFound("No such invitation.")
        return Response(status=status.HTTP_204_NO_CONTENT)


class TeamJoinView(APIView):
    @extend_schema(request=JoinInput, responses={200: TeamOutput})
    def post(self, request: Request) -> Response:
        user = api_user(request)
        given = JoinInput(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            teams.invitation_accept(raw=given.validated_data["token"], user=user)
        except teams.TeamRefused as refused:
            return _refused(refused)
        user.refresh_from_db()
        return _team_output(user)


class TeamMemberActionView(APIView):
    """remove/: the member leaves at once, keeping their data; lead/: the member becomes the team's lead."""

    action = ""

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request, pk: uuid.UUID) -> Response:
        lead = api_user(request)
        team, member = member_get_for_lead(lead=lead, pk=pk)
        try:
            if self.action == "remove":
                teams.member_remove(team=team, member=member, by=lead)
            else:
                teams.lead_transfer(team=team, new_lead=member, by=lead)
        except teams.TeamRefused as refused:
            return _refused(refused)
        return Response(status=status.HTTP_204_NO_CONTENT)


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
