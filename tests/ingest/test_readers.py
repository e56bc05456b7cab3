"""Both PDF readers (layout.ingest.readers): one raw-page contract, one cap on work per page.

The contract, for PDFium and pdfplumber alike, on the sample pages
(:mod:`tests.ingest.sample_pages`): glyphs with render mode, font, size and baseline;
rules from lines, thin rectangles and frames; image boxes in top-left coordinates; pages
one at a time and by number; bad, missing, page-less and encrypted files as InputError.

The cap: hostile pages are written as raw PDF bytes (tests.pdfbytes): many characters, a path of
many segments, forms nested three deep and each drawn thirty times (27,000 drawings from
a few hundred bytes). A page over ``limits.max_page_objects`` comes back empty and
skipped, the reader's work bounded by the cap; the other pages of the file are read
as usual, and the analysis names the skipped page.
"""

from __future__ import annotations

import pytest

from layout.analysis.pdf.page import analyze_pdf
from layout.errors import InputError
from layout.ingest import pdf as plumber
from layout.ingest import pdfium
from layout.ingest.raw import ObjectTally, TooManyObjects
from layout.ingest.readers import READERS, pdf_reader
from layout.settings import DEFAULT_SETTINGS
from tests.ingest.sample_pages import two_page_pdf
from tests.pdfbytes import RawPageSpec, build_pdf

TEXT = b"BT /F1 14 Tf 30 250 Td (A line of text on this page) Tj ET\n"
CAP = 2000


@pytest.fixture(params=[pdfium, plumber], ids=["pdfium", "pdfplumber"])
def reader(request):
    """The reader module (``read_pdf``, ``read_pdf_page``, ``page_count``)."""
    return request.param


def test_glyphs_carry_render_mode_font_size_colour_and_baseline(tmp_path, reader):
    raw = next(reader.read_pdf(two_page_pdf(tmp_path / "a.pdf")))
    assert "".join(g.text for g in raw.glyphs) == "SeenHidden"
    modes = {g.text: g.render_mode for g in raw.glyphs}
    assert modes["S"] == 0 and modes["H"] == 3
    first = raw.glyphs[0]
    assert first.size == pytest.approx(12.0)
    assert "Helvetica" in first.font
    assert first.color == ((0.0, 0.0, 0.0) if reader is pdfium else (0,))  # pdfminer: grey
    assert first.baseline == pytest.approx(40.0, abs=0.01)  # top-left origin
    assert first.upright


def test_rules_from_lines_thin_rects_and_frames(tmp_path, reader):
    raw = next(reader.read_pdf(two_page_pdf(tmp_path / "a.pdf")))
    horizontal = [r for r in raw.rules if r.horizontal]
    vertical = [r for r in raw.rules if not r.horizontal]
    assert any(abs(r.position - 100) < 0.5 and r.bbox.width > 300 for r in horizontal)
    assert any(abs(r.position - 200.3) < 0.5 and r.bbox.height > 100 for r in vertical)
    frame = sorted(round(r.position) for r in raw.rules if 110 <= r.bbox.width <= 130
                   or 50 <= r.bbox.height <= 70)
    assert frame == [30, 150, 230, 290]


def test_image_boxes_in_top_left_coordinates(tmp_path, reader):
    raw = next(reader.read_pdf(two_page_pdf(tmp_path / "a.pdf")))
    assert [(round(b.x0), round(b.top), round(b.x1), round(b.bottom)) for b in raw.images] == [
        (250, 150, 350, 200)]


def test_pages_one_at_a_time_and_by_number(tmp_path, reader):
    path = two_page_pdf(tmp_path / "a.pdf")
    assert [p.number for p in reader.read_pdf(path)] == [1, 2]
    assert reader.page_count(path) == 2
    assert "".join(g.text for g in reader.read_pdf_page(path, 2).glyphs) == "Two"
    with pytest.raises(InputError, match="no page 3"):
        reader.read_pdf_page(path, 3)


