"""Label each body line of a dump with its place in a paragraph (or as a title line).

Takes the :class:`LineInfo` objects of a run of body lines (captions and
furniture already taken out) and the run's :class:`ColumnWidth`; returns one
:class:`State` per line, chosen jointly by a Viterbi search over a small
automaton: a paragraph is F M* L (first, middle, last) or S (single line);
titles T and bylines B stand between paragraphs.

Evidence per line (DESIGN §4): middle lines fill the column; first lines are
about 2 characters short (the indent) or carry indent marks; a paragraph ends on
a sentence end (。！？… and closing quotes); titles do not end with punctuation,
and may be wider than a column, hold a gap between two words, be fake bold or
open with a dash. Breaking a paragraph costs a little, so thin evidence keeps
sentences together.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Sequence
from enum import Enum

from layout.analysis import patterns
from layout.analysis.jumps import ends_with_jump
from layout.analysis.text.lines import WEIGHTS, ColumnWidth, Fixed, LineInfo, is_half
from layout.clean import is_cjk_punct
from layout.settings import TextSettings

NEG = -1e9
_NO_LINE_START = frozenset("，。、；：！？…,.;:!?" + patterns.CLOSERS)  # marks no line opens with
# the unbreakable run a line opens with, up to its first break opportunity (UAX #14, the
# classes a Chinese line holds): no break before a closing mark or one no line opens with
# (LB13, 避头: 京。), after an opening bracket (LB14), on either side of a quotation mark
# (LB19: 悉“ChatGPT”, 为“2+36”城, 京。“刚) or inside a Latin word or number (LB28-LB29)
_QUOTES = frozenset("“”‘’\"'")
_OPENERS = frozenset("（(《〈「『【〔［[")
_NO_BREAK_BEFORE = _NO_LINE_START | frozenset(patterns.CLOSERS + "·・〕］]")
_ALNUM = re.compile(r"[A-Za-z0-9]")
_IN_WORD = re.compile(r"[A-Za-z0-9.%,:/+\-]")


SIGN_OFF = re.compile(rf"^[—─]{{1,3}}[\u4e00-\u9fff]{{1,{patterns.SIGN_OFF_CHARS}}}$")  # ——编者
# a note in brackets closing a story on who helped write it: （本报记者靳博参与采写）,
# （实习生 王敏 对本文亦有贡献）; a paragraph of the story above, never a title
CONTRIBUTOR_NOTE = re.compile(
    r"^[（(][^（）()]{1,40}(?:参与采写|参与采访|参与报道|对本文亦有贡献|亦有贡献)[）)]$")


class State(str, Enum):
    TITLE = "T"
    FIRST = "F"
    MIDDLE = "M"
    LAST = "L"
    SINGLE = "S"
    BYLINE = "B"


_STATES = tuple(State)
_PARAGRAPH_OPEN = (State.FIRST, State.MIDDLE)
_BETWEEN = (State.LAST, State.SINGLE, State.TITLE, State.BYLINE)
_ENDED = (_STATES.index(State.LAST), _STATES.index(State.SINGLE))


def _band_penalty(value: float, lo: float, hi: float, slope: float) -> float:
    if value < lo:
        return -(lo - value) * slope
    if value > hi:
        return -(value - hi) * slope
    return 0.0


def _end_score(info: LineInfo) -> float:
    """How well the line's last character ends a paragraph."""
    text = info.text
    if patterns.ends_sentence(text):
        return 0.0
    last = text.rstrip(patterns.CLOSERS)[-1:] if text.rstrip(patterns.CLOSERS) else ""
    if last in "：:；;—":
        return -2.5
    if text[-1:] in patterns.CLOSERS:
        return -3.0
    return -6.0


