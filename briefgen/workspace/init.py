"""`briefgen init DIR`: a workspace to start from, every file commented."""

from __future__ import annotations

from pathlib import Path

from briefgen.errors import BriefgenError
from briefgen.workspace.catalogue import CATALOGUE_NAME
from briefgen.workspace.review import REVIEW_SUFFIX

_SPEC = """\
# A brief: what to build from which sources. `briefgen build` builds every spec in briefs/.
title: "{title}"
# subtitle: "Briefing from open sources"
corpus: ../corpus          # the folder of sources, relative to this file
# as_of: 2024-06-30        # what the brief is current to (default: the newest source)
# timeline_from: 2024-01-01 # the timeline's first date (default: events of any date)
# keywords: [ceasefire, talks]   # the brief's focus: they rank the timeline and background
# marking: "Unclassified // For public release"
# organisation: "Your desk"
audiences:
  policymaker: {{}}         # at most two pages: bottom line, key judgments, timeline, actors
  analyst: {{}}             # everything, with profiles, the full timeline and an appendix
"""

_CATALOGUE = """\
# The corpus catalogue (CSL YAML, as Zotero and pandoc write it): one entry per source, its
# `file` naming the file. A file with no entry is still read, its title, authors and date
# taken from the text; an entry makes its citation exact. A CSL JSON export (sources.json)
# works too.
references: []
#  - id: smith2024
#    file: smith-report.pdf
#    type: report
#    title: "A Report"
#    author: [{{family: Smith, given: Ann}}]
#    issued: {{date-parts: [[2024, 3, 1]]}}
#    publisher: "An Institute"
"""

_REVIEW = """\
# Your review of the brief, kept across rebuilds: drop, pin, move, order, reword or add
# statements by id. `briefgen review {name} --force` lists every statement here; see
# README, "The analyst signs off".
"""

_GITIGNORE = "# briefgen's outputs and caches: rebuilt from the sources\n_build/\n"


def init_workspace(folder: Path, name: str) -> list[Path]:
    """Writes the workspace files; refuses to overwrite any file already there."""
    files = {
        folder / "briefs" / f"{name}.yaml": _SPEC.format(title=name.replace("-", " ").title()),
        folder / "briefs" / f"{name}{REVIEW_SUFFIX}": _REVIEW.format(name=name),
        folder / "corpus" / CATALOGUE_NAME: _CATALOGUE.format(),
        folder / ".gitignore": _GITIGNORE,
    }
    existing = [str(path) for path in files if path.exists()]
    if existing:
        raise BriefgenError(f"{', '.join(existing)}: already there; init writes no file twice")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)
