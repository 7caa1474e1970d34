"""The offline provider: every task done by rules and local models, with no network at all."""

from __future__ import annotations

from typing import Any

from cvs.parsing.document import Line
from cvs.parsing.profile import build_profile
from gaps.letters import draft_letter
from gaps.questions import QuestionDraft, questions_from
from gaps.requirements import Requirement, extract_requirements
from gaps.review import review_persona
from gaps.tailoring import suggest_edits
from llm.embeddings import embed_texts
from llm.errors import LLMError


class OfflineProvider:
    name = "offline"
    metered = False  # costs nothing, so no plan limit applies
    drafts_text = False  # writes no prose of its own: translations are left for the user to write

    def serves(self, task: str) -> bool:
        """Whether this provider does `task` itself (a provider may leave tasks to the offline one it extends)."""
        return True

    def parse_cv(self, *, text: str, lines: list[Line]) -> dict[str, Any]:
        return build_profile(lines)

    @property
    def embedder(self) -> str:
        """Names the model behind `embed`: vectors of two embedders never compare, so each stored one says whose."""
        return "offline/potion-base-8M"

    def embed(self, *, texts: list[str]) -> list[list[float]]:
        return embed_texts(texts)

    def review_persona(self, *, data: dict[str, Any], summary: str) -> list[dict[str, str]]:
        return review_persona(data=data, summary=summary)

    def follow_up_questions(
        self, *, points: list[dict[str, Any]], issues: list[dict[str, Any]], data: dict[str, Any]
    ) -> list[QuestionDraft]:
        """What to ask the user, most valuable first: rules over the fit points and the review's issues."""
        return questions_from(points=points, issues=issues, data=data)

    def tailor_persona(
        self, *, data: dict[str, Any], summary: str, wanted: list[str], known: list[tuple[str, str]], job_title: str
    ) -> list[dict[str, Any]]:
        """Edits that select, order and surface the persona's own material for the job (see personas.tailoring)."""
        edits = suggest_edits(data=data, summary=summary, wanted=wanted, known_not_shown=known, job_title=job_title)
        return [edit.as_dict() for edit in edits]

    def draft_cover_letter(
        self,
        *,
        data: dict[str, Any],
        summary: str,
        job_title: str,
        company: str,
        wanted: list[str],
        tone: str,
        length: str,
    ) -> str:
        """A letter from templates, filled only with the persona's own facts (see gaps.letters)."""
        return draft_letter(
            data=data, summary=summary, job_title=job_title, company=company, wanted=wanted, tone=tone, length=length
        )

    def job_requirements(self, *, text: str, title: str, location: str) -> list[Requirement]:
        """What the job asks for. The text is only ever read for requirements: what it tells us to do is ignored."""
        return extract_requirements(text=text, title=title, location=location)

    def translate_texts(self, *, texts: list[str], language: str) -> list[str]:
        raise LLMError("Translation needs an AI service; none is configured.", retryable=False)
