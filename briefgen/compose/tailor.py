"""Tailor: one audience's cut of the brief material, by its layout and length budget.

Every audience draws from the same ranked candidates, so a statement keeps its id in
every edition and a line of the policymaker brief can be found in the analyst brief. A
statement appears once per brief: a section takes the best candidates that no earlier
section of the layout has shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from briefgen.model import (
    Brief,
    BriefActor,
    LeftOut,
    PartialDate,
    Section,
    SectionId,
    SourceEntry,
    Statement,
)

SECTION_TITLES = {
    SectionId.BOTTOM_LINE: "Bottom line",
    SectionId.KEY_JUDGMENTS: "Key judgments",
    SectionId.BACKGROUND: "Background",
    SectionId.ACTORS: "Actors",
    SectionId.TIMELINE: "Timeline",
    SectionId.NEGOTIATION_HISTORY: "Negotiation history",
    SectionId.OUTLOOK: "Outlook",
}

# Sections shown most important first; the others in the order the sources tell them.
_BY_RANK = frozenset({SectionId.BOTTOM_LINE, SectionId.KEY_JUDGMENTS, SectionId.ACTORS})

FULL_LAYOUT = (
    SectionId.BACKGROUND,
    SectionId.ACTORS,
    SectionId.TIMELINE,
    SectionId.NEGOTIATION_HISTORY,
    SectionId.OUTLOOK,
)


@dataclass(frozen=True)
class Material:
    """Everything a brief may say, ranked: each audience's layout takes its share from here.

    `ranked` holds each section's candidates best first; `reading` is where a statement
    sits in reading order (sources oldest first, then each source's own order).
    """

    brief_id: str
    title: str
    subtitle: str
    as_of: PartialDate
    sources: tuple[SourceEntry, ...]
    ranked: Mapping[SectionId, tuple[Statement, ...]]
    reading: Mapping[str, tuple[int, int]]
    actors: tuple[BriefActor, ...]
    timeline: tuple[Statement, ...]
    left_out: tuple[LeftOut, ...] = ()  # sources that could not be read or summarised
    # The analyst's review (compose/review.py): statements kept whatever a budget cuts,
    # sections put in order by hand, and entries that no longer name a statement.
    pinned: frozenset[str] = frozenset()
    order: Mapping[SectionId, tuple[str, ...]] = field(default_factory=dict)
    stale_review: tuple[str, ...] = ()


@dataclass(frozen=True)
class Layout:
    """Which sections an audience sees, in order, at most how many statements each, how
    many sources a note cites and which works the bibliography lists."""

    sections: tuple[SectionId, ...] = FULL_LAYOUT
    budget: Mapping[SectionId, int] = field(default_factory=dict)  # absent: every candidate
    # A statement many sources repeat would otherwise carry a note as long as a page.
    citations: int | None = None  # anchors per note; None: every one
    bibliography: str = "all"  # or "cited"

    def limit(self, section: SectionId) -> int | None:
        """The section's statement budget, or None for no limit."""
        return self.budget.get(section)


def chronological(statement: Statement) -> tuple[tuple[int, int, int], str, int]:
    """Sort key of dated statements: date, then where the sources tell them."""
    assert statement.date is not None
    first = statement.anchor
    return statement.date.sort_key(), first.source, first.start


def tailor_brief(material: Material, audience: str, layout: Layout, cut: int = 0) -> Brief:
    """The brief one audience reads; `cut` drops that many more statements, one at a time
    from whichever section is then the longest (never its last statement), to fit a page
    budget."""
    picks: dict[SectionId, list[Statement]] = {}
    shown: set[str] = set()
    for section in layout.sections:
        limit = layout.limit(section)
        fresh = [st for st in material.ranked.get(section, ()) if st.id not in shown]
        kept = fresh[:limit] if limit is not None else fresh
        # A statement the analyst pinned stays, whatever the budget.
        kept += [st for st in fresh[len(kept) :] if st.id in material.pinned]
        picks[section] = kept
        shown.update(st.id for st in picks[section])
    for _ in range(cut):
        # Cut from the longest section, never a pinned statement nor its last one.
        cuttable = {s: [st for st in picks[s] if st.id not in material.pinned] for s in picks}
        longest = max(layout.sections, key=lambda s: len(cuttable[s]))  # ties: the earliest
        if len(picks[longest]) <= 1 or not cuttable[longest]:
            break
        picks[longest].remove(cuttable[longest][-1])
    return Brief(
        id=material.brief_id,
        title=material.title,
        subtitle=material.subtitle,
        audience=audience,
        as_of=material.as_of,
        sources=material.sources,
        sections=tuple(
            Section(
                section,
                SECTION_TITLES[section],
                tuple(_shown_order(section, picks[section], material)),
            )
            for section in layout.sections
            if picks[section]  # the sources offered nothing for it: no empty heading
        ),
        actors=material.actors,
        timeline=_kept_timeline(material.timeline, layout.limit(SectionId.TIMELINE)),
        citation_limit=layout.citations,
        bibliography=layout.bibliography,
        left_out=material.left_out,
        stale_review=material.stale_review,
    )


# The timeline an edition's JSON carries when its layout sets no larger budget.
DEFAULT_TIMELINE = 30


def _kept_timeline(timeline: tuple[Statement, ...], budget: int | None) -> tuple[Statement, ...]:
    """The best-ranked entries, as many as the audience's timeline budget (at least
    DEFAULT_TIMELINE), in date order."""
    keep = max(budget or 0, DEFAULT_TIMELINE)
    best = sorted(timeline, key=lambda st: st.rank if st.rank is not None else 0)[:keep]
    return tuple(sorted(best, key=chronological))


def _shown_order(
    section: SectionId, statements: list[Statement], material: Material
) -> list[Statement]:
    ordered = _natural_order(section, statements, material)
    by_hand = material.order.get(section, ())
    if not by_hand:
        return ordered
    first = [st for sid in by_hand for st in ordered if st.id == sid]  # the analyst's order
    return first + [st for st in ordered if st.id not in by_hand]


def _natural_order(
    section: SectionId, statements: list[Statement], material: Material
) -> list[Statement]:
    if section in _BY_RANK:
        return statements
    if section is SectionId.BACKGROUND:  # a story: in the order compose told it
        return sorted(statements, key=lambda st: material.reading[st.id])
    dated = sorted((st for st in statements if st.date is not None), key=chronological)
    undated = sorted(
        (st for st in statements if st.date is None), key=lambda st: material.reading[st.id]
    )
    return dated + undated
