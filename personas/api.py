"""Personas and their versions over the API: the same services as the editor, scoped to the user."""

from __future__ import annotations

import uuid
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import api_user
from cvs.doubts import ReadingNotReviewed
from cvs.extract import schema_problem
from cvs.models import CV
from cvs.selectors import known_skills_for_user
from personaforge.core.api_pages import PagedAPIView
from personaforge.core.json_text import has_nul
from personas import sections, services
from personas.activity import persona_activate, persona_is_read_only, with_read_only
from personas.diff import diff_snapshots
from personas.models import Language
from personas.selectors import (
    persona_get_for_user,
    persona_list_for_user,
    version_get_for_persona,
    version_list_for_persona,
)


class PersonaOutput(serializers.Serializer):
    id = serializers.UUIDField()
    title = serializers.CharField()
    summary = serializers.CharField()
    tags = serializers.ListField(child=serializers.CharField())
    language = serializers.CharField()
    completeness = serializers.IntegerField(help_text="0-100: how much of what recruiters look for first it has.")
    translation_of = serializers.UUIDField(source="translation_of_id", allow_null=True)
    version = serializers.IntegerField(source="latest_version", help_text="Send it back as based_on when editing.")
    base_cv = serializers.UUIDField(source="base_cv_id", allow_null=True)
    read_only = serializers.BooleanField(  # type: ignore[assignment]  # a declared field, not Field.read_only
        help_text="True when the plan keeps fewer personas than the user has and this one is not among the active "
        "ones: it can be read and deleted, not edited, exported or shared, until it is activated (POST activate/)."
    )
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class PersonaDetailOutput(PersonaOutput):
    # DRF's metaclass takes declared fields off the class, so this does not hide Serializer.data.
    data = serializers.JSONField(help_text="The persona as a JSON Resume document, hidden items marked x-hidden.")  # type: ignore[assignment]
    shown = serializers.SerializerMethodField(help_text="The document as it is sent: hidden items left out.")

    def get_shown(self, persona: Any) -> dict[str, Any]:
        return sections.shown_data(persona.data)


class _Tags(serializers.ListField):
    child = serializers.CharField(max_length=50)
    max_length = 30


class PersonaCreateInput(serializers.Serializer):
    title = serializers.CharField(max_length=150)
    summary = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    tags = _Tags(required=False, default=list)
    language = serializers.ChoiceField(choices=Language.choices, default=Language.ENGLISH)
    base_cv = serializers.UUIDField(required=False, allow_null=True, default=None)
    knowledge = serializers.ListField(
        child=serializers.UUIDField(),
        required=False,
        default=list,
        max_length=500,
        help_text="Skills and tools of the knowledge base to add (their ids); nothing else of it is added.",
    )


class PersonaUpdateInput(serializers.Serializer):
    based_on = serializers.IntegerField(min_value=0, help_text="The version this edit was made on.")
    title = serializers.CharField(max_length=150, required=False)
    summary = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    tags = _Tags(required=False)
    language = serializers.ChoiceField(choices=Language.choices, required=False)
    data = serializers.JSONField(required=False, help_text="A whole JSON Resume document replacing the current one.")  # type: ignore[assignment]

    def validate_data(self, data: Any) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise serializers.ValidationError("Send the persona as a JSON Resume object.")
        if has_nul(data):
            raise serializers.ValidationError("The document contains null characters (\\u0000).")
        problem = schema_problem(data) or sections.document_problem(data)
        if problem:
            raise serializers.ValidationError(problem)
        try:
            sections.check_size(data)
        except sections.EditRefused as refused:
            raise serializers.ValidationError(str(refused)) from None
        return data


