"""Estimative language: a source's hedge ("is likely to", "few reasons to be optimistic")
mapped onto the US ICD 203 likelihood scale, with the source's own words kept beside it.

The phrases live in data/estimative.yaml. Of several hedges in a sentence the most
specific wins: a named level ("unlikely") over a bare modal ("may"), then the first.
"""

from __future__ import annotations

import re
from functools import cache

from briefgen.data import load_data
from briefgen.model import Likelihood

# The level that bare modals ("may", "could") map to: weaker evidence than a named level.
_HEDGE_TERM = "roughly even chance"


@cache
def _comparatives() -> re.Pattern[str]:
    phrases = load_data("estimative.yaml")["comparatives"]
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.I)


@cache
def _phrases() -> tuple[re.Pattern[str], dict[str, tuple[str, int, int]]]:
    levels: dict[str, tuple[str, int, int]] = {}
    for level in load_data("estimative.yaml")["scale"]:
        low, high = level["range"]
        for phrase in level["phrases"]:
            levels[phrase.lower()] = (level["term"], int(low), int(high))
    alternatives = "|".join(re.escape(p) for p in sorted(levels, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.I), levels


def scale() -> list[tuple[str, int, int]]:
    """The scale's terms with their ranges in percent, least likely first."""
    return [(lv["term"], *lv["range"]) for lv in load_data("estimative.yaml")["scale"]]


def find_likelihood(text: str) -> Likelihood | None:
    """The judgment a sentence expresses, or None if it hedges nothing."""
    pattern, levels = _phrases()
    text = _comparatives().sub(lambda m: " " * len(m[0]), text)
    found = []
    for match in pattern.finditer(text):
        words = match[0]
        if words == "May" and match.start() > 0:
            continue  # the month, not the modal
        term, low, high = levels[words.lower()]
        found.append(Likelihood(phrase=words, term=term, low=low, high=high))
    named = [f for f in found if f.term != _HEDGE_TERM]
    return (named or found)[0] if found else None


__all__ = ["find_likelihood", "scale"]
