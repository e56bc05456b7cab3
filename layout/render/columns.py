"""Newspaper spreads for two-column pages: a headline group across both columns, body below.

Takes the flowables of an article (its headline group, set across the full width, and its
body, set in columns) and a column gap; returns a :class:`ColumnSpread` flowable for a
full-width frame. The body fills the left column, then the right one; at the article's end
(the part that fits on the page) the two columns are balanced: the shortest column height
that holds the rest is used, so the next article's headline follows right below. A spread
that does not fit splits into what fits (at least the first body flowable stays with the
headline group) and a headless spread for the next page. A spread whose head does not span
the columns (an untitled article, a page's loose captions, a flush-left headline) may open
with a hairline across both columns, so that it reads as a new item rather than as more of
the columns above.

Column filling follows platypus' frame rules on the flowables the story builder makes:
space before a flowable is dropped at a column head, ``KeepTogether`` groups move whole to
the next column (or are unpacked at a column head when even a whole column is too short),
flowables with a ``split`` method split at the column foot, spacers vanish at a column foot.
A flowable that fits no column is left over (the frame then moves the spread to a new page).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import KeepTogether
from reportlab.platypus.flowables import Flowable, Spacer

RULE_SPACE = 8.0  # pt from a spread's top rule to its text
BALANCE_STEPS = 14  # bisection steps for the balanced column height (pt precision)
FUZZ = 1e-6


@dataclass(frozen=True)
class Placed:
    """A flowable laid out in a column: its top (down from the column's top) and height."""

    flowable: Flowable
    top: float
    height: float


def fill_column(items: Sequence[Flowable], width: float, height: float,
                group_limit: float = float("inf")) -> tuple[list[Placed], list[Flowable]]:
    """Lay ``items`` into one column of ``width`` × ``height``: (placed, what is left).

    A ``KeepTogether`` group taller than ``group_limit`` (a full column of a page) can never
    be kept: at a column head its parts flow on their own.
    """
    queue = list(items)
    placed: list[Placed] = []
    bottom, space_after = 0.0, 0.0
    while queue:
        item = queue[0]
        gap = space_after + item.getSpaceBefore() if placed else 0.0
        room = height - bottom - gap
        if isinstance(item, KeepTogether):
            content = list(item._content)
            if _stack_height(content, width) <= room + FUZZ:  # the group, all in this column
                group, _ = fill_column(content, width, room)
                placed += [Placed(p.flowable, bottom + gap + p.top, p.height) for p in group]
                bottom = _used(placed)
                space_after = content[-1].getSpaceAfter()
                queue.pop(0)
            elif not placed and _stack_height(content, width) > group_limit:
                queue[0:1] = content  # too tall for any column: let its parts flow
            else:
                break
            continue
        _, item_height = item.wrap(width, max(room, 0.0))
        if item_height <= room + FUZZ:
            placed.append(Placed(item, bottom + gap, item_height))
            bottom += gap + item_height
            space_after = item.getSpaceAfter()
            queue.pop(0)
            continue
        if isinstance(item, Spacer) and placed:
            queue.pop(0)  # white space at a column foot is not carried over
            continue
        parts = item.split(width, max(room, 0.0)) if room > 0 else []
        if len(parts) > 1:
            queue[0:1] = parts
            head_height = parts[0].wrap(width, room)[1]
            if head_height <= room + FUZZ:
                continue
            queue[0:len(parts)] = [item]
        break
    return placed, queue


def _stack_height(items: Sequence[Flowable], width: float) -> float:
    total, space_after = 0.0, 0.0
    for index, item in enumerate(items):
        if index:
            total += space_after + item.getSpaceBefore()
        if isinstance(item, KeepTogether):
            total += _stack_height(item._content, width)
            space_after = item._content[-1].getSpaceAfter() if item._content else 0.0
            continue
        total += item.wrap(width, 1e9)[1]
        space_after = item.getSpaceAfter()
    return total


def _used(column: Sequence[Placed]) -> float:
    return max((p.top + p.height for p in column), default=0.0)


class ColumnSpread(Flowable):
    """A full-width headline group (may be empty) over two columns of body flowables.

    ``columns`` given: a split-off part whose layout is final; else the body is balanced.
    """

    def __init__(self, head: Sequence[Flowable], body: Sequence[Flowable], gap: float,
                 columns: tuple[list[Placed], list[Placed]] | None = None,
                 space_after: float = 0.0, rule: float = 0.0,
                 group_limit: float = float("inf"), fill: float = 0.0) -> None:
        super().__init__()
        # a part split off at a frame's foot claims the frame's rest (``fill`` pt of body),
        # so that the rest of the body starts the next frame instead of running on below
        # both columns, which would read as neither column's continuation
        self.fill = fill
        self.group_limit = group_limit  # groups taller than this (a page's column) flow apart
        self.rule = rule  # a hairline across the top (pt thick), for spreads without a head
        self.ruled = False  # the rule is drawn: not at a page's top, under the running header
        self.head, self.body, self.gap = list(head), list(body), gap
        self.columns = columns
        self.fixed = columns is not None
        self.spaceAfter = space_after
        self._laid_width: float | None = None

    def _column_width(self, width: float) -> float:
        return (width - self.gap) / 2

    def _rule_drawn(self, avail_height: float) -> bool:
        return bool(self.rule) and avail_height < self.group_limit - 1.0

    def _head_height(self, width: float) -> float:
        """The headline group's height (and the rule's), with the space below it."""
        rule = RULE_SPACE if self.ruled else 0.0
        if not self.head:
            return rule
        return rule + _stack_height(self.head, width) + self.head[-1].getSpaceAfter()

    def _layout(self, width: float, height: float
                ) -> tuple[list[Placed], list[Placed], list[Flowable]]:
        column_width = self._column_width(width)
        left, rest = fill_column(self.body, column_width, height, self.group_limit)
        right, rest = fill_column(rest, column_width, height, self.group_limit)
        return left, right, rest

    def _balanced(self, width: float, total: float) -> tuple[list[Placed], list[Placed]]:
        """The two columns at the least height that holds the whole body."""
        low, high = total / 2, total
        left, right, _ = self._layout(width, high)
        for _ in range(BALANCE_STEPS):
            middle = (low + high) / 2
            trial_left, trial_right, rest = self._layout(width, middle)
            if rest:
                low = middle
            else:
                high, left, right = middle, trial_left, trial_right
        return left, right

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.ruled = self._rule_drawn(avail_height)
        head = self._head_height(avail_width)
        if not self.fixed and self._laid_width != avail_width:
            total = _stack_height(self.body, self._column_width(avail_width))
            if head + total / 2 > avail_height:  # it will be split: no need to balance
                self.height = head + total / 2
                return avail_width, self.height
            self.columns = self._balanced(avail_width, total)
            self._laid_width = avail_width
        body = max(_used(self.columns[0]), _used(self.columns[1])) if self.columns else 0.0
        self.height = head + max(body, self.fill)
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if self.fixed:
            return []
        self.ruled = self._rule_drawn(avail_height)
        room = avail_height - self._head_height(avail_width)
        if room <= 0 or not self.body:
            return []
        left, right, rest = self._layout(avail_width, room)
        if not any(placed.height > 0 for placed in left):
            return []  # the headline group would stand without its first body lines
        part = ColumnSpread(self.head, [], self.gap, (left, right),
                            space_after=0.0 if rest else self.spaceAfter,
                            rule=self.rule if self.ruled else 0.0, group_limit=self.group_limit,
                            fill=room - FUZZ if rest else 0.0)
        if not rest:
            return [part]
        return [part, ColumnSpread([], rest, self.gap, space_after=self.spaceAfter,
                                   group_limit=self.group_limit)]

    def draw(self) -> None:
        canvas, width = self.canv, self.width
        y = self.height
        if self.ruled:
            canvas.saveState()
            canvas.setLineWidth(self.rule)
            canvas.line(0, y, width, y)
            canvas.restoreState()
            y -= RULE_SPACE
        head, _ = fill_column(self.head, width, float("inf"))
        for placed in head:
            placed.flowable.drawOn(canvas, 0, y - placed.top - placed.height)
        if self.head:
            y -= _used(head) + self.head[-1].getSpaceAfter()
        column_width = self._column_width(width)
        for number, column in enumerate(self.columns or ((), ())):
            x = number * (column_width + self.gap)
            for placed in column:
                placed.flowable.wrap(column_width, placed.height)
                placed.flowable.drawOn(canvas, x, y - placed.top - placed.height)
