"""The brief's JSON export: a public interface (see DESIGN.md); keys are never renamed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefgen.core.jsontext import pretty_json
from briefgen.model import Brief, BriefActor, SourceEntry, Statement

EXPORT_VERSION = 1


def _date_fields(statement: Statement) -> dict[str, Any]:
    """date (YYYY[-MM[-DD]]) plus what the ISO form cannot say: precision, part, end."""
    if statement.date is None:
        return {}
    fields: dict[str, Any] = {"date": statement.date.iso()}
    fields["precision"] = "range" if statement.end else str(statement.date.precision)
    if statement.date.part:
        fields["part"] = statement.date.part
    if statement.end is not None:
        fields["end"] = statement.end.iso()
    return fields


def _statement(statement: Statement) -> dict[str, Any]:
    item: dict[str, Any] = {"id": statement.id, "text": statement.text}
    item.update(_date_fields(statement))
    if statement.kind:
        item["kind"] = statement.kind
    if statement.participants:
        item["participants"] = list(statement.participants)
    item["support"] = statement.support
    if statement.rank is not None:
        item["rank"] = statement.rank
    if statement.likelihood is not None:
        likelihood = statement.likelihood
        item["likelihood"] = {
            "phrase": likelihood.phrase,
            "term": likelihood.term,
            "range": [likelihood.low, likelihood.high],
            "scale": "ICD 203",
        }
    if statement.conflicts:
        item["conflicts"] = [
            {"text": c.text, "citation": c.anchor.to_json()} for c in statement.conflicts
        ]
    # The text is the first `quoted` citations' display text, joined, with `edits` applied
    # (DESIGN.md, editorial edits); `check` re-verifies it. An analyst's rewording keeps
    # that text as `source_text`; the desk's own line says so (`author`).
    if statement.author != "source":
        item["author"] = statement.author
    else:
        item["quoted"] = statement.quoted
        item["edits"] = [e.to_json() for e in statement.edits]
    if statement.source_text is not None:
        item["reworded"] = True
        item["source_text"] = statement.source_text
    item["citations"] = [a.to_json() for a in statement.citations]
    return item


def brief_to_json(brief: Brief, root: Path) -> dict[str, Any]:
    """The export document; source paths are relative to `root` (the workspace) if inside it."""
    root = root.resolve()  # once: a large corpus's export names every source
    document: dict[str, Any] = {
        "version": EXPORT_VERSION,
        "brief": {
            "id": brief.id,
            "title": brief.title,
            "audience": brief.audience,
            "as_of": brief.as_of.iso(),
        },
        "sources": [_source(e, root) for e in brief.sources],
        "sections": [
            {
                "id": section.id.value,
                "title": section.title,
                "statements": [_statement(s) for s in section.statements],
            }
            for section in brief.sections
        ],
        "actors": [_actor(a) for a in brief.actors],
        "timeline": [_statement(s) for s in brief.timeline],
    }
    if brief.stale_review:  # the analyst's edits that no longer name a statement
        document["review"] = {"stale": list(brief.stale_review)}
    if brief.left_out:  # the brief is incomplete: say which sources it lacks, and why
        document["left_out"] = [
            {"id": s.source, "path": _relative(s.path, root), "reason": s.reason}
            for s in brief.left_out
        ]
    return document


def _actor(actor: BriefActor) -> dict[str, Any]:
    """A profile: `description` is a statement (text, quoted, edits, citations) that
    `check` verifies like any other; each relation names the other actor by id."""
    item: dict[str, Any] = {
        "id": actor.id,
        "name": actor.name,
        "aliases": list(actor.aliases),
        "kind": actor.kind,
        "rank": actor.rank,
        "roles": list(actor.roles),
        "titles": list(actor.titles),
        "mentions": actor.mentions,
        "sources": actor.sources,
        "citations": [c.to_json() for c in actor.citations],
    }
    if actor.description is not None:
        description = _statement(actor.description)
        item["description"] = {
            key: description[key] for key in ("id", "text", "quoted", "edits", "citations")
        }
    if actor.relations:
        item["relations"] = [
            {"type": r.kind, "actor": r.actor, "citations": [c.to_json() for c in r.citations]}
            for r in actor.relations
        ]
    return item


def _source(entry: SourceEntry, root: Path) -> dict[str, Any]:
    item: dict[str, Any] = {"id": entry.id, "path": _relative(entry.path, root)}
    if entry.encoding:  # `check` must decode the file as the build did
        item["encoding"] = entry.encoding
    item["csl"] = {**entry.csl, "id": entry.id}
    return item


def dumps(document: dict[str, Any]) -> str:
    """Stable, diff-able JSON text."""
    return pretty_json(document)


def _relative(path: Path, root: Path) -> str:
    resolved = path.resolve()
    try:
        return resolved.relative_to(root).as_posix()
    except ValueError:
        return resolved.as_posix()
