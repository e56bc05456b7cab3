"""Group labelled dump lines into articles: headline groups, bylines, paragraphs, subheads.

Takes the body lines of a page (:class:`LineInfo`, captions and furniture taken
out) with their paragraph states (:mod:`layout.analysis.text.paragraphs`) and
returns article segments (a headline group opens a new article; other title
groups are subheads) and, per segment, a :class:`layout.model.Article`.

A title group opens an article when the text says so (weighted cues in
``EVIDENCE``): a byline follows it, the next paragraph opens with a dateline
(本报讯（…）), it holds a —— subtitle, it is the first thing on the page, its
first paragraph carries the page's rare U+FFFD indent, it holds more characters
than a column, the column width changes across it, it reads like a headline
(commas/colons/brackets, a quotation, a column tag), it has a label next to it,
it is set off by a leading space or a double blank line, a jump marker
(（下转第2版）) ends the text before it, it has three or more lines (a subhead is one
line or a pair), or the vocabulary changes across it (the text before and after
share almost no two-character words). Other title groups are subheads. Headline
groups are split into kicker / headline / subtitle by dashes, blank lines, short
labels and line lengths.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from layout.analysis import names as names_mod
from layout.analysis import patterns
from layout.analysis.text.lines import MEASURES, ColumnWidth, Fixed, LineInfo
from layout.analysis.text.paragraphs import State
from layout.clean import is_cjk_punct, remove_cjk_spaces
from layout.model import Article, Block, Line, Role
from layout.settings import TextSettings

_HEADER = (State.TITLE, State.BYLINE)

# Weight of each cue that a title group opens a new article (summed, compared with
# TextSettings.headline_threshold). Strong cues alone suffice; weak ones need company.
EVIDENCE: dict[str, float] = {
    "byline": 3.0,  # a byline line follows the titles
    "dateline": 3.0,  # the next paragraph opens with 本报讯（…） / …电
    "rare_fffd": 1.5,  # the next paragraph has the U+FFFD indent only article starts get
    "dash_subtitle": 3.0,  # a —— subtitle line
    "page_start": 3.0,  # nothing but titles before it on the page
    "overhang": 2.0,  # more CJK characters than a column holds: set across columns
    "headline_punct": 1.0,  # commas, colons, brackets: headline syntax, rare in subheads
    "quote_or_tag": 1.0,  # a quotation as the title, or a column tag such as （人民时评）
    "label_shape": 1.0,  # a long title next to a short label (kicker/subtitle shape)
    "unequal_pair": 1.0,  # two title lines of unlike length: kicker and headline, not a
    # couplet of subheads (拓宽思路解难题 / 共话文明暖人心)
    "width_change": 1.5,  # the column width differs before and after it
    "leading_space": 1.0,  # the title line opens with a single space
    "double_blank": 1.0,  # two blank lines above it
    "after_jump": 3.0,  # a jump marker (（下转第2版）) ends the text before it
    "many_lines": 1.0,  # three or more title lines: kicker + headline, not a subhead
    "topic_change": 1.0,  # the text before and after share almost no Han bigrams
    "topic_break": 1.0,  # and next to none (under TOPIC_BREAK): another story
    "numbered": -2.0,  # a numbered section title (三、补齐产业短板, （二）): a subhead
    "indented": -1.0,  # a title line indented like a paragraph's first line
    "dash_lead": -1.0,  # a line ending in —— leads into the next: a subhead's lead-in
    # (为何著书—— / 中国不是难解的谜团…), not a kicker
    "kicker_shape": 1.0,  # a line set apart over a headline wrapped over two or more lines
    # (国际论坛 / / 谱写全球妇女 / 事业发展新篇章): a kicker, which subheads do not have
    "unopened": -9.0,  # (a veto) the titles close a bracket they never opened: they go on with the
    # text above (a dateline's credit broken into short lines: 霞轩 / 通讯员闫欣）)
}
TOPIC_WINDOW = 300  # characters of text read on each side of a title group
TOPIC_MIN_BIGRAMS = 30  # fewer distinct Han bigrams on a side: too little text to judge
TOPIC_SHARED = 0.03  # share of bigrams below which the two sides read as other stories
TOPIC_BREAK = 0.01  # share below which they surely do
_CN_NUMERAL = "一二三四五六七八九十"
_SECTION_NUMBER = re.compile(rf"^(?:[{_CN_NUMERAL}]{{1,3}}、|[（(][{_CN_NUMERAL}\d]{{1,3}}[）)])")
_NOT_HAN = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff]+")
HEADLINE_PUNCT = "，：（）？！；"
LABEL_CHARS = 6  # a title line this short next to a long one reads as a kicker/subtitle label


@dataclass(frozen=True, slots=True)
class Segment:
    """Body lines [start, end) of one article."""

    start: int
    end: int


def header_runs(states: Sequence[State]) -> list[tuple[int, int]]:
    """Maximal runs [start, end) of title and byline lines."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(states):
        if states[i] in _HEADER:
            j = i
            while j < len(states) and states[j] in _HEADER:
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def rare_replacement_indent(infos: Sequence[LineInfo], states: Sequence[State]) -> bool:
    """True when U+FFFD indents mark only some paragraph starts (so they mean 'article start')."""
    starts = [i for i, s in enumerate(states) if s in (State.FIRST, State.SINGLE)]
    if not starts:
        return False
    marked = sum(infos[i].line.replacement_indent for i in starts)
    return 0 < marked <= 0.5 * len(starts)


