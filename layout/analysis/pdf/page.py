"""PDF front end: an e-paper PDF -> :class:`layout.model.Issue`.

Takes a PDF path and settings; returns the issue with one :class:`Page` per PDF
page. Each page goes through the stages one at a time (DESIGN §4): glyphs read
(``layout.ingest.pdfium`` or ``layout.ingest.pdf``, by ``settings.pdf.reader``),
invisible text dropped and fake bold collapsed (``chars``), lines (``lines``), blocks
(``blocks``), furniture set aside (``furniture``), photos tied to captions
(``figures``), heading groups from font statistics (``roles``), articles assembled and
read in order (``articles``, ``reading_order``). Bad, encrypted or non-PDF files raise InputError.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from layout.analysis.pdf.articles import ArticleParts, assign_items, build_article
from layout.analysis.pdf.blocks import TextBlock, lines_to_blocks
from layout.analysis.pdf.chars import clean_glyphs
from layout.analysis.pdf.figures import Figure, attach_captions, crop_figures
from layout.analysis.pdf.furniture import FurnitureBlock, page_metadata, split_furniture
from layout.analysis.pdf.line_geometry import model_lines
from layout.analysis.pdf.lines import glyphs_to_lines
from layout.analysis.pdf.roles import HeadingGroup, body_size, heading_groups
from layout.analysis.reading_order import xy_cut
from layout.ingest.raw import RawPage
from layout.ingest.readers import pdf_reader
from layout.model import BBox, Block, Issue, Page, Role
from layout.settings import DEFAULT_SETTINGS, Settings

log = logging.getLogger("layout.analysis.pdf.page")


@dataclass
class PageAnalysis:
    """Every intermediate result of one page (what ``layout inspect`` draws)."""

    raw: RawPage
    blocks: list[TextBlock]
    furniture: list[FurnitureBlock]
    figures: list[Figure]
    groups: list[HeadingGroup]
    parts: list[ArticleParts]
    body_size: float
    body_font: str


def _body_font(blocks: list[TextBlock], size: float) -> str:
    counts: Counter[str] = Counter()
    for b in blocks:
        if abs(b.size - size) <= 0.6:
            counts[b.font] += b.chars
    return counts.most_common(1)[0][0] if counts else ""


def analyze_raw_page(raw: RawPage, settings: Settings = DEFAULT_SETTINGS) -> PageAnalysis:
    """All geometric stages over one page's glyphs, rules and images."""
    pdf = settings.pdf
    glyphs = clean_glyphs(raw.glyphs,
                          pdf.dedupe_along, pdf.dedupe_across)
    lines = glyphs_to_lines(glyphs, raw.rules, gap_em=pdf.line_gap, latin_gap_em=pdf.latin_gap,
                            max_gap_em=pdf.max_line_gap)
    blocks = lines_to_blocks(lines, raw.rules, max_gap_em=pdf.block_gap)
    content, furniture = split_furniture(blocks, raw.rules, raw.width, raw.height)
    size = body_size(content)
    font = _body_font(content, size)
    groups = heading_groups(content, size, raw.rules, pdf.headline_ratio)
    heading_ids = {id(b) for g in groups for b in g.blocks}
    photos = [im for im in raw.images if im.area < 0.6 * raw.width * raw.height]  # not backdrops
    figures = attach_captions(photos, content, heading_ids, (font, size))
    caption_ids = {id(c) for f in figures for c in f.captions}
    body = [b for b in content if id(b) not in heading_ids and id(b) not in caption_ids]
    parts = assign_items(groups, [*body, *figures], raw.rules, size)
    parts = _in_reading_order(parts)
    return PageAnalysis(raw, blocks, furniture, figures, groups, parts, size, font)


def _in_reading_order(parts: list[ArticleParts]) -> list[ArticleParts]:
    """Articles ordered by an XY-cut over their head (or first item) boxes."""
    anchors: list[BBox] = []
    for p in parts:
        if p.head is not None:
            anchors.append(p.head.bbox)
        else:
            anchors.append(p.bbox)
    untitled = [p for p in parts if p.head is None]
    titled = [p for p in parts if p.head is not None]
    order = xy_cut([a for a, p in zip(anchors, parts, strict=True) if p.head is not None])
    return untitled + [titled[k] for k in order]


def analysis_to_page(analysis: PageAnalysis) -> Page:
    """The model page of one analysed page (figures must already carry their images)."""
    raw = analysis.raw
    articles = tuple(
        build_article(p, f"p{raw.number}-a{k}", analysis.body_font, analysis.body_size)
        for k, p in enumerate(analysis.parts, start=1)
    )
    articles = tuple(a for a in articles if a.headline or a.blocks or a.bylines)
    furniture = tuple(
        Block(Role.FURNITURE, text=f.text, bbox=f.block.bbox, kind=f.kind,
              lines=model_lines(f.block.lines))
        for f in sorted(analysis.furniture, key=lambda f: (f.block.bbox.top, f.block.bbox.x0))
    )
    meta = page_metadata(analysis.furniture)
    return Page(number=raw.number, width=raw.width, height=raw.height, articles=articles,
                furniture=furniture, edition=meta.edition, section=meta.section)


@dataclass(frozen=True)
class PageResult:
    """One analysed page of a PDF and the issue metadata its furniture names."""

    page: Page
    title: str | None
    date: str | None


def analyze_pdf_page(raw: RawPage, path: Path,
                     settings: Settings = DEFAULT_SETTINGS) -> PageResult:
    """One page read from the PDF at ``path``: analysed, its photos cropped."""
    analysis = analyze_raw_page(raw, settings)
    if analysis.figures:
        uris = crop_figures(path, raw.number - 1, [f.bbox for f in analysis.figures],
                            settings.pdf.figure_dpi)
        for fig, uri in zip(analysis.figures, uris, strict=True):
            fig.image = uri
    page = analysis_to_page(analysis)
    meta = page_metadata(analysis.furniture)
    log.debug("page %d: %d articles", raw.number, len(page.articles))
    return PageResult(page, meta.title, meta.date)


def issue_of_pages(path: Path, results: list[PageResult]) -> Issue:
    """The issue of one PDF from its pages' results, in page order."""
    pages = tuple(r.page for r in results)
    title = next((r.title for r in results if r.title), None)
    date = next((r.date for r in results if r.date), None)
    first = pages[0] if pages else None
    return Issue(source=str(path), title=title, date=date,
                 edition=first.edition if first else None,
                 section=first.section if first else None, pages=pages)


def analyze_pdf(path: Path, settings: Settings = DEFAULT_SETTINGS) -> Issue:
    """Every page of the PDF at ``path`` analysed; InputError for bad input."""
    path = Path(path)
    results = [analyze_pdf_page(raw, path, settings)
               for raw in pdf_reader(settings.pdf.reader).read_pdf(path)]
    return issue_of_pages(path, results)


def analyze_one_page(path: Path, number: int,
                     settings: Settings = DEFAULT_SETTINGS) -> tuple[PageAnalysis, Page]:
    """Page ``number`` (from 1) of ``path``: its intermediate analysis and its model page.

    Figures are not cropped (the caller has the page image). InputError when the
    file is bad or has no such page.
    """
    raw = pdf_reader(settings.pdf.reader).read_pdf_page(Path(path), number)
    analysis = analyze_raw_page(raw, settings)
    return analysis, analysis_to_page(analysis)
