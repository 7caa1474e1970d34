"""A persona's photo: checked to be a real picture, made a small JPEG, kept in storage, shown by templates that
ask for one (as an inline image: a document never fetches anything)."""

from __future__ import annotations

import base64
import io

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile

from personas.activity import check_persona_active
from personas.models import Persona

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a decompression bomb declares far more
SIDE = 800


class PhotoRefused(Exception):
    """Not a picture we can use, with why."""


def persona_photo_set(*, persona: Persona, file: UploadedFile) -> Persona:
    from PIL import Image, ImageOps, UnidentifiedImageError

    check_persona_active(persona)
    if file.size is not None and file.size > MAX_UPLOAD_BYTES:
        raise PhotoRefused(f"A photo may be at most {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")
    data = file.read(MAX_UPLOAD_BYTES + 1)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in {"JPEG", "PNG", "WEBP"}:
                raise PhotoRefused("The photo must be a JPEG, PNG or WebP picture.")
            if probe.width * probe.height > MAX_PIXELS:
                raise PhotoRefused("This picture is far too large in pixels to be a photo.")
            probe.verify()
        with Image.open(io.BytesIO(data)) as opened:
            picture = ImageOps.exif_transpose(opened).convert("RGB")
            picture.thumbnail((SIDE, SIDE))
            out = io.BytesIO()
            picture.save(out, "JPEG", quality=85)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise PhotoRefused("This file is not a picture we can read (a JPEG, PNG or WebP photo).") from None
    if persona.photo:
        persona.photo.delete(save=False)
    persona.photo.save("photo.jpg", ContentFile(out.getvalue()), save=False)
    persona.save(update_fields=["photo", "updated_at"])
    return persona


def persona_photo_remove(*, persona: Persona) -> None:
    check_persona_active(persona)
    if persona.photo:
        persona.photo.delete(save=False)
        persona.save(update_fields=["photo", "updated_at"])


def persona_photo_data_uri(persona: Persona) -> str:
    """The photo as a data: URI for a document, or "" when there is none (or its file is gone)."""
    if not persona.photo:
        return ""
    try:
        with persona.photo.open("rb") as stored:
            return "data:image/jpeg;base64," + base64.b64encode(stored.read()).decode()
    except OSError:
        return ""
