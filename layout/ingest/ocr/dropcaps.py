"""Drop caps on a page image: the large first character of a paragraph, set beside its
first lines, read as one character and the lines beside it read whole.

Takes the engine's results (``[box, text, score, word boxes, words, ...]`` per line,
pixels) and the grey page image; returns the results with each drop cap as a line of
its own (its box the cap's ink, its text the character the recogniser reads in it
alone) and the body lines beside it read again from the cap's edge. The detector
either draws one tall box over the cap and the first characters of the lines beside
it (科 and the 技 and 力 beside it read as 势), or misses the cap (the lines beside it
start two or three ems into the column, no box left of them): both are found from the
lines' geometry and the ink on the page, not from any layout rule:

- a tall short box (``CAP_LINES`` body line heights or more, a few characters) with
  body lines starting inside it or right of it, level with it;
- body lines starting ``CAP_INDENT`` body heights or more right of the line under them
  in their column (as wide, ending where it ends, up to ``_CAP_REACH`` body heights
  down: a cap two to four lines tall), with ink left of them (from half a body height
  left of the column's lines: a cap's ink may stand out into the margin); only the
  topmost of the lines set in over one full line is looked from.

A cap is the ink's square from its left edge (as wide as it is tall: a Chinese
character's), as tall as its ink's longest run of rows near that edge (the edge may be
one stroke's tip, as 今's); the ink read must be one Chinese character, else the lines
stay as read. The cap's box runs from its ink's left edge to ``_FLUSH`` body heights
short of the lines beside it: a cap is set flush with its lines, and its ink stops
short of its em by its side bearing, so the analysis joins it to its paragraph as it
does a text layer's cap.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from layout.ingest.ocr.chars import is_cjk, span
from layout.ingest.ocr.gutters import ink_mask

CAP_LINES = 1.8  # body line heights: a cap is at least this tall
CAP_INDENT = 1.8  # body line heights: lines beside a missed cap start this far in
_SHORT = 3  # characters: a tall box of at most this many is a cap candidate
_BODY_CHARS = 6  # characters: a line this long gives the body line height
_BESIDE = 2.5  # body heights: a line beside the cap starts at most this far right of it
# (a character or two of its own taken into the cap's box)
_MARGIN = 0.25  # body heights of white around a crop sent to the recogniser
_CAP_CONFIDENCE = 0.5  # the least confidence a cap's character is taken with
_CAP_REACH = 6.0  # body heights: a missed cap's lines beside it end this far over the
# first full line under them at most (a cap three or four lines tall)
_OVERHANG = 0.5  # body heights: a cap's ink may stand this far left of its column's lines
_FLUSH = 0.25  # body heights: a cap's box ends this far left of the lines beside it
_ROW_GAP = 0.35  # body heights: blank rows a cap's strokes may leave between them

ReadLine = Callable[[Any], tuple[str, float]]
ReadLines = Callable[[Any], list[Any]]


def _box(result: Sequence[Any]) -> tuple[float, float, float, float]:
    x0, x1 = span(result[0], 0)
    top, bottom = span(result[0], 1)
    return x0, top, x1, bottom


def _quad(x0: float, top: float, x1: float, bottom: float) -> list[list[float]]:
    return [[x0, top], [x1, top], [x1, bottom], [x0, bottom]]


def drop_caps(results: Sequence[Sequence[Any]], image: Any, read_line: ReadLine,
              read_lines: ReadLines) -> list[Sequence[Any]]:
    """``results`` with each drop cap found read on its own and the body lines beside it
    read again from its right edge (``read_line(grey crop) -> (text, confidence)``: one
    line, no detection; ``read_lines(grey crop) -> results``: detected and read)."""
    import numpy as np

    out = [list(r) for r in results]
    boxes = [_box(r) for r in out]
    heights = sorted(b[3] - b[1] for b, r in zip(boxes, out, strict=True)
                     if len("".join(str(r[1]).split())) >= _BODY_CHARS)
    if len(heights) < 5:
        return out
    body = heights[len(heights) // 2]
    grey = np.asarray(image.convert("L"))
    ink = None
    regions = _tall_boxes(boxes, out, body) + _missed_caps(boxes, out, body)
    done: list[tuple[float, float, float, float]] = []
    drop: set[int] = set()
    added: list[list[Any]] = []
    for k, (x0, top, x1, bottom) in regions:
        if any(min(x1, d[2]) > max(x0, d[0]) and min(bottom, d[3]) > max(top, d[1])
               for d in done):
            continue
        if ink is None:
            ink = ink_mask(grey)
        cap = _cap_ink(ink, x0, top, x1, bottom, body)
        if cap is None:
            continue
        cx0, ctop, cx1, cbottom = cap
        text, score = read_line(_crop(image, cap, body)[0])
        text = "".join(text.split())
        if len(text) != 1 or not is_cjk(text) or score < _CAP_CONFIDENCE:
            continue
        beside = [j for j, b in enumerate(boxes) if j != k and j not in drop
                  and _body_line(b, body) and ctop - 0.5 * body <= (b[1] + b[3]) / 2 <= cbottom
                  and cx0 < b[0] <= cx1 + _BESIDE * body and b[2] > cx1 + 3 * body]
        if not beside:
            continue
        taken = [j for j in beside if boxes[j][0] - cx1 >= 0.5 * body]  # characters of
        # theirs went into the cap's box: they are read again, the cap whited out
        if taken:
            region = (cx1 + 1, min(boxes[j][1] for j in taken) - 0.3 * body,
                      max(boxes[j][2] for j in taken) + 0.3 * body,
                      max(boxes[j][3] for j in taken) + 0.3 * body)
            crop, (dx, dy) = _crop(image, region, body, blank=cap)
            again = [_moved(r, dx, dy) for r in read_lines(crop)]
            for j in taken:
                top, bottom = boxes[j][1], boxes[j][3]
                match = [r for r in again if top <= (_box(r)[1] + _box(r)[3]) / 2 <= bottom]
                if not match:
                    continue
                best = max(match, key=lambda r: len(str(r[1])))
                old = "".join(str(out[j][1]).split())
                read = "".join(str(best[1]).split())
                if len(read) > len(old) and read.endswith(old[-3:]):
                    out[j] = best
        if k >= 0:
            drop.add(k)
        done.append(cap)
        # the cap is set flush with its lines: its box reaches them (its ink stops short
        # of its em by its side bearing, theirs starts past theirs)
        reach = min(_box(out[j])[0] for j in beside) - _FLUSH * body
        added.append([_quad(cx0, ctop, max(cx1, reach), cbottom), text, score])
    return [r for k, r in enumerate(out) if k not in drop] + added


def _body_line(box: tuple[float, float, float, float], body: float) -> bool:
    height = box[3] - box[1]
    return 0.7 * body <= height <= 1.4 * body


def _tall_boxes(boxes: Sequence[tuple[float, float, float, float]],
                results: Sequence[Sequence[Any]], body: float
                ) -> list[tuple[int, tuple[float, float, float, float]]]:
    """Tall boxes of a few characters with body lines level with them starting inside
    or just right of them: (result index, region to look for the cap's ink in)."""
    out = []
    for k, (x0, top, x1, bottom) in enumerate(boxes):
        height = bottom - top
        if not (CAP_LINES * body <= height <= 4.5 * body) or x1 - x0 > 2.2 * height or len(
                "".join(str(results[k][1]).split())) > _SHORT:
            continue
        level = [b for b in boxes if _body_line(b, body) and top - 0.5 * body <= b[1] <= top
                 + 0.8 * body and x0 + 0.5 * height <= b[0] <= x1 + _BESIDE * body]
        if level:
            out.append((k, (x0, top, x1, bottom)))
    return out


def _missed_caps(boxes: Sequence[tuple[float, float, float, float]],
                 results: Sequence[Sequence[Any]], body: float
                 ) -> list[tuple[int, tuple[float, float, float, float]]]:
    """Regions left of body lines set in from the line under them by ``CAP_INDENT`` body
    heights or more (as wide a column: both end together), no box there: (-1, region)."""
    out: list[tuple[int, tuple[float, float, float, float]]] = []
    lines = [(k, b) for k, b in enumerate(boxes) if _body_line(b, body)]
    for k, (x0, top, x1, _) in sorted(lines, key=lambda line: line[1][1]):
        under = [b for _, b in lines if 0 < b[1] - top <= _CAP_REACH * body and abs(b[2] - x1)
                 <= 1.0 * body and b[0] <= x0 - CAP_INDENT * body]
        if not under:
            continue
        first = min(under, key=lambda b: b[1])
        if not any(top < b[1] < first[1] and abs(b[0] - x0) <= 0.5 * body
                   for _, b in lines):
            continue  # one line set in (a paragraph's indent): a cap stands beside two
        region = (first[0] - _OVERHANG * body, top - 0.3 * body, x0, first[1])
        if region[3] - region[1] < CAP_LINES * body:
            continue  # one line set in: an indent, not a cap beside two lines
        taken = any(min(region[2], b[2]) > max(region[0], b[0]) and min(region[3], b[3])
                    > max(region[1], b[1]) for j, b in enumerate(boxes) if j != k)
        if not taken and not any(r[3] == region[3] and abs(r[2] - region[2]) <= 0.5 * body
                                 for _, r in out):
            out.append((-1, region))  # the topmost line set in over that line only: the
            # lines under it beside the cap would find its lower part
    return out


def _cap_ink(ink: Any, x0: float, top: float, x1: float, bottom: float, body: float
             ) -> tuple[float, float, float, float] | None:
    """The cap's ink in a region (pixels): from the first inked column, the rows inked
    in its first half body height, as wide as tall; None when it is not tall enough."""
    import numpy as np

    rows, cols = ink.shape
    r0, r1 = max(0, int(top)), min(rows, int(bottom) + 1)
    c0, c1 = max(0, int(x0)), min(cols, int(x1) + 1)
    band = ink[r0:r1, c0:c1]
    if band.size == 0:
        return None
    inked = np.flatnonzero(band.sum(axis=0) > 0)
    if not inked.size:
        return None
    left = int(inked[0])
    strip = band[:, left:left + max(2, int(CAP_LINES * body))]  # within the cap: it is
    # as wide as tall (its left edge may be one stroke's tip, as 今's)
    run = _longest_run(np.flatnonzero(strip.sum(axis=1) > 0), _ROW_GAP * body)
    if run is None:
        return None
    ctop, cbottom = r0 + run[0], r0 + run[1] + 1
    height = cbottom - ctop
    if height < CAP_LINES * body:
        return None
    # the cap's right edge: the first blank columns past its middle, else the last inked
    # column within its square
    square = band[ctop - r0:cbottom - r0, left:left + int(1.05 * height)]
    filled = square.sum(axis=0) > 0
    right = left + int(np.flatnonzero(filled)[-1]) + 1
    for c in range(int(0.6 * height), len(filled)):
        if not filled[c]:
            right = left + c
            break
    if right - left < 0.5 * height:
        return None
    return float(c0 + left), float(ctop), float(c0 + right), float(cbottom)


def _longest_run(rows: Any, gap: float) -> tuple[int, int] | None:
    """The first and last of the longest run of ``rows`` (sorted indexes) no more than
    ``gap`` apart: a character's strokes, not a speck or another line's edge beside it."""
    best: tuple[int, int] | None = None
    start = prev = None
    for row in [*(int(r) for r in rows), None]:
        if row is not None and prev is not None and row - prev <= gap:
            prev = row
            continue
        if start is not None and prev is not None and (
                best is None or prev - start > best[1] - best[0]):
            best = (start, prev)
        start = prev = row
    return best


def _moved(result: Sequence[Any], dx: float, dy: float) -> list[Any]:
    """An engine result read in a crop, its box and word boxes moved by ``dx``, ``dy``."""

    def move(value: Any) -> Any:
        if len(value) == 2 and all(isinstance(v, (int, float)) for v in value):
            return [float(value[0]) + dx, float(value[1]) + dy]
        return [move(v) for v in value]

    out = list(result)
    out[0] = move(result[0])
    if len(out) > 3 and out[3]:
        out[3] = [move(b) for b in out[3]]
    return out


def _crop(image: Any, box: tuple[float, float, float, float], body: float,
          blank: tuple[float, float, float, float] | None = None) -> tuple[Any, tuple[int, int]]:
    """The grey crop of ``box`` with a white margin round it (and ``blank`` whited out),
    and where its origin lies on the page (pixels)."""
    from PIL import Image

    grey = image.convert("L")
    if blank is not None:
        grey = grey.copy()
        grey.paste(255, tuple(int(round(v)) for v in blank))
    x0, top, x1, bottom = (int(round(v)) for v in box)
    x0, top = max(0, x0), max(0, top)
    piece = grey.crop((x0, top, x1, bottom))
    margin = max(2, int(_MARGIN * body))
    sheet = Image.new("L", (piece.width + 2 * margin, piece.height + 2 * margin), 255)
    sheet.paste(piece, (margin, margin))
    return sheet, (x0 - margin, top - margin)
