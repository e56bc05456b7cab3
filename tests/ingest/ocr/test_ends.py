"""Marks the recogniser dropped at a line's end put back from the ink after its last
character (layout.ingest.ocr.ends). No engine needed: a line drawn and its result
written out."""

from __future__ import annotations

import numpy as np
from PIL import Image

from layout.ingest.ocr.ends import dashes_at_starts, marks_at_ends

EM = 30
TOP = 10
CHARS = 5


def _page(after: str | None, below: str | None = None) -> Image.Image:
    """Five character blobs a pitch apart; after them ``after``: a ring (``"。"``), six
    dots at mid-height over two ems (``"……"``), a character's worth of ink (``"big"``)
    or nothing; on the line under them, from its start, ``below``: six dots or nothing."""
    pixels = np.full((120, 320), 240, np.uint8)
    for k in range(CHARS):
        x = 10 + k * EM
        pixels[TOP + 2:TOP + EM - 2, x + 2:x + EM - 2] = 30
    x = 10 + CHARS * EM  # the em after the last character
    if after == "。":
        pixels[TOP + 16:TOP + 25, x + 3:x + 12] = 30
        pixels[TOP + 18:TOP + 23, x + 5:x + 10] = 240
    elif after == "……":
        for d in range(6):
            pixels[TOP + 14:TOP + 18, x + 4 + 9 * d:x + 8 + 9 * d] = 30
    elif after == "big":
        pixels[TOP + 4:TOP + EM - 4, x + 4:x + EM - 4] = 30
    if below == "……":
        for d in range(6):
            pixels[TOP + 45 + 14:TOP + 45 + 18, 14 + 9 * d:18 + 9 * d] = 30
    return Image.fromarray(pixels, "L")


def _result(text: str = "一二三四五") -> list:
    boxes = [[[x, TOP], [x + EM, TOP], [x + EM, TOP + EM], [x, TOP + EM]]
             for x in (10 + k * EM for k in range(len(text)))]
    x1 = 10 + len(text) * EM
    return [[[10, TOP], [x1, TOP], [x1, TOP + EM], [10, TOP + EM]], text, 0.99, boxes,
            list(text)]


def test_a_full_stop_dropped_at_the_line_end_is_put_back():
    [line] = marks_at_ends([_result()], _page("。"))
    assert line[1] == "一二三四五。" and line[4] == list("一二三四五。")
    assert len(line[3]) == 6 and 160 <= line[3][5][0][0] < line[3][5][1][0] <= 175
    assert line[0][1][0] >= line[3][5][1][0]  # the line's box takes the mark in


def test_an_ellipsis_after_the_last_character_or_read_as_one_dot_is_two_ems():
    [line] = marks_at_ends([_result()], _page("……"))
    assert line[1] == "一二三四五……" and len(line[3]) == 7
    read_short = _result()
    read_short[1] += "·"
    read_short[4] = [*read_short[4], "·"]
    read_short[3] = [*read_short[3], [[165, TOP], [175, TOP], [175, TOP + EM], [165, TOP + EM]]]
    [line] = marks_at_ends([read_short], _page("……"))
    assert line[1] == "一二三四五……" and line[4][-2:] == ["…", "…"]


def test_an_ellipsis_alone_on_the_next_line_is_a_line_of_its_own():
    lines = marks_at_ends([_result()], _page(None, below="……"))
    assert [line[1] for line in lines] == ["一二三四五", "……"]
    x0, x1 = lines[1][0][0][0], lines[1][0][1][0]
    assert 10 <= x0 < x1 <= 70 and lines[1][0][0][1] > TOP + EM


def test_blank_after_the_line_or_a_character_there_adds_nothing():
    plain = _result()
    assert marks_at_ends([plain], _page(None)) == [plain]
    assert marks_at_ends([plain], _page("big")) == [plain]
    ends_with_a_mark = _result("一二三四。")
    assert marks_at_ends([ends_with_a_mark], _page("。")) == [ends_with_a_mark]


