"""Characters read twice kept once (layout.ingest.ocr.doubles): lines written out."""

from __future__ import annotations

from layout.ingest.ocr.doubles import drop_doubles

TOP, H = 10, 36


def _line(x0: float, words: list[str], extents: list[tuple[float, float]],
          top: float = TOP, height: float = H) -> list:
    x1 = extents[-1][1]
    boxes = [[[a, top], [b, top], [b, top + height], [a, top + height]] for a, b in extents]
    return [[[x0, top], [x1, top], [x1, top + height], [x0, top + height]], "".join(words),
            0.99, boxes, words]


def test_a_lone_piece_cut_off_at_a_gutter_over_the_last_character_goes() -> None:
    """和's right half read as 口 in a piece of the next column's line cut off at the
    gutter: one character, narrower than tall, overlapping 和 it goes."""
    left = _line(0, list("在党和"), [(0, 35), (35, 70), (70, 106)], height=46)
    piece = _line(93, ["口"], [(93, 114)], top=TOP + 10, height=38)
    out = drop_doubles([left, piece])
    assert [r[1] for r in out] == ["在党和"]


def test_lines_apart_keep_every_character() -> None:
    left = _line(0, list("在党和"), [(0, 35), (35, 70), (70, 106)])
    right = _line(150, list("重要"), [(150, 186), (186, 222)])
    assert drop_doubles([left, right]) == [left, right]
