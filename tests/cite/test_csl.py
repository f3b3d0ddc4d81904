"""Cite: notes and bibliography read exactly as citeproc-js renders the style.

The expected texts were checked by hand against the Chicago Manual of Style (18th ed.)
notes-bibliography rules: full given names, commas and periods inside closing quotes,
headline-case titles, "Sayed, Abdul, and Amira Jadoon" in the bibliography, shortened
notes (author, short title) after the first citation.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest

from briefgen.cite.csl import cite_brief, resolve_style
from briefgen.errors import CitationError
from briefgen.model import (
    Anchor,
    Brief,
    Conflict,
    PartialDate,
    Section,
    SectionId,
    SourceEntry,
    Statement,
)
from briefgen.workspace.catalogue import load_catalogue
from tests.conftest import REPO


def _plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def _brief(repo: Path, cites: list[tuple[str, int]]) -> Brief:
    statements = tuple(
        Statement(f"s{i}", "text", (Anchor(source, paragraph, 0, 1, "x"),))
        for i, (source, paragraph) in enumerate(cites)
    )
    return Brief(
        id="b",
        title="T",
        audience="analyst",
        as_of=PartialDate(2022),
        subtitle="",
        sources=tuple(load_catalogue(repo / "seeds")),
        sections=(Section(SectionId.BACKGROUND, "Background", statements),),
        actors=(),
        timeline=(),
    )


@pytest.fixture(scope="module")
def chicago(request: pytest.FixtureRequest) -> list[str]:
    repo = REPO
    cites = [("dressler2011", 12), ("sayed2022", 4), ("roggio2011", 3), ("dressler2011", 14)]
    citations = cite_brief(_brief(repo, cites), "chicago-notes-bibliography")
    return [_plain(n.html) for n in citations.notes] + [
        _plain(entry) for entry in citations.bibliography
    ]


def test_chicago_first_notes_give_full_names_and_quotes_punctuation(chicago: list[str]) -> None:
    assert chicago[0] == (
        "Jeffrey Dressler, For Pakistan, a Chance to Turn Pakistani Taliban into Allies, "
        "Backgrounder (Institute for the Study of War, 2011), para. 12."
    )
    assert chicago[1] == (
        "Abdul Sayed and Amira Jadoon, “Understanding Tehrik-e-Taliban Pakistan’s Unrelenting "
        "Posture,” Nexus, August 16, 2022, para. 4."
    )
    assert chicago[2] == (
        "Bill Roggio, “Pakistan Ready for Peace with the Taliban?” FDD’s Long War Journal, "
        "March 2011, para. 3."
    )


def test_chicago_later_notes_are_short(chicago: list[str]) -> None:
    assert chicago[3] == "Dressler, For Pakistan, para. 14."


def test_chicago_bibliography(chicago: list[str]) -> None:
    bibliography = chicago[4:]
    assert bibliography == [
        "Dressler, Jeffrey. For Pakistan, a Chance to Turn Pakistani Taliban into Allies. "
        "Backgrounder. Institute for the Study of War, 2011.",
        "European Foundation for South Asian Studies. Good Taliban, Bad Taliban: Tracing the "
        "Resurgence of the Tehrik-e-Taliban Pakistan (TTP). Study Paper. EFSAS, 2022.",
        "Mir, Asfandyar. “After the Taliban’s Takeover: Pakistan’s TTP Problem.” Analysis. "
        "United States Institute of Peace, January 2022. https://www.usip.org/publications/"
        "2022/01/after-talibans-takeover-pakistans-ttp-problem.",
        "Roggio, Bill. “Pakistan Ready for Peace with the Taliban?” FDD’s Long War Journal, "
        "March 2011.",
        "Sayed, Abdul, and Amira Jadoon. “Understanding Tehrik-e-Taliban Pakistan’s "
        "Unrelenting Posture.” Nexus, August 16, 2022.",
    ]


def test_author_date_style_gives_one_note_per_statement(repo: Path) -> None:
    citations = cite_brief(_brief(repo, [("dressler2011", 2), ("mir2022", 5)]), "apa")
    assert [_plain(n.html) for n in citations.notes] == [
        "(Dressler, 2011, para. 2)",
        "(Mir, 2022, para. 5)",
    ]


def test_unknown_style_suggests_close_names() -> None:
    with pytest.raises(CitationError, match="did you mean chicago-notes-bibliography"):
        resolve_style("chicago-note-bibliography")


def test_an_entry_the_style_prints_nothing_for_is_listed_plainly_and_reported(
    repo: Path,
) -> None:
    brief = _brief(repo, [("bare", 2)])
    bare = SourceEntry("bare", repo / "x.txt", {"id": "bare", "type": "document", "title": "A <b>"})
    brief = dataclasses.replace(brief, sources=(bare,))
    citations = cite_brief(brief, "chicago-notes-bibliography")
    assert citations.bibliography == ("<span>\u201cA &lt;b&gt;.\u201d</span> n.d.",)
    assert citations.warnings == (
        "bare: the citation style 'chicago-notes-bibliography' prints no bibliography entry "
        "for this 'document', so it is listed plainly (authors, title, publisher, date); add "
        "a more specific CSL type to its entry in sources.yaml",
    )
    assert _plain(citations.notes[0].html) == "“A &lt;b&gt;,” n.d., para. 2."  # escaped


def test_a_plain_entry_keeps_the_authors_and_the_whole_date(repo: Path) -> None:
    brief = _brief(repo, [("post", 2)])
    post = SourceEntry(
        "post",
        repo / "x.txt",
        {
            "id": "post",
            "type": "document",
            "title": "Why the talks matter",
            "author": [{"given": "Dana", "family": "Whit"}, {"literal": "Desk & Co"}],
            "issued": {"date-parts": [[2017, 1, 5]]},
        },
    )
    citations = cite_brief(
        dataclasses.replace(brief, sources=(post,)), "chicago-notes-bibliography"
    )
    assert citations.bibliography == (
        "Whit, Dana and Desk &amp; Co. <span>\u201cWhy the talks matter.\u201d</span> "
        "5 January 2017.",
    )


def _many_sources(repo: Path, limit: int | None, bibliography: str) -> Brief:
    """One statement every seed backs (roggio2011 twice), one citing dressler2011 alone."""
    order = ["sayed2022", "mir2022", "roggio2011", "roggio2011", "efsas2022", "dressler2011"]
    anchors = tuple(Anchor(s, i + 1, 0, 1, "x") for i, s in enumerate(order))
    conflict = Conflict("the other side", anchors[-1])
    statements = (
        Statement("s0", "text", anchors, conflicts=(conflict,)),
        Statement("s1", "text", (Anchor("dressler2011", 3, 0, 1, "x"),)),
    )
    brief = _brief(repo, [])
    sections = (Section(SectionId.BACKGROUND, "Background", statements),)
    return dataclasses.replace(
        brief, sections=sections, citation_limit=limit, bibliography=bibliography
    )


def test_a_note_cites_at_most_its_limit_keeping_the_first_and_the_conflicting_source(
    repo: Path,
) -> None:
    brief = _many_sources(repo, 3, "all")
    statement = brief.statements()[0]
    shown = brief.cited(statement)
    # The passage the text comes from, the next one in order, and the source against it.
    assert [(a.source, a.paragraph) for a in shown] == [
        ("sayed2022", 1),
        ("mir2022", 2),
        ("dressler2011", 6),
    ]
    note = _plain(cite_brief(brief, "chicago-notes-bibliography").notes[0].html)
    assert "para. 1" in note and "para. 6" in note and "para. 3" not in note
    # roggio2011 (twice) and efsas2022 are left out: two more sources, named as such.
    assert note.endswith("Also in 2 more sources.")
    # Every anchor stays on the statement itself, so the JSON export keeps them all.
    assert len(statement.citations) == 6
    assert brief.cited(brief.statements()[1]) == brief.statements()[1].citations


def test_a_note_that_drops_passages_of_sources_it_names_counts_passages(repo: Path) -> None:
    anchors = tuple(Anchor("mir2022", p, 0, 1, "x") for p in (1, 2, 3))
    brief = dataclasses.replace(
        _brief(repo, []),
        sections=(Section(SectionId.BACKGROUND, "B", (Statement("s0", "text", anchors),)),),
        citation_limit=1,
    )
    note = _plain(cite_brief(brief, "chicago-notes-bibliography").notes[0].html)
    assert note.endswith("Also in 2 more passages of these sources.")


def test_a_cited_bibliography_lists_only_the_works_the_notes_cite(repo: Path) -> None:
    everything = cite_brief(_many_sources(repo, 3, "all"), "chicago-notes-bibliography")
    cited = cite_brief(_many_sources(repo, 3, "cited"), "chicago-notes-bibliography")
    assert len(everything.bibliography) == 5
    listed = " ".join(_plain(entry) for entry in cited.bibliography)
    assert len(cited.bibliography) == 3
    assert "Sayed" in listed and "Mir" in listed and "Dressler" in listed
    assert "Roggio" not in listed and "European Foundation" not in listed


def test_an_answer_of_the_csl_processor_is_kept_for_the_same_question(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same notes, items, style and pandoc get the kept answer, warnings included,
    without running pandoc; anything else, or --force, asks pandoc again."""
    import briefgen.cite.csl as csl
    from briefgen.cite.memo import CitationMemo

    bare = SourceEntry("bare", repo / "x.txt", {"id": "bare", "type": "document", "title": "A"})
    brief = dataclasses.replace(_brief(repo, [("bare", 2)]), sources=(bare,))
    memo = CitationMemo(tmp_path / "citations")
    asked = cite_brief(brief, "chicago-notes-bibliography", memo)
    assert asked.warnings and len(list(memo.folder.glob("*.json"))) == 1

    calls: list[str] = []
    real = csl._processed

    def counted(markdown: str, *rest: Any) -> tuple[str, tuple[str, ...]]:
        calls.append(markdown)
        return real(markdown, *rest)

    monkeypatch.setattr(csl, "_processed", counted)
    assert cite_brief(brief, "chicago-notes-bibliography", CitationMemo(memo.folder)) == asked
    assert calls == []
    # Another pinpoint, another style, --force: pandoc is asked.
    moved = dataclasses.replace(_brief(repo, [("bare", 3)]), sources=(bare,))
    assert "para. 3" in cite_brief(moved, "chicago-notes-bibliography", memo).notes[0].html
    assert cite_brief(brief, "apa", memo).style == "apa"
    assert cite_brief(brief, "chicago-notes-bibliography", CitationMemo(memo.folder, False))
    assert len(calls) == 3
    # A damaged answer is asked again; what a build did not use is forgotten.
    for kept in memo.folder.glob("*.json"):
        kept.write_text("{", encoding="utf-8")
    again = CitationMemo(memo.folder)
    assert cite_brief(brief, "chicago-notes-bibliography", again) == asked
    assert len(calls) == 4
    again.forget_unused()
    assert len(list(memo.folder.glob("*.json"))) == 1
