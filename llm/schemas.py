"""The JSON schema of each task's answer. Models are asked for it, and answers are checked against it."""

from __future__ import annotations

from typing import Any

_TEXT = {"type": "string"}
_DATE = {"type": "string", "pattern": r"^\d{4}(-\d{2})?$"}
_TEXTS = {"type": "array", "items": _TEXT}


def _object(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": required or [], "additionalProperties": False}


CV_PROFILE: dict[str, Any] = _object(
    {
        "basics": _object(
            {
                "name": _TEXT,
                "label": _TEXT,
                "email": _TEXT,
                "phone": _TEXT,
                "url": _TEXT,
                "summary": _TEXT,
                "location": _object({"city": _TEXT, "countryCode": _TEXT}),
                "profiles": {"type": "array", "items": _object({"network": _TEXT, "username": _TEXT, "url": _TEXT})},
            }
        ),
        "work": {
            "type": "array",
            "items": _object(
                {
                    "name": _TEXT,
                    "position": _TEXT,
                    "location": _TEXT,
                    "startDate": _DATE,
                    "endDate": _DATE,
                    "summary": _TEXT,
                    "highlights": _TEXTS,
                }
            ),
        },
        "education": {
            "type": "array",
            "items": _object(
                {
                    "institution": _TEXT,
                    "area": _TEXT,
                    "studyType": _TEXT,
                    "startDate": _DATE,
                    "endDate": _DATE,
                }
            ),
        },
        "skills": {"type": "array", "items": _object({"name": _TEXT, "keywords": _TEXTS}, ["name"])},
        "languages": {"type": "array", "items": _object({"language": _TEXT, "fluency": _TEXT}, ["language"])},
        "certificates": {"type": "array", "items": _object({"name": _TEXT, "issuer": _TEXT, "date": _DATE}, ["name"])},
        "projects": {
            "type": "array",
            "items": _object({"name": _TEXT, "description": _TEXT, "highlights": _TEXTS}, ["name"]),
        },
        "interests": {"type": "array", "items": _object({"name": _TEXT}, ["name"])},
    }
)

TRANSLATED_TEXTS: dict[str, Any] = _object(
    {"texts": {"type": "array", "items": _object({"id": {"type": "integer"}, "text": _TEXT}, ["id", "text"])}},
    ["texts"],
)

JOB_REQUIREMENTS: dict[str, Any] = _object(
    {
        "requirements": {
            "type": "array",
            "maxItems": 60,
            "items": _object(
                {
                    "kind": {
                        "enum": ["skill", "years", "seniority", "language", "location", "education", "certificate"]
                    },
                    "name": _TEXT,
                    "must": {"type": "boolean"},
                    "source": _TEXT,
                    "years": {"type": ["integer", "null"], "minimum": 0, "maximum": 40},
                    "remote": {"enum": ["", "remote", "hybrid", "onsite"]},
                },
                ["kind", "name", "must", "source", "years", "remote"],
            ),
        }
    },
    ["requirements"],
)

# Suggested edits to tailor a persona to a job. `before` is filled in from the document, not trusted from a model.
TAILOR_EDITS: dict[str, Any] = _object(
    {
        "edits": {
            "type": "array",
            "maxItems": 30,
            "items": _object(
                {
                    "kind": {
                        "enum": [
                            "summary",
                            "order_skills",
                            "order_highlights",
                            "order_sections",
                            "order_projects",
                            "add_skill",
                            "hide_item",
                            "headline",
                            "hide_highlight",
                            "rephrase_highlight",
                        ]
                    },
                    "path": _TEXT,
                    "after": {"anyOf": [_TEXT, _TEXTS, {"type": "boolean"}]},
                    "reason": _TEXT,
                },
                ["kind", "path", "after", "reason"],
            ),
        }
    },
    ["edits"],
)

COVER_LETTER: dict[str, Any] = _object({"letter": _TEXT}, ["letter"])

QUESTION_WORDING: dict[str, Any] = _object(
    {
        "questions": {
            "type": "array",
            "maxItems": 40,
            "items": _object({"id": {"type": "integer"}, "text": _TEXT}, ["id", "text"]),
        }
    },
    ["questions"],
)