def headline_evidence(
    infos: Sequence[LineInfo],
    run: tuple[int, int],
    width: ColumnWidth,
    paragraphs_before: bool,
    rare_fffd: bool,
    settings: TextSettings,
    width_change: float | None = None,
    after_jump: bool = False,
    shared_words: float | None = None,
) -> float:
    """How strongly a header run opens a new article (see the module docstring).

    ``width_change``: column width difference across the run (:func:`_width_change`);
    ``after_jump``: a jump marker stands right before it; ``shared_words``: share of
    Han bigrams the text before and after it have in common (:func:`shared_words`).
    """
    cues = headline_cues(infos, run, width, paragraphs_before, rare_fffd, settings,
                         width_change, after_jump, shared_words)
    start, end = run
    if (not cues and paragraphs_before and 0 < start and end < len(infos)
            and all(x.fixed is Fixed.BYLINE and patterns.byline_names(x.title)
                    for x in infos[start:end])
            and infos[start].line.blanks_before > 0
            and patterns.ends_sentence(infos[start - 1].text)):
        return BYLINE_ALONE  # names set apart after a story's end: a story whose headline
        # is art (outlined), not a byline in mid-text
    return sum(EVIDENCE[name] for name, present in cues.items() if present)


BYLINE_ALONE = 2.0  # evidence of a byline run with no title, set apart after text


def headline_cues(
    infos: Sequence[LineInfo],
    run: tuple[int, int],
    width: ColumnWidth,
    paragraphs_before: bool,
    rare_fffd: bool,
    settings: TextSettings,
    width_change: float | None = None,
    after_jump: bool = False,
    shared_words: float | None = None,
) -> dict[str, bool]:
    """Which cues of ``EVIDENCE`` a header run shows (arguments as :func:`headline_evidence`)."""
    start, end = run
    lines = infos[start:end]
    titles = merge_wrapped_tails([x for x in lines if x.fixed is not Fixed.BYLINE])
    if not titles:
        return {}
    following = infos[end] if end < len(infos) else None
    joined = "".join(x.text for x in titles)
    cues = {
        "byline": any(x.fixed is Fixed.BYLINE for x in lines),
        "dateline": following is not None and following.dateline,
        "rare_fffd": following is not None and following.line.replacement_indent and rare_fffd,
        "dash_subtitle": any(x.subtitle_dash for x in titles),
        "page_start": not paragraphs_before,
        "overhang": any(x.han_chars >= width.width + settings.overhang_chars for x in titles),
        "headline_punct": any(c in HEADLINE_PUNCT for c in joined),
        "quote_or_tag": (joined.startswith("“") and joined.rstrip("）)").endswith("”"))
        or joined.endswith("）"),
        "label_shape": len(titles) >= 2 and _label_shape(titles),
        "unequal_pair": len(titles) == 2 and abs(len(titles[0].text) - len(titles[1].text)) >= 3
        and not _label_shape(titles),  # one cue for one shape
        "width_change": width_change is not None and width_change >= 1.0,
        "leading_space": any(x.single_space_indent for x in titles),
        "double_blank": titles[0].line.blanks_before >= 2,
        "after_jump": after_jump,
        "many_lines": len(titles) >= 3,
        "topic_change": shared_words is not None and shared_words < TOPIC_SHARED,
        "topic_break": shared_words is not None and shared_words < TOPIC_BREAK,
        "numbered": bool(_SECTION_NUMBER.match(titles[0].text)),
        "indented": any(x.indent_marks for x in titles),
        "dash_lead": len(titles) >= 2 and titles[0].text.rstrip().endswith("——"),
        "unopened": _unopened(joined),
        "kicker_shape": len(titles) >= 3 and titles[1].line.blanks_before > 0 and all(
            x.line.blanks_before == 0 for x in titles[2:])
        and not titles[0].text.rstrip().endswith("——"),  # (a lead-in is no kicker)
    }
    return cues


