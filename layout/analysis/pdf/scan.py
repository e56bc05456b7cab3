"""Scanned pages: which pages need OCR, OCR'd raw pages, and image files as issues.

Takes a screened :class:`~layout.ingest.raw.RawPage` (or an image file) and settings;
returns the raw page to analyse: as read, or with its glyphs from OCR
(:mod:`layout.ingest.ocr`). ``settings.ocr.mode`` decides per page: ``never``;
``always``; ``auto`` (the default) OCRs a page with no visible text or more of whose
glyphs than ``ocr.unreadable_share`` are unreadable (the screen step's count: no
ToUnicode map, private-use code points; OCR's characters are then set on the PDF's own
boxes of those codes where a line's count matches, :mod:`layout.ingest.ocr.placed`).
Without the OCR extra a page with no readable
text fails with one line ("FILE: page 3: no text layer; install layout[ocr]"); a page
with some readable text keeps it, with a warning.

Image files (PNG, JPEG, TIFF; each frame of a multi-page TIFF a page) are OCR'd page by
page and analysed like PDF pages (:func:`analyze_image`). The OCR modules are imported
only when a page is OCR'd (or an image file read): a run over text-layer pages never
loads them, so every PDF run starts without their import.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from layout.analysis.pdf.outlines import STROKE_EDGE_EM, outline_rows, strokes_of
from layout.errors import InputError
from layout.ingest.raw import RawPage, text_glyphs
from layout.ingest.screen import ABSURD
from layout.model import BBox, Issue
from layout.progress import page_done
from layout.settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    from layout.ingest.ocr.regions import RowInk

log = logging.getLogger("layout.analysis.pdf.scan")

INSTALL_HINT = "install layout[ocr]"


def readable_glyphs(raw: RawPage) -> int:
    """Visible, non-space glyphs: the text a page's text layer gives."""
    return len(text_glyphs(raw.glyphs))


def unreadable_glyphs(raw: RawPage) -> int:
    """Glyphs the screen step kept out as not text (absurd ones are not counted)."""
    return sum(u.glyphs for u in raw.unreadable if u.reason != ABSURD)


