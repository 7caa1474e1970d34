from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat

from cvs.extract import ACCEPTED_EXTENSIONS


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
