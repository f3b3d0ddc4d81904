"""Display text: what a reader is shown of a span of canonical text.

Cleaning changes what is shown, never the offsets: anchors keep pointing into the
untouched canonical text. It re-joins hard-wrapped lines, unwraps Markdown markup and repairs
case damage that the document itself shows to be damage. Removing note numbers glued to
words is an editorial edit, declared with the statement (extract/standalone.py).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*\)")
_MD_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_SUP_MARKER = re.compile(r"<sup>\s*\d{1,3}\s*</sup>")
_HTML_TAG = re.compile(r"</?(?:sup|sub|em|strong|b|i|u|span)\b[^>]*>")
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1")
_HEADING_HASHES = re.compile(r"^#{1,6}\s+")
_BULLET = re.compile(r"^[•◦▪*-]\s+")
_HYPHEN_WRAP = re.compile(r"(?<=\w)-[ \t]*\n[ \t]*(?=\w)")
_LINE_WRAP = re.compile(r"[ \t]*\n[ \t]*")
_SPACES = re.compile(r"[ \t\u00a0]{2,}|\u00a0")
_WORD = re.compile(r"\b[^\W\d_][\w.'’-]*\b")


def display_text(raw: str, case_repairs: Mapping[str, str] | None = None) -> str:
    """The cleaned, single-line text shown for a span of canonical text."""
    text = _HYPHEN_WRAP.sub("-", raw)
    text = _LINE_WRAP.sub(" ", text)
    text = _SUP_MARKER.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _HEADING_HASHES.sub("", text.strip())
    text = _BULLET.sub("", text)
    if case_repairs:
        text = _WORD.sub(lambda m: case_repairs.get(m[0], m[0]), text)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=8)  # ingest and extract both show the same document's text
def case_repairs_for(text: str) -> Mapping[str, str]:
    """Damaged word forms mapped to their repaired form, by rules the document itself supports.

    Text extracted from small caps loses some capitals: "u.S." for "U.S.", "TuRN" for
    "TURN", "smith" for "Smith". Three rules, from safest to least safe:
    - a word mostly in capitals with a few lower-case letters inside is an all-caps word;
    - a lower-case letter followed by a capital inside one word takes the form the
      document uses elsewhere;
    - only in a document that shows such damage, and only for the letters it damages, a
      lower-case word the document mostly capitalises mid-sentence is capitalised.
    A lower-case proper name in an undamaged document is left alone: no rule tells it from
    a common word without a dictionary.
    """
    forms = Counter(m[0] for m in _WORD.finditer(text))
    repairs: dict[str, str] = {}
    damaged_letters: set[str] = set()
    for form in forms:
        if _is_damaged_capitals(form):
            repairs[form] = form.upper()
            damaged_letters.update(c for c in form if c.islower())
            continue
        if not _is_damaged(form):
            continue
        damaged_letters.add(form[0])
        usual = [f for f in forms if f != form and f.lower() == form.lower() and not _is_damaged(f)]
        if usual:
            repairs[form] = max(usual, key=lambda f: forms[f])
    if damaged_letters:
        repairs.update(_lowered_names(text, forms, damaged_letters))
    return repairs


def _lowered_names(text: str, forms: Counter[str], letters: set[str]) -> dict[str, str]:
    mid_sentence = Counter(m[1] for m in _MID_SENTENCE_CAPITAL.finditer(text))
    repairs = {}
    for form, count in forms.items():
        if form[0] in letters and form.islower():
            capital = form[0].upper() + form[1:]
            if mid_sentence[capital] >= 3 and mid_sentence[capital] >= count:
                repairs[form] = capital
    return repairs


# A capitalised word after a lower-case word or a comma: a name, not a sentence start.
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,;])\s+([A-Z][a-z][\w'’-]*)")


def _is_damaged_capitals(form: str) -> bool:
    """ "ChANCe", "OCTOBeR": mostly capitals, with lower-case letters that are not a plural s."""
    letters = [c for c in form if c.isalpha()]
    lower = [i for i, c in enumerate(letters) if c.islower()]
    return (
        len(letters) >= 4
        and len(lower) < len(letters) / 2
        and bool(lower)
        and lower != [len(letters) - 1]
        and letters[0].isupper()
    )


def _is_damaged(form: str) -> bool:
    # Per hyphen-separated part, so "anti-Western" is usage, not damage.
    return any(_DAMAGED_PART.match(part) for part in re.split(r"[-'’]", form))


_DAMAGED_PART = re.compile(r"^[a-z][\w.]*[A-Z]")