def _unopened(text: str) -> bool:
    """A closing bracket comes before any bracket opens it: 霞轩通讯员闫欣）（一）."""
    depth = 0
    for char in text:
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth -= 1
            if depth < 0:
                return True
    return False


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


def _first_line(info: LineInfo) -> str:
    """The text of a title line as cut, before :func:`merge_wrapped_tails` joined lines
    it wrapped onto (…安 / 全（深入学习… / …专家谈）: the width is the first one's)."""
    return info.text[:info.first_chars] if info.first_chars else info.text


def _open_bracket(text: str) -> bool:
    """The line leaves a bracket or quotation open (more （ or “ than closers)."""
    return text.count("（") > text.count("）") or text.count("“") > text.count("”")


def _label_shape(titles: Sequence[LineInfo]) -> bool:
    """A long title line next to a short label line (kicker / subtitle shape)."""
    lengths = [len(x.text) for x in titles]
    return min(lengths) <= LABEL_CHARS and max(lengths) >= 2 * min(lengths) + 2


def _width_change(
    infos: Sequence[LineInfo], before: tuple[int, int], after: tuple[int, int],
    width: ColumnWidth, settings: TextSettings,
) -> float | None:
    """How much the column width differs between the text before and after a title."""
    def measured(span: tuple[int, int]) -> float | None:
        texts = [infos[i].text for i in range(*span) if len(infos[i].text) >= 4]
        if len(texts) < settings.min_width_lines:
            return None
        values = sorted(width.of(t) for t in texts)
        return values[int(0.75 * (len(values) - 1))]  # upper quartile: the full lines

    a, b = measured(before), measured(after)
    return None if a is None or b is None else abs(a - b)


def _han_bigrams(infos: Sequence[LineInfo], lines: Sequence[int]) -> set[str]:
    """Distinct Han bigrams of the given lines' text, read up to TOPIC_WINDOW characters."""
    text = ""
    for i in lines:
        if len(text) >= TOPIC_WINDOW:
            break
        text += infos[i].text
    pairs: set[str] = set()
    for run in _NOT_HAN.split(text):
        pairs.update(run[i:i + 2] for i in range(len(run) - 1))
    return pairs


def shared_words(
    infos: Sequence[LineInfo], before: tuple[int, int], after: tuple[int, int]
) -> float | None:
    """Share of Han bigrams common to the text just before and just after a title group.

    Text before is read backwards from the title, text after forwards, up to
    TOPIC_WINDOW characters each. Two sections of one story share names and terms;
    two stories seldom do. None when either side is too short to judge.
    """
    near = _han_bigrams(infos, range(before[1] - 1, before[0] - 1, -1))
    far = _han_bigrams(infos, range(*after))
    if min(len(near), len(far)) < TOPIC_MIN_BIGRAMS:
        return None
    return len(near & far) / min(len(near), len(far))


