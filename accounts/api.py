from __future__ import annotations

from typing import cast

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import services
from accounts.models import User


class MeOutput(serializers.Serializer):
    id = serializers.UUIDField()
    email = serializers.EmailField()
    name = serializers.CharField()
    plan = serializers.CharField()
    team = serializers.UUIDField(source="team_id", allow_null=True)
    created_at = serializers.DateTimeField()


class MeInput(serializers.Serializer):
    name = serializers.CharField(max_length=150, allow_blank=True)


class MeView(APIView):
    """The signed-in user."""

    @extend_schema(responses=MeOutput)
    def get(self, request: Request) -> Response:
        return Response(MeOutput(request.user).data)

    @extend_schema(request=MeInput, responses=MeOutput)
    def patch(self, request: Request) -> Response:
        data = MeInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_update_profile(user=cast(User, request.user), name=data.validated_data["name"])
        return Response(MeOutput(user).data)