def _title_score(
    info: LineInfo, shortfall: float, width: ColumnWidth, settings: TextSettings
) -> float:
    score = -settings.title_cost
    text = info.text
    stripped = text.rstrip(patterns.CLOSERS)
    last = stripped[-1:] if stripped else ""
    # a —— line carrying the paragraph indent mark is a paragraph (a quotation's source,
    # an item of a list), not a subtitle: a headline group is not set with the body's
    # first-line indent
    dash = info.subtitle_dash and not info.indent_marks
    if dash:
        pass  # a —— subtitle may be a whole sentence
    elif last in "，、；：。,;:":
        score -= 8.0
    elif last in "！？!?…":
        score -= 2.0
    if len(text) > settings.max_title_chars:
        score -= 6.0
    if info.han_chars >= width.width + settings.overhang_chars:
        score += 1.0  # more characters than a column holds: set across columns
    elif abs(shortfall) <= settings.full_tolerance:
        score -= 2.5  # exactly a full column line
    if info.han_gap:
        score += 1.5
    if info.doubled:
        score += 2.0
    if dash:
        score += 3.0
    if info.single_space_indent:
        score += 1.0
    if info.line.replacement_indent:
        score -= 4.0
    elif info.indent_marks:
        score -= 2.0  # indented like a paragraph's first line
        if abs(shortfall - settings.indent_chars) <= settings.full_tolerance + width.spread:
            score -= 2.0  # and filling the column after the indent, as first lines do (a
            # centred title is short on both sides)
    if info.dateline:
        score -= 8.0
    score += 0.4 * (min(info.line.blanks_before, 1) + min(info.line.blanks_after, 1))
    if info.beside_cap:
        score -= 3.0  # a line beside a drop cap is the paragraph's text
    return score


def _leading_word(text: str) -> str:
    """The unbreakable run a line opens with, to its first break opportunity (2023, LED,
    99.01%, 悉“ChatGPT”, 京。“刚): what went down whole when the line above could not take
    it."""
    k = 0
    while k + 1 < len(text):
        here, after = text[k], text[k + 1]
        if not (after in _NO_BREAK_BEFORE or here in _OPENERS or here in _QUOTES
                or after in _QUOTES or (_ALNUM.match(here) and _IN_WORD.match(after))
                or (_IN_WORD.match(here) and _ALNUM.match(after))):
            break
        k += 1
    run = text[:k + 1]
    return run if len(run) > 1 or _ALNUM.match(run) else ""


def emission(
    info: LineInfo, width: ColumnWidth, settings: TextSettings, next_info: LineInfo | None = None
) -> dict[State, float]:
    """Log-score of each state for one line (``next_info``: the line after it)."""
    if info.fixed is Fixed.BYLINE:
        return {s: (0.0 if s is State.BYLINE else NEG) for s in _STATES}
    shortfall = width.width - width.of(info.text)
    pushed = 0.0  # width of a word too long for the space left, pushed whole to the next line
    if (next_info is not None and shortfall > 0 and not patterns.ends_sentence(info.text)
            and not next_info.indent_marks):  # (an indented line opens a paragraph)
        word = _leading_word(next_info.text)
        pushed = width.of(word)
        if pushed and WEIGHTS[width.measure][0] < 1.0:
            # Latin letters and digits of their own widths (M, %, W wider than half an em),
            # in the word pushed down and in the line it left short: room for the error
            pushed += settings.latin_slack * sum(is_half(c) for c in info.text + word)
        if next_info.text[1:2] in _NO_LINE_START and next_info.text[:1] not in _NO_LINE_START:
            # 避头尾: the character before a mark that may not open a line went down with it
            pushed = max(pushed, width.of(next_info.text[:1]))
    if info.beside_cap:  # the cap takes room: a full line there is as long as the longest
        shortfall = max(0.0, width.of(info.cap_room) - width.of(info.text))  # beside it
    full_shortfall = 0.0 if shortfall < pushed + settings.full_tolerance else shortfall
    tol = settings.full_tolerance + width.spread
    indent = settings.indent_chars
    marks = info.indent_marks
    end = _end_score(info)
    full = _band_penalty(full_shortfall, -tol - 1.0, tol, settings.width_slope)
    first = _band_penalty(
        shortfall, indent - tol, indent + tol + 1.0 + pushed, settings.width_slope)
    if marks:
        first = max(first, -1.0) + 2.0
    mark_penalty = -5.0 if marks else 0.0
    last = _band_penalty(shortfall, -tol - 1.0, math.inf, settings.width_slope) + end
    single = _band_penalty(shortfall, indent - tol, math.inf, settings.width_slope)
    if marks:
        single = max(single, -1.0) + 2.0
    single += end
    dateline_bonus = 3.0 if info.dateline else 0.0
    title = _title_score(info, shortfall, width, settings)
    if ends_with_jump(info.text):  # 「……写照。（转第11版）」: the story goes on elsewhere
        last, single = last - end, single - end
        first = full = title = NEG
    elif SIGN_OFF.match(info.text):  # ——编者 signs a note off: the note ends there
        last, single, first, full = last - end, single - end, NEG, NEG
    elif CONTRIBUTOR_NOTE.match(info.text):  # the story ends with who helped write it,
        first = full = title = last = NEG  # a paragraph of its own
    return {
        State.TITLE: title,
        State.FIRST: first + dateline_bonus,
        State.MIDDLE: full + mark_penalty - (8.0 if info.dateline else 0.0),
        State.LAST: last + mark_penalty - (8.0 if info.dateline else 0.0),
        State.SINGLE: single + dateline_bonus,
        State.BYLINE: NEG,
    }


def transition(prev: State | None, nxt: State | None, settings: TextSettings) -> float:
    """Log-score of moving from ``prev`` to ``nxt`` (None = the run's start or end)."""
    if prev is None:  # start of the run
        return -settings.open_paragraph_cost if nxt in (State.MIDDLE, State.LAST) else 0.0
    if nxt is None:  # end of the run
        return -settings.open_paragraph_cost if prev in _PARAGRAPH_OPEN else 0.0
    if prev in _PARAGRAPH_OPEN:
        return 0.0 if nxt in (State.MIDDLE, State.LAST) else NEG
    if nxt in (State.MIDDLE, State.LAST):
        return NEG
    if prev in (State.LAST, State.SINGLE) and nxt in (State.FIRST, State.SINGLE):
        return -settings.break_cost
    if prev is State.BYLINE and nxt is State.TITLE:
        return -1.0
    return 0.0


DATELINE_RUN_ON = 6.0  # log-score lost by a paragraph that is a bare dateline, where the line
# after it goes on unindented


def _bare_dateline(info: LineInfo) -> bool:
    """The line is a dateline and nothing else: 本报讯（记者 东方敏 通讯员 金琪涵）."""
    found = patterns.split_dateline(info.text) if info.dateline else None
    return found is not None and not found[1] and found[0].endswith(("）", ")"))


FRAGMENT_CHARS = 2  # a piece of a line this short, set on a line of its own mid-sentence
FRAGMENT_COST = 1.0  # log-score of such a piece as a paragraph's middle line


def _fragment_between(
    above: LineInfo, info: LineInfo, below: LineInfo, width: ColumnWidth,
    settings: TextSettings,
) -> bool:
    """A piece of a line (型, 芯) an extractor set on a line of its own where the font
    changed, inside a sentence: no punctuation, no blank line around it, body lines
    around it (none wider than the column: two columns' lines glued into one are no
    sentence going on), the one above leaving its sentence open."""
    return (0 < len(info.text) <= FRAGMENT_CHARS and info.fixed is Fixed.NONE
            and not any(is_cjk_punct(c) for c in info.text)
            and info.line.blanks_before == 0 and info.line.blanks_after == 0
            and _plain_pair(above, info) and _plain_pair(info, below)
            and not patterns.ends_sentence(above.text)
            and len(above.text) >= settings.min_body_chars
            and len(below.text) >= settings.min_body_chars
            and not below.indent_marks and not above.doubled
            and max(width.of(above.text), width.of(below.text))
            <= width.width + settings.full_tolerance + width.spread + 1.0)


MIN_BLANK_SAMPLES = 3  # sure paragraph ends and column-filling lines needed to weigh blanks
MAX_BLANK_WEIGHT = 4.0  # log-score a blank line (or its absence) gives at most


def _plain_pair(a: LineInfo, b: LineInfo) -> bool:
    return a.fixed is Fixed.NONE and b.fixed is Fixed.NONE and not a.dateline


def _body_like(info: LineInfo, width: ColumnWidth, settings: TextSettings) -> bool:
    """Long enough to be a paragraph's first or middle line (not a title or label)."""
    return len(info.text) >= settings.min_body_chars and (
        width.width - width.of(info.text)
        <= settings.indent_chars + settings.full_tolerance + width.spread + 1.0)


MIN_MARK_SAMPLES = 3  # sure paragraph starts needed to judge that the dump marks indents
MARKED_SHARE = 0.8  # share of them with an indent mark
UNMARKED_START_COST = 3.0  # log-score lost by an unmarked first line where indents are marked
MARKED_TITLE_COST = 2.0  # log-score lost by a title line carrying the mark there


def marks_indents(
    infos: Sequence[LineInfo], width: ColumnWidth, settings: TextSettings
) -> bool:
    """The run marks first lines (spaces or U+FFFD before them): nearly every sure
    paragraph start (a body line after a line clearly short of the column that ends a
    sentence) carries an indent mark."""
    tol = settings.full_tolerance + width.spread
    starts = marked = 0
    for a, b in zip(infos, infos[1:], strict=False):
        if (_plain_pair(a, b) and _body_like(b, width, settings)
                and patterns.ends_sentence(a.text)
                and width.width - width.of(a.text) >= settings.indent_chars + tol + 1.0):
            starts += 1
            marked += b.indent_marks
    return starts >= MIN_MARK_SAMPLES and marked >= MARKED_SHARE * starts


def blank_weights(
    infos: Sequence[LineInfo], width: ColumnWidth, settings: TextSettings
) -> tuple[float, float]:
    """What a blank line after a line that ends a sentence says about a paragraph break:
    (log-score with a blank after it, log-score without), added to the line's end states.

    The run tells how its dump uses blank lines: ``r`` is the share of sure paragraph
    ends (a line clearly short of the column that ends a sentence, a long line after it)
    followed by a blank line, ``q`` the share of lines inside a paragraph (filling the
    column, not ending a sentence, a line after them) followed by one (a column or block
    break). A dump that sets blanks between paragraphs has r near 1 and q small: a blank
    after a sentence's end is a break and its absence is not; one that sets blanks only at
    column breaks has r near q, and blanks tell nothing. (0, 0) with too few samples.
    """
    tol = settings.full_tolerance + width.spread
    ends = ends_blank = inner = inner_blank = 0
    for a, b in zip(infos, infos[1:], strict=False):
        if not _plain_pair(a, b) or not _body_like(b, width, settings):
            continue
        shortfall = width.width - width.of(a.text)
        if patterns.ends_sentence(a.text):
            if shortfall >= settings.indent_chars + tol + 1.0:
                ends += 1
                ends_blank += a.line.blanks_after > 0
        elif abs(shortfall) <= tol and not a.beside_cap:
            inner += 1
            inner_blank += a.line.blanks_after > 0
    if ends < MIN_BLANK_SAMPLES or inner < MIN_BLANK_SAMPLES:
        return 0.0, 0.0
    r = (ends_blank + 0.5) / (ends + 1.0)
    q = (inner_blank + 0.5) / (inner + 1.0)

    def clip(value: float) -> float:
        return max(-MAX_BLANK_WEIGHT, min(MAX_BLANK_WEIGHT, value))

    return clip(math.log(r / q)), clip(math.log((1.0 - r) / (1.0 - q)))


def cut_before_jumps(infos: Sequence[LineInfo], jump_lines: frozenset[int]) -> set[int]:
    """Indices of the lines a jump marker sending the story on (（下转第2版）, taken out of
    the body) stands right under: the text breaks off there, whatever the line's end."""
    out: set[int] = set()
    if not jump_lines:
        return out
    for i in range(len(infos) - 1):
        above, below = infos[i].line.number, infos[i + 1].line.number
        if any(above < n < below for n in jump_lines):
            out.add(i)
    return out


def label_lines(
    infos: Sequence[LineInfo], width: ColumnWidth, settings: TextSettings,
    marked: bool | None = None, blanks: tuple[float, float] | None = None,
    jump_lines: frozenset[int] = frozenset(),
) -> list[State]:
    """The best state sequence for ``infos`` (Viterbi over the paragraph automaton).

    ``marked``: whether the dump marks first lines with indent marks (:func:`marks_indents`
    of the whole page, which sees more paragraph starts than one article); None judges
    from ``infos``. ``blanks``: the page's :func:`blank_weights`, for a run too short to
    tell by itself how its dump uses blank lines (one extractor sets the whole page).
    ``jump_lines``: page line numbers of jump markers that send the story on (下转), taken
    out of the body: the line right over one ends its paragraph (:func:`cut_before_jumps`)."""
    if not infos:
        return []
    n_states = len(_STATES)
    moves = [[transition(p, s, settings) for s in _STATES] for p in _STATES]
    scores = [
        [e[s] for s in _STATES]
        for e in (
            emission(info, width, settings, infos[i + 1] if i + 1 < len(infos) else None)
            for i, info in enumerate(infos)
        )
    ]
    unmarked_starts: set[int] = set()  # unmarked body lines, costed as paragraph starts
    if marked if marked is not None else marks_indents(infos, width, settings):
        first, single = _STATES.index(State.FIRST), _STATES.index(State.SINGLE)
        title = _STATES.index(State.TITLE)
        for i, info in enumerate(infos):
            if (not info.indent_marks and info.fixed is Fixed.NONE and not info.beside_cap
                    and _body_like(info, width, settings)
                    and i > 0 and infos[i - 1].fixed is Fixed.NONE):
                scores[i][first] -= UNMARKED_START_COST
                scores[i][single] -= UNMARKED_START_COST
                unmarked_starts.add(i)
            elif info.indent_marks and info.fixed is Fixed.NONE:
                scores[i][title] -= MARKED_TITLE_COST  # the mark opens a paragraph
    for i in range(len(infos) - 1):
        if _bare_dateline(infos[i]) and _plain_pair(
                dataclasses.replace(infos[i], dateline=False), infos[i + 1]) and not (
                infos[i + 1].indent_marks or infos[i].line.blanks_after):
            for k in _ENDED:  # the text after a dateline alone on its line is its paragraph's
                scores[i][k] -= DATELINE_RUN_ON
    middle = _STATES.index(State.MIDDLE)
    for i in cut_before_jumps(infos, jump_lines):
        if infos[i].fixed is Fixed.NONE:
            end = _end_score(infos[i])  # as for a line ending with its marker (转第11版)
            row = scores[i]
            for k in _ENDED:
                row[k] -= end
            for k in (_STATES.index(State.FIRST), middle, _STATES.index(State.TITLE)):
                row[k] = NEG
    for i in range(1, len(infos) - 1):
        if _fragment_between(infos[i - 1], infos[i], infos[i + 1], width, settings):
            scores[i][middle] = max(scores[i][middle], -FRAGMENT_COST)
    with_blank, without_blank = blank_weights(infos, width, settings)
    if not (with_blank or without_blank) and blanks is not None:
        with_blank, without_blank = blanks
    if with_blank or without_blank:
        for i in range(len(infos) - 1):
            if not _plain_pair(infos[i], infos[i + 1]) or not patterns.ends_sentence(
                    infos[i].text):
                continue
            if i + 1 in unmarked_starts and width.width - width.of(infos[i].text) <= (
                    settings.full_tolerance + width.spread):
                continue  # a full line, then an unmarked one, where first lines are marked
            cue = with_blank if infos[i].line.blanks_after > 0 else without_blank
            for k in _ENDED:
                scores[i][k] += cue
    best = [transition(None, s, settings) + scores[0][k] for k, s in enumerate(_STATES)]
    back: list[list[int]] = []
    for i in range(1, len(infos)):
        step = [0.0] * n_states
        pointers = [0] * n_states
        row = scores[i]
        opens_article = infos[i].dateline or infos[i].fixed is Fixed.BYLINE
        for k in range(n_states):
            top_value, top_prev = NEG * 10, 0
            for p in range(n_states):
                value = best[p] + moves[p][k]
                if opens_article and p in _ENDED:
                    value -= settings.article_open_cost  # bylines/datelines follow titles
                if value > top_value:
                    top_value, top_prev = value, p
            step[k] = top_value + row[k]
            pointers[k] = top_prev
        best = step
        back.append(pointers)
    ends = [best[k] + transition(s, None, settings) for k, s in enumerate(_STATES)]
    state = max(range(n_states), key=ends.__getitem__)
    path = [state]
    for pointers in reversed(back):
        state = pointers[state]
        path.append(state)
    path.reverse()
    states = _unpunctuated_to_titles(infos, [_STATES[k] for k in path])
    return _dangling_heads(infos, _sentence_run_ons(infos, states, width, settings))


_SENTENCE_MARKS = frozenset("，。、；！？…,;!?")
MAX_TITLE_PARAGRAPH_LINES = 3
MAX_WRAPPED_HEAD_LINES = 2  # lines of a headline part over the rest of its group


def _heads_article(infos: Sequence[LineInfo], states: Sequence[State], start: int) -> bool:
    """The title lines from ``start`` on hold a column tag alone on a line (（人民时评）), or
    a byline or dateline follows them: they are a headline group's."""
    k = start
    while k < len(states) and states[k] is State.TITLE:
        text = infos[k].text
        if text.startswith("（") and text.endswith("）"):
            return True
        k += 1
    return k < len(states) and (states[k] is State.BYLINE or infos[k].dateline)


def _unpunctuated_to_titles(infos: Sequence[LineInfo], states: list[State]) -> list[State]:
    """Short "paragraphs" that read as titles become title lines.

    Body paragraphs are sentences; a run of one to three lines holding no ，。、；！？…
    at all (quotes, brackets and dashes aside) is a title or label set on its own
    lines — e.g. a headline that happens to fill a column, over a paragraph. So is
    such a run that ends without ending a sentence right above a headline group's
    title lines (ones that hold a column tag, or lead to a byline or dateline): a
    headline wrapped after its comma (“内外贸同样重要， / 两条腿走路更稳妥”).
    """
    i = 0
    while i < len(states):
        if states[i] not in (State.FIRST, State.SINGLE):
            i += 1
            continue
        j = i
        while states[j] not in (State.LAST, State.SINGLE) and j + 1 < len(states):
            j += 1
        lines = infos[i:j + 1]
        plain = not any(
            x.dateline or x.fixed is not Fixed.NONE or x.line.replacement_indent for x in lines
        ) and not lines[0].indent_marks and not (  # an indented first line opens a paragraph
            CONTRIBUTOR_NOTE.match(lines[0].text))
        unpunctuated = not any(_SENTENCE_MARKS.intersection(x.text) for x in lines)
        last = lines[-1].text
        heads_article = (
            j - i < MAX_WRAPPED_HEAD_LINES
            and not patterns.ends_sentence(last)
            and last.rstrip(patterns.CLOSERS)[-1:] not in "：:；;"  # a colon leads on to text
            and _heads_article(infos, states, j + 1)
        )
        if j - i < MAX_TITLE_PARAGRAPH_LINES and plain and (unpunctuated or heads_article):
            states[i:j + 1] = [State.TITLE] * (j + 1 - i)
        i = j + 1
    return states


def _sentence_run_ons(
    infos: Sequence[LineInfo], states: list[State], width: ColumnWidth, settings: TextSettings,
) -> list[State]:
    """A lone title line right under a paragraph's line that (about) fills the column (or
    a fragment after one) and leaves its sentence open, with no blank line between, over
    an indented paragraph start, is that paragraph's last line (“十四五”时期，…跨省住 /
    院直接结算率达到90%左右): a sentence does not break into a title. A headline is set
    apart: after a blank line (a column break), a sentence's end or a short line, or
    over a byline or dateline; those stay titles."""
    tol = settings.full_tolerance + width.spread
    for j in range(1, len(states) - 1):
        above, line, below = infos[j - 1], infos[j], infos[j + 1]
        if (states[j] is not State.TITLE or states[j - 1] in (State.TITLE, State.BYLINE)
                or states[j + 1] not in (State.FIRST, State.SINGLE)):
            continue
        full_above = _body_like(above, width, settings) or (
            len(above.text) <= FRAGMENT_CHARS and j >= 2
            and states[j - 2] in _PARAGRAPH_OPEN and _body_like(infos[j - 2], width, settings))
        if (full_above and _plain_pair(above, line) and not above.doubled
                and not patterns.ends_sentence(above.text)
                and above.text.rstrip(patterns.CLOSERS)[-1:] not in "：:"
                and above.line.blanks_after == 0 and line.line.blanks_before == 0
                and len(line.text) > FRAGMENT_CHARS
                and not (line.doubled or line.han_gap or line.subtitle_dash
                         or line.indent_marks or line.single_space_indent)
                and width.of(line.text) <= width.width + tol
                and below.indent_marks and below.fixed is Fixed.NONE and not below.dateline):
            states[j - 1] = State.MIDDLE if states[j - 1] is State.LAST else (
                State.FIRST if states[j - 1] is State.SINGLE else states[j - 1])
            states[j] = State.LAST
    return states


def _dangling_heads(infos: Sequence[LineInfo], states: list[State]) -> list[State]:
    """A paragraph's last line that leaves its sentence open, after a line that ends one,
    right above a headline group (:func:`_heads_article`), is the headline's first part:
    no body paragraph ends in mid-sentence just before the next article's byline."""
    for j in range(1, len(states) - 1):
        if states[j] is not State.LAST or states[j - 1] not in _PARAGRAPH_OPEN:
            continue
        line = infos[j]
        if (line.fixed is not Fixed.NONE or line.dateline or line.line.replacement_indent
                or patterns.ends_sentence(line.text) or line.text[-1:] in "：:；;"
                or not patterns.ends_sentence(infos[j - 1].text)
                or not _heads_article(infos, states, j + 1)):
            continue
        states[j - 1] = State.LAST if states[j - 1] is State.MIDDLE else State.SINGLE
        states[j] = State.TITLE
    return states
