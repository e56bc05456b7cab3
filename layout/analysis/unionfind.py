"""Union-find (disjoint sets) over the items ``0 .. n-1``, for single-linkage grouping.

Takes a number of items; :class:`DisjointSets` joins pairs (:meth:`~DisjointSets.join`),
names each item's set by its root (:meth:`~DisjointSets.root`, with path halving, so a
long chain costs little) and returns the sets of a sequence's items
(:meth:`~DisjointSets.groups`: in the order of each set's first item, the items in their
order).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


class DisjointSets:
    """Disjoint sets of the items ``0 .. size-1``, each item alone at first."""

    __slots__ = ("parent",)

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def root(self, item: int) -> int:
        """The item that names ``item``'s set."""
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def join(self, item: int, other: int) -> None:
        """Put the sets of ``item`` and ``other`` together (named by ``other``'s root)."""
        self.parent[self.root(item)] = self.root(other)

    def groups(self, items: Sequence[T]) -> list[list[T]]:
        """``items`` (item ``k`` of the sets is ``items[k]``) grouped by set."""
        out: dict[int, list[T]] = {}
        for k, item in enumerate(items):
            out.setdefault(self.root(k), []).append(item)
        return list(out.values())
