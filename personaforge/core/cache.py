"""The cache behind the log-in and API throttles: Redis, shared by every web process, and this process's own
memory while Redis is away. Throttles then count per process for a while (looser, still there) and log-in keeps
working; failing closed would lock everyone out, failing open would stop counting guesses."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from redis.exceptions import ConnectionError as RedisDown
from redis.exceptions import TimeoutError as RedisSlow

log = logging.getLogger(__name__)


class RedisOrLocalCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, {**params, "OPTIONS": {**params.get("OPTIONS", {}), "IGNORE_EXCEPTIONS": False}})
        self._local = LocMemCache("redis-away", {"TIMEOUT": params.get("TIMEOUT", 300)})


def _or_local(name: str) -> Callable[..., Any]:
    def method(self: RedisOrLocalCache, *args: Any, **kwargs: Any) -> Any:
        try:
            return getattr(RedisCache, name)(self, *args, **kwargs)
        except (RedisDown, RedisSlow) as error:
            log.warning("Redis cache unreachable, using this process's memory for %s: %s", name, error)
            return getattr(self._local, name)(*args, **kwargs)

    method.__name__ = name
    return method


for _name in (
    "get",
    "set",
    "add",
    "delete",
    "get_many",
    "set_many",
    "delete_many",
    "has_key",
    "incr",
    "decr",
    "touch",
    "clear",
):
    setattr(RedisOrLocalCache, _name, _or_local(_name))
