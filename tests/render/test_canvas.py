"""CompactCanvas draws byte for byte what ReportLab's Canvas draws, holding pages compressed."""

import io

import pytest
from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from layout.render import canvas as compact


def _draw(maker, pages: int) -> tuple[bytes, object]:
    out = io.BytesIO()
    c = maker(out, pagesize=(300, 400))
    for n in range(pages):
        c.setFont("Helvetica", 10)
        for k in range(40):
            c.drawString(20, 380 - 9 * k, f"page {n} line {k} " + "x" * (k % 17))
        c.line(10, 10, 290, 10)
        c.showPage()
    doc = c._doc
    c.save()
    return out.getvalue(), doc


@pytest.fixture
def invariant(monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)  # no timestamps: runs compare bytewise


def test_same_bytes_as_reportlab_and_pages_held_compressed(invariant, monkeypatch):
    trims = []
    monkeypatch.setattr(compact, "return_free_heap", lambda: trims.append(1))
    plain, _ = _draw(Canvas, 35)
    held = []
    original = compact._compress

    def spy(page):
        original(page)
        held.append((page.stream, page.Contents))

    monkeypatch.setattr(compact, "_compress", spy)
    compacted, _ = _draw(compact.CompactCanvas, 35)
    assert compacted == plain
    assert len(held) == 35 and all(stream is None and contents is not None
                                   for stream, contents in held)
    assert len(trims) == 35 // compact.TRIM_EVERY


def test_uncompressed_pages_are_left_to_reportlab(invariant):
    def maker(stream, **kw):
        return compact.CompactCanvas(stream, pageCompression=0, **kw)

    def plain_maker(stream, **kw):
        return Canvas(stream, pageCompression=0, **kw)

    assert _draw(maker, 2)[0] == _draw(plain_maker, 2)[0]
