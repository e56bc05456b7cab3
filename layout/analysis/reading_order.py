"""Reading order of boxes on a page: rule-aware recursive XY-cut.

Takes a list of :class:`BBox` (blocks, figures, articles) and the page's rules;
returns the indices of the boxes in reading order. A set of boxes is split where
a horizontal band of empty space (or a rule) crosses it from side to side —
tried first, as newspaper pages stack bands of articles — else where a vertical
band does (columns, read left to right); when neither exists the boxes are
ordered topologically (Breuel: a box comes first when it overlaps another
horizontally and lies above it, or lies wholly to its left). Sorting makes each
level O(n log n).
"""

from __future__ import annotations

from collections.abc import Sequence

from layout.model import BBox

_TOLERANCE = 1.0  # pt of overlap still treated as a gap (glyph boxes touch)


def _cuts(spans: list[tuple[float, float, int]]) -> list[list[int]]:
    """Groups of indices separated by gaps in 1-D ``spans`` (start, end, index)."""
    spans.sort()
    groups: list[list[int]] = []
    reach = float("-inf")
    for start, end, index in spans:
        if not groups or start > reach - _TOLERANCE:
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


def xy_cut(boxes: Sequence[BBox], horizontal_first: bool = True) -> list[int]:
    """Indices of ``boxes`` in reading order."""

    def visit(indices: list[int]) -> list[int]:
        if len(indices) <= 1:
            return list(indices)
        rows = _cuts([(boxes[i].top, boxes[i].bottom, i) for i in indices])
        cols = _cuts([(boxes[i].x0, boxes[i].x1, i) for i in indices])
        first, second = (rows, cols) if horizontal_first else (cols, rows)
        for groups in (first, second):
            if len(groups) > 1:
                return [i for g in groups for i in visit(g)]
        return _topological(boxes, indices)

    return visit(list(range(len(boxes))))


def split_by_rules(boxes: Sequence[BBox], rules: Sequence[tuple[BBox, bool]],
                   min_span: float = 0.9) -> list[int]:
    """Reading order that first cuts along rules spanning ≥ ``min_span`` of the region.

    ``rules`` are (box, horizontal) pairs. Inside each rule-bounded region the
    order is :func:`xy_cut`'s.
    """

    def region_order(indices: list[int], region: BBox, depth: int) -> list[int]:
        if len(indices) <= 1 or depth > 12:
            sub = [boxes[i] for i in indices]
            return [indices[k] for k in xy_cut(sub)]
        for horizontal in (True, False):
            extent = region.width if horizontal else region.height
            for rb, is_h in rules:
                if is_h != horizontal:
                    continue
                if horizontal:
                    if not region.top < (rb.top + rb.bottom) / 2 < region.bottom:
                        continue
                    covered = min(rb.x1, region.x1) - max(rb.x0, region.x0)
                else:
                    if not region.x0 < (rb.x0 + rb.x1) / 2 < region.x1:
                        continue
                    covered = min(rb.bottom, region.bottom) - max(rb.top, region.top)
                if covered < min_span * extent:
                    continue
                pos = (rb.top + rb.bottom) / 2 if horizontal else (rb.x0 + rb.x1) / 2
                before, after = [], []
                for i in indices:
                    c = boxes[i].center[1] if horizontal else boxes[i].center[0]
                    (before if c < pos else after).append(i)
                if not before or not after:
                    continue
                if horizontal:
                    r1 = BBox(region.x0, region.top, region.x1, pos)
                    r2 = BBox(region.x0, pos, region.x1, region.bottom)
                else:
                    r1 = BBox(region.x0, region.top, pos, region.bottom)
                    r2 = BBox(pos, region.top, region.x1, region.bottom)
                return region_order(before, r1, depth + 1) + region_order(after, r2, depth + 1)
        sub = [boxes[i] for i in indices]
        return [indices[k] for k in xy_cut(sub)]

    if not boxes:
        return []
    return region_order(list(range(len(boxes))), BBox.enclosing(list(boxes)), 0)
