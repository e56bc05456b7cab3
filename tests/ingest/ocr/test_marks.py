"""Marks told apart by where their ink sits (layout.ingest.ocr.marks): a middle dot read
where a full stop is printed. No engine needed: a line drawn and its result written out."""

from __future__ import annotations

import numpy as np
from PIL import Image

from layout.ingest.ocr.marks import stops_from_low_dots

EM = 30


def _line_image(dot_rows: tuple[int, int]) -> Image.Image:
    """One line of three character blobs with a small dot after the second, its ink in
    ``dot_rows`` (pixels from the line's top at 10)."""
    pixels = np.full((60, 200), 240, np.uint8)
    for x in (10, 40, 100):
        pixels[10:10 + EM, x:x + EM - 4] = 30
    pixels[10 + dot_rows[0]:10 + dot_rows[1], 78:86] = 30
    return Image.fromarray(pixels, "L")


def _result(text: str) -> list:
    boxes = [[[x, 10], [x + EM, 10], [x + EM, 10 + EM], [x, 10 + EM]] for x in (10, 40, 70, 100)]
    return [[[10, 10], [130, 10], [130, 10 + EM], [10, 10 + EM]], text, 0.99, boxes, list(text)]


def test_a_dot_low_in_its_line_is_a_full_stop():
    [low] = stops_from_low_dots([_result("中国·好")], _line_image((22, 29)))
    assert low[1] == "中国。好" and low[4] == ["中", "国", "。", "好"]
    assert low[3] == _result("中国·好")[3]  # the boxes as they were


def test_a_dot_at_mid_height_stays():
    [middle] = stops_from_low_dots([_result("胡里·奥")], _line_image((12, 18)))
    assert middle[1] == "胡里·奥"
    plain = _result("没有点号")
    assert stops_from_low_dots([plain], _line_image((12, 18))) == [plain]


def test_a_ring_at_mid_height_is_a_full_stop_and_a_solid_dot_stays():
    ring = _line_image((12, 20))
    pixels = np.asarray(ring).copy()
    pixels[23:29, 79:85] = 240  # the ring's hole
    [stop] = stops_from_low_dots([_result("中国·好")], Image.fromarray(pixels, "L"))
    assert stop[1] == "中国。好"
    [dot] = stops_from_low_dots([_result("胡里·奥")], _line_image((12, 20)))
    assert dot[1] == "胡里·奥"


def test_a_degree_sign_low_in_its_line_is_a_full_stop_and_one_at_its_top_stays():
    ring = _line_image((20, 28))
    pixels = np.asarray(ring).copy()
    pixels[23:25, 80:84] = 240  # a ring, low in the line: the 。 after 32%
    [stop] = stops_from_low_dots([_result("长%°”")], Image.fromarray(pixels, "L"))
    assert stop[1] == "长%。”" and stop[4] == ["长", "%", "。", "”"]
    high = np.asarray(_line_image((1, 9))).copy()
    high[4:6, 80:84] = 240  # a ring at the line's top: a degree sign (气温5°C)
    [degree] = stops_from_low_dots([_result("温5°C")], Image.fromarray(high, "L"))
    assert degree[1] == "温5°C"


def _dotted(words: list[str], widths: list[float]) -> list:
    boxes, x = [], 10.0
    for width in widths:
        boxes.append([[x, 10], [x + width, 10], [x + width, 40], [x, 40]])
        x += width
    return [[[10, 10], [x, 10], [x, 40], [10, 40]], "".join(words), 0.99, boxes, words]


def test_dots_read_for_an_ellipsis_are_one():
    from layout.ingest.ocr.marks import ellipses

    words = ["他", "说", "·", "·", "·", "好", "吗", "你"]
    [two] = ellipses([_dotted(words, [30, 30, 20, 20, 20, 30, 30, 30])])
    assert two[1] == "他说……好吗你" and len(two[3]) == len(two[4]) == 7
    [one] = ellipses([_dotted(words, [30, 30, 10, 10, 10, 30, 30, 30])])
    assert one[1] == "他说…好吗你"
    name = _dotted(list("胡里奥·塞瓦略"), [30, 30, 30, 12, 30, 30, 30])
    assert ellipses([name]) == [name]


