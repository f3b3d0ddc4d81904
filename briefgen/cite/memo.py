"""The CSL processor's answers an edition's last build got, kept by what it was asked.

Citing a brief runs pandoc once (0.2-0.4 s for an edition of a large corpus, on the
critical path of a build), and most rebuilds ask it the same again: a source edited
without changing what the edition cites. An answer is a function of the Markdown of the
notes, the bibliography's CSL items, the style file and the pandoc binary, so it is filed
under a hash of all of them.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path
from typing import Any

from briefgen.core.digest import digest_file, digest_json
from briefgen.core.fileio import write_atomic
from briefgen.core.jsontext import pretty_json, read_json
from briefgen.core.kept import KeptResults

log = logging.getLogger(__name__)

CITATION_FORMAT = 1
# Under the output folder with the other caches, not in a brief's folder: a build that
# fails may have filed an answer, and leaves a brief's outputs and records as they were.
CITATION_CACHE = Path(".cache") / "citations"


@cache
def _processor() -> tuple[str, str]:
    """The pandoc binary pypandoc runs, and its version."""
    import pypandoc

    return pypandoc.get_pandoc_path(), pypandoc.get_pandoc_version()


def citation_key(markdown: str, items: list[dict[str, Any]], style: Path) -> str:
    """The hash an answer to `markdown` with these CSL items and style is filed under."""
    return digest_json([markdown, items, digest_file(style), *_processor(), CITATION_FORMAT])


class CitationMemo(KeptResults):
    """One edition's kept answers of the CSL processor: its HTML and its warnings."""

    def get(self, key: str) -> tuple[str, tuple[str, ...]] | None:
        """The answer filed under `key`, or None (absent, unreadable or not to be reused)."""
        self.used.add(key)
        if not self.reuse:
            return None
        try:
            kept = read_json(self.folder / f"{key}.json")
            if kept["format"] != CITATION_FORMAT:
                return None
            return str(kept["output"]), tuple(str(m) for m in kept["messages"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, output: str, messages: tuple[str, ...]) -> None:
        """Keeps an answer; a memo that cannot be written only costs the next build time."""
        self.used.add(key)
        kept = {"format": CITATION_FORMAT, "output": output, "messages": list(messages)}
        try:
            write_atomic(self.folder / f"{key}.json", pretty_json(kept).encode())
        except OSError as exc:
            log.warning("%s: cannot keep the citations (%s)", self.folder, exc)
