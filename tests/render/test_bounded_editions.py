"""An edition a person reads stays bounded however large the corpus: the bibliography
and the appendix list what the edition cites and count the rest; the JSON keeps all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefgen.cite import passages
from briefgen.cite.csl import BIBLIOGRAPHY_BOUND
from briefgen.cite.passages import PassageFinder
from briefgen.compose.tailor import Layout, tailor_brief
from tests.conftest import Shipped, run_cli, write

pytestmark = pytest.mark.slow

SOURCES = BIBLIOGRAPHY_BOUND + 10


def test_a_large_corpus_gives_a_bounded_bibliography_and_appendix(tmp_path: Path) -> None:
    for index in range(SOURCES):
        # A few notes tell of the talks; most only of the weather, which no line cites.
        story = (
            f"The river council met the delegation of district {index} on {index + 1} "
            "March 2021 and agreed a ceasefire for the valley."
            if index < 5
            else "The weather in the hills was mild and the orchards were in flower."
        )
        write(
            tmp_path / "corpus" / f"note{index:03d}.md",
            f"---\ntitle: Field note {index}\ndate: 2021-04-{index % 28 + 1:02d}\n---\n\n{story}\n",
        )
    write(tmp_path / "briefs" / "notes.yaml", "title: Field notes\ncorpus: ../corpus\n")
    built = run_cli(tmp_path, "build", "--format", "html,json")
    assert built.returncode == 0, built.stderr
    export = json.loads((tmp_path / "_build" / "notes" / "analyst.json").read_text())
    assert len(export["sources"]) == SOURCES  # the JSON keeps every source
    cited = {
        a["source"] for s in export["sections"] for st in s["statements"] for a in st["citations"]
    }
    html = (tmp_path / "_build" / "notes" / "analyst.html").read_text()
    entries = html.count('<p class="csl-entry">')
    assert entries == len(cited) < SOURCES
    assert f"And {SOURCES - len(cited)} further sources no note cites" in html
    assert html.count('class="appendix-source"') == len(cited)
    assert f"And {SOURCES - len(cited)} further sources of this brief" in html


def test_the_appendix_quotes_at_most_its_bound_and_counts_the_rest(
    shipped: Shipped, monkeypatch: pytest.MonkeyPatch
) -> None:
    brief = tailor_brief(shipped.material, "analyst", Layout())
    finder = PassageFinder(shipped.documents)
    everything = sum(len(source.passages) for source in finder.appendix(brief))
    assert everything > 5
    monkeypatch.setattr(passages, "APPENDIX_BOUND", 5)
    bounded = finder.appendix(brief)
    assert sum(len(source.passages) for source in bounded) == 5
    assert sum(source.omitted for source in bounded) == everything - 5
