"""The typography checker for vertically set PDFs (直排): DESIGN §5 rules 1–6 and 8, down columns.

Takes a PDF path plus what a reader of the PDF knows (the body size, the band between running
header and footer); returns :class:`Violation` s. Like the horizontal checker
(:mod:`tests.render.typography_checker`) it does not trust the renderer: columns (vertical
lines) are rebuilt from pdfplumber's characters: characters whose centres lie within
0.45 em of each other across the page share a column axis, and such a group is cut where a
gap down the page is wider than 1.2 em (so two tiers, 段, give two lines). A character's size
is its text matrix's vertical scale (turned Latin has its advance as pdfplumber's height).
Tiers come from the body lines' top edges, as the horizontal checker's columns come from
their left edges.

Rules checked on every line in the band: 1 (NO_START first / NO_END last character),
2 (a run of —, …, ⋯ of odd length cut by a line end), 5 (¼ em between Han and Latin inside a
line, beyond the line's own spacing). On body lines: 3 (every line that is not a paragraph's
last ends at the tier's foot ±tolerance, none past it; even spacing between Han characters),
4 (a line starts at the tier's head or 2 em below it), 6 (a paragraph's last line holds ≥ 2
characters that are not punctuation). Rule 8: :meth:`VerticalChecker.text` gives the text in
reading order: page by page; lines and rules that cross the tiers cut a page into bands read
from the right; each band tier by tier, each tier's lines right to left, each line top to
bottom (the digits of a 縦中横 pair left to right). The rule checks shared with the
horizontal checker are in :mod:`tests.render.checker_rules`; this module gives them the
vertical geometry.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from tests.render.checker_rules import (
    SEGMENT_GAP_EM,
    LineRules,
    Violation,
    is_latin,
    without_spaces,
)

AXIS_EM = 0.45  # characters whose centres are this close (em) across the page share an axis


def char_size(char: dict) -> float:
    """The font size: the glyph box's extent across the baseline over the text matrix's
    scale that way (pdfplumber's ``size`` is a turned glyph's advance)."""
    _, _, c, d, _, _ = char["matrix"]
    if abs(c) > abs(d):  # turned: the box's width is across its baseline
        return (char["x1"] - char["x0"]) / abs(c)
    return (char["bottom"] - char["top"]) / abs(d) if d else char["size"]


@dataclass
class VerticalLine:
    page: int
    chars: list[dict]  # top to bottom
    size: float
    is_body: bool
    tier: int = 0
    indented: bool = False
    flush: bool = False
    final: bool = False
    spanning: bool = False  # crosses a tier gap (a headline group set across the tiers)

    @property
    def axis(self) -> float:
        return statistics.median((c["x0"] + c["x1"]) / 2 for c in self.chars)

    @property
    def top(self) -> float:
        return self.chars[0]["top"]

    @property
    def bottom(self) -> float:
        return max(c["bottom"] for c in self.chars)

    start = top  # along the line, for the shared rules
    end = bottom
    across = axis

    @property
    def frame(self) -> int:
        return self.tier

    @frame.setter
    def frame(self, tier: int) -> None:
        self.tier = tier

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)


@dataclass
class VerticalChecker(LineRules):
    """Reads one PDF; :meth:`check` returns the violations, :meth:`text` the band's text."""

    noun: ClassVar[str] = "column"
    end_name: ClassVar[str] = "the tier's foot"
    start_name: ClassVar[str] = "below the head"

    def _page_rules(self, page: Any) -> list[tuple[float, float, float]]:
        return [(edge["top"], edge["bottom"], edge["x0"])
                for edge in page.vertical_edges
                if self._in_band(edge["top"], edge["bottom"])]

    def _page_lines(self, number: int, chars: list[dict]) -> list[VerticalLine]:
        kept = [c for c in chars if self._in_band(c["top"], c["bottom"])]
        kept.sort(key=lambda c: (c["x0"] + c["x1"]) / 2)
        groups: list[list[dict]] = []
        for char in kept:
            centre = (char["x0"] + char["x1"]) / 2
            if groups:
                last = groups[-1][-1]
                reach = AXIS_EM * min(char_size(char), char_size(last))
                if centre - (last["x0"] + last["x1"]) / 2 <= reach:
                    groups[-1].append(char)
                    continue
            groups.append([char])
        lines = []
        for group in groups:
            group.sort(key=lambda c: (round(c["top"], 1), c["x0"]))
            segment = [group[0]]
            for char in group[1:]:
                if char["top"] - max(c["bottom"] for c in segment) > \
                        SEGMENT_GAP_EM * char_size(char):
                    lines.append(self._line(number, segment))
                    segment = []
                segment.append(char)
            lines.append(self._line(number, segment))
        return [line for line in lines if line is not None]

    def _line(self, number: int, chars: list[dict]) -> VerticalLine | None:
        chars = without_spaces(chars)
        if not chars:
            return None
        sizes = [char_size(c) for c in chars]
        body = all(abs(s - self.body_size) < 0.05 for s in sizes)
        return VerticalLine(number, chars, statistics.median(sizes), body)

    def _assign_frames(self) -> None:
        """Tiers: clusters of body lines' top edges; a tier's foot = its longest line's."""
        self.tiers = self._find_frames()

    def _frames(self) -> list[tuple[float, float]]:
        return self.tiers

    def _gap(self, a: dict, b: dict) -> float:
        return b["top"] - a["bottom"]

    def _size(self, char: dict) -> float:
        return char_size(char)

    def _spacing(self, line: VerticalLine) -> float | None:
        gaps = self._han_gaps(line)
        return min(gaps) if gaps else None

    def _skip_pair(self, a: dict, b: dict) -> bool:
        if abs(a["top"] - b["top"]) < 0.05:
            return True  # side by side: the digits of a 縦中横 pair
        latin = b if is_latin(b["text"]) else a
        return latin["text"].isdigit() and _upright(latin)  # set like Han: no gap


def _upright(char: dict) -> bool:
    a, b, c, d, _, _ = char["matrix"]
    return abs(b) < 1e-6 and abs(c) < 1e-6 and a * d > 0


def check_vertical_pdf(path: Path, body_size: float, band: tuple[float, float] | None = None,
                       skip_pages: frozenset[int] = frozenset()) -> list[Violation]:
    return VerticalChecker(Path(path), body_size, band, skip_pages).check()
