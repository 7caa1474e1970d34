from __future__ import annotations

from typing import Any

from django import template

from personas.sections import SECTIONS

register = template.Library()


@register.filter
def section_labels(keys: Any, other: Any) -> str:
    """Section keys as the editor names them ("Skills, Experience"), up to the last place where they differ from
    the other order: the sections after it do not move."""
    if not isinstance(keys, list) or not isinstance(other, list):
        return ""
    moved = [index for index, (key, that) in enumerate(zip(keys, other, strict=False)) if key != that]
    shown = keys[: moved[-1] + 1] if moved else keys
    labels = [SECTIONS[key].label if key in SECTIONS else f"your section {key[7:]}" for key in map(str, shown)]
    return ", ".join(labels) + (", …" if len(shown) < len(keys) else "")
