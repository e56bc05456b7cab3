"""PDF front end: an e-paper PDF -> :class:`layout.model.Issue`.

Takes a PDF path and settings; returns the issue with one :class:`Page` per PDF
page. Each page goes through the stages one at a time (DESIGN §4): glyphs read
(``layout.ingest.pdfium`` or ``layout.ingest.pdf``, by ``settings.pdf.reader``),
invisible text dropped and fake bold collapsed (``chars``), presentation forms folded and
vertical lines (直排) set apart (``vertical``; a page with vertical text goes on region by
region in ``vertical_page``), lines (``lines``), blocks
(``blocks``), furniture set aside (``furniture``), photos tied to captions
(``figures``), headlines drawn as outlines (``outlines``), heading groups from font
statistics (``roles``), articles assembled and
read in order (``articles``, ``reading_order``). Bad, encrypted or non-PDF files raise InputError.

Limits (``settings.limits``): a file with more pages than ``max_pages`` is refused
before any work; each page is screened (:mod:`layout.ingest.screen`: glyphs that are
not text or of absurd size are kept out, with a warning naming page and font) and
analysed within ``page_seconds`` (:mod:`layout.budget`, a cooperative deadline): a
page over it is skipped with a warning and named in ``Issue.skipped`` (a partial
result), as is a page the reader gave up for holding more than ``max_page_objects``
objects. Reading a page is outside the budget (its work is bounded by that cap); OCR has
a budget of its own, ``ocr_seconds`` (each model run is cancelled when it runs out): a page
with no usable text layer is OCR'd first (:mod:`layout.analysis.pdf.scan`, by
``settings.ocr.mode``); without the OCR extra such a page fails with one line naming it.
When no page of the file has readable text, the file is bad input.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from layout.analysis.pdf.articles import build_article, title_opening_line
from layout.analysis.pdf.blocks import TextBlock, join_drop_caps, lines_to_blocks
from layout.analysis.pdf.chars import clean_glyphs
from layout.analysis.pdf.figures import (
    Figure,
    attach_captions,
    crop_figures,
    crop_image_figures,
)
from layout.analysis.pdf.furniture import (
    FurnitureBlock,
    page_metadata,
    side_labels,
    split_furniture,
)
from layout.analysis.pdf.line_geometry import model_lines
from layout.analysis.pdf.lines import glyphs_to_lines, rotated_lines
from layout.analysis.pdf.outlines import outline_blocks
from layout.analysis.pdf.ownership import ArticleParts, assign_items
from layout.analysis.pdf.photo_gaps import photo_edges, side_by_side_gaps
from layout.analysis.pdf.roles import HeadingGroup, body_font, body_size, heading_groups
from layout.analysis.pdf.scan import INSTALL_HINT, readable_glyphs, with_ocr
from layout.analysis.pdf.text_line import compound_ends
from layout.analysis.pdf.vertical import plain_glyphs, split_vertical
from layout.analysis.pdf.vertical_page import (
    TurnedArticle,
    analyze_vertical_page,
    vertical_article,
)
from layout.analysis.reading_order import xy_cut
from layout.budget import check_budget, page_budget
from layout.errors import BudgetExceeded, InputError
from layout.ingest.raw import RawPage
from layout.ingest.readers import pdf_reader
from layout.ingest.screen import screen_page
from layout.model import BBox, Block, Issue, OcrRegion, Page, Role
from layout.progress import page_done
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
    parts: list[ArticleParts | TurnedArticle]  # TurnedArticle: vertical text (直排)
    body_size: float
    body_font: str



def analyze_raw_page(raw: RawPage, settings: Settings = DEFAULT_SETTINGS) -> PageAnalysis:
    """All geometric stages over one page's glyphs, rules and images."""
    pdf = settings.pdf
    glyphs = plain_glyphs(clean_glyphs(raw.glyphs, pdf.dedupe_along, pdf.dedupe_across))
    check_budget()
    vertical, rest = split_vertical(glyphs, pdf.vertical_gap, pdf.vertical_tight,
                                    pdf.vertical_margin)
    if sum(len(v.glyphs) for v in vertical) >= pdf.vertical_min_glyphs:
        check_budget()
        va = analyze_vertical_page(raw, vertical, rest, settings)
        order = _in_reading_order([*va.parts, *va.turned], raw.width,
                                  mirrored=va.vertical_share > 0.5)
        return PageAnalysis(raw, va.blocks, va.furniture, va.figures, va.groups, order,
                            va.body_size, va.body_font)
    photos = [im for im in raw.images if im.area < 0.6 * raw.width * raw.height]  # not backdrops
    upright = [g for g in glyphs if g.upright]
    turned = rotated_lines([g for g in glyphs if not g.upright])
    lines = glyphs_to_lines(upright, raw.rules, gap_em=pdf.line_gap,
                            latin_gap_em=pdf.latin_gap, max_gap_em=pdf.max_line_gap,
                            photo_gaps=side_by_side_gaps(photos),
                            photo_edges=photo_edges(photos), photos=photos)
    check_budget()
    blocks = join_drop_caps(lines_to_blocks(lines, raw.rules, max_gap_em=pdf.block_gap))
    check_budget()
    content, furniture = split_furniture(blocks, raw.rules, raw.width, raw.height)
    labels, turned_text = side_labels(turned)
    furniture += labels
    blocks += [f.block for f in labels]
    content += turned_text
    size = body_size(content)
    font = body_font(content, size)
    outlined = outline_blocks(raw.shapes, photos, size, pdf.headline_ratio, raw.rules)
    groups = heading_groups([*content, *outlined], size, raw.rules, pdf.headline_ratio)
    heading_ids = {id(b) for g in groups for b in g.blocks}
    check_budget()
    figures = attach_captions(photos, content, heading_ids, (font, size))
    check_budget()
    caption_ids = {id(c) for f in figures for c in f.captions}
    body = [b for b in content if id(b) not in heading_ids and id(b) not in caption_ids]
    parts = assign_items(groups, [*body, *figures], raw.rules, size)
    order = _in_reading_order(list(parts), raw.width)
    return PageAnalysis(raw, blocks, furniture, figures, groups, order, size, font)


