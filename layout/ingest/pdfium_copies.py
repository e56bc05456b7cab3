"""Text PDFium's text layer hides: the second copy of text drawn twice.

Takes the addresses of the page's text objects, the glyphs and styles the text layer
gave per object, and a way to describe any text object (:class:`PageText`); returns,
per hidden copy, the glyphs it draws. PDFium drops a text object that repeats one of
the five before it (same codes and size, overlapping, offset by less than a
character) and a character repeating one of the seven before it on its line within
0.07 em: fake bold and shadows then read as one copy. The PDF reader must see every
drawn glyph (the analysis decides what is fake bold), so a text object the text layer
left empty is matched to a visible object of the same font, font size and box size
within one em, and its glyphs are that object's shifted by the offset between the two
boxes, painted as the copy is.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from layout.ingest.raw import Glyph
from layout.model import BBox

SIZE_TOLERANCE = 0.05  # pt: boxes of the same codes in the same font differ by float noise
CELL = 16.0  # pt: grid for finding originals near a copy
MAX_SPAN = 64  # cells searched each way at most (1024 pt: larger type is not a page's)


@dataclass(frozen=True, slots=True)
class PageText:
    """One text object as drawn: in which font and size, how painted, where."""

    font: str
    size: float
    render_mode: int
    color: tuple[float, ...]
    bbox: BBox | None


def hidden_copies(addresses: Sequence[int], visible: dict[int, list[Glyph]],
                  sizes: dict[int, float], describe: Callable[[int], PageText]
                  ) -> dict[int, list[Glyph]]:
    """Glyphs of every text object the text layer left empty, by object address.

    ``sizes`` holds the text-space font size of each visible object."""
    hidden = [a for a in addresses if a not in visible]
    if not hidden:
        return {}
    described: dict[int, PageText] = {}

    def get(address: int) -> PageText:
        if address not in described:
            described[address] = describe(address)
        return described[address]

    searched = [(address, copy) for address, copy in ((a, get(a)) for a in hidden)
                if copy.bbox is not None and not copy.bbox.width < 0.01]
    # only objects of a font and size some copy has can be found (the grid's key)
    wanted = {(copy.font, round(copy.size, 3)) for _, copy in searched}
    fonts = {font for font, _ in wanted}
    grid: dict[tuple[str, float, int, int], list[int]] = {}
    for address, glyphs in visible.items():
        first = glyphs[0]
        if first.font not in fonts:
            continue
        size = round(sizes[address], 3)
        if (first.font, size) in wanted:
            key = (first.font, size, int(first.x0 // CELL), int(first.top // CELL))
            grid.setdefault(key, []).append(address)
    copies: dict[int, list[Glyph]] = {}
    for address, copy in searched:
        original = _original_of(copy, grid, get)
        if original is None:
            continue
        box, found = get(original).bbox, copy.bbox
        assert box is not None
        dx, dy = found.x0 - box.x0, found.top - box.top
        copies[address] = [_shifted(g, dx, dy, copy) for g in visible[original]]
    return copies


def _original_of(copy: PageText, grid: dict[tuple[str, float, int, int], list[int]],
                 get: Callable[[int], PageText]) -> int | None:
    box = copy.bbox
    assert box is not None
    reach = max(box.height, 1.0)  # one em, about: the box of the same glyphs
    cx, cy = int(box.x0 // CELL), int(box.top // CELL)
    # the first glyph's loose box may start left of the ink; capped so the search does not
    # grow with a size written in the file (a copy of a glyph over MAX_SPAN cells is left
    # unrecovered: the original it would duplicate is kept anyway)
    span = min(int(reach // CELL) + 2, MAX_SPAN)
    best, best_distance = None, None
    for gx in range(cx - span, cx + span + 1):
        for gy in range(cy - span, cy + span + 1):
            for address in grid.get((copy.font, round(copy.size, 3), gx, gy), ()):
                b = get(address).bbox
                if (b is None or abs(b.width - box.width) > SIZE_TOLERANCE
                        or abs(b.height - box.height) > SIZE_TOLERANCE):
                    continue
                dx, dy = abs(b.x0 - box.x0), abs(b.top - box.top)
                if dx > reach or dy > reach:
                    continue
                if best_distance is None or dx + dy < best_distance:
                    best, best_distance = address, dx + dy
    return best


def _shifted(glyph: Glyph, dx: float, dy: float, copy: PageText) -> Glyph:
    baseline = None if glyph.baseline is None else glyph.baseline + dy
    return dataclasses.replace(glyph, x0=glyph.x0 + dx, x1=glyph.x1 + dx, top=glyph.top + dy,
                               bottom=glyph.bottom + dy, baseline=baseline,
                               color=copy.color, render_mode=copy.render_mode)
