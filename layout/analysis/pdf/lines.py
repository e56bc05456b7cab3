"""Group clean glyphs into text lines.

Takes the visible, deduplicated glyphs of a page and its vertical rules; returns
:class:`~layout.analysis.pdf.text_line.TextLine` objects: runs of glyphs on one
baseline that no column gutter, rule or change of type size separates (in body text a
gap is measured between the printed halves of CJK marks, whose em boxes may reach into
a gutter; other text, such as a caption spanning columns, is cut only where a whole
gutter lies in a gap; the gutters come from :mod:`layout.analysis.pdf.gutters`).
Glyphs are bucketed into rows by their vertical centre (sorted sweep, no pairwise
comparison), then each row is cut where the gap to the next glyph exceeds ``gap_em`` of
the font size or a vertical rule passes. Turned glyphs (a side label set at 90°) make
lines of their own, in drawing order (:func:`rotated_lines`).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Sequence

from layout.analysis.pdf.gutters import (
    CLOSING_MARKS,
    OPENING_MARKS,
    common_ends,
    crosses_gutter,
    find_gutters,
    holds_gutter,
    ink_left,
    ink_right,
    median,
    near,
)
from layout.analysis.pdf.text_line import TextLine, base_font
from layout.clean import is_cjk, is_cjk_punct
from layout.ingest.raw import Glyph, Rule
from layout.model import BBox


def _rows(glyphs: Sequence[Glyph], tolerance: float) -> list[list[Glyph]]:
    """Glyphs bucketed by baseline: a glyph joins an open row within tolerance·size."""
    rows: list[tuple[float, float, list[Glyph]]] = []  # (centre, size, glyphs)
    open_rows: list[int] = []
    for g in sorted(glyphs, key=lambda x: x.base_y):
        cy = g.base_y
        open_rows = [i for i in open_rows if cy - rows[i][0] <= tolerance * rows[i][1] + 1e-6]
        best, best_d = -1, 0.0
        for i in open_rows:
            centre, size, _ = rows[i]
            ratio = g.size / size
            if not 0.7 <= ratio <= 1.45:
                continue
            d = abs(cy - centre)
            if d <= tolerance * min(size, g.size) and (best < 0 or d < best_d):
                best, best_d = i, d
        if best >= 0:
            rows[best][2].append(g)
        else:
            rows.append((cy, g.size, [g]))
            open_rows.append(len(rows) - 1)
    return _lower_superscripts(rows)


def _lower_superscripts(rows: list[tuple[float, float, list[Glyph]]]) -> list[list[Glyph]]:
    """Rows of a few small raised glyphs (footnote marks ①, superscripts) join the line
    they sit on: the next baseline down, within 0.6 of its size, set larger, spanning them."""
    centres = [r[0] for r in rows]  # rows were opened in baseline order
    merged: set[int] = set()
    for i, (centre, size, glyphs) in enumerate(rows):
        if len(glyphs) > 3:
            continue
        x0, x1 = min(g.x0 for g in glyphs), max(g.x1 for g in glyphs)
        k = bisect.bisect_right(centres, centre)
        while k < len(rows) and rows[k][0] - centre <= 0.6 * rows[k][1]:
            c_centre, c_size, c_glyphs = rows[k]
            if (k not in merged and size <= 0.85 * c_size and c_centre > centre
                    and min(g.x0 for g in c_glyphs) - c_size <= x0
                    and x1 <= max(g.x1 for g in c_glyphs) + c_size):
                c_glyphs.extend(glyphs)
                merged.add(i)
                break
            k += 1
    return [r[2] for i, r in enumerate(rows) if i not in merged]


def _vertical_cuts(rules: Sequence[Rule]) -> list[Rule]:
    return sorted((r for r in rules if not r.horizontal), key=lambda r: r.position)


def _rule_between(cuts: Sequence[Rule], x_left: float, x_right: float, top: float,
                  bottom: float) -> bool:
    for r in cuts:
        if r.position < x_left:
            continue
        if r.position > x_right:
            break
        if r.bbox.top <= bottom and r.bbox.bottom >= top:
            return True
    return False


def _cjk_glyph(g: Glyph) -> bool:
    return is_cjk(g.text[0]) or is_cjk_punct(g.text[0])


def _unprint(row: list[Glyph]) -> list[list[Glyph]]:
    """A row sorted left to right; split by type style when two styles overprint each other
    (one text drawn across another), so their glyphs do not interleave.

    CJK punctuation does not count: its box is a full em while squeezed punctuation
    (，2022；) advances half of that, so a run in another face (digits, Latin) set right
    after it overlaps its box without being drawn across it. An opening mark sorts by
    where its print starts (the right half of its box): drawn kerned back over the
    glyph before it (2.《光伏, the 《 box starting left of the full stop's) it still
    follows that glyph."""
    row.sort(key=ink_left)
    clash = any(b.x0 < a.x1 - 0.4 * min(a.size, b.size)
                and (base_font(a.font), round(a.size, 1)) != (base_font(b.font), round(b.size, 1))
                and not is_cjk_punct(a.text[0]) and not is_cjk_punct(b.text[0])
                for a, b in zip(row, row[1:], strict=False))
    if not clash:
        return [row]
    styles: dict[tuple[str, float], list[Glyph]] = {}
    for g in row:
        styles.setdefault((base_font(g.font), round(g.size, 1)), []).append(g)
    return list(styles.values())


def _split_row(row: list[Glyph], breaks: Callable[[Glyph, Glyph], bool]) -> list[TextLine]:
    lines: list[TextLine] = []
    current: list[Glyph] = [row[0]]
    for g in row[1:]:
        if breaks(current[-1], g):
            lines.append(TextLine(tuple(current)))
            current = [g]
        else:
            current.append(g)
    lines.append(TextLine(tuple(current)))
    return lines


def glyphs_to_lines(glyphs: Sequence[Glyph], rules: Sequence[Rule] = (), gap_em: float = 0.55,
                    latin_gap_em: float = 0.75, max_gap_em: float = 1.6,
                    row_tolerance: float = 0.3,
                    photo_gaps: Sequence[BBox] = (),
                    photo_edges: Sequence[BBox] = (),
                    photos: Sequence[BBox] = ()) -> list[TextLine]:
    """Lines of a page, in no particular order (sort them as you need).

    Two passes. The first cuts rows at every gap wider than ``gap_em`` (next to CJK
    text) or ``latin_gap_em`` (between Latin glyphs) of the font size, only to find
    the column gutters (:func:`find_gutters`). The second cuts at gutters, vertical
    rules, changes of type size and gaps wider than ``max_gap_em``, so that loosely
    justified lines stay whole; a wider gap in body text that the body lines just above
    or below print across is a justification gap too, and is kept. With no gutter found,
    rows are cut at every gap of the first pass but such justification gaps. Both passes
    cut a gap of half an em or more under the white between two photos side by side
    (``photo_gaps``, :mod:`layout.analysis.pdf.photo_gaps`) within four lines of their
    foot: the captions of the two photos (and their credits under them); and a gap of
    0.3 em or more at a photo's left or right edge (``photo_edges``) within three lines
    under it: a caption's end, and the text beside the photo's column. A body line is
    also cut where it leaves the columns' common right edge by a gutter's width with
    nothing under the gap on the next line: an article's last column of one line. With no
    gutter found, a gap within the width of a photo right above (``photos``, within four
    lines of its foot) and narrower than ``max_gap_em`` is a space in its caption (a
    credit set flush right and spaced out: 本报记者　徐静军　摄), not a cut.
    """
    cuts = _vertical_cuts(rules)
    rows = [part for row in _rows(glyphs, row_tolerance) for part in _unprint(row)]

    def hard_break(prev: Glyph, g: Glyph) -> bool:
        gap, a, b = g.x0 - prev.x1, g.size, prev.size
        size = a if a < b else b
        if gap <= 0.1 * size:  # (most pairs: every cut below needs a wider gap)
            return False
        return ((max(a, b) / size > 1.25 and gap > 0.25 * size)
                or (bool(photo_gaps) and gap > 0.5 * size
                    and _under_photo_gap(photo_gaps, prev, g))
                or (bool(photo_edges) and gap > 0.3 * size
                    and _at_photo_edge(photo_edges, prev, g))
                or (bool(cuts) and _rule_between(cuts, prev.x1 - 0.5, g.x0 + 0.5,
                                                 min(g.top, prev.top),
                                                 max(g.bottom, prev.bottom))))

    def strict(prev: Glyph, g: Glyph) -> bool:
        gap, a, b = g.x0 - prev.x1, g.size, prev.size
        size = a if a < b else b
        if gap > gap_em * size or gap > latin_gap_em * size:  # (else within either limit)
            limit = gap_em if _cjk_glyph(g) or _cjk_glyph(prev) else latin_gap_em
            if gap > limit * size:
                return True
        return hard_break(prev, g)

    first = [ln for row in rows for ln in _split_row(row, strict)]
    gutters = find_gutters(first)
    starts = [gl for gl, _ in gutters]
    bridged = _Neighbours(rows)
    if not gutters:  # no columns found: cut at every wide gap but justification gaps
        def caption_space(p: Glyph, g: Glyph) -> bool:
            return (bool(photos) and g.x0 - p.x1 <= max_gap_em * min(p.size, g.size)
                    and _under_photo(photos, p, g))

        return [ln for row in rows for ln in _split_row(
            row, lambda p, g: strict(p, g) and (hard_break(p, g) or (
                not bridged(p, g) and not caption_space(p, g))))]

    def loose(prev: Glyph, g: Glyph) -> bool:
        gap = g.x0 - prev.x1
        size = min(g.size, prev.size)
        if (gap <= 0.05 * size and 0 < size and max_gap_em >= 0.05
                and prev.text not in CLOSING_MARKS and g.text not in OPENING_MARKS):
            return False  # (most pairs: every cut below needs more white between the inks)
        if hard_break(prev, g):
            return True
        if gap > max_gap_em * min(g.size, prev.size) and not bridged(prev, g):
            return True
        if not bridged.body_sized(prev, g):  # headlines, captions: not bound to the grid
            return gap > 0.2 * min(g.size, prev.size) and holds_gutter(
                gutters, starts, ink_right(prev), ink_left(g))
        left, right = ink_right(prev), ink_left(g)
        size = min(g.size, prev.size)
        if ((g.x0 - prev.x1 > 0.05 * size or right - left >= 0.75 * size)
                and right - left > 0.2 * size
                and crosses_gutter(gutters, starts, left, right)):
            return True  # (boxes that touch with less white are text run on: the
            # white is one mark's empty half, not a gutter between two marks' halves)
        return (right - left >= max(0.75 * size, column_gap)
                and near(column_ends, prev.x1) and bridged.column_end(prev, g))

    column_ends = common_ends(first)
    column_gap = 0.75 * median([gr - gl for gl, gr in gutters])
    return [ln for row in rows for ln in _split_row(row, loose)]


def _under_photo_gap(gaps: Sequence[BBox], prev: Glyph, g: Glyph) -> bool:
    """The white from ``prev`` to ``g`` holds the middle of a gap between photos side by
    side, and the two glyphs sit at most four lines (5.5 sizes) below the photos' foot."""
    base = (prev.base_y + g.base_y) / 2
    size = max(prev.size, g.size)
    return any(prev.x1 <= (gap.x0 + gap.x1) / 2 <= g.x0
               and gap.top <= base <= gap.bottom + 5.5 * size for gap in gaps)


def _under_photo(photos: Sequence[BBox], prev: Glyph, g: Glyph) -> bool:
    """Both glyphs lie within a photo's width (±1 pt), at most four lines (5.5 sizes)
    below its foot: on a line of its caption."""
    base = (prev.base_y + g.base_y) / 2
    size = max(prev.size, g.size)
    return any(p.x0 - 1.0 <= prev.x0 and g.x1 <= p.x1 + 1.0
               and p.bottom <= base <= p.bottom + 5.5 * size for p in photos)


def _at_photo_edge(edges: Sequence[BBox], prev: Glyph, g: Glyph) -> bool:
    """A photo's edge lies in the white from ``prev`` to ``g`` (±1 pt) and the glyphs
    sit under the photo, at most three lines below its foot."""
    base = (prev.base_y + g.base_y) / 2
    size = max(prev.size, g.size)
    left, right = ink_right(prev) - 1.0, ink_left(g) + 1.0
    return any(left <= e.x0 <= right and e.bottom <= base <= e.bottom + 3.5 * size
               for e in edges)


class _Neighbours:
    """Whether a wide gap in a row of body text is a justification gap: a line just
    above or below it, set in the same size, prints right across it (a gutter or the
    space between side-by-side items is white in the rows around it as well)."""

    def __init__(self, rows: Sequence[list[Glyph]]) -> None:
        sizes: Counter[float] = Counter()
        for row in rows:
            for g in row:
                sizes[round(g.size, 1)] += 1
        self.body = sizes.most_common(1)[0][0] if sizes else 0.0
        self.rows = sorted(((sum(g.base_y for g in row) / len(row), row) for row in rows
                            if row and abs(row[0].size - self.body) <= 0.1 * self.body),
                           key=lambda r: r[0])
        self.baselines = [b for b, _ in self.rows]

    def body_sized(self, prev: Glyph, g: Glyph) -> bool:
        return max(abs(prev.size - self.body), abs(g.size - self.body)) <= 0.1 * self.body

    def __call__(self, prev: Glyph, g: Glyph) -> bool:
        size = min(prev.size, g.size)
        if not self.body_sized(prev, g):
            return False
        left, right = prev.x1 + 0.2 * size, g.x0 - 0.2 * size
        base = (prev.base_y + g.base_y) / 2
        lo = bisect.bisect_left(self.baselines, base - 1.8 * size)
        hi = bisect.bisect_right(self.baselines, base + 1.8 * size)
        for k in range(lo, hi):
            if abs(self.baselines[k] - base) < 0.5 * size:
                continue  # the row itself
            if _covers(self.rows[k][1], left, right, 0.6 * size):
                return True
        return False


    def column_end(self, prev: Glyph, g: Glyph) -> bool:
        """The body line on the next baseline down ends where ``prev`` ends (within
        1.5 pt of its ink) and prints nothing in the white from ``prev`` to ``g``: the
        gap is a gutter whose column to the right holds this one line only (an
        article's last column), so no common left edge marks it."""
        size = min(prev.size, g.size)
        if not self.body_sized(prev, g):
            return False
        end, start = ink_right(prev), ink_left(g)
        base = (prev.base_y + g.base_y) / 2
        k = bisect.bisect_right(self.baselines, base + 0.5 * size)
        if k == len(self.rows) or self.baselines[k] - base > 1.8 * size:
            return False
        row = self.rows[k][1]
        ends_here = any(abs(ink_right(h) - end) <= 1.5 for h in row)
        return ends_here and not any(h.x1 > end + 1.5 and h.x0 < start for h in row)


def _covers(row: Sequence[Glyph], left: float, right: float, white: float) -> bool:
    """True when ``row`` prints across ``left``–``right`` with no white run wider than
    ``white`` (a gutter, or a column's edge inside the span, leaves one)."""
    reach, printed = left, False
    for h in row:  # sorted by x0
        if h.x1 <= reach or h.x0 >= right:
            continue
        if h.x0 - reach > white:
            return False
        reach, printed = max(reach, h.x1), True
        if reach >= right:
            return True
    return printed and right - reach <= white


def rotated_lines(glyphs: Sequence[Glyph]) -> list[TextLine]:
    """Runs of turned (not upright) glyphs in the order the file draws them (a side label
    turned 90°): consecutive glyphs one above the other, a glyph apart at most."""
    lines: list[TextLine] = []
    run: list[Glyph] = []
    for g in glyphs:
        if run:
            p = run[-1]
            size = max(p.size, g.size)
            stacked = (abs((p.x0 + p.x1) - (g.x0 + g.x1)) <= size
                       and max(p.top, g.top) - min(p.bottom, g.bottom) <= 1.2 * size)
            if not stacked:
                lines.append(TextLine(tuple(run)))
                run = []
        run.append(g)
    if run:
        lines.append(TextLine(tuple(run)))
    return lines
