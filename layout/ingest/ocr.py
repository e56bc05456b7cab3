"""OCR reader: a page image -> the raw-page model, via ``rapidocr-onnxruntime`` (``layout[ocr]``).

Takes a PDF page (rendered with pypdfium2) or a page image (PNG, JPEG, TIFF: every frame
of a multi-page TIFF is a page) and the settings; returns a
:class:`~layout.ingest.raw.RawPage` whose glyphs are the recognised characters, in the
same model the PDF readers give, so the analysis that follows is the same code:

- a PDF page is rendered at a resolution chosen from the expected body text size
  (``ocr.px_per_em`` pixels to an em of ``ocr.text_size``, within ``ocr.min_dpi`` ..
  ``ocr.max_dpi``) and lowered so the image stays within ``limits.max_ocr_pixels``;
- each recognised line gives one glyph per character: its box from the recogniser's
  character positions (rapidocr's ``return_word_box``: one box per Han character, one
  per Latin word, split over the word's letters by width), else the line box split by
  character widths (full-width for CJK, half for Latin and digits); its size from the
  line's height (``ocr.size_per_line_height``) or, when smaller, the pitch of its
  full-width characters (a detected box's height varies with what the line holds),
  near-equal sizes snapped to one
  (``ocr.size_tolerance``); pixels converted to points, top-left;
- lines standing on end (taller than 1.5 times their width) give turned glyphs, read
  top to bottom;
- in a line of mostly Chinese text, the ASCII marks the recogniser reads for full-width
  ones (``, ? ! ; : ( ) "``) are set full-width;
- lines recognised with less confidence than ``ocr.min_confidence`` are dropped; every
  kept line and its confidence is in ``RawPage.ocr_lines``.

The engine's models ship inside its wheel: nothing is downloaded at run time. Without
the extra, :class:`OcrUnavailable` says "install layout[ocr]".
"""

from __future__ import annotations

import dataclasses
import math
import unicodedata
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from layout.errors import InputError
from layout.ingest.raw import Glyph, OcrLine, RawPage
from layout.model import BBox
from layout.settings import DEFAULT_SETTINGS, Settings

OCR_FONT = "OCR"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
_UPRIGHT_RATIO = 1.5  # a line box taller than this many widths is text standing on end
_BLANK_CONTRAST = 16  # grey levels: a page image with less between its darkest and lightest
# pixels is blank


class OcrUnavailable(Exception):
    """The OCR engine (the optional extra ``layout[ocr]``) cannot be imported."""


