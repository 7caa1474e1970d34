"""What every AI provider does, whatever service (or none) is behind it."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any


class Provider(ABC):
    name: str
    metered: bool  # whether its calls count against a plan's monthly AI calls
    # Whether a language model answers `complete_json`. Without one, the app that owns a task does it by its rules.
    language_model: bool

    @abstractmethod
    def complete_json(
        self, *, task: str, instructions: str, payload: dict[str, Any], schema: dict[str, Any]
    ) -> dict[str, Any]:
        """The model's answer, valid against `schema`. `payload` is data to read (each value a text or anything
        JSON holds, under its name), never instructions. LLMError when there is no valid answer."""

    @property
    @abstractmethod
    def embedder(self) -> str:
        """Names the model behind `embed`: vectors of two embedders never compare, so each stored one says whose."""

    @abstractmethod
    def embed(self, *, texts: list[str]) -> list[list[float]]:
        """One vector per text, in order, of settings.EMBEDDING_DIMENSIONS."""
