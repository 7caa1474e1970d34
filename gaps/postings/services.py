"""Job postings saved by the user: the description as pasted, its title and details."""

from __future__ import annotations

from typing import Any

from accounts.models import User
from gaps.models import JobPosting
from gaps.postings.text import clean_job_text


def posting_create(
    *,
    user: User,
    description: str,
    title: str = "",
    company: str = "",
    location: str = "",
    url: str = "",
    notes: str = "",
    **details: Any,
) -> JobPosting:
    """Save a job. JobTextRefused when the description cannot be read as one (empty, a whole web page).

    `details`: what an import read besides (workplace, employment_type, salary_min/max/currency/period).
    """
    text = clean_job_text(description)
    title = title.strip() or _first_line(text)
    return JobPosting.objects.create(
        user=user,
        title=title[:200],
        company=company.strip()[:200],
        location=location.strip()[:200],
        url=url.strip(),
        description=text,
        notes=notes,
        **{key: value for key, value in details.items() if key in JOB_DETAILS},
    )


JOB_DETAILS = ("workplace", "employment_type", "salary_min", "salary_max", "salary_currency", "salary_period")


def posting_update(*, posting: JobPosting, **fields: str) -> JobPosting:
    if "description" in fields:
        fields["description"] = clean_job_text(fields["description"])
    for name, value in fields.items():
        setattr(posting, name, value.strip() if isinstance(value, str) and name != "description" else value)
    posting.save()
    return posting


def _first_line(text: str) -> str:
    return next((line.strip("#*- ") for line in text.splitlines() if line.strip("#*- ")), "Job")[:200]
