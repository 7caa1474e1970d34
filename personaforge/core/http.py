"""What every app needs to know of a request, whoever serves it."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address of the client: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies, the address the farthest of
    them saw. Entries further left in X-Forwarded-For are the client's own words, and never believed."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and forwarded:
        return forwarded[-min(proxies, len(forwarded))]
    return str(request.META.get("REMOTE_ADDR", ""))


def client_key(group: str, request: HttpRequest) -> str:
    """django-ratelimit's key for "per client address"."""
    return client_address(request)
