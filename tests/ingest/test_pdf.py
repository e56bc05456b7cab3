"""PDF ingest: glyphs with render modes, rules from lines and thin rects, image boxes, errors."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from layout.errors import InputError
from layout.ingest.pdf import page_count, read_pdf, read_pdf_page
from tests.pdfbytes import build_pdf

W, H = 400.0, 300.0


def _page(path, encrypt=None):
    c = Canvas(str(path), pagesize=(W, H), encrypt=encrypt)
    c.setFont("Helvetica", 12)
    c.drawString(20, H - 40, "Seen")
    t = c.beginText(20, H - 60)
    t.setTextRenderMode(3)
    t.setFont("Helvetica", 12)
    t.textOut("Hidden")
    c.drawText(t)
    c.setLineWidth(0.8)
    c.line(20, H - 100, 380, H - 100)  # horizontal rule, 100 pt from the top
    c.rect(200, H - 280, 0.6, 150, stroke=0, fill=1)  # a thin filled rect: vertical rule
    img = Image.new("RGB", (20, 10), (200, 30, 30))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 250, H - 200, 100, 50)
    c.showPage()
    c.drawString(20, H - 40, "Two")
    c.showPage()
    c.save()
    return path


def test_glyphs_carry_render_mode_font_and_size(tmp_path):
    raw = next(read_pdf(_page(tmp_path / "a.pdf")))
    text = "".join(g.text for g in raw.glyphs)
    assert "Seen" in text and "Hidden" in text
    modes = {g.text: g.render_mode for g in raw.glyphs}
    assert modes["S"] == 0 and modes["H"] == 3
    first = raw.glyphs[0]
    assert first.size == pytest.approx(12.0)
    assert "Helvetica" in first.font
    assert first.baseline == pytest.approx(40.0, abs=0.5)  # top-left origin


def test_rules_from_lines_and_thin_rects(tmp_path):
    raw = next(read_pdf(_page(tmp_path / "a.pdf")))
    horizontal = [r for r in raw.rules if r.horizontal]
    vertical = [r for r in raw.rules if not r.horizontal]
    assert any(abs(r.position - 100) < 1 and r.bbox.width > 300 for r in horizontal)
    assert any(abs(r.position - 200.3) < 1 and r.bbox.height > 100 for r in vertical)


def test_image_boxes_in_top_left_coordinates(tmp_path):
    raw = next(read_pdf(_page(tmp_path / "a.pdf")))
    assert len(raw.images) == 1
    box = raw.images[0]
    assert (round(box.x0), round(box.top), round(box.x1), round(box.bottom)) == (250, 150, 350,
                                                                                 200)


def test_pages_one_at_a_time_and_by_number(tmp_path):
    path = _page(tmp_path / "a.pdf")
    assert [p.number for p in read_pdf(path)] == [1, 2]
    assert page_count(path) == 2
    assert "".join(g.text for g in read_pdf_page(path, 2).glyphs) == "Two"
    with pytest.raises(InputError, match="no page 3"):
        read_pdf_page(path, 3)


def test_not_a_pdf_is_an_input_error(tmp_path):
    bad = tmp_path / "x.pdf"
    bad.write_text("hello, not a pdf")
    with pytest.raises(InputError, match="not a PDF"):
        list(read_pdf(bad))
    broken = tmp_path / "y.pdf"
    broken.write_bytes(b"%PDF-1.4\n garbage without objects")
    with pytest.raises(InputError):
        list(read_pdf(broken))
    with pytest.raises(InputError, match="cannot read"):
        list(read_pdf(tmp_path / "missing.pdf"))


def test_encrypted_pdf_is_an_input_error(tmp_path):
    path = _page(tmp_path / "locked.pdf", encrypt="secret")
    with pytest.raises(InputError, match="encrypted|password|unreadable"):
        list(read_pdf(path))


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


# ---------------------------------------------------------------- hostile input


def test_a_pdf_without_pages_is_an_input_error(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(build_pdf([]))
    with pytest.raises(InputError, match="no pages"):
        list(read_pdf(path))
