"""The curation file and the persisted per-source summaries (cache and `summarize`)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from briefgen.compose.roster import build_roster
from briefgen.errors import ConfigError
from briefgen.extract import CITABLE_ZONES
from briefgen.ingest import ingest_document
from briefgen.model import Actor, Anchor, SourceSummary
from briefgen.pipeline.sources import summary_of
from briefgen.pipeline.summary_cache import summary_from_json, summary_to_json
from briefgen.workspace.catalogue import load_catalogue
from briefgen.workspace.curation import load_curation
from tests.conftest import REPO, run_cli, write


def _actor(source: str, name: str, kind: str = "person", *aliases: str) -> Actor:
    mention = Anchor(source, 1, 0, len(name), name)
    return Actor("actor-" + name.lower().replace(" ", "-"), name, kind, aliases, (), (mention,))


SUMMARIES = [
    SourceSummary(
        "a",
        (
            _actor("a", "Siraj Haqqa"),
            _actor("a", "Front of the East", "organisation", "FE"),
            _actor("a", "Daud Zarkan"),
        ),
        (),
        (),
    ),
    SourceSummary(
        "b",
        (_actor("b", "Sirajuddin Haqqa"), _actor("b", "Front of the East", "organisation")),
        (),
        (),
    ),
]


def _curate(tmp_path: Path, text: str) -> tuple[list[str], list[str], dict[str, Actor]]:
    write(tmp_path / "curation.yaml", text)
    entries, warnings = build_roster(SUMMARIES, load_curation(tmp_path))
    return [e.actor.name for e in entries], warnings, {e.actor.name: e.actor for e in entries}


def test_without_curation_sources_merge_by_name_only(tmp_path: Path) -> None:
    names, warnings, actors = _curate(tmp_path, "actors: []\n")
    assert warnings == []
    assert sorted(names) == ["Daud Zarkan", "Front of the East", "Siraj Haqqa", "Sirajuddin Haqqa"]
    assert actors["Front of the East"].aliases == ("FE",)


def test_merge_rename_alias_split_and_drop(tmp_path: Path) -> None:
    names, warnings, actors = _curate(
        tmp_path,
        """actors:
  - merge: [Sirajuddin Haqqa, Siraj Haqqa]
  - name: FE
    rename: The Eastern Front
    aliases: [Eastern Front]
    kind: movement
  - drop: Daud Zarkan
""",
    )
    assert warnings == []
    assert sorted(names) == ["Sirajuddin Haqqa", "The Eastern Front"]
    assert actors["Sirajuddin Haqqa"].aliases == ("Siraj Haqqa",)
    front = actors["The Eastern Front"]
    assert front.kind == "movement" and "Eastern Front" in front.aliases
    names, warnings, actors = _curate(tmp_path, "actors:\n  - split: FE\n")
    assert warnings == [] and actors["Front of the East"].aliases == ()
    assert actors["FE"].mentions == ()


def test_stale_entries_are_reported_with_their_line(tmp_path: Path) -> None:
    _, warnings, _ = _curate(
        tmp_path, "actors:\n  - merge: [Siraj Haqqa, Nobody Here]\n  - split: Daud Zarkan\n"
    )
    assert warnings[0].endswith(
        "curation.yaml:2: no actor named 'Nobody Here' in the sources; "
        "fix or remove this curation entry"
    )
    assert "curation.yaml:3: 'Daud Zarkan' is the only name of its actor" in warnings[1]


def test_invalid_curation_names_file_line_and_key(tmp_path: Path) -> None:
    write(tmp_path / "curation.yaml", "actors:\n  - name: X\n    kind: planet\n")
    with pytest.raises(ConfigError) as caught:
        load_curation(tmp_path)
    assert f"{tmp_path / 'curation.yaml'}:2:" in str(caught.value)


def test_build_reports_a_stale_curation_entry(tmp_path: Path) -> None:
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    shutil.copytree(REPO / "briefs", tmp_path / "briefs")
    curation = tmp_path / "seeds" / "curation.yaml"
    line = len(curation.read_text(encoding="utf-8").splitlines()) + 1
    with curation.open("a", encoding="utf-8") as file:
        file.write("  - drop: Nobody By This Name\n")
    result = run_cli(tmp_path, "build", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "no actor named 'Nobody By This Name'" in result.stderr
    assert f"curation.yaml:{line}: no actor named" in result.stderr


def test_summary_round_trips_through_json(repo: Path) -> None:
    entry = next(e for e in load_catalogue(repo / "seeds") if e.id == "mir2022")
    document = ingest_document(entry)
    from briefgen.extract import summarize

    summary = summarize(document)
    assert summary_from_json(json.loads(json.dumps(summary_to_json(summary)))) == summary


def test_summaries_are_cached_by_content(tmp_path: Path, repo: Path) -> None:
    shutil.copytree(repo / "seeds", tmp_path / "seeds")
    entry = next(e for e in load_catalogue(tmp_path / "seeds") if e.id == "roggio2011")
    cache = tmp_path / "cache"
    first = summary_of(ingest_document(entry), CITABLE_ZONES, cache)
    (cached,) = list(cache.iterdir())
    # A cached summary is read back, not re-drawn: plant a marker to prove it.
    data = json.loads(cached.read_text())
    data["claims"] = data["claims"][:1]
    cached.write_text(json.dumps(data))
    assert len(summary_of(ingest_document(entry), CITABLE_ZONES, cache).claims) == 1
    # An edited source gets a new key and a fresh summary.
    entry.path.write_text(entry.path.read_text() + "\nThe truce was extended.\n")
    fresh = summary_of(ingest_document(entry), CITABLE_ZONES, cache)
    assert len(list(cache.iterdir())) == 2 and len(fresh.claims) >= len(first.claims)


def test_summarize_prints_stable_yaml_and_json(repo: Path) -> None:
    result = run_cli(repo, "summarize", "mir2022")
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(result.stdout)
    assert list(data) == [
        "format",
        "source",
        "actors",
        "events",
        "claims",
        "date_mentions",
        "relations",
    ]
    assert any(a["name"] == "Noor Wali Mehsud" for a in data["actors"])
    assert all(c["anchor"]["source"] == "mir2022" for c in data["claims"])
    again = run_cli(repo, "summarize", "mir2022")
    assert again.stdout == result.stdout
    as_json = run_cli(repo, "summarize", "mir2022", "--format", "json")
    assert json.loads(as_json.stdout) == data
    wrong = run_cli(repo, "summarize", "mir202")
    assert wrong.returncode == 1 and "did you mean 'mir2022'" in wrong.stderr