def needs_ocr(raw: RawPage, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """Whether this (screened) page's text should come from OCR (see the module doc)."""
    mode = settings.ocr.mode
    if raw.ocr_lines is not None or mode == "never":
        return False
    if mode == "always":
        return True
    readable, unreadable = readable_glyphs(raw), unreadable_glyphs(raw)
    return readable == 0 or unreadable > settings.ocr.unreadable_share * (readable + unreadable)


@dataclass(frozen=True)
class OcrOutcome:
    """The raw page to analyse, or ``failure`` (one line) when the page cannot be read."""

    raw: RawPage
    failure: str | None = None


def _problem(raw: RawPage) -> str:
    return "text unreadable" if unreadable_glyphs(raw) else "no text layer"


def with_ocr(raw: RawPage, path: Path, settings: Settings = DEFAULT_SETTINGS) -> OcrOutcome:
    """``raw`` OCR'd when it needs it (warnings and the failure name file and page)."""
    where = f"{path}: page {raw.number}"
    if not needs_ocr(raw, settings):
        if settings.ocr.mode == "never" and readable_glyphs(raw) == 0:
            log.warning("%s: %s (scanned? OCR is off: --ocr never)", where, _problem(raw))
        if settings.ocr.mode == "auto" and raw.ocr_lines is None and raw.shapes:
            return OcrOutcome(with_outlines_read(raw, path, settings))
        return OcrOutcome(raw)
    from layout.ingest.ocr import OcrUnavailable, ocr_pdf_page
    from layout.ingest.ocr.decode import decoded_page
    from layout.ingest.ocr.placed import placed_on_codes

    try:
        ocr = ocr_pdf_page(path, raw, settings)
        page = decoded_page(ocr, raw) or placed_on_codes(ocr, raw.coded,
                                                         text_glyphs(raw.glyphs))
    except OcrUnavailable:
        if readable_glyphs(raw):
            log.warning("%s: %s in part; %s to read it", where, _problem(raw), INSTALL_HINT)
            return OcrOutcome(raw)
        note = f"{where}: {_problem(raw)}; {INSTALL_HINT}"
        log.warning("%s", note)
        return OcrOutcome(raw, note)
    log.info("%s: OCR: %d lines, mean confidence %.3f", where, len(page.ocr_lines or ()),
             page.ocr_confidence or 0.0)
    return OcrOutcome(page)


def text_size(raw: RawPage) -> float:
    """The most common size of a page's visible glyphs (its body size, as near as the raw
    glyphs tell; 0 without text)."""
    counts: Counter[float] = Counter(round(g.size, 1) for g in text_glyphs(raw.glyphs))
    return counts.most_common(1)[0][0] if counts else 0.0


def with_outlines_read(raw: RawPage, path: Path, settings: Settings = DEFAULT_SETTINGS
                       ) -> RawPage:
    """``raw`` with the headlines drawn as outlines OCR'd: each row of shapes that looks
    like a line of large type (:func:`~layout.analysis.pdf.outlines.outline_rows`) is read
    (:mod:`layout.ingest.ocr.regions`); the characters read enter as glyphs of the row's
    size, the row's shapes leave, and the row is in ``ocr_regions`` with its confidence.
    The page as it is without the OCR extra (one warning) or when no row is read."""
    photos = [im for im in raw.images if im.area < 0.6 * raw.width * raw.height]
    rows = outline_rows(raw.shapes, photos, text_size(raw), settings.pdf.headline_ratio,
                        raw.rules)
    if not rows:
        return raw
    from layout.ingest.ocr import OcrUnavailable
    from layout.ingest.ocr.regions import ocr_regions

    inks = [row_ink(box, size, raw) for box, size in rows]
    try:
        read = ocr_regions(path, raw.number, raw.width, raw.height, rows, settings, inks)
    except OcrUnavailable:
        log.warning("%s: page %d: %d headline rows drawn as outlines, not read; %s",
                    path, raw.number, len(rows), INSTALL_HINT)
        return raw
    if not read:
        return raw
    boxes = [r.line.bbox for r in read]
    shapes = tuple(s for s in raw.shapes if not any(_within(s, b) for b in boxes))
    log.info("%s: page %d: OCR read %d headline rows drawn as outlines", path, raw.number,
             len(read))
    return dataclasses.replace(raw, glyphs=raw.glyphs + tuple(g for r in read for g in r.glyphs),
                               shapes=shapes, ocr_regions=tuple(r.line for r in read))


def row_ink(box: BBox, size: float, raw: RawPage) -> RowInk:
    """Which ink about one row of outlines (``box``, type ``size`` pt) of ``raw`` is the
    row's: the band of its height across the crop (a glyph's bar drawn as a rectangle, a
    whole 一, is in neither shapes nor rules, so the row's box may miss it) and the rules
    that are strokes of its glyphs (:func:`~layout.analysis.pdf.outlines.strokes_of`),
    less the text
    layer's characters and the other rules there (a box's frame), but for the row's own
    shapes. The next line of a headline, a frame beside it or text-layer characters near
    it are then never read as the row's."""
    from layout.ingest.ocr.regions import RowInk

    edge = STROKE_EDGE_EM * size
    strokes = strokes_of(box, size, raw.rules)
    band = BBox(box.x0 - size, box.top, box.x1 + size, box.bottom)  # the crop's width
    near = BBox(band.x0, box.top - edge, band.x1, box.bottom + edge)
    others = [r.bbox for r in raw.rules if r.bbox not in strokes and _meets(r.bbox, near)]
    text = [b for g in text_glyphs(raw.glyphs)
            if _meets(b := BBox(g.x0, g.top, g.x1, g.bottom), near)]
    return RowInk((band, *strokes), (*text, *others),
                  tuple(s for s in raw.shapes if _within(s, box)))


def _meets(a: BBox, b: BBox) -> bool:
    return a.x0 <= b.x1 and b.x0 <= a.x1 and a.top <= b.bottom and b.top <= a.bottom


def _within(shape: BBox, box: BBox) -> bool:
    return (shape.x0 >= box.x0 - 1 and shape.x1 <= box.x1 + 1 and shape.top >= box.top - 1
            and shape.bottom <= box.bottom + 1)


def analyze_image(path: Path, settings: Settings = DEFAULT_SETTINGS) -> Issue:
    """An image file (one page per frame) OCR'd and analysed; InputError for a bad image
    or when no page could be read (the OCR extra missing)."""
    from layout.analysis.pdf.page import PageResult, analyze_pdf_page, issue_of_pages
    from layout.ingest.ocr import OcrUnavailable, frame_count, image_frames, ocr_image

    results: list[PageResult] = []
    count = frame_count(path)
    for number, image, width_pt, height_pt in image_frames(path, settings):
        if number > settings.limits.max_pages:
            raise InputError(path, f"more than {settings.limits.max_pages} pages, over "
                             "--max-pages")
        try:
            raw = ocr_image(image, number, width_pt, height_pt, settings)
        except OcrUnavailable:
            note = f"{path}: page {number}: no text layer; {INSTALL_HINT}"
            log.warning("%s", note)
            results.append(PageResult(None, None, None, skipped=note, needs_ocr=True))
            page_done(path, number, max(count, number))
            continue
        results.append(analyze_pdf_page(raw, path, settings, page_image=image))
        page_done(path, number, max(count, number))
    return issue_of_pages(path, results, settings)
