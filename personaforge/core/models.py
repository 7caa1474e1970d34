from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Done"
    FAILED = "failed", "Failed"


class TimeStampedModel(models.Model):
    """UUID primary key and UTC timestamps, shared by every table of ours."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class BackgroundJob(TimeStampedModel):
    """Progress of one piece of work done by the Celery worker, polled by the page that started it."""

    Status = JobStatus

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(max_length=50)  # e.g. "cv.extract_text"
    subject_id = models.UUIDField(null=True, blank=True)  # the object the job works on
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # What the worker runs for it, kept so the job can be sent again if the broker was down (personaforge.sweeps).
    task = models.CharField(max_length=200, blank=True)
    task_args = models.JSONField(default=list, blank=True)
    task_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            # "the latest job for this object" on object pages
            models.Index(fields=["subject_id", "-created_at"], name="job_subject_latest"),
            # the sweep's "waiting too long": only unfinished jobs, a handful at any time
            models.Index(fields=["created_at"], name="job_unfinished", condition=Q(status__in=["queued", "running"])),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="job_progress_at_most_100"),
            models.CheckConstraint(condition=Q(status__in=JobStatus.values), name="job_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.get_status_display()}, {self.progress}%)"

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.SUCCEEDED, self.Status.FAILED}
