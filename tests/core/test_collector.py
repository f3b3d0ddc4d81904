"""The cycle collector's thresholds during a build, and after it."""

from __future__ import annotations

import gc

import pytest

from briefgen.core.collector import BUILD_THRESHOLD, fewer_collections


def test_young_collections_are_rarer_inside_and_restored_after_even_on_error() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        inside = gc.get_threshold()
    assert inside == (BUILD_THRESHOLD, *before[1:]) and inside[0] > before[0]
    assert gc.get_threshold() == before
    with pytest.raises(KeyError), fewer_collections():
        raise KeyError("a failed build")
    assert gc.get_threshold() == before
    assert gc.isenabled()  # cycles are still collected
