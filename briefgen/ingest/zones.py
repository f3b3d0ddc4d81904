"""Zone labelling: what each block of a source is (body, heading, caption, comment, ...).

Rules look at a block's shape and at generic cues from `data/zones.yaml`, never at the
names in a particular corpus: running headers are found by repetition and separators,
comment threads by their header lines and indentation, trailers ("Related", "Tags:") by a
cue that ends the article.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

from briefgen.data import load_data
from briefgen.model import Zone

_TERMINAL = re.compile(r"[.!?…][”\"’')\]]*$|[”\"’]$")
_WORD = re.compile(r"\w+")
_NOTE_START = re.compile(r"^(<sup>\s*\d{1,3}\s*</sup>|\[\^\d+\]:)")
_BULLET_START = re.compile(r"^\s*[•◦▪]")
_ITALIC_BLOCK = re.compile(r"^\*{1,3}[^*].*[^*]\*{1,3}$", re.S)
_DATE_ONLY = re.compile(
    r"^(\w+day,?\s+)?(\w+\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\w+\s+\d{4}|\d{4}-\d{2}-\d{2})\.?$"
)
_MD_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
_YEAR = re.compile(r"\b(1[89]|20)\d{2}\b")


@dataclass(frozen=True)
class _Cues:
    trailer: tuple[re.Pattern[str], ...]
    comment_header: re.Pattern[str]
    furniture: tuple[re.Pattern[str], ...]
    caption_prefix: re.Pattern[str]
    bio: re.Pattern[str]
    professions: frozenset[str]
    byline: re.Pattern[str]
    not_a_title: tuple[re.Pattern[str], ...]


@cache
def _cues() -> _Cues:
    data = load_data("zones.yaml")

    def rx(pattern: str) -> re.Pattern[str]:
        return re.compile(pattern, re.I)

    return _Cues(
        trailer=tuple(rx(p) for p in data["trailer_markers"]),
        comment_header=rx(data["comment_header"]),
        furniture=tuple(rx(p) for p in data["furniture"]),
        caption_prefix=rx(data["caption_prefix"]),
        bio=rx(data["bio_pattern"]),
        professions=frozenset(w.lower() for w in data["profession_words"]),
        byline=rx(data["byline_prefix"]),
        not_a_title=tuple(rx(p) for p in data["not_a_title"]),
    )


def _script(text: str) -> str:
    """The dominant Unicode script family of a text's letters ('LATIN', 'ARABIC', ...)."""
    counts: Counter[str] = Counter()
    for char in text:
        if char.isalpha():
            counts[unicodedata.name(char, "UNKNOWN").split()[0]] += 1
    return counts.most_common(1)[0][0] if counts else ""


