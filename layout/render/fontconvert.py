"""Font file conversion for ReportLab: subset, CFF → TrueType (glyf), family renaming.

Takes fontTools ``TTFont`` objects (or paths) and returns modified ``TTFont`` objects or bytes.
ReportLab embeds only TrueType outlines, while the good CJK faces (Noto CJK, Source Han) are
CFF-flavoured OpenType. :func:`cff_to_truetype` follows fontTools' ``otf2ttf`` snippet: every
cubic outline goes through ``cu2qu`` into a ``glyf`` table, ``VORG`` is dropped, ``loca``,
``maxp`` and ``post`` are rebuilt. Used by ``fonts/build.py`` (bundled faces) and by
``layout.render.fonts`` (user fonts given as OTF, converted on the fly and cached).
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable

from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

# cu2qu tolerance in font units (1000 or 2048 per em): invisible at print sizes.
MAX_CONVERSION_ERROR = 1.0
# OpenType layout tables ReportLab ignores; dropping them keeps the bundled files small.
LAYOUT_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH")
# Tables that describe CFF-only data or hinting that a converted font cannot keep.
CFF_ONLY_TABLES = ("VORG", "CFF ", "CFF2")

NAME_FAMILY = 1
NAME_SUBFAMILY = 2
NAME_UNIQUE_ID = 3
NAME_FULL = 4
NAME_POSTSCRIPT = 6
NAME_TYPO_FAMILY = 16
NAME_TYPO_SUBFAMILY = 17
# Name records a renamed (modified) face must not keep: they carry the original's names.
NAMES_TO_DROP = (NAME_UNIQUE_ID, NAME_TYPO_FAMILY, NAME_TYPO_SUBFAMILY, 18, 20, 21, 22, 25)


def is_cff(font: TTFont) -> bool:
    """True when the font has PostScript (CFF/CFF2) outlines rather than ``glyf``."""
    return "CFF " in font or "CFF2" in font


def subset_font(font: TTFont, codepoints: Iterable[int], keep_layout: bool = False) -> TTFont:
    """Cut ``font`` down (in place) to the glyphs of ``codepoints`` it maps; returns it.

    Hinting and (unless ``keep_layout``) OpenType layout tables are dropped; CFF charstrings
    are desubroutinized so that the later cu2qu conversion sees plain outlines.
    """
    from fontTools.subset import Options, Subsetter  # heavy: only when fonts are converted

    options = Options()
    options.hinting = False
    options.desubroutinize = True
    options.notdef_outline = True
    options.recalc_bounds = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.glyph_names = False
    options.drop_tables = list(options.drop_tables) + ["VORG"]
    if keep_layout:
        options.layout_features = ["*"]
    else:
        options.layout_features = []
        options.drop_tables += list(LAYOUT_TABLES)
    subsetter = Subsetter(options=options)
    subsetter.populate(unicodes=sorted(set(codepoints)))
    subsetter.subset(font)
    return font


def single_substitutions(font: TTFont, feature: str) -> dict[str, str]:
    """Glyph → glyph mapping of every single substitution of ``feature`` in GSUB (any script)."""
    if "GSUB" not in font:
        return {}
    table = font["GSUB"].table
    mapping: dict[str, str] = {}
    for record in table.FeatureList.FeatureRecord:
        if record.FeatureTag != feature:
            continue
        for lookup_index in record.Feature.LookupListIndex:
            lookup = table.LookupList.Lookup[lookup_index]
            for subtable in lookup.SubTable:
                if lookup.LookupType == 7:  # extension: the real subtable is inside
                    subtable = subtable.ExtSubTable
                for source, target in (getattr(subtable, "mapping", None) or {}).items():
                    mapping.setdefault(source, target)
    return mapping


def remap_to_feature_variant(font: TTFont, codepoints: Iterable[int], feature: str) -> list[int]:
    """Point the cmap of ``codepoints`` (in place) at their ``feature`` variant glyph.

    ReportLab applies no OpenType features, so a form that CJK text needs by default (e.g. the
    full-width, vertically centred em dash of ``fwid``) must be what the cmap gives. Returns the
    code points that were remapped; the others have no such variant and are left alone.
    """
    variants = single_substitutions(font, feature)
    best = font.getBestCmap()
    changed = []
    for codepoint in codepoints:
        glyph = best.get(codepoint)
        if glyph is None or glyph not in variants:
            continue
        for subtable in font["cmap"].tables:
            if subtable.isUnicode() and codepoint in subtable.cmap:
                subtable.cmap[codepoint] = variants[glyph]
        changed.append(codepoint)
    return changed


def _quadratic_glyphs(font: TTFont) -> dict:
    glyph_set = font.getGlyphSet()
    quadratic = {}
    for name in font.getGlyphOrder():
        tt_pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(tt_pen, MAX_CONVERSION_ERROR, reverse_direction=True))
        quadratic[name] = tt_pen.glyph()
    return quadratic


def cff_to_truetype(font: TTFont) -> TTFont:
    """Replace the CFF outlines of ``font`` by quadratic ``glyf`` outlines (in place); returns it.

    A font that already has ``glyf`` outlines is returned unchanged.
    """
    if not is_cff(font):
        return font
    glyph_order = font.getGlyphOrder()
    quadratic = _quadratic_glyphs(font)
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = quadratic
    for tag in CFF_ONLY_TABLES:
        if tag in font:
            del font[tag]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = max(
        (len(getattr(g, "components", None) or ()) for g in glyf.glyphs.values()), default=0
    )
    maxp.compile(font)
    post = font["post"]
    post.formatType = 3.0  # no glyph names: CID-keyed sources have none worth keeping
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    font.sfntVersion = "\x00\x01\x00\x00"
    return font


def rename_family(font: TTFont, family: str, style: str, version_note: str = "") -> TTFont:
    """Give ``font`` (in place) a new family name, as the OFL requires of modified versions.

    Copyright (0), licence (13, 14), trademark (7), manufacturer/designer (8–12) records
    are kept; every record that names the original face is replaced or dropped.
    """
    name_table = font["name"]
    ps_family = "".join(ch for ch in family if ch.isalnum())
    ps_style = "".join(ch for ch in style if ch.isalnum())
    is_ribbi = style in ("Regular", "Bold", "Italic", "Bold Italic")
    records = {
        NAME_FAMILY: family if is_ribbi else f"{family} {style}",
        NAME_SUBFAMILY: style if is_ribbi else "Regular",
        NAME_FULL: family if style == "Regular" else f"{family} {style}",
        NAME_POSTSCRIPT: f"{ps_family}-{ps_style}",
        NAME_UNIQUE_ID: f"{ps_family}-{ps_style};{version_note}".rstrip(";"),
    }
    if not is_ribbi:
        records[NAME_TYPO_FAMILY] = family
        records[NAME_TYPO_SUBFAMILY] = style
    name_table.names = [
        rec for rec in name_table.names
        if rec.nameID not in records and rec.nameID not in NAMES_TO_DROP
    ]
    for name_id, text in records.items():
        name_table.setName(text, name_id, 3, 1, 0x409)
        name_table.setName(text, name_id, 1, 0, 0)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [records[NAME_POSTSCRIPT]]
    return font


def font_bytes(font: TTFont) -> bytes:
    """Serialize ``font`` to bytes (tables recompiled, checksums recalculated)."""
    buffer = io.BytesIO()
    font.save(buffer, reorderTables=True)
    return buffer.getvalue()


# Unicode blocks every bundled face keeps (when the source has them), on top of its codec
# charset: punctuation, symbols and forms that Chinese news text uses beside the ideographs.
EXTRA_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 supplement
    (0x0100, 0x024F),  # Latin extended A/B (pinyin with tone marks)
    (0x02B0, 0x02FF),  # spacing modifier letters (ˇ ˉ ˊ ˋ)
    (0x0391, 0x03C9),  # Greek letters
    (0x0401, 0x0451),  # Cyrillic letters
    (0x2000, 0x206F),  # general punctuation (— … ‘ ’ “ ” • ‧ ‼ ⁇)
    (0x2070, 0x20CF),  # super/subscripts, currency (€)
    (0x2100, 0x21FF),  # letterlike symbols, number forms (Ⅰ Ⅱ), arrows
    (0x2200, 0x22FF),  # mathematical operators (⋯)
    (0x2460, 0x24FF),  # enclosed alphanumerics (① ⑴ ⒈)
    (0x2500, 0x26FF),  # box drawing, geometric shapes, misc symbols (■ □ ▲ ★ ☆)
    (0x2E00, 0x2E7F),  # supplemental punctuation (⸺)
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x30FF),  # kana
    (0x3200, 0x33FF),  # enclosed CJK letters, CJK compatibility (㈠ ㎡)
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half-width and full-width forms
)
# Characters beyond the BMP that every bundled face keeps when the source has them:
# U+20BB7 𠮷 is the usual test of surrogate-pair handling (ToUnicode, extraction).
EXTRA_ASTRAL: tuple[int, ...] = (0x20BB7,)


def is_control_or_surrogate(codepoint: int) -> bool:
    """Control characters and surrogates: no font draws them, no coverage check asks for them."""
    return codepoint < 0x20 or 0x7F <= codepoint < 0xA0 or 0xD800 <= codepoint <= 0xDFFF


def encodable_codepoints(codec: str) -> list[int]:
    """Every BMP character (controls and surrogates excluded) that ``codec`` can encode."""
    found = []
    for codepoint in range(0x10000):
        if is_control_or_surrogate(codepoint):
            continue
        try:
            chr(codepoint).encode(codec)
        except UnicodeEncodeError:
            continue
        found.append(codepoint)
    return found


def charset_codepoints(codec: str) -> list[int]:
    """The characters a bundled face is built for: ``codec``'s repertoire plus the extras."""
    wanted = set(encodable_codepoints(codec))
    for lo, hi in EXTRA_RANGES:
        wanted.update(range(lo, hi + 1))
    wanted.update(EXTRA_ASTRAL)
    return sorted(wanted)


