"""Characters the recogniser dropped between two it read, read again from the page
(layout.ingest.ocr.dropped). No engine needed: a line drawn, its result written out and
the recogniser stood in for by a function that says what it was shown."""

from __future__ import annotations

import numpy as np
from PIL import Image

from layout.ingest.ocr.dropped import dropped_characters

EM = 30
TOP = 10


def _page(room: bool) -> Image.Image:
    """Five character blobs a pitch apart and, when ``room``, a sixth after the third
    (the one the recogniser dropped); else paper there."""
    pixels = np.full((60, 260), 240, np.uint8)
    for k in (0, 1, 2, 3, 4, 5) if room else (0, 1, 2, 4, 5):
        x = 10 + k * EM
        pixels[TOP + 2:TOP + EM - 2, x + 2:x + EM - 2] = 30
    return Image.fromarray(pixels, "L")


def _result(text: str = "一二认学五") -> list:
    boxes = [[[x, TOP], [x + EM, TOP], [x + EM, TOP + EM], [x, TOP + EM]]
             for x in (10 + k * EM for k in (0, 1, 2, 4, 5))]
    return [[[10, TOP], [190, TOP], [190, TOP + EM], [10, TOP + EM]], text, 0.99, boxes,
            list(text)]


def test_a_dropped_character_is_read_again_and_put_in() -> None:
    shown: list[tuple[int, int]] = []

    def read_line(crop: Image.Image) -> tuple[str, float]:
        shown.append(crop.size)
        return "认真学", 0.85

    [line] = dropped_characters([_result()], _page(True), read_line)
    assert line[1] == "一二认真学五" and line[4] == list("一二认真学五")
    assert len(line[3]) == 6 and 100 <= line[3][3][0][0] < line[3][3][1][0] <= 130
    assert len(shown) == 1 and shown[0][0] >= 3 * EM  # the two read and the room between


def test_a_blank_gap_or_another_reading_adds_nothing() -> None:
    plain = _result()
    seen: list[int] = []
    out = dropped_characters([plain], _page(False), lambda crop: seen.append(1) or ("x", 1.0))
    assert out == [plain] and not seen  # paper there: not read again
    for read in (("认学", 0.9), ("认真字", 0.9), ("认，学", 0.9), ("认真学", 0.3)):
        assert dropped_characters([plain], _page(True), lambda crop, r=read: r) == [plain]
