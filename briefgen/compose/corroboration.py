"""Corroboration: when two sources say the same thing, and when they contradict each other.

Similarity is the Jaccard overlap of content words, enough for the near-verbatim
restatements news and reports share. A contradiction needs a shared topic (similar
wording) plus one of three signals: one side negated and the other not, different
numbers counting the same thing ("over 100 prisoners" / "102 prisoners"), or estimative
judgments on opposite sides of even chance.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from briefgen.data import cue_pattern, load_data
from briefgen.model import Likelihood

DUPLICATE_SIMILARITY = 0.5  # at or above: the same claim, folded into one statement
TOPIC_SIMILARITY = 0.3  # at or above: about the same thing, so a difference is a conflict

_TOKEN = re.compile(r"[a-z0-9]+")
_COUNT = re.compile(r"\b(\d[\d,.]*)\s+([a-z]+)")


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(load_data("lexicon.yaml")["stopwords"])


@lru_cache(maxsize=65536)  # every claim and event is compared with many others
def tokens(text: str) -> frozenset[str]:
    """The content words of a text, lower-cased."""
    return frozenset(t for t in _TOKEN.findall(text.lower()) if t not in _stopwords())


def similarity(a: str, b: str) -> float:
    """Jaccard overlap of content words: 1 for the same words, 0 for none shared."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    shared = len(ta & tb)
    return shared / (len(ta) + len(tb) - shared)  # the union's size, without building it


def _counts(text: str) -> dict[str, str]:
    return {noun: number.rstrip(".,") for number, noun in _COUNT.findall(text.lower())}


def contradiction(
    a: str, b: str, a_likelihood: Likelihood | None = None, b_likelihood: Likelihood | None = None
) -> str | None:
    """Why two statements on one topic disagree, or None if they do not."""
    if similarity(a, b) < TOPIC_SIMILARITY:
        return None
    if bool(cue_pattern("negation_cues").search(a)) != bool(cue_pattern("negation_cues").search(b)):
        return "one source negates what the other states"
    counts_a, counts_b = _counts(a), _counts(b)
    differing = sorted(n for n in counts_a.keys() & counts_b.keys() if counts_a[n] != counts_b[n])
    if differing:
        noun = differing[0]
        return f"the sources count {noun} differently ({counts_a[noun]} / {counts_b[noun]})"
    if (
        a_likelihood
        and b_likelihood
        and (a_likelihood.low >= 55) != (b_likelihood.low >= 55)
        and (a_likelihood.high <= 45 or b_likelihood.high <= 45)
    ):
        return f"the sources judge it differently ({a_likelihood.term} / {b_likelihood.term})"
    return None
