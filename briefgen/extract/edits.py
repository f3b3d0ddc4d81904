"""Editorial edits: applying them, and the rule each kind must keep (DESIGN.md).

A statement's text is its quotes' display text with declared edits applied. Extraction
makes the edits (extract/standalone.py); `check` re-applies them to the quotes it reads
back from the sources and asks each edit to keep its kind's rule, so an edit cannot
smuggle in words the sources do not say: only a bracketed name that an anchored quote
contains, an ellipsis, a bracketed capital or a fixed frame is ever added.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefgen.ingest.segment import CITATION_MARKER, NEWS_PLACE, NEWS_STAMP
from briefgen.model import Edit

# What a "marker" edit may remove: a note number, "[12]", "[citation needed]", "¹²".
# A marker inside a sentence goes with the space before it.
MARKER = re.compile(rf"\s?(?:{CITATION_MARKER}|\[[a-z ]{{3,30}}\]|\d{{1,3}})")
# The words a "frame" edit may add: a reader's comment is never shown as a source's voice.
FRAMES = ("A reader commented: “", "”")
ELLIPSES = ("…", " …", "… ", " … ")
# What a "dateline" edit may remove: the news page's furniture a story's first sentence is
# run into, up to and including its dateline: a place in capitals and a wire's name before
# a dash, after whatever the crawl ran in before it (a headline, summary bullets, a byline,
# a web header: "HOUSTON | Thu Apr 22, 2010 7:30 pm EDT HOUSTON (Reuters) - ", "VENICE, La.
# (AP) -- "), or a time stamp after any byline ("Saturday 25 April 2009 23.24 BST ", "Ana
# Ruiz | 18:00 UK time, Saturday, 25 April 2009 "). A wire's dateline
# only ever opens a story, so what stands before it is never the story's own words.
_WIRE = r"\s*\([A-Z][\w&.'’ -]{0,30}\)\s*(?:-{1,2}|[–—])\s+"
_TIME_ZONE = r"[ap]\.?m\.?\s+[A-Z]{2,4}"
# "NEW YORK Oct 6 (Reuters) - ", "LIMA, April 24 (Reuters) - "
_DAY = r",?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}"
_BYLINE = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*\|\s*"  # "Ana Ruiz | "
DATELINE = re.compile(
    rf"(?:.{{0,400}}?\s)?(?:{NEWS_PLACE}(?:{_DAY})?|{_TIME_ZONE}){_WIRE}"
    rf"|(?:{_BYLINE})?{NEWS_STAMP}\s+"
)
# What a "credit" edit may remove: a photo credit run into the sentence after its caption:
# "Photograph: Ana Ruiz/Reuters ", "Photo: Staff / AP ", "Photograph: AP ". An agency's
# name may end in a word that says what it sells ("Getty Images", "Rex Features"): that
# word is the credit's, not the sentence's, when a capital opens the sentence after it.
_AGENCY_WORD = r"(?:\s+(?:Images|Features|Pictures|Photos?)(?=\s+[A-Z“‘'\x22]))?"
CREDIT = re.compile(
    r"(?:Photograph|Photo|Picture|Image)s?:\s+"
    rf"(?:(?:[^\s/]+\s){{0,3}}[^\s/]+\s?/\s?)+[A-Z][\w.&’'-]*{_AGENCY_WORD}\s+|"
    r"(?:Photograph|Photo|Picture|Image)s?:\s+[A-Z]{2,5}\s+"
)
_SENTENCE_END = re.compile(r"[.!?…][”\"’')\]]*$")


def apply_edits(base: str, edits: Sequence[Edit]) -> str:
    """`base` with every edit applied (edits never overlap; applied from the end)."""
    text = base
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def join_quotes(shown: Sequence[str]) -> str:
    """The quoted text edits apply to: each quoted sentence's display text, joined."""
    return " ".join(shown)


