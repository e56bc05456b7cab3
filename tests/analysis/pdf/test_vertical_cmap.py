"""Vertical text set in a font with a vertical CMap (UniGB-UCS2-V, as Identity-V pages of
press systems do): the PDF draws each line as one string that the font advances downward,
with no per-glyph positioning, so the reader's glyph boxes alone must give the columns.
Both readers must read it as vertical lines right to left, with its paragraphs (a
2-character indent opens one) and the plain marks for the vertical forms the CMap maps to."""

from __future__ import annotations

import pytest

from layout.analysis.pdf.page import analyze_pdf
from layout.settings import PdfSettings, Settings

LINES = ("　　今年以来各地加快推进城乡建设", "工作取得明显成效。群众生活水平",
         "不断提高，社会保持和谐稳定。", "　　与此同时，新的问题也在出现。")
PARAGRAPHS = ["今年以来各地加快推进城乡建设工作取得明显成效。"
              "群众生活水平不断提高，社会保持和谐稳定。",
              "与此同时，新的问题也在出现。"]


def _vertical_cmap_page(path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light", isVertical=True))
    canvas = Canvas(str(path), pagesize=(400, 400))
    canvas.setFont("STSong-Light", 12)
    for k, line in enumerate(LINES):  # one string per line, the font advancing down
        canvas.drawString(350 - 18 * k, 380, line)
    canvas.save()


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_a_vertical_cmap_font_is_read_as_vertical_lines_right_to_left(tmp_path, reader):
    path = tmp_path / "vertical-cmap.pdf"
    _vertical_cmap_page(path)
    [page] = analyze_pdf(path, Settings(pdf=PdfSettings(reader=reader))).pages
    blocks = [b for a in page.articles for b in a.blocks]
    assert [b.text for b in blocks if b.role.value == "paragraph"] == PARAGRAPHS
    text = "".join(b.text for b in blocks)
    assert not any("\ufe10" <= ch <= "\ufe19" or "\ufe30" <= ch <= "\ufe4f" for ch in text)
