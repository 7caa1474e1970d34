"""Bench results as figures: one table to read, one JSON file to keep, and the difference between two such files.

A figure is one number with its unit and, where the project set one, its target. Every bench that takes `--json
FILE` writes its figures there; `python -m bench` gathers them into bench/results/<commit>.json.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

# Units where a smaller number is the better one; for the rest (rates, shares, scores) bigger is better.
LOWER_IS_BETTER = {"ms", "s", "MB", "queries"}
FRACTIONS = {"share", "F1", "precision", "recall"}  # between 0 and 1, shown bare


@dataclass(frozen=True)
class Figure:
    name: str  # "web: dashboard p99", unique within a run
    value: float
    unit: str = ""
    target: str = ""  # as the issue words it: "< 100 ms", ">= 0.5"
    met: bool | None = None  # None: no target, or not judged here
    detail: bool = False  # kept and compared, left out of the combined table unless asked for

    def shown(self) -> str:
        return format_value(self.value, self.unit)


def format_value(value: float | None, unit: str) -> str:
    if value is None or math.isnan(value):
        return "n/a"
    if unit in FRACTIONS:
        return f"{value:.3f}"
    if abs(value) >= 100 or value == int(value):
        number = f"{value:,.0f}"
    else:
        number = f"{value:.1f}" if abs(value) >= 1 else f"{value:.2f}"
    return f"{number} {unit}".rstrip()


def table(figures: Iterable[Figure], *, details: bool = True) -> str:
    rows = [
        (f.name, f.shown(), f.target, {True: "ok", False: "MISSED", None: ""}[f.met])
        for f in figures
        if details or not f.detail
    ]
    return _aligned([("figure", "value", "target", ""), *rows], right={1})


def write_json(path: Path, figures: Iterable[Figure], **about: Any) -> None:
    """`about`: what the run was (commit, machine, options), kept beside the figures for whoever compares."""
    path.parent.mkdir(parents=True, exist_ok=True)

    # One item a line, so two result files read (and diff) line by line.
    def line(key: str, value: Any, indent: str) -> str:
        return f"{indent}{json.dumps(key, ensure_ascii=False)}: {json.dumps(value, ensure_ascii=False)}"

    figure_lines = ",\n".join(line(f.name, _fields(f), "  ") for f in figures)
    items = [line(key, value, " ") for key, value in about.items()] + [f' "figures": {{\n{figure_lines}\n }}']
    path.write_text("{\n" + ",\n".join(items) + "\n}\n")


def _fields(figure: Figure) -> dict[str, Any]:
    fields = {key: value for key, value in asdict(figure).items() if key != "name"}
    return fields | {"value": float(f"{figure.value:.6g}")}  # more digits than any bench can resolve


def read_json(path: Path) -> tuple[dict[str, Any], list[Figure]]:
    data = json.loads(path.read_text())
    figures = [Figure(name=name, **fields) for name, fields in data.pop("figures").items()]
    return data, figures


def compare(before: list[Figure], after: list[Figure]) -> list[tuple[str, str, str, str]]:
    """Each figure of either run: its two values and the change."""
    old, new = {f.name: f for f in before}, {f.name: f for f in after}
    return [
        (name, _shown(old.get(name)), _shown(new.get(name)), change(old.get(name), new.get(name)))
        for name in [*old, *(n for n in new if n not in old)]
    ]


def change(before: Figure | None, after: Figure | None) -> str:
    """The change in per cent, marked where it got worse by 10% or more (on a noisy machine, smaller moves say
    little)."""
    if before is None or after is None or not before.value:
        return ""
    percent = (after.value - before.value) / abs(before.value) * 100
    worse = percent > 0 if after.unit in LOWER_IS_BETTER else percent < 0
    return f"{percent:+.0f}%" + (" worse" if worse and abs(percent) >= 10 else "")


def compare_table(before: list[Figure], after: list[Figure], labels: tuple[str, str]) -> str:
    return _aligned([("figure", *labels, "change"), *compare(before, after)], right={1, 2, 3})


def scales_table(runs: dict[int, list[Figure]]) -> str:
    """The same figures at several data sizes, side by side, and the change from the smallest to the largest: per-user
    pages should not move, and their query counts not at all."""
    sizes = list(runs)
    by_size = {users: {f.name: f for f in figures} for users, figures in runs.items()}
    names = list(dict.fromkeys(f.name for figures in runs.values() for f in figures))
    header = ("figure", *(f"{users:,} users" for users in sizes), "change")
    rows = [
        (
            name,
            *(_shown(by_size[users].get(name)) for users in sizes),
            change(by_size[sizes[0]].get(name), by_size[sizes[-1]].get(name)),
        )
        for name in names
    ]
    return _aligned([header, *rows], right=set(range(1, len(header))))


def _shown(figure: Figure | None) -> str:
    return figure.shown() if figure else "-"


def _aligned(rows: list[tuple[str, ...]], right: set[int]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
