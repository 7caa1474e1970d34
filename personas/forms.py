from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.validators import URLValidator

from accounts.models import User
from cvs.models import CV, KnowledgeBaseEntry
from cvs.selectors import cv_list_for_user, known_skills_for_user
from personas.models import Language
from personas.sections import Field, Section, field_value


class PersonaCreateForm(forms.Form):
    title = forms.CharField(max_length=150, help_text='The kind of work, e.g. "Backend engineer".')
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000)
    tags = forms.CharField(required=False, help_text="Comma-separated, e.g. python, remote, fintech.")
    language = forms.ChoiceField(
        choices=Language.choices, initial=Language.ENGLISH, required=False, help_text="The language it is written in."
    )
    base_cv = forms.ModelChoiceField(
        queryset=CV.objects.none(), required=False, empty_label="Start from scratch", label="Start from"
    )
    knowledge = forms.ModelMultipleChoiceField(
        queryset=KnowledgeBaseEntry.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Also add from your knowledge base",
        help_text="Skills and tools you know from other CVs and your answers; only those you tick are added.",
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Only the user's own CVs can be chosen; another user's id fails validation.
        self.fields["base_cv"].queryset = cv_list_for_user(user=user)  # type: ignore[attr-defined]
        known = known_skills_for_user(user=user)
        if known.exists():
            self.fields["knowledge"].queryset = known  # type: ignore[attr-defined]
        else:  # nothing to offer yet
            del self.fields["knowledge"]

    def clean_tags(self) -> list[str]:
        return _tags(self.cleaned_data["tags"])

    def clean_language(self) -> str:
        return self.cleaned_data["language"] or Language.ENGLISH


def _tags(raw: str) -> list[str]:
    return list(dict.fromkeys(tag.strip()[:50] for tag in raw.split(",") if tag.strip()))


class PersonaEditForm(forms.Form):
    title = forms.CharField(max_length=150)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False, max_length=5000)
    tags = forms.CharField(required=False, max_length=500, help_text="Comma-separated.")
    language = forms.ChoiceField(choices=Language.choices, required=False)
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean_tags(self) -> list[str]:
        return _tags(self.cleaned_data["tags"])


class VersionNameForm(forms.Form):
    name = forms.CharField(max_length=150, required=False, label="Name this version")


class ItemForm(forms.Form):
    """The fields of one item of a section, built from its description in personas.sections."""

    def __init__(self, *args: Any, section: Section, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.section = section
        for field in section.fields:
            self.fields[field.key] = _FORM_FIELDS[field.kind](field.label)

    @classmethod
    def for_item(cls, *, section: Section, item: dict[str, Any]) -> ItemForm:
        initial = {field.key: _as_text(field, field_value(item, field)) for field in section.fields}
        return cls(section=section, initial=initial)


def _as_text(field: Field, value: Any) -> str:
    if isinstance(value, list):
        return ("\n" if field.kind == "lines" else ", ").join(str(part) for part in value)
    return "" if value is None else str(value)


class _LinesField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 4})

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        # A bullet typed or pasted before a line is not part of it; "-40% cloud cost" keeps its minus.
        lines = [_BULLET.sub("", line).strip() for line in (super().to_python(value) or "").splitlines()]
        if len(lines) > 50:
            raise forms.ValidationError("At most 50 lines.")
        return [line for line in lines if line]


class _WordsField(forms.CharField):
    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        return list(dict.fromkeys(word.strip() for word in (super().to_python(value) or "").split(",") if word.strip()))


class _DateField(forms.CharField):
    """JSON Resume dates: 2021, 2021-03 or 2021-03-14."""

    def to_python(self, value: Any) -> str:
        text = (super().to_python(value) or "").strip()
        if text and not _DATE.fullmatch(text):
            raise forms.ValidationError("Write a date as 2021, 2021-03 or 2021-03-14.")
        return text


class _UrlField(forms.CharField):
    """Web links only: a javascript: or data: link in an exported CV would be a trap for its reader."""

    def to_python(self, value: Any) -> str:
        text = (super().to_python(value) or "").strip()
        if text and "://" not in text:
            text = f"https://{text}"
        if text:
            URLValidator(schemes=["http", "https"])(text)
        return text


_BULLET = re.compile(r"^\s*[•*-]\s+")
_DATE = re.compile(r"(19|20)\d\d(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
_FORM_FIELDS: dict[str, Callable[[str], forms.Field]] = {
    "line": lambda label: forms.CharField(label=label, required=False, max_length=300),
    "text": lambda label: forms.CharField(
        label=label, required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    ),
    "lines": lambda label: _LinesField(label=label, required=False, max_length=10000),
    "words": lambda label: _WordsField(label=label, required=False, max_length=2000),
    "date": lambda label: _DateField(label=label, required=False, max_length=10),
    "url": lambda label: _UrlField(label=label, required=False, max_length=500),
}


class CustomSectionForm(forms.Form):
    name = forms.CharField(max_length=80, label="Section name", help_text='e.g. "Talks" or "Open source".')


class ReorderForm(forms.Form):
    order = forms.CharField(max_length=2000)

    def clean_order(self) -> list[int]:
        try:
            return [int(part) for part in self.cleaned_data["order"].split(",")]
        except ValueError:
            raise forms.ValidationError("The order must be a list of positions.") from None


class BasedOnForm(forms.Form):
    """Every edit names the version it was made on, so a save from a stale tab is caught."""

    based_on = forms.IntegerField(min_value=0, max_value=2**31 - 1)


class TranslateForm(forms.Form):
    language = forms.ChoiceField(choices=Language.choices, label="Translate into")
