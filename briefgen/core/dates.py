"""Dates in words and the ISO-like date strings briefgen's inputs use (YYYY, YYYY-MM,
YYYY-MM-DD)."""

from __future__ import annotations

import calendar
import os
import re
from datetime import UTC, datetime

from briefgen.model import PartialDate

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_iso_date(text: str) -> PartialDate:
    """Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raises ValueError on anything else."""
    match = _ISO_DATE.match(text.strip())
    if not match:
        raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}")
    year = int(match[1])
    month = int(match[2]) if match[2] else None
    day = int(match[3]) if match[3] else None
    return checked_date(year, month, day)


def build_date() -> PartialDate:
    """Today, or the day SOURCE_DATE_EPOCH names, so equal inputs give equal bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return PartialDate(moment.year, moment.month, moment.day)


def checked_date(
    year: int, month: int | None, day: int | None, part: str | None = None
) -> PartialDate:
    """A PartialDate after checking the month and day exist; raises ValueError if not."""
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month} is not between 1 and 12")
    if day is not None:
        if month is None:
            raise ValueError("a day needs a month")
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueError(f"{year:04d}-{month:02d} has no day {day}")
    return PartialDate(year, month, day, part)


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


def human_iso_date(value: str) -> str:
    """An ISO date or timestamp ('2022-03', '2026-11-20T09:00:00Z') as `human_date` words."""
    if not value:
        return "undated"
    return human_date(parse_iso_date(value[:10]))