def test_bad_files_are_input_errors(tmp_path, reader):
    bad = tmp_path / "x.pdf"
    bad.write_text("hello, not a pdf")
    with pytest.raises(InputError, match="not a PDF"):
        list(reader.read_pdf(bad))
    broken = tmp_path / "y.pdf"
    broken.write_bytes(b"%PDF-1.4\n garbage without objects")
    with pytest.raises(InputError, match="unreadable"):
        list(reader.read_pdf(broken))
    with pytest.raises(InputError, match="cannot read"):
        list(reader.read_pdf(tmp_path / "missing.pdf"))
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(build_pdf([]))
    with pytest.raises(InputError, match="no pages" if reader is plumber else "unreadable"):
        list(reader.read_pdf(empty))  # PDFium refuses a page tree with no kids at open
    with pytest.raises(InputError, match="encrypted: pass --password"):
        list(reader.read_pdf(two_page_pdf(tmp_path / "locked.pdf", encrypt="secret")))


def _many_chars(count: int) -> RawPageSpec:
    line = b"(" + b"x" * 100 + b") Tj 0 -1 Td "
    return RawPageSpec(b"BT /F1 1 Tf 10 290 Td " + line * (count // 100) + b"ET\n")


def _many_segments(count: int) -> RawPageSpec:
    return RawPageSpec(b"0 0 m " + b"10 10 l 20 0 l " * (count // 2) + b"S\n")


def _nested_forms(draws: int = 30, depth: int = 3) -> RawPageSpec:
    """Forms ``Fm1`` .. ``Fm<depth>`` (objects 4, 5, ... after the font, object 3, when
    this is the file's first page), each drawing the next ``draws`` times; the last draws
    one stroked line."""
    images = {}
    for level in range(1, depth + 1):
        if level < depth:
            body = b"/Fm Do " * draws
            resources = b"<< /XObject << /Fm %d 0 R >> >>" % (4 + level)
        else:
            body, resources = b"0 0 m 100 100 l S", b"<< >>"
        images[f"Fm{level}"] = (b"<< /Type /XObject /Subtype /Form /BBox [0 0 400 300] "
                                b"/Resources " + resources + b" >>", body)
    return RawPageSpec(b"/Fm1 Do " * draws + b"\n", images=images)


def test_the_tally_raises_once_over_its_cap():
    tally = ObjectTally(10)
    tally.take(10)
    with pytest.raises(TooManyObjects):
        tally.take()


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("hostile", [_many_chars(3000), _many_segments(3000),
                                     _nested_forms()], ids=["chars", "segments", "forms"])
def test_a_page_over_the_cap_is_skipped_and_the_others_read(tmp_path, reader, hostile):
    path = tmp_path / "hostile.pdf"  # the hostile page first: its forms are objects 4, 5, 6
    path.write_bytes(build_pdf([hostile, RawPageSpec(TEXT), RawPageSpec(TEXT)]))
    pages = list(pdf_reader(reader, max_objects=CAP).read_pdf(path))
    assert [p.skipped is None for p in pages] == [False, True, True]
    assert pages[0].glyphs == () and pages[0].rules == ()
    assert "over 2000 objects" in (pages[0].skipped or "")
    assert [g.text for g in pages[1].glyphs][:6] == list("A line")
    whole = list(pdf_reader(reader).read_pdf(path))  # the default cap is far above
    assert all(p.skipped is None for p in whole)


def test_the_analysis_names_the_skipped_page(tmp_path):
    path = tmp_path / "hostile.pdf"
    path.write_bytes(build_pdf([RawPageSpec(TEXT), _many_chars(3000)]))
    settings = DEFAULT_SETTINGS.with_overrides(limits={"max_page_objects": CAP})
    issue = analyze_pdf(path, settings)
    assert [p.number for p in issue.pages] == [1]
    assert issue.skipped == (f"{path}: page 2: over 2000 objects (characters, drawings, "
                             "path segments: limits.max_page_objects); skipped",)
    only = tmp_path / "only.pdf"
    only.write_bytes(build_pdf([_many_chars(3000)]))
    with pytest.raises(InputError, match="page 1: over 2000 objects"):
        analyze_pdf(only, settings)
