"""Every route the URL resolver knows, with its full pattern and name: the list the route matrix must cover."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    pattern: str  # the full pattern, e.g. "api/v1/personas/<uuid:pk>/"
    name: str  # "namespace:name" inside a namespace; "" for an unnamed route
    namespace: str
    module: str  # where the view is defined
    converters: tuple[str, ...]  # the URL's keyword arguments

    @property
    def is_api(self) -> bool:
        return self.pattern.startswith("api/v1/")


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns, prefix="", namespace="", converters=()))


def _walk(patterns: list, *, prefix: str, namespace: str, converters: tuple[str, ...]) -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace or "") if part)
            outer = converters + tuple(entry.pattern.converters)
            yield from _walk(entry.url_patterns, prefix=prefix + str(entry.pattern), namespace=inner, converters=outer)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name or ""
            view = getattr(entry.callback, "view_class", None) or getattr(entry.callback, "cls", None)
            module = (view or entry.callback).__module__
            yield Route(
                pattern=prefix + str(entry.pattern),
                name=name,
                namespace=namespace,
                module=module,
                converters=converters + tuple(entry.pattern.converters),
            )
