"""Headline groups of text dumps: title lines -> kicker, headline, subtitle.

Takes the title lines of a headline group (:class:`LineInfo`) and the text
settings; :func:`split_title_lines` returns (kicker, headline, subtitle) as
strings or None, split by dashes, blank lines, column labels, short labels, fake
bold and line lengths. Also :func:`join_title_lines` (title lines -> one title,
the space of a couplet kept) and :func:`merge_wrapped_tails` (a title line's
wrapped end joined back to it), which the article-start evidence uses too.
Built on :mod:`title_lines` (texts and widths), :mod:`title_labels` (label lines)
and :mod:`title_shapes` (kicker cues from line shapes).
"""

from __future__ import annotations

from collections.abc import Sequence

from layout.analysis import patterns
from layout.analysis.text.lines import MEASURES, LineInfo
from layout.analysis.text.title_labels import (
    column_label,
    is_label,
    label_beside,
    leading_label,
    named_label,
    series_label,
)
from layout.analysis.text.title_lines import (
    LONE_TAG,
    QUOTED,
    TAGGED,
    TAGGED_END,
    WRAP_TAIL_CHARS,
    bold_wraps,
    first_line,
    join_title_lines,
    merge_wrapped_tails,
    quoted_spans,
    set_width,
)
from layout.analysis.text.title_shapes import (
    KICKER_WIDER,
    bold_kicker,
    doubling_parts,
    kicker_over_headline,
    leads_in,
    wrapped_kicker,
    wrapped_through,
)
from layout.settings import TextSettings

__all__ = ["join_title_lines", "merge_wrapped_tails", "split_title_lines"]

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


def _lone_label(lines: Sequence[LineInfo]) -> bool:
    """The first title line is a column label standing alone: a label by its marks or
    words (【金台随感】, 深度观察·…, 环球走笔, 记者手记) with a blank line under it, or the
    only title line (the headline under it set as art, in no dump). A column's name is
    set apart over the headline it labels; it is never the headline itself."""
    first = lines[0]
    labelled = (column_label(first.title) or series_label(first.text)
                or named_label(first.text))
    return labelled and (len(lines) == 1 or lines[1].line.blanks_before > 0)


def _part_under(lines: Sequence[LineInfo]) -> list[LineInfo]:
    """The title lines under the first down to the next blank line: the part a label
    line is weighed against. A subtitle set apart further down is set in other type, so
    a line short beside it is not short beside the headline (国家队也能 / “省里办” / /
    体育赛事走进更多城市: 国家队也能 is the headline's first line)."""
    end = next((k for k in range(2, len(lines)) if lines[k].line.blanks_before > 0),
               len(lines))
    return list(lines[1:end])


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
        is_label(label, settings) and len(label.text) <= KICKER_LABEL_CHARS
        and len(label.text) * SUBTITLE_TIMES_LABEL <= len(subtitle_lines[0].text))
    if not labelled or label.line.blanks_after == 0 and not (
            column_label(label.title) or series_label(label.text)):
        return None
    return join_title_lines([label.title]) or None, None, subtitle


QUOTE_WRAP_SLACK = 1.5  # em: a headline's last line may fall this much short of (or, with
# its quotation marks set half, run past) the full line it wraps from


def _quote_wraps_end(lines: Sequence[LineInfo], span: tuple[int, int]) -> bool:
    """A one-line quotation closing the title lines, or the part a blank line sets apart
    over a subtitle, is the wrapped end of a headline, not a headline under a kicker: the
    line right above it (no blank line between) is cut at its width (给缺点 / “上上秤”,
    国家队也能 / “省里办”); a kicker is set smaller or apart, so its line is not the
    headline's width (民生观察 / “要守牢实体经济这个根基”). A quotation itself wrapped
    over lines (给缺点 / “上 / 上秤”) runs on from the line above only when none of its
    lines is clearly wider than that line: 多味斋 / “车担卜 / 页飞上天” is a label over a
    quotation wrapped at a wider measure."""
    first, last = span
    closes = last + 1 == len(lines) or lines[last + 1].line.blanks_before > 0
    if first == 0 or first != last or not closes or lines[first].line.blanks_before or (
            leads_in(lines[first - 1].text)):
        return False  # (a line ending on a verb leading into the quotation: a kicker)
    above, quote = set_width(lines[first - 1]), lines[first]
    if quote.first_chars and MEASURES["typeset"](
            quote.text[quote.first_chars:]) > above + QUOTE_WRAP_SLACK:
        return False  # the quotation wraps onto a line wider than the one above
    return abs(above - set_width(quote)) <= QUOTE_WRAP_SLACK


def _set_larger(first: Sequence[LineInfo], later: Sequence[Sequence[LineInfo]]) -> bool:
    """The first block of title lines is wrapped (two or more lines, none a label) in type
    larger than all the lines set apart under it: a line below holds clearly more than the
    first block's widest line, so it is set smaller in the same measure (构建同科技创新相 /
    适应的科技金融体制 / / 金融资源配置与经济社会发展需要紧密结合). A kicker is set
    smaller than its headline, so a block set larger than what follows is the headline and
    the rest its subtitle. A block whose first line is set apart from a headline wrapped
    under it by width (:func:`wrapped_kicker`: 是我日日相对的知音 / 我心中 / 的两条江) is a
    kicker and a headline, not one headline."""
    if len(first) < 2 or named_label(first[0].text) or column_label(first[0].title):
        return False  # a label over the lines under it (a later line reading as one wraps)
    if wrapped_kicker(first):
        return False
    widest = max(set_width(x) for x in first)
    return all(max(set_width(x) for x in block) >= widest + SMALLER_BY for block in later)


def _headline_over_line(
    first: Sequence[LineInfo], second: Sequence[LineInfo], settings: TextSettings
) -> bool:
    """Two title lines, each alone between blank lines, where the first is a headline and
    the second its subtitle: the first is not clearly the shorter (a kicker leads into the
    headline in fewer words: :func:`kicker_over_headline`), is no label (a line that short
    is a kicker: 高高兴兴 / / 过大年), does not end on a verb leading into the line under it
    (:func:`leads_in`), reads as no column label and leaves no clause open; the second is
    closed by no column tag, is no whole quotation, and is set bold (doubled) as the first
    is."""
    if len(first) != 1 or len(second) != 1:
        return False
    top, below = first[0], second[0]
    closed = below.title.strip()
    if TAGGED_END.search(closed) or QUOTED.match(closed) or top.doubled != below.doubled:
        return False  # a column tag closes a headline, a whole quotation is one; one line
        # set bold and the other not: a bold kicker or a bold headline, it decides nothing
    return not (kicker_over_headline(top.text, first_line(below))
                or is_label(top, settings) or leads_in(top.text)
                or named_label(top.text) or column_label(top.title)
                or series_label(top.text) or patterns.ends_clause(top.text))


