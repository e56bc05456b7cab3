"""Text-dump front end: bytes of a page dump -> :class:`layout.model.Issue`.

Takes the bytes of a ``.txt`` dump (see :mod:`layout.ingest.text`), its source
name and the settings; returns an Issue with one Page per form-feed page. Each
page goes through: line features (:mod:`text_lines`) -> furniture and captions
taken out -> paragraph states by Viterbi with a page-wide column width
(:mod:`text_paragraphs`) -> article segments (:mod:`text_articles`) -> states
again per article with the article's own width -> articles. Captions go to the
article whose text they share most of, else to the page's ``blocks``; furniture
lines (第N版, 责任编辑：…, dates, paper name) go to ``page.furniture`` and the
issue metadata; jump markers (（下转第2版）) to the article before them as
``continuations``. Every input line lands in exactly one place.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from layout.analysis import patterns
from layout.analysis.text.articles import (
    Segment,
    build_article,
    header_runs,
    join_lines,
    split_segments,
)
from layout.analysis.text.lines import ColumnWidth, Fixed, LineInfo, estimate_width, line_info
from layout.analysis.text.paragraphs import State, label_lines, marks_indents
from layout.budget import check_budget, page_budget
from layout.clean import is_cjk_punct, remove_cjk_spaces
from layout.errors import BudgetExceeded, InputError
from layout.ingest.text import DumpLine, DumpPage, TextDecoding, read_dump
from layout.model import Article, Block, FurnitureKind, Issue, Page, Role
from layout.settings import Settings

log = logging.getLogger("layout.analysis.text.dump")

MAX_RESPLITS = 2  # how often an article found with a mixed width is split again
EDGE_LINES = 3  # lines at the top/bottom of a page where a lone paper name is the masthead


def _caption_block(lead: Sequence[LineInfo], credit_line: LineInfo) -> Block:
    """A caption block from its credit line (a credit, or caption text ending with one) and
    the caption text lines above it (``lead``, possibly none). An organ name the line
    break parted from its credit (…责任。新华社 / 记者雷慧 摄) goes with the credit."""
    body, credit = patterns.split_credit(credit_line.title)
    if credit is None and not lead:
        return Block(Role.CREDIT, text=credit_line.title)
    if credit is None:
        credit, body = credit_line.title, ""
    text = join_lines([x.text for x in lead] + ([remove_cjk_spaces(body)] if body else []))
    organ = _CREDIT_ORGAN.search(text)
    if organ and lead and not body and organ.start() > 0:
        text, credit = text[:organ.start()], organ.group(0) + credit
    return Block(Role.CAPTION, text=text, credit=credit)


_CREDIT_ORGAN = re.compile(r"(?<=[。！？”）])(?:新华社|本报|人民网|中新社|人民日报|央视网?)$")
MAX_CAPTION_LINES = 4  # caption text lines above a credit taken as one caption


CREDIT_TAIL_CHARS = 6  # the end of a photo credit wrapped onto a line of its own: 东摄


def _credit_tail(body: Sequence[LineInfo], info: LineInfo) -> bool:
    """A short line ending with 摄 right under a line that, with it, ends in a photo
    credit: the credit was wrapped inside its name (…本报记者韦 / 东摄)."""
    lone = info.text == "摄"  # 摄 alone: a credit's end wherever it stands (…卢欣桂 / / 摄)
    if (info.fixed is not Fixed.NONE or not body or len(info.text) > CREDIT_TAIL_CHARS
            or not info.text.endswith("摄") or info.line.blanks_before > lone):
        return False
    above = body[-1]
    if above.fixed not in ((Fixed.NONE, Fixed.BYLINE) if lone else (Fixed.NONE,)) or (
            above.line.number != info.line.number - 1 - info.line.blanks_before):
        return False
    joined = above.title + info.title
    return patterns.split_credit(joined)[1] is not None or (
        lone and patterns.is_credit_only(joined))


def _caption_lead(body: Sequence[LineInfo], credit_line: LineInfo) -> int:
    """How many of the last body lines are the text of the caption whose credit line
    follows: the block they make (no blank line inside, a blank line or the page top
    above it, right above the credit line) of at most MAX_CAPTION_LINES plain lines with
    no indent mark, or a lone line above a bare credit that is fake bold or a sentence set
    apart. 0 when the lines above are body text."""
    if not body:
        return 0
    credit_only = patterns.is_credit_only(credit_line.title)
    if credit_line.line.blanks_before > 0:
        return _caption_block_above(body, credit_line) if credit_only else 0
    previous = body[-1]
    if credit_only and (previous.doubled or _standalone_sentence(previous)):
        return 1
    count, below = 0, credit_line
    while count < min(len(body), MAX_CAPTION_LINES):
        line = body[-1 - count]
        if (line.fixed is not Fixed.NONE or line.dateline or line.indent_marks
                or line.line.number != below.line.number - 1):
            return 0
        count += 1
        if line.line.blanks_before > 0 or line.line.number <= 1:
            ends = patterns.ends_sentence(body[-1].text) or _CREDIT_ORGAN.search(body[-1].text)
            return count if ends or not credit_only else 0
        below = line
    return 0


def _caption_block_above(body: Sequence[LineInfo], credit_line: LineInfo) -> int:
    """How many of the last body lines are the caption text of a bare credit set one
    blank line under them (图为…。 / blank / 记者孔建思摄): a block of its own (blank lines
    around it, at most MAX_CAPTION_LINES lines, no indent mark, no dateline) that ends a
    sentence and whose lines are not cut at the body's column width: a caption is set
    to its photo's width. 0 when the block reads as body text."""
    if credit_line.line.blanks_before != 1:
        return 0
    last = body[-1]
    if last.line.number != credit_line.line.number - 2 or not patterns.ends_sentence(
            last.text):
        return 0
    count = 1
    while count < len(body) and body[-count].line.blanks_before == 0 and (
            body[-count - 1].line.number == body[-count].line.number - 1):
        count += 1
        if count > MAX_CAPTION_LINES:
            return 0
    block = body[len(body) - count:]
    if block[0].line.blanks_before == 0 and block[0].line.number > 1:
        return 0
    if any(x.fixed is not Fixed.NONE or x.dateline or x.indent_marks for x in block):
        return 0
    lengths = sorted(len(x.text) for x in body)
    column = lengths[int(0.75 * (len(lengths) - 1))]  # a full body line's length
    widest = max(len(x.text) for x in block)
    full = {len(x.text) for x in block[:-1]}  # the block's own full lines, when it wraps
    return count if widest >= column + CAPTION_WIDER or (
        count >= 3 and len(full) == 1 and column not in full) else 0


