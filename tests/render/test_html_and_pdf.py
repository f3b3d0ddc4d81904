"""Rendered output as a reader gets it: PDF structure, HTML accessibility, templates."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from briefgen.cite.csl import cite_brief
from briefgen.cite.passages import PassageFinder
from briefgen.compose.edition_settings import resolve_edition
from briefgen.compose.statement_text import trim
from briefgen.compose.tailor import tailor_brief
from briefgen.errors import RenderError
from briefgen.model import Section, SectionId, Statement
from briefgen.render.html import RenderInputs, css_string, render_html, render_pdf
from briefgen.workspace.templates import template_dirs
from tests.conftest import Shipped, run_cli, write

pytestmark = pytest.mark.slow

MARKING = "UNCLASSIFIED // FOR PUBLIC RELEASE"  # briefs/pakistan-ttp.yaml, upper-cased by CSS


def _pdf(default_build: tuple[Path, Any], audience: str) -> PdfReader:
    out, result = default_build
    assert result.returncode == 0, result.stderr
    return PdfReader(out / "pakistan-ttp" / f"{audience}.pdf")


def _inputs(shipped: Shipped, audience: str, brief: Any, **edition: Any) -> RenderInputs:
    resolved = resolve_edition(shipped.spec, audience, ())
    finder = PassageFinder(shipped.documents)
    return RenderInputs(
        citations=cite_brief(brief, resolved.citation_style),
        edition=resolved.__class__(**{**resolved.__dict__, **edition}),
        generated="2024-01-01T00:00:00Z",
        passages=finder.note_passages(brief),
        appendix=finder.appendix(brief),
    )


# --- PDF ---------------------------------------------------------------------------------


def test_policymaker_pdf_keeps_to_two_pages(default_build: tuple[Path, Any]) -> None:
    reader = _pdf(default_build, "policymaker")
    assert len(reader.pages) <= 2
    text = "\n".join(page.extract_text() for page in reader.pages)
    for title in ("Bottom line", "Key judgments", "Timeline", "Actors", "Bibliography"):
        assert title in text
    assert re.search(r"likely \(\d+–\d+%\)", text)  # likelihood terms and ranges kept


@pytest.mark.parametrize("audience", ["policymaker", "analyst"])
def test_every_page_has_the_marking_top_and_bottom_and_page_x_of_y(
    default_build: tuple[Path, Any], audience: str
) -> None:
    reader = _pdf(default_build, audience)
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert text.count(MARKING) == 2, (audience, number)
        assert f"Page {number} of {total}" in text


def test_contents_page_numbers_match_the_bookmarks(default_build: tuple[Path, Any]) -> None:
    reader = _pdf(default_build, "analyst")
    bookmarks = {
        item.title: reader.get_destination_page_number(item) + 1
        for item in reader.outline
        if not isinstance(item, list)
    }
    assert list(bookmarks) == [
        "Background",
        "Actors",
        "Timeline",
        "Negotiation history",
        "Outlook",
        "Bibliography",
        "Appendix: cited passages",
    ]
    first_page = reader.pages[0].extract_text()
    listed = dict(re.findall(r"^([A-Z][\w :]+?)\s*\.{3,}\s*(\d+)$", first_page, re.M))
    assert {title: int(page) for title, page in listed.items()} == bookmarks
    appendix_sources = next(item for item in reader.outline if isinstance(item, list))
    assert len(appendix_sources) == 5  # one bookmark per source under the appendix


@pytest.mark.parametrize("audience", ["policymaker", "analyst"])
def test_each_footnote_sits_on_the_page_of_its_call(
    default_build: tuple[Path, Any], audience: str
) -> None:
    out, _ = default_build
    reader = _pdf(default_build, audience)
    export = json.loads((out / "pakistan-ttp" / f"{audience}.json").read_text())
    statements = [s for section in export["sections"] for s in section["statements"]]
    checked = 0
    for page in reader.pages:
        text = page.extract_text()
        flat = " ".join(text.split())
        for number in (int(n) for n in re.findall(r"^(\d+)\. ", text, re.M)):
            statement = statements[number - 1]
            if statement["id"].startswith("ac-"):
                continue  # actor profiles show fields, not the statement's sentence
            # The call follows the statement's last words: they must be on this page. A
            # timeline entry's text is whole in the JSON and shortened on the page.
            shown = trim(statement["text"], 45) if statement.get("kind") else statement["text"]
            ending = " ".join(shown.split()[-3:]).rstrip(".…")[:15]
            assert ending in flat, (number, ending)
            checked += 1
    assert checked >= 10


def test_pdf_metadata_tags_and_embedded_fonts(default_build: tuple[Path, Any]) -> None:
    reader = _pdf(default_build, "policymaker")
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Pakistan and the TTP: Talks, Ceasefires and the Outlook"
    assert meta.author == "briefgen sample desk"
    assert meta.subject == "Briefing from five open sources, 2011-2022"
    assert meta["/Keywords"] == "Pakistan, TTP, negotiations, ceasefire, Afghanistan"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    fonts = _fonts(reader)
    assert fonts and all(embedded for embedded in fonts.values()), fonts


def _fonts(reader: PdfReader) -> dict[str, bool]:
    """Every font the pages use, and whether its program is embedded."""
    found: dict[str, bool] = {}
    for page in reader.pages:
        for font in page["/Resources"].get_object().get("/Font", {}).values():
            font = font.get_object()
            descendant = font.get("/DescendantFonts", [font])[0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            found[str(font["/BaseFont"])] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    return found


def test_quoted_arabic_script_is_set_in_an_embedded_arabic_font(shipped: Shipped) -> None:
    anchor = shipped.material.ranked[SectionId.BACKGROUND][0].citations[0]
    arabic = "تحريك طالبان پاکستان"
    statement = Statement(
        "bg-arabic", f"The group calls itself {arabic} in its statements.", (anchor,)
    )
    brief = tailor_brief(
        shipped.material, "analyst", resolve_edition(shipped.spec, "analyst", ()).layout
    )
    brief = brief.__class__(
        **{
            **brief.__dict__,
            "sections": (Section(SectionId.BACKGROUND, "Background", (statement,)),),
        }
    )
    html = render_html(brief, _inputs(shipped, "analyst", brief), mode="print")
    pdf = render_pdf(html, allowed_dirs=template_dirs())
    reader = PdfReader(io.BytesIO(pdf.data))  # read in memory: nothing lands in the tree
    fonts = _fonts(reader)
    assert any("Arabic" in name for name in fonts), fonts
    assert all(fonts.values())
    text = reader.pages[0].extract_text()
    assert "طالبان" in text  # the glyphs map back to the Arabic letters, none missing


# --- HTML --------------------------------------------------------------------------------


class _Outline(HTMLParser):
    """Collects what the accessibility checks need from an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.landmarks: list[str] = []
        self.images: list[dict[str, str | None]] = []
        self.fetches: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in ("header", "nav", "main", "footer"):
            self.landmarks.append(tag)
        if tag == "img":
            self.images.append(attributes)
        source = str(attributes.get("src") or "")
        if tag in ("script", "img", "iframe", "video", "audio", "source") and source:
            self.fetches.extend([] if source.startswith("data:") else [source])
        if tag == "link" and attributes.get("rel") in ("stylesheet", "preload", "icon"):
            self.fetches.append(str(attributes.get("href")))


