"""Profiles: what the sources say an actor is, and how actors are related.

Descriptions come from the forms writers use to introduce someone, strongest first: an
appositive ("Ana Ruiz, the group's leader,"; "A splinter group, the Hill
Brigades,"), a relative clause ("Ana Ruiz, who has led the HF since 2014"), a
definition ("X is a coalition of ..."), the sentence that defines an acronym, a sentence
the actor opens acting on another. (A role before a name, "HF chief Ana Ruiz", comes
from the actor's roles: extract/__init__.py.)
Relations (leads, member of, splinter of, sponsors, negotiates with, mediates between)
come from the words between two actors' names in one sentence, matched against the
patterns of data/relations.yaml; every one is anchored to its sentence.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from briefgen.data import load_data
from briefgen.model import Actor

# Where an appositive ends: punctuation, or a relative clause ("a fisheries inspector who
# had organised ...": the appositive is "a fisheries inspector").
_END = r"(?=\s*(?:,|;|—|–|\)|\.(?:\[\d{1,3}\])*(?:\s|$)|$)|\s+(?:who|which|whose)\b)"
# ", the group's leader": what a determiner or a possessive opens after a name.
_APPOSITIVE = re.compile(
    r",\s+(?P<desc>(?:the|a|an|its|their|his|her|[A-Z][\w-]*[’']s)\s+[^,;:()—–\[\]]{3,110}?)" + _END
)
# "Ana Ruiz, who has led the HF since 2014,": a relative clause that says who.
_RELATIVE = re.compile(
    r",\s+(?P<desc>who\s+(?:is|was|has|had|heads|headed|leads|led|chairs|chaired|commands|"
    r"commanded|founded|serves|served|became)\b[^,;:()—–\[\]]{3,100}?)" + _END
)
# "A splinter group, the Hill Brigades, ...": what it is, then its name.
_BEFORE_NAME = re.compile(
    r"(?:^|(?<=[.;:]\s)|(?<=,\s))(?P<desc>(?:A|An|The|[A-Z][\w-]*[’']s)\s+[^,;:()—–\[\]]{2,80}?),"
    r"\s+(?:the\s+)?$"
)
# What follows a name that a sentence defines: "X (XX) is a ...", "X was the ...".
_DEFINITION = re.compile(
    r"^(?:\s*\([^()]{1,40}\))?\s+(?:is|was|are|were|has been|remains|became|emerged as)"
    r"\s+(?:a|an|the|one of)\b"
)
_LIST_NEXT = re.compile(r"\s*,?\s*(?:and|or)\b")
# "X (XX) has ...", "X (XX), a ...": a name, its acronym, then what it is or does.
_ACRONYM_THEN_VERB = re.compile(
    r"\s*\(\s*[A-Z][A-Za-z&-]{1,8}\s*\)(?:,\s+(?:a|an|the)\s|\s+(?!(?:into|of|in|to|and|or|"
    r"from|with|as|for|on|at|by)\b)[a-z])"
)


@dataclass(frozen=True)
class Span:
    """Offsets in a document's text, and how strongly the words there describe an actor."""

    actor: str  # the actor's id in the document
    start: int
    end: int
    strength: int
    fragment: bool = False  # words within a sentence ("X, the group's leader")


@dataclass(frozen=True)
class Link:
    """A relation a sentence states (`start`/`end`: the sentence), anchored by the caller."""

    kind: str
    subject: str  # the actors' names in the document
    object: str
    start: int
    end: int


@dataclass(frozen=True)
class _Mention:
    actor: Actor
    start: int
    end: int


@dataclass(frozen=True)
class _Rule:
    kind: str
    subject_first: bool
    kinds: tuple[str, str]
    gap: re.Pattern[str]
    before: re.Pattern[str] | None = None  # what must precede the first name


@dataclass(frozen=True)
class _Patterns:
    identity: re.Pattern[str]
    pairs: tuple[_Rule, ...]
    between: re.Pattern[str]
    conjunction: re.Pattern[str]
    mediator_before: re.Pattern[str]
    mediator_after: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    data = load_data("relations.yaml")
    fill = {k: data[k] for k in ("leader_nouns", "member_nouns", "qualifiers")}

    def compiled(pattern: str) -> re.Pattern[str]:
        for key, value in fill.items():
            pattern = pattern.replace("{" + key + "}", value)
        return re.compile(pattern, re.I)

    nouns = "|".join(re.escape(n) for n in sorted(data["identity_nouns"], key=len, reverse=True))
    return _Patterns(
        identity=re.compile(rf"\b(?:{nouns})\b", re.I),
        pairs=tuple(
            _Rule(
                r["type"],
                r["subject"] == "first",
                tuple(r["kinds"]),
                compiled(r["gap"]),
                re.compile(r["before"]) if "before" in r else None,
            )
            for r in data["pairs"]
        ),
        between=compiled(data["between"]),
        conjunction=compiled(data["and"]),
        mediator_before=compiled(data["mediator_before"]),
        mediator_after=compiled(data["mediator_after"]),
    )


