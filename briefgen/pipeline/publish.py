"""Publishing an edition: its files, changes report and record staged together, written
only when every edition of the brief is ready, files whose bytes are unchanged skipped."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from briefgen.core.deadline import shielded
from briefgen.core.digest import digest_bytes, digest_file
from briefgen.core.fileio import StagedFile, commit, discard, stage_file
from briefgen.core.jsontext import read_json
from briefgen.pipeline.manifest import EDITIONS_DIR, EditionInputs, Manifest, OutputRecord
from briefgen.render.changes import EditionRecord, changes_markdown
from briefgen.render.edition import RenderedEdition
from briefgen.render.export import dumps

log = logging.getLogger(__name__)


def _record_path(folder: Path, audience: str) -> Path:
    return folder / EDITIONS_DIR / f"{audience}.json"


def load_record(folder: Path, audience: str) -> EditionRecord | None:
    """The last edition built for an audience, or None (first edition, or unreadable)."""
    path = _record_path(folder, audience)
    try:
        return EditionRecord.from_json(read_json(path))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("%s: unreadable record of the last edition (%s); starting afresh", path, exc)
        return None


def stage_edition(
    writes: PendingWrites,
    manifest: Manifest,
    rendered: RenderedEdition,
    inputs: EditionInputs,
    previous: EditionRecord | None,
) -> None:
    """Adds an edition's files to `writes` and their records to `manifest`; a new edition
    (content unlike `previous`) also replaces the record the next build compares with."""
    audience = rendered.edition.audience
    for extension, data in rendered.outputs.items():
        name = f"{audience}.{extension}"
        writes.add(writes.folder / name, data)
        templates: dict[str, str | None] = {**rendered.templates[extension]}
        manifest.outputs[name] = OutputRecord(
            digest_bytes(data), replace(inputs, templates=templates)
        )
    if previous is None or not previous.snapshot.same_content(rendered.snapshot):
        # A new edition: its changes report and record replace the last one's.
        record = EditionRecord(rendered.snapshot, rendered.changes)
        writes.add(_record_path(writes.folder, audience), dumps(record.to_json()).encode())
    writes.add(
        writes.folder / f"{audience}.changes.json", dumps(rendered.changes.to_json()).encode()
    )
    writes.add(
        writes.folder / f"{audience}.changes.md", changes_markdown(rendered.changes).encode()
    )


@dataclass
class PendingWrites:
    """The files a build will write; a file that already holds the same bytes is skipped."""

    folder: Path
    files: dict[Path, bytes] = field(default_factory=dict)

    def add(self, path: Path, data: bytes) -> None:
        self.files[path] = data

    def stage(self, staged: list[StagedFile]) -> None:
        """Stages every file whose bytes changed, appending it to `staged` (so a caller can
        discard what was staged if a later file fails)."""
        for path, data in self.files.items():
            if digest_file(path) != digest_bytes(data):
                staged.append(stage_file(path, data))


def publish(pending: Sequence[PendingWrites]) -> list[Path]:
    """Writes the files of several briefs: all are staged before any is renamed into place,
    so running out of space or an interruption while staging leaves every previous edition
    whole."""
    staged: list[StagedFile] = []
    try:
        for writes in pending:
            writes.stage(staged)
    except BaseException:
        discard(staged)
        raise
    with shielded():  # renames are quick; a time limit must not leave half a brief
        commit(staged)
    return [item.target for item in staged]
