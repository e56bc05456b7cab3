"""Marks the recogniser dropped put back from the ink in the gap (layout.ingest.ocr.gaps).
No engine needed: a line drawn and its result written out."""

from __future__ import annotations

import numpy as np
from PIL import Image

from layout.ingest.ocr.gaps import marks_in_gaps

EM = 30
TOP = 10


def _page(mark: str | None) -> Image.Image:
    """Five character blobs a pitch apart with room for a sixth after the third; in that
    room a small mark (``"、"``: a stroke falling right, ``"。"``: a ring, ``"big"``: a
    character's worth of ink) or nothing."""
    pixels = np.full((60, 260), 240, np.uint8)
    for k in (0, 1, 2, 4, 5):
        x = 10 + k * EM
        pixels[TOP + 2:TOP + EM - 2, x + 2:x + EM - 2] = 30
    x = 10 + 3 * EM  # the mark's em
    if mark == "、":
        for d in range(8):
            pixels[TOP + 16 + d, x + 4 + d:x + 7 + d] = 30
    elif mark == "。":
        pixels[TOP + 16:TOP + 25, x + 3:x + 12] = 30
        pixels[TOP + 18:TOP + 23, x + 5:x + 10] = 240
    elif mark == "big":
        pixels[TOP + 4:TOP + EM - 4, x + 4:x + EM - 4] = 30
    return Image.fromarray(pixels, "L")


def _result(text: str = "一二三四五") -> list:
    boxes = [[[x, TOP], [x + EM, TOP], [x + EM, TOP + EM], [x, TOP + EM]]
             for x in (10 + k * EM for k in (0, 1, 2, 4, 5))]
    return [[[10, TOP], [190, TOP], [190, TOP + EM], [10, TOP + EM]], text, 0.99, boxes,
            list(text)]


def test_a_dropped_enumeration_comma_and_full_stop_are_put_back():
    [comma] = marks_in_gaps([_result()], _page("、"))
    assert comma[1] == "一二三、四五" and comma[4] == list("一二三、四五")
    assert len(comma[3]) == 6 and 100 <= comma[3][3][0][0] < comma[3][3][1][0] <= 130
    [stop] = marks_in_gaps([_result()], _page("。"))
    assert stop[1] == "一二三。四五"


def test_a_blank_gap_or_an_unread_character_adds_nothing():
    plain = _result()
    assert marks_in_gaps([plain], _page(None)) == [plain]
    assert marks_in_gaps([plain], _page("big")) == [plain]


def test_a_full_stop_blurred_into_the_next_character_is_put_back_by_its_ring():
    # a half-em 。 (punctuation set tight) whose ring touches the next character's ink
    pixels = np.full((60, 260), 240, np.uint8)
    starts = [10, 40, 70, 115, 145]  # 三 and 四 a pitch and a half apart
    for x in starts:
        pixels[TOP + 2:TOP + EM - 2, x + 2:x + EM - 2] = 30
    pixels[TOP + 12:TOP + 21, 102:117] = 30  # the ring, run into 四's ink
    pixels[TOP + 14:TOP + 19, 104:109] = 240  # its hole
    boxes = [[[x, TOP], [x + EM, TOP], [x + EM, TOP + EM], [x, TOP + EM]] for x in starts]
    line = [[[10, TOP], [175, TOP], [175, TOP + EM], [10, TOP + EM]], "一二三四五", 0.99,
            boxes, list("一二三四五")]
    [read] = marks_in_gaps([line], Image.fromarray(pixels, "L"))
    assert read[1] == "一二三。四五"
    pixels[TOP + 14:TOP + 19, 104:109] = 30  # no hole: a stroke of 四, nothing added
    assert marks_in_gaps([line], Image.fromarray(pixels, "L")) == [line]


