from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from personaforge.core.models import TimeStampedModel


def export_upload_path(export: Export, filename: str) -> str:
    return f"exports/{export.user_id}/{export.id}/{filename}"


class ExportStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class ExportFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    HTML = "html", "HTML"
    MARKDOWN = "markdown", "Markdown"
    DOCX = "docx", "Word (DOCX)"
    ODT = "odt", "OpenDocument (ODT)"
    TEXT = "text", "Plain text"
    JSON_RESUME = "json_resume", "JSON Resume"


class Export(TimeStampedModel):
    Format = ExportFormat

    Status = ExportStatus

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exports")
    persona = models.ForeignKey("personas.Persona", on_delete=models.CASCADE, related_name="exports")
    persona_version = models.ForeignKey(
        "personas.PersonaVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="exports"
    )
    template = models.ForeignKey(
        "templates_app.Template", null=True, blank=True, on_delete=models.SET_NULL, related_name="exports"
    )
    cover_letter = models.ForeignKey(
        "gaps.CoverLetter",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="exports",
        help_text="Set when the export is this letter rather than the persona's CV.",
    )
    config = models.JSONField(default=dict, blank=True, help_text="The template's options used (cleaned).")
    template_name = models.CharField(max_length=150, blank=True, help_text="Kept if the template is deleted.")
    format = models.CharField(max_length=20, choices=Format.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(upload_to=export_upload_path, max_length=300, blank=True)
    error = models.TextField(blank=True)
    ats = models.JSONField(
        default=dict, blank=True, help_text="What our parser reads back of a PDF, DOCX or ODT (exports.ats)."
    )

    class Meta:
        indexes = [
            models.Index(fields=["user", "-created_at"], name="export_user_recent"),  # the user's exports; this month's
            models.Index(fields=["persona", "-created_at"], name="export_persona_recent"),  # a persona's export page
        ]
        constraints = [
            models.CheckConstraint(condition=Q(format__in=ExportFormat.values), name="export_format_valid"),
            models.CheckConstraint(condition=Q(status__in=ExportStatus.values), name="export_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.persona} as {self.get_format_display()}"

    @property
    def is_finished(self) -> bool:
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)

    @property
    def is_letter(self) -> bool:
        return self.cover_letter_id is not None

    @property
    def is_expired(self) -> bool:
        """Made, and its file since deleted (exports.retention)."""
        return self.status == ExportStatus.DONE and not self.file


def share_upload_path(share: Share, filename: str) -> str:
    return f"shares/{share.user_id}/{share.id}/{filename}"


class Share(TimeStampedModel):
    """A persona version published as a web page at an unguessable link, until revoked."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shares")
    persona = models.ForeignKey("personas.Persona", on_delete=models.CASCADE, related_name="shares")
    persona_version = models.ForeignKey(
        "personas.PersonaVersion", null=True, on_delete=models.SET_NULL, related_name="shares"
    )
    template = models.ForeignKey("templates_app.Template", null=True, on_delete=models.SET_NULL, related_name="+")
    config = models.JSONField(default=dict, blank=True)
    token = models.CharField(max_length=64, unique=True)  # the link; its unique index serves the public page
    revoked_at = models.DateTimeField(null=True, blank=True)
    views = models.PositiveIntegerField(default=0)
    downloads = models.PositiveIntegerField(default=0)
    # The page and its PDF are made once, by the worker, when the share is made: a visit only reads them.
    status = models.CharField(max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING)
    error = models.TextField(blank=True)
    page = models.TextField(blank=True, help_text="The CV as the shared page shows it (HTML).")
    pdf = models.FileField(upload_to=share_upload_path, max_length=300, blank=True)

    class Meta:
        indexes = [models.Index(fields=["persona", "-created_at"], name="share_persona_recent")]  # the export page

    def __str__(self) -> str:
        return f"{self.persona} shared"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None


def proposal_upload_path(proposal: TeamProposal, filename: str) -> str:
    return f"proposals/{proposal.user_id}/{proposal.id}/{filename}"


class TeamProposal(TimeStampedModel):
    """A team applying as a group: a cover page about the team, then each chosen member's CV, as one PDF."""

    Status = ExportStatus

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="proposals")
    team = models.ForeignKey("accounts.Team", on_delete=models.CASCADE, related_name="proposals")
    job = models.ForeignKey("gaps.JobPosting", on_delete=models.CASCADE, related_name="proposals")
    template = models.ForeignKey("templates_app.Template", null=True, on_delete=models.SET_NULL, related_name="+")
    intro = models.TextField(blank=True, help_text="The cover page's words about the team.")
    members = models.JSONField(
        default=list, help_text="Each {persona, member, name, consent, version}: who was asked, and what was sent."
    )
    awaiting = models.BooleanField(default=False, help_text="Waiting for members to agree before it is made.")
    status = models.CharField(max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING)
    file = models.FileField(upload_to=proposal_upload_path, max_length=300, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.team} for {self.job}"

    @property
    def is_finished(self) -> bool:
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)
