"""OCR of headlines drawn as outlines on a text-layer page (layout.ingest.ocr.regions,
layout.analysis.pdf.scan.with_outlines_read): the row's text enters as glyphs of its size
and is recorded per region with its confidence; a page with none is left as it is. The
end-to-end test skips without rapidocr (CI installs the extra ``layout[ocr]``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from layout.analysis.pdf.page import analyze_pdf
from layout.ingest.ocr.regions import region_dpi, row_text
from layout.model import BBox
from layout.model.serialize import issue_to_json
from layout.settings import DEFAULT_SETTINGS

HAS_ENGINE = importlib.util.find_spec("rapidocr_onnxruntime") is not None
FONTS = Path(__file__).resolve().parents[3] / "fonts"
HEADLINE = "城市更新惠及万家"
BODY = "本报讯记者从市住房和城乡建设局获悉今年全市老旧小区改造工作进展顺利已完成年度任务"


def test_a_row_read_gives_glyphs_of_its_size_across_its_ink():
    box = BBox(100.0, 50.0, 340.0, 76.0)
    read = row_text("城市更新,惠及万家", 0.97, box, 30.0)
    assert read is not None and read.line.text == "城市更新，惠及万家"  # marks full-width
    assert read.line.bbox == box and read.line.confidence == 0.97
    assert [g.text for g in read.glyphs] == list("城市更新，惠及万家")
    assert all(g.size == 30.0 and g.font == "OCR" for g in read.glyphs)
    assert all(g.top == 48.0 and g.bottom == 78.0 for g in read.glyphs)  # on the row's middle
    xs = [g.x0 for g in read.glyphs]
    assert xs == sorted(xs) and read.glyphs[0].x0 < 105 and read.glyphs[-1].x1 > 335
    assert row_text("城市", 0.3, box, 30.0) is None  # too little confidence
    assert row_text("  ", 0.99, box, 30.0) is None


def test_region_resolution_from_the_smallest_row_and_capped():
    assert region_dpi([40.0, 20.0], 842, 1191) == pytest.approx(144.0)
    assert region_dpi([1.0], 842, 1191) == DEFAULT_SETTINGS.ocr.max_dpi
    huge = region_dpi([1.0], 842 * 50, 1191 * 50)
    assert huge * huge * 842 * 50 * 1191 * 50 / 72 ** 2 <= DEFAULT_SETTINGS.limits.max_ocr_pixels


def _outlined_page(path: Path) -> Path:
    from fontTools.pens.basePen import BasePen
    from fontTools.ttLib import TTFont
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as RLFont
    from reportlab.pdfgen.canvas import Canvas

    serif = FONTS / "LayoutSerifSC-Regular.ttf"
    bold = TTFont(str(FONTS / "LayoutSansSC-Bold.ttf"), lazy=True)
    pdfmetrics.registerFont(RLFont("RegionsSerif", str(serif)))
    canvas = Canvas(str(path), pagesize=(420, 300))
    glyphs, cmap = bold.getGlyphSet(), bold.getBestCmap()
    scale = 30 / bold["head"].unitsPerEm

    class Pen(BasePen):
        def __init__(self, x: float, y: float) -> None:
            super().__init__(glyphs)
            self.at, self.path = (x, y), canvas.beginPath()

        def _xy(self, p):
            return self.at[0] + p[0] * scale, self.at[1] + p[1] * scale

        def _moveTo(self, p):
            self.path.moveTo(*self._xy(p))

        def _lineTo(self, p):
            self.path.lineTo(*self._xy(p))

        def _curveToOne(self, a, b, c):
            self.path.curveTo(*self._xy(a), *self._xy(b), *self._xy(c))

        def _closePath(self):
            self.path.close()

    for k, ch in enumerate(HEADLINE):  # the headline as filled paths: no text in the PDF
        pen = Pen(30 + 32 * k, 240)
        glyphs[cmap[ord(ch)]].draw(pen)
        canvas.drawPath(pen.path, stroke=0, fill=1)
    canvas.setFont("RegionsSerif", 10)
    for row in range(8):
        canvas.drawString(30, 200 - 14 * row, BODY[row:] + BODY[:row])
    canvas.save()
    return path


@pytest.mark.skipif(not HAS_ENGINE, reason="rapidocr-onnxruntime not installed")
def test_an_outlined_headline_is_read_on_a_text_layer_page(tmp_path):
    pdf = _outlined_page(tmp_path / "outlined.pdf")
    page = analyze_pdf(pdf).pages[0]
    assert [a.headline for a in page.articles if a.headline] == [HEADLINE]
    (region,) = page.ocr_regions
    assert region.text == HEADLINE and 0.5 <= region.confidence <= 1.0
    assert page.ocr_confidence is None  # the page's own text is its text layer's
    never = analyze_pdf(pdf, DEFAULT_SETTINGS.with_overrides(ocr={"mode": "never"}))
    assert not never.pages[0].ocr_regions
    assert HEADLINE not in issue_to_json(never)
    assert '"ocr_regions"' in issue_to_json(analyze_pdf(pdf))


def test_a_row_is_read_on_blank_paper_but_for_its_own_ink():
    from PIL import Image, ImageDraw

    from layout.ingest.ocr.regions import RowInk, row_crop

    page = Image.new("L", (400, 200), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((100, 50, 300, 80), fill=0)  # the row's ink
    draw.rectangle((88, 62, 96, 66), fill=0)  # a stroke of its first glyph, drawn as a rule
    draw.line((80, 0, 80, 200), fill=0)  # a box's frame 20 px left of it
    draw.rectangle((100, 86, 300, 120), fill=0)  # the next line, 6 px under it
    draw.rectangle((310, 55, 320, 75), fill=0)  # a text-layer character beside the row
    row = BBox(100.0, 50.0, 300.0, 80.0)
    ink = RowInk(drawn=(row, BBox(88.0, 62.0, 96.0, 66.0)),
                 blanked=(BBox(310.0, 55.0, 320.0, 75.0), BBox(80.0, 0.0, 80.0, 200.0)),
                 own=(row,))
    crop = row_crop(page, row, 30.0, 1.0, ink)
    assert crop is not None and crop.size == (236, 46)  # 0.6 em across, 0.25 em down
    as_drawn = page.crop((82, 42, 318, 88))
    grey, drawn, width = list(crop.tobytes()), list(as_drawn.tobytes()), crop.size[0]
    at = lambda x, y: grey[(y - 42) * width + x - 82]  # noqa: E731 (page coordinates)
    assert at(200, 65) == 0 and at(92, 64) == 0  # the row's ink and its stroke are there
    assert all(at(x, y) == 255 for y in range(42, 88) for x in (300 + 4, 315))  # beside: paper
    assert all(v == 255 for v in grey[-3 * width:])  # the next line's top is not there
    assert min(drawn[-3 * width:]) == 0  # (it is in the crop as drawn)
    assert row_crop(page, row, 30.0, 1.0).tobytes() == as_drawn.tobytes()  # without ink


def test_a_lone_bar_beside_chinese_is_yi():
    from layout.ingest.ocr.chars import cjk_one

    assert cjk_one("-项改革带来就医新变化") == "一项改革带来就医新变化"
    assert cjk_one("统_战线") == "统一战线"
    assert cjk_one("COVID-19疫情") == "COVID-19疫情"  # between Latin and digits: a hyphen
    assert cjk_one("--中") == "--中" and cjk_one("1-2") == "1-2"


def _line_image(shapes: list[tuple[int, int, int, int]]):
    """A grey line image 60 px tall (an em of 40 px) with these black boxes drawn."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (40 * 12, 60), "white")
    draw = ImageDraw.Draw(image)
    for box in shapes:
        draw.rectangle(box, fill=0)
    return image


