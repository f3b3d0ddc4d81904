"""Content hashes: what the summary cache and the build manifest decide by (never mtimes)."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any


def digest_bytes(data: bytes) -> str:
    """The SHA-256 of some bytes, as hex."""
    return hashlib.sha256(data).hexdigest()


def digest_file(path: Path) -> str | None:
    """The SHA-256 of a file's bytes, or None when it cannot be read (missing, a folder).

    Read in chunks: a huge source is hashed before its size is checked against the limits.
    """
    try:
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None


def digest_json(value: Any) -> str:
    """The SHA-256 of a JSON-able value in canonical form (sorted keys)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return digest_bytes(text.encode())


def installed_version(package: str) -> str:
    """A package's installed version, for a cache key that its output depends on
    ("absent" when it is not installed: whatever needs it will say so)."""
    # Imported here: importlib.metadata is slow to import and most builds never ask.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "absent"


@cache
def code_fingerprint() -> str:
    """A hash of briefgen's own code and data files: a changed rule anywhere never serves a
    stale summary or brief (a version number relies on someone remembering to bump it)."""
    digest = hashlib.sha256()
    package = Path(__file__).parent.parent  # briefgen/, this file being briefgen/core/digest.py
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def package_fingerprint() -> str:
    """briefgen's version and code hash, e.g. '0.1.0+3f2a9c1d0b7e'."""
    from briefgen.core import __version__

    return f"{__version__}+{code_fingerprint()[:12]}"
