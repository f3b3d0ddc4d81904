"""Claims: citable sentences sorted into sections and ranked by salience.

A sentence's section is the one whose cue lexicon (data/lexicon.yaml) it matches most
strongly; estimative language and dates after the source's own point to the outlook.
Salience adds how many actors and dates it carries and how early it stands.
"""

from __future__ import annotations

import re
from functools import cache

from briefgen.core.timex import Timex
from briefgen.data import load_data
from briefgen.extract.story import elements_of
from briefgen.model import Anchor, Claim, Likelihood, PartialDate, SectionId

_FIRST_PERSON = re.compile(r"\b(I|I’ve|I've|I’m|I'm|my|me)\b")


@cache
def _section_cues() -> dict[SectionId, list[tuple[re.Pattern[str], float, str]]]:
    """Each section's cues: the pattern, its weight, and the first word a sentence must
    contain for it to match (every cue starts with a word)."""
    data = load_data("lexicon.yaml")["sections"]
    return {
        SectionId(section): [
            (re.compile(rf"\b{re.escape(cue)}\b", re.I), float(weight), _first_word(cue))
            for cue, weight in cues.items()
        ]
        for section, cues in data.items()
    }


_WORD = re.compile(r"\w+")


def _first_word(cue: str) -> str:
    found = _WORD.match(cue.lower())
    if found is None:
        raise ValueError(f"lexicon.yaml: section cue {cue!r} must start with a word")
    return found.group()


@cache
def _threshold() -> float:
    return float(load_data("lexicon.yaml")["section_threshold"])


_FUTURE = re.compile(r"\b(will|won[’']t|shall|is set to|are set to|in the coming|going forward)\b")


def _forward_looking(
    text: str,
    likelihood: Likelihood | None,
    timexes: list[Timex],
    document_date: PartialDate | None,
) -> bool:
    """A judgment about what comes next: future tense or a named likelihood, and no date
    before the source's own (which would make it history told with hindsight)."""
    judged = likelihood is not None and likelihood.term != "roughly even chance"
    if not (judged or _FUTURE.search(text)):
        return False
    return document_date is None or not any(
        document_date.is_after(t.date) and t.date.year < document_date.year for t in timexes
    )


def section_scores(text: str) -> dict[SectionId, float]:
    """How strongly a sentence matches each section's cues.

    A cue is only searched for when its first word is one of the sentence's words: a
    match of `\bcue\b` starts a word that equals the cue's first. Exact for ASCII text
    (case-blind matching then agrees with `str.lower`); other text searches every cue.
    """
    words = set(_WORD.findall(text.lower())) if text.isascii() else None
    return {
        section: sum(
            weight
            for rx, weight, first in cues
            if (words is None or first in words) and rx.search(text)
        )
        for section, cues in _section_cues().items()
    }


def classify_claim(
    text: str,
    anchor: Anchor,
    position: float,
    actor_hits: int,
    timexes: list[Timex],
    document_date: PartialDate | None,
    likelihood: Likelihood | None = None,
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
    if likelihood is not None and likelihood.term != "roughly even chance":
        scores[SectionId.OUTLOOK] += 2  # a named estimative judgment
    if timexes and all(
        document_date is not None and t.date.year < document_date.year - 3 for t in timexes
    ):
        scores[SectionId.BACKGROUND] += 2  # old dates tell the back story
    # Telling an element of the story (founding, leaders, splits, sanctuary ...), the more
    # so of named actors ("Ruritania accuses Borduria of sheltering HF fighters").
    told = elements_of(text)
    if told:
        scores[SectionId.BACKGROUND] += 2 + (1 if actor_hits else 0)
    section, score = max(scores.items(), key=lambda item: (item[1], item[0] == "background"))
    if _forward_looking(text, likelihood, timexes, document_date) and scores[SectionId.OUTLOOK]:
        section, score = SectionId.OUTLOOK, max(score, scores[SectionId.OUTLOOK])
    if score < _threshold():
        return None
    salience = score + 0.5 * min(actor_hits, 4) + 0.5 * min(len(timexes), 2) + (1 - position)
    if words > 60:
        salience -= 1  # long sentences make poor brief lines
    return Claim(
        section=section,
        text=text,
        anchor=anchor,
        score=round(salience, 3),
        likelihood=likelihood if section is SectionId.OUTLOOK else None,
    )
