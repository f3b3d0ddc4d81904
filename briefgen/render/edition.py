"""One edition's outputs in memory: tailor the material, cite, render, fit the page budget.

Nothing is written here; the build writes every edition's files once all are ready.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefgen.cite.csl import cite_brief
from briefgen.cite.memo import CitationMemo
from briefgen.cite.passages import PassageFinder
from briefgen.compose.edition_settings import Edition
from briefgen.compose.tailor import Material, tailor_brief
from briefgen.core.timings import stage
from briefgen.model import Brief
from briefgen.render.changes import EditionChanges, EditionRecord, Snapshot, edition_for
from briefgen.render.docx import render_docx
from briefgen.render.export import brief_to_json, dumps
from briefgen.render.fit import fit_pages
from briefgen.render.html import RenderedPdf, RenderInputs, render_html, render_pdf
from briefgen.render.layout_cache import LayoutCache, brief_digest, layout_key
from briefgen.workspace.templates import template_dirs

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Draft:
    """The edition at one cut: the brief, what it renders with, its export, its PDF."""

    brief: Brief
    inputs: RenderInputs
    snapshot: Snapshot
    pdf: RenderedPdf | None
    kept: bool = False  # the PDF is the last build's layout of the same HTML


_Attempt = Callable[[int], _Draft]


@dataclass(frozen=True)
class RenderedEdition:
    """An edition ready to write: its files, what it was made from and what changed."""

    edition: Edition
    outputs: dict[str, bytes]  # extension -> bytes
    snapshot: Snapshot
    changes: EditionChanges
    # Per extension: every template and stylesheet that shaped that file -> its digest.
    templates: dict[str, dict[str, str]]


@dataclass(frozen=True)
class EditionHistory:
    """What the previous build left for one edition, and why this one is being built."""

    record: EditionRecord | None
    sources: dict[str, str | None]  # source id -> digest of the bytes being built from
    reasons: tuple[str, ...]
    layouts: LayoutCache | None = None  # the PDFs its last build laid out
    citations: CitationMemo | None = None  # the CSL processor's answers it got


@dataclass(frozen=True)
class EditionRenderer:
    """Renders editions of one spec's material; the PDF decides how much of it fits."""

    passages: PassageFinder
    generated: str
    user_dirs: tuple[Path, ...]
    root: Path
    sandboxed: bool = False  # render templates in Jinja2's sandbox

    def render(
        self,
        material: Material,
        edition: Edition,
        history: EditionHistory,
        formats: Sequence[str],
    ) -> RenderedEdition:
        """The edition's files in `formats` (extensions), ready to write."""
        printed: dict[str, str] = {}  # templates read for the PDF (and for fitting)
        screen: dict[str, str] = {}  # templates read for the HTML

        def attempt(cut: int) -> _Draft:
            brief = tailor_brief(material, edition.audience, edition.layout, cut)
            snapshot, changes = edition_for(
                history.record,
                self.generated,
                history.sources,
                brief_to_json(brief, self.root),
                history.reasons,
            )
            inputs = RenderInputs(
                citations=cite_brief(brief, edition.citation_style, history.citations),
                edition=edition,
                generated=snapshot.generated,
                passages=self.passages.note_passages(brief),
                appendix=self.passages.appendix(brief),
                changes=changes,
            )
            if "pdf" not in formats and edition.max_pages is None:
                return _Draft(brief, inputs, snapshot, None)
            print_html = self._html(brief, inputs, "print", printed)
            pdf, kept = self._layout(print_html, printed, history)
            return _Draft(brief, inputs, snapshot, pdf, kept)

        draft = self._fit(material, edition, attempt, history.layouts)
        for kept in (history.layouts, history.citations):
            if kept is not None:
                kept.forget_unused()
        brief, inputs, pdf = draft.brief, draft.inputs, draft.pdf
        # Of the final draft only, so each is said once however many layouts fitting took.
        for warning in (*inputs.citations.warnings, *(pdf.warnings if pdf else ())):
            log.warning("%s: %s", edition.audience, warning)
        outputs: dict[str, bytes] = {}
        if "json" in formats:
            outputs["json"] = dumps(draft.snapshot.brief).encode()
        if "html" in formats:
            outputs["html"] = self._html(brief, inputs, "screen", screen).encode()
        if "pdf" in formats and pdf is not None:
            outputs["pdf"] = pdf.data
        if "docx" in formats:
            with stage("render DOCX"):
                outputs["docx"] = render_docx(
                    brief, inputs.citations, edition, template_dirs(self.user_dirs)
                )
        assert inputs.changes is not None
        # A page budget makes the content itself depend on the print templates.
        fitted = printed if edition.max_pages is not None else {}
        return RenderedEdition(
            edition=edition,
            outputs=outputs,
            snapshot=draft.snapshot,
            changes=inputs.changes,
            templates={
                "json": fitted,
                "html": {**fitted, **screen},
                "pdf": printed,
                "docx": fitted,
            },
        )

    def _layout(
        self, print_html: str, printed: dict[str, str], history: EditionHistory
    ) -> tuple[RenderedPdf, bool]:
        """The PDF of `print_html`, and whether it is the last build's layout (made from
        the same HTML, templates, code and WeasyPrint: an edition that stands)."""
        cache = history.layouts
        key = layout_key(print_html, printed) if cache is not None else ""
        kept = cache.get(key) if cache is not None else None
        if kept is not None:
            return kept, True
        with stage("render PDF"):
            pdf = render_pdf(print_html, allowed_dirs=template_dirs(self.user_dirs))
        if pdf.layouts > 1:
            log.debug("notes slipped to the page after their calls: %d layouts", pdf.layouts)
        if cache is not None:
            cache.put(key, pdf)
        return pdf, False

    def _html(self, brief: Brief, inputs: RenderInputs, mode: str, loaded: dict[str, str]) -> str:
        with stage("render HTML"):
            return render_html(
                brief,
                inputs,
                mode=mode,
                user_dirs=self.user_dirs,
                loaded=loaded,
                sandboxed=self.sandboxed,
            )

    def _fit(
        self,
        material: Material,
        edition: Edition,
        attempt: _Attempt,
        layouts: LayoutCache | None,
    ) -> _Draft:
        """The edition at the smallest cut whose PDF fits its page budget."""
        budget = edition.max_pages
        if budget is None:
            return attempt(0)
        full = tailor_brief(material, edition.audience, edition.layout)
        # The uncut brief and the budget decide the cut: when both are the last build's and
        # the last build's cut still gives its very layout, that is the fit, with no layout.
        uncut = brief_digest(brief_to_json(full, self.root), budget)
        if layouts is not None and (last_cut := layouts.fitted(uncut)) is not None:
            draft = attempt(last_cut)
            if draft.kept and draft.pdf is not None and draft.pdf.pages <= budget:
                return draft  # the memo already says this cut

        def pages(draft: _Draft) -> int:
            return draft.pdf.pages if draft.pdf is not None else 0

        most = len(full.statements()) - len(full.sections)

        def overflow(draft: _Draft) -> int:
            """A first guess at the cut, from the uncut draft: the fewest statements, in
            the order cutting drops them, as high (their notes included) as the content
            past the budget. Counting only the statements past the budget fell short when
            the end of the brief (actors, bibliography) overflowed too."""
            if draft.pdf is None:
                return 0
            excess = draft.pdf.height_after(budget)
            shown = {st.id for st in draft.brief.statements()}
            for cut in range(1, most + 1):
                left = tailor_brief(material, edition.audience, edition.layout, cut)
                dropped = shown - {st.id for st in left.statements()}
                if sum(draft.pdf.heights.get(sid, 0.0) for sid in dropped) >= excess:
                    return cut
            return most

        draft, cut = fit_pages(attempt, pages, budget, most, guess=overflow)
        if layouts is not None:
            layouts.remember_fit(uncut, cut)
        if draft.pdf is not None and draft.pdf.pages > budget:
            log.warning(
                "%s: the %s brief needs %d pages even at one statement per section; "
                "its budget is %d (max_pages)",
                material.brief_id,
                edition.audience,
                draft.pdf.pages,
                budget,
            )
        elif cut:
            log.info("%s: %d statements cut to fit %d pages", edition.audience, cut, budget)
        return draft
