"""`python -m bench --compare A.json B.json` and `--scales`: what moved between two runs, and by how much."""

from __future__ import annotations

from bench.figures import Figure, compare, scales_table


def test_a_slower_page_is_marked_worse():
    before, after = [Figure("web: dashboard, p99", 80, "ms")], [Figure("web: dashboard, p99", 100, "ms")]

    assert compare(before, after) == [("web: dashboard, p99", "80 ms", "100 ms", "+25% worse")]


def test_fewer_requests_a_second_is_worse_and_more_is_not():
    before = [Figure("web: search, requests/s", 400, "req/s")]

    assert compare(before, [Figure("web: search, requests/s", 300, "req/s")])[0][3] == "-25% worse"
    assert compare(before, [Figure("web: search, requests/s", 500, "req/s")])[0][3] == "+25%"


def test_moves_under_ten_per_cent_are_not_marked():
    before, after = (
        [Figure("worker: CVs read, per minute", 100, "/min")],
        [Figure("worker: CVs read, per minute", 95, "/min")],
    )

    assert compare(before, after)[0][3] == "-5%"


def test_a_figure_only_one_run_has_is_listed_without_a_change():
    rows = compare([Figure("old", 1, "ms")], [Figure("new", 2, "ms")])

    assert rows == [("old", "1 ms", "-", ""), ("new", "-", "2 ms", "")]


def test_scales_show_each_size_and_the_change_from_the_smallest_to_the_largest():
    runs = {
        1_000: [Figure("web: dashboard, SQL queries", 6, "queries"), Figure("web: dashboard, p50", 20, "ms")],
        10_000: [Figure("web: dashboard, SQL queries", 6, "queries"), Figure("web: dashboard, p50", 30, "ms")],
    }

    lines = scales_table(runs).splitlines()

    assert lines[0].split() == ["figure", "1,000", "users", "10,000", "users", "change"]
    assert lines[1].split()[-5:] == ["6", "queries", "6", "queries", "+0%"]
    assert lines[2].endswith("+50% worse")
