from __future__ import annotations

import logging
import uuid

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.emails import email_queue
from accounts.limits import LimitReached
from accounts.models import EmailKind, User
from cvs import reading
from cvs.doubts import check_reviewed
from cvs.extract import ExtractionError, extract
from cvs.knowledge import facts_from_profile, normalise
from cvs.models import CV, CVStatus, KnowledgeBaseEntry, KnowledgeSource
from cvs.parsing.document import Line
from cvs.parsing.profile import build_profile
from llm.calls import llm_call
from llm.errors import LLMError
from llm.vectors import current_embedder, embed
from personaforge.core.broker import send_on_commit
from personaforge.core.jobs import (
    job_claim,
    job_fail,
    job_is_latest,
    job_latest_for_subject,
    job_progress,
    job_start,
    job_succeed,
)
from personaforge.core.models import BackgroundJob

READ_CV = "cv.read"
READ_TASK = "cvs.tasks.cv_read_task"
log = logging.getLogger(__name__)


@transaction.atomic
def cv_upload(*, user: User, file: UploadedFile) -> tuple[CV, BackgroundJob]:
    """Store the file and queue reading it; returns at once."""
    # Names and types come from the client: keep them within their columns.
    name = (file.name or "cv")[-255:]
    cv = CV.objects.create(user=user, filename=name, content_type=(file.content_type or "")[:100], size=file.size or 0)
    cv.file.save(name, file)  # a failed write rolls the row back with it
    job = job_start(user=user, kind=READ_CV, subject_id=cv.id, task=READ_TASK)
    return cv, job


@transaction.atomic
def cv_reread(*, cv: CV) -> BackgroundJob:
    """Queue reading the CV again, unless a reading is already under way (then that one is returned)."""
    running = job_latest_for_subject(user=cv.user, subject_id=cv.id)
    if running is not None and not running.is_finished:
        return running
    cv.status, cv.error = CVStatus.PENDING, ""
    cv.save(update_fields=["status", "error", "updated_at"])
    return job_start(user=cv.user, kind=READ_CV, subject_id=cv.id, task=READ_TASK)


def cv_read(*, job_id: uuid.UUID | str) -> None:
    """Read the CV's text and parse it into a profile. Safe to run twice for one job."""
    job = job_claim(job_id=job_id)
    if job is None:
        return
    cv = CV.objects.filter(pk=job.subject_id).first() if job.subject_id else None
    if cv is None:  # deleted while queued
        job_fail(job, error="The CV was deleted before it could be read.")
        return
    if not job_is_latest(job):  # a newer reading was asked for: it decides the CV's state
        job_fail(job, error="Replaced by a newer reading of this CV.")
        return
    job_progress(job, progress=10, message="Reading the file")
    try:
        with cv.file.open("rb") as stored:
            extracted = extract(stored.read(), cv.filename)
    except ExtractionError as error:
        cv.status, cv.error = CVStatus.FAILED, str(error)
        cv.save(update_fields=["status", "error", "updated_at"])
        job_fail(job, error=str(error))
        email_queue(
            to=cv.user.email,
            kind=EmailKind.CV_FAILED,
            key=f"cv-failed:{job.pk}",
            language=cv.user.language,
            context={
                "name": cv.user.display_name,
                "filename": cv.filename,
                "reason": str(error),
                "link": settings.SITE_URL.rstrip("/") + reverse("cv_upload"),
            },
        )
        return
    job_progress(job, progress=60, message="Finding sections, dates and skills")
    cv.raw_text, cv.error = extracted.text, ""
    cv.parsed_json = extracted.profile or _parse_profile(extracted.text, extracted.lines, user=cv.user)
    cv.status = CVStatus.PARSED
    cv.review_seen_at = None  # a new reading: its doubts are to be looked at afresh
    cv.save(update_fields=["raw_text", "parsed_json", "status", "error", "review_seen_at", "updated_at"])
    job_succeed(job, message=_parse_summary(cv.parsed_json))


