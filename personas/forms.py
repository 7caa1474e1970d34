from __future__ import annotations

from django import forms

from accounts.models import User
from cvs.models import CV
from cvs.selectors import cv_list_for_user


class PersonaCreateForm(forms.Form):
    title = forms.CharField(max_length=150, help_text='The kind of work, e.g. "Backend engineer".')
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    tags = forms.CharField(required=False, help_text="Comma-separated, e.g. python, remote, fintech.")
    base_cv = forms.ModelChoiceField(
        queryset=CV.objects.none(), required=False, empty_label="Start from scratch", label="Start from"
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Only the user's own CVs can be chosen; another user's id fails validation.
        self.fields["base_cv"].queryset = cv_list_for_user(user=user)  # type: ignore[attr-defined]

    def clean_tags(self) -> list[str]:
        seen: dict[str, None] = {}
        for tag in self.cleaned_data["tags"].split(","):
            if tag.strip():
                seen.setdefault(tag.strip()[:50], None)
        return list(seen)
