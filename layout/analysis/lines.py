"""Group clean glyphs into text lines.

Takes the visible, deduplicated glyphs of a page and its vertical rules; returns
:class:`TextLine` objects: runs of glyphs on one baseline that no column gutter,
rule or change of type size separates. Glyphs are bucketed into rows by their
vertical centre (sorted sweep, no pairwise comparison), then each row is cut
where the gap to the next glyph exceeds ``gap_em`` of the font size or a vertical
rule passes. Line text never gets a space between two CJK characters; a space is
put between Latin words only where the gap says the source had one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from layout.clean import is_cjk, is_cjk_punct
from layout.ingest.pdf import Glyph, Rule
from layout.model import BBox


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
        return Counter(round(g.size, 1) for g in self.glyphs).most_common(1)[0][0]

    @cached_property
    def font(self) -> str:
        """The most common font name (subset prefix removed)."""
        return Counter(base_font(g.font) for g in self.glyphs).most_common(1)[0][0]

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


def _wants_space(left: str, right: str) -> bool:
    if not left or not right:
        return False
    a, b = left[-1], right[0]
    return not (is_cjk(a) or is_cjk_punct(a) or is_cjk(b) or is_cjk_punct(b))


def glyphs_to_text(glyphs: Sequence[Glyph], space_em: float = 0.2) -> str:
    """Text of glyphs on one line: spaces only between non-CJK text across a real gap."""
    parts: list[str] = []
    prev: Glyph | None = None
    for g in glyphs:
        if prev is not None:
            gap = g.x0 - prev.x1
            if gap > space_em * min(g.size, prev.size) and _wants_space(prev.text, g.text):
                parts.append(" ")
        parts.append(g.text)
        prev = g
    return "".join(parts)


def _rows(glyphs: Sequence[Glyph], tolerance: float) -> list[list[Glyph]]:
    """Glyphs bucketed by vertical centre: a glyph joins an open row within tolerance·size."""
    rows: list[tuple[float, float, list[Glyph]]] = []  # (centre, size, glyphs)
    open_rows: list[int] = []
    for g in sorted(glyphs, key=lambda x: x.center_y):
        cy = g.center_y
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
    return [r[2] for r in rows]


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


def glyphs_to_lines(glyphs: Sequence[Glyph], rules: Sequence[Rule] = (), gap_em: float = 0.55,
                    latin_gap_em: float = 1.0, row_tolerance: float = 0.3) -> list[TextLine]:
    """Lines of a page, in no particular order (sort them as you need).

    A gap wider than ``gap_em`` (next to CJK text) or ``latin_gap_em`` (between
    Latin glyphs, whose word spaces are wider) of the font size ends a line.
    """
    cuts = _vertical_cuts(rules)
    lines: list[TextLine] = []
    for row in _rows(glyphs, row_tolerance):
        row.sort(key=lambda g: g.x0)
        current: list[Glyph] = [row[0]]
        for g in row[1:]:
            prev = current[-1]
            size = min(g.size, prev.size)
            gap = g.x0 - prev.x1
            size_jump = max(g.size, prev.size) / size > 1.25
            limit = gap_em if _cjk_glyph(g) or _cjk_glyph(prev) else latin_gap_em
            if (gap > limit * size or size_jump
                    or (cuts and _rule_between(cuts, prev.x1 - 0.5, g.x0 + 0.5,
                                               min(g.top, prev.top), max(g.bottom, prev.bottom)))):
                lines.append(TextLine(tuple(current)))
                current = [g]
            else:
                current.append(g)
        lines.append(TextLine(tuple(current)))
    return lines
