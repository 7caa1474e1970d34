"""The API's JSON parser: DRF's (strict: no NaN or Infinity), refusing what PostgreSQL could not store or Python
could not walk, as a 400 with a reason instead of a 500 on save."""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, Any

from rest_framework import parsers
from rest_framework.exceptions import ParseError

from personaforge.core.json_text import has_lone_surrogate


class JSONParser(parsers.JSONParser):
    def parse(
        self, stream: IO[Any], media_type: str | None = None, parser_context: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        try:
            data = super().parse(stream, media_type, parser_context)
            broken = has_lone_surrogate(data)
        except RecursionError:
            raise ParseError("JSON parse error - the document is nested far too deeply.") from None
        if broken:
            raise ParseError("JSON parse error - the document holds a broken character (a lone \\ud800-style escape).")
        return data
