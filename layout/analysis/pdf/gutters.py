"""Column gutters and column edges of a page's lines.

Takes text lines (a first, strict cut of the page's rows); returns the gutters between
columns (:func:`find_gutters`: a common right edge facing a common left edge, or the
furthest ends of ragged lines before a common left edge), the common right edges of
columns (:func:`common_ends`), whether a gap holds or crosses a gutter
(:func:`holds_gutter`, :func:`crosses_gutter`), and where a CJK mark's print ends or
starts within its em box (:func:`ink_right`, :func:`ink_left`).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence

from layout.analysis.pdf.text_line import TextLine
from layout.ingest.raw import Glyph

# CJK punctuation prints in one half of its em box: closing marks in the left half,
# opening marks in the right half. A mark at a line's end or start may keep its full
# box even where its advance was squeezed, so the box reaches into a gutter.
_CLOSING = set("，。、；：！？）」』》〉】〕”’")
_OPENING = set("（「『《〈【〔“‘")
# the marks whose ink is half their box (ink_right, ink_left), for callers that skip the calls
CLOSING_MARKS, OPENING_MARKS = _CLOSING, _OPENING


def ink_right(g: Glyph) -> float:
    """Where ``g``'s print ends: half its em box for a closing CJK mark, else its box."""
    if g.text in _CLOSING and g.x1 - g.x0 > 0.6 * g.size:
        return g.x0 + 0.5 * (g.x1 - g.x0)
    return g.x1


def ink_left(g: Glyph) -> float:
    """Where ``g``'s print starts: half its em box for an opening CJK mark, else its box."""
    if g.text in _OPENING and g.x1 - g.x0 > 0.6 * g.size:
        return g.x1 - 0.5 * (g.x1 - g.x0)
    return g.x0


def find_gutters(lines: Sequence[TextLine], min_lines: int = 4,
                 max_em: float = 2.5) -> list[tuple[float, float]]:
    """Column gutters (left edge, right edge): x where many lines end facing x where many start.

    Edges are counted in 1 pt bins; a gutter pairs a common right edge L with a common
    left edge R a little to its right (0.3–``max_em`` em). A common left edge also gets
    a gutter from where the lines that stop before it on their rows end: from the
    furthest end that ``min_lines`` of them come within an em of (a column set ragged,
    without justification, has no common right edge, and its longest lines end past
    the common one; :func:`_ends_before`).
    """
    ends: Counter[int] = Counter()
    starts: Counter[int] = Counter()
    sizes: Counter[int] = Counter()
    for ln in lines:
        ends[round(ln.x1)] += 1
        starts[round(ln.x0)] += 1
        sizes[round(ln.size)] += len(ln.glyphs)
    if not sizes:
        return []
    em = sizes.most_common(1)[0][0] or 10

    def strong(counter: Counter[int]) -> list[int]:
        out = []
        for x, n in counter.items():
            total = n + counter.get(x - 1, 0) + counter.get(x + 1, 0)
            if total >= min_lines and n >= counter.get(x - 1, 0) and n >= counter.get(x + 1, 0):
                out.append(x)
        return sorted(out)

    right_edges, left_edges = strong(ends), strong(starts)
    gutters: list[tuple[float, float]] = []
    for left in right_edges:
        k = bisect.bisect_left(left_edges, left + 0.3 * em)
        if k < len(left_edges) and left_edges[k] - left <= max_em * em:
            gutters.append((float(left), float(left_edges[k])))
    for x, found in _ends_before(lines, left_edges, em, max_em).items():
        left = _furthest_common(found, em, min_lines)
        if left is not None and not any(abs(gl - left) <= 0.5 and abs(gr - x) <= 1
                                        for gl, gr in gutters):
            gutters.append((left, float(x)))  # ragged lines end past the common edge
    return sorted(gutters)


