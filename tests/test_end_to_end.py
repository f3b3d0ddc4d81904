"""End to end on the shipped corpus: build through the CLI, then verify what a user gets."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from briefgen.ingest import ingest_document
from briefgen.model import Zone
from briefgen.workspace.catalogue import load_catalogue
from tests.conftest import run_cli

pytestmark = pytest.mark.slow

ANCHOR_KEYS = {"source", "paragraph", "start", "end", "quote"}


_run = run_cli


@pytest.fixture(scope="module")
def built(default_build: tuple[Path, Any]) -> tuple[Path, subprocess.CompletedProcess[str]]:
    return default_build  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def brief_json(built: tuple[Path, Any]) -> dict[str, Any]:
    out, _ = built
    return json.loads((out / "pakistan-ttp" / "analyst.json").read_text(encoding="utf-8"))


def test_build_writes_and_reports_every_format(built: tuple[Path, Any]) -> None:
    out, result = built
    assert result.returncode == 0, result.stderr
    for extension in ("html", "pdf", "json"):
        path = out / "pakistan-ttp" / f"analyst.{extension}"
        assert path.stat().st_size > 1000
        assert f"wrote {path}" in result.stdout
    # Progress goes to stderr too; nothing is warned about on the shipped corpus.
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr, result.stderr
    assert "pakistan-ttp/analyst (html, pdf, json): rebuilding: not built yet" in result.stderr


def test_json_export_has_the_documented_shape(brief_json: dict[str, Any]) -> None:
    assert {"brief", "sources", "sections", "actors", "timeline"} <= brief_json.keys()
    assert brief_json["brief"] == {
        "id": "pakistan-ttp",
        "title": "Pakistan and the TTP: Talks, Ceasefires and the Outlook",
        "audience": "analyst",
        "as_of": "2022-08-31",
    }
    assert [s["id"] for s in brief_json["sections"]] == [
        "background",
        "actors",
        "timeline",
        "negotiation_history",
        "outlook",
    ]
    for section in brief_json["sections"]:
        assert section["statements"], f"section {section['id']} is empty"
        for statement in section["statements"]:
            assert statement["citations"], statement["id"]
            assert all(
                ANCHOR_KEYS <= set(a) <= {*ANCHOR_KEYS, "zone"} for a in statement["citations"]
            )
    for event in brief_json["timeline"]:
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", event["date"])
    assert all(
        {"id", "name", "aliases", "kind", "roles", "citations"} <= set(actor)
        for actor in brief_json["actors"]
    )
    source = next(s for s in brief_json["sources"] if s["id"] == "sayed2022")
    assert source["path"] == "seeds/003_bfe25d8e20487051.txt"
    assert source["csl"]["issued"] == {"date-parts": [[2022, 8, 16]]}


def test_every_statement_rests_on_body_or_note_text(brief_json: dict[str, Any], repo: Path) -> None:
    documents = {e.id: ingest_document(e) for e in load_catalogue(repo / "seeds")}
    for section in brief_json["sections"]:
        for statement in section["statements"]:
            assert "\n" not in statement["text"] and "](" not in statement["text"]
            for anchor in statement["citations"]:
                document = documents[anchor["source"]]
                assert document.text[anchor["start"] : anchor["end"]] == anchor["quote"]
                paragraph = document.paragraphs[anchor["paragraph"] - 1]
                assert paragraph.zone in (Zone.BODY, Zone.NOTE), (statement["text"], paragraph.zone)


def test_check_command_verifies_then_catches_tampering(
    built: tuple[Path, Any], repo: Path, tmp_path: Path
) -> None:
    out, _ = built
    result = _run(repo, "check", str(out))
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"\d+ anchors verified in 2 briefs\n", result.stdout)
    tampered = tmp_path / "tampered"
    (tampered / "b").mkdir(parents=True)
    document = json.loads((out / "pakistan-ttp" / "analyst.json").read_text())
    anchor = document["sections"][0]["statements"][0]["citations"][0]
    anchor["quote"] = anchor["quote"].upper()
    (tampered / "b" / "analyst.json").write_text(json.dumps(document))
    result = _run(repo, "check", str(tampered))
    assert result.returncode == 1
    assert "quote differs from the source" in result.stderr


def test_pdf_has_footnotes_on_their_pages_and_a_bibliography(built: tuple[Path, Any]) -> None:
    out, _ = built
    reader = PdfReader(out / "pakistan-ttp" / "analyst.pdf")
    pages = [page.extract_text() for page in reader.pages]
    first = pages[0]
    # Several notes sit at the foot of page 1, not deferred one per page.
    assert len(re.findall(r"para\. \d+\.", first)) >= 3
    text = "\n".join(pages)
    assert "Bibliography" in text
    assert "Sayed, Abdul, and Amira Jadoon." in text
    assert "Dressler, Jeffrey." in text
    assert reader.metadata is not None and reader.metadata.title == (
        "Pakistan and the TTP: Talks, Ceasefires and the Outlook"
    )


def test_html_links_every_note_marker_to_its_note(built: tuple[Path, Any]) -> None:
    out, _ = built
    page = (out / "pakistan-ttp" / "analyst.html").read_text(encoding="utf-8")
    markers = re.findall(r'<a id="ref-(\d+)" href="#note-(\d+)"', page)
    assert markers and all(a == b for a, b in markers)
    for number, _ in markers:
        assert f'<li id="note-{number}" value="{number}">' in page
        assert f'href="#ref-{number}"' in page
    assert '<section class="bibliography"' in page
    assert "<script" not in page and "http://" not in page.split("<body")[0]


def test_bad_spec_fails_cleanly_and_writes_nothing(tmp_path: Path, repo: Path) -> None:
    spec = tmp_path / "briefs" / "bad.yaml"
    spec.parent.mkdir()
    spec.write_text(f"title: T\nas_of: 2022\ncorpus: {repo / 'seeds'}\naudiences: [analist]\n")
    result = _run(repo, "build", str(spec), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: {spec}:4: audiences[0]: no template 'analist' "
        "(did you mean 'analyst'?); available: analyst, policymaker\n"
    )
    assert not (tmp_path / "out").exists()


def test_judgments_show_their_icd_203_term_beside_the_sources_words(
    built: tuple[Path, Any], brief_json: dict[str, Any]
) -> None:
    outlook = next(s for s in brief_json["sections"] if s["id"] == "outlook")["statements"]
    judged = [s for s in outlook if "likelihood" in s]
    assert len(judged) >= len(outlook) // 2
    for statement in judged:
        likelihood = statement["likelihood"]
        assert likelihood["phrase"].lower() in statement["text"].lower()
        assert likelihood["scale"] == "ICD 203"
    html = (built[0] / "pakistan-ttp" / "analyst.html").read_text(encoding="utf-8")
    first = judged[0]["likelihood"]
    low, high = first["range"]
    assert '<span class="likelihood"' in html and f"{first['term']} ({low}–{high}%)" in html


def test_timeline_entries_carry_type_precision_and_support(brief_json: dict[str, Any]) -> None:
    for entry in brief_json["timeline"]:
        assert entry["kind"] and entry["precision"] in {"day", "month", "season", "year", "range"}
        against = [c["citation"] for c in entry.get("conflicts", [])]
        agreeing = {c["source"] for c in entry["citations"] if c not in against}
        assert entry["support"] == len(agreeing) >= 1
    assert any(entry["precision"] == "range" for entry in brief_json["timeline"])


def test_policymaker_lines_trace_into_the_analyst_brief(built: tuple[Path, Any]) -> None:
    out, _ = built

    def statements(audience: str) -> dict[str, Any]:
        data = json.loads((out / "pakistan-ttp" / f"{audience}.json").read_text())
        return {s["id"]: s for section in data["sections"] for s in section["statements"]}

    policymaker, analyst = statements("policymaker"), statements("analyst")
    assert len(policymaker) >= 8
    for sid, statement in policymaker.items():
        assert analyst[sid] == statement
