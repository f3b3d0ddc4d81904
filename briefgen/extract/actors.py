"""Actors: people, organisations, movements and states named in a document.

Evidence, all generic (lexicons in data/lexicon.yaml, country names from pycountry):
- acronym definitions, "Long Form (LF)", matched as Schwartz & Hearst (2003) do;
- titles and role phrases before a name ("Interior Minister X", "FLN chief X"), appositions
  ("X, the group's deputy emir,") and copulas ("X is the leader of Y"), which give roles;
- kind words in a name ("... Movement", "... Party"), ISO country and subdivision names,
  and the words before a mention ("in X" reads as a place);
- capitalised names a document repeats.
Variants merge by the rules of `briefgen.extract.names`. A surname (or given name) used alone joins
the one person of the document it can belong to, and is dropped when it could be several.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache

import pycountry

from briefgen.data import load_data
from briefgen.extract.names import name_key, same_person, strip_titles, titles
from briefgen.model import ACTOR_KINDS, UNKNOWN_KIND, Actor, Anchor, Role

# A capitalised word; an apostrophe inside it ("O'Neill") but not a possessive "'s".
_CAP_TOKEN = r"(?:[A-Z](?:[\w.&-]|['’](?!s\b))*[\w]|[A-Z])"
# Words that join the parts of a name: "bin", "of the" stand between spaces; "al-", "el-"
# are glued to the part after them ("Karim al-Rashidi").
_CONNECTOR = r"(?:bin|ibn|ul|e|i|ur|ud|of|of the|de|van|von|da)"
_PREFIX = r"(?:al|el)-"
_GAP = r"(?:[ \t]+\n?[ \t]*|[ \t]*\n[ \t]*)"  # a space, or a line break of a wrapped text
# "National Growers' Party": a plural possessive inside a name joins its words too.
_JOIN = rf"(?:(?:(?<=s)['’])?{_GAP}|-)"
_NAME_RUN = re.compile(
    rf"(?:(?<![\w-])al[- ](?=[A-Z]))?{_CAP_TOKEN}"  # "al-Andalus" keeps its article
    rf"(?:{_JOIN}(?:{_CONNECTOR}{_JOIN}|{_PREFIX})?{_CAP_TOKEN})*(?!\w)"
)
_ACRONYM_DEF = re.compile(r"\(\s*([A-Z][A-Za-z&-]{1,8})\s*\)")
_POSSESSIVE = re.compile(r"[’']s?$")
_ACRONYM = re.compile(r"^[A-Z][A-Z&.-]{1,7}$")


@dataclass(frozen=True)
class SentenceRef:
    """A citable sentence: its raw text (references masked) and where it lies.

    `text` is the sentence as the document has it, when masking changed it: anchors
    quote it, since a name found in the masked text may run over a masked reference.
    """

    source: str
    paragraph: int
    start: int
    raw: str
    text: str | None = None


@dataclass
class _Cluster:
    """The mentions of one actor in one document, while they are being gathered."""

    names: Counter[str] = field(default_factory=Counter)
    roles: list[Role] = field(default_factory=list)
    mentions: list[Anchor] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)
    locative: int = 0  # mentions read as a place ("in X")
    initial_only: bool = True  # every mention opens its sentence
    acronyms: set[str] = field(default_factory=set)
    long_forms: set[str] = field(default_factory=set)
    coordinated: set[str] = field(default_factory=set)  # names joined to it by "and"/"or"
    # Nicknames and real names given in passing: never the name, nor what gives its kind.
    nicknames: set[str] = field(default_factory=set)

    def absorb(self, other: _Cluster) -> None:
        self.coordinated |= other.coordinated
        self.nicknames |= other.nicknames
        self.names.update(other.names)
        self.roles.extend(other.roles)
        self.mentions.extend(other.mentions)
        self.kinds.update(other.kinds)
        self.locative += other.locative
        self.initial_only = self.initial_only and other.initial_only
        self.acronyms |= other.acronyms
        self.long_forms |= other.long_forms

    @property
    def words(self) -> int:
        return max((len(n.split()) for n in self.names), default=0)


@dataclass(frozen=True)
class _Lexicon:
    """The lexicon's word lists and the patterns built from them, compiled once."""

    title_rx: re.Pattern[str]
    role_rx: re.Pattern[str]
    apposition_rx: re.Pattern[str]
    copula_rx: re.Pattern[str]
    reverse_apposition_rx: re.Pattern[str]
    kind_words: dict[str, frozenset[str]]
    state_aliases: dict[str, str]
    locative: frozenset[str]
    place_prefixes: frozenset[str]
    vessel_prefixes: frozenset[str]
    state_prefix_rx: re.Pattern[str]
    state_cue_rx: re.Pattern[str]
    clan_words: frozenset[str]
    adjective_suffixes: frozenset[str]
    function_words: frozenset[str]
    title_words: frozenset[str]  # every word of a title ("Prime", "Minister")
    not_names: frozenset[str]


