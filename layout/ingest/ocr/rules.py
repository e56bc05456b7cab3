"""Printed rules in a page image: the lines a page draws between columns and articles and
round boxes (a scan has no path objects to say where they are).

Takes the page's ink (:func:`~layout.ingest.ocr.gutters.ink_mask`, rows x columns), the
boxes of the text lines OCR found in it and the photos (pixels, ``x0 top x1 bottom``),
and the body line height (pixels); returns the rules (pixels: ``(x0, top, x1, bottom,
horizontal)``). A rule is ink running straight on, thin, for ``RULE_LENGTH`` body line
heights or more (no character's stroke is that long in body type): the ink kept by an
opening with a bar that long (one pixel across, the ink first widened by a pixel each
way so that a slightly turned rule stepping a pixel sideways stays whole), its pieces
joined where they lie on one line with gaps under ``RULE_GAP`` body heights (a blurred
rule, a rule crossing a faint spot), and kept when as thin as ``RULE_THICKNESS`` body
heights on average and straight (its box no wider across than a turn of ``SLOPE`` of
its length allows). Ink inside a text line (a headline's long strokes, a dash) or a
photo is no rule. Each rule's box is set on its middle line, as thick as its ink is on
average, so a turned rule is no wider box than a drawn one. Needs numpy and OpenCV
(both come with ``layout[ocr]``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

RULE_LENGTH = 4.0  # body line heights: ink running on this long is a rule
RULE_THICKNESS = 0.3  # body line heights: a rule's ink is this thick at most, on average
RULE_GAP = 1.0  # body line heights: pieces of one rule lie this far apart at most
SLOPE = 0.02  # the largest turn of a scanned page a rule's box allows (across / along)
_IN_TEXT = 0.5  # share of a rule's length inside text line boxes that makes it no rule

Box = tuple[float, float, float, float]
ScanRule = tuple[float, float, float, float, bool]


def scan_rules(ink: Any, text_boxes: Sequence[Box], photos: Sequence[Box],
               body: float) -> list[ScanRule]:
    """The rules of a page image (see the module doc), horizontal ones first."""
    if body <= 0:
        return []
    return (_rules(ink, text_boxes, photos, body, True)
            + _rules(ink, text_boxes, photos, body, False))


def _rules(ink: Any, text_boxes: Sequence[Box], photos: Sequence[Box], body: float,
           horizontal: bool) -> list[ScanRule]:
    import cv2
    import numpy as np

    mask = ink if horizontal else ink.T  # rules run along the rows of ``mask``
    mask = mask.astype(np.uint8)
    widened = mask.copy()
    widened[1:] |= mask[:-1]
    widened[:-1] |= mask[1:]
    length = max(3, int(RULE_LENGTH * body)) | 1  # odd: the bar centred on its anchor
    bar = np.ones((1, length), np.uint8)
    opened = cv2.morphologyEx(widened, cv2.MORPH_OPEN, bar)
    if not opened.any():
        return []
    kept = opened & mask  # the rule's own ink, not the widening
    count, labels, stats, _ = cv2.connectedComponentsWithStats(opened, connectivity=8)
    pieces = []
    for k in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[k])
        pieces.append([x, y, x + w, y + h, k])
    pieces.sort(key=lambda p: (p[1], p[0]))
    runs = _joined(pieces, RULE_GAP * body, SLOPE)
    out: list[ScanRule] = []
    for run in runs:
        a = min(p[0] for p in run)
        b = max(p[2] for p in run)
        if b - a < length:
            continue
        rows_ink = []
        for x0, y0, x1, y1, k in run:
            part = (labels[y0:y1, x0:x1] == k) & kept[y0:y1, x0:x1].astype(bool)
            ys, _ = np.nonzero(part)
            rows_ink.append((int(part.sum()), float(ys.mean()) + y0 if ys.size else None))
        area = sum(n for n, _ in rows_ink)
        thickness = area / max(b - a, 1)
        top = min(p[1] for p in run)
        bottom = max(p[3] for p in run)
        if thickness > RULE_THICKNESS * body or thickness <= 0:
            continue
        if bottom - top > SLOPE * (b - a) + RULE_THICKNESS * body + 2:
            continue  # not straight: a shape's edge, strokes run together
        middle = sum(n * m for n, m in rows_ink if m is not None) / max(area, 1) + 0.5
        half = max(thickness, 1.0) / 2
        box = (a, middle - half, b, middle + half) if horizontal else (
            middle - half, a, middle + half, b)
        if _inside(box, text_boxes, horizontal) or _inside(box, photos, horizontal):
            continue
        out.append((*box, horizontal))
    return out


def _joined(pieces: list[list[int]], gap: float, slope: float) -> list[list[list[int]]]:
    """Pieces (``x0 y0 x1 y1 label``, along the rows) in runs: one after the other along
    a row band, each within ``gap`` of the run's end and level with it."""
    runs: list[list[list[int]]] = []
    for piece in sorted(pieces, key=lambda p: p[0]):
        for run in runs:
            last = run[-1]
            reach = piece[0] - last[2]
            if -1 <= reach <= gap and min(piece[3], last[3]) - max(piece[1], last[1]) > -(
                    1 + slope * (piece[2] - run[0][0])):
                run.append(piece)
                break
        else:
            runs.append([piece])
    return runs


def _inside(box: Box, boxes: Sequence[Box], horizontal: bool) -> bool:
    """Whether ``_IN_TEXT`` of a rule's length or more lies inside ``boxes``."""
    x0, top, x1, bottom = box
    along = (x1 - x0) if horizontal else (bottom - top)
    covered = 0.0
    for b0, btop, b1, bbottom in boxes:
        if horizontal:
            if btop <= (top + bottom) / 2 <= bbottom:
                covered += max(0.0, min(x1, b1) - max(x0, b0))
        elif b0 <= (x0 + x1) / 2 <= b1:
            covered += max(0.0, min(bottom, bbottom) - max(top, btop))
    return covered >= _IN_TEXT * along
