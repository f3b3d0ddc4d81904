"""Data files (lexicons, cue lists) read by the stages; no code lives here."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_data(name: str) -> Any:
    """Loads a YAML data file shipped in this package, once per process."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@cache
def cue_pattern(key: str) -> re.Pattern[str]:
    """The lexicon's cue list under `key` as one case-blind pattern: any cue matches."""
    cues = load_data("lexicon.yaml")[key]
    return re.compile("|".join(f"(?:{cue})" for cue in cues), re.I)
