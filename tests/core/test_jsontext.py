"""Indented JSON text: the json module's text, whichever encoder writes it."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from briefgen.core.jsontext import pretty_json

# What briefgen writes: strings of any script, integers, booleans, null, nested.
_SCALARS = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text()
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


def _reference(value: Any, sort_keys: bool) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=sort_keys) + "\n"


@given(_VALUES, st.booleans())
def test_the_same_text_as_the_json_module(value: Any, sort_keys: bool) -> None:
    assert pretty_json(value, sort_keys=sort_keys) == _reference(value, sort_keys)


def test_scripts_control_characters_and_empty_containers() -> None:
    value = {"b": ["ﺑﺎﻛﺴﺘﺎﻥ", "tab\there", "nul\x00", "\u2028", "«quote»"], "a": {}, "c": []}
    for sort_keys in (False, True):
        assert pretty_json(value, sort_keys=sort_keys) == _reference(value, sort_keys)


def test_an_integer_past_64_bits_is_still_written() -> None:
    assert pretty_json({"n": 2**70}) == _reference({"n": 2**70}, False)
