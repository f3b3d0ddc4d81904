"""Stable statement ids: equal inputs give equal ids, so builds and diffs are reproducible."""

from __future__ import annotations

import hashlib

from briefgen.model import Anchor


def statement_id(prefix: str, anchor: Anchor) -> str:
    """An id from the passage a statement is about, e.g. "bg-1a2b3c4d5e": where it is and
    its words, so an analyst's review of a statement never applies to other words once
    the source changes (the id is then gone, and the review entry stale)."""
    digest = hashlib.sha1(
        f"{anchor.source}:{anchor.start}:{anchor.end}:{anchor.quote}".encode(),
        usedforsecurity=False,
    ).hexdigest()
    return f"{prefix}-{digest[:10]}"
