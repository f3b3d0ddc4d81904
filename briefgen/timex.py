"""Temporal expressions: find dates in a sentence and normalise them, HeidelTime-style.

Explicit dates ("August 7, 2022", "November 2021", "in 2007") are read as written, at their
own precision. Underspecified ones ("On September 29", "in early December") and relative
ones ("last year", "last October") are resolved against the document's own date: a month
later than the document's month is taken to be in the previous year, as news text
overwhelmingly refers back in time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from briefgen.data import load_data
from briefgen.dates import checked_date
from briefgen.model import PartialDate


@dataclass(frozen=True)
class Timex:
    """A temporal expression found at `start:end` of the text it was searched in."""

    start: int
    end: int
    date: PartialDate


@cache
def _month_numbers() -> dict[str, int]:
    lexicon = load_data("lexicon.yaml")
    numbers = {name: index for index, name in enumerate(lexicon["months"], start=1)}
    numbers.update(lexicon["month_abbreviations"])
    return numbers


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    month = "(?P<month>" + "|".join(sorted(_month_numbers(), key=len, reverse=True)) + r")\.?"
    year = r"(?P<year>(?:1[89]|20)\d{2})"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    part = r"(?:(?:early|mid|late|the end of|the beginning of|the start of)[- ])?"
    flags = re.I
    return [
        ("month_day_year", re.compile(rf"\b{month}\s+{day},?\s+{year}\b", flags)),
        ("day_month_year", re.compile(rf"\b{day}\s+{month},?\s+{year}\b", flags)),
        ("iso", re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
        ("month_year", re.compile(rf"\b{part}{month},?\s+(?:of\s+)?{year}\b", flags)),
        ("month_day", re.compile(rf"\b{month}\s+{day}\b(?!,?\s+(?:1[89]|20)\d{{2}})", flags)),
        ("last_month", re.compile(rf"\blast\s+{month}\b", flags)),
        ("part_month", re.compile(rf"\b(?:in|since|by|until)\s+{part}{month}\b", flags)),
        ("relative_year", re.compile(r"\b(?P<rel>last|this|next) year\b", flags)),
        ("year", re.compile(rf"\b{part}{year}(?:[-–/]\d{{2,4}})?\b", flags)),
    ]


def find_timexes(text: str, anchor_date: PartialDate | None) -> list[Timex]:
    """Every temporal expression in `text`, left to right, without overlaps.

    `anchor_date` is the document's date; expressions that need it are skipped without one.
    """
    found: list[Timex] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _patterns():
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            date = _resolve(kind, match, anchor_date)
            if date is None:
                continue
            taken.append((match.start(), match.end()))
            found.append(Timex(match.start(), match.end(), date))
    return sorted(found, key=lambda t: t.start)


def _resolve(kind: str, match: re.Match[str], anchor: PartialDate | None) -> PartialDate | None:
    groups = match.groupdict()
    month = _month_numbers()[groups["month"].lower()] if groups.get("month") else None
    day = int(groups["day"]) if groups.get("day") else None
    year = int(groups["year"]) if groups.get("year") else None
    if kind == "relative_year":
        if anchor is None:
            return None
        offset = {"last": -1, "this": 0, "next": 1}[groups["rel"].lower()]
        return PartialDate(anchor.year + offset)
    if kind == "iso" and month is not None:
        month = int(groups["month"])
    if year is None:
        if anchor is None or month is None:
            return None
        year = anchor.year
        # "last October" or "On September 29" in a document of March: the year before.
        later_than_anchor = anchor.month is not None and month > anchor.month
        if later_than_anchor or (kind == "last_month" and month == anchor.month):
            year -= 1
    try:
        return checked_date(year, month, day)
    except ValueError:
        return None
