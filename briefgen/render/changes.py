"""What changed between two editions of a brief, as `<audience>.changes.json` and `.md`.

Editions are compared as their JSON exports. A statement is matched by what it rests on,
its cited (source, quote) pairs, not by its id: an edit near the top of a source shifts
every offset after it (and so every id) without changing what the brief says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from briefgen.core.dates import human_iso_date
from briefgen.core.wording import counted, named_few

CHANGES_FORMAT = 1
_TIMELINE_SECTION = "timeline"  # reported with the timeline events, not twice


@dataclass(frozen=True)
class Snapshot:
    """An edition as the next build compares with: its export and its sources' digests."""

    generated: str
    sources: dict[str, str | None]
    brief: dict[str, Any]

    def same_content(self, other: Snapshot) -> bool:
        """Whether both are the same edition: equal sources and equal brief."""
        return self.sources == other.sources and self.brief == other.brief

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @staticmethod
    def from_json(data: dict[str, Any]) -> Snapshot:
        return Snapshot(data["generated"], data["sources"], data["brief"])


@dataclass(frozen=True)
class Item:
    """One added, removed or re-dated thing, with what a reader needs to recognise it."""

    id: str
    text: str
    where: str = ""  # a section title, a date or a source id
    before: str = ""  # a re-dated event's old date


@dataclass(frozen=True)
class EditionChanges:
    """The differences of an edition from the one before (`previous` None: the first)."""

    brief_id: str
    audience: str
    title: str
    previous: str | None  # when the previous edition was built
    sources_added: tuple[Item, ...] = ()
    sources_removed: tuple[Item, ...] = ()
    sources_modified: tuple[Item, ...] = ()
    statements_added: tuple[Item, ...] = ()
    statements_removed: tuple[Item, ...] = ()
    events_added: tuple[Item, ...] = ()
    events_redated: tuple[Item, ...] = ()
    events_removed: tuple[Item, ...] = ()
    actors_added: tuple[Item, ...] = ()
    reasons: tuple[str, ...] = field(default=())
    # Sources this edition had to do without (unreadable, or a bug while summarising):
    # said in every report while it lasts, not only when it starts.
    left_out: tuple[Item, ...] = ()
    # The analyst's review entries that name no statement of this edition any more.
    stale_review: tuple[str, ...] = ()
    # Sources edited, added or removed since this edition was built without changing a word
    # of it (the edition stands): ids, sorted.
    unchanged_by: tuple[str, ...] = ()

    @property
    def new_ids(self) -> frozenset[str]:
        """Ids of the statements and events new in this edition, for a 'new' marker."""
        return frozenset(i.id for i in (*self.statements_added, *self.events_added))

    def is_empty(self) -> bool:
        return not any(
            getattr(self, name)
            for name in self.__dataclass_fields__
            if name.startswith(("sources_", "statements_", "events_", "actors_"))
        )

    def to_json(self) -> dict[str, Any]:
        return {"format": CHANGES_FORMAT, **asdict(self)}

    @staticmethod
    def from_json(data: dict[str, Any]) -> EditionChanges:
        fields = {k: v for k, v in data.items() if k != "format"}
        for name, value in fields.items():
            if name.startswith(("sources_", "statements_", "events_", "actors_", "left_out")):
                fields[name] = tuple(Item(**item) for item in value)
        fields["reasons"] = tuple(fields.get("reasons", ()))
        fields["stale_review"] = tuple(fields.get("stale_review", ()))
        fields["unchanged_by"] = tuple(fields.get("unchanged_by", ()))
        return EditionChanges(**fields)


@dataclass(frozen=True)
class EditionRecord:
    """The last edition built for an audience and how it differed from the one before."""

    snapshot: Snapshot
    changes: EditionChanges

    def to_json(self) -> dict[str, Any]:
        return {"snapshot": self.snapshot.to_json(), "changes": self.changes.to_json()}

    @staticmethod
    def from_json(data: dict[str, Any]) -> EditionRecord:
        return EditionRecord(
            Snapshot.from_json(data["snapshot"]), EditionChanges.from_json(data["changes"])
        )


def edition_for(
    record: EditionRecord | None,
    generated: str,
    sources: dict[str, str | None],
    export: dict[str, Any],
    reasons: Sequence[str],
) -> tuple[Snapshot, EditionChanges]:
    """The edition a build makes of a brief's `export`, and the changes it shows.

    When the brief says what the last edition said (a source edited without changing the
    brief, a template tweak, --force), the last edition stands: its build time, the
    sources as they were when it was issued and the changes it showed, so its pages come
    out the same (and its PDF can be kept) and the next new edition is compared with the
    one readers have; the report adds the sources changed since, which changed nothing in
    it (the same for the same inputs, so --force rewrites nothing). Otherwise it is a new
    edition, compared with the last."""
    if record is not None and record.snapshot.brief == export:
        issued = record.snapshot.sources
        changed = sorted(i for i in {*issued, *sources} if issued.get(i) != sources.get(i))
        return record.snapshot, replace(record.changes, unchanged_by=tuple(changed))
    snapshot = Snapshot(generated, sources, export)
    return snapshot, compare_editions(record.snapshot if record else None, snapshot, reasons)


