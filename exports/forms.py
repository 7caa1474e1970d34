from __future__ import annotations

from typing import Any

from django import forms

from exports.models import ExportFormat
from exports.services import CV_FORMATS, LETTER_FORMATS
from templates_app.config import FONTS, PAGE_SIZES
from templates_app.localise import LANGUAGES
from templates_app.models import Template

ACCENTS = (
    ("#3451d1", "Blue"),
    ("#1f4e79", "Navy"),
    ("#0f766e", "Teal"),
    ("#6d28d9", "Violet"),
    ("#b42318", "Red"),
    ("#9a3412", "Rust"),
    ("#1d2433", "Ink"),
)
_LANGUAGE_NAMES = {"en": "English", "de": "German", "fr": "French", "es": "Spanish"}


class ExportForm(forms.Form):
    template = forms.ModelChoiceField(queryset=Template.objects.none(), empty_label=None, widget=forms.RadioSelect)
    format = forms.ChoiceField(choices=[(f.value, f.label) for f in CV_FORMATS], initial=ExportFormat.PDF)
    accent = forms.ChoiceField(choices=[("", "The template's"), *ACCENTS], required=False, label="Accent colour")
    font = forms.ChoiceField(
        choices=[("", "The template's"), *((key, name) for key, (name, _) in FONTS.items())], required=False
    )
    page_size = forms.ChoiceField(choices=[(size, size) for size in PAGE_SIZES], label="Page size")
    heading_language = forms.ChoiceField(
        choices=[("", "The persona's language"), *((code, _LANGUAGE_NAMES[code]) for code in LANGUAGES)],
        required=False,
        label="Headings in",
    )
    sections = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Sections shown",
        help_text="In the persona's order (move sections in the editor); none ticked shows them all.",
    )
    photo = forms.BooleanField(required=False, label="Show my photo (templates with a photo)")

    def __init__(self, *args: Any, templates: Any, sections: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates  # type: ignore[attr-defined]
        self.fields["sections"].choices = sections  # type: ignore[attr-defined]
        self.fields["sections"].initial = [key for key, _ in sections]
        self.section_keys = [key for key, _ in sections]

    def config(self) -> dict[str, Any]:
        """The options chosen; those left empty fall back to the template's own."""
        keys = ("accent", "font", "page_size", "heading_language", "photo")
        config = {key: self.cleaned_data[key] for key in keys if self.cleaned_data.get(key)}
        chosen = set(self.cleaned_data.get("sections") or [])
        if chosen and chosen != set(self.section_keys):  # all or none: the persona's own, even ones added later
            config["sections"] = [key for key in self.section_keys if key in chosen]
        return config


class LetterExportForm(forms.Form):
    """A cover letter through one of the letter templates (with the template's own options)."""

    template = forms.ModelChoiceField(queryset=Template.objects.none(), empty_label=None)
    format = forms.ChoiceField(choices=[(f.value, f.label) for f in LETTER_FORMATS], initial=ExportFormat.PDF)

    def __init__(self, *args: Any, templates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates  # type: ignore[attr-defined]


class ShareForm(forms.Form):
    """Publish the persona through a CV template, with the template's own options."""

    template = forms.ModelChoiceField(queryset=Template.objects.none(), empty_label=None)

    def __init__(self, *args: Any, templates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates  # type: ignore[attr-defined]
