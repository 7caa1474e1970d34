"""Search over the API: full text (mode=words) or by meaning (mode=meaning), the user's own things only."""

from __future__ import annotations

from typing import cast

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from llm.errors import LLMError
from personaforge.search import search_for_user, semantic_search_for_user


class HitOutput(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    rank = serializers.FloatField()
    snippet = serializers.CharField(help_text="HTML: the text escaped, matches in <mark>.")


class MatchOutput(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    similarity = serializers.IntegerField(help_text="0-100")


class SearchOutput(serializers.Serializer):
    mode = serializers.CharField()
    hits = HitOutput(many=True, required=False)
    personas = MatchOutput(many=True, required=False)
    facts = MatchOutput(many=True, required=False)


class SearchView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, required=True, description="Words (websearch syntax) or a text to match"),
            OpenApiParameter("mode", str, enum=["words", "meaning"], default="words"),
        ],
        responses=SearchOutput,
    )
    def get(self, request: Request) -> Response:
        user, q = cast(User, request.user), request.query_params.get("q", "")
        if request.query_params.get("mode") == "meaning":
            try:
                results = semantic_search_for_user(user=user, text=q)
            except LLMError as error:
                return Response({"detail": f"Search by meaning is unavailable right now: {error}"}, status=503)
            return Response(
                SearchOutput({"mode": "meaning", "personas": results.personas, "facts": results.facts}).data
            )
        return Response(SearchOutput({"mode": "words", "hits": search_for_user(user=user, q=q)}).data)
