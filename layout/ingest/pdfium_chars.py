"""The glyphs of one PDF page from PDFium's text page (pypdfium2's raw calls).

Takes a loaded page (and its :class:`PageFrame`, the map from PDF user space to the
rendered page); :meth:`CharReader.chars` returns the page's glyphs by the address of the
text object that draws them, and each such object's font size, for
:mod:`layout.ingest.pdfium` to put in content-stream order beside the copies PDFium's
text layer hides. A glyph gets pdfminer's box (from its origin, one advance wide, from the
font's descent to one font size above it; PDFium's tight box for a turned or mirrored
glyph), its size on the page, font name, fill colour, render mode and, for a font with no
Unicode map, the shape of its ink. Latin letters overhanging their advance are cut to it
and the letters of a ligature share its box in equal parts. Text PDFium inserts (spaces,
line breaks) is skipped. Text styles and fonts are looked up once per distinct style.
"""

from __future__ import annotations

import ctypes
import dataclasses
import struct
from dataclasses import dataclass

import pypdfium2 as pdfium

from layout.ingest.pdfium_copies import PageText
from layout.ingest.pdfium_lib import handle, lib, per_char
from layout.ingest.pdfium_paths import Matrix, object_bounds
from layout.ingest.raw import Glyph, ObjectTally, is_upright, make_glyph

_MAP_CHECKS = 64  # text objects of a style whose first char is checked for a missing
# Unicode map (PDFium's flag)
INK_STEPS = 50  # a glyph's ink edges are kept in this many steps of its size
_ORIGIN_AND_BOX = struct.Struct("=ddffff")  # x, y (doubles); left, top, right, bottom



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


class CharReader:
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
        p_size = base  # (pointers of the untyped per-char calls as c_void_p objects)
        v_tp, p_matrix = ctypes.c_void_p(tp), ctypes.c_void_p(base + ctypes.sizeof(ctypes.c_float))
        p_r, p_g, p_b, p_a = (ctypes.c_void_p(colour + k * ctypes.sizeof(ctypes.c_uint))
                              for k in range(4))
        key_view = memoryview(buf).cast("B")[:5 * ctypes.sizeof(ctypes.c_float)]
        rgb_view = memoryview(rgba).cast("B")[:3 * ctypes.sizeof(ctypes.c_uint)]
        get_font, get_size = lib.FPDFTextObj_GetFont, lib.FPDFTextObj_GetFontSize
        get_fill, get_matrix = per_char.FPDFText_GetFillColor, per_char.FPDFText_GetMatrix
        get_mode, styles = lib.FPDFTextObj_GetTextRenderMode, self._styles

        def read(index: int, obj: int) -> tuple[TextStyle, bool, float, float]:
            font = get_font(obj) or 0
            get_size(obj, p_size)
            has_color = get_fill(v_tp, index, p_r, p_g, p_b, p_a)
            get_matrix(v_tp, index, p_matrix)
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
        # a char's origin (x, y: doubles) then its loose box (FS_RECTF: left, top, right,
        # bottom), written by PDFium and read back with one unpack (no ctypes field reads)
        out = (ctypes.c_double * 4)()
        at = ctypes.addressof(out)
        unpack = _ORIGIN_AND_BOX.unpack_from
        # the per-char calls take no argument types: handle and pointers as c_void_p
        v_tp, p_ox, p_oy = ctypes.c_void_p(tp), ctypes.c_void_p(at), ctypes.c_void_p(at + 8)
        p_loose = ctypes.c_void_p(at + 16)
        get_unicode, is_generated = per_char.FPDFText_GetUnicode, per_char.FPDFText_IsGenerated
        get_object = per_char.FPDFText_GetTextObject
        get_origin, get_loose = per_char.FPDFText_GetCharOrigin, per_char.FPDFText_GetLooseCharBox
        style_of = self._style_reader(tp)
        pending_high = None
        last_obj, run = None, []
        unmapped: dict[int, int] = {}  # id of a style: objects checked for a missing
        # Unicode map (then -1: its font has none, and its glyphs carry their ink's shape)
        shaped = False
        has_map_error = per_char.FPDFText_HasUnicodeMapError
        for i in range(lib.FPDFText_CountChars(tp)):
            code = get_unicode(v_tp, i)
            if code < 0x80 and is_generated(v_tp, i):  # PDFium's spaces, breaks, hyphens
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
            obj = get_object(v_tp, i) or 0
            known = styles.get(obj)
            if known is None:
                known = styles[obj] = style_of(i, obj)
            st, upright, size, descent = known
            get_origin(v_tp, i, p_ox, p_oy)
            if upright:
                get_loose(v_tp, i, p_loose)
                ox, oy, loose_left, _, loose_right, _ = unpack(out)
                low = oy + descent
                if plain:  # (a glyph's box starts at its origin: a j reaches left of it)
                    x0, top, x1, bottom = (max(loose_left, ox) - left, top_edge - low - size,
                                           loose_right - left, top_edge - low)
                    base_y = top_edge - oy
                else:
                    x0, top, x1, bottom = frame.box(loose_left, low, loose_right, low + size)
                    base_y = frame.point(ox, oy)[1]
            else:  # rotated or mirrored: PDFium's glyph box (pdfminer's is the advance)
                ox, oy = unpack(out)[:2]
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
                    checked = unmapped[id(st)] = (-1 if has_map_error(v_tp, i) == 1
                                                  else checked + 1)
                shaped = checked < 0
            ink = self._ink(tp, i, ox, oy, st.size) if shaped and upright else None
            run.append(make_glyph(text, x0, top, x1, bottom, size, st.font, st.color,
                                  st.render_mode, flat, baseline, st.face, ink))
        for obj, glyphs in by_object.items():
            if len(glyphs) > 1:  # one glyph is no ligature, nor three runs to fit
                _fit_latin_advances(obj, glyphs, self.fonts)
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
