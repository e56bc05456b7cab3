"""The PDF front end's limits (layout.analysis.pdf.page): text layers, page budget, crops.

Hostile pages are written as raw PDF bytes (tests.pdfbytes): a page with no text
layer, a font without ToUnicode, a page that runs over its time budget (a fake clock,
so the test is exact and fast) and a photo on a page of 200 inches.
"""

from __future__ import annotations

import pytest

from layout import budget
from layout.analysis.pdf import page as page_module
from layout.analysis.pdf.figures import crop_figures, crop_scale
from layout.analysis.pdf.page import analyze_pdf
from layout.errors import InputError
from layout.model import BBox
from layout.settings import DEFAULT_SETTINGS
from tests.pdfbytes import RawPageSpec, build_pdf, image_pdf, no_tounicode_pdf

TEXT = b"BT /F1 14 Tf 30 250 Td (A line of text on this page) Tj ET\n"


def test_a_scanned_page_is_warned_about_by_number(tmp_path, caplog):
    scan = image_pdf(64, 400.0)  # one image, no text
    path = tmp_path / "mixed.pdf"
    image_page = RawPageSpec(b"q 200 0 0 200 50 50 cm /Im1 Do Q\n",
                             images={"Im1": (b"<< /Type /XObject /Subtype /Image /Width 2 "
                                             b"/Height 2 /ColorSpace /DeviceGray "
                                             b"/BitsPerComponent 8 >>", bytes(4))})
    path.write_bytes(build_pdf([RawPageSpec(TEXT), image_page]))
    no_ocr = DEFAULT_SETTINGS.with_overrides(ocr={"mode": "never"})
    with caplog.at_level("WARNING"):
        issue = analyze_pdf(path, no_ocr)
    assert len(issue.pages) == 2
    assert f"{path}: page 2: no text layer (scanned? OCR is off: --ocr never)" in [
        r.getMessage() for r in caplog.records]
    only_scan = tmp_path / "scan.pdf"
    only_scan.write_bytes(scan)
    with pytest.raises(InputError, match="no text layer on any page"):
        analyze_pdf(only_scan, no_ocr)


def test_cid_glyphs_never_reach_the_model(tmp_path):
    path = tmp_path / "cid.pdf"
    path.write_bytes(no_tounicode_pdf(30))
    issue = analyze_pdf(path)
    texts = [b.text or "" for a in issue.articles() for b in a.blocks]
    texts += [a.headline or "" for a in issue.articles()]
    assert not any("cid:" in t for t in texts)
    assert any("Readable" in t for t in texts)


def test_a_page_over_its_budget_is_skipped_and_the_rest_converts(tmp_path, monkeypatch,
                                                                 caplog):
    path = tmp_path / "three.pdf"
    path.write_bytes(build_pdf([RawPageSpec(TEXT)] * 3))
    now = [0.0]
    monkeypatch.setattr(budget.time, "thread_time", lambda: now[0])
    real = page_module.analyze_raw_page

    def slow_second_page(raw, settings):
        if raw.number == 2:
            now[0] += 1000.0  # page 2 "takes" 1000 s
        return real(raw, settings)

    monkeypatch.setattr(page_module, "analyze_raw_page", slow_second_page)
    with caplog.at_level("WARNING"):
        issue = analyze_pdf(path)
    assert [p.number for p in issue.pages] == [1, 3]
    assert issue.skipped == (f"{path}: page 2: over the 60 s page budget; skipped",)
    assert issue.skipped[0] in [r.getMessage() for r in caplog.records]


def test_a_page_whose_ocr_runs_over_its_ocr_budget_is_skipped(tmp_path, monkeypatch):
    """OCR has its own budget (limits.ocr_seconds), apart from the analysis's."""
    path = tmp_path / "three.pdf"
    path.write_bytes(build_pdf([RawPageSpec(TEXT)] * 3))
    now = [0.0]
    monkeypatch.setattr(budget.time, "thread_time", lambda: now[0])
    real = page_module.with_ocr

    def slow_ocr_of_page_two(raw, path, settings):
        if raw.number == 2:
            now[0] += 601.0  # its OCR "takes" 601 s, and checks the budget as OCR does
            budget.check_budget()
        return real(raw, path, settings)

    monkeypatch.setattr(page_module, "with_ocr", slow_ocr_of_page_two)
    issue = analyze_pdf(path)
    assert [p.number for p in issue.pages] == [1, 3]
    assert issue.skipped == (f"{path}: page 2: over the 600 s OCR budget; skipped",)


def test_every_page_over_budget_is_bad_input(tmp_path, monkeypatch):
    path = tmp_path / "one.pdf"
    path.write_bytes(build_pdf([RawPageSpec(TEXT)]))
    clock = iter(range(0, 10**9, 1000))
    monkeypatch.setattr(budget.time, "thread_time", lambda: float(next(clock)))
    with pytest.raises(InputError, match="every page over the 60 s page budget"):
        analyze_pdf(path)


def test_crop_scale_keeps_print_dpi_for_small_photos_and_caps_big_ones():
    small = BBox(0, 0, 144, 72)  # 2 x 1 inch
    assert crop_scale(small, 150, 4_000_000, 1600) == pytest.approx(150 / 72)
    huge = BBox(0, 0, 8640, 8640)  # 120 inches square
    scale = crop_scale(huge, 150, 4_000_000, 100_000)
    assert (8640 * scale) ** 2 <= 4_000_000 * 1.0001


def test_a_huge_photo_is_rendered_straight_at_its_capped_size(tmp_path, monkeypatch):
    import pypdfium2 as pdfium

    path = tmp_path / "poster.pdf"
    path.write_bytes(image_pdf(2000, 14400.0))  # a 120-inch photo on a 200-inch page
    box = BBox(720, 1440, 9360, 10080)
    rendered: list[int] = []
    real_render = pdfium.PdfPage.render

    def spy(self, scale=1, crop=(0, 0, 0, 0), **kwargs):
        width, height = self.get_size()
        rendered.append(round((width - crop[0] - crop[2]) * scale)
                        * round((height - crop[1] - crop[3]) * scale))
        return real_render(self, scale=scale, crop=crop, **kwargs)

    monkeypatch.setattr(pdfium.PdfPage, "render", spy)
    limit = DEFAULT_SETTINGS.limits.max_figure_pixels
    [uri] = crop_figures(path, 0, [box], DEFAULT_SETTINGS.pdf.figure_dpi, max_pixels=limit)
    assert uri is not None and uri.startswith("data:image/jpeg;base64,")
    assert rendered and max(rendered) <= limit * 1.01  # was 18000 x 18000 at 150 dpi
