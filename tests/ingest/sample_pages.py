"""A small two-page PDF drawn with ReportLab, for the reader tests of both readers.

Takes a path (and an optional password to encrypt with); writes there and returns the
path: page 1 holds "Seen" (filled) and "Hidden" (render mode 3) in 12 pt Helvetica, a
horizontal rule 100 pt from the top, a thin filled rectangle (a vertical rule at
x 200.3), a stroked 120 x 60 frame and a 100 x 50 image at (250, 150); page 2 "Two".
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

W, H = 400.0, 300.0


def two_page_pdf(path: Path, encrypt: str | None = None) -> Path:
    """Write the two sample pages to ``path`` (see the module doc)."""
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
    c.rect(30, H - 290, 120, 60, stroke=1, fill=0)  # a frame: four rules
    img = Image.new("RGB", (20, 10), (200, 30, 30))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 250, H - 200, 100, 50)
    c.showPage()
    c.drawString(20, H - 40, "Two")
    c.showPage()
    c.save()
    return path