def _char(k: int) -> tuple[int, int, int, int]:
    return (40 * k + 4, 10, 40 * k + 36, 50)  # a full-width character's ink in em k


def test_a_lone_bar_is_yi_or_a_middle_dot_by_its_shape():
    from layout.ingest.ocr.bars import bars_and_dots

    # 中 - 国 - 家: a dot (6 px square about the middle) in em 1, a bar (32 x 4) in em 3
    image = _line_image([_char(0), (57, 27, 63, 33), _char(2), (124, 28, 156, 32), _char(4)])
    assert bars_and_dots("中-国-家", image, 40.0) == "中·国一家"
    assert bars_and_dots("中-国一家", image, 40.0) == "中·国一家"  # a 一 read as one keeps its
    # place among the flat shapes; with shapes and bars not matching, every lone bar is 一
    assert bars_and_dots("中-国家", image, 40.0) == "中一国家"
    assert bars_and_dots("COVID-19", image, 40.0) == "COVID-19"  # no lone bar


def test_a_quote_read_at_a_line_end_where_a_comma_sits_low_is_the_comma():
    from layout.ingest.ocr.bars import end_marks

    comma = [(12, 28, 19, 35), (14, 35, 17, 40), (10, 40, 13, 45)]  # a head, a tail falling left
    image = _line_image(comma + [_char(k) for k in range(1, 4)])
    assert end_marks("’也学美", image, 40.0) == "，也学美"
    quote = [(12, 10, 17, 20), (21, 10, 26, 20)]  # a quote's two commas hang from the top
    assert end_marks("“也学美", _line_image(quote + [_char(k) for k in range(1, 4)]),
                     40.0) == "“也学美"
    closing = _line_image([_char(k) for k in range(3)] + [(125, 10, 130, 20), (134, 10, 139, 20)])
    assert end_marks("也学美”", closing, 40.0) == "也学美”"


