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


def _frozen(thing: object) -> bool:
    """Whether ``thing`` is in the permanent generation (gc.get_objects leaves it out)."""
    return not any(o is thing for o in gc.get_objects())


def test_heap_frozen_leaves_a_callers_freeze_alone():
    held = [[]]  # an object the caller froze (the freeze count itself drops whenever a
    # frozen object dies, so the test follows one object, not the count)
    gc.freeze()
    try:
        with heap_frozen():
            assert _frozen(held)
        assert _frozen(held)  # not unfrozen by the inner block
    finally:
        gc.unfreeze()
    assert not _frozen(held)
