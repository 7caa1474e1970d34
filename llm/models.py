from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from pgvector.django import VectorField

from personaforge.core.models import TimeStampedModel


class LLMOutcome(models.TextChoices):
    OK = "ok", "Answered"
    ERROR = "error", "Failed"


class LLMCall(TimeStampedModel):
    """One AI task run for a user: what it cost and how it went, for usage limits and the staff's view of cost."""

    Outcome = LLMOutcome

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="llm_calls")
    task = models.CharField(max_length=40)  # parse_cv, review_persona, translate_persona, embed...
    provider = models.CharField(max_length=40)
    model = models.CharField(max_length=100, blank=True)
    tokens_in = models.PositiveIntegerField(default=0)
    tokens_out = models.PositiveIntegerField(default=0)
    cost_usd = models.DecimalField(
        max_digits=14, decimal_places=8, default=0, help_text="An estimate from list prices."
    )
    latency_ms = models.PositiveIntegerField(default=0)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    error = models.CharField(max_length=300, blank=True)
    counts_against_plan = models.BooleanField(
        default=False,
        help_text="An answered metered call (a paid service, not embeddings): what the plan's monthly limit counts.",
    )

    class Meta:
        indexes = [
            # the plan's monthly count: a user's metered calls since the first of the month
            models.Index(
                fields=["user", "created_at"], name="llmcall_user_month", condition=Q(counts_against_plan=True)
            ),
        ]
        constraints = [models.CheckConstraint(condition=Q(outcome__in=LLMOutcome.values), name="llmcall_outcome_valid")]

    def __str__(self) -> str:
        return f"{self.task} by {self.provider} ({self.get_outcome_display()})"


class CachedEmbedding(models.Model):
    """A text's vector by one embedder, found again by the text's hash: a text embedded once is never sent again."""

    embedder = models.CharField(max_length=120)
    text_hash = models.CharField(max_length=64)  # sha256 of the text; the text itself is not kept
    vector = VectorField(dimensions=settings.EMBEDDING_DIMENSIONS)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["embedder", "text_hash"], name="embedding_cache_key")]

    def __str__(self) -> str:
        return f"{self.embedder} {self.text_hash[:12]}"