def _parse_profile(text: str, lines: list[Line], *, user: User) -> dict:
    """The configured provider's reading; the offline parser's if the AI service fails or the plan's AI calls
    are used up, so nothing is lost."""
    try:
        with llm_call(user=user, task=reading.PARSE_CV_AI_TASK) as provider:
            return reading.read_profile(provider, text=text, lines=lines)
    except (LLMError, LimitReached) as error:
        log.warning("AI parsing not used, read offline instead: %s", error)
        return build_profile(lines)


def _parse_summary(profile: dict) -> str:
    counts = [
        (len(profile.get("work") or []), "job", "jobs"),
        (len(profile.get("education") or []), "degree", "degrees"),
        (sum(len(g.get("keywords") or [None]) for g in profile.get("skills") or []), "skill", "skills"),
    ]
    found = [f"{n} {one if n == 1 else many}" for n, one, many in counts if n]
    return f"Found {', '.join(found)}" if found else "Read the text, but found little structure in it"


def cv_review_seen(*, cv: CV) -> None:
    """Its user opened the review page of this reading, where its doubts come first: a persona may be made from it."""
    if cv.review_seen_at is None:
        cv.review_seen_at = timezone.now()
        CV.objects.filter(pk=cv.pk, review_seen_at=None).update(review_seen_at=cv.review_seen_at)


def cv_profile_save(*, cv: CV, profile: dict) -> None:
    """Keep the user's corrections to what the parser read."""
    cv.parsed_json = profile
    cv.save(update_fields=["parsed_json", "updated_at"])


@transaction.atomic
def cv_confirm(*, cv: CV) -> int:
    """Add the CV's facts to the user's knowledge base; returns how many were new. ReadingNotReviewed when the
    reading has doubts its user has not looked at: facts go on to every persona, so they are checked first."""
    check_reviewed(cv)
    facts = [
        KnowledgeBaseEntry(
            user=cv.user, type=f.type, value=f.value, source=KnowledgeSource.CV, cv=cv, evidence=f.evidence
        )
        for f in facts_from_profile(cv.parsed_json, cv.raw_text)
    ]
    # The unique constraint (user, type, lower(value)) skips facts already known, even ones a
    # concurrent request adds; counting before and after says how many were new.
    entries = KnowledgeBaseEntry.objects.filter(user=cv.user)
    before = entries.count()
    KnowledgeBaseEntry.objects.bulk_create(facts, ignore_conflicts=True)
    _enqueue_embeddings(cv.user)
    return entries.count() - before


def cv_mark_failed(*, cv_id: uuid.UUID, error: str) -> None:
    CV.objects.filter(pk=cv_id).update(status=CVStatus.FAILED, error=error, updated_at=timezone.now())


def cv_delete(*, cv: CV) -> None:
    """Delete the CV and its stored file."""
    if cv.file:
        cv.file.delete(save=False)
    cv.delete()


class FactRefused(Exception):
    """A fact the knowledge base cannot take; str(error) says why."""


class DuplicateFact(FactRefused):
    """The user already has this fact (same type and value, whatever the case)."""


class EmptyFact(FactRefused):
    pass


def _fact_value(value: str) -> str:
    """The value as the knowledge base keeps it ("k8s" -> "Kubernetes"); EmptyFact if nothing is left."""
    value, _kind = normalise(value)
    if not value:
        raise EmptyFact("Write the skill, tool or preference itself.")
    return value


def kb_entry_create(
    *, user: User, type: str, value: str, source: str = KnowledgeSource.USER_ANSWER
) -> KnowledgeBaseEntry:
    value = _fact_value(value)
    try:
        with transaction.atomic():  # the constraint decides a race between two requests
            entry = KnowledgeBaseEntry.objects.create(user=user, type=type, value=value, source=source)
    except IntegrityError:
        raise DuplicateFact(f"Your knowledge base already has “{value}”.") from None
    _enqueue_embeddings(user)
    return entry


