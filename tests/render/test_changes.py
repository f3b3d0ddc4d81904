"""Comparing two editions' exports: matched by what statements cite, not by their ids."""

from __future__ import annotations

import copy
from typing import Any

from briefgen.render.changes import (
    EditionChanges,
    EditionRecord,
    Snapshot,
    changes_markdown,
    compare_editions,
    edition_for,
)


def _anchor(quote: str, start: int, source: str = "a") -> dict[str, Any]:
    return {
        "source": source,
        "paragraph": 1,
        "start": start,
        "end": start + len(quote),
        "quote": quote,
    }


def _export() -> dict[str, Any]:
    return {
        "brief": {"id": "b", "title": "T", "audience": "analyst", "as_of": "2022"},
        "sources": [{"id": "a", "path": "a.txt", "csl": {"title": "Source A"}}],
        "sections": [
            {
                "id": "background",
                "title": "Background",
                "statements": [
                    {"id": "bg-1", "text": "One.", "citations": [_anchor("One.", 0)]},
                    {"id": "bg-2", "text": "Two.", "citations": [_anchor("Two.", 10)]},
                ],
            },
            {
                "id": "timeline",
                "title": "Timeline",
                "statements": [
                    {
                        "id": "ev-1",
                        "text": "Met.",
                        "date": "2021-05",
                        "citations": [_anchor("Met.", 20)],
                    }
                ],
            },
        ],
        "actors": [{"id": "actor-x", "name": "X", "kind": "person"}],
        "timeline": [
            {"id": "ev-1", "text": "Met.", "date": "2021-05", "citations": [_anchor("Met.", 20)]}
        ],
    }


def _snapshot(export: dict[str, Any], digest: str = "d1") -> Snapshot:
    return Snapshot("2026-01-01T00:00:00Z", {"a": digest}, export)


def test_shifted_offsets_are_not_changes() -> None:
    old = _export()
    new = copy.deepcopy(old)
    for section in new["sections"]:
        for statement in section["statements"]:
            for anchor in statement["citations"]:
                anchor["start"] += 100
                anchor["end"] += 100
            statement["id"] += "-moved"
    changes = compare_editions(_snapshot(old), _snapshot(new, "d2"), ["source 'a' modified"])
    assert changes.is_empty() is False  # the source itself was modified...
    assert [s.id for s in changes.sources_modified] == ["a"]
    assert not changes.statements_added and not changes.statements_removed  # ...not its claims


def test_added_removed_redated_and_new_actors() -> None:
    old = _export()
    new = copy.deepcopy(old)
    new["sections"][0]["statements"][1] = {
        "id": "bg-3",
        "text": "Three.",
        "citations": [_anchor("Three.", 30)],
    }
    new["timeline"][0]["date"] = "2021-06-02"
    new["actors"].append({"id": "actor-y", "name": "Y", "kind": "organisation"})
    changes = compare_editions(_snapshot(old), _snapshot(new))

    assert [(i.id, i.text, i.where) for i in changes.statements_added] == [
        ("bg-3", "Three.", "Background")
    ]
    assert [i.text for i in changes.statements_removed] == ["Two."]
    assert [(i.text, i.before, i.where) for i in changes.events_redated] == [
        ("Met.", "2021-05", "2021-06-02")
    ]
    assert not changes.events_added and not changes.events_removed
    assert [i.text for i in changes.actors_added] == ["Y"]
    assert changes.new_ids == {"bg-3"}

    report = changes_markdown(changes)
    assert "Compared with the edition built 2026-01-01 00:00:00 UTC." in report
    assert "## Statements added (1)\n\n- Background: Three.\n" in report
    assert "- Met. (May 2021 -> 2 June 2021)" in report
    assert "## New actors (1)\n\n- Y\n" in report


def test_a_first_edition_has_nothing_to_compare() -> None:
    changes = compare_editions(None, _snapshot(_export()), ["not built yet"])
    assert changes.previous is None and changes.is_empty() and changes.new_ids == frozenset()
    assert "First edition" in changes_markdown(changes)
    assert "Rebuilt because" not in changes_markdown(changes)


def test_an_edition_whose_brief_is_unchanged_stands() -> None:
    old, new = _export(), _export()
    new["sections"][0]["statements"].pop()
    earlier = compare_editions(_snapshot(old), _snapshot(new))
    record = EditionRecord(_snapshot(new), earlier)

    # --force or a template tweak: the same edition, the same report, byte for byte.
    snapshot, same = edition_for(record, "2026-02-02T00:00:00Z", {"a": "d1"}, new, ["--force"])
    assert snapshot == record.snapshot and same == earlier

    # A source edited without changing the brief: the edition stands as issued.
    snapshot, same = edition_for(
        record, "2026-02-02T00:00:00Z", {"a": "d2", "b": "d9"}, new, ["source 'a' modified"]
    )
    assert snapshot == record.snapshot  # its build time and sources as issued
    assert same.unchanged_by == ("a", "b")
    assert same.statements_removed == earlier.statements_removed  # not "nothing"
    assert same.sources_modified == () and same.reasons == earlier.reasons
    report = changes_markdown(same)
    assert "This edition stands: 2 sources changed since it was built (`a`, `b`)" in report
    assert "Rebuilt because" not in report
    assert EditionRecord.from_json(record.to_json()) == record
    assert EditionChanges.from_json(same.to_json()) == same

    # The next new edition is compared with the one readers have: the source edited while
    # that edition stood counts as revised.
    newer = copy.deepcopy(new)
    newer["sections"][0]["statements"][0]["text"] = "One, restated."
    newer["sections"][0]["statements"][0]["citations"] = [_anchor("One, restated.", 0)]
    snapshot, changes = edition_for(record, "2026-03-03T00:00:00Z", {"a": "d3"}, newer, [])
    assert snapshot.generated == "2026-03-03T00:00:00Z" and not changes.unchanged_by
    assert changes.previous == record.snapshot.generated
    assert [s.id for s in changes.sources_modified] == ["a"]
    assert [i.text for i in changes.statements_added] == ["One, restated."]


def test_changes_round_trip_through_json() -> None:
    old = _export()
    new = copy.deepcopy(old)
    new["timeline"].append(
        {
            "id": "ev-2",
            "text": "Ceasefire.",
            "date": "2022",
            "citations": [_anchor("Ceasefire.", 40)],
        }
    )
    changes = compare_editions(_snapshot(old), _snapshot(new), ["source 'a' modified"])
    assert EditionChanges.from_json(changes.to_json()) == changes
    assert [i.where for i in changes.events_added] == ["2022"]
