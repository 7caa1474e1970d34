"""Exports of hard documents and through hostile templates: a clear outcome, nothing fetched, nothing lost."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pypdfium2
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from exports.models import Export
from exports.services import STORAGE_DOWN, export_request, export_run
from personas.tests.factories import demo_persona
from templates_app.selectors import builtin_templates
from templates_app.tests.factories import TemplateFactory

pytestmark = pytest.mark.django_db


def _persona(user, change=None):
    return demo_persona(user, change=change)


def _run(user, persona, template=None, format="pdf"):
    template = template or builtin_templates(type="cv")[0]
    export, background = export_request(user=user, persona=persona, template=template, format=format)
    export_run(job_id=background.pk)
    export.refresh_from_db()
    return export


def test_every_script_is_written_and_selectable(user):
    def scripts(data):
        data["basics"]["name"] = "李小龍 محمد Zoë"
        data["work"][0]["highlights"].append("开发了支付系统 · طورت نظام الدفع · 🚀 shipped")

    export = _run(user, _persona(user, scripts))
    with export.file.open("rb") as stored:
        text = pypdfium2.PdfDocument(stored.read())[0].get_textpage().get_text_range()
    assert export.status == "done" and "李小龍" in text and "محمد" in text and "开发了支付系统" in text


def test_a_5000_item_list_is_exported_whole(user):
    def many(data):
        data["work"][0]["highlights"] = [f"Highlight number {i}" for i in range(5000)]

    persona = _persona(user, many)
    for format in ("html", "docx"):
        export = _run(user, persona, format=format)
        assert export.status == "done", export.error
    with export.file.open("rb") as stored:
        import docx

        paragraphs = [p.text for p in docx.Document(stored).paragraphs]
    assert "Highlight number 4999" in paragraphs


class _Recorder(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_images_pointing_at_the_network_or_at_files_are_never_fetched(user):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        user.plan = "pro"
        user.save()
        address = f"http://127.0.0.1:{server.server_port}"
        body = (
            f'<h1>{{{{ basics.name }}}}</h1><img src="{address}/tracker.png"><img src="file:///etc/passwd">'
            f'<style>body {{ background: url("{address}/bg.png") }}</style>'
        )
        own = TemplateFactory(owner=user, name="Mine", type="cv", engine="jinja", body=body)
        export = _run(user, _persona(user, lambda d: d["basics"].update(image=f"{address}/me.jpg")), own)
    finally:
        server.shutdown()
    assert export.status == "done" and _Recorder.requests == []


def test_storage_that_is_down_fails_the_export_clearly_and_it_can_be_tried_again(owner_client, user, settings):
    persona = _persona(user)
    down = {
        "access_key": "x",
        "secret_key": "x",
        "region_name": "us-east-1",
        "bucket_name": "nowhere",
        "endpoint_url": "http://127.0.0.1:9",
        "file_overwrite": False,
    }
    working = settings.STORAGES
    settings.STORAGES = {**working, "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": down}}
    export = _run(user, persona, format="markdown")
    assert export.status == "failed" and export.error == STORAGE_DOWN and not export.file
    page = owner_client.get(reverse("export_list")).content.decode()
    assert "our file store did not answer" in page and reverse("export_retry", args=[export.pk]) in page

    settings.STORAGES = working
    response = owner_client.post(reverse("export_retry", args=[export.pk]), {"next": "https://elsewhere.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("export_list")
    export_run(job_id=user.jobs.filter(subject_id=export.pk).latest("created_at").pk)
    export.refresh_from_db()
    assert export.status == "done" and export.file and Export.objects.count() == 1
    assert owner_client.post(reverse("export_retry", args=[export.pk])).status_code == 302  # refused: a message


def test_a_run_after_one_killed_once_its_file_was_stored_leaves_one_file(user):
    persona = _persona(user)
    export, background = export_request(
        user=user, persona=persona, template=builtin_templates(type="cv")[0], format="pdf"
    )
    folder = f"exports/{user.pk}/{export.pk}"
    default_storage.save(f"{folder}/{export.pk}.pdf", ContentFile(b"%PDF-1.7 half"))  # stored, then killed
    export_run(job_id=background.pk)
    export.refresh_from_db()
    assert export.status == "done"
    assert default_storage.listdir(folder)[1] == [export.file.name.rsplit("/", 1)[1]]
    assert default_storage.open(export.file.name).read().startswith(b"%PDF-")
