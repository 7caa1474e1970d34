from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from llm.errors import LLMError
from personas import services


# A busy model server or a database hiccup is worth another try; the persona may be gone by then (nothing to do).
@shared_task(autoretry_for=(OperationalError, LLMError), retry_backoff=True, max_retries=3)
def persona_embed_task(persona_id: str) -> None:
    services.persona_embed(persona_id=persona_id)
