"""layout.ingest.screen: glyphs that are not text and absurd glyphs kept out, with warnings.

Both readers are screened the same way: pdfminer writes ``(cid:N)`` for a code with no
Unicode mapping, PDFium the code itself (control characters).
"""

from __future__ import annotations

import pytest

from layout.ingest import pdf as plumber_reader
from layout.ingest import pdfium as pdfium_reader
from layout.ingest.raw import Glyph, RawPage
from layout.ingest.screen import NO_TOUNICODE, PRIVATE_USE, not_text, screen_page
from layout.settings import DEFAULT_SETTINGS
from tests.pdfbytes import huge_font_pdf, no_tounicode_pdf

LIMITS = DEFAULT_SETTINGS.limits


@pytest.mark.parametrize("reader", [plumber_reader, pdfium_reader], ids=["pdfplumber", "pdfium"])
def test_a_font_without_tounicode_is_unreadable_and_named(tmp_path, caplog, reader):
    path = tmp_path / "cid.pdf"
    path.write_bytes(no_tounicode_pdf(12))
    raw = reader.read_pdf_page(path, 1)
    with caplog.at_level("WARNING", logger="layout.ingest.screen"):
        screened = screen_page(raw, LIMITS, path)
    text = "".join(g.text for g in screened.glyphs)
    assert text.replace(" ", "") == "Readableline"  # no "(cid:1)(cid:2)…", no "\x01"
    [item] = screened.unreadable
    assert (item.font, item.reason, item.glyphs) == ("ABCDEF+Foo", NO_TOUNICODE, 12)
    assert len(screened.coded) == 12 and {g.font for g in screened.coded} == {"ABCDEF+Foo"}
    assert [r.getMessage() for r in caplog.records] == [
        f"{path}: page 1: font ABCDEF+Foo has no ToUnicode map; 12 glyphs unreadable "
        "(needs OCR)"]


def test_what_is_not_text():
    assert not_text("(cid:17)") == NO_TOUNICODE and not_text("\ufffd") == NO_TOUNICODE
    assert not_text("\x01") == NO_TOUNICODE
    assert not_text("\ue001") == PRIVATE_USE
    for text in ("中", "A", "𬭚", " ", "A\ue001"):
        assert not_text(text) is None


def test_a_few_private_use_icons_go_and_the_font_stays():
    glyphs = [Glyph(ch, 10 * k, 10, 10 * k + 9, 20, 10, "Song")
              for k, ch in enumerate("新闻\ue000报道")]
    screened = screen_page(RawPage(1, 400, 300, tuple(glyphs), (), ()), LIMITS)
    assert "".join(g.text for g in screened.glyphs) == "新闻报道"
    assert [(u.reason, u.glyphs) for u in screened.unreadable] == [(PRIVATE_USE, 1)]


def test_absurd_sizes_and_positions_are_dropped_with_a_warning(tmp_path, caplog):
    nan = float("nan")
    glyphs = (Glyph("中", 0, 0, 10, 10, 10, "Song"),
              Glyph("大", 0, -7.9e10, 1e11, 2e10, 1e11, "Song"),
              Glyph("小", nan, 0, 10, 10, 10, "Song"),
              Glyph("文", 0, 0, 10, 10, float("inf"), "Song"))
    with caplog.at_level("WARNING", logger="layout.ingest.screen"):
        screened = screen_page(RawPage(3, 400, 300, glyphs, (), ()), LIMITS, "x.pdf")
    assert [g.text for g in screened.glyphs] == ["中"]
    assert screened.coded == ()  # absurd glyphs are no boxes for OCR's text
    assert caplog.records[0].getMessage() == (
        "x.pdf: page 3: 3 glyphs of absurd size or position dropped (font Song)")
    path = tmp_path / "huge.pdf"
    path.write_bytes(huge_font_pdf(1e11, 10))
    raw = plumber_reader.read_pdf_page(path, 1)
    assert len(raw.glyphs) == 10 and screen_page(raw, LIMITS).glyphs == ()
