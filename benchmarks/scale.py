"""How a build's cost grows with the corpus, and what a user would otherwise run.

For the shipped workspace ("default") and each corpus size (documents generated from
the seeds by benchmarks/corpora.py) it runs `briefgen build` as a user does, in a fresh
process, several times each:

- cold: an empty output folder (every stage, both audiences, every format);
- no-op: nothing changed;
- one changed: one source edited (a sentence appended; another source each run).

and records wall time, the peak memory of the whole process tree (the build and its
workers, sampled from /proc) and `--timings` (seconds per stage, summed over processes).
Peers on the same corpus:

- sumy's LexRank asked for as many sentences as the analyst brief has statements, given
  the sentences briefgen's ingest found (so only the ranking is timed; it is quadratic in
  sentences, so it is stopped at --lexrank-timeout; RESULTS.md extrapolates);
- WeasyPrint alone laying out the final print HTML of both editions, in a fresh process
  (the floor for the PDF stage).

Writes benchmarks/results/scale.json (every run) and scale.md (the tables).

    python3 benchmarks/scale.py           # the shipped brief, then 1, 10, 100, 1000 documents
    python3 benchmarks/scale.py --sizes default,10 --runs 2
    python3 benchmarks/scale.py --sizes default --add   # measured into the existing results
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from corpora import generate  # noqa: E402

RESULTS = REPO / "benchmarks" / "results"
STAGES = ("ingest", "extract", "compose", "cite", "render HTML", "render PDF")


# --- measuring a process tree ------------------------------------------------------------


def _tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, in kB."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            status = Path(entry.path, "status").read_text()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(stat.rsplit(")", 1)[1].split()[1])
        rss[pid] = next(
            (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")),
            0,
        )
    tree = {root}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grew = True
    return sum(rss.get(pid, 0) for pid in tree)


@dataclass
class Run:
    seconds: float
    peak_mb: float
    stages: dict[str, float] = field(default_factory=dict)
    output: str = ""  # what the command printed


def run_measured(
    args: list[str], cwd: Path, timeout: float | None = None, env: dict[str, str] | None = None
) -> Run | None:
    """Runs a command, sampling its process tree's memory; None if it timed out."""
    start = time.perf_counter()
    process = subprocess.Popen(
        args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return None
    finally:
        done.set()
        sampler.join()
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{stderr.decode()[-2000:]}")
    return Run(seconds, peak / 1024, output=stdout.decode())


def _build(workspace: Path, *extra: str) -> Run:
    timings = workspace / "timings.json"
    run = run_measured(
        [sys.executable, "-m", "briefgen", "build", "--quiet", "--timings", str(timings), *extra],
        workspace,
    )
    assert run is not None
    run.stages = json.loads(timings.read_text())
    return run


# --- the scenarios -----------------------------------------------------------------------


def _spec(workspace: Path) -> str:
    (spec,) = (workspace / "briefs").glob("*.yaml")
    return spec.stem


def _corpus(workspace: Path) -> Path:
    return workspace / ("seeds" if (workspace / "seeds").is_dir() else "corpus")


def workspace_for(size: str, folder: Path) -> Path:
    """The shipped workspace for "default", else a generated corpus of `size` documents."""
    if size != "default":
        return generate(int(size), folder / f"ws{size}")
    workspace = folder / "default"
    shutil.copytree(REPO / "seeds", workspace / "seeds")
    shutil.copytree(REPO / "briefs", workspace / "briefs")
    return workspace


def cold(workspace: Path) -> Run:
    shutil.rmtree(workspace / "_build", ignore_errors=True)
    return _build(workspace)


def no_op(workspace: Path) -> Run:
    return _build(workspace)


def one_changed(workspace: Path, run: int) -> Run:
    sources = sorted(p for p in _corpus(workspace).iterdir() if p.suffix == ".txt")
    source = sources[(run * 7) % len(sources)]
    with source.open("a", encoding="utf-8") as stream:
        stream.write(f"\nA remark added by benchmark run {run}.\n")
    return _build(workspace)


# --- the peers ---------------------------------------------------------------------------

_LEXRANK = """
import json, sys, time
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words

class Words:
    language = "english"
    def to_words(self, s):
        return [w.strip(".,;:!?\u201c\u201d\\"'()[]") for w in s.split() if w.strip(".,;:!?")]

paragraphs, count = json.load(open(sys.argv[1]))
words = Words()
model = ObjectDocumentModel([Paragraph([Sentence(s, words) for s in p]) for p in paragraphs])
summarizer = LexRankSummarizer(Stemmer("english"))
summarizer.stop_words = get_stop_words("english")
start = time.perf_counter()
summarizer(model, count)
print(time.perf_counter() - start)
"""


def lexrank_input(workspace: Path, folder: Path) -> tuple[Path, int, int]:
    """The corpus's citable sentences (as briefgen segments them) and the count to pick,
    written for the LexRank process; returns the file, the count and the sentence total."""
    from briefgen.core.digest import digest_file
    from briefgen.extract import CITABLE_ZONES, is_whole_sentence
    from briefgen.ingest import TextView
    from briefgen.pipeline.document_cache import document_key
    from briefgen.pipeline.plans import BuildOptions, load_plans, select_sources
    from briefgen.pipeline.sources import DOCUMENT_CACHE

    analyst = json.loads((workspace / "_build" / _spec(workspace) / "analyst.json").read_text())
    count = sum(len(section["statements"]) for section in analyst["sections"])
    # The corpus as it is now: the cache also holds the documents the runs edited.
    (plan,) = load_plans((), BuildOptions(root=workspace))
    keys = [
        document_key(entry, digest, plan.spec.limits)
        for entry in select_sources(plan.spec)
        if (digest := digest_file(entry.path)) is not None
    ]
    paragraphs: list[list[str]] = []
    for key in sorted(keys):
        path = workspace / "_build" / DOCUMENT_CACHE / f"{key}.json"
        document = json.loads(path.read_text())
        view = TextView(document["text"])
        for _, _, _, zone, sentences in document["paragraphs"]:
            if zone not in CITABLE_ZONES:
                continue
            shown = [view.shown(start, end) for start, end in sentences]
            whole = [s for s in shown if is_whole_sentence(s)]
            if whole:
                paragraphs.append(whole)
    target = folder / "lexrank.json"
    target.write_text(json.dumps([paragraphs, count]))
    return target, count, sum(map(len, paragraphs))


def lexrank(
    workspace: Path, folder: Path, timeout: float
) -> tuple[Run | None, int, int, str | None]:
    """LexRank's run (None if stopped or failed), the count, the sentences, why it failed."""
    data, count, sentences = lexrank_input(workspace, folder)
    try:
        run = run_measured([sys.executable, "-c", _LEXRANK, str(data)], folder, timeout)
    except RuntimeError as exc:  # e.g. numpy refusing an n x n matrix that cannot fit
        return None, count, sentences, str(exc).strip().splitlines()[-1]
    return run, count, sentences, None if run else f"stopped after {timeout:.0f} s"


_WEASYPRINT = """
import sys, weasyprint
for path in sys.argv[1:]:
    weasyprint.HTML(filename=path).write_pdf(path + ".pdf", pdf_variant="pdf/ua-1")
"""

_CAPTURE = """
import hashlib, logging, sys
from pathlib import Path
import briefgen.render.edition as editions
from briefgen import BuildOptions, build

folder = Path(sys.argv[1])
original = editions.render_pdf

def keep(html, **options):
    pdf = original(html, **options)
    name = hashlib.sha256(pdf.data).hexdigest()
    (folder / f"{name}.html").write_text(html, encoding="utf-8")
    return pdf

editions.render_pdf = keep
logging.disable(logging.WARNING)
build(options=BuildOptions(root=Path("."), out=folder / "out"))
"""


def final_print_html(workspace: Path, folder: Path) -> list[Path]:
    """The print HTML each edition's PDF was laid out from (its last layout, after fitting)."""
    subprocess.run([sys.executable, "-c", _CAPTURE, str(folder)], cwd=workspace, check=True)
    finals = []
    for pdf in sorted((folder / "out" / _spec(workspace)).glob("*.pdf")):
        name = hashlib.sha256(pdf.read_bytes()).hexdigest()
        final = folder / f"{pdf.stem}.print.html"
        shutil.copy(folder / f"{name}.html", final)
        finals.append(final)
    return finals


def weasyprint_alone(files: list[Path], folder: Path) -> Run:
    run = run_measured([sys.executable, "-c", _WEASYPRINT, *map(str, files)], folder)
    assert run is not None
    return run


# --- reporting ---------------------------------------------------------------------------


def spread(values: list[float]) -> dict[str, float]:
    return {
        "min": round(min(values), 3),
        "median": round(statistics.median(values), 3),
        "max": round(max(values), 3),
    }


def summarise(runs: list[Run]) -> dict[str, Any]:
    return {
        "seconds": spread([r.seconds for r in runs]),
        "peak_mb": spread([r.peak_mb for r in runs]),
        "stages": {s: spread([r.stages.get(s, 0.0) for r in runs]) for s in STAGES},
        "runs": len(runs),
    }


def machine() -> dict[str, Any]:
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return {
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
    }


def _fmt(cell: dict[str, float], unit: str = "s") -> str:
    return f"{cell['median']:.2f} ({cell['min']:.2f}–{cell['max']:.2f}) {unit}"


def _ordered(by_size: dict[str, Any]) -> list[str]:
    """The shipped brief first, then the generated corpora by size."""
    return sorted(by_size, key=lambda size: -1 if size == "default" else int(size))


def _stage_table(results: dict[str, Any], scenario: str, title: str) -> list[str]:
    lines = ["", title, "", "| documents | " + " | ".join(STAGES) + " |"]
    lines.append("|---|" + "---|" * len(STAGES))
    for size in _ordered(results["by_size"]):
        stages = results["by_size"][size][scenario]["stages"]
        cells = " | ".join(f"{stages[s]['median']:.2f}" for s in STAGES)
        lines.append(f"| {size} | {cells} |")
    return lines


def tables(results: dict[str, Any]) -> str:
    m = results["machine"]
    lines = [
        f"Measured {m['date']} on {m['cores']} cores, {m['memory_gb']} GB, "
        f"Python {m['python']} ({m['platform']}). Median (min–max) of each size's runs "
        "(how many, in brackets); the peers once per size.",
        "",
        "| documents | cold build | peak memory | no-op rebuild | one source changed "
        "| WeasyPrint alone | cold / WeasyPrint | LexRank (sentences) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for size in _ordered(results["by_size"]):
        row = results["by_size"][size]
        lexrank = row["lexrank"]
        lex = f"{lexrank['seconds']:.2f} s" if lexrank["seconds"] is not None else "—"
        ratio = row["cold"]["seconds"]["median"] / row["weasyprint"]["seconds"]
        lines.append(
            f"| {size} ({row['cold']['runs']}) | {_fmt(row['cold']['seconds'])} "
            f"| {_fmt(row['cold']['peak_mb'], 'MB')} "
            f"| {_fmt(row['no_op']['seconds'])} | {_fmt(row['one_changed']['seconds'])} "
            f"| {row['weasyprint']['seconds']:.2f} s | {ratio:.2f} "
            f"| {lex} ({lexrank['sentences']}) |"
        )
    failures = [
        f"{size}: {results['by_size'][size]['lexrank']['failure']}"
        for size in _ordered(results["by_size"])
        if results["by_size"][size]["lexrank"]["failure"]
    ]
    if failures:
        lines += ["", "LexRank did not finish: " + "; ".join(failures) + "."]
    lines += _stage_table(
        results,
        "cold",
        "Seconds per stage of the cold build (median; processor time summed over processes, "
        "so ingest and extract can exceed the wall time when workers share them):",
    )
    lines += _stage_table(
        results, "one_changed", "Seconds per stage when one source changed (median):"
    )
    return "\n".join(lines) + "\n"


def measure(size: str, runs: int, lexrank_timeout: float, folder: Path) -> dict[str, Any]:
    workspace = workspace_for(size, folder)
    print(f"{size} documents: cold", file=sys.stderr, flush=True)
    colds = [cold(workspace) for _ in range(runs)]
    print(f"{size} documents: no-op, one changed", file=sys.stderr, flush=True)
    no_ops = [no_op(workspace) for _ in range(runs)]
    changed = [one_changed(workspace, run) for run in range(runs)]
    print(f"{size} documents: peers", file=sys.stderr, flush=True)
    peers = folder / f"peers{size}"
    peers.mkdir()
    weasy = weasyprint_alone(final_print_html(workspace, peers), peers)
    lex, count, sentences, failure = lexrank(workspace, peers, lexrank_timeout)
    return {
        "cold": summarise(colds),
        "no_op": summarise(no_ops),
        "one_changed": summarise(changed),
        "weasyprint": {"seconds": round(weasy.seconds, 3), "peak_mb": round(weasy.peak_mb, 1)},
        "lexrank": {
            "seconds": None if lex is None else round(float(lex.output), 3),  # ranking only
            "process_seconds": None if lex is None else round(lex.seconds, 3),
            "peak_mb": None if lex is None else round(lex.peak_mb, 1),
            "failure": failure,
            "picked": count,
            "sentences": sentences,
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="default,1,10,100,1000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lexrank-timeout", type=float, default=600)
    parser.add_argument("--output", type=Path, default=RESULTS / "scale")
    parser.add_argument("--add", action="store_true", help="keep the other sizes' results")
    options = parser.parse_args()
    sizes = options.sizes.split(",")
    results: dict[str, Any] = {
        "machine": machine(),
        "runs": options.runs,
        "sizes": sizes,
        "by_size": {},
    }
    existing = options.output.with_suffix(".json")
    if options.add and existing.is_file():
        results["by_size"] = json.loads(existing.read_text())["by_size"]
    with tempfile.TemporaryDirectory(prefix="briefgen-scale-") as folder:
        for size in sizes:
            results["by_size"][size] = measure(
                size, options.runs, options.lexrank_timeout, Path(folder)
            )
            # Written after every size, so a long run that is stopped keeps what it measured.
            options.output.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n")
            options.output.with_suffix(".md").write_text(tables(results))
    print(tables(results))


if __name__ == "__main__":
    main()
