"""Colons read where the page prints semicolons (layout.ingest.ocr.semicolons). No engine
needed: a line drawn and its result written out."""

from __future__ import annotations

import numpy as np
from PIL import Image

from layout.ingest.ocr.semicolons import semicolons

EM = 30
TOP = 10


def _line(lower_rows: int, upper_rows: int = 4) -> tuple[list, Image.Image]:
    """一二：三四 a pitch apart, the mark's upper dot ``upper_rows`` pixels tall and its
    lower piece ``lower_rows`` tall (4: a colon's dot; 8: a semicolon's comma, a dot
    with a tail)."""
    pixels = np.full((60, 200), 240, np.uint8)
    for k in (0, 1, 3, 4):
        x = 10 + k * EM
        pixels[TOP + 2:TOP + EM - 2, x + 2:x + EM - 2] = 30
    x = 10 + 2 * EM
    pixels[TOP + 9:TOP + 9 + upper_rows, x + 12:x + 16] = 30  # the upper dot
    pixels[TOP + 18:TOP + 18 + min(lower_rows, 4), x + 12:x + 16] = 30  # the lower dot
    for d in range(lower_rows - 4):  # and its tail, falling left
        pixels[TOP + 22 + d, x + 12 - d // 2:x + 14 - d // 2] = 30
    boxes = [[[x, TOP], [x + EM, TOP], [x + EM, TOP + EM], [x, TOP + EM]]
             for x in (10 + k * EM for k in range(5))]
    result = [[[10, TOP], [160, TOP], [160, TOP + EM], [10, TOP + EM]], "一二：三四", 0.99,
              boxes, list("一二：三四")]
    return result, Image.fromarray(pixels, "L")


def test_a_colon_whose_lower_piece_has_a_tail_is_a_semicolon():
    line, page = _line(8)
    [read] = semicolons([line], page)
    assert read[1] == "一二；三四" and read[4] == list("一二；三四") and read[3] == line[3]


def test_a_colon_of_two_dots_alike_stays():
    line, page = _line(4)
    assert semicolons([line], page) == [line]



def test_small_type_whose_lower_dot_is_a_pixel_taller_stays_a_colon():
    line, page = _line(3, upper_rows=2)  # dots of 2 and 3 pixels: half again as tall
    assert semicolons([line], page) == [line]