def kb_entry_from_answer(*, user: User, type: str, value: str, evidence: str) -> KnowledgeBaseEntry:
    """A fact the user stated in answer to a question: a new entry, or the same fact's entry with this evidence
    added (asked about a skill they had already typed in, say). The words are theirs, kept as evidence."""
    value = value.strip()[:200] or "(no value)"
    existing = KnowledgeBaseEntry.objects.filter(user=user, type=type, value__iexact=value).first()
    if existing is not None:
        existing.evidence = "\n".join(part for part in (existing.evidence, evidence) if part)[:5000]
        existing.embedding = None  # the evidence is part of what was embedded
        existing.save(update_fields=["evidence", "embedding", "updated_at"])
        entry = existing
    else:
        entry = KnowledgeBaseEntry.objects.create(
            user=user, type=type, value=value, source=KnowledgeSource.USER_ANSWER, evidence=evidence[:5000]
        )
    _enqueue_embeddings(user)
    return entry


def kb_entry_update(*, entry: KnowledgeBaseEntry, type: str, value: str) -> KnowledgeBaseEntry:
    entry.type, entry.value, entry.embedding = type, _fact_value(value), None  # the old embedding is of another text
    try:
        with transaction.atomic():
            entry.save(update_fields=["type", "value", "embedding", "updated_at"])
    except IntegrityError:
        raise DuplicateFact(f"Your knowledge base already has “{entry.value}”.") from None
    _enqueue_embeddings(entry.user)
    return entry


@transaction.atomic
def kb_entries_merge(*, entries: list[KnowledgeBaseEntry], value: str = "") -> KnowledgeBaseEntry:
    """Several entries that mean one thing become the first of them; their evidence is kept."""
    keep, *others = entries
    evidence = [keep.evidence, *(other.evidence for other in others)]
    KnowledgeBaseEntry.objects.filter(pk__in=[other.pk for other in others]).delete()
    keep.evidence = " / ".join(dict.fromkeys(e for e in evidence if e))[:5000]
    keep.embedding = None  # the evidence is part of what was embedded
    keep.save(update_fields=["evidence", "embedding", "updated_at"])
    _enqueue_embeddings(keep.user)
    if value.strip() and value.strip() != keep.value:
        kb_entry_update(entry=keep, type=keep.type, value=value)
    return keep


def _enqueue_embeddings(user: User) -> None:
    send_on_commit("cvs.tasks.kb_embed_task", [str(user.pk)])


def kb_embed_missing(*, user_id: uuid.UUID | str, batch: int = 256) -> int:
    """Embed the user's facts that have no embedding yet (new or changed ones) or one by another embedder.

    Returns how many were done.
    """
    user = User.objects.filter(pk=user_id).first()
    embedder = current_embedder()
    done = 0
    stale = KnowledgeBaseEntry.objects.filter(user_id=user_id).filter(
        Q(embedding__isnull=True) | ~Q(embedded_by=embedder)
    )
    while entries := list(stale.only("id", "type", "value", "evidence")[:batch]):
        embedded = embed(user=user, texts=[fact_embedding_text(entry) for entry in entries])
        for entry, vector in zip(entries, embedded.vectors, strict=True):
            # Only if the text is still the one embedded: an edit meanwhile cleared it and queued another run.
            KnowledgeBaseEntry.objects.filter(pk=entry.pk, value=entry.value, type=entry.type).update(
                embedding=vector, embedded_by=embedded.embedder
            )
        done += len(entries)
        if len(entries) < batch:
            break
    return done


def kb_embed_stale(*, users: int = 20) -> int:
    """Embed again the facts of a few users whose vectors another embedder made; returns how many were done."""
    stale = KnowledgeBaseEntry.objects.exclude(embedded_by=current_embedder()).values_list("user_id", flat=True)
    user_ids = list(dict.fromkeys(stale[: users * 50]))[:users]
    return sum(kb_embed_missing(user_id=user_id) for user_id in user_ids)


def fact_embedding_text(entry: KnowledgeBaseEntry) -> str:
    return f"{entry.get_type_display()}: {entry.value}. {entry.evidence[:300]}".strip()
