"""Check: re-verify every anchor of built JSON briefs against the sources' canonical text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from briefgen.compose.review import unsupported_words
from briefgen.errors import BriefgenError
from briefgen.extract.edits import apply_edits, edit_problem, join_quotes
from briefgen.ingest import read_canonical_text
from briefgen.ingest.display import case_repairs_for, display_text
from briefgen.ingest.segment import block_spans
from briefgen.model import Edit


def _anchors(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for section in document.get("sections", []):
        for statement in section.get("statements", []):
            for anchor in statement.get("citations", []):
                yield f"statement {statement.get('id')}", anchor
    for actor in document.get("actors", []):
        for anchor in actor.get("citations", []):
            yield f"actor {actor.get('id')}", anchor
        for anchor in actor.get("description", {}).get("citations", []):
            yield f"actor {actor.get('id')} description", anchor
        for relation in actor.get("relations", []):
            for anchor in relation.get("citations", []):
                yield f"actor {actor.get('id')} relation {relation.get('type')}", anchor
    for entry in document.get("timeline", []):
        for anchor in entry.get("citations", []):
            yield f"timeline {entry.get('id')}", anchor


def _statements(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for section in document.get("sections", []):
        for statement in section.get("statements", []):
            yield f"statement {statement.get('id')}", statement
    for entry in document.get("timeline", []):
        yield f"timeline {entry.get('id')}", entry
    for actor in document.get("actors", []):
        if "description" in actor:
            yield f"actor {actor.get('id')} description", actor["description"]


def _text_problem(statement: dict[str, Any], shown: list[str]) -> str | None:
    """Why a statement's text is not its quotes with its declared edits, or None.

    `shown` is the display text of each citation's quote (as the source reads now)."""
    if statement.get("author", "source") != "source":
        return None  # the desk's own line: its anchors are checked, its words are its own
    quoted = statement.get("quoted", 1)
    if not isinstance(quoted, int) or not 1 <= quoted <= len(shown):
        return f"quoted={quoted!r} does not name its citations"
    base = join_quotes(shown[:quoted])
    try:
        edits = [
            Edit(e["type"], e["start"], e["end"], e["text"]) for e in statement.get("edits", [])
        ]
    except (KeyError, TypeError):
        return "an edit lacks its type, start, end or text"
    for edit in edits:
        problem = edit_problem(edit, base, shown)
        if problem is not None:
            return problem
    # A reworded line: the quotes with the edits give its `source_text`, and the
    # analyst's words keep every number and name of the quotes (compose/review.py).
    source = statement.get("source_text") if statement.get("reworded") else statement.get("text")
    if apply_edits(base, edits) != source:
        return "the text is not its quotes with the declared edits"
    if statement.get("reworded"):
        missing = unsupported_words(str(statement.get("text", "")), shown)
        if missing:
            return f"the reworded text has {', '.join(missing)}, which no quote gives"
    return None


def _load_source(
    source: dict[str, Any], root: Path
) -> tuple[str, list[tuple[int, int]]] | BriefgenError:
    """A source's canonical text and paragraph spans, or the error reading it."""
    source_path = Path(source["path"])
    if not source_path.is_absolute():
        source_path = root / source_path
    try:
        text = read_canonical_text(source_path, source.get("encoding"))
    except BriefgenError as exc:
        return exc
    return text, block_spans(text)


def check_brief_file(path: Path, root: Path) -> tuple[int, list[str]]:
    """(anchors checked, problems) for one JSON brief; source paths resolve against `root`."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        return 0, [f"{path}: cannot read the brief: {exc}"]
    sources = {s["id"]: s for s in document.get("sources", [])}
    texts: dict[str, tuple[str, list[tuple[int, int]]] | BriefgenError] = {}
    problems: list[str] = []
    checked = 0
    for owner, anchor in _anchors(document):
        checked += 1
        source_id = str(anchor.get("source"))
        where = f"{path}: {owner}: anchor {source_id}:{anchor.get('start')}-{anchor.get('end')}"
        if source_id not in sources:
            problems.append(f"{where}: source '{source_id}' is not listed in the brief")
            continue
        if source_id not in texts:
            texts[source_id] = _load_source(sources[source_id], root)
        loaded = texts[source_id]
        if isinstance(loaded, BriefgenError):
            problems.append(f"{where}: {loaded}")
            continue
        text, spans = loaded
        start, end = anchor.get("start"), anchor.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start <= end:
            problems.append(f"{where}: start/end are not a valid span")
            continue
        actual = text[start:end]
        if actual != anchor.get("quote"):
            problems.append(f"{where}: quote differs from the source: {actual[:80]!r}")
            continue
        number = anchor.get("paragraph")
        if not isinstance(number, int) or not 1 <= number <= len(spans):
            problems.append(f"{where}: paragraph {number} does not exist")
        elif not (spans[number - 1][0] <= start and end <= spans[number - 1][1]):
            problems.append(f"{where}: quote is not inside paragraph {number}")
    problems += _check_texts(path, document, texts)
    return checked, problems


def _check_texts(
    path: Path,
    document: dict[str, Any],
    texts: dict[str, tuple[str, list[tuple[int, int]]] | BriefgenError],
) -> list[str]:
    """Every statement's text against the words its anchors point to in the sources, with
    its declared edits. A statement whose source could not be read, or whose anchor lies
    outside its source, is reported above and not again here."""
    problems = []
    for owner, statement in _statements(document):
        shown = []
        for anchor in statement.get("citations", []):
            loaded = texts.get(str(anchor.get("source")))
            start, end = anchor.get("start"), anchor.get("end")
            if (
                not isinstance(loaded, tuple)
                or not isinstance(start, int)
                or not isinstance(end, int)
            ):
                break
            source_text = loaded[0]
            if not 0 <= start <= end <= len(source_text):
                break
            shown.append(display_text(source_text[start:end], case_repairs_for(source_text)))
        else:
            problem = _text_problem(statement, shown)
            if problem is not None:
                problems.append(f"{path}: {owner}: {problem}: {statement.get('text', '')[:80]!r}")
    return problems


def check_outputs(folder: Path, root: Path) -> tuple[int, int, list[str]]:
    """(files, anchors, problems) over every *.json brief below `folder`."""
    if not folder.exists():
        raise BriefgenError(f"{folder}: no such folder; build the briefs first")
    files = sorted(
        p
        for p in folder.rglob("*.json")
        if not p.name.endswith(".changes.json")
        and not p.name.startswith("_")  # the build manifest
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)  # caches, records
    )
    total = 0
    problems: list[str] = []
    for path in files:
        checked, found = check_brief_file(path, root)
        total += checked
        problems.extend(found)
    return len(files), total, problems