class VersionOutput(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()
    change_summary = serializers.CharField()
    created_by = serializers.EmailField(source="created_by.email", allow_null=True, default=None)
    created_at = serializers.DateTimeField()


class VersionDetailOutput(VersionOutput):
    snapshot = serializers.JSONField()


class ChangeOutput(serializers.Serializer):
    path = serializers.CharField()
    kind = serializers.CharField()
    before = serializers.JSONField(allow_null=True)
    after = serializers.JSONField(allow_null=True)


def _with_version(persona: Any) -> Any:
    persona.latest_version = services.persona_latest_number(persona)
    persona.read_only = persona_is_read_only(persona)
    return persona


class PersonaListView(PagedAPIView):
    @extend_schema(responses=PersonaOutput(many=True))
    def get(self, request: Request) -> Response:
        user = api_user(request)
        return self.page_of(request, with_read_only(persona_list_for_user(user=user), user=user), PersonaOutput)

    @extend_schema(request=PersonaCreateInput, responses={201: PersonaDetailOutput})
    def post(self, request: Request) -> Response:
        data = PersonaCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        cv_id = fields.pop("base_cv")
        base_cv = CV.objects.filter(user=api_user(request), pk=cv_id).first() if cv_id else None
        if cv_id and base_cv is None:  # someone else's CV is as absent as one that never existed
            return Response({"base_cv": ["No such CV."]}, status=status.HTTP_400_BAD_REQUEST)
        wanted = set(fields.pop("knowledge"))
        knowledge = list(known_skills_for_user(user=api_user(request)).filter(pk__in=wanted))
        if len(knowledge) != len(wanted):  # someone else's fact is as absent as one that never existed
            return Response(
                {"knowledge": ["No such skill or tool in your knowledge base."]}, status=status.HTTP_400_BAD_REQUEST
            )
        try:
            persona = services.persona_create(user=api_user(request), base_cv=base_cv, knowledge=knowledge, **fields)
        except ReadingNotReviewed as unreviewed:  # the client shows the CV's doubts, then marks them seen
            return Response({"base_cv": [str(unreviewed)]}, status=status.HTTP_400_BAD_REQUEST)
        return Response(PersonaDetailOutput(_with_version(persona)).data, status=status.HTTP_201_CREATED)


class PersonaDetailView(APIView):
    @extend_schema(responses=PersonaDetailOutput)
    def get(self, request: Request, pk: uuid.UUID) -> Response:
        return Response(PersonaDetailOutput(_with_version(persona_get_for_user(user=api_user(request), pk=pk))).data)

    @extend_schema(request=PersonaUpdateInput, responses={200: PersonaDetailOutput, 409: None})
    def patch(self, request: Request, pk: uuid.UUID) -> Response:
        persona = persona_get_for_user(user=api_user(request), pk=pk)
        data = PersonaUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = {"title": persona.title, "summary": persona.summary, "tags": persona.tags, **data.validated_data}
        try:
            services.persona_update(persona=persona, by=api_user(request), **fields)
        except services.StaleEdit as stale:
            return Response(
                {
                    "detail": f"This persona was saved elsewhere (now version {stale.latest}); nothing was changed. "
                    "Fetch it again and re-apply your edit.",
                    "version": stale.latest,
                },
                status=status.HTTP_409_CONFLICT,
            )
        persona.refresh_from_db()
        return Response(PersonaDetailOutput(_with_version(persona)).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: uuid.UUID) -> Response:
        services.persona_delete(persona=persona_get_for_user(user=api_user(request), pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class PersonaDuplicateView(APIView):
    @extend_schema(request=None, responses={201: PersonaDetailOutput})
    def post(self, request: Request, pk: uuid.UUID) -> Response:
        persona = persona_get_for_user(user=api_user(request), pk=pk)
        copy = services.persona_duplicate(persona=persona, by=api_user(request))
        return Response(PersonaDetailOutput(_with_version(copy)).data, status=status.HTTP_201_CREATED)


class PersonaActivateView(APIView):
    @extend_schema(
        request=None,
        responses={200: PersonaDetailOutput},
        description="Make this persona active; where the plan keeps fewer than the user has, the least recently "
        "worked on active one becomes read-only.",
    )
    def post(self, request: Request, pk: uuid.UUID) -> Response:
        persona = persona_get_for_user(user=api_user(request), pk=pk)
        persona_activate(persona=persona)
        return Response(PersonaDetailOutput(_with_version(persona)).data)


class VersionListView(PagedAPIView):
    @extend_schema(responses=VersionOutput(many=True))
    def get(self, request: Request, pk: uuid.UUID) -> Response:
        persona = persona_get_for_user(user=api_user(request), pk=pk)
        return self.page_of(request, version_list_for_persona(persona), VersionOutput)


class VersionDetailView(APIView):
    @extend_schema(responses=VersionDetailOutput)
    def get(self, request: Request, pk: uuid.UUID, number: int) -> Response:
        persona = persona_get_for_user(user=api_user(request), pk=pk)
        return Response(VersionDetailOutput(version_get_for_persona(persona=persona, number=number)).data)


class VersionDiffView(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("a", int, required=True), OpenApiParameter("b", int, required=True)],
        responses=ChangeOutput(many=True),
    )
    def get(self, request: Request, pk: uuid.UUID) -> Response:
        persona = persona_get_for_user(user=api_user(request), pk=pk)
        try:
            a, b = int(request.query_params["a"]), int(request.query_params["b"])
        except (KeyError, ValueError):
            return Response({"detail": "Give two version numbers: ?a=1&b=2."}, status=status.HTTP_400_BAD_REQUEST)
        old = version_get_for_persona(persona=persona, number=a)
        new = version_get_for_persona(persona=persona, number=b)
        return Response(ChangeOutput(diff_snapshots(old.snapshot, new.snapshot), many=True).data)


class VersionRestoreView(APIView):
    @extend_schema(request=None, responses={201: VersionOutput})
    def post(self, request: Request, pk: uuid.UUID, number: int) -> Response:
        persona = persona_get_for_user(user=api_user(request), pk=pk)
        version = version_get_for_persona(persona=persona, number=number)
        restored = services.persona_restore(persona=persona, version=version, by=api_user(request))
        return Response(VersionOutput(restored).data, status=status.HTTP_201_CREATED)
