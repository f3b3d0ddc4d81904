"""The corpus catalogue: a CSL YAML file (`sources.yaml`) describing the sources in a folder.

CSL YAML is what pandoc and Zotero users already keep. briefgen adds one optional key,
`file`, naming the source file an entry describes; without it, a file whose stem equals
the entry's id is matched. Files nobody catalogued are still used, with a warning and the
metadata that can be inferred.
"""

from __future__ import annotations

import codecs
import json
import logging
import os
import re
from pathlib import Path
from typing import Any

from briefgen.core.dates import parse_iso_date
from briefgen.errors import ConfigError
from briefgen.model import SourceEntry
from briefgen.workspace.curation import CURATION_FILE
from briefgen.workspace.yamlfile import (
    KeyPath,
    line_of,
    load_validated,
    schema_problems,
    suggest,
)

# The files a corpus folder offers as sources: the formats ingest has a reader for (the
# readers check they cover exactly these).
SOURCE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")

log = logging.getLogger(__name__)

CATALOGUE_NAME = "sources.yaml"
# Or a CSL JSON export, as Zotero, Mendeley and Better BibTeX write it (an array of items).
CSL_JSON_NAME = "sources.json"
# The corpus folder's own data files, which are not sources.
_CORPUS_DATA_FILES = (CATALOGUE_NAME, CSL_JSON_NAME, CURATION_FILE)

# briefgen's own keys in a CSL entry: which file it describes and how that file is encoded.
_BRIEFGEN_KEYS = ("file", "encoding")
_COMMON_ENCODINGS = ["utf-8", "utf-16-le", "utf-16-be", "windows-1252", "latin-1", "cp1251"]

# The CSL 1.0.2 item types and variables; anything else in an entry is reported as unknown.
CSL_TYPES = [
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "bill",
    "book",
    "broadcast",
    "chapter",
    "classic",
    "collection",
    "dataset",
    "document",
    "entry",
    "entry-dictionary",
    "entry-encyclopedia",
    "event",
    "figure",
    "graphic",
    "hearing",
    "interview",
    "legal_case",
    "legislation",
    "manuscript",
    "map",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper-conference",
    "patent",
    "performance",
    "periodical",
    "personal_communication",
    "post",
    "post-weblog",
    "regulation",
    "report",
    "review",
    "review-book",
    "software",
    "song",
    "speech",
    "standard",
    "thesis",
    "treaty",
    "webpage",
]
_TEXT_VARIABLES = [
    "abstract",
    "annote",
    "archive",
    "archive_collection",
    "archive_location",
    "archive-place",
    "authority",
    "call-number",
    "citation-key",
    "collection-title",
    "container-title",
    "container-title-short",
    "dimensions",
    "division",
    "DOI",
    "edition",
    "event-place",
    "event-title",
    "genre",
    "ISBN",
    "ISSN",
    "jurisdiction",
    "keyword",
    "language",
    "license",
    "medium",
    "note",
    "number",
    "number-of-pages",
    "number-of-volumes",
    "original-publisher",
    "original-publisher-place",
    "original-title",
    "page",
    "part",
    "part-title",
    "PMCID",
    "PMID",
    "publisher",
    "publisher-place",
    "references",
    "reviewed-genre",
    "reviewed-title",
    "scale",
    "section",
    "source",
    "status",
    "title",
    "title-short",
    "URL",
    "version",
    "volume",
    "volume-title",
    "year-suffix",
    "collection-number",
    "chapter-number",
    "issue",
    "supplement-number",
]
_NAME_VARIABLES = [
    "author",
    "chair",
    "collection-editor",
    "compiler",
    "composer",
    "container-author",
    "contributor",
    "curator",
    "director",
    "editor",
    "editorial-director",
    "editor-translator",
    "executive-producer",
    "guest",
    "host",
    "illustrator",
    "interviewer",
    "narrator",
    "organizer",
    "original-author",
    "performer",
    "producer",
    "recipient",
    "reviewed-author",
    "script-writer",
    "series-creator",
    "translator",
]
_DATE_VARIABLES = [
    "accessed",
    "available-date",
    "event-date",
    "issued",
    "original-date",
    "submitted",
]

