"""Does each line of a brief stand alone? A checker kept apart from the code that edits
lines (briefgen/extract/standalone.py), with its own word lists, so it can disagree.

    python -m tests.gold.standalone _build/pakistan-ttp/analyst.json [...more.json]

A line fails when it opens with a word that links it to a sentence the reader has not
seen (a connective, a pronoun, a demonstrative, a scene-setting phrase that points back),
uses "this"/"these" as a pronoun before its first verb, carries a glued note number or
citation marker, or shouts in capitals. Bracketed insertions ("[The TTP] has ...") are
what an editor does to fix such a line, so a bracket opening a line is fine.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

_CONNECTIVES = (
    "but|and|yet|so|also|however|moreover|furthermore|still|similarly|meanwhile|instead|"
    "thus|therefore|hence|indeed|nonetheless|nevertheless|additionally|in addition|"
    "likewise|lastly|finally|for example|for instance|in fact|as such|consequently|"
    "accordingly|besides|even so|in turn|by contrast|in contrast|on the other hand|then|"
    "again|further|conversely|otherwise|secondly|thirdly|first|second|third|initially|"
    "subsequently|thereafter|as a result|to this end|in response|that said|above all|"
    "at the same time|notably|overall|ultimately"
)
_OPENING_CONNECTIVE = re.compile(rf"^(?:{_CONNECTIVES})\b(?:,|\s)", re.I)
_OPENING_REFERENCE = re.compile(
    r"^(?:he|she|it|they|his|her|its|their|them|this|that|these|those|such|the latter|"
    r"the former|the same|there is precedent)\b",
    re.I,
)
_EXPLETIVE_IT = re.compile(
    r"^it (?:is|was|has been|seems|appears|remains|will be|would be|may be)\b"
    r"(?:\s+\S+){0,6}?\s+(?:that|to|whether|how|if)\b",
    re.I,
)
# "Against this backdrop, ...", "Despite such attacks, ...": a short phrase before the
# first comma that points back.
# (A possessive there points ahead: "Since its founding in 2007, the TTP ...".)
_POINTING_PHRASE = re.compile(
    r"^[A-Z][\w’'-]*(?:\s+[\w’'-]+){0,6}?\s+(?:this|that|these|those|such|it|them)\b[^,;:.]{0,40},",
)
_PRONOUN_THIS = re.compile(
    r"^[^,;:]{0,80}?\b(?:this|these)\s*(?:[.:;]|\s(?:is|was|has|had|will|would|does|did|"
    r"means|shows|suggests|led|comes|came|marks|includes)\b)",
    re.I,
)
_GLUED_NOTE = re.compile(r"[a-z][.,;:”\"’)]\d{1,3}(?=\s|$)|\[\d{1,3}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]")
_SHOUTING = re.compile(r"\b[A-Z]{4,}\b(?:[\s,]+\b[A-Z]{2,}\b)+")


def problems(line: str) -> list[str]:
    """What keeps a line from standing alone (nothing when it does)."""
    text = line.strip().lstrip("“\"‘'(")
    found = []
    if _OPENING_CONNECTIVE.match(text):
        found.append("opens with a connective")
    if _OPENING_REFERENCE.match(text) and not _EXPLETIVE_IT.match(text):
        found.append("opens with a reference to what came before")
    elif _POINTING_PHRASE.match(text):
        found.append("opens with a phrase that points back")
    elif _PRONOUN_THIS.match(text):
        found.append("uses 'this' for something it does not name")
    if _GLUED_NOTE.search(text):
        found.append("carries a note number or citation marker")
    if _SHOUTING.search(text):
        found.append("shouts in capitals")
    return found


def brief_lines(brief: dict[str, Any]) -> list[str]:
    """Every line a reader of the brief sees: section statements, the timeline, and the
    actors' descriptions."""
    lines = [st["text"] for section in brief["sections"] for st in section["statements"]]
    lines += [entry["text"] for entry in brief.get("timeline", [])]
    lines += [a["description"]["text"] for a in brief.get("actors", []) if "description" in a]
    return lines


def main(argv: list[str]) -> int:
    total = failing = 0
    for name in argv:
        brief = json.loads(Path(name).read_text(encoding="utf-8"))
        if "sections" not in brief:
            continue  # a changes report, not a brief
        for line in dict.fromkeys(brief_lines(brief)):
            total += 1
            found = problems(line)
            if found:
                failing += 1
                print(f"{'; '.join(found)}: {line[:110]}")
    share = (total - failing) / total if total else 1.0
    print(f"{total - failing} of {total} lines stand alone ({share:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