@pytest.mark.parametrize("audience", ["policymaker", "analyst"])
def test_html_is_self_contained_with_landmarks_and_heading_order(
    default_build: tuple[Path, Any], audience: str
) -> None:
    out, _ = default_build
    page = (out / "pakistan-ttp" / f"{audience}.html").read_text(encoding="utf-8")
    outline = _Outline()
    outline.feed(page)
    assert outline.fetches == []
    assert "@import" not in page and not re.search(r"url\(\s*['\"]?https?:", page)
    assert outline.landmarks == ["header", "nav", "main", "footer"]
    assert outline.headings[0] == 1 and outline.headings.count(1) == 1
    steps = zip(outline.headings, outline.headings[1:], strict=False)
    assert all(after <= before + 1 for before, after in steps), outline.headings
    assert '<html lang="en">' in page and "@media print" in page


def test_every_note_links_back_and_opens_its_passage_with_the_quote_marked(
    default_build: tuple[Path, Any],
) -> None:
    out, _ = default_build
    page = (out / "pakistan-ttp" / "analyst.html").read_text(encoding="utf-8")
    section = page.split('<section class="notes"', 1)[1].split("</section>", 1)[0]
    notes = [
        (match[1], match[2])
        for match in re.finditer(
            r'<li id="note-(\d+)" value="\1">(.*?)(?=<li id="note-|</ol>)', section, re.S
        )
    ]
    markers = re.findall(r'<a id="ref-(\d+)" href="#note-\1"', page)
    assert notes and len(notes) == len(markers)
    for number, body in notes:
        assert f'href="#ref-{number}"' in body
        assert '<figure class="source-view">' in body and "<mark>" in body, number


