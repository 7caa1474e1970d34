from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails
    from rest_framework.request import Request

    from accounts.models import User


class AuthedRequest(HttpRequest):
    """The request a `@login_required` view receives: its user is ours, and htmx details are attached."""

    user: User
    htmx: HtmxDetails


def api_user(request: Request) -> User:
    """The user of an API request (IsAuthenticated is the API's default permission, so there is one)."""
    return cast("User", request.user)
