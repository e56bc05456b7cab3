"""Quotation marks at the ends of a line of large type, read from the ink beside it.

Takes the engine's results (``[box, text, score, word boxes, words, ...]`` per line,
pixels) and the page image they were read from; returns the results with the double
quotes that open or close a headline read as the page prints them. The detector's box of
a line of large type often stops inside the mark at its end: the recogniser then sees one
of the two commas of “ and reads ‘, or sees none of ” and reads nothing. A double quote
is two marks side by side at the top of the line (from its top ``TOP`` of its height
at most, down to ``UPPER`` at most), each from ``MIN_SIDE`` to
``MARK_SIDE`` line heights each way, at most ``MARK_GAP`` apart; a single one is one.
So, in a line of large type (``LARGE`` times the body lines' height or more):

- a line opening with ‘ (or “) whose ink there, with what lies within ``REACH`` line
  heights left of its box, is two such marks reads “; closing with ’ (or ”), ”;
- a line that opens a quote and leaves it open, ending in a character after which,
  within ``REACH`` line heights, the ink is two such marks and nothing else, ends with ”
  (with no quote to close, two dots of the last character's own beyond a box cut short,
  as of 兴 or 党, may look alike; one mark alone says too little).

The ink is the page's own: nothing is added where it shows no mark.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from layout.ingest.ocr.chars import body_line_height, span, words_and_boxes
from layout.ingest.ocr.gutters import ink_mask
from layout.ingest.ocr.lines import LARGE

OPENING = {"‘": "“", "“": "“"}
CLOSING = {"’": "”", "”": "”"}
MARK_SIDE = 0.4  # line heights: the most one comma of a quote spans each way
MIN_SIDE = 0.1  # line heights: the least it spans each way (less: a stroke's tip)
MARK_GAP = 0.3  # line heights: the most paper between the two commas of a double quote
REACH = 0.8  # line heights beyond the box's end where a mark's ink may lie
UPPER = 0.6  # of the line's height from its top: a quote's ink lies above this
TOP = 0.25  # of the line's height from its top: a quote's ink starts above this


def _marks(ink: Any, a: float, b: float, top: float, bottom: float, character_left: bool
           ) -> list[tuple[int, int]] | None:
    """The pieces of ink (their column extents, left to right) between columns ``a`` and
    ``b`` over the line ``top .. bottom`` when all of them are quote-sized and lie in the
    line's upper part; None when any other ink is there, or a piece runs past the far end
    (a character's strokes). Pieces running past the end next to the line's character
    (``a`` when ``character_left``, else ``b``) are that character's unless quote-sized
    (the detector's box ends between the two commas): left out."""
    import cv2
    import numpy as np

    height = bottom - top
    c0, c1 = max(0, int(a)), min(ink.shape[1], int(b) + 1)
    r0, r1 = max(0, int(top)), min(ink.shape[0], int(bottom) + 1)
    if c1 - c0 < 2 or r1 - r0 < 2:
        return None
    crop = ink[r0:r1, c0:c1].astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(crop, connectivity=8)
    pieces = []
    for x, y, w, h, _ in stats[1:count]:
        if max(w, h) < MIN_SIDE * height:
            continue  # a speck
        at_left, at_right = x == 0, x + w >= crop.shape[1]
        mark = (MIN_SIDE * height <= min(w, h) and max(w, h) <= MARK_SIDE * height
                and y <= TOP * height and y + h <= UPPER * height)
        if (at_left and character_left) or (at_right and not character_left):
            if not mark:
                continue  # the character's strokes
        elif at_left or at_right or not mark:
            return None
        pieces.append((c0 + int(x), c0 + int(x + w)))
    return sorted(pieces)


def _quote(pieces: list[tuple[int, int]] | None, height: float) -> int:
    """How many commas ``pieces`` make as one quote mark: 2, 1, or 0 (none, or more
    than a quote)."""
    if not pieces or len(pieces) > 2:
        return 0
    if len(pieces) == 2 and pieces[1][0] - pieces[0][1] > MARK_GAP * height:
        return 0
    return len(pieces)


def quotes_at_ends(results: Sequence[Sequence[Any]], image: Any) -> list[Sequence[Any]]:
    """``results`` with the double quotes at the ends of lines of large type read as the
    ink shows them (see the module doc)."""
    import numpy as np

    body = body_line_height(results)
    if body is None:
        return list(results)
    ink = None
    out: list[Sequence[Any]] = []
    for result in results:
        words, boxes = words_and_boxes(result)
        top, bottom = span(result[0], 1)
        height = bottom - top
        x0, x1 = span(result[0], 0)
        if (height < LARGE * body or len(words) < 2 or len(words) != len(boxes)
                or "".join(words) != str(result[1]) or x1 - x0 < height):
            out.append(result)
            continue
        if ink is None:
            ink = ink_mask(np.asarray(image.convert("L")))
        new_words, new_boxes = list(words), list(boxes)
        first0, first1 = span(boxes[0], 0)
        if words[0] in OPENING and _quote(_marks(
                ink, min(first0, x0) - REACH * height, span(boxes[1], 0)[0], top, bottom, False),
                height) == 2:
            new_words[0] = "“"
        last0, last1 = span(boxes[-1], 0)
        if words[-1] in CLOSING and _quote(_marks(
                ink, span(boxes[-2], 0)[1], max(last1, x1) + REACH * height, top, bottom, True),
                height) == 2:
            new_words[-1] = "”"
        elif words[-1][-1:].isalnum() and new_words.count("“") > new_words.count("”"):
            # a character, no mark, and a quote the line opens left open
            pieces = _marks(ink, last1, max(last1, x1) + REACH * height, top, bottom, True)
            if pieces and _quote(pieces, height) == 2:
                new_words.append("”")
                new_boxes.append([[pieces[0][0], top], [pieces[-1][1], top],
                                  [pieces[-1][1], bottom], [pieces[0][0], bottom]])
        if new_words == words:
            out.append(result)
            continue
        right = max(x1, span(new_boxes[-1], 0)[1])
        box = [[x0, top], [right, top], [right, bottom], [x0, bottom]]
        out.append([box, "".join(new_words), result[2], new_boxes, new_words, *result[5:]])
    return out
