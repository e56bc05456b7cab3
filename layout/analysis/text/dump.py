"""Text-dump front end: bytes of a page dump -> :class:`layout.model.Issue`.

Takes the bytes of a ``.txt`` dump (see :mod:`layout.ingest.text`), its source
name and the settings; returns an Issue with one Page per form-feed page. Each
page goes through: raw line repairs (:mod:`joins`) -> line features
(:mod:`lines`) -> furniture, captions and jump markers taken out
(:mod:`partition`, :mod:`captions`) -> article segments with paragraph states
(:mod:`segments`, :mod:`starts`, :mod:`paragraphs`) -> articles (:mod:`articles`,
:mod:`titles`). Captions go to the article whose text they share most of, else to
the page's ``blocks``; furniture lines (第N版, 责任编辑：…, dates, paper name) go to
``page.furniture`` and the issue metadata; jump markers (（下转第2版）) to the
article before them as ``continuations``. Every input line lands in exactly one place.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Sequence

from layout.analysis import patterns
from layout.analysis.jumps import ends_with_jump, split_jump_markers
from layout.analysis.text.articles import build_article
from layout.analysis.text.captions import attach_captions
from layout.analysis.text.joins import (
    cap_lines,
    join_broken_datelines,
    join_broken_jumps,
    join_drop_caps,
    join_split_lines,
    join_wrapped_ends,
    mark_beside_caps,
)
from layout.analysis.text.lines import LineInfo, line_info
from layout.analysis.text.partition import partition_lines
from layout.analysis.text.segments import segment_articles
from layout.budget import check_budget, page_budget
from layout.errors import BudgetExceeded, InputError
from layout.ingest.text import DumpPage, TextDecoding, read_dump
from layout.model import Article, Block, FurnitureKind, Issue, Page, Role
from layout.settings import Settings

log = logging.getLogger("layout.analysis.text.dump")


def attach_markers(
    articles: list[Article], last_lines: list[int], markers: Sequence[LineInfo],
    first_lines: Sequence[int] | None = None,
) -> list[Article]:
    """Each jump marker goes to the article whose lines hold it (``first_lines``: each
    article's first line number; a marker between its headline and its text); else one
    sending the reader on (下转第2版) to the article whose text ends last before it (else
    the first), one taking a story up (上接第9版) to the article that starts first after
    it (else the one before it)."""
    extra: dict[int, list[str]] = {}
    firsts = list(first_lines or ())
    for marker in markers:
        at = marker.line.number
        inside = [k for k, first in enumerate(firsts) if first < at < last_lines[k]]
        after = [k for k, first in enumerate(firsts) if first > at]
        if inside or (after and not _jumps_on(marker.title)):
            extra.setdefault((inside or after)[0], []).append(marker.title)
            continue
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


def analyze_page(page: DumpPage, settings: Settings) -> Page:
    """One dump page -> a :class:`Page` (no geometry: width/height stay None)."""
    lines = join_wrapped_ends(join_broken_datelines(join_broken_jumps(
        join_split_lines(page.lines))))
    joined = join_drop_caps(lines)
    infos = mark_beside_caps(
        [line_info(line, settings) for line in joined], cap_lines(lines, joined))
    check_budget()
    parts = partition_lines(infos)
    articles: list[Article] = []
    last_lines: list[int] = []
    first_lines: list[int] = []
    if parts.body:
        jumps = frozenset(
            [m.line.number for m in parts.markers if _jumps_on(m.title)]
            + [x.line.number for x in parts.body if ends_with_jump(x.text)
               and _jumps_on(split_jump_markers(x.text)[1][-1])])
        for lines, states, headed in segment_articles(parts.body, settings, jumps):
            article_id = f"p{page.number}-a{len(articles) + 1}"
            articles.append(build_article(lines, states, article_id, settings.text, headed))
            last_lines.append(lines[-1].line.number)
            first_lines.append(lines[0].line.number)
    if parts.markers and not articles:
        articles.append(Article(id=f"p{page.number}-a1"))
    articles = attach_markers(articles, last_lines, parts.markers, first_lines)
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
