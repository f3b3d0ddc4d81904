"""Names: spelling-variant keys and the rule for when two names are one person.

Shared by extraction (aliases within a document), composition (actors across sources) and
curation (an analyst's aliases), so all three agree on what "the same name" means.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import cache, lru_cache

from briefgen.data import load_data


@lru_cache(maxsize=65536)  # pure, and called for every mention of every name
def name_key(name: str) -> str:
    """A key under which spelling variants of one name coincide.

    Case, diacritics, hyphens and punctuation are dropped; doubled letters collapse; the
    transliteration vowels e, i and ee are read alike ("Hakeemullah" = "Hakimullah").
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^a-z0-9 ]+", "", text.replace("-", " "))
    text = re.sub(r"ee|ii|e|i", "i", text)
    text = re.sub(r"(.)\1+", r"\1", text)
    return " ".join(text.split())


@cache
def titles() -> tuple[str, ...]:
    """Titles and honorifics of the lexicon, longest first ("Prime Minister", "Mufti")."""
    return tuple(sorted(load_data("lexicon.yaml")["titles"], key=len, reverse=True))


@cache
def honorifics() -> tuple[str, ...]:
    """Forms of address and religious honorifics: titles that are not positions."""
    return tuple(load_data("lexicon.yaml")["honorifics"])


def strip_titles(name: str) -> tuple[str, str]:
    """Splits leading titles off a name: ("Maulvi", "Karim Hassan"), or ("", name)."""
    found: list[str] = []
    stripped = True
    while stripped:
        stripped = False
        for title in titles():
            if name.startswith(title + " "):
                found.append(title)
                name = name[len(title) + 1 :].lstrip()
                stripped = True
                break
    return " ".join(found), name


@lru_cache(maxsize=65536)  # pure; the roster compares every name with many others
def name_tokens(name: str) -> tuple[str, ...]:
    """The keys of a name's words, titles removed: "Mufti Karim Ruiz" -> ("karim", "ruiz")."""
    return tuple(name_key(strip_titles(name)[1]).split())


@lru_cache(maxsize=131072)  # pure; the same names meet again in source after source
def same_person(a: str, b: str) -> bool:
    """True if two person names are variants of one name.

    Equal keys, the same words in another order, or one name a fuller form of the other
    with the same given name and the same last name ("Amadou Diallo" within "Amadou Toumani
    Diallo"). A shared surname alone is never enough: clans and families share them.
    """
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    if ta == tb or (len(ta) > 1 and sorted(ta) == sorted(tb)):
        return True
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) < 2 or short[0] != long[0]:
        return False
    # The same given name: the last names may differ by a transliteration ("Khalidi",
    # "Kalidi"), and the fuller form may add middle names.
    return _variant(short[-1], long[-1]) and set(short[:-1]) <= set(long[:-1])


def _variant(a: str, b: str) -> bool:
    """Two words spelled alike enough to be one transliterated word."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5:
        return False
    matcher = SequenceMatcher(None, a, b)
    # The quick ratios bound the ratio from above: most pairs of unlike words stop there.
    return (
        matcher.real_quick_ratio() >= 0.85
        and matcher.quick_ratio() >= 0.85
        and (matcher.ratio() >= 0.85)
    )


# Generic words that may end an organisation's name or be left off it ("Hill Front
# Province" is "Hill Front", HFP is HF).
_NAME_SUFFIXES = ("Province", "Group", "Movement", "Organisation", "Organization", "Network")
_ACRONYM_FORM = re.compile(r"^[A-Z][A-Za-z&.-]{1,9}$")


def is_acronym(name: str) -> bool:
    """ "HF", "H-F", "HeF", "HF-EP": one word, mostly capitals."""
    letters = [c for c in name if c.isalpha()]
    return _ACRONYM_FORM.match(name) is not None and sum(c.isupper() for c in letters) >= max(
        2, len(letters) - 1
    )


def _capitals(word_parts: list[str]) -> str:
    return "".join(p[0] for p in word_parts if p[:1].isupper())


@lru_cache(maxsize=65536)  # pure; the roster asks for every name of every source
def organisation_keys(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """(keys a group of organisations is filed under for this name, keys this name asks
    for when it joins one). Two names are one organisation when the asked keys of one meet
    the filed keys of the other:
    - "o:" the name key, also without a generic last word ("... Province");
    - an acronym asks for long forms whose capitals spell it ("i:"), a long form for
      acronyms its capitals spell ("a:"), with and without the generic last word; a
      hyphenated tail of two or more letters may be left off ("HF-EP" is "HF");
    - "s:" the consonants of a name of two or more words, for transliterations
      ("Jamaat-e-Mohammed", "Jamaat-e-Muhammed"), which `same_organisation` then confirms.
    Long forms never meet long forms by their capitals: two names that abbreviate alike
    are not one name.
    """
    name = re.sub(r"[‐-―]", "-", name)  # "HF–EP" as "HF-EP"
    filed = {f"o:{name_key(name)}"}
    asked = set(filed)
    if is_acronym(name):
        letters = "".join(c for c in name if c.isupper())
        forms = {letters}
        head, _, tail = name.partition("-")
        if tail and len(tail) >= 2 and len(head) >= 3:
            forms.add("".join(c for c in head if c.isupper()))
        filed |= {f"a:{f}" for f in forms}
        asked |= {f"i:{f}" for f in forms} | {f"a:{f}" for f in forms}
        return frozenset(filed), frozenset(asked)
    words = name.split()
    if len(words) >= 3 and re.fullmatch(r"[A-Z][a-z]+(?:i|an|ian|ese|ish)", words[0]):
        # "Ruritanian State Security Service" asks for "State Security Service"
        # (never "Ruritanian Front" for "Front": the rest must be a name of two words).
        asked.add(f"o:{name_key(' '.join(words[1:]))}")
    trimmed = words[:-1] if len(words) > 2 and words[-1] in _NAME_SUFFIXES else words
    for form in {tuple(words), tuple(trimmed)}:
        parts = [p for w in form for p in w.split("-")]
        initials = _capitals(parts)
        # Two capitals spell an acronym only for a two-word or a hyphenated name.
        if len(initials) >= 3 or (len(initials) == 2 and (len(parts) == 2 or "-" in name)):
            filed.add(f"i:{initials}")
            asked.add(f"a:{initials}")
        key = f"o:{name_key(' '.join(form))}"
        filed.add(key)
        asked.add(key)
    skeleton = re.sub(r"[aeiouy ]", "", name_key(name))
    if len(words) + name.count("-") >= 2 and len(skeleton) >= 6:
        filed.add(f"s:{skeleton}")
        asked.add(f"s:{skeleton}")
    return frozenset(filed), frozenset(asked)


def same_organisation(a: str, b: str) -> bool:
    """True if two names of organisations (or states, movements) are one name."""
    filed_a, asked_a = organisation_keys(a)
    filed_b, asked_b = organisation_keys(b)
    shared = (asked_a & filed_b) | (asked_b & filed_a)
    if any(not key.startswith("s:") for key in shared):
        return True
    # Consonants alike: the words must be transliterations of each other, one by one.
    ka, kb = name_key(a).split(), name_key(b).split()
    return bool(shared) and len(ka) == len(kb) and all(map(_variant, ka, kb))
