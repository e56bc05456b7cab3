"""Read the geometry of PDF pages with pdfplumber, one page at a time.

Takes a PDF path; yields one :class:`RawPage` per page: its glyphs (text, box,
font name, size, fill colour, text render mode), its rule lines (printed lines
and the edges of thin or stroked rectangles) and the boxes of its images.
Pages are parsed one at a time and their caches flushed, so memory stays bounded
by one page. Unreadable, encrypted or non-PDF files raise
:class:`layout.errors.InputError`. The work per page is capped (``max_objects``,
``limits.max_page_objects``: every character and path segment pdfminer draws is counted
as it is drawn); a page over the cap comes back empty and ``skipped``.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.layout import LTChar, LTRect
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfplumber.page import PDFPageAggregatorWithMarkedContent

from layout.errors import InputError
from layout.ingest.raw import (
    DEFAULT_MAX_PAGE_OBJECTS,
    MAX_RULE_THICKNESS,
    MIN_IMAGE_SIDE,
    MIN_RULE_LENGTH,
    Glyph,
    ObjectTally,
    RawPage,
    Rule,
    TooManyObjects,
    frame_rules,
    is_upright,
    make_glyph,
    over_limit_page,
    page_shapes,
)
from layout.ingest.raw import dedupe_rules as _dedupe_rules
from layout.ingest.readers import check_page_number, check_pdf_header, encrypted_problem
from layout.model import BBox

log = logging.getLogger("layout.ingest.pdf")



class _RenderModeAggregator(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's aggregator that also records each char's text render mode (Tr)."""

    _render_mode = 0

    def __init__(self, *args: Any, tally: ObjectTally, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.frames: list[tuple[LTRect, LTRect]] = []
        self.tally = tally

    def render_string(self, textstate: Any, *args: Any, **kwargs: Any) -> None:
        self._render_mode = getattr(textstate, "render", 0) or 0
        super().render_string(textstate, *args, **kwargs)

    def paint_path(self, gstate: Any, stroke: bool, fill: bool, evenodd: bool,
                   path: Any) -> None:
        """As pdfminer paints it (one object per subpath), also keeping each pair of
        consecutive rectangles of one even-odd filled path: a frame (a CSS border)."""
        self.tally.take(max(1, len(path)))
        objs = self.cur_item._objs
        before = len(objs)
        super().paint_path(gstate, stroke, fill, evenodd, path)
        if fill and evenodd and len(objs) - before >= 2:
            previous = None
            for obj in objs[before:]:
                if not isinstance(obj, LTRect):
                    previous = None
                    continue
                if previous is not None:
                    self.frames.append((previous, obj))
                    previous = None  # (a pair's outer box frames nothing more)
                    continue
                previous = obj

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        self.tally.take()
        adv = super().render_char(*args, **kwargs)
        objs = self.cur_item._objs
        if objs and isinstance(objs[-1], LTChar):
            objs[-1].render_mode = self._render_mode  # type: ignore[attr-defined]
        return adv


def _parse_layout(page: pdfplumber.page.Page, tally: ObjectTally
                  ) -> tuple[list[Glyph], list[tuple[Any, Any]]]:
    """Parse ``page`` with the render-mode aggregator; its glyphs, read straight from the
    layout (as pdfplumber would place them), which then keeps only the non-text objects
    (pdfplumber's rects, lines and images come from it without a dict per char), and the
    rectangle pairs of even-odd filled paths (frames)."""
    device = _RenderModeAggregator(page.pdf.rsrcmgr, pageno=page.page_number,
                                   laparams=page.pdf.laparams, tally=tally)
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    layout = device.get_result()
    page._layout = layout  # pdfplumber reads its objects from this cache
    glyphs: list[Glyph] = []
    append = glyphs.append
    height = float(page.height)
    mb_x0, mb_top = (float(v) for v in page.mediabox[:2])
    norm = page.pdf.unicode_norm

    def walk(objs: list[Any]) -> list[Any]:
        kept = []
        for obj in objs:
            if isinstance(obj, LTChar):
                text = obj.get_text()
                if norm is not None:
                    text = unicodedata.normalize(norm, text)
                x0, x1 = obj.x0 + mb_x0, obj.x1 + mb_x0
                top, bottom = height - obj.y1 + mb_top, height - obj.y0 + mb_top
                if not text or x1 < x0 or bottom < top:
                    continue
                matrix = obj.matrix
                baseline = None
                upright = bool(obj.upright)
                if matrix and len(matrix) == 6:
                    upright = is_upright(*matrix[:4])  # pdfminer's own test takes 90° as upright
                    baseline = bottom + (obj.y0 - matrix[5])
                    if not top - 1 <= baseline <= bottom + 1:
                        baseline = None
                color = obj.graphicstate.ncolor
                font = obj.fontname
                if isinstance(font, bytes):
                    font = font.decode("latin-1")
                append(make_glyph(text, x0, top, x1, bottom, obj.size or 0.0,
                                  str(font or ""), color if isinstance(color, tuple) else (color,),
                                  getattr(obj, "render_mode", 0), upright, baseline))
                continue
            if hasattr(obj, "_objs"):
                obj._objs = walk(obj._objs)
            kept.append(obj)
        return kept

    layout._objs = walk(layout._objs)
    return glyphs, device.frames


def _frames_to_rules(frames: list[tuple[Any, Any]], width: float, height: float,
                     page: pdfplumber.page.Page) -> list[Rule]:
    """The thin sides of frames (pairs of pdfminer rectangles, bottom-left origin):
    :func:`~layout.ingest.raw.frame_rules` on their boxes on the page."""
    mb_x0, mb_top = (float(v) for v in page.mediabox[:2])
    rules: list[Rule] = []
    for pair in frames:
        boxes = []
        for r in pair:
            x0, x1 = max(0.0, r.x0 + mb_x0), min(width, r.x1 + mb_x0)
            top, bottom = max(0.0, height - r.y1 + mb_top), min(height, height - r.y0 + mb_top)
            if x1 >= x0 and bottom >= top:
                boxes.append(BBox(x0, top, x1, bottom))
        if len(boxes) == 2:
            rules += frame_rules(*boxes)
    return rules


def lines_to_rules(lines: list[dict[str, Any]], width: float, height: float) -> list[Rule]:
    """pdfplumber line objects -> rules (the longer side decides the orientation)."""
    edges = []
    for ln in lines:
        horizontal = (ln["x1"] - ln["x0"]) >= (ln["bottom"] - ln["top"])
        edges.append({**ln, "orientation": "h" if horizontal else "v"})
    return edges_to_rules(edges, width, height)


def rect_frames_to_rules(rects: list[dict[str, Any]], width: float,
                         height: float) -> list[Rule]:
    """The four sides of stroked rectangles (frames around boxes) as rules."""
    edges = []
    for r in rects:
        if not r.get("stroke") or r.get("fill"):
            continue
        x0, top, x1, bottom = r["x0"], r["top"], r["x1"], r["bottom"]
        edges += [
            {"x0": x0, "x1": x1, "top": top, "bottom": top, "orientation": "h"},
            {"x0": x0, "x1": x1, "top": bottom, "bottom": bottom, "orientation": "h"},
            {"x0": x0, "x1": x0, "top": top, "bottom": bottom, "orientation": "v"},
            {"x0": x1, "x1": x1, "top": top, "bottom": bottom, "orientation": "v"},
        ]
    return edges_to_rules(edges, width, height)


def _on_page(obj: dict[str, Any], width: float, height: float) -> BBox | None:
    """An object's box (its x0, top, x1, bottom) cut to the page; None when none is left."""
    x0, x1 = max(0.0, float(obj["x0"])), min(width, float(obj["x1"]))
    top, bottom = max(0.0, float(obj["top"])), min(height, float(obj["bottom"]))
    if x1 < x0 or bottom < top:
        return None
    return BBox(x0, top, x1, bottom)


def edges_to_rules(edges: list[dict[str, Any]], width: float, height: float) -> list[Rule]:
    """Edge dicts (x0, x1, top, bottom, orientation) -> long horizontal/vertical rules."""
    rules: list[Rule] = []
    for e in edges:
        box = _on_page(e, width, height)
        if box is None:
            continue
        horizontal = e.get("orientation") == "h"
        if (box.width if horizontal else box.height) >= MIN_RULE_LENGTH:
            rules.append(Rule(box, horizontal))
    return rules


def thin_rects_to_rules(rects: list[dict[str, Any]], width: float, height: float) -> list[Rule]:
    """Filled rectangles thinner than a few points drawn as rules."""
    rules: list[Rule] = []
    for r in rects:
        box = _on_page(r, width, height)
        if box is None:
            continue
        if box.height <= MAX_RULE_THICKNESS and box.width >= MIN_RULE_LENGTH:
            rules.append(Rule(box, True))
        elif box.width <= MAX_RULE_THICKNESS and box.height >= MIN_RULE_LENGTH:
            rules.append(Rule(box, False))
    return rules


def images_to_boxes(images: list[dict[str, Any]], width: float, height: float) -> list[BBox]:
    """Image boxes on the page, at least :data:`MIN_IMAGE_SIDE` each way."""
    boxes = (_on_page(im, width, height) for im in images)
    return [b for b in boxes
            if b is not None and b.width >= MIN_IMAGE_SIDE and b.height >= MIN_IMAGE_SIDE]


def read_page(page: pdfplumber.page.Page, number: int,
              max_objects: int = DEFAULT_MAX_PAGE_OBJECTS) -> RawPage:
    """One pdfplumber page -> :class:`RawPage` (parses the page once); an empty, skipped
    page when it draws more than ``max_objects`` characters and path segments."""
    width, height = float(page.width), float(page.height)
    try:
        glyphs, frames = _parse_layout(page, ObjectTally(max_objects))
    except TooManyObjects:
        log.debug("page %d: over %d objects", number, max_objects)
        return over_limit_page(number, width, height, max_objects)
    rects = page.rects
    rules = lines_to_rules(page.lines, width, height) + rect_frames_to_rules(rects, width, height)
    rules += thin_rects_to_rules([r for r in rects if r.get("fill")], width, height)
    rules += _frames_to_rules(frames, width, height, page)
    images = images_to_boxes(page.images, width, height)
    shapes = [BBox(float(c["x0"]), float(c["top"]), float(c["x1"]), float(c["bottom"]))
              for c in page.curves if c.get("fill")]
    return RawPage(number, width, height, tuple(glyphs), tuple(_dedupe_rules(rules)),
                   tuple(images), shapes=page_shapes(shapes, width, height))


def _is_password_error(exc: BaseException) -> bool:
    """pdfminer's password / encryption failures, also when pdfplumber wraps them."""
    for e in (exc, *getattr(exc, "args", ())):
        name = type(e).__name__
        if "Password" in name or "Encrypt" in name or "password" in str(e).lower():
            return True
    return False


def open_pdf(path: Path, password: str | None = None) -> pdfplumber.PDF:
    """Open ``path`` with pdfplumber; InputError when it is not a readable, unlocked PDF."""
    path = Path(path)
    check_pdf_header(path)
    try:
        pdf = pdfplumber.open(path, password=password or "")
        pages = pdf.pages  # forces the page tree; fails on broken or locked files
    except Exception as exc:  # pdfminer raises many unrelated types
        if _is_password_error(exc):
            raise InputError(path, encrypted_problem(password)) from None
        name = type(exc).__name__
        reason = f"{name}: {exc}" if str(exc).strip() else name
        raise InputError(path, f"unreadable PDF ({reason})") from None
    if not pages:
        pdf.close()
        raise InputError(path, "unreadable PDF (no pages)")
    return pdf


def read_pdf(path: Path, password: str | None = None,
             max_objects: int = DEFAULT_MAX_PAGE_OBJECTS) -> Iterator[RawPage]:
    """Yield every page of ``path`` as a :class:`RawPage`; pages are closed after reading."""
    pdf = open_pdf(path, password)
    try:
        for index, page in enumerate(pdf.pages, start=1):
            yield _read_or_fail(path, page, index, password, max_objects)
    finally:
        pdf.close()


def _read_or_fail(path: Path, page: pdfplumber.page.Page, number: int, password: str | None,
                  max_objects: int) -> RawPage:
    """Page ``number`` read and closed; InputError naming it when pdfminer fails on it."""
    try:
        return read_page(page, number, max_objects)
    except Exception as exc:  # pdfminer raises many unrelated types
        if _is_password_error(exc):
            raise InputError(path, encrypted_problem(password)) from None
        raise InputError(path, f"page {number} unreadable ({type(exc).__name__}: {exc})"
                         ) from None
    finally:
        page.close()


def page_count(path: Path, password: str | None = None) -> int:
    """Number of pages of ``path`` (InputError when unreadable)."""
    pdf = open_pdf(path, password)
    try:
        return len(pdf.pages)
    finally:
        pdf.close()


def read_pdf_page(path: Path, number: int, password: str | None = None,
                  max_objects: int = DEFAULT_MAX_PAGE_OBJECTS) -> RawPage:
    """Only page ``number`` (from 1) of ``path``; InputError when there is no such page."""
    pdf = open_pdf(path, password)
    try:
        check_page_number(path, number, len(pdf.pages))
        return _read_or_fail(path, pdf.pages[number - 1], number, password, max_objects)
    finally:
        pdf.close()
