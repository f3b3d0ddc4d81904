"""Render: a cited Brief becomes HTML (Jinja2) and PDF (WeasyPrint).

One template serves both outputs. In `screen` mode note markers link to endnotes; in
`print` mode each note is inline with CSS `float: footnote`, so WeasyPrint sets it at the
foot of its page. The Jinja2 environment is built here only: autoescape on,
StrictUndefined, user template folders searched before the built-in ones.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import jinja2
from markupsafe import Markup

from briefgen.errors import RenderError
from briefgen.model import Brief, CitationSet, PartialDate, Zone

log = logging.getLogger(__name__)

_PACKAGE_DIR = Path(__file__).parent


def builtin_template_dir() -> Path:
    """The built-in templates: shipped inside the wheel, or the checkout's templates/."""
    shipped = _PACKAGE_DIR / "_templates"
    return shipped if shipped.is_dir() else _PACKAGE_DIR.parent / "templates"


def template_dirs(user_dirs: Sequence[Path] = ()) -> list[Path]:
    """Template folders in search order: the user's first, then the built-in ones."""
    return [*user_dirs, builtin_template_dir()]


def available_audiences(user_dirs: Sequence[Path] = ()) -> list[str]:
    """Audiences that have a template folder (holding brief.html)."""
    return sorted({p.parent.name for d in template_dirs(user_dirs) for p in d.glob("*/brief.html")})


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


def make_environment(user_dirs: Sequence[Path] = ()) -> jinja2.Environment:
    """The one Jinja2 environment briefgen renders with."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs(user_dirs)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["human_date"] = human_date
    return environment


def render_html(
    brief: Brief,
    citations: CitationSet,
    *,
    mode: str,
    generated: str,
    user_dirs: Sequence[Path] = (),
) -> str:
    """The brief as one self-contained HTML document (`mode` is 'screen' or 'print')."""
    environment = make_environment(user_dirs)
    name = f"{brief.audience}/brief.html"
    try:
        template = environment.get_template(name)
        css = environment.loader.get_source(environment, "brief.css")[0]  # type: ignore[union-attr]
        by_statement = citations.note_by_statement
        return template.render(
            brief=brief,
            notes={sid: Markup(n.html) for sid, n in by_statement.items()},
            note_numbers={sid: n.number for sid, n in by_statement.items()},
            bibliography=[Markup(entry) for entry in citations.bibliography],
            mode=mode,
            css=Markup(css),
            generated=generated,
            zone=Zone,
        )
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}") from exc
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"template not found: {exc.name}") from exc
    except jinja2.UndefinedError as exc:
        raise RenderError(f"{name}: {exc.message}") from exc


def render_pdf(print_html: str, *, allowed_dirs: Sequence[Path]) -> bytes:
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
        )
        pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1")
    except Exception as exc:  # WeasyPrint raises many types; report them as one
        raise RenderError(f"PDF rendering failed: {exc}") from exc
    return pdf