@cache
def _lexicon() -> _Lexicon:
    data = load_data("lexicon.yaml")
    role_nouns = "|".join(re.escape(w) for w in sorted(data["role_nouns"], key=len, reverse=True))
    title_alternatives = "|".join(re.escape(t) for t in titles())
    name = _NAME_RUN.pattern
    qualifier = r"(?:(?:former|senior|top|deputy|then|current|new|late|slain)\s+)*"
    return _Lexicon(
        title_rx=re.compile(rf"\b(?P<role>{title_alternatives})\s+(?P<name>{name})"),
        role_rx=re.compile(
            rf"(?P<role>\b(?:{name}\s+|the group[’']s\s+)?{qualifier}(?:{role_nouns}))"
            rf"\s+(?P<name>{name})"
        ),
        apposition_rx=re.compile(
            rf"(?P<name>{name}),\s+(?P<role>(?:the|a|an|its|their|his|her|[A-Z][\w-]*[’']s)\s+"
            rf"[^,;:.()—]{{0,60}}?\b(?i:{role_nouns}|{title_alternatives})s?\b"
            rf"(?:\s+(?:of|for)\s+(?:the\s+)?{name})?)(?=\s*[,;.)—])"
        ),
        copula_rx=re.compile(
            rf"(?P<name>{name})\s+(?:is|was|became|remains|served as)\s+"
            rf"(?P<role>(?:the|a|an)\s+[^,;.]{{0,50}}\b(?:{role_nouns})\b"
            rf"(?:\s+of\s+(?:the\s+)?{name})?)"
        ),
        # "Ruritania's foreign minister, Ana Ruiz, said": the role, then the name.
        reverse_apposition_rx=re.compile(
            rf"(?P<role>(?:[A-Z][\w-]*[’']s|[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+(?:[\w-]+\s+){{0,3}}?(?:{role_nouns})),"
            rf"\s+(?P<name>{name})(?=\s*,)"
        ),
        kind_words={kind: frozenset(words) for kind, words in data["kind_words"].items()},
        state_aliases=dict(data["state_aliases"]),
        locative=frozenset(data["locative_words"]),
        place_prefixes=frozenset(data["place_prefixes"]),
        vessel_prefixes=frozenset(data["vessel_prefixes"]),
        state_prefix_rx=re.compile(
            r"^(?:"
            + "|".join(re.escape(p) for p in sorted(data["state_prefixes"], key=len, reverse=True))
            + r")\s+(?=[A-Z])"
        ),
        state_cue_rx=re.compile(
            r"(?:[’']s|,\s+whose)\s+(?:"
            + "|".join(re.escape(c) for c in sorted(data["state_cues"], key=len, reverse=True))
            + r")\b"
        ),
        clan_words=frozenset(data["clan_words"]),
        adjective_suffixes=frozenset(data["adjective_suffixes"]),
        function_words=frozenset(data["function_words"]),
        title_words=frozenset(word for title in titles() for word in title.split()),
        not_names=frozenset(data["not_names"]) | frozenset(data["function_words"]),
    )


@cache
def _iso_names() -> tuple[frozenset[str], frozenset[str]]:
    """(country names, subdivision names) from the ISO 3166 tables pycountry ships."""
    countries: set[str] = set()
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                countries.add(value)
    subdivisions = {s.name for s in pycountry.subdivisions} - countries
    return frozenset(countries), frozenset(subdivisions)


def _clean(run: str) -> str:
    """A name run with wrapped lines joined, opening function words and a possessive cut."""
    words = run.split()
    function_words = _lexicon().function_words
    while len(words) > 1 and (words[0] in function_words or words[0][0].islower()):
        words.pop(0)
    return _POSSESSIVE.sub("", " ".join(words)).rstrip(".,")


