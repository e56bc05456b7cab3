"""Label lines of headline groups: column labels, series names, short label lines.

Takes a title line's text (or :class:`LineInfo` and the text settings) and answers
whether it reads as a label: :func:`column_label` (【金台随感】, 环球走笔：, 记者手记 |),
:func:`named_label` (a column name by its words, from ``data/column_labels.txt``),
:func:`series_label` (深度观察·…), :func:`leading_label` (a bracketed label opening
the headline's own line, split off), :func:`is_label` / :func:`label_beside` (a short
line with no punctuation, short beside the title lines next to it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from layout.analysis import names as names_mod
from layout.analysis.text.lines import LineInfo
from layout.analysis.text.title_lines import first_line
from layout.clean import is_cjk_punct
from layout.settings import TextSettings

LABEL_RATIO = 0.6  # a label line is at most this share of the title line next to it; a
# headline wrapped into two lines of like length (委内瑞拉加强 / 应对美军事威胁) has none


def label_beside(label: LineInfo, others: Sequence[LineInfo], settings: TextSettings) -> bool:
    """``label`` is a short label next to the title lines ``others``: short in itself and
    short beside the widest of them as cut (搬口街道 under 开展征兵宣传激发青年入伍热情; a
    line joined from the lines a quotation wraps over is as wide as its first: 大力推 /
    广“以 / 竹代塑” is one headline wrapped at three characters)."""
    widest = max(len(first_line(x)) for x in others)
    return is_label(label, settings) and len(label.text) <= LABEL_RATIO * widest


def is_label(info: LineInfo, settings: TextSettings) -> bool:
    text = info.text
    return len(text) <= settings.label_chars and not any(is_cjk_punct(c) for c in text)


_OPEN_BRACKETS = "【〖［[〔"
_CLOSE_BRACKETS = "】〗］]〕"
_BRACKET_LABEL = re.compile(
    rf"^[{re.escape(_OPEN_BRACKETS)}][^{re.escape(_OPEN_BRACKETS + _CLOSE_BRACKETS)}]{{1,24}}"
    rf"[{re.escape(_CLOSE_BRACKETS)}]")
_MARK_LABEL = re.compile(r"^[^，。！？；、“”]{2,%d}[ \t\u3000]*[：:|｜]$")
_BAR_LABEL = re.compile(r"^[^，。！？；、]{2,24}[ \t\u3000]*[|｜]$")
COLON_LABEL_CHARS = 8  # a column label closed by a colon: 环球走笔： (longer: a wrapped title)


def column_label(text: str) -> bool:
    """A column label standing alone on a line: 【金台随感】, 环球走笔：, 记者手记 |."""
    stripped = text.strip()
    match = _BRACKET_LABEL.match(stripped)
    if match:
        return match.end() == len(stripped)
    return bool(re.match(_MARK_LABEL.pattern % COLON_LABEL_CHARS, stripped)
                or _BAR_LABEL.match(stripped))  # no headline wraps at a bar


COLUMN_LABELS_FILE = Path(__file__).resolve().parents[1] / "data" / "column_labels.txt"
NAMED_LABEL_CHARS = 10  # a column label by name is at most this long (“十四五”的民生故事)


@cache
def _column_words() -> tuple[tuple[str, ...], frozenset[str]]:
    """(genre head words, whole column names) from ``data/column_labels.txt``."""
    heads: list[str] = []
    whole: set[str] = set()
    for raw in COLUMN_LABELS_FILE.read_text(encoding="utf-8").splitlines():
        kind, _, values = raw.partition(":")
        if raw.startswith("#") or not values:
            continue
        if kind.strip() == "head":
            heads += values.split()
        elif kind.strip() == "whole":
            whole.update(values.split())
    return tuple(heads), frozenset(whole)


def named_label(text: str) -> bool:
    """A title line that reads as a column label by its words: a known column name, or a
    short phrase with no punctuation but quotation marks ending with a genre word (评论员
    观察, 城市笔记, 高质量发展调研行, “十四五”的民生故事)."""
    bare = text.strip().replace("“", "").replace("”", "")
    if not bare or len(bare) > NAMED_LABEL_CHARS or any(is_cjk_punct(c) for c in bare):
        return False
    heads, whole = _column_words()
    return bare in whole or (len(bare) > 2 and bare.endswith(heads))


_SERIES = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff]{2,6}[·・•][\u3400-\u4dbf\u4e00-\u9fff“]")


def series_label(text: str) -> bool:
    """A series or column name joined by a middle dot opening the line (深度观察·做好金融
    “五篇大文章”, 副刊·关注): a kicker over the headline. A dot inside a bracketed tag
    (…（…思想·学习…）) or between the parts of a foreign name (马丁·雅克) is not one."""
    match = _SERIES.match(text.strip())
    return bool(match) and not names_mod.is_name(text.strip()[:match.end() - 2].strip())


def leading_label(text: str) -> tuple[str, str] | None:
    """(label, rest) of a title line opening with a bracketed column label: 【纵横】让科普…"""
    stripped = text.strip()
    match = _BRACKET_LABEL.match(stripped)
    if not match or match.end() == len(stripped):
        return None
    return stripped[:match.end()], stripped[match.end():].strip()