_NAME = {
    "type": "object",
    "properties": {
        key: {"type": "string"}
        for key in (
            "family",
            "given",
            "literal",
            "suffix",
            "dropping-particle",
            "non-dropping-particle",
        )
    },
    "additionalProperties": False,
    "anyOf": [{"required": ["family"]}, {"required": ["literal"]}],
}
_DATE = {
    "oneOf": [
        {"type": "string", "pattern": r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$"},
        {
            "type": "object",
            "properties": {
                "date-parts": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": 2,
                    "items": {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": 3,
                        "items": {"type": ["integer", "string"], "pattern": r"^\d+$"},
                    },
                },
                "literal": {"type": "string"},
                "circa": {"type": ["boolean", "string", "integer"]},
                "season": {"type": ["string", "integer"]},
                "raw": {"type": "string"},
            },
            "additionalProperties": False,
        },
    ]
}
_ENTRY: dict[str, Any] = {
    "type": "object",
    "required": ["id", "type"],
    "properties": {
        "id": {"type": "string", "pattern": r"^[A-Za-z0-9_][A-Za-z0-9_.:-]*$"},
        "type": {"enum": CSL_TYPES},
        "file": {"type": "string", "minLength": 1},
        "encoding": {"type": "string", "minLength": 1},
        **{name: {"type": ["string", "number"]} for name in _TEXT_VARIABLES},
        **{name: {"type": "array", "items": _NAME} for name in _NAME_VARIABLES},
        **{name: _DATE for name in _DATE_VARIABLES},
    },
    "additionalProperties": False,
}
CATALOGUE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["references"],
    "properties": {"references": {"type": "array", "items": _ENTRY}},
    "additionalProperties": False,
}


def load_catalogue(corpus: Path, cache: Path | None = None) -> list[SourceEntry]:
    """Every source in a corpus folder, matched to its catalogue entry, in file-name order.

    Raises ConfigError for a malformed catalogue or an entry whose file is missing; logs a
    warning for each file with no entry. `cache`: where a catalogue parsed and validated
    before is kept (`load_validated`).
    """
    if not corpus.is_dir():
        raise ConfigError([f"{corpus}: corpus folder not found"])
    catalogue_path = corpus / CATALOGUE_NAME
    entries: list[dict[str, Any]] = []
    lines: dict[KeyPath, int] = {}
    if catalogue_path.exists():
        data, lines = load_validated(catalogue_path, CATALOGUE_SCHEMA, cache)
        entries = data["references"]
    elif (corpus / CSL_JSON_NAME).exists():
        catalogue_path = corpus / CSL_JSON_NAME
        entries, lines = _load_csl_json(catalogue_path)
    files, refused = _corpus_files(corpus)
    by_name = {p.name: p for p in files}
    by_stem = {p.stem: p for p in files}
    problems: list[str] = []
    matched: dict[Path, SourceEntry] = {}
    seen_ids: set[str] = set()
    for index, item in enumerate(entries):
        entry_id = item["id"]
        where = f"{catalogue_path}:{line_of(lines, ('references', index))}"
        if entry_id in seen_ids:
            problems.append(f"{where}: references[{index}].id: duplicate id '{entry_id}'")
            continue
        seen_ids.add(entry_id)
        wanted = item.get("file")
        if wanted in refused:  # already reported, and skipped like any unreadable source
            continue
        path = by_name.get(wanted) if wanted else by_stem.get(entry_id)
        if path is None:
            missing = wanted or f"a file named {entry_id}.*"
            hint = suggest(wanted or entry_id, list(by_name if wanted else by_stem))
            problems.append(
                f"{where}: references[{index}]: source file {missing} not found in {corpus}"
                f"{hint}; add the file or remove the entry"
            )
            continue
        encoding = item.get("encoding")
        if encoding is not None and not _known_encoding(encoding):
            problems.append(
                f"{where}: references[{index}].encoding: unknown encoding '{encoding}'"
                f"{suggest(encoding, _COMMON_ENCODINGS)}"
            )
        csl = {k: v for k, v in item.items() if k not in _BRIEFGEN_KEYS}
        csl = _normalise_dates(csl)
        matched[path] = SourceEntry(id=entry_id, path=path, csl=csl, encoding=encoding)
    if problems:
        raise ConfigError(problems)
    result: list[SourceEntry] = []
    for path in files:
        if path in matched:
            result.append(matched[path])
        else:
            log.warning(
                "%s: no entry in %s; citing it with metadata inferred from the file",
                path,
                catalogue_path,
            )
            result.append(_inferred_entry(path, seen_ids))
    return result


