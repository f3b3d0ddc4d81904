"""Applying the analyst's review (workspace/review.py) to a brief's material.

Every entry names a statement by id, and ids are made from the passage's place and words
(statement_ids.py): when the source changes under a statement, its id is gone and the
entry is stale. A stale entry is reported with its line, never dropped silently and never
applied to other words. A reword keeps the statement's anchors, and every number and
proper name in it must be in the passages they cite; an added judgment must carry an
estimative term, so it reads as the desk's judgment, not as a source's fact.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from briefgen.compose.tailor import Material
from briefgen.errors import ConfigError
from briefgen.extract.estimative import find_likelihood
from briefgen.model import SectionId, Statement
from briefgen.workspace.review import Judgment, Review, ReviewEntry

# Words a sentence may open with or use without their being names a source must give.
_COMMON = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "By",
        "For",
        "Of",
        "To",
        "And",
        "But",
        "Or",
        "It",
        "Its",
        "This",
        "That",
        "These",
        "Those",
        "We",
        "Our",
        "He",
        "She",
        "They",
        "Their",
        "His",
        "Her",
        "As",
        "After",
        "Before",
        "Since",
        "Until",
        "While",
        "If",
        "When",
        "Although",
        "Despite",
        "Yet",
        "However",
        "There",
        "I",
    ]
)
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]*")


def unsupported_words(text: str, quotes: list[str]) -> list[str]:
    """The numbers and proper names of `text` that none of `quotes` contains: a reworded
    line may change the words around the facts, never the facts."""
    said = " ".join(" ".join(q.split()) for q in quotes)
    found = []
    for number in _NUMBER.findall(text):
        if number not in said:
            found.append(number)
    sentence_starts = {m.end() for m in re.finditer(r"(?:^|[.!?]\s+)", text)}
    for match in _CAPITALISED.finditer(text):
        word = match[0].rstrip("’'")
        if match.start() in sentence_starts or word in _COMMON:
            continue
        if re.sub(r"[’']s$", "", word) not in said:
            found.append(word)
    return list(dict.fromkeys(found))


def apply_review(material: Material, review: Review) -> Material:
    """The material with the review's edits applied; stale entries are recorded in
    `stale_review`. Raises ConfigError (file:line) for an edit that cannot stand."""
    if not review.entries and not review.added:
        return material
    ranked = {section: list(pool) for section, pool in material.ranked.items()}
    timeline = list(material.timeline)
    known = {st.id for pool in ranked.values() for st in pool} | {st.id for st in timeline}
    stale = [
        f"{e.where}: {e.action} {e.statement}: the brief has no such statement now (its "
        "passage changed or is gone); review it again"
        for e in review.entries
        if e.statement not in known
    ]
    live = [e for e in review.entries if e.statement in known]
    for entry in (e for e in live if e.action == "reword"):
        ranked, timeline = _reword(ranked, timeline, entry)
    for entry in (e for e in live if e.action == "move"):
        ranked = _move(ranked, entry.statement, SectionId(entry.value))
    dropped = {e.statement for e in live if e.action == "drop"}
    ranked = {s: [st for st in pool if st.id not in dropped] for s, pool in ranked.items()}
    timeline = [st for st in timeline if st.id not in dropped]
    reading = dict(material.reading)
    pinned = {e.statement for e in live if e.action == "pin"}
    for judgment in review.added:
        statement, stale_cites = _judgment(judgment, ranked, timeline)
        stale += stale_cites
        section = SectionId(judgment.section)
        ranked[section] = [statement, *ranked.get(section, [])]
        reading[statement.id] = (-1, len(reading))  # the desk speaks first
        pinned.add(statement.id)
    order: dict[SectionId, list[str]] = {}
    for entry in (e for e in live if e.action == "order"):
        order.setdefault(SectionId(entry.value), []).append(entry.statement)
    return replace(
        material,
        ranked={s: tuple(pool) for s, pool in ranked.items()},
        timeline=tuple(timeline),
        reading=reading,
        pinned=frozenset(pinned),
        order={s: tuple(ids) for s, ids in order.items()},
        stale_review=tuple(stale),
    )


def _reword(
    ranked: dict[SectionId, list[Statement]], timeline: list[Statement], entry: ReviewEntry
) -> tuple[dict[SectionId, list[Statement]], list[Statement]]:
    def reworded(statement: Statement) -> Statement:
        if statement.id != entry.statement:
            return statement
        missing = unsupported_words(entry.value, [a.quote for a in statement.citations])
        if missing:
            raise ConfigError(
                [
                    f"{entry.where}: reword {entry.statement}: {', '.join(missing)} is in "
                    "none of the passages the statement cites; a reworded line keeps its "
                    "sources' numbers, dates and names"
                ]
            )
        return replace(statement, text=entry.value, source_text=statement.text)

    return (
        {s: [reworded(st) for st in pool] for s, pool in ranked.items()},
        [reworded(st) for st in timeline],
    )


def _move(
    ranked: dict[SectionId, list[Statement]], statement_id: str, target: SectionId
) -> dict[SectionId, list[Statement]]:
    moving = [st for pool in ranked.values() for st in pool if st.id == statement_id][:1]
    moved = {s: [st for st in pool if st.id != statement_id] for s, pool in ranked.items()}
    moved[target] = [*moving, *moved.get(target, [])]
    return moved


def _judgment(
    judgment: Judgment, ranked: dict[SectionId, list[Statement]], timeline: list[Statement]
) -> tuple[Statement, list[str]]:
    """The desk's line as a statement (cited to the passages of the statements it names),
    and the stale `cites` among them."""
    likelihood = find_likelihood(judgment.text)
    if likelihood is None:
        raise ConfigError(
            [
                f"{judgment.where}: an added judgment says how likely it is in the words "
                "of the estimative scale (ICD 203: almost no chance, very unlikely, "
                "unlikely, roughly even chance, likely, very likely, almost certain)"
            ]
        )
    by_id = {st.id: st for pool in ranked.values() for st in pool} | {st.id: st for st in timeline}
    stale = [
        f"{judgment.where}: add cites {sid}: the brief has no such statement now; review it again"
        for sid in judgment.cites
        if sid not in by_id
    ]
    anchors = tuple(
        dict.fromkeys(
            a
            for sid in judgment.cites
            if sid in by_id
            for a in by_id[sid].citations[: by_id[sid].quoted]
        )
    )
    digest = hashlib.sha1(
        f"{judgment.section}:{judgment.text}".encode(), usedforsecurity=False
    ).hexdigest()
    statement = Statement(
        id=f"dk-{digest[:10]}",
        text=judgment.text,
        citations=anchors,
        likelihood=likelihood,
        author="analyst",
    )
    return statement, stale
