"""Templates over the API: built-in ones to list, one's own to write, read, change, delete and preview."""

from __future__ import annotations

import uuid

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import api_user
from personas.selectors import persona_get_for_user
from templates_app import services
from templates_app.models import Template
from templates_app.rendering import builtin_of
from templates_app.sandbox import MAX_SOURCE_CHARS, TemplateRefused
from templates_app.selectors import own_template_get_for_user, template_get_for_user, templates_for_user


class TemplateOutput(serializers.ModelSerializer):
    builtin = serializers.SerializerMethodField(help_text="Built-in templates' key; null for one's own.")
    description = serializers.SerializerMethodField()

    class Meta:
        model = Template
        fields = [
            "id",
            "name",
            "type",
            "engine",
            "config",
            "body",
            "builtin",
            "description",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_builtin(self, template: Template) -> str | None:
        builtin = builtin_of(template)
        return builtin.slug if builtin else None

    def get_description(self, template: Template) -> str:
        builtin = builtin_of(template)
        return builtin.description if builtin else ""


class TemplateCreateInput(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    type = serializers.ChoiceField(choices=Template.Type.choices)
    engine = serializers.ChoiceField(choices=Template.Engine.choices)
    body = serializers.CharField(
        max_length=MAX_SOURCE_CHARS,
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text="Empty: an example to start from.",
    )


class TemplateEditInput(serializers.Serializer):
    name = serializers.CharField(max_length=150, required=False)
    body = serializers.CharField(max_length=MAX_SOURCE_CHARS, required=False, trim_whitespace=False)
    config = serializers.JSONField(required=False, help_text="accent, font, page_size, sections, photo, ...")


class PreviewInput(serializers.Serializer):
    persona = serializers.UUIDField()
    body = serializers.CharField(
        max_length=MAX_SOURCE_CHARS,
        required=False,
        trim_whitespace=False,
        help_text="Text not yet saved to preview; by default the template's own.",
    )


class PreviewOutput(serializers.Serializer):
    html = serializers.CharField(help_text="Cleaned HTML: show it in a sandboxed frame.")


def _refused(error: TemplateRefused) -> Response:
    return Response({"body": [str(error)]}, status=status.HTTP_400_BAD_REQUEST)


class TemplateListView(APIView):
    @extend_schema(responses=TemplateOutput(many=True), description="Built-in templates, then the user's own.")
    def get(self, request: Request) -> Response:
        user = api_user(request)
        templates = [
            *templates_for_user(user=user, type=Template.Type.CV),
            *templates_for_user(user=user, type=Template.Type.COVER_LETTER),
        ]
        return Response(TemplateOutput(templates, many=True).data)

    @extend_schema(request=TemplateCreateInput, responses={201: TemplateOutput})
    def post(self, request: Request) -> Response:
        given = TemplateCreateInput(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            template = services.template_create(user=api_user(request), **given.validated_data)
        except TemplateRefused as refused:
            return _refused(refused)
        return Response(TemplateOutput(template).data, status=status.HTTP_201_CREATED)


class TemplateDetailView(APIView):
    @extend_schema(responses=TemplateOutput)
    def get(self, request: Request, pk: uuid.UUID) -> Response:
        return Response(TemplateOutput(template_get_for_user(user=api_user(request), pk=pk)).data)

    @extend_schema(request=TemplateEditInput, responses=TemplateOutput)
    def patch(self, request: Request, pk: uuid.UUID) -> Response:
        template = own_template_get_for_user(user=api_user(request), pk=pk)
        given = TemplateEditInput(data=request.data)
        given.is_valid(raise_exception=True)
        changes = given.validated_data
        try:
            services.template_update(
                template=template,
                name=changes.get("name", template.name),
                body=changes.get("body", template.body),
                config=changes.get("config"),
            )
        except TemplateRefused as refused:
            return _refused(refused)
        return Response(TemplateOutput(template).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: uuid.UUID) -> Response:
        services.template_delete(template=own_template_get_for_user(user=api_user(request), pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class TemplatePreviewView(APIView):
    @extend_schema(request=PreviewInput, responses=PreviewOutput)
    def post(self, request: Request, pk: uuid.UUID) -> Response:
        user = api_user(request)
        template = template_get_for_user(user=user, pk=pk)
        given = PreviewInput(data=request.data)
        given.is_valid(raise_exception=True)
        persona = persona_get_for_user(user=user, pk=given.validated_data["persona"])
        if "body" in given.validated_data:
            if template.is_builtin:
                return Response({"body": ["Built-in templates cannot be changed."]}, status=status.HTTP_400_BAD_REQUEST)
            template = Template(
                owner=user,
                type=template.type,
                engine=template.engine,
                config=template.config,
                body=given.validated_data["body"],
            )
        try:
            html = services.template_preview(template=template, persona=persona)
        except TemplateRefused as refused:
            return _refused(refused)
        return Response(PreviewOutput({"html": html}).data)
