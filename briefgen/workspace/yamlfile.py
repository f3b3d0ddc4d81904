"""Loading YAML inputs with line numbers and validating them against a declared schema.

Every problem is reported as `file:line: key.path: message`, all of them at once, so an
analyst fixes a file in one pass (MkDocs' config validation works the same way).
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import yaml

from briefgen.core.digest import code_fingerprint, digest_bytes, digest_json
from briefgen.core.fileio import write_atomic
from briefgen.core.jsontext import read_json
from briefgen.errors import ConfigError

# libyaml's parser when PyYAML was built with it (about ten times faster on a catalogue of
# a thousand entries), else the pure-Python one; both give the same data and marks.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):  # type: ignore[valid-type,misc]
    """SafeLoader that keeps dates as strings: `2011-03` and `2011-03-17` keep their precision."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# A path into a YAML document, as jsonschema reports it: keys and list indices.
KeyPath = tuple[str | int, ...]


def load_yaml(path: Path) -> tuple[Any, dict[KeyPath, int]]:
    """Parses a YAML file; returns the data and the 1-based line of every key path."""
    return _parse(path, _read(path))


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ConfigError([f"{path}: cannot read: {exc}"]) from exc


def _parse(path: Path, raw: bytes) -> tuple[Any, dict[KeyPath, int]]:
    """The data of a YAML file's bytes, and the line of every key path."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError([f"{path}: cannot read: {exc}"]) from exc
    loader = _Loader(text)
    try:
        # One parse: the node tree gives the lines, and the data is built from it.
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = exc.problem or exc.context or "invalid YAML"
        raise ConfigError([f"{where}: invalid YAML: {problem}"]) from exc
    except yaml.YAMLError as exc:
        raise ConfigError([f"{path}: invalid YAML: {exc}"]) from exc
    finally:
        loader.dispose()
    lines: dict[KeyPath, int] = {}
    if node is not None:
        _index_lines(node, (), lines)
    return data, lines


def _index_lines(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_path = (*path, str(key_node.value))
            _index_lines(value_node, key_path, lines)
            lines[key_path] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_lines(item, (*path, index), lines)


def format_key_path(path: KeyPath) -> str:
    """`audiences[0].name` style rendering of a key path."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(top level)"


def line_of(lines: dict[KeyPath, int], path: KeyPath) -> int:
    """The line of the deepest known prefix of `path`."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return 1


def schema_problems(
    data: Any, schema: dict[str, Any], path: Path, lines: dict[KeyPath, int]
) -> list[str]:
    """Every schema violation in `data`, formatted with file, line and key."""
    # Imported here: a build whose files are all in the validation cache never needs it,
    # and it is a tenth of a no-op build's imports.
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    problems: list[tuple[int, str]] = []
    for error in validator.iter_errors(data):
        where: KeyPath = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = sorted(error.schema.get("properties", {}))
            for key in sorted(k for k in error.instance if k not in allowed):
                key_path = (*where, key)
                hint = suggest(key, allowed)
                problems.append(
                    (
                        line_of(lines, key_path),
                        f"{format_key_path(key_path)}: unknown key{hint}",
                    )
                )
            continue
        message = error.message
        if error.validator == "enum" and isinstance(error.instance, str):
            allowed_values = [str(v) for v in error.validator_value]
            message = f"{error.instance!r} is not an allowed value" + (
                suggest(error.instance, allowed_values)
                or f" (allowed: {', '.join(allowed_values[:8])}, ...)"
            )
        problems.append((line_of(lines, where), f"{format_key_path(where)}: {message}"))
    return [f"{path}:{line}: {message}" for line, message in sorted(problems)]


def suggest(word: str, choices: list[str]) -> str:
    """A ` (did you mean 'x'?)` hint for a misspelt name, or an empty string."""
    close = difflib.get_close_matches(word, choices, n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(f"'{c}'" for c in close) + "?)"


def load_validated(
    path: Path, schema: dict[str, Any], cache: Path | None = None
) -> tuple[Any, dict[KeyPath, int]]:
    """Loads a YAML file and raises ConfigError listing every schema problem in it.

    With a `cache` folder, a file whose bytes were parsed and found valid before (under
    the same schema and briefgen code) is read back from there: a catalogue of a
    thousand sources takes about a second to parse and validate, its JSON a few
    hundredths, and a build that changes nothing should cost little more than that.
    """
    raw = _read(path)  # read once: for the cache's key and, if it has none, to parse
    slot = key = None
    if cache is not None:
        key = digest_json(
            {"bytes": digest_bytes(raw), "schema": schema, "code": code_fingerprint()}
        )
        # One file per input file: a new version replaces the last, so the cache stays small.
        slot = cache / f"{digest_bytes(str(path.resolve()).encode())}.json"
        kept = _read_slot(slot, key)
        if kept is not None:
            return kept
    data, lines = _parse(path, raw)
    problems = schema_problems(data, schema, path, lines)
    if problems:
        raise ConfigError(problems)
    if slot is not None and key is not None:
        _write_slot(slot, key, data, lines)
    return data, lines


def _read_slot(slot: Path, key: str) -> tuple[Any, dict[KeyPath, int]] | None:
    try:
        kept = read_json(slot)
        if kept["key"] != key:
            return None
        return kept["data"], {tuple(where): line for where, line in kept["lines"]}
    except (OSError, ValueError, KeyError, TypeError):
        return None  # absent, from another version or damaged: parse again


def _write_slot(slot: Path, key: str, data: Any, lines: dict[KeyPath, int]) -> None:
    """Keeps a parsed file, unless JSON would not give back the same data (YAML allows
    keys that are numbers, JSON does not)."""
    text = json.dumps(
        {"key": key, "data": data, "lines": [[list(w), n] for w, n in lines.items()]},
        ensure_ascii=False,
    )
    if json.loads(text)["data"] != data:
        return
    try:
        slot.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(slot, text.encode())
    except OSError:
        pass  # a cache that cannot be written only costs the next build a parse
