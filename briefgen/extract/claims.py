"""Claims and events: citable sentences sorted into sections, and dated events.

A sentence's section is the one whose cue lexicon (data/lexicon.yaml) it matches most
strongly; salience adds how many actors and dates it carries and how early it stands.
A dated sentence with an event cue becomes a timeline event.
"""

from __future__ import annotations

import re
from functools import cache

from briefgen.data import load_data
from briefgen.model import Anchor, Claim, Event, PartialDate, SectionId
from briefgen.timex import Timex

_FIRST_PERSON = re.compile(r"\b(I|I’ve|I've|I’m|I'm|my|me)\b")


@cache
def _section_cues() -> dict[SectionId, list[tuple[re.Pattern[str], float]]]:
    data = load_data("lexicon.yaml")["sections"]
    return {
        SectionId(section): [
            (re.compile(rf"\b{re.escape(cue)}\b", re.I), float(weight))
            for cue, weight in cues.items()
        ]
        for section, cues in data.items()
    }


@cache
def _threshold() -> float:
    return float(load_data("lexicon.yaml")["section_threshold"])


@cache
def _event_cues() -> list[tuple[str, re.Pattern[str]]]:
    data = load_data("lexicon.yaml")["event_types"]
    return [
        (kind, re.compile(r"\b(" + "|".join(re.escape(c) for c in cues) + r")\b", re.I))
        for kind, cues in data.items()
    ]


def section_scores(text: str) -> dict[SectionId, float]:
    """How strongly a sentence matches each section's cues."""
    return {
        section: sum(weight for rx, weight in cues if rx.search(text))
        for section, cues in _section_cues().items()
    }


def classify_claim(
    text: str,
    anchor: Anchor,
    position: float,
    actor_hits: int,
    timexes: list[Timex],
    document_date: PartialDate | None,
) -> Claim | None:
    """The claim a sentence makes, or None if it fits no section or is not a claim.

    `position` is the sentence's relative place in its document (0 first, 1 last).
    """
    words = len(text.split())
    if words < 8 or words > 90 or text.endswith("?") or _FIRST_PERSON.search(text):
        return None
    scores = section_scores(text)
    if document_date is not None and any(t.date.year > document_date.year for t in timexes):
        scores[SectionId.OUTLOOK] += 2  # a date after the source's own is forward-looking
    if timexes and all(
        document_date is not None and t.date.year < document_date.year - 3 for t in timexes
    ):
        scores[SectionId.BACKGROUND] += 2  # old dates tell the back story
    section, score = max(scores.items(), key=lambda item: (item[1], item[0] == "background"))
    if score < _threshold():
        return None
    salience = score + 0.5 * min(actor_hits, 4) + 0.5 * min(len(timexes), 2) + (1 - position)
    if words > 60:
        salience -= 1  # long sentences make poor brief lines
    return Claim(section=section, text=text, anchor=anchor, score=round(salience, 3))


def event_from(
    text: str, anchor: Anchor, timexes: list[Timex], document_date: PartialDate | None
) -> Event | None:
    """A timeline event if a sentence is dated (not after its document) and has an event cue."""
    dated = [
        t
        for t in timexes
        if document_date is None
        or (t.date.sort_key()[:1] <= (document_date.year,) and not _after(t.date, document_date))
    ]
    if not dated:
        return None
    kind = next((k for k, rx in _event_cues() if rx.search(text)), None)
    if kind is None:
        return None
    most_precise = max(dated, key=lambda t: (t.date.precision != "year", t.date.day is not None))
    return Event(date=most_precise.date, kind=kind, text=text, anchor=anchor)


def _after(date: PartialDate, reference: PartialDate | None) -> bool:
    if reference is None:
        return False
    return date.sort_key()[: len(_known(reference))] > _known(reference)


def _known(date: PartialDate) -> tuple[int, ...]:
    return tuple(p for p in (date.year, date.month, date.day) if p is not None)
