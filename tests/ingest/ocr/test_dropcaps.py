"""Drop caps read on their own and the lines beside them read whole
(layout.ingest.ocr.dropcaps). No engine needed: a column drawn, its results written out
and the recogniser stood in for by functions that say what they were shown."""

from __future__ import annotations

import numpy as np
from PIL import Image

from layout.ingest.ocr.dropcaps import drop_caps

H = 20  # body line height (pixels)
PITCH = 30  # line step
LEFT, RIGHT = 20, 420  # the column
CAP = 52  # the cap's side: beside two lines and most of the third's height


def _page() -> Image.Image:
    """A cap at the column's left, beside lines 0 and 1; lines 2-7 full width."""
    pixels = np.full((300, 460), 240, np.uint8)
    pixels[10:10 + CAP, LEFT:LEFT + CAP] = 30
    for k in range(8):
        x0 = LEFT + CAP + 8 if k < 2 else LEFT
        for x in range(x0, RIGHT - H, H):
            pixels[10 + k * PITCH + 3:10 + k * PITCH + H - 3, x + 3:x + H - 3] = 30
    return Image.fromarray(pixels, "L")


def _line(x0: float, k: int, text: str) -> list:
    top = 10 + k * PITCH
    return [[[x0, top], [RIGHT, top], [RIGHT, top + H], [x0, top + H]], text, 0.99]


BODY = "正文正文正文正文正文正文正文"


def test_a_missed_cap_is_read_alone() -> None:
    """The detector drew no box left of the two lines set in: the ink there is read as
    one character, a line of its own, and the lines stay as read."""
    results = [_line(LEFT + CAP + 8, 0, "一二三四五六七八九"), _line(LEFT + CAP + 8, 1, BODY)]
    results += [_line(LEFT, k, BODY) for k in range(2, 8)]
    shown: list[tuple[int, int]] = []

    def read_line(crop: Image.Image) -> tuple[str, float]:
        shown.append(crop.size)
        return "科", 0.95

    out = drop_caps(results, _page(), read_line, lambda crop: [])
    caps = [r for r in out if r[1] == "科"]
    assert len(caps) == 1 and len(out) == len(results) + 1
    xs = [p[0] for p in caps[0][0]]
    ys = [p[1] for p in caps[0][0]]
    # from its ink's left edge to a quarter body height short of the lines beside it (set
    # flush with them: its ink stops short of its em)
    assert min(xs) == LEFT and abs(max(xs) - (LEFT + CAP + 8 - H / 4)) <= 1
    assert min(ys) == 10 and abs(max(ys) - (10 + CAP)) <= 1
    assert len(shown) == 1 and shown[0][1] > CAP  # the cap's square and a margin


def test_a_missed_cap_three_lines_tall_its_left_edge_a_strokes_tip() -> None:
    """A cap beside three lines, standing a little left of the column's lines, its
    leftmost ink the tip of one stroke midway down (as 今's): found from the first line
    beside it, its full height read, once."""
    pixels = np.full((320, 460), 240, np.uint8)
    cap = 2 * PITCH + H  # beside lines 0-2
    left = LEFT - 4  # overhanging the column's edge
    pixels[10:10 + cap, left + 12:left + cap] = 30  # the cap's body
    pixels[10 + cap // 2 - 3:10 + cap // 2 + 3, left:left + 12] = 30  # a stroke's tip
    for k in range(9):
        x0 = left + cap + 8 if k < 3 else LEFT
        for x in range(x0, RIGHT - H, H):
            pixels[10 + k * PITCH + 3:10 + k * PITCH + H - 3, x + 3:x + H - 3] = 30
    beside = left + cap + 8
    results = [_line(beside, k, BODY) for k in range(3)]
    results += [_line(LEFT, k, BODY) for k in range(3, 9)]
    shown: list[tuple[int, int]] = []

    def read_line(crop: Image.Image) -> tuple[str, float]:
        shown.append(crop.size)
        return "今", 0.95

    out = drop_caps(results, Image.fromarray(pixels, "L"), read_line, lambda crop: [])
    caps = [r for r in out if r[1] == "今"]
    assert len(caps) == 1 and len(shown) == 1
    xs = [p[0] for p in caps[0][0]]
    ys = [p[1] for p in caps[0][0]]
    assert min(xs) == left and min(ys) == 10 and abs(max(ys) - (10 + cap)) <= 1


def test_a_cap_and_the_characters_beside_it_in_one_box() -> None:
    """One tall box over the cap and the first character of each line beside it (read as
    two characters): the cap is read alone, the lines beside it read again from its edge
    with the cap whited out, and taken when they read longer and end as before."""
    start = LEFT + CAP + 8 + H  # each line beside the cap lost its first character
    results = [[[[LEFT, 10], [start, 10], [start, 10 + PITCH + H], [LEFT, 10 + PITCH + H]],
                "科势", 0.9],
               _line(start, 0, "二三四五六七八九"), _line(start, 1, "文正文正文正文")]
    results += [_line(LEFT, k, BODY) for k in range(2, 8)]
    crops: list[np.ndarray] = []

    def read_lines(crop: Image.Image) -> list:
        crops.append(np.asarray(crop))
        m = 5  # the crop's margin (_MARGIN body heights, at least 2 px)
        return [[[[m, m + 3], [300, m + 3], [300, m + 3 + H], [m, m + 3 + H]],
                 "一二三四五六七八九", 0.98],
                [[[m, m + 3 + PITCH], [300, m + 3 + PITCH], [300, m + 3 + PITCH + H],
                  [m, m + 3 + PITCH + H]], "正文正文正文正文", 0.98]]

    out = drop_caps(results, _page(), lambda crop: ("科", 0.95), read_lines)
    texts = [r[1] for r in out]
    assert "科势" not in texts and texts.count("科") == 1
    assert "一二三四五六七八九" in texts and "正文正文正文正文" in texts
    assert "二三四五六七八九" not in texts
    assert len(crops) == 1 and crops[0][:, :3].min() == 255  # the cap whited out


def test_no_cap_when_the_read_is_no_single_character() -> None:
    """Ink read as two characters, or as a Latin letter, is no cap: nothing changes."""
    results = [_line(LEFT + CAP + 8, 0, "一二三四五六七八九"), _line(LEFT + CAP + 8, 1, BODY)]
    results += [_line(LEFT, k, BODY) for k in range(2, 8)]
    for read in (("科技", 0.9), ("A", 0.9), ("科", 0.2)):
        out = drop_caps(results, _page(), lambda crop, read=read: read, lambda crop: [])
        assert out == results


def test_an_indent_is_no_cap() -> None:
    """A paragraph's first line set in two ems, one line only: no cap looked for."""
    results = [_line(LEFT, 0, BODY), _line(LEFT + 2 * H, 1, BODY)]
    results += [_line(LEFT, k, BODY) for k in range(2, 8)]
    seen: list[int] = []
    drop_caps(results, _page(), lambda crop: seen.append(1) or ("科", 0.9), lambda crop: [])
    assert not seen
