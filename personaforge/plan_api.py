"""The plan in the API: what it allows and what this month used of it (the plan page's figures)."""

from __future__ import annotations

from dataclasses import asdict

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import api_user
from personaforge.usage import usage_for


class LimitsOutput(serializers.Serializer):
    personas = serializers.IntegerField(allow_null=True, help_text="null: no limit")
    exports_per_month = serializers.IntegerField(allow_null=True)
    ai_calls_per_month = serializers.IntegerField(allow_null=True)
    own_templates = serializers.BooleanField()
    tailoring = serializers.BooleanField()
    team_seats = serializers.IntegerField()


class PlanOutput(serializers.Serializer):
    plan = serializers.CharField()
    trial_ends_at = serializers.DateTimeField(allow_null=True)
    limits = LimitsOutput(help_text="What the plan allows now (a trial or a team's plan included).")
    personas = serializers.IntegerField()
    exports_this_month = serializers.IntegerField()
    ai_calls_this_month = serializers.IntegerField()
    own_templates = serializers.IntegerField()


class PlanView(APIView):
    """The user's plan, what it allows and what this month used of it (the plan page)."""

    @extend_schema(responses=PlanOutput)
    def get(self, request: Request) -> Response:
        user = api_user(request)
        usage = usage_for(user=user)
        return Response(PlanOutput({**asdict(usage), "plan": user.plan, "trial_ends_at": user.trial_ends_at}).data)
