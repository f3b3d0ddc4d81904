"""Extract: one Document becomes a SourceSummary of actors, dated events and claims."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

from briefgen.core.timex import find_timexes, month_first
from briefgen.data import cue_pattern
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
from briefgen.extract.names import honorifics
from briefgen.extract.profiles import Span, descriptions, relations
from briefgen.extract.standalone import Named, Said, stand_alone
from briefgen.ingest import TextView
from briefgen.ingest.segment import CITATION_MARKER
from briefgen.model import (
    Actor,
    Anchor,
    Description,
    Document,
    PartialDate,
    Relation,
    SourceSummary,
    Zone,
)

__all__ = [
    "CITABLE_ZONES",
    "EXTRACTOR_VERSION",
    "is_whole_sentence",
    "mask_references",
    "summarize",
]

# Author-date references, "(Smith, 2021)", "(Doe & Roe, 2007; Lee, 2018)", "Khan (2022)":
# their names and years are the cited works', not actors or events of the story.
# "the International Crisis Group (2022)": the whole name of the cited author goes.
_AUTHOR_DATE = re.compile(
    r"\((?=[^()]*[A-Z])[^()]*\b(?:19|20)\d{2}[a-z]?(?:,? pp?\. ?\d+(?:[-–]\d+)?)?\)"
    r"|\b(?:[A-Z][\w’'-]+ ){0,3}[A-Z][\w’'-]+(?: (?:et al\.|& [A-Z][\w’'-]+))?"
    r" \((?:19|20)\d{2}[a-z]?\)"
)


def mask_references(text: str) -> str:
    """Blanks author-date references with spaces, keeping every offset in place."""
    return _AUTHOR_DATE.sub(lambda m: " " * len(m[0]), text)


# Bump when extraction changes what it produces: cached summaries carry this version.
# 6: editorial edits; 7-10: news furniture dropped (8: a dateline after a byline; 9: a news
# header starts a sentence; 10: after a headline, and photo credits; 11: a blog's stamp),
# questions no events.
EXTRACTOR_VERSION = "14"

# Closing quotes and brackets, and citation markers ("[7][8]", "[citation needed]", "¹²").
# A note number glued to the final stop ("army.14") is a marker too.
_WHOLE_SENTENCE = re.compile(
    rf"^[\W]*[A-Z0-9].*[.!?…](?:[”\"’')\]]|{CITATION_MARKER}|\[[a-z ]{{3,30}}\]"
    r"|(?<=[.!?”\"’)])\d{1,3})*$",
    re.S,
)


def is_attribution(shown: str) -> bool:
    """A note sentence that names where a fact came from rather than stating one."""
    return cue_pattern("note_attribution_cues").search(shown) is not None


def is_whole_sentence(shown: str) -> bool:
    """Starts with a capital or digit (after any opening quote) and ends a sentence."""
    return _WHOLE_SENTENCE.match(shown) is not None


# A line of a section says one thing: longer sentences are cut, the cut marked (timeline
# entries stay whole: shortening them is the template's business).
CLAIM_WORDS = 60

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


def _named_by_paragraph(actors: list[Actor]) -> dict[int, list[Named]]:
    """Each paragraph's actor mentions, for the antecedent of a pronoun opening a sentence."""
    named: dict[int, list[Named]] = defaultdict(list)
    for actor in actors:
        for mention in actor.mentions:
            named[mention.paragraph].append(Named(mention, actor.kind))
    return named


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
    named = _named_by_paragraph(actors)
    keep_upper = frozenset(
        n for a in actors for n in (a.name, *a.aliases) if n.isupper() and " " not in n
    )
    body = _Body.of(document, [ref for ref, _, _, zone in refs if zone is Zone.BODY])
    actors = _described(document, view, body, actors, named, keep_upper)
    links = _related(document, body, actors)
    before: list[Said] = []  # the sentences before this one in its paragraph
    claims = []
    events = []
    reference: PartialDate | None = None  # the date the narrative last mentioned
    told: PartialDate | None = None  # the latest date of the last sentence that stated one
    mentions: Counter[str] = Counter()  # the dates the body text refers to
    numeric_order = month_first(document.entry.csl.get("language"))
    # A news story's first sentences may be dated by its publication day (events.py).
    is_news = document.entry.csl.get("type") in NEWS_TYPES
    leads_left = LEAD_SENTENCES if is_news else 0
    last_paragraph = 0
    for index, (ref, shown, masked, zone) in enumerate(refs):
        if ref.paragraph > last_paragraph + 1:
            reference = None  # a narrative's reference date carries to the next paragraph only
        if ref.paragraph != last_paragraph:
            # A paragraph's first sentence may lean on the one that closed the paragraph
            # just before (news writes a paragraph per sentence); on nothing further back.
            before = before[-1:] if ref.paragraph == last_paragraph + 1 else []
        last_paragraph = ref.paragraph
        timexes = find_timexes(masked, document.date, reference, month_first=numeric_order)
        reference = next((t.date for t in reversed(timexes) if t.date.month), reference)
        if zone is Zone.BODY:
            mentions.update(t.date.iso() for t in timexes if is_point_date(masked, t))
        # How far the story had got: the last date the text stated before this sentence.
        narrative = told
        told = max((t.date for t in timexes), key=lambda d: d.sort_key(), default=told)
        if not is_whole_sentence(shown) or (zone is Zone.NOTE and is_attribution(shown)):
            # A fragment a page break or an image cut in two, or a note naming a source:
            # never quoted, so no sentence after it may lean on what came before it.
            before = []
            continue
        end = ref.start + len(ref.raw)
        anchor = Anchor(
            ref.source, ref.paragraph, ref.start, end, document.text[ref.start : end], zone
        )
        said = Said(shown, anchor)
        nearby = [*named.get(ref.paragraph - 1, ()), *named.get(ref.paragraph, ())]
        alone = stand_alone(said, before, nearby, keep_upper, zone is Zone.COMMENT)
        before.append(said)
        if alone is None:
            continue  # it leans on what comes before, and that cannot be quoted with it
        participants = find_actors(masked)
        position = index / max(len(refs) - 1, 1)
        likelihood = find_likelihood(masked)
        claim = classify_claim(
            shown, anchor, position, len(participants), timexes, document.date, likelihood
        )
        if claim is not None:
            cut = alone.shortened(CLAIM_WORDS)
            stated = min((t.date for t in timexes), key=lambda d: d.sort_key(), default=None)
            claims.append(
                replace(
                    claim,
                    text=cut.text,
                    quoting=cut.quoting,
                    date=stated,
                    narrative=stated or narrative,
                )
            )
        event = event_from(masked, shown, anchor, timexes, document.date, participants)
        if event is None and leads_left > 0 and zone is Zone.BODY and not timexes and document.date:
            event = lead_event(masked, shown, anchor, document.date, participants)
        if zone is Zone.BODY:
            leads_left -= 1
        if event is not None:
            events.append(replace(event, text=alone.text, quoting=alone.quoting))
    return SourceSummary(
        source=document.id,
        actors=tuple(actors),  # extract_actors returns them in id order
        events=tuple(events),
        claims=tuple(claims),
        date_mentions=tuple(sorted(mentions.items())),
        relations=links,
    )


