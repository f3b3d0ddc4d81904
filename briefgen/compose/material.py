"""Compose: merge the summaries of a spec's sources into the ranked material of every
section, which each audience's layout then cuts (compose/tailor.py).

Selection ranks claims by salience and fills each section's budget with Maximal Marginal
Relevance (Carbonell & Goldstein 1998): a claim too similar to one already chosen is not
added again but lends that statement its anchor, so the brief shows corroboration instead
of repeating itself. Events of the same day and type merge across sources the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.compose.background import story
from briefgen.compose.corroboration import similarity
from briefgen.compose.roster import RosterEntry, build_roster, roster_relations
from briefgen.compose.selection import claim_statements
from briefgen.compose.statement_ids import statement_id
from briefgen.compose.tailor import (
    DEFAULT_TIMELINE,
    Layout,
    Material,
    chronological,
    tailor_brief,
)
from briefgen.compose.timeline import (
    NEGOTIATION_EVENTS,
    about_negotiation,
    date_evidence,
    timeline_statements,
)
from briefgen.core.parallel import in_background
from briefgen.extract.names import honorifics
from briefgen.model import (
    ActorRelation,
    Brief,
    BriefActor,
    Claim,
    PartialDate,
    SectionId,
    SourceEntry,
    SourceSummary,
    Statement,
    csl_issued,
)
from briefgen.workspace.curation import Curation

__all__ = ["Budget", "compose_brief", "compose_material", "similarity"]

# The best-ranked events a brief not about a negotiation tells in its bottom line (the
# latest first): about as many as a negotiation brief's best entries hold milestones.
_DEVELOPMENTS = 10


@dataclass(frozen=True)
class Budget:
    """How many statements each part of a brief may hold."""

    background: int = 12
    negotiation_claims: int = 7
    outlook: int = 12
    actors: int = 15
    timeline: int | None = None  # every event, ranked; audiences cut (tailor.py)


def _description(entry: RosterEntry) -> Statement | None:
    """What the sources say the actor is, as a statement: the strongest form (an
    appositive, then a definition, ...), one with the actor's whole name before one with
    part of it, then the shortest; None if no source says."""
    name = entry.actor.name.casefold()
    found = sorted(
        entry.actor.descriptions,
        key=lambda d: (
            -d.strength,
            name not in d.text.casefold(),
            len(d.text),
            d.anchor.source,
            d.anchor.start,
        ),
    )
    if not found:
        return None
    best = found[0]
    return Statement(
        id=statement_id("ac", best.anchor),
        text=best.text,
        citations=(best.anchor,),
        edits=best.edits,
        participants=(entry.actor.id,),
    )


def compose_material(
    *,
    brief_id: str,
    title: str,
    subtitle: str,
    as_of: PartialDate,
    sources: list[SourceEntry],
    summaries: list[SourceSummary],
    budget: Budget | None = None,
    curation: Curation | None = None,
    keywords: Sequence[str] = (),
    timeline_from: PartialDate | None = None,
) -> tuple[Material, list[str]]:
    """The ranked candidates of every section, each anchored, and the warnings composing
    them raised (stale curation entries). The timeline holds every event, ranked: each
    audience keeps as many as its budget says; `keywords` (and the title) are its focus;
    events certainly before `timeline_from` are left to the background."""
    budget = budget or Budget()
    order = {
        entry.id: i for i, entry in enumerate(sorted(sources, key=lambda e: (_date_key(e), e.id)))
    }
    claims = [c for s in summaries for c in s.claims]
    by_section: dict[SectionId, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_section[claim.section].append(claim)
    issued = {entry.id: csl_issued(entry.csl) for entry in sources}

    def ranked_timeline() -> list[Statement]:
        evidence = date_evidence(
            ((s.source, issued.get(s.source), s.date_mentions) for s in summaries),
            focus=(title, *keywords),
        )
        events = [e for s in summaries for e in s.events]
        return timeline_statements(events, as_of, budget.timeline, evidence, since=timeline_from)

    def picks(pool: list[Claim], limit: int, prefix: str) -> list[Statement]:
        return claim_statements(pool, limit, prefix, claims)

    # The timeline does not depend on the actors or the story: on a large corpus each
    # takes a good part of a second, so it is ranked on another core meanwhile.
    with in_background(ranked_timeline) as timeline_ranked:
        roster, warnings = build_roster(summaries, curation or Curation())
        relations = roster_relations(roster, summaries)
        names = {entry.actor.id: entry.actor.name for entry in roster}
        profiles = [
            _brief_actor(entry, rank, relations.get(entry.actor.id, ()), names)
            for rank, entry in enumerate(roster, start=1)
            if entry.actor.mentions or entry.actor.roles
        ]
        told = story(by_section, budget.background, claims, as_of, focus=(title, *keywords))
        outlook = picks(by_section[SectionId.OUTLOOK], budget.outlook, "ol")
        timeline = timeline_ranked()
    # The actors that matter most, each with what the sources say it is; the others are
    # listed in the index of actors.
    actor_statements = [a.description for a in profiles if a.description is not None]
    background = list(told.statements)
    # The milestones the sections tell are among the best-ranked entries, as an edition
    # keeps by default; the rest stay on the timeline only. A brief about something else
    # has none (its typed talks and releases are too often a press conference or a
    # report released): its bottom line tells its best-ranked events.
    best = timeline[:DEFAULT_TIMELINE]
    if about_negotiation((title, *keywords)):
        milestones = [st for st in best if st.kind in NEGOTIATION_EVENTS]
        developments, timeline_order = milestones, _milestones_first(timeline)
    else:
        milestones, developments, timeline_order = [], best[:_DEVELOPMENTS], timeline
    taken = {st.anchor for st in milestones}  # the passages the milestones quote
    negotiation_claims = [
        c for c in by_section[SectionId.NEGOTIATION_HISTORY] if c.anchor not in taken
    ]
    negotiation = picks(negotiation_claims, budget.negotiation_claims, "ng")
    judgments = _key_judgments(outlook)
    ranked = {
        SectionId.BOTTOM_LINE: tuple(_interleave(_latest_first(developments), judgments)),
        SectionId.KEY_JUDGMENTS: tuple(judgments),
        SectionId.BACKGROUND: tuple(background),
        SectionId.ACTORS: tuple(actor_statements[: budget.actors]),
        SectionId.TIMELINE: tuple(timeline_order),
        SectionId.NEGOTIATION_HISTORY: tuple(_interleave(milestones, negotiation)),
        SectionId.OUTLOOK: tuple(outlook),
    }
    reading = {
        st.id: (order.get(st.anchor.source, len(order)), st.anchor.start)
        for pool in ranked.values()
        for st in pool
    }
    # The background is read in the order of its story, whatever the sources' order.
    reading.update({sid: (place, 0) for sid, place in told.place.items()})
    material = Material(
        brief_id=brief_id,
        title=title,
        subtitle=subtitle,
        as_of=as_of,
        sources=tuple(sorted(sources, key=lambda e: e.id)),
        ranked=ranked,
        reading=reading,
        actors=tuple(profiles),
        timeline=tuple(sorted(timeline, key=chronological)),
    )
    return material, warnings


def _key_judgments(outlook: list[Statement]) -> list[Statement]:
    """Outlook statements as key judgments: named likelihoods first, then the better
    corroborated, otherwise in salience order."""
    rank = {st.id: i for i, st in enumerate(outlook)}
    return sorted(outlook, key=lambda st: (st.likelihood is None, -st.support, rank[st.id]))


def _latest_first(statements: list[Statement]) -> list[Statement]:
    return sorted(statements, key=chronological, reverse=True)


def _milestones_first(timeline: list[Statement]) -> list[Statement]:
    """A short timeline shows negotiation milestones before other events, the better
    corroborated first, then the latest (the sort is stable)."""
    return sorted(
        _latest_first(timeline), key=lambda st: (st.kind not in NEGOTIATION_EVENTS, -st.support)
    )


def _interleave(first: list[Statement], second: list[Statement]) -> list[Statement]:
    """first[0], second[0], first[1], ...: the bottom line alternates where things stand
    (the latest milestones) with where they are going (the leading judgments)."""
    merged: list[Statement] = []
    for index in range(max(len(first), len(second))):
        merged.extend(pool[index] for pool in (first, second) if index < len(pool))
    return merged


# Positions a relation states ("Ana Ruiz, who has led the HF" makes her its leader).
_RELATION_ROLES = {"leads": "leader of", "founded": "founder of"}


def _brief_actor(
    entry: RosterEntry,
    rank: int,
    relations: tuple[ActorRelation, ...],
    names: dict[str, str],
) -> BriefActor:
    actor = entry.actor
    paragraphs: dict[str, set[int]] = defaultdict(set)
    for mention in actor.mentions:
        paragraphs[mention.source].add(mention.paragraph)
    honorific = {h.casefold() for h in honorifics()}
    said = list(dict.fromkeys(r.text for r in actor.roles))
    positions = [r for r in said if r.casefold() not in honorific]
    # The same position said twice ("HF chief", "the HF's chief") is listed once.
    positions += [
        f"{_RELATION_ROLES[r.kind]} {names[r.actor]}"
        for r in relations
        if r.kind in _RELATION_ROLES and r.actor in names
    ]
    roles = [
        r for r in positions if not any(r != o and r.casefold() in o.casefold() for o in positions)
    ]
    description = _description(entry)
    return BriefActor(
        id=actor.id,
        name=actor.name,
        kind=actor.kind,
        aliases=actor.aliases,
        roles=tuple(roles),
        titles=tuple(r for r in said if r.casefold() in honorific),
        citations=tuple(
            dict.fromkeys(
                ([description.citations[0]] if description else [])
                + [r.anchor for r in actor.roles]
                + list(actor.mentions[:1])
            )
        ),
        mentions=entry.mentions,
        sources=entry.sources,
        appearances=tuple((s, tuple(sorted(p))) for s, p in sorted(paragraphs.items())),
        description=description,
        relations=relations,
        rank=rank,
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
    curation: Curation | None = None,
    layout: Layout | None = None,
) -> tuple[Brief, list[str]]:
    """The brief for one audience (the full layout unless one is given), every statement
    anchored, and the warnings composing it raised."""
    material, warnings = compose_material(
        brief_id=brief_id,
        title=title,
        subtitle=subtitle,
        as_of=as_of,
        sources=sources,
        summaries=summaries,
        budget=budget,
        curation=curation,
    )
    return tailor_brief(material, audience, layout or Layout()), warnings


def _date_key(entry: SourceEntry) -> tuple[int, int, int]:
    date = csl_issued(entry.csl)
    return date.sort_key() if date else (9999, 0, 0)