CAPTION_WIDER = 2  # a caption line set apart is this many characters longer than body lines


@dataclass(frozen=True)
class PageParts:
    """A page's lines sorted by what they are before any paragraph reasoning."""

    furniture: list[LineInfo]
    captions: list[Block]
    body: list[LineInfo]  # in page order
    markers: list[LineInfo]  # jump markers (下转第2版) standing alone


def partition_lines(infos: Sequence[LineInfo]) -> PageParts:
    """Furniture lines, caption blocks, jump markers and the body lines of a page."""
    furniture: list[LineInfo] = []
    captions: list[Block] = []
    body: list[LineInfo] = []
    markers: list[LineInfo] = []
    n = len(infos)
    head = _running_head(infos)
    for k, info in enumerate(infos):
        at_edge = k < EDGE_LINES or k >= n - EDGE_LINES
        if k < head or info.fixed is Fixed.FURNITURE or (
            info.fixed is Fixed.NONE and patterns.furniture_kind(info.title, at_edge)
        ):
            furniture.append(info)
        elif info.fixed is Fixed.CONTINUATION:
            markers.append(info)
        elif info.fixed is Fixed.CAPTION or _credit_tail(body, info):
            if info.fixed is not Fixed.CAPTION:  # …本报记者韦 / 东摄: one caption line
                above = body.pop()
                info = dataclasses.replace(above, text=above.text + info.text,
                                           title=above.title + info.title, fixed=Fixed.CAPTION)
            lead = _caption_lead(body, info)
            captions.append(_caption_block(body[len(body) - lead:] if lead else [], info))
            del body[len(body) - lead:]
        else:
            body.append(info)
    return PageParts(furniture, captions, _bare_name_bylines(body), markers)


