"""A drafted translation is kept only when it states the facts of its source."""

import pytest

from personas.translation import translation_keeps_facts


@pytest.mark.parametrize(
    ("source", "translated", "kept"),
    [
        ("Cut latency by 40% for 1.5M users", "Latenz um 40 % für 1,5 Mio. Nutzer gesenkt", True),
        ("Cut latency by 40%", "Latenz um 45 % gesenkt", False),  # a number changed
        ("Led a team", "Leitete ein Team von 12 Personen", False),  # a number added
        ("See https://ana.dev/talks", "Siehe https://ana.dev/talks", True),
        ("See https://ana.dev/talks", "Siehe https://ana.de/vortraege", False),
        ("Python", "", False),
        ("Led a team", "Leitete ein Team " + "sehr " * 20, False),  # far longer than its source
    ],
)
def test_a_translation_keeps_numbers_and_addresses(source, translated, kept):
    assert translation_keeps_facts(source, translated) is kept
