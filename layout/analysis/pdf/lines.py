"""Group clean glyphs into text lines.

Takes the visible, deduplicated glyphs of a page and its vertical rules; returns
:class:`TextLine` objects: runs of glyphs on one baseline that no column gutter,
rule or change of type size separates (in body text a gap is measured between the
printed halves of CJK marks, whose em boxes may reach into a gutter; other text,
such as a caption spanning columns, is cut only where a whole gutter lies in a gap).
Glyphs are bucketed into rows by their
vertical centre (sorted sweep, no pairwise comparison), then each row is cut
where the gap to the next glyph exceeds ``gap_em`` of the font size or a vertical
rule passes. Line text never gets a space between two CJK characters; a space is
put between Latin words only where the gap says the source had one. Turned glyphs
(a side label set at 90°) make lines of their own, in drawing order
(:func:`rotated_lines`).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from layout.clean import SHARED_QUOTES, is_cjk, is_cjk_punct
from layout.ingest.raw import Glyph, Rule
from layout.model import BBox


def _most_common(values: list) -> Any:
    """The most common of ``values`` (the first met among equally common ones), as
    ``Counter(values).most_common(1)`` gives it; a line is mostly of one size and face."""
    first = values[0]
    if values.count(first) == len(values):
        return first
    return Counter(values).most_common(1)[0][0]


@dataclass(frozen=True)
class TextLine:
    """One line of glyphs, left to right."""

    glyphs: tuple[Glyph, ...]

    @cached_property
    def bbox(self) -> BBox:
        g = self.glyphs
        return BBox(min(x.x0 for x in g), min(x.top for x in g), max(x.x1 for x in g),
                    max(x.bottom for x in g))

    @cached_property
    def size(self) -> float:
        """The most common (rounded) font size of the line's glyphs."""
        return _most_common([round(g.size, 1) for g in self.glyphs])

    @cached_property
    def font(self) -> str:
        """The most common font name (subset prefix removed) of the line's CJK glyphs, or
        of all its glyphs when it has none: digits and Latin words set in another face
        are runs inside a Chinese line's face (2023年6月主持召: the Han face)."""
        han = [g for g in self.glyphs if g.text and _cjk_char(g.text[0])]
        return _most_common([base_font(g.font) for g in han or self.glyphs])

    @cached_property
    def fonts(self) -> frozenset[str]:
        """Every font name on the line (subset prefixes removed)."""
        return frozenset(base_font(g.font) for g in self.glyphs)

    @cached_property
    def text(self) -> str:
        return glyphs_to_text(self.glyphs)

    @property
    def x0(self) -> float:
        return self.bbox.x0

    @property
    def x1(self) -> float:
        return self.bbox.x1

    @property
    def top(self) -> float:
        return self.bbox.top

    @property
    def bottom(self) -> float:
        return self.bbox.bottom


def base_font(name: str) -> str:
    """Font name without a subset tag: ABCDEF+SimSun -> SimSun."""
    if len(name) > 7 and name[6] == "+" and name[:6].isupper():
        return name[7:]
    return name


def _cjk_char(ch: str) -> bool:
    return is_cjk(ch) or is_cjk_punct(ch)


def _script_char(glyphs: Sequence[Glyph], k: int, step: int) -> str:
    """The character that decides the script at glyph ``k``: curly quotes serve both
    scripts, so past them (in direction ``step``) to the letter they are attached to."""
    j = k
    while 0 <= j < len(glyphs) and glyphs[j].text and glyphs[j].text[0] in SHARED_QUOTES:
        j += step
    if 0 <= j < len(glyphs) and glyphs[j].text:
        return glyphs[j].text[0 if step > 0 else -1]
    return glyphs[k].text[0 if step > 0 else -1]


