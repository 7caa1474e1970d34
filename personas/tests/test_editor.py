"""The section editor on the persona page, with htmx and without."""

import uuid

import pytest
from django.urls import reverse

from cvs.tests.factories import KnowledgeBaseEntryFactory
from personas.models import Persona
from personas.services import persona_create

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def persona(user):
    persona = persona_create(user=user, title="Backend engineer")
    Persona.objects.filter(pk=persona.pk).update(
        data={
            "basics": {"name": "Alex Morgan"},
            "work": [
                {
                    "position": "Engineer",
                    "name": "Acme",
                    "startDate": "2020-01",
                    "highlights": ["Cut costs 20%", "Led 3"],
                },
                {"position": "Intern", "name": "Globex", "startDate": "2018-06", "endDate": "2019-09"},
            ],
        }
    )
    persona.refresh_from_db()
    return persona


def _url(name, persona, *args):
    return reverse(name, args=[persona.pk, *args])


def _job(persona, index):
    persona.refresh_from_db()
    return persona.data["work"][index]


def test_the_persona_page_lists_every_section_with_its_items(owner_client, persona):
    page = owner_client.get(_url("persona_detail", persona)).content.decode()
    for text in ("Experience", "Engineer · Acme", "2020-01–present", "Cut costs 20%", "Education", "Publications"):
        assert text in page


