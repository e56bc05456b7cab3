"""Characters as the line breaker sees them: kinds, widths, tokens and clusters.

Takes a text and a :class:`Measure` (fonts + size); returns :class:`Glyph` clusters between
which a line may break (:func:`clusters_of`), plus the width arithmetic the breaker and the
placer share (Han–Latin gaps, natural widths, how much full-width punctuation may be
compressed). Tokens: Han characters one by one, Latin words/numbers as wholes, the
unbreakable pairs (—— …… ⋯⋯) as wholes, spaces as breakable glue (never drawn: a gap), the
fixed space U+2002 (a dateline's 记者 姬慧洋) as a drawn character glued to both neighbours.
Tokens are glued into clusters so that no line starts with a NO_START or ends with a NO_END
character. Control and format characters are left out (:func:`drawable`).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from reportlab.pdfbase.pdfmetrics import stringWidth

log = logging.getLogger("layout.render")

NO_START = "、，；：。．！？‼⁇”’」』）》〉】〗〕］｝～–·・‧" + ",.;:!?)]}%"
NO_END = "“‘「『（《〈【〖〔［｛" + "([{"
UNBREAKABLE = ("——", "⸺", "……", "⋯⋯")
# Full-width punctuation whose ink sits on one half of the em box: the other half can go.
COMPRESS_RIGHT = frozenset("、，；：。．！？”’」』）》〉】〗〕］｝")
COMPRESS_LEFT = frozenset("“‘「『（《〈【〖〔［｛")
HAN_LATIN_GAP_EM = 0.25  # defaults; RenderSettings can change them
MAX_COMPRESSION_EM = 0.5

HAN, LATIN, PUNCT, SPACE = 0, 1, 2, 3

FIXED_SPACE = "\u2002"  # en space: drawn, ½ em, never stretched or broken at (datelines)

_TOKEN = re.compile(
    r"——|……|⋯⋯|[^\S\u2002]+"
    r"|[0-9A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]+"
    r"(?:[.,:/'’\-+&][0-9A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]+)*"
    r"|.",
    re.DOTALL,
)


IDEOGRAPHIC_SPACE = "\u3000"  # a full-width gap; every other whitespace is a plain space
_dropped: set[str] = set()


def drawable(text: str) -> str:
    """``text`` as it is set: whitespace as spaces, control and format characters left out.

    :data:`FIXED_SPACE` stays itself. Control (Cc) and format (Cf: zero-width space, soft
    hyphen, BOM, bidi marks...)
    characters have no glyph to draw and are not text a reader sees: they never reach a
    font run. Each one left out is logged once per process.
    """
    if text.isprintable():
        return text
    kept = []
    for char in text:
        if char.isspace():
            kept.append(char if char in (IDEOGRAPHIC_SPACE, FIXED_SPACE) else " ")
        elif unicodedata.category(char) in ("Cc", "Cf"):
            if char not in _dropped:
                _dropped.add(char)
                log.warning("control or format character U+%04X is not drawn", ord(char))
        else:
            kept.append(char)
    return "".join(kept)


def char_kind(char: str) -> int:
    """HAN (ideographs, kana, hangul), LATIN (letters, digits), SPACE or PUNCT (which
    :data:`FIXED_SPACE` counts as: it is drawn)."""
    if char == FIXED_SPACE:
        return PUNCT
    if char.isspace():
        return SPACE
    code = ord(char)
    if (0x3400 <= code <= 0x9FFF or 0x20000 <= code <= 0x3FFFF or 0xF900 <= code <= 0xFAFF
            or 0x3040 <= code <= 0x30FF or 0xAC00 <= code <= 0xD7AF or char == "〇"):
        return HAN
    if unicodedata.category(char)[0] in "LN" and code < 0x2E80:
        return LATIN
    return PUNCT


class FontChooser(Protocol):
    """What :class:`Measure` needs of a font set: the face that draws a character."""

    def font_for(self, char: str, preferred: str) -> str: ...


@dataclass(frozen=True, slots=True)
class Spacing:
    """Sizes the line breaker works with, in points (``compression``: share of a glyph)."""

    em: float
    han_latin: float
    compression: float


@dataclass
class Measure:
    """Per-character widths in one size, with per-character font fallback (cached).

    ``han_latin_gap_em`` and ``compression_em`` are the ¼-em Han–Latin gap and the share of a
    full-width punctuation mark that may be squeezed out (DESIGN §5 rule 5, compression).
    """

    fonts: FontChooser  # a layout.render.fonts.FontSet
    font: str
    size: float
    han_latin_gap_em: float = HAN_LATIN_GAP_EM
    compression_em: float = MAX_COMPRESSION_EM
    _cache: dict[str, tuple[str, float, int]] = field(default_factory=dict, repr=False)
    vertical: ClassVar[bool] = False  # set down columns (layout.render.vertical)

    def glyph(self, char: str) -> tuple[str, float, int]:
        """(font name, advance width in points, character kind) of ``char``."""
        hit = self._cache.get(char)
        if hit is None:
            name = self.fonts.font_for(char, self.font)
            hit = (name, stringWidth(char, name, self.size), char_kind(char))
            self._cache[char] = hit
        return hit

    def spacing(self) -> Spacing:
        return Spacing(self.size, self.han_latin_gap_em * self.size, self.compression_em)

    def combine(self, clusters: list[Cluster]) -> list[Cluster]:
        """The clusters as set: horizontal text keeps them (vertical text joins 縦中横)."""
        return clusters


@dataclass(slots=True)
class Glyph:
    char: str
    font: str
    width: float
    kind: int
    joined: bool  # no stretch before it (inside a Latin word or an unbreakable pair)


Cluster = list[Glyph]


def clusters_of(text: str, measure: Measure) -> list[Cluster]:
    """Tokenize ``text`` and glue tokens into clusters between which a line may break.

    The text is first made :func:`drawable` (control characters left out).
    """
    clusters: list[Cluster] = []
    glue_next = False
    for token in _TOKEN.findall(drawable(text)):
        glyphs = []
        joined = False
        for char in token:
            font, width, kind = measure.glyph(char)
            glyphs.append(Glyph(char, font, width, kind, joined))
            joined = True
        if glyphs[0].kind == SPACE:
            clusters.append(glyphs[:1])  # a run of spaces counts as one gap
            glue_next = False
            continue
        first, last = token[0], token[-1]
        if clusters and (glue_next or first in NO_START or first == FIXED_SPACE) and (
                clusters[-1][0].kind != SPACE):
            clusters[-1].extend(glyphs)
        else:
            clusters.append(glyphs)
        glue_next = last in NO_END or last == FIXED_SPACE
    return measure.combine(clusters)


def han_latin_gap(left: Glyph, right: Glyph, sp: Spacing) -> float:
    # HAN = 0 and LATIN = 1: only a Han–Latin pair sums to 1
    return sp.han_latin if left.kind + right.kind == 1 else 0.0


def trim_spaces(glyphs: list[Glyph]) -> list[Glyph]:
    """``glyphs`` without the spaces at either end."""
    start, end = 0, len(glyphs)
    while start < end and glyphs[start].kind == SPACE:
        start += 1
    while end > start and glyphs[end - 1].kind == SPACE:
        end -= 1
    return glyphs[start:end]


def natural_width(glyphs: Sequence[Glyph], sp: Spacing) -> float:
    total = 0.0
    for i, glyph in enumerate(glyphs):
        total += glyph.width
        if i:
            total += han_latin_gap(glyphs[i - 1], glyph, sp)
    return total


def compressible(glyphs: Sequence[Glyph], sp: Spacing) -> list[tuple[int, int, float]]:
    """(index, side, amount): -1 = trim the left half, +1 = the right half; never at edges."""
    found = []
    last = len(glyphs) - 1
    for i, glyph in enumerate(glyphs):
        if glyph.width < 0.9 * sp.em:
            continue
        if glyph.char in COMPRESS_RIGHT and i < last:
            found.append((i, 1, sp.compression * glyph.width))
        elif glyph.char in COMPRESS_LEFT and i > 0 and glyphs[i - 1].width >= 0.9 * sp.em:
            found.append((i, -1, sp.compression * glyph.width))
    return found


def compress_pairs(glyphs: Sequence[Glyph], sp: Spacing, shrink: list[float],
                    left_shift: list[float]) -> float:
    """Adjacent full-width marks (，“ 。” “《) lose the blank half between them; the total."""
    total = 0.0
    for i in range(len(glyphs) - 1):
        left, right = glyphs[i], glyphs[i + 1]
        if left.width < 0.9 * sp.em or right.width < 0.9 * sp.em:
            continue
        if left.char in COMPRESS_RIGHT and (right.char in COMPRESS_RIGHT
                                            or right.char in COMPRESS_LEFT):
            shrink[i] = sp.compression * left.width
            total += shrink[i]
        elif left.char in COMPRESS_LEFT and right.char in COMPRESS_LEFT:
            left_shift[i + 1] = sp.compression * right.width
            total += left_shift[i + 1]
    return total


def joined_clusters(lead: list[Cluster], rest: list[Cluster]) -> list[Cluster]:
    """Two cluster lists as one text: glue across the seam where the rules ask for it."""
    if lead and rest and rest[0][0].kind != SPACE and lead[-1][0].kind != SPACE and (
            rest[0][0].char in NO_START or lead[-1][-1].char in NO_END):
        return [*lead[:-1], lead[-1] + rest[0], *rest[1:]]
    return lead + rest
