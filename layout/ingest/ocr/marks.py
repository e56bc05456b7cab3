"""Marks the recogniser confuses, told apart by where their ink sits in the line.

Takes the engine's results (``[box, text, score, word boxes, words, ...]`` per line,
pixels) and the page image they were read from; returns the results with each middle
dot ``·`` whose ink sits low in its line read as the full stop ``。`` (a Chinese full
stop is printed in the lower part of its em, a middle dot, as in 胡里奥·塞瓦略斯, at
mid-height; the recogniser reads the one for the other). A dot whose ink cannot be told
apart from its neighbours' stays as read. A dot drawn as a ring is a full stop wherever it
sits (some faces set 。 at mid-height). A degree sign ``°`` is a full stop too when its
ink's middle is below the line's top ``DEGREE_LOW`` (the recogniser reads a 。 after a
digit or ``%`` as one; a degree sign stands at the top). One character for one: the word
boxes still fit. And a run of dots read for an ellipsis is the ellipsis ……
(:func:`ellipses`); 一一 read where one unbroken stroke is printed, the dash ——
(:func:`dashes`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from layout.ingest.ocr.chars import halves, is_cjk, span, word_pitch, words_and_boxes
from layout.ingest.ocr.gutters import ink_mask

MIDDLE_DOT = "·"
DEGREE = "°"
FULL_STOP = "。"
LOW = 0.6  # of the line's height from its top: a dot whose ink's middle is lower is a stop
DEGREE_LOW = 0.4  # of the line's height: a degree sign's ink's middle is higher (it stands
# at the top of the line; a 。 read as ° at mid-height or lower)
_RING_SIDE = 5  # pixels: the least a ring's ink spans each way to show its hole
_RING_HOLE = 2  # pixels: the least hole a ring shows (。 is a ring, · a solid dot)
_CORE = 0.25  # of a character's box on each side of its middle: where its own ink is


def hollow(band: Any) -> bool:
    """Whether the largest blob of ink in ``band`` (a boolean array) is a ring: at least
    ``_RING_SIDE`` pixels each way, round a hole of ``_RING_HOLE`` pixels or more that
    the paper outside does not reach (a solid dot, or a stroke, has none)."""
    import cv2
    import numpy as np

    if not band.any():
        return False
    count, labels, stats, _ = cv2.connectedComponentsWithStats(band.astype(np.uint8),
                                                               connectivity=8)
    if count < 2:
        return False
    k = 1 + int(np.argmax(stats[1:, 4]))
    if min(stats[k, 2], stats[k, 3]) < _RING_SIDE:
        return False
    paper = np.pad(labels != k, 1, constant_values=True).astype(np.uint8)
    cv2.floodFill(paper, None, (0, 0), 0)  # the paper outside the blob gone: holes stay
    return int(paper.sum()) >= _RING_HOLE


def mark_of_shape(shape: Any) -> str:
    """The small mark the ink ``shape`` (a boolean array cropped to it) is: a ring is the
    full stop 。, a stroke falling right the enumeration comma 、, one falling left the
    comma ，."""
    import numpy as np

    if hollow(shape):
        return "。"
    ys, xs = np.nonzero(shape)
    slope = float(np.mean((xs - xs.mean()) * (ys - ys.mean())))
    return "、" if slope > 0 else "，"


def stops_from_low_dots(results: Sequence[Sequence[Any]], image: Any) -> list[Sequence[Any]]:
    """``results`` with the middle dots that sit low read as full stops (see the doc)."""
    import numpy as np

    ink = None
    out: list[Sequence[Any]] = []
    for result in results:
        words, boxes = words_and_boxes(result)
        if (MIDDLE_DOT not in str(result[1]) and DEGREE not in str(result[1])
                or len(words) != len(boxes)):
            out.append(result)
            continue
        if ink is None:
            ink = ink_mask(np.asarray(image.convert("L")))
        top, bottom = span(result[0], 1)
        height = max(bottom - top, 1.0)
        low = []
        for k, word in enumerate(words):
            if word not in (MIDDLE_DOT, DEGREE):
                continue
            x0, x1 = span(boxes[k], 0)
            middle, half = (x0 + x1) / 2, _CORE * (x1 - x0)
            band = ink[max(0, int(top)):max(0, int(bottom)),
                       max(0, int(middle - half)):max(0, int(middle + half) + 1)]
            rows = np.flatnonzero(band.any(axis=1)) if band.size else np.array([])
            ink_middle = (rows[0] + rows[-1]) / 2 if rows.size else 0.0
            if rows.size and (ink_middle > (LOW if word == MIDDLE_DOT else DEGREE_LOW) * height
                              or word == MIDDLE_DOT and hollow(band)):  # ° is a ring too
                low.append(k)
        if not low:
            out.append(result)
            continue
        # the n-th dot of the words is the n-th dot of the text
        dots = [k for k, word in enumerate(words) if word in (MIDDLE_DOT, DEGREE)]
        text = list(str(result[1]))
        places = [i for i, ch in enumerate(text) if ch in (MIDDLE_DOT, DEGREE)]
        if len(places) != len(dots) or any(words[k] != text[p]
                                           for k, p in zip(dots, places, strict=True)):
            out.append(result)
            continue
        for k in low:
            words[k] = FULL_STOP
            text[places[dots.index(k)]] = FULL_STOP
        out.append([result[0], "".join(text), result[2], result[3], words, *result[5:]])
    return out


_DOTS = set("·…．.")  # what the recogniser reads an ellipsis's dots as
ELLIPSIS = "…"
_LONE_ELLIPSIS = 1.5  # pitches: a single dot read over this much is an ellipsis


def ellipses(results: Sequence[Sequence[Any]], image: Any = None) -> list[Sequence[Any]]:
    """``results`` with each run of dots the recogniser read for an ellipsis (``···``,
    ``··``, or one dot over ``_LONE_ELLIPSIS`` pitches) between Chinese characters read
    as the ellipsis …… it is: one … per pitch of the run's extent (one or two), each
    with its share of the run's box. A lone dot of a character's width (胡里奥·塞瓦略斯)
    stays. With the page ``image``, a colon read next to such a run whose ink is dots
    side by side, not one over the other (:func:`_dots_in_a_row`), is the ellipsis's
    last (or first) dots."""
    out: list[Sequence[Any]] = []
    ink = None
    for result in results:
        words, boxes = words_and_boxes(result)
        text = str(result[1])
        if (len(words) != len(boxes) or not any(w in _DOTS for w in words)
                or "".join(words) != text):  # (a line with spaces is left as read)
            out.append(result)
            continue
        pitch = word_pitch(words, boxes)
        if pitch <= 0:
            out.append(result)
            continue
        if image is not None and any(w in _COLONS for w in words):
            if ink is None:
                import numpy as np

                ink = ink_mask(np.asarray(image.convert("L")))
            top, bottom = span(result[0], 1)
            words = [_DOT if w in _COLONS and _dots_in_a_row(
                ink, _toward_dots(words, boxes, k, pitch), top, bottom, pitch) else w
                for k, w in enumerate(words)]
        new_words: list[str] = []
        new_boxes: list[Any] = []
        k = 0
        changed = False
        while k < len(words):
            end = k
            while end < len(words) and words[end] in _DOTS:
                end += 1
            if end == k:
                new_words.append(words[k])
                new_boxes.append(boxes[k])
                k += 1
                continue
            x0 = min(span(b, 0)[0] for b in boxes[k:end])
            x1 = max(span(b, 0)[1] for b in boxes[k:end])
            beside = (k > 0 and is_cjk_word(words[k - 1])) or (
                end < len(words) and is_cjk_word(words[end]))
            run = words[k:end]
            if beside and (len(run) > 1 or x1 - x0 >= _LONE_ELLIPSIS * pitch) and (
                    run != [ELLIPSIS, ELLIPSIS]):
                count = 2 if x1 - x0 >= _LONE_ELLIPSIS * pitch else 1
                top, bottom = span(boxes[k], 1)
                step = (x1 - x0) / count
                for j in range(count):
                    a, b = x0 + j * step, x0 + (j + 1) * step
                    new_words.append(ELLIPSIS)
                    new_boxes.append([[a, top], [b, top], [b, bottom], [a, bottom]])
                changed = True
            else:
                new_words.extend(run)
                new_boxes.extend(boxes[k:end])
            k = end
        if not changed:
            out.append(result)
            continue
        out.append([result[0], "".join(new_words), result[2], new_boxes, new_words,
                    *result[5:]])
    return out


_COLONS = set("：:")
_DOT = "·"
_ROW_OF_DOTS = 0.2  # pitches: the ink of dots side by side spans this much down at most
_DOTS_ACROSS = 0.3  # pitches: and this much across at least (two dots)


def _toward_dots(words: Sequence[str], boxes: Sequence[Any], k: int, pitch: float
                 ) -> tuple[float, float] | None:
    """The extent along the line of word ``k`` and a quarter pitch toward the dots read
    next to it (the recogniser's boxes split an ellipsis's dots unevenly); None when
    no dot is read next to it."""
    a, b = span(boxes[k], 0)
    if k > 0 and words[k - 1] in _DOTS:
        return a - pitch / 4, b
    if k + 1 < len(words) and words[k + 1] in _DOTS:
        return a, b + pitch / 4
    return None


def _dots_in_a_row(ink: Any, extent: tuple[float, float] | None, top: float, bottom: float,
                   pitch: float) -> bool:
    """Whether the ink in ``extent`` along the line is dots side by side: as short down
    as one dot, as wide as two (a colon's dots stand one over the other)."""
    import numpy as np

    if extent is None:
        return False
    rows, cols = ink.shape
    r0, r1 = max(0, int(round(top))), min(rows, int(round(bottom)))
    c0, c1 = max(0, int(round(extent[0]))), min(cols, int(round(extent[1])))
    band = ink[r0:r1, c0:c1]
    if not band.size:
        return False
    lit_rows = np.flatnonzero(band.any(axis=1))
    lit_cols = np.flatnonzero(band.any(axis=0))
    if not lit_rows.size:
        return False
    return bool(lit_rows[-1] - lit_rows[0] + 1 <= _ROW_OF_DOTS * pitch
                and lit_cols[-1] - lit_cols[0] + 1 >= _DOTS_ACROSS * pitch)


def is_cjk_word(word: str) -> bool:
    """Whether ``word`` ends in a full-width character that is no dot."""
    return bool(word) and word not in _DOTS and is_cjk(word[-1])


ONE = "一"
DASH = "—"
_DASH_BAND = (0.3, 0.75)  # of the line's height: where a dash's stroke runs
_LONG_ONE = 1.6  # pitches: a 一 read over this much is the dash —— read as one


def dashes(results: Sequence[Sequence[Any]], image: Any) -> list[Sequence[Any]]:
    """``results`` with the dash —— read where the recogniser read 一一 (or one 一 whose
    stroke runs ``_LONG_ONE`` pitches) and the page shows one unbroken stroke: every pixel
    column from the first's middle to the second's inked at mid-height (一一, "one by
    one", is two strokes with paper between)."""
    import numpy as np

    ink = None
    out: list[Sequence[Any]] = []
    for result in results:
        words, boxes = words_and_boxes(result)
        text = str(result[1])
        if ONE not in words or len(words) != len(boxes) or "".join(words) != text:
            out.append(result)
            continue
        if ink is None:
            ink = ink_mask(np.asarray(image.convert("L")))
        top, bottom = span(result[0], 1)
        height = bottom - top
        r0 = max(0, int(top + _DASH_BAND[0] * height))
        r1 = min(ink.shape[0], int(top + _DASH_BAND[1] * height) + 1)
        band = ink[r0:r1]

        def unbroken(a: float, b: float, band: Any = band) -> bool:
            return _unbroken(band, a, b)

        pitch = word_pitch(words, boxes)
        new_words, new_boxes, changed, k = [], [], False, 0
        while k < len(words):
            a0, a1 = span(boxes[k], 0)
            if words[k] == ONE and k + 1 < len(words) and words[k + 1] in (ONE, DASH):
                b0, b1 = span(boxes[k + 1], 0)
                if unbroken((a0 + a1) / 2, (b0 + b1) / 2):
                    new_words += [DASH, DASH]
                    new_boxes += boxes[k:k + 2]
                    changed, k = True, k + 2
                    continue
            if words[k] == ONE and pitch > 0 and a1 - a0 >= _LONG_ONE * pitch and unbroken(
                    (a0 + a1) / 2 - _LONG_ONE * pitch / 2, (a0 + a1) / 2 + _LONG_ONE * pitch / 2):
                new_words += [DASH, DASH]
                new_boxes += halves(a0, a1, *span(boxes[k], 1))
                changed, k = True, k + 1
                continue
            stroke = _stroke(ink, (a0 + a1) / 2, top, bottom) if words[k] == ONE and (
                k == 0 and pitch > 0) else None
            if stroke is not None and stroke[1] - stroke[0] >= _LONG_ONE * pitch:
                # a line opening with a stroke that runs on left of the box the
                # recogniser gave it (the detector's box cut the dash short): as long as
                # two characters, it is ——
                new_words += [DASH, DASH]
                new_boxes += halves(*stroke, *span(boxes[k], 1))
                changed, k = True, k + 1
                continue
            new_words.append(words[k])
            new_boxes.append(boxes[k])
            k += 1
        out.append([result[0], "".join(new_words), result[2], new_boxes, new_words,
                    *result[5:]] if changed else result)
    return out


_BRIDGE = 0.06  # of the line's height: a stroke broken by this little goes on
_THIN = 0.25  # of the line's height: a stroke's ink is this thin in each column
_THIN_SHARE = 0.8  # of its columns: a stroke is thin in this many


def _stroke(ink: Any, centre: float, top: float, bottom: float
            ) -> tuple[float, float] | None:
    """The run of pixel columns through ``centre`` inked in the middle band of the line
    ``top .. bottom`` (pixels; leftwards over gaps of ``_BRIDGE``), when that run is a
    thin stroke (its ink, over the whole
    line height, at most ``_THIN`` of it tall in ``_THIN_SHARE`` of its columns); else
    None."""
    import numpy as np

    height = bottom - top
    rows = ink[max(0, int(top)):min(ink.shape[0], int(bottom) + 1)]
    band = ink[max(0, int(top + _DASH_BAND[0] * height)):
               min(ink.shape[0], int(top + _DASH_BAND[1] * height) + 1)]
    if band.size == 0 or not 0 <= int(centre) < band.shape[1]:
        return None
    inked = band.any(axis=0)
    if not inked[int(centre)]:
        return None
    bridge = max(2, int(_BRIDGE * height))  # the two halves of —— set a hair apart
    a = b = int(centre)
    while a > 0:
        lo = max(0, a - bridge - 1)
        hits = np.flatnonzero(inked[lo:a])
        if not hits.size:
            break
        a = lo + int(hits[0])
    while b + 1 < len(inked) and inked[b + 1]:  # on the right: its own ink only (the
        b += 1  # next character's comes after a gap)
    tall = rows[:, a:b + 1].sum(axis=0)
    if np.mean(tall <= _THIN * height) < _THIN_SHARE:
        return None
    return float(a), float(b + 1)


def _unbroken(band: Any, a: float, b: float) -> bool:
    """Whether every pixel column of ``band`` (rows of ink) from ``a`` to ``b`` is inked."""
    c0, c1 = max(0, int(round(a))), min(band.shape[1], int(round(b)))
    return c1 - c0 >= 2 and bool(band[:, c0:c1].any(axis=0).all())
