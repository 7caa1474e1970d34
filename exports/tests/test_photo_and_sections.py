"""A photo on the CV when asked, and the sections the user chooses to show."""

import io

import pypdfium2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from exports.models import Export
from exports.services import export_run
from personas.tests.factories import demo_persona
from templates_app.selectors import builtin_templates

pytestmark = pytest.mark.django_db


@pytest.fixture
def persona(user):
    return demo_persona(user)


def _png(width=1200, height=900):
    out = io.BytesIO()
    Image.new("RGB", (width, height), (52, 81, 209)).save(out, "PNG")
    return out.getvalue()


def _template(slug):
    return next(t for t in builtin_templates(type="cv") if t.config["builtin"] == slug)


def test_a_photo_is_made_small_and_shown_only_when_asked(owner_client, user, persona):
    url = reverse("persona_photo_change", args=[persona.pk])
    owner_client.post(url, {"photo": SimpleUploadedFile("me.png", _png(), content_type="image/png")})
    persona.refresh_from_db()
    with persona.photo.open("rb") as stored, Image.open(stored) as photo:
        assert photo.format == "JPEG" and max(photo.size) == 800
    assert owner_client.get(reverse("persona_photo", args=[persona.pk]))["Content-Type"] == "image/jpeg"

    export_url = reverse("persona_export", args=[persona.pk])
    for photo in (True, False):
        form = {"template": _template("modern").pk, "format": "pdf", "page_size": "A4"}
        owner_client.post(export_url, {**form, "photo": "on"} if photo else form)
    for export, photo in zip(Export.objects.order_by("created_at"), (True, False), strict=True):
        export_run(job_id=user.jobs.get(subject_id=export.pk).pk)
        export.refresh_from_db()
        with export.file.open("rb") as stored:
            images = [o for o in pypdfium2.PdfDocument(stored.read())[0].get_objects() if o.type == 3]  # images
        assert bool(images) is photo and export.config["photo"] is photo

    owner_client.post(url, {"remove": "1"})
    persona.refresh_from_db()
    assert not persona.photo


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("cv.pdf", b"%PDF-1.7 not a photo", "not a picture we can read"),
        ("huge.png", b"\x89PNG" + b"0" * (6 * 1024 * 1024), "at most 5 MB"),
        ("me.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "not a picture we can read"),
    ],
)
def test_what_is_not_a_photo_is_refused_with_why(owner_client, persona, name, content, says):
    response = owner_client.post(
        reverse("persona_photo_change", args=[persona.pk]), {"photo": SimpleUploadedFile(name, content)}, follow=True
    )
    assert says in response.content.decode()
    persona.refresh_from_db()
    assert not persona.photo


def test_another_users_photo_is_out_of_reach(client, persona, other_user):
    client.force_login(other_user)
    assert client.get(reverse("persona_photo", args=[persona.pk])).status_code == 404
    upload = SimpleUploadedFile("me.png", _png(), content_type="image/png")
    assert client.post(reverse("persona_photo_change", args=[persona.pk]), {"photo": upload}).status_code == 404


def test_the_sections_chosen_are_the_ones_exported(owner_client, user, persona):
    url = reverse("persona_export", args=[persona.pk])
    page = owner_client.get(url).content.decode()
    assert 'value="work"' in page and 'value="volunteer"' not in page  # only what the persona has
    form = {
        "template": _template("classic").pk,
        "format": "markdown",
        "page_size": "A4",
        "sections": ["work", "skills"],
    }
    owner_client.post(url, form)
    export = Export.objects.get()
    assert export.config["sections"] == ["work", "skills"]
    export_run(job_id=user.jobs.get(subject_id=export.pk).pk)
    export.refresh_from_db()
    with export.file.open("rb") as stored:
        text = stored.read().decode()
    assert "## Experience" in text and "## Skills" in text and "## Education" not in text
    owner_client.post(url, {**form, "sections": []})
    assert Export.objects.latest("created_at").config["sections"] == []  # none ticked: all, in the persona's order
