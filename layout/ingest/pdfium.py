"""Read the geometry of PDF pages with PDFium (pypdfium2), one page at a time.

Takes a PDF path; yields one :class:`~layout.ingest.raw.RawPage` per page, the same
model the pdfplumber reader (:mod:`layout.ingest.pdf`) produces: glyphs (text, box,
baseline, size, font name, fill colour as RGB 0–1, text render mode), rule lines
(single stroked segments, the sides of stroked rectangles, thin filled rectangles)
and image boxes. Points, top-left origin, relative to the page as PDFium renders
it (its CropBox, turned by /Rotate), so boxes line up with the rendered page.

Glyph boxes follow pdfminer's convention, not PDFium's tight glyph boxes: from the
origin, one advance wide, from the font's descent to one font size above it (the
letters of a ligature share its advance). Text
PDFium inserts (spaces, line breaks) is skipped. PDFium's text layer hides the
second copy of text drawn twice (fake bold, shadows); those copies are found among
the page's text objects (:mod:`layout.ingest.pdfium_copies`) and returned as glyphs of
their own, as drawn. Unreadable, encrypted or non-PDF files raise
:class:`layout.errors.InputError`. The work per page is capped (``max_objects``,
``limits.max_page_objects``: characters, objects and path segments counted before each
loop over them); a page over the cap comes back empty and ``skipped``.
"""

from __future__ import annotations

import ctypes
import dataclasses
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from layout.errors import InputError
from layout.ingest.pdfium_copies import PageText, hidden_copies
from layout.ingest.pdfium_lib import FSRect, handle, lib
from layout.ingest.pdfium_paths import IDENTITY, Matrix, PageObjects, object_bounds, page_objects
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
    is_upright,
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

_MAP_CHECKS = 64  # text objects of a style whose first char is checked for a missing
# Unicode map (PDFium's flag)
INK_STEPS = 50  # a glyph's ink edges are kept in this many steps of its size



