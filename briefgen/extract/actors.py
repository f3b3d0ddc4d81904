"""Actors: people, organisations and states named in a document, with aliases and roles.

Evidence, all generic (lexicons in data/lexicon.yaml):
- acronym definitions, "Long Form (LF)", matched as Schwartz & Hearst (2003) do;
- names after a title or role noun ("Interior Minister X", "group chief X"), which also
  give the actor's role;
- appositions ("X, the group's deputy emir,") giving a role;
- capitalised names a document repeats.
Variants are merged by a normalised key (case, hyphens, diacritics, doubled letters,
e/i/ee transliteration). A surname alone is never merged with a full name here.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

import pycountry

from briefgen.data import load_data
from briefgen.model import Actor, Anchor, Role

_CAP_TOKEN = r"(?:[A-Z][\w'’.-]*[\w]|[A-Z])"
_CONNECTOR = r"(?:al-|bin|ibn|ul|e|i|ur|ud|of|of the|de|van|von|da|el-)"
_NAME_RUN = re.compile(rf"{_CAP_TOKEN}(?:[ -](?:{_CONNECTOR}[ -])?{_CAP_TOKEN})*")
_ACRONYM_DEF = re.compile(r"\(\s*([A-Z][A-Za-z&]{1,7})\s*\)")
_POSSESSIVE = re.compile(r"[’']s$")


@dataclass
class _Candidate:
    name: str
    kind: str
    aliases: set[str] = field(default_factory=set)
    roles: list[Role] = field(default_factory=list)
    mentions: list[Anchor] = field(default_factory=list)


@dataclass(frozen=True)
class SentenceRef:
    """A citable sentence: its shown text and where it lies (for anchors)."""

    source: str
    paragraph: int
    start: int
    raw: str


@cache
def _lexicon() -> dict[str, object]:
    data = load_data("lexicon.yaml")
    titles = sorted(data["titles"], key=len, reverse=True)
    return {
        "titles": titles,
        "title_rx": re.compile(
            r"\b(?P<title>" + "|".join(re.escape(t) for t in titles) + r")\s+"
            rf"(?P<name>{_NAME_RUN.pattern})"
        ),
        "role_rx": re.compile(
            r"\b(?P<role>(?:[A-Z][\w-]*\s+|the group’s\s+|the group's\s+)?(?:deputy\s+)?(?:"
            + "|".join(re.escape(w) for w in data["role_nouns"])
            + rf"))\s+(?P<name>{_NAME_RUN.pattern})"
        ),
        "org_words": frozenset(data["organisation_words"]),
        "function_words": frozenset(data["function_words"]),
        "not_names": frozenset(data["not_names"]) | frozenset(data["function_words"]),
    }


def title_words() -> list[str]:
    """The titles and honorifics of the lexicon ("Prime Minister", "Mufti", ...)."""
    return list(load_data("lexicon.yaml")["titles"])


@cache
def _country_names() -> frozenset[str]:
    names: set[str] = set()
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                names.add(value)
    return frozenset(names)


def name_key(name: str) -> str:
    """A key under which spelling variants of one name coincide."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^a-z0-9 ]+", "", text.replace("-", " "))
    text = re.sub(r"ee|ii|e|i", "i", text)  # transliteration: e / i / ee
    text = re.sub(r"(.)\1+", r"\1", text)  # doubled letters
    return " ".join(text.split())


def _strip_title(name: str) -> tuple[str, str]:
    """Splits a leading title off a name: ('Mufti', 'Noor Wali') or ('', name)."""
    for title in _lexicon()["titles"]:  # type: ignore[attr-defined]
        if name.startswith(title + " "):
            return title, name[len(title) + 1 :]
    return "", name


def _clean_name(run: str) -> str:
    words = run.split()
    function_words: frozenset[str] = _lexicon()["function_words"]  # type: ignore[assignment]
    while words and words[0] in function_words and len(words) > 1:
        words.pop(0)
    name = " ".join(words)
    return _POSSESSIVE.sub("", name).rstrip(".,")


def _kind_of(name: str) -> str:
    org_words: frozenset[str] = _lexicon()["org_words"]  # type: ignore[assignment]
    if name in _country_names():
        return "state"
    if any(word in org_words for word in re.split(r"[\s-]+", name)):
        return "organisation"
    if name.isupper() and len(name) <= 8:
        return "organisation"
    return "person"


