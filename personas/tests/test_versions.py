import uuid

import pytest
from django.urls import reverse

from personas.diff import diff_snapshots, summarise
from personas.models import Persona
from personas.services import persona_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def persona(user):
    return persona_create(user=user, title="Backend engineer", summary="Python.", tags=["python"])


def _edit(client, persona, based_on, **fields):
    data = {"title": persona.title, "summary": persona.summary, "tags": ", ".join(persona.tags), "based_on": based_on}
    return client.post(reverse("persona_detail", args=[persona.pk]), {**data, **fields})


def test_every_saved_change_is_a_version_with_a_summary(owner_client, persona):
    response = _edit(owner_client, persona, 1, summary="Python and Go.", tags="python, go")
    assert response.status_code == 302
    persona.refresh_from_db()
    assert persona.summary == "Python and Go." and persona.tags == ["python", "go"]
    latest = persona.versions.first()
    assert latest.number == 2 and latest.change_summary == "Edited summary, tags"
    assert latest.snapshot["summary"] == "Python and Go."


def test_saving_without_changes_adds_no_version(owner_client, persona):
    _edit(owner_client, persona, 1)
    assert persona.versions.count() == 1


def test_an_edit_from_a_stale_tab_is_refused_and_kept_on_the_page(owner_client, persona):
    _edit(owner_client, persona, 1, summary="From the first tab.")
    response = _edit(owner_client, persona, 1, summary="From the second tab.")
    assert response.status_code == 409
    page = response.content.decode()
    assert "saved elsewhere (now version 2)" in page and "From the second tab." in page
    persona.refresh_from_db()
    assert persona.summary == "From the first tab."
    assert _edit(owner_client, persona, 2, summary="From the second tab.").status_code == 302


def test_the_diff_shows_each_changed_field(owner_client, persona):
    _edit(owner_client, persona, 1, title="Platform engineer", summary="")
    page = owner_client.get(reverse("persona_diff", args=[persona.pk]), {"a": 1, "b": 2}).content.decode()
    assert "Backend engineer" in page and "Platform engineer" in page and "<code>summary</code>" in page


def test_diff_paths_point_at_nested_fields():
    old = {"title": "A", "data": {"work": [{"name": "Acme", "highlights": ["Built X", "Ran Y"]}]}}
    new = {"title": "A", "data": {"work": [{"name": "Acme", "highlights": ["Built X", "Ran Z"]}, {"name": "Lumen"}]}}
    changes = diff_snapshots(old, new)
    assert [(c.path, c.before, c.after, c.kind) for c in changes] == [
        ("work[0].highlights", ["Built X", "Ran Y"], ["Built X", "Ran Z"], "changed"),
        ("work[1]", None, {"name": "Lumen"}, "added"),
    ]
    assert summarise(changes) == "Edited work"


def test_restoring_makes_a_new_version_and_keeps_the_history(owner_client, persona):
    _edit(owner_client, persona, 1, summary="Worse summary.")
    response = owner_client.post(reverse("persona_restore", args=[persona.pk, 1]))
    assert response.status_code == 302
    persona.refresh_from_db()
    assert persona.summary == "Python."
    assert list(persona.versions.values_list("number", "change_summary")) == [
        (3, "Restored version 1"),
        (2, "Edited summary"),
        (1, "Created from scratch"),
    ]


def test_a_version_can_be_named(owner_client, persona):
    owner_client.post(reverse("persona_version_name", args=[persona.pk, 1]), {"name": "sent to Acme, 2026-11"})
    assert persona.versions.get(number=1).name == "sent to Acme, 2026-11"
    assert "sent to Acme, 2026-11" in owner_client.get(reverse("persona_detail", args=[persona.pk])).content.decode()


def test_duplicating_makes_an_independent_persona(owner_client, persona, user):
    user.plan = "pro"
    user.save()
    response = owner_client.post(reverse("persona_duplicate", args=[persona.pk]))
    copy = Persona.objects.exclude(pk=persona.pk).get(user=user)
    assert response.url == reverse("persona_detail", args=[copy.pk])
    assert copy.title == "Backend engineer (copy)" and copy.summary == "Python."
    assert copy.versions.get().change_summary == "Duplicated from “Backend engineer”"


def test_versions_of_another_persona_or_out_of_range_are_404(owner_client, persona, user):
    user.plan = "pro"
    user.save()
    other = persona_create(user=user, title="Other")
    _edit(owner_client, other, 1, summary="changed")  # other has a version 2; persona does not
    assert owner_client.post(reverse("persona_restore", args=[persona.pk, 2])).status_code == 404
    assert owner_client.post(reverse("persona_restore", args=[persona.pk, 99999999999])).status_code == 404
    assert owner_client.get(reverse("persona_diff", args=[persona.pk]), {"a": 1, "b": 7}).status_code == 404
    assert owner_client.get(reverse("persona_diff", args=[persona.pk]), {"a": "x", "b": "y"}).status_code == 404


@pytest.mark.parametrize(
    ("method", "name", "args"),
    [
        ("get", "persona_diff", []),
        ("post", "persona_restore", [1]),
        ("post", "persona_version_name", [1]),
        ("post", "persona_duplicate", []),
        ("post", "persona_detail", []),
    ],
)
def test_an_outsider_gets_404(client, other_user, persona, method, name, args):
    client.force_login(other_user)
    assert getattr(client, method)(reverse(name, args=[persona.pk, *args])).status_code == 404
    assert getattr(client, method)(reverse(name, args=[uuid.uuid4(), *args])).status_code == 404
    assert Persona.objects.count() == 1 and persona.versions.count() == 1


def test_an_oversized_summary_and_markup_are_handled(owner_client, persona):
    response = _edit(owner_client, persona, 1, summary="x" * 6000)
    assert response.status_code == 400 and "at most 5000 characters" in response.content.decode()
    _edit(owner_client, persona, 1, summary="<script>alert(1)</script>")
    page = owner_client.get(reverse("persona_detail", args=[persona.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_restore_and_duplicate_refuse_get(owner_client, persona):
    assert owner_client.get(reverse("persona_restore", args=[persona.pk, 1])).status_code == 405
    assert owner_client.get(reverse("persona_duplicate", args=[persona.pk])).status_code == 405
