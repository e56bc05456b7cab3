"""Double quotes at the ends of a headline read from the ink beside the detected box
(layout.ingest.ocr.quotes). No engine needed: lines drawn and their results written out."""

from __future__ import annotations

import numpy as np
from PIL import Image

from layout.ingest.ocr.quotes import quotes_at_ends

PAPER, INK = 240, 30
BODY, HEAD = 30, 60


def _box(x0: float, top: float, x1: float, bottom: float) -> list:
    return [[x0, top], [x1, top], [x1, bottom], [x0, bottom]]


def _page(commas_before: int, commas_after: int, opening: str | None,
          end_in_box: bool = False) -> tuple[Image.Image, list]:
    """Three body lines and a headline of four characters at x 100, with ``commas_before``
    quote commas left of its first character (the detector's box starting at the last
    of them, read as ``opening``) and ``commas_after`` right of its last (outside the
    box, or the last one inside it read as ’ with ``end_in_box``)."""
    pixels = np.full((200, 500), PAPER, np.uint8)
    results = []
    for top in (10, 50, 90):  # body lines
        for k in range(8):
            pixels[top + 3:top + BODY - 4, 12 + k * BODY:10 + (k + 1) * BODY - 2] = INK
        results.append([_box(10, top, 10 + 8 * BODY, top + BODY), "我们一起统一行动", 0.99,
                        [_box(10 + k * BODY, top, 10 + (k + 1) * BODY, top + BODY)
                         for k in range(8)], list("我们一起统一行动")])
    top, x = 130, 100
    words, boxes = [], []
    for k in range(commas_before):  # each comma 8 px wide, 14 tall, at the line's top
        c = x - 16 * (commas_before - k)
        pixels[top + 3:top + 17, c:c + 8] = INK
    if opening:
        words.append(opening)
        boxes.append(_box(x - 16, top, x, top + HEAD))
    for k in range(4):
        pixels[top + 5:top + HEAD - 6, x + 4 + k * HEAD:x + (k + 1) * HEAD - 4] = INK
        words.append("车担卜页"[k])
        boxes.append(_box(x + k * HEAD, top, x + (k + 1) * HEAD, top + HEAD))
    end = x + 4 * HEAD
    for k in range(commas_after):
        c = end + 4 + 16 * k
        pixels[top + 3:top + 17, c:c + 8] = INK
    if end_in_box:
        words.append("’")
        boxes.append(_box(end + 20, top, end + 32, top + HEAD))
        end += 32
    results.append([_box(boxes[0][0][0], top, end, top + HEAD), "".join(words), 0.99,
                     boxes, words])
    return Image.fromarray(pixels, "L"), results


def test_a_quote_cut_by_the_box_is_the_double_quote_the_ink_shows():
    image, results = _page(2, 2, "‘")
    out = quotes_at_ends(results, image)
    assert out[:3] == results[:3]  # body lines as read
    assert out[3][1] == "“车担卜页”" and out[3][4][0] == "“" and len(out[3][3]) == 6
    assert out[3][0][1][0] > results[3][0][1][0]  # the box takes the closing quote in
    image, results = _page(2, 2, "‘", end_in_box=True)
    assert quotes_at_ends(results, image)[3][1] == "“车担卜页”"


def test_one_comma_no_ink_or_no_quote_to_close_adds_nothing():
    image, results = _page(1, 1, "‘")
    assert quotes_at_ends(results, image)[3][1] == "‘车担卜页"
    image, results = _page(0, 0, None)
    assert quotes_at_ends(results, image) == results
    image, results = _page(0, 2, None)  # no quote opened: two dots of the last character's
    assert quotes_at_ends(results, image) == results


def test_a_line_of_body_size_stays_as_read():
    image, results = _page(2, 2, "‘")
    results[3][0] = _box(84, 130, 340, 160)  # as tall as the body lines: not large type
    assert quotes_at_ends(results[3:] + results[:3], image)[0] == results[3]
