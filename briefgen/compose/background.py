"""The background: a short story of the conflict, told in date order.

Candidates are the claims extraction placed in the background (old dates and the story's
words lead it there, extract/claims.py), and older history that another section's cue
words claimed ("The group has operated out of Borduria since 2014 ... peace accord").
Each is scored by what the summarisation and TLS literature
shows generalises (centrality among the candidates, corroboration by other sources) and
by the brief's focus (spec title and keywords). The selection first gives each element
of the story (data/story.yaml: origins, leaders, attacks and operations, splits and
rivals, sanctuary and sponsors) its best sentence, then fills the budget by score (with
the near-duplicate folding of compose/selection.py); the chosen lines are then told in
the order of the dates they state, or that their narrative had reached.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache

from briefgen.compose.corroboration import (
    DUPLICATE_SIMILARITY,
    TOPIC_SIMILARITY,
    similarity,
    tokens,
)
from briefgen.compose.selection import claim_statements
from briefgen.data import load_data
from briefgen.extract.story import element_weights, elements_of, story_elements
from briefgen.model import Claim, PartialDate, SectionId, Statement

# Centrality is measured among at most this many of the best-scored candidates: it is
# quadratic, and a year of news holds thousands of background sentences.
_CENTRALITY_POOL = 200
# History at least this many years older than the brief is background, whichever section
# its cue words placed it in.
_HISTORY_YEARS = 3
# A chosen element's sentence goes first, whatever its score.
_ELEMENT_FIRST = 1000.0


@dataclass(frozen=True)
class _Selection:
    quotas: Mapping[str, int]
    weights: Mapping[str, float]


@cache
def _selection() -> _Selection:
    data = load_data("story.yaml")
    return _Selection(quotas=dict(data["quotas"]), weights=dict(data["weights"]))


# Elements that are history whenever they happened: a split last year is still part of
# the story; an attack last year is news.
_LASTING = ("origins", "leaders", "splits and rivals", "sanctuary and sponsors")


def _candidates(by_section: Mapping[SectionId, list[Claim]], as_of: PartialDate) -> list[Claim]:
    """Background claims, and history told in the negotiation section's sentences: dated
    some years before the brief and telling an element of the story, or telling a lasting
    element at any date. (The outlook looks ahead: none of it is history.)"""
    history = [
        c
        for c in by_section.get(SectionId.NEGOTIATION_HISTORY, [])
        if (
            c.date is not None
            and c.date.year <= as_of.year - _HISTORY_YEARS
            and elements_of(c.text)
        )
        or any(e in _LASTING for e in elements_of(c.text))
    ]
    return [*by_section.get(SectionId.BACKGROUND, []), *history]


def _scored(candidates: list[Claim], focus: Sequence[str], as_of: PartialDate) -> list[Claim]:
    """The candidates with their story score in place of their salience."""
    weights = _selection().weights
    focus_words = frozenset().union(*(tokens(f) for f in focus)) if focus else frozenset()
    pool = sorted(candidates, key=lambda c: -c.score)[:_CENTRALITY_POOL]
    scored = []
    for claim in pool:
        others = [o for o in pool if o.anchor.source != claim.anchor.source]
        closeness = [similarity(claim.text, o.text) for o in others]
        centrality = sum(closeness) / len(closeness) if closeness else 0.0
        echoed = {
            o.anchor.source for o, s in zip(others, closeness, strict=True) if s >= TOPIC_SIMILARITY
        }
        score = (
            claim.score
            + weights["centrality"] * 10 * centrality
            + weights["corroboration"] * min(len(echoed), 3)
            + weights["focus"] * min(len(tokens(claim.text) & focus_words), 2)
            + weights["element"] * bool(elements_of(claim.text))
            + weights["recent"] * _recent(claim, as_of)
        )
        scored.append(replace(claim, score=round(score, 3)))
    return scored


def _recent(claim: Claim, as_of: PartialDate) -> bool:
    """It tells of the last two years before the brief (by its date, or its narrative's)."""
    date = claim.date or claim.narrative
    return date is not None and date.year >= as_of.year - 1


def _element_picks(scored: list[Claim], as_of: PartialDate) -> set[int]:
    """For each element in story order, its best sentences (as many as its quota; one
    sentence tells one element), never two that say the same."""
    chosen: set[int] = set()
    for name in story_elements():
        strength = {
            i: element_weights(c.text).get(name, 0)
            for i, c in enumerate(scored)
            if name in _LASTING or not _recent(c, as_of)  # last year's attack is news
        }
        # The sentence that tells the element most plainly, then the best scored.
        tellers = sorted(
            (i for i in strength if strength[i]),
            key=lambda i: -(scored[i].score + strength[i]),
        )
        taken = 0
        for index in tellers:
            if taken >= _selection().quotas.get(name, 1):
                break
            text = scored[index].text
            if index in chosen or any(
                similarity(text, scored[j].text) >= DUPLICATE_SIMILARITY for j in chosen
            ):
                continue
            chosen.add(index)
            taken += 1
    return chosen


def _when(claim: Claim) -> tuple[int, int, int]:
    date = claim.date or claim.narrative
    return date.sort_key() if date is not None else (9999, 0, 0)


@dataclass(frozen=True)
class Story:
    """The background's statements best first (an edition's budget keeps the best), and
    each one's place in the story (the order an edition shows them in)."""

    statements: tuple[Statement, ...]
    place: Mapping[str, int]


def story(
    by_section: Mapping[SectionId, list[Claim]],
    limit: int,
    everything: list[Claim],
    as_of: PartialDate,
    focus: Sequence[str] = (),
) -> Story:
    """The background's statements, and the order of the story."""
    scored = _scored(_candidates(by_section, as_of), focus, as_of)
    first = _element_picks(scored, as_of)
    ranked = [
        replace(c, score=c.score + _ELEMENT_FIRST) if i in first else c
        for i, c in enumerate(scored)
    ]
    exempt = frozenset(scored[i].anchor for i in first)
    # A story says each thing once: sentences on one topic fold into one line (its other
    # tellings cited with it), at a lower likeness than other sections fold at.
    statements = claim_statements(
        ranked, limit, "bg", everything, dated=True, exempt=exempt, duplicate=TOPIC_SIMILARITY
    )
    when = {c.anchor: _when(c) for c in ranked}
    order = sorted(statements, key=lambda st: when.get(st.anchor, (9999, 0, 0)))
    return Story(tuple(statements), {st.id: index for index, st in enumerate(order)})
