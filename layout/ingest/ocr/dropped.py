"""Characters the recogniser dropped between two it read, read again from the page.

Takes the engine's results (``[box, text, score, word boxes, words, ...]`` per line,
pixels), the grey page image and a one-line reader (``read_line(grey crop) -> (text,
confidence)``); returns the results with the characters put back. The recogniser
sometimes reads a body line whole but for one character (认真学习 read 认学习, its word
boxes leaving an em of ink unaccounted for between 认 and 学). Between two Chinese
characters of a line read one box a character whose centres step ``MIN_STEP`` to
``MAX_STEP`` times the line's pitch (room for one or two characters) with ink wider
than a mark in the ems between them, the crop from the first one's em to the second's
is read again; when it reads as the two with as many Chinese characters between them
as there is room for, at ``MIN_CONFIDENCE`` or more, those are put in, each with its
own word box in the room between its neighbours (so the word boxes still account for
every character). Anything else (a blank gap, a mark, another reading of either
neighbour) leaves the line as read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from layout.ingest.ocr.chars import pitched_line
from layout.ingest.ocr.gutters import ink_mask

MIN_STEP = 1.75  # pitches between two read characters' centres: room for a character
MAX_STEP = 3.4  # pitches: room for two at most
MIN_CONFIDENCE = 0.6  # the least confidence the crop read again is taken with
INK_ACROSS = 0.4  # pitches: the ink in the room spans this much across at least (a mark's
# spans less)
_MIN_PAIRS = 3  # steps between full-width characters a line needs for its pitch
_MARGIN = 0.25  # line heights of white round a crop sent to the recogniser

ReadLine = Callable[[Any], tuple[str, float]]


def _ideograph(word: str) -> bool:
    return len(word) == 1 and ("\u3400" <= word <= "\u9fff" or "\uf900" <= word <= "\ufaff")


def dropped_characters(results: Sequence[Sequence[Any]], image: Any,
                       read_line: ReadLine) -> list[Sequence[Any]]:
    """``results`` with the characters the recogniser dropped put back (see the module
    doc)."""
    import numpy as np

    grey = None
    ink = None
    out: list[Sequence[Any]] = []
    for result in results:
        line = pitched_line(result, _MIN_PAIRS)
        if line is None:
            out.append(result)
            continue
        text, words, boxes, centres = line.text, line.words, line.boxes, line.centres
        top, bottom, pitch = line.top, line.bottom, line.pitch
        found: list[tuple[int, str, float]] = []  # (before word k, characters, room start)
        for k in range(1, len(words)):
            step = centres[k] - centres[k - 1]
            if not (_ideograph(words[k - 1]) and _ideograph(words[k])
                    and MIN_STEP * pitch <= step <= MAX_STEP * pitch):
                continue
            room = round(step / pitch) - 1
            if grey is None:
                grey = image.convert("L")
                ink = ink_mask(np.asarray(grey))
            a, b = centres[k - 1] + pitch / 2, centres[k] - pitch / 2
            if _ink_across(ink, a, b, top, bottom) < INK_ACROSS * pitch:
                continue  # blank, or a mark: no character there
            crop = _crop(grey, centres[k - 1] - pitch / 2, top, centres[k] + pitch / 2,
                         bottom)
            read, score = read_line(crop)
            read = "".join(read.split())
            if (score < MIN_CONFIDENCE or len(read) != room + 2 or read[0] != words[k - 1]
                    or read[-1] != words[k] or not all(_ideograph(c) for c in read[1:-1])):
                continue
            found.append((k, read[1:-1], a))
        if not found:
            out.append(result)
            continue
        for k, chars, a in reversed(found):
            b = centres[k] - pitch / 2
            width = (b - a) / len(chars)
            for n, ch in reversed(list(enumerate(chars))):
                left, right = a + n * width, a + (n + 1) * width
                words.insert(k, ch)
                boxes.insert(k, [[left, top], [right, top], [right, bottom], [left, bottom]])
        out.append([result[0], _with_chars(text, found), result[2], boxes, words,
                    *result[5:]])
    return out


def _ink_across(ink: Any, a: float, b: float, top: float, bottom: float) -> float:
    """How many pixel columns between ``a`` and ``b`` hold ink in the line's rows."""
    rows, cols = ink.shape
    r0, r1 = max(0, int(round(top))), min(rows, int(round(bottom)))
    c0, c1 = max(0, int(round(a))), min(cols, int(round(b)))
    if r1 <= r0 or c1 <= c0:
        return 0.0
    return float(ink[r0:r1, c0:c1].any(axis=0).sum())


def _crop(grey: Any, x0: float, top: float, x1: float, bottom: float) -> Any:
    """The grey crop of a box with a white margin round it."""
    from PIL import Image

    piece = grey.crop((max(0, int(round(x0))), max(0, int(round(top))),
                       int(round(x1)), int(round(bottom))))
    margin = max(2, int(_MARGIN * (bottom - top)))
    sheet = Image.new("L", (piece.width + 2 * margin, piece.height + 2 * margin), 255)
    sheet.paste(piece, (margin, margin))
    return sheet


def _with_chars(text: str, found: Sequence[tuple[int, str, float]]) -> str:
    """``text`` with each found run of characters put before its ``k``-th non-space
    character."""
    at = {k: chars for k, chars, _ in found}
    out, seen = [], 0
    for ch in text:
        if not ch.isspace():
            if seen in at:
                out.append(at[seen])
            seen += 1
        out.append(ch)
    return "".join(out)
