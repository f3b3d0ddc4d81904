"""A brief's statements by id, for the analyst who reviews it: `briefgen statements` lists
them, `briefgen review` writes a starter review file listing them commented out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefgen.compose.statement_text import trim
from briefgen.pipeline.plans import BuildOptions, load_plans
from briefgen.pipeline.spec_material import compose_spec
from briefgen.workspace.review import REVIEWABLE, review_path


@dataclass(frozen=True)
class Listed:
    """One statement as the review sees it."""

    id: str
    section: str
    text: str
    author: str = "source"
    reworded: bool = False


def brief_statements(spec_path: Path, options: BuildOptions) -> list[Listed]:
    """Every statement the brief's editions draw on, by section, best first; the review
    already applied (a dropped statement is not listed, an added one is)."""
    plan = load_plans([spec_path], options)[0]
    _, material = compose_spec(plan.spec, options.output_folder / plan.spec.name)
    listed: list[Listed] = []
    shown: set[str] = set()
    for section, pool in material.ranked.items():
        for st in pool:
            if section.value in REVIEWABLE and st.id not in shown:  # once, where it ranks
                listed.append(Listed(st.id, section.value, st.text, st.author, st.reworded))
                shown.add(st.id)
    listed += [
        Listed(st.id, "timeline", st.text, st.author, st.reworded)
        for st in sorted(material.timeline, key=lambda st: st.rank or 0)
        if st.id not in shown
    ]
    return listed


def starter_review(title: str, listed: list[Listed]) -> str:
    """A review file with every kind of entry and every statement commented out."""
    lines = [
        f"# Review of “{title}”: the analyst's edits, kept across rebuilds.",
        "# Uncomment and edit; statements are named by their ids (`briefgen statements`).",
        "# An entry whose statement changes or disappears is reported as stale.",
        "#",
        "# drop: [ID, ...]                 # not shown",
        "# pin: [ID, ...]                  # shown whatever an edition's budget cuts",
        "# move: {ID: outlook}             # shown in another section",
        "# order: {background: [ID, ID]}   # these first, in this order",
        "# reword:                         # your words; numbers and names must be the sources'",
        '#   ID: "..."',
        "# add:                            # the desk's judgment, with an estimative term",
        "#   - section: outlook",
        '#     text: "We judge it likely that ..."',
        "#     cites: [ID]                 # optional: statements whose passages back it",
        "",
    ]
    section = None
    for item in listed:
        if item.section != section:
            section = item.section
            lines += ["", f"# {section}"]
        lines.append(f"#   {item.id}: {trim(' '.join(item.text.split()), 18)}")
    return "\n".join(lines) + "\n"


def write_starter_review(spec_path: Path, options: BuildOptions, force: bool = False) -> Path:
    """Writes the starter review beside the spec; an existing review is kept unless
    `force`, since it holds the analyst's work."""
    path = review_path(spec_path)
    if path.exists() and not force:
        raise FileExistsError(f"{path} exists; it holds your review (use --force to replace it)")
    plan = load_plans([spec_path], options)[0]
    path.write_text(
        starter_review(plan.spec.title, brief_statements(spec_path, options)), encoding="utf-8"
    )
    return path
