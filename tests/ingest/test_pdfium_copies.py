"""Hidden copies: a text object the text layer left empty gets the glyphs of its original."""

from __future__ import annotations

from layout.ingest.pdfium_copies import PageText, hidden_copies
from layout.ingest.raw import make_glyph
from layout.model import BBox


def _glyphs(x: float, top: float, font: str) -> list:
    return [make_glyph(t, x + 10 * k, top, x + 10 * (k + 1), top + 10, 10.0, font)
            for k, t in enumerate("标题")]


def test_copy_takes_the_shifted_glyphs_of_the_nearby_object_of_its_font_and_size():
    visible = {1: _glyphs(100, 50, "Bold"), 2: _glyphs(100.4, 50.3, "Body"),
               3: _glyphs(300, 50, "Bold")}
    sizes = {1: 10.0, 3: 10.0}  # the Body object's size is never needed: no copy is Body
    texts = {1: PageText("Bold", 10.0, 0, (0.0, 0.0, 0.0), BBox(100, 50, 120, 60)),
             3: PageText("Bold", 10.0, 0, (0.0, 0.0, 0.0), BBox(300, 50, 320, 60)),
             4: PageText("Bold", 10.0, 2, (1.0, 0.0, 0.0), BBox(100.5, 50.25, 120.5, 60.25)),
             5: PageText("Other", 10.0, 0, (0.0, 0.0, 0.0), BBox(100, 50, 120, 60)),
             6: PageText("Bold", 10.0, 0, (0.0, 0.0, 0.0), BBox(500, 50, 500.001, 60))}
    found = hidden_copies([1, 2, 3, 4, 5, 6], visible, sizes, texts.__getitem__)
    assert set(found) == {4}  # 5: no original in its font; 6: no width
    assert [(g.text, g.x0, g.top, g.render_mode, g.color) for g in found[4]] == [
        ("标", 100.5, 50.25, 2, (1.0, 0.0, 0.0)), ("题", 110.5, 50.25, 2, (1.0, 0.0, 0.0))]
