"""The data model the pipeline stages exchange.

Stages never import each other's internals: ingest produces `Document`s, extract turns each
into a `SourceSummary`, compose merges them into a `Brief`, cite attaches `CitationSet`
notes, and render writes files. Everything here is an immutable value.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any


class Zone(enum.StrEnum):
    """What a paragraph of a source is. Only BODY (and NOTE, as a note) is citable."""

    TITLE = "title"
    BYLINE = "byline"
    HEADING = "heading"
    BODY = "body"
    CAPTION = "caption"
    BIO = "bio"
    NOTE = "note"
    COMMENT = "comment"
    FURNITURE = "furniture"


# Zones by their value: reading the caches back names tens of thousands, and calling
# `Zone(value)` costs ten times a lookup. An unknown value raises KeyError.
ZONE_BY_VALUE: dict[str, Zone] = {zone.value: zone for zone in Zone}


class DatePrecision(enum.StrEnum):
    """How much of a date is known; a month-only date is never padded to a day."""

    YEAR = "year"
    SEASON = "season"
    MONTH = "month"
    DAY = "day"


# Parts of a year or month a source may name instead of a date: modifiers ("early 2021",
# "mid-December") and seasons ("summer 2021", northern-hemisphere months for sorting).
SEASONS = ("spring", "summer", "autumn", "winter")
_PART_MONTH = {
    "early": 2,
    "mid": 6,
    "late": 10,
    "spring": 4,
    "summer": 7,
    "autumn": 10,
    "winter": 12,
}
_PART_DAY = {"early": 5, "mid": 15, "late": 25}


@dataclass(frozen=True)
class PartialDate:
    """A calendar date known to year, season, month or day precision.

    `part` qualifies a year or a month: "early", "mid" or "late" (either), or a season
    (a year only). "early December 2021" is PartialDate(2021, 12, part="early").
    """

    year: int
    month: int | None = None
    day: int | None = None
    part: str | None = None

    @property
    def precision(self) -> DatePrecision:
        """The finest unit this date states."""
        if self.day is not None:
            return DatePrecision.DAY
        if self.month is not None:
            return DatePrecision.MONTH
        if self.part in SEASONS:
            return DatePrecision.SEASON
        return DatePrecision.YEAR

    def iso(self) -> str:
        """ISO 8601 at the date's own precision: YYYY, YYYY-MM or YYYY-MM-DD."""
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
            if self.day is not None:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def sort_key(self) -> tuple[int, int, int]:
        """Orders dates chronologically, a coarser date before the finer ones it contains;
        a part sorts where it falls ("late 2021" after "June 2021")."""
        if self.month is None:
            return (self.year, _PART_MONTH.get(self.part or "", 0), 0)
        return (self.year, self.month, self.day or _PART_DAY.get(self.part or "", 0))

    def known(self) -> tuple[int, ...]:
        """The parts of the date that are stated: (year,), (year, month) or all three."""
        return tuple(p for p in (self.year, self.month, self.day) if p is not None)

    def is_after(self, other: PartialDate) -> bool:
        """True if this date certainly lies after `other` (compared at the coarser precision)."""
        size = min(len(self.known()), len(other.known()))
        return self.known()[:size] > other.known()[:size]

    def contains(self, other: PartialDate) -> bool:
        """True if `other` lies within this date ("2021-11" contains "2021-11-09")."""
        return other.known()[: len(self.known())] == self.known()


@dataclass(frozen=True)
class TextMetadata:
    """Bibliographic facts a source states about itself (title, authors, date, ...).

    Each field is None (or empty) when the source does not state it; `where` says, per
    field, where it was found ("line 3", "<meta name=author>"), for warnings.
    """

    title: str | None = None
    authors: tuple[str, ...] = ()
    date: PartialDate | None = None
    publisher: str | None = None
    url: str | None = None
    where: tuple[tuple[str, str], ...] = ()
    # Other CSL fields the source states (language, DOI, container-title, a report's
    # collection-title, number and publisher-place), as (CSL key, value).
    extra: tuple[tuple[str, str], ...] = ()

    def found_at(self, field_name: str) -> str:
        """Where a field was found, or 'the text' when not recorded."""
        return dict(self.where).get(field_name, "the text")


@dataclass(frozen=True)
class Sentence:
    """A sentence as a span of its document's canonical text."""

    start: int
    end: int


