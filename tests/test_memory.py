"""heap_frozen: objects alive at its start are out of the collector's sight, and back after."""

from __future__ import annotations

import gc
import weakref

from layout.memory import heap_frozen, release_free_memory


class _Node:
    def __init__(self) -> None:
        self.itself = self  # a reference cycle: only the collector frees it


def test_collections_in_the_block_skip_what_was_alive_at_its_start():
    assert gc.get_freeze_count() == 0
    before = _Node()
    old = weakref.ref(before)
    with heap_frozen():
        assert gc.get_freeze_count() > 0
        del before
        inside = _Node()
        new = weakref.ref(inside)
        del inside
        release_free_memory()
        assert new() is None  # made in the block: collected
        assert old() is not None  # frozen: left alone until the block ends
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert old() is None


def test_heap_frozen_leaves_a_callers_freeze_alone():
    gc.freeze()
    try:
        count = gc.get_freeze_count()
        with heap_frozen():
            assert gc.get_freeze_count() == count
        assert gc.get_freeze_count() == count  # not unfrozen by the inner block
    finally:
        gc.unfreeze()
