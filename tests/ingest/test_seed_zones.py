"""Zones and metadata on the shipped corpus: each file's known mess is labelled as such."""

from __future__ import annotations

import re

import pytest

from briefgen.ingest import TextView, ingest_document
from briefgen.model import Document, PartialDate, Zone
from briefgen.workspace.catalogue import load_catalogue
from tests.conftest import REPO


@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    corpus = REPO / "seeds"
    return {entry.id: ingest_document(entry) for entry in load_catalogue(corpus)}


def _shown(document: Document, zone: Zone) -> list[str]:
    view = TextView(document.text)
    return [view.shown(p.start, p.end) for p in document.paragraphs if p.zone is zone]


def test_pdf_extract_title_header_and_case_damage(seeds: dict[str, Document]) -> None:
    document = seeds["dressler2011"]
    assert _shown(document, Zone.TITLE) == [
        "FOR PAKISTAN, A CHANCE TO TURN PAKISTANI TALIBAN INTO ALLIES"
    ]
    furniture = " ".join(_shown(document, Zone.FURNITURE))
    assert "BACKGROUNDER | FOR PAKISTAN" in furniture
    body = " ".join(_shown(document, Zone.BODY))
    assert "u.S." not in body and "haqqani" not in body
    assert "the Haqqani terrorist network" in body
    # Footnote numbers glued to sentence ends ("...operation.3 In") stay in the display
    # text and end a sentence; a statement removes them by a declared edit.
    assert "n.3 In" in document.text and "n.3 In" in body
    sentences = [document.text[s.start : s.end] for p in document.paragraphs for s in p.sentences]
    assert not any(re.search(r"[a-z]\.\d{1,2} [A-Z]", s) for s in sentences)
    assert _shown(document, Zone.BIO)[0].startswith("Jeffrey Dressler is a senior analyst")
    assert document.metadata.date == PartialDate(2011, 10, 13)  # from the running header


def test_blog_post_comments_and_site_furniture(seeds: dict[str, Document]) -> None:
    document = seeds["roggio2011"]
    zones = [p.zone for p in document.paragraphs]
    last_body = max(i for i, zone in enumerate(zones) if zone is Zone.BODY)
    assert all(zone is not Zone.BODY for zone in zones[last_body + 1 :])
    assert len(_shown(document, Zone.COMMENT)) >= 10
    assert not any("says:" in text for text in _shown(document, Zone.BODY))
    assert document.metadata.title == "Pakistan ready for peace with the Taliban?"


def test_web_article_related_list_and_duplicated_caption(seeds: dict[str, Document]) -> None:
    document = seeds["mir2022"]
    zones = [p.zone for p in document.paragraphs]
    view = TextView(document.text)
    related = next(
        i
        for i, p in enumerate(document.paragraphs)
        if view.shown(p.start, p.end) == "Related Publications"
    )
    assert set(zones[related:]) == {Zone.FURNITURE}
    captions = _shown(document, Zone.CAPTION)
    assert len(captions) == 1 and captions[0].count("A Pakistani soldier") == 2


def test_markdown_bios_links_captions_notes_and_arabic(seeds: dict[str, Document]) -> None:
    document = seeds["sayed2022"]
    assert len(_shown(document, Zone.BIO)) == 2
    assert len(_shown(document, Zone.NOTE)) == 5
    captions = _shown(document, Zone.CAPTION)
    assert [c.split(":")[0] for c in captions if c.startswith("Image")] == [
        "Image 1",
        "Image 2",
        "Image 3",
        "Image 4",
    ]
    arabic = [p for p in document.paragraphs if "امير" in document.text[p.start : p.end]]
    assert [p.zone for p in arabic] == [Zone.CAPTION]
    assert all("](#)" not in text for text in _shown(document, Zone.BODY))
    assert document.metadata.authors == ("Abdul Sayed", "Amira Jadoon")
    assert document.metadata.date == PartialDate(2022, 8, 16)


def test_study_paper_closing_line_is_furniture_with_date(seeds: dict[str, Document]) -> None:
    document = seeds["efsas2022"]
    assert document.paragraphs[-1].zone is Zone.FURNITURE
    assert document.metadata.date == PartialDate(2022, 6)
    assert document.metadata.title == (
        "Good Taliban, Bad Taliban: Tracing the Resurgence of the Tehrik-e-Taliban Pakistan (TTP)"
    )


def test_the_shipped_catalogue_agrees_with_every_text(seeds: dict[str, Document]) -> None:
    assert {source: d.warnings for source, d in seeds.items()} == {s: () for s in seeds}