def kind_of(name: str) -> str | None:
    """The kind a name's own words give it, or None when only context can tell."""
    lexicon = _lexicon()
    aliases = lexicon.state_aliases
    countries, subdivisions = _iso_names()
    if name in countries or name in aliases or name + "." in aliases:
        return "state"
    if lexicon.state_prefix_rx.match(name):
        return "state"  # "Federation of Borduria"
    if " " in name and name.split()[0] in lexicon.vessel_prefixes:
        return "vessel"  # "USS Cole": a ship, named in passing
    words = set(re.split(r"[\s-]+", name))
    words |= {w[:-1] for w in words if w.endswith("s")}  # "Brigades" as "Brigade"
    kind_words = lexicon.kind_words
    for kind, cues in kind_words.items():
        if words & cues:
            return kind
    prefixes = lexicon.place_prefixes
    if name in subdivisions or (" " in name and name.split()[0] in prefixes):
        return "place"
    if " " in name and _near_subdivision(name):
        return "place"  # a province spelt another way ("Baluchistan")
    if _ACRONYM.match(name):
        return "organisation"
    return None


@cache
def _subdivision_keys() -> dict[str, tuple[tuple[int, str], ...]]:
    """Subdivision names by first letter, as (length, name key): the candidates a name is
    compared with, keyed once rather than for every name."""
    by_letter: dict[str, list[tuple[int, str]]] = {}
    for subdivision in sorted(_iso_names()[1]):
        by_letter.setdefault(subdivision[:1], []).append((len(subdivision), name_key(subdivision)))
    return {letter: tuple(keys) for letter, keys in by_letter.items()}


# Names already tested against the subdivisions: the test is the costliest part of
# telling a name's kind, so a build keeps the answers (pipeline/place_memo.py) and the next
# build's roster, whose thousands of names mostly come back, starts from them.
_NEAR_SUBDIVISION: dict[str, bool] = {}


def place_name_answers() -> dict[str, bool]:
    """Every name tested so far in this process -> whether it is a subdivision's variant."""
    return dict(_NEAR_SUBDIVISION)


def remember_place_names(answers: Mapping[str, bool]) -> None:
    """Answers of an earlier process, by the same code and the same ISO tables."""
    _NEAR_SUBDIVISION.update(answers)


def _near_subdivision(name: str) -> bool:
    known = _NEAR_SUBDIVISION.get(name)
    if known is None:
        known = _NEAR_SUBDIVISION[name] = _scan_subdivisions(name)
    return known


def _scan_subdivisions(name: str) -> bool:
    key = name_key(name)
    # The quick ratios bound the ratio from above and are the same either way round, so
    # the name is the fixed side (its letters counted once) and most candidates stop there.
    bound = SequenceMatcher(None, b=key)
    for length, subdivision in _subdivision_keys().get(name[:1], ()):
        if abs(length - len(name)) > 2:
            continue
        bound.set_seq1(subdivision)
        if (
            bound.real_quick_ratio() >= 0.9
            and bound.quick_ratio() >= 0.9
            and SequenceMatcher(None, key, subdivision).ratio() >= 0.9
        ):
            return True
    return False


def state_name(name: str) -> str:
    """The ISO name of a state written as an abbreviation ("U.S." -> "United States"), or
    the short name of one written formally ("Federation of Borduria" -> "Borduria")."""
    lexicon = _lexicon()
    aliases = lexicon.state_aliases
    short = lexicon.state_prefix_rx.sub("", name)
    return aliases.get(name) or aliases.get(name + ".") or _state_of_adjective(short) or short


def _state_of_adjective(name: str) -> str | None:
    """ "Ruritanian State", "Indian Government": the state its people's adjective names."""
    match = re.fullmatch(r"([A-Z][a-z]+)\s+(?:State|Government)", name)
    if match is None:
        return None
    adjective = match[1]
    countries, _ = _iso_names()
    for cut in (1, 2, 3):
        for stem in (adjective[:-cut], adjective[:-cut] + "a"):
            if stem in countries:
                return stem
    return None


def _anchor(ref: SentenceRef, start: int, end: int) -> Anchor:
    quoted = ref.raw if ref.text is None else ref.text
    return Anchor(ref.source, ref.paragraph, ref.start + start, ref.start + end, quoted[start:end])


