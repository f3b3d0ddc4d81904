"""Precision and recall of a built brief against the hand-written gold annotations.

    python -m tests.gold.score _build/pakistan-ttp/analyst.json [tests/gold/pakistan-ttp.yaml]

Everything is scored one to one: a gold item is found by at most one predicted item, and
a second predicted item for the same gold item is an error, counted as a split (five
entries for one group are one right and four wrong, not five right). Actors match by name
key (any name of the gold actor); events by the source paragraph that states them and
their date, and then by kind; claims by the source paragraph a section's statement cites,
each section on its own. See the gold file's header for what each annotation means.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from briefgen.compose.timeline import NEGOTIATION_EVENTS
from briefgen.extract.names import name_key

GOLD = Path(__file__).with_name("pakistan-ttp.yaml")
ACTOR_KINDS = {"person", "organisation", "movement", "state"}


@dataclass(frozen=True)
class Score:
    """Precision and recall of one component, with the counts behind them."""

    name: str
    found: int  # gold items matched
    gold: int
    correct: int  # predicted items that match gold
    predicted: int
    splits: int = 0  # predicted items for a gold item another one already matched

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    def line(self) -> str:
        return (
            f"{self.name:<34} precision {self.precision:5.2f} ({self.correct}/{self.predicted})"
            f"   recall {self.recall:5.2f} ({self.found}/{self.gold})"
            + (f"   splits {self.splits}" if self.splits else "")
        )


def load_gold(path: Path = GOLD) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _cited(statement: dict[str, Any]) -> set[tuple[str, int]]:
    return {(c["source"], c["paragraph"]) for c in statement["citations"]}


def _one_to_one(predicted: list[dict[str, Any]], matches: Any) -> tuple[dict[int, int], int]:
    """(gold index -> the predicted index that found it, splits): each predicted item, in
    the brief's order, takes the first gold item it matches that nothing took before; one
    that matches only taken gold items is a split."""
    taken: dict[int, int] = {}
    splits = 0
    for index, item in enumerate(predicted):
        hits = matches(item)
        fresh = [g for g in hits if g not in taken]
        if fresh:
            taken[fresh[0]] = index
        elif hits:
            splits += 1
    return taken, splits


def score_actors(brief: dict[str, Any], gold: dict[str, Any]) -> list[Score]:
    predicted = [a for a in brief["actors"] if a["kind"] in ACTOR_KINDS]
    gold_keys = [{name_key(n) for n in g["names"]} for g in gold["actors"]]

    def matches(actor: dict[str, Any]) -> list[int]:
        keys = {name_key(n) for n in (actor["name"], *actor["aliases"])}
        return [g for g, wanted in enumerate(gold_keys) if keys & wanted]

    taken, splits = _one_to_one(predicted, matches)
    with_roles = [g for g, actor in enumerate(gold["actors"]) if actor.get("roles")]
    roles_found = sum(
        1
        for g in with_roles
        if g in taken
        and any(
            r.lower() in role.lower()
            for r in gold["actors"][g]["roles"]
            for role in predicted[taken[g]]["roles"]
        )
    )
    kinds_right = sum(
        1 for g, index in taken.items() if predicted[index]["kind"] == gold["actors"][g]["kind"]
    )
    found = len(taken)
    return [
        Score("actors", found, len(gold_keys), found, len(predicted), splits),
        Score("actor roles (recall)", roles_found, len(with_roles), roles_found, len(with_roles)),
        Score("actor kinds (of found)", kinds_right, found, kinds_right, found),
    ]


def score_events(brief: dict[str, Any], gold: dict[str, Any]) -> list[Score]:
    timeline = brief["timeline"]
    wanted = [(e["source"], e["paragraph"], str(e["date"])) for e in gold["events"]]
    places = {(s, p) for s, p, _ in wanted}

    def matches(entry: dict[str, Any]) -> list[int]:
        cited = _cited(entry)
        return [g for g, (s, p, d) in enumerate(wanted) if (s, p) in cited and entry["date"] == d]

    def of_its_kind(entry: dict[str, Any]) -> list[int]:
        return [g for g in matches(entry) if gold["events"][g]["kind"] == entry.get("kind")]

    # Two passes, so an entry of the right kind is the one that finds a gold event when
    # two entries cite its paragraph with its date; the rest then match as they can.
    taken, _ = _one_to_one(timeline, of_its_kind)
    rest = [i for i in range(len(timeline)) if i not in taken.values()]
    more, _ = _one_to_one(
        [timeline[i] for i in rest], lambda e: [g for g in matches(e) if g not in taken]
    )
    taken |= {g: rest[i] for g, i in more.items()}
    matched = set(taken.values())
    splits = sum(1 for i, e in enumerate(timeline) if matches(e) and i not in matched)
    placed = [e for e in timeline if _cited(e) & places]
    dated_right = sum(1 for e in placed if matches(e))
    kinds_right = sum(
        1 for g, index in taken.items() if timeline[index].get("kind") == gold["events"][g]["kind"]
    )
    found = len(taken)
    return [
        Score("timeline events", found, len(wanted), found, len(timeline), splits),
        Score("event dates (of placed)", dated_right, len(placed), dated_right, len(placed)),
        Score("event kinds (of found)", kinds_right, found, kinds_right, found),
    ]


def score_claims(brief: dict[str, Any], gold: dict[str, Any]) -> list[Score]:
    """Per section, the gold claims whose paragraph the section's own statements cite,
    one statement per gold claim. A last line reports negotiation history with the
    timeline's negotiation milestones folded in, as a reader of both sections sees it;
    it is a separate figure, never the section's."""
    scores = []
    sections = {s["id"]: list(s["statements"]) for s in brief["sections"]}
    for section, claims in gold["claims"].items():
        scores.append(_claim_score(f"claims: {section}", claims, sections.get(section, [])))
    milestones = [s for s in sections.get("timeline", []) if s.get("kind") in NEGOTIATION_EVENTS]
    if "negotiation_history" in gold["claims"] and milestones:
        scores.append(
            _claim_score(
                "claims: negotiation + milestones",
                gold["claims"]["negotiation_history"],
                sections.get("negotiation_history", []) + milestones,
            )
        )
    return scores


