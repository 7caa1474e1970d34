"""The editor's changes to a persona's JSON Resume document, without the web around them."""

import pytest

from personas import sections
from personas.sections import SECTIONS, EditRefused


def _doc():
    return {
        "basics": {"name": "Alex Morgan", "email": "alex@example.com", "location": {"city": "Leeds"}},
        "work": [
            {
                "position": "Engineer",
                "name": "Acme",
                "startDate": "2020",
                "highlights": ["Cut costs 20%", "Led 3"],
                "x-custom-field": "kept",
            },
            {"position": "Intern", "name": "Globex", "startDate": "2018"},
        ],
    }


def test_saving_an_item_keeps_the_fields_the_form_does_not_show():
    data = _doc()
    summary = sections.item_save(data, section=SECTIONS["work"], index=0, values={"position": "Lead engineer"})
    assert data["work"][0]["position"] == "Lead engineer"
    assert data["work"][0]["x-custom-field"] == "kept" and data["work"][0]["name"] == "Acme"
    assert summary == "Edited “Lead engineer · Acme” in Experience"


def test_an_item_saved_past_the_end_is_added():
    data = _doc()
    summary = sections.item_save(data, section=SECTIONS["education"], index=0, values={"institution": "Leeds"})
    assert data["education"] == [{"institution": "Leeds"}]
    assert summary.startswith("Added “Leeds”")


def test_emptied_fields_leave_the_document_and_nested_basics_are_set_by_path():
    data = _doc()
    sections.item_save(
        data,
        section=SECTIONS["basics"],
        index=0,
        values={"email": "", "location.city": "York", "location.countryCode": "GB"},
    )
    assert "email" not in data["basics"]
    assert data["basics"]["location"] == {"city": "York", "countryCode": "GB"}


def test_items_move_up_and_down_and_not_past_the_ends():
    data = _doc()
    sections.item_move(data, section=SECTIONS["work"], index=1, to=0)
    assert [job["name"] for job in data["work"]] == ["Globex", "Acme"]
    with pytest.raises(EditRefused):
        sections.item_move(data, section=SECTIONS["work"], index=0, to=-1)


def test_a_reorder_must_name_every_item_once():
    data = _doc()
    sections.items_reorder(data, section=SECTIONS["work"], order=[1, 0])
    assert data["work"][0]["name"] == "Globex"
    for order in ([0], [0, 0], [0, 1, 2]):
        with pytest.raises(EditRefused):
            sections.items_reorder(data, section=SECTIONS["work"], order=order)


def test_hidden_items_and_highlights_stay_in_the_persona_but_are_not_shown():
    data = _doc()
    sections.item_toggle(data, section=SECTIONS["work"], index=1)
    sections.highlight_toggle(data, section=SECTIONS["work"], index=0, highlight=1)
    assert len(data["work"]) == 2
    shown = sections.shown_data(data)
    assert [job["name"] for job in shown["work"]] == ["Acme"]
    assert shown["work"][0]["highlights"] == ["Cut costs 20%"]
    assert "x-hiddenHighlights" not in shown["work"][0]
    sections.highlight_toggle(data, section=SECTIONS["work"], index=0, highlight=1)
    assert "x-hiddenHighlights" not in data["work"][0]


def test_a_hidden_highlight_follows_its_text_when_others_are_reordered():
    data = _doc()
    sections.highlight_toggle(data, section=SECTIONS["work"], index=0, highlight=0)
    sections.item_save(data, section=SECTIONS["work"], index=0, values={"highlights": ["Led 3", "Cut costs 20%"]})
    views = sections.item_views(data, SECTIONS["work"])
    assert [(h.text, h.shown) for h in views[0].highlights] == [("Led 3", True), ("Cut costs 20%", False)]


def test_custom_sections_are_added_edited_and_removed():
    data = _doc()
    sections.custom_section_add(data, name="Talks")
    talks = sections.section_for(data, "custom-0")
    sections.item_save(data, section=talks, index=0, values={"title": "PyCon UK", "date": "2024"})
    assert data["custom"] == [{"name": "Talks", "items": [{"title": "PyCon UK", "date": "2024"}]}]
    assert [section.label for section in sections.sections_of(data)][-1] == "Talks"
    sections.custom_section_remove(data, section=talks)
    assert data["custom"] == []
    with pytest.raises(EditRefused):
        sections.section_for(data, "custom-0")


def test_sections_take_the_personas_order_and_custom_keys_follow_a_removal():
    data = _doc()
    for name in ("Talks", "Patents"):
        sections.custom_section_add(data, name=name)
    patents = sections.section_for(data, "custom-1")
    sections.section_move(data, section=patents, to=0)
    sections.section_move(data, section=SECTIONS["skills"], to=1)
    order = sections.section_order(data)
    assert order[:3] == ["custom-1", "skills", "work"] and order[-1] == "custom-0"
    assert [s.key for s in sections.sections_of(data)][:2] == ["basics", "custom-1"]  # contact details stay first
    assert sections.SECTION_ORDER not in sections.shown_data(data)  # the editor's marker never leaves

    sections.custom_section_remove(data, section=sections.section_for(data, "custom-0"))
    assert sections.section_order(data)[0] == "custom-0" and data["custom"] == [{"name": "Patents", "items": []}]
    with pytest.raises(EditRefused, match="cannot move"):
        sections.section_move(data, section=SECTIONS["work"], to=99)
    data[sections.SECTION_ORDER] = ["nope", "skills", "skills", 7]  # whatever an old document holds
    assert sections.section_order(data)[0] == "skills" and "nope" not in sections.section_order(data)
    assert "must be a list of section keys" in sections.document_problem({sections.SECTION_ORDER: "work"})


def test_standard_sections_cannot_be_removed_and_unknown_ones_do_not_exist():
    with pytest.raises(EditRefused):
        sections.custom_section_remove(_doc(), section=SECTIONS["work"])
    for key in ("nope", "custom-x", "custom-99", "__class__"):
        with pytest.raises(EditRefused):
            sections.section_for(_doc(), key)


def test_a_skill_is_added_once_to_its_group():
    data = _doc()
    sections.skill_add(data, skill="Kubernetes", group="Tools")
    sections.skill_add(data, skill="Python")
    assert data["skills"] == [{"name": "Tools", "keywords": ["Kubernetes"]}, {"name": "Skills", "keywords": ["Python"]}]
    with pytest.raises(EditRefused, match="already"):
        sections.skill_add(data, skill="kubernetes")


def test_items_that_are_not_objects_are_left_alone():
    data = {"work": ["a stray string", {"name": "Acme"}], "custom": "not a list"}
    assert [view.title for view in sections.item_views(data, SECTIONS["work"])] == ["Acme"]
    assert [section.key for section in sections.sections_of(data)] == list(SECTIONS)


def test_a_document_too_long_to_keep_is_refused():
    data = {"work": [{"summary": "x" * 5000} for _ in range(100)]}
    with pytest.raises(EditRefused, match="too long"):
        sections.check_size(data)
