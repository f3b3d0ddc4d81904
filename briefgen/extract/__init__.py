"""Extract: one Document becomes a SourceSummary of actors, dated events and claims."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import cache

from briefgen.core.timex import find_timexes, month_first
from briefgen.data import load_data
from briefgen.extract.actors import SentenceRef, extract_actors
from briefgen.extract.claims import classify_claim
from briefgen.extract.estimative import find_likelihood
from briefgen.extract.events import (
    LEAD_SENTENCES,
    NEWS_TYPES,
    event_from,
    is_point_date,
    lead_event,
)
from briefgen.ingest import TextView
from briefgen.ingest.segment import CITATION_MARKER
from briefgen.model import Actor, Anchor, Document, PartialDate, SourceSummary, Zone

__all__ = [
    "CITABLE_ZONES",
    "EXTRACTOR_VERSION",
    "is_whole_sentence",
    "mask_references",
    "summarize",
]

# Author-date references, "(Smith, 2021)", "(Doe & Roe, 2007; Lee, 2018)", "Khan (2022)":
# their names and years are the cited works', not actors or events of the story.
_AUTHOR_DATE = re.compile(
    r"\((?=[^()]*[A-Z])[^()]*\b(?:19|20)\d{2}[a-z]?(?:,? pp?\. ?\d+(?:[-–]\d+)?)?\)"
    r"|\b[A-Z][\w’'-]+(?: (?:et al\.|& [A-Z][\w’'-]+))? \((?:19|20)\d{2}[a-z]?\)"
)


def mask_references(text: str) -> str:
    """Blanks author-date references with spaces, keeping every offset in place."""
    return _AUTHOR_DATE.sub(lambda m: " " * len(m[0]), text)


# Bump when extraction changes what it produces: cached summaries carry this version.
EXTRACTOR_VERSION = "5"

# Closing quotes and brackets, and citation markers ("[7][8]", "[citation needed]", "¹²").
_WHOLE_SENTENCE = re.compile(
    rf"^[\W]*[A-Z0-9].*[.!?…](?:[”\"’')\]]|{CITATION_MARKER}|\[[a-z ]{{3,30}}\])*$", re.S
)


@cache
def _attribution_cues() -> re.Pattern[str]:
    cues = load_data("lexicon.yaml")["note_attribution_cues"]
    return re.compile("|".join(f"(?:{cue})" for cue in cues), re.I)


def is_attribution(shown: str) -> bool:
    """A note sentence that names where a fact came from rather than stating one."""
    return _attribution_cues().search(shown) is not None


def is_whole_sentence(shown: str) -> bool:
    """Starts with a capital or digit (after any opening quote) and ends a sentence."""
    return _WHOLE_SENTENCE.match(shown) is not None


# Zones whose sentences can become statements. Reader comments only when a spec asks, and
# then always labelled as such; captions, bios, bylines and furniture never.
CITABLE_ZONES = frozenset({Zone.BODY, Zone.NOTE})


def _actor_finder(actors: list[Actor]) -> Callable[[str], tuple[str, ...]]:
    """A function giving the ids of the actors a text names, in order of first mention."""
    id_of = {n: a.id for a in actors for n in (a.name, *a.aliases)}
    if not id_of:
        return lambda _text: ()
    names = sorted(id_of, key=len, reverse=True)
    rx = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")

    def find(text: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(id_of[m] for m in rx.findall(text)))

    return find


def summarize(document: Document, citable: frozenset[Zone] = CITABLE_ZONES) -> SourceSummary:
    """Draws actors, events and claims from a document's citable text, every one anchored.

    Actors come from body text only: names in notes are mostly cited authors, and names
    in reader comments are readers.
    """
    view = TextView(document.text)
    refs: list[tuple[SentenceRef, str, str, Zone]] = []  # ref, shown, masked, zone
    for paragraph in document.paragraphs:
        if paragraph.zone not in citable:
            continue
        for sentence in paragraph.sentences:
            raw = document.text[sentence.start : sentence.end]
            masked_raw = mask_references(raw)
            ref = SentenceRef(
                document.id,
                paragraph.number,
                sentence.start,
                masked_raw,
                None if masked_raw == raw else raw,
            )
            shown = view.shown(sentence.start, sentence.end)
            refs.append((ref, shown, mask_references(shown), paragraph.zone))
    actors = extract_actors([ref for ref, _, _, zone in refs if zone is Zone.BODY])
    find_actors = _actor_finder(actors)
    claims = []
    events = []
    reference: PartialDate | None = None  # the date the narrative last mentioned
    mentions: Counter[str] = Counter()  # the dates the body text refers to
    numeric_order = month_first(document.entry.csl.get("language"))
    # A news story's first sentences may be dated by its publication day (events.py).
    is_news = document.entry.csl.get("type") in NEWS_TYPES
    leads_left = LEAD_SENTENCES if is_news else 0
    last_paragraph = 0
    for index, (ref, shown, masked, zone) in enumerate(refs):
        if ref.paragraph > last_paragraph + 1:
            reference = None  # a narrative's reference date carries to the next paragraph only
        last_paragraph = ref.paragraph
        timexes = find_timexes(masked, document.date, reference, month_first=numeric_order)
        reference = next((t.date for t in reversed(timexes) if t.date.month), reference)
        if zone is Zone.BODY:
            mentions.update(t.date.iso() for t in timexes if is_point_date(masked, t))
        if not is_whole_sentence(shown):
            continue  # a fragment of a sentence a page break or an image cut in two
        if zone is Zone.NOTE and is_attribution(shown):
            continue
        end = ref.start + len(ref.raw)
        anchor = Anchor(
            ref.source, ref.paragraph, ref.start, end, document.text[ref.start : end], zone
        )
        if zone is Zone.COMMENT:
            shown = f"A reader commented: “{shown}”"
        participants = find_actors(masked)
        position = index / max(len(refs) - 1, 1)
        likelihood = find_likelihood(masked)
        claim = classify_claim(
            shown, anchor, position, len(participants), timexes, document.date, likelihood
        )
        if claim is not None:
            claims.append(claim)
        event = event_from(masked, shown, anchor, timexes, document.date, participants)
        if event is None and leads_left > 0 and zone is Zone.BODY and not timexes and document.date:
            event = lead_event(masked, shown, anchor, document.date, participants)
        if zone is Zone.BODY:
            leads_left -= 1
        if event is not None:
            events.append(event)
    return SourceSummary(
        source=document.id,
        actors=tuple(actors),  # extract_actors returns them in id order
        events=tuple(events),
        claims=tuple(claims),
        date_mentions=tuple(sorted(mentions.items())),
    )
