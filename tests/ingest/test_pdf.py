"""pdfplumber reader: glyphs read straight from pdfminer's layout sit where pdfplumber puts its
chars (the contract both readers share is tested in ``tests/ingest/test_readers.py``)."""

from __future__ import annotations

import pytest
from reportlab.pdfgen.canvas import Canvas

from layout.ingest.pdf import read_pdf


@pytest.mark.parametrize("origin", [(0, 0), (30, 50)])
def test_glyphs_sit_where_pdfplumber_puts_its_chars(tmp_path, origin):
    """Glyphs are read straight from the layout: same text, box, font, size and colour as
    pdfplumber's char dicts, also on a page whose MediaBox does not start at 0,0."""
    import pdfplumber

    path = tmp_path / "offset.pdf"
    x, y = origin
    c = Canvas(str(path), pagesize=(300, 200))
    c.setFont("Helvetica", 12)
    c.setFillColorRGB(0.5, 0.1, 0.1)
    c.drawString(x + 20, y + 150, "Ab1")
    c.setFont("Times-Roman", 9)
    c.drawString(x + 40, y + 40, "xyz")
    c.save()
    box = f"/MediaBox [ {x} {y} {x + 300} {y + 200} ]".encode()
    data = path.read_bytes().replace(b"/MediaBox [ 0 0 300 200 ]", box)
    path.write_bytes(data)  # same length or longer: pdfminer re-reads the xref if needed
    with pdfplumber.open(path) as pdf:
        assert float(pdf.pages[0].mediabox[0]) == x  # the offset is really there
        want = [(ch["text"], round(ch["x0"], 3), round(ch["top"], 3), round(ch["bottom"], 3),
                 ch["fontname"], round(ch["size"], 3), ch["non_stroking_color"])
                for ch in pdf.pages[0].chars]
    raw = next(read_pdf(path))
    got = [(g.text, round(g.x0, 3), round(g.top, 3), round(g.bottom, 3), g.font,
            round(g.size, 3), g.color) for g in raw.glyphs]
    assert got == want and len(got) == 6


def test_a_label_turned_by_a_rounded_matrix_is_not_upright(tmp_path):
    """A side label set with a text matrix turned 90 degrees whose cosine is a rounding
    error off 0 (as Typst writes it): pdfminer's own test (a*d > 0, b*c <= 0) calls it
    upright; the reader takes the same rule as the PDFium reader, so it is turned."""
    path = tmp_path / "turned.pdf"
    c = Canvas(str(path), pagesize=(300, 200))
    c.setFont("Helvetica", 12)
    c.drawString(20, 150, "Up")
    text = c.beginText()
    text.setTextTransform(1e-6, 1, -1, 1e-6, 250, 40)
    text.textOut("Side")
    c.drawText(text)
    c.save()
    import pdfplumber

    with pdfplumber.open(path) as pdf:  # the premise: pdfminer calls the turned chars upright
        assert [ch["upright"] for ch in pdf.pages[0].chars] == [True] * 6
    raw = next(read_pdf(path))
    upright = {g.text: g.upright for g in raw.glyphs}
    assert upright == {"U": True, "p": True, "S": False, "i": False, "d": False, "e": False}
