import pytest

from cvs.parsing.dates import find_date_range


@pytest.mark.parametrize(
    ("text", "start", "end", "current"),
    [
        ("Jan 2020 – Present", "2020-01", "", True),
        ("January 2020 - March 2021", "2020-01", "2021-03", False),
        ("2019–21", "2019", "2021", False),
        ("2018 - 2020", "2018", "2020", False),
        ("03/2018 - 11/2020", "2018-03", "2020-11", False),
        ("03.2018 – heute", "2018-03", "", True),
        ("since 2020", "2020", "", True),
        ("seit 2019", "2019", "", True),
        ("Summer 2017", "2017", "", False),
        ("Sept. 2015 to Jun 2016", "2015-09", "2016-06", False),
        ("2016-09 – 2019-06", "2016-09", "2019-06", False),
        ("janv. 2019 – aujourd'hui", "2019-01", "", True),
        ("depuis mars 2021", "2021-03", "", True),
        ("enero 2018 – actualidad", "2018-01", "", True),
        ("Okt. 2017 bis Dez. 2019", "2017-10", "2019-12", False),
        ("févr. 2020 – déc. 2022", "2020-02", "2022-12", False),
        ("mayo 2014 - abril 2016", "2014-05", "2016-04", False),
        ("Senior engineer, Acme Ltd    Jan 2020 – Present", "2020-01", "", True),
        ("Graduated 2017", "2017", "", False),
        ("2020 – Current", "2020", "", True),
    ],
)
def test_it_reads_common_date_forms(text, start, end, current):
    found = find_date_range(text)
    assert found is not None
    assert (found.start, found.end, found.is_current) == (start, end, current)


def test_the_span_lets_the_caller_cut_the_range_out():
    text = "Data engineer at Lumen GmbH, Jan 2020 – Present"
    found = find_date_range(text)
    assert text[: found.span[0]].rstrip(" ,") == "Data engineer at Lumen GmbH"


@pytest.mark.parametrize("text", ["Python, Django, SQL", "Call me on 0161 496 0000", "Managed 2500 accounts"])
def test_it_finds_no_date_where_there_is_none(text):
    assert find_date_range(text) is None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [("Jan '98 – Mar '01", "1998-01", "2001-03"), ("1998–02", "1998", "2002"), ("1999-00", "1999", "2000")],
)
def test_two_digit_years_land_in_the_right_century(text, start, end):
    found = find_date_range(text)
    assert (found.start, found.end) == (start, end)
