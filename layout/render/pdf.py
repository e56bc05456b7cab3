"""Render issues to a PDF: page templates, story, outline, table of contents, metadata.

Takes a sequence of :class:`layout.model.Issue`, a binary stream, :class:`RenderOptions` and
:class:`Settings`; writes one PDF to the stream (returns None). Pages have 1 or 2 columns, a
running header (paper title, date, edition and section of the page being read) and a page
number; the outline lists each page (版) and its articles; a clickable table of contents opens
the document when it holds more than one article (one build: its page numbers are form
XObjects defined once the body is laid out). Document info: title, author (the paper),
subject, keywords, creation date; catalog /Lang zh-CN. Fonts come from
:func:`layout.render.fonts.load_font_set` and are embedded as subsets.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

from reportlab import rl_config
from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate
from reportlab.platypus.flowables import Flowable, Spacer

from layout.memory import heap_frozen, release_free_memory, return_free_heap
from layout.model import Issue
from layout.render.canvas import CompactCanvas
from layout.render.draw import draw_lines
from layout.render.flowables import Deferred, TocNumbers
from layout.render.fonts import FontSet, load_font_set
from layout.render.glyphs import Measure
from layout.render.options import MM, RenderOptions
from layout.render.prefill import LineFeed, line_feed
from layout.render.story import StoryBuilder, paper_name
from layout.render.styles import Theme, theme_for
from layout.render.typeset import typeset
from layout.settings import Settings

log = logging.getLogger("layout.render")

# binary streams: ASCII85 makes every stream (photos, font subsets, pages) a quarter larger
# and costs seconds per issue in ReportLab's pure-Python encoder
rl_config.useA85 = 0


@dataclass(frozen=True)
class Geometry:
    """Page size, margins, column width and the gap between columns (points).

    With ``vertical`` the text frame is turned 90° clockwise (:class:`TurnedFrame`): its
    width runs down the page (a column's length is ``column_width``, a tier of 段 each) and
    its height across it, right to left.
    """

    page_width: float
    page_height: float
    margin: float
    column_width: float
    column_gap: float
    vertical: bool = False
    columns: int = 1  # side by side, or tiers (段) one above the other when vertical

    @property
    def inner_width(self) -> float:
        """The page's width inside the margins (the running header's)."""
        return self.page_width - 2 * self.margin

    @property
    def inner_height(self) -> float:
        return self.page_height - 2 * self.margin

    @property
    def frame_width(self) -> float:
        """Along the lines: across the page, or down it when vertical."""
        return self.inner_height if self.vertical else self.inner_width

    @property
    def frame_height(self) -> float:
        """Across the lines: down the page, or across it when vertical."""
        return self.inner_width if self.vertical else self.inner_height


def page_geometry(options: RenderOptions, settings: Settings) -> Geometry:
    width, height = options.page_size_pt
    margin = settings.render.margin_mm * MM
    gap = settings.render.column_gap_mm * MM
    vertical = settings.render.writing_mode == "vertical"
    along = (height if vertical else width) - 2 * margin
    columns = options.columns
    if columns is None:  # as the page allows: tiers when a column would be too long to read
        body = theme_for(options.theme).body.size
        columns = 2 if vertical and along / body > settings.render.vertical_tier_em else 1
    column_width = (along - gap * (columns - 1)) / columns
    return Geometry(width, height, margin, column_width, gap, vertical, columns)


class TurnedFrame(Frame):
    """A frame laid out as usual and drawn turned 90° clockwise about the page: its lines run
    down the page and follow each other leftwards (vertical pages; coordinates as a frame on
    a page ``page_height`` wide and ``page_width`` high)."""

    def __init__(self, page_height: float, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.page_height = page_height

    def _add(self, flowable, canv, trySplit=0):  # noqa: N803 - ReportLab's signature
        canv.saveState()
        canv.transform(0, -1, 1, 0, 0, self.page_height)  # frame (u, v) → page (v, H − u)
        try:
            return super()._add(flowable, canv, trySplit)
        finally:
            canv.restoreState()

    add = _add  # Frame binds ``add`` to its own ``_add``


class _Document(BaseDocTemplate):
    """Doc template that draws the running header and footer when a page ends."""

    def __init__(self, stream, geometry: Geometry, theme: Theme, fonts: FontSet, **info):
        super().__init__(stream, pagesize=(geometry.page_width, geometry.page_height),
                         leftMargin=geometry.margin, rightMargin=geometry.margin,
                         topMargin=geometry.margin, bottomMargin=geometry.margin,
                         initialFontName=fonts.ensure(fonts.body),  # no unembedded Helvetica
                         **info)
        self.geometry, self.theme, self.fonts = geometry, theme, fonts
        self.page_first: tuple[str, str] | None = None
        self.toc_numbers: TocNumbers | None = None
        self.anchor_pages: dict[str, int] = {}
        self.current: tuple[str, str] | None = None
        self.feed: LineFeed | None = None  # text typeset ahead by other processes
        self.header_lines: dict[tuple, list] = {}
        # one frame across the page: two-column articles lay out their own columns
        padding = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
        if geometry.vertical:
            frame = TurnedFrame(geometry.page_height, geometry.margin, geometry.margin,
                                geometry.frame_width, geometry.frame_height, id="page",
                                **padding)
        else:
            frame = Frame(geometry.margin, geometry.margin, geometry.frame_width,
                          geometry.frame_height, id="page", **padding)
        self.addPageTemplates([PageTemplate("body", [frame], onPageEnd=self._furniture)])

    def build(self, flowables: list[Flowable]) -> None:
        super().build(flowables, canvasmaker=CompactCanvas)  # pages kept compressed

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        if self.feed is not None:
            self.feed.take()  # lines typeset meanwhile, before the next flowable is wrapped
        while flowables and isinstance(flowables[0], Deferred):
            flowables[0:1] = flowables[0].unfold()
        if flowables:
            super().handle_flowable(flowables)

    def _endBuild(self) -> None:  # noqa: N802 - ReportLab's hook
        """After the last page, give the table of contents its page numbers, then save."""
        self._doSave = 0
        super()._endBuild()
        if self.toc_numbers is not None:
            self.toc_numbers.define(self.canv, self.anchor_pages)
        release_free_memory()  # saving builds the whole file in memory
        self.canv.save()

    def set_header(self, left: str, right: str) -> None:
        self.current = (left, right)
        if self.page_first is None:
            self.page_first = self.current

    def _header_line(self, text: str, measure: Measure, width: float) -> list:
        """The first line ``typeset`` gives ``text`` at ``width``, typeset once per
        document (the running header repeats on every page of a section)."""
        key = (text, measure.font, measure.size, width, measure.han_latin_gap_em,
               measure.compression_em)
        if key not in self.header_lines:
            self.header_lines[key] = typeset(text, measure, width, justify=False)[:1]
        return self.header_lines[key]

    def _furniture(self, canvas, doc) -> None:
        header = self.page_first or self.current
        self.page_first = None
        geometry, theme = self.geometry, self.theme
        inner = geometry.inner_width
        style = theme["header"]
        measure = Measure(self.fonts, getattr(self.fonts, style.face), style.size)
        canvas.saveState()
        if header is not None:
            top = geometry.page_height - geometry.margin + style.line_height + 6
            left, right = header
            # date and page label first; the paper's name gets what is left (one line each)
            right_lines = self._header_line(right, measure, inner) if right else []
            right_width = right_lines[0].width if right_lines else 0.0
            room = inner - right_width - 2 * style.size
            if left and room > 4 * style.size:
                left_lines = self._header_line(left, measure, room)
                draw_lines(canvas, left_lines, geometry.margin, top, style.size,
                           style.line_height, style.size)
            if right_lines:
                draw_lines(canvas, right_lines, geometry.margin + inner - right_width,
                           top, style.size, style.line_height, style.size)
            rule_y = top - style.line_height - 2
            canvas.setLineWidth(theme.header_rule)
            canvas.line(geometry.margin, rule_y, geometry.margin + inner, rule_y)
        footer = theme["footer"]
        canvas.setFont(self.fonts.ensure(getattr(self.fonts, footer.face)), footer.size)
        canvas.drawCentredString(geometry.page_width / 2, geometry.margin - 2 * footer.size,
                                 str(canvas.getPageNumber()))
        canvas.restoreState()


def _document_info(issues: Sequence[Issue]) -> dict[str, str]:
    dates = [issue.date for issue in issues if issue.date]
    paper = paper_name(issues[0]) if issues else "layout"
    title = " ".join(part for part in (paper, dates[0] if dates else None) if part)
    if len(issues) > 1:
        title += f" ({len(issues)} issues)"
    headlines = [a.headline for issue in issues for a in issue.articles() if a.headline]
    sections = sorted({p.section for issue in issues for p in issue.pages if p.section}
                      | {issue.section for issue in issues if issue.section})
    return {
        "title": title,
        "author": paper,
        "subject": "；".join(headlines[:5]) or title,
        "keywords": ", ".join([paper, *sections, *dates]),
        "creator": "layout",
        "lang": "zh-CN",
    }


def _build(stream, issues: Sequence[Issue], options: RenderOptions, settings: Settings,
           fonts: FontSet, jobs: int = 1) -> dict[str, int]:
    """One layout pass; the page of every anchor (article, page, issue) it placed (with
    ``jobs`` > 1, the text typeset in that many processes first)."""
    geometry = page_geometry(options, settings)
    theme = theme_for(options.theme)
    doc = _Document(stream, geometry, theme, fonts, **_document_info(issues))
    pages = doc.anchor_pages

    def record(key: str, page: int) -> None:
        pages.setdefault(key, page)

    builder = StoryBuilder(theme, fonts, geometry.column_width, geometry.frame_height,
                           doc.set_header, record, settings.render, geometry.columns,
                           geometry.column_gap)
    story: list[Flowable] = []
    if options.table_of_contents and sum(len(i.articles()) for i in issues) > 1:
        # numbers drawn as forms, defined after the body
        doc.toc_numbers = TocNumbers(upright=geometry.vertical)
        story += builder.table_of_contents(issues, doc.toc_numbers)
        story.append(PageBreak())
    for index, issue in enumerate(issues):
        if index:
            story.append(PageBreak())
        story += builder.issue(issue, index, nested=len(issues) > 1)
    if not story:
        story.append(Spacer(1, 1))
    width = doc.pageTemplates[0].frames[0]._getAvailableWidth()
    # blocks are wrapped at the frame's width (on one-column pages)
    with line_feed(story, width, jobs if geometry.columns == 1 else 1, fonts,
                   settings.render.prefill_chunk_blocks) as feed:
        doc.feed = feed
        doc.build(story)
        if feed is not None:
            log.debug("%d of %d text blocks typeset by other processes", feed.received,
                      len(feed.blocks))
    return pages


def _issue_text(issues: Sequence[Issue]) -> str:
    parts: list[str] = []
    for issue in issues:
        for page in issue.pages:
            for article in page.articles:
                parts += [article.kicker or "", article.headline or "", article.subtitle or "",
                          *article.bylines, article.dateline or "", *article.continuations]
                parts += [b.text or "" for b in article.blocks]
                parts += [b.credit or "" for b in article.blocks]
            parts += [b.text or "" for b in page.blocks] + [b.credit or "" for b in page.blocks]
    return "".join(parts)


def preload_fonts(options: RenderOptions) -> None:
    """Parse the four faces of the font set ``options`` name now (a convert that waits for
    its page workers does it then, instead of in the first pages of the build); what is
    written does not change (faces are embedded only where drawn)."""
    fonts = load_font_set(options.font_body, options.font_head, options.system_fonts)
    for name in (fonts.body, fonts.body_bold, fonts.head, fonts.kai):
        fonts.ensure(name)


def render_issues(issues: Sequence[Issue], stream: BinaryIO, options: RenderOptions,
                  settings: Settings, jobs: int = 1, read_here: bool = True) -> None:
    """Write ``issues`` as one re-typeset PDF to ``stream`` (its text typeset in ``jobs``
    processes: the same PDF). ``read_here`` false: the issues were read and analysed in
    other processes (``--jobs``), so there is no garbage of theirs here to collect first
    (a full collection walks every object of the process: tens of ms for nothing)."""
    if read_here:
        release_free_memory()  # what reading and analysing freed, before the fonts load
    else:
        return_free_heap()  # what unpickling the pages' results freed
    fonts = load_font_set(options.font_body, options.font_head, options.system_fonts)
    with heap_frozen():  # the collection before saving walks the build's objects only
        _build(stream, issues, options, settings, fonts, jobs)
    missing = fonts.coverage(_issue_text(issues))  # of this document, not of the process
    if missing:
        log.warning("%d character(s) drawn without a covering font: %s", len(missing),
                    " ".join(sorted(missing.values())))
