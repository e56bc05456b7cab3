"""Paragraphs of an article's body text.

Takes an article's body text blocks in reading order (and the article's other text
blocks, whose edges tell a short block's column); returns their lines cut into
paragraphs (:func:`paragraph_lines`): a paragraph starts at an indented line, after a
short line, or after extra leading, by how the text marks its paragraphs; and the
text of a run of lines (:func:`lines_text`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from layout.analysis.patterns import ends_clause, ends_sentence
from layout.analysis.pdf.blocks import TextBlock
from layout.analysis.pdf.text import body_text
from layout.analysis.pdf.text_line import TextLine, join_line_texts


def _common(values: Sequence[float], fallback: float, leftmost: bool = False) -> float:
    """The most common value (1 pt bins) when at least two agree, else ``fallback``;
    with ``leftmost``, the smallest value that two or more agree on (a column's left
    edge: as many lines may open indented as flush, and indents lie right of it)."""
    counts = Counter(round(v) for v in values)
    value, n = counts.most_common(1)[0]
    if n < 2:
        return fallback
    if leftmost:
        value = min(v for v, k in counts.items() if k >= 2)
    near = [v for v in values if abs(v - value) <= 1.0]
    return sum(near) / len(near)


def _column_extent(block: TextBlock, siblings: Sequence[TextBlock]) -> tuple[float, float]:
    xs0 = [ln.x0 for ln in block.lines]
    xs1 = [ln.x1 for ln in block.lines]
    if len(block.lines) >= 3:  # most lines are full: their common edges are the column's
        left = _common(xs0, min(xs0), leftmost=True)
        typed = [ln.x0 for ln in block.lines if ln.bbox.height < 1.8 * block.size]
        if typed and left - min(typed) >= block.size:  # lines open left of it: an indent
            left = min(typed)  # (a drop cap's line opens left of the lines beside it)
        return left, _common(xs1, max(xs1))
    em = block.size
    if len(block.lines) == 2 and abs(xs0[0] - xs0[1]) > 0.5 * em:
        return min(xs0), max(xs1)  # one line indented, one flush: the flush one is the edge
    x0, x1 = min(xs0), max(xs1)  # one line, or two opening alike: the column is a sibling's
    for other in siblings:
        if other is block or len(other.lines) < 2:
            continue
        o0, o1 = min(ln.x0 for ln in other.lines), max(ln.x1 for ln in other.lines)
        if abs(o0 - x0) <= 2.6 * em and o1 >= x1 - 0.5 * em and o0 <= x0 + 0.5:
            if abs(o1 - x1) <= 0.6 * em or x1 < o1:
                return o0, o1
    return x0, x1


def paragraph_lines(blocks: Sequence[TextBlock], siblings: Sequence[TextBlock],
                     indent_em: float = 0.9, short_em: float = 1.5) -> list[list[TextLine]]:
    """Body lines of ``blocks`` (reading order) cut into paragraphs.

    A paragraph starts at an indented line or after a short one. In ragged-right
    text (most lines stop short of the column edge) short lines say nothing, so
    there only indents, or a short line ending a sentence, start paragraphs. In text
    that marks paragraphs by indenting (it opens indented), a short line that ends no
    sentence is a break before something that did not fit (「…」（33%）), not a
    paragraph's end: the paragraph goes on unless the next line is indented (text that
    opens with a drop cap shows how it marks paragraphs at the line after the first
    paragraph's end). Text that opens flush sets paragraphs apart with extra leading: a
    line further below the one before than the block's usual line pitch starts one, also
    when it opens the next block (:func:`_spaced_below`).
    """
    paras: list[list[TextLine]] = []
    prev_short = True
    indent_marked: bool | None = None
    cap_opened = False  # the text opens with a drop cap: its next paragraph tells
    last: TextLine | None = None  # the line before, across blocks
    last_pitch = 0.0  # the usual line pitch of the block ``last`` is in (0: too few lines)
    extents = [_column_extent(block, siblings) for block in blocks]
    indent = _paragraph_indent(blocks, [c0 for c0, _ in extents], indent_em)
    for block, (col0, col1) in zip(blocks, extents, strict=True):
        em = block.size
        ragged = _ragged(block, col1)
        pitches = sorted(b.top - a.top for a, b in zip(block.lines, block.lines[1:],
                                                       strict=False))
        pitch = pitches[len(pitches) // 2] if pitches else 0.0
        if len(pitches) < 3:
            pitch = 0.0
        prev: TextLine | None = None
        cap_bottom = 0.0  # foot of a drop cap that opened a line: lines beside it wrap
        for line in block.lines:
            beside_cap = line.top < cap_bottom - 0.2 * em
            indented = line.x0 - col0 >= indent_em * em and not beside_cap
            above = prev if prev is not None else last  # (the block before, a face apart)
            if indented and above is not None and _runs_into(above, line, col0, col1, indent):
                indented = False
            if indent_marked is None:
                if line.bbox.height >= 1.8 * em and not paras:
                    cap_opened = True  # its lines open flush beside and under the cap
                elif not cap_opened or (prev is not None and prev_short and not beside_cap
                                        and ends_sentence(prev.text)):
                    indent_marked = indented
            if line.bbox.height >= 1.8 * em:
                cap_bottom = line.bottom
            # text without indents sets its paragraphs apart with extra leading
            spaced = (not indent_marked and prev is not None and pitch > 0
                      and line.top - prev.top >= pitch + 0.15 * em)
            if indent_marked is False and prev is None and last is not None:
                spaced = _spaced_below(last, line, last_pitch or pitch)
            prev = last = line
            if not paras or indented or (prev_short and not beside_cap) or spaced:
                paras.append([line])
            else:
                paras[-1].append(line)
            prev_short = col1 - line.x1 >= short_em * em
            if ragged and prev_short:
                prev_short = ends_sentence(line.text) and col1 - line.x1 >= 4 * em
            elif indent_marked is not False and prev_short and not ends_sentence(line.text):
                prev_short = False
        last_pitch = pitch
    return paras


def _spaced_below(above: TextLine, line: TextLine, pitch: float) -> bool:
    """``line`` opens a block set in the same column right under ``above`` (the last
    line of the block before), further down than the usual line pitch but by no more
    than a blank line or so (a figure between them leaves far more): text that opens
    flush sets its paragraphs apart so, also when each paragraph is a block of its own."""
    if pitch <= 0:
        return False
    overlap = above.bbox.horizontal_overlap(line.bbox)
    drop = line.top - above.top
    return (overlap >= 0.5 * min(above.bbox.width, line.bbox.width)
            and pitch + 0.15 * line.size <= drop <= 3 * pitch)


def _paragraph_indent(blocks: Sequence[TextBlock], col0s: Sequence[float],
                      indent_em: float) -> float:
    """The usual paragraph indent of ``blocks`` in points (the commonest indent of their
    indented lines; 0 when no line is indented)."""
    indents = [ln.x0 - col0 for block, col0 in zip(blocks, col0s, strict=True)
               for ln in block.lines if ln.x0 - col0 >= indent_em * block.size]
    return _common(indents, max(indents)) if indents else 0.0


def _runs_into(prev: TextLine, line: TextLine, col0: float, col1: float,
               indent: float) -> bool:
    """``line`` goes on with the sentence of the full line above it although it starts
    in from the column edge, by clearly less than the paragraphs' indent: a space the
    line break left at its start (本报讯（记者 张三 / 　通讯员 李四）…), not an indent.
    A line that ends a sentence or a clause, or stops short, may end its paragraph."""
    em = line.size
    full = col1 - prev.x1 < 0.5 * em
    text = prev.text.rstrip()
    mid_sentence = bool(text) and not ends_sentence(text) and not ends_clause(text) and (
        text[-1] not in "”』」）)》")
    return full and mid_sentence and line.x0 - col0 <= indent - 0.6 * em


def _ragged(block: TextBlock, col1: float) -> bool:
    """True when most of a block's lines (a paragraph's last aside) end short of its edge."""
    lines = block.lines[:-1]
    if len(lines) < 4:
        return False
    em = block.size
    flush = sum(1 for ln in lines if col1 - ln.x1 < 0.5 * em)
    return flush < 0.5 * len(lines)


def lines_text(lines: Sequence[TextLine], compounds: frozenset[str] = frozenset()) -> str:
    """The text of a run of lines (``compounds``: see
    :func:`~layout.analysis.pdf.text_line.join_line_texts`)."""
    return body_text(join_line_texts([ln.text for ln in lines], compounds))
