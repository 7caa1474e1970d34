"""Importing a job in the API: from a link (read in the worker: poll the import) or a page's HTML, then saved with
the fields checked."""

from __future__ import annotations

import uuid

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import api_user
from gaps.api import JobInput, JobOutput
from gaps.models import JobImport
from gaps.postings import imports as job_imports
from gaps.postings.imports import MAX_UPLOAD_BYTES
from gaps.postings.text import JobTextRefused
from gaps.selectors import job_import_get_for_user
from personaforge.core.api_fields import MaybeQueuedWork


class JobImportOutput(serializers.ModelSerializer):
    extracted = serializers.JSONField(
        source="fields",
        help_text="What was read: title, company, location, workplace, employment_type, "
        "salary_min/max/currency/period, description, and source (json-ld, page or pdf: the last two worth a check).",
    )

    class Meta:
        model = JobImport
        fields = ["id", "url", "status", "extracted", "error", "job", "created_at"]


class JobImportInput(serializers.Serializer):
    url = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    html = serializers.CharField(
        max_length=MAX_UPLOAD_BYTES,
        required=False,
        allow_blank=True,
        default="",
        help_text="A page's HTML, read at once (instead of a link).",
    )


class JobImportQueuedOutput(MaybeQueuedWork):
    job_import = JobImportOutput()


class JobImportCreateView(APIView):
    @extend_schema(request=JobImportInput, responses={202: JobImportQueuedOutput, 201: JobImportQueuedOutput})
    def post(self, request: Request) -> Response:
        given = JobImportInput(data=request.data)
        given.is_valid(raise_exception=True)
        user, values = api_user(request), given.validated_data
        try:
            if values["html"].strip():
                job_import, background = job_imports.job_import_from_html(user=user, html=values["html"]), None
            else:
                job_import, background = job_imports.job_import_from_link(user=user, url=values["url"])
        except job_imports.ImportRefused as refused:
            return Response({"detail": str(refused)}, status=status.HTTP_400_BAD_REQUEST)
        output = JobImportQueuedOutput(
            {"job_import": job_import, "background_job": background.pk if background else None}
        )
        return Response(output.data, status=status.HTTP_201_CREATED if background is None else status.HTTP_202_ACCEPTED)


class JobImportDetailView(APIView):
    @extend_schema(responses=JobImportOutput)
    def get(self, request: Request, pk: uuid.UUID) -> Response:
        return Response(JobImportOutput(job_import_get_for_user(user=api_user(request), pk=pk)).data)


class JobImportSaveView(APIView):
    @extend_schema(
        request=JobInput,
        responses={201: JobOutput, 409: None},
        description="Save the checked posting as a job; the link it came from is kept.",
    )
    def post(self, request: Request, pk: uuid.UUID) -> Response:
        job_import = job_import_get_for_user(user=api_user(request), pk=pk)
        if job_import.status != JobImport.Status.SUCCEEDED or job_import.job_id is not None:
            return Response({"detail": "This import has nothing to save (not read yet, failed, or saved)."}, status=409)
        given = JobInput(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            job = job_imports.job_import_save(job_import=job_import, fields=given.validated_data)
        except JobTextRefused as refused:
            return Response({"description": [str(refused)]}, status=status.HTTP_400_BAD_REQUEST)
        except job_imports.ImportRefused as refused:
            return Response({"detail": str(refused)}, status=status.HTTP_409_CONFLICT)
        return Response(JobOutput(job).data, status=status.HTTP_201_CREATED)
