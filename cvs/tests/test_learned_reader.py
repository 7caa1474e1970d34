"""The learned reader: the model that reads what rules are unsure of, how sure it is, and how it is trained."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from cvs.doubts import reading_doubts
from cvs.parsing import tagger
from cvs.parsing.document import Line
from cvs.parsing.profile import build_profile
from cvs.parsing.text import text_lines
from cvs.tests.factories import CVFactory
from cvs.tests.test_review import PROFILE, _post_data

ROOT = Path(__file__).resolve().parents[2]

# A CV as it comes out of a form or a spreadsheet cell: its line breaks became runs of spaces, its bullets Python
# escapes. Written for this test, in the way of the real ones in corpus/dotin.
FLATTENED = (
    '"Priya Raman  Senior Accountant  Chennai, Tamil Nadu  priya.raman@example.com    Work Experience  '
    "\\xef\\x82\\xa7  Senior Accountant  Sundaram Finance Ltd  June 2016 to Present  "
    "Prepared monthly financial statements and reconciled ledgers in Tally and SAP FICO.  "
    "\\xef\\x82\\xa7  Accounts Assistant  Lakshmi Textiles Pvt Ltd  July 2013 to May 2016  "
    "Handled GST filing, payroll and accounts payable using MS Excel.    Education  "
    "B.Com  University of Madras  2013    Skills  Tally, SAP FICO, GST, Payroll, MS Excel, Financial Reporting"
)


def test_a_text_that_lost_its_line_breaks_is_read_line_by_line():
    lines = [line.text for line in text_lines(FLATTENED)]
    assert "Work Experience" in lines and "Sundaram Finance Ltd" in lines and "B.Com" in lines
    assert not any("\\x" in line or "\ufffd" in line for line in lines)  # the escaped bullet was a private glyph
    assert text_lines("Python  and  Django, short") == [Line("Python and Django, short")]  # no loss: one line


def test_what_the_rules_are_unsure_of_is_read_by_the_model_with_its_confidence():
    # No headings: the rules find a name and little else; the jobs, the degree and the skills are the model's.
    text = (
        "Priya Raman\nSenior Accountant at Sundaram Finance Ltd, Chennai\n"
        "Previously Accounts Assistant at Lakshmi Textiles Pvt Ltd (2013 - 2016)\n"
        "B.Com, University of Madras, 2013\nTally, SAP FICO, GST, Payroll, MS Excel"
    )
    profile = build_profile(text_lines(text))
    confidence = profile["meta"]["confidence"]
    assert [job.get("name") for job in profile["work"]] == ["Sundaram Finance Ltd", "Lakshmi Textiles Pvt Ltd"]
    assert profile["work"][1]["startDate"] == "2013" and profile["work"][1]["endDate"] == "2016"
    assert profile["education"] == [{"endDate": "2013", "studyType": "B.Com", "institution": "University of Madras"}]
    assert "SAP FICO" in {group["name"] for group in profile["skills"]}
    # Every value the model gives is words of the CV, and has a confidence.
    assert {path.split(".")[0] for path in confidence} == {"work", "education", "skills"}
    for path in confidence:
        assert _value_at(profile, path) in text
        assert 0 < confidence[path] <= 1


def test_a_flattened_cv_is_read_as_its_owner_wrote_it():
    profile = build_profile(text_lines(FLATTENED))
    assert profile["basics"]["name"] == "Priya Raman" and profile["basics"]["email"] == "priya.raman@example.com"
    assert [(job["position"], job["name"], job["startDate"]) for job in profile["work"]] == [
        ("Senior Accountant", "Sundaram Finance Ltd", "2016-06"),
        ("Accounts Assistant", "Lakshmi Textiles Pvt Ltd", "2013-07"),
    ]
    assert reading_doubts(profile) == []


def _value_at(profile, path):
    part, _, rest = path.partition(".")
    if part == "basics":
        value = profile["basics"][rest]
        return value["city"] if isinstance(value, dict) else value
    index, _, key = rest.partition(".")
    return profile[part][int(index)][key or "name"]


def test_a_reading_the_rules_are_sure_of_is_theirs_alone():
    text = (
        "Jane Doe\nBackend engineer\nLeeds, UK\njane@example.com\n\nExperience\n"
        "Senior Engineer, Acme Ltd, 2019 – 2021\n• Rebuilt billing\n\n"
        "Education\nBSc Physics, University of Leeds, 2017\n\nSkills\nPython, Django\n"
    )
    profile = build_profile(text_lines(text))
    assert reading_doubts(profile) == [] and "meta" not in profile
    assert profile["work"][0]["highlights"] == ["Rebuilt billing"]


def test_a_job_the_rules_read_without_doubt_keeps_their_reading():
    from cvs.parsing.profile import _entries

    ruled = [
        {"name": "Acme Ltd", "position": "Engineer", "startDate": "2019-03", "highlights": ["Rebuilt billing"]},
        {"name": "«", "position": "Developer"},  # doubted: not a company
    ]
    learned = [{"name": "ACME Ltd", "position": "Engineer"}, {"name": "Globex", "position": "Developer"}]
    sure = {"work.0.name": 0.9, "work.1.name": 0.4, "work.1.position": 0.8}
    entries, confidence = _entries("work", ruled, learned, {1}, sure)
    assert entries == [ruled[0], learned[1]]
    assert confidence == {"work.1.name": 0.4, "work.1.position": 0.8}


def test_values_the_model_is_unsure_of_are_doubts_of_the_reading():
    profile = {
        "basics": {"name": "Jane Doe"},
        "work": [{"name": "Acme", "position": "Engineer", "startDate": "2020"}],
        "skills": [{"name": "Python"}, {"name": "Tesco"}],
        "meta": {"confidence": {"basics.name": 0.98, "work.0.name": 0.31, "skills.1": 0.2, "skills.0": 0.9}},
    }
    doubts = [(doubt.where, doubt.value) for doubt in reading_doubts(profile)]
    assert doubts == [("Experience 1", "Acme"), ("Skills", "Tesco")]
    assert all("not sure" in doubt.reason for doubt in reading_doubts(profile))
    # A confidence that points nowhere, or is not a number, is no doubt (and no error).
    odd = {**profile, "meta": {"confidence": {"work.7.name": 0.1, "skills.0": "low", "nonsense": 0.1}}}
    assert reading_doubts(odd) == []


@pytest.mark.django_db
def test_the_cv_page_marks_the_values_it_is_unsure_of(owner_client, user):
    unsure = {
        **PROFILE,
        "skills": [{"name": "Python"}, {"name": "Tesco"}],
        "meta": {"confidence": {"work.0.name": 0.2, "skills.1": 0.3, "skills.0": 0.9}},
    }
    cv = CVFactory(user=user, status="parsed", parsed_json=unsure)
    page = owner_client.get(reverse("cv_detail", args=[cv.pk])).content.decode()
    assert '<span class="tag">Python</span>' in page
    assert '<span class="tag unsure-tag" title="We are unsure of this: check it">Tesco<span' in page
    unsure_job = '<li class="unsure"><span class="visually-hidden">Unsure, check it: </span><strong>Engineer</strong>'
    assert unsure_job + " · Acme Ltd" in page
    assert "<li><strong>Not a real job</strong> · Oops Ltd" in page  # read without doubt
    assert "<dd>Jane Doe</dd>" in page


@pytest.mark.django_db
def test_saving_the_review_settles_the_models_doubts(owner_client, user):
    unsure = {**PROFILE, "meta": {"confidence": {"work.0.name": 0.2}, "canonical": "kept"}}
    cv = CVFactory(user=user, status="parsed", parsed_json=unsure)
    assert ("Experience 1", "Acme Ltd") in [(d.where, d.value) for d in reading_doubts(cv.parsed_json)]
    response = owner_client.post(reverse("cv_review", args=[cv.pk]), _post_data())
    assert response.status_code == 302
    cv.refresh_from_db()
    assert cv.parsed_json["meta"] == {"canonical": "kept"}
    assert not [d for d in reading_doubts(cv.parsed_json) if "not sure" in d.reason]


@pytest.mark.django_db
def test_a_hostile_confidence_in_an_uploaded_profile_is_passed_over(owner_client, user):
    """A JSON Resume's meta may hold anything: paths that point nowhere, odd numbers, no numbers."""
    confidence = {
        "work.²": 0.1,
        "work." + "9" * 5000: 0.1,
        "basics.Experience x": 0.1,
        "skills.0": True,
        "education.0": [0.1],
        **{f"skills.{n}": 0.1 for n in range(5000)},
    }
    profile = {**PROFILE, "basics": {**PROFILE["basics"], "Experience x": "hi"}, "meta": {"confidence": confidence}}
    assert [(d.where, d.value) for d in reading_doubts(profile) if "not sure" in d.reason] == [("Skills", "Cloud")]
    cv = CVFactory(user=user, status="parsed", parsed_json=profile)
    for page in ("cv_detail", "cv_review"):
        assert owner_client.get(reverse(page, args=[cv.pk])).status_code == 200


