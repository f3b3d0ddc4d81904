"""The story's elements: what part of a conflict's back story a sentence tells.

Read from data/story.yaml (origins, leaders, attacks, operations, splits and rivals,
sanctuary and sponsors). Extraction leans a sentence that tells one towards the background
(extract/claims.py); composition gives each element its best sentence (compose/background.py).
"""

from __future__ import annotations

import re
from functools import cache

from briefgen.data import load_data

# A sentence tells an element when its words for it weigh this much (story.yaml).
_TELLS = 2


@cache
def _elements() -> tuple[tuple[str, tuple[tuple[re.Pattern[str], int], ...]], ...]:
    data = load_data("story.yaml")
    return tuple(
        (
            name,
            tuple(
                (re.compile(rf"\b{re.escape(word)}\b", re.I), int(weight))
                for word, weight in words.items()
            ),
        )
        for name, words in data["elements"].items()
    )


def story_elements() -> tuple[str, ...]:
    """The elements, in the order a story tells them."""
    return tuple(name for name, _ in _elements())


def element_weights(text: str) -> dict[str, int]:
    """How strongly a sentence tells each story element it tells, in story order."""
    found = {}
    for name, cues in _elements():
        weight = sum(w for rx, w in cues if rx.search(text))
        if weight >= _TELLS:
            found[name] = weight
    return found


def elements_of(text: str) -> list[str]:
    """The story elements a sentence tells, in story order."""
    return list(element_weights(text))
