"""Curation: an analyst's corrections to the actor model, in `curation.yaml` beside the corpus.

    actors:
      - name: Front de Libération         # an actor, by any of its names
        rename: National Liberation Front # the name the brief shows
        aliases: [the Front]              # more names of the same actor, merged into it
        kind: movement
      - merge: [Amadou Diallo, Amadou Toumani Diallo]  # one actor under the first name
      - split: Diallo                     # a name that is not this actor's: taken out
      - drop: Daily Example              # not an actor of the story

The file is validated against a JSON Schema (errors name the line); an entry that no longer
matches any actor of the sources is stale and reported with its line, never ignored silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.model import ACTOR_KINDS
from briefgen.workspace.yamlfile import line_of, load_validated

CURATION_FILE = "curation.yaml"

_NAME = {"type": "string", "minLength": 1}
CURATION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "actors": {
            "type": "array",
            "items": {
                "oneOf": [
                    {
                        "type": "object",
                        "required": ["name"],
                        "properties": {
                            "name": _NAME,
                            "rename": _NAME,
                            "aliases": {"type": "array", "items": _NAME, "minItems": 1},
                            "kind": {"enum": list(ACTOR_KINDS)},
                        },
                        "additionalProperties": False,
                        "minProperties": 2,
                    },
                    {
                        "type": "object",
                        "required": ["merge"],
                        "properties": {"merge": {"type": "array", "items": _NAME, "minItems": 2}},
                        "additionalProperties": False,
                    },
                    {
                        "type": "object",
                        "required": ["split"],
                        "properties": {"split": _NAME},
                        "additionalProperties": False,
                    },
                    {
                        "type": "object",
                        "required": ["drop"],
                        "properties": {"drop": _NAME},
                        "additionalProperties": False,
                    },
                ]
            },
        }
    },
    "additionalProperties": False,
}


@dataclass(frozen=True)
class ActorEdit:
    """One curation entry: `action` is edit, merge, split or drop; `where` is "file:line"."""

    action: str
    names: tuple[str, ...]
    where: str
    rename: str | None = None
    aliases: tuple[str, ...] = ()
    kind: str | None = None


@dataclass(frozen=True)
class Curation:
    """The analyst's edits for one corpus (empty when it has no curation file)."""

    actor_edits: tuple[ActorEdit, ...] = ()


def load_curation(corpus: Path) -> Curation:
    """Reads `corpus/curation.yaml` if present; raises ConfigError naming file and line."""
    path = corpus / CURATION_FILE
    if not path.is_file():
        return Curation()
    data, lines = load_validated(path, CURATION_SCHEMA)
    edits = []
    for index, item in enumerate((data or {}).get("actors", [])):
        where = f"{path}:{line_of(lines, ('actors', index))}"
        if "merge" in item:
            edits.append(ActorEdit("merge", tuple(item["merge"]), where))
        elif "split" in item:
            edits.append(ActorEdit("split", (item["split"],), where))
        elif "drop" in item:
            edits.append(ActorEdit("drop", (item["drop"],), where))
        else:
            edits.append(
                ActorEdit(
                    "edit",
                    (item["name"],),
                    where,
                    rename=item.get("rename"),
                    aliases=tuple(item.get("aliases", ())),
                    kind=item.get("kind"),
                )
            )
    return Curation(tuple(edits))
