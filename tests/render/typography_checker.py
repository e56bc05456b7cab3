"""A typography checker over a PDF's characters and positions (DESIGN §5 rules 1–6 and 8).

Takes a PDF path plus what a reader of the PDF knows (the body size, the band between running
header and footer); returns :class:`Violation` s. It does not trust the renderer: lines are
rebuilt from pdfplumber's characters (grouped by baseline, split at gaps wider than 1.2 em),
columns from the body lines' left edges, paragraphs from the 2-em first-line indent.

Rules checked on every line in the band: 1 (NO_START first / NO_END last character),
2 (a run of —, …, ⋯ of odd length cut by a line end), 5 (¼ em between Han and Latin inside a
line, beyond the line's own inter-character spacing). On body lines: 3 (every line that is
not a paragraph's last ends at the column's right edge ±tolerance, none past it; the spacing
between Han characters is even), 4 (a line starts at the column edge or 2 em in), 6 (a
paragraph's last line holds ≥ 2 characters that are not punctuation, unless the paragraph is
one line). Rule 8: :meth:`Checker.text` gives the band's text in reading order (lines that span the
columns, such as a headline group over a two-column article, cut a page into bands; each band
is read column by column, top to bottom) for comparing with the model's text.
"""

from __future__ import annotations

import statistics
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber

NO_START = "、，；：。．！？‼⁇”’」』）》〉】〗〕］｝～–·・‧" + ",.;:!?)]}%"
NO_END = "“‘「『（《〈【〖〔［｛" + "([{"
PAIRED = "—…⋯"
HAN_LATIN_EM = 0.25
SEGMENT_GAP_EM = 1.2  # a wider gap inside a baseline separates columns


@dataclass(frozen=True)
class Violation:
    page: int
    rule: str
    text: str
    detail: str


@dataclass
class TextLine:
    page: int
    baseline: float  # PDF y, larger is higher
    chars: list[dict]
    size: float
    is_body: bool
    column: int = 0
    indented: bool = False
    flush: bool = False
    final: bool = False
    spanning: bool = False  # crosses a column gap (a headline group set across columns)

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"]

    @property
    def x1(self) -> float:
        return self.chars[-1]["x1"]

    @property
    def top(self) -> float:
        return min(c["top"] for c in self.chars)

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)


def is_han(char: str) -> bool:
    code = ord(char)
    return (0x3400 <= code <= 0x9FFF or 0x20000 <= code <= 0x3FFFF or 0xF900 <= code <= 0xFAFF
            or 0x3040 <= code <= 0x30FF)


def is_latin(char: str) -> bool:
    return ord(char) < 0x2E80 and unicodedata.category(char)[0] in "LN"


AFTER_SPACE = "after_space"  # set on a char that follows a drawn space character


def _without_spaces(row: list[dict]) -> list[dict]:
    """A sorted row without its space characters; the char after one is marked AFTER_SPACE."""
    kept: list[dict] = []
    spaced = False
    for char in row:
        if char["text"].isspace():
            spaced = True
            continue
        kept.append({**char, AFTER_SPACE: True} if spaced else char)
        spaced = False
    return kept


def is_punct(char: str) -> bool:
    return not (is_han(char) or is_latin(char) or char.isspace())


