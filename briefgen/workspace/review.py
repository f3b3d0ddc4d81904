"""The analyst's review of a brief: `briefs/<name>.review.yaml`, beside the spec.

    drop: [bg-1a2b3c4d5e]                   # statements not to show
    pin: [ol-0f9e8d7c6b]                    # shown whatever an edition's budget cuts
    move: {ng-5a4b3c2d1e: outlook}          # shown in another section
    order: {background: [bg-..., bg-...]}   # these first, in this order
    reword:                                 # the analyst's words; the anchors stay
      bg-1a2b3c4d5e: "The Front was founded in 2007."
    add:                                    # the desk's own judgment, shown as such
      - section: outlook
        text: "We judge a lasting ceasefire unlikely before 2024."
        cites: [ol-0f9e8d7c6b]              # optional: statements whose passages back it

Statements are named by the ids `briefgen statements BRIEF` lists (and the HTML shows on
hover). The file is validated like the spec, errors at file:line. An entry naming a
statement the brief no longer has (its passage changed or disappeared) is stale: reported
by `build`, `status` and the changes report, never applied to other words
(compose/review.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.model import SectionId
from briefgen.workspace.yamlfile import line_of, load_validated

REVIEW_SUFFIX = ".review.yaml"
# The sections a review may move a statement to or order (the actors are profiles).
REVIEWABLE = tuple(s.value for s in SectionId if s is not SectionId.ACTORS)

_ID = {"type": "string", "pattern": "^[a-z]{2}-[0-9a-f]{10}$"}
_IDS = {"type": "array", "items": _ID}
REVIEW_SCHEMA: dict[str, Any] = {
    "type": ["object", "null"],
    "properties": {
        "drop": _IDS,
        "pin": _IDS,
        "move": {"type": "object", "additionalProperties": {"enum": list(REVIEWABLE)}},
        "order": {
            "type": "object",
            "propertyNames": {"enum": list(REVIEWABLE)},
            "additionalProperties": _IDS,
        },
        "reword": {
            "type": "object",
            "additionalProperties": {"type": "string", "minLength": 1},
        },
        "add": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["section", "text"],
                "properties": {
                    "section": {"enum": list(REVIEWABLE)},
                    "text": {"type": "string", "minLength": 1},
                    "cites": _IDS,
                },
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}


@dataclass(frozen=True)
class ReviewEntry:
    """One thing the analyst asks of one statement; `where` is "file:line"."""

    action: str  # drop, pin, move, order, reword
    statement: str
    where: str
    value: str = ""  # move: the section; reword: the text; order: the section


@dataclass(frozen=True)
class Judgment:
    """The desk's own line: text, the section it goes in, the statements it rests on."""

    section: str
    text: str
    cites: tuple[str, ...]
    where: str


@dataclass(frozen=True)
class Review:
    """A brief's review (empty when it has none)."""

    path: Path | None = None
    entries: tuple[ReviewEntry, ...] = ()
    added: tuple[Judgment, ...] = ()


def review_path(spec_path: Path) -> Path:
    """Where a spec's review file lives: `briefs/x.yaml` -> `briefs/x.review.yaml`."""
    return spec_path.with_name(spec_path.stem + REVIEW_SUFFIX)


def load_review(spec_path: Path) -> Review:
    """The review beside a spec, validated; raises ConfigError naming file and line."""
    path = review_path(spec_path)
    if not path.is_file():
        return Review()
    data, lines = load_validated(path, REVIEW_SCHEMA)
    data = data or {}

    def where(*key: str | int) -> str:
        return f"{path}:{line_of(lines, key)}"

    entries: list[ReviewEntry] = []
    for action in ("drop", "pin"):
        for index, sid in enumerate(data.get(action, [])):
            entries.append(ReviewEntry(action, sid, where(action, index)))
    for sid, section in data.get("move", {}).items():
        entries.append(ReviewEntry("move", sid, where("move", sid), section))
    for section, ids in data.get("order", {}).items():
        for index, sid in enumerate(ids):
            entries.append(ReviewEntry("order", sid, where("order", section, index), section))
    for sid, text in data.get("reword", {}).items():
        entries.append(ReviewEntry("reword", sid, where("reword", sid), " ".join(text.split())))
    added = tuple(
        Judgment(
            item["section"],
            " ".join(item["text"].split()),
            tuple(item.get("cites", ())),
            where("add", index),
        )
        for index, item in enumerate(data.get("add", []))
    )
    return Review(path, tuple(entries), added)
