"""Detected lines cut at column gutters before recognition (layout.ingest.ocr.gutters):
found in the page's whitespace, not between a spaced-out line's characters, no piece as
narrow as a mark. No engine needed: pages of character-like blobs drawn here."""

from __future__ import annotations

import numpy as np
import pytest

from layout.ingest.ocr.gutters import cut_at_gutters, gutter_cuts, ink_mask

EM = 20  # px: a character's side
PITCH = 22  # px: characters set nearly solid
LEADING = 32  # px: line to line


def _page(columns: list[tuple[int, int, int]], lines: int = 6, width: int = 900,
          height: int = 400) -> np.ndarray:
    """A grey page: for each (left, characters, pitch), a column of ``lines`` lines of
    square blobs from ``left``."""
    pixels = np.full((height, width), 240, np.uint8)
    for left, chars, pitch in columns:
        for row in range(lines):
            top = 40 + row * LEADING
            for k in range(chars):
                x = left + k * pitch
                pixels[top:top + EM, x:x + EM] = 30
    return pixels


def _box(x0: float, top: float, x1: float, bottom: float) -> np.ndarray:
    return np.array([[x0, top], [x1, top], [x1, bottom], [x0, bottom]], np.float32)


def _line_box(row: int, x0: float, x1: float) -> np.ndarray:
    top = 40 + row * LEADING
    return _box(x0 - 4, top - 4, x1 + 4, top + EM + 4)  # the detector's margin


def test_a_line_detected_across_a_gutter_is_cut_there():
    # two columns of 10 characters, a gutter of 16 px (0.8 em) between them
    left_end = 50 + 9 * PITCH + EM
    page = _page([(50, 10, PITCH), (left_end + 16, 10, PITCH)])
    merged = _line_box(2, 50, left_end + 16 + 9 * PITCH + EM)
    cuts = gutter_cuts(ink_mask(page), merged)
    assert len(cuts) == 1
    start, end = cuts[0]
    assert start >= left_end - 1 and end <= left_end + 17
    pieces = cut_at_gutters(np.array([merged]), page)
    assert pieces.shape == (2, 4, 2)
    assert pieces[0, 1, 0] < left_end + 8 < pieces[1, 0, 0]  # each piece keeps to its column
    assert pieces[0, 0, 0] == merged[0, 0] and pieces[1, 1, 0] == merged[1, 0]
    single = _line_box(2, 50, left_end)  # a line of one column: left alone
    assert (cut_at_gutters(np.array([single]), page) == single).all()


def test_a_slightly_turned_box_is_cut_along_its_edges():
    page = _page([(50, 10, PITCH), (50 + 10 * PITCH + 14, 10, PITCH)])
    box = _line_box(2, 50, 50 + 20 * PITCH + 14)
    box[1, 1] -= 3  # its right end a little higher
    box[2, 1] -= 3
    [left, right] = cut_at_gutters(np.array([box]), page)
    assert left[1, 1] == pytest.approx(box[0, 1] - 3 * (left[1, 0] - box[0, 0])
                                       / (box[1, 0] - box[0, 0]), abs=0.01)
    assert right[1, 1] == pytest.approx(box[1, 1])


def test_a_spaced_out_line_is_not_cut_between_its_characters():
    # characters spaced by 0.8 em, as wide as a narrow gutter, in every line; cut where
    # a column's gutter is
    page = _page([(50, 12, EM + 16)])
    box = _line_box(3, 50, 50 + 11 * (EM + 16) + EM)
    assert gutter_cuts(ink_mask(page), box) == []
    page = _page([(50, 6, EM + 16), (50 + 5 * (EM + 16) + EM + 40, 6, EM + 16)])
    box = _line_box(3, 50, 50 + 10 * (EM + 16) + 2 * EM + 40)
    [(start, end)] = gutter_cuts(ink_mask(page), box)
    assert end - start == pytest.approx(40, abs=1)


def test_gaps_between_characters_that_do_not_line_up_are_no_gutter():
    page = _page([(50, 20, PITCH)])
    top = 40 + 2 * LEADING
    page[top:top + EM, 50 + 8 * PITCH:50 + 10 * PITCH] = 240  # two characters missing
    box = _line_box(2, 50, 50 + 19 * PITCH + EM)
    assert gutter_cuts(ink_mask(page), box) == []  # the lines above and below have ink
    page[top - LEADING:top + 2 * LEADING, 50 + 8 * PITCH:50 + 10 * PITCH] = 240
    assert gutter_cuts(ink_mask(page), box) == []  # blank in the lines beside it: by chance
    page[:, 50 + 8 * PITCH:50 + 10 * PITCH] = 240
    assert len(gutter_cuts(ink_mask(page), box)) == 1  # blank down the page: a gutter


def test_no_piece_is_as_narrow_as_a_mark():
    page = _page([(50, 10, PITCH)], lines=1)
    top = 40
    gutter = 50 + 9 * PITCH + EM
    page[top + 12:top + EM, gutter + 16:gutter + 22] = 30  # a lone comma after a gap
    box = _box(46, top - 4, gutter + 40, top + EM + 4)
    cuts = gutter_cuts(ink_mask(page), box)
    assert cuts == []  # the mark stays with the line it ends


def test_a_lone_line_on_blank_paper_is_not_cut():
    # two runs of characters with a gutter-wide gap, nothing above or below them
    page = _page([(50, 10, PITCH), (50 + 10 * PITCH + 14, 10, PITCH)], lines=1)
    box = _line_box(0, 50, 50 + 20 * PITCH + 14)
    assert gutter_cuts(ink_mask(page), box) == []


def test_a_rule_under_the_columns_ends_the_gutter_as_the_page_edge_would():
    # a column's last line right over a box's frame: below it the rule, then a headline
    # across the gutter; the gutter runs down to the rule only
    left_end = 50 + 9 * PITCH + EM
    page = _page([(50, 10, PITCH), (left_end + 16, 10, PITCH)])
    last = 40 + 5 * LEADING
    rule = last + EM + 8
    page[rule:rule + 2, 30:left_end + 16 + 10 * PITCH + 10] = 30  # the frame
    for x in range(50, left_end + 16 + 5 * PITCH, 34):  # the next headline's characters
        page[rule + 14:rule + 14 + 30, x:x + 30] = 30
    box = _line_box(5, 50, left_end + 16 + 9 * PITCH + EM)
    [(start, end)] = gutter_cuts(ink_mask(page), box)
    assert start >= left_end - 1 and end <= left_end + 17
    page[rule:rule + 2, left_end - 2 * EM:left_end + 2 * EM] = 240  # no rule: ink below
    assert gutter_cuts(ink_mask(page), box) == []
