from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat

from cvs.extract import ACCEPTED_EXTENSIONS


class CVUploadForm(forms.Form):
    file = forms.FileField(
        label="Your CV",
        help_text="PDF, Word (DOCX), Markdown, plain text or JSON Resume.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_EXTENSIONS)}),
    )

    def clean_file(self) -> UploadedFile:
        file: UploadedFile = self.cleaned_data["file"]
        limit = settings.CV_MAX_UPLOAD_BYTES
        if file.size and file.size > limit:
            raise forms.ValidationError(
                f"This file is {filesizeformat(file.size)}; CVs can be at most {filesizeformat(limit)}."
            )
        if not (file.name or "").lower().endswith(ACCEPTED_EXTENSIONS):
            raise forms.ValidationError(
                "We read PDF, DOCX, Markdown, plain-text and JSON Resume files; this one is none of those."
            )
        if not file.size:
            raise forms.ValidationError("This file is empty.")
        return file