@dataclass
class Checker:
    """Reads one PDF; :meth:`check` returns the violations, :meth:`text` the band's text."""

    path: Path
    body_size: float
    band: tuple[float, float] | None = None  # (top, bottom) in pdfplumber coordinates
    skip_pages: frozenset[int] = frozenset()  # 1-based, e.g. table-of-contents pages
    tolerance: float = 0.3
    lines: list[TextLine] = field(default_factory=list)
    rules: dict[int, list[tuple[float, float, float]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        with pdfplumber.open(self.path) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                if number in self.skip_pages:
                    continue
                self.lines += self._page_lines(number, page.chars)
                self.rules[number] = [(edge["x0"], edge["x1"], page.height - edge["top"])
                                      for edge in page.horizontal_edges
                                      if self._in_band(edge["top"], edge["bottom"])]
        self._assign_columns()
        self._sort_in_reading_order()
        self._classify()

    def _page_lines(self, number: int, chars: list[dict]) -> list[TextLine]:
        rows: dict[float, list[dict]] = {}
        for char in chars:
            if not self._in_band(char["top"], char["bottom"]):
                continue
            rows.setdefault(round(char["matrix"][5], 1), []).append(char)
        lines = []
        for baseline, row in rows.items():
            row.sort(key=lambda c: c["x0"])
            row = _without_spaces(row)
            if not row:
                continue
            segment = [row[0]]
            for char in row[1:]:
                if char["x0"] - segment[-1]["x1"] > SEGMENT_GAP_EM * char["size"]:
                    lines.append(self._line(number, baseline, segment))
                    segment = []
                segment.append(char)
            lines.append(self._line(number, baseline, segment))
        return lines

    def _in_band(self, top: float, bottom: float) -> bool:
        return not self.band or (self.band[0] <= top and bottom <= self.band[1])

    def _line(self, number: int, baseline: float, chars: list[dict]) -> TextLine:
        size = statistics.median(c["size"] for c in chars)
        body = all(abs(c["size"] - self.body_size) < 0.05 for c in chars)
        return TextLine(number, baseline, chars, size, body)

    def _assign_columns(self) -> None:
        """Columns: clusters of body lines' left edges; right edge = widest body line."""
        lefts = sorted({round(ln.x0, 1) for ln in self.lines if ln.is_body})
        clusters: list[list[float]] = []
        for x in lefts:
            if clusters and x - clusters[-1][-1] < 3 * self.body_size:
                clusters[-1].append(x)
            else:
                clusters.append([x])
        self.columns = []
        for cluster in clusters:
            left = cluster[0]
            members = [ln for ln in self.lines if ln.is_body and cluster[0] - 0.05 <= ln.x0
                       <= cluster[-1] + 0.05]
            self.columns.append((left, max(ln.x1 for ln in members)))
        for line in self.lines:
            centre = (line.x0 + line.x1) / 2
            best = min(range(len(self.columns)), default=0,
                       key=lambda i: 0 if self.columns[i][0] - 1 <= centre <= self.columns[i][1]
                       + 1 else min(abs(centre - self.columns[i][0]),
                                    abs(centre - self.columns[i][1])))
            line.column = best

    def _sort_in_reading_order(self) -> None:
        """Page by page; lines and rules spanning the columns cut a page into bands read one
        after another, each band column by column, top to bottom."""
        gaps = [(right, left) for (_, right), (left, _) in zip(self.columns, self.columns[1:],
                                                                strict=False)]

        def crosses(x0: float, x1: float) -> bool:
            return any(x0 < left - 1 and x1 > right + 1 for right, left in gaps)

        spans: dict[int, list[float]] = {}
        for line in self.lines:
            line.spanning = crosses(line.x0, line.x1)
            if line.spanning:
                spans.setdefault(line.page, []).append(line.baseline)
        for page, rules in self.rules.items():
            spans.setdefault(page, []).extend(y for x0, x1, y in rules if crosses(x0, x1))

        def key(line: TextLine) -> tuple:
            above = sum(1 for b in spans.get(line.page, ()) if b > line.baseline + 0.05)
            if line.spanning:
                return (line.page, above + 1, 0, 0, -line.baseline, line.x0)
            return (line.page, above, 1, line.column, -line.baseline, line.x0)

        self.lines.sort(key=key)

    def _classify(self) -> None:
        em = self.body_size
        for line in self.lines:
            if not line.is_body or not self.columns:
                continue
            left, right = self.columns[line.column]
            line.indented = abs(line.x0 - (left + 2 * em)) <= self.tolerance
            line.flush = abs(line.x1 - right) <= self.tolerance
        for index, line in enumerate(self.lines):
            following = self.lines[index + 1] if index + 1 < len(self.lines) else None
            line.final = (following is None or not following.is_body or following.indented)

    def check(self) -> list[Violation]:
        found: list[Violation] = []
        for index, line in enumerate(self.lines):
            previous = self.lines[index - 1] if index else None
            found += self._rule1(line) + self._rule5(line)
            if previous is not None:
                found += self._rule2(previous, line)
            if line.is_body and self.columns and not line.spanning:
                found += self._rules_body(line, previous)
        return found

    def _v(self, line: TextLine, rule: str, detail: str) -> Violation:
        return Violation(line.page, rule, line.text, detail)

    def _rule1(self, line: TextLine) -> list[Violation]:
        out = []
        if line.text[0] in NO_START:
            out.append(self._v(line, "1", f"line starts with {line.text[0]!r}"))
        if line.text[-1] in NO_END:
            out.append(self._v(line, "1", f"line ends with {line.text[-1]!r}"))
        return out

    def _rule2(self, previous: TextLine, line: TextLine) -> list[Violation]:
        end, start = previous.text, line.text
        for mark in PAIRED:
            run = len(end) - len(end.rstrip(mark))
            if run % 2 == 1 and start.startswith(mark):
                return [self._v(line, "2", f"{mark}{mark} split across lines")]
        return []

    def _spacing(self, line: TextLine) -> float | None:
        """The line's inter-character spacing, from its Han pairs (None without any)."""
        gaps = [b["x0"] - a["x1"] for a, b in zip(line.chars, line.chars[1:], strict=False)
                if is_han(a["text"]) and is_han(b["text"])]
        return min(gaps) if gaps else None

    def _rule5(self, line: TextLine) -> list[Violation]:
        spacing = self._spacing(line)
        out = []
        for a, b in zip(line.chars, line.chars[1:], strict=False):
            pair = (is_han(a["text"]), is_latin(a["text"]), is_han(b["text"]),
                    is_latin(b["text"]))
            if pair in ((True, False, False, True), (False, True, True, False)):
                gap = b["x0"] - a["x1"] - (spacing or 0.0)
                wanted = HAN_LATIN_EM * a["size"]
                # without Han pairs the spacing is unknown: the gap must be at least ¼ em
                wrong = (gap < wanted - self.tolerance if spacing is None
                         else abs(gap - wanted) > self.tolerance)
                if wrong:
                    out.append(self._v(line, "5", f"{a['text']}|{b['text']} gap {gap:.2f} pt, "
                                                  f"want {wanted:.2f}"))
        return out

    def _rules_body(self, line: TextLine, previous: TextLine | None) -> list[Violation]:
        out = []
        left, right = self.columns[line.column]
        if line.x1 > right + self.tolerance:
            out.append(self._v(line, "3", f"past the column edge by {line.x1 - right:.2f} pt"))
        if not line.final and not line.flush:
            out.append(self._v(line, "3", f"not flush: ends {right - line.x1:.2f} pt short"))
        # a drawn space (the en space of 记者 姬慧洋 in a dateline) is a meant gap, not spacing
        han_gaps = [b["x0"] - a["x1"] for a, b in zip(line.chars, line.chars[1:], strict=False)
                    if is_han(a["text"]) and is_han(b["text"]) and not b.get(AFTER_SPACE)]
        if han_gaps and max(han_gaps) - min(han_gaps) > 0.1:
            out.append(self._v(line, "3", f"uneven spacing {min(han_gaps):.2f}–"
                                          f"{max(han_gaps):.2f} pt"))
        if not line.indented and abs(line.x0 - left) > self.tolerance:
            out.append(self._v(line, "4", f"starts {line.x0 - left:.2f} pt from the edge"))
        if line.final and not line.indented:  # an indented last line is a one-line paragraph
            letters = sum(1 for c in line.text if not is_punct(c))
            if letters < 2:
                out.append(self._v(line, "6", f"last line holds {letters} non-punctuation"))
        return out

    def text(self) -> str:
        """The band's text in reading order, without whitespace."""
        return "".join(line.text for line in self.lines)


def check_pdf(path: Path, body_size: float, band: tuple[float, float] | None = None,
              skip_pages: frozenset[int] = frozenset()) -> list[Violation]:
    return Checker(Path(path), body_size, band, skip_pages).check()
