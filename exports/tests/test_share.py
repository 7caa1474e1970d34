"""Sharing a persona: an unguessable link to one version, readable by anyone with it, revocable at once."""

import html

import pytest
from django.test import Client
from django.urls import reverse

from exports.models import Share
from exports.shares import share_make
from personaforge.core.models import BackgroundJob
from personas.services import persona_version_record
from personas.tests.factories import demo_persona
from templates_app.selectors import builtin_templates
from templates_app.tests.factories import TemplateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def persona(user):
    return demo_persona(user, summary="Backend engineer with eight years of Python.")


def _share(owner_client, persona, slug="classic"):
    template = next(t for t in builtin_templates(type="cv") if t.config["builtin"] == slug)
    response = owner_client.post(reverse("persona_share", args=[persona.pk]), {"template": template.pk})
    assert response.status_code == 302
    return _made(Share.objects.filter(persona=persona).latest("created_at"))


def _made(share):
    """The worker makes the page and the PDF once, when the share is made."""
    share_make(job_id=BackgroundJob.objects.get(subject_id=share.pk).pk)
    share.refresh_from_db()
    return share


def test_anyone_with_the_link_reads_the_cv_and_downloads_it(owner_client, client, persona):
    share = _share(owner_client, persona)
    assert len(share.token) >= 32 and share.persona_version.number == 2
    page = owner_client.get(reverse("persona_export", args=[persona.pk])).content.decode()
    assert reverse("share_page", args=[share.token]) in page

    client.logout()
    response = client.get(reverse("share_page", args=[share.token]))
    body = response.content.decode()
    assert response.status_code == 200 and response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    framed = html.unescape(body.split('srcdoc="', 1)[1].split('"></iframe>', 1)[0])
    assert "Northwind Payments" in framed and "Alex Morgan" in framed
    assert "<iframe sandbox" in body and "/persona/" not in body and "owner@example.com" not in body  # no way in
    pdf = client.get(reverse("share_pdf", args=[share.token]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert pdf["Content-Disposition"] == 'attachment; filename="alex-morgan-cv.pdf"'
    client.get(reverse("share_pdf", args=[share.token]))
    share.refresh_from_db()
    assert (share.views, share.downloads) == (1, 2) and share.pdf


def test_a_visit_reads_what_the_worker_made_and_renders_nothing(owner_client, client, persona, monkeypatch):
    template = builtin_templates(type="cv")[0]
    owner_client.post(reverse("persona_share", args=[persona.pk]), {"template": template.pk})
    share = Share.objects.get(persona=persona)
    waiting = client.get(reverse("share_page", args=[share.token]))
    assert waiting.status_code == 202 and "being prepared" in waiting.content.decode()
    assert client.get(reverse("share_pdf", args=[share.token])).status_code == 503
    assert "being made" in owner_client.get(reverse("persona_export", args=[persona.pk])).content.decode()

    _made(share)

    def no_rendering(*args, **kwargs):
        raise AssertionError("a visit rendered the template again")

    monkeypatch.setattr("exports.shares.render_html", no_rendering)
    monkeypatch.setattr("templates_app.rendering.laid_out", no_rendering)
    assert client.get(reverse("share_page", args=[share.token])).status_code == 200
    assert client.get(reverse("share_pdf", args=[share.token])).status_code == 200


def test_a_template_too_large_to_lay_out_fails_the_share_in_the_worker_with_a_reason(owner_client, persona, user):
    user.plan = "pro"
    user.save()
    rows = "{% for n in range(40000) %}<tr><td>{{ n }}</td></tr>{% endfor %}"
    own = TemplateFactory(owner=user, name="Huge", type="cv", engine="jinja", body=f"<table>{rows}</table>")
    owner_client.post(reverse("persona_share", args=[persona.pk]), {"template": own.pk})
    share = _made(Share.objects.get(template=own))
    assert share.status == "failed" and not share.pdf and "HTML elements" in share.error
    page = owner_client.get(reverse("persona_export", args=[persona.pk])).content.decode()
    assert "HTML elements" in page
    assert Client().get(reverse("share_page", args=[share.token])).status_code == 503


def test_visits_are_limited_per_client_address_whatever_it_claims(client, owner_client, persona, settings):
    settings.SHARE_VIEW_RATE = "5/m"
    share = _share(owner_client, persona)
    url = reverse("share_page", args=[share.token])
    answers = [client.get(url, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(6)]
    assert answers == [200] * 5 + [429]
    assert client.get(url, REMOTE_ADDR="198.51.100.9").status_code == 200  # someone else


def test_a_share_keeps_its_version_while_the_persona_moves_on(owner_client, client, persona, user):
    share = _share(owner_client, persona)
    persona.summary = "A newer summary, not shared."
    persona.save()
    persona_version_record(persona=persona, by=user, change_summary="Edited")
    body = html.unescape(client.get(reverse("share_page", args=[share.token])).content.decode())
    assert "Backend engineer with eight years of Python." in body and "A newer summary" not in body


def test_a_revoked_link_is_gone_at_once(owner_client, client, persona):
    share = _share(owner_client, persona)
    owner_client.post(reverse("share_revoke", args=[share.pk]))
    assert client.get(reverse("share_page", args=[share.token])).status_code == 404
    assert client.get(reverse("share_pdf", args=[share.token])).status_code == 404
    assert client.get(reverse("share_page", args=["not-a-real-token-" + "x" * 20])).status_code == 404
    assert "Revoked" in owner_client.get(reverse("persona_export", args=[persona.pk])).content.decode()


def test_others_cannot_share_or_revoke_what_is_not_theirs(owner_client, client, persona, other_user):
    share = _share(owner_client, persona)
    theirs = TemplateFactory(owner=other_user, name="Theirs", type="cv", engine="jinja", body="{{ basics }}")
    response = owner_client.post(reverse("persona_share", args=[persona.pk]), {"template": theirs.pk})
    assert response.status_code == 302 and Share.objects.count() == 1  # not offered: refused with a message
    client.force_login(other_user)
    assert client.post(reverse("share_revoke", args=[share.pk])).status_code == 404
    assert client.post(reverse("persona_share", args=[persona.pk]), {"template": theirs.pk}).status_code == 404
    share.refresh_from_db()
    assert share.is_live


def test_a_hostile_own_template_cannot_script_the_shared_page(owner_client, client, persona, user):
    body = "<h1>{{ basics.name }}</h1><script>alert(1)</script><img src=x onerror=alert(2)>"
    own = TemplateFactory(owner=user, name="Mine", type="cv", engine="jinja", body=body)
    owner_client.post(reverse("persona_share", args=[persona.pk]), {"template": own.pk})
    assert not Share.objects.exists()  # own templates are for Pro and Team
    user.plan = "pro"
    user.save()
    owner_client.post(reverse("persona_share", args=[persona.pk]), {"template": own.pk})
    share = _made(Share.objects.get(template=own))
    body = html.unescape(client.get(reverse("share_page", args=[share.token])).content.decode())
    assert "<h1>Alex Morgan</h1>" in body and "<script" not in body and "onerror" not in body


def test_a_suspended_accounts_pages_go_dark(owner_client, client, persona, user):
    share = _share(owner_client, persona)
    user.is_active = False
    user.save()
    assert client.get(reverse("share_page", args=[share.token])).status_code == 404
