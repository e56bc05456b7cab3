"""What vertical setting (直排) changes: glyph orientation, vertical forms, 縦中横, advances.

Takes characters, a :class:`layout.render.fonts.FontSet` and a size; provides
:class:`VerticalMeasure`, the :class:`layout.render.glyphs.Measure` of vertically set text,
so that the line breaker of :mod:`layout.render.typeset` sets columns exactly as it sets lines
(its "width" is the column's length, its advances the vertical ones), and
:func:`vertical_face`, which the drawer (:mod:`layout.render.vertical_draw`) asks how to draw.

* **Orientation** (after Unicode UAX #50): Han, kana, hangul, full-width forms and CJK
  symbols stand upright, one em each; Latin letters, digits of numbers longer than two and
  half-width punctuation are set as in horizontal text and so appear turned 90° clockwise
  (the frame of vertical pages is turned, :mod:`layout.render.pdf`).
* **Vertical punctuation**: marks with a vertical presentation form (U+FE10–FE19,
  U+FE30–FE4F: ︑︒︐ in the upper right quadrant, brackets ︵︶﹁﹂ turned, ︱ ︙ for — …)
  are drawn with that form's glyph from a copy of the face (:func:`vertical_face`) whose
  character map sends the plain character to it: the ToUnicode map names the plain
  character, so extraction gives back the text exactly. Quotes “”‘’ take the vertical
  corner forms ﹃﹄﹁﹂ (GB/T 15834-2011, 4.1.3: 竖排文字中使用直角引号). A face without the form
  falls back to another face that has it, else to the plain glyph turned half round, its ink
  in the upper right (、。，．), or turned 90° (brackets, dashes).
* **縦中横** (tate-chu-yoko): a number of one or two digits standing alone stands upright
  in one em, two digits side by side (:meth:`VerticalMeasure.combine`).
"""

from __future__ import annotations

import copy
import threading
import unicodedata
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth

from layout.render.fonts import face_file
from layout.render.glyphs import (
    FIXED_SPACE,
    HAN,
    SPACE,
    Cluster,
    Glyph,
    Measure,
    char_kind,
)

VERTICAL_SUFFIX = "~vert"  # a face's upright copy: its name and its PDF font name end so
DIGITS = frozenset("0123456789")
TATE_CHU_YOKO_DIGITS = 2  # numbers this long or shorter stand upright in one em
# without a vertical form: the plain glyph turned half round in its em square, which takes
# its ink from the lower left to the upper right and keeps the square in place (exact for the
# round ．。; the bundled faces have the forms of 、，)
SHIFTED = frozenset("、。，．")
TURNED = frozenset("〜～ー〰⋯⸺")  # set turned in vertical text (no vertical form exists)
UPRIGHT_BELOW_1100 = frozenset("§©®±¼½¾×÷")
UPRIGHT_PUNCTUATION = frozenset("‖†‡‰‱※‼⁂⁇⁈⁉⁑")
QUOTE_FORMS = {"“": "\ufe43", "”": "\ufe44", "‘": "\ufe41", "’": "\ufe42"}


def _vertical_forms() -> dict[str, str]:
    """Plain character → its vertical presentation form, from the Unicode decompositions.

    A full-width mark (，（) takes the form of the ASCII mark it folds to (NFKC): Chinese text
    has the full-width ones; half-width ASCII marks belong to Latin runs and stay turned.
    """
    forms: dict[str, str] = {}
    for code in (*range(0xFE10, 0xFE1A), *range(0xFE30, 0xFE49)):
        form = chr(code)
        tag, _, target = unicodedata.decomposition(form).partition(" ")
        if tag != "<vertical>":
            continue
        plain = chr(int(target, 16))
        if plain.isascii():
            wide = chr(ord(plain) + 0xFEE0)  # the full-width form of an ASCII mark
            if unicodedata.normalize("NFKC", wide) == plain:
                forms.setdefault(wide, form)
        else:
            forms.setdefault(plain, form)
    forms.pop("\uff3f", None)  # ＿ is a line, not a mark: leave it turned
    forms.update(QUOTE_FORMS)
    return forms


VERTICAL_FORMS = _vertical_forms()


def is_upright(char: str) -> bool:
    """True when ``char`` stands upright in vertical text (UAX #50 ``U``/``Tu``/``Tr`` with a
    vertical form), False when it is set turned 90° clockwise (``R``)."""
    if char in VERTICAL_FORMS or char in SHIFTED:
        return True
    if char in TURNED:
        return False
    code = ord(char)
    if code < 0x1100:
        return char in UPRIGHT_BELOW_1100
    if code <= 0x11FF:  # hangul jamo
        return True
    if 0x2000 <= code <= 0x206F:
        return char in UPRIGHT_PUNCTUATION
    if 0x2070 <= code <= 0x20FF or 0x2190 <= code <= 0x21FF or 0x2500 <= code <= 0x257F:
        return False  # super/subscripts, currency, arrows, box drawing
    if 0x2200 <= code <= 0x22FF:
        return char in "∞∴∵"
    if 0x2100 <= code <= 0x27BF:  # letterlike, number forms, shapes, symbols, dingbats
        return True
    if 0x27C0 <= code <= 0x2E7F:  # mathematical symbols, supplemental punctuation
        return False
    if 0xFF61 <= code <= 0xFF64 or 0xFFE8 <= code <= 0xFFEE:  # half-width marks
        return False
    return True  # CJK, kana, hangul, full-width forms, private use, emoji, beyond the BMP


