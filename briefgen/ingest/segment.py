"""Paragraph and sentence spans over canonical text.

A paragraph is a block between blank lines, numbered from 1 in document order whatever
its zone: numbering never depends on classification heuristics, so pinpoints stay stable
when those improve. Sentences come from pysbd, a maintained rule-based splitter that
survives "U.S.", "Lt. Gen.", initials and quotations.
"""

from __future__ import annotations

import re
from functools import cache

import pysbd

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


@cache
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def sentence_spans(text: str, start: int, end: int) -> tuple[Sentence, ...]:
    """Sentences of `text[start:end]` as spans into `text`, trimmed of white space.

    pysbd's cost grows with the square of a block's length, so a block longer than
    `_WINDOW` is first cut at likely sentence ends into pieces no longer than that.
    """
    sentences: list[Sentence] = []
    for piece_start, piece_end in _windows(text, start, end):
        for sentence in _segment(text, piece_start, piece_end):
            sentences.extend(_split_after_markers(text, sentence))
    return tuple(sentences)


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
    for piece in _segmenter().processor(block).process():
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
