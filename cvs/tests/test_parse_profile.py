"""How the parser reads particular things, each on a small CV written for the test."""

from weasyprint import HTML

from cvs.extract import extract
from cvs.parsing.document import Line
from cvs.parsing.profile import build_profile
from cvs.parsing.text import text_lines


def _profile(text: str) -> dict:
    return build_profile(text_lines(text))


def test_a_two_column_pdf_is_read_column_by_column():
    html = """<style>body{font-family:'DejaVu Sans';font-size:10pt}.c{display:flex;gap:20pt}
    .l{width:30%}.r{width:70%}</style><h1>Jane Doe</h1><div class='c'><div class='l'>
    <h3>Skills</h3><p>Python</p><p>SQL</p><p>dbt</p><p>Airflow</p><h3>Languages</h3><p>English (native)</p></div>
    <div class='r'><h3>Experience</h3><p><b>Data engineer</b></p><p>Lumen Analytics GmbH</p><p>Jan 2020 – Present</p>
    <p>Built the warehouse that every team now queries each morning.</p>
    <p><b>Analyst</b></p><p>Brightfield Ltd</p><p>Mar 2017 – Dec 2019</p></div></div>"""
    profile = build_profile(extract(HTML(string=html).write_pdf(), "cv.pdf").lines)
    assert [(w["position"], w["name"], w["startDate"]) for w in profile["work"]] == [
        ("Data engineer", "Lumen Analytics GmbH", "2020-01"),
        ("Analyst", "Brightfield Ltd", "2017-03"),
    ]
    assert [s["name"] for s in profile["skills"]] == ["Python", "SQL", "dbt", "Airflow"]


def test_ligatures_and_hyphenated_line_ends_read_as_words():
    lines = [Line("Eﬃcient ﬁnance work-"), Line("flows for the oﬃce")]
    from cvs.parsing.document import join_hyphenated

    assert [line.text for line in join_hyphenated(lines)] == ["Efficient finance workflows for the office"]


def test_a_german_cv_in_plain_text():
    profile = _profile(
        "Katrin Neumann\nSoftwareentwicklerin\nkatrin.neumann@example.de | +49 30 901820 | Hamburg\n\n"
        "Berufserfahrung\nSoftwareentwicklerin, Hafenstadt Energie AG\nOkt. 2019 – heute\n- Zahlungsdienst gebaut\n\n"
        "Ausbildung\nUniversität Hamburg\nMaster Informatik, 2015 – 2017\n\nKenntnisse\nPython, Go, Kubernetes\n"
    )
    assert profile["basics"]["name"] == "Katrin Neumann"
    assert profile["basics"]["location"] == {"city": "Hamburg", "countryCode": "DE"}
    assert profile["work"][0] == {
        "name": "Hafenstadt Energie AG",
        "position": "Softwareentwicklerin",
        "startDate": "2019-10",
        "highlights": ["Zahlungsdienst gebaut"],
    }
    assert profile["education"][0]["studyType"] == "Master"
    assert profile["education"][0]["area"] == "Informatik"
    assert [s["name"] for s in profile["skills"]] == ["Python", "Go", "Kubernetes"]


def test_a_cv_with_little_structure_gives_a_sparse_profile_not_an_invented_one():
    profile = _profile("Hello, I am looking for work.\nPlease call me.")
    assert "work" not in profile and "education" not in profile and "skills" not in profile
    assert "name" not in profile.get("basics", {})


def test_a_wrapped_bullet_stays_one_highlight():
    profile = _profile(
        "Experience\nEngineer, Acme Ltd, 2019 – 2021\n• Rebuilt the billing service so that invoices\n"
        "go out on the first day of the month\n• Mentored two juniors\n"
    )
    assert profile["work"][0]["highlights"] == [
        "Rebuilt the billing service so that invoices go out on the first day of the month",
        "Mentored two juniors",
    ]


def test_a_web_address_broken_at_its_hyphen_keeps_it_and_is_listed_once():
    from cvs.parsing.document import join_hyphenated

    lines = join_hyphenated([Line("www.linkedin.com/in/jane-"), Line("doe")])
    assert lines[0].text == "www.linkedin.com/in/jane-doe"
    profile = build_profile(
        [
            Line("Jane Doe"),
            Line("linkedin.com/in/jane-doe"),
            Line("Contact"),
            Line("https://www.linkedin.com/in/jane-doe"),
        ]
    )
    assert [p["username"] for p in profile["basics"]["profiles"]] == ["jane-doe"]


def test_a_place_with_a_region_we_do_not_know_is_not_guessed():
    from cvs.parsing.places import find_place

    assert find_place("Paris, TX") is None
    assert find_place("London, Ontario") is None
    assert find_place("Paris, France").country_code == "FR"


def test_a_city_shared_by_two_large_places_gets_no_guessed_country():
    from cvs.parsing.places import find_place

    assert find_place("Valencia").country_code == ""  # Spain's and Venezuela's are both large
    assert find_place("Valencia, España").country_code == "ES"
    assert find_place("Manchester").country_code == "GB"  # far larger than its namesakes
    assert find_place("München, Germany").city == "München"


def test_a_title_that_starts_with_a_company_word_is_still_the_title():
    profile = _profile(
        "Alex Morgan\nalex@example.com\n\nExperience\nSoftware engineer, Brightfield Analytics\nSep 2017 – Feb 2021\n"
        "- Built the ingestion pipeline\n"
    )
    assert [(w["position"], w["name"]) for w in profile["work"]] == [("Software engineer", "Brightfield Analytics")]
