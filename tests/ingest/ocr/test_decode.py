"""A PDF page's own codes read by OCR (layout.ingest.ocr.decode): each code takes the
character most OCR lines read for it, on every glyph that draws it (a line OCR misread is
put right by the others), in the PDF's boxes and drawing order; subsets of one font name
and codes of other shapes are told apart; fake-bold copies take their original's reading;
a line over no glyph (outlines) keeps OCR's characters; too few codes read: None."""

from __future__ import annotations

import dataclasses

from layout.ingest.ocr.decode import decoded_page
from layout.ingest.raw import Glyph, OcrLine, RawPage
from layout.model import BBox


def _code(x: float, top: float, code: str, face: int = 0, size: float = 10.0,
          ink: tuple[int, ...] | None = None) -> Glyph:
    return Glyph(code, x, top, x + size, top + size, size, "Song", face=face, ink=ink)


def _ocr(lines: list[tuple[str, BBox]], confidence: float = 0.9) -> RawPage:
    glyphs = []
    for text, box in lines:
        step = (box.x1 - box.x0) / len(text)
        glyphs += [Glyph(ch, box.x0 + k * step, box.top, box.x0 + (k + 1) * step, box.bottom,
                         13.0, "OCR") for k, ch in enumerate(text)]
    return RawPage(1, 600, 800, tuple(glyphs), (), (),
                   ocr_lines=tuple(OcrLine(t, b, confidence) for t, b in lines))


def _pdf(coded: list[Glyph], readable: tuple[Glyph, ...] = (), at: tuple[int, ...] = ()
         ) -> RawPage:
    return RawPage(1, 600, 800, readable, (), (), coded=tuple(coded),
                   coded_at=at or (0,) * len(coded))


def _row(codes: str, top: float, x: float = 100, **kw) -> list[Glyph]:
    return [_code(x + 10 * k, top, c, **kw) for k, c in enumerate(codes)]


def test_each_code_takes_the_reading_most_lines_give_it():
    coded = _row("ab", 100) + _row("ab", 120) + _row("ba", 140)
    ocr = _ocr([("甲乙", BBox(99, 99, 121, 111)), ("甲乙", BBox(99, 119, 121, 131)),
                ("己甲", BBox(99, 139, 121, 151))])  # the last line misreads b as 己
    page = decoded_page(ocr, _pdf(coded))
    assert page is not None
    assert "".join(g.text for g in page.glyphs) == "甲乙甲乙乙甲"
    assert [(g.x0, g.top, g.font) for g in page.glyphs] == [
        (g.x0, g.top, g.font) for g in coded]  # the PDF's boxes and faces
    assert page.coded == () and page.ocr_confidence == 0.9


def test_subsets_of_one_name_and_codes_of_other_shapes_are_apart():
    coded = (_row("a", 100) + _row("a", 120, face=1) + _row("a", 140, ink=(1, 2, 3, 4))
             + _row("a", 160, ink=(5, 6, 7, 8)))
    ocr = _ocr([("甲", BBox(99, 99, 111, 111)), ("乙", BBox(99, 119, 111, 131)),
                ("丙", BBox(99, 139, 111, 151)), ("丁", BBox(99, 159, 111, 171))])
    page = decoded_page(ocr, _pdf(coded))
    assert page is not None and "".join(g.text for g in page.glyphs) == "甲乙丙丁"


def test_a_line_of_another_count_is_lined_up_by_position():
    coded = _row("abc", 100)
    ocr = _ocr([("甲丙", BBox(99, 99, 121, 111))])  # b not read; c drawn at 120
    ocr = RawPage(1, 600, 800, (Glyph("甲", 100, 99, 110, 111, 13, "OCR"),
                                Glyph("丙", 120, 99, 130, 111, 13, "OCR")), (), (),
                  ocr_lines=(OcrLine("甲丙", BBox(99, 99, 131, 111), 0.9),))
    page = decoded_page(ocr, _pdf(coded + _row("abc", 120)))
    assert page is None  # b has no reading anywhere: 4 of 6 glyphs read is too few
    more = RawPage(1, 600, 800, ocr.glyphs + tuple(
        Glyph(c, 100 + 10 * k, 119, 110 + 10 * k, 131, 13, "OCR") for k, c in enumerate("甲乙丙")),
        (), (), ocr_lines=(*ocr.ocr_lines, OcrLine("甲乙丙", BBox(99, 119, 131, 131), 0.9)))
    page = decoded_page(more, _pdf(coded + _row("abc", 120)))
    assert page is not None and "".join(g.text for g in page.glyphs) == "甲乙丙甲乙丙"


def test_fake_bold_copies_read_as_their_original_and_readable_text_stays():
    coded = _row("a", 100) + [_code(100.4, 100.3, "a")] + _row("b", 100, x=110)
    own = Glyph("X", 120, 100, 126, 110, 10, "Sans")
    ocr = _ocr([("甲乙X", BBox(99, 99, 127, 111))])
    page = decoded_page(ocr, _pdf(coded, (own,), at=(0, 0, 0)))
    assert page is not None
    assert [g.text for g in page.glyphs] == ["甲", "甲", "乙", "X"]  # drawing order kept


def test_a_line_over_outlines_and_no_glyph_keeps_ocr_characters():
    coded = _row("ab", 100)
    ocr = _ocr([("甲乙", BBox(99, 99, 121, 111)), ("大标题", BBox(100, 300, 190, 330)),
                ("女", BBox(130, 99, 140, 111))])  # a speck between glyphs
    outlines = tuple(BBox(102 + 30 * k, 302, 128 + 30 * k, 328) for k in range(3))
    page = decoded_page(ocr, dataclasses.replace(_pdf(coded), shapes=outlines))
    assert page is not None and "".join(g.text for g in page.glyphs) == "甲乙大标题"
    page = decoded_page(ocr, _pdf(coded))
    assert page is not None and "".join(g.text for g in page.glyphs) == "甲乙"
    assert decoded_page(ocr, _pdf([])) is None  # no codes: nothing to decode


def test_a_line_set_down_is_lined_up_down():
    coded = [_code(100.6 - 0.3 * k, 100 + 12 * k, c) for k, c in enumerate("abc")]
    chars = tuple(Glyph(c, 100, 100 + 12 * k, 110, 110 + 12 * k, 10, "OCR")
                  for k, c in enumerate("甲乙丙"))
    ocr = RawPage(1, 600, 800, chars, (), (),
                  ocr_lines=(OcrLine("甲乙丙", BBox(99, 99, 111, 135), 0.9),))
    page = decoded_page(ocr, _pdf(coded))
    assert page is not None and "".join(g.text for g in page.glyphs) == "甲乙丙"
