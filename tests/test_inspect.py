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
