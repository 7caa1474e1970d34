from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from accounts.models import User


class AuthedRequest(HttpRequest):
    """The request a `@login_required` view receives: its user is ours, and htmx details are attached."""

    user: User
    htmx: HtmxDetails
