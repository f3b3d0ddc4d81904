"""Compose: merge the summaries of a spec's sources into one Brief for one audience.

Selection ranks claims by salience and fills each section's budget with Maximal Marginal
Relevance (Carbonell & Goldstein 1998): a claim too similar to one already chosen is not
added again but lends that statement its anchor, so the brief shows corroboration instead
of repeating itself. Events of the same day and type merge across sources the same way.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass

from briefgen.model import (
    Actor,
    Anchor,
    Brief,
    BriefActor,
    Claim,
    Event,
    PartialDate,
    Section,
    SectionId,
    SourceEntry,
    SourceSummary,
    Statement,
    csl_issued,
)
from briefgen.names import name_key, titles

SECTION_TITLES = {
    SectionId.BACKGROUND: "Background",
    SectionId.ACTORS: "Actors",
    SectionId.NEGOTIATION_HISTORY: "Negotiation history",
    SectionId.OUTLOOK: "Outlook",
}
NEGOTIATION_EVENTS = frozenset({"talks", "ceasefire", "agreement", "breakdown", "prisoner_release"})


@dataclass(frozen=True)
class Budget:
    """How many statements each part of a brief may hold."""

    background: int = 10
    negotiation_claims: int = 8
    outlook: int = 10
    actors: int = 12
    timeline: int = 30


_TOKEN = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "and",
        "or",
        "for",
        "on",
        "with",
        "by",
        "as",
        "at",
        "from",
        "that",
        "this",
        "is",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "their",
        "they",
        "which",
        "who",
        "not",
        "but",
        "also",
    ]
)
DUPLICATE_SIMILARITY = 0.5


def _tokens(text: str) -> frozenset[str]:
    return frozenset(t for t in _TOKEN.findall(text.lower()) if t not in _STOP)


def similarity(a: str, b: str) -> float:
    """Jaccard overlap of content words: 1 for the same words, 0 for none shared."""
    ta, tb = _tokens(a), _tokens(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def statement_id(prefix: str, anchor: Anchor) -> str:
    """A stable id from a statement's first anchor: equal inputs give equal ids."""
    digest = hashlib.sha1(
        f"{anchor.source}:{anchor.start}:{anchor.end}".encode(), usedforsecurity=False
    ).hexdigest()
    return f"{prefix}-{digest[:10]}"


