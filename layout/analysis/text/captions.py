"""Photo captions of text dumps: caption blocks from credit lines, and their articles.

Takes body lines (:class:`LineInfo`) as the page partition meets them:
:func:`credit_tail` tells a credit's wrapped end, :func:`credit_title_above` a credit
whose title the line break left on the line above, :func:`caption_lead` how many
lines above a credit line are its caption text, :func:`caption_block` returns the
caption :class:`Block` (text and credit). :func:`attach_captions` takes the
page's articles and caption blocks and returns the articles with each caption
tied to the one whose text it shares most of, and the captions left loose.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Sequence

from layout.analysis import patterns
from layout.analysis.text.articles import join_lines
from layout.analysis.text.lines import Fixed, LineInfo
from layout.clean import remove_cjk_spaces
from layout.model import Article, Block, Role
from layout.settings import Settings


def caption_block(lead: Sequence[LineInfo], credit_line: LineInfo) -> Block:
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


def credit_tail(body: Sequence[LineInfo], info: LineInfo) -> bool:
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


# the titles a photo credit may open with (本报记者, 新华社摄影记者, 通讯员, 摄影)
_CREDIT_TITLES = tuple(
    organ + special + photo + role
    for organ in ("", "本报", "新华社", "人民网") for special in ("", "特约")
    for photo in ("", "摄影") for role in ("记者", "通讯员")) + ("摄影",)


def credit_title_above(body: Sequence[LineInfo], info: LineInfo) -> bool:
    """A bare credit (a name and 摄) right under a line that ends with the start of the
    credit's title, or all of it (…一个最突出的问题。 通讯 / 员赵伟立 摄, …学院）。 通讯员 /
    刘娜桂 摄): the line break cut the credit, which opens on the line above."""
    if (info.fixed is not Fixed.CAPTION or not body or info.line.blanks_before > 0
            or not patterns.is_credit_only(info.title)):
        return False
    above = body[-1]
    if above.fixed is not Fixed.NONE or above.line.number != info.line.number - 1:
        return False
    credit = patterns.split_credit(above.title + info.title)[1]
    if credit is None:
        return False
    reach = len(credit.replace(" ", "")) - len(info.title.replace(" ", ""))
    head = above.title.replace(" ", "")[-reach:] if reach > 0 else ""
    return bool(head) and any(title.startswith(head) for title in _CREDIT_TITLES)


def caption_lead(body: Sequence[LineInfo], credit_line: LineInfo) -> int:
    """How many of the last body lines are the text of the caption whose credit line
    follows: the block they make (no blank line inside, a blank line or the page top
    above it, right above the credit line) of at most MAX_CAPTION_LINES plain lines with
    no indent mark, or the fake-bold lines of one block right above a bare credit
    (:func:`_bold_run`), or a lone sentence set apart above one. 0 when the lines above
    are body text."""
    if not body:
        return 0
    credit_only = patterns.is_credit_only(credit_line.title)
    if credit_line.line.blanks_before > 0:
        return _caption_block_above(body, credit_line) if credit_only else 0
    previous = body[-1]
    if credit_only and previous.doubled:
        return _bold_run(body)
    if credit_only and _standalone_sentence(previous):
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


def _bold_run(body: Sequence[LineInfo]) -> int:
    """How many of the last body lines are set fake bold (doubled) in one block, no blank
    line or indent mark inside, up to MAX_CAPTION_LINES: a bold caption wrapped over
    lines (图图为为… / 高高国国家家… / 有有重重要要支支撑撑作作用用。。) over its bare credit."""
    count = 1
    while count < min(len(body), MAX_CAPTION_LINES):
        line, below = body[-1 - count], body[-count]
        if (not line.doubled or line.fixed is not Fixed.NONE or line.indent_marks
                or below.line.blanks_before > 0 or line.line.number != below.line.number - 1):
            break
        count += 1
    return count


def _caption_block_above(body: Sequence[LineInfo], credit_line: LineInfo) -> int:
    """How many of the last body lines are the caption text of a bare credit set one
    blank line under them (图为…。 / blank / 记者孔建思摄): a block of its own (blank lines
    around it, at most MAX_CAPTION_LINES lines, no indent mark, no dateline) that ends a
    sentence and whose lines are not cut at the body's column width (a caption is set
    to its photo's width) or that opens with 图为 (上图, 左图…). 0 when the block reads
    as body text."""
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
        count >= 3 and len(full) == 1 and column not in full) or (
        block[0].text.startswith(CAPTION_OPENERS)) else 0


CAPTION_OPENERS = ("图为", "上图", "下图", "左图", "右图", "图：", "图:")  # words a caption opens
# with (the picture shows…); no body paragraph set apart over a credit opens so
CAPTION_WIDER = 2  # a caption line set apart is this many characters longer than body lines


def _standalone_sentence(info: LineInfo) -> bool:
    """A line set apart above (a blank line or the page top) that ends a sentence: the
    text of a caption whose credit sits on the next line."""
    return (info.line.blanks_before > 0 or info.line.number <= 1) and patterns.ends_sentence(
        info.text)


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
