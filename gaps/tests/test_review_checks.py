"""Each check of the general review: the flaw is found at its field, and a sound persona raises nothing."""

import copy

import pytest

from gaps.review.checks import review_persona

SOUND = {
    "basics": {
        "name": "Ana Ruiz",
        "label": "Backend engineer",
        "email": "ana@example.com",
        "location": {"city": "Madrid", "countryCode": "ES"},
    },
    "work": [
        {
            "name": "Acme",
            "position": "Senior engineer",
            "startDate": "2021-03",
            "highlights": [
                "Cut API latency by 40% by moving reports to PostgreSQL views",
                "Led the move of 12 services to Kubernetes with zero downtime",
                "Mentored 4 engineers, two of whom now lead teams of their own",
            ],
        },
        {
            "name": "Globex",
            "position": "Engineer",
            "startDate": "2017-09",
            "endDate": "2021-02",
            "highlights": [
                "Built the billing service in Python and Django for 30,000 customers",
                "Automated releases, from a day of manual steps to 20 minutes",
            ],
        },
    ],
    "education": [{"institution": "Universidad de Sevilla", "studyType": "BSc", "area": "Computer science"}],
    "skills": [{"name": "Skills", "keywords": ["Python", "Django", "PostgreSQL", "Kubernetes"]}],
}
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
        (
            lambda d: d["work"][0]["highlights"].append("Responsible for code reviews"),
            ("weak_verb", "work[0].highlights[3]"),
        ),
        (
            lambda d: d["work"][1].update(highlights=["Built the billing service"]),
            ("no_outcomes", "work[1].highlights"),
        ),
        (lambda d: d["work"][1].pop("highlights"), ("no_highlights", "work[1].highlights")),
        (lambda d: d["work"][1].pop("startDate"), ("dates_missing", "work[1].startDate")),
        (lambda d: d["work"][1].update(endDate="2016-01"), ("dates_order", "work[1].endDate")),
        (lambda d: d["work"][1].update(endDate="2019-06"), ("date_gap", "work[0].startDate")),
        (lambda d: d["work"][1].update(endDate="2022-06"), ("date_overlap", "work[0].startDate")),
        (
            lambda d: d["work"][1]["highlights"].append("Lead the on-call rota of 6 engineers"),
            ("tense", "work[1].highlights[2]"),
        ),
        (
            lambda d: d["skills"].append(
                {"name": "Languages", "keywords": ["Rust", "Haskell", "Elixir", "OCaml", "Scala"]}
            ),
            ("skills_unshown", "skills[1].keywords"),
        ),
    ],
)
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


def test_a_few_unshown_skills_are_no_point_and_evidence_counts_from_any_section():
    data = _with(lambda d: d["skills"][0]["keywords"].extend(["Rust", "Haskell", "Elixir"]))
    assert _checks(data) == set()  # most of the skills are shown: a few extras are normal
    data["skills"][0]["keywords"] += ["OCaml", "Scala"]
    assert _checks(data) == {("skills_unshown", "skills[0].keywords")}
    data["projects"] = [{"name": "Compiler", "description": "A toy compiler in OCaml and Rust"}]
    data["education"][0]["courses"] = ["Functional programming in Haskell"]
    assert _checks(data) == set()
    data["projects"][0]["x-hidden"] = True  # a hidden project shows nothing
    data["skills"][0]["keywords"] += ["Lisp", "Prolog"]
    assert _checks(data) == {("skills_unshown", "skills[0].keywords")}


def test_roles_dated_by_year_only_neither_overlap_nor_gap_at_their_boundary():
    years = _with(
        lambda d: (d["work"][0].update(startDate="2021"), d["work"][1].update(startDate="2017", endDate="2021"))
    )
    assert _checks(years) == set()
    years["work"][1]["endDate"] = "2023"  # two full years at once is an overlap, whichever months they were
    assert _checks(years) == {("date_overlap", "work[0].startDate")}


def test_outcomes_in_words_count_and_a_weak_opening_with_an_outcome_is_minor():
    words = _with(lambda d: d["work"][1].update(highlights=["Built the billing service used by thousands of shops"]))
    assert _checks(words) == set()
    weak = _with(lambda d: d["work"][1]["highlights"].append("Responsible for hiring, which doubled the team"))
    assert [(issue["check"], issue["severity"]) for issue in review_persona(data=weak, summary=SUMMARY)] == [
        ("weak_verb", "low")
    ]


@pytest.mark.parametrize(
    ("highlight", "flagged"),
    [
        ("Lead the on-call rota", True),
        ("Manages the billing team", True),
        ("Lead engineer on the billing team", False),
        ("Design system for 4 product teams, adopted in 9 apps", False),
        ("Led the on-call rota", False),
    ],
)
def test_tense_is_read_from_verbs_not_nouns(highlight, flagged):
    data = _with(lambda d: d["work"][1]["highlights"].append(f"{highlight} of 6 engineers"))
    assert (("tense", "work[1].highlights[2]") in _checks(data)) is flagged


def test_hidden_highlights_are_not_reviewed():
    data = _with(lambda d: d["work"][1]["highlights"].append("Lead the on-call rota"))
    data["work"][1]["x-hiddenHighlights"] = ["Lead the on-call rota"]
    assert _checks(data) == set()
