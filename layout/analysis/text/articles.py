"""One article from its labelled dump lines: headline group, bylines, paragraphs, subheads.

Takes an article segment's lines (:class:`LineInfo`) with their paragraph states
(:mod:`layout.analysis.text.paragraphs`), its id, the text settings and whether
its first header run is a headline; :func:`build_article` returns a
:class:`layout.model.Article`: the headline group split by
:mod:`layout.analysis.text.titles`, bylines (with the names of a dateline's
credit), paragraph and subhead blocks, the dateline split off the first
paragraph. :func:`join_lines` joins cleaned line texts (a space only between
Latin words).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from layout.analysis import patterns
from layout.analysis.jumps import split_jump_markers
from layout.analysis.text.lines import LineInfo
from layout.analysis.text.paragraphs import State
from layout.analysis.text.starts import HEADER_STATES, section_number
from layout.analysis.text.titles import join_title_lines, split_title_lines
from layout.clean import remove_cjk_spaces
from layout.model import Article, Block, Line, Role
from layout.settings import TextSettings


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


_STAFF_CREDIT = "本报记者"  # the paper's own reporter: a byline, never headline text


def _byline_tail(info: LineInfo) -> tuple[LineInfo, str | None]:
    """(title line, byline) of a title line an extractor ran on into the byline under the
    headline group (——…强国建 / 设本报记者 邱怡刚: the subtitle's wrapped end and the
    byline read as one line). A staff credit (本报记者 …) is never part of a headline, so
    the text from it on, when it reads as a byline, is one; otherwise no byline."""
    at = info.title.find(_STAFF_CREDIT)
    if at <= 0 or not info.title[:at].strip() or not patterns.is_byline(info.title[at:]):
        return info, None
    head = info.title[:at].rstrip()
    cut = info.text.find(_STAFF_CREDIT)
    if cut <= 0:
        return info, None
    return replace(info, title=head, text=info.text[:cut]), info.title[at:].strip()


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
        signed = False  # a byline came under a title line of the group
        while i < len(infos) and states[i] in HEADER_STATES:
            if (states[i] is State.TITLE and titles and signed
                    and not infos[i].subtitle_dash):
                break  # a title under the byline of a headline group opens the text: （一）
                # (a byline over the title lines, such as a stray credit, ends no group)
            if states[i] is State.TITLE and titles and section_number(infos[i].text):
                break  # a numbered section title under the headline opens the text too
            if states[i] is State.BYLINE:
                bylines.append(patterns.format_byline(infos[i].title))
                signed = signed or bool(titles)
            else:
                title, byline = _byline_tail(infos[i])
                titles.append(title)
                if byline:
                    bylines.append(patterns.format_byline(byline))
            i += 1
        kicker, headline, subtitle = split_title_lines(titles, settings)
    paragraph: list[str] = []
    subhead: list[str] = []
    lead_titles: list[str] = []  # the first paragraph's lines with their meant spaces

    continuations: list[str] = []  # jump markers opening or closing a paragraph

    def flush_paragraph() -> None:
        if paragraph:
            text, markers = split_jump_markers(join_lines(paragraph))
            continuations.extend(markers)
            if text:
                blocks.append(Block(Role.PARAGRAPH, text=text,
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
        continuations=tuple(continuations),
    )
