"""A corpus as a reader inspects it: every source ingested, or the reason it could not be.

Backs `briefgen sources` (a table of sources) and `briefgen show` (one source's canonical
text with the paragraph numbers pinpoints cite), so any citation can be checked by hand.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from briefgen.core.limits import SourceLimits
from briefgen.errors import BriefgenError, ConfigError, contained
from briefgen.ingest import ingest_document
from briefgen.model import Document, SourceEntry, Zone
from briefgen.workspace.catalogue import load_catalogue
from briefgen.workspace.spec import find_specs, load_spec
from briefgen.workspace.yamlfile import suggest


@dataclass(frozen=True)
class SourceReport:
    """One source of a corpus: its document, or the error reading it, and its warnings."""

    entry: SourceEntry
    document: Document | None
    warnings: tuple[str, ...]
    error: str | None = None
    # CSL fields the text supplied (the catalogue did not), and where each was found:
    # ("issued", "byline, line 3"), ("title", "file name").
    inferred: tuple[tuple[str, str], ...] = ()

    @property
    def zone_counts(self) -> Counter[Zone]:
        """Paragraphs per zone."""
        if self.document is None:
            return Counter()
        return Counter(p.zone for p in self.document.paragraphs)


def default_corpora(root: Path) -> list[Path]:
    """The corpus folders the workspace's brief specs name, without repeats."""
    corpora: list[Path] = []
    for path in find_specs(root / "briefs"):
        corpus = load_spec(path).corpus
        if corpus not in corpora:
            corpora.append(corpus)
    return corpora


def survey(corpus: Path) -> list[SourceReport]:
    """Every source of a corpus, ingested; a source that cannot be read carries the reason."""
    return [_report(corpus, entry) for entry in load_catalogue(corpus)]


def _report(corpus: Path, entry: SourceEntry) -> SourceReport:
    warnings: tuple[str, ...] = (
        () if entry.catalogued else (f"no entry in {corpus.name}/sources.yaml",)
    )
    try:
        with contained(entry.path, "reading"):
            document = ingest_document(entry, SourceLimits())
    except BriefgenError as exc:
        return SourceReport(entry, None, warnings, str(exc))
    inferred = _inferred_fields(entry, document)
    if "issued" not in document.entry.csl:
        catalogue = f"{corpus.name}/sources.yaml"
        where = (
            f"to its entry in {catalogue}"
            if entry.catalogued
            else f"in an entry for it in {catalogue} (`id: {entry.id}`, `file: {entry.path.name}`)"
        )
        warnings += (
            "no date: the text states none, so notes read 'n.d.' and relative dates "
            f"('last year') cannot be resolved; add `issued: YYYY-MM-DD` {where}",
        )
    return SourceReport(document.entry, document, (*warnings, *document.warnings), None, inferred)


# The CSL fields `briefgen sources` reports the provenance of, and the TextMetadata field
# that holds each (the rest are kept under their CSL key).
_PROVENANCE_FIELDS = {
    "title": "title",
    "author": "authors",
    "issued": "date",
    "publisher": "publisher",
    "URL": "url",
}


def _inferred_fields(entry: SourceEntry, document: Document) -> tuple[tuple[str, str], ...]:
    """The CSL fields the document's text filled in, each with where it was found."""
    found = []
    for key in document.entry.csl:
        if key in entry.csl or key in ("id", "type"):
            continue
        field = _PROVENANCE_FIELDS.get(key, key)
        where = dict(document.metadata.where).get(field)
        if key == "title" and where is None:
            where = "file name"
        found.append((key, where or "the text"))
    return tuple(found)


def find_source(corpus: Path, name: str) -> SourceReport:
    """The source of a corpus named by id, file name or path; ConfigError with close matches.

    Only that source is read.
    """
    entries = load_catalogue(corpus)
    for entry in entries:
        if name in (entry.id, entry.path.name) or Path(name).resolve() == entry.path.resolve():
            return _report(corpus, entry)
    known = [e.id for e in entries] + [e.path.name for e in entries]
    raise ConfigError(
        [f"no source '{name}' in {corpus}{suggest(name, known)}; see `briefgen sources`"]
    )


def annotated_text(document: Document, zones: bool) -> str:
    """The canonical text, each paragraph under its number (and zone) as pinpoints cite it."""
    lines: list[str] = []
    for paragraph in document.paragraphs:
        label = f"¶{paragraph.number}"
        if zones:
            label += f" [{paragraph.zone}]"
        lines.append(label)
        body = document.text[paragraph.start : paragraph.end]
        lines.extend(f"    {line}" for line in body.splitlines())
        lines.append("")
    return "\n".join(lines)
