"""Exports: made in the worker from the version recorded, kept in storage, downloaded by their owner only."""

import io
import json

import pypdfium2
import pytest
from django.urls import reverse

from accounts.limits import LimitReached
from accounts.tests.factories import TeamFactory
from cvs.extract import schema_problem
from exports.models import Export
from exports.services import ExportRefused, export_request, export_run
from gaps.postings.services import posting_create
from gaps.tests.factories import CoverLetterFactory
from personas.services import persona_version_record
from personas.tests.factories import demo_persona
from templates_app.selectors import builtin_templates
from templates_app.tests.factories import TemplateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def persona(user):
    return demo_persona(user, summary="Backend engineer with eight years of Python.")


def _template(slug):
    return next(
        t for t in builtin_templates(type="cv") + builtin_templates(type="cover_letter") if t.config["builtin"] == slug
    )


def _export(user, persona, slug="classic", format="pdf", **kwargs):
    export, background = export_request(user=user, persona=persona, template=_template(slug), format=format, **kwargs)
    export_run(job_id=background.pk)
    export.refresh_from_db()
    background.refresh_from_db()
    return export, background


def test_a_pdf_export_is_stored_with_its_version_and_holds_the_persona(user, persona):
    export, background = _export(user, persona, config={"accent": "#aa3300", "page_size": "Letter"})
    assert export.status == "done" and background.status == "succeeded"
    assert export.persona_version.number == 2 and export.template_name == "Classic"
    assert export.config["accent"] == "#aa3300" and export.file.name.endswith("alex-morgan-cv-v2.pdf")
    with export.file.open("rb") as stored:
        pdf = pypdfium2.PdfDocument(stored.read())
    width, height = pdf[0].get_size()
    assert (round(width), round(height)) == (612, 792)  # Letter, as asked
    text = pdf[0].get_textpage().get_text_range()
    assert "Northwind Payments" in text and "Backend engineer with eight years of Python." in text
    assert export.ats["read"] == export.ats["total"] > 20 and export.ats["warnings"] == []

    persona.summary = "Changed after the export."
    persona.save()
    persona_version_record(persona=persona, by=user, change_summary="Edited")
    assert export.persona_version.snapshot["summary"] == "Backend engineer with eight years of Python."


@pytest.mark.parametrize(
    ("format", "holds"),
    [("html", "<h2>Experience</h2>"), ("markdown", "## Experience"), ("text", "Experience\n")],
)
def test_html_markdown_and_text_exports(user, persona, format, holds):
    export, _ = _export(user, persona, format=format)
    with export.file.open("rb") as stored:
        content = stored.read().decode()
    assert holds in content and "Northwind Payments" in content


def test_a_json_resume_export_follows_the_schema_and_leaves_out_hidden_items(user, persona):
    persona.data["work"][1]["x-hidden"] = True
    persona.save()
    persona_version_record(persona=persona, by=user, change_summary="Hid a job")
    export, _ = _export(user, persona, format="json_resume")
    with export.file.open("rb") as stored:
        resume = json.loads(stored.read())
    assert schema_problem(resume) is None
    assert [job["name"] for job in resume["work"]] == ["Northwind Payments"]
    assert resume["basics"]["summary"] == "Backend engineer with eight years of Python."
    assert resume["meta"]["version"] == "v3"


def test_a_cover_letter_exports_through_a_letter_template(user, persona):
    job = posting_create(
        user=user,
        description="We need a Python engineer for our payments ledger team.",
        title="Senior Python engineer",
        company="Initech",
    )
    letter = CoverLetterFactory(
        user=user,
        job=job,
        persona=persona,
        number=1,
        tone="formal",
        length="short",
        body="Hello Initech team,\n\nI build ledgers.",
    )
    with pytest.raises(ExportRefused, match="Cover letter one"):
        export_request(user=user, persona=persona, template=_template("classic"), format="pdf", letter=letter)
    export, _ = _export(user, persona, slug="letter_modern", letter=letter)
    with export.file.open("rb") as stored:
        text = pypdfium2.PdfDocument(stored.read())[0].get_textpage().get_text_range()
    assert "Hello Initech team," in text and "I build ledgers." in text and export.file.name.endswith(".pdf")


