"""A user's own templates: Pro and Team write them with a live preview; they export and share like built-ins."""

import pytest
from django.urls import reverse

from personas.services import persona_create
from personas.tests.factories import demo_persona
from templates_app.models import Template
from templates_app.selectors import builtin_templates

pytestmark = pytest.mark.django_db


@pytest.fixture
def pro(user):
    user.plan = "pro"
    user.save()
    return user


@pytest.fixture
def persona(user):
    return demo_persona(user)


def _create(client, engine="markdown", type="cv"):
    response = client.post(reverse("template_list"), {"name": "Mine", "type": type, "engine": engine})
    assert response.status_code == 302
    return Template.objects.get(owner__isnull=False, name="Mine")


def test_free_sees_the_built_ins_and_what_pro_gives(owner_client):
    page = owner_client.get(reverse("template_list")).content.decode()
    assert "Classic" in page and "Modern letter" in page and "part of Pro and Team" in page
    response = owner_client.post(reverse("template_list"), {"name": "Mine", "type": "cv", "engine": "jinja"})
    assert response.status_code == 403 and not Template.objects.filter(owner__isnull=False).exists()


def test_write_a_markdown_template_and_preview_it_with_a_persona(owner_client, pro, persona):
    template = _create(owner_client)
    assert "{{ basics.name }}" in template.body  # starts from an example
    page = owner_client.get(reverse("template_edit", args=[template.pk])).content.decode()
    assert 'hx-post="' + reverse("template_preview", args=[template.pk]) in page and persona.title in page
    body = "# {{ basics.name }}\n\n{% for s in sections %}## {{ s.title }}\n\n{% endfor %}<script>alert(1)</script>"
    response = owner_client.post(reverse("template_preview", args=[template.pk]), {"body": body, "persona": persona.pk})
    html = response.content.decode()
    assert response.status_code == 200 and "&lt;h1&gt;Alex Morgan&lt;/h1&gt;" in html  # inside srcdoc
    assert (
        "&lt;h2&gt;Experience&lt;/h2&gt;" in html
        and "script" not in html
        and '<iframe class="template-preview" sandbox' in html
    )
    template.refresh_from_db()
    assert template.body != body  # a preview saves nothing

    response = owner_client.post(reverse("template_edit", args=[template.pk]), {"name": "Mine, renamed", "body": body})
    template.refresh_from_db()
    assert response.status_code == 302 and template.name == "Mine, renamed" and template.body == body


def test_a_broken_or_hostile_template_says_why_and_keeps_the_last_good_one(owner_client, pro, persona):
    template = _create(owner_client, engine="jinja")
    saved = template.body
    response = owner_client.post(reverse("template_edit", args=[template.pk]), {"name": "Mine", "body": "{% for %}"})
    assert response.status_code == 400 and "Line 1" in response.content.decode()
    template.refresh_from_db()
    assert template.body == saved
    hostile = "{{ ''.__class__.__mro__[1].__subclasses__() }}"
    response = owner_client.post(
        reverse("template_preview", args=[template.pk]), {"body": hostile, "persona": persona.pk}
    )
    assert response.status_code == 400 and "Not allowed in a template" in response.content.decode()
    response = owner_client.post(
        reverse("template_preview", args=[template.pk]), {"body": "{{ 'x' * 10**9 }}", "persona": persona.pk}
    )
    assert response.status_code == 400 and "larger than a document may be" in response.content.decode()


def test_a_letter_template_previews_with_a_sample_letter(owner_client, pro, persona):
    template = _create(owner_client, engine="jinja", type="cover_letter")
    body = "<p>{{ basics.name }}</p>{% for p in letter.paragraphs %}<p>{{ p }}</p>{% endfor %}"
    html = owner_client.post(
        reverse("template_preview", args=[template.pk]), {"body": body, "persona": persona.pk}
    ).content.decode()
    assert "Alex Morgan" in html and "This is where your letter goes" in html


def test_others_templates_and_personas_are_out_of_reach(owner_client, client, pro, persona, other_user):
    template = _create(owner_client)
    theirs = persona_create(user=other_user, title="Theirs")
    response = owner_client.post(reverse("template_preview", args=[template.pk]), {"body": "x", "persona": theirs.pk})
    assert response.status_code == 400 and "Pick one of your personas" in response.content.decode()
    client.force_login(other_user)
    assert client.get(reverse("template_edit", args=[template.pk])).status_code == 404
    assert (
        client.post(reverse("template_preview", args=[template.pk]), {"body": "x", "persona": theirs.pk}).status_code
        == 404
    )
    assert client.post(reverse("template_delete", args=[template.pk])).status_code == 404
    builtin = builtin_templates(type="cv")[0]
    assert client.get(reverse("template_edit", args=[builtin.pk])).status_code == 404  # built-ins are files
    assert Template.objects.filter(pk=template.pk).exists()


def test_an_own_template_exports_and_deleting_it_keeps_the_files(owner_client, pro, persona):
    from exports.models import Export
    from exports.services import export_request, export_run

    template = _create(owner_client)
    export, background = export_request(user=pro, persona=persona, template=template, format="pdf")
    export_run(job_id=background.pk)
    export.refresh_from_db()
    assert export.status == "done" and export.template_name == "Mine"
    owner_client.post(reverse("template_delete", args=[template.pk]))
    export = Export.objects.get(pk=export.pk)
    assert export.template is None and export.file and export.template_name == "Mine"
