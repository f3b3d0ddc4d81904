"""Ingest and extraction of a generated corpus in this one process, under pyinstrument,
so the workers' share of a build can be profiled. Writes
benchmarks/results/profile_extraction.txt.

    python3 benchmarks/profile_extraction.py [DOCUMENTS]   # default 50
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from pyinstrument import Profiler

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from corpora import generate  # noqa: E402

from briefgen.extract import summarize  # noqa: E402
from briefgen.ingest import ingest_document  # noqa: E402
from briefgen.workspace.catalogue import load_catalogue  # noqa: E402


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    with tempfile.TemporaryDirectory() as folder:
        entries = load_catalogue(generate(count, Path(folder)) / "corpus")
        profiler = Profiler(interval=0.002)
        with profiler:
            for entry in entries:
                summarize(ingest_document(entry))
    report = profiler.output_text(unicode=True, color=False)
    target = REPO / "benchmarks" / "results" / "profile_extraction.txt"
    heading = f"Ingest and extraction of {count} generated documents, one process.\n\n"
    target.write_text(heading + report)
    print(report)


if __name__ == "__main__":
    main()
