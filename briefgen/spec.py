"""Brief specs: one YAML file per brief under `briefs/`, validated with clear errors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.dates import parse_iso_date
from briefgen.errors import ConfigError
from briefgen.model import PartialDate
from briefgen.yamlfile import line_of, load_validated

DEFAULT_STYLE = "chicago-notes-bibliography"

SPEC_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["title", "as_of"],
    "properties": {
        "title": {"type": "string", "minLength": 1},
        "subtitle": {"type": "string"},
        "as_of": {"type": ["string", "integer"]},  # `as_of: 2022` is a YAML integer
        "corpus": {"type": "string", "minLength": 1},
        "sources": {
            "oneOf": [
                {"const": "all"},
                {"type": "array", "items": {"type": "string"}, "minItems": 1},
            ]
        },
        "audiences": {
            "type": "array",
            "items": {"type": "string", "pattern": r"^[a-z][a-z0-9_-]*$"},
            "minItems": 1,
        },
        "citation_style": {"type": "string", "minLength": 1},
        # Reader comments under a post are excluded unless a brief asks to cite them;
        # then each is labelled "reader comment" in the text and in its note.
        "reader_comments": {"enum": ["exclude", "cite"]},
    },
    "additionalProperties": False,
}


@dataclass(frozen=True)
class BriefSpec:
    """What to build: a title, a corpus, which of its sources, for which audiences."""

    name: str
    path: Path
    title: str
    subtitle: str
    as_of: PartialDate
    corpus: Path
    sources: tuple[str, ...] | None  # None: every source in the corpus
    audiences: tuple[str, ...]
    citation_style: str
    cite_reader_comments: bool = False


def load_spec(path: Path) -> BriefSpec:
    """Reads and validates a brief spec; raises ConfigError naming file, line and key."""
    data, lines = load_validated(path, SPEC_SCHEMA)
    try:
        as_of = parse_iso_date(str(data["as_of"]))
    except ValueError as exc:
        raise ConfigError([f"{path}:{line_of(lines, ('as_of',))}: as_of: {exc}"]) from exc
    sources = data.get("sources", "all")
    return BriefSpec(
        name=path.stem,
        path=path,
        title=data["title"],
        subtitle=data.get("subtitle", ""),
        as_of=as_of,
        corpus=(path.parent / data.get("corpus", "../seeds")).resolve(),
        sources=None if sources == "all" else tuple(sources),
        audiences=tuple(data.get("audiences", ["analyst"])),
        citation_style=data.get("citation_style", DEFAULT_STYLE),
        cite_reader_comments=data.get("reader_comments", "exclude") == "cite",
    )


def find_specs(briefs_dir: Path) -> list[Path]:
    """Every spec file in a briefs folder, sorted."""
    if not briefs_dir.is_dir():
        raise ConfigError([f"{briefs_dir}: no briefs folder; run from a briefgen workspace"])
    specs = sorted([*briefs_dir.glob("*.yaml"), *briefs_dir.glob("*.yml")])
    if not specs:
        raise ConfigError([f"{briefs_dir}: no brief specs (*.yaml) found"])
    return specs