@pytest.mark.skipif(not HAS_ENGINE, reason="rapidocr-onnxruntime not installed")
@pytest.mark.parametrize(("composer", "family", "seed", "split"), [
    ("reportlab", "party", 13, "tune"), ("reportlab", "party", 32, "tune"),
    ("reportlab", "city", 14, "tune"), ("reportlab", "city", 28, "tune"),
    ("typst", "feature", 12, "tune"), ("reportlab", "party", 1002, "holdout")])
def test_outlined_headlines_on_tune_pages_read_only_what_they_show(tmp_path, composer, family,
                                                                    seed, split):
    """Pages whose outlined headlines sit tight under each other (party 13), inside a
    box's double rule with a 引 whose 丨 is drawn as a rule (party 32), or open with a 一
    drawn as a rule (city 14), beside a box's frame (city 28), or open with a 一 drawn as
    a rectangle, neither shape nor rule (Typst feature 12), or hold a middle dot the
    recogniser reads as - (关切·落地, held-out party 1002): every character OCR reads is
    one the headline shows, and the page's characters all come out once (a '_' from the
    next line's tops, a '『' or '「' from the frame, a '-' for 一, 一 for · were read)."""
    from tests.synth.compose import compose_page
    from tests.synth.epaper_text import CORPUS_FILE
    from tests.synth.nothing_lost import balance, read_by_ocr, shown_characters

    if CORPUS_FILE is None:  # the pages' articles, and so their headlines, come from it
        pytest.skip("these tune pages are composed from ../shared's corpus articles")
    pdf = tmp_path / f"{composer}-{family}-{seed}.pdf"
    truth = compose_page(composer, seed, family, pdf, split)
    page = analyze_pdf(pdf).pages[0]
    assert page.ocr_regions
    shown = "".join("".join(a.shown_headline.split()) for a in truth.articles
                    if a.shown_headline)
    assert "".join(r.text for r in page.ocr_regions) == shown
    missing, extra = balance(read_by_ocr(shown_characters(pdf), truth, page), page)
    assert not missing and not extra
