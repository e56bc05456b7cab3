"""Articles: heading groups with the body blocks and figures that belong to them.

Takes the content blocks, heading groups, figures and rules of a page
(:func:`assign_items`), then one group's items (:func:`build_article`); returns
:class:`layout.model.Article` objects. Ownership is geometric: an item right under a
head that overlaps it horizontally, with no horizontal rule between, is that head's;
ownership then spreads to items level with an owned one in the next column and to
items right below an owned one (short or L-shaped heads, bodies around photos);
what is left goes to the nearest head above, then to the nearest head no rule walls
off; a head with no body of its own claims untitled text below it; the rest is one
untitled article. Inside an article, items are read column by column (XY-cut,
vertical first); bylines are pulled out first; lines become paragraphs at a 2 em
indent or after a short line, and a paragraph runs on from the foot of one column
to the head of the next when that column does not open indented.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from layout.analysis.jumps import split_jump_markers
from layout.analysis.names import splits_into_names
from layout.analysis.patterns import (
    continuation_marker,
    dateline_names,
    ends_clause,
    ends_sentence,
    format_byline,
    is_byline,
    parse_byline,
    split_dateline,
)
from layout.analysis.pdf.blocks import TextBlock
from layout.analysis.pdf.figures import Figure
from layout.analysis.pdf.line_geometry import head_blocks, model_lines
from layout.analysis.pdf.lines import TextLine, join_line_texts
from layout.analysis.pdf.name_runs import names_text
from layout.analysis.pdf.roles import HeadingGroup, heading_text
from layout.analysis.pdf.text import body_text
from layout.analysis.reading_order import xy_cut
from layout.ingest.raw import Rule
from layout.model import Article, BBox, Block, Role

Item = TextBlock | Figure


@dataclass
class ArticleParts:
    head: HeadingGroup | None
    items: list[Item] = field(default_factory=list)

    @property
    def bbox(self) -> BBox:
        boxes = [_box(i) for i in self.items]
        if self.head is not None:
            boxes.append(self.head.bbox)
        return BBox.enclosing(boxes)


HEAD_REACH_LINES = 0.5  # lines a head must reach over a block to head it (0.75 body sizes)


def _box(item: Item) -> BBox:
    if isinstance(item, Figure):
        boxes = [item.bbox] + [c.bbox for c in item.captions]
        return BBox.enclosing(boxes)
    return item.bbox


def _rule_cuts(rules: Sequence[Rule], upper: float, lower: float, box: BBox) -> bool:
    for r in rules:
        if r.horizontal and upper - 1 <= r.position <= lower + 1:
            overlap = min(r.bbox.x1, box.x1) - max(r.bbox.x0, box.x0)
            if overlap >= 0.5 * box.width:
                return True
    return False


def _vertical_rule_between(rules: Sequence[Rule], a: BBox, b: BBox,
                           slack: float = 1.0) -> bool:
    """A vertical rule runs between ``a`` and ``b`` beside both of them (it walls them off);
    ``slack``: how far into either box the rule may stand (a quote mark hung out into
    the margin, in front of the rule a boxed article's text starts at)."""
    left, right = (a, b) if a.x1 <= b.x0 else (b, a)
    if left.x1 > right.x0:
        return False
    return any(not r.horizontal and left.x1 - slack <= r.position <= right.x0 + slack
               and r.bbox.top < a.bottom and r.bbox.bottom > a.top
               and r.bbox.top < b.bottom and r.bbox.bottom > b.top for r in rules)


def _nearest_head_above(groups: Sequence[HeadingGroup], box: BBox,
                        rules: Sequence[Rule], reach: float = 0.0
                        ) -> tuple[int | None, float]:
    """The nearest head above ``box`` overlapping it by more than ``reach`` (a head whose
    edge reaches a few points over the next column, less than a character, does not
    head it) with no rule cutting between, and how far above."""
    best, best_d = None, 0.0
    for k, g in enumerate(groups):
        head = g.bbox
        if head.top > box.top + 1 or head.horizontal_overlap(box) <= reach:
            continue
        # a rule right under a head underlines it; only rules further down cut
        underline = head.bottom + 1.0 * g.headline[0].size
        if _rule_cuts(rules, underline, box.top, box):
            continue
        d = box.top - head.bottom
        if d < -0.3 * g.headline[0].size:
            continue  # the head stands beside the box (its edge reaching over it), not above
        if best is None or d < best_d:
            best, best_d = k, d
    return best, best_d


def _nearest_head_anywhere(groups: Sequence[HeadingGroup], box: BBox,
                           rules: Sequence[Rule]) -> tuple[int | None, float]:
    """The head nearest the box (gap across plus gap down) that no rule walls off, and
    that distance."""
    best, best_d = None, 0.0
    for k, g in enumerate(groups):
        head = g.bbox
        if head.top > box.bottom:
            continue
        if _rule_cuts(rules, head.bottom, box.top, box) or _vertical_rule_between(
                rules, head, box):
            continue
        d = max(0.0, head.x0 - box.x1, box.x0 - head.x1) + max(0.0, box.top - head.bottom)
        if best is None or d < best_d:
            best, best_d = k, d
    return best, best_d


@dataclass(frozen=True)
class _Geometry:
    """How far apart, in lines (1.5 body sizes), the blocks of one column may stand and
    still be one run of text. On a page of horizontal text a column is narrow and the
    next article in it starts under a head, so blocks a few lines apart are one run. In
    the turned frame of vertical text (:mod:`layout.analysis.pdf.vertical_page`) a column
    is a tier holding articles side by side: the next one's text, run on from the tier
    before, stands in the same column with no head over it, a gutter away, and paragraphs
    never run on across blank lines: a block of text is another article's when space
    stands over it (a subhead or a byline set off by space is one line)."""

    head: float = 3.0  # text this far under a block of its column does not head it
    run: float = 2.0  # blocks this far apart stack into one run of a column
    text_reach: float = 2.5  # a block of 2+ lines joins owned text this far above it


_HORIZONTAL = _Geometry()
_TURNED = _Geometry(head=1.0, run=1.0, text_reach=1.0)


def _spread(boxes: Sequence[BBox], owner: list[int | None], rules: Sequence[Rule],
            line: float, figures: Sequence[bool] | None = None,
            texts: Sequence[bool] | None = None,
            geometry: _Geometry = _HORIZONTAL) -> None:
    """Give unowned boxes the owner of a neighbour in the same body.

    First, to a fixpoint, boxes whose top lines up with an owned box in the next column
    (a gutter apart); then also boxes right below an owned box in their column (a line
    apart; then, for what is still unowned, up to 2.5 lines: a subhead set off by space
    above it; or a line right above an owned box: a paragraph opening with a drop cap,
    left of a centred head, over the rest of its column). No rule may lie between the two.
    A box of text beside an owned one goes with it (but a one-line box right atop the
    column of another article goes with that column); else with the nearest owned box above
    or below it (a vertical article's byline, right of its text and a few lines left of the
    article before: turned, it stands just over its own text, further under the other).
    A block marked in ``texts`` (text of two lines or more) reaches owned text above it
    only as far as ``geometry.text_reach``.
    """
    _figures_join_the_text_above(boxes, owner, rules, line, figures)
    _text_under_figures_joins_them(boxes, owner, rules, line, figures)
    for allow_under, under_gap, above_gap in ((False, 0.0, 0.0), (True, 1.0, 0.0),
                                              (True, 2.5, 1.0)):
        changed = True
        while changed:
            changed = False
            for i, box in enumerate(boxes):
                if owner[i] is not None:
                    continue
                nearest: tuple[float, int] | None = None  # (gap, j) under or above
                for j, other in enumerate(boxes):
                    if owner[j] is None:
                        continue
                    hgap = max(other.x0 - box.x1, box.x0 - other.x1)
                    # a short line (a byline) at a column head: the next column starts one
                    # column pitch (the full column's width and a gutter) to its right
                    pitch = (not (figures and figures[j]) and box.width < other.width
                             and box.x0 < other.x0 <= box.x0 + other.width + 2.5 * line)
                    side = (abs(box.top - other.top) <= 1.2 * line
                            and (0 <= hgap <= 2.5 * line or (hgap >= 0 and pitch))
                            and not _vertical_rule_between(rules, box, other, line / 1.5))
                    reach = min(under_gap, geometry.text_reach) if texts and texts[i] \
                        else under_gap
                    under = allow_under and (
                        -0.5 * line <= box.top - other.bottom <= reach * line
                        and box.horizontal_overlap(other) >= 0.5 * min(box.width, other.width)
                        and not _rule_cuts(rules, other.bottom, box.top, box))
                    above = above_gap > 0 and (
                        -0.5 * line <= other.top - box.bottom <= above_gap * line
                        and box.horizontal_overlap(other) >= 0.5 * min(box.width, other.width)
                        and not _rule_cuts(rules, box.bottom, other.top, box))
                    if side or ((under or above) and figures and figures[i]):
                        atop = None if not side else _column_under(boxes, owner, box, j,
                                                                   rules, line)
                        nearest = (float("-inf"), j if atop is None else atop)
                        break  # (a photo: the first found)
                    if under or above:
                        gap = box.top - other.bottom if under else other.top - box.bottom
                        if nearest is None or gap < nearest[0]:
                            nearest = (gap, j)
                if nearest is not None:
                    owner[i] = owner[nearest[1]]
                    changed = True


def _column_under(boxes: Sequence[BBox], owner: Sequence[int | None], box: BBox, side: int,
                  rules: Sequence[Rule], line: float) -> int | None:
    """The box right under a one-line ``box`` (half a line down at most, over half of
    either's width, no rule between) when another article than the box level with it
    (``side``) owns it: a byline or subhead atop a column is its column's, not that of the
    column across the gutter whose text starts level with it."""
    if box.height > line:
        return None
    for k, other in enumerate(boxes):
        if (owner[k] is not None and owner[k] != owner[side]
                and -0.2 * line <= other.top - box.bottom <= 0.5 * line
                and box.horizontal_overlap(other) >= 0.5 * min(box.width, other.width)
                and not _rule_cuts(rules, box.bottom, other.top, box)):
            return k
    return None


def _runs_on(block: TextBlock) -> bool:
    """The block's last line fills the column (its paragraph goes on past the foot)."""
    last, edge = block.lines[-1], max(ln.x1 for ln in block.lines)
    return len(block.lines) >= 2 and edge - last.x1 <= 0.5 * block.size


def _opens_flush(block: TextBlock) -> bool:
    """The block's first line is not indented (it continues a paragraph)."""
    left = min(ln.x0 for ln in block.lines)
    return len(block.lines) >= 2 and block.lines[0].x0 - left <= 0.5 * block.size


def _run_bottom(box: BBox, column: Sequence[BBox], rules: Sequence[Rule],
                line: float, geometry: _Geometry = _HORIZONTAL) -> float:
    """The foot of the column run that starts with ``box``: boxes stacked under it in
    its column, each within ``geometry.run`` lines of the one above, no rule between."""
    bottom = box.bottom
    grown = True
    while grown:
        grown = False
        for other in column:
            if (other.bottom > bottom
                    and -0.5 * line <= other.top - bottom <= geometry.run * line
                    and not _rule_cuts(rules, bottom, other.top, other)):
                bottom, grown = other.bottom, True
    return bottom


def _columns_flow(items: Sequence[Item], boxes: Sequence[BBox], owner: list[int | None],
                  rules: Sequence[Rule], line: float, short_last: bool = False,
                  geometry: _Geometry = _HORIZONTAL) -> bool:
    """Text runs from the foot of one column to the head of the next: an unowned block at
    the top of its column (nothing above it there), opening flush, continues the article
    whose last line fills the foot of the column to its left (a paragraph running on),
    when both columns end level (full or balanced columns; with ``short_last``, the
    next column may also end short: an article's last tier of vertical text) and no rule
    walls them apart (``geometry``: how far apart blocks of one column stand). True when
    an owner was given."""
    changed = False
    for i in sorted(range(len(boxes)), key=lambda k: (boxes[k].x0, boxes[k].top)):
        box = boxes[i]
        item = items[i]
        if owner[i] is not None or not isinstance(item, TextBlock) or not _opens_flush(item):
            continue
        column = [j for j, other in enumerate(boxes) if j != i
                  and other.horizontal_overlap(box) >= 0.5 * min(other.width, box.width)]
        if any(box.top - geometry.head * line <= boxes[j].bottom <= box.top + 1
               and not _rule_cuts(rules, boxes[j].bottom, box.top, box) for j in column):
            continue  # not the head of its column
        run_bottom = _run_bottom(box, [boxes[j] for j in column], rules, line, geometry)
        left = [j for j, other in enumerate(boxes)  # the column to its left, same band
                if -0.5 * line <= box.x0 - other.x1 <= 2.5 * line
                and other.bottom > box.top and other.top < run_bottom]
        if not left:
            continue
        foot = max(left, key=lambda j: boxes[j].bottom)
        above = items[foot]
        if (owner[foot] is None or not isinstance(above, TextBlock) or not _runs_on(above)
                or run_bottom - boxes[foot].bottom > 2 * line
                or (not short_last and boxes[foot].bottom - run_bottom > 2 * line)
                or _vertical_rule_between(rules, boxes[foot], box, line / 1.5)):
            continue
        owner[i] = owner[foot]
        changed = True
    return changed


def _figures_join_the_text_above(boxes: Sequence[BBox], owner: list[int | None],
                                 rules: Sequence[Rule], line: float,
                                 figures: Sequence[bool] | None = None) -> None:
    """A photo set inside a column run (text right above it, no rule between) belongs to
    that text's article before any side-by-side evidence: it sits in that article's columns."""
    if figures is None:
        return
    for i, box in enumerate(boxes):
        if owner[i] is not None or not figures[i]:
            continue
        above = [j for j, other in enumerate(boxes)
                 if owner[j] is not None and not figures[j]
                 and -0.5 * line <= box.top - other.bottom <= 2.0 * line
                 and box.horizontal_overlap(other) >= 0.8 * min(box.width, other.width)
                 and not _rule_cuts(rules, other.bottom, box.top, box)]
        if len({owner[j] for j in above}) == 1:
            owner[i] = owner[above[0]]


def _text_under_figures_joins_them(boxes: Sequence[BBox], owner: list[int | None],
                                   rules: Sequence[Rule], line: float,
                                   figures: Sequence[bool] | None = None) -> None:
    """Text set right under an owned photo's caption, in its columns (within 2.5 lines,
    no rule between), is that photo's article's before any side-by-side evidence: the
    columns of the article beside it may start level with it, but its photo and head
    stand above it."""
    if figures is None:
        return
    for i, box in enumerate(boxes):
        if owner[i] is not None or figures[i]:
            continue
        above = [j for j, other in enumerate(boxes)
                 if owner[j] is not None and figures[j]
                 and -0.5 * line <= box.top - other.bottom <= 2.5 * line
                 and box.horizontal_overlap(other) >= 0.5 * min(box.width, other.width)
                 and not _rule_cuts(rules, other.bottom, box.top, box)]
        if len({owner[j] for j in above}) == 1:
            owner[i] = owner[above[0]]


def _bodiless_heads_claim_orphans(groups: Sequence[HeadingGroup], items: Sequence[Item],
                                  boxes: Sequence[BBox], owner: list[int | None]) -> None:
    """A head that got (almost) no text of its own takes the unowned items below it even
    across a rule: a headline never stands alone, an untitled run of text below it is its
    body (a rule between a title block and its text, as in reports and retyped pages)."""
    chars = [0] * len(groups)
    for item, k in zip(items, owner, strict=True):
        if k is not None and isinstance(item, TextBlock):
            chars[k] += item.chars
    bodiless = [k for k in range(len(groups)) if chars[k] < 60]
    if not bodiless:
        return
    for i, box in enumerate(boxes):
        if owner[i] is not None:
            continue
        above = [k for k in bodiless if groups[k].bbox.bottom <= box.top + 1
                 and groups[k].bbox.horizontal_overlap(box) > 0]
        if above:
            owner[i] = max(above, key=lambda k: groups[k].bbox.bottom)


def assign_items(groups: Sequence[HeadingGroup], items: Sequence[Item],
                 rules: Sequence[Rule], body_size: float = 10.0,
                 short_last: bool = False, turned: bool = False) -> list[ArticleParts]:
    """Articles (heads with their items) plus one untitled article for orphans, if any;
    ``short_last``: see :func:`_columns_flow`; ``turned``: the items are vertical text in
    the turned frame (:class:`_Geometry`).

    First every item right under a head (within a few lines, overlapping it) joins it;
    then ownership spreads to items that line up with owned ones (:func:`_spread`);
    what is left joins the nearest head above it, else the nearest head no rule cuts off.
    """
    line = 1.5 * (body_size or 10.0)
    boxes = [_box(i) for i in items]
    owner: list[int | None] = [None] * len(items)
    for i, box in enumerate(boxes):
        k, d = _nearest_head_above(groups, box, rules, HEAD_REACH_LINES * line)
        if k is not None and d <= 3.5 * line:
            owner[i] = k
    figures = [isinstance(i, Figure) for i in items]
    geometry = _TURNED if turned else _HORIZONTAL
    texts = [isinstance(i, TextBlock) and len(i.lines) >= 2 for i in items]
    _spread(boxes, owner, rules, line, figures, texts, geometry)
    while _columns_flow(items, boxes, owner, rules, line, short_last, geometry):
        _spread(boxes, owner, rules, line, figures, texts, geometry)
    for i, box in enumerate(boxes):
        if owner[i] is None:
            above, far = _nearest_head_above(groups, box, rules)
            near, near_d = _nearest_head_anywhere(groups, box, rules)
            # a head right beside the box's top (a centred head over the columns it
            # starts) beats one far up its column: the box heads that article's column
            owner[i] = near if above is None or (near is not None and near_d < 0.5 * far) \
                else above
    _bodiless_heads_claim_orphans(groups, items, boxes, owner)
    parts = [ArticleParts(g) for g in groups]
    orphans: list[Item] = []
    for item, k in zip(items, owner, strict=True):
        if k is None:
            orphans.append(item)
        else:
            parts[k].items.append(item)
    if orphans:
        parts.append(ArticleParts(None, orphans))
    return parts


# --- paragraphs -------------------------------------------------------------------


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


def _paragraph_lines(blocks: Sequence[TextBlock], siblings: Sequence[TextBlock],
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
    line further below the one before than the block's usual line pitch starts one.
    """
    paras: list[list[TextLine]] = []
    prev_short = True
    indent_marked: bool | None = None
    cap_opened = False  # the text opens with a drop cap: its next paragraph tells
    last: TextLine | None = None  # the line before, across blocks
    extents = [_column_extent(block, siblings) for block in blocks]
    indent = _paragraph_indent(blocks, [c0 for c0, _ in extents], indent_em)
    for block, (col0, col1) in zip(blocks, extents, strict=True):
        em = block.size
        ragged = _ragged(block, col1)
        pitches = sorted(b.top - a.top for a, b in zip(block.lines, block.lines[1:],
                                                       strict=False))
        pitch = pitches[len(pitches) // 2] if pitches else 0.0
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
            spaced = (not indent_marked and prev is not None and len(pitches) >= 3
                      and line.top - prev.top >= pitch + 0.15 * em)
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
    return paras


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


def _lines_text(lines: Sequence[TextLine]) -> str:
    return body_text(join_line_texts([ln.text for ln in lines]))


def _has_paragraph(blocks: Sequence[Block]) -> bool:
    return any(b.role is Role.PARAGRAPH for b in blocks)


def _bare_names_line(block: TextBlock, body_size: float) -> bool:
    """One line of bare names from the surname table (张春; 李非 黄婧), set near body
    size: before an article's first paragraph (under its photo, atop its column) it is
    the byline."""
    return _bare_names_row([block], body_size)


def _bare_names_row(row: Sequence[TextBlock], body_size: float) -> bool:
    """Blocks of one line each, side by side, near body size, that read as bare names
    (:func:`_bare_names_line`; a wide gap may cut one line of names into blocks)."""
    if not row or any(len(b.lines) != 1 or b.size > 1.3 * body_size for b in row):
        return False
    text = " ".join(names_text(b.lines[0]) for b in row)
    parsed = parse_byline(text)
    # each name written apart, 2-4 characters: a short title (新苗成大树) is no name
    return parsed is not None and parsed.bare and len(parsed.names) <= 3 and all(
        2 <= len(token) <= 4 for token in text.split())


def _row_text(row: Sequence[TextBlock]) -> str:
    """A byline row's text, its names apart: blocks of one line each on one baseline read
    as one line (letter-spaced names set as pieces, 罗兴武 孙 萌 刘 洋: the single
    characters pair up as :func:`names_text` pairs them), else each block's text."""
    if len(row) >= 2 and all(len(b.lines) == 1 for b in row) and (
            max(b.lines[0].glyphs[0].base_y for b in row)
            - min(b.lines[0].glyphs[0].base_y for b in row) <= 0.3 * row[0].size):
        glyphs = sorted((g for b in row for g in b.lines[0].glyphs), key=lambda g: g.x0)
        return names_text(TextLine(tuple(glyphs)))
    return " ".join(_names_or_text(b) for b in row)


def _names_or_text(block: TextBlock) -> str:
    """A one-line block's text with its names set apart (:func:`names_text`), else its
    text."""
    return names_text(block.lines[0]) if len(block.lines) == 1 else _block_text(block)


def _join_role_rows(rows: list[list[TextBlock]], body_size: float) -> list[list[TextBlock]]:
    """Byline rows with a row of bare names joined to the row right above it when that
    one names no one (新华社记者 / 史杰 诸葛洋刚)."""
    out: list[list[TextBlock]] = []
    for row in rows:
        if out and _names_under_role(
                row, out[-1], " ".join(_block_text(b) for b in out[-1]), body_size):
            out[-1] = [*out[-1], *row]
        else:
            out.append(row)
    return out


def _whole_dateline(text: str) -> bool:
    """The text is a dateline and nothing more: 本报讯（记者 张三 通讯员 李四）."""
    split = split_dateline(text)
    return split is not None and not split[1] and ("（" in split[0] or "(" in split[0])


def _opens_with_dateline(text: str) -> bool:
    """The text opens with a dateline naming its reporters (本报上海11月21日电（记者 张三）
    …): an article's first paragraph, however short, whose dateline's own face makes most
    of it (本报上海11月21日电（记者 张三）（一）), not a subhead; also when the text stops
    inside the parentheses (本报讯（记者 梁鸣 通讯员: its line ends there)."""
    for candidate in (text, text + "）"):  # (broken inside its names)
        split = split_dateline(candidate)
        if split is not None and ("（" in split[0] or "(" in split[0]):
            return True
    return False


def _names_under_role(row: Sequence[Item], above: Sequence[TextBlock], byline: str,
                      body_size: float) -> bool:
    """``row`` is a line of bare names set right under a byline that names no one
    (新华社记者 / 史杰 诸葛洋刚, the names often smaller): the names are that byline's."""
    blocks = [b for b in row if isinstance(b, TextBlock)]
    if len(blocks) != len(row) or not above or not _bare_names_row(blocks, body_size):
        return False
    parsed = parse_byline(byline)
    if parsed is None or parsed.names:
        return False
    box = max(above, key=lambda b: b.bbox.bottom).bbox
    first = min(blocks, key=lambda b: b.bbox.x0)
    gap = first.bbox.top - box.bottom
    return (-0.3 * first.size <= gap <= 1.5 * max(first.size, body_size)
            and any(b.bbox.horizontal_overlap(box) > 0 for b in blocks))


def _reads_as_names(block: TextBlock) -> bool:
    """A run of Han characters set apart as names the byline patterns accept (the
    surname table; up to four characters always): not a phrase that happens to have no
    punctuation (到举办第一届全国青少年三大球运动会)."""
    compact = block.text.replace(" ", "")
    return (len(compact) <= 4 or parse_byline(_names_or_text(block)) is not None
            or splits_into_names(compact))


def _looks_like_names(text: str) -> bool:
    """A short line of Han names or role words, nothing else: 本报记者 张三 李四."""
    compact = text.replace(" ", "").replace("·", "")
    return 2 <= len(compact) <= 40 and all("\u4e00" <= ch <= "\u9fff" for ch in compact)


def _order(items: Sequence[Item]) -> list[Item]:
    order = xy_cut([_box(i) for i in items], horizontal_first=False,
                   min_row_gap=_leading_gap(items))
    return [items[k] for k in order]


def _leading_gap(items: Sequence[Item]) -> float:
    """The space between the lines of the items' text (the median gap from one line's
    foot to the next one's top, plus a quarter em): a band no wider lies between two
    lines of running text, not between parts of an article (0 with too few lines)."""
    pairs = sorted((b.top - a.bottom, b.size) for item in items
                   if isinstance(item, TextBlock)
                   for a, b in zip(item.lines, item.lines[1:], strict=False)
                   if b.top > a.bottom)
    if len(pairs) < 3:
        return 0.0
    gap, size = pairs[len(pairs) // 2]
    return gap + 0.25 * size


def _block_text(block: TextBlock) -> str:
    return body_text(join_line_texts([ln.text for ln in block.lines]))


def _byline_blocks(items: Sequence[Item], body_font: str, body_size: float) -> list[TextBlock]:
    """Blocks at the head of the body that name the authors (记者 张三 / a line of names).

    A byline sits above, or level with, the first line of the body text; it reads as a
    byline (:func:`is_byline`) or, set unlike the body, as a short line of names.
    """
    blocks = [i for i in items if isinstance(i, TextBlock)]
    body = [b for b in blocks if b.font == body_font and abs(b.size - body_size) <= 0.6
            and len(b.lines) >= 2]
    body_top = min((b.bbox.top for b in body), default=float("inf"))
    found: list[TextBlock] = []
    for b in blocks:
        if len(b.lines) > 2 or b.bbox.top > body_top + 0.75 * body_size:
            continue
        text = _block_text(b)
        body_like = b.font == body_font and abs(b.size - body_size) <= 0.6
        level = b.bbox.top > body_top - 0.5 * body_size
        if level and not any(abs(o.bbox.x0 - b.bbox.x0) <= 0.5 * body_size for o in body):
            continue  # level with the body but not flush left: a centred subhead
        if level and body_like and not is_byline(text) and not _bare_names_line(b, body_size):
            continue  # a paragraph's last word atop the next column (指导), no name
        if is_byline(text) or (_looks_like_names(text) and (not body_like or len(b.lines) == 1)
                               and _reads_as_names(b)):
            found.append(b)
    return sorted(found, key=lambda b: (b.bbox.top, b.bbox.x0))


def _article_body_style(items: Sequence[Item], page_font: str,
                        page_size: float) -> tuple[str, float]:
    """The (font, size) most of an article's body characters are set in (articles of one
    page may use different faces); the page's body style when the article has no text."""
    counts: Counter[tuple[str, float]] = Counter()
    for item in items:
        if isinstance(item, TextBlock):
            for ln in item.lines:
                counts[(ln.font, round(ln.size * 2) / 2)] += len(ln.glyphs)
    if not counts:
        return page_font, page_size
    (font, _), _ = counts.most_common(1)[0]
    sizes: Counter[float] = Counter()
    for item in items:
        if isinstance(item, TextBlock):
            for ln in item.lines:
                if ln.font == font:
                    sizes[ln.size] += len(ln.glyphs)
    return font, sizes.most_common(1)[0][0]


def _rows_of(blocks: Sequence[TextBlock]) -> list[list[TextBlock]]:
    """Blocks on one row a few ems apart (the parts of one byline line), left to right."""
    rows: list[list[TextBlock]] = []
    for b in sorted(blocks, key=lambda b: (b.bbox.top, b.bbox.x0)):
        last = rows[-1][-1] if rows else None
        if last is not None and b.bbox.vertical_overlap(last.bbox) > 0.5 * min(
                b.bbox.height, last.bbox.height) and b.bbox.x0 - last.bbox.x1 <= 4 * b.size:
            rows[-1].append(b)
        else:
            rows.append([b])
    return rows


def _dateline_bylines(dateline: str, bylines: list[str]) -> None:
    """The names in a dateline's parentheses (本报讯（记者 张三 通讯员 李四）) are the
    article's authors: they join the bylines unless a byline already names them."""
    names = dateline_names(dateline)
    have = "".join(bylines).replace(" ", "")
    if names and not all(n in have for n in names):
        inner = re.search(r"[（(]([^）)]*)[）)]", dateline)
        bylines.append(format_byline(inner.group(1) if inner else " ".join(names)))


def build_article(parts: ArticleParts, article_id: str, body_font: str,
                  body_size: float) -> Article:
    """One :class:`Article` from its head and items."""
    head = parts.head
    body_font, body_size = _article_body_style(parts.items, body_font, body_size)
    byline_blocks = _byline_blocks(parts.items, body_font, body_size)
    ordered = _order([i for i in parts.items if not any(i is b for b in byline_blocks)])
    text_blocks = [i for i in ordered if isinstance(i, TextBlock)]
    out: list[Block] = []
    head_bylines = head.bylines if head is not None else []
    byline_rows = _join_role_rows(_rows_of([*head_bylines, *byline_blocks]), body_size)
    bylines: list[str] = [format_byline(_row_text(row)) for row in byline_rows]
    continuations: list[str] = []
    pending: list[TextBlock] = []
    deferred: list[Block] = []
    lead: str | None = None  # a dateline set apart, waiting for its paragraph

    def flush() -> None:
        nonlocal lead
        for lines in _paragraph_lines(pending, text_blocks):
            text = _lines_text(lines)
            if not text:
                continue
            text, markers = split_jump_markers(text)
            continuations.extend(markers)
            if not text:
                continue
            marker = continuation_marker(text)
            if marker and len(text) <= len(marker) + 6:
                continuations.append(text)
                continue
            if not _has_paragraph(out) and not bylines and is_byline(text):
                bylines.append(format_byline(text))
                continue
            if (not _has_paragraph(out) and not bylines and len(lines) == 1
                    and _bare_names_line(TextBlock(list(lines)), body_size)):
                bylines.append(format_byline(names_text(lines[0])))  # atop the text
                continue
            if lead is not None and not _has_paragraph(out):
                text, lead = lead + text, None
            box = BBox.enclosing([ln.bbox for ln in lines])
            out.append(Block(Role.PARAGRAPH, text=text, bbox=box, lines=model_lines(lines)))
        pending.clear()
        out.extend(deferred)
        deferred.clear()

    for item in ordered:
        if isinstance(item, Figure):
            fig_blocks = [Block(Role.FIGURE, bbox=item.bbox, image=item.image)]
            caption, credit = item.caption_and_credit()
            if caption is not None or credit is not None:
                cap_box = BBox.enclosing([c.bbox for c in item.captions])
                fig_blocks.append(Block(Role.CAPTION, text=caption or "", bbox=cap_box,
                                        credit=credit, lines=model_lines(
                                            [ln for c in item.captions for ln in c.lines])))
            (deferred if pending else out).extend(fig_blocks)
            continue
        text = _block_text(item)
        body_like = item.font == body_font and abs(item.size - body_size) <= 0.6
        opened = "".join(_block_text(p) for p in pending)
        if (pending and not _has_paragraph(out) and opened.count("（") > opened.count("）")
                and _opens_with_dateline(opened)):
            pending.append(item)  # the names inside a dateline broken over lines
            continue
        if is_byline(text) and len(item.lines) <= 2:
            flush()
            bylines.append(format_byline(text))
            byline_rows.append([item])
            continue
        if (bylines and not pending and not _has_paragraph(out)
                and _names_under_role([item], byline_rows[-1], bylines[-1], body_size)):
            bylines[-1] = format_byline(bylines[-1] + " " + names_text(item.lines[0]))
            byline_rows[-1].append(item)
            continue
        if (not bylines and not pending and not _has_paragraph(out)
                and _bare_names_line(item, body_size)):
            bylines.append(format_byline(names_text(item.lines[0])))
            byline_rows.append([item])
            continue
        if (not body_like and lead is None and not _has_paragraph(out)
                and _whole_dateline(text)):
            flush()  # (a jump marker above it: （上接第2版）)
            if not _has_paragraph(out):
                lead = body_text(text)  # 本报讯（记者 …） in a face of its own, then text
                continue
        if (not body_like and len(item.lines) <= 4 and len(text) <= 40  # (narrow columns)
                and not (not _has_paragraph(out) and _opens_with_dateline(text))):
            flush()
            out.append(Block(Role.SUBHEAD, text=body_text(text), bbox=item.bbox,
                             lines=model_lines(item.lines)))
            continue
        pending.append(item)
    flush()
    if lead is not None:  # a dateline no paragraph followed stays as text
        out.append(Block(Role.PARAGRAPH, text=lead))

    dateline = None
    first_para = next((k for k, b in enumerate(out) if b.role is Role.PARAGRAPH), None)
    if first_para is not None:
        split = split_dateline(out[first_para].text or "")
        if split is not None and split[1]:
            dateline = split[0]
            out[first_para] = replace(out[first_para], text=split[1])
            _dateline_bylines(dateline, bylines)
    kicker = heading_text(head.kicker) if head and head.kicker else None
    subtitle = heading_text(head.subtitle) if head and head.subtitle else None
    headline = heading_text(head.headline) if head else None
    return Article(
        id=article_id, headline=headline or None, kicker=kicker or None,
        subtitle=subtitle or None, bylines=tuple(bylines), dateline=dateline,
        blocks=tuple(out), bbox=parts.bbox, continuations=tuple(continuations),
        head_blocks=head_blocks(head, byline_rows),
    )