SECTION_CHARS = 8  # a page-head label (版名) is this short
_LABEL_DOTS = "·・‧•"  # a page-head label may join two words with a middle dot: 评论·关注


def _running_head(infos: Sequence[LineInfo]) -> int:
    """How many lines at the page's top are its running head: up to the last furniture
    line among the first EDGE_LINES + 1, when every line before it is a short label with
    no punctuation but a middle dot (a section name such as 健康 or 评论·关注 beside the
    paper's name and date)."""
    last = -1
    for k, info in enumerate(infos[:EDGE_LINES + 1]):
        if info.fixed is Fixed.FURNITURE or (info.fixed is Fixed.NONE and patterns.furniture_kind(
                info.title, True)):
            last = k
    if last <= 0:
        return 0
    labels = all(
        info.fixed in (Fixed.FURNITURE, Fixed.NONE) and (
            info.fixed is Fixed.FURNITURE or patterns.furniture_kind(info.title, True)
            or (len(info.text) <= SECTION_CHARS
                and not any(is_cjk_punct(c) and c not in _LABEL_DOTS for c in info.text)))
        for info in infos[:last])
    return last + 1 if labels else 0


BARE_LINE_SHARE = 0.7  # a bare-name byline is shorter than this share of a full line, unless
# a blank line sets the names apart


def _bare_name_bylines(body: list[LineInfo]) -> list[LineInfo]:
    """Lines of bare names (邱学武; 李非 黄婧) right under a title line become bylines.

    A name line is a byline where a byline stands: under a line that leaves no sentence
    or clause open (a headline, kicker or subtitle — a body line that short would end its
    paragraph with a stop), and set apart by a blank line or shorter than a full line.
    Elsewhere it stays what the paragraph stage makes of it.
    """
    out = list(body)
    lengths = sorted(len(x.text) for x in body)
    column = lengths[int(0.75 * (len(lengths) - 1))] if lengths else 0  # a full line's length
    for k in range(len(out)):
        info, above = out[k], (out[k - 1] if k else None)
        if info.fixed is not Fixed.NONE or (
                above is not None and above.fixed not in (Fixed.NONE, Fixed.BYLINE)):
            continue
        set_apart = info.line.blanks_before > 0 or info.line.blanks_after > 0
        if not set_apart and len(info.text) > BARE_LINE_SHARE * column:
            continue  # a fragment of a full body line (…时科学 解答 时代新 in a raw dump)
        parsed = patterns.parse_byline(info.title)
        if parsed is None or not parsed.bare:
            continue
        alone = info.line.blanks_before > 0 and info.line.blanks_after > 0
        if above is not None and info.line.blanks_before == 0 and _leaves_open(above.text):
            continue  # the title above goes on: “把保障居民 / 安居乐业作 / 为头等大事”
        if above is None and not alone:
            continue  # atop the text only names set apart (a story whose headline is art)
        if above is not None and above.fixed is Fixed.NONE and not alone and (
                patterns.ends_sentence(above.text) or patterns.ends_clause(above.text)
                or above.text.rstrip(patterns.CLOSERS)[-1:] in patterns.SENTENCE_END):
            continue  # (names alone between blank lines open a story whose headline is art)
        out[k] = dataclasses.replace(info, fixed=Fixed.BYLINE, han_gap=False)
    return out


