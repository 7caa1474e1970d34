# Django looks for an app's models in its models module; the shared ground's live in personaforge.core.models.
from personaforge.core.models import BackgroundJob, JobStatus, TimeStampedModel

__all__ = ["BackgroundJob", "JobStatus", "TimeStampedModel"]
