"""Repairs of a dump page's raw lines before line features: broken datelines, drop caps.

Takes the :class:`DumpLine` list of a page; :func:`join_split_lines`,
:func:`join_broken_datelines`, :func:`join_broken_jumps`, :func:`join_wrapped_ends` and
:func:`join_drop_caps` return the lines with the pieces of one typeset line (split where
the font changed) joined back, a dateline broken over short lines joined back, a jump
marker wrapped before its 版 joined back, the wrapped end of a title
or byline joined back to it, and a drop cap extracted as a line of its own put back at
the head of its line. :func:`cap_lines` tells which lines got a cap and
:func:`mark_beside_caps` marks, on the line features, the lines standing beside it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from layout.analysis import names as names_mod
from layout.analysis import patterns
from layout.analysis.jumps import ends_with_jump, split_jump_markers
from layout.analysis.text.lines import Fixed, LineInfo
from layout.clean import undouble
from layout.ingest.text import DumpLine

_DATELINE_OPEN = re.compile(
    rf"^[{patterns.BYLINE_MARKS}]?(?:本报讯|(?:本报|新华社|中新社|人民网)[\u4e00-\u9fff]{{0,8}}"
    r"(?:[0-9０-９]+月[0-9０-９]+日[电讯]?|[电讯]))(?:[（(][^）)]*)?$")
# (a dateline may be broken before its 电 too: 本报拉萨7月23日 / 电（记者万丽一 / …)
DATELINE_LINES = 5  # lines a dateline's credit may be broken over (本报西安10月25日电 /
# （记者 尹新 / 通讯员 / 彭红 / 娜）… in a narrow column)
INDENT_CHARS = 2  # characters a first-line indent stands for
SHORT_BY = 2  # characters a line falls short of the column's width when not cut at it


def join_broken_datelines(lines: Sequence[DumpLine]) -> list[DumpLine]:
    """A dateline broken before its credit closes, on short lines (本报讯（记者 / 钟刚建 通讯员
    / 龚艳）10月18, 本报深圳4月18日电 / （记者 陈嘉）…, also before its 电: 本报拉萨7月23日 /
    电（记者万丽一 / 通讯员 / …), is joined back into the line it
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
                                             and not nxt.text.lstrip().startswith(
                                                 ("（", "(") if text[-1] in "电讯"
                                                 else ("电（", "电(", "讯（", "讯("))):
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
        if nxt is not None and _cap_after_its_line(out, line, nxt):
            above = out.pop()  # the cap's middle sat below its line's: 今时代… / 当 / 好发展…
            out.append(dataclasses.replace(
                above, raw=line.text + above.text, text=line.text + above.text, indent=2,
                replacement_indent=False, blanks_after=0))
            out.append(dataclasses.replace(nxt, blanks_before=0))
            k += 2
            continue
        starts = not out or out[-1].number < line.number - 1 or _title_like(out[-1].text)
        if out and out[-1].number == line.number - 1 and abs(
                len(out[-1].text) + (INDENT_CHARS if out[-1].indent else 0) - column) <= 1 and (
                    not patterns.is_subtitle_dash(out[-1].text)):
            starts = False  # the wrapped end of a full line above (…维持高景气 / 度); a ——
            # subtitle as long is a title line, whose wrapped ends join_wrapped_ends takes: a
            # cap under it (——金融服务…存在 / 科 / / 技是国家…, a raw extractor writing no
            # blank line under the subtitle) opens the text
        if (nxt is not None and nxt.number <= line.number + 2 and starts
                and _DROP_CAP_LINE.fullmatch(line.text) and len(nxt.text) >= DROP_CAP_NEXT_CHARS
                and _DROP_CAP.match(nxt.text[:1]) and not line.indent
                and not (line.text == "摄" and out and out[-1].number >= line.number - 2)
                and not patterns.is_byline(nxt.text)):
            # (a lone 摄 under a name ends a photo credit: …卢欣桂 / / 摄; a cap opens a
            # paragraph's text, never a byline: …签注2811.7万 / 张 / 记者 王永 通讯员 …)
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