def _furthest_common(ends: Sequence[float], em: float, min_lines: int) -> float | None:
    """The furthest end that ``min_lines`` ends reach within an em of (where the longest
    lines of a ragged column stop; one stray end does not count), or None."""
    ordered = sorted(ends, reverse=True)
    for k, end in enumerate(ordered):
        if k + min_lines <= len(ordered) and ordered[k + min_lines - 1] >= end - em:
            return end
    return None


def _ends_before(lines: Sequence[TextLine], left_edges: Sequence[int], em: float,
                 max_em: float) -> dict[int, list[float]]:
    """For each common left edge, where the ink ends of the lines that stop right before
    it on their own row (0.75–``max_em`` em before it: narrower white is a stray line's
    end, a glyph reaching into a gutter, not the gutter): the columns to its left. CJK set
    without justification ends ragged, up to an em short of the column's edge, wherever
    the next character does not fit, so the furthest of these ends is the gutter's left
    side, not the most common one."""
    ends: dict[int, list[float]] = {x: [] for x in left_edges}
    for left, right in _row_neighbours(lines):
        start = round(right.x0)
        for x in (start, start - 1, start + 1):
            if x in ends and 0.75 * em <= x - ink_right(left.glyphs[-1]) <= max_em * em:
                ends[x].append(ink_right(left.glyphs[-1]))
                break
    return ends


def _row_neighbours(lines: Sequence[TextLine]) -> list[tuple[TextLine, TextLine]]:
    """Pairs of lines side by side on one baseline (within 0.3 of their size), left first."""
    rows: list[list[TextLine]] = []
    for ln in sorted(lines, key=lambda ln: ln.glyphs[0].base_y):
        base = ln.glyphs[0].base_y
        if rows and base - rows[-1][0].glyphs[0].base_y <= 0.3 * ln.size:
            rows[-1].append(ln)
        else:
            rows.append([ln])
    pairs: list[tuple[TextLine, TextLine]] = []
    for row in rows:
        row.sort(key=lambda ln: ln.x0)
        pairs += zip(row, row[1:], strict=False)
    return pairs


def holds_gutter(gutters: Sequence[tuple[float, float]], starts: Sequence[float],
                  left: float, right: float) -> bool:
    """True when a gutter lies wholly inside the gap from ``left`` to ``right`` (±1.5 pt)."""
    k = bisect.bisect_left(starts, left - 1.5)
    while k < len(gutters) and gutters[k][0] <= right:
        if gutters[k][1] <= right + 1.5:
            return True
        k += 1
    return False


def crosses_gutter(gutters: Sequence[tuple[float, float]], starts: Sequence[float],
                    left: float, right: float) -> bool:
    """True when the middle half of a gutter lies inside the gap from ``left`` to
    ``right`` (±1.5 pt) and the gap is at least half the gutter wide: glyph boxes at a
    column's edge may reach into the gutter (a justified or letter-spaced line's last
    glyph), never across its middle."""
    k = bisect.bisect_left(starts, left - 1.5 - 0.5 * _WIDEST_GUTTER)
    while k < len(gutters) and gutters[k][0] <= right:
        gl, gr = gutters[k]
        quarter = 0.25 * (gr - gl)
        if (gl + quarter >= left - 1.5 and gr - quarter <= right + 1.5
                and right - left >= 2 * quarter):
            return True
        k += 1
    return False


_WIDEST_GUTTER = 60.0  # pt: find_gutters pairs edges at most 2.5 em apart



def common_ends(lines: Sequence[TextLine], min_lines: int = 4) -> list[int]:
    """Right edges (1 pt bins) that ``min_lines`` lines end at, within a point: the
    right sides of the page's columns."""
    ends: Counter[int] = Counter(round(ln.x1) for ln in lines)
    return sorted(x for x, n in ends.items()
                  if n + ends.get(x - 1, 0) + ends.get(x + 1, 0) >= min_lines
                  and n >= ends.get(x - 1, 0) and n >= ends.get(x + 1, 0))


def near(edges: Sequence[int], x: float, tolerance: float = 1.5) -> bool:
    k = bisect.bisect_left(edges, x - tolerance)
    return k < len(edges) and edges[k] <= x + tolerance


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0

