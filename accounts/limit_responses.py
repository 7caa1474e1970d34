"""How a plan limit (LimitReached) that a view leaves to us is answered: nothing was changed, and the user reads why.

Services raise LimitReached wherever a plan stops something, so every path (page, htmx, API) answers it the same way
without each view catching it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRefresh
from rest_framework.response import Response
from rest_framework.views import exception_handler

from accounts.limits import LimitReached


class PlanLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, LimitReached):
            return None
        if getattr(request, "htmx", False):
            messages.error(request, str(exception))
            return HttpResponseClientRefresh()  # htmx swaps in no 403: the reloaded page shows the message
        back = request.META.get("HTTP_REFERER", "")
        if request.method == "POST" and url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            messages.error(request, str(exception))
            return redirect(back)
        return render(request, "plan_limit.html", {"limit": exception}, status=403)


def api_exception_handler(exception: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's answers, and a plan limit as 403 `{"detail", "code": "plan_limit"}`."""
    if isinstance(exception, LimitReached):
        return Response({"detail": str(exception), "code": "plan_limit"}, status=403)
    return exception_handler(exception, context)
