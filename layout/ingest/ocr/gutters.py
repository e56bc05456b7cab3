"""Detected line boxes cut at column gutters before they are recognised.

Takes the detector's line boxes (``N x 4 x 2``: corners from top left, clockwise,
pixels) and the page image they were found in (grey or BGR, as a numpy array); returns
the boxes with each one that runs across a column gutter cut there, so that every piece
is read on its own (the detector joins the lines of neighbouring columns across a
narrow gutter, and a line read across a gutter loses characters and mixes columns).

A gutter is found in the page's whitespace, not from any layout: a run of pixel columns
blank over the line's height (but for a thin margin) and on down the page for ``RUN``
line heights above and below the line together, ``SIDE`` of them on each side, between
text on both sides for ``FLANK`` line heights of those rows (a gutter runs down between
two columns' lines, past the lines before and after: blank paper is no gutter;
the gaps after marks or between the words of one line line up with a neighbour's at
most by chance), at least
``GUTTER_WIDTH`` line heights wide, leaving no piece under ``MIN_PIECE`` line heights
long (a mark or a character beside a gap: a line spaced out is not cut between its
characters) and none under ``SHORT_PIECE`` but by a gap of ``WIDE_GAP`` (the blank
after a paragraph's short last line is wide; after a mark at a column's edge, not). Runs at a box's
ends are its margin, not a gutter. A rule across the gutter (ink ``RULE`` line heights
long, as of a box's frame or the rule closing an article) ends the columns as the page's
edge does: the blank reaches on past it. Boxes standing on end, and boxes under ``MIN_LENGTH``
line heights long, are left alone.
"""

from __future__ import annotations

from typing import Any

GUTTER_WIDTH = 0.4  # line heights: the least blank between two columns' text
MIN_PIECE = 1.2  # line heights: the narrowest piece a line is cut into
SHORT_PIECE = 3.0  # line heights: a piece shorter than this is cut off by a wide gap only,
WIDE_GAP = 1.0  # line heights: as wide as this
RUN = 6.0  # line heights: the blank a gutter runs down the page beside a line (above and
# below it together)
SIDE = 2.5  # line heights: and on each side (past the next two lines' ink)
FLANK = 1.2  # line heights of rows above and below where text stands on both sides of it
MIN_LENGTH = 3.0  # line heights: a shorter box holds no gutter worth cutting
RULE = 3.0  # line heights: ink running across this long, centred on a gutter's column, is a
# rule (a box's frame, a rule under an article), not a character's stroke
INK_SHARE = 0.6  # a pixel darker than this share of the way from ink to paper is ink
_INSET = 0.1  # line heights: the top and bottom of a line box not looked at (a
# neighbouring line's ink may reach into its margin)


def ink_mask(image: Any) -> Any:
    """Which pixels of a page image are ink (a boolean array, rows x columns): darker
    than ``INK_SHARE`` of the way from the ink's grey (2nd percentile) to the paper's
    (98th)."""
    import numpy as np

    grey = image if image.ndim == 2 else image[:, :, 0]
    ink, paper = np.percentile(grey[::4, ::4], (2, 98))
    return grey < ink + INK_SHARE * (paper - ink)


