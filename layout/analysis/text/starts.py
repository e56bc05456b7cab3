"""Where articles start among labelled dump lines: headline evidence per title run.

Takes the body lines of a page or article (:class:`LineInfo`, captions and furniture
taken out) with their paragraph states (:mod:`layout.analysis.text.paragraphs`), the
column width and the text settings; :func:`split_segments` returns the article
segments (:class:`Segment`, line ranges), a new one at every header run (title and
byline lines) that opens an article. Other title runs stay subheads.

A title group opens an article when the text says so (weighted cues in
``EVIDENCE``): a byline follows it, the next paragraph opens with a dateline
(本报讯（…）), it holds a —— subtitle, it is the first thing on the page, its
first paragraph carries the page's rare U+FFFD indent, it holds more characters
than a column, the column width changes across it, it reads like a headline
(commas/colons/brackets, a quotation, a column tag), it has a label next to it,
it is set off by a leading space or a double blank line, a column label heads
it, a jump marker
(（下转第2版）) ends the text before it, it has three or more lines (a subhead is one
line or a pair), or the vocabulary changes across it (the text before and after
share almost no two-character words).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from layout.analysis import patterns
from layout.analysis.text.lines import ColumnWidth, Fixed, LineInfo
from layout.analysis.text.paragraphs import State
from layout.analysis.text.title_labels import column_label, named_label, series_label
from layout.analysis.text.titles import merge_wrapped_tails
from layout.clean import is_cjk_punct
from layout.settings import TextSettings

HEADER_STATES = (State.TITLE, State.BYLINE)

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
    "column_kicker": 1.0,  # the first title line reads as a column label (读书札记, 【纵横】,
    # 深度观察·…) over more title lines: a kicker, which subheads do not have
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
    """Body lines [start, end) of one article; its first ``lead`` lines are title lines
    of its headline group that the text pass read as a paragraph (:func:`_lead_start`)."""

    start: int
    end: int
    lead: int = 0


def header_runs(states: Sequence[State]) -> list[tuple[int, int]]:
    """Maximal runs [start, end) of title and byline lines."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(states):
        if states[i] in HEADER_STATES:
            j = i
            while j < len(states) and states[j] in HEADER_STATES:
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


def section_number(text: str) -> bool:
    """The line opens with a section number (三、补齐产业短板, （二）): a section title of the
    text, not a part of a headline group."""
    return bool(_SECTION_NUMBER.match(text.strip()))


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
        "label_shape": len(titles) >= 2 and _label_shape(titles)
        and not _wrapped_title(titles),
        "unequal_pair": len(titles) == 2 and abs(len(titles[0].text) - len(titles[1].text)) >= 3
        and not _label_shape(titles),  # one cue for one shape
        "width_change": width_change is not None and width_change >= 1.0,
        "leading_space": any(x.single_space_indent for x in titles),
        "double_blank": titles[0].line.blanks_before >= 2,
        "after_jump": after_jump,
        "many_lines": len(titles) >= 3,
        "topic_change": shared_words is not None and shared_words < TOPIC_SHARED,
        "topic_break": shared_words is not None and shared_words < TOPIC_BREAK,
        "numbered": section_number(titles[0].text),
        "indented": any(x.indent_marks for x in titles),
        "dash_lead": len(titles) >= 2 and titles[0].text.rstrip().endswith("——"),
        "unopened": _unopened(joined),
        "column_kicker": len(titles) >= 2 and (
            column_label(titles[0].title) or series_label(titles[0].text)
            or named_label(titles[0].text)),
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


def _wrapped_title(titles: Sequence[LineInfo]) -> bool:
    """Two title lines that read as one title wrapped: the shorter one right under the
    longer with no blank line between, the longer leaving its phrase open (no mark at its
    end), the shorter no dashed subtitle or bracketed tag (领航定向驾驭发展全局创造新的 /
    历史伟业) — a title's wrapped rest, not a label (a kicker label stands over its
    headline)."""
    if len(titles) != 2 or titles[1].line.blanks_before > 0:
        return False
    first, second = titles
    stripped = first.text.rstrip(patterns.CLOSERS)
    return (len(second.text) < len(first.text) and bool(stripped)
            and not is_cjk_punct(stripped[-1]) and not second.subtitle_dash
            and not second.text.startswith(("（", "(", "【", "[")))


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