def find_acronyms(raw: str) -> list[tuple[str, str, int, int]]:
    """(long form, acronym, start, end) for each "Long Form (LF)" definition in `raw`."""
    found = []
    for match in _ACRONYM_DEF.finditer(raw):
        acronym = match[1]
        letters = [c.lower() for c in acronym if c.isupper()]
        if len(letters) < 2:
            continue
        before = raw[: match.start()].rstrip()
        words = re.findall(r"[\w'’]+(?:-[\w'’]+)*", before)[-(len(letters) + 4) :]
        # Schwartz & Hearst: the shortest tail of preceding words whose initials (and
        # hyphenated parts' initials) contain the acronym's letters in order.
        for size in range(1, len(words) + 1):
            tail = words[-size:]
            initials = "".join(part[0].lower() for word in tail for part in word.split("-") if part)
            if tail[0][0].isupper() and initials[0] == letters[0] and _in_order(letters, initials):
                long_form = before[before.rfind(tail[0]) :]
                found.append(
                    (
                        long_form,
                        acronym,
                        match.start() - len(long_form) - (len(raw[: match.start()]) - len(before)),
                        match.end(),
                    )
                )
                break
    return found


def _in_order(letters: list[str], initials: str) -> bool:
    position = 0
    for letter in letters:
        position = initials.find(letter, position) + 1
        if position == 0:
            return False
    return True


class _Gatherer:
    """Collects one document's mentions into clusters keyed by name key."""

    def __init__(self, sentences: list[SentenceRef]) -> None:
        self.clusters: dict[str, _Cluster] = {}
        self.alias_pairs: list[tuple[str, str]] = []  # (name, another name of the same actor)
        self.key_of: dict[str, str] = {}  # a surface name -> its cluster key
        text = "\n".join(ref.raw for ref in sentences)
        # Words the document writes in lower case are common words when capitalised
        # ("State", "Perhaps"), and a word before "tribe" names a clan, not one person.
        self.common_words = frozenset(re.findall(r"(?<![.!?]\s)\b[a-z][a-z-]+\b", text))
        # "the Bordurian government": a people's adjective before a state's institution names
        # a state ("Borduria") that no ISO table lists.
        self.state_stems = frozenset(
            m[1]
            for m in re.finditer(
                r"\b([A-Z][a-z]{3,}?)(?:ian|an|n|ese|i)\s+(?:government|army|armed forces|"
                r"officials|authorities|forces|military|parliament|president|prime minister|navy|"
                r"police|troops|diplomats|ministry|border|state)\b",
                text,
            )
        )
        clan_words = _lexicon().clan_words
        self.clans = frozenset(
            name_key(m[1])
            for m in re.finditer(r"\b([A-Z][\w-]+)\s+(\w+)", text)
            if m[2] in clan_words
        )

    def cluster(self, name: str) -> _Cluster:
        key = self.key_of.get(name) or name_key(name)
        self.key_of[name] = key
        return self.clusters.setdefault(key, _Cluster())

    def link(self, alias: str, name: str) -> None:
        """Files `alias` (an acronym) under the cluster of `name`."""
        target_key = self.key_of.get(name) or name_key(name)
        alias_key = self.key_of.get(alias) or name_key(alias)
        if alias_key != target_key and alias_key in self.clusters:
            self.clusters.setdefault(target_key, _Cluster()).absorb(self.clusters.pop(alias_key))
        self.key_of[alias] = target_key
        for surface, key in self.key_of.items():
            if key == alias_key:
                self.key_of[surface] = target_key