def split_segments(
    infos: Sequence[LineInfo], states: Sequence[State], width: ColumnWidth,
    settings: TextSettings, jump_lines: frozenset[int] = frozenset(),
) -> list[Segment]:
    """Article segments: a new one starts at every header run that opens an article.

    ``jump_lines``: page line numbers of jump markers (（下转第2版）) taken out of the body.
    """
    rare = rare_replacement_indent(infos, states)
    runs = header_runs(states)
    cuts = [0]
    for k, run in enumerate(runs):
        paragraphs_before = any(
            s not in _HEADER for s in states[cuts[-1]:run[0]]
        ) or cuts[-1] > 0
        if run[0] == 0:
            continue
        after_end = runs[k + 1][0] if k + 1 < len(runs) else len(infos)
        before_start = runs[k - 1][1] if k > 0 else 0
        change = _width_change(infos, (cuts[-1], run[0]), (run[1], after_end), width, settings)
        above, below = infos[run[0] - 1].line.number, infos[run[0]].line.number
        after_jump = any(above < n < below for n in jump_lines)
        shared = shared_words(infos, (before_start, run[0]), (run[1], after_end))
        if headline_evidence(
            infos, run, width, paragraphs_before, rare, settings, change, after_jump, shared
        ) >= settings.headline_threshold:
            cuts.append(run[0])
    cuts.append(len(infos))
    return [Segment(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def join_lines(texts: Sequence[str]) -> str:
    """Cleaned line texts as one text: no separator, except a space between Latin words."""
    out = ""
    for text in texts:
        if out and text and out[-1].isascii() and out[-1].isalnum() and (
            text[0].isascii() and text[0].isalpha()
        ):
            out += " "
        out += text
    return remove_cjk_spaces(out)


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
    text = _first_line(info) if info.first_chars else info.title.replace(" ", "")
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


def _apart_below(
    rest: list[LineInfo], subtitle_lines: list[LineInfo]
) -> tuple[list[LineInfo], list[LineInfo]]:
    """(headline, subtitle) lines of the title lines under a kicker: lines a blank line sets
    apart under the headline are its subtitle (unless a —— subtitle is already there)."""
    cut = next((k for k, x in enumerate(rest) if k and x.line.blanks_before > 0), None)
    if cut is None or subtitle_lines:
        return rest, subtitle_lines
    return rest[:cut], rest[cut:]


def split_title_lines(
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
        if info.subtitle_dash and k > 0:
            rest, subtitle_lines = list(lines[:k]), list(lines[k:])
            break
    kicker_lines: list[LineInfo] = []
    if len(rest) >= 2 and (column_label(rest[0].title) or series_label(rest[0].text)):
        kicker_lines = [rest.pop(0)]
        rest, subtitle_lines = _apart_below(rest, subtitle_lines)
    if len(rest) >= 2 and not kicker_lines:
        quoted = quoted_spans(rest)
        tagged = [k for k, x in enumerate(rest) if _TAGGED.search(x.title.strip())]
        if len(quoted) == 1 and (quoted[0][0] == 0 or rest[quoted[0][0] - 1].title.rstrip()[-1:]
                                 not in "，、；,;"):  # a whole quotation is the headline, with a
            # tag line after it (a line before it that leaves a clause open leads into it)
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
                    first[0].text, _first_line(first[1]))):
            # a kicker stacked over a wrapped headline, a subtitle set apart under them
            kicker_lines, rest = first[:1], first[1:]
            extra = [x for b in blocks[1:] for x in b]
            if subtitle_lines:
                rest = rest + extra
            else:
                subtitle_lines = extra
        elif len(blocks) >= 2:  # parts set apart by blank lines: kicker, headline(, subtitle)
            kicker_lines, rest = blocks[0], blocks[1]
            extra = [x for b in blocks[2:] for x in b]
            if subtitle_lines:
                rest = rest + extra
            else:
                subtitle_lines = extra
        elif _kicker_over_headline(rest[0].text, _first_line(rest[1])) or wrapped_kicker(rest):
            kicker_lines = [rest.pop(0)]  # over a headline of one or more lines

    def joined(infos: Sequence[LineInfo]) -> str | None:
        return join_title_lines([x.title for x in infos]) or None

    return joined(kicker_lines), joined(rest), joined(subtitle_lines)


def _spaced_dateline(dateline: str, lead: str) -> str:
    """``dateline`` (from text without spaces) with the spaces the source put in its credit:
    本报讯（记者姬慧洋通讯员赵明） -> 本报讯（记者 姬慧洋 通讯员 赵明）."""
    found = patterns.split_dateline(lead)
    if not found or found[0].replace(" ", "") != dateline.replace(" ", ""):
        return dateline
    spaced = found[0]
    inner = re.search(r"([（(])([^）)]*)([）)])", spaced)
    if not inner:
        return spaced
    credit = " ".join(patterns.format_byline(part) for part in inner.group(2).split())
    return spaced[:inner.start(2)] + credit + spaced[inner.end(2):]


def build_article(
    infos: Sequence[LineInfo], states: Sequence[State], article_id: str,
    settings: TextSettings, headed: bool,
) -> Article:
    """One article from its lines and states. ``headed``: its first header run is a headline."""
    kicker = headline = subtitle = None
    bylines: list[str] = []
    blocks: list[Block] = []
    i = 0
    if headed:
        titles: list[LineInfo] = []
        while i < len(infos) and states[i] in _HEADER:
            if (states[i] is State.TITLE and titles and bylines
                    and not infos[i].subtitle_dash):
                break  # a title under the byline of a headline group opens the text: （一）
            if states[i] is State.BYLINE:
                bylines.append(patterns.format_byline(infos[i].title))
            else:
                titles.append(infos[i])
            i += 1
        kicker, headline, subtitle = split_title_lines(titles, settings)
    paragraph: list[str] = []
    subhead: list[str] = []
    lead_titles: list[str] = []  # the first paragraph's lines with their meant spaces

    def flush_paragraph() -> None:
        if paragraph:
            blocks.append(Block(Role.PARAGRAPH, text=join_lines(paragraph),
                                lines=tuple(Line(t) for t in paragraph)))
            paragraph.clear()

    def flush_subhead() -> None:
        if subhead:
            blocks.append(Block(Role.SUBHEAD, text=join_title_lines(subhead),
                                lines=tuple(Line(t) for t in subhead)))
            subhead.clear()

    for info, state in zip(infos[i:], states[i:], strict=True):
        if state is State.TITLE:
            flush_paragraph()
            subhead.append(info.title)
            continue
        flush_subhead()
        if state is State.BYLINE:
            flush_paragraph()
            bylines.append(patterns.format_byline(info.title))
            continue
        if state in (State.FIRST, State.SINGLE):
            flush_paragraph()
        paragraph.append(info.text)
        if not blocks:
            lead_titles.append(info.title)
        if state in (State.LAST, State.SINGLE):
            flush_paragraph()
    flush_paragraph()
    flush_subhead()

    dateline = None
    first = next((k for k, b in enumerate(blocks) if b.role is Role.PARAGRAPH), None)
    if first == 0:
        found = patterns.split_dateline(blocks[0].text or "")
        if found and (found[1] or "（" in found[0] or "(" in found[0]):
            dateline, rest = found
            dateline = _spaced_dateline(dateline, "".join(lead_titles))
            if rest:
                blocks[0] = replace(blocks[0], text=rest)
            else:  # a paragraph that is only the dateline: its text is the dateline
                blocks.pop(0)
            names = patterns.dateline_names(dateline)
            have = "".join(bylines).replace(" ", "")
            if names and not all(n in have for n in names):
                inner = re.search(r"[（(]([^）)]*)[）)]", dateline)
                bylines.append(patterns.format_byline(inner.group(1) if inner else " ".join(names)))
    return Article(
        id=article_id,
        headline=headline,
        kicker=kicker,
        subtitle=subtitle,
        bylines=tuple(bylines),
        dateline=dateline,
        blocks=tuple(blocks),
    )