_EDITOR_SIGN_OFF = re.compile(r"^[—─]{1,3}编者$")
SECTION_TITLE_CHARS = 12  # a package section's title is one line this short, or shorter
SECTION_SAME_CHARS = 1  # characters the package's section titles differ by at most


def _section_title(
    infos: Sequence[LineInfo], states: Sequence[State], run: tuple[int, int]
) -> str | None:
    """The title of a header run shaped as a package section's head: one short title line
    with no punctuation, byline lines under it (战略科技持续壮大 / 本报记者刘诗瑶)."""
    start, end = run
    if end - start < 2 or states[start] is not State.TITLE or any(
            s is not State.BYLINE for s in states[start + 1:end]):
        return None
    text = infos[start].text
    if len(text) > SECTION_TITLE_CHARS or any(is_cjk_punct(c) for c in text):
        return None
    return text


def _editor_note_ends(infos: Sequence[LineInfo], states: Sequence[State], start: int) -> bool:
    """The line before ``start`` signs an editor's note (——编者): the note opens a package
    of reports, each under a section title and its reporter's byline, all one article."""
    return start > 0 and states[start - 1] not in HEADER_STATES and bool(
        _EDITOR_SIGN_OFF.match(infos[start - 1].text))


def split_segments(
    infos: Sequence[LineInfo], states: Sequence[State], width: ColumnWidth,
    settings: TextSettings, jump_lines: frozenset[int] = frozenset(),
) -> list[Segment]:
    """Article segments: a new one starts at every header run that opens an article.

    ``jump_lines``: page line numbers of jump markers (（下转第2版）) taken out of the body,
    and of body lines that end with one.
    A package (an editor's note signed ——编者, then sections under a short title and a
    byline each, the titles of one length) stays one article.
    """
    rare = rare_replacement_indent(infos, states)
    runs = header_runs(states)
    cuts = [0]
    leads: dict[int, int] = {}  # a cut -> the lead lines over the header run it opens
    section_chars: int | None = None  # the first section title's length, in a package
    opening = _dateline_openings(infos, states, width, settings)
    for k, run in enumerate(runs):
        while opening and opening[0] < run[0]:
            at = opening.pop(0)
            if at > cuts[-1]:
                cuts.append(at)
                section_chars = None
        paragraphs_before = any(
            s not in HEADER_STATES for s in states[cuts[-1]:run[0]]
        ) or cuts[-1] > 0
        if run[0] == 0:
            continue
        section = _section_title(infos, states, run)
        if section is not None and (
                _editor_note_ends(infos, states, run[0]) if section_chars is None
                else abs(len(section) - section_chars) <= SECTION_SAME_CHARS):
            section_chars = len(section) if section_chars is None else section_chars
            continue  # a section of the package the editor's note opens
        after_end = runs[k + 1][0] if k + 1 < len(runs) else len(infos)
        before_start = runs[k - 1][1] if k > 0 else 0
        change = _width_change(infos, (cuts[-1], run[0]), (run[1], after_end), width, settings)
        above, below = infos[run[0] - 1].line.number, infos[run[0]].line.number
        after_jump = any(above <= n < below for n in jump_lines)  # (a body line's own
        # number: the line ends with its marker, 「……写照。（转第11版）」)
        shared = shared_words(infos, (before_start, run[0]), (run[1], after_end))
        if headline_evidence(
            infos, run, width, paragraphs_before, rare, settings, change, after_jump, shared
        ) >= settings.headline_threshold:
            cuts.append(_lead_start(infos, states, run[0], cuts[-1], width, settings))
            leads[cuts[-1]] = run[0] - cuts[-1]
            section_chars = None
    cuts += [at for at in opening if at > cuts[-1]]
    cuts.append(len(infos))
    return [Segment(a, b, leads.get(a, 0)) for a, b in zip(cuts, cuts[1:], strict=False)
            if b > a]


LEAD_LINES = 2  # lines right over a header run that may be its headline group's