_DATELINE_OPEN = re.compile(
    rf"^[{patterns.BYLINE_MARKS}]?(?:本报讯|(?:本报|新华社|中新社|人民网)[\u4e00-\u9fff]{{0,8}}"
    r"(?:[0-9０-９]+月[0-9０-９]+日)?[电讯])(?:[（(][^）)]*)?$")
DATELINE_LINES = 4  # lines a dateline's credit may be broken over
INDENT_CHARS = 2  # characters a first-line indent stands for
SHORT_BY = 2  # characters a line falls short of the column's width when not cut at it


def _leaves_open(text: str) -> bool:
    """The line leaves a quotation or bracket open (more “ or （ than closers)."""
    return text.count("“") > text.count("”") or text.count("（") > text.count("）")


def join_broken_datelines(lines: Sequence[DumpLine]) -> list[DumpLine]:
    """A dateline broken before its credit closes, on short lines (本报讯（记者 / 钟刚建 通讯员
    / 龚艳）10月18, 本报深圳4月18日电 / （记者 陈嘉）…), is joined back into the line it
    opens: the short lines, and the line closing the bracket when it is short too or
    indented (a line closing a bracket starts no paragraph), DATELINE_LINES in all, no
    blank line between. The names stay in the dateline, not bylines or titles of their
    own. A dateline wrapped at the column's width (full lines) is left as it is."""
    out: list[DumpLine] = []

    def cut_at(x: DumpLine) -> int:  # the line's length with its indent (two characters)
        return len(x.text) + (INDENT_CHARS if x.indent else 0)

    lengths = sorted(cut_at(x) for x in lines)
    column = lengths[int(0.75 * (len(lengths) - 1))] if lengths else 0  # a full line's length

    def short(x: DumpLine) -> bool:  # clearly not cut at the column's width, or names alone
        return cut_at(x) <= column - SHORT_BY or patterns.is_byline(x.text)

    k = 0
    while k < len(lines):
        line = lines[k]
        compact = re.sub(r"\s+", "", line.text)
        end = k
        if _DATELINE_OPEN.match(compact):
            text = compact
            while end + 1 < len(lines) and end + 1 < k + DATELINE_LINES:
                nxt = lines[end + 1]
                if nxt.blanks_before > 0 or ("（" not in text and "(" not in text
                                             and not nxt.text.startswith(("（", "("))):
                    break
                text += re.sub(r"\s+", "", nxt.text)
                end += 1
                if "）" in nxt.text or ")" in nxt.text:
                    break
            if not re.search(r"[（(][^）)]*[）)]", text):
                end = k  # the bracket never closes: not a broken dateline
            elif not short(lines[end]) and lines[end].indent == 0:
                end -= 1  # a full line closes it: that line stays as it is cut
            if not any(short(x) for x in lines[k:end + 1]):
                end = k  # lines cut at the column's width: the paragraph reads on as it is
        if end == k:
            out.append(line)
            k += 1
            continue
        parts = lines[k:end + 1]
        out.append(dataclasses.replace(
            line, raw=line.raw + "".join(x.text for x in parts[1:]),
            text=line.text + "".join(x.text for x in parts[1:]),
            blanks_after=parts[-1].blanks_after))
        k = end + 1
    return out


