"""Clean a page's glyphs before grouping: invisible text out, fake bold collapsed.

Takes the :class:`layout.ingest.raw.Glyph` list of one page; returns the glyphs
a reader sees, once each. Text drawn in render mode 3 (invisible, e.g. OCR
layers), whitespace glyphs and glyphs with a non-finite or non-positive size or
position are dropped. Fake bold — the same glyph drawn two or more times at a
small offset — is collapsed to its first copy with a tolerance scaled to the font
size (poppler's 0.1 em along the line, 0.2 em across).

The dedupe hashes each glyph into a grid cell keyed by its text, a size class
(sizes grow by 10 % per class) and a cell a few times that class's tolerance, and looks
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
CELL_SPAN = 5.0  # a grid cell's side over the widest tolerance searching it (> 2)
_PAD = 0.01  # cells: search windows widened by this, for the rounding of the divisions
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


def dedupe_fake_bold(glyphs: Sequence[Glyph], along: float = 0.1,
                     across: float = 0.2) -> list[Glyph]:
    """Glyphs without the repeated copies fake bold draws (same text, offset within tolerance).

    ``along`` and ``across`` are fractions of the font size (em). Order is kept. A glyph is
    a copy of an earlier kept one with the same text when its sizes differ by at most 10 %
    and its origin lies within ``along`` em horizontally and ``across`` em vertically.
    """
    # text -> size class -> (cell x, cell y) -> kept glyphs. A class's cells are
    # CELL_SPAN times the widest tolerance of any size searching it (sizes below
    # SIZE_STEP ** (class + 3)), so a search window is under half a cell: it spans one
    # or two cells each way, found from where the glyph lies in its own cell
    cells: dict[str, dict[int, dict[tuple[int, int], list[Glyph]]]] = {}
    kept: list[Glyph] = []
    sides: dict[int, tuple[float, float]] = {}
    # per distinct size (a page has a few): its class, its tolerances and the classes
    # its copies may lie in (sizes within 10 %) with their cell sides
    plans: dict[float, tuple[int, float, float, list[tuple[int, float, float]]]] = {}
    floor = math.floor
    for g in glyphs:
        size = g.size
        if not (0 < size < HASHABLE and abs(g.x0) < HASHABLE and abs(g.top) < HASHABLE):
            kept.append(g)  # nothing to compare (ingest drops such glyphs before this)
            continue
        plan = plans.get(size)
        if plan is None:
            own = _size_class(size)
            searches = []
            for k in range(own - 2, own + 2):  # sizes within 10 % of size lie in these
                side = sides.get(k)
                if side is None:
                    upper = CELL_SPAN * SIZE_STEP ** (k + 3)
                    side = sides[k] = (max(along * upper, 1e-9), max(across * upper, 1e-9))
                searches.append((k, *side))
            plan = plans[size] = (own, along * size, across * size, searches)
        own, dx_max, dy_max, searches = plan
        text, x0, top = g.text, g.x0, g.top
        duplicate = False
        classes = cells.get(text)
        for k, wx, wy in searches if classes is not None else ():
            grid = classes.get(k)  # type: ignore[union-attr]
            if grid is None:
                continue
            u, v = x0 / wx, top / wy
            hx, hy = dx_max / wx + _PAD, dy_max / wy + _PAD
            xs = range(floor(u - hx), floor(u + hx) + 1)
            for j in range(floor(v - hy), floor(v + hy) + 1):
                for i in xs:
                    found = grid.get((i, j))
                    if found is None:
                        continue
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
                break
        if duplicate:
            continue
        wx, wy = sides[own]
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