def extract_actors(sentences: list[SentenceRef]) -> list[Actor]:
    """Actors named in one document's citable sentences."""
    gatherer = _Gatherer(sentences)
    for ref in sentences:
        _read_definitions(ref, gatherer)
        _read_aliases(ref, gatherer)
    for ref in sentences:
        _read_roles(ref, gatherer)
        _read_mentions(ref, gatherer)
    clusters = _join_aliases(
        _merge_variants(gatherer.clusters, gatherer.clans), gatherer.alias_pairs
    )
    for cluster in clusters:
        name = _best_name(cluster)
        if " " not in name and any(
            name.startswith(stem) and len(name) - len(stem) <= 2 for stem in gatherer.state_stems
        ):
            cluster.kinds["state"] += 2  # "Borduria", by "the Bordurian government"
    kinds = {id(c): _decide_kind(c) for c in clusters}
    kind_by_name = {
        name_key(n): kinds[id(c)] for c in clusters if kinds[id(c)] in ACTOR_KINDS for n in c.names
    }
    actors = []
    for cluster in clusters:
        kind = kinds[id(cluster)]
        if kind is None and cluster.words == 1:
            # "Negotiators from Ruritania and Borduria": a name joined to a state by "and" is
            # one of a pair, of the same kind (a lone word needs this; a longer name is a
            # person by default).
            joined = {kind_by_name.get(name_key(n)) for n in cluster.coordinated} - {None}
            kind = joined.pop() if len(joined) == 1 else None
        if kind is None and _may_be_an_actor(cluster):
            kind = UNKNOWN_KIND  # another source may say what it is (compose/roster.py)
        if kind in (*ACTOR_KINDS, UNKNOWN_KIND):
            actors.append(_frozen(cluster, kind))
    return sorted(actors, key=lambda a: a.id)


def _read_definitions(ref: SentenceRef, gatherer: _Gatherer) -> None:
    not_names = _lexicon().not_names
    for long_form, acronym, start, end in find_acronyms(ref.raw):
        long_name = _clean(long_form)
        if (
            " " not in long_name
            or long_name.split()[0] in not_names
            or strip_titles(long_name)[1] == ""
            or long_name in titles()
        ):
            continue
        cluster = gatherer.cluster(long_name)
        gatherer.link(acronym, long_name)
        cluster.names[long_name] += 0  # known, counted when mentioned
        cluster.acronyms.add(acronym)
        cluster.long_forms.add(long_name)
        cluster.kinds[kind_of(long_name) or "organisation"] += 3
        cluster.mentions.append(_anchor(ref, start, end))


# "Ruiz, whose real name is Ana Ruiz-Vidal", "X, also known as Y", "X (alias Y)".
_ALIAS = re.compile(
    rf"(?<!\bof )(?<!\bof the )(?P<name>{_NAME_RUN.pattern}),?\s+\(?(?:whose real name is|"
    rf"whose real name was|also known as|a\.k\.a\.|aka|alias|better known as)\s+[“\"]?"
    rf"(?P<alias>{_NAME_RUN.pattern})"
)
# "X, better known by her nom de guerre "the Captain"", "X, sometimes referred to as
# 'the Fox'": a nickname in quotes.
_NICKNAME = re.compile(
    rf"(?P<name>{_NAME_RUN.pattern})(?:,\s+[^,;:“\"‘]{{1,60}})?,?\s+(?:who is\s+)?"
    rf"(?:(?:sometimes|often|widely)\s+)?(?:better\s+|also\s+)?"
    rf"(?:known\s+(?:by\s+(?:his|her|their|the)\s+(?:nom de guerre|nickname|alias|name|moniker)"
    rf"\s+|as\s+)|referred\s+to\s+as\s+|called\s+|dubbed\s+|nicknamed\s+)"
    rf"[“\"‘](?P<alias>[^”\"’]{{2,40}})[”\"’]"
)


def _read_aliases(ref: SentenceRef, gatherer: _Gatherer) -> None:
    """Names a source says are one actor's: a real name, an alias, a nickname in quotes."""
    for rx in (_ALIAS, _NICKNAME):
        for match in rx.finditer(ref.raw):
            name = _split_title(_clean(match["name"]))[1]
            if re.search(r"\bof(?:\s+the)?\s+$", ref.raw[: match.start()]):
                continue  # "the offshoot of the Front, known as X": X names the offshoot
            alias = " ".join(match["alias"].split())
            if rx is _ALIAS:
                alias = _split_title(_clean(alias))[1]
            if not _plausible(name) or not alias or name_key(alias) == name_key(name):
                continue
            if rx is _ALIAS:
                # A real name is a name of its own: the two are joined once each has
                # found its cluster ("Ruiz" is Ana Ruiz's only after variants merge).
                gatherer.alias_pairs.append((name, alias))
                continue
            cluster = gatherer.cluster(name)
            cluster.names[name] += 0
            gatherer.link(alias, name)
            cluster = gatherer.cluster(name)
            cluster.names[alias] += 0
            cluster.nicknames.add(alias)
            cluster.kinds["person"] += 1


