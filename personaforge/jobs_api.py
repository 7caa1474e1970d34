"""A background job in the API: what the page's progress bar shows, for a client polling a job id it was given."""

from __future__ import annotations

import uuid

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import api_user
from personaforge.core.jobs import job_get_for_user
from personaforge.core.models import BackgroundJob


class BackgroundJobOutput(serializers.ModelSerializer):
    class Meta:
        model = BackgroundJob
        fields = ["id", "kind", "subject_id", "status", "progress", "message", "error", "created_at", "finished_at"]


class BackgroundJobView(APIView):
    @extend_schema(responses=BackgroundJobOutput)
    def get(self, request: Request, pk: uuid.UUID) -> Response:
        return Response(BackgroundJobOutput(job_get_for_user(user=api_user(request), pk=pk)).data)
