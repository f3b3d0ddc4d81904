"""Data files (lexicons, cue lists) read by the stages; no code lives here."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_data(name: str) -> Any:
    """Loads a YAML data file shipped in this package, once per process."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)
