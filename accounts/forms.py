from __future__ import annotations

from typing import Any

from django import forms

from accounts.models import Language


class ProfileForm(forms.Form):
    name = forms.CharField(max_length=150, required=False)
    language = forms.ChoiceField(choices=Language.choices, label="Language of our emails")


class TokenForm(forms.Form):
    name = forms.CharField(max_length=100, label="Token name", help_text="What it is for, e.g. “my job-board script”.")


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(max_length=254, label="Type your email address to confirm")

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_confirm(self) -> str:
        typed = self.cleaned_data["confirm"].strip()
        if typed.casefold() != self.email.casefold():
            raise forms.ValidationError("That is not your email address: nothing is deleted.")
        return typed
