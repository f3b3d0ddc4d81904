"""The build manifest: for every output file, its digest and the digests of every input
that shaped it, so a build knows what is stale, and `status` can say exactly why.

It lives beside the outputs as `_manifest.json` (an audience name cannot start with an
underscore, so it never collides with a brief) and is written last, atomically.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from briefgen.core.digest import digest_file
from briefgen.core.jsontext import pretty_json, read_json

log = logging.getLogger(__name__)

MANIFEST_NAME = "_manifest.json"
EDITIONS_DIR = ".editions"  # under a brief's output folder: the last edition per audience
MANIFEST_FORMAT = 1


@dataclass(frozen=True)
class EditionInputs:
    """Everything one edition's outputs were made from, as digests or plain settings."""

    briefgen: str  # version + code hash
    brief: dict[str, Any]  # the spec's content settings: title, as_of, corpus, sources
    edition: dict[str, Any]  # the audience's resolved settings: template, layout, paper
    sources: dict[str, str | None]  # source id -> digest of its file's bytes
    catalogue: dict[str, str]  # source id -> digest of its catalogue entry
    curation: str | None  # digest of the corpus's curation file, None when it has none
    style: str | None  # digest of the CSL style file
    logo: str | None
    templates: dict[str, str | None] = field(default_factory=dict)  # name -> digest

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @staticmethod
    def from_json(data: dict[str, Any]) -> EditionInputs:
        return EditionInputs(**data)


def changed_inputs(old: EditionInputs, new: EditionInputs) -> list[str]:
    """Why `new` differs from `old`, one reason per changed input, in plain words."""
    reasons: list[str] = []
    if old.briefgen != new.briefgen:
        reasons.append(f"briefgen changed ({old.briefgen} -> {new.briefgen})")
    reasons += _settings_changes("brief spec", old.brief, new.brief)
    reasons += _settings_changes("setting", old.edition, new.edition)
    for source in sorted(old.sources.keys() | new.sources.keys()):
        before, after = old.sources.get(source, "absent"), new.sources.get(source, "absent")
        if source not in old.sources:
            reasons.append(f"source '{source}' added")
        elif source not in new.sources:
            reasons.append(f"source '{source}' removed")
        elif before != after:
            reasons.append(f"source '{source}' modified")
        elif old.catalogue.get(source) != new.catalogue.get(source):
            reasons.append(f"catalogue entry of '{source}' changed")
    for name, label in (("curation", "curation file"), ("style", "citation style file")):
        if getattr(old, name) != getattr(new, name):
            reasons.append(f"{label} changed")
    if old.logo != new.logo:
        reasons.append("logo changed")
    for name, digest in sorted(old.templates.items()):
        now = new.templates.get(name)
        if now is None:
            reasons.append(f"template '{name}' no longer found")
        elif now != digest:
            reasons.append(f"template '{name}' changed")
    return reasons


def _settings_changes(label: str, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [
        f"{label} {key} changed ({_short(old.get(key))} -> {_short(new.get(key))})"
        for key in sorted(old.keys() | new.keys())
        if old.get(key) != new.get(key)
    ]


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 40 else text[:37] + "..."


@dataclass(frozen=True)
class OutputRecord:
    """One output file as last built: its digest and what it was built from."""

    digest: str
    inputs: EditionInputs


@dataclass
class Manifest:
    """The records of one brief's output folder, keyed by file name."""

    folder: Path
    outputs: dict[str, OutputRecord] = field(default_factory=dict)
    # Sources the last build left out (id -> why), for `status` to report.
    left_out: dict[str, str] = field(default_factory=dict)
    # Review entries that named no statement of the last build ("file:line: ..."), for
    # `status`: a stale review is stale.
    stale_review: list[str] = field(default_factory=list)

    @staticmethod
    def load(folder: Path) -> Manifest:
        """The folder's manifest; an absent or unreadable one is empty (all outputs stale)."""
        path = folder / MANIFEST_NAME
        try:
            data = read_json(path)
            if data.get("format") != MANIFEST_FORMAT:
                raise ValueError(f"format {data.get('format')}")
            outputs = {
                name: OutputRecord(item["digest"], EditionInputs.from_json(item["inputs"]))
                for name, item in data["outputs"].items()
            }
            left_out = {str(k): str(v) for k, v in data.get("left_out", {}).items()}
            stale_review = [str(line) for line in data.get("stale_review", [])]
        except FileNotFoundError:
            return Manifest(folder)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("%s: unreadable build manifest (%s); rebuilding everything", path, exc)
            return Manifest(folder)
        return Manifest(folder, outputs, left_out, stale_review)

    def to_bytes(self) -> bytes:
        data: dict[str, Any] = {
            "format": MANIFEST_FORMAT,
            "outputs": {
                name: {"digest": record.digest, "inputs": record.inputs.to_json()}
                for name, record in sorted(self.outputs.items())
            },
        }
        if self.left_out:
            data["left_out"] = dict(sorted(self.left_out.items()))
        if self.stale_review:
            data["stale_review"] = list(self.stale_review)
        return pretty_json(data, sort_keys=True).encode()

    def why_stale(self, name: str, inputs: EditionInputs) -> list[str]:
        """Why output file `name` must be rebuilt from `inputs`; empty when it is current."""
        record = self.outputs.get(name)
        if record is None:
            return ["not built yet"]
        found = digest_file(self.folder / name)
        if found is None:
            return [f"{name} is missing"]
        if found != record.digest:
            return [f"{name} was changed since it was built"]
        return changed_inputs(record.inputs, inputs)
