from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from pgvector.django import HnswIndex, VectorField

from personaforge.core.models import TimeStampedModel
from personaforge.core.unaccent import Unaccented


def cv_upload_path(cv: CV, filename: str) -> str:
    # Stored under the owner's id; the original name is kept on the row, not trusted as a path.
    return f"cvs/{cv.user_id}/{cv.id}"


class KnowledgeSource(models.TextChoices):
    CV = "cv", "CV"
    USER_ANSWER = "user_answer", "User answer"
    AI_EXTRACTION = "ai_extraction", "AI extraction"


class KnowledgeType(models.TextChoices):
    SKILL = "skill", "Skill"
    TOOL = "tool", "Tool"
    DOMAIN = "domain", "Domain"
    SOFT_SKILL = "soft_skill", "Soft skill"
    PREFERENCE = "preference", "Preference"
    LANGUAGE = "language", "Language"
    ACHIEVEMENT = "achievement", "Achievement"  # what changed because of someone's work, in their words
    CERTIFICATE = "certificate", "Certificate"


class CVStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    PARSED = "parsed", "Parsed"
    FAILED = "failed", "Failed"


class CV(TimeStampedModel):
    Status = CVStatus

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cvs")
    file = models.FileField(upload_to=cv_upload_path, max_length=300, blank=True)
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    raw_text = models.TextField(blank=True)
    parsed_json = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(blank=True, help_text="Why reading failed, in words the user can act on.")
    review_seen_at = models.DateTimeField(
        null=True, blank=True, help_text="When its user first opened the review page of this reading."
    )
    search_vector = models.GeneratedField(
        expression=SearchVector(Unaccented("filename"), Unaccented("raw_text"), config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = "CV"
        indexes = [
            # dashboard and API: a user's CVs, newest first
            models.Index(fields=["user", "-created_at"], name="cv_user_recent"),
            # full-text search over a user's CVs
            GinIndex(fields=["search_vector"], name="cv_search"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=CVStatus.values), name="cv_status_valid"),
        ]

    def __str__(self) -> str:
        return self.filename

    @property
    def profile_is_sparse(self) -> bool:
        """Parsed, but with no jobs, degrees or skills found: the user should fill the profile in."""
        profile = self.parsed_json or {}
        return self.status == CVStatus.PARSED and not any(profile.get(k) for k in ("work", "education", "skills"))


class KnowledgeBaseEntry(TimeStampedModel):
    """One fact about the user (a skill, a tool, ...), always traceable to where it came from."""

    Type = KnowledgeType

    Source = KnowledgeSource

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="knowledge")
    type = models.CharField(max_length=20, choices=Type.choices)
    value = models.CharField(max_length=200)
    source = models.CharField(max_length=20, choices=Source.choices)
    cv = models.ForeignKey(CV, null=True, blank=True, on_delete=models.SET_NULL, related_name="knowledge")
    evidence = models.TextField(blank=True, help_text="The text the entry was read from.")
    embedding = VectorField(dimensions=settings.EMBEDDING_DIMENSIONS, null=True, blank=True)
    embedded_by = models.CharField(max_length=120, blank=True, help_text="The embedder that made the embedding.")
    search_vector = models.GeneratedField(
        expression=SearchVector(Unaccented("value"), Unaccented("evidence"), config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = "knowledge base entry"
        verbose_name_plural = "knowledge base entries"
        ordering = ["type", "value"]
        indexes = [
            GinIndex(fields=["search_vector"], name="kb_search"),
            # semantic search: nearest entries to a job description
            HnswIndex(
                name="kb_embedding",
                fields=["embedding"],
                m=16,
                ef_construction=64,
                opclasses=["vector_cosine_ops"],
            ),
        ]
        constraints = [
            # the same fact is stored once per user, whatever its case
            models.UniqueConstraint("user", "type", Lower("value"), name="kb_entry_unique_per_user"),
            models.CheckConstraint(condition=Q(type__in=KnowledgeType.values), name="kb_type_valid"),
            models.CheckConstraint(condition=Q(source__in=KnowledgeSource.values), name="kb_source_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()}: {self.value}"
