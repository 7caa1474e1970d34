from __future__ import annotations

import json
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import RegexValidator
from django.template.defaultfilters import filesizeformat

from cvs.extract import ACCEPTED_EXTENSIONS
from cvs.models import KnowledgeBaseEntry, KnowledgeType
from cvs.parsing.document import Line
from cvs.parsing.profile import read_certificates, read_interests, read_languages, read_skills
from personaforge.core.json_text import has_lone_surrogate, has_nul


def validate_cv_file(file: File) -> None:
    """What an uploaded CV must be before we store it; shared by the upload page and the API."""
    limit = settings.CV_MAX_UPLOAD_BYTES
    if file.size and file.size > limit:
        raise ValidationError(f"This file is {filesizeformat(file.size)}; CVs can be at most {filesizeformat(limit)}.")
    if not (file.name or "").lower().endswith(ACCEPTED_EXTENSIONS):
        raise ValidationError(
            "We read PDF, Word, OpenDocument, Markdown, plain-text and JSON Resume files, and LinkedIn data "
            "exports (.zip); this one is none of those."
        )
    if not file.size:
        raise ValidationError("This file is empty.")


class CVUploadForm(forms.Form):
    file = forms.FileField(
        label="Your CV",
        help_text="PDF, Word, OpenDocument, Markdown, plain text, JSON Resume, or your LinkedIn data export (.zip).",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_EXTENSIONS)}),
        validators=[validate_cv_file],
    )


# ---- The parse review: every field of the profile the parser read, editable before it is confirmed.

_DATE_HELP = "YYYY-MM or YYYY"
date_validator = RegexValidator(r"^\d{4}(-(0[1-9]|1[0-2]))?(-\d{2})?$", "Write the date as 2021-03, or just 2021.")


class BasicsForm(forms.Form):
    name = forms.CharField(max_length=150, required=False)
    label = forms.CharField(max_length=150, required=False, label="Headline")
    email = forms.EmailField(required=False)
    phone = forms.CharField(max_length=50, required=False)
    url = forms.URLField(required=False, label="Website", assume_scheme="https")
    city = forms.CharField(max_length=100, required=False)
    country_code = forms.CharField(max_length=2, required=False, label="Country code", help_text="e.g. GB, DE")
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)

    @classmethod
    def initial_from(cls, basics: dict[str, Any]) -> dict[str, Any]:
        location = basics.get("location") or {}
        return {
            **{key: basics.get(key, "") for key in ("name", "label", "email", "phone", "url", "summary")},
            "city": location.get("city", ""),
            "country_code": location.get("countryCode", ""),
        }

    def basics(self, previous: dict[str, Any]) -> dict[str, Any]:
        """The JSON Resume basics, keeping what this form does not show (profiles, say)."""
        data = self.cleaned_data
        basics = {k: v for k, v in previous.items() if k not in {"name", "label", "email", "phone", "url", "summary"}}
        basics.update({k: data[k].strip() for k in ("name", "label", "email", "phone", "url", "summary") if data[k]})
        location = {k: v for k, v in (previous.get("location") or {}).items() if k not in {"city", "countryCode"}}
        if data["city"]:
            location["city"] = data["city"].strip()
        if data["country_code"]:
            location["countryCode"] = data["country_code"].strip().upper()
        basics.pop("location", None)
        if location:
            basics["location"] = location
        return basics


class _EntryForm(forms.Form):
    """One job or degree; blank forms are skipped, ticked ones removed."""

    start_date = forms.CharField(max_length=10, required=False, validators=[date_validator], help_text=_DATE_HELP)
    end_date = forms.CharField(
        max_length=10, required=False, validators=[date_validator], help_text="Empty if it is ongoing"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        # Compared to the precision both have: "2021" does not end before "2021-03".
        if start and end and end[: len(start)] < start[: len(end)]:
            raise forms.ValidationError("The end date is before the start date.")
        return data


class WorkEntryForm(_EntryForm):
    position = forms.CharField(max_length=150, required=False)
    name = forms.CharField(max_length=150, required=False, label="Company")
    location = forms.CharField(max_length=100, required=False)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    highlights = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, help_text="One a line")
    field_order = ["position", "name", "location", "start_date", "end_date", "summary", "highlights"]


class EducationEntryForm(_EntryForm):
    institution = forms.CharField(max_length=150, required=False)
    study_type = forms.CharField(max_length=100, required=False, label="Degree", help_text="e.g. BSc, Master")
    area = forms.CharField(max_length=150, required=False, label="Subject")
    field_order = ["institution", "study_type", "area", "start_date", "end_date"]