@cache
def _engine() -> Any:
    """The rapidocr engine, loaded once per process (its models come with the wheel)."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:
        raise OcrUnavailable(f"install layout[ocr] ({exc})") from None
    # max_side_len: never shrink the page (the resolution was chosen on purpose)
    return RapidOCR(max_side_len=1_000_000, print_verbose=False)


def ocr_available() -> bool:
    """Whether the OCR engine loads."""
    try:
        _engine()
    except OcrUnavailable:
        return False
    return True


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


def char_weight(ch: str) -> float:
    """The width of a character in ems: 1 for full-width (CJK), 0.5 for the rest."""
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.5


def split_span(text: str, start: float, end: float) -> list[tuple[str, float, float]]:
    """``text`` spread over ``start``..``end`` by character widths: (char, from, to)."""
    weights = [char_weight(c) for c in text]
    total = sum(weights) or 1.0
    out: list[tuple[str, float, float]] = []
    at = start
    for ch, w in zip(text, weights, strict=True):
        step = (end - start) * w / total
        out.append((ch, at, at + step))
        at += step
    return out


def _span(points: Sequence[Sequence[float]], axis: int) -> tuple[float, float]:
    values = [p[axis] for p in points]
    return min(values), max(values)


def char_spans(text: str, box: Sequence[Sequence[float]], words: Sequence[str] | None,
               word_boxes: Sequence[Any] | None, along: int) -> list[tuple[str, float, float]]:
    """Each non-space character of a line with its extent along the line (pixels):
    from the recogniser's word boxes when they account for every character, else the
    line box split by character widths."""
    chars = "".join(text.split())
    if words and word_boxes and len(words) == len(word_boxes) and "".join(
            "".join(w.split()) for w in words) == chars:
        out: list[tuple[str, float, float]] = []
        for word, wbox in zip(words, word_boxes, strict=True):
            lo, hi = _span(wbox, along)
            out.extend(split_span("".join(word.split()), lo, hi))
        return out
    lo, hi = _span(box, along)
    # spaces take their share of the line but give no glyph
    return [s for s in split_span(text, lo, hi) if not s[0].isspace()]


def full_width_pitch(spans: Sequence[tuple[str, float, float]]) -> float:
    """The median distance between the centres of neighbouring full-width characters of
    a line (its em when set solid; at least it when spaced); 0 when under 3 such pairs."""
    steps = sorted((b1 + b2 - a1 - a2) / 2
                   for (c1, a1, b1), (c2, a2, b2) in zip(spans, spans[1:], strict=False)
                   if char_weight(c1) == 1.0 and char_weight(c2) == 1.0
                   and unicodedata.category(c1)[0] != "P" and unicodedata.category(c2)[0] != "P")
    return steps[len(steps) // 2] if len(steps) >= 3 else 0.0


_FULL_WIDTH = {",": "，", "?": "？", "!": "！", ";": "；", ":": "：", "(": "（", ")": "）",
               "丶": "、"}  # the recogniser reads the enumeration comma as the radical 丶
_OPENERS = set("，。：；！？、（《“‘「『 ")


def _is_cjk(ch: str) -> bool:
    return char_weight(ch) == 1.0


def cjk_punctuation(text: str) -> str:
    """A line of mostly Chinese text with the ASCII marks the recogniser reads for
    full-width ones (``, ? ! ; : ( ) "``, and 丶 for 、) set full-width, as Chinese prints them;
    a mark between two ASCII letters or digits (1,000, 10:30) stays."""
    if 2 * sum(_is_cjk(c) for c in text) < len(text.strip()):
        return text
    out: list[str] = []
    for k, ch in enumerate(text):
        before = text[k - 1] if k else ""
        after = text[k + 1] if k + 1 < len(text) else ""
        latin_run = before.isascii() and before.isalnum() and after.isascii() and after.isalnum()
        if ch in _FULL_WIDTH and not latin_run:
            ch = _FULL_WIDTH[ch]
        elif ch == '"':
            unclosed = "".join(out).count("“") > "".join(out).count("”")
            ch = "”" if unclosed or (out and out[-1] not in _OPENERS) else "“"
        out.append(ch)
    return "".join(out)


def snap_sizes(sizes: Sequence[float], weights: Sequence[int],
               tolerance: float) -> list[float]:
    """Line sizes with those near the body size (the character-weighted median, within
    ``tolerance``, a ratio) set to it, and the rest in runs of near-equal sizes set to
    their run's median: detected line heights vary with what a line holds, printed
    sizes do not."""

    def median(ks: Sequence[int]) -> float:
        pool = sorted((sizes[k], weights[k]) for k in ks)
        half, seen = sum(w for _, w in pool) / 2, 0
        for value, w in pool:
            seen += w
            if seen >= half:
                return value
        return pool[-1][0]

    out = list(sizes)
    if not sizes:
        return out
    body = median(range(len(sizes)))
    rest = []
    for k, size in enumerate(sizes):
        if abs(size - body) <= tolerance * body:
            out[k] = body
        else:
            rest.append(k)
    run: list[int] = []
    for k in sorted(rest, key=lambda k: sizes[k]) + [-1]:
        if run and (k < 0 or sizes[k] > sizes[run[0]] * (1 + tolerance)):
            value = median(run)
            for j in run:
                out[j] = value
            run = []
        if k >= 0:
            run.append(k)
    return out


def lines_to_glyphs(results: Sequence[Sequence[Any]], sx: float, sy: float,
                    settings: Settings = DEFAULT_SETTINGS
                    ) -> tuple[list[Glyph], list[OcrLine]]:
    """Glyphs and lines of rapidocr's results (``[box, text, score, word_boxes?, words?,
    ...]``, pixels), ``sx``/``sy`` points per pixel across and down. A full-width
    character's box is an em wide about the centre the recogniser gives (as a PDF
    glyph's advance), others keep the recogniser's extent."""
    ocr = settings.ocr
    kept = [r for r in results if float(r[2]) >= ocr.min_confidence and str(r[1]).strip()]
    shapes = []
    for result in kept:
        box, text = result[0], str(result[1])
        x0, x1 = _span(box, 0)
        top, bottom = _span(box, 1)
        upright = not (bottom - top > _UPRIGHT_RATIO * (x1 - x0) and len(text.strip()) > 1)
        across = (bottom - top) * sy if upright else (x1 - x0) * sx
        size = across * ocr.size_per_line_height
        spans = char_spans(text, box, result[4] if len(result) > 4 else None,
                           result[3] if len(result) > 3 else None, along=0 if upright else 1)
        pitch = full_width_pitch(spans) * (sx if upright else sy)
        shapes.append((x0, top, x1, bottom, upright, min(size, pitch) if pitch else size))
    sizes = snap_sizes([s[5] for s in shapes], [len(str(r[1])) for r in kept],
                       ocr.size_tolerance)
    glyphs: list[Glyph] = []
    lines: list[OcrLine] = []
    for result, (x0, top, x1, bottom, upright, _), size in zip(kept, shapes, sizes,
                                                              strict=True):
        box, text, score = result[0], str(result[1]), float(result[2])
        word_boxes = result[3] if len(result) > 3 else None
        words = result[4] if len(result) > 4 else None
        scale = sx if upright else sy
        middle = (top + bottom) / 2 * sy if upright else (x0 + x1) / 2 * sx
        spans = char_spans(text, box, words, word_boxes, along=0 if upright else 1)
        text = cjk_punctuation(text)  # one character for one: the spans still fit
        for (_, a, b), ch in zip(spans, "".join(text.split()), strict=True):
            a, b = a * scale, b * scale
            if char_weight(ch) == 1.0:
                a, b = (a + b - size) / 2, (a + b + size) / 2
            if upright:
                glyphs.append(Glyph(ch, a, middle - size / 2, b, middle + size / 2, size,
                                    OCR_FONT))
            else:
                glyphs.append(Glyph(ch, middle - size / 2, a, middle + size / 2, b, size,
                                    OCR_FONT, upright=False))
        lines.append(OcrLine(text, BBox(x0 * sx, top * sy, x1 * sx, bottom * sy), score))
    return glyphs, lines


def ocr_image(image: Any, number: int, width_pt: float, height_pt: float,
              settings: Settings = DEFAULT_SETTINGS) -> RawPage:
    """The raw page of one page image covering ``width_pt`` x ``height_pt`` points."""
    import numpy as np

    engine = _engine()
    low, high = image.convert("L").getextrema()
    if high - low < _BLANK_CONTRAST:  # nothing printed: no text to look for
        return RawPage(number, width_pt, height_pt, (), (), (), ocr_lines=())
    rgb = np.asarray(image.convert("RGB"))[:, :, ::-1]  # the engine reads BGR, as OpenCV
    results, _ = engine(np.ascontiguousarray(rgb), return_word_box=True)
    sx = width_pt / max(image.width, 1)
    sy = height_pt / max(image.height, 1)
    glyphs, lines = lines_to_glyphs(results or [], sx, sy, settings)
    return RawPage(number, width_pt, height_pt, tuple(glyphs), (), (), ocr_lines=tuple(lines))


def ocr_pdf_page(path: Path, raw: RawPage, settings: Settings = DEFAULT_SETTINGS) -> RawPage:
    """``raw`` (a page read from the PDF at ``path``) with its glyphs replaced by OCR's of
    the rendered page; its rules and images are kept."""
    dpi = ocr_dpi(raw.width, raw.height, settings)
    _engine()  # fail before rendering when the extra is missing
    image = render_pdf_page(path, raw.number, dpi)
    page = ocr_image(image, raw.number, raw.width, raw.height, settings)
    return dataclasses.replace(raw, glyphs=page.glyphs, ocr_lines=page.ocr_lines)


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
