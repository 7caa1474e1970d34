"""CVs and the knowledge base over the API: the same services as the pages, scoped to the user."""

from __future__ import annotations

import uuid

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import api_user
from cvs import services
from cvs.doubts import reading_doubts
from cvs.forms import validate_cv_file
from cvs.models import CV, KnowledgeType
from cvs.selectors import cv_get_for_user, cv_list_for_user, kb_get_for_user, kb_list_for_user
from personaforge.core.api_fields import QueuedWork
from personaforge.core.api_pages import PagedAPIView


class CVOutput(serializers.Serializer):
    id = serializers.UUIDField()
    filename = serializers.CharField()
    size = serializers.IntegerField()
    status = serializers.CharField()
    error = serializers.CharField()
    created_at = serializers.DateTimeField()


class DoubtOutput(serializers.Serializer):
    where = serializers.CharField(help_text="The part of the profile: Name, Experience 2, Education 1, Skills.")
    value = serializers.CharField()
    reason = serializers.CharField()


class CVDetailOutput(CVOutput):
    raw_text = serializers.CharField()
    profile = serializers.JSONField(source="parsed_json")
    doubts = serializers.SerializerMethodField(help_text="What in the reading we are unsure of, to show first.")
    review_seen_at = serializers.DateTimeField(
        allow_null=True,
        help_text="When the user looked the doubts over (POST review-seen/); a persona is made from a reading "
        "with doubts only after that.",
    )

    @extend_schema_field(DoubtOutput(many=True))
    def get_doubts(self, cv: CV) -> list[dict[str, str]]:
        if cv.status != cv.Status.PARSED:
            return []
        return [vars(doubt) for doubt in reading_doubts(cv.parsed_json or {})]


class CVUploadInput(serializers.Serializer):
    file = serializers.FileField(validators=[validate_cv_file])


class QueuedOutput(QueuedWork):
    cv = CVOutput()


class CVListView(PagedAPIView):
    parser_classes = [MultiPartParser]

    @extend_schema(responses=CVOutput(many=True))
    def get(self, request: Request) -> Response:
        return self.page_of(request, cv_list_for_user(user=api_user(request)), CVOutput)

    @extend_schema(request=CVUploadInput, responses={202: QueuedOutput})
    def post(self, request: Request) -> Response:
        data = CVUploadInput(data=request.data)
        data.is_valid(raise_exception=True)
        cv, job = services.cv_upload(user=api_user(request), file=data.validated_data["file"])
        return Response(QueuedOutput({"cv": cv, "background_job": job.pk}).data, status=status.HTTP_202_ACCEPTED)


class CVDetailView(APIView):
    @extend_schema(responses=CVDetailOutput)
    def get(self, request: Request, pk: uuid.UUID) -> Response:
        return Response(CVDetailOutput(cv_get_for_user(user=api_user(request), pk=pk)).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: uuid.UUID) -> Response:
        services.cv_delete(cv=cv_get_for_user(user=api_user(request), pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class CVReparseView(APIView):
    @extend_schema(request=None, responses={202: QueuedOutput})
    def post(self, request: Request, pk: uuid.UUID) -> Response:
        cv = cv_get_for_user(user=api_user(request), pk=pk)
        job = services.cv_reread(cv=cv)
        return Response(QueuedOutput({"cv": cv, "background_job": job.pk}).data, status=status.HTTP_202_ACCEPTED)


class CVReviewSeenView(APIView):
    """The user has looked over the reading's doubts (as the review page shows them): a persona may be made from it."""

    @extend_schema(request=None, responses=CVDetailOutput)
    def post(self, request: Request, pk: uuid.UUID) -> Response:
        cv = cv_get_for_user(user=api_user(request), pk=pk)
        services.cv_review_seen(cv=cv)
        return Response(CVDetailOutput(cv).data)


class FactOutput(serializers.Serializer):
    id = serializers.UUIDField()
    type = serializers.CharField()
    value = serializers.CharField()
    # DRF's metaclass takes declared fields off the class, so this does not clash with Field.source.
    source = serializers.CharField()  # type: ignore[assignment]
    cv = serializers.UUIDField(source="cv_id", allow_null=True)
    evidence = serializers.CharField()
    created_at = serializers.DateTimeField()


class FactInput(serializers.Serializer):
    type = serializers.ChoiceField(choices=KnowledgeType.choices)
    value = serializers.CharField(max_length=200)


def _refused(error: services.FactRefused) -> Response:
    return Response({"value": [str(error)]}, status=status.HTTP_400_BAD_REQUEST)


class KnowledgeListView(PagedAPIView):
    @extend_schema(responses=FactOutput(many=True))
    def get(self, request: Request) -> Response:
        kind = request.query_params.get("type")
        return self.page_of(request, kb_list_for_user(user=api_user(request), type=kind), FactOutput)

    @extend_schema(request=FactInput, responses={201: FactOutput})
    def post(self, request: Request) -> Response:
        data = FactInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            entry = services.kb_entry_create(user=api_user(request), **data.validated_data)
        except services.FactRefused as error:
            return _refused(error)
        return Response(FactOutput(entry).data, status=status.HTTP_201_CREATED)


class KnowledgeDetailView(APIView):
    @extend_schema(responses=FactOutput)
    def get(self, request: Request, pk: uuid.UUID) -> Response:
        return Response(FactOutput(kb_get_for_user(user=api_user(request), pk=pk)).data)

    @extend_schema(request=FactInput, responses=FactOutput)
    def put(self, request: Request, pk: uuid.UUID) -> Response:
        entry = kb_get_for_user(user=api_user(request), pk=pk)
        data = FactInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            entry = services.kb_entry_update(entry=entry, **data.validated_data)
        except services.FactRefused as error:
            return _refused(error)
        return Response(FactOutput(entry).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: uuid.UUID) -> Response:
        kb_get_for_user(user=api_user(request), pk=pk).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
