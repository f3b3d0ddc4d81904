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
    """Sentences of `text[start:end]` as spans into `text`, trimmed of white space."""
    # Same-length substitution keeps offsets valid while hiding hard line wraps from pysbd.
    block = _SPACE.sub(" ", text[start:end])
    sentences: list[Sentence] = []
    cursor = 0
    for piece in _segmenter().segment(block):
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
    return tuple(sentences)
