"""How counts and lists of ids read in messages and reports."""

from __future__ import annotations

from collections.abc import Sequence


def counted(number: int, noun: str) -> str:
    """ "1 source", "3 sources"."""
    return f"{number} {noun}" + ("" if number == 1 else "s")


def named_few(ids: Sequence[str], shown: int = 10, mark: str = "") -> str:
    """The first `shown` ids (each between `mark`s) and a count of the rest: a year of
    news is a count, not a page of ids."""
    more = len(ids) - shown
    named = ", ".join(f"{mark}{i}{mark}" for i in ids[:shown])
    return named + (f" and {more} more" if more > 0 else "")