class PageFrame:
    """The map from PDF user space to the rendered page: top-left origin, in points."""

    def __init__(self, page: pdfium.PdfPage) -> None:
        self.left, self.bottom, self.right, self.top = (float(v) for v in page.get_cropbox())
        self.rotation = int(page.get_rotation()) % 360
        self.width, self.height = (float(v) for v in page.get_size())

    def point(self, x: float, y: float) -> tuple[float, float]:
        r = self.rotation
        if r == 0:
            return x - self.left, self.top - y
        if r == 90:
            return y - self.bottom, x - self.left
        if r == 180:
            return self.right - x, y - self.bottom
        return self.top - y, self.right - x

    def box(self, left: float, bottom: float, right: float, top: float
            ) -> tuple[float, float, float, float]:
        """A user-space rectangle as ``(x0, top, x1, bottom)`` on the rendered page."""
        ax, ay = self.point(left, bottom)
        bx, by = self.point(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


@dataclass(frozen=True, slots=True)
class TextStyle:
    """What one text object gives each of its glyphs."""

    font: str
    descent: float  # em, negative below the baseline
    size: float  # text-space font size (Tf)
    color: tuple[float, ...]
    render_mode: int
    matrix: tuple[float, float, float, float]  # the char matrix without translation
    face: int = 0  # which of the page's font objects of this name (0: the first)


class _FontCache:
    """Name and descent (em) per PDFium font handle."""

    def __init__(self) -> None:
        self._by_handle: dict[int, tuple[str, float]] = {}
        self._faces: dict[int, int] = {}  # handle: its serial among the handles of its name
        self._named: dict[str, int] = {}  # name: how many handles have it
        self._advances: dict[tuple[int, int], float] = {}
        self._buf = ctypes.create_string_buffer(512)
        self._value = ctypes.c_float()

    def get(self, font: int) -> tuple[str, float]:
        known = self._by_handle.get(font)
        if known is not None:
            return known
        name, descent = "", 0.0
        if font:
            n = lib.FPDFFont_GetBaseFontName(font, self._buf, len(self._buf))
            if n > 0:
                name = self._buf.raw[:max(0, min(n, len(self._buf)) - 1)].decode("utf-8",
                                                                                   "replace")
            if lib.FPDFFont_GetDescent(font, 1000.0, ctypes.byref(self._value)):
                descent = float(self._value.value) / 1000.0
        self._by_handle[font] = (name, descent)
        return name, descent

    def face(self, font: int) -> int:
        """Which of the font objects named like ``font`` it is (0: the first met), so
        fonts of one name (a font's subsets) tell their codes apart."""
        known = self._faces.get(font)
        if known is None:
            name = self.get(font)[0]
            known = self._faces[font] = self._named.get(name, 0)
            self._named[name] = known + 1
        return known

    def advance(self, font: int, code: int) -> float:
        """The font's advance width of the character ``code`` per unit of font size (0
        when PDFium does not know it)."""
        key = (font, code)
        known = self._advances.get(key)
        if known is None:
            ok = font and lib.FPDFFont_GetGlyphWidth(font, code, 1.0, ctypes.byref(self._value))
            known = self._advances[key] = float(self._value.value) if ok else 0.0
        return known


class _Reader:
    """Per-page reading state: reusable ctypes buffers, the font and style caches.

    The per-glyph calls write into fixed buffers passed by address: ``_style_buf`` holds
    the text object's font size followed by the char matrix (a b c d e f), ``_rgba`` the
    fill colour; the bytes of size and a b c d, with the colour's, key the style cache."""

    def __init__(self, frame: PageFrame) -> None:
        self.frame = frame
        self.fonts = _FontCache()
        self.size = ctypes.c_float()
        self.rgba = tuple(ctypes.c_uint() for _ in range(4))
        self._p_size = ctypes.byref(self.size)
        self._p_rgba = tuple(ctypes.byref(v) for v in self.rgba)
        self._style_buf = (ctypes.c_float * 7)()  # size, then the matrix a b c d e f
        self._rgba_buf = (ctypes.c_uint * 4)()
        self._styles: dict[tuple, tuple[TextStyle, bool, float, float]] = {}

    def style(self, tp: int, index: int, obj: int) -> TextStyle:
        """The style of the text object ``obj`` that draws char ``index`` (one object per
        distinct style: pages repeat a few styles over thousands of text objects)."""
        return self._style_reader(tp)(index, obj)[0]

    def _style_reader(self, tp: int):  # -> (index, obj) -> (style, upright, size, descent)
        """A call giving the style of the text object ``obj`` that draws char ``index``,
        whether it is upright, its glyphs' size on the page and their descent (points)."""
        buf, rgba = self._style_buf, self._rgba_buf
        base, colour = ctypes.addressof(buf), ctypes.addressof(rgba)
        p_size, p_matrix = base, base + ctypes.sizeof(ctypes.c_float)
        p_rgb = tuple(colour + k * ctypes.sizeof(ctypes.c_uint) for k in range(4))
        key_view = memoryview(buf).cast("B")[:5 * ctypes.sizeof(ctypes.c_float)]
        rgb_view = memoryview(rgba).cast("B")[:3 * ctypes.sizeof(ctypes.c_uint)]
        get_font, get_size = lib.FPDFTextObj_GetFont, lib.FPDFTextObj_GetFontSize
        get_fill, get_matrix = lib.FPDFText_GetFillColor, lib.FPDFText_GetMatrix
        get_mode, styles = lib.FPDFTextObj_GetTextRenderMode, self._styles

        def read(index: int, obj: int) -> tuple[TextStyle, bool, float, float]:
            font = get_font(obj) or 0
            get_size(obj, p_size)
            has_color = get_fill(tp, index, *p_rgb)
            get_matrix(tp, index, p_matrix)
            key = (font, key_view.tobytes(), has_color and rgb_view.tobytes(), get_mode(obj))
            known = styles.get(key)
            if known is None:
                known = styles[key] = self._new_style(font, bool(has_color), key[3])
            return known

        return read

    def _new_style(self, font: int, has_color: bool, mode: int
                   ) -> tuple[TextStyle, bool, float, float]:
        buf, rgba = self._style_buf, self._rgba_buf
        a, b, c, d = buf[1], buf[2], buf[3], buf[4]
        name, descent = self.fonts.get(font)
        color = (rgba[0] / 255, rgba[1] / 255, rgba[2] / 255) if has_color else (0.0, 0.0, 0.0)
        style = TextStyle(name, descent, float(buf[0]), color, max(0, mode), (a, b, c, d),
                          self.fonts.face(font))
        upright = is_upright(a, b, c, d)
        size = style.size * d if upright else style.size * (c * c + d * d) ** 0.5
        return style, upright, size, style.descent * size

    def describe(self, obj: int, outer: Matrix) -> PageText:
        """A text object as drawn (for objects the text layer left empty)."""
        name, _ = self.fonts.get(lib.FPDFTextObj_GetFont(obj) or 0)
        lib.FPDFTextObj_GetFontSize(obj, self._p_size)
        r, g, b, _ = self.rgba
        color = (r.value / 255, g.value / 255, b.value / 255) if lib.FPDFPageObj_GetFillColor(
            obj, *self._p_rgba) else (0.0, 0.0, 0.0)
        return PageText(name, float(self.size.value),
                        max(0, int(lib.FPDFTextObj_GetTextRenderMode(obj))), color,
                        object_bounds(obj, outer, self.frame))

    def chars(self, page: pdfium.PdfPage, tally: ObjectTally
              ) -> tuple[dict[int, list[Glyph]], dict[int, float]]:
        """The glyphs PDFium's text layer holds, by the address of the text object that
        draws them, and each such object's font size (the characters counted in ``tally``)."""
        textpage = page.get_textpage()
        tp = handle(textpage.raw)
        try:
            tally.take(max(0, lib.FPDFText_CountChars(tp)))
            return self._chars(tp)
        finally:
            textpage.close()

    def _chars(self, tp: int) -> tuple[dict[int, list[Glyph]], dict[int, float]]:
        frame = self.frame
        plain = frame.rotation == 0  # the common case, inlined: x - left, top - y
        left, top_edge = frame.left, frame.top
        by_object: dict[int, list[Glyph]] = {}
        styles: dict[int, tuple] = {}
        origin = (ctypes.c_double * 2)()
        loose = FSRect()
        p_ox = ctypes.addressof(origin)
        p_oy, p_loose = p_ox + ctypes.sizeof(ctypes.c_double), ctypes.addressof(loose)
        get_unicode, is_generated = lib.FPDFText_GetUnicode, lib.FPDFText_IsGenerated
        get_object, get_origin = lib.FPDFText_GetTextObject, lib.FPDFText_GetCharOrigin
        get_loose = lib.FPDFText_GetLooseCharBox
        style_of = self._style_reader(tp)
        pending_high = None
        last_obj, run = None, []
        unmapped: dict[int, int] = {}  # id of a style: objects checked for a missing
        # Unicode map (then -1: its font has none, and its glyphs carry their ink's shape)
        shaped = False
        has_map_error = lib.FPDFText_HasUnicodeMapError
        for i in range(lib.FPDFText_CountChars(tp)):
            code = get_unicode(tp, i)
            if code < 0x80 and is_generated(tp, i):  # PDFium's spaces, breaks, hyphens
                continue
            if 0xD800 <= code < 0xDC00:  # a surrogate pair split over two chars
                pending_high = code
                continue
            if 0xDC00 <= code < 0xE000 and pending_high is not None:
                code = 0x10000 + ((pending_high - 0xD800) << 10) + (code - 0xDC00)
            pending_high = None
            if code == 2:
                text = "-"  # PDFium marks a drawn line-end hyphen with U+0002
            elif code == 0:
                text = "\ufffd"
            else:
                text = chr(code)
            obj = get_object(tp, i) or 0
            known = styles.get(obj)
            if known is None:
                known = styles[obj] = style_of(i, obj)
            st, upright, size, descent = known
            get_origin(tp, i, p_ox, p_oy)
            ox, oy = origin
            if upright:
                get_loose(tp, i, p_loose)
                low = oy + descent
                if plain:  # (a glyph's box starts at its origin: a j reaches left of it)
                    x0, top, x1, bottom = (max(loose.left, ox) - left, top_edge - low - size,
                                           loose.right - left, top_edge - low)
                    base_y = top_edge - oy
                else:
                    x0, top, x1, bottom = frame.box(loose.left, low, loose.right, low + size)
                    base_y = frame.point(ox, oy)[1]
            else:  # rotated or mirrored: PDFium's glyph box (pdfminer's is the advance)
                x0, top, x1, bottom = self._tight_box(tp, i)
                base_y = top - 2  # no baseline
            if x1 < x0 or bottom < top:
                continue
            flat = upright and plain
            baseline = base_y if flat and top - 1 <= base_y <= bottom + 1 else None
            if obj != last_obj:
                run = by_object.setdefault(obj, [])
                last_obj = obj
                checked = unmapped.get(id(st), 0)  # an object's first char is checked
                if 0 <= checked < _MAP_CHECKS:
                    checked = unmapped[id(st)] = (-1 if has_map_error(tp, i) == 1
                                                  else checked + 1)
                shaped = checked < 0
            ink = self._ink(tp, i, ox, oy, st.size) if shaped and upright else None
            run.append(Glyph(text, x0, top, x1, bottom, size, st.font, st.color,
                             st.render_mode, flat, baseline, st.face, ink))
        for obj, glyphs in by_object.items():
            _fit_latin_advances(obj, glyphs, self.fonts)
            if len(glyphs) > 1:  # one glyph is no ligature
                by_object[obj] = _split_ligatures(glyphs)
        return by_object, {obj: known[0].size for obj, known in styles.items()}

    def _ink(self, tp: int, index: int, ox: float, oy: float, size: float
             ) -> tuple[int, int, int, int]:
        """The edges of a glyph's ink from its origin (left, right, bottom, top), in
        ``INK_STEPS`` of its font size: the shape of its code."""
        left, right, bottom, top = _char_box(tp, index)
        step = max(abs(size), 1e-6) / INK_STEPS
        return (round((left - ox) / step), round((right - ox) / step),
                round((bottom - oy) / step), round((top - oy) / step))

    def _tight_box(self, tp: int, index: int) -> tuple[float, float, float, float]:
        left, right, bottom, top = _char_box(tp, index)
        return self.frame.box(left, bottom, right, top)


def _char_box(tp: int, index: int) -> tuple[float, float, float, float]:
    """PDFium's box of the ink of char ``index`` of the text page ``tp``: left, right,
    bottom, top in PDF user space."""
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    lib.FPDFText_GetCharBox(tp, index, left, right, bottom, top)
    return left.value, right.value, bottom.value, top.value


def _fit_latin_advances(obj: int, glyphs: list[Glyph], fonts: _FontCache) -> None:
    """Latin letters and digits whose box reaches past their advance made one advance
    wide (in place). PDFium's loose box of a glyph that overhangs its advance (an f, a j,
    an ff ligature) is wider than the advance, so the gap to the next word reads narrower
    than the space set there. The advance is the font's width of the letter times the
    object's scale, taken as the median box-to-width ratio of its Latin glyphs (three or
    more); the letters of a ligature (one box) get the sum of their widths. A glyph of a
    font with no Unicode map (``ink`` set) is a code, not the letter PDFium names it."""
    if len(glyphs) < 3:  # fewer than three runs: nothing to take a median of
        return

    def latin(g: Glyph) -> bool:
        return (g.upright and len(g.text) == 1 and ord(g.text) < 0x250 and g.text.isalnum()
                and g.ink is None)

    runs: list[list[int]] = []  # glyphs sharing one box (a ligature's letters) together
    for k, g in enumerate(glyphs):
        if runs and abs(glyphs[runs[-1][0]].x0 - g.x0) < 0.01:
            runs[-1].append(k)
        else:
            runs.append([k])
    runs = [r for r in runs if all(latin(glyphs[k]) for k in r)]
    if len(runs) < 3:
        return
    font = lib.FPDFTextObj_GetFont(obj) or 0
    widths = [sum(fonts.advance(font, ord(glyphs[k].text)) for k in r) for r in runs]
    ratios = sorted((glyphs[r[0]].x1 - glyphs[r[0]].x0) / w
                    for r, w in zip(runs, widths, strict=True) if len(r) == 1 and w > 0)
    if len(ratios) < 3:
        return
    scale = ratios[len(ratios) // 2]
    for run, w in zip(runs, widths, strict=True):
        g = glyphs[run[0]]
        if w > 0 and g.x1 - g.x0 > scale * w:
            for k in run:
                glyphs[k] = dataclasses.replace(glyphs[k], x1=g.x0 + scale * w)


def _split_ligatures(glyphs: list[Glyph]) -> list[Glyph]:
    """PDFium gives each letter of a ligature (ﬀ, ﬁ) the ligature's whole box; a run of one
    object's glyphs with the same box is cut into equal parts, one per letter, so the
    letters do not look like a glyph drawn twice. In a font with no Unicode map (its
    glyphs carry ``ink``) such a run is one code PDFium spelt with several characters:
    one glyph, their text joined."""
    out: list[Glyph] = []
    i = 0
    while i < len(glyphs):
        g = glyphs[i]
        j = i + 1
        while j < len(glyphs) and (glyphs[j].x0, glyphs[j].x1, glyphs[j].top) == (
                g.x0, g.x1, g.top):
            j += 1
        if j - i == 1:
            out.append(g)
        elif g.ink is not None:
            out.append(dataclasses.replace(g, text="".join(p.text for p in glyphs[i:j])))
        else:
            step = (g.x1 - g.x0) / (j - i)
            out += [dataclasses.replace(part, x0=g.x0 + k * step, x1=g.x0 + (k + 1) * step)
                    for k, part in enumerate(glyphs[i:j])]
        i = j
    return out


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
        reader = _Reader(frame)
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
