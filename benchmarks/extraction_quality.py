"""Extraction quality of the default brief against the gold annotations, and the LexRank
baseline given the same number of sentences. Writes benchmarks/results/extraction_quality.txt.

    python3 benchmarks/extraction_quality.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from briefgen import BuildOptions, build  # noqa: E402
from tests.gold.lexrank import lexrank_picks  # noqa: E402
from tests.gold.score import brief_coverage, key_facts, load_gold, score_all  # noqa: E402


def main() -> None:
    gold = load_gold()
    with tempfile.TemporaryDirectory() as out:
        build(options=BuildOptions(root=REPO, out=Path(out), formats=("json",)))
        brief = json.loads((Path(out) / "pakistan-ttp" / "analyst.json").read_text())
    lines = [score.line() for score in score_all(brief, gold)]
    coverage, count = brief_coverage(brief, gold)
    facts = key_facts(gold)
    picks = lexrank_picks(REPO / "seeds", count)
    baseline = len({(s, p) for s, p, _ in picks} & facts) / len(facts)
    lines += [
        "",
        f"key facts (source paragraphs of gold events and claims): {len(facts)}",
        f"briefgen: {coverage:.2f} of them cited by {count} sentence lines",
        f"LexRank (sumy), same {count} sentences: {baseline:.2f}",
        "sections: "
        + ", ".join(f"{s['id']} {len(s['statements'])}" for s in brief["sections"])
        + f"; timeline {len(brief['timeline'])}",
    ]
    report = "\n".join(lines) + "\n"
    results = REPO / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    (results / "extraction_quality.txt").write_text(report, encoding="utf-8")
    print(report, end="")


if __name__ == "__main__":
    main()
