"""Exports over the API: queue one, follow it, download its file; all scoped to the user."""

from __future__ import annotations

import uuid

from django.http import FileResponse
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import api_user
from exports import services
from exports.models import Export, ExportFormat
from exports.selectors import export_get_for_user, export_get_to_download, exports_for_user
from exports.views import export_file_response
from gaps.selectors import cover_letter_get_for_user
from personaforge.core.api_fields import QueuedWork
from personaforge.core.api_pages import PagedAPIView
from personas.selectors import persona_get_for_user
from templates_app.selectors import template_get_for_user


class ExportOutput(serializers.ModelSerializer):
    persona_version = serializers.IntegerField(source="persona_version.number", allow_null=True, default=None)
    download = serializers.SerializerMethodField(
        help_text="The file, for its owner, once status is done (null again once the file is no longer kept)."
    )

    class Meta:
        model = Export
        fields = [
            "id",
            "persona",
            "persona_version",
            "cover_letter",
            "template",
            "template_name",
            "format",
            "config",
            "status",
            "error",
            "ats",
            "download",
            "created_at",
        ]
        read_only_fields = fields

    def get_download(self, export: Export) -> str | None:
        return (
            reverse("api_export_download", args=[export.pk])
            if export.status == Export.Status.DONE and export.file
            else None
        )


class ExportCreateInput(serializers.Serializer):
    persona = serializers.UUIDField()
    template = serializers.UUIDField()
    format = serializers.ChoiceField(choices=ExportFormat.choices)
    config = serializers.JSONField(required=False, help_text="accent, font, page_size, sections, heading_language")
    cover_letter = serializers.UUIDField(required=False, help_text="Export this letter instead of the CV.")


class ExportQueuedOutput(QueuedWork):
    export = ExportOutput()


class ExportListView(PagedAPIView):
    @extend_schema(responses=ExportOutput(many=True))
    def get(self, request: Request) -> Response:
        exports = exports_for_user(user=api_user(request))
        return self.page_of(request, exports, ExportOutput)

    @extend_schema(request=ExportCreateInput, responses={202: ExportQueuedOutput})
    def post(self, request: Request) -> Response:
        user = api_user(request)
        given = ExportCreateInput(data=request.data)
        given.is_valid(raise_exception=True)
        values = given.validated_data
        persona = persona_get_for_user(user=user, pk=values["persona"])
        template = template_get_for_user(user=user, pk=values["template"])
        letter = cover_letter_get_for_user(user=user, pk=values["cover_letter"]) if "cover_letter" in values else None
        if letter is not None and letter.persona_id != persona.pk:
            return Response({"cover_letter": ["This letter was written from another persona."]}, status=400)
        try:
            export, background = services.export_request(
                user=user,
                persona=persona,
                template=template,
                format=values["format"],
                config=values.get("config"),
                letter=letter,
            )
        except services.ExportRefused as refused:
            return Response({"detail": str(refused)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(ExportQueuedOutput({"export": export, "background_job": background.pk}).data, status=202)


class ExportDetailView(APIView):
    @extend_schema(responses=ExportOutput)
    def get(self, request: Request, pk: uuid.UUID) -> Response:
        return Response(ExportOutput(export_get_for_user(user=api_user(request), pk=pk)).data)


class ExportDownloadView(APIView):
    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    def get(self, request: Request, pk: uuid.UUID) -> FileResponse:
        return export_file_response(export_get_to_download(user=api_user(request), pk=pk))
