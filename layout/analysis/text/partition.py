"""A dump page's lines sorted by what they are, before any paragraph reasoning.

Takes a page's line features (:class:`LineInfo`, in page order);
:func:`partition_lines` returns :class:`PageParts`: furniture lines (the running
head, 第N版, 责任编辑：…), caption blocks (:mod:`layout.analysis.text.captions`),
jump markers (下转第2版) and the body lines, where lines of bare names right under
a title line are marked as bylines.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from layout.analysis import patterns
from layout.analysis.text.captions import (
    caption_block,
    caption_lead,
    credit_tail,
    credit_title_above,
)
from layout.analysis.text.joins import INDENT_CHARS
from layout.analysis.text.lines import Fixed, LineInfo
from layout.clean import is_cjk_punct
from layout.model import Block

EDGE_LINES = 3  # lines at the top/bottom of a page where a lone paper name is the masthead


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
        elif info.fixed is Fixed.CAPTION or credit_tail(body, info):
            if info.fixed is not Fixed.CAPTION or credit_title_above(body, info):
                # …本报记者韦 / 东摄, …问题。 通讯 / 员赵伟立 摄: one caption line
                above = body.pop()
                info = dataclasses.replace(above, text=above.text + info.text,
                                           title=above.title + info.title, fixed=Fixed.CAPTION)
            lead = caption_lead(body, info)
            captions.append(caption_block(body[len(body) - lead:] if lead else [], info))
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


LOCAL_LINES = 12  # lines either side read for the length a full line has there
FULL_SLACK = 1  # characters a line cut at the column's width may fall short of it


def cut_length(info: LineInfo) -> int:
    """The line's length as cut, its indent (two characters) counted."""
    return len(info.text) + (INDENT_CHARS if info.indent_marks else 0)


def _local_full_length(body: Sequence[LineInfo], k: int) -> int:
    """The length of a full line around line ``k``: the upper quartile of the cut
    lengths of the LOCAL_LINES lines either side (a page's articles differ in width)."""
    near = sorted(cut_length(x) for x in body[max(0, k - LOCAL_LINES):k + LOCAL_LINES + 1])
    return near[int(0.75 * (len(near) - 1))] if near else 0


def _runs_on(body: Sequence[LineInfo], k: int, full: int) -> bool:
    """Line ``k`` goes on with the text of the line above: no blank line between, the
    line above cut at the column's width in mid-sentence, and either followed by a line
    cut at the width too or in a paragraph: it or a line above it, each cut at the width
    in mid-sentence with no blank line between, is indented (a paragraph's first line;
    titles are not indented)."""
    info, above = body[k], body[k - 1]
    if info.line.blanks_before > 0 or not _cut_mid_sentence(above, full):
        return False
    if cut_length(info) >= full - FULL_SLACK:
        return True
    j = k - 1
    while not body[j].indent_marks:
        if j == 0 or body[j].line.blanks_before > 0 or not _cut_mid_sentence(body[j - 1], full):
            return False
        j -= 1
    return True


def _cut_mid_sentence(info: LineInfo, full: int) -> bool:
    """A body line cut at the column's width with its sentence open."""
    return (info.fixed is Fixed.NONE and not patterns.ends_sentence(info.text)
            and cut_length(info) >= full - FULL_SLACK)


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
        if above is not None and _runs_on(out, k, _local_full_length(out, k)):
            continue  # the text of a full line goes on: …授信 / 白茶业有限公司授信
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


def _leaves_open(text: str) -> bool:
    """The line leaves a quotation or bracket open (more “ or （ than closers)."""
    return text.count("“") > text.count("”") or text.count("（") > text.count("）")
