"""Compose: merge the summaries of a spec's sources into one Brief for one audience.

Selection ranks claims by salience and fills each section's budget with Maximal Marginal
Relevance (Carbonell & Goldstein 1998): a claim too similar to one already chosen is not
added again but lends that statement its anchor, so the brief shows corroboration instead
of repeating itself. Events of the same day and type merge across sources the same way.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from briefgen.corroboration import DUPLICATE_SIMILARITY, contradiction, similarity
from briefgen.curation import Curation
from briefgen.model import (
    Anchor,
    Brief,
    BriefActor,
    Claim,
    Conflict,
    PartialDate,
    Section,
    SectionId,
    SourceEntry,
    SourceSummary,
    Statement,
    csl_issued,
)
from briefgen.names import titles
from briefgen.render_text import trim
from briefgen.roster import RosterEntry, build_roster
from briefgen.statement_ids import statement_id
from briefgen.timeline import NEGOTIATION_EVENTS, timeline_statements

__all__ = ["Budget", "compose_brief", "similarity"]

SECTION_TITLES = {
    SectionId.BACKGROUND: "Background",
    SectionId.ACTORS: "Actors",
    SectionId.NEGOTIATION_HISTORY: "Negotiation history",
    SectionId.OUTLOOK: "Outlook",
}


@dataclass(frozen=True)
class Budget:
    """How many statements each part of a brief may hold."""

    background: int = 12
    negotiation_claims: int = 7
    outlook: int = 12
    actors: int = 15
    timeline: int = 30


@dataclass
class _Pick:
    """A selected claim with the anchors that corroborate or contradict it."""

    claim: Claim
    anchors: list[Anchor]
    conflicts: list[Conflict]


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
            if claim.anchor.source not in {a.source for a in twin.anchors}:
                twin.anchors.append(claim.anchor)
            continue
        if len(chosen) < limit and used[claim.anchor.source] < per_source:
            used[claim.anchor.source] += 1
            chosen.append(_Pick(claim, [claim.anchor], []))
    for pick in chosen:
        for other in everything:
            if other.anchor.source == pick.claim.anchor.source or other.anchor in pick.anchors:
                continue
            reason = contradiction(
                pick.claim.text, other.text, pick.claim.likelihood, other.likelihood
            )
            if reason is not None and len(pick.conflicts) < 2:
                pick.anchors.append(other.anchor)
                pick.conflicts.append(Conflict(f"{reason}: “{trim(other.text, 30)}”", other.anchor))
    return chosen


def _claim_statements(
    claims: list[Claim], limit: int, order: dict[str, int], prefix: str, everything: list[Claim]
) -> list[Statement]:
    selected = _select(claims, limit, everything)
    # Read in source order (oldest source first), then in each source's own order.
    selected.sort(key=lambda p: (order[p.claim.anchor.source], p.claim.anchor.start))
    return [
        Statement(
            id=statement_id(prefix, pick.claim.anchor),
            text=trim(pick.claim.text),
            citations=tuple(pick.anchors),
            likelihood=pick.claim.likelihood,
            conflicts=tuple(pick.conflicts),
        )
        for pick in selected
    ]


def _actor_statement(entry: RosterEntry, total_sources: int) -> Statement | None:
    """'Name (also A, B), person: role; role. Named N times in M of K sources.'

    Anchored to the role evidence, to where the name is defined, or (for an actor several
    sources name) to its first mention. Others are left to the JSON export's actor list.
    """
    actor = entry.actor
    title_set = set(titles())
    roles = [r for r in dict.fromkeys(r.text for r in actor.roles) if r not in title_set]
    if roles:
        anchors = tuple(dict.fromkeys(r.anchor for r in actor.roles if r.text in roles))[:3]
    else:
        # Where the name is defined ("Long Name (LN)"), or for an actor several sources
        # name, where it is first named.
        definitions = [m for m in actor.mentions if "(" in m.quote]
        if entry.sources >= 2 and actor.mentions:
            definitions = definitions or sorted(actor.mentions, key=lambda m: m.source)[:1]
        if not definitions or actor.name in title_set:
            return None
        anchors = (definitions[0],)
    also = f" (also {', '.join(actor.aliases[:4])})" if actor.aliases else ""
    described = f": {'; '.join(roles[:3])}" if roles else ""
    times = "once" if entry.mentions == 1 else f"{entry.mentions} times"
    spread = f"Named {times} in {entry.sources} of {total_sources} sources."
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
    curation: Curation | None = None,
) -> tuple[Brief, list[str]]:
    """The brief for one audience from its sources' summaries, every statement anchored,
    and the warnings composing it raised (stale curation entries)."""
    budget = budget or Budget()
    order = {
        entry.id: i for i, entry in enumerate(sorted(sources, key=lambda e: (_date_key(e), e.id)))
    }
    claims = [c for s in summaries for c in s.claims]
    by_section: dict[SectionId, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_section[claim.section].append(claim)
    timeline = timeline_statements([e for s in summaries for e in s.events], as_of, budget.timeline)
    negotiation_timeline = [st for st in timeline if st.kind in NEGOTIATION_EVENTS]
    taken = {a for st in negotiation_timeline for a in st.citations}
    negotiation_claims = [
        c for c in by_section[SectionId.NEGOTIATION_HISTORY] if c.anchor not in taken
    ]
    roster, warnings = build_roster(summaries, curation or Curation())
    actor_statements = [
        s for entry in roster if (s := _actor_statement(entry, len(sources))) is not None
    ]

    def claim_section(section: SectionId, pool: list[Claim], limit: int, prefix: str) -> Section:
        statements = _claim_statements(pool, limit, order, prefix, claims)
        return Section(section, SECTION_TITLES[section], tuple(statements))

    sections = (
        claim_section(
            SectionId.BACKGROUND, by_section[SectionId.BACKGROUND], budget.background, "bg"
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
            + tuple(
                _claim_statements(
                    negotiation_claims, budget.negotiation_claims, order, "ng", claims
                )
            ),
        ),
        claim_section(SectionId.OUTLOOK, by_section[SectionId.OUTLOOK], budget.outlook, "ol"),
    )
    brief_actors = tuple(
        BriefActor(
            id=entry.actor.id,
            name=entry.actor.name,
            kind=entry.actor.kind,
            aliases=entry.actor.aliases,
            roles=tuple(dict.fromkeys(r.text for r in entry.actor.roles)),
            citations=tuple(
                dict.fromkeys(
                    [r.anchor for r in entry.actor.roles] + list(entry.actor.mentions[:1])
                )
            ),
            mentions=entry.mentions,
            sources=entry.sources,
        )
        for entry in roster
        if entry.actor.mentions or entry.actor.roles
    )
    brief = Brief(
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
    return brief, warnings


def _date_key(entry: SourceEntry) -> tuple[int, int, int]:
    date = csl_issued(entry.csl)
    return date.sort_key() if date else (9999, 0, 0)
