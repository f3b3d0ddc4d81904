"""Dates as real text writes them (briefgen/core/timex.py): every form news, reports and
encyclopedias use, the rules for what is ambiguous, and numbers that are not dates."""

from __future__ import annotations

import pytest

from briefgen.core.timex import find_timexes, month_first
from briefgen.model import PartialDate

# A Wednesday: weekday-relative dates in news resolve against it.
WED_28_SEP_2016 = PartialDate(2016, 9, 28)


def _found(text: str, anchor: PartialDate | None = WED_28_SEP_2016, **kw: bool | None) -> list:
    return [
        (
            text[t.start : t.end],
            t.date.iso(),
            t.precision,
            t.date.part,
            t.end_date and t.end_date.iso(),
        )
        for t in find_timexes(text, anchor, **kw)  # type: ignore[arg-type]
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ISO, to the day and to the month
        ("It was signed on 2016-07-14.", ("2016-07-14", "2016-07-14", "day", None, None)),
        ("Updated 2016-07-14T09:55Z.", ("2016-07-14", "2016-07-14", "day", None, None)),
        ("The revision of 2016-07 stands.", ("2016-07", "2016-07", "month", None, None)),
        # Numeric dates whose order the numbers settle
        ("On 14/07/2016 they met.", ("14/07/2016", "2016-07-14", "day", None, None)),
        ("On 7/14/2016 they met.", ("7/14/2016", "2016-07-14", "day", None, None)),
        ("On 2016/07/14 they met.", ("2016/07/14", "2016-07-14", "day", None, None)),
        ("On 14.07.2016 they met.", ("14.07.2016", "2016-07-14", "day", None, None)),
        # Names, ordinals and abbreviations
        ("By July 14th the army left.", ("July 14th", "2016-07-14", "day", None, None)),
        ("On the 14th of July they met.", ("the 14th of July", "2016-07-14", "day", None, None)),
        ("On Sept. 26 the accord was signed.", ("Sept. 26", "2016-09-26", "day", None, None)),
        ("On 26 Sept 2016 it was signed.", ("26 Sept 2016", "2016-09-26", "day", None, None)),
        ("On Aug. 3, 2015, talks opened.", ("Aug. 3, 2015", "2015-08-03", "day", None, None)),
        (
            "The 3rd of August 2015 was quiet.",
            ("The 3rd of August 2015", "2015-08-03", "day", None, None),
        ),
        # Parts of months and years, decades
        ("In mid-July 2015 talks resumed.", ("mid-July 2015", "2015-07", "month", "mid", None)),
        ("In late 2021 the deal broke.", ("late 2021", "2021", "year", "late", None)),
        ("In the 1990s war raged.", ("the 1990s", "1990", "range", None, "1999")),
        ("In the early 2000s it eased.", ("the early 2000s", "2000", "range", None, "2003")),
        ("In the late 1980s it began.", ("the late 1980s", "1987", "range", None, "1989")),
        # Spans of years
        ("The 2015–16 talks failed.", ("2015–16", "2015", "range", None, "2016")),
        ("The 2015/16 budget was cut.", ("2015/16", "2015", "range", None, "2016")),
        (
            "Between 2012 and 2016 talks ran.",
            ("Between 2012 and 2016", "2012", "range", None, "2016"),
        ),
        ("The 2007-09 crisis hurt trade.", ("2007-09", "2007", "range", None, "2009")),
        # Fiscal years and quarters
        ("In FY2016 spending rose.", ("FY2016", "2016", "year", None, None)),
        ("In FY 16 spending rose.", ("FY 16", "2016", "year", None, None)),
        ("In Q3 2016 exports grew.", ("Q3 2016", "2016-07", "range", None, "2016-09")),
        (
            "In the third quarter of 2015 it grew.",
            ("the third quarter of 2015", "2015-07", "range", None, "2015-09"),
        ),
        # Weekdays and days relative to a news article's date
        ("On Wednesday the rebels left.", ("Wednesday", "2016-09-28", "day", None, None)),
        ("Police said Monday that two died.", ("Monday", "2016-09-26", "day", None, None)),
        ("Last Wednesday the vote failed.", ("Wednesday", "2016-09-21", "day", None, None)),
        ("Talks resume next Friday.", ("Friday", "2016-09-30", "day", None, None)),
        ("Yesterday the vote failed.", ("Yesterday", "2016-09-27", "day", None, None)),
        # Year-less dates take the document's year, or the year before if later in the year
        ("On 14 July the envoys met.", ("14 July", "2016-07-14", "day", None, None)),
        ("On December 2 the envoys met.", ("December 2", "2015-12-02", "day", None, None)),
    ],
)
def test_each_form_is_read_at_its_own_precision(
    text: str, expected: tuple[str, str, str, str | None, str | None]
) -> None:
    assert _found(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Some 1,500 fighters laid down arms.",
        "Turnout was 20% and 2000% inflation followed.",
        "Resolution 2261 and Resolution 2015 were adopted.",
        "See Crisis Group Briefing N°32, page 2012 and pp. 1998-2001.",
        "About 2000 troops arrived at 1900 GMT.",
        "The Sunday Times and the Good Friday press reported it.",
        "He paid $2015 for it; the code is #2016.",
        "Jan Egeland met Mar Roxas.",
        "They may 2 times refuse.",
    ],
)
def test_numbers_and_words_that_are_not_dates(text: str) -> None:
    assert _found(text) == []


def test_an_ambiguous_numeric_date_follows_the_locale_or_keeps_only_its_year() -> None:
    text = "On 05/07/2016 they met."
    assert _found(text, month_first=True)[0][1] == "2016-05-07"
    assert _found(text, month_first=False)[0][1] == "2016-07-05"
    # Unknown locale: the year is certain, the month is not, so only the year is given.
    assert _found(text) == [("05/07/2016", "2016", "year", None, None)]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en-US", True),
        ("en_US", True),
        ("en-GB", False),
        ("es-CO", False),
        ("en", None),
        (None, None),
    ],
)
def test_locale_decides_the_order_of_numeric_dates(
    language: str | None, expected: bool | None
) -> None:
    assert month_first(language) is expected


def test_relative_days_need_a_document_date_to_the_day() -> None:
    assert _found("On Wednesday the rebels left.", PartialDate(2016, 9)) == []
    assert _found("Yesterday the vote failed.", None) == []


def test_impossible_dates_are_not_dates() -> None:
    assert _found("On 2016-02-30 nothing happened.") == []
    assert _found("On 31/31/2016 nothing happened.") == []


def test_a_year_less_date_follows_the_narrative_year() -> None:
    (timex,) = find_timexes("On 14 July the envoys met.", WED_28_SEP_2016, PartialDate(2014, 3))
    assert timex.date.iso() == "2014-07-14"