def edit_problem(edit: Edit, base: str, quotes: Sequence[str]) -> str | None:
    """Why an edit breaks its kind's rule, or None. `quotes` are the display texts of all
    the statement's citations (a bracketed antecedent must come from one of them)."""
    if not 0 <= edit.start <= edit.end <= len(base):
        return f"{edit.kind} edit {edit.start}-{edit.end} lies outside the quoted text"
    span = base[edit.start : edit.end]
    rule = _RULES.get(edit.kind)
    if rule is None:
        return f"unknown edit kind {edit.kind!r}"
    return rule(edit, span, base, quotes)


def _at_sentence_start(base: str, start: int) -> bool:
    before = base[:start].rstrip()
    return not before or _SENTENCE_END.search(before) is not None


def _dropped_opening(edit: Edit, span: str, base: str, _quotes: Sequence[str]) -> str | None:
    words = len(span.split())
    limit = 3 if edit.kind == "connective" else 12
    if edit.text or not span or not span[-1].isspace() or not 0 < words <= limit:
        return f"a dropped {edit.kind} must be at most {limit} whole words, replaced by nothing"
    if not _at_sentence_start(base, edit.start):
        return f"a dropped {edit.kind} must open a sentence"
    return None


def _dateline(edit: Edit, span: str, base: str, _quotes: Sequence[str]) -> str | None:
    if edit.text or DATELINE.fullmatch(span) is None:
        return "a dateline edit removes only a news dateline, replaced by nothing"
    if not _at_sentence_start(base, edit.start):
        return "a dropped dateline must open a sentence"
    return None


def _credit(edit: Edit, _span: str, base: str, _quotes: Sequence[str]) -> str | None:
    # Matched in place: whether an agency's last word is the credit's depends on the
    # capital after it.
    found = CREDIT.match(base, edit.start)
    if edit.text or found is None or found.end() != edit.end:
        return "a credit edit removes only a photo credit, replaced by nothing"
    if not _at_sentence_start(base, edit.start):
        return "a dropped credit must open a sentence"
    return None


def _capital(edit: Edit, span: str, _base: str, _quotes: Sequence[str]) -> str | None:
    if len(span) != 1 or not span.isalpha() or edit.text != f"[{span.upper()}]":
        return "a capital edit brackets one letter in upper case"
    return None


def _antecedent(edit: Edit, span: str, _base: str, quotes: Sequence[str]) -> str | None:
    if not (edit.text.startswith("[") and edit.text.endswith("]")) or len(span.split()) > 3:
        return "an antecedent replaces at most three words by a bracketed name"
    name = re.sub(r"[’']s$", "", edit.text[1:-1]).casefold()
    if not name or not any(name in " ".join(q.split()).casefold() for q in quotes):
        return f"the bracketed {edit.text} is in none of the statement's quotes"
    return None


def _ellipsis(edit: Edit, _span: str, _base: str, _quotes: Sequence[str]) -> str | None:
    return None if edit.text in ELLIPSES else "an ellipsis edit adds only an ellipsis"


def _marker(edit: Edit, span: str, _base: str, _quotes: Sequence[str]) -> str | None:
    if edit.text or MARKER.fullmatch(span) is None:
        return "a marker edit removes only a note number or a citation marker"
    return None


def _lower(edit: Edit, span: str, _base: str, _quotes: Sequence[str]) -> str | None:
    if edit.text.lower() != span.lower() or edit.text == span:
        return "a lower edit changes only the case of letters"
    return None


def _frame(edit: Edit, span: str, base: str, _quotes: Sequence[str]) -> str | None:
    if span or edit.text not in FRAMES or edit.start not in (0, len(base)):
        return "a frame edit only adds a fixed frame before or after the quote"
    return None


_RULES = {
    "connective": _dropped_opening,
    "opening": _dropped_opening,
    "dateline": _dateline,
    "credit": _credit,
    "capital": _capital,
    "antecedent": _antecedent,
    "ellipsis": _ellipsis,
    "marker": _marker,
    "lower": _lower,
    "frame": _frame,
}
