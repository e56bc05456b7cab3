"""layout inspect: the overlay image of one page; a missing page is an input error."""

from __future__ import annotations

import pytest
from reportlab.pdfgen.canvas import Canvas

from layout.errors import InputError
from layout.inspect import SCALE, draw_overlay


def _pdf(path):
    c = Canvas(str(path), pagesize=(300, 200))
    c.setFont("Helvetica-Bold", 24)
    c.drawString(20, 160, "Big Headline")
    c.setFont("Helvetica", 10)
    for k in range(6):
        c.drawString(20, 130 - 12 * k, "body text of the article that runs on and on")
    c.line(10, 50, 290, 50)
    c.save()
    return path


def test_overlay_is_the_page_image_with_marks(tmp_path):
    path = _pdf(tmp_path / "p.pdf")
    image = draw_overlay(path, 1)
    assert image.size == (round(300 * SCALE), round(200 * SCALE))
    colours = {image.getpixel((x, y)) for x in range(0, image.width, 3)
               for y in range(0, image.height, 3)}
    assert any(r > 150 and g < 100 and b < 120 for r, g, b in colours)  # red: headline/rule


def test_missing_page_is_an_input_error(tmp_path):
    path = _pdf(tmp_path / "p.pdf")
    with pytest.raises(InputError, match="no page 2"):
        draw_overlay(path, 2)


def test_a_huge_page_is_drawn_within_the_pixel_cap(tmp_path):
    from layout.settings import DEFAULT_SETTINGS
    from tests.pdfbytes import image_pdf

    path = tmp_path / "poster.pdf"
    path.write_bytes(image_pdf(1000, 14400.0, text=True))  # 200 x 200 inches
    settings = DEFAULT_SETTINGS.with_overrides(limits={"max_overlay_pixels": 1_000_000})
    image = draw_overlay(path, 1, settings)  # at 1.5 px/pt: 21600 x 21600 (1.9 GB RGBA)
    assert image.width * image.height <= 1_000_000 * 1.01
    assert image.width == image.height


def test_a_page_pdfium_cannot_render_is_a_one_line_input_error(tmp_path, monkeypatch):
    import pypdfium2 as pdfium

    def fail(self, **kwargs):
        raise pdfium.PdfiumError("Failed to create bitmap")

    monkeypatch.setattr(pdfium.PdfPage, "render", fail)
    path = _pdf(tmp_path / "p.pdf")
    with pytest.raises(InputError, match=r"page 1 cannot be rendered \(Failed to create bitmap"):
        draw_overlay(path, 1)