def _lead_start(infos: Sequence[LineInfo], states: Sequence[State], start: int, floor: int,
                width: ColumnWidth, settings: TextSettings) -> int:
    """Where the article opening at the header run ``start`` begins: up to LEAD_LINES lines
    right over the run, after a line that ends a sentence, that leave their sentence open
    (:func:`_open_line`) and are not cut at the column's width (shorter or longer), or
    stand apart (a blank line on both sides, or over the topmost of them), are its group's
    — a kicker and a headline's first part, wrapped after its comma or colon (在世界百年
    变局中 / / 引领未来， / 中国做对了什么, 集成电路是信息产业发展的基础 / 南京浦口经济
    开发区： / 探索…) — though the text pass read them as a paragraph: a body line is cut
    at the column's width but at its paragraph's end, which ends a sentence. ``floor``:
    the start of the article before."""
    top = start
    while top - 1 > floor and start - top < LEAD_LINES and states[top - 1] not in (
            HEADER_STATES) and _open_line(
                infos[top - 1], colon=top == start and infos[top - 1].line.blanks_after == 0):
        info = infos[top - 1]
        uncut = abs(width.width - width.of(info.text)) > settings.full_tolerance + width.spread
        if not (uncut or info.line.blanks_before > 0):
            break
        top -= 1
        if not uncut and info.line.blanks_after == 0:
            break  # a full line set apart above only: the topmost
    if top == start or not patterns.ends_sentence(infos[top - 1].text):
        return start
    return top


def _open_line(info: LineInfo, colon: bool) -> bool:
    """A plain line, not indented, that leaves its sentence open (``colon``: it may end on
    a colon, a headline's place name right over the rest: 南京浦口经济开发区：)."""
    text = info.text.strip()
    return (len(text) >= 2 and info.fixed is Fixed.NONE and not info.dateline
            and not info.indent_marks and not info.line.replacement_indent
            and not patterns.ends_sentence(text) and (colon or text[-1:] not in "：:"))


def _dateline_openings(infos: Sequence[LineInfo], states: Sequence[State],
                       width: ColumnWidth, settings: TextSettings) -> list[int]:
    """Lines that open a paragraph with a dateline (本报讯（记者 …）, 新华社北京10月1日电)
    right after the end of a story's text (MIN_PARAGRAPHS_BEFORE_DATELINE paragraphs or
    more since its headline group): a story opens there though no headline stands over
    it (one set as art, outlined, leaves no text), since a dateline opens a story, never
    a paragraph inside one. The dateline's line is a first line (cut at the column's
    width, its indent aside): a dateline broken into short pieces is left to the title
    and byline rules."""
    out = []
    paragraphs = 0  # paragraphs since the last title or byline
    for i in range(1, len(infos)):
        if states[i - 1] in HEADER_STATES:
            paragraphs = 0
        elif states[i - 1] in (State.LAST, State.SINGLE):
            paragraphs += 1
        if (infos[i].dateline and states[i] in (State.FIRST, State.SINGLE)
                and states[i - 1] in (State.LAST, State.SINGLE)
                and patterns.ends_sentence(infos[i - 1].text)
                and paragraphs >= MIN_PARAGRAPHS_BEFORE_DATELINE
                and _first_line_long(infos, i, width, settings)):
            out.append(i)
    return out


LOCAL_WIDTH_LINES = 8  # body lines read on each side of a line for its column's width


def _first_line_long(infos: Sequence[LineInfo], i: int, width: ColumnWidth,
                     settings: TextSettings) -> bool:
    """Line ``i`` is as long as a paragraph's first line: it falls short of a full line
    around it (the upper quartile of the LOCAL_WIDTH_LINES lines on each side) by no
    more than the indent and the tolerance."""
    near = [infos[k] for k in range(max(0, i - LOCAL_WIDTH_LINES),
                                    min(len(infos), i + LOCAL_WIDTH_LINES + 1)) if k != i]
    values = sorted(width.of(x.text) for x in near if x.fixed is Fixed.NONE)
    if len(values) < 4:
        return False
    full = values[int(0.75 * (len(values) - 1))]
    return full - width.of(infos[i].text) <= (
        settings.indent_chars + settings.full_tolerance + width.spread + 1.0)


MIN_PARAGRAPHS_BEFORE_DATELINE = 2  # paragraphs of text before a dateline that opens a
# story with no headline: one alone under a headline group is its lead (导语), which a
# dateline follows in the same story
