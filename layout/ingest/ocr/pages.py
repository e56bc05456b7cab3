"""OCR of one page: a page image or a PDF page -> the raw-page model.

Takes a grey page image with the page size in points (or a PDF page's raw page and its
file) and the settings; returns a :class:`~layout.ingest.raw.RawPage` whose glyphs are
the recognised characters (:mod:`layout.ingest.ocr.glyphs`), whose images are the
photos found in the image (:mod:`layout.ingest.ocr.photos`; text read inside a photo is
part of it) and whose rules are the rules printed on it (:mod:`layout.ingest.ocr.rules`:
between columns and articles, round boxes). Small type is enlarged first (a PDF page
rendered again at the higher resolution); a blank image is not sent to the engine; a
character the recogniser dropped between two it read is read again
(:mod:`layout.ingest.ocr.dropped`); a middle dot printed low in its line is read as the
full stop it is, dots read for an ellipsis as …… and 一一 printed as one stroke as ——
(:mod:`layout.ingest.ocr.marks`), a colon whose lower dot has a tail as the semicolon it
is (:mod:`layout.ingest.ocr.semicolons`), and the small marks the recogniser dropped between
two characters (:mod:`layout.ingest.ocr.gaps`) or after a line's last
(:mod:`layout.ingest.ocr.ends`)
are put back. Every kept
line and its confidence is in ``RawPage.ocr_lines``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from layout.ingest.ocr.chars import body_line_height, span
from layout.ingest.ocr.dropcaps import drop_caps
from layout.ingest.ocr.dropped import dropped_characters
from layout.ingest.ocr.ends import dashes_at_starts, marks_at_ends
from layout.ingest.ocr.engine import load_engine, read_line, read_lines, recognise
from layout.ingest.ocr.gaps import marks_in_gaps
from layout.ingest.ocr.glyphs import lines_to_glyphs
from layout.ingest.ocr.images import blank_runs, ocr_dpi, render_pdf_page, upscale
from layout.ingest.ocr.marks import dashes, ellipses, stops_from_low_dots
from layout.ingest.ocr.photos import inside, photo_boxes
from layout.ingest.ocr.quotes import quotes_at_ends
from layout.ingest.ocr.rules import scan_rules
from layout.ingest.ocr.semicolons import semicolons
from layout.ingest.ocr.strokes import dashes_by_weight
from layout.ingest.raw import RawPage, Rule
from layout.model import BBox
from layout.settings import DEFAULT_SETTINGS, Settings

_BLANK_CONTRAST = 16  # grey levels: a page image with less between its darkest and lightest
# pixels is blank


def ocr_image(image: Any, number: int, width_pt: float, height_pt: float,
              settings: Settings = DEFAULT_SETTINGS) -> RawPage:
    """The raw page of one page image covering ``width_pt`` x ``height_pt`` points."""
    load_engine(settings.ocr.threads)  # OcrUnavailable without the extra, even for a blank page
    low, high = image.convert("L").getextrema()
    if high - low < _BLANK_CONTRAST:  # nothing printed: no text to look for
        return RawPage(number, width_pt, height_pt, (), (), (), ocr_lines=())
    scale = upscale(image, settings)
    if scale > 1.0:  # small type: the detector misses lines of it at this resolution
        from PIL import Image

        image = image.resize((round(image.width * scale), round(image.height * scale)),
                             Image.Resampling.BICUBIC)
    results = recognise(image, settings)
    sx = width_pt / max(image.width, 1)
    sy = height_pt / max(image.height, 1)
    photos = find_photos(image, results, 72.0 / sx, settings)
    results = [r for r in results if not inside(_box(r), photos)]
    results = drop_caps(results, image, lambda crop: read_line(crop, settings),
                        lambda crop: read_lines(crop, settings))
    results = dropped_characters(results, image, lambda crop: read_line(crop, settings))
    results = semicolons(stops_from_low_dots(results, image), image)
    results = dashes_by_weight(dashes(ellipses(results, image), image), image)
    results = marks_at_ends(marks_in_gaps(results, image), image)
    results = quotes_at_ends(dashes_at_starts(results, image), image)
    glyphs, lines = lines_to_glyphs(results, sx, sy, settings, blank_runs(image))
    images = tuple(BBox(x0 * sx, top * sy, x1 * sx, bottom * sy)
                   for x0, top, x1, bottom in photos)
    rules = page_rules(image, results, photos, sx, sy)
    return RawPage(number, width_pt, height_pt, tuple(glyphs), rules, images,
                   ocr_lines=tuple(lines))


def page_rules(image: Any, results: Sequence[Sequence[Any]],
               photos: Sequence[tuple[float, float, float, float]], sx: float, sy: float
               ) -> tuple[Rule, ...]:
    """The rules printed on a page image (:mod:`layout.ingest.ocr.rules`), in points."""
    import numpy as np

    from layout.ingest.ocr.gutters import ink_mask

    body = body_line_height(results)
    if body is None:
        return ()
    ink = ink_mask(np.asarray(image.convert("L")))
    found = scan_rules(ink, [_box(r) for r in results], photos, body)
    return tuple(Rule(BBox(x0 * sx, top * sy, x1 * sx, bottom * sy), horizontal)
                 for x0, top, x1, bottom, horizontal in found)


def _box(result: Sequence[Any]) -> tuple[float, float, float, float]:
    x0, x1 = span(result[0], 0)
    top, bottom = span(result[0], 1)
    return x0, top, x1, bottom


def find_photos(image: Any, results: Sequence[Sequence[Any]], dpi: float,
                settings: Settings = DEFAULT_SETTINGS) -> list[tuple[float, float, float, float]]:
    """The photos of a page image (pixels; :mod:`layout.ingest.ocr.photos`), the engine's
    ``results`` its text."""
    confident = [_box(r) for r in results if float(r[2]) >= settings.ocr.min_confidence]
    return photo_boxes(image, confident, dpi, settings.ocr.min_photo_side)


def ocr_pdf_page(path: Path, raw: RawPage, settings: Settings = DEFAULT_SETTINGS) -> RawPage:
    """``raw`` (a page read from the PDF at ``path``) with its glyphs replaced by OCR's of
    the rendered page; its rules and images are kept, and the photos found in the render
    that no image of the page covers are added (and the rules found in it when the page
    draws none: a scan in a PDF)."""
    dpi = ocr_dpi(raw.width, raw.height, settings)
    load_engine(settings.ocr.threads)  # fail before rendering when the extra is missing
    image = render_pdf_page(path, raw.number, dpi)
    scale = upscale(image, settings)
    if scale > 1.0:  # small type: rendered again, sharper than an enlargement
        image = render_pdf_page(path, raw.number, dpi * scale)
    page = ocr_image(image, raw.number, raw.width, raw.height, settings)
    known = [b for b in raw.images if b.area < 0.6 * raw.width * raw.height]  # not a backdrop
    found = tuple(b for b in page.images if not any(
        _overlap(b, k) >= 0.3 * min(b.area, k.area) for k in known))  # photos seen twice
    return dataclasses.replace(raw, glyphs=page.glyphs, ocr_lines=page.ocr_lines,
                               images=raw.images + found, rules=raw.rules or page.rules)


def _overlap(a: BBox, b: BBox) -> float:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.bottom, b.bottom) - max(a.top, b.top)
    return width * height if width > 0 and height > 0 else 0.0
