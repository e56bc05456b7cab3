"""The geometry of recognised lines: lines cut at column gutters, grouped into column
stacks, rows, paragraph ends and lines at their column's leading.

Takes line boxes (pixels, ``(x0, top, x1, bottom)``) or engine lines (``[box, text,
score, word boxes, words, ...]``); returns the pieces of a line read across a gutter
(:func:`split_at_gutters`), a stack number per line (lines one under the other in one
column: :func:`column_stacks`), a row number per line (boxes side by side on one line:
:func:`row_groups`), the short lines that end a paragraph (:func:`paragraph_tails`) and
the lines set at their column's leading (:func:`at_leading`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from layout.ingest.ocr.chars import INK_FIRST, INK_LAST, is_cjk, span

_STACK_GAP = 0.8  # line heights: the most white between two lines of one column stack
_STACK_OVERLAP = 0.25  # of the shorter line: lines of one column overlap this much across
# (a paragraph's short last line over the next one's indented first)
_INDENT = 2.2  # line heights: lines starting this close are of one column (an indent)
_STACK_HEIGHTS = 1.6  # the most one line of a stack may be taller than the next


LineBox = tuple[float, float, float, float]  # (x0, top, x1, bottom)


def sweep_groups(boxes: Sequence[LineBox], axis: int,
                 beyond: Callable[[LineBox, LineBox], bool],
                 joins: Callable[[LineBox, LineBox], bool]) -> list[int]:
    """A group number for each box: the boxes sorted by their edge ``axis`` (0: ``x0``,
    1: ``top``) and each compared with the ones after it until ``beyond(box, later)``;
    boxes that ``joins(box, later)``, directly or through others, share a number."""
    parent = list(range(len(boxes)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    order = sorted(range(len(boxes)), key=lambda k: boxes[k][axis])
    for at, i in enumerate(order):
        for j in order[at + 1:]:
            if beyond(boxes[i], boxes[j]):
                break
            if joins(boxes[i], boxes[j]):
                parent[root(j)] = root(i)
    return [root(k) for k in range(len(boxes))]


def column_stacks(boxes: Sequence[LineBox]) -> list[int]:
    """A stack number for each line box ``(x0, top, x1, bottom)``: lines set one under
    the other in one column, close and of like heights, share a number."""

    def beyond(box: LineBox, later: LineBox) -> bool:
        return later[1] - box[3] > 2 * max(box[3] - box[1], 1.0)

    def joins(box: LineBox, later: LineBox) -> bool:
        x0, top, x1, bottom = box
        jx0, jtop, jx1, jbottom = later
        height, jheight = bottom - top, jbottom - jtop
        tall, short = max(height, jheight), max(min(height, jheight), 1e-6)
        overlap = min(x1, jx1) - max(x0, jx0)
        return (jtop >= top and jtop - bottom <= _STACK_GAP * tall
                and tall / short <= _STACK_HEIGHTS
                and (overlap >= _STACK_OVERLAP * min(x1 - x0, jx1 - jx0)
                     or abs(jx0 - x0) <= _INDENT * tall))

    return sweep_groups(boxes, 1, beyond, joins)


LARGE = 1.4  # body line heights: a line this much taller is sized by its height
_GUTTER = 0.55  # line heights: a gap this wide between two full-width characters of one
# detected line is a column gutter (the detector joins lines across narrow gutters)
_WIDE_GAP = 0.65  # line heights: a gap this wide between any two characters is one too
_MAYBE_GUTTER = 0.25  # line heights: a gap this wide is looked at on the page
_WHITE_GUTTER = 0.8  # line heights: blank between two characters' middles: a gutter


WhiteRun = Callable[[float, float, float, float], float]


def split_at_gutters(result: Sequence[Any], white: WhiteRun | None = None
                     ) -> list[Sequence[Any]]:
    """One engine line (``[box, text, score, word boxes, words, ...]``) as the lines it
    holds: cut where its word boxes leave a gutter-wide gap, or (``white(x0, x1, top,
    bottom)``: the longest run of blank pixel columns there) where the page shows one
    between two characters (the recogniser's character positions are rough); the line
    as it is when it has no word boxes accounting for its text."""
    box, text = result[0], str(result[1])
    words = result[4] if len(result) > 4 else None
    word_boxes = result[3] if len(result) > 3 else None
    if not (words and word_boxes and len(words) == len(word_boxes)
            and "".join("".join(w.split()) for w in words) == "".join(text.split())):
        return [result]
    top, bottom = span(box, 1)
    height = max(bottom - top, 1.0)
    pieces: list[list[int]] = [[0]]
    for k in range(1, len(words)):
        a, b = _em_extent(words[k - 1], word_boxes[k - 1], height), _em_extent(
            words[k], word_boxes[k], height)
        gap = b[0] - a[1]
        both_wide = words[k - 1] and words[k] and is_cjk(words[k - 1][-1]) and is_cjk(
            words[k][0])
        cut = gap > _WIDE_GAP * height or (both_wide and gap > _GUTTER * height)
        if not cut and white is not None and gap > _MAYBE_GUTTER * height:
            cut = white((a[0] + a[1]) / 2, (b[0] + b[1]) / 2, top, bottom) >= (
                _WHITE_GUTTER * height)
        if cut:
            pieces.append([])
        pieces[-1].append(k)
    if len(pieces) == 1:
        return [result]
    out: list[Sequence[Any]] = []
    for ks in pieces:
        x0 = min(span(word_boxes[k], 0)[0] for k in ks)
        x1 = max(span(word_boxes[k], 0)[1] for k in ks)
        piece_text = ""
        for k in ks:
            word = words[k]
            if piece_text and piece_text[-1].isascii() and piece_text[-1].isalnum() and (
                    word[:1].isascii() and word[:1].isalnum()):
                piece_text += " "
            piece_text += word
        out.append([[[x0, top], [x1, top], [x1, bottom], [x0, bottom]], piece_text,
                    result[2], [word_boxes[k] for k in ks], [words[k] for k in ks]])
    return out


def _em_extent(word: str, box: Any, em: float) -> tuple[float, float]:
    """A word's extent along the line (pixels): its box, and for a mark whose ink sits in
    one half of its em (，。、 in the first, “（ in the second) the em it takes (the
    recogniser's box holds the ink only: the blank beside it is the mark's, no gutter)."""
    x0, x1 = span(box, 0)
    if len(word) == 1 and word in INK_FIRST:
        return x0, max(x1, x0 + em)
    if len(word) == 1 and word in INK_LAST:
        return min(x0, x1 - em), x1
    return x0, x1


_ROW_OVERLAP = 0.7  # of the shorter box's height: boxes on one line overlap this much
_ROW_HEIGHTS = 1.25  # the most one part of a line may be taller than another
_ROW_GAP = 1.5  # line heights: the most white between two parts of one line


def row_groups(boxes: Sequence[LineBox]) -> list[int]:
    """A row number for each line box ``(x0, top, x1, bottom)``: boxes side by side on
    one line, of like heights and close, share a number."""

    def beyond(box: LineBox, later: LineBox) -> bool:
        return later[0] - box[2] > _ROW_GAP * max(box[3] - box[1], 1.0) * _ROW_HEIGHTS

    def joins(box: LineBox, later: LineBox) -> bool:
        _, top, x1, bottom = box
        jx0, jtop, _, jbottom = later
        height, jheight = bottom - top, jbottom - jtop
        tall, short = max(height, jheight), max(min(height, jheight), 1e-6)
        return (tall / short <= _ROW_HEIGHTS and jx0 - x1 <= _ROW_GAP * tall
                and min(bottom, jbottom) - max(top, jtop) >= _ROW_OVERLAP * short)

    return sweep_groups(boxes, 0, beyond, joins)


def paragraph_tails(boxes: Sequence[tuple[float, float, float, float]],
                    stacks: Sequence[int], short: Sequence[bool]) -> set[int]:
    """The ``short`` lines that end a paragraph: right under a full line of their stack
    (as wide as the stack's widest, within a tenth), starting where it starts and at the
    leading of the lines above: whatever height the detector gave them, they are set in
    the paragraph's size (a subhead is centred, or set apart)."""
    widest: dict[int, float] = {}
    for (x0, _, x1, _), stack in zip(boxes, stacks, strict=True):
        widest[stack] = max(widest.get(stack, 0.0), x1 - x0)
    tails = set()
    for k, (x0, top, _, bottom) in enumerate(boxes):
        if not short[k]:
            continue
        above = [j for j in range(len(boxes)) if stacks[j] == stacks[k] and j != k
                 and boxes[j][3] <= top + 0.3 * (bottom - top)]
        if not above:
            continue
        j = max(above, key=lambda j: boxes[j][3])
        jx0, jtop, jx1, jbottom = boxes[j]
        height = jbottom - jtop
        if (jx1 - jx0 >= 0.9 * widest[stacks[k]] and abs(x0 - jx0) <= 0.5 * height
                and top - jbottom <= _STACK_GAP * height):
            tails.add(k)
    return tails


_LEADING_TOLERANCE = 0.12  # of the stack's line step: a step this close is its leading


def at_leading(boxes: Sequence[LineBox], stacks: Sequence[int]) -> set[int]:
    """The lines of a stack of three or more rows set at the stack's leading on both
    sides: the step from the row above to theirs and from theirs to the row below each
    within ``_LEADING_TOLERANCE`` of the stack's median step. Such a line is set in its
    column's size, whatever its box's height or its pitch (a justified line spaced out)
    say: a line set larger, or a subhead, would move the rows after it down."""
    members: dict[int, list[int]] = {}
    for k, stack in enumerate(stacks):
        members.setdefault(stack, []).append(k)
    out: set[int] = set()
    for ks in members.values():
        rows: list[list[int]] = []  # pieces of one line side by side make one row
        for k in sorted(ks, key=lambda k: boxes[k][1]):
            height = boxes[k][3] - boxes[k][1]
            if rows and boxes[k][1] - boxes[rows[-1][0]][1] < 0.5 * height:
                rows[-1].append(k)
            else:
                rows.append([k])
        if len(rows) < 3:
            continue
        tops = [min(boxes[k][1] for k in row) for row in rows]
        steps = [b - a for a, b in zip(tops, tops[1:], strict=False)]
        leading = sorted(steps)[len(steps) // 2]
        if leading <= 0:
            continue
        regular = [abs(step - leading) <= _LEADING_TOLERANCE * leading for step in steps]
        for r in range(1, len(rows) - 1):
            if regular[r - 1] and regular[r]:
                out.update(rows[r])
    return out