def _normalised(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def label_blocks(
    raw_blocks: list[str],
    shown_blocks: list[str],
    hints: list[Zone | None] | None = None,
    declared_title: str | None = None,
) -> list[Zone]:
    """Labels each block.

    `raw_blocks` are canonical text from the start of each block's first line (so its
    indentation shows); `shown_blocks` are their display text; `hints` the zone the file's
    structure gives a block (HTML headings and comments, PDF running headers), if any;
    `declared_title` the title the file's metadata gives (an HTML page's <title>), which
    picks the title among the headings when one matches it.
    """
    hints = hints or [None] * len(raw_blocks)
    cues = _cues()
    document_script = _script(" ".join(shown_blocks))
    repeats = Counter(_normalised(b) for b in shown_blocks)
    zones: list[Zone] = []
    in_trailer = False
    in_notes = False
    for index, (raw, shown, hint) in enumerate(zip(raw_blocks, shown_blocks, hints, strict=True)):
        words = len(_WORD.findall(shown))
        if hint is not None:
            zones.append(hint)
            continue
        # A trailer's marker may be a block's first line ("Related stories" above its links;
        # the display text joins the lines, the raw text keeps them).
        lines = [line.strip() for line in raw.strip().splitlines()] or [shown]
        if any(p.search(shown) or p.search(lines[0]) for p in cues.trailer):
            in_trailer = True
        if in_trailer:
            looks_like_comment = (
                cues.comment_header.search(shown) is not None
                or any(cues.comment_header.search(line) for line in lines)
                or raw.startswith((" ", "\t"))
                or _BULLET_START.match(raw) is not None
            )
            zones.append(Zone.COMMENT if looks_like_comment else Zone.FURNITURE)
            continue
        if _NOTE_START.match(raw.strip()) or (in_notes and re.match(r"^\d{1,3}[.)\s]", shown)):
            in_notes = True
            zones.append(Zone.NOTE)
        elif (
            any(p.search(shown) for p in cues.furniture)
            or raw.count(" | ") >= 2
            or (repeats[_normalised(shown)] > 1 and words < 40)
        ):
            zones.append(Zone.FURNITURE)
        elif _is_caption(raw, shown, words, cues):
            zones.append(Zone.CAPTION)
        elif document_script and _script(shown) not in ("", document_script):
            # Text in another script amid a document (a caption's inscription): kept and
            # shown, not cited, until a reader for that language exists.
            zones.append(Zone.CAPTION)
        elif words < 80 and cues.bio.match(shown) and _mentions_profession(shown, cues):
            zones.append(Zone.BIO)
        elif words < 30 and (cues.byline.match(shown) or _DATE_ONLY.match(shown)):
            zones.append(Zone.BYLINE)
        elif _BULLET_START.match(raw) and words <= 15:
            # A short bullet above the text is navigation; within it, a list heading.
            zones.append(Zone.HEADING if Zone.BODY in zones else Zone.FURNITURE)
        elif raw.lstrip().startswith("#") or (words <= 15 and not _TERMINAL.search(shown)):
            zones.append(Zone.HEADING)
        elif index == 0 and words <= 20 and "\n" not in raw.strip():
            zones.append(Zone.HEADING)  # a first line ending in "?" or "!" is a title too
        elif words < 8:
            zones.append(Zone.FURNITURE)
        else:
            zones.append(Zone.BODY)
    return _mark_title(zones, shown_blocks, declared_title)


def running_headers(shown_blocks: list[str], zones: list[Zone]) -> list[int]:
    """Indices of furniture blocks that are running headers or footers: a short line the
    document repeats, or fields between bars ("Report | Title | Author | date")."""
    repeats = Counter(_normalised(b) for b in shown_blocks)
    return [
        i
        for i, (shown, zone) in enumerate(zip(shown_blocks, zones, strict=True))
        if zone is Zone.FURNITURE
        and (
            (repeats[_normalised(shown)] > 1 and len(shown.split()) < 40) or shown.count(" | ") >= 2
        )
    ]


def _mark_title(
    zones: list[Zone], shown_blocks: list[str], declared_title: str | None = None
) -> list[Zone]:
    """Finds the document's title among its headings.

    Among the headings above the first body paragraph that can be a title (not a URL, a
    search result, a table row, a cover line; see `not_a_title`): the one the declared
    title names ("Accord signed" in "<title>Accord signed | Daily News"), else the
    longest; failing that (text extracted from a PDF often starts mid-page), a heading
    that a running header repeats.
    """
    first_body = zones.index(Zone.BODY) if Zone.BODY in zones else len(zones)
    not_a_title = _cues().not_a_title
    candidates = [
        i
        for i in range(first_body)
        if zones[i] is Zone.HEADING and not any(p.search(shown_blocks[i]) for p in not_a_title)
    ]
    if declared_title and (
        named := [i for i in candidates if _names_title(shown_blocks[i], declared_title)]
    ):
        candidates = named
    if not candidates:
        running = [_normalised(shown_blocks[i]) for i in running_headers(shown_blocks, zones)]
        candidates = [
            i
            for i, zone in enumerate(zones)
            if zone is Zone.HEADING
            and len(key := _normalised(shown_blocks[i]).split()) >= 3
            and any(f" {' '.join(key)} " in f" {line} " for line in running)
        ]
    if candidates:
        title = max(candidates, key=lambda i: (len(_WORD.findall(shown_blocks[i])), -i))
        zones[title] = Zone.TITLE
    return zones


def _names_title(heading: str, declared: str) -> bool:
    """Whether a heading is the declared title, or the declared title with a site's name
    around it; a heading of one or two words matches only the whole title."""
    heading_key, declared_key = _normalised(heading), _normalised(declared)
    if not heading_key:
        return False
    if heading_key == declared_key:
        return True
    return len(heading_key.split()) >= 2 and f" {heading_key} " in f" {declared_key} "


def _is_caption(raw: str, shown: str, words: int, cues: _Cues) -> bool:
    if _MD_IMAGE.match(raw.strip()):
        return True  # a Markdown image: its alt text is a caption
    if cues.caption_prefix.match(shown) or _ITALIC_BLOCK.match(raw.strip()):
        return words < 80
    # Photo captions end in a parenthesised credit on every line: "... 2009. (Agency)".
    lines = [line.strip() for line in raw.strip().splitlines() if line.strip()]
    return (
        words < 80 and all(line.endswith(")") for line in lines) and _YEAR.search(shown) is not None
    )


def _mentions_profession(shown: str, cues: _Cues) -> bool:
    return any(word in cues.professions for word in _WORD.findall(shown.lower()))
