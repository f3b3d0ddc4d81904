"""Temporal expressions: find dates in a sentence and normalise them, HeidelTime-style.

What real text writes, each read at its own precision:

- explicit dates: "August 7, 2022", "7 August 2022", "Aug. 7th, 2022", "the 7th of August
  2022", ISO "2022-08-07" and "2022-08", numeric "07/08/2022", "2022/08/07";
- months, seasons and parts: "November 2021", "mid-July 2015", "summer 2021", "late 2021",
  "mid-2022", "Q3 2016", "the third quarter of 2016", "FY2016";
- spans: "from 2007 to 2009", "between 2012 and 2016", "2015–16", "2015/16", "between
  March and May 2021", "the 1990s", "the early 2000s" (a decade is a span of years);
- underspecified and relative dates, resolved against the document's own date: "On
  September 29", "14th of July", "in early December", "last October", "last year",
  and in news, days: "on Wednesday", "yesterday".

Resolution rules (documented because each is a choice):

- News and reports overwhelmingly refer back in time: a year-less month later than the
  document's month is in the previous year. One exception follows the narrative: a month
  at or after the month of a date the text has just mentioned (the `reference`) stays in
  that date's year, so "in early December" after a November 2021 event is December 2021.
- A weekday ("on Wednesday", "said Wednesday") is the latest such day on or before the
  document's date; "next Wednesday" the first after it. Both need a document date to the day.
- A numeric date whose day and month could be swapped ("05/07/2016") follows the
  document's locale (CSL `language`: "en-US" writes the month first, any other region
  the day first). With no locale it is left unresolved beyond its year: the year is
  certain, the month is not, and a wrong month is worse than none.
- "YYYY-NN" is a span of years when NN reads as a later year of the same century
  ("2007-09", "2015-16"), as prose writes them; otherwise a month, as ISO writes it ("2016-07").
- A four-digit number is not a year after a word that numbers things ("Resolution 2015",
  "page 1998", "No. 2001") or before a unit or a percentage ("1900 troops", "2000 GMT");
  both lists are in the lexicon.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from briefgen.core.dates import checked_date
from briefgen.data import load_data
from briefgen.model import SEASONS, PartialDate


@dataclass(frozen=True)
class Timex:
    """A temporal expression found at `start:end` of the text it was searched in.

    `end_date` is set for a span ("from 2007 to 2009", "the 1990s"); `explicit` when the
    expression states its own year, so it can serve as the reference for the dates that
    follow.
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
    """Month names and their abbreviations, lower-cased, to month numbers."""
    lexicon = load_data("lexicon.yaml")
    numbers = {name: index for index, name in enumerate(lexicon["months"], 1)}
    numbers.update(lexicon["month_abbreviations"])
    return numbers


@cache
def _lexicon_words(key: str) -> tuple[str, ...]:
    return tuple(load_data("lexicon.yaml")["dates"][key])


