"""OCR of whole pages (layout.ingest.ocr.pages, layout.analysis.pdf.scan): which pages
need OCR, the error without the extra, and scans of synthetic pages read end to end
(those skip when rapidocr is not installed; CI installs the extra ``layout[ocr]``)."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import sys

import pytest

from layout.analysis.pdf.scan import needs_ocr
from layout.cli import main
from layout.ingest import ocr
from layout.ingest.ocr.engine import load_engine
from layout.ingest.raw import Glyph, RawPage, UnreadableText
from layout.ingest.screen import NO_TOUNICODE
from layout.settings import DEFAULT_SETTINGS
from tests.pdfbytes import RawPageSpec, build_pdf, image_pdf

HAS_ENGINE = importlib.util.find_spec("rapidocr_onnxruntime") is not None
TEXT = b"BT /F1 14 Tf 30 250 Td (A line of text on this page) Tj ET\n"

def _raw(readable: int, unreadable: int) -> RawPage:
    glyphs = tuple(Glyph("字", 10 * k, 0, 10 * k + 9, 9, 9, "F") for k in range(readable))
    bad = (UnreadableText("X", NO_TOUNICODE, unreadable),) if unreadable else ()
    return RawPage(1, 500, 700, glyphs, (), (), bad)


def test_which_pages_need_ocr():
    auto = DEFAULT_SETTINGS
    assert needs_ocr(_raw(0, 0), auto)  # no text layer
    assert needs_ocr(_raw(10, 30), auto)  # mostly unreadable
    assert not needs_ocr(_raw(30, 10), auto)
    assert not needs_ocr(_raw(0, 0), auto.with_overrides(ocr={"mode": "never"}))
    assert needs_ocr(_raw(30, 0), auto.with_overrides(ocr={"mode": "always"}))
    done = dataclasses.replace(_raw(5, 0), ocr_lines=())
    assert not needs_ocr(done, auto.with_overrides(ocr={"mode": "always"}))  # read already


@pytest.fixture
def no_engine(monkeypatch):
    """rapidocr's import fails, as without the extra."""
    load_engine.cache_clear()
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    yield
    load_engine.cache_clear()


def _image_page() -> RawPageSpec:
    return RawPageSpec(b"q 200 0 0 200 50 50 cm /Im1 Do Q\n",
                       images={"Im1": (b"<< /Type /XObject /Subtype /Image /Width 2 "
                                       b"/Height 2 /ColorSpace /DeviceGray "
                                       b"/BitsPerComponent 8 >>", bytes(4))})


