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
def _elements() -> tuple[tuple[str, re.Pattern[str], dict[str, int]], ...]:
    """Per element: one pattern of all its words (one search per element and sentence:
    claims ask this of every sentence) and each word's weight."""
    data = load_data("story.yaml")
    elements = []
    for name, words in data["elements"].items():
        weights = {word.casefold(): int(weight) for word, weight in words.items()}
        alternatives = "|".join(re.escape(w) for w in sorted(weights, key=len, reverse=True))
        elements.append((name, re.compile(rf"\b(?:{alternatives})\b", re.I), weights))
    return tuple(elements)


def story_elements() -> tuple[str, ...]:
    """The elements, in the order a story tells them."""
    return tuple(name for name, _, _ in _elements())


def element_weights(text: str) -> dict[str, int]:
    """How strongly a sentence tells each story element it tells, in story order (each
    word of the element counted once, however often it occurs)."""
    found = {}
    for name, pattern, weights in _elements():
        said = {match.casefold() for match in pattern.findall(text)}
        weight = sum(weights[word] for word in said)
        if weight >= _TELLS:
            found[name] = weight
    return found


def elements_of(text: str) -> list[str]:
    """The story elements a sentence tells, in story order."""
    return list(element_weights(text))
