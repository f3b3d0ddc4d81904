"""Brief specs: one YAML file per brief under `briefs/`, validated with clear errors."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from briefgen.core.dates import parse_iso_date
from briefgen.core.limits import SourceLimits
from briefgen.errors import ConfigError
from briefgen.model import PartialDate, SectionId
from briefgen.workspace.yamlfile import KeyPath, format_key_path, line_of, load_validated

DEFAULT_STYLE = "chicago-notes-bibliography"
_NAME = r"^[a-z][a-z0-9_-]*$"
# A spec's file name is its brief's id and output folder: no path separators, no "..".
_BRIEF_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")

# Paper: a CSS page size name, or width and height, optionally turned to landscape.
PAPER_PATTERN = (
    r"^(?:(?:A3|A4|A5|B4|B5|JIS-B4|JIS-B5|letter|legal|ledger)"
    r"|\d+(?:\.\d+)?(?:mm|cm|in|pt) \d+(?:\.\d+)?(?:mm|cm|in|pt))(?: (?:landscape|portrait))?$"
)

# Settings a spec may give once for every audience, or per audience.
_EDITION_SETTINGS: dict[str, Any] = {
    "citation_style": {"type": "string", "minLength": 1},
    "paper": {"type": "string", "pattern": PAPER_PATTERN},
    # A handling or classification marking printed at the top and bottom of every page.
    "marking": {"type": "string"},
    "organisation": {"type": "string"},
    "logo": {"type": "string", "pattern": r"(?i)\.(png|jpe?g|gif|svg)$"},
}

_SECTION_NAMES = [s.value for s in SectionId]

# Layout settings: in a spec's audience entry and in a template's audience.yaml.
LAYOUT_SETTINGS: dict[str, Any] = {
    "sections": {
        "type": "array",
        "items": {"enum": _SECTION_NAMES},
        "minItems": 1,
        "uniqueItems": True,
    },
    "max_pages": {"type": "integer", "minimum": 1},
    "budget": {
        "type": "object",
        "propertyNames": {"enum": _SECTION_NAMES},
        "additionalProperties": {"type": "integer", "minimum": 1},
    },
    # At most how many source passages one note cites; the rest are counted.
    "max_citations": {"type": "integer", "minimum": 1},
    # Which works the bibliography lists: every source, or only those the notes cite.
    "bibliography": {"enum": ["all", "cited"]},
}

AUDIENCE_SCHEMA: dict[str, Any] = {
    "type": ["object", "null"],
    "properties": {
        **_EDITION_SETTINGS,
        **LAYOUT_SETTINGS,
        "template": {"type": "string", "pattern": _NAME},
    },
    "additionalProperties": False,
}

SPEC_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["title"],
    "properties": {
        "title": {"type": "string", "minLength": 1},
        "subtitle": {"type": "string"},
        "as_of": {"type": ["string", "integer"]},  # `as_of: 2022` is a YAML integer
        # The timeline's first date: a brief on a period ("since the talks opened") leaves
        # earlier events to the background.
        "timeline_from": {"type": ["string", "integer"]},
        "corpus": {"type": "string", "minLength": 1},
        "sources": {
            "oneOf": [
                {"const": "all"},
                {"type": "array", "items": {"type": "string"}, "minItems": 1},
            ]
        },
        # A list of audience names, or a mapping of names to their settings.
        "audiences": {
            "type": ["array", "object"],
            "items": {"type": "string", "pattern": _NAME},
            "minItems": 1,
            "minProperties": 1,
            "propertyNames": {"pattern": _NAME},
            "additionalProperties": AUDIENCE_SCHEMA,
        },
        **_EDITION_SETTINGS,
        "authors": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "keywords": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "language": {"type": "string", "pattern": r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$"},
        # A template folder, relative to the spec, searched before the built-in one.
        "templates": {"type": "string", "minLength": 1},
        # Render the templates in Jinja2's sandbox: for template folders one does not trust.
        "template_sandbox": {"type": "boolean"},
        # Reader comments under a post are excluded unless a brief asks to cite them;
        # then each is labelled "reader comment" in the text and in its note.
        "reader_comments": {"enum": ["exclude", "cite"]},
        # Bounds on one source (see briefgen/core/limits.py); a source over them is skipped.
        "limits": {
            "type": "object",
            "properties": {
                "source_megabytes": {"type": "number", "exclusiveMinimum": 0},
                "source_characters": {"type": "integer", "minimum": 1},
            },
            "additionalProperties": False,
        },
    },
    "additionalProperties": False,
}


@dataclass(frozen=True)
class AudienceSpec:
    """One audience's edition as the spec asks for it; None means the template's default."""

    name: str
    template: str
    citation_style: str
    paper: str | None
    marking: str
    organisation: str
    logo: Path | None
    sections: tuple[SectionId, ...] | None
    max_pages: int | None
    budget: Mapping[SectionId, int]
    max_citations: int | None
    bibliography: str | None
    where: str  # "file:line: key" of the audience's entry, for messages about it
    style_where: str = ""  # "file:line: key" where its citation style is set


@dataclass(frozen=True)
class BriefSpec:
    """What to build: a title, a corpus, which of its sources, for which audiences."""

    name: str
    path: Path
    title: str
    subtitle: str
    as_of: PartialDate | None  # None: the newest source's date
    corpus: Path
    sources: tuple[str, ...] | None  # None: every source in the corpus
    audiences: tuple[AudienceSpec, ...]
    defaults: AudienceSpec  # the spec-wide settings, for an audience the spec does not list
    cite_reader_comments: bool = False
    authors: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    language: str = "en"
    templates: Path | None = None
    template_sandbox: bool = False
    limits: SourceLimits = field(default_factory=SourceLimits)
    timeline_from: PartialDate | None = None  # None: events of any date

    def audience(self, name: str) -> AudienceSpec:
        """The named audience's settings; one the spec does not list gets the spec-wide
        settings and its template's defaults."""
        for audience in self.audiences:
            if audience.name == name:
                return audience
        return replace(
            self.defaults, name=name, template=name, where=f"{self.path}: audience {name}"
        )


