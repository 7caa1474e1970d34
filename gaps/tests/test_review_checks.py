"""Each check of the general review: the flaw is found at its field, and a sound persona raises nothing."""

import copy

import pytest

from gaps.review import review_persona

SOUND = {
    "basics": {"name": "Ana Ruiz", "label": "Backend engineer", "email": "ana@example.com",
               "location": {"city": "Madrid", "countryCode": "ES"}},
    "work": [
        {"name": "Acme", "position": "Senior engineer", "startDate": "2021-03",
         "highlights": ["Cut API latency by 40% by moving reports to PostgreSQL views",
                        "Led the move of 12 services to Kubernetes with zero downtime",
                        "Mentored 4 engineers, two of whom now lead teams of their own"]},
        {"name": "Globex", "position": "Engineer", "startDate": "2017-09", "endDate": "2021-02",
         "highlights": ["Built the billing service in Python and Django for 30,000 customers",
                        "Automated releases, from a day of manual steps to 20 minutes"]},
    ],
    "education": [{"institution": "Universidad de Sevilla", "studyType": "BSc", "area": "Computer science"}],
    "skills": [{"name": "Skills", "keywords": ["Python", "Django", "PostgreSQL", "Kubernetes"]}],
}  # fmt: skip
SUMMARY = (
    "Backend engineer with eight years of Python, building APIs that stay fast under load. I like owning a service "
    "from design to on-call, and teaching what I learn to the engineers around me."
)


def _checks(data, summary=SUMMARY):
    return {(issue["check"], issue["field"]) for issue in review_persona(data=data, summary=summary)}


def _with(change):
    data = copy.deepcopy(SOUND)
    change(data)
    return data


def test_a_sound_persona_raises_nothing():
    assert review_persona(data=SOUND, summary=SUMMARY) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.pop("work"), ("no_work", "work")),
        (lambda d: d.pop("education"), ("no_education", "education")),
        (lambda d: d["skills"].clear(), ("no_skills", "skills")),
        (lambda d: d["basics"].pop("name"), ("no_name", "basics.name")),
        (lambda d: d["basics"].pop("email"), ("no_contact", "basics.email")),
        (lambda d: d["basics"].pop("location"), ("no_location", "basics.location.city")),
        (lambda d: d["basics"].pop("label"), ("no_headline", "basics.label")),
        (lambda d: d["work"][0]["highlights"].append("Responsible for code reviews"),
         ("weak_verb", "work[0].highlights[3]")),
        (lambda d: d["work"][1].update(highlights=["Built the billing service"]),
         ("no_outcomes", "work[1].highlights")),
        (lambda d: d["work"][1].pop("highlights"), ("no_highlights", "work[1].highlights")),
        (lambda d: d["work"][1].pop("startDate"), ("dates_missing", "work[1].startDate")),
        (lambda d: d["work"][1].update(endDate="2016-01"), ("dates_order", "work[1].endDate")),
        (lambda d: d["work"][1].update(endDate="2019-06"), ("date_gap", "work[0].startDate")),
        (lambda d: d["work"][1].update(endDate="2022-06"), ("date_overlap", "work[0].startDate")),
        (lambda d: d["work"][1]["highlights"].append("Lead the on-call rota of 6 engineers"),
         ("tense", "work[1].highlights[2]")),
        (lambda d: d["skills"][0]["keywords"].extend(["Rust", "Haskell", "Elixir"]),
         ("skills_unshown", "skills[0].keywords")),
    ],
)  # fmt: skip
def test_each_flaw_is_found_at_its_field(change, expected):
    assert _checks(_with(change)) == {expected}


def test_the_summary_is_checked_for_length_and_cliches():
    assert _checks(SOUND, summary="") == {("no_summary", "summary")}
    assert _checks(SOUND, summary="word " * 120) == {("summary_length", "summary")}
    generic = review_persona(data=SOUND, summary="A results-driven team player with a proven track record.")
    assert [issue["check"] for issue in generic] == ["summary_generic"]
    assert "“team player”" in generic[0]["suggestion"] and "“results-driven”" in generic[0]["suggestion"]


def test_hidden_items_are_not_reviewed_but_fields_keep_the_editors_indexes():
    data = _with(lambda d: d["work"].insert(0, {"name": "Old job", "x-hidden": True}))
    assert review_persona(data=data, summary=SUMMARY) == []
    data["work"][2]["highlights"].append("Worked on the mobile app")
    assert _checks(data) == {("weak_verb", "work[2].highlights[2]")}
    data["work"].insert(0, "not an object")  # the editor skips such items, and so counts like this
    assert _checks(data) == {("weak_verb", "work[2].highlights[2]")}


def test_most_severe_first_and_each_suggestion_is_a_sentence_naming_the_role():
    data = _with(lambda d: (d["basics"].pop("name"), d["work"][1].update(highlights=["Built the billing service"])))
    issues = review_persona(data=data, summary=SUMMARY)
    assert [issue["severity"] for issue in issues] == ["high", "medium"]
    assert "“Engineer at Globex”" in issues[1]["suggestion"] and issues[1]["suggestion"].endswith(".")


@pytest.mark.parametrize("data", [{}, {"work": "lots", "skills": [None, 3], "basics": []}, []])
def test_an_empty_or_malformed_persona_gets_advice_not_an_error(data):
    checks = {issue["check"] for issue in review_persona(data=data, summary="")}
    assert {"no_work", "no_skills", "no_name", "no_contact"} <= checks
