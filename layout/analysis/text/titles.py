"""Headline groups of text dumps: title lines -> kicker, headline, subtitle.

Takes the title lines of a headline group (:class:`LineInfo`) and the text
settings; :func:`split_title_lines` returns (kicker, headline, subtitle) as
strings or None, split by dashes, blank lines, column labels, short labels, fake
bold and line lengths. Also :func:`join_title_lines` (title lines -> one title,
the space of a couplet kept) and :func:`merge_wrapped_tails` (a title line's
wrapped end joined back to it), which the article-start evidence uses too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

from layout.analysis import names as names_mod
from layout.analysis import patterns
from layout.analysis.text.lines import MEASURES, LineInfo
from layout.clean import is_cjk_punct
from layout.settings import TextSettings

WRAP_TAIL_CHARS = 2  # a title line this short right under another is its wrapped end


def merge_wrapped_tails(titles: Sequence[LineInfo]) -> list[LineInfo]:
    """Title lines with the wrapped end of a line (one or two characters set right under
    it: …绿色环保发 / 展, or the rest of a bracket or quotation left open) joined to that
    line: one line of the title, not a label."""
    out: list[LineInfo] = []
    for info in titles:
        if out and info.line.blanks_before == 0 and _open_bracket(out[-1].text):
            out[-1] = replace(out[-1], text=out[-1].text + info.text,
                              title=out[-1].title + info.title.strip(),
                              first_chars=out[-1].first_chars or len(out[-1].text))
            continue  # a bracket or quotation wraps: …看（高质量发展看 / 亮点·读数）
        if (out and len(info.text) <= WRAP_TAIL_CHARS and info.line.blanks_before == 0
                and len(out[-1].text) > 2 * WRAP_TAIL_CHARS
                and not any(is_cjk_punct(c) for c in info.text.rstrip(patterns.CLOSERS))):
            out[-1] = replace(out[-1], text=out[-1].text + info.text,
                              title=out[-1].title + info.title.strip())
            continue
        out.append(info)
    return out


def first_line(info: LineInfo) -> str:
    """The text of a title line as cut, before :func:`merge_wrapped_tails` joined lines
    it wrapped onto (…安 / 全（深入学习… / …专家谈）: the width is the first one's)."""
    return info.text[:info.first_chars] if info.first_chars else info.text


def _open_bracket(text: str) -> bool:
    """The line leaves a bracket or quotation open (more （ or “ than closers)."""
    return text.count("（") > text.count("）") or text.count("“") > text.count("”")


def join_title_lines(lines: Sequence[str]) -> str:
    """Title lines as one title: a couplet of equal halves (巩固拓展主题教育成果 /
    推动示范区高质量发展) keeps one space between them; a wrapped title (also one of three
    or more lines: 莫让实习生 / 权益保护 / 成“死角”) joins directly."""
    out = ""
    for line in lines:
        if out and line and len(lines) == 2 and _couplet(out.split(" ")[-1], line):
            out += " " + line
        else:
            out += line
    return out


def _couplet(left: str, right: str) -> bool:
    """Two equal halves of a headline; not a quotation or bracket wrapped across them."""
    if left.count("“") > left.count("”") or left.count("（") > left.count("）"):
        return False
    return (len(left) >= 4 and abs(len(left) - len(right)) <= 1
            and not is_cjk_punct(left[-1]) and not is_cjk_punct(right[0])
            and " " not in right)


KICKER_SHORTER = 2  # a kicker line over its headline is at least this much shorter
KICKER_MIN_CHARS = 4


def _kicker_over_headline(first: str, second: str) -> bool:
    """Two plain title lines where the first is clearly the shorter: a kicker (引题) over
    the headline. A wrapped headline fills its first line; couplet halves are equal. A
    column tag closing the second line (…（记者手记）) is set smaller and does not count:
    用金融之手“贷” / 动绿色发展（记者手记） is one headline wrapped mid-phrase."""
    body = _TAGGED_END.sub("", second.rstrip())
    return (len(first) >= KICKER_MIN_CHARS and len(first) + KICKER_SHORTER <= len(body)
            and not patterns.ends_clause(first) and not first.rstrip().endswith("——"))


LABEL_RATIO = 0.6  # a label line is at most this share of the title line next to it; a
# headline wrapped into two lines of like length (委内瑞拉加强 / 应对美军事威胁) has none


def _label_beside(label: LineInfo, others: Sequence[LineInfo], settings: TextSettings) -> bool:
    """``label`` is a short label next to the title lines ``others``: short in itself and
    short beside the widest of them (搬口街道 under 开展征兵宣传激发青年入伍热情)."""
    widest = max(len(x.text) for x in others)
    return _is_label(label, settings) and len(label.text) <= LABEL_RATIO * widest


def _is_label(info: LineInfo, settings: TextSettings) -> bool:
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


_QUOTED = re.compile(r"^“[^“”]+”(?:[（(][^（）()]{2,30}[）)])?$")  # a whole quotation
_TAGGED = re.compile(r"[^（(][（(][^（）()]{2,30}[）)]$")  # text closed by a column tag
_TAGGED_END = re.compile(r"[（(][^（）()]{2,30}[）)]$")  # the column tag closing a line
_LONE_TAG = re.compile(r"^[（(][^（）()]{2,30}[）)]$")


QUOTE_LINES = 3  # a quotation headline wraps over at most this many lines


def quoted_spans(lines: Sequence[LineInfo]) -> list[tuple[int, int]]:
    """[first, last] line index of each whole quotation among title lines: one line
    (“在上海，能看到演艺的未来”) or wrapped over up to QUOTE_LINES (“在上海， / 能看到…”)."""
    spans: list[tuple[int, int]] = []
    k = 0
    while k < len(lines):
        if not lines[k].title.strip().startswith("“"):
            k += 1
            continue
        joined = ""
        for last in range(k, min(len(lines), k + QUOTE_LINES)):
            joined += lines[last].title.strip()
            if _QUOTED.match(joined):
                spans.append((k, last))
                k = last
                break
        k += 1
    return spans


FULL_SLACK = 1.5  # em a wrapped headline's first line may fall short of a later line
KICKER_NARROWER = 1.0  # em a kicker is shorter than the headline's full first line
KICKER_WIDER = 2.0  # em a kicker set smaller is longer than the line under it
SAME_WIDTH = 0.5  # em within which two lines are cut at one width


def _set_width(info: LineInfo) -> float:
    """A title line's width in em as set (half-width characters and punctuation count
    less), without a column tag closing it (set smaller: …（百姓关注）)."""
    text = first_line(info) if info.first_chars else info.title.replace(" ", "")
    return MEASURES["typeset"](_TAGGED_END.sub("", text))


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
    first = _set_width(lines[0])
    widths = [_set_width(x) for x in lines[1:]]
    head, later = widths[0], max(widths[1:])
    if head >= later - FULL_SLACK and first <= head - KICKER_NARROWER:
        return True
    return first >= head + KICKER_WIDER and first >= later + KICKER_NARROWER


def _wrapped_through(lines: Sequence[LineInfo], span: tuple[int, int]) -> bool:
    """The quotation ``span`` sits inside a headline wrapped at one width: lines before and
    after it, with no blank line between, cut at its width (让科普 / “追” / 上科创)."""
    first, last = span
    if first == 0 or last + 1 >= len(lines) or any(
            x.line.blanks_before > 0 for x in lines[first:last + 2]):
        return False
    widths = [_set_width(x) for x in lines[first - 1:last + 2]]
    return max(widths) - min(widths) <= WRAP_SLACK


WRAP_SLACK = 1.0  # em lines of one wrapped headline differ by (a quotation's marks set half)


def _bold_kicker(lines: Sequence[LineInfo], bold_start: int) -> bool:
    """The first line is the plain kicker over a fake-bold headline starting at
    ``bold_start`` (an extractor may double only some of a headline's lines): with one
    plain line, unless it is cut at the bold line's width (the headline wrapped: 前三季度主 /
    要要金金融融数数据据); with more, when :func:`wrapped_kicker` says so."""
    if bold_start == 1:
        return abs(_set_width(lines[0]) - _set_width(lines[1])) > SAME_WIDTH
    return wrapped_kicker(lines)


def _doubling_parts(lines: Sequence[LineInfo]) -> tuple[int, int] | None:
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


def _named_over(lines: Sequence[LineInfo]) -> bool:
    """The first title line is a column label by its words (:func:`named_label`) over
    title lines that are not a headline wrapped out of it: the line leaves no clause open,
    the line under it opens no continuation (a closing mark, a wrapped tail), and the two
    are not the equal halves of a couplet."""
    first, second = lines[0].text.strip(), lines[1].text.strip()
    if len(lines) == 2 and len(first) == len(second):
        return False  # the halves of a couplet (讲好中国故事 / 传播中国声音)
    return (named_label(first) and not patterns.ends_clause(first)
            and second[:1] not in patterns.CLOSERS and len(second) > WRAP_TAIL_CHARS)


def _apart_below(
    rest: list[LineInfo], subtitle_lines: list[LineInfo]
) -> tuple[list[LineInfo], list[LineInfo]]:
    """(headline, subtitle) lines of the title lines under a kicker: lines a blank line sets
    apart under the headline are its subtitle (unless a —— subtitle is already there)."""
    cut = next((k for k, x in enumerate(rest) if k and x.line.blanks_before > 0), None)
    if cut is None or subtitle_lines:
        return rest, subtitle_lines
    return rest[:cut], rest[cut:]


def _headline_missing(
    above: Sequence[LineInfo], subtitle_lines: Sequence[LineInfo], settings: TextSettings
) -> tuple[str | None, str | None, str | None] | None:
    """(kicker, None, subtitle) of a headline group whose headline has no text (set as
    art or outlines: the dump holds none of it): a —— subtitle with nothing above it, or
    with only a label above it (a column label, a series name, a short line with no
    punctuation: 人民时评 / ——制定正确的政治战略策略) — a headline that short over a
    subtitle several times its length would be a label, not a headline. None otherwise."""
    if not subtitle_lines:
        return None
    subtitle = join_title_lines([x.title for x in subtitle_lines]) or None
    if not above:
        return None, None, subtitle
    if len(above) != 1:
        return None
    label = above[0]
    labelled = column_label(label.title) or series_label(label.text) or (
        _is_label(label, settings) and len(label.text) <= KICKER_LABEL_CHARS
        and len(label.text) * SUBTITLE_TIMES_LABEL <= len(subtitle_lines[0].text))
    if not labelled or label.line.blanks_after == 0 and not (
            column_label(label.title) or series_label(label.text)):
        return None
    return join_title_lines([label.title]) or None, None, subtitle


KICKER_LABEL_CHARS = 4  # a plain label line over a lone subtitle is at most this long
SUBTITLE_TIMES_LABEL = 2  # and the subtitle at least this many times as long


OPEN_CLAUSE = "，、；,;"  # a title line ending on one of these goes on into the next


def split_title_lines(
    lines: Sequence[LineInfo], settings: TextSettings
) -> tuple[str | None, str | None, str | None]:
    """(kicker, headline, subtitle) of a headline group's title lines (see
    :func:`_split_title_lines`). A kicker is a phrase complete in itself: one that would
    end on a comma (引领未来， / 中国做对了什么, 流动的艺术， / 联动的 / 长三角) is the
    headline's first line, wrapped after its comma (a kicker may end on a colon:
    评论员观察：). Where no kicker came out, or one running past the first line, a first
    line that reads as a column label by its words (:func:`named_label`) over other title
    lines is the kicker."""
    kicker, headline, subtitle = _split_title_lines(lines, settings)
    label = join_title_lines([lines[0].title]) if lines else ""
    if kicker != label and len(lines) >= 2 and _named_over(lines):
        # no kicker came out, or one that runs past the first line: a first line that
        # reads as a column label by its words is the kicker over the group the other
        # lines make (凡人善举 / 我心中 / 的两条江, 百姓故事 / 裂缝护坡墙已修复 / / …)
        below = _split_title_lines(lines[1:], settings)
        if below[0] is None and below[1]:
            kicker, headline, subtitle = label, below[1], below[2]
        elif below[0] and below[1] and below[2] is None:
            # under a kicker there is no second one: a blank line parts the headline from
            # its subtitle; with none, the lines are one headline wrapped (引领未来 / 中国…)
            if any(x.line.blanks_before > 0 for x in lines[2:]):
                kicker, headline, subtitle = label, below[0], below[1]
            else:
                kicker, headline, subtitle = label, below[0] + below[1], None
    if kicker and headline and kicker.rstrip()[-1:] in OPEN_CLAUSE:
        return None, kicker.rstrip() + headline, subtitle
    return kicker, headline, subtitle


def _split_title_lines(
    lines: Sequence[LineInfo], settings: TextSettings
) -> tuple[str | None, str | None, str | None]:
    """(kicker, headline, subtitle) of a headline group's title lines.

    Typographic evidence, strongest first: a —— opens the subtitle; a column label
    (【金台随感】, 环球走笔：) or a short label line over the headline is the kicker (a
    bracketed label opening the headline's own line too); the headline alone set fake
    bold parts it from a plain kicker and subtitle; a short label under the headline is
    the subtitle; blank lines part kicker, headline and subtitle; of two plain lines, a
    first line clearly shorter than the second is the kicker.
    """
    lines = merge_wrapped_tails(lines)
    if len(lines) == 1:
        split = leading_label(lines[0].title)
        if split:
            return split[0], join_title_lines([split[1]]) or None, None
    subtitle_lines: list[LineInfo] = []
    rest = list(lines)
    for k, info in enumerate(lines):
        if info.subtitle_dash:
            rest, subtitle_lines = list(lines[:k]), list(lines[k:])
            break
    missing = _headline_missing(rest, subtitle_lines, settings)
    if missing is not None:
        return missing
    kicker_lines: list[LineInfo] = []
    if len(rest) >= 2 and (column_label(rest[0].title) or series_label(rest[0].text)):
        kicker_lines = [rest.pop(0)]
        rest, subtitle_lines = _apart_below(rest, subtitle_lines)
    if len(rest) >= 2 and not kicker_lines:
        quoted = quoted_spans(rest)
        tagged = [k for k, x in enumerate(rest) if _TAGGED.search(x.title.strip())]
        if len(quoted) == 1 and (quoted[0][0] == 0 or rest[quoted[0][0] - 1].title.rstrip()[-1:]
                                 not in "，、；,;") and not _wrapped_through(rest, quoted[0]):
            # a whole quotation is the headline, with a tag line after it (a line before it
            # that leaves a clause open leads into it; lines of its width around it wrap it)
            k, last = quoted[0]
            end = last + 1 + (last + 1 < len(rest) and _LONE_TAG.match(
                rest[last + 1].title.strip()) is not None)
            kicker_lines, tail, rest = rest[:k], rest[end:], rest[k:end]
            subtitle_lines = tail + subtitle_lines
        elif len(tagged) == 1 and tagged[0] + 1 < len(rest):  # a column tag ends the headline
            k = tagged[0]
            rest, subtitle_lines = rest[:k + 1], rest[k + 1:] + subtitle_lines
    bold = _doubling_parts(rest) if len(rest) >= 2 else None
    if bold is not None and bold[0] > 0 and not kicker_lines:
        # plain lines over a bold run: the first may be a kicker over the headline, the
        # others are the headline's (a bold run first may as well be a bold kicker over a
        # plain headline, so it decides nothing); plain lines right under the run wrap it,
        # a line clearly wider (set smaller) is the subtitle
        if _bold_kicker(rest, bold[0]):
            kicker_lines, rest = rest[:1], rest[1:]
        end = bold[1] - len(kicker_lines)
        cut = end
        while cut < len(rest) and rest[cut].line.blanks_before == 0 and (
                _set_width(rest[cut]) < _set_width(rest[end - 1]) + KICKER_WIDER):
            cut += 1  # not clearly wider than the bold line: its wrapped end, no subtitle
        rest, subtitle_lines = rest[:cut], rest[cut:] + subtitle_lines
    else:
        bold = None
    if not kicker_lines and len(rest) == 1:
        split = leading_label(rest[0].title)
        if split:
            kicker = split[0]
            head = join_title_lines([split[1]]) or None
            return kicker, head, join_title_lines([x.title for x in subtitle_lines]) or None
    if not subtitle_lines and len(rest) >= 2 and _label_beside(
        rest[-1], rest[:-1], settings
    ) and not (_is_label(rest[-2], settings) or patterns.ends_clause(rest[-2].text)):
        # (a line ending with a comma goes on: 流动的艺术， / 联动的长三角)
        subtitle_lines = [rest.pop()]  # a short label under the headline (搬口街道)
    if kicker_lines or bold is not None:
        pass
    elif (len(rest) >= 2 and _label_beside(rest[0], rest[1:], settings)
          and not _is_label(rest[1], settings)):
        kicker_lines = [rest.pop(0)]  # a short label over the headline
        rest, subtitle_lines = _apart_below(rest, subtitle_lines)
    elif len(rest) >= 2:
        blocks: list[list[LineInfo]] = [[rest[0]]]
        for info in rest[1:]:
            if info.line.blanks_before > 0:
                blocks.append([info])
            else:
                blocks[-1].append(info)
        first = blocks[0]
        if len(blocks) >= 2 and len(first) >= 2 and (
                wrapped_kicker(first) or _kicker_over_headline(
                    first[0].text, first_line(first[1]))):
            # a kicker stacked over a wrapped headline, a subtitle set apart under them
            kicker_lines, rest = first[:1], first[1:]
            extra = [x for b in blocks[1:] for x in b]
            if subtitle_lines:
                rest = rest + extra
            else:
                subtitle_lines = extra
        elif len(blocks) == 2 and not subtitle_lines and _TAGGED_END.search(
                blocks[0][-1].title.strip()):
            # a column tag closes the headline (一项改革带来就医新变化 / （“十四五”的民生
            # 故事）): no kicker carries one, so the part set apart under it is the subtitle
            rest, subtitle_lines = blocks[0], blocks[1]
        elif len(blocks) >= 2:  # parts set apart by blank lines: kicker, headline(, subtitle)
            kicker_lines, rest = blocks[0], blocks[1]
            extra = [x for b in blocks[2:] for x in b]
            if subtitle_lines:
                rest = rest + extra
            else:
                subtitle_lines = extra
        elif _kicker_over_headline(rest[0].text, first_line(rest[1])) or wrapped_kicker(rest):
            kicker_lines = [rest.pop(0)]  # over a headline of one or more lines

    def joined(infos: Sequence[LineInfo]) -> str | None:
        return join_title_lines([x.title for x in infos]) or None

    return joined(kicker_lines), joined(rest), joined(subtitle_lines)
