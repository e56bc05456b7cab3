"""Screen a raw page before analysis: glyphs that are not text, numbers no page can hold.

Takes a :class:`~layout.ingest.raw.RawPage` from any reader, the limits settings and
the file's name; returns the page without

- glyphs whose size or position is not finite or beyond ``limits.max_glyph_size`` /
  ``limits.max_coordinate`` (a 1e11 pt font), so no later cost grows with a number
  written in the file;
- glyphs that are not text: ``(cid:N)`` codes (pdfminer's text for a code with no
  Unicode mapping), control characters and U+FFFD (PDFium's), private-use code
  points. When more than a few (5 %) of a font's glyphs on the page are such codes,
  the font has no usable Unicode map and every glyph of it is unreadable: PDFium
  gives the raw codes of such a font, and its codes above 31 look like Latin text.

Each kind is counted per font in ``RawPage.unreadable`` (the glyphs that are codes kept in
``RawPage.coded``: where a font's characters are and how large, for OCR's text) and
logged as one warning naming the file, the page and the font ("page 2: font ABC+Foo has no
ToUnicode map; 340 glyphs unreadable (needs OCR)"). Whitespace glyphs are left alone.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import re
import unicodedata
from collections import Counter

from layout.ingest.raw import INVISIBLE_RENDER_MODE, Glyph, RawPage, UnreadableText
from layout.settings import LimitsSettings

log = logging.getLogger("layout.ingest.screen")

NO_TOUNICODE = "has no ToUnicode map"
PRIVATE_USE = "maps them to private-use code points"
ABSURD = "sets them at an absurd size or position"
UNMAPPED_SHARE = 0.05  # a font more of whose glyphs than this are codes has no Unicode map
_CID = re.compile(r"\(cid:\d+\)")


def not_text(text: str) -> str | None:
    """Why a glyph's text is not text, or None when it is text (or whitespace)."""
    if _CID.fullmatch(text) or text == "\ufffd":
        return NO_TOUNICODE
    if text.isspace():
        return None
    categories = {unicodedata.category(ch) for ch in text}
    if categories <= {"Cc", "Cs"}:
        return NO_TOUNICODE
    if categories <= {"Co"}:
        return PRIVATE_USE
    return None


def absurd(g: Glyph, limits: LimitsSettings) -> bool:
    """A size or position no page can hold (or not a number at all)."""
    size = g.size
    if not (math.isfinite(size) and abs(size) <= limits.max_glyph_size):
        return True
    reach = limits.max_coordinate
    return not all(math.isfinite(v) and abs(v) <= reach for v in (g.x0, g.top, g.x1, g.bottom))


def screen_page(raw: RawPage, limits: LimitsSettings, source: object = "") -> RawPage:
    """``raw`` without absurd glyphs and glyphs that are not text (see the module doc)."""
    reasons: list[str | None] = []
    coded: Counter[str] = Counter()
    why_not: dict[str, str | None] = {}  # not_text per distinct text (pages repeat them)
    max_size, reach = limits.max_glyph_size, limits.max_coordinate
    # the limits are finite (validated), so ``abs(v) <= limit`` also rules out inf and NaN
    sure = math.isfinite(max_size) and math.isfinite(reach)
    for g in raw.glyphs:
        if (not (abs(g.size) <= max_size and abs(g.x0) <= reach and abs(g.top) <= reach
                 and abs(g.x1) <= reach and abs(g.bottom) <= reach)
                if sure else absurd(g, limits)):
            reason: str | None = ABSURD
        elif g.render_mode == INVISIBLE_RENDER_MODE:
            reason = None  # an OCR layer's text is read as it is (and dropped later)
        else:
            text = g.text
            if text in why_not:
                reason = why_not[text]
            else:
                reason = why_not[text] = not_text(text)
            if reason == NO_TOUNICODE:
                coded[g.font] += 1
        reasons.append(reason)
    if not coded and reasons.count(None) == len(reasons):
        return raw  # (the common page: every glyph text, no font without a Unicode map)
    unmapped: set[str] = set()
    if coded:  # the glyphs screened as text or codes, per font (those of coded fonts)
        fonts = Counter(g.font for g, reason in zip(raw.glyphs, reasons, strict=True)
                        if g.font in coded and reason != ABSURD
                        and g.render_mode != INVISIBLE_RENDER_MODE)
        unmapped = {f for f, n in coded.items() if n > UNMAPPED_SHARE * fonts[f]}
    kept: list[Glyph] = []
    codes: list[Glyph] = []
    codes_at: list[int] = []
    dropped: Counter[tuple[str, str]] = Counter()
    for g, reason in zip(raw.glyphs, reasons, strict=True):
        if reason is None and g.font in unmapped and g.render_mode != INVISIBLE_RENDER_MODE:
            reason = NO_TOUNICODE
        if reason is None:
            kept.append(g)
        else:
            dropped[(g.font, reason)] += 1
            if reason != ABSURD:
                codes.append(g)
                codes_at.append(len(kept))
    if not dropped:
        return raw
    where = f"{source}: page {raw.number}" if source else f"page {raw.number}"
    for (font, reason), count in dropped.items():
        if reason == ABSURD:
            log.warning("%s: %d glyphs of absurd size or position dropped (font %s)",
                        where, count, font or "(unnamed)")
        else:
            log.warning("%s: font %s %s; %d glyphs unreadable (needs OCR)",
                        where, font or "(unnamed)", reason, count)
    unreadable = raw.unreadable + tuple(
        UnreadableText(font, reason, count) for (font, reason), count in dropped.items())
    return dataclasses.replace(raw, glyphs=tuple(kept), unreadable=unreadable,
                               coded=raw.coded + tuple(codes),
                               coded_at=raw.coded_at + tuple(codes_at))
