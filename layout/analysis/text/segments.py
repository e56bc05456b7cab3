"""A page's body lines -> article segments with paragraph states.

Takes the body lines of a page (:class:`LineInfo`, captions and furniture taken
out), the settings and the line numbers of jump markers; :func:`segment_articles`
returns (lines, states, headed) per article: paragraph states by Viterbi with a
page-wide column width, article segments (:mod:`layout.analysis.text.starts`),
then states again per article with its own width, an article found with a mixed
width split again (up to MAX_RESPLITS). Also decides whether the dump indents
paragraph starts at all (:func:`indented_starts`), keeps sign-offs (——编者) with
the text they sign (:func:`sign_offs`) and makes titles of title lines the paragraph
states took for text: labels over a title line (:func:`label_kickers`), lines set
apart over a marked dateline opening (:func:`titles_over_datelines`) or over a byline
heading marked text (:func:`titles_over_bylines`), lines run on past a jump marker
(:func:`titles_after_jumps`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from layout.analysis import patterns
from layout.analysis.text.lines import ColumnWidth, Fixed, LineInfo, estimate_width
from layout.analysis.text.paragraphs import (
    CONTRIBUTOR_NOTE,
    SIGN_OFF,
    State,
    blank_weights,
    label_lines,
    marks_indents,
)
from layout.analysis.text.starts import Segment, header_runs, split_segments
from layout.clean import is_cjk_punct
from layout.settings import Settings

MAX_RESPLITS = 2  # how often an article found with a mixed width is split again


def _fallback_width(infos: Sequence[LineInfo]) -> ColumnWidth:
    longest = max((len(x.text) for x in infos), default=10)
    return ColumnWidth("chars", float(longest), 0.0)


def segment_articles(
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
    states = titles_after_jumps(body, titles_over_bylines(body, titles_over_datelines(
        body, label_kickers(body, titles_wrapped_at_commas(
            body, sign_offs(body, label_lines(body, page_width, settings.text, marked,
                                              jump_lines=jump_lines)), page_width,
            settings), settings, marked))),
        jump_lines)
    # where first lines are not indented, blank lines are the one cue to a break after a
    # sentence's end: an article too short to weigh them takes the page's weights
    blanks = blank_weights(body, page_width, settings.text) if not (
        settings.text.indent_chars) else None
    return _split_after_notes(_hand_on_trailing_titles(
        _split(list(body), states, page_width, settings, 0, jump_lines, marked, blanks)))


def _split_after_notes(
    articles: list[tuple[list[LineInfo], list[State], bool]],
) -> list[tuple[list[LineInfo], list[State], bool]]:
    """A note on who helped write a story (（本报记者靳博参与采写）) is its last paragraph:
    the text after it is another story, headed or not."""
    out: list[tuple[list[LineInfo], list[State], bool]] = []
    for lines, states, headed in articles:
        while cut := _after_note(lines, states):
            out.append((lines[:cut], states[:cut], headed))
            lines, states = lines[cut:], states[cut:]
            headed = states[0] in (State.TITLE, State.BYLINE)
        out.append((lines, states, headed))
    return out


def _after_note(lines: Sequence[LineInfo], states: Sequence[State]) -> int:
    """The index of the line after the first contributor note with text after it, else 0."""
    return next((k + 1 for k in range(len(lines) - 1)
                 if states[k] is State.SINGLE and CONTRIBUTOR_NOTE.match(lines[k].text)), 0)


def sign_offs(lines: Sequence[LineInfo], states: list[State]) -> list[State]:
    """A sign-off line (——编者) right under the text it signs, indented or with no blank
    line between, is a paragraph of its own there, not a title over the next story."""
    out = list(states)
    for k in range(1, len(lines)):
        info = lines[k]
        if (out[k] is State.TITLE and out[k - 1] not in (State.TITLE, State.BYLINE)
                and SIGN_OFF.match(info.text)
                and (info.indent_marks or info.line.blanks_before == 0)):
            out[k] = State.SINGLE
    return out


def titles_wrapped_at_commas(lines: Sequence[LineInfo], states: list[State],
                             width: ColumnWidth, settings: Settings) -> list[State]:
    """A line the paragraph states read as a paragraph of its own that ends on a comma
    (a paragraph ends on a sentence's end, never a clause's), set apart above or right
    under a title line (an extractor that writes no blank lines inside a block), right
    over a title line with no blank line between, clearly short of the column, with no
    indent mark: a headline's first part, wrapped after its comma (新春走基层 / / 久久为功，
    / “APEC蓝” / 成为“北京蓝”), made a title line as the rest of it."""
    out = list(states)
    tol = settings.text.full_tolerance + width.spread
    for k in range(len(lines) - 2, -1, -1):
        info = lines[k]
        if (out[k] is State.SINGLE and out[k + 1] is State.TITLE
                and info.text.rstrip()[-1:] in "，、,"
                and (k == 0 or info.line.blanks_before > 0 or out[k - 1] is State.TITLE)
                and info.line.blanks_after == 0
                and info.fixed is Fixed.NONE and not info.indent_marks and not info.dateline
                and width.width - width.of(info.text) > tol + 1.0):
            out[k] = State.TITLE
    return out


def label_kickers(lines: Sequence[LineInfo], states: list[State], settings: Settings,
                  marked: bool = False) -> list[State]:
    """Title lines the paragraph states took for text, right over a title line, made titles.

    A short label set apart by blank lines (no punctuation, no indent: 百姓故事) over a
    title line is a kicker over it, not the last line of a paragraph above it (a story
    cut off mid-sentence where its frame ends leaves one open). Set apart above only, it
    is a kicker too when the title lines under it head a byline (… / / 民生观察 / “要守牢
    实体经济这个根基” / / 本报记者 …): a label stacked right on its headline, which no
    paragraph's last line with a blank line over it is. Where the page marks
    first lines (``marked``), up to LEAD_IN_LINES unmarked lines with no punctuation but
    a closing colon, set apart by a blank line under a sentence's end, that lead into a
    title line (集成电路是信息产业发展的基础 / / 南京浦口经济开发区： / 探索集成电路国产化路径)
    are titles too: no paragraph starts there unmarked."""
    out = list(states)
    for k in range(1, len(lines)):
        if out[k] is not State.TITLE or out[k - 1] in (State.TITLE, State.BYLINE):
            continue
        top = None
        for j in range(k - 1, max(-1, k - 1 - LEAD_IN_LINES), -1):
            info = lines[j]
            stacked = j == k - 1 and _heads_byline(out, k)
            if not _lead_in(info, settings) or out[j] is State.BYLINE or not (
                    info.line.blanks_after > 0 or info.text.endswith(("：", ":"))
                    or stacked):
                break
            apart = j == 0 or info.line.blanks_before > 0
            label = (j == k - 1 and apart and (info.line.blanks_after > 0 or stacked)
                     and len(info.text) <= settings.text.label_chars
                     and out[j] in (State.LAST, State.SINGLE))
            if label or (marked and apart and (
                    j == 0 or patterns.ends_sentence(lines[j - 1].text))):
                top = j
        if top is not None:
            out[top:k] = [State.TITLE] * (k - top)
    return out


LEAD_IN_LINES = 2  # title lines over a title line the paragraph states may have taken


def _heads_byline(states: Sequence[State], k: int) -> bool:
    """The title lines from ``k`` on (up to TITLE_GROUP_LINES) run into a byline."""
    for state in states[k:k + TITLE_GROUP_LINES + 1]:
        if state is not State.TITLE:
            return state is State.BYLINE
    return False


TITLE_GROUP_LINES = 6  # lines a headline group over a dateline may hold (kicker, a headline
# of three lines, a subtitle of two)


def titles_over_datelines(lines: Sequence[LineInfo], states: list[State]) -> list[State]:
    """The lines set apart right over a paragraph opening with a dateline (本报讯（…）,
    …电) that carries an indent mark, none of them marked or ending a sentence, under a
    sentence's end and a blank line, that the paragraph states read as an unmarked
    paragraph: a headline group (哲学思辨的逻辑是美 / / 要学“对不对”… / （中国道路… /
    …担当） / / 　　本报讯（记者…). A dateline opens an article's text, and where its
    paragraph is marked as begun, a paragraph would be marked too."""
    out = list(states)
    for k, info in enumerate(lines):
        if k == 0 or not info.dateline or not info.indent_marks or (
                info.line.blanks_before == 0 or out[k] not in (State.FIRST, State.SINGLE)):
            continue
        top = None
        for j in range(k - 1, max(-1, k - 1 - TITLE_GROUP_LINES), -1):
            x = lines[j]
            if (x.fixed is not Fixed.NONE or x.indent_marks or out[j] in (State.TITLE,
                                                                          State.BYLINE)
                    or patterns.ends_sentence(x.text) and x.text.endswith("。")):
                break
            if x.line.blanks_before > 0 and (j == 0 or out[j - 1] in (State.LAST, State.SINGLE)
                                             and patterns.ends_sentence(lines[j - 1].text)):
                top = j
        if top is not None and out[top] in (State.FIRST, State.SINGLE):
            out[top:k] = [State.TITLE] * (k - top)
    return out


def titles_over_bylines(lines: Sequence[LineInfo], states: list[State]) -> list[State]:
    """The lines set apart right over a byline set apart (本报记者 钱华新) that a marked
    paragraph opening follows, none of them marked or ending a sentence, under a
    sentence's end and a blank line, that the paragraph states ran on from the text above:
    a headline group (…同比增长48.3%。 / / “守护好前人留给 / 我们的宝贵财富” / / 本报记者
    钱华新 / / 　　2022年…). A byline heads a story's text; it never sits inside a
    paragraph, so the text above it ended at the sentence before the lines set apart."""
    out = list(states)
    for k in range(1, len(lines) - 1):
        info, after = lines[k], lines[k + 1]
        if out[k] is not State.BYLINE or info.line.blanks_before == 0 or not (
                after.indent_marks and out[k + 1] in (State.FIRST, State.SINGLE)):
            continue
        top = None
        for j in range(k - 1, max(0, k - 1 - TITLE_GROUP_LINES), -1):
            x = lines[j]
            if (x.fixed is not Fixed.NONE or x.indent_marks
                    or out[j] not in (State.MIDDLE, State.LAST)
                    or patterns.ends_sentence(x.text) and x.text.endswith("。")):
                break
            above = lines[j - 1]
            if x.line.blanks_before > 0 and out[j - 1] in (State.FIRST, State.MIDDLE) and (
                    patterns.ends_sentence(above.text)):
                top = j
                break
        if top is not None:
            out[top:k] = [State.TITLE] * (k - top)
            out[top - 1] = {State.FIRST: State.SINGLE, State.MIDDLE: State.LAST}[out[top - 1]]
    return out


def _lead_in(info: LineInfo, settings: Settings) -> bool:
    """A line that may be a title: no role, no indent mark, no punctuation but a closing
    colon, not longer than a title line."""
    text = info.text.rstrip("：:")
    return (info.fixed is Fixed.NONE and not info.indent_marks and bool(text)
            and len(info.text) <= settings.text.max_title_chars
            and not any(is_cjk_punct(c) or not c.isalnum() for c in text))


NO_INDENT_SAMPLES = 4  # paragraph starts needed to judge that a dump has no indents
_INDENT_CHARS = " \t\u3000\ufffd"
FEW_NO_INDENT_SAMPLES = 2  # fewer will do when no line carries an indent mark
NO_INDENT_SHARE = 0.8  # share of them set full width, with no indent marks


def titles_after_jumps(lines: Sequence[LineInfo], states: list[State],
                       jump_lines: frozenset[int]) -> list[State]:
    """The text before a marker sending the reader on (（下转第9版）) ends there: lines the
    paragraph states ran on past it, up to TITLE_GROUP_LINES unmarked lines set apart by a
    blank line over a title or byline line, are the headline group of the story after it
    (…欢迎宴会上强调 / （下转第9版） / / 中国人保五年来累计赔付支出超 / 1.7万亿元… / / ——…),
    and the paragraph before it ends with the marker."""
    out = list(states)
    for k in range(1, len(lines)):
        above, info = lines[k - 1].line.number, lines[k].line.number
        if out[k] not in (State.MIDDLE, State.LAST) or not (
                above in jump_lines or any(above < m < info for m in jump_lines)):
            continue
        end = k
        while end < len(lines) and end - k < TITLE_GROUP_LINES and (
                lines[end].fixed is Fixed.NONE and not lines[end].indent_marks
                and out[end] in (State.MIDDLE, State.LAST)
                and not patterns.ends_sentence(lines[end].text)):
            end += 1
        if end == k or end >= len(lines) or out[end] not in (State.TITLE, State.BYLINE) or (
                lines[end].line.blanks_before == 0):
            continue
        out[k:end] = [State.TITLE] * (end - k)
        out[k - 1] = {State.FIRST: State.SINGLE, State.MIDDLE: State.LAST}.get(
            out[k - 1], out[k - 1])
    return out


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
    """Title lines that end an article (nothing follows them) head the next article; an
    article of title lines alone over one opening with a —— subtitle is that subtitle's
    headline (久久为功，“APEC蓝”… / / ——总书记的关切·落地的回响: a —— line continues the
    headline group over it), so the two are one."""
    merged: list[tuple[list[LineInfo], list[State], bool]] = []
    for article in articles:
        if merged and _headline_over_subtitle(merged[-1], article):
            lines, states, _ = merged[-1]
            merged[-1] = (lines + article[0], states + article[1], True)
        else:
            merged.append(article)
    articles = merged
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


def _headline_over_subtitle(
    above: tuple[list[LineInfo], list[State], bool],
    below: tuple[list[LineInfo], list[State], bool],
) -> bool:
    """``above`` holds title lines only, none a —— subtitle, and ``below`` opens with a
    —— subtitle line: one headline group cut in two."""
    lines, states, _ = above
    return (bool(lines) and all(s is State.TITLE for s in states)
            and not any(x.subtitle_dash for x in lines)
            and bool(below[0]) and below[1][0] is State.TITLE and below[0][0].subtitle_dash)


def _split(
    lines: list[LineInfo], states: list[State], width: ColumnWidth, settings: Settings,
    depth: int, jump_lines: frozenset[int], marked: bool,
    blanks: tuple[float, float] | None = None,
) -> list[tuple[list[LineInfo], list[State], bool]]:
    out: list[tuple[list[LineInfo], list[State], bool]] = []
    for seg in split_segments(lines, states, width, settings.text, jump_lines):
        seg_lines, seg_states, headed = _relabel(
            lines, states, seg, width.measure, settings, marked, blanks, jump_lines)
        if depth < MAX_RESPLITS:
            sub_width = estimate_width(
                [x.text for x in seg_lines], settings, width.measure) or width
            if len(split_segments(
                    seg_lines, seg_states, sub_width, settings.text, jump_lines)) > 1:
                out.extend(_split(
                    seg_lines, seg_states, sub_width, settings, depth + 1, jump_lines, marked,
                    blanks))
                continue
        out.append((seg_lines, seg_states, headed))
    return out


def _relabel(
    lines: Sequence[LineInfo], states: Sequence[State], seg: Segment, measure: str,
    settings: Settings, marked: bool, blanks: tuple[float, float] | None = None,
    jump_lines: frozenset[int] = frozenset(),
) -> tuple[list[LineInfo], list[State], bool]:
    """A segment's lines relabelled with its own column width (and the page's blank-line
    weights where the segment is too short to weigh them); its header run is kept."""
    seg_lines = list(lines[seg.start:seg.end])
    seg_states = [State.TITLE] * seg.lead + list(states[seg.start + seg.lead:seg.end])
    runs = header_runs(seg_states)
    header = runs[0][1] if runs and runs[0][0] == 0 else 0
    rest = seg_lines[header:]
    width = estimate_width([x.text for x in rest], settings, measure)
    if width is None:
        return seg_lines, seg_states, header > 0
    relabelled = titles_over_datelines(rest, label_kickers(
        rest, titles_wrapped_at_commas(rest, sign_offs(rest, label_lines(
            rest, width, settings.text, marked, blanks, jump_lines)), width, settings),
        settings, marked))
    return seg_lines, seg_states[:header] + relabelled, header > 0
