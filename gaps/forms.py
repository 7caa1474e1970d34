from __future__ import annotations

from typing import Any

from django import forms

from accounts.models import User
from gaps.models import Application, CoverLetter, JobPosting
from gaps.postings.imports import SAVED_FIELDS
from gaps.postings.text import MAX_JOB_CHARS
from gaps.selectors import postings_for_user
from personas.models import Persona


class FitForm(forms.Form):
    """Check a persona against a saved job, or against one pasted now (which is saved for next time)."""

    posting = forms.ModelChoiceField(
        queryset=JobPosting.objects.none(), required=False, empty_label="A new job (paste it below)", label="Job"
    )
    title = forms.CharField(max_length=200, required=False, label="Job title")
    company = forms.CharField(max_length=200, required=False)
    location = forms.CharField(max_length=200, required=False, help_text="City, or remote.")
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        label="Job description",
        max_length=MAX_JOB_CHARS * 3,  # the cleaned text is checked again; pasted HTML is longer than its text
        help_text="Paste the posting as it is: text or HTML from a job board.",
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the user's own jobs can be chosen; another user's id fails validation. (Not sliced: a sliced
        # queryset cannot be filtered, so every choice would fail to validate.)
        self.fields["posting"].queryset = postings_for_user(user=user)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("posting") and not (cleaned.get("description") or "").strip():
            raise forms.ValidationError("Choose a saved job or paste a job description.")
        return cleaned


class JobForm(forms.Form):
    """Save a job to apply to: the description is required, the rest helps find it again."""

    title = forms.CharField(max_length=200, required=False, help_text="Left empty: the posting's first line.")
    company = forms.CharField(max_length=200, required=False)
    location = forms.CharField(max_length=200, required=False, help_text="City, or remote.")
    url = forms.URLField(max_length=500, required=False, label="Link", assume_scheme="https")
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        label="Job description",
        max_length=MAX_JOB_CHARS * 3,
        help_text="Paste the posting as it is: text or HTML from a job board.",
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=20_000)


class JobImportForm(forms.Form):
    """Where the posting comes from: a link (fetched for the user), a saved page or PDF, or a page's HTML pasted."""

    url = forms.CharField(
        max_length=2000,
        required=False,
        label="Link to the posting",
        widget=forms.URLInput(attrs={"placeholder": "https://…"}),
    )
    file = forms.FileField(required=False, label="Or the posting saved as a web page (.html) or a PDF")
    html = forms.CharField(
        required=False,
        max_length=2 * 1024 * 1024,
        label="Or the page's HTML, pasted",
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "<html>…"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not any((cleaned.get("url", "").strip(), cleaned.get("file"), cleaned.get("html", "").strip())):
            raise forms.ValidationError(
                "Give the posting's link, upload it saved as a page or a PDF, or paste its HTML."
            )
        return cleaned


class JobReviewForm(JobForm):
    """What an import read, for the user to check and correct before the job is saved."""

    workplace = forms.ChoiceField(choices=JobPosting.Workplace.choices, required=False)
    employment_type = forms.CharField(max_length=100, required=False, label="Employment type")
    salary_min = forms.IntegerField(min_value=0, max_value=2_000_000_000, required=False, label="Salary from")
    salary_max = forms.IntegerField(min_value=0, max_value=2_000_000_000, required=False, label="Salary to")
    salary_currency = forms.CharField(max_length=3, required=False, label="Currency")
    salary_period = forms.ChoiceField(choices=JobPosting.SalaryPeriod.choices, required=False, label="Per")
    field_order = [*SAVED_FIELDS, "notes"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["url"]  # the link it was read from is kept as it is
        # JobForm's hints are for pasting; here the fields were read from the page already.
        self.fields["title"].help_text = ""
        self.fields["description"].help_text = "As read from the posting: correct anything that is off."

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        low, high = cleaned.get("salary_min"), cleaned.get("salary_max")
        if low is not None and high is not None and low > high:
            self.add_error("salary_max", "The upper end is below the lower one.")
        return cleaned


class ApplicationForm(forms.ModelForm):
    """Where an application stands: the persona sent, its status, the next step."""

    class Meta:
        model = Application
        fields = ["persona", "status", "applied_on", "next_step", "next_step_on", "notes"]
        widgets = {
            "applied_on": forms.DateInput(attrs={"type": "date"}),
            "next_step_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"persona": "Persona sent", "next_step_on": "Next step on", "applied_on": "Applied on"}

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the user's own personas can be chosen; another user's id fails validation.
        self.fields["persona"].queryset = Persona.objects.filter(user=user).only("id", "title")  # type: ignore[attr-defined]


class CoverLetterForm(forms.Form):
    tone = forms.ChoiceField(choices=CoverLetter.Tone.choices, initial=CoverLetter.Tone.FORMAL)
    length = forms.ChoiceField(choices=CoverLetter.Length.choices, initial=CoverLetter.Length.MEDIUM)
