"""Line features of a text dump and the column width they imply.

Takes :class:`layout.ingest.text.DumpLine` objects; returns :class:`LineInfo`
objects (cleaned text, fake-bold flag, fixed roles such as byline / caption /
furniture, the evidence a line gives about where it sits in a paragraph) and,
for a group of lines, a :class:`ColumnWidth`: which width measure fits the dump
best (plain character count, or a typeset width where half-width characters and
compressed punctuation count less) and the column width in that measure.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from layout.analysis import patterns
from layout.clean import drop_junk, is_doubled_line, remove_cjk_spaces, title_spaces, undouble
from layout.ingest.text import DumpLine
from layout.model import FurnitureKind
from layout.settings import Settings

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
_HAN_GAP = re.compile(rf"[{_HAN}”」』》）][ \t\u3000]+[{_HAN}“「『《（]")
_PUNCT_CLASS = "，。、；：“”‘’（）《》！？"


_MARKER_ARROWS = "▲▼△▽►◄→←"  # arrows a jump marker may carry: ▲上接第3版, 转第9版▲


class Fixed(str, Enum):
    """A role a line has from its text alone, before any paragraph reasoning."""

    NONE = "none"
    BYLINE = "byline"
    CAPTION = "caption"  # caption text ending with a credit, or a bare credit
    FURNITURE = "furniture"
    CONTINUATION = "continuation"  # a jump marker alone: （下转第2版）


@dataclass(frozen=True, slots=True)
class LineInfo:
    """A dump line with everything the paragraph and role stages need."""

    line: DumpLine
    text: str  # cleaned body text (no junk, undoubled, no CJK spaces)
    title: str  # cleaned as a title (keeps a two-part headline's inner space)
    doubled: bool  # the raw line was fake bold
    fixed: Fixed
    furniture: FurnitureKind | None
    han_gap: bool  # a space between two CJK words (two-part titles), not after punctuation
    subtitle_dash: bool
    dateline: bool  # opens with 本报讯（…）/ …电
    han_chars: int  # characters neither punctuation nor half-width: a width no measure shrinks
    beside_cap: bool = False  # set beside a drop cap: as short as the cap is wide, yet full
    cap_room: str = ""  # beside a drop cap: the longest text set beside it (a full line there)
    first_chars: int = 0  # of a title line joined from wrapped lines: the first one's length

    @property
    def indent_marks(self) -> bool:
        """The line opens with U+FFFD or two or more spaces: a paragraph's first line."""
        return self.line.replacement_indent or self.line.indent >= 2

    @property
    def single_space_indent(self) -> bool:
        return not self.line.replacement_indent and self.line.indent == 1


def _line_fixed(text: str, doubled: bool) -> tuple[Fixed, FurnitureKind | None]:
    kind = patterns.furniture_kind(text)
    if kind is not None:
        return Fixed.FURNITURE, kind
    if patterns.is_byline(text):
        return Fixed.BYLINE, None
    marker = patterns.continuation_marker(text)
    if marker is not None and marker == re.sub(rf"[\s{_MARKER_ARROWS}]+", "", text):
        return Fixed.CONTINUATION, None
    body, credit = patterns.split_credit(text)
    if credit is not None or patterns.is_credit_only(text):
        return Fixed.CAPTION, None
    return Fixed.NONE, None


def line_info(line: DumpLine, settings: Settings) -> LineInfo:
    """Features of one dump line."""
    raw = drop_junk(line.text)
    doubled = is_doubled_line(raw, settings.clean)
    raw = undouble(raw, settings.clean)  # once: whole fake-bold lines, else long runs
    title = title_spaces(raw)
    fixed, kind = _line_fixed(title, doubled)
    text = remove_cjk_spaces(raw)
    return LineInfo(
        line=line,
        text=text,
        han_chars=sum(1 for c in text if c not in _PUNCT_CLASS and not is_half(c)),
        title=title,
        doubled=doubled,
        fixed=fixed,
        furniture=kind,
        han_gap=bool(_HAN_GAP.search(raw)) and fixed is Fixed.NONE,
        subtitle_dash=patterns.is_subtitle_dash(raw),
        dateline=patterns.split_dateline(raw) is not None,
    )


def chars_width(text: str) -> float:
    """Width as a plain character count."""
    return float(len(text))


@lru_cache(maxsize=65536)
def is_half(ch: str) -> bool:
    """An ASCII or half-width character (Latin letters, digits)."""
    return ch.isascii() or unicodedata.east_asian_width(ch) in ("Na", "H")


def _weighted(ascii_weight: float, punct_weight: float) -> Callable[[str], float]:
    """A width measure: ASCII/half-width characters and CJK punctuation weighted."""
    @lru_cache(maxsize=16384)
    def width(text: str) -> float:
        total = 0.0
        for ch in text:
            if ch in _PUNCT_CLASS:
                total += punct_weight
            elif is_half(ch):
                total += ascii_weight
            else:
                total += 1.0
        return total
    return width


WEIGHTS: dict[str, tuple[float, float]] = {
    "chars": (1.0, 1.0),
    "half": (0.5, 1.0),  # half-width digits and Latin
    "typeset": (0.5, 0.75),  # and partly compressed punctuation
    "compressed": (0.5, 0.5),  # and fully compressed punctuation
    "punct75": (1.0, 0.75),
    "punct50": (1.0, 0.5),
}
MEASURES: dict[str, Callable[[str], float]] = {
    name: chars_width if name == "chars" else _weighted(*weights)
    for name, weights in WEIGHTS.items()
}


