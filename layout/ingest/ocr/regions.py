"""OCR of regions of a text-layer page: headlines drawn as outlines (no text under them).

Takes a PDF page's file, its raw page size and the boxes of the rows of drawn shapes that
look like a line of large type, with the size of that type in points (see
:func:`layout.analysis.pdf.outlines.outline_rows`), and the settings; renders the page once
at a resolution that gives the smallest row ``REGION_PX_PER_EM`` pixels to an em, has the
recogniser read each row's crop as one line (no detection: the row is the line) and
returns, per row read, its characters as glyphs of the row's size (the same glyph model
the PDF readers give, face :data:`OCR_FONT`; the row's ink split among its characters by
their widths, a full-width one an em wide about its centre) and an
:class:`~layout.ingest.raw.OcrLine` with the text and the recogniser's confidence. A row
read with less confidence than ``ocr.min_confidence``, or as nothing, is not returned.
Given each row's ink (:class:`RowInk`: its ink box and the rules that are strokes of its
glyphs, less the text layer's characters and other rules), the crop shows only that:
the rest of it is blank paper, so the text layer's
characters, the next headline line's tops or a box's frame beside the row are never read
as the row's (they would come out twice or as marks the page does not print,
:func:`row_crop`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from layout.ingest.ocr.bars import bars_and_dots, end_marks
from layout.ingest.ocr.chars import cjk_one, cjk_punctuation, ink_em, split_span
from layout.ingest.ocr.engine import load_engine, read_line
from layout.ingest.ocr.glyphs import OCR_FONT
from layout.ingest.ocr.images import render_pdf_page
from layout.ingest.raw import Glyph, OcrLine
from layout.model import BBox
from layout.settings import DEFAULT_SETTINGS, Settings

REGION_PX_PER_EM = 40.0  # pixels an em of the smallest row's type gets when rendered (the
# recogniser reads lines 48 px tall)
_PAD_ACROSS = 0.6  # ems of paper added left and right of a row's crop
_PAD_DOWN = 0.25  # ems added above and below (not more: the lines next to it stay out)
_INK_EDGE_PX = 2  # pixels kept as drawn about each box of a row's own ink
_BLANK_EDGE_PX = 3  # pixels blanked about another's ink (a rule's box has no line width)


@dataclass(frozen=True)
class RowInk:
    """Which ink of a row's crop is the row's (boxes in points): ``drawn`` areas shown as
    the page draws them (the row's ink box, rules that are strokes of its glyphs), and
    within those the ``blanked`` ones (text-layer characters, other rules) made blank
    paper again, but for the row's ``own`` shapes."""

    drawn: tuple[BBox, ...]
    blanked: tuple[BBox, ...] = ()
    own: tuple[BBox, ...] = ()


@dataclass(frozen=True)
class RegionText:
    """What OCR read in one row: its glyphs (points, top-left) and its line."""

    glyphs: tuple[Glyph, ...]
    line: OcrLine


def region_dpi(sizes: Sequence[float], width_pt: float, height_pt: float,
               settings: Settings = DEFAULT_SETTINGS) -> float:
    """The resolution to render the page at for rows of type of these ``sizes`` (pt),
    within ``ocr.max_dpi`` and ``limits.max_ocr_pixels``."""
    dpi = 72.0 * REGION_PX_PER_EM / max(min(sizes), 1.0)
    dpi = min(max(dpi, 36.0), float(settings.ocr.max_dpi))
    cap = math.sqrt(settings.limits.max_ocr_pixels * 72.0 ** 2
                    / (max(width_pt, 1.0) * max(height_pt, 1.0)))
    return min(dpi, cap)


def ocr_regions(path: Path, number: int, width_pt: float, height_pt: float,
                rows: Sequence[tuple[BBox, float]],
                settings: Settings = DEFAULT_SETTINGS,
                inks: Sequence[RowInk] | None = None) -> list[RegionText]:
    """The text OCR reads in each of ``rows`` (box, type size in pt) of page ``number``
    of the PDF at ``path``; ``inks``, one per row, which ink of its crop is the row's
    (None: the whole crop is read as drawn). See the module doc."""
    if not rows:
        return []
    load_engine(settings.ocr.threads)  # OcrUnavailable before any rendering
    dpi = region_dpi([size for _, size in rows], width_pt, height_pt, settings)
    image = render_pdf_page(path, number, dpi)
    px = dpi / 72.0  # pixels per point
    out = []
    for n, (box, size) in enumerate(rows):
        crop = row_crop(image, box, size, px, None if inks is None else inks[n])
        if crop is None:
            continue
        text, confidence = read_line(crop, settings)
        read = row_text(text, confidence, box, size, settings, crop, size * px)
        if read is not None:
            out.append(read)
    return out


def row_crop(image: Any, box: BBox, size: float, px: float, ink: RowInk | None = None
             ) -> Any | None:
    """The crop of the page ``image`` (``px`` pixels a point) the recogniser reads for
    the row ``box`` of type ``size`` pt: ``_PAD_ACROSS`` / ``_PAD_DOWN`` ems of margin
    around the row; with ``ink``, blank paper but for its ``drawn`` areas, and within those
    its ``blanked`` ones blank again unless they are its ``own``. None when the crop is
    under two pixels."""
    from PIL import Image

    left = max(0, math.floor((box.x0 - _PAD_ACROSS * size) * px))
    top = max(0, math.floor((box.top - _PAD_DOWN * size) * px))
    right = min(image.width, math.ceil((box.x1 + _PAD_ACROSS * size) * px))
    bottom = min(image.height, math.ceil((box.bottom + _PAD_DOWN * size) * px))
    if right - left < 2 or bottom - top < 2:
        return None
    if ink is None:
        return image.crop((left, top, right, bottom))
    crop = Image.new(image.mode, (right - left, bottom - top), "white")
    blank = Image.new(image.mode, (1, 1), "white")

    def pixels(b: BBox, edge: int) -> tuple[int, int, int, int] | None:
        area = (max(left, math.floor(b.x0 * px) - edge), max(top, math.floor(b.top * px) - edge),
                min(right, math.ceil(b.x1 * px) + edge),
                min(bottom, math.ceil(b.bottom * px) + edge))
        return area if area[2] > area[0] and area[3] > area[1] else None

    for areas, edge, source in ((ink.drawn, _INK_EDGE_PX, image),
                                (ink.blanked, _BLANK_EDGE_PX, None),
                                (ink.own, _INK_EDGE_PX, image)):
        for b in areas:
            area = pixels(b, edge)
            if area is None:
                continue
            width, height = area[2] - area[0], area[3] - area[1]
            patch = (source.crop(area) if source is not None
                     else blank.resize((width, height)))
            crop.paste(patch, (area[0] - left, area[1] - top))
    return crop


def row_text(text: str, confidence: float, box: BBox, size: float,
             settings: Settings = DEFAULT_SETTINGS, crop: Any | None = None,
             em_px: float = 0.0) -> RegionText | None:
    """The glyphs of ``text`` read in the row ``box`` of type ``size`` pt: the row's
    width split among the characters by their widths (a lone - or _ beside Chinese is 一,
    or · where the row's ``crop``, ``em_px`` pixels an em, shows a dot there:
    :func:`~layout.ingest.ocr.bars.bars_and_dots`), each ``size`` tall on the row's
    middle; None when nothing was read or with too little confidence."""
    text = "".join(cjk_punctuation(text).split())
    text = cjk_one(text) if crop is None else end_marks(bars_and_dots(text, crop, em_px),
                                                      crop, em_px)
    if not text or confidence < settings.ocr.min_confidence:
        return None
    middle = (box.top + box.bottom) / 2
    glyphs: list[Glyph] = []
    for ch, a, b in split_span(text, box.x0, box.x1):
        a, b = ink_em(ch, a, b, size)
        glyphs.append(Glyph(ch, a, middle - size / 2, b, middle + size / 2, size, OCR_FONT))
    return RegionText(tuple(glyphs), OcrLine(text, box, confidence))
