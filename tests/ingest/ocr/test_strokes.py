"""一 told from a dash by the weight at its stroke's end (layout.ingest.ocr.strokes). No
engine needed: lines drawn and their results written out."""

from __future__ import annotations

import numpy as np
from PIL import Image

from layout.ingest.ocr.strokes import dashes_by_weight, end_weight

EM = 30
PAPER, INK = 240, 30


def _draw(pixels: np.ndarray, kind: str, x: int, top: int, em: int = EM) -> None:
    """One character cell at ``x``: a blob (a character), a 一 with a serif at its end
    (``s``) or a stroke of even weight (``e``)."""
    mid = top + em // 2
    if kind == "s":
        pixels[mid - 1:mid + 2, x + 3:x + em - 3] = INK
        pixels[mid - 4:mid + 2, x + em - 9:x + em - 3] = INK  # the serif
    elif kind == "e":
        pixels[mid - 1:mid + 2, x + 2:x + em - 2] = INK
    else:
        pixels[top + 2:top + em - 4, x + 2:x + em - 2] = INK


def _page(lines: list[tuple[str, str, int]]) -> tuple[Image.Image, list]:
    """A page of ``lines`` (text, kinds per character — ``c`` a blob, ``s``/``e`` a
    stroke — and em), one under the other, and their engine results."""
    height = sum(em + 10 for _, _, em in lines) + 20
    pixels = np.full((height, 40 + max(len(t) * em for t, _, em in lines)), PAPER, np.uint8)
    results, top = [], 10
    for text, kinds, em in lines:
        boxes = []
        for k, kind in enumerate(kinds):
            x = 10 + k * em
            _draw(pixels, kind, x, top, em)
            boxes.append([[x, top], [x + em, top], [x + em, top + em], [x, top + em]])
        x1 = 10 + len(text) * em
        results.append([[[10, top], [x1, top], [x1, top + em], [10, top + em]], text, 0.99,
                        boxes, list(text)])
        top += em + 10
    return Image.fromarray(pixels, "L"), results


_SERIF_LINES = [("我们一起统一行动", "ccsccscc", EM), ("进一步做好每一天", "csccccsc", EM),
                ("第一个五年计划好", "cscccccc", EM)]


def test_an_even_stroke_on_a_page_whose_ones_have_serifs_is_a_dash():
    image, results = _page(_SERIF_LINES + [
        ("相似一一雄壮伟大", "cceecccc", EM),  # —— read as 一一
        ("甲乙丙丁戊一己庚", "cccccecc", EM),  # — alone in a body line
        ("一一礼赞西藏", "eecccc", 36)])  # a subtitle's ——
    out = dashes_by_weight(results, image)
    assert [r[1] for r in out[:3]] == [r[1] for r in results[:3]]  # 一 with serifs stay
    assert out[3][1] == "相似——雄壮伟大" and out[3][4][2:4] == ["—", "—"]
    assert out[3][3] == results[3][3]  # the boxes as they were
    assert out[4][1] == "甲乙丙丁戊—己庚"
    assert out[5][1] == "——礼赞西藏"


def test_strokes_stay_in_a_face_without_serifs_and_in_large_type():
    even = [(t, k.replace("s", "e"), em) for t, k, em in _SERIF_LINES]
    image, results = _page(even + [("相似一一雄壮伟大", "cceecccc", EM)])
    assert dashes_by_weight(results, image) == results
    image, results = _page(_SERIF_LINES + [("一户一家", "eccc", 60)])  # a headline
    assert dashes_by_weight(results, image) == results


def test_end_weight_of_a_serif_and_of_an_even_stroke():
    pixels = np.full((50, 100), PAPER, np.uint8)
    _draw(pixels, "s", 10, 10)
    _draw(pixels, "e", 50, 10)
    box = [[10, 10], [40, 10], [40, 40], [10, 40]]
    serif = end_weight(pixels, box, 10, 40, EM)
    even = end_weight(pixels, [[50, 10], [80, 10], [80, 40], [50, 40]], 10, 40, EM)
    assert serif is not None and serif >= 1.5
    assert even is not None and even <= 1.2
    assert end_weight(np.full((50, 100), PAPER, np.uint8), box, 10, 40, EM) is None


def test_a_page_of_many_dashes_still_shows_its_face():
    """More dashes than 一s in the body lines: the 一s that end in a serif still say the
    face has serifs."""
    dashes = [("相似一一雄壮伟大", "cceecccc", EM)] * 4
    image, results = _page(_SERIF_LINES + dashes)
    out = dashes_by_weight(results, image)
    assert [r[1] for r in out[3:]] == ["相似——雄壮伟大"] * 4