SMALLER_BY = 2.0  # em a line set smaller holds beyond the widest line of a wrapped headline


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
    if len(lines) == 1 and _lone_label(lines):
        return join_title_lines([lines[0].title]) or None, None, None
    kicker, headline, subtitle = _split_title_lines(lines, settings)
    label = join_title_lines([lines[0].title]) if lines else ""
    if kicker != label and len(lines) >= 2 and (_named_over(lines) or _lone_label(lines)):
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
    lines = merge_wrapped_tails(bold_wraps(lines))
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
    # a part of the title lines ends in a quotation wrapped from the line above (the
    # first line: wrapped_quote)
    quote_end = wrapped_quote = False
    if len(rest) >= 2 and not kicker_lines:
        quoted = quoted_spans(rest)
        quote_end = len(quoted) == 1 and _quote_wraps_end(rest, quoted[0])
        wrapped_quote = quote_end and quoted[0][0] == 1  # the first line wraps into it
        tagged = [k for k, x in enumerate(rest) if TAGGED.search(x.title.strip())]
        if len(quoted) == 1 and (quoted[0][0] == 0 or rest[quoted[0][0] - 1].title.rstrip()[-1:]
                                 not in "，、；,;") and not wrapped_through(rest, quoted[0]) \
                and not quote_end:
            # a whole quotation is the headline, with a tag line after it (a line before it
            # that leaves a clause open leads into it; lines of its width around it wrap it)
            k, last = quoted[0]
            end = last + 1 + (last + 1 < len(rest) and LONE_TAG.match(
                rest[last + 1].title.strip()) is not None)
            kicker_lines, tail, rest = rest[:k], rest[end:], rest[k:end]
            subtitle_lines = tail + subtitle_lines
        elif len(tagged) == 1 and tagged[0] + 1 < len(rest):  # a column tag ends the headline
            k = tagged[0]
            rest, subtitle_lines = rest[:k + 1], rest[k + 1:] + subtitle_lines
    bold = doubling_parts(rest) if len(rest) >= 2 else None
    if bold is not None and all(LONE_TAG.match(x.title.strip()) for x in rest[bold[0]:bold[1]]):
        bold = None  # a column tag set bold closes the headline over it; it is no headline
    if bold is not None and bold[0] > 0 and not kicker_lines:
        # plain lines over a bold run: the first may be a kicker over the headline, the
        # others are the headline's (a bold run first may as well be a bold kicker over a
        # plain headline, so it decides nothing), weighed against the lines down to the
        # next blank line (a subtitle set apart is in other type); plain lines right under
        # the run wrap it, a line clearly wider than the headline's widest (set smaller)
        # is the subtitle
        if bold_kicker(rest[:1] + _part_under(rest), bold[0]):
            kicker_lines, rest = rest[:1], rest[1:]
        end = bold[1] - len(kicker_lines)
        cut = end
        widest = max(set_width(x) for x in rest[:end])
        while cut < len(rest) and rest[cut].line.blanks_before == 0 and (
                set_width(rest[cut]) < widest + KICKER_WIDER):
            cut += 1  # not clearly wider than the headline: its wrapped end, no subtitle
        rest, subtitle_lines = rest[:cut], rest[cut:] + subtitle_lines
    else:
        bold = None
    if not kicker_lines and len(rest) == 1:
        split = leading_label(rest[0].title)
        if split:
            kicker = split[0]
            head = join_title_lines([split[1]]) or None
            return kicker, head, join_title_lines([x.title for x in subtitle_lines]) or None
    if not subtitle_lines and len(rest) >= 2 and label_beside(
        rest[-1], rest[:-1], settings
    ) and not (is_label(rest[-2], settings) or patterns.ends_clause(rest[-2].text)):
        # (a line ending with a comma goes on: 流动的艺术， / 联动的长三角)
        subtitle_lines = [rest.pop()]  # a short label under the headline (搬口街道)
    if kicker_lines or bold is not None or quote_end and len(rest) == 2:
        pass
    elif (len(rest) >= 2 and not wrapped_quote
          and label_beside(rest[0], _part_under(rest), settings)
          and not all(is_label(x, settings) for x in _part_under(rest))):
        # a short label over the headline, also over one wrapped at a phrase into a short
        # line and a long one (环球走笔 / 引领未来 / 中国做对了什么); two short lines alone
        # (讲好故事 / 传播声音) say nothing; a first line running on into a quotation cut
        # at its width is the headline's (给缺点 / “上上秤” / / 就得不断克服缺点)
        kicker_lines = [rest.pop(0)]
        rest, subtitle_lines = _apart_below(rest, subtitle_lines)
    elif len(rest) >= 2:
        blocks: list[list[LineInfo]] = [[rest[0]]]
        for info in rest[1:]:
            if info.line.blanks_before > 0:
                blocks.append([info])
            else:
                blocks[-1].append(info)
        first = blocks[0]
        if len(blocks) >= 2 and not subtitle_lines and _set_larger(first, blocks[1:]):
            # a headline wrapped in large type over a line set smaller: headline, subtitle
            rest, subtitle_lines = first, [x for b in blocks[1:] for x in b]
        elif len(blocks) >= 2 and len(first) >= 2 and (
                wrapped_kicker(first) or kicker_over_headline(
                    first[0].text, first_line(first[1]))):
            # a kicker stacked over a wrapped headline, a subtitle set apart under them
            kicker_lines, rest = first[:1], first[1:]
            extra = [x for b in blocks[1:] for x in b]
            if subtitle_lines:
                rest = rest + extra
            else:
                subtitle_lines = extra
        elif len(blocks) == 2 and not subtitle_lines and TAGGED_END.search(
                blocks[0][-1].title.strip()):
            # a column tag closes the headline (一项改革带来就医新变化 / （“十四五”的民生
            # 故事）): no kicker carries one, so the part set apart under it is the subtitle
            rest, subtitle_lines = blocks[0], blocks[1]
        elif len(blocks) == 2 and not subtitle_lines and _headline_over_line(first, blocks[1],
                                                                          settings):
            # two single lines set apart, the first not clearly the shorter: a kicker is
            # a lead-in shorter than the headline it leads into, so the first line is the
            # headline and the line under it its subtitle (服务消费潜力巨大 / / 是大力提振消费)
            rest, subtitle_lines = first, blocks[1]
        elif len(blocks) == 2 and len(first) >= 2 and not subtitle_lines:
            # a title wrapped over lines, one part set apart under it: a kicker is set
            # smaller, seldom wrapped, so the wrapped part is the headline and the part
            # under it the subtitle (IMF调高全球增长预 / 期强调世界经济仍较脆弱 / / …)
            rest, subtitle_lines = first, blocks[1]
        elif len(blocks) >= 2:  # parts set apart by blank lines: kicker, headline(, subtitle)
            kicker_lines, rest = blocks[0], blocks[1]
            extra = [x for b in blocks[2:] for x in b]
            if subtitle_lines:
                rest = rest + extra
            else:
                subtitle_lines = extra
        elif kicker_over_headline(rest[0].text, first_line(rest[1])) or wrapped_kicker(
                rest) or leads_in(rest[0].text):
            kicker_lines = [rest.pop(0)]  # over a headline of one or more lines

    def joined(infos: Sequence[LineInfo]) -> str | None:
        return join_title_lines([x.title for x in infos]) or None

    return joined(kicker_lines), joined(rest), joined(subtitle_lines)