def read_char_list(path) -> list[int]:
    """The code points of a character list file (``#`` lines are comments), in file order."""
    seen: dict[int, None] = {}
    with open(path, encoding="utf-8") as stream:
        for line in stream:
            if not line.startswith("#"):
                seen.update((ord(char), None) for char in line.strip())
    return list(seen)


# Letters and symbols meant to be drawn blank (Hangul fillers, the blank Braille pattern).
BLANK_BY_DESIGN = frozenset((0x115F, 0x1160, 0x2800, 0x3164, 0xFFA0))


def may_be_blank(codepoint: int) -> bool:
    """True for characters whose glyph is rightly empty: spaces, controls, format characters
    and the few blank-by-design letters."""
    category = unicodedata.category(chr(codepoint))
    return category[0] == "Z" or category in ("Cc", "Cf") or codepoint in BLANK_BY_DESIGN


def outlined_codepoints(font: TTFont) -> list[int]:
    """The code points ``font`` really draws, sorted: mapped to a glyph other than .notdef
    that has an outline (or that may be blank: spaces). A glyph with no contours for a
    visible character (an empty placeholder) does not count."""
    order = font.getGlyphOrder()
    notdef = order[0] if order else ".notdef"
    glyf = font["glyf"] if "glyf" in font else None
    glyph_set = None if glyf is not None else font.getGlyphSet()
    drawn: dict[str, bool] = {}
    found = []
    for codepoint, name in font.getBestCmap().items():
        if name == notdef:
            continue
        if may_be_blank(codepoint):
            found.append(codepoint)
            continue
        has_ink = drawn.get(name)
        if has_ink is None:
            has_ink = drawn[name] = _has_outline(name, glyf, glyph_set)
        if has_ink:
            found.append(codepoint)
    return sorted(found)


def _has_outline(name: str, glyf, glyph_set) -> bool:
    if glyf is not None:
        glyph = glyf.glyphs.get(name)
        if glyph is None:
            return False
        data = getattr(glyph, "data", None)  # raw bytes while not yet decompiled
        if data is not None:
            return len(data) >= 2 and data[:2] != b"\x00\x00"  # numberOfContours; -1: composite
        return glyph.numberOfContours != 0
    pen = BoundsPen(glyph_set)
    glyph_set[name].draw(pen)
    return pen.bounds is not None


def codepoint_ranges(codepoints: Iterable[int]) -> list[list[int]]:
    """Sorted code points as inclusive ``[first, last]`` runs."""
    ranges: list[list[int]] = []
    for codepoint in sorted(set(codepoints)):
        if ranges and ranges[-1][1] == codepoint - 1:
            ranges[-1][1] = codepoint
        else:
            ranges.append([codepoint, codepoint])
    return ranges