@dataclass(frozen=True, slots=True)
class ColumnWidth:
    """The column width of a run of body lines, in the measure that fits them best."""

    measure: str
    width: float
    spread: float  # typical deviation of full lines from ``width``

    def of(self, text: str) -> float:
        return MEASURES[self.measure](text)


def _mode_window(values: list[float], window: float) -> tuple[float, int]:
    """The value whose [v - window, v] interval holds the most values (ties: the larger v)."""
    best_value, best_count = values[0], 0
    ordered = sorted(values)
    lo = 0
    for hi, value in enumerate(ordered):
        while ordered[lo] < value - window:
            lo += 1
        count = hi - lo + 1
        if count >= best_count:
            best_value, best_count = value, count
    return best_value, best_count


SHORT_SHARE = 0.7  # a line shorter than this share of the median line is a title or label


def interior_lines(texts: Sequence[str], min_chars: int) -> list[str]:
    """Lines inside a sentence on both ends: neither they nor the line before end a sentence.

    Whatever the paragraph structure, such lines are middle lines of a paragraph,
    so they fill the column; they tell the width without knowing the paragraphs.
    Lines much shorter than the median line (titles, labels) are left out: the median,
    not the longest lines, so that on a page whose articles are set to unlike widths
    (or whose dump glued two columns' lines into one) the narrower columns, which
    hold most lines, still count.
    """
    lengths = sorted(len(t) for t in texts)
    if not lengths:
        return []
    floor = max(min_chars, SHORT_SHARE * lengths[(len(lengths) - 1) // 2])
    out = []
    for i, text in enumerate(texts):
        if i == 0 or len(text) < floor or len(texts[i - 1]) < floor:
            continue  # short lines, and lines after them (titles, then first lines)
        if not patterns.ends_sentence(text) and not patterns.ends_sentence(texts[i - 1]):
            out.append(text)
    return out


def _robust_spread(values: list[float]) -> tuple[float, float]:
    """(median, mean absolute deviation of the values within 3 of the median)."""
    center = statistics.median(values)
    near = [v for v in values if abs(v - center) <= 3.0] or values
    center = statistics.median(near)
    return center, statistics.fmean(abs(v - center) for v in near)


def _fit_weights(interior: Sequence[str]) -> str | None:
    """The measure whose weights make lines with punctuation / ASCII as wide as pure Han lines.

    Pure Han lines fix the column width in characters; lines holding CJK punctuation
    then tell its weight (1, 0.75 or 0.5 em), lines holding digits or Latin the weight
    of half-width characters (1 or 0.5; 0.5 without such lines). None when there are too
    few pure Han lines.
    """
    def has_punct(t: str) -> bool:
        return any(c in _PUNCT_CLASS for c in t)

    def has_half(t: str) -> bool:
        return any(is_half(c) for c in t)

    han = [len(t) for t in interior if not has_punct(t) and not has_half(t)]
    if len(han) < 3:
        return None
    base = statistics.median(han)

    def error(lines: list[str], weights: tuple[float, float]) -> float:
        measure = _weighted(*weights)
        return statistics.fmean(min(abs(measure(t) - base), 3.0) for t in lines)

    punct_lines = [t for t in interior if has_punct(t) and not has_half(t)]
    punct = 1.0
    if punct_lines:
        punct = min((1.0, 0.75, 0.5), key=lambda p: (round(error(punct_lines, (1.0, p)), 2), -p))
    half_lines = [t for t in interior if has_half(t)]
    ascii_weight = 0.5  # digits and Latin are set half-width unless the lines say otherwise
    if half_lines:
        ascii_weight = min((1.0, 0.5), key=lambda a: (
            round(error(half_lines, (a, punct)), 2), -a))
    return next(name for name, w in WEIGHTS.items() if w == (ascii_weight, punct))


def estimate_width(
    texts: Sequence[str], settings: Settings, measure_name: str | None = None
) -> ColumnWidth | None:
    """Column width of a run of body lines, and the width measure that fits them.

    The measure (unless ``measure_name`` fixes it, e.g. to the page's) is the one
    under which the interior lines (:func:`interior_lines`) are most uniform (plain
    count wins ties); the width is their median. With too few interior lines, the
    densest band of line widths is used instead.
    """
    interior = interior_lines(texts, settings.text.min_body_chars)
    if measure_name is None and len(interior) >= settings.text.min_width_lines:
        measure_name = _fit_weights(interior)
    measures = MEASURES if measure_name is None else {measure_name: MEASURES[measure_name]}
    if len(interior) >= settings.text.min_width_lines:
        best: tuple[float, int, ColumnWidth] | None = None
        for rank, (name, measure) in enumerate(measures.items()):
            center, spread = _robust_spread([measure(t) for t in interior])
            key = (round(spread, 2), rank)
            if best is None or key < (best[0], best[1]):
                best = (key[0], rank, ColumnWidth(name, center, spread))
        return best[2] if best else None
    candidates = [t for t in texts if len(t) >= settings.text.min_body_chars]
    if len(candidates) < 3:
        return None
    name = measure_name or "chars"
    values = [MEASURES[name](t) for t in candidates]
    top, _ = _mode_window(values, settings.text.width_band)
    inside = [v for v in values if top - settings.text.width_band <= v <= top + 0.5]
    center, spread = _robust_spread(inside)
    return ColumnWidth(name, center, spread)