def join_drop_caps(lines: Sequence[DumpLine]) -> list[DumpLine]:
    """A drop cap extracted as a line of its own (one ideograph right above a body line, or
    one blank line above it, at an article's start) is put back at the head of the line it
    opens, which is then marked as a paragraph's first line."""
    out: list[DumpLine] = []
    lengths = sorted(len(x.text) + (INDENT_CHARS if x.indent else 0) for x in lines)
    column = lengths[int(0.75 * (len(lengths) - 1))] if lengths else 0  # a full line's length
    k = 0
    while k < len(lines):
        line = lines[k]
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        starts = not out or out[-1].number < line.number - 1 or _title_like(out[-1].text)
        if out and out[-1].number == line.number - 1 and abs(
                len(out[-1].text) + (INDENT_CHARS if out[-1].indent else 0) - column) <= 1:
            starts = False  # the wrapped end of a full line above (…维持高景气 / 度)
        if (nxt is not None and nxt.number <= line.number + 2 and starts
                and _DROP_CAP_LINE.fullmatch(line.text) and len(nxt.text) >= DROP_CAP_NEXT_CHARS
                and _DROP_CAP.match(nxt.text[:1]) and not line.indent
                and not (line.text == "摄" and out and out[-1].number >= line.number - 2)):
            # (a lone 摄 under a name ends a photo credit: …卢欣桂 / / 摄)
            # the cap marks the paragraph's first line as an indent does (indent 2)
            out.append(dataclasses.replace(
                nxt, raw=line.text + nxt.text, text=line.text + nxt.text, indent=2,
                replacement_indent=False, number=line.number,
                blanks_before=line.blanks_before))
            k += 2
            continue
        out.append(line)
        k += 1
    return out


CAP_LINES = 3  # lines a drop cap stands beside, at most (the one it was joined to included)


def _cap_lines(original: Sequence[DumpLine], joined: Sequence[DumpLine]) -> set[int]:
    """Line numbers of the lines :func:`join_drop_caps` put a drop cap in front of."""
    texts = {line.number: line.text for line in original}
    return {line.number for line in joined if texts.get(line.number) != line.text}


def mark_beside_caps(infos: list[LineInfo], capped: set[int]) -> list[LineInfo]:
    """The lines right under a line that opens with a drop cap (no blank line between, up
    to CAP_LINES in all) stand beside the cap: short by its width, yet full lines."""
    out = list(infos)
    for k, info in enumerate(out):
        if info.line.number not in capped:
            continue
        for j in range(k + 1, min(len(out), k + CAP_LINES)):
            if out[j].line.blanks_before > 0 or out[j].fixed is not Fixed.NONE or (
                    patterns.ends_sentence(out[j - 1].text)):
                break
            out[j] = dataclasses.replace(out[j], beside_cap=True)
    return out


_DROP_CAP = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_DROP_CAP_LINE = re.compile(r"[“‘「『《（]?[\u3400-\u4dbf\u4e00-\u9fff]")  # also “报
DROP_CAP_NEXT_CHARS = 4  # the line a drop cap opens is a body line, not a short title


def _title_like(text: str) -> bool:
    """A line that leaves no sentence open: a title or byline above an article's text."""
    stripped = text.rstrip()
    return bool(stripped) and not (patterns.ends_sentence(stripped)
                                   or patterns.ends_clause(stripped)) and len(stripped) <= 40


def _standalone_sentence(info: LineInfo) -> bool:
    """A line set apart above (a blank line or the page top) that ends a sentence: the
    text of a caption whose credit sits on the next line."""
    return (info.line.blanks_before > 0 or info.line.number <= 1) and patterns.ends_sentence(
        info.text)


def attach_markers(
    articles: list[Article], last_lines: list[int], markers: Sequence[LineInfo]
) -> list[Article]:
    """Each jump marker goes to the article whose text ends last before it (else the first)."""
    extra: dict[int, list[str]] = {}
    for marker in markers:
        before = [k for k, last in enumerate(last_lines) if last < marker.line.number]
        extra.setdefault(before[-1] if before else 0, []).append(marker.title)
    return [
        dataclasses.replace(a, continuations=a.continuations + tuple(extra[k]))
        if k in extra else a
        for k, a in enumerate(articles)
    ]


def _jumps_on(marker: str) -> bool:
    """A marker sending the reader on (下转第2版, 转第2版), not one taking a story up (上接)."""
    return "转" in marker and not re.search(r"[上接续]", marker.replace("转", ""))


def _fallback_width(infos: Sequence[LineInfo]) -> ColumnWidth:
    longest = max((len(x.text) for x in infos), default=10)
    return ColumnWidth("chars", float(longest), 0.0)


