"""Headlines converted to outlines: filled shapes set in rows like type, as heading blocks.

Takes the filled shapes of a page (:attr:`layout.ingest.raw.RawPage.shapes`: glyph
contours when a press system exports a headline as curves), its photo boxes and the body
size; returns one :class:`~layout.analysis.pdf.blocks.TextBlock` per row of such shapes,
holding one line of a single glyph with no text, sized like the type it was (its ink is
about :data:`INK_EM` of an em tall; a row of two glyphs only, narrower than that, counts
when it stacks on such a row: a headline broken into short lines). The heading stage
takes them as it takes a headline set in type
(:func:`layout.analysis.pdf.roles.heading_groups`): the kicker above and the subtitle
below join it, and its article gets no headline text rather than the
subtitle or kicker promoted to headline. Shapes merge into pieces when they lie within a
quarter of the body size of each other (the strokes and contours of one glyph; shapes are
hashed into a grid of that side, so the work grows with the shapes, not with their sizes
or the distances between them; a piece twice a common piece's height with a band of white
across it is two lines set solid, cut there), pieces into rows when level, at most one and a half
times a piece's height apart and no vertical rule between (but a glyph's stroke drawn as a
rule, tight between two of its pieces; a sweep left to right).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from layout.analysis.pdf.blocks import TextBlock
from layout.analysis.pdf.text_line import TextLine
from layout.analysis.unionfind import DisjointSets
from layout.ingest.raw import Glyph, Rule
from layout.model import BBox

OUTLINE_FONT = "(outlines)"  # the face name of an outline glyph
INK_EM = 0.85  # a CJK glyph's ink spans about this share of its em
MAX_GLYPH_EM = 12.0  # shapes taller than this many body sizes are drawings, not glyphs
STROKE_EDGE_EM = 0.04  # ems a stroke drawn as a rule may stand above or below its row
STROKE_REACH_EM = 0.25  # ems it may stand beyond the row's ends
STROKE_MAX_EM = 1.1  # ems a stroke may be long (a longer rule is a rule)
STACKED_LINES = 1.7  # a piece this many times the common piece's height spans two lines
LINE_SHARE = 0.6  # of the common piece's height each line of such a piece is at least


def outline_blocks(shapes: Sequence[BBox], photos: Sequence[BBox], body: float,
                   headline_ratio: float = 1.25, rules: Sequence[Rule] = ()) -> list[TextBlock]:
    """Heading blocks of the runs of shapes that look like a headline in outlines: rows
    of ink at least ``headline_ratio`` of the body size (as an em) tall and twice as wide
    as tall (two glyphs or more), outside every photo; no row runs across a vertical
    rule (two headlines side by side)."""
    return [TextBlock([_row_line(box, size)])
            for box, size in outline_rows(shapes, photos, body, headline_ratio, rules)]


def outline_rows(shapes: Sequence[BBox], photos: Sequence[BBox], body: float,
                 headline_ratio: float = 1.25, rules: Sequence[Rule] = ()
                 ) -> list[tuple[BBox, float]]:
    """The box and type size (pt) of each row of shapes :func:`outline_blocks` makes a
    heading block of (the regions OCR reads on a text-layer page)."""
    if body <= 0 or not shapes:
        return []
    reach = 0.25 * body
    boxes = [b for b in shapes if b.height <= MAX_GLYPH_EM * body and b.width <= 40 * body
             and not any(_inside(b, p) for p in photos)]
    clusters = _clusters(boxes, reach)  # glyphs (or touching ones)
    pieces = [BBox.enclosing(c) for c in _lines_apart(clusters, headline_ratio * body * INK_EM)]
    walls = [r for r in rules if not r.horizontal]
    rows = [(len(row), _row_line(*_row_box(row))) for row in _rows_of_pieces(pieces, walls)]
    rows = [(n, line) for n, line in rows if line.size >= headline_ratio * body]
    kept = [line for _, line in rows if line.bbox.width >= 2 * line.bbox.height]
    short = [line for n, line in rows if n >= 2 and line not in kept
             and line.bbox.width >= 1.4 * line.bbox.height]
    grown = True
    while grown:  # a headline broken into lines of two glyphs (我心 / 中的 / 两条江)
        grown = False
        for line in short:
            if any(_stacked(line, other) for other in kept):
                kept.append(line)
                short.remove(line)
                grown = True
                break
    return [(with_strokes(line.bbox, line.size, rules), line.size)
            for line in sorted(kept, key=lambda ln: (ln.top, ln.x0))]


def strokes_of(box: BBox, size: float, rules: Sequence[Rule]) -> list[BBox]:
    """The rules that are strokes of the glyphs of the row ``box`` of type ``size`` pt (a
    press system may draw a straight stroke, the 丨 of 引 or a whole 一, as a thin filled
    rectangle a reader takes for a rule): within the row's height (``STROKE_EDGE_EM``),
    no longer than ``STROKE_MAX_EM``, at most ``STROKE_REACH_EM`` beyond its ends."""
    edge, reach = STROKE_EDGE_EM * size, STROKE_REACH_EM * size
    return [r.bbox for r in rules
            if r.bbox.top >= box.top - edge and r.bbox.bottom <= box.bottom + edge
            and r.bbox.x1 >= box.x0 - reach and r.bbox.x0 <= box.x1 + reach
            and r.bbox.width <= STROKE_MAX_EM * size]


def with_strokes(box: BBox, size: float, rules: Sequence[Rule]) -> BBox:
    """A row's box grown over the rules that are strokes of its glyphs (:func:`strokes_of`:
    a headline opening with 一 starts where that bar does)."""
    strokes = strokes_of(box, size, rules)
    return BBox.enclosing([box, *strokes]) if strokes else box


def _row_box(row: Sequence[BBox]) -> tuple[BBox, float]:
    """A row's ink box and the size of the type it is (a glyph's ink is ``INK_EM`` of an
    em): from its tallest glyph, not the whole row's ink, which marks set high or low in
    their cells stretch (“对不对”， spans more than 要学: the lines of one headline, one
    with quotes, one without, would come out of unlike sizes)."""
    box = BBox.enclosing(list(row))
    return box, min(box.height, max(b.height for b in row)) / INK_EM


def _stacked(a: TextLine, b: TextLine) -> bool:
    """Two rows of outlines of one size set one under the other (lines of one headline):
    heights within a fifth, at most half a row's height apart, overlapping sideways."""
    ha, hb = a.bbox.height, b.bbox.height
    gap = max(a.top, b.top) - min(a.bottom, b.bottom)
    return (abs(ha - hb) <= 0.2 * max(ha, hb) and gap <= 0.5 * max(ha, hb)
            and a.bbox.horizontal_overlap(b.bbox) > 0)


