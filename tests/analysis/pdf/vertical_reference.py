"""The vertical stage's neighbour searches as plain loops over the cells (a cell at a time,
through bins of cells sorted by centre): the reference the array sweeps of
``layout.analysis.pdf.vertical_search`` must agree with, figure for figure."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence

from layout.analysis.pdf.vertical import Cell

_INF = float("inf")


def _lined_up(a: Cell, b: Cell, size: float) -> bool:
    if abs(a.cx - b.cx) <= 0.3 * size:
        return True
    loose_a, loose_b = a.turned or a.mark or a.narrow, b.turned or b.mark or b.narrow
    overlap = min(a.x1, b.x1) - max(a.x0, b.x0)
    if loose_a and loose_b:
        right_of_corner = (a.corner and b.cx > a.cx + 0.3 * size) or (
            b.corner and a.cx > b.cx + 0.3 * size)
        return overlap > -0.1 * size and not right_of_corner
    return (loose_a or loose_b) and overlap >= 0.3 * min(a.x1 - a.x0, b.x1 - b.x0, size)


def _like_sizes(a: Cell, b: Cell) -> bool:
    if a.turned or b.turned:
        return True
    return 0.8 <= a.size / b.size <= 1.25 if b.size else False


class Index:
    """Cells binned by x centre and by y centre, each bin sorted by top / by x0."""

    def __init__(self, cells: Sequence[Cell], bin_pt: float = 4.0) -> None:
        self.bin = bin_pt
        self.columns: dict[int, list[tuple[float, int]]] = defaultdict(list)
        self.rows: dict[int, list[tuple[float, int]]] = defaultdict(list)
        for k, c in enumerate(cells):
            self.columns[int(c.cx // bin_pt)].append((c.top, k))
            self.rows[int(c.cy // bin_pt)].append((c.x0, k))
        for bucket in (*self.columns.values(), *self.rows.values()):
            bucket.sort()

    def near(self, table: dict[int, list[tuple[float, int]]], centre: float, reach: float,
             lo: float, hi: float) -> list[int]:
        out: list[int] = []
        for b in range(int((centre - reach) // self.bin), int((centre + reach) // self.bin) + 1):
            bucket = table.get(b)
            if not bucket:
                continue
            k = bisect.bisect_left(bucket, (lo, -1))
            while k < len(bucket) and bucket[k][0] <= hi:
                out.append(bucket[k][1])
                k += 1
        return out


def row_gap(k: int, cells: Sequence[Cell], index: Index) -> tuple[float, int | None]:
    c = cells[k]
    if c.turned:
        return _INF, None
    size = c.size
    best, who = _INF, None
    reach = 3.0 * size
    for j in index.near(index.rows, c.cy, 0.3 * size, c.x0 - reach - 2 * size, c.x1 + reach):
        d = cells[j]
        if j == k or d.turned or not _like_sizes(c, d) or abs(d.cy - c.cy) > 0.3 * size \
                or (d.mark and not d.dash):
            continue
        gap = max(d.x0 - c.x1, c.x0 - d.x1)
        if gap < -0.3 * size or gap > reach:
            continue
        if max(gap, 0.0) < best:
            best, who = max(gap, 0.0), j
    return best, who


def _room(cell: Cell, gap: float) -> float:
    return _INF if cell.turned or (cell.mark and not cell.dash) else gap


def chain_pairs(cells: Sequence[Cell], index: Index, max_gap_em: float,
                rows: Sequence[tuple[float, int | None]]) -> list[tuple[float, int, int]]:
    pairs: list[tuple[float, int, int]] = []
    for k, c in enumerate(cells):
        size = c.size
        reach = max(size, 8.0)
        across = (1.5 if c.turned else 0.8) * reach
        for j in index.near(index.columns, c.cx, across, c.top,
                            c.bottom + (1.5 * max_gap_em + 0.5) * reach):
            d = cells[j]
            if j == k:
                continue
            ref = (size if not c.turned else d.size if not d.turned
                   else max(size, d.size, 0.5 * reach))
            high = d.turned and not (c.mark and not c.dash)
            below = d.top >= c.top + 0.25 * min(size, d.size) or (
                (high or d.corner) and d.top > c.top)
            if not below or not _like_sizes(c, d) or not _lined_up(c, d, ref):
                continue
            gap = d.top - c.bottom
            loose = 0.5 if c.turned and d.turned else 0.0
            if c.turned and d.turned and c.closing and d.opening:
                loose = 1.0
            if gap < (-0.95 if high else -0.6) * ref or gap > (max_gap_em + loose) * ref:
                continue
            slack = (0.5 if c.corner else 0.05) * ref
            if not (c.turned or d.turned) and max(gap, 0.0) > min(
                    _room(c, rows[k][0]), _room(d, rows[j][0])) + slack:
                continue
            if c.turned != d.turned:
                upright, row = (d, rows[j][0]) if c.turned else (c, rows[k][0])
                if max(gap, 0.0) > _room(upright, row) + 0.5 * ref:
                    continue
            pairs.append((gap, k, j))
    return sorted(pairs)
