"""Read the geometry of PDF pages with PDFium (pypdfium2), one page at a time.

Takes a PDF path; yields one :class:`~layout.ingest.raw.RawPage` per page, the same
model the pdfplumber reader (:mod:`layout.ingest.pdf`) produces: glyphs (text, box,
baseline, size, font name, fill colour as RGB 0–1, text render mode), rule lines
(single stroked segments, the sides of stroked rectangles, thin filled rectangles)
and image boxes. Points, top-left origin, relative to the page as PDFium renders
it (its CropBox, turned by /Rotate), so boxes line up with the rendered page.

Glyphs are read by :mod:`layout.ingest.pdfium_chars`; their boxes follow pdfminer's
convention, not PDFium's tight glyph boxes: from the origin, one advance wide, from the
font's descent to one font size above it (the letters of a ligature share its advance).
Text PDFium inserts (spaces, line breaks) is skipped. PDFium's text layer hides the
second copy of text drawn twice (fake bold, shadows); those copies are found among the
page's text objects (:mod:`layout.ingest.pdfium_copies`) and returned as glyphs of their
own, as drawn. Unreadable, encrypted or non-PDF files raise
:class:`layout.errors.InputError`. The work per page is capped (``max_objects``,
``limits.max_page_objects``: characters, objects and path segments counted before each
loop over them); a page over the cap comes back empty and ``skipped``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium

from layout.errors import InputError
from layout.ingest.pdfium_chars import CharReader, PageFrame
from layout.ingest.pdfium_copies import hidden_copies
from layout.ingest.pdfium_paths import IDENTITY, PageObjects, page_objects
from layout.ingest.raw import (
    DEFAULT_MAX_PAGE_OBJECTS,
    MIN_IMAGE_SIDE,
    MIN_RULE_LENGTH,
    Glyph,
    ObjectTally,
    RawPage,
    Rule,
    TooManyObjects,
    dedupe_rules,
    over_limit_page,
    page_shapes,
)
from layout.ingest.readers import (
    check_page_number,
    check_pdf_header,
    declares_encryption,
    encrypted_problem,
)
from layout.model import BBox

log = logging.getLogger("layout.ingest.pdfium")


def read_page(document: pdfium.PdfDocument, index: int,
              max_objects: int = DEFAULT_MAX_PAGE_OBJECTS) -> RawPage:
    """Page ``index`` (from 0) of an open document -> :class:`RawPage` (number index + 1);
    an empty, skipped page when it holds more than ``max_objects`` objects."""
    page = document[index]
    try:
        return read_loaded_page(page, index, max_objects)
    finally:
        page.close()


def read_loaded_page(page: pdfium.PdfPage, index: int,
                     max_objects: int = DEFAULT_MAX_PAGE_OBJECTS) -> RawPage:
    """:func:`read_page` of page ``index`` loaded already (left loaded: the caller's to
    close, e.g. after rendering its photos from it)."""
    try:
        frame = PageFrame(page)
        reader = CharReader(frame)
        tally = ObjectTally(max_objects)
        by_object, sizes = reader.chars(page, tally)
        objects: PageObjects = page_objects(page, frame, tally)
        copies = hidden_copies(
            objects.text, by_object, sizes,
            lambda obj: reader.describe(obj, objects.text_matrix.get(obj, IDENTITY)))
    except TooManyObjects:
        log.debug("page %d: over %d objects", index + 1, max_objects)
        return over_limit_page(index + 1, frame.width, frame.height, max_objects)
    glyphs: list[Glyph] = []
    seen: set[int] = set()
    for address in objects.text:  # content-stream order, as pdfplumber gives them
        if address in by_object and address not in seen:
            seen.add(address)
            glyphs.extend(by_object[address])
        glyphs.extend(copies.get(address, ()))
    for address, found in by_object.items():  # objects the walk did not meet (defensive)
        if address not in seen:
            glyphs.extend(found)
    width, height = frame.width, frame.height
    rules = [r for r in (_clip_rule(r, width, height) for r in objects.rules) if r is not None]
    images = tuple(b for b in (_clip_box(b, width, height) for b in objects.images)
                   if b is not None)
    return RawPage(index + 1, width, height, tuple(glyphs), tuple(dedupe_rules(rules)), images,
                   shapes=page_shapes(objects.shapes, width, height))


def _clip_rule(rule: Rule, width: float, height: float) -> Rule | None:
    box = _clip_box(rule.bbox, width, height, min_side=0.0)
    if box is None:
        return None
    length = box.width if rule.horizontal else box.height
    return Rule(box, rule.horizontal) if length >= MIN_RULE_LENGTH else None


def _clip_box(box: BBox, width: float, height: float, min_side: float | None = None
              ) -> BBox | None:
    side = MIN_IMAGE_SIDE if min_side is None else min_side
    x0, x1 = max(0.0, box.x0), min(width, box.x1)
    top, bottom = max(0.0, box.top), min(height, box.bottom)
    if x1 - x0 < side or bottom - top < side or x1 < x0 or bottom < top:
        return None
    return BBox(x0, top, x1, bottom)


def open_document(path: Path, password: str | None = None) -> pdfium.PdfDocument:
    """Open ``path`` with PDFium; InputError when it is not a readable, unlocked PDF."""
    path = Path(path)
    check_pdf_header(path)
    try:
        document = pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower() and declares_encryption(path):
            raise InputError(path, encrypted_problem(password)) from None
        raise InputError(path, f"unreadable PDF ({exc})") from None
    if len(document) == 0:
        document.close()
        raise InputError(path, "unreadable PDF (no pages)")
    return document


PAGES_PER_OPEN = 32  # PDFium keeps the fonts and objects it parsed: reopen now and then


def read_pdf(path: Path, password: str | None = None,
             max_objects: int = DEFAULT_MAX_PAGE_OBJECTS) -> Iterator[RawPage]:
    """Yield every page of ``path`` as a :class:`RawPage`, one page in memory at a time
    (the document is opened afresh every ``PAGES_PER_OPEN`` pages, so memory stays flat)."""
    document = open_document(path, password)
    try:
        count = len(document)
        for index in range(count):
            if index and index % PAGES_PER_OPEN == 0:
                document.close()
                document = open_document(path, password)
            yield _read_or_fail(path, document, index, max_objects)
    finally:
        document.close()


def _read_or_fail(path: Path, document: pdfium.PdfDocument, index: int,
                  max_objects: int = DEFAULT_MAX_PAGE_OBJECTS) -> RawPage:
    try:
        return read_page(document, index, max_objects)
    except InputError:
        raise
    except Exception as exc:  # PDFium raises its own error type
        raise InputError(path, f"page {index + 1} unreadable ({type(exc).__name__}: {exc})"
                         ) from None


def page_count(path: Path, password: str | None = None) -> int:
    """Number of pages of ``path`` (InputError when unreadable)."""
    document = open_document(path, password)
    try:
        return len(document)
    finally:
        document.close()


def read_pdf_page(path: Path, number: int, password: str | None = None,
                  max_objects: int = DEFAULT_MAX_PAGE_OBJECTS) -> RawPage:
    """Only page ``number`` (from 1) of ``path``; InputError when there is no such page."""
    document = open_document(path, password)
    try:
        return read_document_page(path, document, number, max_objects)
    finally:
        document.close()


def read_document_page(path: Path, document: pdfium.PdfDocument, number: int,
                       max_objects: int = DEFAULT_MAX_PAGE_OBJECTS) -> RawPage:
    """Page ``number`` (from 1) of ``document``, opened from ``path`` (named in errors)."""
    check_page_number(path, number, len(document))
    return _read_or_fail(path, document, number - 1, max_objects)


def load_and_read_page(path: Path, document: pdfium.PdfDocument, number: int,
                       max_objects: int = DEFAULT_MAX_PAGE_OBJECTS
                       ) -> tuple[RawPage, pdfium.PdfPage]:
    """:func:`read_document_page`, and the page left loaded (the caller closes it): what
    is done with the page next (its photos rendered) does not load it again."""
    check_page_number(path, number, len(document))
    try:
        page = document[number - 1]
    except Exception as exc:  # PDFium raises its own error type
        raise InputError(path, f"page {number} unreadable ({type(exc).__name__}: {exc})"
                         ) from None
    try:
        return read_loaded_page(page, number - 1, max_objects), page
    except InputError:
        page.close()
        raise
    except Exception as exc:  # PDFium raises its own error type
        page.close()
        raise InputError(path, f"page {number} unreadable ({type(exc).__name__}: {exc})"
                         ) from None