def _segment_articles(
    body: Sequence[LineInfo], settings: Settings, jump_lines: frozenset[int] = frozenset(),
) -> list[tuple[list[LineInfo], list[State], bool]]:
    """(lines, states, headed) per article: page-wide pass, then per-article widths.

    ``jump_lines``: line numbers of the page's jump markers (下转第N版), which end an article.
    """
    page_width = estimate_width([x.text for x in body], settings) or _fallback_width(body)
    if not indented_starts(body, page_width, settings):
        settings = dataclasses.replace(
            settings, text=dataclasses.replace(settings.text, indent_chars=0.0))
    marked = marks_indents(body, page_width, settings.text)
    states = sign_offs(body, label_lines(body, page_width, settings.text, marked))
    return _hand_on_trailing_titles(
        _split(list(body), states, page_width, settings, 0, jump_lines, marked))


_SIGN_OFF = re.compile(rf"^[—─]{{1,3}}[\u4e00-\u9fff]{{1,{patterns.SIGN_OFF_CHARS}}}$")


def sign_offs(lines: Sequence[LineInfo], states: list[State]) -> list[State]:
    """A sign-off line (——编者) right under the text it signs, indented or with no blank
    line between, is a paragraph of its own there, not a title over the next story."""
    out = list(states)
    for k in range(1, len(lines)):
        info = lines[k]
        if (out[k] is State.TITLE and out[k - 1] not in (State.TITLE, State.BYLINE)
                and _SIGN_OFF.match(info.text)
                and (info.indent_marks or info.line.blanks_before == 0)):
            out[k] = State.SINGLE
    return out


NO_INDENT_SAMPLES = 4  # paragraph starts needed to judge that a dump has no indents
_INDENT_CHARS = " \t\u3000\ufffd"
FEW_NO_INDENT_SAMPLES = 2  # fewer will do when no line carries an indent mark
NO_INDENT_SHARE = 0.8  # share of them set full width, with no indent marks


def indented_starts(body: Sequence[LineInfo], width: ColumnWidth, settings: Settings) -> bool:
    """False when the dump sets paragraph starts without indents (the extractor dropped them).

    Sure paragraph starts are the lines after a short line that ends a sentence (a
    paragraph's last line) with a long line after them; when nearly all of them fill
    the column and carry no indent marks, first lines are not indented.
    """
    starts = []
    for k in range(1, len(body) - 1):
        above, line, below = body[k - 1], body[k], body[k + 1]
        if any(x.fixed is not Fixed.NONE for x in (above, line, below)):
            continue
        if (patterns.ends_sentence(above.text)
                and width.width - width.of(above.text) >= settings.text.full_tolerance + 1.0
                and width.width - width.of(below.text) <= settings.text.full_tolerance
                and len(line.text) >= settings.text.min_body_chars):
            shortfall = width.width - width.of(line.text)
            tol = settings.text.full_tolerance + width.spread
            if line.indent_marks or abs(shortfall - settings.text.indent_chars) <= tol:
                starts.append(False)  # indented
            elif shortfall <= settings.text.full_tolerance:
                starts.append(True)  # set full width
            # shorter still: a subhead or label between paragraphs, no evidence
    if len(starts) < NO_INDENT_SAMPLES:
        # few sure starts (narrow columns end few paragraphs clearly short): enough when
        # they all fill the column and no line of the text carries an indent mark
        unmarked = not any(x.indent_marks and x.line.raw[:1] in _INDENT_CHARS for x in body)
        # (a drop cap marks its line without a mark in the text)
        return not (unmarked and len(starts) >= FEW_NO_INDENT_SAMPLES and all(starts))
    return sum(starts) < NO_INDENT_SHARE * len(starts)


