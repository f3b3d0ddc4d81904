"""Stable statement ids: equal inputs give equal ids, so builds and diffs are reproducible."""

from __future__ import annotations

import hashlib

from briefgen.model import Anchor


def statement_id(prefix: str, anchor: Anchor) -> str:
    """An id from a statement's first anchor, e.g. "bg-1a2b3c4d5e"."""
    digest = hashlib.sha1(
        f"{anchor.source}:{anchor.start}:{anchor.end}".encode(), usedforsecurity=False
    ).hexdigest()
    return f"{prefix}-{digest[:10]}"
