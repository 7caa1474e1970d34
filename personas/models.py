from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from pgvector.django import HnswIndex, VectorField

from personaforge.core.models import TimeStampedModel
from personaforge.core.unaccent import Unaccented


class Language(models.TextChoices):
    """The languages a persona is written in; exports' headings and dates follow it."""

    ENGLISH = "en", "English"
    GERMAN = "de", "German"
    FRENCH = "fr", "French"
    SPANISH = "es", "Spanish"
    ITALIAN = "it", "Italian"
    PORTUGUESE = "pt", "Portuguese"
    DUTCH = "nl", "Dutch"
    POLISH = "pl", "Polish"


def persona_photo_path(persona: Persona, filename: str) -> str:
    return f"personas/{persona.user_id}/{persona.id}/{filename}"


class Persona(TimeStampedModel):
    """One face of the user for one kind of work; `data` holds JSON Resume sections."""

    Language = Language

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personas")
    title = models.CharField(max_length=150)
    summary = models.TextField(blank=True)
    tags = ArrayField(models.CharField(max_length=50), default=list, blank=True)
    data = models.JSONField(default=dict, blank=True)
    base_cv = models.ForeignKey("cvs.CV", null=True, blank=True, on_delete=models.SET_NULL, related_name="personas")
    language = models.CharField(max_length=5, choices=Language.choices, default=Language.ENGLISH)
    translation_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        help_text="The persona this one translates.",
    )
    source_version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The version of the source persona this translation is up to date with."
    )
    # Kept with every save (persona_version_record) so the dashboard need not load each persona's document.
    completeness = models.PositiveSmallIntegerField(default=0)
    photo = models.FileField(
        upload_to=persona_photo_path,
        max_length=300,
        blank=True,
        help_text="A JPEG of at most 800 pixels a side, for templates that show a photo (not versioned).",
    )
    # Above a plan's persona limit (after a downgrade) the most recently worked on stay active and the rest are
    # read-only; editing a persona or choosing it on the plan page moves it to the front (personas.activity).
    worked_on_at = models.DateTimeField(default=timezone.now)
    embedding = VectorField(dimensions=settings.EMBEDDING_DIMENSIONS, null=True, blank=True)
    embedded_by = models.CharField(max_length=120, blank=True, help_text="The embedder that made the embedding.")
    search_vector = models.GeneratedField(
        expression=SearchVector(Unaccented("title"), Unaccented("summary"), config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        indexes = [
            # dashboard and API: a user's personas, most recently edited first
            models.Index(fields=["user", "-updated_at"], name="persona_user_recent"),
            models.Index(fields=["user", "-worked_on_at", "-id"], name="persona_user_active"),
            GinIndex(fields=["search_vector"], name="persona_search"),
            # semantic search: which persona fits a job description best
            HnswIndex(
                name="persona_embedding",
                fields=["embedding"],
                m=16,
                ef_construction=64,
                opclasses=["vector_cosine_ops"],
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(language__in=Language.values), name="persona_language_valid"),
            models.CheckConstraint(condition=Q(completeness__lte=100), name="persona_completeness_percent"),
        ]

    def __str__(self) -> str:
        return self.title

    def snapshot(self) -> dict:
        """What a version records: everything the user edits."""
        return {
            "title": self.title,
            "summary": self.summary,
            "tags": list(self.tags),
            "language": self.language,
            "data": self.data,
        }


class PersonaVersion(TimeStampedModel):
    """An immutable snapshot of a persona; restoring one creates a new version."""

    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    name = models.CharField(max_length=150, blank=True, help_text='e.g. "sent to Acme, 2026-11"')
    change_summary = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["persona", "number"], name="persona_version_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="persona_version_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.persona} v{self.number}"


class LeadNote(TimeStampedModel):
    """A team lead's comment on a member's persona, with at most one suggested edit. The member accepts or declines
    it: a lead never changes a member's persona themselves (see personas.lead_notes)."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="lead_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    author_name = models.CharField(max_length=150, help_text="Kept if the lead's account goes.")
    comment = models.TextField(blank=True)
    edit = models.JSONField(null=True, blank=True, help_text="{kind, path, before, after}, as tailoring applies.")
    version_number = models.PositiveIntegerField(null=True, blank=True, help_text="The version commented on.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["persona", "-created_at"], name="leadnote_persona_recent")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "accepted", "declined"]), name="leadnote_status_valid"
            )
        ]

    def __str__(self) -> str:
        return f"Note on {self.persona} by {self.author_name}"


class TeamShare(TimeStampedModel):
    """A member's persona that the team lead shares with the whole team to read (see personas.team_shares)."""

    team = models.ForeignKey("accounts.Team", on_delete=models.CASCADE, related_name="shared_personas")
    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="team_shares")
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "persona"], name="teamshare_once_per_team")]

    def __str__(self) -> str:
        return f"{self.persona} shared in {self.team}"