def glyphs_to_text(glyphs: Sequence[Glyph], space_em: float = 0.2) -> str:
    """Text of glyphs on one line: spaces only between non-CJK text across a real gap
    (wider than ``space_em`` of the font size), never after a decimal point between
    digits (PM2.5 set loosely). A line set letter-spaced (every glyph of it apart, as a
    justified line may be: 3 6 . 0 9) spaces words by that much more."""
    parts: list[str] = []
    tracking = _tracking(glyphs)
    for k, g in enumerate(glyphs):
        if k and g.text and glyphs[k - 1].text:
            prev = glyphs[k - 1]
            gap = g.x0 - prev.x1
            if gap > space_em * min(g.size, prev.size) + tracking and not (
                    _cjk_char(_script_char(glyphs, k - 1, -1))
                    or _cjk_char(_script_char(glyphs, k, 1))
                    or (prev.text == "." and g.text[0].isdigit() and k >= 2
                        and glyphs[k - 2].text[-1:].isdigit())):  # a decimal: 2.5
                parts.append(" ")
        parts.append(g.text)
    return "".join(parts)


def _tracking(glyphs: Sequence[Glyph]) -> float:
    """The letter spacing of the line's Latin and digits: the narrowest gap between two
    of them side by side, when there are three such pairs or more (else 0; never less)."""
    gaps = [g.x0 - p.x1 for p, g in zip(glyphs, glyphs[1:], strict=False)
            if p.text and g.text and not _cjk_char(p.text[-1]) and not _cjk_char(g.text[0])]
    return max(0.0, min(gaps)) if len(gaps) >= 3 else 0.0


