"""Timeline: events from all sources merged into dated entries, with date conflicts shown.

Two events are one when they are of the same type and their sentences share enough words
or the same actors; the entry cites every source. If their dates are compatible (equal, or
one within the other: "November 2021" and "9 November 2021") the finer date is kept; if not,
the entry keeps the better-supported date and shows the other as a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefgen.compose.corroboration import similarity
from briefgen.compose.statement_ids import statement_id
from briefgen.compose.statement_text import trim
from briefgen.model import Anchor, Conflict, Event, PartialDate, Statement

NEGOTIATION_EVENTS = frozenset({"talks", "ceasefire", "agreement", "breakdown", "prisoner_release"})
SAME_EVENT_SIMILARITY = 0.25  # with compatible dates
CONFLICTING_EVENT_SIMILARITY = 0.4  # with incompatible dates: stricter


@dataclass
class _Entry:
    event: Event
    anchors: list[Anchor] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


def _compatible(a: PartialDate, b: PartialDate) -> bool:
    return a.contains(b) or b.contains(a)


def _same_event(a: Event, b: Event, threshold: float) -> bool:
    if a.kind != b.kind:
        return False
    if threshold <= SAME_EVENT_SIMILARITY and _same_month_milestone(a, b):
        return True
    shared_actors = set(a.participants) & set(b.participants)
    return similarity(a.text, b.text) >= threshold or (
        threshold <= SAME_EVENT_SIMILARITY and len(shared_actors) >= 2
    )


def _same_month_milestone(a: Event, b: Event) -> bool:
    """Two sources' ceasefire (or talks, agreement ...) dated to the same month are one
    milestone of the process, however differently they word it; attacks are not."""
    return (
        a.kind in NEGOTIATION_EVENTS
        and a.anchor.source != b.anchor.source
        and a.date.month is not None
        and b.date.month is not None
        and a.date.known()[:2] == b.date.known()[:2]
    )


def merge_events(events: list[Event], as_of: PartialDate) -> list[_Entry]:
    """Events up to `as_of`, merged across sources, in date order."""
    entries: list[_Entry] = []
    for event in sorted(events, key=lambda e: (e.date.sort_key(), e.anchor.source, e.anchor.start)):
        if event.date.is_after(as_of):
            continue
        same = next(
            (
                e
                for e in entries
                if _compatible(e.event.date, event.date)
                and _same_event(e.event, event, SAME_EVENT_SIMILARITY)
            ),
            None,
        )
        if same is not None:
            if event.anchor not in same.anchors:
                same.anchors.append(event.anchor)
            if len(event.date.known()) > len(same.event.date.known()):
                same.event = event  # the finer date, and the sentence that gives it
            continue
        rival = next(
            (
                e
                for e in entries
                if e.event.anchor.source != event.anchor.source
                and abs(e.event.date.year - event.date.year) <= 1
                and _same_event(e.event, event, CONFLICTING_EVENT_SIMILARITY)
            ),
            None,
        )
        if rival is not None:
            rival.anchors.append(event.anchor)
            rival.conflicts.append(
                Conflict(f"{event.anchor.source} dates it {event.date.iso()}", event.anchor)
            )
            continue
        entries.append(_Entry(event, [event.anchor]))
    return entries


def timeline_statements(events: list[Event], as_of: PartialDate, limit: int) -> list[Statement]:
    """The brief's timeline within `limit`, best first: the best-corroborated, negotiation
    milestones, then the precisely dated."""
    entries = merge_events(events, as_of)
    ranked = sorted(
        entries,
        key=lambda e: (
            -len({a.source for a in e.anchors}),
            e.event.kind not in NEGOTIATION_EVENTS,
            -len(e.event.date.known()),
            e.event.date.sort_key(),
        ),
    )[:limit]
    return [
        Statement(
            id=statement_id("ev", entry.event.anchor),
            text=trim(entry.event.text, 45),
            citations=tuple(dict.fromkeys([entry.event.anchor, *entry.anchors])),
            date=entry.event.date,
            end=entry.event.end,
            kind=entry.event.kind,
            participants=entry.event.participants,
            conflicts=tuple(entry.conflicts),
        )
        for entry in ranked
    ]
