from __future__ import annotations

from typing import Any

from django import forms

from personas.models import Persona
from templates_app.models import Template
from templates_app.sandbox import MAX_SOURCE_CHARS


class TemplateCreateForm(forms.Form):
    name = forms.CharField(max_length=150)
    type = forms.ChoiceField(choices=Template.Type.choices, initial=Template.Type.CV, label="For")
    engine = forms.ChoiceField(
        choices=Template.Engine.choices,
        initial=Template.Engine.MARKDOWN,
        label="Written in",
        help_text="Markdown with placeholders such as {{ basics.name }}, or a whole HTML page in Jinja.",
    )


class TemplateEditForm(forms.Form):
    name = forms.CharField(max_length=150)
    body = forms.CharField(
        max_length=MAX_SOURCE_CHARS,
        strip=False,
        label="Template",
        widget=forms.Textarea(attrs={"rows": 28, "spellcheck": "false", "class": "code"}),
    )


class PreviewForm(forms.Form):
    """The text being edited (not yet saved) and the persona to see it with."""

    body = forms.CharField(max_length=MAX_SOURCE_CHARS, strip=False)
    persona = forms.ModelChoiceField(queryset=Persona.objects.none(), empty_label=None)

    def __init__(self, *args: Any, personas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["persona"].queryset = personas  # type: ignore[attr-defined]
