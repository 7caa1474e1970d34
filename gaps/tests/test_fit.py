"""Judging a persona against a job's requirements: evidence, what the knowledge base knows, score and gains."""

import copy

from gaps.fit.requirements import Requirement
from gaps.fit.scoring import fit_persona

PERSONA = {
    "basics": {"name": "Ana Ruiz", "label": "Backend engineer", "location": {"city": "Madrid", "countryCode": "ES"}},
    "work": [
        {
            "name": "Acme",
            "position": "Senior engineer",
            "startDate": "2021-03",
            "highlights": [
                "Cut API latency by 40% by moving reports to PostgreSQL views",
                "Ran the on-call rota; we do not use Kubernetes",
            ],
        },
        {
            "name": "Globex",
            "position": "Engineer",
            "startDate": "2018-01",
            "endDate": "2021-02",
            "highlights": ["Built the billing service in Python for 30,000 customers"],
        },
    ],
    "skills": [{"name": "Skills", "keywords": ["Python", "PostgreSQL", "Django"]}],
    "languages": [{"language": "Spanish", "fluency": "Native"}, {"language": "Inglés", "fluency": "C1"}],
    "education": [{"institution": "Universidad de Sevilla", "studyType": "BSc", "area": "Computer science"}],
}


def _req(kind, name, must=True, **extra):
    return Requirement(kind, name, must, f"The job asks for {name}", **extra)


def _fit(requirements, data=PERSONA, knowledge=()):
    return fit_persona(requirements=requirements, data=data, summary="Backend engineer.", knowledge=knowledge)


def _by_name(fit):
    return {point.requirement.name: point for point in fit.points}


def test_each_requirement_met_points_at_its_evidence_in_the_persona():
    points = _by_name(
        _fit(
            [
                _req("skill", "PostgreSQL"),
                _req("skill", "Django"),
                _req("language", "English"),
                _req("education", "degree"),
            ]
        )
    )
    assert points["PostgreSQL"].evidence.field == "work[0].highlights[0]"  # shown in a role before the skills list
    assert points["Django"].evidence.field == "skills[0].keywords"
    assert points["English"].evidence.field == "languages[1]"  # written in Spanish, still English
    assert points["degree"].evidence.field == "education[0]"
    assert all(point.status == "met" for point in points.values())


def test_a_negated_mention_is_not_evidence_and_the_knowledge_base_is_consulted():
    knowledge = [("tool", "k8s", "Ran Kubernetes clusters at Initech (CV 2019)")]
    points = _by_name(_fit([_req("skill", "Kubernetes"), _req("skill", "Terraform", must=False)], knowledge=knowledge))
    assert points["Kubernetes"].status == "in_kb" and "Initech" in points["Kubernetes"].evidence.text
    assert points["Terraform"].status == "missing" and points["Terraform"].evidence is None


def test_the_score_weighs_must_haves_three_times_and_each_gap_says_what_it_is_worth():
    fit = _fit([_req("skill", "Python"), _req("skill", "Go"), _req("skill", "Rust", must=False)])
    assert fit.score == round(100 * 3 / 7)
    points = _by_name(fit)
    assert (points["Go"].gain, points["Rust"].gain) == (round(300 / 7), round(100 / 7))
    assert "+43 points" in points["Go"].action and "real gap" in points["Go"].action
    issues = fit.issues()
    assert [(i["check"], i["severity"]) for i in issues] == [("fit_missing", "high"), ("fit_missing", "low")]
    assert fit.explanation.startswith("Meets 1 of 3 requirements (1 of 2 must-haves); missing must-haves: Go")


def test_years_count_overlapping_roles_once_and_a_shortfall_counts_in_part():
    points = _by_name(_fit([_req("years", "5 years", years=5), _req("years", "12 years", years=12)]))
    assert points["5 years"].status == "met"
    assert points["12 years"].status == "partial" and 0.6 < points["12 years"].credit < 0.9
    overlapping = copy.deepcopy(PERSONA)
    overlapping["work"][1]["endDate"] = "2023-12"  # two years at both at once
    assert _by_name(_fit([_req("years", "12 years", years=12)], data=overlapping))["12 years"].credit == (
        points["12 years"].credit
    )


def test_seniority_reads_the_latest_title_and_location_the_persona_city():
    points = _by_name(_fit([_req("seniority", "senior"), _req("seniority", "lead")]))
    assert points["senior"].status == "met" and points["senior"].evidence.field == "work[0].position"
    assert points["lead"].status == "partial"
    assert _by_name(_fit([_req("location", "Madrid", remote="hybrid")]))["Madrid"].status == "met"
    assert _by_name(_fit([_req("location", "Bilbao", remote="onsite")]))["Bilbao"].status == "partial"
    berlin = _by_name(_fit([_req("location", "Berlin", remote="hybrid")]))["Berlin"]
    assert berlin.status == "missing" and "relocate" in berlin.action
    assert _by_name(_fit([_req("location", "", remote="remote")]))[""].status == "met"


def test_hidden_items_are_not_evidence():
    hidden = copy.deepcopy(PERSONA)
    hidden["work"][1]["x-hidden"] = True
    hidden["skills"][0]["keywords"].remove("Python")
    assert _by_name(_fit([_req("skill", "Python")], data=hidden))["Python"].status == "missing"


def test_an_empty_persona_is_judged_not_broken():
    fit = fit_persona(requirements=[_req("skill", "Python"), _req("years", "3 years", years=3)], data={}, summary="")
    assert fit.score == 0 and {point.status for point in fit.points} == {"missing"}