def _read_roles(ref: SentenceRef, gatherer: _Gatherer) -> None:
    lexicon = _lexicon()
    for rx_name in ("title_rx", "role_rx", "apposition_rx", "copula_rx", "reverse_apposition_rx"):
        rx: re.Pattern[str] = getattr(lexicon, rx_name)
        for match in rx.finditer(ref.raw):
            title, name = _split_title(_without_adjectives(_clean(match["name"])))
            name, _ = _office_place(title or match["role"], name)
            if not name or kind_of(name) is not None or not _plausible(name):
                continue
            cluster = gatherer.cluster(name)
            cluster.names[name] += 0  # known; counted where mentioned
            cluster.kinds["person"] += 2
            span = _anchor(ref, match.start(), match.end())
            for role in (_role_words(match["role"]), title):
                if role:
                    cluster.roles.append(Role(text=role, anchor=span))


def _role_words(role: str) -> str:
    """A role as a position: "its former spokesman" -> "former spokesman" (a pronoun's
    owner is not named); "The HF commander" -> "the HF commander"."""
    words = re.sub(r"^(?:its|their|his|her)\s+", "", " ".join(role.split()), flags=re.I)
    return re.sub(r"^The\b", "the", words)


def _split_title(run: str) -> tuple[str, str]:
    """("Malian Prime Minister", "Amadou Diallo") from the whole run: the name is
    what follows the last title inside it; with no title, ("", run)."""
    words = run.split()
    for index in range(len(words) - 1, 0, -1):
        head, tail = " ".join(words[:index]), " ".join(words[index:])
        for title in titles():
            if head == title or head.endswith(" " + title):
                # "President of Mali" is a role, not a title before a name.
                return (head, "") if tail[:1].islower() else (head, strip_titles(tail)[1])
    title, name = strip_titles(run)
    for title_word in titles():  # a title after the name: "Diallo Emir"
        if name.endswith(" " + title_word):
            return title_word, name[: -len(title_word) - 1]
    return title, name


def _plausible(name: str) -> bool:
    lexicon = _lexicon()
    not_names = lexicon.not_names
    kind_words = lexicon.kind_words
    # "State", "Army": an organisation word alone is a common noun, not a name.
    generic = name in kind_words["organisation"]
    # A word of a title alone ("Prime", "Interior") is a title cut by a line break.
    title_word = name in lexicon.title_words
    return (
        len(name) >= 2
        and not generic
        and not title_word
        and name not in not_names
        and name not in titles()
    )


def _without_adjectives(name: str) -> str:
    """ "Rebel-controlled Mali" -> "Mali"; "US-led" -> ""."""
    suffixes = _lexicon().adjective_suffixes
    words = name.split()
    for index in range(len(words) - 1, -1, -1):
        if "-" in words[index] and words[index].rsplit("-", 1)[1].lower() in suffixes:
            return " ".join(words[index + 1 :])
    return name


# What follows a person's name: a relative "who", or a verb of saying.
_PERSON_AFTER = re.compile(r",?\s+(?:who\b|(?:said|says|told|added|wrote|argued|insisted)\b)")


def _coordinated(raw: str, match: re.Match[str]) -> list[str]:
    """The names joined to a name by "and"/"or", before or after it ("X and Y")."""
    found = []
    after = re.match(rf"\s+(?:and|or)\s+(?:the\s+)?({_NAME_RUN.pattern})", raw[match.end() :])
    if after is not None:
        found.append(_clean(after[1]))
    before = re.search(
        rf"({_NAME_RUN.pattern})\s+(?:and|or)\s+(?:the\s+)?$",
        raw[max(0, match.start() - 80) : match.start()],
    )
    if before is not None:
        found.append(_clean(before[1]))
    return found


def _office_place(title: str, name: str) -> tuple[str, str]:
    """ "President Ana Ruiz of Ruritania": the person, and where the office is held."""
    if title and " of " in name:
        person, _, place = name.partition(" of ")
        if person and place[:1].isupper():
            return person, place
    return name, ""


def _read_place(ref: SentenceRef, gatherer: _Gatherer, match: re.Match[str], place: str) -> None:
    """The state (or body) an office is held in, named after the office holder."""
    if not _plausible(place):
        return
    cluster = gatherer.cluster(place)
    cluster.names[place] += 1
    within = re.search(r"\s+".join(map(re.escape, place.split())) + r"$", match[0])
    if within is not None:
        cluster.mentions.append(
            _anchor(ref, match.start() + within.start(), match.start() + within.end())
        )
    cluster.kinds[kind_of(place) or "state"] += 2
    cluster.initial_only = False


