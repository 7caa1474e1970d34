import uuid

import pytest
from django.urls import reverse

from cvs.models import KnowledgeBaseEntry
from cvs.tests.factories import CVFactory, KnowledgeBaseEntryFactory

pytestmark = pytest.mark.django_db


def _fact(user, value, type="tool", **extra):
    return KnowledgeBaseEntryFactory(user=user, type=type, value=value, source="cv", **extra)


def test_entries_are_grouped_by_type_with_their_source_and_evidence(owner_client, user, other_user):
    cv = CVFactory(user=user, filename="jane.pdf")
    _fact(user, "Docker", cv=cv, evidence="Cloud: AWS, Docker")
    _fact(user, "Fintech", type="domain")
    _fact(other_user, "Secret tool")
    page = owner_client.get(reverse("knowledge")).content.decode()
    assert "Tools" in page and "Domains" in page and "Docker" in page and "Fintech" in page
    assert "jane.pdf" in page and "Cloud: AWS, Docker" in page
    assert "Secret tool" not in page


def test_an_empty_knowledge_base_says_what_to_do(owner_client):
    assert "Nothing here yet" in owner_client.get(reverse("knowledge")).content.decode()


def test_adding_normalises_and_refuses_a_duplicate(owner_client, user):
    owner_client.post(reverse("knowledge"), {"type": "tool", "value": "Postgres"})
    assert list(KnowledgeBaseEntry.objects.values_list("value", "source")) == [("PostgreSQL", "user_answer")]
    again = owner_client.post(reverse("knowledge"), {"type": "tool", "value": "postgresql"})
    assert again.status_code == 400 and "already has" in again.content.decode()


def test_editing_in_place_with_htmx_returns_the_row(owner_client, user):
    entry = _fact(user, "Dokcer")
    form = owner_client.get(reverse("knowledge_edit", args=[entry.pk]), headers={"HX-Request": "true"})
    assert 'value="Dokcer"' in form.content.decode() and "<html" not in form.content.decode()
    row = owner_client.post(
        reverse("knowledge_edit", args=[entry.pk]), {"type": "tool", "value": "Docker"}, headers={"HX-Request": "true"}
    )
    assert f'id="entry-{entry.pk}"' in row.content.decode() and "Docker" in row.content.decode()
    entry.refresh_from_db()
    assert entry.value == "Docker"


def test_editing_without_javascript_uses_a_page(owner_client, user):
    entry = _fact(user, "Dokcer")
    assert "<html" in owner_client.get(reverse("knowledge_edit", args=[entry.pk])).content.decode()
    response = owner_client.post(reverse("knowledge_edit", args=[entry.pk]), {"type": "tool", "value": "Docker"})
    assert response.url == reverse("knowledge")


def test_delete_with_and_without_htmx(owner_client, user):
    first, second = _fact(user, "A"), _fact(user, "B")
    assert (
        owner_client.post(reverse("knowledge_delete", args=[first.pk]), headers={"HX-Request": "true"}).content == b""
    )
    assert owner_client.post(reverse("knowledge_delete", args=[second.pk])).url == reverse("knowledge")
    assert not KnowledgeBaseEntry.objects.exists()


def test_merging_keeps_one_entry_with_all_the_evidence(owner_client, user):
    js = _fact(user, "JS", type="skill", evidence="Skills: JS")
    javascript = _fact(user, "JavaScript", evidence="Built the JavaScript front end")
    response = owner_client.post(
        reverse("knowledge_merge"), {"entries": [js.pk, javascript.pk], "value": "JavaScript (ES2022)"}
    )
    assert response.url == reverse("knowledge")
    kept = KnowledgeBaseEntry.objects.get()
    assert kept.pk == js.pk and kept.value == "JavaScript (ES2022)"
    assert kept.evidence == "Skills: JS / Built the JavaScript front end"


def test_merging_needs_two_of_the_users_own_entries(owner_client, user, other_user):
    mine, theirs = _fact(user, "Go"), _fact(other_user, "Rust")
    response = owner_client.post(reverse("knowledge_merge"), {"entries": [mine.pk, theirs.pk]})
    assert response.status_code == 400
    assert KnowledgeBaseEntry.objects.count() == 2
    assert owner_client.post(reverse("knowledge_merge"), {"entries": [mine.pk]}).status_code == 400


def test_someone_elses_entry_is_404_everywhere(client, user, other_user):
    theirs = _fact(other_user, "Rust")
    client.force_login(user)
    assert client.get(reverse("knowledge_edit", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("knowledge_edit", args=[theirs.pk]), {"type": "tool", "value": "x"}).status_code == 404
    assert client.post(reverse("knowledge_delete", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("knowledge_edit", args=[uuid.uuid4()])).status_code == 404
    assert KnowledgeBaseEntry.objects.get(pk=theirs.pk).value == "Rust"


def test_markup_in_a_fact_is_shown_as_text(owner_client, user):
    _fact(user, "<script>alert(1)</script>")
    page = owner_client.get(reverse("knowledge")).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_delete_refuses_get(owner_client, user):
    assert owner_client.get(reverse("knowledge_delete", args=[_fact(user, "A").pk])).status_code == 405
