from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from personaforge.core.models import JobStatus, TimeStampedModel
from personas.sections import editor_anchor


class GapReportType(models.TextChoices):
    GENERAL = "general", "General review"
    ROLE_SPECIFIC = "role_specific", "Fit to a job"


class Workplace(models.TextChoices):
    UNKNOWN = "", "Not stated"
    REMOTE = "remote", "Remote"
    HYBRID = "hybrid", "Hybrid"
    ON_SITE = "on-site", "On-site"


class SalaryPeriod(models.TextChoices):
    UNKNOWN = "", "Not stated"
    YEAR = "year", "a year"
    MONTH = "month", "a month"
    WEEK = "week", "a week"
    DAY = "day", "a day"
    HOUR = "hour", "an hour"


class JobPosting(TimeStampedModel):
    """A job the user saved to check their fit against (and, later, to apply to)."""

    Workplace = Workplace
    SalaryPeriod = SalaryPeriod

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_postings")
    title = models.CharField(max_length=200)
    company = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=200, blank=True)
    workplace = models.CharField(max_length=10, choices=Workplace.choices, blank=True)
    employment_type = models.CharField(max_length=100, blank=True, help_text="full-time, part-time, contract…")
    salary_min = models.PositiveIntegerField(null=True, blank=True)
    salary_max = models.PositiveIntegerField(null=True, blank=True)
    salary_currency = models.CharField(max_length=3, blank=True)
    salary_period = models.CharField(max_length=5, choices=SalaryPeriod.choices, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    description = models.TextField(help_text="The posting as plain text (HTML pasted from a job board is read).")
    notes = models.TextField(blank=True)

    class Meta:
        verbose_name = "job"
        indexes = [models.Index(fields=["user", "-created_at"], name="jobposting_user_recent")]

    def __str__(self) -> str:
        return f"{self.title} at {self.company}" if self.company else self.title


class GapReport(TimeStampedModel):
    """Feedback on a persona: a general review, or its fit to one job description."""

    Type = GapReportType
    Status = JobStatus

    persona = models.ForeignKey("personas.Persona", on_delete=models.CASCADE, related_name="gap_reports")
    type = models.CharField(max_length=20, choices=Type.choices)
    input_text = models.TextField(blank=True, help_text="The job description, for a role-specific report.")
    job = models.ForeignKey(
        JobPosting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gap_reports",
        help_text="The saved job, for a role-specific report (the text analysed is kept in input_text).",
    )
    fit = models.JSONField(
        default=dict,
        blank=True,
        help_text="For a fit report: the requirements found, each judged, and the explanation.",
    )
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
        shown = [issue for issue in issues if isinstance(issue, dict)]  # stored JSON: anything else is skipped
        return [{**issue, "anchor": editor_anchor(str(issue.get("field", "")))} for issue in shown]

    def fit_points(self) -> list[dict[str, Any]]:
        """A fit report's requirements as judged, each with the editor anchor of its evidence; musts first."""
        fit = self.fit if isinstance(self.fit, dict) else {}
        points = [point for point in fit.get("requirements") or [] if isinstance(point, dict)]
        for point in points:
            evidence = point.get("evidence") if isinstance(point.get("evidence"), dict) else {}
            where = str(evidence.get("field", "")) if evidence else ""
            point["anchor"] = "knowledge-suggestions" if where == "knowledge" else editor_anchor(where) if where else ""
        return sorted(points, key=lambda point: (not point.get("must"), point.get("status") == "met"))


class QuestionStatus(models.TextChoices):
    OPEN = "open", "Open"
    ANSWERED = "answered", "Answered"
    DECLINED = "declined", "No, I have not"  # a real gap, said by the user: never asked again, nothing added
    SKIPPED = "skipped", "Skipped"


class FollowUpQuestion(TimeStampedModel):
    """A question that fills a gap in the knowledge base: from a job's requirement or from a persona's review.

    Its answer becomes a knowledge base entry in the user's own words (`entry`); a "no" is kept as a real gap.
    """

    Status = QuestionStatus

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="questions")
    # A deleted job keeps its questions: an answer or a "no" must not be asked again.
    job = models.ForeignKey(JobPosting, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions")
    persona = models.ForeignKey(
        "personas.Persona", null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )
    key = models.CharField(max_length=200, help_text="What is asked about (skill:kubernetes); asked once each.")
    subject = models.CharField(max_length=200, help_text="The skill, language or role the question is about.")
    text = models.CharField(max_length=500)
    hint = models.CharField(max_length=200, blank=True, help_text="What a good answer says.")
    entry_type = models.CharField(max_length=20, help_text="The knowledge base type an answer is stored as.")
    value = models.PositiveSmallIntegerField(default=0, help_text="How much an answer could help: asked first.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(blank=True)
    entry = models.ForeignKey(
        "cvs.KnowledgeBaseEntry", null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )

    class Meta:
        ordering = ["-value", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="question_asked_once"),
            models.CheckConstraint(condition=Q(status__in=QuestionStatus.values), name="question_status_valid"),
        ]

    def __str__(self) -> str:
        return self.text


class ApplicationStatus(models.TextChoices):
    SAVED = "saved", "Saved"
    APPLIED = "applied", "Applied"
    INTERVIEW = "interview", "Interview"
    OFFER = "offer", "Offer"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Application(TimeStampedModel):
    """Where the user stands with one job: what they sent, when, and what happens next."""

    Status = ApplicationStatus
    ACTIVE = (ApplicationStatus.SAVED, ApplicationStatus.APPLIED, ApplicationStatus.INTERVIEW, ApplicationStatus.OFFER)

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications")
    job = models.OneToOneField(JobPosting, on_delete=models.CASCADE, related_name="application")
    persona = models.ForeignKey(
        "personas.Persona", null=True, blank=True, on_delete=models.SET_NULL, related_name="applications"
    )
    persona_version = models.PositiveIntegerField(null=True, blank=True, help_text="The persona version sent.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SAVED)
    applied_on = models.DateField(null=True, blank=True)
    next_step = models.CharField(max_length=200, blank=True, help_text="e.g. “Call Bo about the second round”")
    next_step_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    cover_letter = models.ForeignKey(
        "CoverLetter",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The cover letter sent (the latest one when the application was sent).",
    )

    class Meta:
        indexes = [models.Index(fields=["user", "next_step_on"], name="application_user_next_step")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ApplicationStatus.values), name="application_status_valid")
        ]

    def __str__(self) -> str:
        return f"{self.job} ({self.get_status_display()})"


