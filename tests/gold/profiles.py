"""Actors, relations and the background of a built brief against a corpus's gold.

    python -m tests.gold.profiles BRIEF.json GOLD.yaml

Gold files: tests/gold/pakistan-ttp.yaml (the shipped corpus), tests/gold/tavrin.yaml
(tests/data/wild/) and tests/gold/harbour.yaml (tests/data/harbour/); each says how it was
made. An actor is found by any of its names (name key); a second brief actor for the same
gold actor is a split. A role is found when a gold role's words are in the actor's roles,
titles or description. A relation is found when the subject's profile relates it, by one of
the gold types, to the object's profile. A background element is found when a statement of
the background section contains one of its phrases; the found elements are in date order
when their gold dates never go back as the background reads on.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from briefgen.extract.names import name_key


@dataclass(frozen=True)
class ProfileScore:
    """What a brief gets right of a gold file's actors, relations and background."""

    actors_found: int
    actors: int
    splits: list[str]
    wrong_kinds: list[str]
    roles_found: int
    roles: int
    relations_found: int
    relations: int
    relations_unanchored: int
    profiles_without_description: int
    elements_found: list[str]
    elements: int
    in_date_order: bool

    def lines(self) -> list[str]:
        def share(a: int, b: int) -> str:
            return f"{a}/{b} ({a / b:.0%})" if b else "0/0"

        return [
            f"actors found        {share(self.actors_found, self.actors)}"
            f"   splits {len(self.splits)} {self.splits}   wrong kinds {self.wrong_kinds}",
            f"roles found         {share(self.roles_found, self.roles)}",
            f"relations found     {share(self.relations_found, self.relations)}"
            f"   without an anchor {self.relations_unanchored}",
            f"profiles without a description {self.profiles_without_description}",
            f"background elements {share(len(self.elements_found), self.elements)}"
            f"   in date order: {self.in_date_order}",
        ]


def _kinds(item: dict[str, Any]) -> set[str]:
    kind = item["kind"]
    return set(kind) if isinstance(kind, list) else {kind}


def _normal(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


def score_profiles(brief: dict[str, Any], gold: dict[str, Any]) -> ProfileScore:
    actors = brief["actors"]
    keys = [{name_key(n) for n in (a["name"], *a["aliases"])} for a in actors]

    def owners(names: list[str]) -> list[int]:
        wanted = {name_key(n) for n in names}
        return [i for i, k in enumerate(keys) if k & wanted]

    by_name: dict[str, list[int]] = {}
    found = roles_found = roles = 0
    splits: list[str] = []
    wrong: list[str] = []
    for item in gold["actors"]:
        hits = owners(item["names"])
        for name in item["names"]:
            by_name[name] = hits
        if not hits:
            continue
        found += 1
        if len(hits) > 1:
            splits.append(item["names"][0])
        best = actors[hits[0]]
        if best["kind"] not in _kinds(item):
            wrong.append(f"{item['names'][0]}: {best['kind']}")
        said = _normal(
            " ".join(best["roles"] + best.get("titles", []))
            + " "
            + best.get("description", {}).get("text", "")
        )
        for role in item.get("roles", []):
            roles += 1
            roles_found += _normal(role) in said
    relations_found = 0
    ids = {a["id"]: i for i, a in enumerate(actors)}
    for relation in gold.get("relations", []):
        subjects = by_name.get(relation["subject"]) or owners([relation["subject"]])
        objects = set(by_name.get(relation["object"]) or owners([relation["object"]]))
        relations_found += any(
            r["type"] in relation["type"] and ids.get(r["actor"]) in objects
            for s in subjects
            for r in actors[s].get("relations", [])
        )
    unanchored = sum(1 for a in actors for r in a.get("relations", []) if not r["citations"])
    profiled = {
        st["participants"][0]
        for section in brief["sections"]
        if section["id"] == "actors"
        for st in section["statements"]
    }
    undescribed = sum(1 for a in actors if a["id"] in profiled and "description" not in a)
    background = [
        _normal(st["text"])
        for section in brief["sections"]
        if section["id"] == "background"
        for st in section["statements"]
    ]
    elements: list[tuple[int, dict[str, Any]]] = []
    for element in gold.get("background", []):
        where = [
            i
            for i, text in enumerate(background)
            if any(_normal(p) in text for p in element["phrases"])
        ]
        if where:
            elements.append((min(where), element))
    # Years only: "2007" and "2007-12" are told in either order.
    spans = [_years(str(e["date"])) for _, e in sorted(elements, key=lambda x: x[0]) if "date" in e]
    return ProfileScore(
        actors_found=found,
        actors=len(gold["actors"]),
        splits=splits,
        wrong_kinds=wrong,
        roles_found=roles_found,
        roles=roles,
        relations_found=relations_found,
        relations=len(gold.get("relations", [])),
        relations_unanchored=unanchored,
        profiles_without_description=undescribed,
        elements_found=[e["element"] for _, e in elements],
        elements=len(gold.get("background", [])),
        in_date_order=_in_order(spans),
    )


def _years(date: str) -> tuple[int, int]:
    """A gold date as years: "2007-12" is 2007; "2007-2014" (an element told over years)
    spans them."""
    parts = date.split("-")
    if len(parts) == 2 and len(parts[1]) == 4:
        return int(parts[0]), int(parts[1])
    return int(parts[0]), int(parts[0])


def _in_order(spans: list[tuple[int, int]]) -> bool:
    """Whether the elements, as the background tells them, can be read as going forward in
    time: years within an element's span may be chosen so they never go back."""
    reached = -(10**6)
    for start, end in spans:
        reached = max(reached, start)
        if reached > end:
            return False
    return True


def main(argv: list[str]) -> int:
    brief = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    gold = yaml.safe_load(Path(argv[1]).read_text(encoding="utf-8"))
    for line in score_profiles(brief, gold).lines():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
