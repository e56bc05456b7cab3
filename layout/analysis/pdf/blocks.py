"""Stack text lines into blocks: runs of lines in one column, one type style.

Takes the :class:`TextLine` objects of a page and its rules; returns
:class:`TextBlock` objects. A line joins the block right above it when it has the
same font and size, sits within a line spacing below (or at the block's own line
pitch, for loosely leaded text), overlaps it horizontally
and lines up with it (same left edge, a 2 em paragraph indent, same right edge,
or same centre for centred headings), and no horizontal rule runs between them; a
one-line byline takes no line under it that does not go on naming its authors. A line
of digits or Latin alone in its own face (9.6%) under a full Chinese line of body text
joins it.
Lines are swept top to bottom; only blocks still open (ending near the current
line) are compared, so the work grows with lines × columns, not lines².
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from layout.analysis.patterns import (
    CREDIT_MARKS,
    is_byline,
    is_credit_only,
    is_subtitle_dash,
    parse_byline,
    split_credit,
)
from layout.analysis.pdf.name_runs import names_text
from layout.analysis.pdf.text_line import TextLine
from layout.clean import is_cjk, is_cjk_punct
from layout.ingest.raw import OCR_FONT, Rule
from layout.model import BBox


@dataclass
class TextBlock:
    """Lines of one column and style, top to bottom (mutable while being built)."""

    lines: list[TextLine] = field(default_factory=list)
    _box: BBox | None = field(default=None, repr=False, compare=False)

    def add(self, line: TextLine) -> None:
        self.lines.append(line)
        self._box = None if self._box is None else self._box.union(line.bbox)

    @property
    def bbox(self) -> BBox:
        if self._box is None:
            self._box = BBox.enclosing([ln.bbox for ln in self.lines])
        return self._box

    @property
    def size(self) -> float:
        return self.lines[0].size

    @property
    def font(self) -> str:
        """The font of most of the block's glyphs."""
        counts: Counter[str] = Counter()
        for ln in self.lines:
            counts[ln.font] += len(ln.glyphs)
        return counts.most_common(1)[0][0]

    @property
    def text(self) -> str:
        return "".join(ln.text for ln in self.lines)

    @property
    def chars(self) -> int:
        return sum(len(ln.glyphs) for ln in self.lines)


def _aligned(line: TextLine, block: TextBlock, indent_em: float, body: float = 0.0) -> bool:
    em = line.size
    b = block.bbox
    outdented = abs(b.x0 - line.x0 - indent_em * em) <= 0.8 * em  # block began indented
    if line.bbox.horizontal_overlap(b) < 0.3 * min(line.bbox.width, b.width) and not (
            outdented and len(block.lines) == 1 and line.x1 <= b.x1 + 0.6 * em):
        return False  # (a paragraph's short last line under its indented first line joins)
    left = abs(line.x0 - b.x0) <= 0.5 * em
    indented = abs(line.x0 - b.x0 - indent_em * em) <= 0.8 * em
    body_sized = bool(body) and abs(line.size - body) <= 0.05 * body
    if (len(block.lines) == 1 and line.x1 > b.x1 and (left or indented) and body_sized
            and not is_byline(block.lines[0].text)
            and parse_byline(names_text(block.lines[0])) is None):
        return True  # a paragraph's short last line at a column's head, then the next one
    if (len(block.lines) == 1 and body_sized and 1.5 * em <= b.x0 - line.x0 <= 4.0 * em
            and line.x1 >= b.x1 - 0.5 * em and abs(block.size - body) <= 0.05 * body):
        return True  # an indented first line (any indent width), then the paragraph's body
    # ragged CJK (set without justification) stops up to an em short of the column's
    # edge: a line flush left with the block may reach past its lines so far by less
    # than one more character (a table's longer label is a character or more longer)
    reach = 0.9 if left else 0.6
    if line.x1 > b.x1 + reach * em or line.x0 < b.x0 - (indent_em + 0.6) * em:
        return False
    right = abs(line.x1 - b.x1) <= 0.5 * em
    centred = abs((line.x0 + line.x1) - (b.x0 + b.x1)) <= 1.5 * em
    return left or indented or outdented or right or centred


def _runs_on(last: TextLine, line: TextLine, block: TextBlock) -> bool:
    """A justified line in another face (a dateline) that fills the column and runs on."""
    em = line.size
    right = max(block.bbox.x1, line.x1)
    if abs(line.size - last.size) > 0.04 * em:
        return False  # a caption set smaller under the text: no run-on
    if len(block.lines) >= 2 and (line.top - last.top) > (
            last.top - block.lines[-2].top) + 0.2 * em:
        return False  # set off by more than the text's own leading
    return (abs(last.x1 - right) <= 0.3 * em and line.x0 <= last.x0 + 0.3 * em
            and line.x1 >= last.x1 - 0.3 * em and len(last.glyphs) >= 4)


