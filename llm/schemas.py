"""Building blocks for the JSON schemas of answers: each app writes its tasks' schemas with them."""

from __future__ import annotations

from typing import Any

TEXT: dict[str, Any] = {"type": "string"}
TEXTS: dict[str, Any] = {"type": "array", "items": TEXT}
DATE: dict[str, Any] = {"type": "string", "pattern": r"^\d{4}(-\d{2})?$"}  # YYYY-MM or YYYY
ID: dict[str, Any] = {"type": "integer"}


def json_object(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    """An object of exactly these properties: a model may leave out what is not required, and add nothing."""
    return {"type": "object", "properties": properties, "required": required or [], "additionalProperties": False}


def array_of(items: dict[str, Any], *, most: int | None = None) -> dict[str, Any]:
    return {"type": "array", **({"maxItems": most} if most is not None else {}), "items": items}
