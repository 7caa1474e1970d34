"""The offline provider: every task done by rules and local models, with no network at all."""

from __future__ import annotations

from typing import Any

from cvs.parsing.document import Line
from cvs.parsing.profile import build_profile
from llm.embeddings import embed_texts


class OfflineProvider:
    name = "offline"

    def parse_cv(self, *, text: str, lines: list[Line]) -> dict[str, Any]:
        return build_profile(lines)

    def embed(self, *, texts: list[str]) -> list[list[float]]:
        return embed_texts(texts)