def test_without_the_extra_a_scanned_page_fails_alone(tmp_path, capsys, no_engine):
    assert not ocr.ocr_available()
    mixed = tmp_path / "mixed.pdf"
    mixed.write_bytes(build_pdf([RawPageSpec(TEXT), _image_page()]))
    out = tmp_path / "mixed.json"
    assert main(["analyze", str(mixed), "-o", str(out)]) == 3  # partial: the rest converts
    err = capsys.readouterr().err
    assert f"{mixed}: page 2: no text layer; install layout[ocr]" in err
    data = json.loads(out.read_text("utf-8"))
    assert [p["number"] for p in data["pages"]] == [1]
    assert data["skipped"] == [f"{mixed}: page 2: no text layer; install layout[ocr]"]
    assert "ocr_confidence" not in data["pages"][0]
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(image_pdf(64, 400.0))
    out = tmp_path / "scan.pdf.out"
    assert main(["convert", str(scan), "-o", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == f"layout: error: {scan}: page 1: no text layer; install layout[ocr]"
    assert not out.exists() and not any("Traceback" in ln for ln in err)


def test_without_the_extra_an_image_file_exits_2_in_one_line(tmp_path, capsys, no_engine):
    from PIL import Image

    png = tmp_path / "scan.png"
    Image.new("L", (200, 300), 255).save(png)
    out = tmp_path / "scan.json"
    assert main(["analyze", str(png), "-o", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == f"layout: error: {png}: page 1: no text layer; install layout[ocr]"
    assert not out.exists()
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not a png")
    assert main(["analyze", str(bad), "-o", str(out)]) == 2
    assert capsys.readouterr().err.splitlines()[-1].startswith(
        f"layout: error: {bad}: not a readable image")


def _levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


# A small held-out page (3 columns, no photo: photos in scans are not found yet) made from
# the built-in articles, so it is the same page with and without ../shared. OCR quality
# varies by page (benchmark figures in the issue note); this one is a page without photos.
SCAN_SEED = 2


@pytest.fixture(scope="module")
def scan(tmp_path_factory):
    """A synthetic page drawn as PDF, rasterised at 200 dpi as a PNG, and its truth."""
    if not HAS_ENGINE:
        pytest.skip("rapidocr-onnxruntime (layout[ocr]) not installed")
    import pypdfium2 as pdfium

    from tests.synth.epaper import random_page_spec, render_page
    from tests.synth.epaper_text import FALLBACK_FILE

    folder = tmp_path_factory.mktemp("scan")
    spec = dataclasses.replace(random_page_spec(SCAN_SEED, FALLBACK_FILE, split="holdout"),
                               width=380.0,
                               height=460.0, columns=3, masthead=False)
    pdf = folder / "page.pdf"
    truth = render_page(spec, pdf)
    document = pdfium.PdfDocument(str(pdf))
    image = document[0].render(scale=200 / 72, grayscale=True).to_pil()
    document.close()
    png = folder / "page.png"
    image.save(png, dpi=(200, 200))
    return truth, png, image, spec


def _body(page) -> str:
    return "".join(b.text or "" for a in page.articles for b in a.blocks
                   if b.role.value in ("paragraph", "subhead"))


def test_a_scanned_page_reads_end_to_end(scan):
    from collections import Counter

    from layout.pipeline import read_file

    truth, png, _, spec = scan
    issue = read_file(png)
    [page] = issue.pages
    assert page.width == pytest.approx(spec.width, abs=0.5)  # 200 dpi back to points
    assert page.ocr_confidence is not None and page.ocr_confidence > 0.9
    want = "".join(p for a in truth.articles for p in a.paragraphs)
    got = _body(page)
    everything = "".join((a.headline or "") + "".join(b.text or "" for b in a.blocks)
                         for a in page.articles) + "".join(b.text or "" for b in page.furniture)
    missing = sum((Counter(want) - Counter(everything)).values()) / len(want)
    cer = _levenshtein(want, got) / len(want)
    # measured on this page: no body character missing, 4.0 % CER in reading order
    # (recognition is near perfect; what remains: ——/— read as -一, and a column's last
    # line made a subhead, so it moves within the article)
    assert missing <= 0.02, missing
    assert cer <= 0.08, cer
    anchors = [got.find(p[:8]) for p in truth.articles[0].paragraphs]
    found = [a for a in anchors if a >= 0]
    assert len(found) >= 0.8 * len(anchors)
    assert found == sorted(found)  # paragraphs in reading order


def test_a_scan_in_a_pdf_and_a_multipage_tiff(scan, tmp_path):
    from layout.analysis.pdf.page import analyze_pdf
    from layout.pipeline import read_file

    truth, _, image, spec = scan
    pdf = tmp_path / "scan.pdf"
    image.save(pdf, resolution=200.0)  # an image-only PDF: no text layer, OCR'd in auto
    issue = analyze_pdf(pdf)
    assert issue.pages[0].ocr_confidence is not None
    headline = truth.articles[0].headline
    # the headline read back within one OCR slip per ten characters (here ‘ for “), the
    # page header before it aside (a known limit: it can merge into the headline)
    assert min(_levenshtein(headline, (a.headline or "")[-len(headline):])
               for a in issue.pages[0].articles) <= len(headline) // 10
    never = DEFAULT_SETTINGS.with_overrides(ocr={"mode": "never"})
    with pytest.raises(Exception, match="no text layer on any page"):
        analyze_pdf(pdf, never)
    top = image.crop((0, 0, image.width, image.height // 3))
    bottom = image.crop((0, 2 * image.height // 3, image.width, image.height))
    tiff = tmp_path / "two.tif"
    top.save(tiff, save_all=True, append_images=[bottom], dpi=(200, 200))
    issue = read_file(tiff)
    assert [p.number for p in issue.pages] == [1, 2]
    assert all(p.ocr_confidence for p in issue.pages)
    assert issue.pages[1].height == pytest.approx(bottom.height * 72 / 200, abs=0.5)


def test_a_page_whose_fonts_have_no_tounicode_map_is_read_by_ocr(scan, tmp_path):
    from layout.analysis.pdf.page import analyze_pdf

    truth, png, _, _ = scan
    data = png.with_suffix(".pdf").read_bytes()
    assert b"/ToUnicode" in data and b"/ObjStm" not in data
    stripped = tmp_path / "no-tounicode.pdf"
    stripped.write_bytes(data.replace(b"/ToUnicode", b"/ToUnicodX"))  # offsets kept
    never = DEFAULT_SETTINGS.with_overrides(ocr={"mode": "never"})
    with pytest.raises(Exception, match="no readable text"):
        analyze_pdf(stripped, never)  # the text layer gives nothing readable
    [page] = analyze_pdf(stripped).pages  # auto: the page is OCR'd
    assert page.ocr_confidence is not None and page.ocr_confidence > 0.9
    want = "".join(p for a in truth.articles for p in a.paragraphs)
    got = _body(page)
    assert _levenshtein(want, got) / len(want) <= 0.08


def test_a_page_with_no_tounicode_map_reads_as_its_text_layer(scan, tmp_path):
    """Its codes are read once for the page and set on the PDF's own glyphs: the body
    within 2 % of the text, the articles and headlines the text layer gives."""
    from layout.analysis.pdf.page import analyze_pdf

    truth, png, _, _ = scan
    pdf = png.with_suffix(".pdf")
    stripped = tmp_path / "no-tounicode.pdf"
    stripped.write_bytes(pdf.read_bytes().replace(b"/ToUnicode", b"/ToUnicodX"))
    [layer] = analyze_pdf(pdf).pages
    [page] = analyze_pdf(stripped).pages
    want = "".join(p for a in truth.articles for p in a.paragraphs)
    assert _levenshtein(want, _body(page)) / len(want) <= 0.02
    assert [a.headline for a in page.articles] == [a.headline for a in layer.articles]