def _load_csl_json(path: Path) -> tuple[list[dict[str, Any]], dict[KeyPath, int]]:
    """A CSL JSON catalogue's items, validated like the YAML one; each item's line is
    where its id is written, so errors name a line as they do for YAML."""
    text = path.read_text(encoding="utf-8-sig")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError([f"{path}:{exc.lineno}: not valid JSON: {exc.msg}"]) from None
    items = data.get("references") if isinstance(data, dict) else data
    lines: dict[KeyPath, int] = {}
    for index, item in enumerate(items if isinstance(items, list) else []):
        found = (
            re.search(rf'"id"\s*:\s*{re.escape(json.dumps(item.get("id")))}', text)
            if isinstance(item, dict)
            else None
        )
        if found is not None:
            lines[("references", index)] = text.count("\n", 0, found.start()) + 1
    wrapped = {"references": items}
    problems = schema_problems(wrapped, CATALOGUE_SCHEMA, path, lines)
    if problems:
        raise ConfigError(problems)
    assert isinstance(items, list)  # the schema asked for an array
    return items, lines


def _corpus_files(corpus: Path) -> tuple[list[Path], set[str]]:
    """The readable source files of a corpus folder, and the names of those refused.

    A symbolic link that leads outside the folder is refused: a corpus from elsewhere
    must not make a brief quote `/etc/passwd` or a colleague's home folder. Files of other
    formats (images, archives, notes) are skipped with a note, not a warning.
    """
    root = corpus.resolve()
    files: list[Path] = []
    refused: set[str] = set()
    skipped: list[str] = []
    # os.scandir, not Path.iterdir: its entries know their type without a stat each,
    # which a build with nothing to do pays for every source of a large corpus.
    with os.scandir(corpus) as listing:
        found = sorted(listing, key=lambda entry: entry.name)
    for entry in found:
        path = corpus / entry.name
        if entry.name.startswith(".") or entry.name in _CORPUS_DATA_FILES:
            continue
        if entry.is_symlink() and not path.resolve().is_relative_to(root):
            log.error(
                "Could not process %s: a symbolic link to %s, outside the corpus folder; "
                "copy the file into %s instead",
                path,
                path.resolve(),
                corpus,
            )
            refused.add(path.name)
        elif not entry.is_file():
            continue
        elif path.suffix.lower() in SOURCE_SUFFIXES:
            files.append(path)
        else:
            skipped.append(path.name)
    if skipped:
        log.info(
            "%s: skipped %d file(s) of formats briefgen does not read: %s",
            corpus,
            len(skipped),
            ", ".join(skipped),
        )
    return files, refused


def _known_encoding(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _normalise_dates(csl: dict[str, Any]) -> dict[str, Any]:
    """Turns `issued: 2011-03` strings into CSL date-parts, keeping their precision."""
    out = dict(csl)
    for name in _DATE_VARIABLES:
        value = out.get(name)
        if isinstance(value, str):
            date = parse_iso_date(value)
            parts = [date.year] + [p for p in (date.month, date.day) if p is not None]
            out[name] = {"date-parts": [parts]}
        elif isinstance(value, dict) and "date-parts" in value:
            out[name] = {
                **value,
                "date-parts": [[int(p) for p in part] for part in value["date-parts"]],
            }
    return out


def _inferred_entry(path: Path, taken: set[str]) -> SourceEntry:
    """A minimal CSL entry for an uncatalogued file; ingest fills it from the text."""
    base = re.sub(r"[^A-Za-z0-9_.:-]+", "-", path.stem).strip("-") or "source"
    entry_id = base
    counter = 2
    while entry_id in taken:
        entry_id = f"{base}-{counter}"
        counter += 1
    taken.add(entry_id)
    kind = "webpage" if path.suffix.lower() in (".html", ".htm") else "document"
    return SourceEntry(id=entry_id, path=path, csl={"id": entry_id, "type": kind}, catalogued=False)