def test_a_free_plan_has_its_monthly_exports_and_keeps_its_files(user, persona, settings):
    settings.FREE_EXPORTS_PER_MONTH = 2
    first, _ = _export(user, persona)
    _export(user, persona, format="markdown")
    with pytest.raises(LimitReached, match="2 exports a month"):
        export_request(user=user, persona=persona, template=_template("modern"), format="pdf")
    assert Export.objects.filter(user=user).count() == 2 and first.file


def test_own_templates_are_for_pro_and_a_failing_template_fails_the_export_clearly(user, persona):
    own = TemplateFactory(owner=user, name="Mine", type="cv", engine="jinja", body="{{ 'x' * 10**9 }}")
    with pytest.raises(LimitReached, match="Pro and Team"):
        export_request(user=user, persona=persona, template=own, format="html")
    user.plan = "pro"
    user.save()
    export, background = export_request(user=user, persona=persona, template=own, format="html")
    export_run(job_id=background.pk)
    export.refresh_from_db()
    assert export.status == "failed" and "larger than a document may be" in export.error and not export.file


def test_the_export_page_queues_an_export_and_lists_it_with_a_download(owner_client, user, persona):
    url = reverse("persona_export", args=[persona.pk])
    page = owner_client.get(url).content.decode()
    assert "Classic" in page and "Modern" in page and "Compact" in page and "Technical" in page
    assert "Classic letter" not in page  # a CV page offers CV templates
    response = owner_client.post(url, {"template": _template("modern").pk, "format": "pdf", "page_size": "A4"})
    assert response.status_code == 302
    export = Export.objects.get(user=user)
    assert export.status == "pending" and export.template_name == "Modern"
    assert export.config["accent"] == "#3451d1" and export.config["font"] == "inter"  # the template's own options
    export_run(job_id=user.jobs.get(subject_id=export.pk).pk)
    page = owner_client.get(url).content.decode()
    download = reverse("export_download", args=[export.pk])
    assert download in page
    response = owner_client.get(download)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="alex-morgan-cv-v2.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_bad_choices_are_refused_on_the_page(owner_client, persona):
    url = reverse("persona_export", args=[persona.pk])
    letter_template = _template("letter_classic")
    assert (
        owner_client.post(url, {"template": letter_template.pk, "format": "pdf", "page_size": "A4"}).status_code == 400
    )
    assert (
        owner_client.post(url, {"template": _template("classic").pk, "format": "exe", "page_size": "A4"}).status_code
        == 400
    )
    assert (
        owner_client.post(
            url, {"template": _template("classic").pk, "format": "pdf", "page_size": "A4", "accent": "red;}</style>"}
        ).status_code
        == 400
    )
    assert not Export.objects.exists()


def test_another_users_export_page_and_file_are_404(client, other_user, user, persona):
    export, _ = _export(user, persona)
    other = TemplateFactory(owner=other_user, name="Theirs", type="cv", engine="jinja", body="x")
    client.force_login(other_user)
    assert client.get(reverse("persona_export", args=[persona.pk])).status_code == 404
    assert client.get(reverse("export_download", args=[export.pk])).status_code == 404
    client.force_login(user)
    response = client.post(
        reverse("persona_export", args=[persona.pk]), {"template": other.pk, "format": "pdf", "page_size": "A4"}
    )
    assert response.status_code == 400 and Export.objects.count() == 1  # someone else's template is not offered


def test_exports_are_stored_in_s3(s3, user, persona):
    export, _ = _export(user, persona, format="markdown")
    body = s3.client.get_object(Bucket=s3.bucket, Key=export.file.name)["Body"].read().decode()
    assert body.startswith("# Alex Morgan")


@pytest.mark.parametrize("format", ["docx", "odt"])
def test_editable_exports_open_and_hold_the_persona(user, persona, format):
    export, _ = _export(user, persona, format=format)
    with export.file.open("rb") as stored:
        content = stored.read()
    if format == "docx":
        import docx

        document = docx.Document(io.BytesIO(content))
        text = "\n".join(paragraph.text for paragraph in document.paragraphs)
        assert document.core_properties.author == "Alex Morgan"
        assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"][:2] == ["Summary", "Experience"]
    else:
        from odf import teletype
        from odf.opendocument import load

        text = teletype.extractText(load(io.BytesIO(content)).text)
    for value in ("Alex Morgan", "Northwind Payments", "Mentored four engineers", "University of Leeds", "Kafka"):
        assert value in text
    assert export.ats["read"] == export.ats["total"] and export.file.name.endswith(f".{format}")


