"""OCR lines into layout (layout.ingest.ocr, layout.ingest.photos): lines cut at gutters,
sizes taken per column, marks and dashes as Chinese prints them, photos found in a scan.
No engine needed: the engine's results are written out here."""

from __future__ import annotations

import pytest

from layout.ingest import ocr
from layout.ingest.photos import inside, photo_boxes
from layout.settings import DEFAULT_SETTINGS


def _line(x0, top, text, pitch=20.0, height=26.0, gap_after=None):
    """An engine result for ``text`` set solid at ``pitch`` px from ``x0``; ``gap_after``:
    {index: extra px after that character}."""
    boxes, words, x = [], [], x0
    for k, ch in enumerate(text):
        width = pitch * ocr.char_weight(ch)
        boxes.append([[x, top], [x + width, top], [x + width, top + height], [x, top + height]])
        words.append(ch)
        x += width + (gap_after or {}).get(k, 0.0)
    return [[[x0, top], [x, top], [x, top + height], [x0, top + height]], text, 0.99, boxes,
            words]


def test_a_line_read_across_a_gutter_is_cut_there():
    merged = _line(0, 0, "保障和改善民生确提出新时代", gap_after={6: 20.0})
    first, second = ocr.split_at_gutters(merged)
    assert (first[1], second[1]) == ("保障和改善民生", "确提出新时代")
    assert first[0][1][0] == pytest.approx(140) and second[0][0][0] == pytest.approx(160)
    plain = _line(0, 0, "没有栏间的一行字")
    assert ocr.split_at_gutters(plain) == [plain]
    latin = _line(0, 0, "Belt and Road", gap_after={3: 6.0, 7: 6.0})
    assert len(ocr.split_at_gutters(latin)) == 1  # spaces between words are no gutter


def test_sizes_follow_the_column_not_one_line():
    px = 72 / 200
    column = [_line(0, 40 * k, "这是一个栏里的正文行字") for k in range(6)]
    column.append(_line(0, 240, "去。”", height=30.0))  # a short last line, taller box
    column.append(_line(40, 280, "首行缩进了两字", pitch=24.0))  # a justified line, spaced out
    glyphs, _ = ocr.lines_to_glyphs(column, px, px)
    assert len({round(g.size, 3) for g in glyphs}) == 1
    assert glyphs[0].size == pytest.approx(20 * px)  # the em from the lines' pitch
    headline = _line(0, 400, "大标题", pitch=60.0, height=78.0)
    glyphs, _ = ocr.lines_to_glyphs([*column, headline], px, px)
    assert glyphs[-1].size > 2.5 * glyphs[0].size


def test_two_boxes_of_one_headline_get_one_size():
    px = 72 / 200
    left = _line(0, 0, "久久为功，", pitch=60.0, height=70.0)
    right = _line(330, 2, "“APEC蓝”成为“北京蓝”", pitch=60.0, height=74.0)
    body = [_line(0, 200 + 40 * k, "这是一个栏里的正文行字") for k in range(6)]
    glyphs, _ = ocr.lines_to_glyphs([left, right, *body], px, px)
    head = [g for g in glyphs if g.size > 15]
    assert len(head) == len("久久为功，“APEC蓝”成为“北京蓝”") and len({g.size for g in head}) == 1


def test_marks_and_dashes_as_chinese_prints_them():
    assert ocr.cjk_punctuation('“APEC蓝”成为"北京蓝"') == "“APEC蓝”成为“北京蓝”"
    assert ocr.cjk_punctuation('他说"好",走了') == "他说“好”，走了"
    assert ocr.cjk_punctuation("Hello, world (ok)") == "Hello, world (ok)"
    assert ocr.cjk_dashes("一—还有提升的空间", standalone=False) == "——还有提升的空间"
    assert ocr.cjk_dashes("一-2014年11月10日", standalone=False) == "——2014年11月10日"
    assert ocr.cjk_dashes("一一总书记的关切", standalone=True) == "——总书记的关切"
    assert ocr.cjk_dashes("一一落实到位", standalone=False) == "一一落实到位"  # in a column
    assert ocr.cjk_dashes("统一一致", standalone=True) == "统一一致"


