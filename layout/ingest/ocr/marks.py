"""Marks the recogniser confuses, told apart by where their ink sits in the line.

Takes the engine's results (``[box, text, score, word boxes, words, ...]`` per line,
pixels) and the page image they were read from; returns the results with each middle
dot ``·`` whose ink sits low in its line read as the full stop ``。`` (a Chinese full
stop is printed in the lower part of its em, a middle dot, as in 胡里奥·塞瓦略斯, at
mid-height; the recogniser reads the one for the other). A dot whose ink cannot be told
apart from its neighbours' stays as read. A dot drawn as a ring is a full stop wherever it
sits (some faces set 。 at mid-height). One character for one: the word boxes still
fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from layout.ingest.ocr.chars import span
from layout.ingest.ocr.gutters import ink_mask

MIDDLE_DOT = "·"
FULL_STOP = "。"
LOW = 0.6  # of the line's height from its top: a dot whose ink's middle is lower is a stop
_RING_SIDE = 5  # pixels: the least a ring's ink spans each way to show its hole
_RING_FILL = 0.66  # of its bounding box: a dot inked less is a ring (。 is a ring, · a
# solid dot)
_CORE = 0.25  # of a character's box on each side of its middle: where its own ink is


def hollow(band: Any) -> bool:
    """Whether the largest blob of ink in ``band`` (a boolean array) is a ring: at least
    ``_RING_SIDE`` pixels each way and less than ``_RING_FILL`` of its bounding box inked
    (a solid dot, however blurred, fills about π/4 of it)."""
    import cv2
    import numpy as np

    if not band.any():
        return False
    count, _, stats, _ = cv2.connectedComponentsWithStats(band.astype(np.uint8),
                                                          connectivity=8)
    if count < 2:
        return False
    _, _, width, height, area = stats[1 + int(np.argmax(stats[1:, 4]))]
    return (min(width, height) >= _RING_SIDE
            and area < _RING_FILL * width * height)


def stops_from_low_dots(results: Sequence[Sequence[Any]], image: Any) -> list[Sequence[Any]]:
    """``results`` with the middle dots that sit low read as full stops (see the doc)."""
    import numpy as np

    ink = None
    out: list[Sequence[Any]] = []
    for result in results:
        words = list(result[4]) if len(result) > 4 and result[4] else []
        boxes = result[3] if len(result) > 3 and result[3] else []
        if MIDDLE_DOT not in str(result[1]) or len(words) != len(boxes):
            out.append(result)
            continue
        if ink is None:
            ink = ink_mask(np.asarray(image.convert("L")))
        top, bottom = span(result[0], 1)
        height = max(bottom - top, 1.0)
        low = []
        for k, word in enumerate(words):
            if word != MIDDLE_DOT:
                continue
            x0, x1 = span(boxes[k], 0)
            middle, half = (x0 + x1) / 2, _CORE * (x1 - x0)
            band = ink[max(0, int(top)):max(0, int(bottom)),
                       max(0, int(middle - half)):max(0, int(middle + half) + 1)]
            rows = np.flatnonzero(band.any(axis=1)) if band.size else np.array([])
            if rows.size and ((rows[0] + rows[-1]) / 2 > LOW * height or hollow(band)):
                low.append(k)
        if not low:
            out.append(result)
            continue
        # the n-th dot of the words is the n-th dot of the text
        dots = [k for k, word in enumerate(words) if word == MIDDLE_DOT]
        text = list(str(result[1]))
        places = [i for i, ch in enumerate(text) if ch == MIDDLE_DOT]
        if len(places) != len(dots):
            out.append(result)
            continue
        for k in low:
            words[k] = FULL_STOP
            text[places[dots.index(k)]] = FULL_STOP
        out.append([result[0], "".join(text), result[2], result[3], words, *result[5:]])
    return out
