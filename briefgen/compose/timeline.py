"""Timeline: events from all sources merged into dated entries, ranked by salience.

**Merging.** Two events are one when they are of the same type and their sentences share
enough words or the same actors; the entry cites every source. If their dates are
compatible (equal, or one within the other: "November 2021" and "9 November 2021") the
finer date is kept; if not (one source says 24 August, another 25 August), the entry keeps
the better-supported date and shows the other as a conflict. Events are filed by kind and
date, so merging costs about one comparison per event of the same day, not one per event
of the corpus.

**Salience** follows what the timeline-summarisation literature shows works (Chieu & Lee
2004; Martschat & Markert 2018; Ghalandari & Ifrim 2020, see shared/EXTRACTION.md):

- a date matters as much as the corpus talks about it: every mention of the date in the
  sources' body text counts, most of all from sources published within two weeks after it
  (the news of the event), less from sources written long after (background);
- a precise date beats a month, a month beats a year;
- an entry gains from corroboration (independent sources), from being a negotiation
  milestone, from naming the brief's focus (the spec's title and keywords), and from a
  typed event over an untyped one.

**Ranking** is by date first and diverse over time: the best entry of every date, dates in
order of salience; then every date's second entry; and so on. `rank` 1 is the first entry
to keep when a budget cuts.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice

from briefgen.compose.corroboration import similarity, tokens
from briefgen.compose.statement_ids import statement_id
from briefgen.extract.events import UNTYPED, kinds_named
from briefgen.model import Anchor, Conflict, DatePrecision, Event, PartialDate, Statement

NEGOTIATION_EVENTS = frozenset({"talks", "ceasefire", "agreement", "breakdown", "prisoner_release"})
SAME_EVENT_SIMILARITY = 0.25  # with compatible dates
CONFLICTING_EVENT_SIMILARITY = 0.4  # with incompatible dates: stricter

# Salience weights (see the module docstring); set on the shipped corpus and the T17 dev
# topics, and checked on the wild corpus.
_NEWS_WINDOW_DAYS = 14  # a source published this soon after a date reports it as news
_LATE_MENTION = 0.5  # a mention from a source written later, or of unknown date
_MENTIONS_PER_SOURCE = 3  # one long source cannot make a date salient alone
_PRECISION = {
    DatePrecision.DAY: 1.0,
    DatePrecision.MONTH: 0.6,
    DatePrecision.SEASON: 0.35,
    DatePrecision.YEAR: 0.35,
}
_SPAN = 0.35  # "from 2007 to 2009"
_CORROBORATION = 0.8  # per further source
_MILESTONE = 0.8
_FOCUS = 0.4  # per focus word the entry names, at most three
_TYPED = 0.5
_TELLINGS = 30  # the tellings of one event compared to pick its text


@dataclass
class _Entry:
    event: Event
    anchors: list[Anchor] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    members: list[Event] = field(default_factory=list)  # every source's telling of it

    def representative(self) -> Event:
        """The telling that says what the others say (most similar to them), among those
        at the entry's date: a merged event reads as the sources agree, not as the first
        source in alphabetical order put it."""
        at_date = (e for e in self.members if e.date == self.event.date)
        candidates = list(islice(at_date, _TELLINGS))  # a merged event may have hundreds
        # A telling that stands alone in one sentence before one that quotes the sentence
        # before it too: an entry says what happened, briefly.
        candidates = [e for e in candidates if not e.quoting.lead] or candidates
        if len(candidates) < 2:
            return candidates[0] if candidates else self.event
        return max(
            candidates,
            key=lambda e: (
                sum(similarity(e.text, o.text) for o in candidates if o is not e),
                e is self.event,
            ),
        )

    @property
    def support(self) -> int:
        against = {c.anchor for c in self.conflicts}
        return len({a.source for a in self.anchors if a not in against})


@dataclass(frozen=True)
class DateEvidence:
    """What the corpus says about dates: per ISO date, the sources that mention it and how
    often; each source's publication date; the words of the brief's focus."""

    mentions: Mapping[str, Sequence[tuple[str, int]]] = field(default_factory=dict)
    published: Mapping[str, PartialDate | None] = field(default_factory=dict)
    focus: frozenset[str] = frozenset()
    # Whether the brief is about a negotiation: its title or keywords name talks, a
    # ceasefire, an agreement... Only then do negotiation milestones outrank other events:
    # in a brief on an oil spill, "talks on his phone" is no milestone to promote.
    negotiation: bool = True

    def salience(self, date: PartialDate) -> float:
        """How much the sources talk about `date`, news reports counting most."""
        total = 0.0
        for source, count in self.mentions.get(date.iso(), ()):
            total += self._weight(source, date) * min(count, _MENTIONS_PER_SOURCE)
        return total

    def _weight(self, source: str, date: PartialDate) -> float:
        """1 for a mention from a source published within the news window after `date`."""
        published = self.published.get(source)
        if date.day is None or published is None or published.day is None:
            return _LATE_MENTION
        assert date.month is not None and published.month is not None
        days = (
            dt.date(published.year, published.month, published.day)
            - dt.date(date.year, date.month, date.day)
        ).days
        return 1.0 if 0 <= days <= _NEWS_WINDOW_DAYS else _LATE_MENTION


def date_evidence(
    summaries: Iterable[tuple[str, PartialDate | None, Sequence[tuple[str, int]]]],
    focus: Iterable[str] = (),
) -> DateEvidence:
    """Evidence from (source id, publication date, date mentions) per source."""
    mentions: dict[str, list[tuple[str, int]]] = defaultdict(list)
    published: dict[str, PartialDate | None] = {}
    for source, issued, dates in summaries:
        published[source] = issued
        for iso, count in dates:
            mentions[iso].append((source, count))
    phrases = list(focus)
    words = frozenset(w for phrase in phrases for w in tokens(phrase))
    return DateEvidence(mentions, published, words, about_negotiation(phrases))


def about_negotiation(focus: Iterable[str]) -> bool:
    """Whether a brief is about a negotiation: its title or keywords name talks, a
    ceasefire, an agreement ... (with neither, it is taken to be: briefgen's home ground).
    Only then are the lexicon's negotiation kinds milestones: in a brief on an oil spill,
    "oil released into the Gulf" and "a news conference" are not."""
    phrases = list(focus)
    return not phrases or any(kinds_named(p) & NEGOTIATION_EVENTS for p in phrases)


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


class _Index:
    """Entries filed by kind and date, so an event meets only the entries it could be."""

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self._by_date: dict[tuple[str, tuple[int, ...]], list[_Entry]] = defaultdict(list)
        self._by_year: dict[tuple[str, int], list[_Entry]] = defaultdict(list)
        self._by_month: dict[tuple[str, int, int], list[_Entry]] = defaultdict(list)

    def add(self, entry: _Entry) -> None:
        self.entries.append(entry)
        date = entry.event.date
        self._by_date[(entry.event.kind, date.known())].append(entry)
        self._by_year[(entry.event.kind, date.year)].append(entry)
        if date.month is not None:
            self._by_month[(entry.event.kind, date.year, date.month)].append(entry)

    def refile(self, entry: _Entry, old: PartialDate) -> None:
        """After an entry took a finer date."""
        kind, date = entry.event.kind, entry.event.date
        self._by_date[(kind, old.known())].remove(entry)
        self._by_date[(kind, date.known())].append(entry)
        if old.month is None and date.month is not None:
            self._by_month[(kind, date.year, date.month)].append(entry)

    def compatible(self, event: Event) -> Iterable[_Entry]:
        """Entries of the event's kind whose date contains it or lies within it."""
        kind, known = event.kind, event.date.known()
        if len(known) == 1:  # a year: anything of that year
            yield from self._by_year.get((kind, event.date.year), ())
            return
        for size in range(1, len(known) + 1):  # the same date, or a coarser one holding it
            yield from self._by_date.get((kind, known[:size]), ())
        if len(known) == 2:  # a month: its days too
            for entry in self._by_year.get((kind, event.date.year), ()):
                if len(entry.event.date.known()) == 3 and event.date.contains(entry.event.date):
                    yield entry

    def nearby(self, event: Event) -> Iterable[_Entry]:
        """Entries of the event's kind dated in the same or an adjacent month. Untyped
        events have none: a news corpus has thousands a month, and only a typed event is
        specific enough to say two sources date the same thing differently."""
        if event.date.month is None or event.kind == UNTYPED:
            return
        for step in (-1, 0, 1):
            year, month = _shift(event.date.year, event.date.month, step)
            yield from self._by_month.get((event.kind, year, month), ())


def _shift(year: int, month: int, step: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + step
    return index // 12, index % 12 + 1


def merge_events(
    events: list[Event], as_of: PartialDate, since: PartialDate | None = None
) -> list[_Entry]:
    """Events up to `as_of` (and not certainly before `since`), merged across sources, in
    date order."""
    index = _Index()
    for event in sorted(events, key=lambda e: (e.date.sort_key(), e.anchor.source, e.anchor.start)):
        if event.date.is_after(as_of) or (since is not None and since.is_after(event.date)):
            continue
        same = next(
            (
                e
                for e in index.compatible(event)
                if _same_event(e.event, event, SAME_EVENT_SIMILARITY)
            ),
            None,
        )
        if same is not None:
            same.members.append(event)
            if event.anchor not in same.anchors:
                same.anchors.append(event.anchor)
            if len(event.date.known()) > len(same.event.date.known()):
                old = same.event.date
                same.event = event  # the finer date, and the sentence that gives it
                index.refile(same, old)
            continue
        rival = next(
            (
                e
                for e in index.nearby(event)
                if e.event.anchor.source != event.anchor.source
                and not _compatible(e.event.date, event.date)
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
        index.add(_Entry(event, [event.anchor], members=[event]))
    return index.entries


def _score(entry: _Entry, evidence: DateEvidence, salience: float) -> float:
    """`salience`: the evidence's salience of the entry's date."""
    event = entry.event
    precision = _SPAN if event.end is not None else _PRECISION[event.date.precision]
    focus = len(tokens(event.text) & evidence.focus) if evidence.focus else 0
    return (
        precision * (1.0 + math.log1p(salience))
        + _CORROBORATION * (entry.support - 1)
        + (_MILESTONE if evidence.negotiation and event.kind in NEGOTIATION_EVENTS else 0.0)
        + _FOCUS * min(focus, 3)
        + (_TYPED if event.kind != UNTYPED else 0.0)
    )


def _ranked(entries: list[_Entry], evidence: DateEvidence) -> list[_Entry]:
    """Best entry of every date (dates by salience), then every date's second, ...;
    a negotiation milestone never waits for a later round behind another of its date."""
    salience: dict[str, float] = {}  # by date: many entries share one
    for entry in entries:
        date = entry.event.date
        if date.iso() not in salience:
            salience[date.iso()] = evidence.salience(date)
    scores = {id(e): _score(e, evidence, salience[e.event.date.iso()]) for e in entries}
    by_date: dict[tuple[str, str], list[_Entry]] = defaultdict(list)
    for entry in entries:
        end = entry.event.end.iso() if entry.event.end else ""
        by_date[(entry.event.date.iso(), end)].append(entry)
    for key, group in by_date.items():
        # Centrality is measured on a copy: list.sort empties the list while it sorts.
        central = {id(e): _centrality(e, list(group)) for e in group}
        # Of one date's entries, the telling the most sources give comes first: what
        # independent sources agree happened that day (the date's salience is unchanged).
        by_date[key] = sorted(
            group,
            key=lambda e: (-e.support, -scores[id(e)], -central[id(e)], e.event.anchor.start),
        )
    # A date is as salient as its best entry, which tells it; of equals, the most central.
    best = {d: max(scores[id(e)] for e in group) for d, group in by_date.items()}
    dates = sorted(by_date, key=lambda d: (-best[d], d))
    first = [by_date[d][0] for d in dates]
    first_ids = {id(e) for e in first}
    milestones = [
        e
        for d in dates
        for e in by_date[d][1:]
        if evidence.negotiation and e.event.kind in NEGOTIATION_EVENTS and id(e) not in first_ids
    ]
    date_of = {id(e): d for d in dates for e in by_date[d]}
    ranked = sorted(first + milestones, key=lambda e: -best[date_of[id(e)]])
    taken = {id(e) for e in ranked}
    depth = 1
    while len(ranked) < len(entries):
        layer = [by_date[d][depth] for d in dates if depth < len(by_date[d])]
        ranked += sorted((e for e in layer if id(e) not in taken), key=lambda e: -scores[id(e)])
        depth += 1
    return ranked


def _centrality(entry: _Entry, group: list[_Entry]) -> float:
    """How much an entry says what the others of its date say (the date's summary)."""
    others = [e for e in group[:50] if e is not entry]
    return sum(similarity(entry.event.text, e.event.text) for e in others)


def timeline_statements(
    events: list[Event],
    as_of: PartialDate,
    limit: int | None = None,
    evidence: DateEvidence | None = None,
    since: PartialDate | None = None,
) -> list[Statement]:
    """The brief's timeline, best first (`rank` 1 first), at most `limit` entries (None:
    every one), of the events from `since` (None: any date) to `as_of`. Texts are whole:
    shortening is the template's business."""
    entries = _ranked(merge_events(events, as_of, since), evidence or DateEvidence())
    if limit is not None:
        entries = entries[:limit]
    statements = []
    for rank, entry in enumerate(entries, start=1):
        told = entry.representative()
        statements.append(
            Statement(
                id=statement_id("ev", told.anchor),
                text=told.text,
                citations=tuple(dict.fromkeys([*told.quoted(), *entry.anchors])),
                edits=told.quoting.edits,
                quoted=len(told.quoting.lead) + 1,
                date=told.date,
                end=told.end,
                kind=told.kind,
                participants=told.participants,
                conflicts=tuple(entry.conflicts),
                rank=rank,
            )
        )
    return statements
