"""Vertical text (直排): which glyphs stand in vertical lines, and those lines turned.

Takes the clean glyphs of a page; :func:`split_vertical` returns the vertical lines found
(:class:`VerticalLine`, glyphs top to bottom) and the glyphs left for the horizontal
analysis. Writing direction is decided per line from the glyphs, not per page:

- cells: a glyph, or 縦中横 digits (two or three upright ASCII letters or digits side by
  side, one em wide at most, set as one cell of a vertical line);
- cells are chained downwards: the nearest cell below, no further than the gap to either
  cell's nearest neighbour on its row (half an em more below a comma or stop, which may
  be printed in its cell's upper half), lined up (centres within 0.3 em, or
  boxes overlapping where a mark or a turned glyph is involved: a plain comma printed in
  the upper right of its cell, a turned bracket),
  no further than ``max_gap_em`` below (an em more from a turned closing bracket to a
  turned opening one: 」「 print their inks at the far ends of two cells), of a like size
  (turned glyphs, whose reported size is unreliable, are not compared);
- a chain is a vertical line when its upright cells are mostly CJK (縦中横 digits counted
  neither way: ——2014年11月10 holds two Han cells), it has ``seed_cells``
  (6) cells or more, and its cells
  sit much closer along the chain than across it: the median gap down the chain is at most
  ``tight_em`` and smaller (by ``margin_em``) than the median gap to the nearest cell on
  the same row (in horizontal text, characters of one line touch and lines are a leading
  apart, so the comparison goes the other way);
- a shorter chain is vertical when its row neighbours are cells of vertical lines (a
  paragraph's short last line), or when its CJK cells touch one above the other with
  nothing within an em beside them (a short kicker, a headline's last characters); short
  runs of letter-spaced horizontal text that happen to stand one above the other are not;
- turned glyphs (Latin words and numbers set sideways inside a vertical line, brackets
  turned 90°) join the chain they line up with like any cell; turned runs not in a
  vertical line stay for the side-label pass.

:func:`rotate_line` turns a vertical line into a :class:`~layout.analysis.pdf.text_line.TextLine`
in the *turned frame* (the page turned 90° so that vertical lines read left to right and
follow each other top to bottom: ``x' = top``, ``y' = width − x``), where the horizontal
stages (blocks, heading groups, articles, paragraphs) run unchanged; :func:`unrotate_box`
maps boxes back. Presentation forms (U+FE10–FE19, U+FE30–FE4F) are folded to their plain
forms on every glyph (:func:`plain_glyphs`), so none reaches the text.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from statistics import median

from layout.analysis.pdf.vertical_search import (
    BIN_PT,
    CLOSING_BRACKETS,
    OPENING_BRACKETS,
    CellArrays,
    cell_kind,
    chain_pairs,
    row_gaps,
)
from layout.clean import plain_forms
from layout.ingest.raw import Glyph, Rule
from layout.model import BBox


def plain_glyphs(glyphs: Sequence[Glyph]) -> list[Glyph]:
    """``glyphs`` with presentation forms (vertical forms, compatibility forms) folded."""
    out = []
    folded: dict[str, str] = {}  # a page repeats its characters: each text folded once
    for g in glyphs:
        plain = folded.get(g.text)
        if plain is None:
            plain = folded[g.text] = plain_forms(g.text)
        out.append(g if plain == g.text else replace(g, text=plain))
    return out


class Cell:
    """One cell of a possible vertical line: a glyph, or 縦中横 glyphs side by side (its box,
    size and kind worked out once: cells are compared many times)."""

    __slots__ = ("glyphs", "x0", "top", "x1", "bottom", "turned", "size", "cx", "cy", "cjk",
                 "mark", "corner", "narrow", "dash", "closing", "opening")

    def __init__(self, glyphs: tuple[Glyph, ...]) -> None:
        self.glyphs = glyphs
        first = glyphs[0]
        if len(glyphs) == 1:  # nearly every cell
            self.x0, self.top, self.x1, self.bottom = first.x0, first.top, first.x1, first.bottom
            size = first.size
        else:
            self.x0 = min(g.x0 for g in glyphs)
            self.x1 = max(g.x1 for g in glyphs)
            self.top = min(g.top for g in glyphs)
            self.bottom = max(g.bottom for g in glyphs)
            size = max(g.size for g in glyphs)
        self.turned = not first.upright
        # the font size (for a turned glyph, its extent across the line)
        self.size = self.x1 - self.x0 if self.turned else size
        self.cx = (self.x0 + self.x1) / 2
        self.cy = (self.top + self.bottom) / 2
        ch = first.text[:1]
        self.mark, self.cjk, self.corner, self.dash = cell_kind(ch)
        self.closing = bool(ch) and ch in CLOSING_BRACKETS
        self.opening = bool(ch) and ch in OPENING_BRACKETS
        # an upright half-width letter or digit alone (9月): set at either side of its cell
        self.narrow = (not self.turned and len(glyphs) == 1 and ch.isascii()
                       and self.x1 - self.x0 < 0.7 * self.size)


@dataclass(frozen=True)
class VerticalLine:
    """Cells of one vertical line, top to bottom."""

    cells: tuple[Cell, ...]

    @property
    def glyphs(self) -> tuple[Glyph, ...]:
        return tuple(g for c in self.cells for g in c.glyphs)

    @property
    def size(self) -> float:
        sizes = [c.size for c in self.cells if not c.turned and c.cjk] or [
            c.size for c in self.cells]
        return median(sizes)

    @property
    def bbox(self) -> BBox:
        return BBox(min(c.x0 for c in self.cells), min(c.top for c in self.cells),
                    max(c.x1 for c in self.cells), max(c.bottom for c in self.cells))


def _tate_chu_yoko(glyphs: Sequence[Glyph]) -> list[tuple[Glyph, ...]]:
    """Glyphs grouped into cells: upright ASCII runs of 2–3 glyphs on one top, one em wide
    at most, as one (these first), every other glyph alone."""
    ascii_ = sorted((g for g in glyphs if g.upright and g.text.isascii() and g.text.isalnum()),
                    key=lambda g: (round(g.top), g.x0))
    used: set[int] = set()
    cells: list[tuple[Glyph, ...]] = []
    k = 0
    while k < len(ascii_):
        run = [ascii_[k]]
        j = k + 1
        while j < len(ascii_) and len(run) < 4:
            p, g = run[-1], ascii_[j]
            if abs(g.top - p.top) > 0.2 * p.size or not -0.2 * p.size <= g.x0 - p.x1 \
                    <= 0.15 * p.size:
                break
            run.append(g)
            j += 1
        width = run[-1].x1 - run[0].x0
        if 2 <= len(run) <= 3 and width <= 1.25 * max(g.size for g in run):
            cells.append(tuple(run))
            used.update(id(g) for g in run)
            k = j
        else:
            k += 1
    if used:
        cells += [(g,) for g in glyphs if id(g) not in used]
    else:
        cells += [(g,) for g in glyphs]
    return cells


class _Cells:
    """The :class:`Cell` of each glyph group, made when first asked for (most never are)."""

    def __init__(self, groups: Sequence[tuple[Glyph, ...]]) -> None:
        self.groups = groups
        self.made: dict[int, Cell] = {}

    def __len__(self) -> int:
        return len(self.groups)

    def __getitem__(self, k: int) -> Cell:
        cell = self.made.get(k)
        if cell is None:
            cell = self.made[k] = Cell(self.groups[k])
        return cell


def _chains(pairs: Sequence[tuple[float, int, int]]) -> tuple[list[list[int]], set[int]]:
    """Cells chained downwards, top to bottom: each to its nearest cell below among the
    ``pairs`` (gap, upper, lower; nearest first) that neither has used yet. Returns the
    chains of two cells or more (by their first cell's index) and the cells in them."""
    nxt: dict[int, int] = {}
    prv: dict[int, int] = {}
    for _, k, j in pairs:
        if k not in nxt and j not in prv:
            nxt[k], prv[j] = j, k
    chains = []
    for k in sorted(nxt):
        if k in prv:
            continue
        chain = [k]
        while chain[-1] in nxt:
            chain.append(nxt[chain[-1]])
        chains.append(chain)
    return chains, {*nxt, *prv}


def _like_sizes(a: Cell, b: Cell) -> bool:
    if a.turned or b.turned:
        return True
    return 0.8 <= a.size / b.size <= 1.25 if b.size else False


def _cut_at_size_jumps(chain: list[int], cells: _Cells) -> list[list[int]]:
    """``chain`` cut where turned cells (whose size is not compared) join upright cells of
    unlike sizes: a headline's glyph above a turned run that opens a line of body text
    belongs to its headline. The cut falls on the wider gap beside the turned run."""
    out: list[list[int]] = []
    start = 0
    k = 0
    while k < len(chain):
        if not cells[chain[k]].turned:
            k += 1
            continue
        end = k
        while end < len(chain) and cells[chain[end]].turned:
            end += 1
        if k > start and end < len(chain):
            above, below = cells[chain[k - 1]], cells[chain[end]]
            if not _like_sizes(above, below):
                gap_above = cells[chain[k]].top - above.bottom
                gap_below = below.top - cells[chain[end - 1]].bottom
                cut = k if gap_above >= gap_below else end
                out.append(chain[start:cut])
                start = cut
        k = end
    out.append(chain[start:])
    return out


def split_vertical(glyphs: Sequence[Glyph], max_gap_em: float = 1.2, tight_em: float = 0.6,
                   margin_em: float = 0.05, seed_cells: int = 6
                   ) -> tuple[list[VerticalLine], list[Glyph]]:
    """(vertical lines, the other glyphs) of a page; see the module docstring."""
    groups = _tate_chu_yoko([g for g in glyphs if g.text and not g.text.isspace()])
    if len(groups) < 3:
        return [], list(glyphs)
    arrays = CellArrays.of(groups)
    gaps, neighbours = row_gaps(arrays)
    rows = list(zip(gaps, neighbours, strict=True))
    linked_chains, linked = _chains(chain_pairs(arrays, gaps, max_gap_em))
    cells = _Cells(groups)
    # (the chains in the order of their first cell, each cut where sizes jump; a cell in
    # no chain is a chain of its own, judged only beside vertical lines, below)
    chains = [((chain[0], n), piece) for chain in linked_chains
              for n, piece in enumerate(_cut_at_size_jumps(chain, cells))]
    vertical: set[int] = set()
    lines: list[list[int]] = []
    short: list[tuple[tuple[int, int], list[int]]] = []
    for key, chain in chains:
        if len(chain) < seed_cells:  # judged by what stands beside it, below
            if len(chain) > 1 or not cells[chain[0]].turned:
                short.append((key, chain))
            continue
        upright = [cells[k] for k in chain if not cells[k].turned]
        if not upright:
            continue
        size = median(c.size for c in upright)
        down = median(max(0.0, cells[b].top - cells[a].bottom) for a, b in zip(
            chain, chain[1:], strict=False))
        across = median(rows[k][0] for k in chain if not cells[k].turned)
        # 縦中横 digits (11月10日) are a vertical line's cells: they count neither way
        han = [c for c in upright if len(c.glyphs) == 1] or upright
        cjk = sum(c.cjk for c in han) >= 0.6 * len(han)
        if cjk and down <= tight_em * size and down + margin_em * size < across:
            vertical.update(chain)
            lines.append(chain)
        elif cjk and down + margin_em * size < across:
            short.append((key, chain))  # letter-spaced far apart: judged by its neighbours
    if vertical:  # a lone upright cell is vertical only beside a vertical line
        turned = arrays.turned.tolist()
        short += [((k, 0), [k]) for k in range(len(groups)) if k not in linked and not turned[k]]
        short.sort(key=lambda item: item[0])
    beside = _RowIndex(cells, vertical)
    for _, chain in short:  # short lines beside vertical ones (a paragraph's last), or alone
        if _short_vertical(chain, cells, rows, vertical, beside):
            lines.append(chain)
    taken = {id(g) for chain in lines for k in chain for g in groups[k]}
    out = [VerticalLine(tuple(cells[k] for k in chain)) for chain in lines]
    return out, [g for g in glyphs if id(g) not in taken]


def _short_vertical(chain: Sequence[int], cells: _Cells,
                    rows: Sequence[tuple[float, int | None]], vertical: set[int],
                    index: _RowIndex) -> bool:
    """A chain too short to judge alone is vertical when the cells beside it on their rows
    are cells of vertical lines (0.2 em apart at least; or any cells 1.5 em away), or when
    its CJK cells touch one above the other with nothing within an em beside them (a short
    headline or kicker)."""
    upright = [k for k in chain if not cells[k].turned]
    # a mark printed in its cell's corner nears the next line: judge by the others
    upright = [k for k in upright if not cells[k].mark] or upright
    if not upright:
        return False
    neighbours = [(k, *rows[k]) for k in upright]
    known = [(k, gap, j) for k, gap, j in neighbours if j is not None]
    # (a row neighbour 1.5 em away or more, in a line not judged yet, is two lines off:
    # the next line opens lower)
    beside = any(j in vertical for _, _, j in known) and all(
        (j in vertical or gap >= 1.5 * cells[k].size) and gap >= 0.2 * cells[k].size
        for k, gap, j in known)
    if beside:
        return True
    if len(chain) == 1 and not known and cells[chain[0]].cjk and _between_lines(
            upright[0], cells, index, vertical):
        return True  # a paragraph's last glyph alone at the head of a line
    size = cells[upright[0]].size
    touching = all(cells[b].top - cells[a].bottom <= 0.15 * size
                   for a, b in zip(upright, upright[1:], strict=False))
    return (len(upright) >= 2 and touching and all(cells[k].cjk for k in upright)
            and all(gap >= 1.0 * cells[k].size for k, gap, _ in neighbours))


class _RowIndex:
    """The cells of vertical lines binned by y centre (every ``BIN_PT``), each bin sorted
    by x0, made when first searched (a page without vertical lines never is)."""

    def __init__(self, cells: _Cells, members: set[int]) -> None:
        self.cells, self.members = cells, members
        self.rows: dict[int, list[tuple[float, int]]] | None = None

    def near(self, centre: float, reach: float, lo: float, hi: float) -> list[int]:
        """The cells whose y centre falls in a bin from ``centre - reach`` to ``centre +
        reach`` and whose x0 lies in ``[lo, hi]``."""
        if self.rows is None:
            self.rows = defaultdict(list)
            for k in self.members:
                c = self.cells[k]
                self.rows[int(c.cy // BIN_PT)].append((c.x0, k))
            for bucket in self.rows.values():
                bucket.sort()
        out: list[int] = []
        for b in range(int((centre - reach) // BIN_PT), int((centre + reach) // BIN_PT) + 1):
            bucket = self.rows.get(b)
            if not bucket:
                continue
            k = bisect.bisect_left(bucket, (lo, -1))
            while k < len(bucket) and bucket[k][0] <= hi:
                out.append(bucket[k][1])
                k += 1
        return out


def _between_lines(k: int, cells: _Cells, index: _RowIndex, vertical: set[int]) -> bool:
    """A cell with nothing on its row has cells of vertical lines on both sides, a line
    pitch away, at its row or within 3 em below it (a paragraph's last glyph, alone at
    the head of a line, between lines that open lower: indented, or with a turned run)."""
    c = cells[k]
    size = c.size
    left = right = False
    for j in index.near(c.cy + 1.5 * size, 1.5 * size + 1.0, c.x0 - 3.5 * size,
                        c.x1 + 2.5 * size):
        d = cells[j]
        if j not in vertical or d.top < c.top - 0.3 * size or d.top > c.top + 3.0 * size:
            continue
        off = d.cx - c.cx
        left |= -2.5 * size <= off <= -0.8 * size
        right |= 0.8 * size <= off <= 2.5 * size
    return left and right


# --- the turned frame -------------------------------------------------------------------


def rotate_box(box: BBox, width: float) -> BBox:
    """A page box in the turned frame (``x' = top``, ``y' = width − x``)."""
    return BBox(box.top, width - box.x1, box.bottom, width - box.x0)


def unrotate_box(box: BBox, width: float) -> BBox:
    """A turned-frame box back on the page (the inverse of :func:`rotate_box`)."""
    return BBox(width - box.bottom, box.x0, width - box.top, box.x1)


def rotate_rule(rule: Rule, width: float) -> Rule:
    return Rule(rotate_box(rule.bbox, width), not rule.horizontal)


def rotate_line(line: VerticalLine, width: float):  # -> TextLine (import cycle avoided)
    """The line in the turned frame: glyphs left to right, upright, of the line's size
    where the reader's size is not the type size (turned glyphs), marks printed off the
    line's axis moved onto it."""
    from layout.analysis.pdf.text_line import TextLine

    size = line.size
    axis = _axis(line)
    glyphs = []
    for cell in line.cells:
        # a mark printed off the line's axis (a plain comma in its cell's upper right)
        # stands on it: else it widens the line across and reads as a step in it
        shift = (axis - cell.cx if axis is not None and cell.mark and not cell.turned
                 and abs(axis - cell.cx) > 0.2 * cell.size else 0.0)
        for g in sorted(cell.glyphs, key=lambda g: (g.top, g.x0) if cell.turned else (g.x0,)):
            glyphs.append(Glyph(g.text, g.top, width - g.x1 - shift, g.bottom,
                                width - g.x0 - shift, g.size if g.upright else size, g.font,
                                g.color, g.render_mode, True, None))
    return TextLine(tuple(glyphs))


def _axis(line: VerticalLine) -> float | None:
    """The x of a vertical line's axis: the median centre of its upright CJK text cells."""
    centres = [c.cx for c in line.cells if c.cjk and not c.mark and not c.turned]
    return median(centres) if centres else None
