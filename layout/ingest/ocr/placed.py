"""OCR's characters set on a PDF's own glyph boxes, where the PDF has them as codes.

Takes the raw page OCR gave for a PDF page (its glyphs in the order of its
``ocr_lines``, each line's characters left to right), the glyphs the screen step left
out of the PDF's text layer as codes (a font with no usable Unicode map:
:attr:`layout.ingest.raw.RawPage.coded`; their boxes and sizes are right, their text is
not) and the page's readable glyphs (these keep their own text); returns the page with
each upright OCR line whose box holds as many of those glyphs (centres inside, one row,
copies drawn over each other for fake bold counted once) as the line has characters set
on them, left to right: each character takes its glyph's box, size and face, so a line
the detector ran across a column gutter falls apart there as the PDF sets it, and a
kicker's or subtitle's size is the printed one. A line with another count keeps OCR's
boxes and takes the middle size of the glyphs its box holds (when it holds any). Without
coded glyphs the page is returned as it is.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence

from layout.ingest.raw import Glyph, OcrLine, RawPage

_COPY_EM = 0.15  # a glyph of the same code this close (ems) to another is a copy of it
_ROW_EM = 0.5  # glyphs of one row have centres this close (ems of their size) up and down


def distinct_codes(coded: Sequence[Glyph]) -> list[Glyph]:
    """``coded`` without the copies fake bold draws over a glyph (same code, same face,
    within ``_COPY_EM``), in order of their centres down the page."""
    ordered = sorted(coded, key=lambda g: (g.text, g.font, g.x0, g.top))
    kept: list[Glyph] = []
    for g in ordered:
        last = kept[-1] if kept else None
        if (last is not None and last.text == g.text and last.font == g.font
                and abs(g.x0 - last.x0) <= _COPY_EM * g.size
                and abs(g.top - last.top) <= _COPY_EM * g.size):
            continue
        kept.append(g)
    kept.sort(key=lambda g: g.center_y)
    return kept


def placed_on_codes(page: RawPage, coded: Sequence[Glyph],
                    readable: Sequence[Glyph] = ()) -> RawPage:
    """``page`` (OCR's) with its lines set on the ``coded`` glyphs and the page's
    ``readable`` ones, which keep their own text (see the module doc)."""
    lines = page.ocr_lines or ()
    counts = [len("".join(line.text.split())) for line in lines]
    if not coded or sum(counts) != len(page.glyphs):
        return page  # nothing to set on, or glyphs not in line order
    boxes = [*coded, *readable]
    drawn = {id(g): k for k, g in enumerate(boxes)}
    own_text = {id(g) for g in readable}
    codes = distinct_codes(boxes)
    centres = [g.center_y for g in codes]
    taken = [False] * len(codes)
    out: list[tuple[int, Glyph]] = []
    at = 0
    for line, count in zip(lines, counts, strict=True):
        glyphs = list(page.glyphs[at:at + count])
        at += count
        out.extend((k, g) for k, g in _placed(line, glyphs, codes, centres, taken))
    out = [(k, codes[k] if k >= 0 and id(codes[k]) in own_text else g) for k, g in out]
    # in the order the PDF draws its glyphs (OCR's own after them, in line order)
    order = sorted(range(len(out)), key=lambda j: (
        drawn[id(codes[out[j][0]])] if out[j][0] >= 0 else len(boxes), j))
    return dataclasses.replace(page, glyphs=tuple(out[j][1] for j in order))


def _placed(line: OcrLine, glyphs: list[Glyph], codes: Sequence[Glyph],
            centres: Sequence[float], taken: list[bool]) -> list[tuple[int, Glyph]]:
    """The line's glyphs, each with the index of the code it is set on (-1: none)."""
    box = line.bbox
    if not glyphs or not all(g.upright for g in glyphs):
        return [(-1, g) for g in glyphs]
    lo = bisect.bisect_left(centres, box.top)
    hi = bisect.bisect_right(centres, box.bottom)
    inside = [k for k in range(lo, hi) if not taken[k] and codes[k].upright
              and box.x0 <= (codes[k].x0 + codes[k].x1) / 2 <= box.x1]
    if not inside:
        return [(-1, g) for g in glyphs]
    sizes = sorted(codes[k].size for k in inside)
    middle = sizes[len(sizes) // 2]
    one_row = (max(centres[k] for k in inside) - min(centres[k] for k in inside)
               <= _ROW_EM * middle)
    if len(inside) == len(glyphs) and one_row:
        inside.sort(key=lambda k: codes[k].x0)
        for k in inside:
            taken[k] = True
        return [(k, dataclasses.replace(codes[k], text=g.text)) for g, k in
                zip(sorted(glyphs, key=lambda g: g.x0), inside, strict=True)]
    out = []
    for g in glyphs:  # OCR's boxes, the printed size
        x, y = (g.x0 + g.x1) / 2, g.center_y
        half = middle / 2
        width = (g.x1 - g.x0) * middle / max(g.size, 1e-6)
        out.append((-1, dataclasses.replace(g, x0=x - width / 2, x1=x + width / 2,
                                            top=y - half, bottom=y + half, size=middle)))
    return out