def _titled(part: ArticleParts | TurnedArticle) -> bool:
    if isinstance(part, TurnedArticle):
        return part.page_head is not None or part.parts.head is not None
    return part.head is not None


def _in_reading_order(parts: list[ArticleParts | TurnedArticle], width: float,
                      mirrored: bool = False) -> list[ArticleParts | TurnedArticle]:
    """Articles ordered by an XY-cut over their head (or first item) boxes; ``mirrored``
    (a page mostly of vertical text): right to left, then top to bottom."""
    anchors: list[BBox] = []
    for p in parts:
        if isinstance(p, TurnedArticle):
            box = p.anchor
        else:
            box = p.head.bbox if p.head is not None else p.bbox
        anchors.append(BBox(width - box.x1, box.top, width - box.x0, box.bottom)
                       if mirrored else box)
    untitled = [p for p in parts if not _titled(p)]
    titled = [p for p in parts if _titled(p)]
    order = xy_cut([a for a, p in zip(anchors, parts, strict=True) if _titled(p)])
    return untitled + [titled[k] for k in order]


def analysis_to_page(analysis: PageAnalysis) -> Page:
    """The model page of one analysed page (figures must already carry their images)."""
    raw = analysis.raw
    compounds = compound_ends(ln.text for p in analysis.parts if isinstance(p, ArticleParts)
                              for item in p.items if isinstance(item, TextBlock)
                              for ln in item.lines)
    articles = tuple(
        vertical_article(p, f"p{raw.number}-a{k}", analysis.body_font, analysis.body_size)
        if isinstance(p, TurnedArticle) else
        build_article(p, f"p{raw.number}-a{k}", analysis.body_font, analysis.body_size,
                      compounds)
        for k, p in enumerate(analysis.parts, start=1)
    )
    articles = tuple(a for a in articles if a.headline or a.blocks or a.bylines)
    if articles and not any(a.headline for a in articles):  # a page of plain text
        articles = (title_opening_line(articles[0], analysis.body_size), *articles[1:])
    furniture = tuple(
        Block(Role.FURNITURE, text=f.text, bbox=f.block.bbox, kind=f.kind,
              lines=model_lines(f.block.lines))
        for f in sorted(analysis.furniture, key=lambda f: (f.block.bbox.top, f.block.bbox.x0))
    )
    meta = page_metadata(analysis.furniture)
    return Page(number=raw.number, width=raw.width, height=raw.height, articles=articles,
                furniture=furniture, edition=meta.edition, section=meta.section,
                ocr_confidence=raw.ocr_confidence,
                ocr_regions=tuple(OcrRegion(r.bbox, r.text, r.confidence)
                                  for r in raw.ocr_regions))


@dataclass(frozen=True)
class PageResult:
    """One analysed page of a PDF and the issue metadata its furniture names.

    ``page`` is None for a page skipped over its time budget or one that needs OCR
    when the OCR extra is missing (``needs_ocr``); ``skipped`` says why. ``readable``
    counts its visible text glyphs, ``unreadable`` the glyphs kept out.
    """

    page: Page | None
    title: str | None
    date: str | None
    readable: int = 0
    unreadable: int = 0
    skipped: str | None = None
    needs_ocr: bool = False


