"""Photos in a page image: large printed areas that are not text (scans have no image
objects to say where the photos are).

Takes a grey page image (PIL), the boxes of the text lines OCR found in it (pixels) and
the image's resolution; returns the photo rectangles (pixels, ``x0 top x1 bottom``). The
image is cut into cells of about two points; a cell is *printed* when it is darker than
the paper under it (the paper's shade a smooth surface fitted to the lightest cells, so
uneven paper is no photo) or
holds much contrast; cells under text lines are set aside. Printed cells joined into a
region (what is thinner than three cells dropped, gaps of one closed) make a photo when
the region is large (at least ``min_side`` points each way) and mostly printed: a box
drawn round an article is large but nearly empty, a rule thin. A photo's rectangle then
grows over the rows and columns beside it that are mostly a little darker than paper and
hold no text (its light parts, a sky). Needs numpy and OpenCV (both come with ``layout[ocr]``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

CELL_PT = 2.0  # side of a cell, points
PAPER_NOISE = 10  # grey levels: cells this far under the paper's surface are still paper
DARKER = 20  # grey levels under the paper: a printed cell
CONTRAST = 60  # grey levels between a cell's darkest and lightest pixel: a printed cell
TEXT_MARGIN = 0.5  # line heights: the margin kept clear round a text line
MIN_FILL = 0.6  # share of a photo's rectangle that must be printed (or read as text)
MIN_INK = 0.35  # and printed
TINTED = 6  # grey levels under the paper: a cell a photo may grow over
GROW_SHARE = 0.8  # share of a row or column beside a photo that must be tinted to join


def photo_boxes(image: Any, text_boxes: Sequence[tuple[float, float, float, float]],
                dpi: float, min_side: float = 40.0) -> list[tuple[float, float, float, float]]:
    """The photo rectangles of ``image`` (see the module doc); ``min_side`` in points."""
    import cv2
    import numpy as np

    grey = np.asarray(image.convert("L"), dtype=np.uint8)
    cell = max(2, round(CELL_PT * dpi / 72.0))
    rows, cols = grey.shape[0] // cell, grey.shape[1] // cell
    if rows < 3 or cols < 3:
        return []
    blocks = grey[:rows * cell, :cols * cell].reshape(rows, cell, cols, cell)
    mean = blocks.mean(axis=(1, 3))
    spread = blocks.max(axis=(1, 3)).astype(np.int16) - blocks.min(axis=(1, 3))
    text = np.zeros((rows, cols), dtype=bool)
    for x0, top, x1, bottom in text_boxes:
        margin = TEXT_MARGIN * (bottom - top)
        r0, r1 = int((top - margin) // cell), int((bottom + margin) // cell) + 1
        c0, c1 = int((x0 - margin) // cell), int((x1 + margin) // cell) + 1
        text[max(r0, 0):max(r1, 0), max(c0, 0):max(c1, 0)] = True
    paper = paper_shade(mean, ~text)
    printed = ((mean < paper - DARKER) | (spread > CONTRAST)) & ~text
    tinted = ((mean < paper - TINTED) | (spread > CONTRAST)) & ~text
    # what is thinner than a few cells (strokes beside a line, rules, frames) goes
    square = np.ones((3, 3), np.uint8)
    printed = cv2.morphologyEx(printed.astype(np.uint8), cv2.MORPH_OPEN, square).astype(bool)
    joined = cv2.morphologyEx(printed.astype(np.uint8), cv2.MORPH_CLOSE, square)
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    min_cells = min_side / CELL_PT
    out = []
    for k in range(1, count):
        c0, r0, width, height, _ = stats[k]
        if width < min_cells or height < min_cells:
            continue
        ink = printed[r0:r0 + height, c0:c0 + width].mean()
        worded = text[r0:r0 + height, c0:c0 + width].mean()  # junk read in the photo
        if ink < MIN_INK or ink + worded < MIN_FILL:
            continue
        r0, c0, r1, c1 = grown(tinted, r0, c0, r0 + height, c0 + width)
        out.append((float(c0 * cell), float(r0 * cell), float(c1 * cell), float(r1 * cell)))
    return out


def grown(tinted: Any, r0: int, c0: int, r1: int, c1: int) -> tuple[int, int, int, int]:
    """The cell rectangle ``r0:r1, c0:c1`` grown a row or column at a time while the next
    one along its side is mostly ``tinted``."""
    rows, cols = tinted.shape
    changed = True
    while changed:
        changed = False
        if r0 > 0 and tinted[r0 - 1, c0:c1].mean() >= GROW_SHARE:
            r0, changed = r0 - 1, True
        if r1 < rows and tinted[r1, c0:c1].mean() >= GROW_SHARE:
            r1, changed = r1 + 1, True
        if c0 > 0 and tinted[r0:r1, c0 - 1].mean() >= GROW_SHARE:
            c0, changed = c0 - 1, True
        if c1 < cols and tinted[r0:r1, c1].mean() >= GROW_SHARE:
            c1, changed = c1 + 1, True
    return r0, c0, r1, c1


def paper_shade(mean: Any, usable: Any) -> Any:
    """The paper's grey level under each cell: a quadratic surface over the cells fitted
    to the lightest (the paper between the print), refitted twice without the cells far
    under it."""
    import numpy as np

    rows, cols = mean.shape
    ys, xs = np.mgrid[0:rows, 0:cols]
    y, x = ys.ravel() / max(rows - 1, 1) - 0.5, xs.ravel() / max(cols - 1, 1) - 0.5
    terms = np.stack([np.ones_like(x), x, y, x * x, x * y, y * y], axis=1)
    values = mean.ravel().astype(np.float64)
    keep = usable.ravel() & (values >= np.percentile(values, 50))
    surface = np.full_like(values, values.max())
    for _ in range(3):
        if keep.sum() < 6:
            break
        coef, *_ = np.linalg.lstsq(terms[keep], values[keep], rcond=None)
        surface = terms @ coef
        keep = usable.ravel() & (values >= surface - PAPER_NOISE)
    return surface.reshape(rows, cols)


def inside(box: tuple[float, float, float, float],
           photos: Sequence[tuple[float, float, float, float]], share: float = 0.9) -> bool:
    """Whether ``share`` of ``box``'s area lies in one of ``photos`` (text read in a
    photo: part of the picture, as a text layer would have it)."""
    area = max((box[2] - box[0]) * (box[3] - box[1]), 1e-6)
    for x0, top, x1, bottom in photos:
        width = min(box[2], x1) - max(box[0], x0)
        height = min(box[3], bottom) - max(box[1], top)
        if width > 0 and height > 0 and width * height >= share * area:
            return True
    return False