WorkFormSet = forms.formset_factory(WorkEntryForm, extra=1, can_delete=True)
EducationFormSet = forms.formset_factory(EducationEntryForm, extra=1, can_delete=True)

_ENTRY_KEYS = {"start_date": "startDate", "end_date": "endDate", "study_type": "studyType"}


def entries_initial(items: list[dict[str, Any]], form: type[forms.Form]) -> list[dict[str, Any]]:
    rows = []
    for item in items:
        row = {}
        for field in form.base_fields:
            value = item.get(_ENTRY_KEYS.get(field, field), "")
            row[field] = "\n".join(value) if isinstance(value, list) else value
        rows.append(row)
    return rows


def entries_from(formset: forms.BaseFormSet, previous: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """JSON Resume entries from the formset, keeping keys the form does not show (courses, url...)."""
    entries = []
    for index, form in enumerate(formset.forms):
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        entry = dict(previous[index]) if index < len(previous) else {}
        for field in form.base_fields:
            key, value = _ENTRY_KEYS.get(field, field), data.get(field, "")
            if field == "highlights":
                value = [line.strip(" •-") for line in value.splitlines() if line.strip(" •-")]
            entry.pop(key, None)
            if value:
                entry[key] = value.strip() if isinstance(value, str) else value
        if any(entry.get(k) for k in ("name", "position", "institution")):
            entries.append(entry)
    return entries


class ListsForm(forms.Form):
    """Sections kept as lines, read back with the parser's own line readers."""

    skills = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="One group a line: “Cloud: AWS, Docker”, or a single skill.",
    )
    languages = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, help_text="One a line: “German (C1)”."
    )
    certificates = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="One a line: “AWS Certified Developer – Amazon Web Services, 2022”.",
    )
    interests = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, help_text="One a line.")
    projects = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="One a line: “Name: what it is”.",
    )

    @classmethod
    def initial_from(cls, profile: dict[str, Any]) -> dict[str, str]:
        def line(*parts: str, joiner: str = " – ") -> str:
            return joiner.join(p for p in parts if p)

        skills = [
            f"{g.get('name', '')}: {', '.join(g['keywords'])}" if g.get("keywords") else g.get("name", "")
            for g in profile.get("skills") or []
        ]
        languages = [
            f"{x.get('language', '')} ({x['fluency']})" if x.get("fluency") else x.get("language", "")
            for x in profile.get("languages") or []
        ]
        certificates = [
            line(line(c.get("name", ""), c.get("issuer", "")), c.get("date", ""), joiner=", ")
            for c in profile.get("certificates") or []
        ]
        interests = [i.get("name", "") for i in profile.get("interests") or []]
        projects = [
            f"{p.get('name', '')}: {p['description']}" if p.get("description") else p.get("name", "")
            for p in profile.get("projects") or []
        ]
        sections = {
            "skills": skills,
            "languages": languages,
            "certificates": certificates,
            "interests": interests,
            "projects": projects,
        }
        return {key: "\n".join(value) for key, value in sections.items()}

    def lists(self, previous: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        readers = {
            "skills": read_skills,
            "languages": read_languages,
            "certificates": read_certificates,
            "interests": read_interests,
        }
        sections = {
            key: _keep_extras(
                read([Line(text) for text in self.cleaned_data[key].splitlines() if text.strip()]),
                previous.get(key) or [],
            )
            for key, read in readers.items()
        }
        sections["projects"] = self._projects(previous.get("projects") or [])
        return sections

    def _projects(self, previous: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Projects by line; one whose name is unchanged keeps what the line does not show (highlights, url)."""
        by_name = {p.get("name"): p for p in previous if isinstance(p, dict)}
        projects = []
        for line in self.cleaned_data["projects"].splitlines():
            name, _, description = line.partition(":")
            if not name.strip():
                continue
            project = {k: v for k, v in by_name.get(name.strip(), {}).items() if k != "description"}
            project["name"] = name.strip()
            if description.strip():
                project["description"] = description.strip()
            projects.append(project)
        return projects


def _keep_extras(items: list[dict[str, Any]], previous: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An item whose name is unchanged keeps what its line does not show (a skill's level, a certificate's url)."""
    name_keys = ("name", "language")
    by_name = {next((p[k] for k in name_keys if p.get(k)), None): p for p in previous if isinstance(p, dict)}
    merged = []
    for item in items:
        old = by_name.get(next((item[k] for k in name_keys if item.get(k)), None)) or {}
        merged.append({**old, **item})
    return merged


class OtherSectionsForm(forms.Form):
    """Sections read less often (awards, volunteering, publications, references), edited as JSON Resume."""

    KEYS = ("awards", "volunteer", "publications", "references")
    other = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        required=False,
        label="Other sections (JSON Resume)",
        help_text="Awards, volunteering, publications and references.",
    )

    @classmethod
    def initial_from(cls, profile: dict[str, Any]) -> dict[str, str]:
        other = {key: profile[key] for key in cls.KEYS if profile.get(key)}
        return {"other": json.dumps(other, ensure_ascii=False, indent=2) if other else ""}

    def clean_other(self) -> dict[str, Any]:
        from cvs.extract import schema_problem

        text = self.cleaned_data["other"].strip()
        if not text:
            return {}
        try:
            other = json.loads(text, parse_constant=_refuse_constant)
            nul, broken = has_nul(other), has_lone_surrogate(other)
        except json.JSONDecodeError as error:
            raise ValidationError(f"This is not valid JSON (line {error.lineno}: {error.msg}).") from None
        except RecursionError:
            raise ValidationError("This JSON is nested far too deeply to be a CV section.") from None
        if nul:
            raise ValidationError("This JSON contains a null character (\\u0000), which a CV never needs.")
        if broken:
            raise ValidationError("This JSON contains a broken character (a lone \\ud800-style escape).")
        if not isinstance(other, dict) or set(other) - set(self.KEYS):
            raise ValidationError(f"Use only these sections: {', '.join(self.KEYS)}.")
        problem = schema_problem(other)
        if problem:
            raise ValidationError(problem)
        return other


class ProfileReview:
    """The parse review's forms together: bound to POST data, or filled from the parsed profile."""

    def __init__(self, profile: dict[str, Any], data: Any = None) -> None:
        self.previous = profile
        self.basics = BasicsForm(data, prefix="basics", initial=BasicsForm.initial_from(profile.get("basics") or {}))
        self.work = WorkFormSet(data, prefix="work", initial=entries_initial(profile.get("work") or [], WorkEntryForm))
        self.education = EducationFormSet(
            data, prefix="education", initial=entries_initial(profile.get("education") or [], EducationEntryForm)
        )
        self.lists = ListsForm(data, prefix="lists", initial=ListsForm.initial_from(profile))
        self.other = OtherSectionsForm(data, prefix="other", initial=OtherSectionsForm.initial_from(profile))

    @property
    def is_bound(self) -> bool:
        return self.basics.is_bound

    def is_valid(self) -> bool:
        # A list, not a generator: every form is validated, so every error is shown at once.
        return all(
            [
                self.basics.is_valid(),
                self.work.is_valid(),
                self.education.is_valid(),
                self.lists.is_valid(),
                self.other.is_valid(),
            ]
        )

    def profile(self) -> dict[str, Any]:
        """The edited profile; what a form does not show (profiles, a project's url...) is kept as it was."""
        profile = dict(self.previous)
        # Its user has seen and saved every field: the reader's confidence in them no longer applies.
        meta = profile.get("meta")
        profile["meta"] = {k: v for k, v in meta.items() if k != "confidence"} if isinstance(meta, dict) else {}
        profile["basics"] = self.basics.basics(self.previous.get("basics") or {})
        profile["work"] = entries_from(self.work, self.previous.get("work") or [])
        profile["education"] = entries_from(self.education, self.previous.get("education") or [])
        profile.update(self.lists.lists(self.previous))
        for key in OtherSectionsForm.KEYS:
            profile[key] = self.other.cleaned_data["other"].get(key)
        return {key: value for key, value in profile.items() if value}


class FactForm(forms.Form):
    type = forms.ChoiceField(choices=KnowledgeType.choices)
    value = forms.CharField(max_length=200, label="Skill, tool or preference")


class MergeForm(forms.Form):
    entries = forms.ModelMultipleChoiceField(queryset=KnowledgeBaseEntry.objects.none())
    value = forms.CharField(max_length=200, required=False, label="Name to keep")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the user's own entries can be chosen: another user's id is simply not valid.
        self.fields["entries"].queryset = KnowledgeBaseEntry.objects.filter(user=user)  # type: ignore[attr-defined]

    def clean_entries(self) -> list[KnowledgeBaseEntry]:
        chosen = sorted(self.cleaned_data["entries"], key=lambda e: e.created_at)
        if len(chosen) < 2:
            raise ValidationError("Choose at least two entries to merge.")
        return chosen


def _refuse_constant(constant: str) -> float:
    """JSON has no NaN or Infinity (Python reads them; PostgreSQL refuses to store them)."""
    raise ValidationError(f"This JSON contains {constant}, which is not valid JSON.")
