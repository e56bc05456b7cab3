"""Marks the recogniser dropped, found in the gaps between the characters it read.

Takes the engine's results (``[box, text, score, word boxes, words, ...]`` per line,
pixels) and the page image they were read from; returns the results with the small
marks the recogniser skips (the enumeration comma 、, the full stop 。, the comma ，)
put back where the page shows one: between two characters of a line read one box a
character, the step between their centres is at least ``MIN_STEP`` times the line's
pitch (the median step), and between the two characters' ems (or ``_SLACK`` into them)
lies ink of its own, apart from theirs (the blob nearest the gap's middle), no larger
than a mark (``MARK_SIDE`` pitches each way, at least ``MIN_SIDE`` one way), not in the
line's upper part, and not fitting in one em with either neighbour's ink (a stroke of
theirs would). A ring is 。; a stroke falling to the right 、; one falling to the
left ，. Nothing else is added: a gap with no ink is a space, a gap with larger ink an
unread character, left as it is. A full stop squeezed into one em with the closing quote
after it (。”, the two half-width) is found by its ring between the character and the
quote, in the first ``_SQUEEZED`` pitches of the em after the character. A mark of a
face that centres its marks in the em (as Hong Kong and Taiwan faces do) set in half an em
lies over the start of the next character's em and touches its ink: between two
ideographs ``_GLUED_STEP`` pitches apart, the paper between them is ``_GLUED_BLANK``
pitches (the half em the mark was given) and the ink after it opens with at least
``_GLUED_LEAD`` pitches of columns inked only below ``_GLUED_TOP`` of the line (a
character's own strokes reach the top), their ink ``_GLUED_TALL`` pitches down or more
(a character's bottom stroke run out left, as in 上, is thinner); a ring there is 。, a
stroke falling right 、, and one falling left nothing (the 丿 that opens 亻 or 彳 after a
space is one; the comma, larger, the recogniser reads) (:func:`_glued_mark`).
The mark gets its own word box, between its neighbours', so the word boxes still account
for every character.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from layout.ingest.ocr.chars import char_weight, pitched_line, span
from layout.ingest.ocr.gutters import ink_mask
from layout.ingest.ocr.marks import mark_of_shape

MIN_STEP = 1.35  # pitches between two read characters' centres: room for a mark
MARK_SIDE = 0.55  # pitches: the most a mark's ink spans each way
LOWER = 0.35  # of the line's height from its top: a mark's ink's middle is lower
MIN_SIDE = 0.2  # pitches: a mark's ink spans at least this much one way (a smaller dot
# may be a middle dot ·, a speck)
_SLACK = 0.2  # pitches: a mark's middle may lie this far into its neighbours' ems
_MIN_PAIRS = 3  # steps between full-width characters a line needs for its pitch
_NEAR = 0.1  # pitches: pieces of ink this close to the mark's are the mark's
_REACH = 0.6  # pitches past a neighbour's centre its ink may reach
_ONE_EM = 1.05  # pitches: ink that fits in this much with a neighbour's may be its own
_SPECK = 3  # pixels: ink this small each way is a speck, not a mark


def _single_cjk(word: str) -> bool:
    return len(word) == 1 and char_weight(word) == 1.0


def _ideograph(word: str) -> bool:
    return len(word) == 1 and "\u3400" <= word <= "\u9fff"


def marks_in_gaps(results: Sequence[Sequence[Any]], image: Any) -> list[Sequence[Any]]:
    """``results`` with the marks the recogniser dropped put back (see the module doc)."""
    import numpy as np

    ink = None
    out: list[Sequence[Any]] = []
    for result in results:
        line = pitched_line(result, _MIN_PAIRS)
        if line is None:
            out.append(result)
            continue
        text, words, boxes, centres = line.text, line.words, line.boxes, line.centres
        top, bottom, pitch = line.top, line.bottom, line.pitch
        if ink is None:
            ink = ink_mask(np.asarray(image.convert("L")))
        found = []
        for k in range(1, len(words)):
            if not (_single_cjk(words[k - 1]) and _single_cjk(words[k])):
                continue
            step = centres[k] - centres[k - 1]
            mark = None
            if step >= MIN_STEP * pitch:
                mark = _gap_mark(ink, centres[k - 1], centres[k], top, bottom, pitch)
            if mark is None and MIN_STEP * pitch <= step <= _HALF_EM_STEP * pitch and (
                    _ideograph(words[k - 1]) and _ideograph(words[k])):
                mark = _ring_between(ink, centres[k - 1] + pitch / 2,
                                     centres[k] - pitch / 2, top, bottom, pitch)
            if mark is None and _GLUED_STEP[0] * pitch <= step <= _GLUED_STEP[1] * pitch and (
                    _ideograph(words[k - 1]) and _ideograph(words[k])):
                mark = _glued_mark(ink, centres[k - 1], centres[k], top, bottom, pitch)
            if mark is None and words[k] in _CLOSERS and _ideograph(words[k - 1]) and (
                    k + 1 == len(words) or words[k + 1] != "。"):
                mark = _squeezed_stop(ink, centres[k - 1], top, bottom, pitch)
                if mark is not None:  # its box after the character's, before the quote's
                    a = span(boxes[k - 1], 0)[1]
                    mark = (mark[0], a, a + (mark[2] - mark[1]))
                    q0, q1 = span(boxes[k], 0)
                    if q0 < mark[2]:
                        q0, q1 = mark[2], max(q1, mark[2] + 1)
                        boxes[k] = [[q0, top], [q1, top], [q1, bottom], [q0, bottom]]
            if mark is not None:
                found.append((k, *mark))
        if not found:
            out.append(result)
            continue
        for k, ch, a, b in reversed(found):
            words.insert(k, ch)
            boxes.insert(k, [[a, top], [b, top], [b, bottom], [a, bottom]])
        out.append([result[0], _with_marks(text, found), result[2], boxes, words,
                    *result[5:]])
    return out


def _with_marks(text: str, found: Sequence[tuple[int, str, float, float]]) -> str:
    """``text`` with each found mark put before its ``k``-th non-space character."""
    at = {k: ch for k, ch, _, _ in found}
    out, seen = [], 0
    for ch in text:
        if not ch.isspace():
            if seen in at:
                out.append(at[seen])
            seen += 1
        out.append(ch)
    return "".join(out)


def _gap_mark(ink: Any, left: float, right: float, top: float, bottom: float,
              pitch: float) -> tuple[str, float, float] | None:
    """The mark between two characters centred at ``left`` and ``right`` (pixels), and
    its extent; None when the gap holds no mark."""
    import cv2
    import numpy as np

    rows, cols = ink.shape
    r0, r1 = max(0, int(round(top))), min(rows, int(round(bottom)))
    c0, c1 = max(0, int(round(left))), min(cols, int(round(right)))
    if r1 - r0 < 4 or c1 - c0 < 4:
        return None
    band = ink[r0:r1, c0:c1]
    count, labels, stats, _ = cv2.connectedComponentsWithStats(band.astype(np.uint8),
                                                               connectivity=8)
    lo = left + (0.5 - _SLACK) * pitch - c0  # where a mark's middle may lie: past the
    hi = right - (0.5 - _SLACK) * pitch - c0  # characters' ems, or a little into them
    keep = [k for k in range(1, count)
            if lo <= stats[k, 0] + stats[k, 2] / 2 <= hi
            and stats[k, 0] > 0 and stats[k, 0] + stats[k, 2] < band.shape[1]]
    if not keep:
        return None  # blank: a space, or a gutter
    middle = (left + right) / 2 - c0  # the mark: the blob nearest the gap's middle, and
    # the pieces beside it (a ring broken in two); a neighbour's stroke further off stays
    first = min(keep, key=lambda k: abs(stats[k, 0] + stats[k, 2] / 2 - middle))
    near = _NEAR * pitch
    a, b = stats[first, 0] - near, stats[first, 0] + stats[first, 2] + near
    keep = [k for k in keep if stats[k, 0] + stats[k, 2] >= a and stats[k, 0] <= b]
    gap = np.isin(labels, keep)
    lit_rows = np.flatnonzero(gap.any(axis=1))
    lit_cols = np.flatnonzero(gap.any(axis=0))
    height = lit_rows[-1] - lit_rows[0] + 1
    width = lit_cols[-1] - lit_cols[0] + 1
    if max(height, width) < max(_SPECK, MIN_SIDE * pitch) or (
            max(height, width) > MARK_SIDE * pitch):
        return None  # a speck or a dot, or an unread character
    if (lit_rows[0] + lit_rows[-1]) / 2 < LOWER * (r1 - r0):
        return None  # high in the line: part of a character
    # a stroke of a neighbour (the dot of 小, of 氵) fits in one em with the rest of its
    # ink: a mark does not
    m0, m1 = c0 + lit_cols[0], c0 + lit_cols[-1] + 1
    row_band = ink[r0:r1]
    reach = int(_REACH * pitch)
    after = np.flatnonzero(row_band[:, m1:min(cols, int(right) + reach)].any(axis=0))
    before = np.flatnonzero(row_band[:, max(0, int(left) - reach):m0].any(axis=0))
    if after.size and m1 + after[-1] + 1 - m0 <= _ONE_EM * pitch:
        return None
    if before.size and m1 - (max(0, int(left) - reach) + before[0]) <= _ONE_EM * pitch:
        return None
    blob = gap[lit_rows[0]:lit_rows[-1] + 1, lit_cols[0]:lit_cols[-1] + 1]
    return mark_of_shape(blob), float(m0), float(m1)


def _squeezed_stop(ink: Any, centre: float, top: float, bottom: float,
                   pitch: float) -> tuple[str, float, float] | None:
    """A full stop 。 set with the closing quote after it in one em, after the character
    centred at ``centre``: a ring of ink of its own (not touching the character's ink or
    the quote's), mark-sized (``MIN_SIDE`` to ``MARK_SIDE`` pitches), low in the line,
    its middle in the first ``_SQUEEZED`` pitches of the em after the character. Its
    extent; None when there is none."""
    import cv2
    import numpy as np

    from layout.ingest.ocr.marks import hollow

    rows, cols = ink.shape
    r0, r1 = max(0, int(round(top))), min(rows, int(round(bottom)))
    c0, c1 = max(0, int(round(centre))), min(cols, int(round(centre + 2 * pitch)))
    if r1 - r0 < 6 or c1 - c0 < 4:
        return None
    band = ink[r0:r1, c0:c1]
    count, labels, stats, _ = cv2.connectedComponentsWithStats(band.astype(np.uint8),
                                                               connectivity=8)
    lo, hi = centre + pitch / 2 - c0, centre + (0.5 + _SQUEEZED) * pitch - c0
    for k in range(1, count):
        x, y, w, h, _ = stats[k]
        if not lo <= x + w / 2 <= hi or y + h / 2 < LOWER * (r1 - r0):
            continue
        if max(w, h) < max(_SPECK, MIN_SIDE * pitch) or max(w, h) > MARK_SIDE * pitch:
            continue  # a speck, or a character's ink
        if hollow(labels[y:y + h, x:x + w] == k):
            return "。", float(c0 + x), float(c0 + x + w)
    return None


def _ring_between(ink: Any, a: float, b: float, top: float, bottom: float,
                  pitch: float) -> tuple[str, float, float] | None:
    """A full stop 。 whose ring touches the next character's ink (a mark set in half an
    em, blurred into its neighbour): paper enclosed by ink, ``_HOLE`` pixels or more, in
    the line's lower two thirds, its middle between the two characters' ems ``a``–``b``
    (pixels, give or take ``_SLACK`` pitches), where neither character's own ink has
    holes. Its extent: the hole's, with
    the ring's stroke around it; None when there is no such hole."""
    import cv2
    import numpy as np

    rows, cols = ink.shape
    r0, r1 = max(0, int(round(top))), min(rows, int(round(bottom)))
    if b - a < 3 or r1 - r0 < 6:
        return None
    c0 = max(0, int(round(a - (b - a))))
    c1 = min(cols, int(round(b + (b - a))))
    paper = np.pad(~ink[r0:r1, c0:c1], 1, constant_values=True).astype(np.uint8)
    count, _, stats, centroids = cv2.connectedComponentsWithStats(paper, connectivity=4)
    for k in range(1, count):
        x, y, w, h, area = stats[k]
        if x == 0 or y == 0 or x + w >= paper.shape[1] or y + h >= paper.shape[0]:
            continue  # the paper outside: no hole
        cx, cy = centroids[k][0] - 1 + c0, centroids[k][1] - 1
        slack = _SLACK / 2 * pitch
        if area >= _HOLE and a - slack <= cx <= b + slack and cy >= _RING_LOW * (r1 - r0) and (
                max(w, h) <= _HOLE_SIDE * (r1 - r0)):
            ring = (b - a) / 2
            return "。", float(max(a, cx - ring)), float(min(b, cx + ring))
    return None