def _hand_on_trailing_titles(
    articles: list[tuple[list[LineInfo], list[State], bool]],
) -> list[tuple[list[LineInfo], list[State], bool]]:
    """Title lines that end an article (nothing follows them) head the next article."""
    for k in range(len(articles) - 1):
        lines, states, headed = articles[k]
        cut = len(states)
        while cut > 0 and states[cut - 1] is State.TITLE:
            cut -= 1
        if cut == len(states) or cut == 0:
            continue
        nxt_lines, nxt_states, _ = articles[k + 1]
        articles[k] = (lines[:cut], states[:cut], headed)
        articles[k + 1] = (lines[cut:] + nxt_lines, states[cut:] + nxt_states,
                           True)
    return articles


def _split(
    lines: list[LineInfo], states: list[State], width: ColumnWidth, settings: Settings,
    depth: int, jump_lines: frozenset[int], marked: bool,
) -> list[tuple[list[LineInfo], list[State], bool]]:
    out: list[tuple[list[LineInfo], list[State], bool]] = []
    for seg in split_segments(lines, states, width, settings.text, jump_lines):
        seg_lines, seg_states, headed = _relabel(
            lines, states, seg, width.measure, settings, marked)
        if depth < MAX_RESPLITS:
            sub_width = estimate_width(
                [x.text for x in seg_lines], settings, width.measure) or width
            if len(split_segments(
                    seg_lines, seg_states, sub_width, settings.text, jump_lines)) > 1:
                out.extend(_split(
                    seg_lines, seg_states, sub_width, settings, depth + 1, jump_lines, marked))
                continue
        out.append((seg_lines, seg_states, headed))
    return out


def _relabel(
    lines: Sequence[LineInfo], states: Sequence[State], seg: Segment, measure: str,
    settings: Settings, marked: bool,
) -> tuple[list[LineInfo], list[State], bool]:
    """A segment's lines relabelled with its own column width; its header run is kept."""
    seg_lines = list(lines[seg.start:seg.end])
    seg_states = list(states[seg.start:seg.end])
    runs = header_runs(seg_states)
    header = runs[0][1] if runs and runs[0][0] == 0 else 0
    rest = seg_lines[header:]
    width = estimate_width([x.text for x in rest], settings, measure)
    if width is None:
        return seg_lines, seg_states, header > 0
    relabelled = sign_offs(rest, label_lines(rest, width, settings.text, marked))
    return seg_lines, seg_states[:header] + relabelled, header > 0


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _article_text(article: Article) -> str:
    return "".join(b.text or "" for b in article.blocks) + (article.headline or "")


def _rare_gram_owner(caption: str, texts: Sequence[str], lead: float) -> int | None:
    """The article whose text holds clearly most of the caption's 2-4-grams, each weighted by
    how few articles hold it (words every article has, 示范区 工作, weigh nothing)."""
    scores = [0.0] * len(texts)
    for n in (2, 3, 4):
        want = {caption[i:i + n] for i in range(len(caption) - n + 1)}
        held = [{g for g in want if g in text} for text in texts]
        weight = {g: math.log((len(texts) + 1) / (1 + sum(g in h for h in held))) for g in want}
        total = sum(weight.values())
        for k, grams in enumerate(held):
            scores[k] += sum(weight[g] for g in grams) / total if total else 0.0
    ranked = sorted(range(len(texts)), key=scores.__getitem__, reverse=True)
    if not ranked or scores[ranked[0]] <= 0.0:
        return None
    if len(ranked) > 1 and scores[ranked[0]] < lead * scores[ranked[1]]:
        return None
    return ranked[0]


