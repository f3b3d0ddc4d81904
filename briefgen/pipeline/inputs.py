"""What an edition is made from, read now: the digests the manifest compares with.

Reading them costs a hash of each source file and template; nothing is ingested or
rendered, so `status` and a no-op build stay cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.cite.csl import resolve_style
from briefgen.compose.edition_settings import Edition
from briefgen.core.digest import digest_file, digest_json, package_fingerprint
from briefgen.model import SourceEntry
from briefgen.pipeline.manifest import EditionInputs
from briefgen.workspace.curation import CURATION_FILE
from briefgen.workspace.review import review_path
from briefgen.workspace.spec import BriefSpec


def brief_settings(spec: BriefSpec, root: Path) -> dict[str, Any]:
    """The spec's settings that shape every edition's content."""
    return {
        "title": spec.title,
        "subtitle": spec.subtitle,
        "as_of": spec.as_of.iso() if spec.as_of else "newest source",
        "corpus": str(spec.corpus),
        "sources": list(spec.sources) if spec.sources is not None else "all",
        "reader_comments": spec.cite_reader_comments,
        "template_sandbox": spec.template_sandbox,  # a template may render differently
        "limits": [spec.limits.max_megabytes, spec.limits.max_characters],  # which are read
        "workspace": str(root.resolve()),  # the JSON export's paths are relative to it
        "review": digest_file(review_path(spec.path)),  # the analyst's edits
    }


def edition_settings(edition: Edition) -> dict[str, Any]:
    """An edition's resolved settings as plain values."""
    return {
        "template": edition.template,
        "sections": [str(s) for s in edition.layout.sections],
        "budget": {str(k): v for k, v in sorted(edition.layout.budget.items())},
        "max_pages": edition.max_pages,
        "max_citations": edition.layout.citations,
        "bibliography": edition.layout.bibliography,
        "citation_style": edition.citation_style,
        "paper": edition.paper,
        "marking": edition.marking,
        "organisation": edition.organisation,
        "logo": str(edition.logo) if edition.logo else None,
        "language": edition.language,
        "authors": list(edition.authors),
        "keywords": list(edition.keywords),
    }


@dataclass(frozen=True)
class CorpusDigests:
    """What every edition of a spec shares: its sources, their entries, the curation."""

    sources: dict[str, str | None]  # source id -> digest of the file's bytes
    catalogue: dict[str, str]  # source id -> digest of its catalogue entry
    curation: str | None


def corpus_digests(spec: BriefSpec, entries: Sequence[SourceEntry]) -> CorpusDigests:
    """The spec's corpus inputs as they are now: each file hashed once per build."""
    return CorpusDigests(
        sources={e.id: digest_file(e.path) for e in entries},
        catalogue={
            e.id: digest_json(
                {
                    "file": e.path.name,
                    "csl": e.csl,
                    "catalogued": e.catalogued,
                    "encoding": e.encoding,
                }
            )
            for e in entries
        },
        curation=digest_file(spec.corpus / CURATION_FILE),
    )


def edition_inputs(
    spec: BriefSpec, edition: Edition, corpus: CorpusDigests, *, root: Path
) -> EditionInputs:
    """The inputs of `edition` as they are now. Templates are left empty: which ones an
    output depends on is known from rendering it (and, after that, from its record)."""
    return EditionInputs(
        briefgen=package_fingerprint(),
        brief=brief_settings(spec, root),
        edition=edition_settings(edition),
        sources=corpus.sources,
        catalogue=corpus.catalogue,
        curation=corpus.curation,
        style=digest_file(resolve_style(edition.citation_style)),
        logo=digest_file(edition.logo) if edition.logo else None,
    )