def join_line_texts(texts: Sequence[str]) -> str:
    """Lines of one text run joined: nothing between CJK, a space between words of other
    scripts (Latin, accented, ligatures), a line-end hyphen between two letters dropped
    (hyphenation), nothing inside a decimal broken at its point (14. / 75)."""
    out = ""
    for t in texts:
        if not t:
            continue
        left, right = out.rstrip(SHARED_QUOTES) or out, t.lstrip(SHARED_QUOTES) or t
        if out and not (_cjk_char(left[-1]) or _cjk_char(right[0])):
            a, b = out[-1], t[0]
            if a in SHARED_QUOTES:
                a = "'"
            if b in SHARED_QUOTES:
                b = "'"
            if a == "-" and len(out) > 1 and out[-2].isalpha() and b.isalpha() and b.islower():
                out = out[:-1]
            elif a == "." and len(out) > 1 and out[-2].isdigit() and b.isdigit():
                pass  # a decimal broken at its point (14. / 75万亿元): no word space
            elif (a.isalnum() or a in ".,;:!?)\"'") and (b.isalnum() or b in "(\"'"):
                out += " "
        out += t
    return out


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
    after it overlaps its box without being drawn across it."""
    row.sort(key=lambda g: g.x0)
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


# CJK punctuation prints in one half of its em box: closing marks in the left half,
# opening marks in the right half. A mark at a line's end or start may keep its full
# box even where its advance was squeezed, so the box reaches into a gutter.
_CLOSING = set("，。、；：！？）」』》〉】〕”’")
_OPENING = set("（「『《〈【〔“‘")


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


def _holds_gutter(gutters: Sequence[tuple[float, float]], starts: Sequence[float],
                  left: float, right: float) -> bool:
    """True when a gutter lies wholly inside the gap from ``left`` to ``right`` (±1.5 pt)."""
    k = bisect.bisect_left(starts, left - 1.5)
    while k < len(gutters) and gutters[k][0] <= right:
        if gutters[k][1] <= right + 1.5:
            return True
        k += 1
    return False


def _crosses_gutter(gutters: Sequence[tuple[float, float]], starts: Sequence[float],
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


def glyphs_to_lines(glyphs: Sequence[Glyph], rules: Sequence[Rule] = (), gap_em: float = 0.55,
                    latin_gap_em: float = 0.75, max_gap_em: float = 1.6,
                    row_tolerance: float = 0.3,
                    photo_gaps: Sequence[BBox] = (),
                    photo_edges: Sequence[BBox] = ()) -> list[TextLine]:
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
    nothing under the gap on the next line: an article's last column of one line.
    """
    cuts = _vertical_cuts(rules)
    rows = [part for row in _rows(glyphs, row_tolerance) for part in _unprint(row)]

    def hard_break(prev: Glyph, g: Glyph) -> bool:
        size = min(g.size, prev.size)
        return ((max(g.size, prev.size) / size > 1.25 and g.x0 - prev.x1 > 0.25 * size)
                or (bool(photo_gaps) and g.x0 - prev.x1 > 0.5 * size
                    and _under_photo_gap(photo_gaps, prev, g))
                or (bool(photo_edges) and g.x0 - prev.x1 > 0.3 * size
                    and _at_photo_edge(photo_edges, prev, g))
                or (bool(cuts) and g.x0 - prev.x1 > 0.1 * size
                    and _rule_between(cuts, prev.x1 - 0.5, g.x0 + 0.5, min(g.top, prev.top),
                                      max(g.bottom, prev.bottom))))

    def strict(prev: Glyph, g: Glyph) -> bool:
        limit = gap_em if _cjk_glyph(g) or _cjk_glyph(prev) else latin_gap_em
        return g.x0 - prev.x1 > limit * min(g.size, prev.size) or hard_break(prev, g)

    first = [ln for row in rows for ln in _split_row(row, strict)]
    gutters = find_gutters(first)
    starts = [gl for gl, _ in gutters]
    bridged = _Neighbours(rows)
    if not gutters:  # no columns found: cut at every wide gap but justification gaps
        return [ln for row in rows for ln in _split_row(
            row, lambda p, g: strict(p, g) and (hard_break(p, g) or not bridged(p, g)))]

    def loose(prev: Glyph, g: Glyph) -> bool:
        gap = g.x0 - prev.x1
        if hard_break(prev, g):
            return True
        if gap > max_gap_em * min(g.size, prev.size) and not bridged(prev, g):
            return True
        if not bridged.body_sized(prev, g):  # headlines, captions: not bound to the grid
            return gap > 0.2 * min(g.size, prev.size) and _holds_gutter(
                gutters, starts, ink_right(prev), ink_left(g))
        left, right = ink_right(prev), ink_left(g)
        size = min(g.size, prev.size)
        if ((g.x0 - prev.x1 > 0.05 * size or right - left >= 0.75 * size)
                and right - left > 0.2 * size
                and _crosses_gutter(gutters, starts, left, right)):
            return True  # (boxes that touch with less white are text run on: the
            # white is one mark's empty half, not a gutter between two marks' halves)
        return (right - left >= max(0.75 * size, column_gap)
                and _near(column_ends, prev.x1) and bridged.column_end(prev, g))

    column_ends = common_ends(first)
    column_gap = 0.75 * _median([gr - gl for gl, gr in gutters])
    return [ln for row in rows for ln in _split_row(row, loose)]


def common_ends(lines: Sequence[TextLine], min_lines: int = 4) -> list[int]:
    """Right edges (1 pt bins) that ``min_lines`` lines end at, within a point: the
    right sides of the page's columns."""
    ends: Counter[int] = Counter(round(ln.x1) for ln in lines)
    return sorted(x for x, n in ends.items()
                  if n + ends.get(x - 1, 0) + ends.get(x + 1, 0) >= min_lines
                  and n >= ends.get(x - 1, 0) and n >= ends.get(x + 1, 0))


def _near(edges: Sequence[int], x: float, tolerance: float = 1.5) -> bool:
    k = bisect.bisect_left(edges, x - tolerance)
    return k < len(edges) and edges[k] <= x + tolerance


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0


def _under_photo_gap(gaps: Sequence[BBox], prev: Glyph, g: Glyph) -> bool:
    """The white from ``prev`` to ``g`` holds the middle of a gap between photos side by
    side, and the two glyphs sit at most four lines (5.5 sizes) below the photos' foot."""
    base = (prev.base_y + g.base_y) / 2
    size = max(prev.size, g.size)
    return any(prev.x1 <= (gap.x0 + gap.x1) / 2 <= g.x0
               and gap.top <= base <= gap.bottom + 5.5 * size for gap in gaps)


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