def test_a_letter_is_exported_from_the_apply_page_and_listed_with_the_others(owner_client, user, persona, other_user):
    user.plan = "pro"
    user.save()
    job = posting_create(
        user=user,
        description="We need a Python engineer for our payments ledger team.",
        title="Senior Python engineer",
        company="Initech",
    )
    letter = CoverLetterFactory(
        user=user,
        job=job,
        persona=persona,
        number=1,
        tone="formal",
        length="short",
        body="Hello Initech team,\n\nI build ledgers.",
        status="succeeded",
    )
    page = owner_client.get(reverse("apply", args=[job.pk])).content.decode()
    assert f'hx-get="{reverse("letter_export", args=[letter.pk])}"' in page  # the form comes from exports
    form = owner_client.get(reverse("letter_export", args=[letter.pk]), headers={"HX-Request": "true"})
    assert "Modern letter" in form.content.decode() and "Classic letter" in form.content.decode()
    assert "Technical" not in form.content.decode() and "<h1>" not in form.content.decode()
    response = owner_client.post(
        reverse("letter_export", args=[letter.pk]), {"template": _template("letter_classic").pk, "format": "docx"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("export_list")
    export = Export.objects.get(cover_letter=letter)
    export_run(job_id=user.jobs.get(subject_id=export.pk).pk)
    listing = owner_client.get(reverse("export_list")).content.decode()
    assert "Cover letter, Senior Python engineer" in listing and reverse("export_download", args=[export.pk]) in listing
    assert reverse("persona_export", args=[persona.pk]) not in listing
    persona_page = owner_client.get(reverse("persona_export", args=[persona.pk])).content.decode()
    assert reverse("export_download", args=[export.pk]) not in persona_page  # the CV page lists CVs

    response = owner_client.post(
        reverse("letter_export", args=[letter.pk]), {"template": _template("classic").pk, "format": "pdf"}
    )
    assert response.status_code == 302 and Export.objects.count() == 1  # a CV template is not offered for letters
    owner_client.force_login(other_user)
    response = owner_client.post(
        reverse("letter_export", args=[letter.pk]), {"template": _template("letter_classic").pk, "format": "pdf"}
    )
    assert response.status_code == 404 and Export.objects.count() == 1
    assert owner_client.get(reverse("letter_export", args=[letter.pk])).status_code == 404
    assert "Cover letter" not in owner_client.get(reverse("export_list")).content.decode()


def test_a_team_lead_downloads_a_members_export_and_no_other_lead_does(client, user, persona):
    from accounts.tests.factories import UserFactory

    lead = UserFactory(email="lead@agency.example", plan="team")
    user.team = TeamFactory(name="Northwind Agency", owner=lead)
    user.save()
    export, _ = _export(user, persona, format="markdown")
    other_lead = UserFactory(email="lead@other.example", plan="team")
    TeamFactory(name="Other", owner=other_lead)
    client.force_login(lead)
    assert client.get(reverse("export_download", args=[export.pk])).status_code == 200
    client.force_login(other_lead)
    assert client.get(reverse("export_download", args=[export.pk])).status_code == 404
    lead.plan = "free"  # a lead whose plan lapsed reads no member's files
    lead.save()
    client.force_login(lead)
    assert client.get(reverse("export_download", args=[export.pk])).status_code == 404


def test_a_team_lead_does_not_download_a_members_cover_letter(client, user, persona):
    from accounts.tests.factories import UserFactory

    lead = UserFactory(email="lead@agency.example", plan="team")
    user.team = TeamFactory(name="Northwind Agency", owner=lead)
    user.save()
    job = posting_create(
        user=user, title="Senior Python engineer", description="We need a Python engineer for our payments ledger team."
    )
    letter = CoverLetterFactory(user=user, job=job, persona=persona, body="Dear Initech,", status="succeeded")
    export, _ = _export(user, persona, slug="letter_classic", format="html", letter=letter)
    client.force_login(lead)
    assert client.get(reverse("export_download", args=[export.pk])).status_code == 404
    assert client.get(reverse("api_export_download", args=[export.pk])).status_code == 404
    client.force_login(user)
    assert client.get(reverse("export_download", args=[export.pk])).status_code == 200