def test_one_one_printed_as_one_stroke_is_the_dash():
    from layout.ingest.ocr.marks import dashes

    pixels = np.full((50, 200), 240, np.uint8)
    for x in (10, 100, 130, 160):
        pixels[12:36, x + 2:x + 28] = 30
    pixels[22:25, 40:100] = 30  # —— : one stroke over two ems
    words = ["他", "一", "一", "说", "好", "吗"]
    boxes = [[[x, 10], [x + 30, 10], [x + 30, 40], [x, 40]] for x in (10, 40, 70, 100, 130, 160)]
    result = [[[10, 10], [190, 10], [190, 40], [10, 40]], "他一一说好吗", 0.99, boxes, words]
    [dash] = dashes([result], Image.fromarray(pixels, "L"))
    assert dash[1] == "他——说好吗" and dash[4][1:3] == ["—", "—"]
    pixels[22:25, 40:100] = 240
    pixels[22:25, 42:68] = 30  # 一一: two strokes, paper between
    pixels[22:25, 72:98] = 30
    assert dashes([result], Image.fromarray(pixels, "L")) == [result]


def test_one_read_over_a_dash_the_detector_cut_short_is_the_dash():
    """The line's box cut the dash's first half off and the recogniser read its second
    half as 一: the stroke on the page runs on left of the box (the two halves a hair
    apart) for two ems, so it is ——; a 一 whose stroke is one em stays, and so does one
    whose ink past it is a character (not a thin stroke)."""
    from layout.ingest.ocr.marks import dashes

    pixels = np.full((50, 220), 240, np.uint8)
    for x in (100, 130, 160, 190):
        pixels[12:36, x + 2:x + 28] = 30
    pixels[22:25, 41:69] = 30  # the dash's first half, outside the line's box
    pixels[22:25, 71:99] = 30  # its second half, read as 一
    words = ["一", "说", "好", "吗", "呢"]
    boxes = [[[x, 10], [x + 30, 10], [x + 30, 40], [x, 40]] for x in (70, 100, 130, 160, 190)]
    result = [[[70, 10], [220, 10], [220, 40], [70, 40]], "一说好吗呢", 0.99, boxes, words]
    [dash] = dashes([result], Image.fromarray(pixels, "L"))
    assert dash[1] == "——说好吗呢" and dash[4][:2] == ["—", "—"]
    assert dash[3][0][0][0] == 41  # the dash's boxes cover its stroke
    pixels[22:25, 41:69] = 240  # one em of stroke: 一
    assert dashes([result], Image.fromarray(pixels, "L")) == [result]
    pixels[12:36, 43:69] = 30  # a character before it, touching: no thin stroke
    pixels[22:25, 69:71] = 30
    assert dashes([result], Image.fromarray(pixels, "L")) == [result]


def test_an_ellipsis_whose_last_dots_were_read_as_a_colon():
    """伍·…：“: the last two of an ellipsis's six dots read as a colon; dots side by side
    at mid-height are the ellipsis's, a colon's stand one over the other."""
    from layout.ingest.ocr.marks import ellipses

    words = ["伍", "·", "…", "：", "十", "四", "五", "时"]
    widths = [30, 15, 18, 22, 30, 30, 30, 30]
    pixels = np.full((50, 260), 240, np.uint8)
    for k, width in enumerate(widths):
        x = 10 + sum(widths[:k])
        if words[k] in "伍十四五时":
            pixels[12:38, x + 2:x + width - 2] = 30
    for d in range(6):  # the six dots from the first dot's box on
        pixels[24:27, 42 + 9 * d:45 + 9 * d] = 30
    [line] = ellipses([_dotted(words, widths)], Image.fromarray(pixels, "L"))
    assert line[1] == "伍……十四五时"
    stacked = pixels.copy()
    stacked[24:27, 78:100] = 240  # the last dots gone; a colon's stacked ones instead
    stacked[17:20, 88:91] = 30
    stacked[29:32, 88:91] = 30
    [line] = ellipses([_dotted(words, widths)], Image.fromarray(stacked, "L"))
    assert line[4][-5:] == ["：", "十", "四", "五", "时"]
