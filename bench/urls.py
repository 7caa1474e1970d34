"""The site's URLs and one more, for the benches only: the least a Django page can do, through the same
middleware, as the ceiling of requests per second on the machine."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [
    path("bench/hello", hello),
    path("", include("personaforge.urls")),
]
