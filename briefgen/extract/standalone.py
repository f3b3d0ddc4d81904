"""Lines that stand alone: the editorial edits that let a quoted sentence be read by itself.

A brief's line is read without the sentences around it, so what a sentence leans on is
repaired the way editors quote (DESIGN.md, after decontextualisation, Choi et al. 2021):
- glued note numbers and citation markers are removed, shouted capitals lowered;
- an opening connective ("But", "Similarly,") or an opening phrase that points back
  ("Against this backdrop,") is dropped, and the letter that now opens it bracketed;
- an opening pronoun is replaced by the bracketed name of the actor the sentence before
  it names ("[The HF] has operated ..."), that earlier mention cited too;
- a reference nothing in the sentence resolves ("This perception is evident ...") brings
  the sentence before it into the quote; with none to bring, the sentence is left out.
Every edit is declared (model.Edit) and `check` re-applies it (extract/edits.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from briefgen.data import load_data
from briefgen.extract.edits import CREDIT, DATELINE, FRAMES, apply_edits, join_quotes
from briefgen.ingest.segment import CITATION_MARKER
from briefgen.model import UNKNOWN_KIND, Anchor, Edit, Quoting

# Quoting the sentence before must still make a line a reader takes in at once.
MAX_WORDS_WITH_LEAD = 90
# A note number glued to a word's closing punctuation ("deal.13 even", "capital.17 Later",
# "operation,4 and"), a bracketed marker ("[5]", "[citation needed]") or superscripts.
_GLUED_NOTE = re.compile(r"(?:(?<=[a-z]{2}\.)|(?<=[a-z][,;:])|(?<=[”\"’)]))\d{1,3}(?=\s|$)")
_BRACKET_MARKER = re.compile(rf"{CITATION_MARKER}|\[(?:[a-z ]{{3,30}})\]")
# Shouted capitals that open a sentence going on in lower case ("UNSURPRISINGLY, RECENT
# UPDATES about ..."); a dateline ("MEXICO CITY (Reuters) -") is a name, not a shout.
_SHOUTED = re.compile(r"^[A-Z][A-Z’'-]{3,}\b(?:[\s,;:]+[A-Z][A-Z’'-]*\b)+(?=[\s,;:]+[a-z])")


@dataclass(frozen=True)
class Said:
    """A sentence of a document: its display text and where it lies."""

    shown: str
    anchor: Anchor


@dataclass(frozen=True)
class Named:
    """An actor named in a document: where, under which name, and what kind of actor."""

    anchor: Anchor
    kind: str


@dataclass(frozen=True)
class Standalone:
    """A sentence made to stand alone: its text, the quoted text it was made from, and
    how (the edits and the anchors)."""

    text: str
    base: str
    quoting: Quoting

    def shortened(self, max_words: int) -> Standalone:
        """At most `max_words` words: the rest cut at a word's end, shown by an ellipsis."""
        if len(self.text.split()) <= max_words:
            return self
        edits = self.quoting.edits
        cuts = [m.start() for m in re.finditer(r"\s+", self.base)]
        for at in reversed(cuts):
            kept = [e for e in edits if e.end <= at or e.start == e.end == len(self.base)]
            if any(e.start < at < e.end for e in edits):
                continue  # never inside an edit
            candidate = [*kept, Edit("ellipsis", at, len(self.base), " …")]
            text = apply_edits(self.base, candidate)
            if len(text.split()) <= max_words + 1:  # the ellipsis is not a word
                quoting = Quoting(self.quoting.lead, tuple(candidate), self.quoting.context)
                return Standalone(text, self.base, quoting)
        return self


@dataclass(frozen=True)
class _Lexicon:
    connective: re.Pattern[str]
    opening: re.Pattern[str]
    pronoun: re.Pattern[str]
    pronoun_kinds: dict[str, str]
    demonstrative_opening: re.Pattern[str]
    subordinate_reference: re.Pattern[str]
    demonstrative_pronoun: re.Pattern[str]
    expletive_it: re.Pattern[str]
    meta: re.Pattern[str]


