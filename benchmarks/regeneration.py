"""What regenerating costs: a cold build of the shipped workspace, a build with nothing
changed, a build after one source is edited, and one after the shared stylesheet is
edited. Wall time (best of a few runs) and what each build re-extracted and rewrote.
Writes benchmarks/results/regeneration.txt.

    python3 benchmarks/regeneration.py
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from briefgen import BuildOptions, build  # noqa: E402
from briefgen.pipeline.build import BuildReport  # noqa: E402

RUNS = 3


def _timed(step: Callable[[], BuildReport]) -> tuple[float, BuildReport]:
    start = time.perf_counter()
    report = step()
    return time.perf_counter() - start, report


def _workspace(folder: Path) -> Path:
    shutil.copytree(REPO / "seeds", folder / "seeds")
    shutil.copytree(REPO / "briefs", folder / "briefs")
    shutil.copytree(REPO / "templates", folder / "templates")  # a workspace's own copy
    return folder


def _scenario(edit: Callable[[Path], None] | None) -> tuple[float, BuildReport]:
    """Best wall time over RUNS of one build after `edit` (on an already built workspace)."""
    best: tuple[float, BuildReport] | None = None
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as folder:
            root = _workspace(Path(folder))
            options = BuildOptions(root=root)
            if edit is None:
                result = _timed(lambda: build(options=options))  # noqa: B023
            else:
                build(options=options)
                edit(root)
                result = _timed(lambda: build(options=options))  # noqa: B023
        if best is None or result[0] < best[0]:
            best = result
    assert best is not None
    return best


def _nothing(root: Path) -> None:
    pass


def _edit_source(root: Path) -> None:
    source = sorted((root / "seeds").glob("*.txt"))[2]
    source.write_text(source.read_text(encoding="utf-8") + "\nA closing remark.\n")


def _edit_stylesheet(root: Path) -> None:
    css = root / "templates" / "brief.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* edited */\n")


def main() -> None:
    logging.getLogger("briefgen").setLevel(logging.ERROR)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    scenarios = [
        ("cold build (empty output folder)", None),
        ("nothing changed", _nothing),
        ("one source edited", _edit_source),
        ("brief.css edited", _edit_stylesheet),
    ]
    lines = [
        "Regenerating the shipped workspace (2 editions: policymaker fitted to 2 pages, "
        f"analyst; html, pdf, json). Best of {RUNS} runs, wall time.",
        "",
        f"{'scenario':<34} {'seconds':>8} {'extracted':>9} {'outputs rebuilt':>15} "
        f"{'files written':>13}",
    ]
    for label, edit in scenarios:
        seconds, report = _scenario(edit)
        lines.append(
            f"{label:<34} {seconds:>8.2f} {len(report.extracted):>9} "
            f"{len(report.rebuilt):>15} {len(report.written):>13}"
        )
    text = "\n".join(lines) + "\n"
    result = REPO / "benchmarks" / "results" / "regeneration.txt"
    result.write_text(text, encoding="utf-8")
    print(text, end="")


if __name__ == "__main__":
    main()
