"""White between photos set side by side: the captions under them part there.

Takes the image boxes of a page; returns the boxes of the gaps between photos placed
side by side (level with each other, a narrow white strip apart). Each photo's caption
is set under it, so where two captions meet on one baseline under such a gap they are
two texts, not one line (:func:`layout.analysis.pdf.lines.glyphs_to_lines` cuts there).
:func:`photo_edges` gives each photo's left and right edges as boxes of no width: a
caption set under a photo starts or ends there, so a line under the photo does not run
on across its edge into the text beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from layout.model import BBox

NARROW = 0.25  # a gap at most this share of the narrower photo's width is a gutter


def side_by_side_gaps(images: Sequence[BBox]) -> list[BBox]:
    """Gaps between each photo and the next one to its right on its level (their
    heights overlap by half the lower one or more; nothing wider than ``NARROW`` of the
    narrower photo between them). The box spans both photos' heights."""
    ordered = sorted(images, key=lambda b: b.x0)
    gaps: list[BBox] = []
    for k, a in enumerate(ordered):
        for b in ordered[k + 1:]:
            if b.x0 > a.x1 + NARROW * a.width:
                break
            gap = b.x0 - a.x1
            if gap <= 0 or gap > NARROW * min(a.width, b.width):
                continue
            if a.vertical_overlap(b) >= 0.5 * min(a.height, b.height):
                gaps.append(BBox(a.x1, min(a.top, b.top), b.x0, max(a.bottom, b.bottom)))
                break
    return gaps


def photo_edges(images: Sequence[BBox]) -> list[BBox]:
    """The left and right edge of each photo as a box of no width, as tall as the photo."""
    return [BBox(x, b.top, x, b.bottom) for b in images for x in (b.x0, b.x1)]
