"""Layouts of real CVs (seen in the dotin training archive) read as their owners meant them."""

from cvs.parsing.document import Line
from cvs.parsing.profile import read_skills
from cvs.parsing.sections import heading_section


def _lines(text: str) -> list[Line]:
    return [Line(line) for line in text.splitlines()]


def test_a_skills_list_wrapped_like_a_paragraph_is_read_item_by_item_without_how_long_each_was_used():
    text = (
        "Adobe Photoshop (Less than 1 year), Ads (Less than 1 year), BI (1 year), Business Intelligence\n"
        "(1 year), MS Excel (2 years), Pega Marketing and BPM (Less\n"
        "than 1 year), Project\n"
        "Planning (2 years)"
    )
    assert [group["name"] for group in read_skills(_lines(text))] == [
        "Adobe Photoshop",
        "Ads",
        "BI",
        "Business Intelligence",
        "MS Excel",
        "Pega Marketing and BPM",
        "Project Planning",  # wrapped: the list's line is long
    ]


def test_short_rows_of_skills_stay_rows():
    assert [group["name"] for group in read_skills(_lines("Python, SQL\nDocker, AWS"))] == [
        "Python",
        "SQL",
        "Docker",
        "AWS",
    ]


def test_a_heading_joining_two_is_known_by_its_first():
    assert heading_section(Line("CERTIFICATIONS/LICENSES")) == "certificates"
    assert heading_section(Line("Education & credentials")) == "education"
    assert heading_section(Line("Sales, marketing and growth")) is None


def test_a_link_under_the_skills_is_no_skill():
    assert read_skills(_lines("Python, SQL\nhttp://www.linkedin.com/in/jane-doe")) == [
        {"name": "Python"},
        {"name": "SQL"},
    ]
    assert heading_section(Line("LINKS")) == "contact"
