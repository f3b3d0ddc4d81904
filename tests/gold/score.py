"""Precision and recall of a built brief against the hand-written gold annotations.

    python -m tests.gold.score _build/pakistan-ttp/analyst.json [tests/gold/pakistan-ttp.yaml]

Actors match by name key (any name of the gold actor); events by the source paragraph
that states them and their date; claims by the source paragraph a section's statement
cites. See the gold file's header for what each annotation means.
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

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    def line(self) -> str:
        return (
            f"{self.name:<28} precision {self.precision:5.2f} ({self.correct}/{self.predicted})"
            f"   recall {self.recall:5.2f} ({self.found}/{self.gold})"
        )


def load_gold(path: Path = GOLD) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _cited(statement: dict[str, Any]) -> set[tuple[str, int]]:
    return {(c["source"], c["paragraph"]) for c in statement["citations"]}


def score_actors(brief: dict[str, Any], gold: dict[str, Any]) -> list[Score]:
    predicted = [a for a in brief["actors"] if a["kind"] in ACTOR_KINDS]
    gold_keys = [{name_key(n) for n in g["names"]} for g in gold["actors"]]

    def keys(actor: dict[str, Any]) -> set[str]:
        return {name_key(n) for n in (actor["name"], *actor["aliases"])}

    correct = sum(1 for a in predicted if any(keys(a) & g for g in gold_keys))
    matches = [[a for a in predicted if keys(a) & g] for g in gold_keys]
    found = sum(1 for m in matches if m)
    with_roles = [(g, m) for g, m in zip(gold["actors"], matches, strict=True) if g.get("roles")]
    roles_found = sum(
        1
        for g, m in with_roles
        if any(r.lower() in role.lower() for r in g["roles"] for a in m for role in a["roles"])
    )
    kinds_right = sum(
        1 for g, m in zip(gold["actors"], matches, strict=True) if m and m[0]["kind"] == g["kind"]
    )
    return [
        Score("actors", found, len(gold_keys), correct, len(predicted)),
        Score("actor roles (recall)", roles_found, len(with_roles), roles_found, len(with_roles)),
        Score("actor kinds (of found)", kinds_right, found, kinds_right, found),
    ]


def score_events(brief: dict[str, Any], gold: dict[str, Any]) -> list[Score]:
    timeline = brief["timeline"]
    wanted = {(e["source"], e["paragraph"], str(e["date"])) for e in gold["events"]}
    places = {(s, p) for s, p, _ in wanted}

    def hits(entry: dict[str, Any]) -> set[tuple[str, int, str]]:
        return {(s, p, entry["date"]) for s, p in _cited(entry)} & wanted

    found = set().union(*(hits(e) for e in timeline)) if timeline else set()
    correct = sum(1 for e in timeline if hits(e))
    placed = [e for e in timeline if _cited(e) & places]
    dated_right = sum(1 for e in placed if hits(e))
    return [
        Score("timeline events", len(found), len(wanted), correct, len(timeline)),
        Score("event dates (of placed)", dated_right, len(placed), dated_right, len(placed)),
    ]


def score_claims(brief: dict[str, Any], gold: dict[str, Any]) -> list[Score]:
    """Per section, the gold claims whose paragraph the section cites. Negotiation
    milestones shown in a Timeline section count as negotiation history: a layout that
    has both sections puts each milestone in the timeline, dated, rather than twice."""
    scores = []
    sections = {s["id"]: list(s["statements"]) for s in brief["sections"]}
    milestones = [s for s in sections.get("timeline", []) if s.get("kind") in NEGOTIATION_EVENTS]
    if "negotiation_history" in sections:
        sections["negotiation_history"] += milestones
    for section, claims in gold["claims"].items():
        wanted = {(c["source"], c["paragraph"]) for c in claims}
        statements = sections.get(section, [])
        cited = set().union(*(_cited(s) for s in statements)) if statements else set()
        correct = sum(1 for s in statements if _cited(s) & wanted)
        scores.append(
            Score(f"claims: {section}", len(wanted & cited), len(wanted), correct, len(statements))
        )
    return scores


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