def _alternatives(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _lexicon() -> _Lexicon:
    data = load_data("standalone.yaml")
    with_comma = [w[:-1] for w in data["connectives"] if w.endswith(",")]
    bare = [w for w in data["connectives"] if not w.endswith(",")]
    back = _alternatives(data["back_references"])
    return _Lexicon(
        connective=re.compile(
            rf"^(?:(?:{_alternatives(with_comma)}),|(?:{_alternatives(bare)})\b,?)\s+"
        ),
        opening=re.compile(
            rf"^(?:{_alternatives(data['opening_prepositions'])})\s"
            rf"(?=[^,;:]{{0,80}}?\b(?i:{back})\b)[^,;:—–]{{1,90}}?,\s+"
        ),
        pronoun=re.compile(rf"^(?:{_alternatives(list(data['pronouns']))})\b"),
        pronoun_kinds=dict(data["pronouns"]),
        demonstrative_opening=re.compile(
            rf"^(?:{_alternatives([w.capitalize() for w in data['demonstratives']])})\b"
        ),
        subordinate_reference=re.compile(
            rf"^(?:{_alternatives(data['subordinators'])})\s+"
            rf"(?:{_alternatives(data['demonstratives'])}|it|they)\b"
        ),
        demonstrative_pronoun=re.compile(
            r"\b(?:this|these|those)\b(?=\s*[.,;:!?—]|\s+(?:"
            + _alternatives(data["pronoun_followers"])
            + r")\b)",
            re.I,
        ),
        expletive_it=re.compile(data["expletive_it"]),
        meta=re.compile("|".join(data["meta_openings"]), re.I),
    )


def is_meta(text: str) -> bool:
    """A sentence about the text itself ("The paper discusses ...") or an instruction."""
    return _lexicon().meta.search(_drop_opening(text)[1]) is not None


def _drop_opening(text: str) -> tuple[list[Edit], str]:
    """Edits dropping opening connectives and a back-pointing opening phrase, and the
    text that is left (offsets of the edits are in `text`)."""
    lexicon = _lexicon()
    edits: list[Edit] = []
    at = 0
    for kind, furniture in (("credit", CREDIT), ("dateline", DATELINE)):
        # A news page's furniture run into the sentence: a photo credit, then a dateline.
        found = furniture.match(text, at)
        if found is not None and len(text[found.end() :].split()) >= 5:
            edits.append(Edit(kind, at, found.end(), ""))
            at = found.end()
    for _ in range(2):  # "But, similarly, ..." at most two in a row
        match = lexicon.connective.match(text, at) or lexicon.opening.match(text, at)
        if match is None:
            break
        kind = "connective" if match.re is lexicon.connective else "opening"
        if kind == "opening" and not _adverbial(text[match.start() : match.end()]):
            break
        rest = text[match.end() :]
        if len(rest.split()) < 5 or not rest[:1].isalnum():
            break  # too little left to be a sentence of its own
        edits.append(Edit(kind, match.start(), match.end(), ""))
        at = match.end()
    return edits, text[at:]


# Words that make an opening phrase a clause of its own: it says something, so it stays.
_CLAUSE_WORDS = re.compile(
    r"\b(?:that|which|who|whom|whose|is|was|were|are|be|been|has|had|have|would|will|"
    r"could|should|can|may|might|must|did|does|said|says|claimed|argued)\b|[()\[\]“”\"]"
)
MAX_OPENING_WORDS = 8


def _adverbial(phrase: str) -> bool:
    """A short phrase that sets a scene ("Against this backdrop,"), not a clause."""
    return len(phrase.split()) <= MAX_OPENING_WORDS and _CLAUSE_WORDS.search(phrase) is None


def _marker_edits(text: str) -> list[Edit]:
    found = sorted(
        [*_GLUED_NOTE.finditer(text), *_BRACKET_MARKER.finditer(text)], key=lambda m: m.start()
    )
    edits = []
    for match in found:
        start = match.start()
        if text[start - 1 : start] == " " and text[match.end() : match.end() + 1] in (" ", ""):
            start -= 1  # "according to [5] the": the space before goes too
        edits.append(Edit("marker", start, match.end(), ""))
    return edits


def _lower_edits(text: str, keep_upper: frozenset[str]) -> list[Edit]:
    """Shouted capitals lowered; acronyms the document uses as names keep their case."""
    edits = []
    for match in _SHOUTED.finditer(text):
        run = match[0]
        if sum(len(w) >= 4 for w in re.findall(r"[A-Z’'-]+", run)) < 2:
            continue
        lowered = re.sub(
            r"[A-Z][A-Z’'-]*", lambda w: w[0] if w[0] in keep_upper else w[0].lower(), run
        )
        if match.start() == 0 or text[: match.start()].rstrip().endswith((".", "!", "?")):
            lowered = lowered[0].upper() + lowered[1:]
        if lowered != run:
            edits.append(Edit("lower", match.start(), match.end(), lowered))
    return edits


def _own_edits(shown: str, keep_upper: frozenset[str]) -> tuple[list[Edit], str]:
    """The edits a sentence needs whatever precedes it, and what it opens with once its
    opening is dropped (first letter capitalised), to see what it still leans on. A marker
    or a shout inside the dropped opening goes with it."""
    opening, _ = _drop_opening(shown)
    dropped_to = max((e.end for e in opening), default=0)
    edits = [
        e for e in _marker_edits(shown) + _lower_edits(shown, keep_upper) if e.start >= dropped_to
    ]
    edits += opening
    if opening and shown[dropped_to : dropped_to + 1].islower():
        letter = shown[dropped_to]
        edits.append(Edit("capital", dropped_to, dropped_to + 1, f"[{letter.upper()}]"))
    rest = shown[dropped_to:]
    return edits, rest[:1].upper() + rest[1:]


# A possessive in an opening phrase that names no one before it, then the main clause:
# "Beyond the fact that his presence in the capital ..., this ...". Its referent is
# ahead ("Since its founding, the HF") when the main clause opens with a name, and behind it
# in the phrase itself when a name comes first ("The WHO raised its alert level, ...").
_OPENING_POSSESSIVE = re.compile(
    r"^\S+(?:\s+[a-z][^\s,;:]*)*?\s+(?P<pronoun>his|her|its|their)\b[^,;:]*,\s+(?:the\s+)?"
    r"(?P<main>[\w’'-]+)"
)
_NOT_A_NAME = {"This", "That", "These", "Those", "It", "They", "He", "She", "There", "Such"}
# "Beyond the fact that ..., this ...": "this" is the fact the sentence has just stated.
_SELF_REFERENCE = re.compile(
    r"^(?:Beyond|Besides|Apart from|Aside from|In addition to|Despite) the fact that\b[^,]+,"
    r"\s+(?:this|that)\b"
)
# Where a sentence's first clause ends: a "this" after it points into the sentence itself.
_CLAUSE_END = re.compile(r",\s+(?:and|but|so|which|while|as|because)\b|[;—–]")


def _needs(rest: str) -> str | None:
    """What a sentence (as it opens once its opening is dropped) leans on: "pronoun",
    "demonstrative" or None."""
    lexicon = _lexicon()
    body = rest.lstrip("“\"‘'(")
    if lexicon.pronoun.match(body) and not lexicon.expletive_it.match(body):
        return "pronoun"
    possessive = _OPENING_POSSESSIVE.match(body)
    if possessive is not None and (
        not possessive["main"][:1].isupper() or possessive["main"] in _NOT_A_NAME
    ):
        return "pronoun"
    if _SELF_REFERENCE.match(body):
        return None
    end = _CLAUSE_END.search(body)
    first_clause = body[: end.start()] if end else body
    if (
        lexicon.demonstrative_opening.match(body)
        or lexicon.subordinate_reference.match(body)
        or lexicon.demonstrative_pronoun.search(first_clause)
    ):
        return "demonstrative"
    return None


def _antecedent(
    shown: str, edits: list[Edit], before: Sequence[Said], named: Sequence[Named]
) -> tuple[Edit, Anchor] | None:
    """The bracketed name for the pronoun the sentence opens with (or that its opening
    phrase holds), from the sentence before, and that sentence's anchor."""
    lexicon = _lexicon()
    start = max((e.end for e in edits if e.kind in ("connective", "opening")), default=0)
    match: re.Match[str] | None = lexicon.pronoun.match(shown, start)
    word = match[0] if match else ""
    span = match.span() if match else (0, 0)
    if match is None:
        possessive = _OPENING_POSSESSIVE.match(shown, start)
        if possessive is None:
            return None
        word = possessive["pronoun"].capitalize()
        span = possessive.span("pronoun")
    if not before:
        return None
    wanted = lexicon.pronoun_kinds[word]
    previous = before[-1].anchor
    candidates = [
        n
        for n in named
        if previous.start <= n.anchor.start < previous.end
        and n.kind != UNKNOWN_KIND  # a name no one has said is an actor (often a place)
        and (wanted == "any" or (n.kind == "person") == (wanted == "person"))
    ]
    if len({n.anchor.quote for n in candidates}) != 1:
        return None  # no one, or several it could be: the sentence before is quoted instead
    mention = min(candidates, key=lambda n: n.anchor.start).anchor
    name = " ".join(mention.quote.split())
    context = before[-1].shown
    if re.search(rf"\bthe\s+{re.escape(name)}", context, re.I):
        name = "the " + name  # "the HF" as the source writes it
    if span[0] == start:
        name = name[0].upper() + name[1:]
    if word in ("His", "Her", "Its", "Their"):
        name += "’s"
    # The whole sentence the name is taken from is cited: it shows the name as written.
    return Edit("antecedent", span[0], span[1], f"[{name}]"), before[-1].anchor


def stand_alone(
    sentence: Said,
    before: Sequence[Said],
    named: Sequence[Named] = (),
    keep_upper: frozenset[str] = frozenset(),
    frame: bool = False,
) -> Standalone | None:
    """The sentence as a line that stands alone, or None when it cannot.

    `before` are the sentences before it in its paragraph, in order; `named` the actors the
    document names, for a pronoun's antecedent; `keep_upper` the names the document writes
    in capitals; `frame` marks a reader's comment as such.
    """
    shown = sentence.shown
    if is_meta(shown):
        return None
    edits, rest = _own_edits(shown, keep_upper)
    need = _needs(rest)
    context: tuple[Anchor, ...] = ()
    lead: tuple[Anchor, ...] = ()
    base = shown
    if need == "pronoun":
        found = _antecedent(shown, edits, before, named)
        if found is not None:
            edit, source = found
            edits = [e for e in edits if e.kind != "capital" or e.start != edit.start]
            edits.append(edit)
            context = (source,)
            need = None
    if need is not None:
        if not before:
            return None
        previous = before[-1]
        lead_edits, lead_rest = _own_edits(previous.shown, keep_upper)
        if _needs(lead_rest) is not None or is_meta(previous.shown):
            return None  # the sentence before leans on another one in turn
        # With the sentence before quoted, the main sentence keeps its own opening.
        own = _marker_edits(shown) + _lower_edits(shown, keep_upper)
        base = join_quotes([previous.shown, shown])
        shift = len(previous.shown) + 1
        edits = lead_edits + [Edit(e.kind, e.start + shift, e.end + shift, e.text) for e in own]
        if len(apply_edits(base, edits).split()) > MAX_WORDS_WITH_LEAD:
            return None
        lead = (previous.anchor,)
    if frame:
        end = len(base)
        edits = [Edit("frame", 0, 0, FRAMES[0]), *edits, Edit("frame", end, end, FRAMES[1])]
    return Standalone(apply_edits(base, edits), base, Quoting(lead, tuple(edits), context))