def _fits(kind: str, wanted: str) -> bool:
    return wanted == "any" or (kind == "person") == (wanted == "person")


class _Mentions:
    """A document's actor mentions in text order, for the actors of one sentence at a time
    (found by bisection: scanning every mention for every sentence was quadratic)."""

    def __init__(self, actors: list[Actor]) -> None:
        self.found = sorted(
            (_Mention(actor, m.start, m.end) for actor in actors for m in actor.mentions),
            key=lambda m: (m.start, -m.end),
        )
        self.starts = [m.start for m in self.found]

    def within(self, start: int, end: int) -> list[_Mention]:
        """The actors named between two offsets, in order; a mention inside a longer one
        (an acronym inside its definition) gives way to it."""
        kept: list[_Mention] = []
        for mention in self.found[bisect_left(self.starts, start) : bisect_left(self.starts, end)]:
            if mention.end > end or (kept and mention.start < kept[-1].end):
                continue
            kept.append(mention)
        return kept


def _normalised(words: str) -> str:
    """Whitespace runs as one space, kept at either end ("X chief Y" has " chief ")."""
    return re.sub(r"\s+", " ", words)


def relations(text: str, sentences: list[tuple[int, int]], actors: list[Actor]) -> Iterator[Link]:
    """Each relation a sentence states."""
    patterns = _patterns()
    mentions = _Mentions(actors)
    for start, end in sentences:
        named = mentions.within(start, end)
        for a, b in itertools.pairwise(named):
            if a.actor.id == b.actor.id:
                continue
            gap = _normalised(text[a.end : b.start])
            for rule in patterns.pairs:
                subject, other = (a, b) if rule.subject_first else (b, a)
                if (
                    _fits(subject.actor.kind, rule.kinds[0])
                    and _fits(other.actor.kind, rule.kinds[1])
                    and rule.gap.fullmatch(gap)
                    and (rule.before is None or rule.before.search(text[start : a.start]))
                ):
                    yield Link(rule.kind, subject.actor.name, other.actor.name, start, end)
                    break
        yield from _between(text, named, start, end, patterns)


def _between(
    text: str, named: list[_Mention], start: int, end: int, patterns: _Patterns
) -> Iterator[Link]:
    """ "talks between A and B" (A negotiates with B), with a mediator named before
    ("C facilitated talks between A and B") or after ("..., brokered by C"). A mediator
    named before mediates for A even when B is no actor ("the Ruritanian government")."""
    mediated: set[tuple[str, str]] = set()
    for index in range(1, len(named)):
        c, a = named[index - 1], named[index]
        gap = _normalised(text[c.end : a.start])
        if c.actor.id != a.actor.id and patterns.mediator_before.fullmatch(gap):
            mediated.add((c.actor.name, a.actor.name))
            yield Link("mediates", c.actor.name, a.actor.name, start, end)
    for index in range(len(named) - 1):
        a, b = named[index], named[index + 1]
        if a.actor.id == b.actor.id:
            continue
        if not patterns.conjunction.fullmatch(_normalised(text[a.end : b.start])):
            continue
        before = _normalised(text[max(start, a.start - 80) : a.start])
        if not patterns.between.search(before):
            continue
        yield Link("negotiates_with", a.actor.name, b.actor.name, start, end)
        mediator = None
        if index > 0:
            c = named[index - 1]
            if patterns.mediator_before.fullmatch(_normalised(text[c.end : a.start])):
                mediator = c
        if mediator is None and index + 2 < len(named):
            c = named[index + 2]
            if patterns.mediator_after.fullmatch(_normalised(text[b.end : c.start])):
                mediator = c
        if mediator is not None and mediator.actor.id not in (a.actor.id, b.actor.id):
            for party in (a, b):
                if (mediator.actor.name, party.actor.name) not in mediated:
                    yield Link("mediates", mediator.actor.name, party.actor.name, start, end)