def load_spec(path: Path, cache: Path | None = None) -> BriefSpec:
    """Reads and validates a brief spec; raises ConfigError naming file, line and key.

    `cache`: where a spec validated before is kept (`load_validated`).
    """
    if not _BRIEF_NAME.match(path.stem):
        raise ConfigError(
            [
                f"{path}: '{path.stem}' cannot name a brief: the file name is the brief's id "
                "and output folder, so use letters, digits, '-', '_' and '.' only"
            ]
        )
    data, lines = load_validated(path, SPEC_SCHEMA, cache)
    try:
        # Absent: the date of the newest source (see material.compose_spec).
        as_of = parse_iso_date(str(data["as_of"])) if "as_of" in data else None
    except ValueError as exc:
        raise ConfigError([f"{path}:{line_of(lines, ('as_of',))}: as_of: {exc}"]) from exc
    try:
        timeline_from = (
            parse_iso_date(str(data["timeline_from"])) if "timeline_from" in data else None
        )
    except ValueError as exc:
        where = f"{path}:{line_of(lines, ('timeline_from',))}"
        raise ConfigError([f"{where}: timeline_from: {exc}"]) from exc
    problems: list[str] = []
    audiences = data.get("audiences", ["analyst"])
    if isinstance(audiences, list):
        audiences = {name: None for name in audiences}
    listed = data.get("audiences", ["analyst"])
    keys: list[KeyPath] = (
        [("audiences", i) for i in range(len(listed))]
        if isinstance(listed, list)
        else [("audiences", name) for name in listed]
    )
    editions = tuple(
        _audience(name, settings or {}, data, path, lines, problems, key)
        for (name, settings), key in zip(audiences.items(), keys, strict=True)
    )
    defaults = _audience("", {}, data, path, lines, problems, ())
    templates = path.parent / data["templates"] if "templates" in data else None
    if templates is not None and not templates.is_dir():
        problems.append(
            f"{path}:{line_of(lines, ('templates',))}: templates: no folder {templates}"
        )
    if problems:
        raise ConfigError(list(dict.fromkeys(problems)))
    sources = data.get("sources", "all")
    return BriefSpec(
        name=path.stem,
        path=path,
        title=data["title"],
        subtitle=data.get("subtitle", ""),
        as_of=as_of,
        timeline_from=timeline_from,
        corpus=(path.parent / data.get("corpus", "../seeds")).resolve(),
        sources=None if sources == "all" else tuple(sources),
        audiences=editions,
        defaults=defaults,
        cite_reader_comments=data.get("reader_comments", "exclude") == "cite",
        authors=tuple(data.get("authors", ())),
        keywords=tuple(data.get("keywords", ())),
        language=data.get("language", "en"),
        templates=templates.resolve() if templates is not None else None,
        template_sandbox=data.get("template_sandbox", False),
        limits=_limits(data.get("limits", {})),
    )


def _limits(settings: dict[str, Any]) -> SourceLimits:
    default = SourceLimits()
    return SourceLimits(
        max_megabytes=settings.get("source_megabytes", default.max_megabytes),
        max_characters=settings.get("source_characters", default.max_characters),
    )


def _audience(
    name: str,
    settings: dict[str, Any],
    defaults: dict[str, Any],
    path: Path,
    lines: dict[KeyPath, int],
    problems: list[str],
    key: KeyPath,
) -> AudienceSpec:
    def setting(key: str) -> Any:
        return settings.get(key, defaults.get(key))

    logo = setting("logo")
    logo_path = (path.parent / logo).resolve() if logo else None
    if logo_path is not None and not logo_path.is_file():
        logo_key = (*key, "logo") if "logo" in settings else ("logo",)
        problems.append(
            f"{path}:{line_of(lines, logo_key)}: {format_key_path(logo_key)}: "
            f"no image file {logo_path}"
        )
    sections = settings.get("sections")
    style_key = (*key, "citation_style") if "citation_style" in settings else ("citation_style",)
    return AudienceSpec(
        name=name,
        template=settings.get("template", name),
        citation_style=setting("citation_style") or DEFAULT_STYLE,
        paper=setting("paper"),
        marking=setting("marking") or "",
        organisation=setting("organisation") or "",
        logo=logo_path,
        sections=tuple(SectionId(s) for s in sections) if sections else None,
        max_pages=settings.get("max_pages"),
        budget={SectionId(k): v for k, v in settings.get("budget", {}).items()},
        max_citations=settings.get("max_citations"),
        bibliography=settings.get("bibliography"),
        where=f"{path}:{line_of(lines, key)}: {format_key_path(key)}",
        style_where=f"{path}:{line_of(lines, style_key)}: {format_key_path(style_key)}",
    )


def find_specs(briefs_dir: Path) -> list[Path]:
    """Every spec file in a briefs folder, sorted."""
    if not briefs_dir.is_dir():
        raise ConfigError([f"{briefs_dir}: no briefs folder; run from a briefgen workspace"])
    specs = sorted(
        path
        for path in [*briefs_dir.glob("*.yaml"), *briefs_dir.glob("*.yml")]
        if not path.name.endswith(".review.yaml")  # a spec's review, not a spec
    )
    if not specs:
        raise ConfigError([f"{briefs_dir}: no brief specs (*.yaml) found"])
    return specs