@dataclass(frozen=True)
class Paragraph:
    """A block of canonical text between blank lines; `number` is the cited pinpoint."""

    number: int
    start: int
    end: int
    zone: Zone
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class SourceEntry:
    """A catalogue entry: a CSL item (without briefgen's own keys) and the file it describes."""

    id: str
    path: Path
    csl: dict[str, Any]
    catalogued: bool = True
    encoding: str | None = None  # declared in the catalogue for a file that is not UTF-8


@dataclass(frozen=True)
class LeftOut:
    """A source a brief was built without, and why: it could not be read or summarised."""

    source: str
    path: Path
    reason: str


@dataclass(frozen=True)
class Document:
    """An ingested source: its canonical text, segmented, with its catalogue entry."""

    entry: SourceEntry
    text: str
    paragraphs: tuple[Paragraph, ...]
    metadata: TextMetadata = TextMetadata()
    warnings: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """The source id used in anchors and citations."""
        return self.entry.id

    @property
    def date(self) -> PartialDate | None:
        """The document's own date (CSL `issued`), which relative dates resolve against."""
        return csl_issued(self.entry.csl)

    def zone_spans(self) -> list[tuple[int, int, Zone]]:
        """(start, end, zone) spans tiling the whole text: each paragraph with the blank
        space after it (the first also with the space before it)."""
        starts = [0, *(p.start for p in self.paragraphs[1:])]
        ends = [*starts[1:], len(self.text)]
        return [
            (start, end, p.zone)
            for start, end, p in zip(starts, ends, self.paragraphs, strict=True)
        ]

    def paragraph_at(self, offset: int) -> Paragraph:
        """The paragraph containing a character offset."""
        for paragraph in self.paragraphs:
            if paragraph.start <= offset < paragraph.end:
                return paragraph
        raise ValueError(f"offset {offset} lies in no paragraph of {self.id}")


def csl_issued(csl: dict[str, Any]) -> PartialDate | None:
    """Reads a CSL `issued` date (date-parts form) into a PartialDate."""
    issued = csl.get("issued")
    if not isinstance(issued, dict):
        return None
    parts = issued.get("date-parts")
    if not parts or not parts[0]:
        return None
    year, *rest = (int(p) for p in parts[0][:3])
    month, day = [*rest, None, None][:2]
    return PartialDate(year, month, day)


@dataclass(frozen=True)
class Anchor:
    """Where a statement comes from: `text[start:end] == quote` in source `source`."""

    source: str
    paragraph: int
    start: int
    end: int
    quote: str
    zone: Zone = Zone.BODY  # NOTE or COMMENT when the quote is a note or a reader comment

    def to_json(self) -> dict[str, Any]:
        """The ANCHOR object of the JSON export (`zone` only when it is not body text)."""
        data: dict[str, Any] = {
            "source": self.source,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
        }
        if self.zone is not Zone.BODY:
            data["zone"] = str(self.zone)
        return data


class SectionId(enum.StrEnum):
    """The sections a brief can contain; an audience's layout picks and orders them."""

    BOTTOM_LINE = "bottom_line"
    KEY_JUDGMENTS = "key_judgments"
    BACKGROUND = "background"
    ACTORS = "actors"
    TIMELINE = "timeline"
    NEGOTIATION_HISTORY = "negotiation_history"
    OUTLOOK = "outlook"


@dataclass(frozen=True)
class Role:
    """A role or affiliation phrase for an actor, with the words it was read from."""

    text: str
    anchor: Anchor


@dataclass(frozen=True)
class Description:
    """Words of a source that say what an actor is, and how directly.

    `strength` 3: an appositive ("X, the group's leader,"); 2: a definition ("X is a ...");
    1: the sentence that defines its acronym; 0: a sentence it opens as the subject.
    `text` is the quote as a brief shows it, by `edits` (see Edit)."""

    text: str
    anchor: Anchor
    strength: int
    edits: tuple[Edit, ...] = ()


@dataclass(frozen=True)
class Relation:
    """What a source says links two actors: `subject` leads, is a member or a splinter of,
    sponsors, negotiates with or mediates for `object` (names as the source's actors)."""

    kind: str
    subject: str
    object: str
    anchor: Anchor


# The kinds of actor a brief lists (places and named operations are found but not listed).
ACTOR_KINDS = ("person", "organisation", "movement", "state")
# A lone name one source gives no kind ("Borduria has kept the talks going"): the roster
# takes its kind from the sources that give one, and drops it if none does.
UNKNOWN_KIND = "unknown"