def test_a_dash_the_detector_left_out_before_a_subtitle_is_put_back():
    pixels = np.full((60, 320), 240, np.uint8)
    pixels[TOP + 14:TOP + 16, 12:70] = 30  # one thin stroke two ems long at mid-height
    for k in range(CHARS):
        x = 75 + k * EM
        pixels[TOP + 2:TOP + EM - 2, x + 2:x + EM - 2] = 30
    line = _result()
    for box in (line[0], *line[3]):
        for point in box:
            point[0] += 65
    [read] = dashes_at_starts([line], Image.fromarray(pixels, "L"))
    assert read[1] == "——一二三四五" and read[4][:2] == ["—", "—"]
    assert 10 <= read[0][0][0] <= 14 and len(read[3]) == 7
    pixels[TOP + 14:TOP + 16, 12:70] = 240  # no dash: as read
    assert dashes_at_starts([line], Image.fromarray(pixels, "L")) == [line]
    pixels[TOP + 4:TOP + 26, 20:45] = 30  # a character before the line: no dash either
    assert dashes_at_starts([line], Image.fromarray(pixels, "L")) == [line]


def test_a_full_stop_after_a_percent_sign_whose_box_stops_inside_it():
    """增长%。: the recogniser's box of % ends before its ink does (its lower ring past
    it); the mark is looked for after the ink, not inside the %."""
    pixels = np.full((60, 300), 240, np.uint8)
    for k in range(CHARS):
        x = 10 + k * EM
        pixels[TOP + 2:TOP + EM - 2, x + 2:x + EM - 2] = 30
    x = 10 + CHARS * EM  # the %, half an em: a ring, a slash, a ring (gaps of a pixel)
    pixels[TOP + 6:TOP + 12, x + 1:x + 6] = 30
    pixels[TOP + 4:TOP + 26, x + 7:x + 9] = 30
    pixels[TOP + 18:TOP + 24, x + 10:x + 15] = 30
    stop = x + 15 + 6  # the 。 a little after it
    pixels[TOP + 16:TOP + 25, stop:stop + 9] = 30
    pixels[TOP + 18:TOP + 23, stop + 2:stop + 7] = 240
    result = _result()
    result[3].append([[x, TOP], [x + 9, TOP], [x + 9, TOP + EM], [x, TOP + EM]])  # short
    result[1] += "%"
    result[4].append("%")
    [line] = marks_at_ends([result], Image.fromarray(pixels, "L"))
    assert line[1] == "一二三四五%。" and line[3][-1][0][0] >= stop


def test_a_subtitles_dash_set_in_two_halves_is_put_back():
    """——这是…: the face sets each half of the dash in its em, a little paper between."""
    pixels = np.full((60, 320), 240, np.uint8)
    start = 10 + 2 * EM  # the line's first character after the dash's two ems
    for k in range(CHARS):
        x = start + k * EM
        pixels[TOP + 2:TOP + EM - 2, x + 2:x + EM - 2] = 30
    pixels[TOP + 14:TOP + 16, 12:38] = 30  # the halves, 4 px apart
    pixels[TOP + 14:TOP + 16, 42:68] = 30
    result = _result()
    for box in result[3]:
        for p in box:
            p[0] += 2 * EM
    result[0] = [[start, TOP], [start + CHARS * EM, TOP], [start + CHARS * EM, TOP + EM],
                 [start, TOP + EM]]
    [line] = dashes_at_starts([result], Image.fromarray(pixels, "L"))
    assert line[1] == "——一二三四五" and line[0][0][0] <= 12


def test_a_stroke_of_the_last_character_past_its_box_is_no_mark():
    """The dot of 办 beyond a box cut short: it fits in one em with the character's ink."""
    pixels = np.full((60, 320), 240, np.uint8)
    for k in range(CHARS):
        x = 10 + k * EM
        pixels[TOP + 2:TOP + EM - 2, x + 2:x + EM - 8] = 30
    x = 10 + (CHARS - 1) * EM
    pixels[TOP + 16:TOP + 22, x + 24:x + 28] = 30  # its dot, low and apart
    result = _result()
    last = result[3][-1]
    for p in last:
        p[0] = min(p[0], x + 16)  # the box cut short before the dot
    assert marks_at_ends([result], Image.fromarray(pixels, "L")) == [result]