def _digits_run_on(last: TextLine, line: TextLine, block: TextBlock) -> bool:
    """``line`` holds no Chinese, only digits or Latin in their own face (9.6%), flush
    under a Chinese line it would not have fitted on: the sentence's last word wrapped
    onto a line of its own, not a new part set in another face."""
    em = line.size
    return (not any(_cjk(g.text) for g in line.glyphs) and len(line.glyphs) <= 12
            and any(_cjk(g.text) for g in last.glyphs)
            and last.x1 + line.bbox.width > block.bbox.x1 - 0.2 * em
            and abs(line.x0 - block.bbox.x0) <= 0.5 * em)


def _cjk(text: str) -> bool:
    return bool(text) and (is_cjk(text[0]) or is_cjk_punct(text[0]))


def _ends_caption(line: TextLine) -> bool:
    """The line ends with a photo credit (…记者 张三 摄): a caption ends there, so the
    text set below it in the same face is not the caption's."""
    text = line.text.rstrip().rstrip(")）")
    if not text.endswith(CREDIT_MARKS) or len(text) > 200:
        return False
    # the credit regex backtracks badly on long Han runs: it sees the line's tail only
    # (a credit is short), as in figures.split_credit
    tail = line.text.rstrip()[-_CREDIT_TAIL:]
    return (len(line.text) <= _CREDIT_TAIL and is_credit_only(line.text)) or (
        split_credit(tail)[1] is not None)


_CREDIT_TAIL = 30


def _at_pitch(block: TextBlock, line: TextLine) -> bool:
    """The line sits at the block's own line pitch (loose leading, line-height 2):
    no further below its last line than that line is below the one before (+0.1 em)."""
    if len(block.lines) < 2:
        return False
    last, before = block.lines[-1], block.lines[-2]
    return 0 < line.top - last.top <= (last.top - before.top) + 0.1 * line.size


def _byline_alone(last: TextLine, line: TextLine) -> bool:
    """``last`` is a byline (新华社记者 高娟辉、万英超) and ``line`` does not go on with
    it: the text under a byline starts a block of its own, even in the byline's face."""
    return (len(last.glyphs) <= 30 and is_byline(last.text)
            and not is_byline(last.text + line.text))


def _rule_between(rules: Sequence[Rule], upper: BBox, lower: BBox) -> bool:
    x0, x1 = max(upper.x0, lower.x0), min(upper.x1, lower.x1)
    for r in rules:
        if not r.horizontal:
            continue
        y = r.position
        if upper.bottom - 1 <= y <= lower.top + 1 and r.bbox.x0 < x1 - 1 and r.bbox.x1 > x0 + 1:
            return True
    return False


def lines_to_blocks(lines: Sequence[TextLine], rules: Sequence[Rule] = (),
                    max_gap_em: float = 1.0, indent_em: float = 2.0) -> list[TextBlock]:
    """Blocks of a page; each block's lines are top to bottom."""
    horizontal = [r for r in rules if r.horizontal]
    sizes: Counter[float] = Counter()
    for ln in lines:
        sizes[round(ln.size, 1)] += len(ln.glyphs)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    blocks: list[TextBlock] = []
    open_blocks: list[TextBlock] = []
    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        em = line.size
        open_blocks = [b for b in open_blocks
                       if line.top - b.lines[-1].bottom <= max_gap_em * max(em, b.size)
                       or _at_pitch(b, line)]
        best: TextBlock | None = None
        best_gap = 0.0
        for block in open_blocks:
            last = block.lines[-1]
            gap = line.top - last.bottom
            if gap < -0.3 * em or (gap > max_gap_em * em and not _at_pitch(block, line)):
                continue
            if abs(last.size - line.size) > 0.08 * line.size or _ends_caption(last):
                continue
            if _heading_parts(last, line, body):
                continue
            if last.font not in line.fonts and line.font not in last.fonts and not (
                    abs(line.size - body) <= 0.1 * body and _runs_on(last, line, block)
            ) and not (abs(line.size - body) <= 0.1 * body
                       and _digits_run_on(last, line, block)):
                continue  # (in heading type another face is another part: kicker, title)
            if not _aligned(line, block, indent_em, body):
                continue
            if len(block.lines) == 1 and _byline_alone(last, line):
                continue
            if horizontal and _rule_between(horizontal, last.bbox, line.bbox):
                continue
            if best is None or gap < best_gap:
                best, best_gap = block, gap
        if best is None:
            best = TextBlock([line])
            blocks.append(best)
            open_blocks.append(best)
        else:
            best.add(line)
    return blocks


