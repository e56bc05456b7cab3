"""Kicker cues from the shape of title lines: lengths, set widths and fake bold.

Takes title lines (:class:`LineInfo`) of a headline group and answers whether the
first is a kicker (引题) over the headline: :func:`kicker_over_headline` (of two plain
lines, the first clearly shorter), :func:`leads_in` (a line ending on a verb that
introduces what follows: …时强调, …考察), :func:`wrapped_kicker` (the first of three or more
lines set apart from a headline wrapped at one width), :func:`bold_kicker` (a plain line
over a fake-bold headline); :func:`doubling_parts` finds the one fake-bold run and
:func:`wrapped_through` a quotation inside a headline wrapped at its width.
"""

from __future__ import annotations

from collections.abc import Sequence

from layout.analysis import patterns
from layout.analysis.text.lines import MEASURES, LineInfo
from layout.analysis.text.title_labels import column_label, named_label, series_label
from layout.analysis.text.title_lines import TAGGED_END, WRAP_TAIL_CHARS, set_width

KICKER_SHORTER = 2  # a kicker line over its headline is at least this much shorter
KICKER_MIN_CHARS = 4


def kicker_over_headline(first: str, second: str) -> bool:
    """Two plain title lines where the first is clearly the shorter: a kicker (引题) over
    the headline. A wrapped headline fills its first line; couplet halves are equal. The
    first must be shorter as set (digits and Latin half an em: 国内生产总值同比增 / 长5.2%超出
    市场预期 holds more characters below, not more width) and by its characters (a face
    may set figures full width: 2025年中国景德 / 镇国际陶瓷博览会开幕). A column tag closing
    the second line (…（记者手记）) is set smaller and does not count: 用金融之手“贷” /
    动绿色发展（记者手记） is one headline wrapped mid-phrase."""
    body = TAGGED_END.sub("", second.rstrip()).strip()
    first = first.strip()
    return (len(first) >= KICKER_MIN_CHARS and all(
        measure(first) + KICKER_SHORTER <= measure(body)
        for measure in (MEASURES["chars"], MEASURES["typeset"]))
            and not patterns.ends_clause(first) and not first.endswith("——"))


LEAD_IN_VERBS = ("表示", "强调", "指出", "认为", "透露", "报道", "获悉", "宣布", "决定",
                 "提出", "要求", "考察", "调研", "召开", "会见", "出席", "致辞", "寄语",
                 "回信", "贺信", "讲话", "致信")  # verbs a kicker (引题) ends on


def leads_in(text: str) -> bool:
    """A title line ending on a verb that introduces what the line under it says: the
    occasion or speaker a kicker names before the headline gives the message (习近平在…时
    强调 / …, 习近平总书记来到平遥古城考察 / “守护好…”, 党的二十届四中全会在北京召开 /
    确保…). A headline states its message; a subtitle adds to it."""
    return text.strip().endswith(LEAD_IN_VERBS)


FULL_SLACK = 1.5  # em a wrapped headline's first line may fall short of a later line
KICKER_NARROWER = 1.0  # em a kicker is shorter than the headline's full first line
KICKER_WIDER = 2.0  # em a kicker set smaller is longer than the line under it


def wrapped_kicker(lines: Sequence[LineInfo]) -> bool:
    """The first of three or more stacked title lines is a kicker over a headline wrapped
    over the others, by the width the lines are cut at: a wrapped headline's first line is
    full (no later line clearly longer), so a first line clearly shorter than it is set
    apart (赓续红色血脉 / 第二届新时代青 / 年“重走长征路” / 徒步活动启动), and a first
    line clearly longer than every line under it is set in smaller type (“十四五”的民生故事
    / 一项改革 / 带来就 / 医新变化). Lines of one width (前三季度主 / 要金融数据 / 变化怎么
    看) are one headline."""
    if len(lines) < 3:
        return False
    first = set_width(lines[0])
    widths = [set_width(x) for x in lines[1:]]
    head, later = widths[0], max(widths[1:])
    if head >= later - FULL_SLACK and first <= head - KICKER_NARROWER:
        return True
    return first >= head + KICKER_WIDER and first >= later + KICKER_NARROWER


def wrapped_through(lines: Sequence[LineInfo], span: tuple[int, int]) -> bool:
    """The quotation ``span`` sits inside a headline wrapped at one width: lines before and
    after it, with no blank line between, cut at its width (让科普 / “追” / 上科创)."""
    first, last = span
    if first == 0 or last + 1 >= len(lines) or any(
            x.line.blanks_before > 0 for x in lines[first:last + 2]):
        return False
    widths = [set_width(x) for x in lines[first - 1:last + 2]]
    return max(widths) - min(widths) <= WRAP_SLACK


WRAP_SLACK = 1.0  # em lines of one wrapped headline differ by (a quotation's marks set half)


def bold_kicker(lines: Sequence[LineInfo], bold_start: int) -> bool:
    """The first line is the plain kicker over a fake-bold headline starting at
    ``bold_start`` (an extractor may double only some of a headline's lines): with one
    plain line, unless it is cut at the bold line's width, within the character a wrapped
    headline's lines differ by (WRAP_SLACK: 前三季度主 / 要要金金融融数数据据, 委内瑞拉加强 /
    应应对对美美军军事事威威胁胁) — a label by its words (记者手记, 大地副刊), a
    line too short to wrap a headline at (遇见) or one ending on a verb leading in
    (:func:`leads_in`: 据当地媒体报道) is the kicker all the same; with more,
    when :func:`wrapped_kicker` says so."""
    if bold_start == 1:
        first = lines[0]
        if named_label(first.text) or column_label(first.title) or series_label(first.text) or (
                len(first.text.strip()) <= WRAP_TAIL_CHARS or leads_in(first.text)):
            return True
        return abs(set_width(first) - set_width(lines[1])) > WRAP_SLACK
    return wrapped_kicker(lines)


def doubling_parts(lines: Sequence[LineInfo]) -> tuple[int, int] | None:
    """[start, end) of the one run of fake-bold lines among plain ones: the headline set
    bold between a kicker and/or subtitle set plain. None when all or none are bold."""
    flags = [x.doubled for x in lines]
    if all(flags) or not any(flags):
        return None
    start = flags.index(True)
    end = start
    while end < len(flags) and flags[end]:
        end += 1
    return (start, end) if not any(flags[end:]) else None