def test_a_year_the_model_marks_belongs_to_the_study_on_its_line():
    spans = [
        tagger.Span("DEGREE", "B.Tech", 0, 6, 0, 0.9),
        tagger.Span("SCHOOL", "Anna University", 8, 23, 0, 0.9),
        tagger.Span("YEAR", "2015", 25, 29, 0, 0.8),
        tagger.Span("DEGREE", "MBA", 30, 33, 1, 0.9),
        tagger.Span("SCHOOL", "IIM Bangalore", 35, 48, 1, 0.9),
        tagger.Span("YEAR", "2018", 50, 54, 1, 0.7),
    ]
    lines = [Line("B.Tech, Anna University, 2015"), Line("MBA, IIM Bangalore, 2018")]
    profile = tagger.tagged_profile(spans, lines)
    assert profile["education"] == [
        {"endDate": "2015", "studyType": "B.Tech", "institution": "Anna University"},
        {"endDate": "2018", "studyType": "MBA", "institution": "IIM Bangalore"},
    ]
    assert profile["meta"]["confidence"]["education.1.endDate"] == 0.7


def test_escaped_bytes_are_read_back_only_when_they_are_text():
    assert [line.text for line in text_lines("caf\\xc3\\xa9 \\x41\\x0a ok")] == ["café \\x41\\x0a ok"]
    assert [line.text for line in text_lines("bad \\xff\\xfe end")] == ["bad \\xff\\xfe end"]


