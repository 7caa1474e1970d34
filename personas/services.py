from __future__ import annotations

import contextlib
import copy
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction

from accounts.limits import LimitReached
from accounts.models import User
from cvs.doubts import check_reviewed
from cvs.models import CV, KnowledgeBaseEntry, KnowledgeType
from llm import get_provider
from llm.calls import ai_calls_left, llm_call
from llm.errors import LLMError
from llm.translation import TRANSLATE_AI_TASK, translate_texts
from llm.vectors import current_embedder, embed
from personaforge.core.broker import send_on_commit
from personaforge.core.jobs import job_claim, job_fail, job_progress, job_start, job_succeed
from personaforge.core.models import BackgroundJob
from personas import sections
from personas.activity import check_persona_active, persona_activate, persona_is_read_only
from personas.diff import diff_snapshots, summarise
from personas.models import Language, Persona, PersonaVersion
from personas.selectors import persona_limit_for
from personas.translation import PERSONA_SUMMARY, Path, prose_texts, replace_text, text_at, translation_keeps_facts

TRANSLATE = "persona.translate"


@transaction.atomic
def persona_create(
    *,
    user: User,
    title: str,
    summary: str = "",
    tags: list[str] | None = None,
    language: str = Language.ENGLISH,
    base_cv: CV | None = None,
    knowledge: Iterable[KnowledgeBaseEntry] = (),
) -> Persona:
    """A new persona, prefilled from the CV's structured profile when there is one, with the skills and tools of
    the knowledge base the user chose (`knowledge`): nothing else of theirs is added unasked. Saved as version 1.

    LimitReached when the user's plan keeps no more personas; ReadingNotReviewed when the CV's reading has parts
    we are unsure of that its user has not looked at yet.
    """
    _check_room_for_persona(user)
    if base_cv is not None:
        check_reviewed(base_cv)
    if base_cv and base_cv.parsed_json:
        data = copy.deepcopy(base_cv.parsed_json)
    else:
        data = {"basics": {key: value for key, value in (("name", user.name), ("email", user.email)) if value}}
    _add_known_skills(data, knowledge)
    if not summary:
        summary = data.get("basics", {}).get("summary", "") if isinstance(data.get("basics"), dict) else ""
    persona = Persona.objects.create(
        user=user, title=title, summary=summary, tags=tags or [], language=language, data=data, base_cv=base_cv
    )
    source = f"from {base_cv.filename}" if base_cv else "from scratch"
    persona_version_record(persona=persona, by=user, change_summary=f"Created {source}")
    return persona


def _add_known_skills(data: dict[str, Any], facts: Iterable[KnowledgeBaseEntry]) -> None:
    """The chosen skills and tools from the knowledge base that the starting point does not list."""
    for fact in facts:
        if fact.type not in (KnowledgeType.SKILL, KnowledgeType.TOOL):
            continue
        with contextlib.suppress(sections.EditRefused):  # refused: already listed
            sections.skill_add(data, skill=fact.value, group="Tools" if fact.type == KnowledgeType.TOOL else "Skills")


def _check_room_for_persona(user: User) -> None:
    # The user's row is locked so two tabs creating at once cannot both pass the count.
    User.objects.select_for_update().filter(pk=user.pk).first()
    limit = persona_limit_for(user=user)
    if limit:
        raise limit


def persona_version_record(*, persona: Persona, by: User | None, change_summary: str, name: str = "") -> PersonaVersion:
    """Snapshot the persona as its next version (every save comes here), keeping its completeness up to date."""
    _enqueue_embedding(persona)
    score = sections.completeness(persona.data, persona.summary)
    if score != persona.completeness:
        persona.completeness = score
        Persona.objects.filter(pk=persona.pk).update(completeness=score)
    return PersonaVersion.objects.create(
        persona=persona,
        number=persona_latest_number(persona) + 1,
        snapshot=persona.snapshot(),
        name=name,
        change_summary=change_summary,
        created_by=by,
    )


class StaleEdit(Exception):
    """The persona was saved elsewhere (another tab) after this edit was started."""

    def __init__(self, latest: int) -> None:
        super().__init__(f"version {latest}")
        self.latest = latest


