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
from dataclasses import dataclass, field

from briefgen.compose.corroboration import DUPLICATE_SIMILARITY, contradiction, similarity
from briefgen.compose.roster import RosterEntry, build_roster, roster_relations
from briefgen.compose.statement_ids import statement_id
from briefgen.compose.statement_text import trim
from briefgen.compose.tailor import (
    DEFAULT_TIMELINE,
    Layout,
    Material,
    chronological,
    tailor_brief,
)
from briefgen.compose.timeline import NEGOTIATION_EVENTS, date_evidence, timeline_statements
from briefgen.extract.names import honorifics
from briefgen.model import (
    ActorRelation,
    Anchor,
    Brief,
    BriefActor,
    Claim,
    Conflict,
    PartialDate,
    SectionId,
    SourceEntry,
    SourceSummary,
    Statement,
    csl_issued,
)
from briefgen.workspace.curation import Curation

__all__ = ["Budget", "compose_brief", "compose_material", "similarity"]


@dataclass(frozen=True)
class Budget:
    """How many statements each part of a brief may hold."""

    background: int = 12
    negotiation_claims: int = 7
    outlook: int = 12
    actors: int = 15
    timeline: int | None = None  # every event, ranked; audiences cut (tailor.py)


@dataclass
class _Pick:
    """A selected claim with the anchors that corroborate or contradict it."""

    claim: Claim
    anchors: list[Anchor]
    conflicts: list[Conflict]
    # Sets beside the list: a claim many sources repeat has thousands of anchors, and
    # scanning the list for every other claim made the selection quadratic.
    cited: set[Anchor] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)

    def cite(self, anchor: Anchor) -> None:
        self.anchors.append(anchor)
        self.cited.add(anchor)
        self.sources.add(anchor.source)


def _select(claims: list[Claim], limit: int, everything: list[Claim]) -> list[_Pick]:
    """Top claims by salience (MMR): near-duplicates fold into the first as extra anchors,
    and claims elsewhere in the sources that contradict a pick are attached to it.

    No source may fill more than a fair share of a section, so one long report cannot
    crowd out the others.
    """
    sources = {c.anchor.source for c in claims}
    per_source = max(2, -(-limit // max(len(sources), 1)) + 1)
    used: dict[str, int] = defaultdict(int)
    chosen: list[_Pick] = []
    for claim in sorted(claims, key=lambda c: (-c.score, c.anchor.source, c.anchor.start)):
        twin = next(
            (p for p in chosen if similarity(p.claim.text, claim.text) >= DUPLICATE_SIMILARITY),
            None,
        )
        if twin is not None:
            if claim.anchor.source not in twin.sources:
                twin.cite(claim.anchor)
            continue
        if len(chosen) < limit and used[claim.anchor.source] < per_source:
            used[claim.anchor.source] += 1
            pick = _Pick(claim, [], [])
            for anchor in claim.quoted():  # the quoted sentences first, then antecedents
                pick.cite(anchor)
            chosen.append(pick)
    for pick in chosen:
        for other in everything:
            if other.anchor.source == pick.claim.anchor.source or other.anchor in pick.cited:
                continue
            reason = contradiction(
                pick.claim.text, other.text, pick.claim.likelihood, other.likelihood
            )
            if reason is not None and len(pick.conflicts) < 2:
                pick.cite(other.anchor)
                pick.conflicts.append(Conflict(f"{reason}: “{trim(other.text, 30)}”", other.anchor))
    return chosen


def _claim_statements(
    claims: list[Claim], limit: int, prefix: str, everything: list[Claim]
) -> list[Statement]:
    """The selected claims as statements, best first."""
    return [
        Statement(
            id=statement_id(prefix, pick.claim.anchor),
            text=pick.claim.text,
            citations=tuple(pick.anchors),
            edits=pick.claim.quoting.edits,
            quoted=len(pick.claim.quoting.lead) + 1,
            likelihood=pick.claim.likelihood,
            conflicts=tuple(pick.conflicts),
        )
        for pick in _select(claims, limit, everything)
    ]


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
) -> tuple[Material, list[str]]:
    """The ranked candidates of every section, each anchored, and the warnings composing
    them raised (stale curation entries). The timeline holds every event, ranked: each
    audience keeps as many as its budget says; `keywords` (and the title) are its focus."""
    budget = budget or Budget()
    order = {
        entry.id: i for i, entry in enumerate(sorted(sources, key=lambda e: (_date_key(e), e.id)))
    }
    claims = [c for s in summaries for c in s.claims]
    by_section: dict[SectionId, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_section[claim.section].append(claim)
    issued = {entry.id: csl_issued(entry.csl) for entry in sources}
    evidence = date_evidence(
        ((s.source, issued.get(s.source), s.date_mentions) for s in summaries),
        focus=(title, *keywords),
    )
    timeline = timeline_statements(
        [e for s in summaries for e in s.events], as_of, budget.timeline, evidence
    )
    # The milestones the sections tell are among the best-ranked entries, as an edition
    # keeps by default; the rest stay on the timeline only.
    milestones = [st for st in timeline[:DEFAULT_TIMELINE] if st.kind in NEGOTIATION_EVENTS]
    taken = {st.anchor for st in milestones}  # the passages the milestones quote
    negotiation_claims = [
        c for c in by_section[SectionId.NEGOTIATION_HISTORY] if c.anchor not in taken
    ]
    roster, warnings = build_roster(summaries, curation or Curation())
    relations = roster_relations(roster, summaries)
    profiles = [
        _brief_actor(entry, rank, relations.get(entry.actor.id, ()))
        for rank, entry in enumerate(roster, start=1)
        if entry.actor.mentions or entry.actor.roles
    ]
    # The actors that matter most, each with what the sources say it is; the others are
    # listed in the index of actors.
    actor_statements = [a.description for a in profiles if a.description is not None]

    def picks(pool: list[Claim], limit: int, prefix: str) -> list[Statement]:
        return _claim_statements(pool, limit, prefix, claims)

    background = picks(by_section[SectionId.BACKGROUND], budget.background, "bg")
    negotiation = picks(negotiation_claims, budget.negotiation_claims, "ng")
    outlook = picks(by_section[SectionId.OUTLOOK], budget.outlook, "ol")
    judgments = _key_judgments(outlook)
    ranked = {
        SectionId.BOTTOM_LINE: tuple(_interleave(_latest_first(milestones), judgments)),
        SectionId.KEY_JUDGMENTS: tuple(judgments),
        SectionId.BACKGROUND: tuple(background),
        SectionId.ACTORS: tuple(actor_statements[: budget.actors]),
        SectionId.TIMELINE: tuple(_milestones_first(timeline)),
        SectionId.NEGOTIATION_HISTORY: tuple(_interleave(milestones, negotiation)),
        SectionId.OUTLOOK: tuple(outlook),
    }
    reading = {
        st.id: (order.get(st.anchor.source, len(order)), st.anchor.start)
        for pool in ranked.values()
        for st in pool
    }
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


def _brief_actor(entry: RosterEntry, rank: int, relations: tuple[ActorRelation, ...]) -> BriefActor:
    actor = entry.actor
    paragraphs: dict[str, set[int]] = defaultdict(set)
    for mention in actor.mentions:
        paragraphs[mention.source].add(mention.paragraph)
    honorific = {h.casefold() for h in honorifics()}
    said = list(dict.fromkeys(r.text for r in actor.roles))
    positions = [r for r in said if r.casefold() not in honorific]
    # The same position said twice ("TTP chief", "the TTP's chief") is listed once.
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
