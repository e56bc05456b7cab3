"""Which article owns each item of a page: heads with the body blocks and figures under them.

Takes the heading groups, content items (text blocks and figures) and rules of a page
(:func:`assign_items`); returns :class:`ArticleParts`, one per head plus one untitled
article for orphans. Ownership is geometric: an item right under a head that overlaps
it horizontally, with no horizontal rule between, is that head's; ownership then
spreads to items level with an owned one in the next column and to items right below
an owned one (short or L-shaped heads, bodies around photos); text runs on from the
foot of one column to the head of the next; what is left goes to the nearest head
above, then to the nearest head no rule walls off; a head with no body of its own
claims untitled text below it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from layout.analysis.pdf.blocks import TextBlock
from layout.analysis.pdf.figures import Figure
from layout.analysis.pdf.roles import HeadingGroup
from layout.ingest.raw import Rule
from layout.model import BBox

Item = TextBlock | Figure


@dataclass
class ArticleParts:
    head: HeadingGroup | None
    items: list[Item] = field(default_factory=list)

    @property
    def bbox(self) -> BBox:
        boxes = [item_box(i) for i in self.items]
        if self.head is not None:
            boxes.append(self.head.bbox)
        return BBox.enclosing(boxes)


HEAD_REACH_LINES = 0.5  # lines a head must reach over a block to head it (0.75 body sizes)


def item_box(item: Item) -> BBox:
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


def vertical_rule_between(rules: Sequence[Rule], a: BBox, b: BBox,
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
        if _rule_cuts(rules, head.bottom, box.top, box) or vertical_rule_between(
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
    tops_only: bool = True  # only a column's top lines up with the next column's text


_HORIZONTAL = _Geometry()
_TURNED = _Geometry(head=1.0, run=1.0, text_reach=1.0, tops_only=False)


def _continues_column(boxes: Sequence[BBox], i: int, rules: Sequence[Rule], line: float,
                      geometry: _Geometry) -> bool:
    """Box ``i`` stands right under another box of its column (within ``geometry.run``
    lines, over half of either's width, no rule between): it goes on a column run, it
    does not start one, so text level with it across a gutter says nothing of its article
    (a column under a drop cap or a subhead, level by chance with the top of the next
    article's column)."""
    box = boxes[i]
    return any(k != i and -0.5 * line <= box.top - other.bottom <= geometry.run * line
               and box.horizontal_overlap(other) >= 0.5 * min(box.width, other.width)
               and not _rule_cuts(rules, other.bottom, box.top, box)
               for k, other in enumerate(boxes))


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
    Only a one-line box (a byline atop its column) goes with text one column pitch to its
    right; a box that ends just left of a column of text, less than half that column's
    width from it, is none of its columns (a sidebar's label or a chart's scale beside a
    report's text).
    A block marked in ``texts`` (text of two lines or more) reaches owned text above it
    only as far as ``geometry.text_reach``. With ``geometry.tops_only``, only a box that
    starts its column run lines up with the next column (:func:`_continues_column`).
    """
    _figures_join_the_text_above(boxes, owner, rules, line, figures)
    _text_under_figures_joins_them(boxes, owner, rules, line, figures)
    tops = [not (geometry.tops_only and _continues_column(boxes, i, rules, line, geometry))
            for i in range(len(boxes))]
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
                    pitch = (not (figures and figures[j]) and box.height <= line
                             and box.width < other.width
                             and box.x0 + other.width - line <= other.x0
                             <= box.x0 + other.width + 2.5 * line)
                    # text left of a column of text starts a column's width left of it,
                    # as its next column would (not a label or chart scale just left of it)
                    off_grid = (texts is not None and texts[j] and not (figures and figures[i])
                                and box.x1 <= other.x0 and box.x0 > other.x0 - 0.5 * other.width)
                    side = (tops[i] and abs(box.top - other.top) <= 1.2 * line and not off_grid
                            and (0 <= hgap <= 2.5 * line or (hgap >= 0 and pitch))
                            and not vertical_rule_between(rules, box, other, line / 1.5))
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
                or vertical_rule_between(rules, boxes[foot], box, line / 1.5)):
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


def _tiers_under_heads(groups: Sequence[HeadingGroup], items: Sequence[Item],
                       boxes: Sequence[BBox], owner: list[int | None],
                       rules: Sequence[Rule], line: float) -> None:
    """Vertical text (turned frame) in the tier right under a head's tier, starting level
    with the head (its top within a line of the head's top), is that head's: on the page
    a vertical headline stands at the right of its article's first tier and the next tier
    runs on under it, full width, so that tier's first lines lie under the headline, not
    under the text it heads (which may end with its paragraph at the tier's foot). The
    head's tier is the head with the text set mostly within its span from its level on
    (the head may be shorter than the tier); no rule may run between
    but the head's own frame (a rule that reaches no further than a head size past it)."""
    for i, box in enumerate(boxes):
        if owner[i] is not None or not isinstance(items[i], TextBlock):
            continue
        near: list[tuple[float, int]] = []
        for k, g in enumerate(groups):
            head = g.bbox
            size = g.headline[0].size
            if abs(box.top - head.top) > 1.2 * line:
                continue
            column = [head, *(b for b in boxes if b.top >= head.top - line
                              and b.horizontal_overlap(head) >= 0.5 * b.width)]
            col_x1 = max(b.x1 for b in column)
            gap = box.x0 - col_x1
            if not -0.5 * line <= gap <= 2.5 * line:
                continue
            if any(not r.horizontal and col_x1 - 1 <= r.position <= box.x0 + 1
                   and r.bbox.top < box.bottom and r.bbox.bottom > head.bottom + size
                   for r in rules):
                continue
            near.append((gap, k))
        if near:
            owner[i] = min(near)[1]


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
    boxes = [item_box(i) for i in items]
    owner: list[int | None] = [None] * len(items)
    for i, box in enumerate(boxes):
        k, d = _nearest_head_above(groups, box, rules, HEAD_REACH_LINES * line)
        if k is not None and d <= 3.5 * line:
            owner[i] = k
    figures = [isinstance(i, Figure) for i in items]
    geometry = _TURNED if turned else _HORIZONTAL
    if turned:
        _tiers_under_heads(groups, items, boxes, owner, rules, line)
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