def persona_latest_number(persona: Persona) -> int:
    return persona.versions.order_by("-number").values_list("number", flat=True).first() or 0


@transaction.atomic
def persona_update(
    *,
    persona: Persona,
    by: User,
    based_on: int,
    title: str,
    summary: str,
    tags: list[str],
    language: str | None = None,
    data: dict[str, Any] | None = None,
) -> PersonaVersion | None:
    """Save an edit as a new version; StaleEdit when someone saved after version `based_on` was loaded.

    `data` replaces the whole document (the API's way; the editor changes it a step at a time with persona_edit).
    Returns None when nothing changed (no empty versions in the history).
    """
    persona = Persona.objects.select_for_update().get(pk=persona.pk)  # one save at a time per persona
    check_persona_active(persona)
    latest = persona_latest_number(persona)
    if based_on != latest:
        raise StaleEdit(latest)
    before = persona.snapshot()
    persona.title, persona.summary, persona.tags = title, summary, tags
    persona.language = language or persona.language
    if data is not None:
        sections.check_size(data)
        persona.data = data
    changes = diff_snapshots(before, persona.snapshot())
    if not changes:
        return None
    persona.save(update_fields=["title", "summary", "tags", "language", "data", "updated_at"])
    persona_activate(persona=persona)
    return persona_version_record(persona=persona, by=by, change_summary=summarise(changes))


@transaction.atomic
def persona_edit(
    *, persona: Persona, by: User, based_on: int, edit: Callable[[dict[str, Any]], str]
) -> PersonaVersion | None:
    """Apply one editor change (see personas.sections) to the persona's sections and save it as a version.

    `edit` changes a copy of the data and returns the one-line summary for the history. StaleEdit when someone saved
    after version `based_on` was loaded: item positions may have moved, so nothing is applied. None when the edit
    changed nothing.
    """
    persona = Persona.objects.select_for_update().get(pk=persona.pk)
    check_persona_active(persona)
    latest = persona_latest_number(persona)
    if based_on != latest:
        raise StaleEdit(latest)
    data = copy.deepcopy(persona.data) if isinstance(persona.data, dict) else {}
    change_summary = edit(data)
    sections.check_size(data)
    if data == persona.data:
        return None
    persona.data = data
    persona.save(update_fields=["data", "updated_at"])
    persona_activate(persona=persona)
    return persona_version_record(persona=persona, by=by, change_summary=change_summary[:300])


@transaction.atomic
def persona_restore(*, persona: Persona, version: PersonaVersion, by: User) -> PersonaVersion:
    """Bring back an earlier version as a new one: history is never rewritten."""
    persona = Persona.objects.select_for_update().get(pk=persona.pk)
    check_persona_active(persona)
    snapshot = version.snapshot
    persona.title, persona.summary = snapshot.get("title", ""), snapshot.get("summary", "")
    persona.tags, persona.data = list(snapshot.get("tags", [])), snapshot.get("data", {})
    persona.language = snapshot.get("language", persona.language)
    persona.save(update_fields=["title", "summary", "tags", "language", "data", "updated_at"])
    persona_activate(persona=persona)
    return persona_version_record(persona=persona, by=by, change_summary=f"Restored version {version.number}")


def persona_version_name(*, version: PersonaVersion, name: str) -> PersonaVersion:
    version.name = name.strip()
    version.save(update_fields=["name", "updated_at"])
    return version


@transaction.atomic
def persona_duplicate(*, persona: Persona, by: User) -> Persona:
    _check_room_for_persona(persona.user)
    copy = Persona.objects.create(
        user=persona.user,
        title=f"{persona.title} (copy)"[:150],
        summary=persona.summary,
        tags=list(persona.tags),
        data=persona.data,
        base_cv=persona.base_cv,
        language=persona.language,
    )
    persona_version_record(persona=copy, by=by, change_summary=f"Duplicated from “{persona.title}”")
    return copy


def persona_delete(*, persona: Persona) -> None:
    """Delete a persona with its versions (the page asks first; exports keep their own copies)."""
    persona.delete()


