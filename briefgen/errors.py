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
