"""The API's lists, in one place: a page at a time (?limit=&offset=, 50 by default) answered with count, next,
previous and results, and described that way in the OpenAPI schema."""

from __future__ import annotations

from functools import cache
from typing import Any

from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


def page_of(request: Request, view: APIView, items: Any, serializer: type[serializers.Serializer]) -> Response:
    """A page of the queryset (or list), each item through the serializer."""
    paginator = LimitOffsetPagination()
    page = paginator.paginate_queryset(items, request, view=view)
    return paginator.get_paginated_response(serializer(page, many=True).data)


@cache  # one class per item serializer: the schema names each page type once
def paged(serializer: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """What page_of answers, for `extend_schema(responses=paged(ItemOutput))`."""
    name = serializer.__name__.removesuffix("Output").removesuffix("Serializer")
    fields = {
        "count": serializers.IntegerField(help_text="How many there are in all."),
        "next": serializers.URLField(allow_null=True, help_text="The next page, or null on the last."),
        "previous": serializers.URLField(allow_null=True, help_text="The previous page, or null on the first."),
        "results": serializer(many=True),
    }
    return type(f"{name}Page", (serializers.Serializer,), fields)