def embedding_text(persona: Persona) -> str:
    """What a persona is about, most telling first: the embedding model reads only the first ~200 words."""
    shown = sections.shown_data(persona.data) if isinstance(persona.data, dict) else {}
    basics: dict[str, Any] = shown["basics"] if isinstance(shown.get("basics"), dict) else {}
    skills = [
        str(word)
        for group in shown.get("skills") or []
        if isinstance(group, dict)
        for word in group.get("keywords") or []
    ]
    jobs = [job for job in shown.get("work") or [] if isinstance(job, dict)]
    parts = [
        persona.title,
        str(basics.get("label") or ""),
        ", ".join(persona.tags),
        persona.summary,
        "Skills: " + ", ".join(skills) if skills else "",
        *(" at ".join(str(job[key]) for key in ("position", "name") if job.get(key)) for job in jobs),
        *(str(highlight) for job in jobs for highlight in job.get("highlights") or []),
    ]
    return "\n".join(part for part in parts if part.strip())


def _enqueue_embedding(persona: Persona) -> None:
    send_on_commit("personas.tasks.persona_embed_task", [str(persona.pk)])


def persona_embed(*, persona_id: uuid.UUID | str) -> None:
    """Store the persona's embedding for semantic search (in the worker, after each save)."""
    persona = Persona.objects.filter(pk=persona_id).first()
    if persona is None:  # deleted since the save that queued this
        return
    embedded = embed(user=persona.user, texts=[embedding_text(persona)])
    # update(), not save(): computing an embedding is not an edit and must not move updated_at; and only if no
    # newer save came meanwhile, whose own task will store the newer embedding (tasks may finish out of order).
    Persona.objects.filter(pk=persona.pk, updated_at=persona.updated_at).update(
        embedding=embedded.vectors[0], embedded_by=embedded.embedder
    )


def personas_embed_stale(*, limit: int = 100) -> int:
    """Embed again personas whose vector another embedder made (or none did); returns how many were done."""
    stale = Persona.objects.exclude(embedded_by=current_embedder()).values_list("pk", flat=True)[:limit]
    ids = list(stale)
    for persona_id in ids:
        persona_embed(persona_id=persona_id)
    return len(ids)


@transaction.atomic
def persona_translate(*, persona: Persona, language: str, by: User) -> tuple[Persona, BackgroundJob | None]:
    """A linked copy of the persona in another language, marked with the source version it follows.

    The copy keeps the structure, dates, names and headings. When the AI provider writes prose, a draft of the
    translation is queued (the job is returned); offline the user writes the text in the new language on the
    editor page. LimitReached when the plan keeps no more personas.
    """
    _check_room_for_persona(persona.user)
    label = Language(language).label
    copy = Persona.objects.create(
        user=persona.user,
        title=f"{persona.title} ({label})"[:150],
        summary=persona.summary,
        tags=list(persona.tags),
        data=persona.data,
        base_cv=persona.base_cv,
        language=language,
        translation_of=persona,
        source_version=persona_latest_number(persona),
    )
    persona_version_record(persona=copy, by=by, change_summary=f"Translation of “{persona.title}” into {label} started")
    if not get_provider().language_model or ai_calls_left(user=persona.user, task=TRANSLATE_AI_TASK) == 0:
        return copy, None  # the user writes the text, as offline
    job = job_start(user=by, kind=TRANSLATE, subject_id=copy.pk, task="personas.tasks.persona_translation_draft_task")
    return copy, job


