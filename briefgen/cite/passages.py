"""Source views: the cited paragraph in its context, with the quoted words marked.

Each note of the HTML brief opens one passage per source paragraph it cites; the
analyst's source appendix lists every cited paragraph of every source. Passages are
display text (cleaned for reading); the marks come from the anchors' own offsets.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from briefgen.ingest import TextView
from briefgen.model import Anchor, Brief, Document, SourceEntry, csl_issued

_CONTEXT_WORDS = 30  # how much of the neighbouring paragraphs a passage shows


@dataclass(frozen=True)
class Passage:
    """One source paragraph as shown: context before, the paragraph in pieces (marked
    pieces are quoted by the brief), context after."""

    source: str
    label: str
    paragraph: int
    before: str
    pieces: tuple[tuple[str, bool], ...]
    after: str
    statements: tuple[str, ...] = ()  # ids of the statements that cite the paragraph


# The appendix quotes at most this many cited paragraphs: an edition stays a document a
# person reads, whatever the corpus (each note still cites its paragraph).
APPENDIX_BOUND = 80


@dataclass(frozen=True)
class SourceAppendixEntry:
    """A source with the paragraphs the brief cites from it (`omitted`: how many more the
    appendix's bound left out)."""

    entry: SourceEntry
    label: str
    passages: tuple[Passage, ...]
    omitted: int = 0


def source_label(entry: SourceEntry) -> str:
    """A short name for a source: 'Author (2022)', or its publisher or title."""
    csl = entry.csl
    names = [a.get("family") or a.get("literal") or "" for a in csl.get("author", [])]
    names = [n for n in names if n]
    who = (
        f"{names[0]} et al."
        if len(names) > 2
        else " and ".join(names) or csl.get("publisher") or csl.get("title") or entry.id
    )
    issued = csl_issued(csl)
    return f"{who} ({issued.year})" if issued else str(who)


class PassageFinder:
    """Builds passages from the documents a brief was composed from."""

    def __init__(self, documents: list[Document]) -> None:
        self._documents = {d.id: d for d in documents}
        self._views = {d.id: TextView(d.text) for d in documents}
        self._labels = {d.id: source_label(d.entry) for d in documents}
        self._index = {d.id: {p.number: i for i, p in enumerate(d.paragraphs)} for d in documents}

    def passage(self, anchors: list[Anchor], statements: tuple[str, ...] = ()) -> Passage | None:
        """The paragraph the anchors (all in one paragraph) point into, or None if its
        source is not at hand."""
        first = anchors[0]
        document = self._documents.get(first.source)
        if document is None:
            return None
        view = self._views[first.source]
        index = self._index[first.source].get(first.paragraph)
        if index is None:
            return None
        paragraph = document.paragraphs[index]
        spans = sorted(
            {(max(a.start, paragraph.start), min(a.end, paragraph.end)) for a in anchors}
        )
        pieces: list[tuple[str, bool]] = []
        cursor = paragraph.start
        for start, end in spans:
            if start < cursor:  # overlapping quotes: mark the union
                start = cursor
            if start > cursor:
                pieces.append((_shown(view, cursor, start), False))
            if end > start:
                pieces.append((_shown(view, start, end), True))
                cursor = end
        if cursor < paragraph.end:
            pieces.append((_shown(view, cursor, paragraph.end), False))
        neighbours = document.paragraphs
        before = view.shown(neighbours[index - 1].start, neighbours[index - 1].end) if index else ""
        after = (
            view.shown(neighbours[index + 1].start, neighbours[index + 1].end)
            if index + 1 < len(neighbours)
            else ""
        )
        return Passage(
            source=first.source,
            label=self._labels[first.source],
            paragraph=paragraph.number,
            before=_tail(before),
            pieces=tuple(p for p in pieces if p[0]),
            after=_head(after),
            statements=statements,
        )

    def note_passages(self, brief: Brief) -> dict[str, list[Passage]]:
        """Per statement id, the passages its note opens: one per cited paragraph."""
        found: dict[str, list[Passage]] = {}
        for statement in brief.statements():
            by_paragraph: dict[tuple[str, int], list[Anchor]] = defaultdict(list)
            for anchor in brief.cited(statement):
                by_paragraph[(anchor.source, anchor.paragraph)].append(anchor)
            found[statement.id] = [
                p for anchors in by_paragraph.values() if (p := self.passage(anchors)) is not None
            ]
        return found

    def appendix(self, brief: Brief) -> list[SourceAppendixEntry]:
        """Each source of the brief with every paragraph the brief cites, in text order,
        at most APPENDIX_BOUND paragraphs in all: a source past the bound shows how many
        of its cited paragraphs are left out (the notes still cite them)."""
        anchors: dict[tuple[str, int], list[Anchor]] = defaultdict(list)
        citing: dict[tuple[str, int], list[str]] = defaultdict(list)
        for statement in brief.statements():
            for anchor in brief.cited(statement):
                key = (anchor.source, anchor.paragraph)
                anchors[key].append(anchor)
                if statement.id not in citing[key]:
                    citing[key].append(statement.id)
        entries = []
        room = APPENDIX_BOUND
        for entry in brief.sources:
            keys = sorted(k for k in anchors if k[0] == entry.id)
            shown, omitted = keys[:room], len(keys[room:])
            room -= len(shown)
            passages = [
                p for k in shown if (p := self.passage(anchors[k], tuple(citing[k]))) is not None
            ]
            entries.append(
                SourceAppendixEntry(entry, source_label(entry), tuple(passages), omitted)
            )
        return entries


def _shown(view: TextView, start: int, end: int) -> str:
    """Display text of a piece, keeping the space that separates it from its neighbours."""
    raw = view.text[start:end]
    text = view.shown(start, end)
    if not text:
        return " " if raw.strip() == "" and raw else ""
    lead = " " if raw[:1].isspace() else ""
    trail = " " if raw[-1:].isspace() else ""
    return f"{lead}{text}{trail}"


def _tail(text: str) -> str:
    if not any(c.isalpha() for c in text):
        return ""  # a rule or a blank line is no context
    words = text.split()
    return text if len(words) <= _CONTEXT_WORDS else "… " + " ".join(words[-_CONTEXT_WORDS:])


def _head(text: str) -> str:
    if not any(c.isalpha() for c in text):
        return ""
    words = text.split()
    return text if len(words) <= _CONTEXT_WORDS else " ".join(words[:_CONTEXT_WORDS]) + " …"