def descriptions(
    text: str, sentences: list[tuple[int, int]], actors: list[Actor]
) -> Iterator[Span]:
    """Spans that say what an actor is, by the forms of the module's docstring."""
    mentions = _Mentions(actors)
    for start, end in sentences:
        sentence = text[start:end]
        named = mentions.within(start, end)
        for index, mention in enumerate(named):
            after = text[mention.end : end]
            match = _APPOSITIVE.match(_skip_parenthesis(after))
            offset = len(after) - len(_skip_parenthesis(after))
            fronted = _FRONTED.match(text[start : mention.start].strip()) is not None
            if (
                match is not None
                and not fronted
                and _is_description(match["desc"], after[offset + match.end() :])
            ):
                desc_end = mention.end + offset + match.end("desc")
                yield Span(mention.actor.id, mention.start, desc_end, 3, fragment=True)
            relative = _RELATIVE.match(after)
            if relative is not None and match is None:
                end_of = mention.end + relative.end("desc")
                yield Span(mention.actor.id, mention.start, end_of, 3, fragment=True)
            ahead = _BEFORE_NAME.search(text[start : mention.start])
            if (
                ahead is not None
                and re.match(r"\s*,", after)
                and _is_description(ahead["desc"][0].lower() + ahead["desc"][1:], "")
            ):
                yield Span(
                    mention.actor.id, start + ahead.start("desc"), mention.end, 3, fragment=True
                )
            if index == 0 and sentence[: mention.start - start].strip() in ("", "The", "the"):
                definition = _DEFINITION.match(after)
                strength = 2 if definition is not None else 0
                if _ACRONYM_THEN_VERB.match(after):
                    strength = max(strength, 1)  # the sentence that defines its acronym
                # A sentence it merely opens says who it is only through whom it acts on.
                relates = any(m.actor.id != mention.actor.id for m in named)
                if strength or (_opens_with_verb(after) and relates):
                    yield Span(mention.actor.id, start, end, strength)


def _skip_parenthesis(after: str) -> str:
    """The words after a name with an acronym in parentheses skipped: "(HF), a group"."""
    match = re.match(r"\s*\([^()]{1,40}\)", after)
    return after[match.end() :] if match else after


# Words that make a phrase after a comma a clause, not an appositive: "For Ruritania, the
# group mounted ...", "HF, the leader of which ...", "X, a Ruiz returned to ...".
_CLAUSE_WORDS = re.compile(
    r"\b(?:which|who|whom|whose|that|is|was|were|are|has|had|have|will|would|can|could|"
    r"may|might|did|does)\b|\b[A-Z][\w-]*\s+[a-z]+ed\b"
)
# "inside Ruritania, the group mounted ...": a noun and a past tense make a clause.
_VERB_AFTER_NOUN = re.compile(r"^(?:\S+\s+){2}[a-z]+ed\b")


# "the HF aims to ...": a name then a lower-case word that is no noun of identity.
_NAME_THEN_WORD = re.compile(r"^(?:the|a|an)\s+[A-Z][\w’'-]*\s+(?P<word>[a-z][\w-]*)")
# A sentence that opens "In Ruritania, the ...": the name is in a fronted phrase.
_FRONTED = re.compile(
    r"^(?:In|For|Inside|Within|Across|Throughout|To|From|Against|With|Outside|Beyond|Like|"
    r"Unlike|After|Before|Since|Across|Under|Over|Among|Despite|Through)(?:\s+the)?$"
)


def _is_description(desc: str, rest: str) -> bool:
    """An appositive that says who or what the actor is: not the next item of a list
    ("A, the B and C") and not a clause ("For Ruritania, the group mounted ...")."""
    words = desc.split()
    # "a former irrigation engineer": a short indefinite phrase describes whatever its noun.
    indefinite = words[0] in ("a", "an") and len(words) <= 8
    return (
        len(words) >= 2
        and (indefinite or _patterns().identity.search(desc) is not None)
        and _CLAUSE_WORDS.search(desc) is None
        and _VERB_AFTER_NOUN.match(desc) is None
        and not _names_then_verb(desc)
        and not _LIST_NEXT.match(rest)
    )


def _names_then_verb(desc: str) -> bool:
    found = _NAME_THEN_WORD.match(desc)
    return found is not None and _patterns().identity.fullmatch(found["word"]) is None


def _opens_with_verb(after: str) -> bool:
    """The actor opens the sentence and a lower-case word (its verb) follows."""
    opening = r"\s+(?:has |have |had |is |was |also |then |later |first )?[a-z]"
    return re.match(opening, after) is not None
