"""Strict readers for settings that come from the environment.

A typo in a boolean or a number fails at start-up instead of quietly meaning "off".
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar, overload
from urllib.parse import quote

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

N = TypeVar("N", int, float)
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


@overload
def env_str(name: str, default: str) -> str: ...
@overload
def env_str(name: str, default: None = None) -> str | None: ...
def env_str(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set in the environment.")
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use true or false.")


def env_int(name: str, default: int) -> int:
    return _env_number(name, default, int, "a whole number")


def env_float(name: str, default: float) -> float:
    return _env_number(name, default, float, "a number")


def _env_number(name: str, default: N, kind: Callable[[str], N], what: str) -> N:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return kind(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not {what}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_config(url: str) -> dict[str, Any]:
    """A DATABASES entry for DATABASE_URL: connections are kept between requests, and checked before a request
    reuses one, so a restarted PostgreSQL costs one reconnection instead of an error page."""
    return dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))


def database_url_of(db: dict[str, Any]) -> str:
    """A DATABASES entry as a URL, for the processes the tests and benches start against the same database."""
    host = quote(db["HOST"], safe="") if db["HOST"].startswith("/") else db["HOST"]
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgresql://{quote(db['USER'], safe='')}{password}@{host}{port}/{quote(db['NAME'], safe='')}"


def cache_config(url: str) -> dict[str, Any]:
    """The CACHES entry for Redis (personaforge.core.cache: this process's memory while Redis is away)."""
    return {
        "BACKEND": "personaforge.core.cache.RedisOrLocalCache",
        "LOCATION": url,
        "KEY_PREFIX": "cache",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }
