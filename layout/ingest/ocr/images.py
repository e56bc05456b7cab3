"""Page images for OCR: PDF pages rendered, image files read, type measured.

Takes a PDF page (rendered with pypdfium2 at a resolution chosen from the expected body
text size: ``ocr.px_per_em`` pixels to an em of ``ocr.text_size``, within ``ocr.min_dpi``
.. ``ocr.max_dpi``, lowered so the image stays within ``limits.max_ocr_pixels``) or an
image file (PNG, JPEG, TIFF: every frame of a multi-page TIFF is a page); returns grey
PIL images, how much to enlarge one whose body type is small (:func:`upscale`, from the
height of its character-like ink blobs) and a test for blank pixel columns in it
(:func:`blank_runs`, gutters).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from layout.errors import InputError
from layout.ingest.ocr.lines import WhiteRun
from layout.settings import DEFAULT_SETTINGS, Settings

_MIN_BLOBS = 200  # character-like blobs a page needs before its type size is measured
_MIN_UPSCALE = 1.25  # a page image is enlarged this much or not at all (less: it reads
# worse enlarged than as it is)


def ocr_dpi(width_pt: float, height_pt: float, settings: Settings = DEFAULT_SETTINGS) -> float:
    """The resolution to render a page of this size at (see the module doc)."""
    ocr = settings.ocr
    dpi = 72.0 * ocr.px_per_em / ocr.text_size
    dpi = min(max(dpi, ocr.min_dpi), ocr.max_dpi)
    area_in2 = max(width_pt, 1.0) * max(height_pt, 1.0) / 72.0 ** 2
    cap = math.sqrt(settings.limits.max_ocr_pixels / area_in2)
    return min(dpi, cap)


def render_pdf_page(path: Path, number: int, dpi: float) -> Any:
    """Page ``number`` (from 1) of the PDF at ``path`` as a PIL grey image at ``dpi``."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except Exception as exc:  # pdfium raises its own error type
        raise InputError(path, f"cannot render for OCR: {exc}") from None
    try:
        page = document[number - 1]
        try:
            return page.render(scale=dpi / 72.0, grayscale=True).to_pil()
        finally:
            page.close()
    finally:
        document.close()


def character_height(image: Any) -> float | None:
    """The median height in pixels of the character-like blobs of a page image (ink,
    Otsu's threshold, strokes joined by a pixel; blobs about as wide as tall): the size
    of its body type, before any OCR. None when it has too few."""
    import cv2
    import numpy as np

    grey = np.asarray(image.convert("L"), dtype=np.uint8)
    _, ink = cv2.threshold(grey, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ink = cv2.dilate(ink, np.ones((3, 3), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights, widths = stats[1:, 3], stats[1:, 2]
    square = (heights >= 6) & (widths >= 0.5 * heights) & (widths <= 1.6 * heights)
    if square.sum() < _MIN_BLOBS:
        return None
    return float(np.median(heights[square]))


def upscale(image: Any, settings: Settings = DEFAULT_SETTINGS) -> float:
    """How much to enlarge a page image before OCR so that its body characters are
    ``ocr.char_px`` tall (1: not at all; at least ``_MIN_UPSCALE`` when at all, at most
    2, and within ``limits.max_ocr_pixels``)."""
    height = character_height(image)
    if not height:
        return 1.0
    scale = min(settings.ocr.char_px / height, 2.0,
                math.sqrt(settings.limits.max_ocr_pixels / max(image.width * image.height, 1)))
    return scale if scale >= _MIN_UPSCALE else 1.0


def blank_runs(image: Any) -> WhiteRun:
    """``white(x0, x1, top, bottom)`` for a page image: the longest run of pixel columns
    between ``x0`` and ``x1`` blank over the middle of the band ``top .. bottom`` (no pixel
    darker than three fifths of the way from ink to paper)."""
    import numpy as np

    grey = np.asarray(image.convert("L"))
    ink, paper = np.percentile(grey[::4, ::4], (2, 98))
    threshold = ink + 0.6 * (paper - ink)

    def white(x0: float, x1: float, top: float, bottom: float) -> float:
        inset = 0.2 * (bottom - top)
        band = grey[max(0, int(top + inset)):max(0, int(bottom - inset)),
                    max(0, int(x0)):max(0, int(x1))]
        if band.size == 0:
            return 0.0
        blank = band.min(axis=0) >= threshold
        best = run = 0
        for column in blank:
            run = run + 1 if column else 0
            best = max(best, run)
        return float(best)

    return white


def frame_count(path: Path) -> int:
    """How many frames (pages) the image file at ``path`` holds; 1 when it cannot tell
    (:func:`image_frames` then says what is wrong with the file)."""
    from PIL import Image

    try:
        with Image.open(path) as image:
            return max(1, int(getattr(image, "n_frames", 1)))
    except Exception:  # noqa: BLE001 - any unreadable file: image_frames reports it
        return 1


def image_frames(path: Path, settings: Settings = DEFAULT_SETTINGS
                 ) -> Iterator[tuple[int, Any, float, float]]:
    """Every frame of an image file: (page number, image, width pt, height pt); a frame
    over ``limits.max_ocr_pixels`` is scaled down. InputError for a bad image."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = settings.limits.max_image_pixels
    try:
        with Image.open(path) as image:
            for index, frame in enumerate(ImageSequence.Iterator(image), start=1):
                dpi = frame.info.get("dpi") or image.info.get("dpi")
                try:
                    dpi_x, dpi_y = (float(dpi[0]), float(dpi[1])) if dpi else (0.0, 0.0)
                except (TypeError, ValueError, IndexError):
                    dpi_x = dpi_y = 0.0
                if not (36 <= dpi_x <= 2400 and 36 <= dpi_y <= 2400):
                    dpi_x = dpi_y = float(settings.ocr.image_dpi)
                width_pt = frame.width * 72.0 / dpi_x
                height_pt = frame.height * 72.0 / dpi_y
                page = frame.convert("L")
                pixels = page.width * page.height
                if pixels > settings.limits.max_ocr_pixels:
                    shrink = math.sqrt(settings.limits.max_ocr_pixels / pixels)
                    page = page.resize((max(1, int(page.width * shrink)),
                                        max(1, int(page.height * shrink))))
                yield index, page, width_pt, height_pt
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError) as exc:
        raise InputError(path, f"not a readable image: {exc}") from None
