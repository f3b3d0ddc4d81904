"""The timeline holds events, on their dates: on the shipped corpus and on the wild corpus
(a topic unlike the seeds), at least nine in ten of the entries an edition keeps are
events that happened on the date given, by the hand labels of tests/gold/timeline-labels.yaml.
Every negotiation milestone of the shipped corpus's gold is there too.

Mutations this catches, each tried: dropping the span rule ("since 2014" dated as an
event), letting untyped dated sentences in from notes and reference lists, dating an event
by the report that mentions it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefgen.compose.timeline import NEGOTIATION_EVENTS
from tests.conftest import REPO, run_cli
from tests.gold.score import load_gold
from tests.test_wild_corpus import wild_workspace

LABELS = yaml.safe_load((REPO / "tests" / "gold" / "timeline-labels.yaml").read_text("utf-8"))


def _labelled(brief: dict[str, Any], labels: list[dict[str, Any]]) -> tuple[int, list[str]]:
    """(entries that are events, the entries that are not or carry no label)."""
    known = {(x["source"], x["paragraph"], str(x["date"])): x["event"] for x in labels}
    events, others = 0, []
    for entry in brief["timeline"]:
        first = entry["citations"][0]
        label = known.get((first["source"], first["paragraph"], entry["date"]))
        if label:
            events += 1
        else:
            state = "not an event" if label is False else "no label"
            others.append(f"{state}: {first['source']} ¶{first['paragraph']} {entry['date']}")
    return events, others


@pytest.mark.slow
def test_the_shipped_timeline_is_events_on_their_dates(default_build: tuple[Path, Any]) -> None:
    out, result = default_build
    assert result.returncode == 0, result.stderr
    brief = json.loads((out / "pakistan-ttp" / "analyst.json").read_text(encoding="utf-8"))
    events, others = _labelled(brief, LABELS["pakistan-ttp"])
    assert len(brief["timeline"]) >= 20
    assert events >= 0.9 * len(brief["timeline"]), "\n".join(others)


@pytest.mark.slow
def test_every_negotiation_milestone_of_the_gold_is_on_the_timeline(
    default_build: tuple[Path, Any],
) -> None:
    out, _ = default_build
    brief = json.loads((out / "pakistan-ttp" / "analyst.json").read_text(encoding="utf-8"))
    shown = [
        (c["source"], c["paragraph"], entry["date"])
        for entry in brief["timeline"]
        for c in entry["citations"]
    ]

    def there(event: dict[str, Any]) -> bool:
        # Its passage cited at its date or a finer one another source gives ("2021-11"
        # for "2021"): dates as precise as any source gives.
        date = str(event["date"])
        return any(
            (s, p) == (event["source"], event["paragraph"]) and d.startswith(date)
            for s, p, d in shown
        )

    milestones = [e for e in load_gold()["events"] if e["kind"] in NEGOTIATION_EVENTS]
    assert len(milestones) >= 10
    assert [e for e in milestones if not there(e)] == []


@pytest.mark.slow
def test_the_wild_timeline_is_events_on_their_dates(tmp_path: Path) -> None:
    root = wild_workspace(tmp_path)
    assert run_cli(root, "build", "--format", "json").returncode == 0
    brief = json.loads((root / "_build" / "tavrin" / "analyst.json").read_text(encoding="utf-8"))
    events, others = _labelled(brief, LABELS["tavrin"])
    assert len(brief["timeline"]) >= 10
    assert events >= 0.9 * len(brief["timeline"]), "\n".join(others)