class CoverLetterTone(models.TextChoices):
    FORMAL = "formal", "Formal"
    WARM = "warm", "Warm"
    DIRECT = "direct", "Direct"


class CoverLetterLength(models.TextChoices):
    SHORT = "short", "Short: why this job, your skills for it"
    MEDIUM = "medium", "Medium: and your strongest result"
    LONG = "long", "Long: and your summary and two results"


class CoverLetter(TimeStampedModel):
    """A cover letter for one job, drafted from a persona and the job, then edited by the user. Every draft and
    every saved edit is a row of its own (`number` counts them per job), so what was sent is never lost."""

    Status = JobStatus
    Tone = CoverLetterTone
    Length = CoverLetterLength

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cover_letters")
    job = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="cover_letters")
    persona = models.ForeignKey(
        "personas.Persona", null=True, blank=True, on_delete=models.SET_NULL, related_name="cover_letters"
    )
    persona_version = models.PositiveIntegerField(null=True, blank=True)
    number = models.PositiveIntegerField(default=1)
    tone = models.CharField(max_length=10, choices=Tone.choices, default=Tone.FORMAL)
    length = models.CharField(max_length=10, choices=Length.choices, default=Length.MEDIUM)
    body = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    provider = models.CharField(max_length=40, blank=True)
    dropped = models.PositiveIntegerField(default=0, help_text="Sentences dropped for stating unsupported facts.")
    edited = models.BooleanField(default=False, help_text="Written by the user (an edit of a draft).")

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["job", "number"], name="cover_letter_number_per_job"),
            models.CheckConstraint(condition=Q(status__in=JobStatus.values), name="cover_letter_status_valid"),
            models.CheckConstraint(condition=Q(tone__in=CoverLetterTone.values), name="cover_letter_tone_valid"),
            models.CheckConstraint(condition=Q(length__in=CoverLetterLength.values), name="cover_letter_length_valid"),
        ]

    def __str__(self) -> str:
        return f"Cover letter {self.number} for {self.job}"

    @property
    def is_finished(self) -> bool:
        return self.status in {JobStatus.SUCCEEDED, JobStatus.FAILED}


class JobImport(TimeStampedModel):
    """A posting read from a link or a saved page, waiting for the user to check it before it becomes a job."""

    Status = JobStatus

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_imports")
    url = models.URLField(max_length=2000, blank=True, help_text="The link given (empty for a file or pasted page).")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    fields = models.JSONField(default=dict, blank=True, help_text="What was read (gaps.postings.pages.ExtractedJob).")
    error = models.TextField(blank=True)
    job = models.ForeignKey(JobPosting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(status__in=JobStatus.values), name="jobimport_status_valid")]

    def __str__(self) -> str:
        return self.url or "A saved page"


class Tailoring(TimeStampedModel):
    """Suggested edits that tailor a persona to one job; the user accepts or rejects each (see gaps.tailoring)."""

    Status = JobStatus

    persona = models.ForeignKey("personas.Persona", on_delete=models.CASCADE, related_name="tailorings")
    job = models.ForeignKey(JobPosting, null=True, blank=True, on_delete=models.SET_NULL, related_name="tailorings")
    job_title = models.CharField(max_length=250, help_text="Kept for the version's name if the job is deleted.")
    version_number = models.PositiveIntegerField(null=True, blank=True, help_text="The persona version tailored.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    edits = models.JSONField(
        default=list, blank=True, help_text="Each {id, kind, path, before, after, reason, status}."
    )
    dropped = models.PositiveIntegerField(default=0, help_text="Suggestions dropped for stating unsupported facts.")
    fit_before = models.PositiveSmallIntegerField(null=True, blank=True)
    fit_after = models.PositiveSmallIntegerField(null=True, blank=True, help_text="If every edit is accepted.")
    provider = models.CharField(max_length=40, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A team lead who asked for these edits: they reach the member as notes to accept or decline.",
    )
    error = models.TextField(blank=True)
    result_version = models.PositiveIntegerField(null=True, blank=True, help_text="The version accepting made.")

    class Meta:
        db_table = "personas_tailoring"  # made when tailoring lived in personas; moved without touching the data
        indexes = [models.Index(fields=["persona", "-created_at"], name="tailoring_persona_recent")]
        constraints = [models.CheckConstraint(condition=Q(status__in=JobStatus.values), name="tailoring_status_valid")]

    def __str__(self) -> str:
        return f"{self.persona} for {self.job_title}"

    @property
    def is_finished(self) -> bool:
        return self.status in {JobStatus.SUCCEEDED, JobStatus.FAILED}

    @property
    def pending(self) -> list[dict]:
        return [edit for edit in self.edits if isinstance(edit, dict) and edit.get("status") == "pending"]
