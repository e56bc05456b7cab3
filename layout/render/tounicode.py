"""Exact text extraction from ReportLab's TrueType subsets: ToUnicode fixes.

Takes nothing; :func:`install` patches two functions of ``reportlab.pdfbase.ttfonts`` once:

* ``makeToUnicodeCMap``: ReportLab (up to at least 5.1) writes each ToUnicode entry as
  ``<%04X>``, so a code point beyond the BMP such as U+20BB7 comes out as ``<20BB7>``, five hex
  digits, which PDF readers take for garbage. The PDF specification wants UTF-16BE there, i.e.
  the surrogate pair ``<D842DFB7>``. The replacement writes every destination as UTF-16BE hex.
* ``TTFont.splitString``: a character the face has no glyph for gets byte 0 of subset 0,
  which ReportLab reserves for .notdef and maps to U+0000, so every uncovered character
  extracted as U+0000. The wrapper first maps such a character to glyph 0 (.notdef) in the
  face's character map: ReportLab then gives it a code of its own, draws the missing-glyph
  box for it and names the character in the ToUnicode CMap, so it extracts exactly.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from reportlab.pdfbase import ttfonts

log = logging.getLogger("layout.tounicode")

_MARK = "_layout_utf16_tounicode"
NOTDEF_GLYPH = 0
NBSP = 0xA0  # ReportLab draws it as a space


def utf16be_hex(codepoint: int) -> str:
    """``<…>`` destination of a ToUnicode entry: the UTF-16BE code units of one character."""
    return chr(codepoint).encode("utf-16-be", "surrogatepass").hex().upper()


def make_to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ToUnicode CMap mapping byte ``i`` of a subset to the character ``subset[i]``.

    Same layout as ReportLab's own function (one ``bfchar`` block), but the destinations are
    UTF-16BE, so characters beyond U+FFFF round-trip through text extraction.
    """
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    # A bfchar block may hold at most 100 entries (PDF Reference, 5.9.2 / CMap spec).
    for start in range(0, len(subset), 100):
        chunk = subset[start:start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(f"<{start + i:02X}> <{utf16be_hex(cp)}>" for i, cp in enumerate(chunk))
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


setattr(make_to_unicode_cmap, _MARK, True)


SplitString = Callable[..., list[tuple[int, bytes]]]


def _split_string_naming_uncovered(original: SplitString) -> SplitString:
    """``TTFont.splitString`` that gives every uncovered character a code of its own."""

    def split_string(self: ttfonts.TTFont, text: str | bytes, doc: object,
                     encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        if isinstance(text, bytes):
            text = text.decode(encoding)
        cmap = self.face.charToGlyph
        for code in set(map(ord, text)).difference(cmap):
            if code != NBSP:
                cmap[code] = NOTDEF_GLYPH  # drawn as .notdef, extracted as itself
        return original(self, text, doc, encoding)

    setattr(split_string, _MARK, True)
    return split_string


def is_installed() -> bool:
    return (getattr(ttfonts.makeToUnicodeCMap, _MARK, False)
            and getattr(ttfonts.TTFont.splitString, _MARK, False))


def install() -> None:
    """Make ReportLab use :func:`make_to_unicode_cmap` and name uncovered characters.

    Calling it again does nothing. ``TTFont.addObjects`` looks the CMap function up in its
    module's globals at call time, so replacing the module attribute is enough.
    """
    if not getattr(ttfonts.makeToUnicodeCMap, _MARK, False):
        if callable(getattr(ttfonts, "makeToUnicodeCMap", None)):
            ttfonts.makeToUnicodeCMap = make_to_unicode_cmap
        else:
            log.warning("reportlab.pdfbase.ttfonts has no makeToUnicodeCMap: "
                        "characters beyond U+FFFF may not extract correctly")
    split = getattr(ttfonts.TTFont, "splitString", None)
    if callable(split) and not getattr(split, _MARK, False):
        ttfonts.TTFont.splitString = _split_string_naming_uncovered(split)