def test_detected_headlines_are_widened_to_take_in_edge_marks():
    import numpy as np

    body = [[[20, y], [200, y], [200, y + 30], [20, y + 30]] for y in range(100, 400, 40)]
    boxes = np.array([[[100, 10], [300, 10], [300, 70], [100, 70]],
                      [[5, 50], [35, 50], [35, 300], [5, 300]], *body], dtype=np.float32)
    out = ocr.pad_boxes(boxes, 310, 0.3)
    assert out[0, 0, 0] == pytest.approx(82) and out[0, 1, 0] == pytest.approx(309)
    assert (out[1:] == boxes[1:]).all()  # standing on end, body lines: left alone
    assert boxes[0, 0, 0] == 100  # the engine's array untouched


def _page(width=800, height=1000, shade=0):
    """A white page (with paper darkening by ``shade`` grey levels to the right)."""
    import numpy as np
    from PIL import Image

    row = 245 - np.linspace(0, shade, width)
    return np.tile(row, (height, 1)).astype(np.float32), Image


def test_photos_are_found_in_a_scan_and_text_is_not():
    pytest.importorskip("cv2", reason="the photo finder needs OpenCV (layout[ocr])")
    import numpy as np

    pixels, image = _page(shade=25)
    text_boxes = []
    for k in range(20):  # a column of text lines: dark strokes, read by OCR
        top = 100 + 30 * k
        pixels[top:top + 20, 420:700:6] = 20
        text_boxes.append((420.0, float(top), 700.0, float(top + 20)))
    ys, xs = np.mgrid[0:250, 0:300]
    pixels[120:370, 60:360] = 90 + 0.4 * xs + 0.2 * ys  # a photo: a dark gradient
    pixels[600:603, 60:360] = 0  # a rule
    pixels[700:900, 60:62] = pixels[700:900, 358:360] = 0  # a frame round nothing
    pixels[700:702, 60:360] = pixels[898:900, 60:360] = 0
    page = image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")
    photos = photo_boxes(page, text_boxes, dpi=72.0, min_side=40.0)
    assert len(photos) == 1
    x0, top, x1, bottom = photos[0]
    assert abs(x0 - 60) <= 4 and abs(top - 120) <= 4 and abs(x1 - 360) <= 4
    assert abs(bottom - 370) <= 4
    assert inside((100.0, 200.0, 200.0, 220.0), photos)
    assert not inside((300.0, 200.0, 500.0, 220.0), photos)
    blank = image.fromarray(np.clip(_page(shade=30)[0], 0, 255).astype(np.uint8), "L")
    assert photo_boxes(blank, [], dpi=72.0) == []  # uneven paper is no photo


def test_small_type_is_enlarged_before_ocr():
    pytest.importorskip("cv2", reason="the type-size measure needs OpenCV (layout[ocr])")
    import numpy as np
    from PIL import Image

    def page(side: int) -> Image.Image:
        pixels = np.full((1200, 900), 240, np.uint8)
        for row in range(40, 1150, int(side * 1.6)):
            for col in range(40, 860, int(side * 1.1)):
                pixels[row:row + side, col:col + side - 2] = 30  # a character-like blob
        return Image.fromarray(pixels, "L")

    assert ocr.character_height(page(20)) == pytest.approx(20, abs=3)
    assert ocr.upscale(page(20)) == pytest.approx(32 / ocr.character_height(page(20)))
    assert ocr.upscale(page(30)) == 1.0  # large enough already
    assert ocr.upscale(Image.new("L", (300, 300), 255)) == 1.0  # nothing to measure
    capped = DEFAULT_SETTINGS.with_overrides(limits={"max_ocr_pixels": 1_825_200})
    assert ocr.upscale(page(16), capped) == pytest.approx(1.3)  # within the pixel cap
    barely = DEFAULT_SETTINGS.with_overrides(limits={"max_ocr_pixels": 1_200_000})
    assert ocr.upscale(page(16), barely) == 1.0  # not worth it


def test_a_headline_in_two_lines_is_one_size_and_its_kicker_is_not():
    px = 72 / 200
    body = [_line(0, 300 + 40 * k, "这是一个栏里的正文行字") for k in range(8)]
    kicker = _line(40, 0, "引题比标题小些", pitch=40.0, height=52.0)
    first = _line(20, 70, "三季度出入境人员", pitch=60.0, height=76.0)
    second = _line(60, 160, "达1.78亿人次", pitch=60.0, height=68.0)  # detected shorter
    glyphs, _ = ocr.lines_to_glyphs([kicker, first, second, *body], px, px)
    sizes = [g.size for g in glyphs]
    kicker_size, first_size = sizes[0], sizes[len("引题比标题小些")]
    second_size = sizes[len("引题比标题小些三季度出入境人员")]
    assert first_size == second_size
    assert kicker_size < 0.8 * first_size