def test_editing_an_item_in_place_returns_the_section_and_the_new_history(owner_client, persona):
    form = owner_client.get(_url("section_item", persona, "work", 0), headers=HTMX)
    assert form.status_code == 200 and 'value="Engineer"' in form.content.decode()
    assert "<html" not in form.content.decode()
    values = {
        "position": "Lead engineer",
        "name": "Acme",
        "startDate": "2020-01",
        "highlights": "Cut costs 20%\n• Led 3 people",
        "based_on": 1,
    }
    response = owner_client.post(_url("section_item", persona, "work", 0), values, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="section-work"' in html and "Lead engineer · Acme" in html
    assert 'id="history" hx-swap-oob="true"' in html and "Edited “Lead engineer · Acme” in Experience" in html
    assert 'id="persona-version" value="2"' in html
    assert _job(persona, 0)["highlights"] == ["Cut costs 20%", "Led 3 people"]


def test_without_htmx_the_item_form_is_a_page_and_saving_returns_to_the_persona(owner_client, persona):
    page = owner_client.get(_url("section_item", persona, "work", 1))
    assert page.status_code == 200 and "<html" in page.content.decode()
    values = {"position": "Intern", "name": "Globex Corp", "based_on": 1}
    response = owner_client.post(_url("section_item", persona, "work", 1), values)
    assert response.status_code == 302 and response.url.endswith("#section-work")
    assert _job(persona, 1)["name"] == "Globex Corp"


def test_adding_an_item(owner_client, persona):
    values = {"institution": "University of Leeds", "studyType": "BSc", "based_on": 1}
    response = owner_client.post(_url("section_item", persona, "education", 0), values, headers=HTMX)
    assert response.status_code == 200
    persona.refresh_from_db()
    assert persona.data["education"] == [{"institution": "University of Leeds", "studyType": "BSc"}]


def test_an_invalid_item_comes_back_as_the_form_with_its_errors_and_text(owner_client, persona):
    values = {"position": "Engineer", "startDate": "last spring", "url": "javascript:alert(1)", "based_on": 1}
    response = owner_client.post(_url("section_item", persona, "work", 0), values, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 400
    assert response["HX-Retarget"] == "#form-work-0"
    assert "Write a date as 2021, 2021-03 or 2021-03-14." in html and "last spring" in html
    assert "Enter a valid URL." in html
    assert persona.versions.count() == 1


def test_moving_hiding_and_removing_items(owner_client, persona):
    owner_client.post(_url("section_item_action", persona, "work", 1, "up"), {"based_on": 1}, headers=HTMX)
    assert _job(persona, 0)["name"] == "Globex"
    owner_client.post(_url("section_item_action", persona, "work", 0, "toggle"), {"based_on": 2}, headers=HTMX)
    assert _job(persona, 0)["x-hidden"] is True
    response = owner_client.post(_url("section_item_action", persona, "work", 0, "remove"), {"based_on": 3})
    assert response.status_code == 302
    persona.refresh_from_db()
    assert [job["name"] for job in persona.data["work"]] == ["Acme"]
    summaries = list(persona.versions.values_list("change_summary", flat=True))
    assert summaries[:3] == [
        "Removed “Intern · Globex” from Experience",
        "Hid “Intern · Globex” in Experience",
        "Moved “Intern · Globex” up in Experience",
    ]


def test_choosing_which_highlights_show(owner_client, persona):
    response = owner_client.post(_url("section_highlight_toggle", persona, "work", 0, 1), {"based_on": 1}, headers=HTMX)
    assert response.status_code == 200
    assert _job(persona, 0)["x-hiddenHighlights"] == ["Led 3"]
    assert "Show this highlight again" in response.content.decode()


def test_a_drag_and_drop_reorders_the_section(owner_client, persona):
    response = owner_client.post(
        _url("section_reorder", persona, "work"), {"order": "1,0", "based_on": 1}, headers=HTMX
    )
    assert response.status_code == 200 and _job(persona, 0)["name"] == "Globex"
    bad = owner_client.post(_url("section_reorder", persona, "work"), {"order": "0,0", "based_on": 2}, headers=HTMX)
    assert bad.status_code == 400 and "does not match" in bad.content.decode()
    assert _job(persona, 0)["name"] == "Globex"


def test_a_stale_edit_is_refused_and_the_page_reloads_to_the_latest_version(owner_client, persona):
    owner_client.post(_url("section_item_action", persona, "work", 1, "up"), {"based_on": 1})
    stale = owner_client.post(_url("section_item_action", persona, "work", 1, "remove"), {"based_on": 1}, headers=HTMX)
    assert stale.status_code == 200 and stale["HX-Refresh"] == "true"
    persona.refresh_from_db()
    assert len(persona.data["work"]) == 2
    page = owner_client.get(_url("persona_detail", persona)).content.decode()
    assert "saved elsewhere (now version 2)" in page


def test_a_stale_item_edit_keeps_the_text_typed(owner_client, persona):
    owner_client.post(_url("section_item_action", persona, "work", 1, "up"), {"based_on": 1})
    values = {"position": "Principal engineer", "name": "Acme", "based_on": 1}
    response = owner_client.post(_url("section_item", persona, "work", 0), values, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 409
    assert "saved elsewhere" in html and "Your text is kept below" in html and 'value="Principal engineer"' in html
    assert _job(persona, 0)["position"] == "Intern"
    # Saving the same form again is refused again (it still names version 1), rather than landing on a moved item.
    assert 'name="based_on" value="1"' in html
    again = owner_client.post(_url("section_item", persona, "work", 0), values)
    assert again.status_code == 409 and _job(persona, 0)["position"] == "Intern"


def test_markup_in_any_field_is_shown_as_text(owner_client, persona):
    values = {"position": "<script>alert(1)</script>", "highlights": "<img src=x onerror=alert(1)>", "based_on": 1}
    owner_client.post(_url("section_item", persona, "work", 0), values)
    page = owner_client.get(_url("persona_detail", persona)).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page


def test_an_oversized_field_is_refused_with_a_message(owner_client, persona):
    values = {"position": "Engineer", "summary": "x" * 6000, "based_on": 1}
    response = owner_client.post(_url("section_item", persona, "work", 0), values, headers=HTMX)
    assert response.status_code == 400
    assert "at most 5000 characters" in response.content.decode()
    assert persona.versions.count() == 1


def test_a_5_mb_request_is_refused_with_a_message(owner_client, persona):
    owner_client.raise_request_exception = False
    values = {"position": "Engineer", "summary": "x" * 5_000_000, "based_on": 1}
    response = owner_client.post(_url("section_item", persona, "work", 0), values)
    assert response.status_code == 400
    assert "nothing was saved" in response.content.decode()
    assert persona.versions.count() == 1


def test_custom_sections(owner_client, persona):
    owner_client.post(_url("custom_section_add", persona), {"name": "Talks", "based_on": 1})
    owner_client.post(
        _url("section_item", persona, "custom-0", 0), {"title": "PyCon UK", "date": "2024", "based_on": 2}
    )
    page = owner_client.get(_url("persona_detail", persona)).content.decode()
    assert 'id="section-custom-0"' in page and "PyCon UK" in page
    owner_client.post(_url("custom_section_remove", persona, "custom-0"), {"based_on": 3})
    persona.refresh_from_db()
    assert persona.data["custom"] == []
    assert persona.versions.count() == 4


def test_moving_a_section_up_reorders_the_page(owner_client, persona):
    response = owner_client.post(_url("section_move", persona, "skills", "up"), {"based_on": 1})
    assert response.status_code == 302 and response["Location"].endswith("#section-skills")
    page = owner_client.get(_url("persona_detail", persona)).content.decode()
    assert page.index('id="section-skills"') < page.index('id="section-education"')
    assert persona.versions.first().change_summary == "Moved Skills up"
    response = owner_client.post(_url("section_move", persona, "basics", "down"), {"based_on": 2})
    assert response.status_code == 404  # contact details stay at the top
    response = owner_client.post(_url("section_move", persona, "work", "up"), {"based_on": 2})
    assert response.status_code == 302 and persona.versions.count() == 2  # the first cannot move up: a message


def test_a_skill_from_the_knowledge_base_in_one_click(owner_client, persona, user):
    fact = KnowledgeBaseEntryFactory(user=user, type="tool", value="Kubernetes", source="user_answer")
    page = owner_client.get(_url("persona_detail", persona)).content.decode()
    assert "+ Kubernetes" in page
    response = owner_client.post(_url("skill_from_knowledge", persona, fact.pk), {"based_on": 1}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "Kubernetes" in html
    assert "+ Kubernetes" not in html  # the suggestion is gone once added
    persona.refresh_from_db()
    assert persona.data["skills"] == [{"name": "Tools", "keywords": ["Kubernetes"]}]


def test_another_users_fact_cannot_be_added(owner_client, persona, other_user):
    fact = KnowledgeBaseEntryFactory(user=other_user, type="skill", value="Secret skill", source="user_answer")
    assert owner_client.post(_url("skill_from_knowledge", persona, fact.pk), {"based_on": 1}).status_code == 404


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("section_item", ("work", 0)),
        ("section_item_action", ("work", 0, "remove")),
        ("section_highlight_toggle", ("work", 0, 0)),
        ("section_reorder", ("work",)),
        ("section_move", ("work", "down")),
        ("custom_section_add", ()),
    ],
)
def test_an_outsider_gets_404_and_changes_nothing(client, other_user, persona, name, args):
    client.force_login(other_user)
    assert client.post(_url(name, persona, *args), {"based_on": 1, "order": "1,0", "name": "x"}).status_code == 404
    persona.refresh_from_db()
    assert persona.versions.count() == 1 and len(persona.data["work"]) == 2


def test_unknown_sections_items_and_actions_are_404(owner_client, persona):
    assert owner_client.get(_url("section_item", persona, "nope", 0)).status_code == 404
    assert owner_client.get(_url("section_item", persona, "work", 3)).status_code == 404
    assert owner_client.get(_url("section_item", persona, "basics", 1)).status_code == 404
    assert (
        owner_client.post(_url("section_item_action", persona, "work", 0, "explode"), {"based_on": 1}).status_code
        == 404
    )
    assert owner_client.get(reverse("section_item", args=[uuid.uuid4(), "work", 0])).status_code == 404


def test_an_action_on_an_item_that_is_gone_says_so(owner_client, persona):
    response = owner_client.post(
        _url("section_item_action", persona, "work", 7, "remove"), {"based_on": 1}, headers=HTMX
    )
    assert response.status_code == 400 and "does not exist" in response.content.decode()


def test_the_wrong_method_is_405(owner_client, persona):
    assert owner_client.get(_url("section_item_action", persona, "work", 0, "up")).status_code == 405


def test_a_document_with_malformed_editor_keys_still_opens_and_edits(owner_client, persona):
    Persona.objects.filter(pk=persona.pk).update(
        data={
            "custom": ["Talks", {"name": "Open source", "items": [{"title": "Django", "highlights": [{"a": 1}]}]}],
            "work": [{"name": "Acme", "highlights": ["Shipped"], "x-hiddenHighlights": 5}],
        }
    )
    page = owner_client.get(_url("persona_detail", persona))
    assert page.status_code == 200 and "Open source" in page.content.decode()
    response = owner_client.post(_url("section_highlight_toggle", persona, "work", 0, 0), {"based_on": 1})
    assert response.status_code == 302 and _job(persona, 0)["x-hiddenHighlights"] == ["Shipped"]


def test_typed_bullets_are_dropped_but_a_leading_minus_is_kept(owner_client, persona):
    values = {"position": "Engineer", "highlights": "• Led 3\n- Cut costs\n-40% cloud cost", "based_on": 1}
    owner_client.post(_url("section_item", persona, "work", 0), values)
    assert _job(persona, 0)["highlights"] == ["Led 3", "Cut costs", "-40% cloud cost"]
