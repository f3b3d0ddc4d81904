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

import pytest

from briefgen.catalogue import load_catalogue
from briefgen.cite import cite_brief, resolve_style
from briefgen.errors import CitationError
from briefgen.model import (
    Anchor,
    Brief,
    PartialDate,
    Section,
    SectionId,
    SourceEntry,
    Statement,
)


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
    repo = Path(__file__).resolve().parent.parent
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
        "for this 'document', so it is listed by title and year only; add a publisher or a "
        "more specific CSL type to its entry in sources.yaml",
    )
    assert _plain(citations.notes[0].html) == "“A &lt;b&gt;,” n.d., para. 2."  # escaped