def _cap_after_its_line(out: Sequence[DumpLine], line: DumpLine, nxt: DumpLine) -> bool:
    """``line`` is a drop cap extracted after the first line of its paragraph (its middle
    lies below that line's): one ideograph (an opening quote before it at most), set apart
    by blank lines or by none (an extractor that writes no blank lines inside a block:
    四五”以来，…（简 / “十 / 称“中国人保”）…), under a body line
    that opens a block after a title or byline (set apart too, unindented, leaving its
    sentence open, as long as the line after it: both stand beside the cap; not a ——
    subtitle or a byline, which a cap never opens: 百姓故事 / / 构建… / / ——金融服务… / /
    科 / / 技是…, …成果显著 / / 令狐萍秀 吕红欣 / / “十 / / 四五”以来，中国)
    and over the unindented line that goes on with it."""
    if not out or not _DROP_CAP_LINE.fullmatch(line.text) or line.indent:
        return False
    above = out[-1]
    return ((line.blanks_before > 0) == (line.blanks_after > 0)
            and nxt.number <= line.number + 2 and not nxt.indent
            and above.number >= line.number - 2 and above.blanks_before > 0
            and not above.indent and len(above.text) >= DROP_CAP_NEXT_CHARS
            and len(nxt.text) >= DROP_CAP_NEXT_CHARS
            and not patterns.ends_sentence(above.text)
            and not patterns.is_subtitle_dash(above.text)
            and patterns.parse_byline(above.text) is None
            and abs(len(above.text) - len(nxt.text)) <= CAP_SIDE_SLACK
            and len(out) >= 2 and _title_like(out[-2].text))


CAP_SIDE_SLACK = 1  # characters two lines beside one drop cap differ by at most


CAP_LINES = 3  # lines a drop cap stands beside, at most (the one it was joined to included)


def cap_lines(original: Sequence[DumpLine], joined: Sequence[DumpLine]) -> dict[int, int]:
    """Line number -> the cap's length, of the lines :func:`join_drop_caps` put a drop cap
    in front of."""
    texts = {line.number: line.text for line in original}
    return {line.number: _cap_length(texts[line.number], line.text) for line in joined
            if line.number in texts and texts[line.number] != line.text}


def _cap_length(original: str, joined: str) -> int:
    """The cap's length: the original line was the cap (cap + the text it opens), or the
    text the cap was put in front of (a cap extracted after its line)."""
    return len(original) if joined.startswith(original) else len(joined) - len(original)


def mark_beside_caps(infos: list[LineInfo], capped: dict[int, int]) -> list[LineInfo]:
    """The lines right under a line that opens with a drop cap (no blank line between, up
    to CAP_LINES in all) stand beside the cap: short by its width, yet full lines. Each
    gets the capped line's text without its cap as what a full line holds beside it, so
    that a line clearly shorter still may end a paragraph there. A sentence's end on the
    line above stops none: the cap stands as many lines high whatever they say (民 / 政工作
    关系民生、连着民心。 / 党的十八大以来，以习近平同 / 志为核心的党中央…)."""
    out = list(infos)
    for k, info in enumerate(out):
        if info.line.number not in capped:
            continue
        room = info.text[capped[info.line.number]:]
        for j in range(k + 1, min(len(out), k + CAP_LINES)):
            if out[j].line.blanks_before > 0 or out[j].fixed is not Fixed.NONE:
                break
            out[j] = dataclasses.replace(out[j], beside_cap=True, cap_room=room)
    return out


_DROP_CAP = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_DROP_CAP_LINE = re.compile(r"[“‘「『《（]?[\u3400-\u4dbf\u4e00-\u9fff]")  # also “报
DROP_CAP_NEXT_CHARS = 4  # the line a drop cap opens is a body line, not a short title


def _title_like(text: str) -> bool:
    """A line that leaves no sentence open: a title or byline above an article's text."""
    stripped = text.rstrip()
    return bool(stripped) and not (patterns.ends_sentence(stripped)
                                   or patterns.ends_clause(stripped)) and len(stripped) <= 40


TAIL_CHARS = 2  # a title line's wrapped end standing on a line of its own is this short
NAME_TAIL_CHARS = 2  # a byline's last name wrapped after its surname leaves this much
TITLE_OVER_COLUMN = 2  # a line this many characters longer than a full line is set across
_HAN_ONLY = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


def join_wrapped_ends(lines: Sequence[DumpLine]) -> list[DumpLine]:
    """The wrapped end of a title or byline line, alone on the next line, joined back.

    A title set across columns (longer than a full line of the page by TITLE_OVER_COLUMN,
    no sentence ended) whose last one or two characters wrapped onto a line of their own
    right under it, with a blank line after them (——中国上海国际艺术节不断增 / 强; two
    characters that read as a name are a bare-name byline under it: 王观); a
    byline whose last name stops at its surname (本报记者 董萍、唐成一、任 / 慧, 通讯员 司马 /
    浩, a blank line between at most). A body line that short ends a paragraph and is left alone."""
    lengths = sorted(len(_compact(x.text)) for x in lines)
    column = lengths[int(0.75 * (len(lengths) - 1))] if lengths else 0  # a full line's length
    single, compound = names_mod.surnames()
    surnames = single | compound
    out: list[DumpLine] = []
    for line in lines:
        above = out[-1] if out else None
        tail = _compact(line.text)
        if above is not None and _HAN_ONLY.fullmatch(tail) and line.indent == 0 and (
                _title_end(above, line, tail, column) or _name_end(above, line, tail, surnames)
        ) and _undoubled_alike(above, line):
            out[-1] = _joined(above, line)
            continue
        out.append(line)
    return out