@dataclass(frozen=True)
class VerticalFace:
    """An upright copy of a face: which characters it draws as vertical forms, its em box."""

    plain: str  # the face it copies (ReportLab name)
    forms: frozenset[str]  # characters drawn with their vertical form's glyph
    ascent: float  # top of the em box above the baseline (em)


_lock = threading.RLock()
_vertical_faces: dict[str, VerticalFace] = {}


def _em_box(name: str) -> tuple[float, float]:
    """(ascent, descent) of the ideographic em box in em: the OS/2 typographic ones, which
    CJK faces set to the em box (880/−120), else 0.88/−0.12."""
    where = face_file(name)
    if where is None:
        return 0.88, -0.12
    path, index = where
    from fontTools.ttLib import TTFont  # vertical pages only

    try:
        with open(path, "rb") as stream:
            collection = stream.read(4) == b"ttcf"
        face = TTFont(str(path), lazy=True, fontNumber=index if collection else -1)
        os2, units = face["OS/2"], face["head"].unitsPerEm
        ascent, descent = os2.sTypoAscender / units, os2.sTypoDescender / units
        face.close()
    except Exception:  # noqa: BLE001 - any face without readable OS/2: the usual box
        return 0.88, -0.12
    if not (0.5 <= ascent - descent <= 1.5 and 0.5 <= ascent <= 1.2):
        return 0.88, -0.12
    return ascent, descent


def vertical_face(name: str) -> VerticalFace | None:
    """The :class:`VerticalFace` registered as ``name`` (None for a plain face)."""
    return _vertical_faces.get(name)


def upright_font(fonts, name: str) -> str:
    """The name of the upright copy of face ``name`` (registered with ReportLab once).

    The copy shares the parsed face; its character map sends each character that has a
    vertical form (and whose form this face draws) to the form's glyph, and its font
    descriptor states the ideographic em box, so that extracted boxes are the em squares
    the characters are set in.
    """
    vertical = name + VERTICAL_SUFFIX
    if vertical in _vertical_faces:
        return vertical
    with _lock:
        if vertical in _vertical_faces:
            return vertical
        plain = pdfmetrics.getFont(fonts.ensure(name))
        font = copy.copy(plain)
        face = copy.copy(plain.face)
        face.name = plain.face.name + VERTICAL_SUFFIX.encode("ascii")
        face.charToGlyph = dict(plain.face.charToGlyph)
        face.charWidths = dict(plain.face.charWidths)
        ascent, descent = _em_box(name)
        face.ascent, face.descent = round(ascent * 1000), round(descent * 1000)
        forms = set()
        for char, form in VERTICAL_FORMS.items():
            glyph = plain.face.charToGlyph.get(ord(form))
            if glyph and fonts.covers(name, form):
                face.charToGlyph[ord(char)] = glyph
                face.charWidths[ord(char)] = plain.face.charWidths.get(ord(form),
                                                                        face.defaultWidth)
                forms.add(char)
        font.fontName, font.face = vertical, face
        font.state = WeakKeyDictionary()
        pdfmetrics.registerFont(font)
        _vertical_faces[vertical] = VerticalFace(name, frozenset(forms), ascent)
    return vertical


def upright_advance(char: str, size: float, width: float) -> float:
    """The advance down the column of an upright character: one em (the en space of a
    dateline keeps its width ``width``)."""
    return width if char == FIXED_SPACE else size


@dataclass
class VerticalMeasure(Measure):
    """Advances down a column: upright characters one em, turned ones their width.

    ``glyph`` names the upright copy of a face (:func:`upright_font`) for upright
    characters, the face itself for turned ones; :meth:`combine` makes 縦中横 units.
    """

    vertical = True

    def glyph(self, char: str) -> tuple[str, float, int]:
        hit = self._cache.get(char)
        if hit is None:
            name = self.fonts.font_for(char, self.font)
            kind = char_kind(char)
            if kind == SPACE or not is_upright(char):
                hit = (name, stringWidth(char, name, self.size), kind)
            else:
                face = self._form_face(char, name)
                if face is None:  # no face draws its vertical form: set it turned
                    hit = (name, stringWidth(char, name, self.size), kind)
                else:
                    upright = upright_font(self.fonts, face)
                    width = stringWidth(char, name, self.size)
                    hit = (upright, upright_advance(char, self.size, width), kind)
            self._cache[char] = hit
        return hit

    def _form_face(self, char: str, name: str) -> str | None:
        """The face that draws ``char`` upright: ``name`` unless the character needs a
        vertical form that ``name`` lacks (then the first fallback with it, or None)."""
        form = VERTICAL_FORMS.get(char)
        if form is None:
            return name
        for face in (name, *getattr(self.fonts, "fallbacks", ())):
            if self.fonts.covers(face, form):
                return face
        return name if char in SHIFTED else None

    def combine(self, clusters: list[Cluster]) -> list[Cluster]:
        """Numbers of one or two digits standing alone become one upright glyph of one em."""
        out: list[Cluster] = []
        for cluster in clusters:
            glyphs: Cluster = []
            start = 0
            while start < len(cluster):
                end = start + 1
                while end < len(cluster) and cluster[end].joined:
                    end += 1  # a token: its first glyph, then the ones joined to it
                token = cluster[start:end]
                if len(token) <= TATE_CHU_YOKO_DIGITS and all(g.char in DIGITS for g in token):
                    first = token[0]
                    glyphs.append(Glyph("".join(g.char for g in token),
                                        upright_font(self.fonts, first.font), self.size, HAN,
                                        first.joined))
                else:
                    glyphs += token
                start = end
            out.append(glyphs)
        return out
