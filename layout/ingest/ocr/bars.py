"""Bars, dots and end marks of a line read from its crop: is a lone - the ideograph 一 or
the dot ·, is a quote at the line's end a comma?

Takes a line's text as the recogniser read it (no character positions: a row read without
detection has none) and a grey PIL image of the line set across, with the em in pixels;
returns the text with each lone ASCII hyphen or underscore beside Chinese set as 一 or as
the middle dot · (the recogniser reads both a bar and a dot alone as -), from the shapes
of ink the line's crop holds. A line's flat shapes about its middle (ink columns apart
from the rest, no taller than ``FLAT_EM``) are its bars and dots, left to right: one
``BAR_EM`` wide or more is a bar, a narrower one a dot. The shapes are matched to the
line's bar-like characters (read -, _, 一, ·) only when there are as many of each; else
every lone one is 一 (:func:`~layout.ingest.ocr.chars.cjk_one`). A quote read first or
last in the line whose shape there does not hang from the line's top (its ink starts
``LOW_TOP_EM`` below the line's and ends below its middle) is the mark that shape is, a
comma or a stop (the recogniser reads a comma opening a row as ’). One character for one.
"""

from __future__ import annotations

from typing import Any

from layout.ingest.ocr.chars import LONE_BAR, cjk_one
from layout.ingest.ocr.gutters import true_runs
from layout.ingest.ocr.marks import hollow

FLAT_EM = 0.3  # ems a bar's or a dot's ink is tall at most
BAR_EM = 0.45  # ems a bar's ink is wide at least (a dot's is about 0.15)
MIDDLE_EM = 0.25  # ems a bar's or dot's middle lies from the line's middle at most
LOW_TOP_EM = 0.2  # ems below the line's ink top a mark's ink starts when it is no quote
_BAR_LIKE = set("-_一·・－")
_QUOTES = set("‘’“”'\"`")
_INK = 128  # grey levels below this are ink


def shapes(ink: Any) -> list[tuple[int, int, int, int]]:
    """The shapes of the boolean ink array of a line, left to right: each run of ink
    columns between blank ones as (x0, x1, top, bottom), x1 and bottom exclusive."""
    import numpy as np

    out: list[tuple[int, int, int, int]] = []
    for x, end in true_runs(ink.any(axis=0)):
        tall = np.flatnonzero(ink[:, x:end].any(axis=1))
        out.append((x, end, int(tall[0]), int(tall[-1]) + 1))
    return out


def flat_shapes(image: Any, em: float) -> list[float]:
    """The widths (pixels) of the flat shapes about the middle of the line in ``image``
    (grey PIL), left to right: runs of ink columns between blank ones whose ink is at most
    ``FLAT_EM`` ems tall, its middle within ``MIDDLE_EM`` of the line's ink middle."""
    import numpy as np

    ink = np.asarray(image.convert("L")) < _INK
    rows = np.flatnonzero(ink.any(axis=1))
    if rows.size == 0:
        return []
    middle = (rows[0] + rows[-1] + 1) / 2
    return [float(x1 - x0) for x0, x1, top, bottom in shapes(ink)
            if bottom - top <= FLAT_EM * em
            and abs((top + bottom) / 2 - middle) <= MIDDLE_EM * em]


def end_marks(text: str, image: Any, em: float) -> str:
    """``text`` with a quote read first or last set as the mark its shape in the line's
    ``image`` is when that shape does not hang from the line's top (see the module doc)."""
    import numpy as np

    if not text or (text[0] not in _QUOTES and text[-1] not in _QUOTES):
        return text
    ink = np.asarray(image.convert("L")) < _INK
    rows = np.flatnonzero(ink.any(axis=1))
    found = shapes(ink)
    if not found:
        return text
    line_top, middle = rows[0], (rows[0] + rows[-1] + 1) / 2
    out = list(text)
    for k, (x0, x1, top, bottom) in ((0, found[0]), (len(text) - 1, found[-1])):
        if (out[k] in _QUOTES and top >= line_top + LOW_TOP_EM * em and bottom > middle
                and max(x1 - x0, bottom - top) <= em / 2):
            out[k] = low_mark(ink[top:bottom, x0:x1])
    return "".join(out)


def low_mark(shape: Any) -> str:
    """The mark a small shape low in a line is (``shape``: a boolean array cropped to
    it): a ring the full stop 。, else by where its stroke ends at the bottom: left of the
    shape's middle the comma ，(its tail falls left from the head), right of it 、."""
    import numpy as np

    if hollow(shape):
        return "。"
    ys, xs = np.nonzero(shape)
    low = xs[ys >= ys.max() - max(1, shape.shape[0] // 5)]
    return "，" if low.mean() < xs.mean() else "、"


def bars_and_dots(text: str, image: Any, em: float) -> str:
    """``text`` with its lone - and _ beside Chinese set as 一 or · by the flat shapes of
    the line's ``image`` (``em`` pixels an em); see the module doc."""
    lone = {m.start() for m in LONE_BAR.finditer(text)}
    if not lone:
        return text
    like = [k for k, ch in enumerate(text) if ch in _BAR_LIKE]
    shapes = flat_shapes(image, em)
    if len(shapes) != len(like):
        return cjk_one(text)
    out = list(text)
    for k, width in zip(like, shapes, strict=True):
        if k in lone:
            out[k] = "一" if width >= BAR_EM * em else "·"
    return "".join(out)
