"""Errors the library raises. The CLI turns them into a message and exit code 1."""

from __future__ import annotations


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

    def __init__(self, path: object, doing: str, exc: Exception) -> None:
        import traceback  # only on this rare path

        self.details = "".join(traceback.format_exception(exc))
        super().__init__(
            f"{path}: unexpected {type(exc).__name__} while {doing} it ({exc}); the source is "
            "left out. This is a bug in briefgen: run the command again with --debug (before "
            "the command name) for the traceback, and report it with the file if you can share it."
        )