def _inside(box: BBox, photo: BBox) -> bool:
    return (box.x0 >= photo.x0 - 1 and box.x1 <= photo.x1 + 1 and box.top >= photo.top - 1
            and box.bottom <= photo.bottom + 1)


def _clusters(boxes: Sequence[BBox], reach: float) -> list[list[BBox]]:
    """Boxes grouped where they lie within ``reach`` of each other (single linkage)."""
    sets = DisjointSets(len(boxes))

    side = max(reach, 1e-6)
    grid: dict[tuple[int, int], list[int]] = {}
    for i, b in enumerate(boxes):
        cells = [(cx, cy)
                 for cx in range(math.floor((b.x0 - reach) / side),
                                 math.floor((b.x1 + reach) / side) + 1)
                 for cy in range(math.floor((b.top - reach) / side),
                                 math.floor((b.bottom + reach) / side) + 1)]
        for cell in cells:
            for j in grid.get(cell, ()):
                o = boxes[j]
                if (o.x0 - reach <= b.x1 and b.x0 - reach <= o.x1
                        and o.top - reach <= b.bottom and b.top - reach <= o.bottom):
                    sets.join(i, j)
            grid.setdefault(cell, []).append(i)
    return sets.groups(boxes)


def _lines_apart(clusters: list[list[BBox]], least: float) -> list[list[BBox]]:
    """The clusters with those that span two lines of a headline set solid split between
    them (a bracket or comma of one line within a quarter em of the next line's glyphs
    ties the lines' glyphs into one piece): a cluster at least ``STACKED_LINES`` times as
    tall as the common piece (the median of those at least ``least`` tall: headline type)
    is cut across at a band of white no shape of it crosses, where both sides stay at
    least ``LINE_SHARE`` of that height tall (a glyph's own parts, 二 or 吕, are lower)."""
    heights = sorted(h for c in clusters if (h := BBox.enclosing(c).height) >= least)
    if not heights:
        return clusters
    common = heights[len(heights) // 2]
    out: list[list[BBox]] = []
    todo = list(clusters)
    while todo:
        cluster = todo.pop()
        if BBox.enclosing(cluster).height < STACKED_LINES * common:
            out.append(cluster)
            continue
        cut = _white_band(cluster, LINE_SHARE * common)
        if cut is None:
            out.append(cluster)
            continue
        todo += [[b for b in cluster if b.bottom <= cut], [b for b in cluster if b.top >= cut]]
    return out


def _white_band(boxes: Sequence[BBox], least: float) -> float | None:
    """The middle of the widest band across ``boxes`` that none of them crosses, with at
    least ``least`` of their ink above it and below it; None if there is none."""
    ordered = sorted(boxes, key=lambda b: b.top)
    top, bottom = ordered[0].top, max(b.bottom for b in ordered)
    best: tuple[float, float] | None = None
    reached = ordered[0].bottom
    for box in ordered[1:]:
        if box.top > reached and reached - top >= least and bottom - box.top >= least:
            gap = box.top - reached
            if best is None or gap > best[0]:
                best = (gap, (reached + box.top) / 2)
        reached = max(reached, box.bottom)
    return None if best is None else best[1]


def _rows_of_pieces(pieces: Sequence[BBox], walls: Sequence[Rule]) -> list[list[BBox]]:
    """Pieces set on one row (heights overlapping by half the smaller one) and at most
    1.5 times the taller one's height apart with no vertical rule between, left to right
    (the glyphs of one headline line, across letter spacing and horizontal scaling)."""
    ordered = sorted(pieces, key=lambda b: b.x0)
    sets = DisjointSets(len(ordered))

    reach = 1.5 * max((b.height for b in ordered), default=0.0)
    for i, a in enumerate(ordered):
        for j in range(i + 1, len(ordered)):
            b = ordered[j]
            if b.x0 - a.x1 > reach:
                break
            if (b.x0 - a.x1 <= 1.5 * max(a.height, b.height)
                    and a.vertical_overlap(b) >= 0.5 * min(a.height, b.height)
                    and not _wall_between(walls, a, b)):
                sets.join(j, i)
    return sets.groups(ordered)


def _wall_between(walls: Sequence[Rule], a: BBox, b: BBox) -> bool:
    """A vertical rule between ``a`` and ``b`` over their height that is not a stroke of
    a glyph (:func:`_stroke_between`)."""
    left, right = (a, b) if a.x1 <= b.x1 else (b, a)
    return any(left.x1 - 1 <= r.position <= right.x0 + 1
               and r.bbox.top < min(a.bottom, b.bottom) and r.bbox.bottom > max(a.top, b.top)
               and not _stroke_between(r.bbox, left, right) for r in walls)


def _stroke_between(rule: BBox, left: BBox, right: BBox) -> bool:
    """Whether a vertical rule between two pieces is a straight stroke of a glyph drawn as
    a filled rectangle (the 丨 of 引 beside its 弓): no taller than the taller piece by a
    tenth and set tight against both, within a quarter of that height (a rule between two
    headlines side by side stands in a gutter of an em or so)."""
    tall = max(left.height, right.height)
    return (rule.height <= 1.1 * tall and rule.x0 - left.x1 <= 0.25 * tall
            and right.x0 - rule.x1 <= 0.25 * tall)


def _row_line(box: BBox, size: float) -> TextLine:
    glyph = Glyph("", box.x0, box.top, box.x1, box.bottom, size, OUTLINE_FONT,
                  baseline=box.bottom)
    return TextLine((glyph,))