def compare_editions(
    previous: Snapshot | None, current: Snapshot, reasons: Sequence[str] = ()
) -> EditionChanges:
    """What `current` adds, removes and re-dates relative to `previous`."""
    brief = current.brief["brief"]
    base = EditionChanges(
        brief_id=brief["id"],
        audience=brief["audience"],
        title=brief["title"],
        previous=previous.generated if previous else None,
        reasons=tuple(reasons),
        left_out=tuple(
            Item(s["id"], s["reason"], s["path"]) for s in current.brief.get("left_out", ())
        ),
        stale_review=tuple(current.brief.get("review", {}).get("stale", ())),
    )
    if previous is None:
        return base
    old, new = previous.brief, current.brief
    old_sources, new_sources = _by_id(old["sources"]), _by_id(new["sources"])
    old_statements, new_statements = _statements(old), _statements(new)
    old_events, new_events = _by_key(old["timeline"]), _by_key(new["timeline"])
    old_actors = {a["name"] for a in old["actors"]}
    return replace(
        base,
        sources_added=tuple(
            _source_item(s) for i, s in new_sources.items() if i not in old_sources
        ),
        sources_removed=tuple(
            _source_item(s) for i, s in old_sources.items() if i not in new_sources
        ),
        sources_modified=tuple(
            _source_item(s)
            for i, s in new_sources.items()
            if i in old_sources and previous.sources.get(i) != current.sources.get(i)
        ),
        statements_added=tuple(s for k, s in new_statements.items() if k not in old_statements),
        statements_removed=tuple(s for k, s in old_statements.items() if k not in new_statements),
        events_added=tuple(_event_item(e) for k, e in new_events.items() if k not in old_events),
        events_redated=tuple(
            Item(e["id"], e["text"], e.get("date", ""), old_events[k].get("date", ""))
            for k, e in new_events.items()
            if k in old_events and _when(old_events[k]) != _when(e)
        ),
        events_removed=tuple(_event_item(e) for k, e in old_events.items() if k not in new_events),
        actors_added=tuple(
            Item(a["id"], a["name"], a.get("kind") or "")
            for a in new["actors"]
            if a["name"] not in old_actors
        ),
    )


def _by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


def _key(statement: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple((c["source"], c["quote"]) for c in statement.get("citations", []))


def _statements(export: dict[str, Any]) -> dict[tuple[tuple[str, str], ...], Item]:
    return {
        _key(s): Item(s["id"], s["text"], section["title"])
        for section in export["sections"]
        if section["id"] != _TIMELINE_SECTION
        for s in section["statements"]
    }


def _by_key(events: list[dict[str, Any]]) -> dict[tuple[tuple[str, str], ...], dict[str, Any]]:
    return {_key(e): e for e in events}


def _when(event: dict[str, Any]) -> tuple[Any, ...]:
    return (event.get("date"), event.get("part"), event.get("end"))


def _event_item(event: dict[str, Any]) -> Item:
    return Item(event["id"], event["text"], event.get("date", ""))


def _source_item(source: dict[str, Any]) -> Item:
    return Item(source["id"], str(source["csl"].get("title") or source["id"]), source["id"])


def changes_markdown(changes: EditionChanges) -> str:
    """The changes as a short Markdown report a reader can skim."""
    lines = [f"# What changed: {changes.title} ({changes.audience} edition)", ""]
    if changes.unchanged_by:
        lines += [
            f"This edition stands: {counted(len(changes.unchanged_by), 'source')} changed since "
            f"it was built ({named_few(changes.unchanged_by, mark='`')}) without changing what "
            "it says. What follows is what it changed when it was built.",
            "",
        ]
    if changes.previous is None:
        lines += ["First edition: there is no earlier edition to compare with.", ""]
    else:
        built = changes.previous.replace("T", " ").replace("Z", " UTC")
        lines += [f"Compared with the edition built {built}.", ""]
    if changes.reasons and changes.previous is not None and not changes.unchanged_by:
        lines += ["Rebuilt because: " + "; ".join(changes.reasons) + ".", ""]
    if changes.previous is not None and changes.is_empty():
        lines += ["No source, statement, event or actor changed.", ""]
    if changes.stale_review:
        lines += [f"## Review entries that no longer apply ({len(changes.stale_review)})", ""]
        lines += [f"- {line}" for line in changes.stale_review]
        lines.append("")
    if changes.left_out:
        lines += [f"## Sources left out of this edition ({len(changes.left_out)})", ""]
        lines += [f"- `{item.where}`: {item.text}" for item in changes.left_out]
        lines.append("")
    groups = [
        ("Sources added", changes.sources_added, _titled),
        ("Sources modified", changes.sources_modified, _titled),
        ("Sources removed", changes.sources_removed, _titled),
        ("Statements added", changes.statements_added, _in_section),
        ("Statements removed", changes.statements_removed, _in_section),
        ("New timeline events", changes.events_added, _dated),
        ("Re-dated timeline events", changes.events_redated, _redated),
        ("Timeline events removed", changes.events_removed, _dated),
        ("New actors", changes.actors_added, lambda i: i.text),
    ]
    for heading, items, line in groups:
        if items:
            lines += [f"## {heading} ({len(items)})", ""]
            lines += [f"- {line(item)}" for item in items]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _titled(item: Item) -> str:
    return f"{item.text} (`{item.id}`)"


def _in_section(item: Item) -> str:
    return f"{item.where}: {item.text}"


def _dated(item: Item) -> str:
    return f"{human_iso_date(item.where)}: {item.text}"


def _redated(item: Item) -> str:
    return f"{item.text} ({human_iso_date(item.before)} -> {human_iso_date(item.where)})"
