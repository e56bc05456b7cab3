"""Strokes read as 一 where the page prints a dash, told apart by the weight at their end.

Takes the engine's results (``[box, text, score, word boxes, words, ...]`` per line,
pixels) and the page image they were read from; returns the results with each 一 whose
stroke is a dash's read as the dash —. The recogniser reads both for one another: a
dash is a horizontal stroke about an em long at mid-height, and so is 一.

In a face with serifs (the 宋体 of most papers' body text) the character 一 ends in a
serif: the last part of its stroke is much heavier than its middle; a dash is a rule of
even weight. The page's own 一s say whether its body face has serifs (``FACE_SAMPLES``
of its body lines' 一s or more end ``SERIF_END`` times as heavy as their middle or more,
more of them than end neither so heavy nor as light as a dash); only then is a 一 of
even weight (its end at most ``FLAT_END`` times its middle) a dash: beside a dash or
another 一 (the two as even on the whole), in any line but large type (the —— that
opens a subtitle, 馆—企—研), and alone in a line of body size (2021年—2025年). In a
face without serifs both are even: every 一 stays as read, and so do the 一s of large
type (headlines are set in other faces).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from layout.ingest.ocr.chars import body_line_height, span, word_pitch, words_and_boxes
from layout.ingest.ocr.lines import LARGE

ONE = "一"
DASH = "—"
SERIF_END = 1.3  # of its middle's weight: the end of a serif face's 一 is this heavy
FLAT_END = 1.2  # of its middle's weight: a stroke whose end is no heavier is a dash
FACE_SAMPLES = 5  # 一s of body lines: fewer say nothing of the body face
_BODY_HEIGHT = 0.2  # of the body height: a line this close to it is of body size
_BAND = (0.2, 0.85)  # of the line's height: the rows a stroke's weight is summed over
_PAPER = 90  # percentile of a line's grey: its paper
_MARGIN = 0.15  # pitches: looked at beyond the character's box on each side
_END = 0.3  # of the stroke's length: its end, where a serif sits
_LEAST_COLUMNS = 5  # pixel columns: a shorter stroke is too small to weigh


def end_weight(grey: Any, box: Sequence[Sequence[float]], top: float, bottom: float,
               pitch: float) -> float | None:
    """How much heavier the last ``_END`` of the horizontal stroke through the middle of
    ``box`` (a character's, pixels) is than its middle (ink summed down each pixel
    column of the line's band, less its paper); None when no stroke is there."""
    import numpy as np

    a0, a1 = span(box, 0)
    height = bottom - top
    c0 = max(0, int(a0 - _MARGIN * pitch))
    c1 = min(grey.shape[1], int(a1 + _MARGIN * pitch) + 1)
    rows = grey[max(0, int(top)):int(bottom) + 1, c0:c1]
    band = grey[max(0, int(top + _BAND[0] * height)):int(top + _BAND[1] * height) + 1, c0:c1]
    if rows.size == 0 or band.size == 0:
        return None
    paper = float(np.percentile(rows, _PAPER))
    weight = np.clip(paper - band.astype(float), 0.0, None).sum(axis=0)
    centre = int((a0 + a1) / 2) - c0
    if not 0 <= centre < len(weight):
        return None
    level = float(np.median(weight[max(0, centre - 2):centre + 3]))
    if level <= 0:
        return None
    a = b = centre
    while a > 0 and weight[a - 1] > level / 2:
        a -= 1
    while b + 1 < len(weight) and weight[b + 1] > level / 2:
        b += 1
    run = weight[a:b + 1]
    n = len(run)
    if n < _LEAST_COLUMNS:
        return None
    middle = float(np.median(run[n // 4:3 * n // 4 + 1]))
    return float(run[int((1 - _END) * n):].max()) / middle if middle > 0 else None


def dashes_by_weight(results: Sequence[Sequence[Any]], image: Any) -> list[Sequence[Any]]:
    """``results`` with each 一 of even weight read as — where the page's body face
    shows its 一s with serifs (see the module doc)."""
    import numpy as np

    body = body_line_height(results)
    if body is None or not any(ONE in str(r[1]) for r in results):
        return list(results)
    grey = np.asarray(image.convert("L"))
    # per line weighed: its words, their boxes, each word's end weight, body-sized or not
    weighed: dict[int, tuple[list[str], list[Any], list[float | None], bool]] = {}
    body_ends: list[float] = []
    for n, result in enumerate(results):
        words, boxes = words_and_boxes(result)
        if ONE not in words or len(words) != len(boxes) or "".join(words) != str(result[1]):
            continue
        top, bottom = span(result[0], 1)
        if bottom - top >= LARGE * body:
            continue
        pitch = word_pitch(words, boxes) or bottom - top
        ends = [end_weight(grey, box, top, bottom, pitch) if word == ONE else None
                for word, box in zip(words, boxes, strict=True)]
        body_sized = abs(bottom - top - body) <= _BODY_HEIGHT * body
        weighed[n] = (words, boxes, ends, body_sized)
        if body_sized:
            body_ends += [e for e in ends if e is not None]
    serifs = sum(e >= SERIF_END for e in body_ends)
    unclear = sum(FLAT_END < e < SERIF_END for e in body_ends)
    if serifs < FACE_SAMPLES or serifs <= unclear:
        return list(results)  # no serifs to tell the two apart
    out: list[Sequence[Any]] = []
    for n, result in enumerate(results):
        if n not in weighed:
            out.append(result)
            continue
        words, boxes, ends, body_sized = weighed[n]
        flat = [e is not None and e <= FLAT_END for e in ends]
        new = list(words)
        for k, word in enumerate(words):
            if word != ONE or not flat[k]:
                continue
            paired = any(0 <= j < len(words) and (words[j] == DASH or (
                words[j] == ONE and ends[j] is not None and ends[k] + ends[j] <= 2 * FLAT_END))
                for j in (k - 1, k + 1))
            if paired or body_sized:
                new[k] = DASH
        out.append(result if new == words else
                   [result[0], "".join(new), result[2], boxes, new, *result[5:]])
    return out
