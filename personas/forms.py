from __future__ import annotations

from django import forms

from accounts.models import User
from cvs.models import CV
from cvs.selectors import cv_list_for_user


class PersonaCreateForm(forms.Form):
    title = forms.CharField(max_length=150, help_text='The kind of work, e.g. "Backend engineer".')
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000)
    tags = forms.CharField(required=False, help_text="Comma-separated, e.g. python, remote, fintech.")
    base_cv = forms.ModelChoiceField(
        queryset=CV.objects.none(), required=False, empty_label="Start from scratch", label="Start from"
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Only the user's own CVs can be chosen; another user's id fails validation.
        self.fields["base_cv"].queryset = cv_list_for_user(user=user)  # type: ignore[attr-defined]

    def clean_tags(self) -> list[str]:
        return _tags(self.cleaned_data["tags"])


def _tags(raw: str) -> list[str]:
    return list(dict.fromkeys(tag.strip()[:50] for tag in raw.split(",") if tag.strip()))


class PersonaEditForm(forms.Form):
    title = forms.CharField(max_length=150)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False, max_length=5000)
    tags = forms.CharField(required=False, max_length=500, help_text="Comma-separated.")
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean_tags(self) -> list[str]:
        return _tags(self.cleaned_data["tags"])


class VersionNameForm(forms.Form):
    name = forms.CharField(max_length=150, required=False, label="Name this version")
