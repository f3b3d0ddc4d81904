"""Temporal expressions: find dates in a sentence and normalise them, HeidelTime-style.

Explicit dates ("August 7, 2022", "November 2021", "summer 2021", "mid-2022", "from 2007 to
2009") are read as written, at their own precision. Underspecified ones ("On September 29",
"in early December") and relative ones ("last year", "last October") are resolved against
the document's own date, as news text overwhelmingly refers back in time: a month later
than the document's month is taken to be in the previous year. One exception follows the
narrative: a month at or after the month of a date the text has just mentioned (the
`reference`) stays in that date's year, so "in early December" after a November 2021 event
is December 2021.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from briefgen.data import load_data
from briefgen.dates import checked_date
from briefgen.model import SEASONS, PartialDate


@dataclass(frozen=True)
class Timex:
    """A temporal expression found at `start:end` of the text it was searched in.

    `end_date` is set for a range ("from 2007 to 2009"); `explicit` when the expression
    states its own year, so it can serve as the reference for the dates that follow.
    """

    start: int
    end: int
    date: PartialDate
    end_date: PartialDate | None = None
    explicit: bool = True

    @property
    def precision(self) -> str:
        """day, month, season or year, or "range" for a span between two dates."""
        return "range" if self.end_date is not None else str(self.date.precision)


@cache
def _month_numbers() -> dict[str, int]:
    lexicon = load_data("lexicon.yaml")
    numbers = {name.capitalize(): index for index, name in enumerate(lexicon["months"], 1)}
    numbers.update({name.capitalize(): n for name, n in lexicon["month_abbreviations"].items()})
    return numbers


# Words that name a part of a period, mapped to the modifier they stand for.
_PART_WORDS = {
    "early": "early",
    "the beginning of": "early",
    "the start of": "early",
    "mid": "mid",
    "the middle of": "mid",
    "late": "late",
    "the end of": "late",
}


def _month(name: str) -> str:
    # "May" only capitalised: lower-case "may" is a modal verb far more often. The other
    # months match in any case ("OCTOBER 13, 2011" in a running header).
    names = sorted(_month_numbers(), key=len, reverse=True)
    others = "|".join(n for n in names if n != "May")
    return rf"(?P<{name}>(?i:{others})|May|MAY)\.?"


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    month, month2 = _month("month"), _month("month2")
    year = r"(?P<year>(?:1[89]|20)\d{2})"
    year2 = r"(?P<year2>(?:1[89]|20)\d{2}|\d{2}(?!\d))"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    part = r"(?:(?P<part>" + "|".join(_PART_WORDS) + r")[- ])"
    season = "(?P<season>" + "|".join((*SEASONS, "fall")) + ")"
    # Month names are case-sensitive; every other word is matched in any case.
    from_ = r"\b(?i:from|between)\s+"
    to = r"\s+(?i:to|and|until|till)\s+"
    opt_part = f"(?i:{part})?"
    of = r"(?i:of\s+)?"
    patterns = {
        "year_range": [from_ + year + to + year2 + r"\b", rf"\b{year}\s?[-–]\s?{year2}\b"],
        "month_range": [from_ + month + to + month2 + rf",?\s+{year}\b"],
        "month_day_year": [rf"\b{month}\s+{day},?\s+{year}\b"],
        "day_month_year": [rf"\b{day}\s+{month},?\s+{year}\b"],
        "iso": [r"\b(?P<year>(?:19|20)\d{2})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"],
        "month_year": [rf"\b{opt_part}{month},?\s+{of}{year}\b"],
        "season_year": [rf"\b(?i:(?:the\s+)?{season}\s+(?:of\s+)?){year}\b"],
        "part_year": [rf"\b(?i:{part}){year}\b"],
        "month_day": [rf"\b{month}\s+{day}\b(?!,?\s+(?:1[89]|20)\d{{2}})"],
        "last_month": [rf"\b(?i:last)\s+{month}\b"],
        "part_month": [rf"\b(?i:in|since|by|until|from|during|of)\s+{opt_part}{month}\b"],
        "relative_year": [r"\b(?i:(?P<rel>last|this|next|the previous|the following) year)\b"],
        "relative_season": [rf"\b(?i:(?P<rel>last|this|next)\s+{season})\b"],
        "year": [rf"(?<![\d-]){year}(?![\d-])"],
    }
    return [(kind, re.compile(rx)) for kind, rxs in patterns.items() for rx in rxs]


def find_timexes(
    text: str, anchor_date: PartialDate | None, reference: PartialDate | None = None
) -> list[Timex]:
    """Every temporal expression in `text`, left to right, without overlaps.

    `anchor_date` is the document's date; `reference` the last date the text mentioned
    before `text`, if any. Expressions that need an anchor are skipped without one.
    """
    found: list[Timex] = []
    for kind, pattern in _patterns():
        for match in pattern.finditer(text):
            if any(match.start() < t.end and t.start < match.end() for t in found):
                continue
            timex = _resolve(kind, match, anchor_date, reference)
            if timex is not None:
                found.append(timex)
    return sorted(found, key=lambda t: t.start)


def _resolve(
    kind: str, match: re.Match[str], anchor: PartialDate | None, reference: PartialDate | None
) -> Timex | None:
    groups = match.groupdict()
    months = _month_numbers()
    month = months[groups["month"].capitalize()] if groups.get("month") else None
    day = int(groups["day"]) if groups.get("day") else None
    year = int(groups["year"]) if groups.get("year") else None
    part = _PART_WORDS[groups["part"].lower()] if groups.get("part") else None
    season = groups.get("season")
    if season:
        part = "autumn" if season.lower() == "fall" else season.lower()
    explicit = year is not None
    end_date: PartialDate | None = None
    if kind == "iso":
        month = int(groups["month"])
    elif kind == "year_range" and year is not None:
        end_year = _full_year(year, groups["year2"])
        if end_year is None:
            return None
        end_date = PartialDate(end_year)
    elif kind == "month_range" and year is not None:
        end_date = PartialDate(year, months[groups["month2"].capitalize()])
        if end_date.month is not None and month is not None and end_date.month <= month:
            return None
    elif kind in ("relative_year", "relative_season"):
        return _relative(match, kind, part, anchor, reference)
    if year is None:
        if month is None:
            return None
        year = _year_of_month(month, kind == "last_month", anchor, reference)
        if year is None:
            return None
    try:
        date = checked_date(year, month, day, part if day is None else None)
    except ValueError:
        return None
    return Timex(match.start(), match.end(), date, end_date, explicit)


def _full_year(start: int, written: str) -> int | None:
    """The end year of a range: "2009" or "09" after 2007; None unless after `start`."""
    end = int(written) if len(written) == 4 else start - start % 100 + int(written)
    return end if start < end <= start + 50 else None


def _year_of_month(
    month: int, strictly_past: bool, anchor: PartialDate | None, reference: PartialDate | None
) -> int | None:
    if (
        not strictly_past
        and reference is not None
        and reference.month is not None
        and month >= reference.month
    ):
        return reference.year  # the narrative moves forward within the year just mentioned
    if anchor is None:
        return None
    year = anchor.year
    # "last October" or "On September 29" in a document of March: the year before.
    if anchor.month is not None and (
        month > anchor.month or (strictly_past and month == anchor.month)
    ):
        year -= 1
    return year


def _relative(
    match: re.Match[str],
    kind: str,
    season: str | None,
    anchor: PartialDate | None,
    reference: PartialDate | None,
) -> Timex | None:
    relation = match["rel"].lower()
    # "the previous/following year" is anaphoric (the date just mentioned); the rest deictic.
    base = reference if relation.startswith("the ") else anchor
    if base is None:
        return None
    offset = {"last": -1, "this": 0, "next": 1, "the previous": -1, "the following": 1}[relation]
    date = PartialDate(base.year + offset, part=season if kind == "relative_season" else None)
    return Timex(match.start(), match.end(), date, None, explicit=False)


__all__ = ["Timex", "find_timexes"]