def _heading_parts(last: TextLine, line: TextLine, body: float) -> bool:
    """Two lines of heading type (``HEADING_SHARE`` x body or more) whose sizes differ by
    ``SIZE_STEP`` or more (less than the 8% that parts blocks) are a headline and a
    subtitle, not two lines of one head, when the lower opens with a dash (——…) or the
    two differ in length by more than ``LENGTH_SHARE`` (a head fitted to its measure line
    by line keeps its lines about as long). Two lines of heading type printed in unlike
    colours are two parts whatever their sizes (a red headline shrunk to fit its measure,
    its black subtitle a shade larger). Lines read by OCR are left alone: their sizes come
    from their rows' ink."""
    if min(last.size, line.size) < HEADING_SHARE * body or OCR_FONT in (last.font, line.font):
        return False
    if _ink(last) != _ink(line):  # a red headline's lines, then its subtitle in black
        return True
    if abs(last.size - line.size) < SIZE_STEP * max(last.size, line.size):
        return False
    short, long = sorted((last.bbox.width, line.bbox.width))
    return is_subtitle_dash(line.text) or short < (1 - LENGTH_SHARE) * long


def _ink(line: TextLine) -> tuple[float, ...] | None:
    """The fill colour most of a line's glyphs are printed in (None: not known)."""
    counts = Counter(g.color for g in line.glyphs)
    return counts.most_common(1)[0][0]


HEADING_SHARE = 1.2  # x body size: heading type
SIZE_STEP = 0.03  # share of the larger size two heading lines differ by to be two parts
LENGTH_SHARE = 0.15  # share of the longer line the shorter lacks


def _drop_cap_line(line: TextLine, body: float) -> bool:
    """A line of one or two glyphs set at least twice the body size."""
    return len(line.glyphs) <= 2 and line.size >= 2.0 * body


def _level_with_cap(block: TextBlock, cap: BBox, body: float) -> bool:
    """The block's first line stands level with the cap's top (within 0.6 body sizes),
    or the cap sits on a line of the block (its foot within 0.6 body sizes of that line's)
    and the first line starts within one body size under the cap's top: a cap set to
    the baseline of the Nth line stands up over the first line by its em box's margin,
    which grows with the cap's size."""
    first = block.lines[0]
    if abs(first.top - cap.top) <= 0.6 * body:
        return True
    return (0 <= first.top - cap.top <= 1.0 * body
            and any(abs(ln.bottom - cap.bottom) <= 0.6 * body for ln in block.lines))


def join_drop_caps(blocks: list[TextBlock]) -> list[TextBlock]:
    """Blocks with each drop cap joined to its paragraph: a letter or two set two or more
    lines tall, with body lines starting right beside it, their first one level with
    its top or the cap standing on one of them (:func:`_level_with_cap`). The cap
    becomes the first glyph of that line (moved up against it, so no space comes
    between); the block loses the cap's own block. A cap set right under a
    headline of about its size may have been stacked into the headline's block as its
    last line: the body beside it says it is a cap, and it leaves that block."""
    sizes: Counter[float] = Counter()
    for b in blocks:
        for ln in b.lines:
            sizes[round(ln.size, 1)] += len(ln.glyphs)
    if not sizes:
        return blocks
    body = sizes.most_common(1)[0][0]
    caps = [(b, b.lines[-1]) for b in blocks if _drop_cap_line(b.lines[-1], body)]
    capped = {id(b) for b, _ in caps}
    emptied: set[int] = set()
    for holder, cap in caps:
        box = cap.bbox
        for k, other in enumerate(blocks):
            if id(other) in capped or abs(other.size - body) > 0.1 * body:
                continue
            first = other.lines[0]
            if (0 <= first.x0 - box.x1 <= 1.0 * body and _level_with_cap(other, box, body)
                    and first.bottom < box.bottom):
                glyphs = [replace(g, x1=first.x0) if i == len(cap.glyphs) - 1 else g
                          for i, g in enumerate(cap.glyphs)]
                blocks[k] = TextBlock([TextLine((*glyphs, *first.glyphs)), *other.lines[1:]])
                if len(holder.lines) == 1:
                    emptied.add(id(holder))
                else:
                    at = next(i for i, b in enumerate(blocks) if b is holder)
                    blocks[at] = TextBlock(holder.lines[:-1])
                break
    return [b for b in blocks if id(b) not in emptied]