def persona_translation_draft(*, job_id: uuid.UUID | str) -> None:
    """Translate the prose of a linked translation with the AI provider (in the worker; safe to run twice).

    A translated text is kept only if it states the same numbers and addresses as the original, and put in only
    where the user has not rewritten the text (before or during the draft). LLMError when the service fails (the
    task retries it when retrying can help); the plan's limit or a refused request fails the job with the reason.
    """
    job = job_claim(job_id=job_id)
    if job is None:
        return
    persona = Persona.objects.select_related("user").filter(pk=job.subject_id).first() if job.subject_id else None
    if persona is None:
        job_fail(job, error="The translation was deleted before it could be drafted.")
        return
    if persona_is_read_only(persona):  # the plan changed while this waited in the queue
        job_fail(job, error=f"“{persona.title}” became read-only on your plan before it could be drafted.")
        return
    label = Language(persona.language).label
    # Only what is still as copied from the source: a text the user has written in the new language stays theirs.
    copied = persona.versions.get(number=1).snapshot
    originals = [
        (path, text)
        for path, text in prose_texts(data=persona.data, summary=persona.summary)
        if text_at(data=copied.get("data") or {}, summary=copied.get("summary", ""), path=path) == text
    ]
    if not originals:
        job_succeed(job, message="There was no text to translate yet.")
        return
    chunks = _chunks(originals)
    left = ai_calls_left(user=persona.user, task=TRANSLATE_AI_TASK)
    if left is not None and left < len(chunks):
        job_fail(
            job,
            error=f"Drafting this translation takes {len(chunks)} AI calls and your plan has {left} left "
            "this month. The translation keeps the original text to rewrite.",
        )
        return
    applied = refused = 0
    try:
        for number, chunk in enumerate(chunks):
            job_progress(job, progress=10 + 80 * number // len(chunks), message=f"Translating into {label}")
            with llm_call(user=persona.user, task=TRANSLATE_AI_TASK) as provider:
                answers = translate_texts(
                    provider, texts=[text for _path, text in chunk], language=label, document="CV"
                )
            translated = {}
            for (path, source), answer in zip(chunk, answers, strict=True):
                if answer.strip() == source.strip():
                    continue
                if translation_keeps_facts(source, answer):
                    translated[path] = answer.strip()
                else:
                    refused += 1
            # Saved as each part comes back: a retry or a time limit later loses nothing already drafted.
            applied += _translation_apply(
                persona_id=persona.pk, originals=dict(chunk), translated=translated, by=job.user
            )
    except (LimitReached, LLMError) as error:
        if isinstance(error, LLMError) and error.retryable:
            raise
        done = f" {applied} texts were drafted before it stopped." if applied else ""
        job_fail(job, error=f"The AI draft stopped: {error}{done} The rest keeps the original text to rewrite.")
        return
    kept = f"; {refused} kept as written because the draft changed a number or link" if refused else ""
    job_succeed(job, message=f"Drafted {applied} of {len(originals)} texts in {label}{kept}. Read them through."[:200])


_TRANSLATE_CHUNK_CHARS = 6000  # one request's worth: long enough for a CV, short enough for any model's answer


def _chunks(texts: list[tuple[Path, str]]) -> list[list[tuple[Path, str]]]:
    chunks: list[list[tuple[Path, str]]] = []
    size = _TRANSLATE_CHUNK_CHARS
    for pair in texts:
        if size + len(pair[1]) > _TRANSLATE_CHUNK_CHARS:
            chunks.append([])
            size = 0
        chunks[-1].append(pair)
        size += len(pair[1])
    return chunks


@transaction.atomic
def _translation_apply(
    *, persona_id: uuid.UUID, originals: dict[Path, str], translated: dict[Path, str], by: User
) -> int:
    persona = Persona.objects.select_for_update().get(pk=persona_id)
    data = copy.deepcopy(persona.data)
    applied = 0
    for path, text in translated.items():
        if text_at(data=data, summary=persona.summary, path=path) != originals[path]:
            continue  # rewritten by the user meanwhile, or its item moved: theirs stands
        if path == PERSONA_SUMMARY:
            persona.summary = text
        else:
            replace_text(data, path=path, text=text)
        applied += 1
    if applied:
        persona.data = data
        persona.save(update_fields=["summary", "data", "updated_at"])
        label = Language(persona.language).label
        persona_version_record(persona=persona, by=by, change_summary=f"AI draft of the {label} translation")
    return applied


def persona_translation_synced(*, persona: Persona) -> None:
    """The user has brought the translation up to date with its source's latest version."""
    if persona.translation_of_id is not None:
        persona.source_version = persona_latest_number(persona.translation_of)  # type: ignore[arg-type]
        persona.save(update_fields=["source_version"])
