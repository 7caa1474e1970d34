"""The API's lists, in one place: a page at a time (?limit=&offset=, 50 by default) answered with count, next,
previous and results. drf-spectacular reads `pagination_class` to describe the page in the schema, so a list view
declares `responses=ItemOutput(many=True)` and answers with `self.page_of(...)`."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


class PagedAPIView(APIView):
    pagination_class = LimitOffsetPagination

    def page_of(self, request: Request, items: Any, serializer: type[serializers.Serializer]) -> Response:
        """A page of the queryset (or list), each item through the serializer."""
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(items, request, view=self)
        return paginator.get_paginated_response(serializer(page, many=True).data)
