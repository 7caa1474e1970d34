"""The API of a team lead's notes: the member lists and answers the notes on their persona; the lead writes them
(see personas.team_api)."""

from __future__ import annotations

import uuid

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.http import api_user
from personas import lead_notes
from personas.models import LeadNote
from personas.selectors import persona_get_for_user


class LeadNoteOutput(serializers.ModelSerializer):
    edit = serializers.JSONField(allow_null=True, help_text="{kind, path, before, after}, or null for a comment.")

    class Meta:
        model = LeadNote
        fields = ["id", "author_name", "comment", "edit", "version_number", "status", "decided_at", "created_at"]


class LeadNoteDecideInput(serializers.Serializer):
    accept = serializers.BooleanField(
        help_text="Accepting an edit saves it as a new version; a comment is marked done."
    )


class LeadNoteListView(APIView):
    @extend_schema(responses=LeadNoteOutput(many=True))
    def get(self, request: Request, pk: uuid.UUID) -> Response:
        persona = persona_get_for_user(user=api_user(request), pk=pk)
        return Response(LeadNoteOutput(lead_notes.notes_for_persona(persona)[:200], many=True).data)


class LeadNoteDecideView(APIView):
    @extend_schema(request=LeadNoteDecideInput, responses={200: LeadNoteOutput, 409: None})
    def post(self, request: Request, pk: uuid.UUID, note_pk: uuid.UUID) -> Response:
        user = api_user(request)
        persona = persona_get_for_user(user=user, pk=pk)
        note = lead_notes.note_get_for_owner(user=user, persona=persona, pk=note_pk)
        given = LeadNoteDecideInput(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            note = lead_notes.note_decide(note=note, by=user, accept=given.validated_data["accept"])
        except lead_notes.NoteRefused as refused:
            return Response({"detail": str(refused)}, status=status.HTTP_409_CONFLICT)
        return Response(LeadNoteOutput(note).data)