_SQUEEZED = 0.8  # pitches: a full stop set with a closing quote after it (。”, the two
# squeezed) has its ring's middle this far into the em after the character at most
_CLOSERS = set("”’」』）》")
_HALF_EM_STEP = 1.75  # pitches between two characters' centres: room for a mark set in
# half an em, not for a character the recogniser dropped (its ink may hold a hole)
_HOLE = 2  # pixels: the least paper a ring encloses
_HOLE_SIDE = 0.3  # of the line's height: the most a full stop's hole spans
_RING_LOW = 0.35  # of the line's height from its top: a full stop's hole is lower


_GLUED_STEP = (1.25, 1.7)  # pitches between two ideographs' centres: a half-em mark between
_GLUED_BLANK = (0.3, 0.6)  # pitches of paper between them: the half em (a wider blank is a
# space, a gutter, an unread character)
_GLUED_LEAD = 0.14  # pitches: the least run of columns, where the ink after the paper
# opens, inked only in the line's lower part (the mark before the character's strokes)
_GLUED_TOP = 0.3  # of the line's height from its top: the mark's ink is all lower
_GLUED_TALL = 0.15  # pitches: and spans this much down at least


def _glued_mark(ink: Any, left: float, right: float, top: float, bottom: float,
                pitch: float) -> tuple[str, float, float] | None:
    """A mark (、 or 。) set in half an em between the characters centred at ``left`` and
    ``right`` (pixels) whose ink touches the right one's (a face that centres its marks
    in the em; see the module doc), and its extent: the paper before it, the half em the
    mark was given. None when the gap shows no such mark."""
    import numpy as np

    rows, cols = ink.shape
    r0, r1 = max(0, int(round(top))), min(rows, int(round(bottom)))
    c0, c1 = max(0, int(round(left))), min(cols, int(round(right)))
    if r1 - r0 < 6 or c1 - c0 < 4:
        return None
    inked = ink[r0:r1, c0:c1].any(axis=0)
    best = run = end = 0
    for i, lit in enumerate(inked):
        run = 0 if lit else run + 1
        if run > best:
            best, end = run, i + 1
    if not _GLUED_BLANK[0] * pitch <= best <= _GLUED_BLANK[1] * pitch or end >= len(inked):
        return None
    start = c0 + end  # where the ink after the paper opens
    lower = int(np.ceil(_GLUED_TOP * (r1 - r0)))
    lead = 0
    for c in range(start, min(cols, start + int(MARK_SIDE * pitch))):
        column = ink[r0:r1, c]
        if not column.any() or column[:lower].any():
            break
        lead += 1
    if lead < _GLUED_LEAD * pitch:
        return None
    lit = np.flatnonzero(ink[r0:r1, start:start + lead].any(axis=1))
    if lit[-1] - lit[0] + 1 < _GLUED_TALL * pitch:
        return None  # a thin stroke: a character's bottom stroke running out left (上)
    mark = mark_of_shape(ink[r0:r1, start:start + lead])
    if mark == "，":
        return None  # a stroke falling left: the 丿 a character opens with (亻, 彳) as well
    return mark, float(start - best), float(start)
