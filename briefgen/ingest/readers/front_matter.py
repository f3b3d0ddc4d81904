"""Front matter: YAML between `---` lines at the top of a Markdown or text file, as
Jekyll, Hugo, Pandoc and Obsidian write it.

Its title, authors, date, URL, publisher and other CSL-mappable keys are the file's
declared metadata, and the block itself is marked as furniture, so it is never body text.
The canonical text stays the file itself: offsets into it stay true.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

import yaml

from briefgen.core.dates import checked_date
from briefgen.data import load_data
from briefgen.model import PartialDate, TextMetadata, Zone

# Opening "---" on the first line; closing "---" (YAML's "..." too) on a line of its own.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_URL = re.compile(r"^https?://\S+$")
WHERE = "front matter"


@cache
def _keys() -> dict[str, list[str]]:
    keys: dict[str, list[str]] = load_data("metadata.yaml")["front_matter_keys"]
    return keys


def front_matter(text: str) -> tuple[TextMetadata, tuple[int, int, Zone]] | None:
    """The metadata a file's front matter declares and the span to mark as furniture;
    None when the file has none (or the block between `---` lines is not a YAML mapping,
    as in a Markdown page that opens with a horizontal rule)."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return None
    try:
        data = yaml.safe_load(match[1] or "")
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict) or not data:
        return None
    fields = {str(k).strip().lower(): v for k, v in data.items()}

    def first(csl_field: str) -> Any:
        return next((fields[k] for k in _keys()[csl_field] if fields.get(k)), None)

    title, url = _text(first("title")), _text(first("URL"))
    values = {
        "title": title,
        "authors": _names(first("author")),
        "date": _date(first("issued")),
        "publisher": _text(first("publisher")),
        "url": url if url and _URL.match(url) else None,
    }
    extra = tuple(
        (key, value)
        for key in ("language", "container-title", "DOI")
        if (value := _text(first(key)))
    )
    where = tuple((name, WHERE) for name, value in values.items() if value)
    metadata = TextMetadata(
        title=values["title"],
        authors=values["authors"] or (),
        date=values["date"],
        publisher=values["publisher"],
        url=values["url"],
        where=where + tuple((key, WHERE) for key, _ in extra),
        extra=extra,
    )
    return metadata, (0, match.end(), Zone.FURNITURE)


def _text(value: Any) -> Any:
    """A scalar as a stripped string; None for lists, mappings and empty values."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip() or None
    return None


def _names(value: Any) -> tuple[str, ...]:
    """Authors as front matter writes them: "A", "A and B", ["A", "B"], [{name: A}]."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            given, family = _text(item.get("given")), _text(item.get("family"))
            item = _text(item.get("name")) or " ".join(filter(None, (given, family)))
        text = _text(item)
        if text:
            names.extend(n.strip() for n in re.split(r"\s*(?:;|\band\b|&)\s*", text) if n.strip())
    return tuple(names)


def _date(value: Any) -> PartialDate | None:
    """A date as YAML reads it (a date or datetime) or as text ("2019-11-28T08:30:00Z",
    "March 3, 2020", "2021-04")."""
    if isinstance(value, dt.datetime | dt.date):
        return PartialDate(value.year, value.month, value.day)
    text = _text(value)
    if text is None:
        return None
    from briefgen.core.timex import find_timexes  # the tagger reads every written form

    found = [t.date for t in find_timexes(text, None) if t.end_date is None]
    if found:
        return max(found, key=lambda d: len(d.known()))
    iso = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    try:
        return checked_date(int(iso[1]), int(iso[2]), int(iso[3])) if iso else None
    except ValueError:
        return None
