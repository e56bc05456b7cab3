"""Tests of layout.render.tounicode: UTF-16 ToUnicode CMaps and exact text round trips.

Renders with ReportLab and the bundled faces, extracts with pdfplumber, and inspects the
embedded font subsets (subset prefix, FontFile2 that fontTools can read).
"""

from __future__ import annotations

import io
import re

import pdfplumber
from fontTools.ttLib import TTFont
from pdfminer.pdftypes import resolve1
from reportlab.pdfbase import ttfonts
from reportlab.pdfgen import canvas

from layout.render import tounicode
from layout.render.fonts import FontSet, load_font_set

BEYOND_BMP = "\U00020bb7"  # 𠮷


def render(font_set: FontSet, lines: list[tuple[str, str]]) -> bytes:
    """Draw each (preferred face, text) line with per-character fallback; return PDF bytes."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(595, 842))
    y = 800.0
    for preferred, text in lines:
        x = 20.0
        for name, run in font_set.runs(text, preferred):
            pdf.setFont(name, 9)
            pdf.drawString(x, y, run)
            x += pdf.stringWidth(run, name, 9)
        y -= 14
    pdf.save()
    return buffer.getvalue()


def extracted_lines(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as document:
        page = document.pages[0]
        rows: dict[float, list[dict]] = {}
        for char in page.chars:
            rows.setdefault(round(char["top"], 1), []).append(char)
        return ["".join(c["text"] for c in sorted(row, key=lambda c: c["x0"]))
                for _, row in sorted(rows.items())]


def test_utf16be_hex_uses_surrogate_pairs_beyond_the_bmp() -> None:
    assert tounicode.utf16be_hex(0x4E2D) == "4E2D"
    assert tounicode.utf16be_hex(0x20) == "0020"
    assert tounicode.utf16be_hex(0x20BB7) == "D842DFB7"
    assert tounicode.utf16be_hex(0x10FFFD) == "DBFFDFFD"


def test_cmap_lists_every_code_in_blocks_of_at_most_100() -> None:
    subset = [0, 32] + list(range(0x4E00, 0x4E00 + 200)) + [0x20BB7]
    cmap = tounicode.make_to_unicode_cmap("AAAAAA+Test", subset)
    counts = [int(n) for n in re.findall(r"^(\d+) beginbfchar$", cmap, re.M)]
    assert counts and max(counts) <= 100 and sum(counts) == len(subset)
    entries = dict(re.findall(r"^<([0-9A-F]{2})> <([0-9A-F]+)>$", cmap, re.M))
    assert len(entries) == len(subset)
    for code, codepoint in enumerate(subset):
        assert bytes.fromhex(entries[f"{code:02X}"]).decode("utf-16-be") == chr(codepoint)
    assert f"<00> <{len(subset) - 1:02X}>" in cmap


def test_install_is_idempotent() -> None:
    tounicode.install()
    tounicode.install()
    assert ttfonts.makeToUnicodeCMap is tounicode.make_to_unicode_cmap
    assert tounicode.is_installed()
    split = ttfonts.TTFont.splitString
    tounicode.install()
    assert ttfonts.TTFont.splitString is split  # wrapped once, not twice


def test_text_with_characters_beyond_the_bmp_extracts_exactly() -> None:
    font_set = load_font_set(system_fallback=False)
    assert tounicode.is_installed()
    # More than 256 distinct characters per face, so ReportLab makes several subsets.
    common = "".join(bytes([0xB0 + row, cell]).decode("gb2312")
                     for row in range(6) for cell in range(0xA1, 0xA1 + 60))
    lines = [
        (font_set.body, f"吉野家的“{BEYOND_BMP}”字，不是“吉”字——ABC 123…"),
        (font_set.head, f"标题{BEYOND_BMP}：中文与English混排≒"),
        (font_set.kai, f"记者 {BEYOND_BMP}某某 摄"),
        (font_set.body_bold, f"小标题{BEYOND_BMP}"),
    ] + [(font_set.body, common[i:i + 60]) for i in range(0, len(common), 60)]
    for preferred, text in lines[4:]:
        assert len(text) == 60 and preferred == font_set.body
    data = render(font_set, lines)
    assert extracted_lines(data) == [text for _, text in lines]
    assert font_set.coverage("".join(text for _, text in lines)) == {}


def test_fonts_are_embedded_as_named_truetype_subsets() -> None:
    font_set = load_font_set(system_fallback=False)
    data = render(font_set, [(font_set.body, f"中文{BEYOND_BMP}"), (font_set.head, "标题"),
                             (font_set.kai, "记者"), (font_set.body_bold, "小标题")])
    with pdfplumber.open(io.BytesIO(data)) as document:
        resources = resolve1(document.pages[0].page_obj.resources)
        font_dicts = [resolve1(f) for f in resolve1(resources["Font"]).values()]
        base_names = set()
        for font in font_dicts:
            if resolve1(font["Subtype"]).name == "Type1":
                continue  # ReportLab's initial Helvetica, standard 14, never embedded
            assert resolve1(font["Subtype"]).name == "TrueType"
            base_name = resolve1(font["BaseFont"]).name
            base_names.add(base_name.split("+", 1)[-1])
            assert re.fullmatch(r"[A-Z]{6}\+[A-Za-z-]+", base_name)
            descriptor = resolve1(font["FontDescriptor"])
            embedded = TTFont(io.BytesIO(resolve1(descriptor["FontFile2"]).get_data()))
            assert "glyf" in embedded and 1 < embedded["maxp"].numGlyphs <= 257
            assert resolve1(font["ToUnicode"]) is not None
    assert base_names >= {font_set.body, font_set.head, font_set.kai, font_set.body_bold}


def test_characters_without_a_glyph_extract_as_themselves() -> None:
    font_set = load_font_set(system_fallback=False)
    uncovered = "\u0378\U0010fffd\U00020001"
    assert set(font_set.coverage(uncovered)) == set(uncovered)
    text = f"甲{uncovered[0]}乙{uncovered[1]}丙{uncovered[2]}丁{uncovered}"
    data = render(font_set, [(font_set.body, text), (font_set.kai, uncovered + "戊")])
    assert extracted_lines(data) == [text, uncovered + "戊"]
    assert not any(font_set.covers(font_set.body, char) for char in uncovered)
