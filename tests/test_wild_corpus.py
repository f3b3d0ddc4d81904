"""A folder of real-world mess on a topic unlike the seeds, built with no catalogue and a
one-line spec: a dispute between two fictional states, in every format briefgen reads
(tests/data/wild/; the PDF is laid out from pdf-source/report.html by WeasyPrint).

The documents carry what real folders do: ISO, numeric (day-first and month-first),
abbreviated and weekday-relative dates, fiscal years and quarters, decades, numbers that
are not dates (Resolution 2015, N°47, 1,850, 20%), Wikipedia-style [12] markers and a
reference list, an infobox and a Markdown table, a timeline box, YAML front matter,
bylines and datelines, share buttons, related stories, emoji, Cyrillic and pages of
reader comments. Before the numeric-month fix, this folder stopped the build with
"unexpected KeyError: '07'".
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefgen.cite.check import check_outputs
from tests.conftest import run_cli, write

WILD = Path(__file__).parent / "data" / "wild"


def wild_workspace(root: Path) -> Path:
    """The wild folder as a user drops it in: seeds/ with no catalogue, a one-line spec."""
    seeds = root / "seeds"
    seeds.mkdir(parents=True)
    for source in WILD.iterdir():
        if source.is_file():
            shutil.copy(source, seeds / source.name)
    import weasyprint  # the PDF source: laid out here rather than kept as a binary

    weasyprint.HTML(WILD / "pdf-source" / "report.html").write_pdf(seeds / "report.pdf")
    write(root / "briefs" / "tavrin.yaml", "title: The Tavrin Basin talks\n")
    return root


@pytest.fixture(scope="module")
def wild_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = wild_workspace(tmp_path_factory.mktemp("wild"))
    result = run_cli(root, "build")
    assert result.returncode == 0, result.stderr
    return root, result.stderr


@pytest.mark.slow
def test_the_wild_folder_builds_whole(wild_build: tuple[Path, str]) -> None:
    root, log = wild_build
    assert "ERROR" not in log and "Traceback" not in log, log
    out = root / "_build" / "tavrin"
    for name in ("analyst.json", "analyst.html", "analyst.pdf", "analyst.changes.md"):
        assert (out / name).stat().st_size > 0, name
    brief = json.loads((out / "analyst.json").read_text(encoding="utf-8"))
    assert sorted(s["id"] for s in brief["sources"]) == [
        "blog-post",
        "briefing",
        "encyclopedia",
        "essay",
        "report",
        "wire-report",
    ]
    assert "left_out" not in brief
    files, anchors, problems = check_outputs(root / "_build", root)
    assert problems == [] and files == 1 and anchors > 50
    pdf_text = " ".join(page.extract_text() for page in PdfReader(out / "analyst.pdf").pages)
    assert "Tavrin" in pdf_text


@pytest.mark.slow
def test_dates_in_every_form_reach_the_timeline(wild_build: tuple[Path, str]) -> None:
    root, _ = wild_build
    brief = json.loads((root / "_build" / "tavrin" / "analyst.json").read_text(encoding="utf-8"))
    dated = {(e["date"], e["citations"][0]["source"]) for e in brief["timeline"]}
    assert ("2019-06-14", "encyclopedia") in dated  # "14/06/2019": day first, as 14 > 12
    assert ("2016-07-14", "blog-post") in dated  # "7/14/2016": month first, as 14 > 12
    # "on Wednesday" in a wire story dated Thursday 14 March 2019
    assert ("2019-03-13", "wire-report") in dated
    # "12/11/2018" could be either order and the folder says no locale: year only
    assert ("2018-12-11", "wire-report") not in dated
    assert ("2018-11-12", "wire-report") not in dated


@pytest.mark.slow
def test_no_statement_quotes_furniture_or_reader_comments(wild_build: tuple[Path, str]) -> None:
    root, _ = wild_build
    brief = json.loads((root / "_build" / "tavrin" / "analyst.json").read_text(encoding="utf-8"))
    texts = [s["text"] for section in brief["sections"] for s in section["statements"]]
    texts += [e["text"] for e in brief["timeline"]]
    furniture = ["Share on Facebook", "Tweet", "Reply", "Related stories", "says:", "Privacy"]
    comments = ["Finally some good news", "Without him there is no peace", "The dams are the key"]
    for text in texts:
        for words in furniture + comments:
            assert words not in text, (words, text)
