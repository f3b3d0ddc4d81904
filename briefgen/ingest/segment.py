"""Paragraph and sentence spans over canonical text.

A paragraph is a block between blank lines, numbered from 1 in document order whatever
its zone: numbering never depends on classification heuristics, so pinpoints stay stable
when those improve. Sentences come from pysbd, a maintained rule-based splitter that
survives "U.S.", "Lt. Gen.", initials and quotations.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from pysbd.lang.english import English
from pysbd.processor import Processor

from briefgen.model import Sentence

_BLOCK_SEPARATOR = re.compile(r"\n[ \t\u00a0\r]*\n")
_SPACE = re.compile(r"\s")


def block_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank block, trimmed of surrounding white space."""
    spans: list[tuple[int, int]] = []
    position = 0
    for match in [*_BLOCK_SEPARATOR.finditer(text), None]:
        end = match.start() if match else len(text)
        block = text[position:end]
        stripped = block.strip()
        if stripped:
            start = position + (len(block) - len(block.lstrip()))
            spans.append((start, start + len(stripped)))
        if match:
            position = match.end()
    return spans


class _AbbreviationReplacer(English.AbbreviationReplacer):  # type: ignore[misc]
    """pysbd's abbreviation pass, shown only the abbreviations a line can use.

    Upstream runs two regular expressions for every one of its 188 abbreviations whose
    letters occur anywhere in a line ("al", "no", "st" occur in almost every line): over
    half of all splitting time. Each rewrite it may make turns the full stop after an
    abbreviation into a marker, so an alphabetic abbreviation without "abbr." in the
    line changes nothing and is skipped; the few with dots ("e.g", "u.s") are patterns to
    upstream and are always kept. The output is upstream's, character for character
    (`tests/ingest/test_segment_and_zones.py` compares the two).
    """

    lang: Any  # set by upstream's constructor: the language module

    def search_for_abbreviations_in_string(self, text: str) -> str:
        usable = _usable_abbreviations(text.lower())
        if not usable:
            return text
        language = self.lang
        self.lang = _with_abbreviations(tuple(usable))
        try:
            rewritten: str = super().search_for_abbreviations_in_string(text)
        finally:
            self.lang = language
        return rewritten


# Each abbreviation in upstream's order, with the letters that must stand before a full
# stop for it to apply (None: a pattern with dots, always tried).
_ABBREVIATIONS: list[tuple[str, str | None]] = [
    (abbr, stripped if (stripped := abbr.strip()).isascii() and stripped.isalpha() else None)
    for abbr in English.Abbreviation.ABBREVIATIONS
]
_LETTERS_BEFORE_STOP = re.compile(r"[a-z]+(?=\.)")


def _usable_abbreviations(lowered: str) -> list[str]:
    """The abbreviations, in upstream's order, that can rewrite `lowered`: an alphabetic
    one only if "abbr." occurs, i.e. it ends a run of letters before a full stop."""
    endings = {run[i:] for run in _LETTERS_BEFORE_STOP.findall(lowered) for i in range(len(run))}
    return [abbr for abbr, letters in _ABBREVIATIONS if letters is None or letters in endings]


@lru_cache(maxsize=1024)  # sets of usable abbreviations recur: 650 in 9,000 paragraphs
def _with_abbreviations(usable: tuple[str, ...]) -> type:
    """A stand-in for the language as the abbreviation search reads it (only its
    `Abbreviation` lists), with the abbreviations narrowed to `usable`."""
    abbreviation = type("Abbreviation", (English.Abbreviation,), {"ABBREVIATIONS": list(usable)})
    return type("Language", (), {"Abbreviation": abbreviation})


class _English(English):  # type: ignore[misc]
    AbbreviationReplacer = _AbbreviationReplacer


def _process(block: str) -> list[str]:
    """pysbd's sentences of `block` (its processor, with the faster abbreviation pass)."""
    sentences: list[str] = Processor(block, _English).process()
    return sentences


def sentence_spans(text: str, start: int, end: int) -> tuple[Sentence, ...]:
    """Sentences of `text[start:end]` as spans into `text`, trimmed of white space.

    pysbd's cost grows with the square of a block's length, so a block longer than
    `_WINDOW` is first cut at likely sentence ends into pieces no longer than that.
    """
    sentences: list[Sentence] = []
    for piece_start, piece_end in _windows(text, start, end):
        for sentence in _segment(text, piece_start, piece_end):
            for piece in _split_after_markers(text, sentence):
                for part in _split_at_bullets(text, piece):
                    sentences.extend(_split_before_news_headers(text, part))
    return tuple(sentences)


# A list's bullet run into a paragraph, as crawls flatten them ("Mexico declares an
# outbreak * Schools shut * Flights cancelled", "facts about the virus: * It spreads ..."):
# each item is a sentence of its own; the bullet belongs to none. A star between lower-case
# words is emphasis ("we * don't * know"), not a bullet.
_BULLET = re.compile(r"\s+[*•]\s+(?=[\"“‘(]?[A-Z])")
_OPENING_BULLET = re.compile(r"[*•]\s+(?=[\"“‘(]?[A-Z])")