def test_logo_is_inlined_with_alt_text(shipped: Shipped, tmp_path: Path) -> None:
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    brief = tailor_brief(
        shipped.material, "policymaker", resolve_edition(shipped.spec, "policymaker", ()).layout
    )
    inputs = _inputs(shipped, "policymaker", brief, logo=logo, organisation="Desk & Co")
    page = render_html(brief, inputs, mode="screen")
    outline = _Outline()
    outline.feed(page)
    assert [i["alt"] for i in outline.images] == ["Desk &amp; Co logo".replace("&amp;", "&")]
    assert str(outline.images[0]["src"]).startswith("data:image/svg+xml;base64,")


def test_marking_is_escaped_into_css() -> None:
    assert css_string('SECRET" } body { display: none') == '"SECRET\\22  } body { display: none"'
    assert "</style>" not in css_string("</style><script>")


# --- Templates ---------------------------------------------------------------------------


def test_a_user_template_overrides_one_block_of_the_builtin(
    shipped: Shipped, tmp_path: Path
) -> None:
    write(
        tmp_path / "policymaker" / "brief.html",
        '{% extends "builtin/policymaker/brief.html" %}\n'
        '{% block bottom_line %}<p class="ours">{{ section.statements | length }} lines</p>'
        "{% endblock %}\n",
    )
    brief = tailor_brief(
        shipped.material, "policymaker", resolve_edition(shipped.spec, "policymaker", ()).layout
    )
    page = render_html(
        brief, _inputs(shipped, "policymaker", brief), mode="screen", user_dirs=(tmp_path,)
    )
    assert '<p class="ours">3 lines</p>' in page
    assert '<ol class="judgments">' in page and '<table class="actor-table">' in page


@pytest.mark.parametrize(
    ("template", "line", "message"),
    [
        (
            '{% extends "base.html" %}\n{% block content %}\n'
            "{{ brief.no_such_field }}\n{% endblock %}\n",
            3,
            "no_such_field",
        ),
        (
            '{% extends "base.html" %}\n{% block content %}\n{% if %}\n{% endblock %}\n',
            3,
            "Expected an expression",
        ),
    ],
)
def test_template_errors_name_the_template_file_and_line(
    shipped: Shipped, tmp_path: Path, template: str, line: int, message: str
) -> None:
    path = write(tmp_path / "analyst" / "brief.html", template)
    brief = tailor_brief(
        shipped.material, "analyst", resolve_edition(shipped.spec, "analyst", ()).layout
    )
    with pytest.raises(RenderError) as error:
        render_html(brief, _inputs(shipped, "analyst", brief), mode="screen", user_dirs=(tmp_path,))
    assert str(error.value).startswith(f"{path}:{line}: "), str(error.value)
    assert message in str(error.value)


