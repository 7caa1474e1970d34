from __future__ import annotations

from django.db import models
from django.db.models import Q

from personaforge.models import JobStatus, TimeStampedModel
from personas.sections import editor_anchor


class GapReportType(models.TextChoices):
    GENERAL = "general", "General review"
    ROLE_SPECIFIC = "role_specific", "Fit to a job"


class GapReport(TimeStampedModel):
    """Feedback on a persona: a general review, or its fit to one job description."""

    Type = GapReportType
    Status = JobStatus

    persona = models.ForeignKey("personas.Persona", on_delete=models.CASCADE, related_name="gap_reports")
    type = models.CharField(max_length=20, choices=Type.choices)
    input_text = models.TextField(blank=True, help_text="The job description, for a role-specific report.")
    issues = models.JSONField(default=list, blank=True, help_text="A list of {field, suggestion, severity}.")
    fit_score = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True, help_text="Why the report failed, in words for the user.")
    version_number = models.PositiveIntegerField(null=True, blank=True, help_text="The persona version analysed.")
    provider = models.CharField(max_length=40, blank=True)

    class Meta:
        indexes = [models.Index(fields=["persona", "-created_at"], name="gap_persona_recent")]
        constraints = [
            models.CheckConstraint(condition=Q(type__in=GapReportType.values), name="gap_type_valid"),
            models.CheckConstraint(condition=Q(status__in=JobStatus.values), name="gap_status_valid"),
            models.CheckConstraint(condition=Q(fit_score__lte=100), name="gap_fit_score_at_most_100"),
            # only a report against a job has a fit score
            models.CheckConstraint(
                condition=Q(type="role_specific") | Q(fit_score__isnull=True),
                name="gap_fit_score_only_role_specific",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} of {self.persona}"

    @property
    def is_finished(self) -> bool:
        return self.status in {JobStatus.SUCCEEDED, JobStatus.FAILED}

    def issues_with_anchors(self) -> list[dict[str, str]]:
        """The issues, each with the id of the editor element showing its field."""
        issues = self.issues if isinstance(self.issues, list) else []
        return [{**issue, "anchor": editor_anchor(str(issue.get("field", "")))} for issue in issues]
