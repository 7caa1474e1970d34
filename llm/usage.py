"""Tokens spent inside one metered call: providers report them here, `llm.calls.llm_call` records them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings


@dataclass
class Usage:
    model: str = ""
    tokens_in: int = 0
    tokens_out: int = 0

    @property
    def cost_usd(self) -> Decimal:
        """An estimate from the list prices in settings (US dollars per million tokens); 0 for unknown models."""
        price_in, price_out = settings.LLM_PRICES_PER_MILLION.get(self.model, (0, 0))
        return (Decimal(str(price_in)) * self.tokens_in + Decimal(str(price_out)) * self.tokens_out) / 1_000_000


_current: ContextVar[Usage | None] = ContextVar("llm_usage", default=None)


@contextmanager
def collecting() -> Iterator[Usage]:
    usage = Usage()
    token = _current.set(usage)
    try:
        yield usage
    finally:
        _current.reset(token)


def report(*, model: str, tokens_in: int, tokens_out: int = 0) -> None:
    """Add one request's tokens to the call being recorded (nothing happens outside one, as in a shell)."""
    usage = _current.get()
    if usage is not None:
        usage.model = model
        usage.tokens_in += tokens_in
        usage.tokens_out += tokens_out
