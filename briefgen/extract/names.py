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


def strip_titles(name: str) -> tuple[str, str]:
    """Splits leading titles off a name: ("Maulvi", "Faqir Muhammed"), or ("", name)."""
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
    """The keys of a name's words, titles removed: "Mufti Noor Wali" -> ("nor", "wali")."""
    return tuple(name_key(strip_titles(name)[1]).split())


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
    return a == b or (min(len(a), len(b)) >= 5 and SequenceMatcher(None, a, b).ratio() >= 0.85)
