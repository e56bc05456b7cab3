"""What the horizontal and the vertical typography checkers share (DESIGN §5 rules 1, 2, 5, 6
and the even spacing of rule 3), written once over their lines.

Takes lines (anything with ``page``, ``chars`` in reading order, ``text``, ``is_body``,
``indented``, ``flush``, ``final``, ``spanning``, a ``frame`` number and, along the line,
``start`` and ``end``, across it ``across``: larger is read first); returns
:class:`Violation` s. Each checker keeps its own geometry: :class:`LineRules` asks it for the
gap between two consecutive characters along its lines, a character's size and the frames
its body lines sit in (columns or tiers, as ``(start, end)``); ``noun``, ``end_name`` and
``start_name`` word its messages. The rule lines crossing the frames are ``(start, end,
across)``. :class:`LineRules` also holds what both checkers are made with (the PDF's path,
the body size, the band, the pages to skip) and reads the PDF's pages through the
checker's own line and rule finders.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import pdfplumber

NO_START = "、，；：。．！？‼⁇”’」』）》〉】〗〕］｝～–·・‧" + ",.;:!?)]}%"
NO_END = "“‘「『（《〈【〖〔［｛" + "([{"
PAIRED = "—…⋯"
HAN_LATIN_EM = 0.25
SEGMENT_GAP_EM = 1.2  # a wider gap along a line's direction separates two lines
AFTER_SPACE = "after_space"  # set on a char that follows a drawn space character


@dataclass(frozen=True)
class Violation:
    page: int
    rule: str
    text: str
    detail: str


def is_han(char: str) -> bool:
    code = ord(char)
    return (0x3400 <= code <= 0x9FFF or 0x20000 <= code <= 0x3FFFF or 0xF900 <= code <= 0xFAFF
            or 0x3040 <= code <= 0x30FF)


def is_latin(char: str) -> bool:
    return ord(char) < 0x2E80 and unicodedata.category(char)[0] in "LN"


def is_punct(char: str) -> bool:
    return not (is_han(char) or is_latin(char) or char.isspace())


def without_spaces(row: list[dict]) -> list[dict]:
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


def edge_clusters(edges: Sequence[float], reach: float) -> list[list[float]]:
    """Sorted edges cut into clusters where one is ``reach`` or more past the previous."""
    clusters: list[list[float]] = []
    for edge in edges:
        if clusters and edge - clusters[-1][-1] < reach:
            clusters[-1].append(edge)
        else:
            clusters.append([edge])
    return clusters


def nearest_frame(frames: Sequence[tuple[float, float]], centre: float) -> int:
    """The frame ``(start, end)`` holding ``centre`` (1 pt slack), else the nearest one."""
    return min(range(len(frames)), default=0,
               key=lambda i: 0 if frames[i][0] - 1 <= centre <= frames[i][1] + 1
               else min(abs(centre - frames[i][0]), abs(centre - frames[i][1])))


@dataclass
class LineRules:
    """The rule checks both checkers run; a checker subclasses it and gives its geometry.

    Reads the PDF at ``path`` when made: each page's lines (:meth:`_page_lines`) and rule
    lines (:meth:`_page_rules`) within ``band``, pages in ``skip_pages`` (1-based, e.g.
    table-of-contents pages) left out; then the lines' frames (:meth:`_assign_frames`),
    reading order and classes."""

    noun: ClassVar[str]  # "line" or "column", as messages name one line
    end_name: ClassVar[str]  # what a line must not run past: "the column edge"
    start_name: ClassVar[str]  # how a line's start is measured: "from the edge"
    path: Path
    body_size: float
    band: tuple[float, float] | None = None  # (top, bottom) in pdfplumber coordinates
    skip_pages: frozenset[int] = frozenset()
    tolerance: float = 0.3
    lines: list[Any] = field(default_factory=list)
    rules: dict[int, list[tuple[float, float, float]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        with pdfplumber.open(self.path) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                if number in self.skip_pages:
                    continue
                self.lines += self._page_lines(number, page.chars)
                self.rules[number] = self._page_rules(page)
        self._assign_frames()
        self._sort_in_reading_order()
        self._classify()

    def _page_lines(self, number: int, chars: list[dict]) -> list[Any]:
        raise NotImplementedError

    def _page_rules(self, page: Any) -> list[tuple[float, float, float]]:
        """The page's rule lines that cross the frames, as ``(start, end, across)``."""
        raise NotImplementedError

    def _assign_frames(self) -> None:
        raise NotImplementedError

    def _frames(self) -> list[tuple[float, float]]:
        raise NotImplementedError

    def _gap(self, a: dict, b: dict) -> float:
        raise NotImplementedError

    def _size(self, char: dict) -> float:
        raise NotImplementedError

    def _spacing(self, line: Any) -> float | None:
        raise NotImplementedError

    def _skip_pair(self, a: dict, b: dict) -> bool:
        """Whether a Han–Latin pair is set without the ¼ em (no pair by default)."""
        return False

    def _in_band(self, top: float, bottom: float) -> bool:
        return not self.band or (self.band[0] <= top and bottom <= self.band[1])

    def _find_frames(self) -> list[tuple[float, float]]:
        """Frames: clusters of body lines' starts; a frame ends where its longest line does.
        Each line gets the frame holding its middle, else the nearest."""
        starts = sorted({round(ln.start, 1) for ln in self.lines if ln.is_body})
        frames = []
        for cluster in edge_clusters(starts, 3 * self.body_size):
            members = [ln for ln in self.lines if ln.is_body and cluster[0] - 0.05 <= ln.start
                       <= cluster[-1] + 0.05]
            frames.append((cluster[0], max(ln.end for ln in members)))
        for line in self.lines:
            line.frame = nearest_frame(frames, (line.start + line.end) / 2)
        return frames

    def _sort_in_reading_order(self) -> None:
        """Page by page; lines and rules crossing the frames cut a page into bands read one
        after another (larger ``across`` first), each band frame by frame, each frame's
        lines by ``across``, larger first."""
        frames = self._frames()
        gaps = [(end, start) for (_, end), (start, _) in zip(frames, frames[1:], strict=False)]

        def crosses(start: float, end: float) -> bool:
            return any(start < head - 1 and end > foot + 1 for foot, head in gaps)

        spans: dict[int, list[float]] = {}
        for line in self.lines:
            line.spanning = crosses(line.start, line.end)
            if line.spanning:
                spans.setdefault(line.page, []).append(line.across)
        for page, rules in self.rules.items():
            spans.setdefault(page, []).extend(at for start, end, at in rules
                                              if crosses(start, end))

        def key(line: Any) -> tuple:
            before = sum(1 for at in spans.get(line.page, ()) if at > line.across + 0.05)
            if line.spanning:
                return (line.page, before + 1, 0, 0, -line.across, line.start)
            return (line.page, before, 1, line.frame, -line.across, line.start)

        self.lines.sort(key=key)

    def _classify(self) -> None:
        """Body lines: indented (2 em in), flush (at the frame's end), a paragraph's last."""
        frames = self._frames()
        em = self.body_size
        for line in self.lines:
            if not line.is_body or not frames:
                continue
            head, foot = frames[line.frame]
            line.indented = abs(line.start - (head + 2 * em)) <= self.tolerance
            line.flush = abs(line.end - foot) <= self.tolerance
        self._mark_paragraph_ends()

    def _mark_paragraph_ends(self) -> None:
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
            if line.is_body and self._frames() and not line.spanning:
                found += self._rules_body(line)
        return found

    def text(self) -> str:
        """The band's text in reading order, without whitespace."""
        return "".join(line.text for line in self.lines)

    def _v(self, line: Any, rule: str, detail: str) -> Violation:
        return Violation(line.page, rule, line.text, detail)

    @staticmethod
    def _pairs(line: Any) -> Iterator[tuple[dict, dict]]:
        return zip(line.chars, line.chars[1:], strict=False)

    def _han_gaps(self, line: Any, *, after_space: bool = False) -> list[float]:
        """Gaps between consecutive Han characters; a drawn space (the en space of 记者 姬慧洋
        in a dateline) is a meant gap, left out unless ``after_space``."""
        return [self._gap(a, b) for a, b in self._pairs(line)
                if is_han(a["text"]) and is_han(b["text"])
                and (after_space or not b.get(AFTER_SPACE))]

    def _rule1(self, line: Any) -> list[Violation]:
        out = []
        if line.text[0] in NO_START:
            out.append(self._v(line, "1", f"{self.noun} starts with {line.text[0]!r}"))
        if line.text[-1] in NO_END:
            out.append(self._v(line, "1", f"{self.noun} ends with {line.text[-1]!r}"))
        return out

    def _rule2(self, previous: Any, line: Any) -> list[Violation]:
        end, start = previous.text, line.text
        for mark in PAIRED:
            run = len(end) - len(end.rstrip(mark))
            if run % 2 == 1 and start.startswith(mark):
                return [self._v(line, "2", f"{mark}{mark} split across {self.noun}s")]
        return []

    def _rule5(self, line: Any) -> list[Violation]:
        spacing = self._spacing(line)
        out = []
        for a, b in self._pairs(line):
            pair = (is_han(a["text"]), is_latin(a["text"]), is_han(b["text"]),
                    is_latin(b["text"]))
            if pair not in ((True, False, False, True), (False, True, True, False)):
                continue
            if self._skip_pair(a, b):
                continue
            gap = self._gap(a, b) - (spacing or 0.0)
            wanted = HAN_LATIN_EM * self._size(a)
            # without Han pairs the spacing is unknown: the gap must be at least ¼ em
            wrong = (gap < wanted - self.tolerance if spacing is None
                     else abs(gap - wanted) > self.tolerance)
            if wrong:
                out.append(self._v(line, "5", f"{a['text']}|{b['text']} gap {gap:.2f} pt, "
                                              f"want {wanted:.2f}"))
        return out

    def _rules_body(self, line: Any) -> list[Violation]:
        out = []
        head, foot = self._frames()[line.frame]
        if line.end > foot + self.tolerance:
            out.append(self._v(line, "3", f"past {self.end_name} by {line.end - foot:.2f} pt"))
        if not line.final and not line.flush:
            out.append(self._v(line, "3", f"not flush: ends {foot - line.end:.2f} pt short"))
        gaps = self._han_gaps(line)
        if gaps and max(gaps) - min(gaps) > 0.1:
            out.append(self._v(line, "3", f"uneven spacing {min(gaps):.2f}–{max(gaps):.2f} pt"))
        if not line.indented and abs(line.start - head) > self.tolerance:
            out.append(self._v(line, "4", f"starts {line.start - head:.2f} pt "
                                          f"{self.start_name}"))
        return out + self._rule6(line)

    def _rule6(self, line: Any) -> list[Violation]:
        if line.final and not line.indented:  # an indented last line is a one-line paragraph
            letters = sum(1 for c in line.text if not is_punct(c))
            if letters < 2:
                return [self._v(line, "6", f"last {self.noun} holds {letters} "
                                           "non-punctuation")]
        return []
