"""Editions: one audience's brief with every setting resolved.

A setting comes from the spec's audience entry, else from the spec's top level, else from
the audience template's `audience.yaml`, else from briefgen's defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefgen.compose.tailor import FULL_LAYOUT, Layout
from briefgen.workspace.spec import BriefSpec
from briefgen.workspace.templates import template_defaults, template_folder

DEFAULT_PAPER = "A4"


@dataclass(frozen=True)
class Edition:
    """What one audience's output looks like: layout, page budget, style and print settings."""

    audience: str
    template: str
    layout: Layout
    max_pages: int | None
    citation_style: str
    paper: str
    marking: str
    organisation: str
    logo: Path | None
    language: str
    authors: tuple[str, ...]
    keywords: tuple[str, ...]


def resolve_edition(
    spec: BriefSpec, audience: str, user_dirs: tuple[Path, ...], cache: Path | None = None
) -> Edition:
    """The edition of `audience` that `spec` asks for; ConfigError if its template is missing.

    `cache`: where the template's defaults, once validated, are kept (`load_validated`).
    """
    wanted = spec.audience(audience)
    defaults = template_defaults(template_folder(wanted.template, user_dirs), cache)
    budget = {**defaults.budget, **wanted.budget}
    return Edition(
        audience=audience,
        template=wanted.template,
        layout=Layout(
            wanted.sections or defaults.sections or FULL_LAYOUT,
            budget,
            citations=wanted.max_citations or defaults.max_citations,
            bibliography=wanted.bibliography or defaults.bibliography or "all",
        ),
        max_pages=wanted.max_pages or defaults.max_pages,
        citation_style=wanted.citation_style,
        paper=wanted.paper or DEFAULT_PAPER,
        marking=wanted.marking,
        organisation=wanted.organisation,
        logo=wanted.logo,
        language=spec.language,
        authors=spec.authors or ((wanted.organisation,) if wanted.organisation else ()),
        keywords=spec.keywords,
    )
