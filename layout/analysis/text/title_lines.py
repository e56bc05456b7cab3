"""Title lines as text and as set width: the pieces every headline-group cue reads.

Takes title lines (:class:`LineInfo`) of a headline group. :func:`merge_wrapped_tails`
returns them with a line's wrapped end joined back to it (the article-start evidence
uses it too); :func:`first_line` the text of a line as cut; :func:`join_title_lines`
joins title texts into one title (the space of a couplet kept); :func:`set_width` a
line's width in em as set; :func:`quoted_spans` the lines each whole quotation spans;
the column-tag patterns (``TAGGED``, ``TAGGED_END``, ``LONE_TAG``) mark a line closed by
a tag set smaller (…（记者手记）).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from layout.analysis import patterns
from layout.analysis.text.lines import MEASURES, LineInfo
from layout.clean import is_cjk_punct, is_doubled_line, undouble_line
from layout.settings import CleanSettings

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

# a column tag: a bracketed name of a column or series, up to 30 characters, or up to 60
# with no sentence punctuation in it (（深入学习贯彻…·学习《…》第一卷专家谈）); a longer
# bracket, or a long one holding clauses, is the headline's own text
_TAG = r"[（(](?:[^（）()]{2,30}|[^（）()，。；！？,;!?]{31,60})[）)]"
QUOTED = re.compile(rf"^“[^“”]+”(?:{_TAG})?$")  # a whole quotation
TAGGED = re.compile(rf"[^（(]{_TAG}$")  # text closed by a column tag
TAGGED_END = re.compile(rf"{_TAG}$")  # the column tag closing a line
LONE_TAG = re.compile(rf"^{_TAG}$")


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
            if QUOTED.match(joined):
                spans.append((k, last))
                k = last
                break
        k += 1
    return spans


def set_width(info: LineInfo) -> float:
    """A title line's width in em as set (half-width characters and punctuation count
    less), without a column tag closing it (set smaller: …（百姓关注）)."""
    text = first_line(info) if info.first_chars else info.title.replace(" ", "")
    return MEASURES["typeset"](TAGGED_END.sub("", text))


def bold_wraps(titles: Sequence[LineInfo]) -> list[LineInfo]:
    """Title lines with the short wrapped lines of a fake-bold headline undoubled: a line
    made only of doubled characters, too short to count as fake bold alone (感感悟悟), right
    under or over a fake-bold line (no blank line between; also through another such
    line) is set bold with it (从从““多多少少年年”” / 感感悟悟 / 自自信信): a headline is
    set in one face."""
    out = list(titles)
    changed = True
    while changed:
        changed = False
        for k, info in enumerate(out):
            if info.doubled or not is_doubled_line(info.title, _EVERY_CHAR_PAIRED):
                continue
            above = k > 0 and out[k - 1].doubled and info.line.blanks_before == 0
            below = (k + 1 < len(out) and out[k + 1].doubled
                     and out[k + 1].line.blanks_before == 0)
            if above or below:
                out[k] = replace(info, text=undouble_line(info.text),
                                 title=undouble_line(info.title), doubled=True)
                changed = True
    return out


# every character of the line (spaces aside) twice in a row, two pairs at least: 感感悟悟
_EVERY_CHAR_PAIRED = CleanSettings(min_doubled_line_pairs=2, doubled_line_strays=0)
