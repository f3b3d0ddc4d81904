"""Parsing of the ISO-like date strings briefgen's inputs use (YYYY, YYYY-MM, YYYY-MM-DD)."""

from __future__ import annotations

import calendar
import re

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