def _anchor(ref: SentenceRef, start: int, end: int) -> Anchor:
    return Anchor(
        source=ref.source,
        paragraph=ref.paragraph,
        start=ref.start + start,
        end=ref.start + end,
        quote=ref.raw[start:end],
    )


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
            if (
                tail[0][0].isupper()
                and _subsequence(letters, initials)
                and (initials[0] == letters[0])
            ):
                long_form = before[before.rfind(tail[0]) :]
                start = match.start() - (len(raw[: match.start()]) - len(before)) - len(long_form)
                found.append((long_form, acronym, start, match.end()))
                break
    return found


def _subsequence(letters: list[str], initials: str) -> bool:
    position = 0
    for letter in letters:
        position = initials.find(letter, position)
        if position < 0:
            return False
        position += 1
    return True


def extract_actors(sentences: list[SentenceRef]) -> list[Actor]:
    """Actors named in one document's citable sentences."""
    lexicon = _lexicon()
    not_names: frozenset[str] = lexicon["not_names"]  # type: ignore[assignment]
    by_key: dict[str, _Candidate] = {}
    alias_to_key: dict[str, str] = {}
    counts: dict[str, int] = defaultdict(int)

    def add(name: str, kind: str | None = None) -> _Candidate:
        key = alias_to_key.get(name) or name_key(name)
        candidate = by_key.get(key)
        if candidate is None:
            candidate = by_key[key] = _Candidate(name=name, kind=kind or _kind_of(name))
        elif name != candidate.name:
            candidate.aliases.add(name)
        alias_to_key[name] = key
        return candidate

    for ref in sentences:
        for long_form, acronym, start, end in find_acronyms(ref.raw):
            long_name = _clean_name(long_form)
            if not long_name or long_name.split()[0] in not_names:
                continue
            key = alias_to_key.get(acronym) or alias_to_key.get(long_name) or name_key(long_name)
            alias_to_key[acronym] = alias_to_key[long_name] = key
            candidate = add(
                long_name, "organisation" if _kind_of(long_name) != "state" else "state"
            )
            candidate.aliases.add(acronym)
            candidate.mentions.append(_anchor(ref, start, end))
        title_rx: re.Pattern[str] = lexicon["title_rx"]  # type: ignore[assignment]
        role_rx: re.Pattern[str] = lexicon["role_rx"]  # type: ignore[assignment]
        for rx in (title_rx, role_rx):
            for match in rx.finditer(ref.raw):
                name = _clean_name(match["name"])
                if not name or " " not in name or _kind_of(name) != "person":
                    continue
                candidate = add(name, "person")
                role = match.groupdict().get("title") or match.groupdict().get("role") or ""
                span = _anchor(ref, match.start(), match.start("name") + len(name))
                candidate.roles.append(Role(text=" ".join(role.split()), anchor=span))
        for match in _NAME_RUN.finditer(ref.raw):
            name = _clean_name(match[0])
            name = _strip_title(name)[1] or name
            if not name or name in not_names or len(name) < 3:
                continue
            counts[name] += 1
    # Repeated names (or ones already evidenced) become actors; one-offs stay noise.
    for ref in sentences:
        for match in _NAME_RUN.finditer(ref.raw):
            name = _strip_title(_clean_name(match[0]))[1]
            if not name or name in not_names or len(name) < 3:
                continue
            known = alias_to_key.get(name) or (name_key(name) if name_key(name) in by_key else None)
            if known is None and counts[name] < 2:
                continue
            candidate = add(name)
            offset = match.start() + match[0].find(name)
            if offset >= match.start():
                candidate.mentions.append(_anchor(ref, offset, offset + len(name)))
    return [_frozen(c) for c in by_key.values()]


def _frozen(candidate: _Candidate) -> Actor:
    unique_roles = {role.text.lower(): role for role in candidate.roles}
    return Actor(
        id="actor-" + name_key(candidate.name).replace(" ", "-"),
        name=candidate.name,
        kind=candidate.kind,
        aliases=tuple(sorted(candidate.aliases - {candidate.name})),
        roles=tuple(sorted(unique_roles.values(), key=lambda r: r.anchor.start)),
        mentions=tuple(sorted(set(candidate.mentions), key=lambda a: a.start)),
    )
