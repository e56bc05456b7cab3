"""Reading order of boxes on a page: recursive XY-cut.

Takes a list of :class:`BBox` (blocks, figures, article heads); returns the indices
of the boxes in reading order. A set of boxes is split where a band of empty space
crosses it from side to side — horizontal bands first by default (pages stack bands
of articles), vertical bands first for an article's body (columns, read left to
right, each top to bottom); when neither exists the boxes are ordered topologically
(Breuel: a box comes first when it overlaps another horizontally and lies above it,
or lies wholly to its left). Rules act earlier, when items are grouped into
articles. Sorting makes each level O(n log n).
"""

from __future__ import annotations

from collections.abc import Sequence

from layout.model import BBox

_TOLERANCE = 1.0  # pt of overlap still treated as a gap (glyph boxes touch)


def _cuts(spans: list[tuple[float, float, int]], min_gap: float = 0.0) -> list[list[int]]:
    """Groups of indices separated by gaps in 1-D ``spans`` (start, end, index) wider
    than ``min_gap``."""
    spans.sort()
    groups: list[list[int]] = []
    reach = float("-inf")
    for start, end, index in spans:
        if not groups or start > reach + min_gap - _TOLERANCE:
            groups.append([index])
            reach = end
        else:
            groups[-1].append(index)
            reach = max(reach, end)
    return groups


def _topological(boxes: Sequence[BBox], indices: list[int]) -> list[int]:
    """Breuel's partial order, resolved by a stable sort on (top, x0) for ties."""
    remaining = sorted(indices, key=lambda i: (boxes[i].top, boxes[i].x0))
    if len(remaining) > 150:  # quadratic search is not worth it on such clutter
        return remaining
    order: list[int] = []
    while remaining:
        for pos, i in enumerate(remaining):
            a = boxes[i]
            blocked = False
            for j in remaining:
                if j == i:
                    continue
                b = boxes[j]
                above = b.horizontal_overlap(a) > _TOLERANCE and b.bottom <= a.top + _TOLERANCE
                left = b.x1 <= a.x0 + _TOLERANCE and b.vertical_overlap(a) > _TOLERANCE
                if above or left:
                    blocked = True
                    break
            if not blocked:
                order.append(remaining.pop(pos))
                break
        else:  # a cycle (overlapping boxes): take the top-left one
            order.append(remaining.pop(0))
    return order


def xy_cut(boxes: Sequence[BBox], horizontal_first: bool = True,
           min_row_gap: float = 0.0) -> list[int]:
    """Indices of ``boxes`` in reading order; a horizontal band of space cuts only when it
    is wider than ``min_row_gap`` (an article's body: no wider than its text's leading,
    the band between a column's last line and the next column's first is no cut)."""

    def visit(indices: list[int]) -> list[int]:
        if len(indices) <= 1:
            return list(indices)
        rows = _cuts([(boxes[i].top, boxes[i].bottom, i) for i in indices], min_row_gap)
        cols = _cuts([(boxes[i].x0, boxes[i].x1, i) for i in indices])
        first, second = (rows, cols) if horizontal_first else (cols, rows)
        for groups in (first, second):
            if len(groups) > 1:
                return [i for g in groups for i in visit(g)]
        return _topological(boxes, indices)

    return visit(list(range(len(boxes))))