# A profile needs one good description; a few per source let composition pick the best.
_DESCRIPTIONS_PER_SOURCE = 3


@dataclass(frozen=True)
class _Body:
    """A document's body sentences as spans, with what profiles need of them once."""

    spans: list[tuple[int, int]]
    starts: list[int]  # the spans' starts, in order
    paragraph_of: dict[int, int]  # a sentence's start -> its paragraph
    masked: str  # the document's text with author-date references blanked

    @staticmethod
    def of(document: Document, body: list[SentenceRef]) -> _Body:
        spans = [(ref.start, ref.start + len(ref.raw)) for ref in body]
        return _Body(
            spans,
            [start for start, _ in spans],
            {ref.start: ref.paragraph for ref in body},
            mask_references(document.text),
        )

    def paragraph(self, offset: int) -> int | None:
        """The paragraph of the body sentence holding `offset`, if one does."""
        index = bisect_right(self.starts, offset) - 1
        return self.paragraph_of[self.starts[index]] if index >= 0 else None


def _described(
    document: Document,
    view: TextView,
    body: _Body,
    actors: list[Actor],
    named: dict[int, list[Named]],
    keep_upper: frozenset[str],
) -> list[Actor]:
    """The actors with the words of this document that say what each one is."""
    found: dict[str, list[Description]] = defaultdict(list)
    sentence_ends = {end for _, end in body.spans}
    honorific = {h.casefold() for h in honorifics()}
    # A role read before or beside a name ("HF chief Ana Ruiz", "Ruiz, a top leader")
    # says who the actor is; an honorific alone ("Mullah Karim") does not.
    from_roles = [
        Span(
            actor.id,
            role.anchor.start,
            role.anchor.end,
            3 if _described_role(role.text) else 2,
            fragment=True,
        )
        for actor in actors
        for role in actor.roles
        if role.text.casefold() not in honorific
    ]
    for span in [*descriptions(body.masked, body.spans, actors), *from_roles]:
        paragraph = body.paragraph(span.start)  # of the sentence holding the span
        if paragraph is None:
            continue
        anchor = Anchor(
            document.id,
            paragraph,
            span.start,
            span.end,
            document.text[span.start : span.end],
        )
        shown = view.shown(span.start, span.end)
        if span.strength == 3:
            shown = shown.rstrip(" ,;")
        alone = stand_alone(Said(shown, anchor), (), named.get(anchor.paragraph, ()), keep_upper)
        whole = span.end in sentence_ends or span.fragment
        if alone is None or not whole or not alone.text[:1].isupper():
            continue
        found[span.actor].append(
            Description(alone.text, anchor, span.strength, alone.quoting.edits)
        )
    return [
        replace(
            actor,
            descriptions=tuple(
                sorted(found[actor.id], key=lambda d: (-d.strength, d.anchor.start))[
                    :_DESCRIPTIONS_PER_SOURCE
                ]
            ),
        )
        for actor in actors
    ]


def _described_role(role: str) -> bool:
    """A role in words ("a top HF leader", "HF chief"), not a bare title."""
    return any(word[:1].islower() for word in role.split())


def _related(document: Document, body: _Body, actors: list[Actor]) -> tuple[Relation, ...]:
    """The relations between actors this document states, each anchored to its sentence."""
    found = dict.fromkeys(
        Relation(
            link.kind,
            link.subject,
            link.object,
            Anchor(
                document.id,
                body.paragraph_of[link.start],
                link.start,
                link.end,
                document.text[link.start : link.end],
            ),
        )
        for link in relations(body.masked, body.spans, actors)
    )
    return tuple(found)
