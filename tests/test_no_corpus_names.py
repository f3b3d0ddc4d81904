"""The code knows no corpus: no name an actor has in any corpus the repository holds (the
gold files list them all) appears in briefgen/'s code. Examples belong in the tests, and
knowledge in data files (briefgen/data/), where a lexicon may name kinds of groups."""

from __future__ import annotations

import re

import pycountry
import yaml

from briefgen.data import load_data
from tests.conftest import REPO

GOLD = REPO / "tests" / "gold"


def _names() -> set[str]:
    """Every actor name of the gold files, but the names of real states: those are world
    knowledge (ISO tables, the lexicon's abbreviations), not a corpus's."""
    world = {c.name for c in pycountry.countries} | set(load_data("lexicon.yaml")["state_aliases"])
    found: set[str] = set()
    for path in ("pakistan-ttp.yaml", "tavrin.yaml", "harbour.yaml"):
        gold = yaml.safe_load((GOLD / path).read_text(encoding="utf-8"))
        for actor in gold["actors"]:
            names = set(actor["names"])
            if actor["kind"] == "state" and names & world:
                continue
            found.update(n for n in names if len(n) >= 3)
    return found


def test_no_actor_of_any_corpus_is_named_in_the_code() -> None:
    names = _names()
    assert len(names) > 100
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(names))) + r")(?![\w-])")
    found = [
        f"{path.relative_to(REPO)}:{number}: {match[0]}"
        for path in sorted((REPO / "briefgen").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for match in pattern.finditer(line)
    ]
    assert found == []