def month_first(language: str | None) -> bool | None:
    """Whether a numeric date in a text of this CSL `language` writes the month first.

    True for a locale that does ("en-US"), False for any other locale with a region
    ("en-GB", "fr-FR", "es-CO"), None when the language names no region ("en") or is unknown.
    """
    if not language or not re.search(r"[-_][A-Za-z]{2}\b", language):
        return None
    wanted = language.replace("_", "-").casefold()
    return wanted in {tag.casefold() for tag in _lexicon_words("month_first_locales")}


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
# The years of a decade each part covers: "the early 2000s" is 2000-2003.
_DECADE_PARTS = {None: (0, 9), "early": (0, 3), "mid": (4, 6), "late": (7, 9)}
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _month(name: str, *, abbreviated: bool) -> str:
    """A month name as a named group. "May" only capitalised: lower-case "may" is a modal
    verb far more often; the other full names match in any case ("OCTOBER 13, 2011" in a
    running header). Abbreviations ("Sept.", "Jan") only where a day or a year follows,
    and only capitalised: "Jan" alone is a given name as often as a month."""
    full = [n for n in load_data("lexicon.yaml")["months"] if n != "may"]
    options = [f"(?i:{'|'.join(full)})", "May", "MAY"]
    if abbreviated:
        abbreviations = sorted(load_data("lexicon.yaml")["month_abbreviations"], key=len)
        capitalised = [a.capitalize() for a in reversed(abbreviations)]
        options.append(r"(?:" + "|".join(capitalised + [a.upper() for a in abbreviations]) + r")")
    return rf"(?P<{name}>{'|'.join(options)})\b\.?"


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    month, month2 = _month("month", abbreviated=True), _month("month2", abbreviated=True)
    month_alone = _month("month", abbreviated=False)
    year = r"(?P<year>(?:1[89]|20)\d{2})"
    year2 = r"(?P<year2>(?:1[89]|20)\d{2}|\d{2}(?!\d))"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    part = r"(?:(?P<part>" + "|".join(_PART_WORDS) + r")[- ])"
    season = "(?P<season>" + "|".join((*SEASONS, "fall")) + ")"
    weekday = "(?P<weekday>" + "|".join(_WEEKDAYS) + ")"
    quarter_word = "(?P<quarter_word>" + "|".join(_QUARTER_WORDS) + ")"
    decade = r"(?P<decade>(?:1[89]|20)\d0)"
    decade_part = r"(?:(?P<part>early|mid|late)[- ])?"
    # Month names are case-sensitive (see _month); every other word matches in any case.
    from_ = r"\b(?i:from|between)\s+"
    to = r"\s+(?i:to|and|until|till|through)\s+"
    opt_part = f"(?i:{part})?"
    of = r"(?i:of\s+)?"
    no_year_after = r"(?!,?\s+(?:1[89]|20)\d{2}\b)"
    no_digit_around = (r"(?<![\d/.,-])", r"(?![\d/]|[.,-]\d)")
    before, after = no_digit_around
    patterns = {
        "iso": [rf"{before}{year}-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d/]|[.-]\d)"],
        "year_month_day": [rf"{before}{year}/(?P<month>[01]?\d)/(?P<day>[0-3]?\d){after}"],
        "numeric": [
            rf"{before}(?P<first>[0-3]?\d)(?P<sep>[/.-])(?P<second>[0-3]?\d)(?P=sep){year}{after}"
        ],
        "month_range": [from_ + month + to + month2 + rf",?\s+{year}\b"],
        "month_day_year": [rf"\b{month}\s+{day},?\s+{year}\b"],
        "day_month_year": [rf"\b(?i:the\s+)?{day}\s+{of}{month},?\s+{of}{year}\b"],
        "quarter": [
            rf"\bQ(?P<quarter>[1-4])\s*{year}\b",
            rf"\b(?i:(?:the\s+)?{quarter_word}\s+quarter\s+(?:of\s+)?){year}\b",
        ],
        "fiscal_year": [
            rf"\b(?:FY\s?|(?i:fiscal\s+(?:year\s+)?)){year}\b",
            r"\bFY\s?(?P<short_year>\d{2})\b",
        ],
        "decade": [rf"\b(?i:(?:the\s+)?{decade_part}){decade}[’']?s\b"],
        "year_range": [
            from_ + year + to + year2 + r"\b",
            rf"{before}{year}\s?(?P<dash>[-–/])\s?{year2}(?![\d/]|[.,-]\d)",
        ],
        "iso_month": [rf"{before}{year}-(?P<month>0[1-9]|1[0-2])(?![\d/-]|[.,]\d)"],
        "month_year": [rf"\b{opt_part}{month},?\s+{of}{year}\b"],
        "season_year": [rf"\b(?i:(?:the\s+)?{season}\s+(?:of\s+)?){year}\b"],
        "part_year": [rf"\b(?i:{part}){year}\b"],
        "month_day": [rf"\b{month}\s+{day}\b{no_year_after}"],
        "day_month": [rf"\b(?i:the\s+)?{day}\s+{of}{month}{no_year_after}"],
        "last_month": [rf"\b(?i:last)\s+{month_alone}"],
        "part_month": [rf"\b(?i:in|since|by|until|from|during|of)\s+{opt_part}{month_alone}"],
        "relative_year": [r"\b(?i:(?P<rel>last|this|next|the previous|the following) year)\b"],
        "relative_season": [rf"\b(?i:(?P<rel>last|this|next)\s+{season})\b"],
        "relative_day": [r"\b(?P<deictic>[Yy]esterday|[Tt]omorrow)\b"],
        # A weekday counts only where the sentence uses it as a date: after a preposition
        # or a reporting verb, or before a part of the day ("Sunday Times" is a paper).
        "weekday": [
            rf"\b(?i:(?P<rel>on|last|next|this|since|until|by|from|early|late|said|says|announced|told|reported)\s+){weekday}\b",
            rf"\b{weekday}(?=\s+(?i:night|morning|afternoon|evening)\b)",
        ],
        "year": [rf"(?<![\d,.$€£#/-]){year}(?![\d/]|[.,-]\d|[-–]\d)"],
    }
    return [(kind, re.compile(rx)) for kind, rxs in patterns.items() for rx in rxs]


@cache
def _not_a_year_before() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in _lexicon_words("numbering_words"))
    return re.compile(rf"(?:^|\W)(?:{words})\s*$", re.I)


