"""Gap reports over the API: the same services as the persona page, scoped to the user through the persona."""

from __future__ import annotations

import uuid
from typing import cast

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from gaps.models import GapReport
from gaps.selectors import gap_report_get_for_persona, gap_reports_for_persona
from gaps.services import gap_review_request
from personas.selectors import persona_get_for_user


class IssueOutput(serializers.Serializer):
    field = serializers.CharField(help_text="Where in the persona's document: work[2].highlights[1], basics.email…")
    severity = serializers.ChoiceField(choices=["high", "medium", "low"])
    check = serializers.CharField(help_text="The rule that found it.")
    suggestion = serializers.CharField()


class GapReportOutput(serializers.Serializer):
    id = serializers.UUIDField()
    type = serializers.CharField()
    status = serializers.CharField(help_text="queued, running, succeeded or failed.")
    error = serializers.CharField(help_text="Why the report failed.")
    version_number = serializers.IntegerField(allow_null=True, help_text="The persona version analysed.")
    fit_score = serializers.IntegerField(allow_null=True)
    issues = IssueOutput(many=True)
    provider = serializers.CharField()
    created_at = serializers.DateTimeField()


class GapReportCreateInput(serializers.Serializer):
    type = serializers.ChoiceField(
        choices=[GapReport.Type.GENERAL], default=GapReport.Type.GENERAL, help_text="general: a review of the persona."
    )


class GapReportQueuedOutput(serializers.Serializer):
    report = GapReportOutput()
    job = serializers.UUIDField(help_text="Poll the report until its status is succeeded or failed.")


def _user(request: Request) -> User:
    return cast(User, request.user)


class GapReportListView(APIView):
    @extend_schema(responses=GapReportOutput(many=True))
    def get(self, request: Request, pk: uuid.UUID) -> Response:
        persona = persona_get_for_user(user=_user(request), pk=pk)
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(gap_reports_for_persona(persona=persona), request, view=self)
        return paginator.get_paginated_response(GapReportOutput(page, many=True).data)

    @extend_schema(request=GapReportCreateInput, responses={202: GapReportQueuedOutput})
    def post(self, request: Request, pk: uuid.UUID) -> Response:
        persona = persona_get_for_user(user=_user(request), pk=pk)
        GapReportCreateInput(data=request.data).is_valid(raise_exception=True)
        report, job = gap_review_request(persona=persona, by=_user(request))
        return Response(GapReportQueuedOutput({"report": report, "job": job.pk}).data, status=status.HTTP_202_ACCEPTED)


class GapReportDetailView(APIView):
    @extend_schema(responses=GapReportOutput)
    def get(self, request: Request, pk: uuid.UUID, report_pk: uuid.UUID) -> Response:
        persona = persona_get_for_user(user=_user(request), pk=pk)
        return Response(GapReportOutput(gap_report_get_for_persona(persona=persona, pk=report_pk)).data)
