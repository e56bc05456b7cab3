"""OCR's characters set on the PDF's own glyph boxes where its font has no Unicode map
(layout.ingest.ocr.placed): a line with as many codes as characters takes their boxes,
sizes and faces (so it falls apart at a gutter as printed); another keeps OCR's boxes at
the printed size; fake-bold copies count once."""

from __future__ import annotations

from layout.ingest.ocr.placed import distinct_codes, placed_on_codes
from layout.ingest.raw import Glyph, OcrLine, RawPage
from layout.model import BBox


def _code(x: float, top: float, size: float = 10.0, code: str = "\x11") -> Glyph:
    return Glyph(code, x, top, x + size, top + size, size, "Song")


def _ocr_page(lines: list[tuple[str, BBox]], size: float = 13.0) -> RawPage:
    glyphs = []
    for text, box in lines:
        step = (box.x1 - box.x0) / len(text)
        glyphs += [Glyph(ch, box.x0 + k * step, box.top, box.x0 + (k + 1) * step, box.bottom,
                         size, "OCR") for k, ch in enumerate(text)]
    return RawPage(1, 600, 800, tuple(glyphs), (), (),
                   ocr_lines=tuple(OcrLine(t, b, 0.9) for t, b in lines))


def test_a_line_across_a_gutter_takes_the_printed_boxes_on_both_sides():
    left = [_code(100 + 10 * k, 200) for k in range(3)]
    right = [_code(160 + 10 * k, 200) for k in range(2)]  # a 30 pt gutter between
    page = _ocr_page([("甲乙丙丁戊", BBox(98, 197, 182, 213))])
    placed = placed_on_codes(page, left + right)
    assert "".join(g.text for g in placed.glyphs) == "甲乙丙丁戊"
    assert [g.x0 for g in placed.glyphs] == [100, 110, 120, 160, 170]
    assert all(g.size == 10 and g.font == "Song" and g.top == 200 for g in placed.glyphs)


def test_another_count_keeps_ocr_boxes_at_the_printed_size():
    codes = [_code(100 + 10 * k, 200) for k in range(4)]
    page = _ocr_page([("甲乙丙", BBox(98, 197, 142, 213))])
    placed = placed_on_codes(page, codes)
    assert "".join(g.text for g in placed.glyphs) == "甲乙丙"
    assert all(g.font == "OCR" and g.size == 10 for g in placed.glyphs)
    assert all(abs((g.top + g.bottom) / 2 - 205) < 1e-9 for g in placed.glyphs)


def test_fake_bold_copies_count_once_and_no_codes_leave_the_page_alone():
    codes = [_code(100, 200), _code(100.4, 200.3), _code(110, 200, code="\x12")]
    assert len(distinct_codes(codes)) == 2
    page = _ocr_page([("甲乙", BBox(98, 197, 122, 213))])
    assert [g.x0 for g in placed_on_codes(page, codes).glyphs] == [100, 110]
    assert placed_on_codes(page, []) is page