@cache
def _not_a_year_after() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in _lexicon_words("units"))
    return re.compile(rf"^\s?(?:%|(?:{words})\b)", re.I)


def _numbers_something(text: str, match: re.Match[str]) -> bool:
    """A number before a unit or after a numbering word: "Resolution 2015", "1900 troops"."""
    if _not_a_year_before().search(text[max(0, match.start() - 20) : match.start()]):
        return True
    return _not_a_year_after().match(text[match.end() : match.end() + 20]) is not None


# Patterns whose year may be a bare number that numbers something else.
_BARE_NUMBER_KINDS = frozenset({"year", "year_range", "iso_month"})


def find_timexes(
    text: str,
    anchor_date: PartialDate | None,
    reference: PartialDate | None = None,
    *,
    month_first: bool | None = None,
) -> list[Timex]:
    """Every temporal expression in `text`, left to right, without overlaps.

    `anchor_date` is the document's date; `reference` the last date the text mentioned
    before `text`, if any; `month_first` how the document writes numeric dates (see
    `month_first()`), None when unknown. Expressions that need an anchor are skipped
    without one.
    """
    found: list[Timex] = []
    for kind, pattern in _patterns():
        for match in pattern.finditer(text):
            if any(match.start() < t.end and t.start < match.end() for t in found):
                continue
            if kind in _BARE_NUMBER_KINDS and _numbers_something(text, match):
                continue
            timex = _resolve(kind, match, anchor_date, reference, month_first)
            if timex is not None:
                found.append(timex)
    return sorted(found, key=lambda t: t.start)


def _resolve(
    kind: str,
    match: re.Match[str],
    anchor: PartialDate | None,
    reference: PartialDate | None,
    month_first: bool | None,
) -> Timex | None:
    groups = match.groupdict()
    try:
        resolved = _RESOLVERS.get(kind, _resolve_calendar)(groups, anchor, reference, month_first)
    except ValueError:  # a day or month that does not exist ("February 30")
        return None
    if resolved is None:
        return None
    date, end_date, explicit = resolved
    # "said Monday": the reporting verb tells the weekday is a date but is not part of it.
    start = match.start("weekday") if kind == "weekday" else match.start()
    return Timex(start, match.end(), date, end_date, explicit)


# A resolver's answer: the date, a span's end (or None) and whether the year was stated.
_Resolved = tuple[PartialDate, PartialDate | None, bool] | None
_Groups = dict[str, str | None]


def _month_number(name: str | None) -> int | None:
    return _month_numbers()[name.rstrip(".").lower()] if name else None


def _resolve_calendar(
    groups: _Groups,
    anchor: PartialDate | None,
    reference: PartialDate | None,
    _order: bool | None,
    *,
    strictly_past: bool = False,
) -> _Resolved:
    """A date written with names or ISO numbers: day, month, year, a part or a season."""
    month = int(m) if (m := groups.get("month")) and m.isdigit() else _month_number(m)
    day = int(d) if (d := groups.get("day")) else None
    year = int(y) if (y := groups.get("year")) else None
    part = _PART_WORDS[p.lower()] if (p := groups.get("part")) else None
    if season := groups.get("season"):
        part = "autumn" if season.lower() == "fall" else season.lower()
    explicit = year is not None
    if year is None:
        if month is None:
            return None
        year = _year_of_month(month, strictly_past, anchor, reference)
        if year is None:
            return None
    return checked_date(year, month, day, part if day is None else None), None, explicit


def _resolve_last_month(
    groups: _Groups, anchor: PartialDate | None, reference: PartialDate | None, order: bool | None
) -> _Resolved:
    return _resolve_calendar(groups, anchor, reference, order, strictly_past=True)


def _resolve_numeric(
    groups: _Groups, _anchor: PartialDate | None, _ref: PartialDate | None, order: bool | None
) -> _Resolved:
    """ "14/07/2016", "7/14/2016", "05.07.2016": the order from the numbers or the locale."""
    first, second = int(groups["first"] or 0), int(groups["second"] or 0)
    year = int(groups["year"] or 0)
    if first > 12 and second > 12:
        return None
    if first > 12 or (second <= 12 and order is False and first != second):
        day, month = first, second
    elif second > 12 or order is True or first == second:
        month, day = first, second
    else:  # both could be the month and the locale is unknown: only the year is certain
        return PartialDate(year), None, True
    return checked_date(year, month, day), None, True


def _resolve_month_range(
    groups: _Groups, anchor: PartialDate | None, reference: PartialDate | None, order: bool | None
) -> _Resolved:
    resolved = _resolve_calendar(groups, anchor, reference, order)
    end_month = _month_number(groups["month2"])
    if resolved is None or end_month is None:
        return None
    start = resolved[0]
    if start.month is None or end_month <= start.month:
        return None
    return start, PartialDate(start.year, end_month), True


def _resolve_year_range(
    groups: _Groups, _anchor: PartialDate | None, _ref: PartialDate | None, _: bool | None
) -> _Resolved:
    start = int(groups["year"] or 0)
    written = groups["year2"] or ""
    end = int(written) if len(written) == 4 else start - start % 100 + int(written)
    if not start < end <= start + 50:
        return None  # "2016-07" is a month (iso_month), "2016/07" nothing we read
    if groups.get("dash") == "/" and end != start + 1:
        return None  # "2015/16" is a season or fiscal year; "2016/19" is not a span we know
    return PartialDate(start), PartialDate(end), True


def _resolve_decade(
    groups: _Groups, _anchor: PartialDate | None, _ref: PartialDate | None, _: bool | None
) -> _Resolved:
    decade = int(groups["decade"] or 0)
    part = p.lower() if (p := groups.get("part")) else None
    first, last = _DECADE_PARTS[part]
    return PartialDate(decade + first), PartialDate(decade + last), True


def _resolve_quarter(
    groups: _Groups, _anchor: PartialDate | None, _ref: PartialDate | None, _: bool | None
) -> _Resolved:
    word = groups.get("quarter_word")
    quarter = _QUARTER_WORDS[word.lower()] if word else int(groups["quarter"] or 0)
    year = int(groups["year"] or 0)
    return PartialDate(year, 3 * quarter - 2), PartialDate(year, 3 * quarter), True


def _resolve_fiscal_year(
    groups: _Groups, _anchor: PartialDate | None, _ref: PartialDate | None, _: bool | None
) -> _Resolved:
    # Fiscal years start in different months by country and organisation: only the year
    # the name gives is certain.
    if short := groups.get("short_year"):
        return PartialDate(2000 + int(short)), None, True
    return PartialDate(int(groups["year"] or 0)), None, True


def _resolve_relative_year(
    groups: _Groups, anchor: PartialDate | None, reference: PartialDate | None, _: bool | None
) -> _Resolved:
    relation = (groups["rel"] or "").lower()
    # "the previous/following year" is anaphoric (the date just mentioned); the rest deictic.
    base = reference if relation.startswith("the ") else anchor
    if base is None:
        return None
    offset = {"last": -1, "this": 0, "next": 1, "the previous": -1, "the following": 1}[relation]
    season = groups.get("season")
    if season:
        season = "autumn" if season.lower() == "fall" else season.lower()
    return PartialDate(base.year + offset, part=season), None, False


def _anchor_day(anchor: PartialDate | None) -> dt.date | None:
    if anchor is None or anchor.month is None or anchor.day is None:
        return None
    return dt.date(anchor.year, anchor.month, anchor.day)


def _as_partial(day: dt.date) -> PartialDate:
    return PartialDate(day.year, day.month, day.day)


def _resolve_relative_day(
    groups: _Groups, anchor: PartialDate | None, _ref: PartialDate | None, _: bool | None
) -> _Resolved:
    today = _anchor_day(anchor)
    if today is None:
        return None
    offset = -1 if (groups["deictic"] or "").lower() == "yesterday" else 1
    return _as_partial(today + dt.timedelta(days=offset)), None, False


def _resolve_weekday(
    groups: _Groups, anchor: PartialDate | None, _ref: PartialDate | None, _: bool | None
) -> _Resolved:
    today = _anchor_day(anchor)
    if today is None:
        return None
    wanted = _WEEKDAYS.index(groups["weekday"] or "")
    back = (today.weekday() - wanted) % 7
    relation = (groups.get("rel") or "").lower()
    if relation == "next":
        day = today + dt.timedelta(days=(wanted - today.weekday()) % 7 or 7)
    elif relation == "last":
        day = today - dt.timedelta(days=back or 7)
    else:
        day = today - dt.timedelta(days=back)
    return _as_partial(day), None, False


_RESOLVERS = {
    "numeric": _resolve_numeric,
    "month_range": _resolve_month_range,
    "year_range": _resolve_year_range,
    "decade": _resolve_decade,
    "quarter": _resolve_quarter,
    "fiscal_year": _resolve_fiscal_year,
    "last_month": _resolve_last_month,
    "relative_year": _resolve_relative_year,
    "relative_season": _resolve_relative_year,
    "relative_day": _resolve_relative_day,
    "weekday": _resolve_weekday,
}


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


__all__ = ["Timex", "find_timexes", "month_first"]
