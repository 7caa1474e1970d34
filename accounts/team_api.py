"""The team in the API: what the /team pages show a lead and a member, scoped to the caller's own team."""

from __future__ import annotations

import uuid

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import teams
from accounts.http import api_user
from accounts.models import TeamInvitation, User
from accounts.selectors import member_get_for_lead, team_get_for_lead


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