_JUMP_END = re.compile(r"^[0-9０-９〇零一二三四五六七八九十百]*[ \t\u3000]*[版页][）)】〕\]]?"
                       r"[ \t\u3000]*[▲▼△▽◆◇■□►◄]?$")  # the wrapped end of a jump marker


def _jump_marker(text: str) -> bool:
    """``text`` is a jump marker alone (（下转第6版）) or ends with one (…说。（转第9版）)."""
    return split_jump_markers(text)[0] == "" or ends_with_jump(text)


def join_broken_jumps(lines: Sequence[DumpLine]) -> list[DumpLine]:
    """A jump marker wrapped before its 版 in a narrow column (（下转第6 / 版）, …郭俊陆说。
    （转第9 / 版）) joined back into one line: the end (版）, 9版）) right under the line
    it completes, no blank line between, where the two together end with a marker and the
    line above alone does not. The marker then ends its story (the next line opens the
    headline of the story after it), not a headline of its own."""
    out: list[DumpLine] = []
    for line in lines:
        above = out[-1] if out else None
        if (above is not None and line.blanks_before == 0 and line.indent == 0
                and above.number == line.number - 1 and _JUMP_END.match(line.text.strip())
                and not _jump_marker(above.text.strip())
                and _jump_marker(above.text.strip() + line.text.strip())):
            out[-1] = _joined(above, line)
            continue
        out.append(line)
    return out


def _undoubled_alike(above: DumpLine, line: DumpLine) -> bool:
    """The two lines joined are undoubled as each is alone: a join that would make a run
    read as fake bold stays undone (民民兵兵” / ” would be undoubled to 民兵”, 民民兵兵 / 摄摄
    to 民兵摄), so no character is dropped that neither line shows doubled."""
    return undouble(above.text + line.text) == undouble(above.text) + undouble(line.text)


def _joined(above: DumpLine, line: DumpLine) -> DumpLine:
    """``above`` with ``line``'s text run on after its own (one line of the dump)."""
    return dataclasses.replace(above, raw=above.raw + line.text, text=above.text + line.text,
                               blanks_after=line.blanks_after)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _title_end(above: DumpLine, line: DumpLine, tail: str, column: int) -> bool:
    """``line`` is the wrapped end of the title line ``above`` (see join_wrapped_ends)."""
    head = _compact(above.text)
    return (len(tail) <= TAIL_CHARS and line.blanks_before == 0 and line.blanks_after > 0
            and not names_mod.is_name(tail) and above.indent == 0
            and len(head) >= column + TITLE_OVER_COLUMN
            and not patterns.ends_sentence(head) and not patterns.ends_clause(head))


def _name_end(above: DumpLine, line: DumpLine, tail: str, surnames: frozenset[str]) -> bool:
    """``line`` ends the last name of the byline ``above``, which stops at a surname, single
    or compound (…通讯员 任 / 慧, …通讯员 司马 / / 浩)."""
    if len(tail) > NAME_TAIL_CHARS or line.blanks_before > 1 or not patterns.is_byline(
            above.text):
        return False
    last = re.split(r"[\s、,，/／]+", above.text.strip())[-1]
    return last in surnames and patterns.is_byline(above.text + tail)


_NO_LINE_START = "，。、；：！？,;:!?" + "”’」』）》〉】"  # marks no typeset line opens with
PIECE_SLACK = 1  # characters two pieces of one line may run over a full line's length


def join_split_lines(lines: Sequence[DumpLine]) -> list[DumpLine]:
    """A line that opens with a mark no typeset line opens with (，。、；：！？ or a closing
    quote or bracket: line breaking keeps them with the character before), right under
    another line with no blank line between and no indent, joined back to it when the
    two together are no longer than a full line: pieces of one typeset line that an
    extractor split where the font changed (“在中国，看到了未来 / ，据悉). Pieces that
    together overrun a line are left as they are."""
    lengths = sorted(len(_compact(x.text)) + (INDENT_CHARS if x.indent else 0) for x in lines)
    column = lengths[int(0.75 * (len(lengths) - 1))] if lengths else 0  # a full line's length
    out: list[DumpLine] = []
    for line in lines:
        above = out[-1] if out else None
        if (above is not None and line.text[:1] in _NO_LINE_START and line.indent == 0
                and line.blanks_before == 0 and above.number == line.number - 1
                and len(_compact(above.text)) + (INDENT_CHARS if above.indent else 0)
                + len(_compact(line.text)) <= column + PIECE_SLACK
                and _undoubled_alike(above, line)):
            out[-1] = _joined(above, line)
            continue
        out.append(line)
    return out
