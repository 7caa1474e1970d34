from __future__ import annotations

from django.db import models
from django.db.models import Q

from personaforge.models import TimeStampedModel


class GapReportType(models.TextChoices):
    GENERAL = "general", "General review"
    ROLE_SPECIFIC = "role_specific", "Fit to a job"


class GapReport(TimeStampedModel):
    """Feedback on a persona: a general review, or its fit to one job description."""

    Type = GapReportType

    persona = models.ForeignKey("personas.Persona", on_delete=models.CASCADE, related_name="gap_reports")
    type = models.CharField(max_length=20, choices=Type.choices)
    input_text = models.TextField(blank=True, help_text="The job description, for a role-specific report.")
    issues = models.JSONField(default=list, blank=True, help_text="A list of {field, suggestion, severity}.")
    fit_score = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["persona", "-created_at"], name="gap_persona_recent")]
        constraints = [
            models.CheckConstraint(condition=Q(type__in=GapReportType.values), name="gap_type_valid"),
            models.CheckConstraint(condition=Q(fit_score__lte=100), name="gap_fit_score_at_most_100"),
            # only a report against a job has a fit score
            models.CheckConstraint(
                condition=Q(type="role_specific") | Q(fit_score__isnull=True),
                name="gap_fit_score_only_role_specific",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} of {self.persona}"
