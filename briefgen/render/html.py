"""Render: a cited Brief becomes HTML (Jinja2) and PDF (WeasyPrint).

One template serves both outputs. In `screen` mode note markers link to endnotes that
open the cited passage; in `print` mode each note is inline with CSS `float: footnote`,
so WeasyPrint sets it at the foot of its page. The Jinja2 environment is built here only:
autoescape on, StrictUndefined, user template folders searched before the built-in ones.
"""

from __future__ import annotations

import base64
import logging
import mimetypes
import re
import traceback
from collections import defaultdict
from collections.abc import Callable, MutableMapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from briefgen.cite.passages import Passage, SourceAppendixEntry, source_label
from briefgen.compose.edition_settings import Edition
from briefgen.compose.statement_text import trim
from briefgen.core.dates import human_date, human_iso_date
from briefgen.core.digest import digest_bytes
from briefgen.core.library_log import captured
from briefgen.errors import RenderError
from briefgen.model import Brief, CitationSet, Zone
from briefgen.render.changes import EditionChanges
from briefgen.render.figures import (
    acronym,
    relation_words,
    relationship_figure,
    timeline_figure,
)
from briefgen.workspace.templates import template_loaders

log = logging.getLogger(__name__)

PDF_VARIANT = "pdf/ua-1"  # tagged PDF, so screen readers can follow the structure

_CSS_UNSAFE = re.compile(r'[\\"\n\r<>]')


def css_string(value: str) -> Markup:
    """A quoted CSS string: safe inside a <style> element and a `content:` property."""
    escaped = _CSS_UNSAFE.sub(lambda m: f"\\{ord(m[0]):X} ", value)
    return Markup(f'"{escaped}"')


class _RecordingLoader(jinja2.ChoiceLoader):
    """Notes the digest of every template it hands out: the build manifest's record of
    which template files shaped an output."""

    def __init__(self, loaders: list[jinja2.BaseLoader], loaded: dict[str, str]) -> None:
        super().__init__(loaders)
        self.loaded = loaded

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        source = super().get_source(environment, template)
        self.loaded[template] = digest_bytes(source[0].encode())
        return source

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        # ChoiceLoader.load asks its loaders directly; BaseLoader.load goes through
        # get_source above, so every template loaded is recorded.
        return jinja2.BaseLoader.load(self, environment, name, globals)


def make_environment(
    user_dirs: Sequence[Path] = (),
    loaded: dict[str, str] | None = None,
    *,
    sandboxed: bool = False,
) -> jinja2.Environment:
    """The one Jinja2 environment briefgen renders with; `loaded` collects the name and
    digest of every template and stylesheet read.

    `sandboxed` renders in Jinja2's immutable sandbox: a template cannot reach Python
    internals (`__class__`, `__globals__`) or change the objects it is given.
    """
    kind = ImmutableSandboxedEnvironment if sandboxed else jinja2.Environment
    environment = kind(
        loader=_RecordingLoader(template_loaders(user_dirs), {} if loaded is None else loaded),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["human_date"] = human_date
    environment.filters["css_string"] = css_string
    environment.filters["human_iso"] = human_iso_date
    environment.filters["words"] = trim  # a timeline sentence shortened for the page
    environment.filters["acronym"] = acronym
    environment.filters["count"] = lambda n: f"{n:,}"  # 1,203
    return environment


@dataclass(frozen=True)
class RenderInputs:
    """What a brief is rendered with besides the Brief: its notes, edition and sources."""

    citations: CitationSet
    edition: Edition
    generated: str
    passages: dict[str, list[Passage]]
    appendix: list[SourceAppendixEntry]
    changes: EditionChanges | None = None  # since the last edition, for a templates' box


def render_html(
    brief: Brief,
    inputs: RenderInputs,
    *,
    mode: str,
    user_dirs: Sequence[Path] = (),
    loaded: dict[str, str] | None = None,
    sandboxed: bool = False,
) -> str:
    """The brief as one self-contained HTML document (`mode` is 'screen' or 'print');
    `loaded` and `sandboxed` are as `make_environment` takes them."""
    environment = make_environment(user_dirs, loaded, sandboxed=sandboxed)
    name = f"{inputs.edition.template}/brief.html"
    try:
        template = environment.get_template(name)
        css = environment.loader.get_source(environment, "brief.css")[0]  # type: ignore[union-attr]
        by_statement = inputs.citations.note_by_statement
        return template.render(
            brief=brief,
            edition=inputs.edition,
            notes={sid: Markup(n.html) for sid, n in by_statement.items()},
            note_numbers={sid: n.number for sid, n in by_statement.items()},
            bibliography=[Markup(entry) for entry in inputs.citations.bibliography],
            further_sources=inputs.citations.further_sources,
            passages=inputs.passages,
            appendix=inputs.appendix,
            actors={actor.id: actor for actor in brief.actors},
            relations_figure=relationship_figure(brief),
            timeline_figure=timeline_figure,
            relation_words=relation_words,
            labels={entry.id: source_label(entry) for entry in brief.sources},
            logo=_data_uri(inputs.edition.logo) if inputs.edition.logo else None,
            mode=mode,
            css=Markup(css),
            generated=inputs.generated,
            changes=inputs.changes,
            new_ids=inputs.changes.new_ids if inputs.changes else frozenset(),
            zone=Zone,
        )
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}") from exc
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"template not found: {exc.name}") from exc
    except Exception as exc:  # a template's own mistake, e.g. an undefined name
        raise RenderError(f"{_template_location(exc, name)}: {exc}") from exc