class FigureSource:
    """The PDF opened for cropping photos when the first page needs it, and opened afresh
    every :attr:`PAGES_PER_OPEN` pages: PDFium keeps what it rendered (fonts, images) for
    the document's life, so memory would grow with the pages.

    With the PDFium reader the pages are read through it too (:meth:`read`): the page read
    last stays loaded until the next is read (or the source closes), and its photos are
    rendered from it (:meth:`page`), so each page is loaded once."""

    PAGES_PER_OPEN = 16

    def __init__(self, path: Path, password: str | None = None) -> None:
        self.path = path
        self.password = password
        self.document: object | None = None
        self.uses = 0
        self.kept: tuple[int, Any] | None = None  # (index, the PDFium page read last)

    def read(self, number: int, max_objects: int) -> RawPage:
        """Page ``number`` (from 1) read with PDFium (errors as the PDFium reader raises
        them), left loaded for its photos."""
        from layout.ingest import pdfium as reader

        self._release()
        self._count_use()
        if self.document is None:
            self.document = reader.open_document(self.path, self.password)
        raw, page = reader.load_and_read_page(self.path, self.document,  # type: ignore[arg-type]
                                              number, max_objects)
        self.kept = (number - 1, page)
        return raw

    def page(self, index: int) -> Any | None:
        """Page ``index`` (from 0) as :meth:`read` left it loaded; None if another."""
        return self.kept[1] if self.kept is not None and self.kept[0] == index else None

    def _release(self) -> None:
        if self.kept is not None:
            self.kept[1].close()
            self.kept = None

    def _count_use(self) -> None:
        """One more page through the document; past :attr:`PAGES_PER_OPEN` it is closed,
        to be opened afresh."""
        self.uses += 1
        if self.uses > self.PAGES_PER_OPEN:
            self.close()
            self.uses = 1

    def open(self) -> object | None:
        self._count_use()
        if self.document is None:
            import pypdfium2 as pdfium

            try:
                self.document = pdfium.PdfDocument(str(self.path), password=self.password)
            except Exception as exc:  # pdfium raises its own error type
                log.warning("cannot render %s for figures: %s", self.path, exc)
        return self.document

    def close(self) -> None:
        self._release()
        if self.document is not None:
            self.document.close()  # type: ignore[attr-defined]
            self.document = None


def analyze_pdf_page(raw: RawPage, path: Path, settings: Settings = DEFAULT_SETTINGS,
                     figures: FigureSource | None = None,
                     page_image: Any | None = None) -> PageResult:
    """One page read from the PDF at ``path``: screened, analysed within the page budget,
    its photos cropped (pixels capped; from ``figures``' open document when given, from
    ``page_image`` when the page is an image file's); a page over the budget comes back
    skipped."""
    limits = settings.limits
    if raw.skipped is not None:
        note = f"{path}: page {raw.number}: {raw.skipped}; skipped"
        log.warning("%s", note)
        return PageResult(None, None, None, skipped=note)
    raw = screen_page(raw, limits, path)
    try:
        with page_budget(limits.ocr_seconds, "OCR"):  # when the page needs OCR
            outcome = with_ocr(raw, path, settings)
        if outcome.failure is not None:
            return PageResult(None, None, None, skipped=outcome.failure, needs_ocr=True)
        raw = outcome.raw
        with page_budget(limits.page_seconds):
            analysis = analyze_raw_page(raw, settings)
            if analysis.figures and page_image is not None:
                uris = crop_image_figures(page_image, raw.width, raw.height,
                                          [f.bbox for f in analysis.figures],
                                          settings.pdf.figure_dpi,
                                          max_pixels=limits.max_figure_pixels)
                for fig, uri in zip(analysis.figures, uris, strict=True):
                    fig.image = uri
            elif analysis.figures:
                loaded = figures.page(raw.number - 1) if figures is not None else None
                document = figures.open() if figures is not None and loaded is None else None
                uris = crop_figures(path, raw.number - 1, [f.bbox for f in analysis.figures],
                                    settings.pdf.figure_dpi,
                                    max_pixels=limits.max_figure_pixels, document=document,
                                    password=settings.pdf.password, page=loaded)
                for fig, uri in zip(analysis.figures, uris, strict=True):
                    fig.image = uri
            page = analysis_to_page(analysis)
    except BudgetExceeded as exc:
        note = f"{path}: page {raw.number}: {exc}; skipped"
        log.warning("%s", note)
        return PageResult(None, None, None, skipped=note)
    meta = page_metadata(analysis.furniture)
    log.debug("page %d: %d articles", raw.number, len(page.articles))
    return PageResult(page, meta.title, meta.date, readable_glyphs(raw),
                      sum(u.glyphs for u in raw.unreadable))


