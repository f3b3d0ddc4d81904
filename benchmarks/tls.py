"""Timeline summarisation on the Timeline17 dev topics, under the news-tls protocol.

    python3 benchmarks/tls.py [--topics mj,haiti] [--tls DIR] [--keep DIR]

For each gold timeline of each topic (../shared/tls/<topic>/gold/*.txt): the topic's
articles published between the gold's first and last date are built into a brief with
`briefgen build --format json` (one spec per timeline, caches shared per topic), its
timeline the period between those dates (`as_of`, `timeline_from`: the systems of the
protocol are given the span; `--any-date` leaves the timeline open before it). The
output is the brief's day-precision timeline entries: the l best-ranked dates (l = the
gold's number of dates), each with up to k of its best-ranked entries (k = the gold's mean
sentences per date). Scores: date F1 (exact days), and alignment ROUGE-1/2 F ("align+
m:1", Martschat & Markert) by tilse with its pure-Python ROUGE; text is PTB-tokenised like
the gold. Averages over timelines are the F of the mean precision and mean recall.

tilse is a bench dependency installed without its own (spaCy, numba are not needed for
scoring): `pip install --no-deps tilse numpy scipy`. Results go to
benchmarks/results/tls.{md,json}.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "benchmarks" / "results"
PUBLISHED = {  # SDF-TLS's published outputs scored with tilse's Python ROUGE (shared/tls)
    "bpoil/bbc": (0.438, 0.137),
    "bpoil/foxnews": (1.000, 0.127),
    "bpoil/guardian": (0.706, 0.157),
    "bpoil/rbpoil": (0.250, 0.089),
    "bpoil/washingtonpost": (0.333, 0.087),
    "finan/financial_crisis_wallstreet_washingtonpost": (0.708, 0.082),
    "h1n1/h1n1_reuters": (0.800, 0.149),
    "h1n1/influenza_A_h1n1_scotland_bbc": (0.857, 0.173),
    "h1n1/swine_flu_guardian": (0.833, 0.154),
    "haiti/bbc": (0.909, 0.152),
    "mj/bbc.co.uk": (0.316, 0.119),
}

# Penn Treebank tokenisation, as the gold timelines are written ("Gadhafi 's", "do n't").
_PTB = [
    (re.compile(r"([^\w\s'’-])"), r" \1 "),
    (re.compile(r"(\w)(['’]s|['’]re|['’]ve|['’]ll|['’]d|['’]m)\b", re.I), r"\1 \2"),
    (re.compile(r"(\w)(n['’]t)\b", re.I), r"\1 \2"),
    (re.compile(r"['’]"), "'"),
]


def ptb_tokens(text: str) -> str:
    for pattern, replacement in _PTB:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def load_gold(path: Path) -> dict[dt.date, list[str]]:
    timeline: dict[dt.date, list[str]] = {}
    date: dt.date | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", line):
            date = dt.date.fromisoformat(line)
            timeline.setdefault(date, [])
        elif line.startswith("-----"):
            date = None
        elif line and date is not None:
            timeline[date].append(line)
    return {d: s for d, s in timeline.items() if s}


def _issued(item: dict[str, Any]) -> dt.date | None:
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    return dt.date(*parts[0]) if len(parts[0]) == 3 else None


def _unbracketed(text: str) -> str:
    """An entry's words as a reader reads them: an editorial capital "[T]he" is the word
    "The" and "[The TTP]" the words "The TTP" (the tokenizer would split them)."""
    return re.sub(r"\[([^\[\]]{1,60})\]", r"\1", text)


def system_timeline(
    brief: dict[str, Any], dates: int, per_date: int
) -> tuple[dict[dt.date, list[str]], int]:
    """The brief's `dates` best day-precision dates with up to `per_date` entries each, and
    how many entries could not be scored (not to the day)."""
    entries = sorted(brief["timeline"], key=lambda e: e.get("rank", 10**9))
    unscorable = sum(1 for e in entries if e.get("precision") != "day")
    chosen: dict[dt.date, list[str]] = {}
    for entry in entries:
        if entry.get("precision") != "day":
            continue
        day = dt.date.fromisoformat(entry["date"])
        if day not in chosen and len(chosen) == dates:
            continue
        texts = chosen.setdefault(day, [])
        if len(texts) < per_date:
            texts.append(ptb_tokens(_unbracketed(entry["text"])))
    return chosen, unscorable


def shown_on_gold_dates(brief: dict[str, Any], gold: dict[dt.date, list[str]]) -> tuple[int, int]:
    """Of the dated entries a reader of the (policymaker) edition sees, in its bottom line
    and its timeline section, how many are dated to a day of the gold timeline: what the
    ranked JSON timeline's scores do not see (the sections choose and order for
    themselves)."""
    shown = [
        st
        for section in brief["sections"]
        if section["id"] in ("bottom_line", "timeline")
        for st in section["statements"]
        if st.get("date")
    ]
    hits = sum(
        1
        for st in shown
        if st.get("precision") == "day" and dt.date.fromisoformat(st["date"]) in gold
    )
    return hits, len(shown)


def score(
    predicted: dict[dt.date, list[str]], gold: dict[dt.date, list[str]]
) -> dict[str, tuple[float, float]]:
    from tilse.data.timelines import GroundTruth, Timeline
    from tilse.evaluation import rouge

    evaluator = rouge.TimelineRougeEvaluator(
        measures=["rouge_1", "rouge_2"], rouge_computation="reimpl"
    )
    result = evaluator.evaluate_align_date_content_costs_many_to_one(
        Timeline(predicted), GroundTruth([Timeline(gold)])
    )
    hits = len(set(predicted) & set(gold))
    return {
        "date": (hits / len(predicted) if predicted else 0.0, hits / len(gold)),
        "ar1": (result["rouge_1"]["precision"], result["rouge_1"]["recall"]),
        "ar2": (result["rouge_2"]["precision"], result["rouge_2"]["recall"]),
    }


def _f(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def run_topic(topic: Path, work: Path, any_date: bool = False) -> list[dict[str, Any]]:
    catalogue = yaml.safe_load((topic / "docs" / "sources.yaml").read_text(encoding="utf-8"))
    items = catalogue["references"]
    spec = yaml.safe_load(next((topic / "briefs").glob("*.yaml")).read_text(encoding="utf-8"))
    results = []
    for gold_path in sorted((topic / "gold").glob("*.txt")):
        gold = load_gold(gold_path)
        first, last = min(gold), max(gold)
        ids = [i["id"] for i in items if (d := _issued(i)) is not None and first <= d <= last]
        name = f"{topic.name}-{re.sub(r'[^A-Za-z0-9_.-]+', '-', gold_path.stem)}"
        brief_spec = {
            "title": spec["title"],
            "keywords": spec.get("keywords", []),
            "as_of": last.isoformat(),
            **({} if any_date else {"timeline_from": first.isoformat()}),
            "corpus": str((topic / "docs").resolve()),
            "sources": ids,
            "audiences": {"analyst": {"budget": {"timeline": 400}}, "policymaker": {}},
        }
        (work / "briefs").mkdir(parents=True, exist_ok=True)
        spec_path = work / "briefs" / f"{name}.yaml"
        spec_path.write_text(yaml.safe_dump(brief_spec, sort_keys=False), encoding="utf-8")
        started = time.monotonic()
        built = subprocess.run(
            [
                sys.executable,
                "-m",
                "briefgen",
                "build",
                str(spec_path),
                "--format",
                "json",
                "--out",
                str(work / "_build"),
                "--quiet",
            ],
            cwd=work,
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.monotonic() - started
        if built.returncode != 0:
            raise SystemExit(f"{name}: build failed:\n{built.stderr[-2000:]}")
        brief = json.loads((work / "_build" / name / "analyst.json").read_text(encoding="utf-8"))
        per_date = round(statistics.mean(len(s) for s in gold.values()))
        predicted, unscorable = system_timeline(brief, len(gold), per_date)
        scores = score(predicted, gold)
        short = json.loads((work / "_build" / name / "policymaker.json").read_text("utf-8"))
        shown_hits, shown = shown_on_gold_dates(short, gold)
        results.append(
            {
                "timeline": f"{topic.name}/{gold_path.stem}",
                "articles": len(ids),
                "gold_dates": len(gold),
                "entries": len(brief["timeline"]),
                "unscorable": unscorable,
                "seconds": round(seconds, 1),
                "policymaker_shown": [shown_hits, shown],
                **{k: [round(v, 4) for v in pr] for k, pr in scores.items()},
            }
        )
        print(_row(results[-1]), flush=True)
    return results


def _row(result: dict[str, Any]) -> str:
    published = PUBLISHED.get(result["timeline"])
    theirs = f"{published[0]:.3f} / {published[1]:.3f}" if published else "-"
    return (
        f"| {result['timeline']} | {result['articles']} | {result['entries']} "
        f"({result['unscorable']} not to the day) | {_f(*result['date']):.3f} | "
        f"{_f(*result['ar1']):.3f} | {_f(*result['ar2']):.3f} | {theirs} | "
        f"{result['policymaker_shown'][0]}/{result['policymaker_shown'][1]} | "
        f"{result['seconds']} |"
    )


def summary(results: list[dict[str, Any]]) -> dict[str, float]:
    means = {}
    for key in ("date", "ar1", "ar2"):
        precision = statistics.mean(r[key][0] for r in results)
        recall = statistics.mean(r[key][1] for r in results)
        means[key] = round(_f(precision, recall), 4)
    return means


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tls", type=Path, default=REPO.parent / "shared" / "tls")
    parser.add_argument("--topics", default="bpoil,finan,h1n1,haiti,mj")
    parser.add_argument("--keep", type=Path, help="build here (and keep it) instead of a temp dir")
    parser.add_argument(
        "--any-date", action="store_true", help="no timeline_from: events before the span too"
    )
    args = parser.parse_args()
    header = (
        "| timeline | articles | entries | date F1 | AR1 | AR2 | SDF-TLS date F1 / AR1 "
        "| policymaker: on a gold day | s |\n"
        "|---|---|---|---|---|---|---|---|---|"
    )
    print(header)
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as scratch:
        for name in args.topics.split(","):
            work = (args.keep or Path(scratch)) / name
            results += run_topic(args.tls / name, work, args.any_date)
    means = summary(results)
    published = [PUBLISHED[r["timeline"]] for r in results if r["timeline"] in PUBLISHED]
    lines = [
        "# Timeline17 dev topics (benchmarks/tls.py)",
        "",
        f"Date {dt.date.today().isoformat()}; machine: 2 cores. Scored with tilse "
        "(align+ m:1, Python ROUGE).",
        "",
        header,
        *(_row(r) for r in results),
        "",
        f"Mean over {len(results)} timelines: date F1 {means['date']:.3f}, "
        f"AR1 {means['ar1']:.3f}, AR2 {means['ar2']:.3f}.",
        "",
        "The policymaker edition (default budgets) shows "
        f"{sum(r['policymaker_shown'][1] for r in results)} dated entries in its bottom "
        f"line and timeline, {sum(r['policymaker_shown'][0] for r in results)} of them "
        "on a day of the gold timeline.",
    ]
    if published:
        theirs_date = statistics.mean(p[0] for p in published)
        theirs_ar1 = statistics.mean(p[1] for p in published)
        lines.append(
            f"SDF-TLS on the same timelines: date F1 {theirs_date:.3f}, "
            f"AR1 {theirs_ar1:.3f} (means of its per-timeline F)."
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "tls.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (RESULTS / "tls.json").write_text(
        json.dumps({"timelines": results, "mean": means}, indent=2) + "\n", encoding="utf-8"
    )
    print("\n".join(lines[5 + len(results) :]))


if __name__ == "__main__":
    main()