def _template_location(exc: Exception, fallback: str) -> str:
    """`file:line` of the innermost template frame of a rendering error."""
    frames = [
        frame
        for frame in traceback.extract_tb(exc.__traceback__)
        if frame.filename.endswith((".html", ".css")) and frame.lineno
    ]
    if not frames:
        return fallback
    return f"{frames[-1].filename}:{frames[-1].lineno}"


def _data_uri(path: Path) -> str:
    """An image inlined, so the HTML fetches nothing."""
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode()}"


@dataclass(frozen=True)
class RenderedPdf:
    """A laid-out PDF, how many pages it has and which element ids each page holds."""

    data: bytes
    pages: int
    warnings: tuple[str, ...] = ()  # what WeasyPrint could not load or understand
    ids_by_page: tuple[frozenset[str], ...] = ()
    files: tuple[Path, ...] = ()  # the files it loaded (images, fonts of the templates)
    layouts: int = 1  # more when notes slipped to the page after their calls
    # How high each page's content is, its notes included, and each element's (by id;
    # a statement's note counts with it), in points: what a page budget's fitting guesses by.
    filled: tuple[float, ...] = ()
    heights: dict[str, float] = field(default_factory=dict)

    def height_after(self, page: int) -> float:
        """How high the content laid out on the pages after `page` is."""
        return sum(self.filled[page:])


# A brief whose notes keep slipping after this many re-layouts is written as it is.
_NOTE_RETRIES = 4


def slipped_notes(document: Any) -> list[str]:
    """The statements (by the id the template gives each note) whose note the layout put
    on a later page than its call, in reading order."""
    calls: dict[str, int] = {}
    notes: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():  # WeasyPrint's laid-out boxes
            element = getattr(box, "element", None)
            statement = element.get("data-statement") if element is not None else None
            if statement is None:
                continue
            if str(getattr(box, "element_tag", "")).endswith("::footnote-call"):
                calls.setdefault(statement, number)
            elif type(box).__name__ == "BlockBox":
                notes.setdefault(statement, number)
    return [s for s, page in calls.items() if notes.get(s, page) > page]


