"""Semicolons the recogniser read as colons, told apart by the ink of their lower part.

Takes the engine's results (``[box, text, score, word boxes, words, ...]`` per line,
pixels) and the page image they were read from; returns the results with each colon
(``：`` or ``:``) whose lower piece of ink has a tail read as the semicolon it is (``；``,
``;``). A colon is two dots alike, one over the other; a semicolon's lower piece is a
comma, a dot with a tail below it: it runs down ``TAIL`` times as far as the upper dot
does, or more, and ``TAIL_SPAN`` pitches further (small type's dots differ by a pixel).
The ink looked at is the colon's word box (``_SIDE`` pitches wider each way, its
neighbours' ink left out: pieces touching the crop's sides), and it must be two pieces
one over the other; anything else stays as read. One character for one: the word boxes
still fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from layout.ingest.ocr.chars import span, word_pitch, words_and_boxes
from layout.ingest.ocr.gutters import ink_mask

COLONS = {"：": "；", ":": ";"}
TAIL = 1.4  # the lower piece of a semicolon runs down this many times the upper dot's height
TAIL_SPAN = 0.05  # pitches: and this much further (a colon's dots differ by a pixel)
_SIDE = 0.1  # pitches: the colon's box widened by this much each way
_SPECK = 2  # pixels: a piece of ink this small each way is a speck, not a dot


def semicolons(results: Sequence[Sequence[Any]], image: Any) -> list[Sequence[Any]]:
    """``results`` with the colons whose lower piece has a tail read as semicolons (see
    the module doc)."""
    import numpy as np

    ink = None
    out: list[Sequence[Any]] = []
    for result in results:
        words, boxes = words_and_boxes(result)
        text = str(result[1])
        if (not any(w in COLONS for w in words) or len(words) != len(boxes)
                or "".join(words) != text):
            out.append(result)
            continue
        if ink is None:
            ink = ink_mask(np.asarray(image.convert("L")))
        top, bottom = span(result[0], 1)
        pitch = word_pitch(words, boxes) or bottom - top
        new = [COLONS[w] if w in COLONS and _tailed(ink, span(boxes[k], 0), top, bottom,
                                                    pitch) else w
               for k, w in enumerate(words)]
        out.append(result if new == words else
                   [result[0], "".join(new), result[2], result[3], new, *result[5:]])
    return out


def _tailed(ink: Any, extent: tuple[float, float], top: float, bottom: float,
            pitch: float) -> bool:
    """Whether the ink of the colon at ``extent`` along the line is two pieces one over
    the other, the lower running down ``TAIL`` times as far as the upper and
    ``TAIL_SPAN`` pitches further."""
    import cv2
    import numpy as np

    rows, cols = ink.shape
    r0, r1 = max(0, int(round(top))), min(rows, int(round(bottom)))
    c0 = max(0, int(round(extent[0] - _SIDE * pitch)))
    c1 = min(cols, int(round(extent[1] + _SIDE * pitch)))
    if r1 - r0 < 6 or c1 - c0 < 3:
        return False
    band = ink[r0:r1, c0:c1].astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(band, connectivity=8)
    pieces = [stats[k] for k in range(1, count)
              if stats[k, 0] > 0 and stats[k, 0] + stats[k, 2] < band.shape[1]
              and max(stats[k, 2], stats[k, 3]) > _SPECK]
    if len(pieces) != 2:
        return False
    upper, lower = sorted(pieces, key=lambda s: s[1])
    if upper[1] + upper[3] > lower[1]:
        return False  # not one over the other
    overlap = min(upper[0] + upper[2], lower[0] + lower[2]) - max(upper[0], lower[0])
    return bool(overlap > 0 and lower[3] >= TAIL * upper[3]
                and lower[3] - upper[3] >= TAIL_SPAN * pitch)