def _read_mentions(ref: SentenceRef, gatherer: _Gatherer) -> None:
    lexicon = _lexicon()
    locative = lexicon.locative
    opening = len(ref.raw) - len(ref.raw.lstrip(" \t\n“\"‘'(["))
    not_names = lexicon.not_names
    for match in _NAME_RUN.finditer(ref.raw):
        title, name = _split_title(_clean(match[0]))
        name, place = _office_place(title, _without_adjectives(name))
        if place:
            _read_place(ref, gatherer, match, place)
        first, _, rest = name.partition(" ")
        neighbour = first in ("Neighbouring", "Neighboring") and bool(rest)
        if neighbour:
            name, first, rest = rest, rest, ""  # "Neighbouring Borduria": a state
        if (
            match.start() <= opening
            and rest
            and (first.lower() in gatherer.common_words or first in not_names)
        ):
            name = _clean(rest)  # "Perhaps Abbas": a sentence opener, then the name
        if " " not in name and not _ACRONYM.match(name) and name.lower() in gatherer.common_words:
            continue
        if not _plausible(name):
            continue
        cluster = gatherer.cluster(name)
        cluster.names[name] += 1
        # The name's own words, however the source wrapped them, anchor the mention.
        within = re.search(r"\s+".join(map(re.escape, name.split())), match[0])
        if within is not None:
            cluster.mentions.append(
                _anchor(ref, match.start() + within.start(), match.start() + within.end())
            )
        if title:
            cluster.kinds["person"] += 1
        for partner in _coordinated(ref.raw, match):
            cluster.coordinated.add(partner)
        if lexicon.state_cue_rx.match(ref.raw, match.end()):
            cluster.kinds["state"] += 2  # "Borduria's parliament": only a state has one
        elif _PERSON_AFTER.match(ref.raw, match.end()) and " " in name:
            cluster.kinds["person"] += 1  # "Ana Ruiz, who ...", "Ruiz said"
        first_word_start = match.start() + (len(match[0]) - len(match[0].lstrip()))
        if first_word_start > opening:
            cluster.initial_only = False
        before = re.findall(r"[\w’']+", ref.raw[max(0, match.start() - 30) : match.start()])
        if neighbour or (before and before[-1].lower() in ("neighbouring", "neighboring")):
            cluster.kinds["state"] += 2  # "neighbouring Borduria"
        if before and (
            before[-1] in locative
            or (before[-1] == "the" and len(before) > 1 and before[-2] in locative)
        ):
            cluster.locative += 1


def _merge_variants(clusters: dict[str, _Cluster], clans: frozenset[str]) -> list[_Cluster]:
    """Persons whose names are variants become one; a lone word joins the one person or
    organisation it can belong to, or is dropped when it could be several."""
    states: dict[str, _Cluster] = {}
    for key, cluster in list(clusters.items()):  # "US", "U.S." and "United States" are one
        state = state_name(_best_name(cluster))
        if kind_of(state) == "state":
            if state in states:
                states[state].absorb(clusters.pop(key))
            else:
                states[state] = cluster
    multi = [c for c in clusters.values() if c.words > 1]
    merged: list[_Cluster] = []
    persons: list[tuple[str, _Cluster]] = []  # (name, cluster) of the merged people
    for cluster in sorted(multi, key=lambda c: -c.words):
        name, kind = _best_name(cluster), _decide_kind(cluster)
        twin = None
        if kind in ("person", None):
            twin = next((m for n, m in persons if same_person(n, name)), None)
        if twin is not None:
            twin.absorb(cluster)
            continue
        merged.append(cluster)
        if kind == "person":
            persons.append((name, cluster))
    # Which multi-word actors each first or last name word could stand for.
    owners_of: dict[str, list[_Cluster]] = {}
    for cluster in merged:
        words = {
            w for n in cluster.names for w in (name_key(n).split()[:1] + name_key(n).split()[-1:])
        }
        for word in words:
            owners_of.setdefault(word, []).append(cluster)
    for cluster in (c for c in clusters.values() if c.words == 1):
        word = _best_name(cluster)
        if cluster.long_forms or kind_of(word) is not None:
            if not _ACRONYM.match(word) or sum(cluster.names.values()) >= 2:
                merged.append(cluster)  # an acronym never defined must recur to count
            continue
        key = re.sub(r"^(?:al|el) ", "", name_key(word))  # "al-Rashidi": "Rashidi"
        if key in clans and not cluster.kinds:
            continue  # a clan name: any of its members
        owners = owners_of.get(key, [])
        if len(owners) == 1 and _decide_kind(owners[0]) == "person":
            owners[0].absorb(cluster)
        elif not owners:
            merged.append(cluster)
        # else: a surname or clan name several actors share: never merged, not an actor
    known = {name_key(n) for c in merged for n in (*c.names, *c.acronyms)}
    return [c for c in merged if not _joins_two_names(_best_name(c), known)]