def page_space(document: Any) -> tuple[tuple[float, ...], dict[str, float]]:
    """How high each page's content is (from the top of its area to its last line, plus
    its notes), and each element with an id (its boxes on every page, plus the note of the
    statement it is), from WeasyPrint's laid-out boxes."""
    filled: list[float] = []
    heights: dict[str, float] = defaultdict(float)
    for page in document.pages:
        box = page._page_box
        top = box.content_box_y()
        bottom, notes = top, 0.0
        for area in box.children:
            kind = type(area).__name__
            if kind == "FootnoteAreaBox" and area.children:
                notes = area.margin_height()
                for note in area.descendants():
                    element = getattr(note, "element", None)
                    statement = element.get("data-statement") if element is not None else None
                    if statement is not None and type(note).__name__ == "BlockBox":
                        heights[statement] += note.margin_height()
            elif kind == "BlockBox":  # the document's own flow
                measured: set[str] = set()  # a list item's box wraps another of its own
                for part in area.descendants():
                    if type(part).__name__ == "LineBox":
                        bottom = max(bottom, part.position_y + part.margin_height())
                    element = getattr(part, "element", None)
                    if element is None or not (key := element.get("id")) or key in measured:
                        continue
                    if (
                        getattr(part, "element_tag", None) == element.tag  # not ::before
                        and type(part).__name__ in ("BlockBox", "TableRowBox")
                    ):
                        measured.add(key)
                        heights[key] += part.margin_height()
        filled.append(bottom - top + notes)
    return tuple(filled), dict(heights)


def prepare_pdf_renderer() -> None:
    """Imports WeasyPrint and has it load its fonts: a build does this while its workers
    read the sources, so the editions' processes, forked after, start with both (about a
    second of the critical path of a small brief). A failure here is left for the layout
    to report."""
    try:
        import weasyprint

        with captured("weasyprint"):
            weasyprint.HTML(string="<p>briefgen</p>").render()
    except Exception as exc:  # anything: the real layout will say it
        log.debug("WeasyPrint could not be prepared ahead: %s", exc)


def render_pdf(print_html: str, *, allowed_dirs: Sequence[Path]) -> RenderedPdf:
    """Lays out print-mode HTML as PDF; only files under `allowed_dirs` may be fetched."""
    import weasyprint  # heavy: imported only when a PDF is wanted

    loaded: dict[Path, None] = {}

    class _LocalOnlyFetcher(weasyprint.URLFetcher):  # type: ignore[misc]
        """Refuses network and any file outside the template folders."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if any(path.is_relative_to(d.resolve()) for d in allowed_dirs):
                    loaded[path] = None
                    return super().fetch(url, headers)
            raise ValueError(f"briefgen does not fetch {url}")

    def layout(html: str) -> Any:
        return weasyprint.HTML(
            string=html, base_url=str(allowed_dirs[-1]) + "/", url_fetcher=_LocalOnlyFetcher()
        ).render(pdf_variant=PDF_VARIANT)

    try:
        with captured("weasyprint") as messages:
            document = layout(print_html)
            # WeasyPrint may lay a note out on the page after its call when the call's
            # page is full (Kozea/WeasyPrint#2432), whatever `footnote-policy` says. The
            # shipped sheet's orphans and widows prevent it; a desk's own templates may
            # not. The statement then starts a page of its own, and the layout is done
            # again. Every statement that slipped moves at once: a layout of a long
            # edition takes seconds, and moving one at a time took a layout per note.
            moved: list[str] = []
            layouts = 1
            for _ in range(_NOTE_RETRIES):
                slipped = [s for s in slipped_notes(document) if s not in moved]
                if not slipped:
                    break
                moved.extend(slipped)
                rules = "".join(f"#{s} {{ break-before: page; }}" for s in moved)
                document = layout(
                    print_html.replace("</head>", f"<style>{rules}</style></head>", 1)
                )
                layouts += 1
            data: bytes = document.write_pdf(pdf_variant=PDF_VARIANT)
    except MemoryError:
        raise
    except Exception as exc:  # WeasyPrint raises many types; report them as one
        raise RenderError(f"PDF rendering failed: {exc}") from exc
    warnings = tuple(f"PDF renderer (WeasyPrint): {m}" for m in messages)
    ids = tuple(frozenset(page.anchors) for page in document.pages)
    filled, heights = page_space(document)
    return RenderedPdf(
        data, len(document.pages), warnings, ids, tuple(loaded), layouts, filled, heights
    )
