from __future__ import annotations

import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "personaforge.settings")

app = Celery("personaforge")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def _refresh_embeddings(sender: object, **kwargs: object) -> None:
    """Vectors made by an embedder no longer configured are made again (nothing to do when none is stale)."""
    from personaforge.tasks import embeddings_refresh_task

    embeddings_refresh_task.delay()