@pytest.mark.django_db
def test_an_empty_reading_says_so_and_offers_to_fill_the_profile_by_hand(owner_client, user):
    text = "Hello, I am looking for work.\nPlease call me."
    cv = CVFactory(user=user, status="parsed", parsed_json=build_profile(text_lines(text)), raw_text=text)
    assert cv.parsed_json == {}  # nothing read, nothing made up
    page = owner_client.get(reverse("cv_detail", args=[cv.pk])).content.decode()
    assert "found no jobs, degrees or skills in it, and made none up" in page
    assert f'href="{reverse("cv_review", args=[cv.pk])}">fill in your profile by hand</a>' in page


def test_spans_are_runs_of_one_label_on_one_line():
    lines = [Line("Jane Doe Acme Ltd"), Line("Ltd Python")]
    found = tagger.tokens(lines)
    labels = ["B-NAME", "I-NAME", "B-ORG", "I-ORG", "I-ORG", "B-SKILL"]
    spans = list(tagger.spans_of(found, labels, [0.9, 0.8, 0.7, 0.6, 0.5, 0.4], "Jane Doe Acme Ltd\nLtd Python"))
    assert [(s.label, s.text, round(s.confidence, 1)) for s in spans] == [
        ("NAME", "Jane Doe", 0.8),
        ("ORG", "Acme Ltd", 0.6),
        ("ORG", "Ltd", 0.5),  # an I- after a line break opens a span of its own
        ("SKILL", "Python", 0.4),
    ]


def test_training_is_one_deterministic_command(tmp_path):
    """Two runs, each with its own order of sets and dicts of strings (Python's hash seed), make one file."""
    script = (
        "import sys; from pathlib import Path; from corpus import dotin, train_reader as t; "
        "t.SETTINGS['max_iterations'] = 20; t.train(list(dotin.training_cvs())[:20], Path(sys.argv[1]))"
    )
    models = []
    for seed in ("1", "2"):
        models.append(tmp_path / f"{seed}.crfsuite")
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, models[-1]], check=True, env=environment, cwd=ROOT)
    assert models[0].read_bytes() == models[1].read_bytes()
    assert tagger.phrases_path(models[0]).read_text() == tagger.phrases_path(models[1]).read_text()
    assert any(len(labels) > 1 for labels in json.loads(tagger.phrases_path(models[0]).read_text()).values())
    assert tagger.tag(text_lines(FLATTENED), models[0])  # the model it makes reads a CV


def test_a_huge_text_is_read_by_the_model_only_as_far_as_a_cv_goes():
    lines = text_lines(FLATTENED) * 400  # some 250,000 characters
    spans = tagger.tag(lines)
    assert spans and max(span.end for span in spans) <= tagger.MAX_CHARACTERS


def test_our_corpus_teaches_the_model_by_its_truth_projected_on_the_words():
    from corpus.train_reader import _projected

    lines = [Line("Ana Ruiz"), Line("Consultor técnico · Faro Logística S.A. · Valencia"), Line("Python, SQL")]
    lines += [Line("Grado en Ingeniería Informática, Universidad de Sevilla, 2019")]
    truth = {
        "basics": {"name": "Ana Ruiz", "location": {"city": "Valencia"}},
        "work": [{"name": "Faro Logística S.A.", "position": "Consultor técnico"}],
        "education": [{"institution": "Universidad de Sevilla", "studyType": "Grado", "endDate": "2019-06"}],
        "skills": [{"name": "Data", "keywords": ["Python", "SQL"]}],
    }
    labelled = [
        (token.text, label)
        for token, label in zip(tagger.tokens(lines), _projected(lines, truth), strict=True)
        if label != "O"
    ]
    assert labelled == [
        ("Ana", "B-NAME"),
        ("Ruiz", "I-NAME"),
        ("Consultor", "B-TITLE"),
        ("técnico", "I-TITLE"),
        ("Faro", "B-ORG"),
        ("Logística", "I-ORG"),
        ("S.A", "I-ORG"),
        (".", "I-ORG"),
        ("Valencia", "B-LOC"),
        ("Python", "B-SKILL"),
        ("SQL", "B-SKILL"),
        ("Grado", "B-DEGREE"),
        ("Universidad", "B-SCHOOL"),
        ("de", "I-SCHOOL"),
        ("Sevilla", "I-SCHOOL"),
        ("2019", "B-YEAR"),
    ]


def test_the_shipped_model_loads_offline_with_its_phrases():
    assert tagger.MODEL.exists() and tagger.phrases_path(tagger.MODEL).exists()
    spans = tagger.tag(text_lines(FLATTENED))
    assert {span.label for span in spans} >= {"NAME", "ORG", "SKILL"}
