from __future__ import annotations

import uuid
from typing import cast

from django.http import FileResponse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import data, services
from accounts.forms import DeleteAccountForm
from accounts.http import api_user
from accounts.models import ApiToken, Language, User
from accounts.selectors import token_get_for_user
from accounts.tokens import TokenRefused, token_create, token_revoke
from accounts.views import archive_file_response
from personaforge.core.api_fields import QueuedWork
from personaforge.core.jobs import job_get_for_user


class MeOutput(serializers.Serializer):
    id = serializers.UUIDField()
    email = serializers.EmailField()
    name = serializers.CharField()
    plan = serializers.CharField()
    language = serializers.CharField(help_text="The language of the emails we send: en, de, fr or es.")
    team = serializers.UUIDField(source="team_id", allow_null=True)
    created_at = serializers.DateTimeField()


class MeInput(serializers.Serializer):
    name = serializers.CharField(max_length=150, allow_blank=True)
    language = serializers.ChoiceField(choices=Language.choices, required=False)


class MeView(APIView):
    """The signed-in user."""

    @extend_schema(responses=MeOutput)
    def get(self, request: Request) -> Response:
        return Response(MeOutput(request.user).data)

    @extend_schema(request=MeInput, responses=MeOutput)
    def patch(self, request: Request) -> Response:
        data = MeInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_update_profile(user=cast(User, request.user), **data.validated_data)
        return Response(MeOutput(user).data)


class TokenOutput(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "last_used_at", "revoked_at"]


class TokenCreatedOutput(TokenOutput):
    token = serializers.CharField(help_text="The token itself: shown this once, never again.")

    class Meta(TokenOutput.Meta):
        fields = [*TokenOutput.Meta.fields, "token"]


class TokenInput(serializers.Serializer):
    name = serializers.CharField(max_length=100)


class TokenListView(APIView):
    @extend_schema(responses=TokenOutput(many=True))
    def get(self, request: Request) -> Response:
        return Response(TokenOutput(ApiToken.objects.filter(user=api_user(request))[:100], many=True).data)

    @extend_schema(request=TokenInput, responses={201: TokenCreatedOutput})
    def post(self, request: Request) -> Response:
        given = TokenInput(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            token, raw = token_create(user=api_user(request), name=given.validated_data["name"])
        except TokenRefused as refused:
            return Response({"detail": str(refused)}, status=status.HTTP_400_BAD_REQUEST)
        token.token = raw  # type: ignore[attr-defined]
        return Response(TokenCreatedOutput(token).data, status=status.HTTP_201_CREATED)


class TokenDetailView(APIView):
    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: uuid.UUID) -> Response:
        token_revoke(token=token_get_for_user(user=api_user(request), pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ArchiveQueuedOutput(QueuedWork):
    """Poll the background job until it succeeds, then download the archive."""


class DeletionInput(serializers.Serializer):
    confirm = serializers.CharField(max_length=254, help_text="The account's email address, to confirm.")


class DeletionOutput(serializers.Serializer):
    deletion_due_at = serializers.DateTimeField(allow_null=True)


class AccountArchiveView(APIView):
    @extend_schema(
        request=None,
        responses={202: ArchiveQueuedOutput},
        description="A zip of everything of the user's, made in the worker.",
    )
    def post(self, request: Request) -> Response:
        job = data.account_archive_request(user=api_user(request))
        return Response(ArchiveQueuedOutput({"background_job": job.pk}).data, status=status.HTTP_202_ACCEPTED)


class AccountArchiveDownloadView(APIView):
    @extend_schema(responses={(200, "application/zip"): bytes})
    def get(self, request: Request, pk: uuid.UUID) -> FileResponse:
        return archive_file_response(job_get_for_user(user=api_user(request), pk=pk))


class AccountDeletionView(APIView):
    """POST schedules the account's deletion after the grace period; DELETE cancels it."""

    @extend_schema(request=DeletionInput, responses={200: DeletionOutput})
    def post(self, request: Request) -> Response:
        user = api_user(request)
        given = DeletionInput(data=request.data)
        given.is_valid(raise_exception=True)
        confirmed = DeleteAccountForm(given.validated_data, email=user.email)  # the account page's own check
        if not confirmed.is_valid():
            return Response(confirmed.errors, status=status.HTTP_400_BAD_REQUEST)
        return Response(DeletionOutput(data.account_deletion_schedule(user=user)).data)

    @extend_schema(responses={200: DeletionOutput})
    def delete(self, request: Request) -> Response:
        return Response(DeletionOutput(data.account_deletion_cancel(user=api_user(request))).data)
