"""Structured summaries as files: one per source, stable key order, cached by content hash.

The cache key covers everything a summary depends on: the source's canonical text, its
catalogue entry, the zones cited, the extractor version, and briefgen's own code and
lexicons.
Change any of them and the summary is drawn again; otherwise it is read back, so a rebuild
after editing one source re-extracts only that source.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from briefgen.core.digest import code_fingerprint
from briefgen.core.fileio import write_atomic
from briefgen.core.jsontext import pretty_json, read_json
from briefgen.model import (
    ZONE_BY_VALUE,
    Actor,
    Anchor,
    Claim,
    Description,
    Document,
    Edit,
    Event,
    Likelihood,
    PartialDate,
    Quoting,
    Relation,
    Role,
    SectionId,
    SourceSummary,
    Zone,
)

SUMMARY_FORMAT = 3  # 2: date_mentions; 3: quoting (editorial edits)


def cache_key(document: Document, citable: frozenset[Zone], extractor_version: str) -> str:
    """The content hash a document's summary is filed under."""
    digest = hashlib.sha256()
    # The canonical text stands for the file: the code that derives it is hashed too.
    digest.update(document.text.encode())
    entry = {"id": document.id, "csl": document.entry.csl}
    digest.update(json.dumps(entry, sort_keys=True, default=str).encode())
    digest.update(",".join(sorted(citable)).encode())
    digest.update(f"{extractor_version}/{SUMMARY_FORMAT}/{code_fingerprint()}".encode())
    return digest.hexdigest()


def load_cached(folder: Path, key: str) -> SourceSummary | None:
    """The cached summary under `key`, or None if absent or unreadable (then re-drawn)."""
    path = folder / f"{key}.json"
    try:
        return summary_from_json(read_json(path))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store(folder: Path, key: str, summary: SourceSummary) -> None:
    """Files a summary under its key, atomically."""
    write_atomic(folder / f"{key}.json", dumps(summary_to_json(summary)).encode())


def dumps(data: dict[str, Any]) -> str:
    """Stable, diff-able JSON text."""
    return pretty_json(data)


def write_date(date: PartialDate | None) -> dict[str, Any] | None:
    if date is None:
        return None
    item: dict[str, Any] = {"iso": date.iso(), "precision": str(date.precision)}
    if date.part:
        item["part"] = date.part
    return item


def read_date(item: dict[str, Any] | None) -> PartialDate | None:
    if item is None:
        return None
    year, *rest = (int(p) for p in item["iso"].split("-"))
    month, day = [*rest, None, None][:2]
    return PartialDate(year, month, day, item.get("part"))


def _read_anchor(item: dict[str, Any]) -> Anchor:
    return Anchor(
        item["source"],
        item["paragraph"],
        item["start"],
        item["end"],
        item["quote"],
        ZONE_BY_VALUE[item.get("zone", "body")],
    )


def _write_quoting(quoting: Quoting) -> dict[str, Any]:
    return {
        "lead": [a.to_json() for a in quoting.lead],
        "edits": [e.to_json() for e in quoting.edits],
        "context": [a.to_json() for a in quoting.context],
    }


def _read_edits(items: list[dict[str, Any]]) -> tuple[Edit, ...]:
    return tuple(Edit(e["type"], e["start"], e["end"], e["text"]) for e in items)


def _read_quoting(item: dict[str, Any]) -> Quoting:
    return Quoting(
        lead=tuple(_read_anchor(a) for a in item["lead"]),
        edits=_read_edits(item["edits"]),
        context=tuple(_read_anchor(a) for a in item["context"]),
    )


def summary_to_json(summary: SourceSummary) -> dict[str, Any]:
    """The summary as plain data, in a fixed order."""
    return {
        "format": SUMMARY_FORMAT,
        "source": summary.source,
        "actors": [
            {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "aliases": list(a.aliases),
                "mention_count": len(a.mentions),
                "roles": [{"text": r.text, "anchor": r.anchor.to_json()} for r in a.roles],
                "mentions": [m.to_json() for m in a.mentions],
                "descriptions": [
                    {
                        "text": d.text,
                        "anchor": d.anchor.to_json(),
                        "strength": d.strength,
                        "edits": [e.to_json() for e in d.edits],
                    }
                    for d in a.descriptions
                ],
            }
            for a in summary.actors
        ],
        "events": [
            {
                "date": write_date(e.date),
                "end": write_date(e.end),
                "kind": e.kind,
                "participants": list(e.participants),
                "text": e.text,
                "anchor": e.anchor.to_json(),
                "quoting": _write_quoting(e.quoting),
            }
            for e in summary.events
        ],
        "claims": [
            {
                "section": str(c.section),
                "score": c.score,
                "likelihood": None
                if c.likelihood is None
                else {
                    "phrase": c.likelihood.phrase,
                    "term": c.likelihood.term,
                    "range": [c.likelihood.low, c.likelihood.high],
                },
                "text": c.text,
                "anchor": c.anchor.to_json(),
                "quoting": _write_quoting(c.quoting),
                "date": write_date(c.date),
                "narrative": write_date(c.narrative),
            }
            for c in summary.claims
        ],
        "date_mentions": [list(pair) for pair in summary.date_mentions],
        "relations": [
            {"type": r.kind, "subject": r.subject, "object": r.object, "anchor": r.anchor.to_json()}
            for r in summary.relations
        ],
    }


def summary_from_json(data: dict[str, Any]) -> SourceSummary:
    """Reads back what `summary_to_json` wrote; raises KeyError/ValueError if it is not."""
    if data.get("format") != SUMMARY_FORMAT:
        raise ValueError("summary written in another format")
    return SourceSummary(
        source=data["source"],
        actors=tuple(
            Actor(
                id=a["id"],
                name=a["name"],
                kind=a["kind"],
                aliases=tuple(a["aliases"]),
                roles=tuple(Role(r["text"], _read_anchor(r["anchor"])) for r in a["roles"]),
                mentions=tuple(_read_anchor(m) for m in a["mentions"]),
                descriptions=tuple(
                    Description(
                        d["text"], _read_anchor(d["anchor"]), d["strength"], _read_edits(d["edits"])
                    )
                    for d in a["descriptions"]
                ),
            )
            for a in data["actors"]
        ),
        events=tuple(
            Event(
                date=read_date(e["date"]) or PartialDate(0),
                kind=e["kind"],
                text=e["text"],
                anchor=_read_anchor(e["anchor"]),
                end=read_date(e["end"]),
                participants=tuple(e["participants"]),
                quoting=_read_quoting(e["quoting"]),
            )
            for e in data["events"]
        ),
        claims=tuple(
            Claim(
                section=SectionId(c["section"]),
                text=c["text"],
                anchor=_read_anchor(c["anchor"]),
                score=c["score"],
                likelihood=None
                if c["likelihood"] is None
                else Likelihood(
                    c["likelihood"]["phrase"],
                    c["likelihood"]["term"],
                    *c["likelihood"]["range"],
                ),
                quoting=_read_quoting(c["quoting"]),
                date=read_date(c["date"]),
                narrative=read_date(c["narrative"]),
            )
            for c in data["claims"]
        ),
        date_mentions=tuple((date, count) for date, count in data["date_mentions"]),
        relations=tuple(
            Relation(r["type"], r["subject"], r["object"], _read_anchor(r["anchor"]))
            for r in data["relations"]
        ),
    )
