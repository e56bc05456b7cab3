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
is read column by column, top to bottom) for comparing with the model's text. The rule checks
the vertical checker shares are in :mod:`tests.render.checker_rules`; this module gives them
the horizontal geometry.
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
    without_spaces,
)


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

    start = x0  # along the line, for the shared rules

    @property
    def frame(self) -> int:
        return self.column

    @frame.setter
    def frame(self, column: int) -> None:
        self.column = column

    @property
    def across(self) -> float:
        return self.baseline

    @property
    def x1(self) -> float:
        return self.chars[-1]["x1"]

    end = x1

    @property
    def top(self) -> float:
        return min(c["top"] for c in self.chars)

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)


@dataclass
class Checker(LineRules):
    """Reads one PDF; :meth:`check` returns the violations, :meth:`text` the band's text."""

    noun: ClassVar[str] = "line"
    end_name: ClassVar[str] = "the column edge"
    start_name: ClassVar[str] = "from the edge"

    def _page_rules(self, page: Any) -> list[tuple[float, float, float]]:
        return [(edge["x0"], edge["x1"], page.height - edge["top"])
                for edge in page.horizontal_edges
                if self._in_band(edge["top"], edge["bottom"])]

    def _page_lines(self, number: int, chars: list[dict]) -> list[TextLine]:
        rows: dict[float, list[dict]] = {}
        for char in chars:
            if not self._in_band(char["top"], char["bottom"]):
                continue
            rows.setdefault(round(char["matrix"][5], 1), []).append(char)
        lines = []
        for baseline, row in rows.items():
            row.sort(key=lambda c: c["x0"])
            row = without_spaces(row)
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

    def _line(self, number: int, baseline: float, chars: list[dict]) -> TextLine:
        size = statistics.median(c["size"] for c in chars)
        body = all(abs(c["size"] - self.body_size) < 0.05 for c in chars)
        return TextLine(number, baseline, chars, size, body)

    def _assign_frames(self) -> None:
        """Columns: clusters of body lines' left edges; right edge = widest body line."""
        self.columns = self._find_frames()

    def _frames(self) -> list[tuple[float, float]]:
        return self.columns

    def _gap(self, a: dict, b: dict) -> float:
        return b["x0"] - a["x1"]

    def _size(self, char: dict) -> float:
        return char["size"]

    def _spacing(self, line: TextLine) -> float | None:
        """The line's inter-character spacing, from its Han pairs (None without any)."""
        gaps = self._han_gaps(line, after_space=True)
        return min(gaps) if gaps else None


def check_pdf(path: Path, body_size: float, band: tuple[float, float] | None = None,
              skip_pages: frozenset[int] = frozenset()) -> list[Violation]:
    return Checker(Path(path), body_size, band, skip_pages).check()