def test_templates_list_and_copy_start_a_custom_audience(repo: Path, tmp_path: Path) -> None:
    copied = run_cli(repo, "templates", "copy", "policymaker", str(tmp_path), "--as", "board")
    assert copied.returncode == 0, copied.stderr
    assert (tmp_path / "board" / "brief.html").read_text() == (
        repo / "templates" / "policymaker" / "brief.html"
    ).read_text()
    again = run_cli(repo, "templates", "copy", "policymaker", str(tmp_path), "--as", "board")
    assert again.returncode == 1 and "already exists; pass --force" in again.stderr
    listed = run_cli(repo, "templates", "list", "--templates", str(tmp_path))
    assert listed.returncode == 0, listed.stderr
    rows = dict(line.split(None, 1) for line in listed.stdout.splitlines() if "  " in line)
    assert rows["board"].startswith(str(tmp_path / "board"))
    assert rows["analyst"].startswith("built-in")
    typo = run_cli(repo, "templates", "copy", "policymakr", str(tmp_path))
    assert typo.returncode == 1 and "did you mean 'policymaker'?" in typo.stderr


def test_a_misspelt_citation_style_for_one_audience_is_named_with_suggestions(
    repo: Path, tmp_path: Path
) -> None:
    spec = write(
        tmp_path / "briefs" / "b.yaml",
        f"title: T\nas_of: 2022\ncorpus: {repo / 'seeds'}\naudiences:\n"
        "  analyst:\n    citation_style: chicago-note-bibliography\n",
    )
    result = run_cli(repo, "build", str(spec), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert f"{spec}:6: audiences.analyst.citation_style: unknown citation style" in result.stderr
    assert "did you mean chicago-note-bibliography-16th-edition" in result.stderr or (
        "did you mean chicago-notes-bibliography" in result.stderr
    )
    assert not (tmp_path / "out").exists()


# --- Figures -----------------------------------------------------------------------------


def test_figures_are_svg_with_a_text_alternative(default_build: tuple[Path, Any]) -> None:
    out, _ = default_build
    html = (out / "pakistan-ttp" / "analyst.html").read_text(encoding="utf-8")
    export = json.loads((out / "pakistan-ttp" / "analyst.json").read_text())
    # The relationship diagram: one labelled node per actor it shows, an arrow per relation,
    # and a title and description a screen reader reads; the caption says it in words.
    diagram = re.search(r'<svg[^>]*aria-labelledby="rel-title rel-desc".*?</svg>', html, re.S)
    assert diagram is not None
    assert '<title id="rel-title">' in diagram[0] and '<desc id="rel-desc">' in diagram[0]
    relations = [(a["name"], r["type"]) for a in export["actors"] for r in a.get("relations", [])]
    assert len(re.findall(r'<g class="edge ', diagram[0])) >= 3 and relations
    assert "leads" in diagram[0] and "How the sources relate the actors. In words:" in html
    # The timeline strip: a dot per timeline entry on an axis of years.
    strip = re.search(r'<svg[^>]*aria-labelledby="strip-title strip-desc".*?</svg>', html, re.S)
    assert strip is not None
    timeline = next(s for s in export["sections"] if s["id"] == "timeline")["statements"]
    assert strip[0].count('<circle class="event"') == len(timeline)
    # Both are drawn in the PDF too: their words are on the actors' page.
    pages = _pdf(default_build, "analyst").pages
    pdf_text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert "negotiates with" in pdf_text and "INDEX OF OTHER ACTORS" in pdf_text.upper()


def test_a_note_laid_out_after_its_calls_page_is_found() -> None:
    """The check behind the re-layout: WeasyPrint's boxes, as `slipped_notes` reads them
    (a call is a "span::footnote-call" box, a note a BlockBox of the span)."""
    from types import SimpleNamespace

    from briefgen.render.html import slipped_notes

    def box(statement: str, tag: str, kind: str) -> Any:
        made = type(kind, (), {})()
        made.element = {"data-statement": statement}
        made.element_tag = tag
        return made

    def page(*boxes: Any) -> Any:
        return SimpleNamespace(_page_box=SimpleNamespace(descendants=lambda: iter(boxes)))

    call, note = "span::footnote-call", "span"
    document = SimpleNamespace(
        pages=[
            page(
                box("a", call, "InlineBox"), box("a", note, "BlockBox"), box("b", call, "InlineBox")
            ),
            page(
                box("b", note, "BlockBox"), box("c", call, "InlineBox"), box("c", note, "BlockBox")
            ),
        ]
    )
    assert slipped_notes(document) == ["b"]


def _statements_with_notes(count: int, words: int, titles: int, extra_css: str = "") -> str:
    """Print HTML in the shipped sheet: `count` statements of one to three lines, each
    with a note of one to three lines, enough to fill a few pages."""
    sheet = (template_dirs()[-1] / "brief.css").read_text(encoding="utf-8")
    items = "".join(
        f'<li id="s{i}"><span class="text">Statement {i} says the parties met and agreed '
        f'{"to talk " * (i % words + 3)}.</span><span class="footnote" data-statement="s{i}">'
        f"Source {i}, {'a long title of a report ' * (i % titles + 1)}para. {i}.</span></li>"
        for i in range(count)
    )
    return (
        f"<html><head><style>{sheet}</style><style>{extra_css}</style></head>"
        f"<body><ol>{items}</ol></body></html>"
    )


def test_the_shipped_sheet_keeps_every_note_on_its_calls_page_in_one_layout() -> None:
    """WeasyPrint defers notes to fit one more line of a statement when orphans allow a
    break after that line but not before it (Kozea/WeasyPrint#2432). The shipped sheet's
    orphans and widows leave it no such line; a sheet that allows one (as a desk's own
    templates may) still gets every note on its call's page, by a second layout."""

    def notes_on_their_pages(pdf: bytes) -> bool:
        for page in PdfReader(io.BytesIO(pdf)).pages:
            text = " ".join(page.extract_text().split())
            calls = set(re.findall(r"Statement (\d+) says", text))
            notes = set(re.findall(r"Source (\d+),", text))
            if calls != notes:
                return False
        return True

    loose_layouts = []
    for shape in [(60, 7, 7), (80, 11, 3)]:
        shipped = render_pdf(_statements_with_notes(*shape), allowed_dirs=template_dirs())
        assert shipped.layouts == 1 and shipped.pages >= 3, shape
        assert notes_on_their_pages(shipped.data), shape
        loose_sheet = _statements_with_notes(*shape, "li { orphans: 1; widows: 1; }")
        loose = render_pdf(loose_sheet, allowed_dirs=template_dirs())
        assert notes_on_their_pages(loose.data), shape
        loose_layouts.append(loose.layouts)
    # The shapes do provoke the slip: without the sheet's rule, they need the re-layout.
    assert max(loose_layouts) == 2


def test_a_layout_notes_how_high_each_page_and_each_statement_with_its_note_is() -> None:
    """What a page budget's fitting guesses by: a page is filled by its statements and
    their notes, save the gaps between them (fewer points than the notes take: a height
    without its note would fall short)."""
    pdf = render_pdf(_statements_with_notes(60, 7, 7), allowed_dirs=template_dirs())
    assert len(pdf.filled) == pdf.pages
    for page, ids in enumerate(pdf.ids_by_page):
        statements = [i for i in ids if re.fullmatch(r"s\d+", i)]
        told = sum(pdf.heights[i] for i in statements)
        gaps = 8 * (len(statements) + 1)  # points between the statements, at most
        assert statements and told <= pdf.filled[page] <= told + gaps, page
    assert pdf.height_after(1) == sum(pdf.filled[1:])
