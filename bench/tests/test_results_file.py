"""bench/results/<commit>.json: what one run of `python -m bench` keeps for comparing with another."""

from __future__ import annotations

import json

from bench.figures import Figure, read_json, write_json

FIGURES = [
    Figure("web: dashboard, p99", 84.5, "ms", "< 100 ms", True),
    Figure("web: dashboard, SQL queries", 6, "queries", "same at every size"),
    Figure("parse: email F1", 0.99, "F1", detail=True),
]


def test_it_keeps_every_figure_and_what_the_run_was(tmp_path):
    path = tmp_path / "results" / "abc1234.json"
    write_json(path, FIGURES, commit="abc1234", machine={"cores": 2, "load_average": "0.10 0.20 0.30"})

    about, figures = read_json(path)

    assert about == {"commit": "abc1234", "machine": {"cores": 2, "load_average": "0.10 0.20 0.30"}}
    assert figures == FIGURES


def test_it_is_json_with_one_figure_a_line(tmp_path):
    path = tmp_path / "run.json"
    write_json(path, FIGURES, commit="abc1234")

    data = json.loads(path.read_text())
    assert set(data["figures"]["web: dashboard, p99"]) == {"value", "unit", "target", "met", "detail"}
    assert sum('"web: dashboard' in line for line in path.read_text().splitlines()) == 2


def test_a_run_without_figures_reads_back(tmp_path):
    write_json(tmp_path / "empty.json", [])

    assert read_json(tmp_path / "empty.json") == ({}, [])
