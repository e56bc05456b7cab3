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
bottom (the digits of a 縦中横 pair left to right).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber

from tests.render.typography_checker import (
    AFTER_SPACE,
    HAN_LATIN_EM,
    NO_END,
    NO_START,
    PAIRED,
    Violation,
    _without_spaces,
    is_han,
    is_latin,
    is_punct,
)

AXIS_EM = 0.45  # characters whose centres are this close (em) across the page share an axis
SEGMENT_GAP_EM = 1.2  # a wider gap down an axis separates two lines (tiers)


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

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)


@dataclass
class VerticalChecker:
    """Reads one PDF; :meth:`check` returns the violations, :meth:`text` the band's text."""

    path: Path
    body_size: float
    band: tuple[float, float] | None = None  # (top, bottom) in pdfplumber coordinates
    skip_pages: frozenset[int] = frozenset()
    tolerance: float = 0.3
    lines: list[VerticalLine] = field(default_factory=list)
    rules: dict[int, list[tuple[float, float, float]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        with pdfplumber.open(self.path) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                if number in self.skip_pages:
                    continue
                self.lines += self._page_lines(number, page.chars)
                self.rules[number] = [(edge["top"], edge["bottom"], edge["x0"])
                                      for edge in page.vertical_edges
                                      if self._in_band(edge["top"], edge["bottom"])]
        self._assign_tiers()
        self._sort_in_reading_order()
        self._classify()

    def _in_band(self, top: float, bottom: float) -> bool:
        return not self.band or (self.band[0] <= top and bottom <= self.band[1])

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
        chars = _without_spaces(chars)
        if not chars:
            return None
        sizes = [char_size(c) for c in chars]
        body = all(abs(s - self.body_size) < 0.05 for s in sizes)
        return VerticalLine(number, chars, statistics.median(sizes), body)

    def _assign_tiers(self) -> None:
        """Tiers: clusters of body lines' top edges; a tier's foot = its longest line's."""
        tops = sorted({round(ln.top, 1) for ln in self.lines if ln.is_body})
        clusters: list[list[float]] = []
        for y in tops:
            if clusters and y - clusters[-1][-1] < 3 * self.body_size:
                clusters[-1].append(y)
            else:
                clusters.append([y])
        self.tiers = []
        for cluster in clusters:
            members = [ln for ln in self.lines if ln.is_body and cluster[0] - 0.05 <= ln.top
                       <= cluster[-1] + 0.05]
            self.tiers.append((cluster[0], max(ln.bottom for ln in members)))
        for line in self.lines:
            centre = (line.top + line.bottom) / 2
            line.tier = min(range(len(self.tiers)), default=0,
                            key=lambda i: 0 if self.tiers[i][0] - 1 <= centre
                            <= self.tiers[i][1] + 1 else min(abs(centre - self.tiers[i][0]),
                                                             abs(centre - self.tiers[i][1])))

    def _sort_in_reading_order(self) -> None:
        gaps = [(foot, head) for (_, foot), (head, _) in zip(self.tiers, self.tiers[1:],
                                                             strict=False)]

        def crosses(top: float, bottom: float) -> bool:
            return any(top < head - 1 and bottom > foot + 1 for foot, head in gaps)

        spans: dict[int, list[float]] = {}
        for line in self.lines:
            line.spanning = crosses(line.top, line.bottom)
            if line.spanning:
                spans.setdefault(line.page, []).append(line.axis)
        for page, rules in self.rules.items():
            spans.setdefault(page, []).extend(x for top, bottom, x in rules
                                              if crosses(top, bottom))

        def key(line: VerticalLine) -> tuple:
            right = sum(1 for x in spans.get(line.page, ()) if x > line.axis + 0.05)
            if line.spanning:
                return (line.page, right + 1, 0, 0, -line.axis, line.top)
            return (line.page, right, 1, line.tier, -line.axis, line.top)

        self.lines.sort(key=key)

    def _classify(self) -> None:
        em = self.body_size
        for line in self.lines:
            if not line.is_body or not self.tiers:
                continue
            head, foot = self.tiers[line.tier]
            line.indented = abs(line.top - (head + 2 * em)) <= self.tolerance
            line.flush = abs(line.bottom - foot) <= self.tolerance
        for index, line in enumerate(self.lines):
            following = self.lines[index + 1] if index + 1 < len(self.lines) else None
            line.final = following is None or not following.is_body or following.indented

    def check(self) -> list[Violation]:
        found: list[Violation] = []
        for index, line in enumerate(self.lines):
            previous = self.lines[index - 1] if index else None
            found += self._rule1(line) + self._rule5(line)
            if previous is not None:
                found += self._rule2(previous, line)
            if line.is_body and self.tiers and not line.spanning:
                found += self._rules_body(line)
        return found

    def _v(self, line: VerticalLine, rule: str, detail: str) -> Violation:
        return Violation(line.page, rule, line.text, detail)

    def _rule1(self, line: VerticalLine) -> list[Violation]:
        out = []
        if line.text[0] in NO_START:
            out.append(self._v(line, "1", f"column starts with {line.text[0]!r}"))
        if line.text[-1] in NO_END:
            out.append(self._v(line, "1", f"column ends with {line.text[-1]!r}"))
        return out

    def _rule2(self, previous: VerticalLine, line: VerticalLine) -> list[Violation]:
        end, start = previous.text, line.text
        for mark in PAIRED:
            run = len(end) - len(end.rstrip(mark))
            if run % 2 == 1 and start.startswith(mark):
                return [self._v(line, "2", f"{mark}{mark} split across columns")]
        return []

    @staticmethod
    def _pairs(line: VerticalLine):
        return zip(line.chars, line.chars[1:], strict=False)

    def _han_gaps(self, line: VerticalLine) -> list[float]:
        # a drawn space (the en space of 记者 姬慧洋 in a dateline) is a meant gap
        return [b["top"] - a["bottom"] for a, b in self._pairs(line)
                if is_han(a["text"]) and is_han(b["text"]) and not b.get(AFTER_SPACE)]

    def _rule5(self, line: VerticalLine) -> list[Violation]:
        gaps = self._han_gaps(line)
        spacing = min(gaps) if gaps else None
        out = []
        for a, b in self._pairs(line):
            pair = (is_han(a["text"]), is_latin(a["text"]), is_han(b["text"]),
                    is_latin(b["text"]))
            if pair in ((True, False, False, True), (False, True, True, False)):
                if abs(a["top"] - b["top"]) < 0.05:
                    continue  # side by side: the digits of a 縦中横 pair
                gap = b["top"] - a["bottom"] - (spacing or 0.0)
                wanted = HAN_LATIN_EM * char_size(a)
                latin = b if is_latin(b["text"]) else a
                if latin["text"].isdigit() and _upright(latin):
                    continue  # an upright (縦中横) number is set like Han: no gap
                wrong = (gap < wanted - self.tolerance if spacing is None
                         else abs(gap - wanted) > self.tolerance)
                if wrong:
                    out.append(self._v(line, "5", f"{a['text']}|{b['text']} gap {gap:.2f} pt, "
                                                  f"want {wanted:.2f}"))
        return out

    def _rules_body(self, line: VerticalLine) -> list[Violation]:
        out = []
        head, foot = self.tiers[line.tier]
        if line.bottom > foot + self.tolerance:
            out.append(self._v(line, "3", f"past the tier's foot by {line.bottom - foot:.2f} pt"))
        if not line.final and not line.flush:
            out.append(self._v(line, "3", f"not flush: ends {foot - line.bottom:.2f} pt short"))
        gaps = self._han_gaps(line)
        if gaps and max(gaps) - min(gaps) > 0.1:
            out.append(self._v(line, "3", f"uneven spacing {min(gaps):.2f}–{max(gaps):.2f} pt"))
        if not line.indented and abs(line.top - head) > self.tolerance:
            out.append(self._v(line, "4", f"starts {line.top - head:.2f} pt below the head"))
        if line.final and not line.indented:
            letters = sum(1 for c in line.text if not is_punct(c))
            if letters < 2:
                out.append(self._v(line, "6", f"last column holds {letters} non-punctuation"))
        return out

    def text(self) -> str:
        """The band's text in reading order, without whitespace."""
        return "".join(line.text for line in self.lines)


def _upright(char: dict) -> bool:
    a, b, c, d, _, _ = char["matrix"]
    return abs(b) < 1e-6 and abs(c) < 1e-6 and a * d > 0


def check_vertical_pdf(path: Path, body_size: float, band: tuple[float, float] | None = None,
                       skip_pages: frozenset[int] = frozenset()) -> list[Violation]:
    return VerticalChecker(Path(path), body_size, band, skip_pages).check()