def _split_at_bullets(text: str, sentence: Sentence) -> list[Sentence]:
    """The sentence cut at each bullet inside it, the bullets left out."""
    pieces: list[Sentence] = []
    start = sentence.start
    opening = _OPENING_BULLET.match(text, start, sentence.end)
    if opening is not None:
        start = opening.end()
    for match in _BULLET.finditer(text, sentence.start, sentence.end):
        if match.start() > start:
            pieces.append(Sentence(start, match.start()))
        start = match.end()
    pieces.append(Sentence(start, sentence.end))
    return pieces


# A news page's header, which a crawl runs into the story's first paragraph after the
# headline: a date with a time and its zone ("Friday 1 May 2009 15.49 BST",
# "Tue Jul 27, 2010 7:13 pm EDT"), after the dateline's place in capitals ("LONDON/HOUSTON
# | ", "BIRMINGHAM, Ala., | "). What stands before it (headline, standfirst) and what
# follows it are sentences of their own; the header itself is a dateline edit's to drop
# (extract/edits.py).
NEWS_STAMP = (
    r"(?:(?:[A-Z][a-z]{2,8},?\s+)?(?:\d{1,2}\s+[A-Z][a-z]{2,8}|[A-Z][a-z]{2,8}\.?\s+\d{1,2}),?\s+"
    r"\d{4},?\s+\d{1,2}[.:]\d{2}(?:\s*[ap]\.?m\.?)?\s+[A-Z]{2,4}\b"
    # or the time first, as blogs write it: "18:00 UK time, Saturday, 25 April 2009"
    r"|\d{1,2}[.:]\d{2}\s+[A-Z]{2,4}\s+time,\s+[A-Z][a-z]{2,8},\s+\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4})"
)
# A dateline's place: "HOUSTON", "NEW YORK", "VENICE, La.", "HOUSTON/VENICE, Louisiana".
NEWS_PLACE = (
    r"[A-Z][A-Z.'’/-]+(?:\s+[A-Z][A-Z.'’/-]+)*(?:,\s+[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*)?,?)?"
)
_HEADER_INSIDE = re.compile(rf"(?<=\S)\s+((?:{NEWS_PLACE}\s*\|\s*)?{NEWS_STAMP})(?=\s)")


def _split_before_news_headers(text: str, sentence: Sentence) -> list[Sentence]:
    """The sentence cut where a news page's header starts inside it."""
    pieces: list[Sentence] = []
    start = sentence.start
    for match in _HEADER_INSIDE.finditer(text, sentence.start, sentence.end):
        pieces.append(Sentence(start, match.start()))
        start = match.start(1)  # the header opens the next sentence
    pieces.append(Sentence(start, sentence.end))
    return pieces


# A sentence end followed by citation markers, as encyclopedias write them: "... in
# 2016.[7][8] The HF ...", "... in 2016.¹² The HF ..." (pysbd reads on through them).
# A note or citation marker as encyclopedias and papers write them: "[7]", "¹²".
CITATION_MARKER = r"(?:\[\d{1,3}\]|[¹²³⁰-⁹]+)"
_MARKED_END = re.compile(rf"(?<=[.!?]){CITATION_MARKER}+\s+(?=[\"“‘(\[]?[A-Z])")


def _split_after_markers(text: str, sentence: Sentence) -> list[Sentence]:
    """The sentence cut after each end-and-markers inside it; the markers stay behind."""
    pieces: list[Sentence] = []
    start = sentence.start
    for match in _MARKED_END.finditer(text, sentence.start, sentence.end):
        cut = match.start() + len(match.group().rstrip())
        pieces.append(Sentence(start, cut))
        start = match.end()
    pieces.append(Sentence(start, sentence.end))
    return pieces


_WINDOW = 4000  # characters: longer than almost any real paragraph
# A likely sentence end: a full stop after a lower-case word (not an initial or "U.S."),
# closing quotes or brackets, white space, then what can start a sentence.
_LIKELY_END = re.compile(r"(?<=[a-z]{2}[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) pieces of a block, each at most `_WINDOW` long, cut at likely sentence
    ends, else at white space, else anywhere."""
    pieces: list[tuple[int, int]] = []
    while end - start > _WINDOW:
        limit = start + _WINDOW
        cut = None
        for match in _LIKELY_END.finditer(text, start + _WINDOW // 2, limit):
            cut = match.end()
        if cut is None:
            space = max(text.rfind(" ", start + 1, limit), text.rfind("\n", start + 1, limit))
            cut = space + 1 if space > start else limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _segment(text: str, start: int, end: int) -> list[Sentence]:
    # Same-length substitution keeps offsets valid while hiding hard line wraps from pysbd.
    block = _SPACE.sub(" ", text[start:end])
    sentences: list[Sentence] = []
    cursor = 0
    # The processor's sentences, located below; Segmenter.segment would also locate each
    # with a regex compiled for it and run from the paragraph's start (quadratic, and
    # over a third of ingest time).
    for piece in _process(block):
        piece = piece.strip()
        if not piece:
            continue
        found = block.find(piece, cursor)
        if found < 0:  # the splitter altered the text: keep the rest as one sentence
            break
        sentences.append(Sentence(start + found, start + found + len(piece)))
        cursor = found + len(piece)
    rest = block[cursor:]
    if rest.strip():
        lead = len(rest) - len(rest.lstrip())
        sentences.append(Sentence(start + cursor + lead, start + cursor + len(rest.rstrip())))
    return sentences
