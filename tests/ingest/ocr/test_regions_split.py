"""Text regions the detector joined across a column gutter and dropped for a low score,
split at the gutter instead (layout.ingest.ocr.regions_split). The detector's own
post-processing (rapidocr's DBPostProcess) scores and boxes them; its probability map
is drawn here: each line a kernel of certain text, two columns set on their own leading,
one pair of lines joined through the gutter."""

from __future__ import annotations

import numpy as np
import pytest

from layout.ingest.ocr.gutters import ink_mask
from layout.ingest.ocr.regions_split import _pieces, with_split_regions

utils = pytest.importorskip("rapidocr_onnxruntime.ch_ppocr_det.utils")

LEADING = 40  # px
KERNEL = 8  # px: the height of a line's region of certain text
INK = 30  # px: a line's characters' height
COLUMNS = ((20, 300), (330, 610))  # px: two columns, a 30 px gutter
STAGGER = 12  # px: the second column's lines stand this much lower


def _page(lines: int = 8) -> tuple[np.ndarray, np.ndarray, list[tuple[int, int, int]]]:
    """A grey page image, its probability map and each line's (column left, right, top)."""
    width, height = 640, 60 + lines * LEADING
    grey = np.full((height, width), 240, np.uint8)
    pred = np.zeros((height, width), np.float32)
    where = []
    for c, (left, right) in enumerate(COLUMNS):
        for row in range(lines):
            top = 20 + row * LEADING + c * STAGGER
            for x in range(left, right - 20, 24):  # characters set nearly solid
                grey[top:top + INK, x:x + 22] = 30
            middle = top + (INK - KERNEL) // 2
            pred[middle:middle + KERNEL, left + 4:right - 4] = 1.0
            where.append((left, right, top))
    return grey, pred, where


def _join(pred: np.ndarray, row: int) -> None:
    """The detector's region of line ``row`` run on through the gutter into the next
    column's line (a band stepping down across it)."""
    left_middle = 20 + row * LEADING + (INK - KERNEL) // 2
    for x in range(COLUMNS[0][1] - 4, COLUMNS[1][0] + 4):
        t = (x - COLUMNS[0][1] + 4) / (COLUMNS[1][0] - COLUMNS[0][1] + 8)
        y = left_middle + round(t * STAGGER)
        pred[y:y + KERNEL, x] = 1.0


def _detect(pred: np.ndarray, ink: np.ndarray | None) -> list[tuple[float, float, float, float]]:
    post = utils.DBPostProcess(thresh=0.3, box_thresh=0.5, unclip_ratio=1.6)
    boxes = with_split_regions(post.boxes_from_bitmap, post, lambda: ink)
    height, width = pred.shape
    found, _ = boxes(pred, pred > 0.3, width, height)
    return sorted((float(b[:, 0].min()), float(b[:, 1].min()), float(b[:, 0].max()),
                   float(b[:, 1].max())) for b in found)


def _covers(box: tuple[float, float, float, float], line: tuple[int, int, int]) -> bool:
    left, right, top = line
    x0, y0, x1, y1 = box
    middle = top + INK / 2
    return y0 <= middle <= y1 and x0 <= left + 10 and x1 >= right - 25 and x1 < right + 20


def test_lines_joined_across_a_gutter_are_dropped_by_the_detector_alone():
    grey, pred, where = _page()
    _join(pred, 3)
    boxes = _detect(pred, None)  # no page ink: the detector's boxes as they are
    joined = [where[3], where[8 + 3]]
    assert not any(_covers(b, line) for b in boxes for line in joined)
    others = [line for k, line in enumerate(where) if k not in (3, 11)]
    assert all(any(_covers(b, line) for b in boxes) for line in others)


def test_lines_joined_across_a_gutter_are_split_there_and_kept():
    grey, pred, where = _page()
    _join(pred, 3)
    boxes = _detect(pred, ink_mask(grey))
    assert all(any(_covers(b, line) for b in boxes) for line in where)
    assert len(boxes) == len(where)  # each line once, none across the gutter


def test_a_gap_inside_one_line_is_no_gutter():
    grey, _, _ = _page()
    ink = ink_mask(grey)
    top = 20 + 4 * LEADING
    ink[top:top + INK, 100:160] = False  # a wide gap in one line only: ink above and below
    line = 11 / 1.0  # the line height in bitmap pixels (the bitmap is the page's size)
    assert _pieces(ink, 20, top, 280, INK, line, (1.0, 1.0)) == [(0, 280)]
    gutter = _pieces(ink, 20, top, 600, INK, line, (1.0, 1.0))
    assert len(gutter) == 2 and 270 <= 20 + gutter[0][1] <= 310  # the gutter cuts