def test_a_full_stop_squeezed_into_one_em_with_a_closing_quote_is_put_back():
    # 。” set in one em (two half-width marks): the quote read, the stop's ring left out
    pixels = np.full((60, 260), 240, np.uint8)
    starts = [10, 40, 70, 145]  # 一二三, then 巴 after the em holding 。”
    for x in starts:
        pixels[TOP + 2:TOP + EM - 2, x + 2:x + EM - 2] = 30
    pixels[TOP + 16:TOP + 25, 102:111] = 30  # the ring, low in the em's left half
    pixels[TOP + 18:TOP + 23, 104:109] = 240  # its hole
    pixels[TOP + 2:TOP + 8, 114:117] = 30  # ” : two solid commas at the top
    pixels[TOP + 2:TOP + 8, 119:122] = 30
    words = list("一二三”巴")
    boxes = [[[x0, TOP], [x1, TOP], [x1, TOP + EM], [x0, TOP + EM]]
             for x0, x1 in ((10, 40), (40, 70), (70, 100), (110, 124), (145, 175))]
    line = [[[10, TOP], [175, TOP], [175, TOP + EM], [10, TOP + EM]], "".join(words), 0.99,
            boxes, words]
    [read] = marks_in_gaps([line], Image.fromarray(pixels, "L"))
    assert read[1] == "一二三。”巴" and len(read[3]) == 6
    pixels[TOP + 18:TOP + 23, 104:109] = 30  # no hole: not a full stop, nothing added
    assert marks_in_gaps([line], Image.fromarray(pixels, "L")) == [line]


def _glued(mark: str | None) -> tuple[list, Image.Image]:
    """一二三 a pitch apart, then half an em of paper, then 四五: a mark of a face that
    centres its marks (``"、"`` a stroke falling right, ``"。"`` a ring, low in the line)
    set in that half em, its ink run into 四's; ``None``: no mark (the half em a space)."""
    pixels = np.full((60, 260), 240, np.uint8)
    starts = [10, 40, 70, 115, 145]
    for x in starts:
        pixels[TOP + 2:TOP + EM - 2, x + 2:x + EM - 2] = 30
    if mark == "、":
        for d in range(10):
            pixels[TOP + 12 + d, 111 + d // 2:114 + d // 2] = 30  # down to 四's ink at 117
    elif mark == "。":
        pixels[TOP + 12:TOP + 22, 109:118] = 30
        pixels[TOP + 14:TOP + 20, 111:115] = 240
    elif mark == "上":  # no mark: 四's bottom stroke, thin, run out left (as 上's does)
        pixels[TOP + 24:TOP + 27, 109:118] = 30
    elif mark == "亻":  # no mark: the stroke falling left that opens 四 (as 亻's 丿)
        for d in range(10):
            pixels[TOP + 21 - d, 111 + d // 2:114 + d // 2] = 30
    boxes = [[[x, TOP], [x + EM, TOP], [x + EM, TOP + EM], [x, TOP + EM]] for x in starts]
    boxes[3][0][0] = boxes[3][3][0] = 112  # the recogniser's box of 四 takes in the mark
    line = [[[10, TOP], [175, TOP], [175, TOP + EM], [10, TOP + EM]], "一二三四五", 0.99,
            boxes, list("一二三四五")]
    return line, Image.fromarray(pixels, "L")


def test_a_centred_mark_set_in_half_an_em_and_touching_the_next_character_is_put_back():
    line, page = _glued("、")
    [read] = marks_in_gaps([line], page)
    assert read[1] == "一二三、四五" and read[4] == list("一二三、四五")
    assert len(read[3]) == 6 and 98 <= read[3][3][0][0] < read[3][3][1][0] <= read[3][4][0][0]
    line, page = _glued("。")
    assert marks_in_gaps([line], page)[0][1] == "一二三。四五"


def test_half_an_em_of_paper_before_a_character_reaching_the_top_adds_nothing():
    line, page = _glued(None)  # a space (a byline's name), 四's strokes from the top
    assert marks_in_gaps([line], page) == [line]
    line, page = _glued("上")  # nor before one whose thin bottom stroke runs out left
    assert marks_in_gaps([line], page) == [line]
    line, page = _glued("亻")  # nor one opening with a stroke falling left (侯 after 记者 )
    assert marks_in_gaps([line], page) == [line]
