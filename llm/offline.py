"""The offline provider: embeddings from a local model, with no network at all, and no language model."""

from __future__ import annotations

from typing import Any

from llm.embeddings import embed_texts
from llm.errors import LLMError
from llm.provider import Provider


class OfflineProvider(Provider):
    name = "offline"
    metered = False  # costs nothing, so no plan limit applies
    language_model = False

    def complete_json(
        self, *, task: str, instructions: str, payload: dict[str, Any], schema: dict[str, Any]
    ) -> dict[str, Any]:
        raise LLMError("This needs an AI service; none is configured.", retryable=False)

    @property
    def embedder(self) -> str:
        return "offline/potion-base-8M"

    def embed(self, *, texts: list[str]) -> list[list[float]]:
        return embed_texts(texts)