def _select(claims: list[Claim], limit: int) -> list[tuple[Claim, list[Anchor]]]:
    """Top claims by salience, near-duplicates folded into the first as extra anchors.

    No source may fill more than a fair share of a section, so one long report cannot
    crowd out the others.
    """
    sources = {c.anchor.source for c in claims}
    per_source = max(2, -(-limit // max(len(sources), 1)) + 1)
    used: dict[str, int] = defaultdict(int)
    chosen: list[tuple[Claim, list[Anchor]]] = []
    for claim in sorted(claims, key=lambda c: (-c.score, c.anchor.source, c.anchor.start)):
        twin = next(
            (
                pair
                for pair in chosen
                if similarity(pair[0].text, claim.text) >= DUPLICATE_SIMILARITY
            ),
            None,
        )
        if twin is not None:
            if claim.anchor.source not in {a.source for a in twin[1]}:
                twin[1].append(claim.anchor)
            continue
        if len(chosen) < limit and used[claim.anchor.source] < per_source:
            used[claim.anchor.source] += 1
            chosen.append((claim, [claim.anchor]))
    return chosen


def _trim(text: str, max_words: int = 60) -> str:
    words = text.split()
    return text if len(words) <= max_words else " ".join(words[:max_words]) + " …"


def _claim_statements(
    claims: list[Claim], limit: int, order: dict[str, int], prefix: str
) -> list[Statement]:
    selected = _select(claims, limit)
    # Read in source order (oldest source first), then in each source's own order.
    selected.sort(key=lambda p: (order[p[0].anchor.source], p[0].anchor.start))
    return [
        Statement(
            id=statement_id(prefix, claim.anchor), text=_trim(claim.text), citations=tuple(anchors)
        )
        for claim, anchors in selected
    ]


def _timeline(events: list[Event], as_of: PartialDate, limit: int) -> list[Statement]:
    merged: list[tuple[Event, list[Anchor]]] = []
    for event in sorted(events, key=lambda e: (e.date.sort_key(), e.anchor.source)):
        if event.date.sort_key() > as_of.sort_key():
            continue
        twin = next(
            (
                pair
                for pair in merged
                if pair[0].date == event.date
                and pair[0].kind == event.kind
                and similarity(pair[0].text, event.text) >= 0.2
            ),
            None,
        )
        if twin is not None:
            if event.anchor not in twin[1]:
                twin[1].append(event.anchor)
            continue
        merged.append((event, [event.anchor]))
    # Keep the best-corroborated, then the most precisely dated, within the budget.
    ranked = sorted(
        merged,
        key=lambda p: (
            -len(p[1]),
            p[0].kind not in NEGOTIATION_EVENTS,
            p[0].date.precision == "year",
        ),
    )[:limit]
    ranked.sort(key=lambda p: (p[0].date.sort_key(), p[0].anchor.source, p[0].anchor.start))
    return [
        Statement(
            id=statement_id("ev", event.anchor),
            text=_trim(event.text, 45),
            citations=tuple(anchors),
            date=event.date,
        )
        for event, anchors in ranked
    ]


def _merge_actors(summaries: list[SourceSummary]) -> list[tuple[Actor, int, int]]:
    """Actors merged across sources by name key or shared alias: (actor, sources, mentions)."""
    groups: dict[str, list[Actor]] = {}
    key_of: dict[str, str] = {}
    for summary in summaries:
        for actor in summary.actors:
            keys = [name_key(n) for n in (actor.name, *actor.aliases)]
            group = next((key_of[k] for k in keys if k in key_of), None) or keys[0]
            groups.setdefault(group, []).append(actor)
            for k in keys:
                key_of.setdefault(k, group)
    merged = []
    for members in groups.values():
        best = max(members, key=lambda a: (len(a.mentions), len(a.name)))
        names = {n for a in members for n in (a.name, *a.aliases)} - {best.name}
        roles = tuple(r for a in members for r in a.roles)
        mentions = tuple(m for a in members for m in a.mentions)
        kinds: dict[str, int] = defaultdict(int)
        for a in members:
            kinds[a.kind] += len(a.mentions)
        actor = Actor(
            id=best.id,
            name=best.name,
            kind=max(kinds, key=lambda k: (kinds[k], k)),
            aliases=tuple(sorted(names)),
            roles=roles,
            mentions=mentions,
        )
        merged.append((actor, len({m.source for m in mentions}), len(mentions)))
    merged.sort(key=lambda t: (-t[1], -t[2], t[0].name))
    return merged


def _actor_statement(actor: Actor, source_count: int, total_sources: int) -> Statement | None:
    """'Name (also A, B), person: role; role. Named in N of M sources.'

    Anchored to the role evidence, or for an organisation to where its name is defined.
    An actor with neither is left to the JSON export's actor list.
    """
    title_set = set(titles())
    roles = [r for r in dict.fromkeys(r.text for r in actor.roles) if r not in title_set]
    if roles:
        anchors = tuple(dict.fromkeys(r.anchor for r in actor.roles if r.text in roles))[:3]
    else:
        definitions = [m for m in actor.mentions if "(" in m.quote]
        if not definitions or actor.name in title_set:
            return None
        anchors = (definitions[0],)
    also = f" (also {', '.join(actor.aliases[:4])})" if actor.aliases else ""
    described = f": {'; '.join(roles[:3])}" if roles else ""
    spread = f"Named in {source_count} of {total_sources} sources."
    return Statement(
        id=statement_id("ac", anchors[0]),
        text=f"{actor.name}{also}, {actor.kind}{described}. {spread}",
        citations=anchors,
    )


def compose_brief(
    *,
    brief_id: str,
    title: str,
    subtitle: str,
    audience: str,
    as_of: PartialDate,
    sources: list[SourceEntry],
    summaries: list[SourceSummary],
    budget: Budget | None = None,
) -> Brief:
    """The brief for one audience from its sources' summaries, every statement anchored."""
    budget = budget or Budget()
    order = {
        entry.id: i for i, entry in enumerate(sorted(sources, key=lambda e: (_date_key(e), e.id)))
    }
    claims = [c for s in summaries for c in s.claims]
    by_section: dict[SectionId, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_section[claim.section].append(claim)
    timeline = _timeline([e for s in summaries for e in s.events], as_of, budget.timeline)
    negotiation_timeline = [
        st
        for st in timeline
        if any(
            e.kind in NEGOTIATION_EVENTS and e.anchor == st.citations[0]
            for s in summaries
            for e in s.events
        )
    ]
    taken = {a for st in negotiation_timeline for a in st.citations}
    negotiation_claims = [
        c for c in by_section[SectionId.NEGOTIATION_HISTORY] if c.anchor not in taken
    ]
    actors = _merge_actors(summaries)
    actor_statements = [
        s for a, count, _ in actors if (s := _actor_statement(a, count, len(sources))) is not None
    ]
    sections = (
        Section(
            SectionId.BACKGROUND,
            SECTION_TITLES[SectionId.BACKGROUND],
            tuple(
                _claim_statements(by_section[SectionId.BACKGROUND], budget.background, order, "bg")
            ),
        ),
        Section(
            SectionId.ACTORS,
            SECTION_TITLES[SectionId.ACTORS],
            tuple(actor_statements[: budget.actors]),
        ),
        Section(
            SectionId.NEGOTIATION_HISTORY,
            SECTION_TITLES[SectionId.NEGOTIATION_HISTORY],
            tuple(negotiation_timeline)
            + tuple(_claim_statements(negotiation_claims, budget.negotiation_claims, order, "ng")),
        ),
        Section(
            SectionId.OUTLOOK,
            SECTION_TITLES[SectionId.OUTLOOK],
            tuple(_claim_statements(by_section[SectionId.OUTLOOK], budget.outlook, order, "ol")),
        ),
    )
    brief_actors = tuple(
        BriefActor(
            id=actor.id,
            name=actor.name,
            kind=actor.kind,
            aliases=actor.aliases,
            roles=tuple(dict.fromkeys(r.text for r in actor.roles)),
            citations=tuple(
                dict.fromkeys([r.anchor for r in actor.roles] + list(actor.mentions[:1]))
            ),
        )
        for actor, _, _ in actors
        if actor.mentions or actor.roles
    )
    return Brief(
        id=brief_id,
        title=title,
        subtitle=subtitle,
        audience=audience,
        as_of=as_of,
        sources=tuple(sorted(sources, key=lambda e: e.id)),
        sections=sections,
        actors=brief_actors,
        timeline=tuple(timeline),
    )


def _date_key(entry: SourceEntry) -> tuple[int, int, int]:
    date = csl_issued(entry.csl)
    return date.sort_key() if date else (9999, 0, 0)