def attach_captions(
    articles: list[Article], captions: Sequence[Block], settings: Settings
) -> tuple[list[Article], list[Block]]:
    """Captions tied to an article by shared text go to its blocks; the rest stay loose."""
    loose: list[Block] = []
    extra: dict[int, list[Block]] = {}
    # the caption's n-grams are looked up in each article's text (no n-gram set of the
    # articles: memory stays the size of the text however long an article is)
    plain = [_article_text(a) for a in articles] if captions else []
    texts = plain
    for caption in captions:
        want = _bigrams(caption.text or "")
        shares = sorted(
            ((sum(1 for b in want if b in t) / len(want), k) for k, t in enumerate(texts)),
            reverse=True,
        ) if want else []
        if shares and shares[0][0] >= settings.text.caption_tie_ratio and (
            len(shares) == 1 or shares[0][0] - shares[1][0] >= 0.15
        ):
            extra.setdefault(shares[0][1], []).append(caption)
            continue
        owner = _rare_gram_owner(caption.text or "", plain, settings.text.caption_rare_lead)
        if owner is None:
            loose.append(caption)
        else:
            extra.setdefault(owner, []).append(caption)
    tied = [
        dataclasses.replace(a, blocks=a.blocks + tuple(extra[k])) if k in extra else a
        for k, a in enumerate(articles)
    ]
    return tied, loose


def analyze_page(page: DumpPage, settings: Settings) -> Page:
    """One dump page -> a :class:`Page` (no geometry: width/height stay None)."""
    lines = join_broken_datelines(page.lines)
    joined = join_drop_caps(lines)
    infos = mark_beside_caps(
        [line_info(line, settings) for line in joined], _cap_lines(lines, joined))
    check_budget()
    parts = partition_lines(infos)
    articles: list[Article] = []
    last_lines: list[int] = []
    if parts.body:
        jumps = frozenset(
            m.line.number for m in parts.markers if _jumps_on(m.title))
        for lines, states, headed in _segment_articles(parts.body, settings, jumps):
            article_id = f"p{page.number}-a{len(articles) + 1}"
            articles.append(build_article(lines, states, article_id, settings.text, headed))
            last_lines.append(lines[-1].line.number)
    if parts.markers and not articles:
        articles.append(Article(id=f"p{page.number}-a1"))
    articles = attach_markers(articles, last_lines, parts.markers)
    articles, loose = attach_captions(articles, parts.captions, settings)
    furniture_lines = parts.furniture
    furniture: list[Block] = []
    edition = section = None
    for info in furniture_lines:
        kind = info.furniture or patterns.furniture_kind(info.title, True) or FurnitureKind.OTHER
        furniture.append(Block(Role.FURNITURE, text=info.title, kind=kind))
        found = patterns.edition_of(info.title) if kind is FurnitureKind.EDITION else None
        if found and edition is None:
            edition, section = found
    return Page(
        number=page.number,
        articles=tuple(articles),
        blocks=tuple(loose),
        furniture=tuple(furniture),
        edition=edition,
        section=section,
    )


def analyze_text_dump(data: bytes, source: str, settings: Settings) -> Issue:
    """Bytes of a text dump -> the reconstructed :class:`Issue` (one Page per \\f page)."""
    limits = settings.limits
    decoding = TextDecoding(settings.text.encoding, settings.text.encoding_errors)
    pages: list[Page] = []
    skipped: list[str] = []
    for dump_page in read_dump(data, source, limits.max_pages, limits.max_line_chars,
                               decoding):
        try:
            with page_budget(limits.page_seconds):
                pages.append(analyze_page(dump_page, settings))
        except BudgetExceeded as exc:
            skipped.append(f"{source}: page {dump_page.number}: {exc}; skipped")
            log.warning("%s", skipped[-1])
    if not pages:
        raise InputError(source, f"every page over the {limits.page_seconds:g} s page budget")
    date = title = None
    for page in pages:
        for block in page.furniture:
            if block.kind is FurnitureKind.DATE and date is None:
                date = patterns.iso_date(block.text or "")
            if block.kind is FurnitureKind.MASTHEAD and title is None:
                title = block.text
    first_edition = next((p.edition for p in pages if p.edition), None)
    first_section = next((p.section for p in pages if p.section), None)
    log.debug("%s: %d pages, %d articles", source, len(pages),
              sum(len(p.articles) for p in pages))
    return Issue(
        source=source,
        title=title,
        date=date,
        edition=first_edition,
        section=first_section,
        pages=tuple(pages),
        skipped=tuple(skipped),
    )