def issue_of_pages(path: Path, results: list[PageResult],
                   settings: Settings = DEFAULT_SETTINGS) -> Issue:
    """The issue of one PDF from its pages' results, in page order; InputError when no
    page has readable text or every page ran over its budget."""
    pages = tuple(r.page for r in results if r.page is not None)
    skipped = tuple(r.skipped for r in results if r.skipped)
    if not pages and skipped:
        if all(r.needs_ocr for r in results if r.page is None):
            first = next(r.skipped for r in results if r.skipped)
            problem = first.split(": ", 1)[1] if first.startswith(f"{path}: ") else first
            raise InputError(path, problem if len(skipped) == 1 else
                             f"no page readable without OCR ({len(skipped)} pages); "
                             f"{INSTALL_HINT}")
        problems = [note.removeprefix(f"{path}: ").removesuffix("; skipped")
                    for note in skipped]
        if all("page budget" in problem for problem in problems):
            raise InputError(path, f"every page over the {settings.limits.page_seconds:g} s "
                             "page budget")
        raise InputError(path, problems[0] if len(problems) == 1 else
                         f"every page skipped ({len(problems)}; the first {problems[0]})")
    if not skipped and not any(r.readable for r in results):
        unreadable = sum(r.unreadable for r in results)
        if settings.ocr.mode == "never":
            hint = "OCR is off: --ocr never"
            none = "no text layer on any page (scanned? OCR is off: --ocr never)"
        else:
            hint = "OCR found none either"
            none = "no text on any page (OCR found none either)"
        raise InputError(path, f"no readable text on any page ({unreadable} glyphs not "
                         f"readable as text, see the warnings; {hint})" if unreadable
                         else none)
    title = next((r.title for r in results if r.title), None)
    date = next((r.date for r in results if r.date), None)
    first = pages[0] if pages else None
    return Issue(source=str(path), title=title, date=date,
                 edition=first.edition if first else None,
                 section=first.section if first else None, pages=pages, skipped=skipped)


def check_page_count(path: Path, count: int, settings: Settings) -> None:
    """InputError when a file holds more pages than ``settings.limits.max_pages``."""
    if count > settings.limits.max_pages:
        raise InputError(path, f"{count} pages, over --max-pages {settings.limits.max_pages}")


def analyze_pdf(path: Path, settings: Settings = DEFAULT_SETTINGS) -> Issue:
    """Every page of the PDF at ``path`` analysed; InputError for bad input."""
    path = Path(path)
    reader = pdf_reader(settings.pdf.reader, settings.pdf.password,
                        settings.limits.max_page_objects)
    count = reader.page_count(path)
    check_page_count(path, count, settings)
    figures = FigureSource(path, settings.pdf.password)
    results: list[PageResult] = []
    try:
        raws = reader.read_pdf(path) if reader.name != "pdfium" else (  # loaded once each
            figures.read(n, settings.limits.max_page_objects) for n in range(1, count + 1))
        for raw in raws:
            results.append(analyze_pdf_page(raw, path, settings, figures))
            page_done(path, raw.number, count)
    finally:
        figures.close()
    return issue_of_pages(path, results, settings)


def analyze_one_page(path: Path, number: int,
                     settings: Settings = DEFAULT_SETTINGS) -> tuple[PageAnalysis, Page]:
    """Page ``number`` (from 1) of ``path``: its intermediate analysis and its model page.

    Figures are not cropped (the caller has the page image). InputError when the
    file is bad or has no such page.
    """
    reader = pdf_reader(settings.pdf.reader, settings.pdf.password,
                        settings.limits.max_page_objects)
    raw = reader.read_pdf_page(Path(path), number)
    if raw.skipped is not None:
        raise InputError(path, f"page {number}: {raw.skipped}")
    with page_budget(settings.limits.ocr_seconds, "OCR"):  # when the page needs OCR
        outcome = with_ocr(screen_page(raw, settings.limits, path), Path(path), settings)
    if outcome.failure is not None:
        raise InputError(path, outcome.failure.split(": ", 1)[-1])
    with page_budget(settings.limits.page_seconds):
        analysis = analyze_raw_page(outcome.raw, settings)
        return analysis, analysis_to_page(analysis)
