"""Rules found in a page image's ink (layout.ingest.ocr.rules): long thin straight ink is
a rule, a slightly turned one too; strokes inside text lines, photos, thick bars and
short ink are not. No engine needed: the ink is drawn."""

from __future__ import annotations

import numpy as np

from layout.ingest.ocr.rules import scan_rules

BODY = 20.0  # body line height (pixels)


def _ink() -> np.ndarray:
    return np.zeros((1000, 800), bool)


def test_a_turned_column_rule_and_a_rule_under_an_article() -> None:
    ink = _ink()
    for row in range(100, 900):  # a vertical rule stepping a pixel over every 100 rows
        ink[row, 400 + (row - 100) // 100] = True
    ink[500:502, 50:350] = True  # a horizontal rule two pixels thick
    rules = scan_rules(ink, [], [], BODY)
    assert len(rules) == 2
    horizontal = [r for r in rules if r[4]]
    vertical = [r for r in rules if not r[4]]
    x0, top, x1, bottom, _ = horizontal[0]
    assert (x0, x1) == (50, 350) and 500 <= top < bottom <= 502
    x0, top, x1, bottom, _ = vertical[0]
    assert (top, bottom) == (100, 900)
    assert 400 <= x0 < x1 <= 408 and x1 - x0 <= 2  # set on its middle, not its slant


def test_a_broken_rule_is_one_rule() -> None:
    ink = _ink()
    ink[300, 100:400] = True
    ink[300, 410:700] = True  # a gap of half a line: one rule
    rules = scan_rules(ink, [], [], BODY)
    assert [(r[0], r[2]) for r in rules] == [(100, 700)]


def test_strokes_in_text_photos_bars_and_short_ink_are_no_rules() -> None:
    ink = _ink()
    ink[100:200, 100] = True  # a headline character's long stroke, inside its line
    ink[300:360, 500] = True  # three body heights: a character's stroke at most
    ink[600:900, 600:700] = True  # a photo's dark area
    ink[400:420, 100:500] = True  # a bar as thick as a line: no rule
    ink[700, 50:400] = True  # a rule inside a photo's box
    text = [(80.0, 90.0, 300.0, 210.0)]
    photos = [(40.0, 650.0, 450.0, 750.0)]
    assert scan_rules(ink, text, photos, BODY) == []


def test_no_body_height_no_rules() -> None:
    ink = _ink()
    ink[300, 100:700] = True
    assert scan_rules(ink, [], [], 0.0) == []
