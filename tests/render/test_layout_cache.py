"""Kept PDF layouts: an edition whose brief did not change keeps its last PDF, laid out
by nothing; a changed brief, a changed file the layout loaded or --force lays out again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from briefgen.pipeline.build import BuildReport, build
from briefgen.pipeline.plans import BuildOptions
from briefgen.render.html import RenderedPdf
from briefgen.render.layout_cache import LayoutCache, layout_key
from tests.conftest import REPO

SPEC = "pakistan-ttp"


def _pdf(data: bytes = b"%PDF-1.7 laid out", files: tuple[Path, ...] = ()) -> RenderedPdf:
    return RenderedPdf(
        data,
        2,
        ("a warning",),
        (frozenset({"a", "b"}), frozenset()),
        files,
        filled=(900.5, 120.0),
        heights={"a": 80.25, "b": 40.0},
    )


def test_a_layout_comes_back_as_it_was_kept(tmp_path: Path) -> None:
    logo = tmp_path / "templates" / "logo.png"
    logo.parent.mkdir()
    logo.write_bytes(b"one")
    key = layout_key("<html>one</html>", {"base.html": "d1"})
    cache = LayoutCache(tmp_path / "layouts")
    assert cache.get(key) is None
    cache.put(key, _pdf(files=(logo,)))

    assert LayoutCache(tmp_path / "layouts").get(key) == _pdf(files=(logo,))
    assert LayoutCache(tmp_path / "layouts", reuse=False).get(key) is None  # --force
    # Another HTML or another template is another key.
    assert key != layout_key("<html>two</html>", {"base.html": "d1"})
    assert key != layout_key("<html>one</html>", {"base.html": "d2"})
    logo.write_bytes(b"two")  # a file the layout loaded changed: lay it out again
    assert LayoutCache(tmp_path / "layouts").get(key) is None


def test_a_damaged_layout_is_laid_out_again_and_unused_ones_are_forgotten(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "layouts"
    first = LayoutCache(folder)
    first.put("old", _pdf())
    first.put("kept", _pdf())
    first.remember_fit("uncut", 3)
    (folder / "kept.pdf").write_bytes(b"%PDF-1.7 cut short")

    second = LayoutCache(folder)
    assert second.get("kept") is None  # its size disagrees with what the meta recorded
    assert second.fitted("uncut") == 3 and second.fitted("another brief") is None
    second.forget_unused()
    assert sorted(p.name for p in folder.iterdir()) == ["fit.memo", "kept.json", "kept.pdf"]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    shutil.copytree(REPO / "briefs", tmp_path / "briefs")
    return tmp_path


def _build(root: Path, force: bool = False) -> BuildReport:
    return build(options=BuildOptions(root=root, formats=("pdf", "json"), force=force))


def _out(root: Path, name: str) -> Path:
    return root / "_build" / SPEC / name


def _changes(root: Path, audience: str) -> dict[str, Any]:
    return json.loads(_out(root, f"{audience}.changes.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_an_edition_whose_brief_is_unchanged_keeps_its_pdf(workspace: Path) -> None:
    _build(workspace)
    pdfs = {a: _out(workspace, f"{a}.pdf").read_bytes() for a in ("policymaker", "analyst")}
    brief = json.loads(_out(workspace, "analyst.json").read_text(encoding="utf-8"))
    source = workspace / brief["sources"][0]["path"]

    # A remark that says nothing the brief takes: no layout at all, the same PDFs.
    source.write_text(source.read_text(encoding="utf-8") + "\nA closing remark.\n")
    report = _build(workspace)
    assert report.stages["render PDF"] == 0
    assert set(report.rebuilt) == {f"{SPEC}/{a}.{x}" for a in pdfs for x in ("pdf", "json")}
    for audience, data in pdfs.items():
        assert _out(workspace, f"{audience}.pdf").read_bytes() == data
        assert _changes(workspace, audience)["unchanged_by"] == [brief["sources"][0]["id"]]

    # --force lays both out again, and the same HTML gives the same PDF.
    report = _build(workspace, force=True)
    assert report.stages["render PDF"] > 0
    for audience, data in pdfs.items():
        assert _out(workspace, f"{audience}.pdf").read_bytes() == data

    # A passage the analyst edition cites goes: a new edition, laid out afresh.
    quote = next(
        c["quote"]
        for section in brief["sections"]
        for statement in section["statements"]
        for c in statement["citations"]
        if c["source"] == brief["sources"][0]["id"]
    )
    text = source.read_text(encoding="utf-8")
    assert quote in text
    source.write_text(text.replace(quote, ""), encoding="utf-8")
    report = _build(workspace)
    assert report.stages["render PDF"] > 0
    assert _out(workspace, "analyst.pdf").read_bytes() != pdfs["analyst"]
    changes = _changes(workspace, "analyst")
    assert changes["unchanged_by"] == [] and changes["statements_removed"]


def test_a_page_budget_is_fitted_from_the_heights_of_the_uncut_layout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shipped policymaker brief overflows its two pages by its last statements and
    by its actors and bibliography: guessed from the heights of what overflows, the cut
    is found in three layouts (counting the statements past the budget took five), and
    it is the smallest cut that fits."""
    import briefgen.render.edition as editions
    from briefgen.render.html import render_pdf

    laid_out: list[int] = []

    def counted(print_html: str, **options: Any) -> RenderedPdf:
        pdf = render_pdf(print_html, **options)
        laid_out.append(pdf.pages)
        return pdf

    monkeypatch.setattr(editions, "render_pdf", counted)
    options = BuildOptions(root=REPO, out=tmp_path, audiences=("policymaker",))
    build(options=options)
    assert laid_out[0] > 2 and len(laid_out) <= 3, laid_out  # it overflowed uncut
    # One cut fits, and the cut next to it does not: the smallest.
    assert sum(pages <= 2 for pages in laid_out) == 1, laid_out
    assert len(PdfReader(tmp_path / SPEC / "policymaker.pdf").pages) == 2
