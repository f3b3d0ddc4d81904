"""Errors the library raises. The CLI turns them into a message and exit code 1."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class BriefgenError(Exception):
    """Base of every error briefgen reports to a user; its message says what and where."""


class ConfigError(BriefgenError):
    """A spec, catalogue or other YAML input is malformed or fails its schema.

    `problems` holds one line per problem (`file:line: key: message`), all reported at once.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class SourceError(BriefgenError):
    """A source file cannot be read or decoded."""


class CitationError(BriefgenError):
    """The CSL processor failed or the citation style is unknown."""


class RenderError(BriefgenError):
    """A template or the PDF renderer failed."""


class BuildLockedError(BriefgenError):
    """Another build holds the output folder and the caller chose not to wait."""


class BuildTimeoutError(BriefgenError):
    """The build ran past its time limit (`--timeout`) and was stopped."""


class SourceBugError(SourceError):
    """An unexpected exception while reading or summarising one source: a bug in briefgen,
    contained to that source so the brief builds from the others.

    The message names the file, says it is a bug and how to report it; `details` holds the
    traceback, which the CLI shows with --debug.
    """

    def __init__(self, path: Path, doing: str, exc: Exception) -> None:
        self.details = "".join(traceback.format_exception(exc))
        super().__init__(
            f"{path}: unexpected {type(exc).__name__} while {doing} it ({exc}); the source is "
            "left out. This is a bug in briefgen: run the command again with --debug (before "
            "the command name) for the traceback, and report it with the file if you can share it."
        )


@contextmanager
def contained(path: Path, doing: str) -> Iterator[None]:
    """Turns an unexpected exception while `doing` the source at `path` into a SourceBugError.

    One source that trips a bug must not stop a brief built from a hundred others: the
    source is left out like an unreadable file, named, and the bug still shows as a bug
    (the traceback is logged at debug level, which --debug prints). Running out of memory
    and the build's own limits are not the source's fault and pass through.
    """
    try:
        yield
    except (BriefgenError, MemoryError):
        raise
    except Exception as exc:
        error = SourceBugError(path, doing, exc)
        logging.getLogger(__name__).debug("%s", error.details)
        raise error from exc