@dataclass(frozen=True)
class Actor:
    """A person, organisation, state or movement named in the sources."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    mentions: tuple[Anchor, ...] = ()
    descriptions: tuple[Description, ...] = ()


@dataclass(frozen=True)
class Edit:
    """An editorial edit (DESIGN.md): how a statement's text differs from its quotes.

    `start`/`end` are offsets in the quoted text (the display text of the quoted
    sentences, joined by a space) and `text` replaces that span. Kinds: "connective" and
    "opening" drop a sentence's opening word or phrase; "capital" brackets the letter that
    now opens it ("[T]he"); "antecedent" puts a name from an anchored earlier sentence in
    brackets for a pronoun; "ellipsis" marks words cut; "marker" removes a note number or
    citation marker; "lower" lowers shouted capitals; "frame" says whose words follow
    (a reader's comment).
    """

    kind: str
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"type": self.kind, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Quoting:
    """How a claim's or event's text is made from its sources' words.

    `lead` are sentences quoted before the main one (an antecedent the main sentence needs),
    `context` the earlier mentions a bracketed antecedent names, and `edits` apply to the
    display text of the lead sentences and the main one, joined by spaces.
    """

    lead: tuple[Anchor, ...] = ()
    edits: tuple[Edit, ...] = ()
    context: tuple[Anchor, ...] = ()


@dataclass(frozen=True)
class Event:
    """A dated happening; `text` is the sentence it was read from, shown as cleaned.

    `end` closes a range ("from 2007 to 2009"); `participants` are the ids of the actors
    the sentence names.
    """

    date: PartialDate
    kind: str
    text: str
    anchor: Anchor
    end: PartialDate | None = None
    participants: tuple[str, ...] = ()
    quoting: Quoting = Quoting()

    def quoted(self) -> tuple[Anchor, ...]:
        """The anchors the text is made from, in order, then those of its antecedents."""
        return (*self.quoting.lead, self.anchor, *self.quoting.context)


@dataclass(frozen=True)
class Likelihood:
    """A source's estimative words and the ICD 203 term they map to (range in percent)."""

    phrase: str
    term: str
    low: int
    high: int


@dataclass(frozen=True)
class Claim:
    """A citable sentence assigned to a section, with a salience score."""

    section: SectionId
    text: str
    anchor: Anchor
    score: float
    likelihood: Likelihood | None = None
    quoting: Quoting = Quoting()
    # The earliest date the sentence states, and the date its narrative had reached (the
    # last one stated before it, in its paragraph or the one before): a story is told in
    # the order of the first, or of the second when it states none.
    date: PartialDate | None = None
    narrative: PartialDate | None = None

    def quoted(self) -> tuple[Anchor, ...]:
        """The anchors the text is made from, in order, then those of its antecedents."""
        return (*self.quoting.lead, self.anchor, *self.quoting.context)


@dataclass(frozen=True)
class SourceSummary:
    """What extraction draws from one document."""

    source: str
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    claims: tuple[Claim, ...]
    # Every date the citable text refers to (ISO, at its precision) and how many times:
    # how much a corpus talks about a date is the strongest sign that it matters (TLS).
    date_mentions: tuple[tuple[str, int], ...] = ()
    relations: tuple[Relation, ...] = ()


@dataclass(frozen=True)
class Conflict:
    """A source that disagrees with a statement: what it says instead, and where."""

    text: str
    anchor: Anchor


@dataclass(frozen=True)
class Statement:
    """One line of a brief: its text and the anchors it rests on (at least one).

    Conflicting sources are cited too (their anchors are among `citations`), so a reader
    can check both sides; `support` counts only the sources that agree.
    """

    id: str
    text: str
    citations: tuple[Anchor, ...]
    date: PartialDate | None = None
    end: PartialDate | None = None
    kind: str | None = None
    participants: tuple[str, ...] = ()
    likelihood: Likelihood | None = None
    conflicts: tuple[Conflict, ...] = ()
    rank: int | None = None  # a timeline entry's salience: 1 is the first to keep
    # The text is the first `quoted` citations' display text, joined, with these edits.
    edits: tuple[Edit, ...] = ()
    quoted: int = 1
    # The analyst's review (workspace/review.py): `source_text` is what the quotes and
    # edits give when the analyst reworded the line; an added judgment is the desk's own
    # (`author` "analyst") and may rest on no anchor.
    source_text: str | None = None
    author: str = "source"

    def __post_init__(self) -> None:
        if not self.citations and self.author != "analyst":
            raise ValueError(f"statement {self.id} has no anchor")
        missing = [c for c in self.conflicts if c.anchor not in self.citations]
        if missing:
            raise ValueError(f"statement {self.id} has a conflict without its citation")

    @property
    def reworded(self) -> bool:
        """The analyst put the line in other words (its anchors stay)."""
        return self.source_text is not None

    def undated(self) -> Statement:
        """The statement shown without its date (a story line tells its date itself)."""
        return replace(self, date=None, end=None)

    @property
    def anchor(self) -> Anchor:
        """The sentence the statement is about (the last quoted: any before it are lead)."""
        return self.citations[self.quoted - 1]

    @property
    def support(self) -> int:
        """How many sources back the statement (conflicting ones not counted)."""
        against = {c.anchor for c in self.conflicts}
        return len({a.source for a in self.citations if a not in against})

    def shown_citations(self, limit: int | None) -> tuple[Anchor, ...]:
        """The anchors a note prints, at most `limit` of them (all when None).

        The quoted anchors (the passages the text is taken from) and every conflicting one
        are always shown, so a reader can still check both sides; then the others in order.
        """
        if limit is None or len(self.citations) <= limit:
            return self.citations
        keep = {*self.citations[: self.quoted], *(c.anchor for c in self.conflicts)}
        for anchor in self.citations:
            if len(keep) >= limit:
                break
            keep.add(anchor)
        return tuple(a for a in self.citations if a in keep)


@dataclass(frozen=True)
class Section:
    """A titled list of statements."""

    id: SectionId
    title: str
    statements: tuple[Statement, ...]


@dataclass(frozen=True)
class ActorRelation:
    """A relation of one actor to another (`actor`: its id), with the sentences stating it."""

    kind: str
    actor: str
    citations: tuple[Anchor, ...]


@dataclass(frozen=True)
class BriefActor:
    """An actor as the brief presents it: a profile.

    `roles` are positions ("leader", "spokesman"); `titles` forms of address and honorifics
    ("Mullah", "Dr."), kept apart. `description` says what the actor is, in a source's words.
    """

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    citations: tuple[Anchor, ...]
    mentions: int = 0  # how often the sources name the actor
    sources: int = 0  # in how many sources
    # Where the sources name it: (source id, paragraph numbers), sources in id order.
    appearances: tuple[tuple[str, tuple[int, ...]], ...] = ()
    titles: tuple[str, ...] = ()
    description: Statement | None = None
    relations: tuple[ActorRelation, ...] = ()
    rank: int = 0  # 1 is the actor that matters most


@dataclass(frozen=True)
class Brief:
    """One spec composed for one audience: what the templates and the JSON export show."""

    id: str
    title: str
    audience: str
    as_of: PartialDate
    subtitle: str
    sources: tuple[SourceEntry, ...]
    sections: tuple[Section, ...]
    actors: tuple[BriefActor, ...]
    timeline: tuple[Statement, ...]
    citation_limit: int | None = None  # at most this many anchors per note; None: all
    bibliography: str = "all"  # "all": every source; "cited": the works the notes cite
    left_out: tuple[LeftOut, ...] = ()  # sources the brief had to do without
    stale_review: tuple[str, ...] = ()  # review entries that name no statement now

    def statements(self) -> list[Statement]:
        """Every statement in reading order: the order notes are numbered in."""
        return [s for section in self.sections for s in section.statements]

    def cited(self, statement: Statement) -> tuple[Anchor, ...]:
        """The anchors the statement's note prints (the JSON export keeps all of them)."""
        return statement.shown_citations(self.citation_limit)


@dataclass(frozen=True)
class Note:
    """A rendered citation note attached to a statement."""

    number: int
    statement_id: str
    html: str


@dataclass(frozen=True)
class CitationSet:
    """The notes (one per statement, in reading order) and the bibliography of a brief."""

    style: str
    notes: tuple[Note, ...]
    bibliography: tuple[str, ...]
    warnings: tuple[str, ...] = ()  # what the CSL processor or briefgen found wanting
    # Sources a bibliography of every source leaves out once it would run past its
    # bound (cite/csl.py): counted in the edition, all listed in the JSON export.
    further_sources: int = 0

    @property
    def note_by_statement(self) -> dict[str, Note]:
        """Each statement's note, by statement id."""
        return {note.statement_id: note for note in self.notes}
