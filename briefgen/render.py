"""Render: a cited Brief becomes HTML (Jinja2) and PDF (WeasyPrint).

One template serves both outputs. In `screen` mode note markers link to endnotes that
open the cited passage; in `print` mode each note is inline with CSS `float: footnote`,
so WeasyPrint sets it at the foot of its page. The Jinja2 environment is built here only:
autoescape on, StrictUndefined, user template folders searched before the built-in ones.
"""

from __future__ import annotations

import base64
import mimetypes
import re
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import jinja2
from markupsafe import Markup

from briefgen.edition import Edition
from briefgen.errors import RenderError
from briefgen.model import Brief, CitationSet, PartialDate, Zone
from briefgen.passages import Passage, SourceAppendixEntry, source_label
from briefgen.templates import BUILTIN_PREFIX, builtin_template_dir, template_dirs

PDF_VARIANT = "pdf/ua-1"  # tagged PDF, so screen readers can follow the structure

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def human_date(date: PartialDate) -> str:
    """'29 September 2011', 'early December 2021', 'summer 2021', 'mid-2022' or '2007'."""
    if date.month is None:
        if date.part is None:
            return str(date.year)
        return f"{date.part}-{date.year}" if date.part == "mid" else f"{date.part} {date.year}"
    month = _MONTHS[date.month - 1]
    if date.day:
        return f"{date.day} {month} {date.year}"
    if date.part:
        return (
            f"{date.part}-{month} {date.year}"
            if date.part == "mid"
            else (f"{date.part} {month} {date.year}")
        )
    return f"{month} {date.year}"


_CSS_UNSAFE = re.compile(r'[\\"\n\r<>]')


def css_string(value: str) -> Markup:
    """A quoted CSS string: safe inside a <style> element and a `content:` property."""
    escaped = _CSS_UNSAFE.sub(lambda m: f"\\{ord(m[0]):X} ", value)
    return Markup(f'"{escaped}"')


def make_environment(user_dirs: Sequence[Path] = ()) -> jinja2.Environment:
    """The one Jinja2 environment briefgen renders with."""
    builtin = builtin_template_dir()
    environment = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.FileSystemLoader([str(d) for d in template_dirs(tuple(user_dirs))]),
                # `builtin/<name>`: the shipped template even where a user's hides it.
                jinja2.PrefixLoader({BUILTIN_PREFIX: jinja2.FileSystemLoader(str(builtin))}),
            ]
        ),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["human_date"] = human_date
    environment.filters["css_string"] = css_string
    return environment


@dataclass(frozen=True)
class RenderInputs:
    """What a brief is rendered with besides the Brief: its notes, edition and sources."""

    citations: CitationSet
    edition: Edition
    generated: str
    passages: dict[str, list[Passage]]
    appendix: list[SourceAppendixEntry]


def render_html(
    brief: Brief, inputs: RenderInputs, *, mode: str, user_dirs: Sequence[Path] = ()
) -> str:
    """The brief as one self-contained HTML document (`mode` is 'screen' or 'print')."""
    environment = make_environment(user_dirs)
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
            passages=inputs.passages,
            appendix=inputs.appendix,
            actors={actor.id: actor for actor in brief.actors},
            labels={entry.id: source_label(entry) for entry in brief.sources},
            logo=_data_uri(inputs.edition.logo) if inputs.edition.logo else None,
            mode=mode,
            css=Markup(css),
            generated=inputs.generated,
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
    """A laid-out PDF and how many pages it has."""

    data: bytes
    pages: int


def render_pdf(print_html: str, *, allowed_dirs: Sequence[Path]) -> RenderedPdf:
    """Lays out print-mode HTML as PDF; only files under `allowed_dirs` may be fetched."""
    import weasyprint  # heavy: imported only when a PDF is wanted

    class _LocalOnlyFetcher(weasyprint.URLFetcher):  # type: ignore[misc]
        """Refuses network and any file outside the template folders."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if any(path.is_relative_to(d.resolve()) for d in allowed_dirs):
                    return super().fetch(url, headers)
            raise ValueError(f"briefgen does not fetch {url}")

    try:
        document = weasyprint.HTML(
            string=print_html,
            base_url=str(allowed_dirs[-1]) + "/",
            url_fetcher=_LocalOnlyFetcher(),
        ).render(pdf_variant=PDF_VARIANT)
        data: bytes = document.write_pdf(pdf_variant=PDF_VARIANT)
    except Exception as exc:  # WeasyPrint raises many types; report them as one
        raise RenderError(f"PDF rendering failed: {exc}") from exc
    return RenderedPdf(data, len(document.pages))
