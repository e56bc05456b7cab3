"""Clean a page's glyphs before grouping: invisible text out, fake bold collapsed.

Takes the :class:`layout.ingest.raw.Glyph` list of one page; returns the glyphs
a reader sees, once each. Text drawn in render mode 3 (invisible, e.g. OCR
layers), whitespace glyphs and glyphs with a non-finite or non-positive size or
position are dropped. Fake bold — the same glyph drawn two or more times at a
small offset — is collapsed to its first copy with a tolerance scaled to the font
size (poppler's 0.1 em along the line, 0.2 em across).

The dedupe hashes each glyph into a grid cell keyed by its text, a size class
(sizes grow by 10 % per class) and a cell of that class's tolerance, and looks
only at the few neighbouring cells: the work is linear in the number of glyphs
whatever the sizes and coordinates written in the file. A glyph box that its font's
metrics put off its own baseline (the baseline in the box's upper half: the box hangs
below the line) is set back on the baseline, so a run in such a face (digits, Latin)
lines up with the text around it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from layout.ingest.raw import INVISIBLE_RENDER_MODE, Glyph

SIZE_STEP = 1.1  # one size class spans sizes within this ratio (the 10 % size tolerance)
_LOG_STEP = math.log(SIZE_STEP)
MAX_REACH = 2  # cells a tolerance can span (bounded by SIZE_STEP, see _cell_reach)
HASHABLE = 1e15  # pt: sizes and coordinates beyond this are kept as they are, never compared


def _finite(g: Glyph) -> bool:
    return all(math.isfinite(v) for v in (g.x0, g.top, g.x1, g.bottom, g.size))


def visible_glyphs(glyphs: Sequence[Glyph]) -> list[Glyph]:
    """Glyphs that print something: not render mode 3, not whitespace, finite, not zero-size."""
    isfinite = math.isfinite
    return [
        g for g in glyphs
        if g.render_mode != INVISIBLE_RENDER_MODE and not g.text.isspace()
        and isfinite(g.x0) and isfinite(g.top) and isfinite(g.x1) and isfinite(g.bottom)
        and isfinite(g.size) and g.size > 0 and g.text != "\ufffd"
    ]


def _size_class(size: float) -> int:
    return math.floor(math.log(size) / _LOG_STEP)


def _cell_reach(tolerance: float, side: float) -> int:
    """Cells of ``side`` a search of ``tolerance`` around a point must cover (at most 2)."""
    return min(MAX_REACH, int(tolerance // side) + 1)


def dedupe_fake_bold(glyphs: Sequence[Glyph], along: float = 0.1,
                     across: float = 0.2) -> list[Glyph]:
    """Glyphs without the repeated copies fake bold draws (same text, offset within tolerance).

    ``along`` and ``across`` are fractions of the font size (em). Order is kept. A glyph is
    a copy of an earlier kept one with the same text when its sizes differ by at most 10 %
    and its origin lies within ``along`` em horizontally and ``across`` em vertically.
    """
    # text -> size class -> (cell x, cell y) -> kept glyphs: a glyph looks only at the
    # classes its text was kept in, and at the cells of those that are near it
    cells: dict[str, dict[int, dict[tuple[int, int], list[Glyph]]]] = {}
    kept: list[Glyph] = []
    side_of: dict[int, tuple[float, float]] = {}

    def sides(size_class: int) -> tuple[float, float]:
        known = side_of.get(size_class)
        if known is None:
            upper = SIZE_STEP ** (size_class + 1)  # every size of the class is below this
            known = side_of[size_class] = (max(along * upper, 1e-9), max(across * upper, 1e-9))
        return known

    # per distinct size (a page has a few): its class and, for each class its copies may
    # lie in, that class's cell sides and how many cells a search spans
    plans: dict[float, tuple[int, list[tuple[int, float, float, int, int]]]] = {}
    floor = math.floor
    for g in glyphs:
        size = g.size
        if not (0 < size < HASHABLE and abs(g.x0) < HASHABLE and abs(g.top) < HASHABLE):
            kept.append(g)  # nothing to compare (ingest drops such glyphs before this)
            continue
        plan = plans.get(size)
        if plan is None:
            own = _size_class(size)
            dx_max, dy_max = along * size, across * size
            searches = []
            for k in range(own - 2, own + 2):  # sizes within 10 % of size lie in these
                wx, wy = sides(k)
                searches.append((k, wx, wy, _cell_reach(dx_max, wx), _cell_reach(dy_max, wy)))
            plan = plans[size] = (own, searches)
        own, searches = plan
        text, x0, top = g.text, g.x0, g.top
        dx_max, dy_max = along * size, across * size
        duplicate = False
        classes = cells.get(text)
        for k, wx, wy, rx, ry in searches if classes is not None else ():
            grid = classes.get(k)  # type: ignore[union-attr]
            if grid is None:
                continue
            cx, cy = floor(x0 / wx), floor(top / wy)
            if len(grid) <= (2 * rx + 1) * (2 * ry + 1):
                near = [found for (i, j), found in grid.items()
                        if abs(i - cx) <= rx and abs(j - cy) <= ry]
            else:
                near = [grid[i, j] for i in range(cx - rx, cx + rx + 1)
                        for j in range(cy - ry, cy + ry + 1) if (i, j) in grid]
            for found in near:
                for other in found:
                    if (abs(other.x0 - x0) <= dx_max and abs(other.top - top) <= dy_max
                            and abs(other.size - size) <= 0.1 * size):
                        duplicate = True
                        break
                if duplicate:
                    break
            if duplicate:
                break
        if duplicate:
            continue
        wx, wy = sides(own)
        grid = cells.setdefault(text, {}).setdefault(own, {})
        grid.setdefault((floor(x0 / wx), floor(top / wy)), []).append(g)
        kept.append(g)
    return kept


_ASCENT, _DESCENT = 0.88, 0.12  # em: the ideographic em box around a baseline


def on_baseline(glyphs: Sequence[Glyph]) -> list[Glyph]:
    """Glyphs whose box does not hold its baseline sensibly (less than half an em of the
    box above the baseline, or more than half an em below it) get the em box of their
    size on that baseline; the others are returned as they are."""
    out: list[Glyph] = []
    for g in glyphs:
        base = g.baseline
        if base is not None and g.size > 0 and (
                base - g.top < 0.5 * g.size or g.bottom - base > 0.5 * g.size):
            g = replace(g, top=base - _ASCENT * g.size, bottom=base + _DESCENT * g.size)
        out.append(g)
    return out


def clean_glyphs(glyphs: Sequence[Glyph], along: float = 0.1, across: float = 0.2) -> list[Glyph]:
    """:func:`visible_glyphs`, :func:`on_baseline`, then :func:`dedupe_fake_bold`."""
    return dedupe_fake_bold(on_baseline(visible_glyphs(glyphs)), along, across)