def true_runs(blank: Any) -> list[tuple[int, int]]:
    """The runs of True in a boolean row: ``(start, end)``, end exclusive."""
    import numpy as np

    padded = np.concatenate(([False], blank, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return [(int(a), int(b)) for a, b in zip(edges[0::2], edges[1::2], strict=True)]


def gutter_cuts(ink: Any, box: Any) -> list[tuple[float, float]]:
    """The gutters a line box (``4 x 2``, corners from top left, clockwise) crosses:
    ``(start, end)`` in page pixel columns, left to right. The line and the blank above
    and below it follow the box's top and bottom edges (a slightly turned page)."""
    import numpy as np

    rows, cols = ink.shape
    top_left, top_right, bottom_right, bottom_left = (np.asarray(p, dtype=np.float64)
                                                      for p in box)
    height = float(np.linalg.norm(bottom_left - top_left))
    c0 = max(0, int(round(min(top_left[0], bottom_left[0]))))
    c1 = min(cols, int(round(max(top_right[0], bottom_right[0]))))
    if c1 - c0 < 3 or height < 2:
        return []
    inset, reach = _INSET * height, int(RUN * height)
    step = max(4, int(height / 2))
    line = np.zeros(c1 - c0, bool)
    above = np.zeros(c1 - c0, np.int64)  # blank pixels above the line, and below
    below = np.zeros(c1 - c0, np.int64)

    def edge(p: Any, q: Any, x: float) -> float:
        span = float(q[0] - p[0])
        t = 0.5 if abs(span) < 1e-6 else (x - float(p[0])) / span
        return float(p[1] + t * (q[1] - p[1]))

    def blank(r0: float, r1: float, a: int, b: int) -> Any:
        r0, r1 = max(0, int(r0)), min(rows, int(r1))
        if r1 <= r0:
            return np.ones(b - a, bool)
        return ~ink[r0:r1, a:b].any(axis=0)

    def blank_reach(start: float, step: int, a: int, b: int) -> Any:
        """How far from row ``start``, up (``step`` -1) or down (1), each pixel column
        stays blank, at most ``reach`` (beyond the page's edge is blank)."""
        start = int(start)
        if step < 0:
            block = ink[max(0, start - reach):max(0, start), a:b][::-1]
        else:
            block = ink[min(rows, start):min(rows, start + reach), a:b]
        if not block.shape[0]:  # the line touches the image's edge: blank beyond it
            return np.full(b - a, reach)
        first = block.argmax(axis=0)
        found = block.any(axis=0)
        row = int(first[(b - a) // 2])
        if found[(b - a) // 2] and ruled(start + step * row if step > 0 else start - 1 - row,
                                         (a + b) // 2):
            found[:] = False  # a rule closes the columns here: as the page's edge
        return np.where(found, first, reach)

    half_rule = int(RULE * height / 2)

    def ruled(r: int, x: int) -> bool:
        """Whether the ink at row ``r``, column ``x`` is a rule's: ink in every column
        ``RULE / 2`` line heights each way, within a pixel up or down (a slight turn)."""
        if not 0 <= r < rows or x - half_rule < 0 or x + half_rule > cols:
            return False
        band = ink[max(0, r - 1):r + 2, x - half_rule:x + half_rule]
        return bool(band.any(axis=0).all())

    for a in range(c0, c1, step):
        b = min(c1, a + step)
        middle = (a + b) / 2
        top = edge(top_left, top_right, middle)
        bottom = edge(bottom_left, bottom_right, middle)
        line[a - c0:b - c0] = blank(top + inset, bottom - inset, a, b)
        above[a - c0:b - c0] = blank_reach(top, -1, a, b)
        below[a - c0:b - c0] = blank_reach(bottom, 1, a, b)
    side = SIDE * height
    box_top, box_bottom = float(np.min(box[:, 1])), float(np.max(box[:, 1]))
    bands = [ink[max(0, int(box_top) - reach):max(0, int(box_top))],
             ink[min(rows, int(box_bottom)):min(rows, int(box_bottom) + reach)]]

    def flanked(start: int, end: int) -> bool:
        """Whether, above and below the line, the blank from ``start`` to ``end`` runs
        between ink on both sides of it for ``FLANK`` line heights of rows."""
        width = int(height)
        rows_beside = 0
        for band in bands:
            if not band.shape[0]:
                continue
            strip = ~band[:, start:end].any(axis=1)
            left = band[:, max(0, start - width):start].any(axis=1)
            right = band[:, end:end + width].any(axis=1)
            rows_beside += int((strip & left & right).sum())
        return rows_beside >= FLANK * height

    through = (above >= side) & (below >= side) & (above + below >= reach)
    cuts = []
    for a, b in true_runs(line & through):
        if a == 0 or b == c1 - c0 or b - a < GUTTER_WIDTH * height:
            continue  # the box's margin, or too narrow for a gutter
        if not ((~line[:a]).any() and (~line[b:]).any()):
            continue  # no ink on one side
        if not flanked(c0 + a, c0 + b):
            continue  # no text beside it above or below: blank paper, no gutter
        cuts.append((float(c0 + a), float(c0 + b)))
    # a piece as narrow as a mark or a character is no column's, and a short one (a
    # paragraph's last line, a column's start) stands apart by a wide gap: else the
    # narrowest gap beside it is no gutter
    while cuts:
        edges = [float(c0)] + [x for cut in cuts for x in cut] + [float(c1)]
        wrong = set()
        for k in range(len(cuts) + 1):
            width = edges[2 * k + 1] - edges[2 * k]
            beside = [j for j in (k - 1, k) if 0 <= j < len(cuts)]
            if width < MIN_PIECE * height:
                wrong.update(beside)
            elif width < SHORT_PIECE * height:
                wrong.update(j for j in beside if cuts[j][1] - cuts[j][0] < WIDE_GAP * height)
        if not wrong:
            break
        del cuts[min(wrong, key=lambda j: cuts[j][1] - cuts[j][0])]
    return cuts


def cut_at_gutters(boxes: Any, image: Any, ink: Any | None = None) -> Any:
    """``boxes`` (``N x 4 x 2``) with each box set across that crosses a gutter replaced
    by its pieces (in its place, left to right), each piece ending a quarter of a line
    height (at most half the gutter) into the gutter; ``ink``: ``image``'s
    :func:`ink_mask` when the caller has it already."""
    import numpy as np

    boxes = np.asarray(boxes, dtype=np.float32).reshape(-1, 4, 2)
    heights = [float(np.linalg.norm(box[3] - box[0])) for box in boxes]
    across = [k for k, (box, height) in enumerate(zip(boxes, heights, strict=True))
              if height > 0 and float(np.linalg.norm(box[1] - box[0])) >= MIN_LENGTH * height]
    cuts: dict[int, list[tuple[float, float]]] = {}
    if across:
        ink = ink_mask(image) if ink is None else ink
        cuts = {k: gutter_cuts(ink, boxes[k]) for k in across}
    out = []
    for k, box in enumerate(boxes):
        height = heights[k]
        xs = box[:, 0]
        if not cuts.get(k):
            out.append(box)
            continue
        cuts_k = cuts[k]
        margin = [min(0.25 * height, (b - a) / 2) for a, b in cuts_k]
        edges = [float(xs.min())] + [x for (a, b), m in zip(cuts_k, margin, strict=True)
                                     for x in (a + m, b - m)] + [float(xs.max())]
        for left, right in zip(edges[0::2], edges[1::2], strict=True):
            out.append(_slice(box, left, right))
    return np.array(out, dtype=np.float32).reshape(-1, 4, 2)


def _slice(box: Any, left: float, right: float) -> Any:
    """The part of a quadrilateral box between the page columns ``left`` and ``right``
    (its top and bottom edges followed, so a slightly turned box stays turned)."""
    import numpy as np

    def at(p: Any, q: Any, x: float) -> Any:
        span = float(q[0] - p[0])
        t = 0.0 if abs(span) < 1e-6 else min(max((x - float(p[0])) / span, 0.0), 1.0)
        return p + t * (q - p)

    top_left, top_right, bottom_right, bottom_left = box
    return np.array([at(top_left, top_right, left), at(top_left, top_right, right),
                     at(bottom_left, bottom_right, right), at(bottom_left, bottom_right, left)],
                    dtype=np.float32)
