"""Correct ToUnicode CMaps for ReportLab's TrueType subsets (characters beyond U+FFFF).

Takes nothing; :func:`install` patches ``reportlab.pdfbase.ttfonts.makeToUnicodeCMap`` once.
ReportLab (up to at least 5.1) writes each ToUnicode entry as ``<%04X>``: a code point beyond
the BMP such as U+20BB7 comes out as ``<20BB7>``, five hex digits, which PDF readers take for
garbage. The PDF specification wants UTF-16BE there, i.e. the surrogate pair ``<D842DFB7>``.
The replacement builds the same CMap with every destination written as UTF-16BE hex.
"""

from __future__ import annotations

import logging

from reportlab.pdfbase import ttfonts

log = logging.getLogger("layout.tounicode")

_MARK = "_layout_utf16_tounicode"


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


def is_installed() -> bool:
    return getattr(ttfonts.makeToUnicodeCMap, _MARK, False)


def install() -> None:
    """Make ReportLab use :func:`make_to_unicode_cmap`; calling it again does nothing.

    ``TTFont.addObjects`` looks the function up in its module's globals at call time, so
    replacing the module attribute is enough.
    """
    if is_installed():
        return
    if not callable(getattr(ttfonts, "makeToUnicodeCMap", None)):
        log.warning("reportlab.pdfbase.ttfonts has no makeToUnicodeCMap: "
                    "characters beyond U+FFFF may not extract correctly")
        return
    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap
