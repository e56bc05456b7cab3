"""Marks the recogniser dropped at the end of a line, found in the ink after its last
character.

Takes the engine's results (``[box, text, score, word boxes, words, ...]`` per line,
pixels) and the page image they were read from; returns the results with the small mark
that ends a line (the full stop 。, the comma ，, the enumeration comma 、) put back where
the recogniser left it out (it drops a lone mark at a line's end more often than one
between two characters: a paragraph's last line loses its 。). The mark is looked for in
the em after the last character read (a full-width character's ink ends half a pitch
past its centre, another's where its ink does, from its box's end on: the box of a %
may stop inside it): ink of its own there, no larger than a mark
(``MARK_SIDE`` pitches each way, at least ``MIN_SIDE`` one way), in the line's lower part,
with no other ink in the em it starts (a stroke of a character would have some: the dots
of 氵 are followed by the rest of it). A ring is 。, a stroke falling right 、, one falling
left ，. The pitch is the line's own (the median step between its full-width characters)
or, for a short line, that of the page's lines of like height. Nothing else is added;
a line that ends with a mark already, or stands on end, stays as read. An ellipsis's
run of dots after the last character (or read as one dot), or alone on the line under
it, is ……; and the dash —— the detector left out before a line's first character (a
subtitle's ——) is put back (:func:`dashes_at_starts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from layout.ingest.ocr.chars import char_weight, halves, span, word_pitch, words_and_boxes
from layout.ingest.ocr.gaps import LOWER, MARK_SIDE, MIN_SIDE
from layout.ingest.ocr.gutters import ink_mask
from layout.ingest.ocr.marks import mark_of_shape

_CLOSERS = set("”’）》」』")  # a line may end with one of these and then a mark
_START_SLACK = 0.15  # pitches: a mark's ink may start this far into the last character's em
_REACH = 0.6  # pitches past the last character's em the mark's ink starts at most
_ONE_EM = 1.05  # pitches from the mark's start: no other ink (a character's strokes)
_NEAR = 0.1  # pitches: pieces of ink this close to the mark's are the mark's
_SPECK = 3  # pixels: ink this small each way is a speck
_LIKE_HEIGHT = 0.2  # relative: lines this close in height share a pitch
_DOTS = set("·…．.")  # what the recogniser reads an ellipsis's dots as
_LONE_ELLIPSIS = 1.2  # pitches: a run of dots whose ink spans this much is the ellipsis ……
_RUN_DOTS = 4  # dots at the least in a run read as ……
_DOT_GAP = 0.5  # pitches: the most blank between two dots of one run
_DOT_SIDE = 0.22  # pitches: the most a dot's ink spans each way
_DOT_BAND = (0.3, 0.75)  # of the line's height: where a dot's (or a dash's) middle lies
_DASH_EMS = 1.5  # pitches: the least a dash ——'s stroke runs
_DASH_THICK = 0.15  # of the line's height: the most a dash's stroke is thick
_DASH_GAP = 0.6  # pitches: the most paper between a dash's end and the first character
_OWN_EM = 0.95  # pitches before the last character's em end: where its ink starts at most
_HALF_DASH = 0.6  # pitches: the least each half of a dash set apart in two runs
_HALF_GAP = 0.3  # pitches: the most paper between the two halves of such a dash
_INK_GAP = 0.1  # pitches: blank between the parts of a narrow character's ink (%)
_INK_RUN = 0.5  # pitches: a narrow character's ink runs on past its box this far at most


def marks_at_ends(results: Sequence[Sequence[Any]], image: Any) -> list[Sequence[Any]]:
    """``results`` with the mark the recogniser dropped at a line's end put back (see the
    module doc)."""
    import numpy as np

    measured = []  # (height, pitch) of the lines that show their pitch
    for result in results:
        words, boxes = _words(result)
        pitch = word_pitch(words, boxes) if words else 0.0
        if pitch > 2:
            top, bottom = span(result[0], 1)
            measured.append((bottom - top, pitch))
    ink = None
    out: list[Sequence[Any]] = []
    for result in results:
        words, boxes = _words(result)
        x0, x1 = span(result[0], 0)
        top, bottom = span(result[0], 1)
        dots = 0  # the dots the line ends with, after a character
        while dots < len(words) and words[-1 - dots] in _DOTS:
            dots += 1
        if dots == len(words) or not _ends_character(words[-1 - dots]):
            dots = 0
        if (not words or x1 - x0 < bottom - top
                or not (_ends_character(words[-1]) or words[-1] in _CLOSERS or dots)):
            out.append(result)
            continue
        pitch = word_pitch(words, boxes)
        if pitch <= 2:
            like = sorted(p for h, p in measured
                          if abs(h - (bottom - top)) <= _LIKE_HEIGHT * (bottom - top))
            pitch = like[len(like) // 2] if like else 0.0
        if pitch <= 2:
            out.append(result)
            continue
        if ink is None:
            ink = ink_mask(np.asarray(image.convert("L")))
        if dots:  # dots read short of the ellipsis's run the page shows
            run = _dot_run(ink, min(span(boxes[-dots], 0)[0], _em_end(
                words[-1 - dots], boxes[-1 - dots], pitch)) - _START_SLACK * pitch,
                top, bottom, pitch)
            if run is None or run[1] - run[0] < _LONE_ELLIPSIS * pitch or (
                    words[-dots:] == ["…", "…"]):
                out.append(result)
                continue
            words, boxes = words[:-dots], boxes[:-dots]
            text = str(result[1]).rstrip()
            for word in reversed(result[4][-dots:]):
                text = text[:-len(word)].rstrip()
            marks = _ellipsis(*run, top, bottom)
        else:
            end = _em_end(words[-1], boxes[-1], pitch)
            if char_weight(words[-1]) != 1.0:  # its box may stop inside its ink (%)
                end = _ink_end(ink, end, top, bottom, pitch)
            run = _dot_run(ink, end - _START_SLACK * pitch, top, bottom, pitch)
            mark = _end_mark(ink, end, top, bottom, pitch) if run is None else None
            if run is None and mark is None:
                out.append(result)
                continue
            text = str(result[1])
            marks = _ellipsis(*run, top, bottom) if run else [(mark[0], [
                [mark[1], top], [mark[2], top], [mark[2], bottom], [mark[1], bottom]])]
        m1 = max(span(box, 0)[1] for _, box in marks)
        box = [list(p) for p in result[0]]
        if m1 > x1:  # the line's box takes the marks in
            box = [[x0, top], [m1, top], [m1, bottom], [x0, bottom]]
        out.append([box, text + "".join(ch for ch, _ in marks), result[2],
                    [*boxes, *(b for _, b in marks)], [*words, *(ch for ch, _ in marks)],
                    *result[5:]])
    return out + _dot_lines(out, ink, measured)


def _dot_lines(results: Sequence[Sequence[Any]], ink: Any,
               measured: Sequence[tuple[float, float]]) -> list[list[Any]]:
    """The lines holding only an ellipsis (a paragraph's …… gone on to a line of its own,
    which the detector does not see as text): a run of dots right under a line of
    characters, starting where it starts, with nothing else on its line near it."""
    if ink is None:
        return []
    found: list[list[Any]] = []
    for result in results:
        words, boxes = _words(result)
        x0, x1 = span(result[0], 0)
        top, bottom = span(result[0], 1)
        height = bottom - top
        if len(words) < 2 or x1 - x0 < 2 * height or not _ends_character(words[0]):
            continue
        pitch = word_pitch(words, boxes)
        if pitch <= 2:
            like = sorted(p for h, p in measured if abs(h - height) <= _LIKE_HEIGHT * height)
            pitch = like[len(like) // 2] if like else 0.0
        if pitch <= 2:
            continue
        run = _dots_below(ink, x0, bottom, height, pitch)
        if run is None:
            continue
        a, b, mid = run
        found.append([[[a, mid - height / 2], [b, mid - height / 2], [b, mid + height / 2],
                       [a, mid + height / 2]], "……", result[2],
                      [box for _, box in _ellipsis(a, b, mid - height / 2, mid + height / 2)],
                      ["…", "…"]])
    return found


def _dots_below(ink: Any, x0: float, bottom: float, height: float,
                pitch: float) -> tuple[float, float, float] | None:
    """The extent and middle (pixels) of a run of dots (an ellipsis, ``_LONE_ELLIPSIS``
    pitches or more) on the line under one ending at ``bottom`` and starting at ``x0``,
    when the run starts there and nothing else is near it; else None."""
    import cv2
    import numpy as np

    rows, cols = ink.shape
    r0 = max(0, int(round(bottom + 0.1 * height)))
    r1 = min(rows, int(round(bottom + 1.5 * height)))
    c0 = max(0, int(round(x0 - 0.5 * pitch)))
    c1 = min(cols, int(round(x0 + 3.5 * pitch)))
    if r1 - r0 < 4 or c1 - c0 < 4:
        return None
    band = ink[r0:r1, c0:c1]
    count, _, stats, _ = cv2.connectedComponentsWithStats(band.astype(np.uint8),
                                                          connectivity=8)
    blobs = sorted((stats[k, 0], stats[k, 1], stats[k, 2], stats[k, 3])
                   for k in range(1, count))
    if len(blobs) < _RUN_DOTS or any(max(w, h) > _DOT_SIDE * pitch for _, _, w, h in blobs):
        return None  # no dots, or more than dots: a line of text
    if any(y == 0 or y + h >= r1 - r0 for _, y, _, h in blobs):
        return None  # ink running in from the lines around
    middles = [y + h / 2 for _, y, _, h in blobs]
    if max(middles) - min(middles) > 0.15 * height:
        return None  # not one row
    for (xa, _, wa, _), (xb, _, _, _) in zip(blobs, blobs[1:], strict=False):
        if xb - (xa + wa) > _DOT_GAP * pitch:
            return None  # more than one run
    a, b = c0 + blobs[0][0], c0 + blobs[-1][0] + blobs[-1][2]
    if abs(a - x0) > 0.4 * pitch or b - a < _LONE_ELLIPSIS * pitch:
        return None  # not at the line's start, or no ellipsis
    return float(a), float(b), float(r0 + sum(middles) / len(middles))


def dashes_at_starts(results: Sequence[Sequence[Any]], image: Any) -> list[Sequence[Any]]:
    """``results`` with the dash —— the detector left out before a line's first
    character put back (a subtitle's ——服务……: its box starts at the first character):
    one thin stroke at mid-height ending just before the line's first character's ink,
    ``_DASH_EMS`` pitches long or more (or two strokes in a row with a little paper
    between: a face that sets each half of —— in its em), with blank paper before it."""
    import numpy as np

    ink = None
    out: list[Sequence[Any]] = []
    for result in results:
        words, boxes = _words(result)
        x0, x1 = span(result[0], 0)
        top, bottom = span(result[0], 1)
        pitch = word_pitch(words, boxes) if words else 0.0
        if not words or x1 - x0 < bottom - top or pitch <= 2 or not _ends_character(words[0]):
            out.append(result)
            continue
        if ink is None:
            ink = ink_mask(np.asarray(image.convert("L")))
        a0, a1 = span(boxes[0], 0)
        stroke = _dash_before(ink, min(a0, (a0 + a1) / 2 - 0.5 * pitch), top, bottom, pitch)
        if stroke is None:
            out.append(result)
            continue
        a = stroke[0]
        box = [[a, top], [x1, top], [x1, bottom], [a, bottom]]
        out.append([box, "——" + str(result[1]), result[2], [*halves(*stroke, top, bottom), *boxes],
                    ["—", "—", *words], *result[5:]])
    return out


def _dash_before(ink: Any, start: float, top: float, bottom: float,
                 pitch: float) -> tuple[float, float] | None:
    """The extent (pixels) of a dash's stroke ending within ``_DASH_GAP`` pitches before
    ``start`` (where the first character's em starts), or None."""
    import cv2
    import numpy as np

    rows, cols = ink.shape
    r0, r1 = max(0, int(round(top))), min(rows, int(round(bottom)))
    c1 = min(cols, int(round(start + _START_SLACK * pitch)))
    c0 = max(0, int(round(start - (2.5 + _DASH_GAP) * pitch)))
    if r1 - r0 < 4 or c1 - c0 < 4:
        return None
    band = ink[r0:r1, c0:c1]
    count, _, stats, _ = cv2.connectedComponentsWithStats(band.astype(np.uint8),
                                                          connectivity=8)
    blobs = [tuple(stats[k, :4]) for k in range(1, count)
             if stats[k, 0] + stats[k, 2] < band.shape[1]  # not the first character's
             and not (stats[k, 3] >= 0.9 * (r1 - r0) and stats[k, 2] <= 0.15 * pitch)]
    # (nor a frame's rule standing beside the line)
    blobs = _halves_joined(sorted(blobs), r1 - r0, pitch)
    if len(blobs) != 1:
        return None  # blank, or more than one stroke: no dash alone before the line
    x, y, w, h = blobs[0]
    middle = (y + h / 2) / (r1 - r0)
    if (w < _DASH_EMS * pitch or h > _DASH_THICK * (r1 - r0) or x == 0
            or not _DOT_BAND[0] <= middle <= _DOT_BAND[1]
            or c1 - (c0 + x + w) > (_DASH_GAP + _START_SLACK) * pitch):
        return None
    return float(c0 + x), float(c0 + x + w)


def _halves_joined(blobs: Sequence[tuple[int, int, int, int]], height: float,
                   pitch: float) -> list[tuple[int, int, int, int]]:
    """Blobs (``x y w h``, left to right) with the two halves of a dash a face sets
    apart (each a thin stroke at mid-height, an em's side bearings between them:
    ``_HALF_GAP`` pitches at most) joined into one stroke."""
    def thin(blob: tuple[int, int, int, int]) -> bool:
        x, y, w, h = blob
        middle = (y + h / 2) / height
        return (w >= _HALF_DASH * pitch and h <= _DASH_THICK * height
                and _DOT_BAND[0] <= middle <= _DOT_BAND[1])

    out: list[tuple[int, int, int, int]] = []
    for blob in blobs:
        if out and thin(out[-1]) and thin(blob) and 0 <= blob[0] - (
                out[-1][0] + out[-1][2]) <= _HALF_GAP * pitch:
            x, y, w, h = out[-1]
            top, bottom = min(y, blob[1]), max(y + h, blob[1] + blob[3])
            out[-1] = (x, top, blob[0] + blob[2] - x, bottom - top)
            continue
        out.append(blob)
    return out


def _em_end(word: str, box: Any, pitch: float) -> float:
    """Where a word's em ends along the line (pixels): half a pitch past a full-width
    character's centre (its box is rough), a narrower one's box's end."""
    a0, a1 = span(box, 0)
    return max(a1, (a0 + a1) / 2 + 0.5 * pitch) if char_weight(word) == 1.0 else a1


def _ink_end(ink: Any, end: float, top: float, bottom: float, pitch: float) -> float:
    """Where the ink of a narrow character whose box ends at ``end`` (pixels) ends: the
    inked columns of the line's middle rows run on from there, blank runs of at most
    ``_INK_GAP`` pitches between its parts, ``_INK_RUN`` pitches at most."""
    rows, cols = ink.shape
    inset = 0.15 * (bottom - top)
    r0, r1 = max(0, int(round(top + inset))), min(rows, int(round(bottom - inset)))
    c0 = max(0, int(round(end)))
    c1 = min(cols, int(round(end + _INK_RUN * pitch)))
    if r1 <= r0 or c1 <= c0:
        return end
    inked = ink[r0:r1, c0:c1].any(axis=0)
    last, blank = -1, 0
    for k, lit in enumerate(inked):
        if lit:
            last, blank = k, 0
        else:
            blank += 1
            if blank > _INK_GAP * pitch:
                break
    return float(c0 + last + 1) if last >= 0 else end


def _ellipsis(a: float, b: float, top: float, bottom: float) -> list[tuple[str, Any]]:
    """The ellipsis …… over ``a``–``b`` (pixels): two …, each with half the run's box."""
    return [("…", box) for box in halves(a, b, top, bottom)]


def _dot_run(ink: Any, start: float, top: float, bottom: float,
             pitch: float) -> tuple[float, float] | None:
    """The extent (pixels) of a run of ``_RUN_DOTS`` or more dots at mid-height (an
    ellipsis) whose first starts within ``_REACH`` pitches of ``start``, each apart from
    the next by less than ``_DOT_GAP`` pitches and none larger than ``_DOT_SIDE``; None
    when the ink there is no such run."""
    import cv2
    import numpy as np

    rows, cols = ink.shape
    r0, r1 = max(0, int(round(top))), min(rows, int(round(bottom)))
    c0 = max(0, int(round(start)))
    c1 = min(cols, int(round(start + (_REACH + 2.5) * pitch)) + 1)
    if r1 - r0 < 4 or c1 - c0 < 4:
        return None
    band = ink[r0:r1, c0:c1]
    count, _, stats, _ = cv2.connectedComponentsWithStats(band.astype(np.uint8),
                                                          connectivity=8)
    blobs = sorted((stats[k, 0], stats[k, 1], stats[k, 2], stats[k, 3])
                   for k in range(1, count) if stats[k, 0] > 0)
    if not blobs or blobs[0][0] > _REACH * pitch:
        return None
    run: list[tuple[int, int, int, int]] = []
    for x, y, w, h in blobs:
        if run and x - (run[-1][0] + run[-1][2]) > _DOT_GAP * pitch:
            break  # the run ended: blank
        middle = (y + h / 2) / (r1 - r0)
        if max(w, h) > _DOT_SIDE * pitch or not _DOT_BAND[0] <= middle <= _DOT_BAND[1]:
            return None  # a character or a mark after the dots, or no dots at all
        run.append((x, y, w, h))
    if len(run) < _RUN_DOTS:
        return None
    return float(c0 + run[0][0]), float(c0 + run[-1][0] + run[-1][2])


def _words(result: Sequence[Any]) -> tuple[list[str], list[Any]]:
    """A result's words and word boxes when they account for its text, else empty."""
    words, boxes = words_and_boxes(result)
    if len(words) != len(boxes) or "".join(words) != "".join(str(result[1]).split()):
        return [], []
    return words, boxes


def _ends_character(word: str) -> bool:
    """A word a sentence may end on before its mark: a Chinese character, a letter, a
    digit or %."""
    last = word[-1:]
    return bool(last) and ("\u3400" <= last <= "\u9fff" or (last.isascii() and last.isalnum())
                           or last == "%")


def _end_mark(ink: Any, end: float, top: float, bottom: float,
              pitch: float) -> tuple[str, float, float] | None:
    """The mark whose ink starts about ``end`` (pixels; the last character's em ends
    there) in the line from ``top`` to ``bottom``, and its extent; None when there is
    none."""
    import cv2
    import numpy as np

    rows, cols = ink.shape
    r0, r1 = max(0, int(round(top))), min(rows, int(round(bottom)))
    c0 = max(0, int(round(end - _START_SLACK * pitch)))
    c1 = min(cols, int(round(end + (_REACH + _ONE_EM) * pitch)) + 1)
    if r1 - r0 < 4 or c1 - c0 < 4:
        return None
    band = ink[r0:r1, c0:c1]
    count, labels, stats, _ = cv2.connectedComponentsWithStats(band.astype(np.uint8),
                                                               connectivity=8)
    starts = [k for k in range(1, count) if stats[k, 0] > 0]  # not the last character's
    if not starts:
        return None
    first = min(starts, key=lambda k: stats[k, 0])
    if stats[first, 0] > (_START_SLACK + _REACH) * pitch:
        return None  # blank after the line: it ends with no mark
    near = _NEAR * pitch
    a, b = stats[first, 0] - near, stats[first, 0] + stats[first, 2] + near
    mine = [k for k in starts if stats[k, 0] + stats[k, 2] >= a and stats[k, 0] <= b]
    blob = np.isin(labels, mine)
    lit_rows = np.flatnonzero(blob.any(axis=1))
    lit_cols = np.flatnonzero(blob.any(axis=0))
    height = lit_rows[-1] - lit_rows[0] + 1
    width = lit_cols[-1] - lit_cols[0] + 1
    if max(height, width) < max(_SPECK, MIN_SIDE * pitch) or (
            max(height, width) > MARK_SIDE * pitch):
        return None  # a speck, or a character
    if lit_rows[0] == 0 or lit_rows[-1] == r1 - r0 - 1:
        return None  # runs out of the line: a line above's or below's ink
    if (lit_rows[0] + lit_rows[-1]) / 2 < LOWER * (r1 - r0):
        return None  # high in the line: part of a character, or a quote
    m0 = lit_cols[0]
    others = [k for k in starts if k not in mine and stats[k, 0] < m0 + _ONE_EM * pitch]
    if others:
        return None  # more ink in its em: a character's strokes
    # a stroke of the last character (the dot of 办 past a box cut short) fits in one em
    # with the rest of its ink: a mark does not
    w0 = max(0, int(round(end - _OWN_EM * pitch)))
    own = np.flatnonzero(ink[r0:r1, w0:c0 + m0].any(axis=0))
    if own.size and c0 + lit_cols[-1] + 1 - (w0 + own[0]) <= _ONE_EM * pitch:
        return None
    shape = blob[lit_rows[0]:lit_rows[-1] + 1, lit_cols[0]:lit_cols[-1] + 1]
    return mark_of_shape(shape), float(c0 + lit_cols[0]), float(c0 + lit_cols[-1] + 1)