def _claim_score(name: str, claims: list[dict[str, Any]], statements: list[Any]) -> Score:
    wanted = [(c["source"], c["paragraph"]) for c in claims]

    def matches(statement: dict[str, Any]) -> list[int]:
        cited = _cited(statement)
        return [g for g, place in enumerate(wanted) if place in cited]

    taken, splits = _one_to_one(statements, matches)
    return Score(name, len(taken), len(wanted), len(taken), len(statements), splits)


def key_facts(gold: dict[str, Any]) -> set[tuple[str, int]]:
    """The source paragraphs holding a gold event or key claim."""
    facts = {(e["source"], e["paragraph"]) for e in gold["events"]}
    for claims in gold["claims"].values():
        facts |= {(c["source"], c["paragraph"]) for c in claims}
    return facts


def sentence_lines(brief: dict[str, Any]) -> list[dict[str, Any]]:
    """The brief's lines that quote a source sentence, each once: section statements and
    timeline entries, without the generated actor lines (they quote no sentence)."""
    lines = [s for sec in brief["sections"] if sec["id"] != "actors" for s in sec["statements"]]
    ids = {s["id"] for s in lines}
    return lines + [t for t in brief["timeline"] if t["id"] not in ids]


def brief_coverage(brief: dict[str, Any], gold: dict[str, Any]) -> tuple[float, int]:
    """(share of key facts the brief's sentence lines cite, number of those lines)."""
    lines = sentence_lines(brief)
    cited = set().union(*(_cited(s) for s in lines))
    facts = key_facts(gold)
    return len(facts & cited) / len(facts), len(lines)


def score_all(brief: dict[str, Any], gold: dict[str, Any]) -> list[Score]:
    return score_actors(brief, gold) + score_events(brief, gold) + score_claims(brief, gold)


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    brief = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    gold = load_gold(Path(argv[1]) if len(argv) > 1 else GOLD)
    for score in score_all(brief, gold):
        print(score.line())
    coverage, lines = brief_coverage(brief, gold)
    print(f"key facts cited by the brief: {coverage:.2f} with {lines} sentence lines")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
