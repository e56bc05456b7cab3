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