def _join_aliases(clusters: list[_Cluster], pairs: list[tuple[str, str]]) -> list[_Cluster]:
    """Each "X, whose real name is Y" makes the clusters of X and Y one."""

    def holding(wanted: str, among: list[_Cluster]) -> _Cluster | None:
        key = name_key(wanted)
        return next((c for c in among if key in {name_key(n) for n in c.names}), None)

    for name, alias in pairs:
        owner, other = holding(name, clusters), holding(alias, clusters)
        if owner is None:
            continue
        if other is None:
            owner.names[alias] += 0
        elif other is not owner:
            owner.absorb(other)
            clusters = [c for c in clusters if c is not other]
        owner.nicknames.add(alias)  # the name the source uses stays the profile's name
    return clusters


def _may_be_an_actor(cluster: _Cluster) -> bool:
    """A lone capitalised word named mid-sentence and not as a place ("Borduria has kept
    the talks going"): an actor whose kind this source does not tell."""
    name = _best_name(cluster)
    mentions = sum(cluster.names.values())
    return (
        cluster.words == 1
        and mentions > 0
        and not cluster.initial_only
        and not _ACRONYM.match(name)
        and cluster.locative * 2 < mentions
    )


def _joins_two_names(name: str, known: set[str]) -> bool:
    """ "FLN-Mali", "Hamas-Fatah": two actors' names hyphenated together."""
    parts = name.split("-")
    return any(
        name_key("-".join(parts[:i])) in known and name_key("-".join(parts[i:])) in known
        for i in range(1, len(parts))
    )


def _decide_kind(cluster: _Cluster) -> str | None:
    name = _best_name(cluster)
    named = kind_of(state_name(name))
    if named is not None:
        return named
    if cluster.kinds:
        return cluster.kinds.most_common(1)[0][0]
    mentions = sum(cluster.names.values())
    if mentions and cluster.locative * 2 >= mentions:
        return "place"
    if cluster.words == 1 or cluster.initial_only or " of " in name or name.isupper():
        return None  # a lone capitalised word with no evidence: an adjective, a sentence opener
    return "person"


def _best_name(cluster: _Cluster) -> str:
    """The fullest name by which the document refers to the actor."""
    if cluster.long_forms:
        return max(sorted(cluster.long_forms), key=lambda n: (cluster.names[n], len(n)))
    named = [n for n in cluster.names if n not in cluster.nicknames] or list(cluster.names)
    candidates = [n for n in named if not _ACRONYM.match(n)] or named
    return max(sorted(candidates), key=lambda n: (len(n.split()), cluster.names[n], len(n)))


def _frozen(cluster: _Cluster, kind: str) -> Actor:
    name = _best_name(cluster)
    if kind == "state":
        name = state_name(name)
    unique_roles = {role.text.lower(): role for role in sorted(cluster.roles, key=_role_order)}
    aliases = {n for n in cluster.names if n != name} | cluster.acronyms
    return Actor(
        id="actor-" + name_key(name).replace(" ", "-"),
        name=name,
        kind=kind,
        aliases=tuple(sorted(aliases - {name})),
        roles=tuple(sorted(unique_roles.values(), key=_role_order)),
        mentions=tuple(sorted(set(cluster.mentions), key=lambda a: (a.start, a.end))),
    )


def _role_order(role: Role) -> tuple[int, int]:
    return (role.anchor.start, role.anchor.end)


__all__ = ["SentenceRef", "extract_actors", "find_acronyms", "kind_of"]
