"""Text regions the detector joined across a column gutter, split there instead of dropped.

Takes the detector's probability map and its thresholded bitmap (rows x columns, the
detector's input scale), the boxes its post-processing kept, and the page's ink mask
(rows x columns of the page image the boxes are in); returns boxes (``4 x 2`` corner
arrays, page pixels, as the post-processing gives them) for the regions it dropped.

On a page of narrow gutters the detector's text region of a line runs on through the
gutter into the next column's line; where the two lines do not stand level (columns
set on their own leading) the joined region steps up or down at the gutter, its
bounding rectangle is mostly blank, its mean score falls under the box threshold and
the region is dropped: every line in it is missing from the page (a band of the page
with no text). Such a region is cut at the pixel columns the page image is blank over
its rows and ``REACH`` line heights above and below them (a gutter runs down the page;
the gap after a mark inside one line is blank over that line only), at least
``GUTTER_WIDTH`` line heights wide, and each piece is scored and boxed as the detector
boxes a region (the same box threshold, unclip and minimum size).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

REACH = 2.0  # line heights above and below a region a gutter is blank over
GUTTER_WIDTH = 0.4  # line heights: the least width of a gutter
MIN_REGION = 3.0  # line heights: a dropped region shorter than this is not looked at


def split_dropped(pred: Any, bitmap: Any, kept: Any, ink: Any, post: Any,
                  scale: tuple[float, float]) -> list[Any]:
    """Boxes for the regions of ``bitmap`` the detector's post-processing ``post`` (its
    ``get_mini_boxes``, ``box_score_fast``, ``unclip``, ``box_thresh``, ``min_size``)
    dropped for a low score, each cut at the gutters it crosses; ``kept``: the boxes it
    kept (page pixels, ``N x 4 x 2``), ``scale``: page pixels per bitmap pixel (x, y)."""
    import cv2
    import numpy as np

    heights = sorted(float(b[:, 1].max() - b[:, 1].min()) for b in kept) if len(kept) else []
    if len(heights) < 5:
        return []
    line = heights[len(heights) // 2] / scale[1]  # a line's height, bitmap pixels
    found = cv2.findContours((bitmap * 255).astype(np.uint8), cv2.RETR_LIST,
                             cv2.CHAIN_APPROX_SIMPLE)
    contours = found[0] if len(found) == 2 else found[1]
    out: list[Any] = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if w < MIN_REGION * line:
            continue  # too short to run across a gutter
        points, side = post.get_mini_boxes(contour)
        if side < post.min_size or post.box_score_fast(pred, points.reshape(-1, 2)) >= \
                post.box_thresh:
            continue  # kept (or too small to be text)
        region = np.zeros((h, w), np.uint8)
        cv2.drawContours(region, [contour - [x, y]], -1, 1, thickness=-1, offset=(0, 0))
        region &= bitmap[y:y + h, x:x + w].astype(np.uint8)
        for a, b in _pieces(ink, x, y, w, h, line, scale):
            out += _boxes(region[:, a:b], x + a, y, pred, post, scale)
    return out


def _pieces(ink: Any, x: int, y: int, w: int, h: int, line: float,
            scale: tuple[float, float]) -> list[tuple[int, int]]:
    """The parts of a region ``x .. x+w`` (bitmap columns) between the gutters the page
    image shows across rows ``y .. y+h`` and ``REACH`` lines above and below."""
    from layout.ingest.ocr.gutters import true_runs

    sx, sy = scale
    rows, cols = ink.shape
    r0 = max(0, int((y - REACH * line) * sy))
    r1 = min(rows, int((y + h + REACH * line) * sy))
    c0, c1 = max(0, int(x * sx)), min(cols, int((x + w) * sx))
    if r1 <= r0 or c1 <= c0:
        return [(0, w)]
    blank = ~ink[r0:r1, c0:c1].any(axis=0)
    edges = [0]
    for a, b in true_runs(blank):
        if a == 0 or b == c1 - c0 or b - a < GUTTER_WIDTH * line * sy:
            continue
        edges += [int(a / sx), int(b / sx)]
    edges.append(w)
    return [(a, b) for a, b in zip(edges[0::2], edges[1::2], strict=True) if b > a]


def _boxes(region: Any, x: int, y: int, pred: Any, post: Any,
           scale: tuple[float, float]) -> list[Any]:
    """The detector's boxes (page pixels) of the text regions in one piece of a region
    (``region``: its pixels, from bitmap column ``x`` and row ``y``)."""
    import cv2
    import numpy as np

    found = cv2.findContours((region * 255).astype(np.uint8), cv2.RETR_LIST,
                             cv2.CHAIN_APPROX_SIMPLE)
    out = []
    for contour in (found[0] if len(found) == 2 else found[1]):
        contour = contour + [x, y]
        points, side = post.get_mini_boxes(contour)
        if side < post.min_size:
            continue
        if post.box_score_fast(pred, points.reshape(-1, 2)) < post.box_thresh:
            continue
        box, side = post.get_mini_boxes(post.unclip(points))
        if side < post.min_size + 2:
            continue
        box = np.array(box, dtype=np.float64)
        box[:, 0] = np.round(box[:, 0] * scale[0])
        box[:, 1] = np.round(box[:, 1] * scale[1])
        out.append(box.astype(np.int32))
    return out


def with_split_regions(boxes_from_bitmap: Callable[..., Any], post: Any,
                       ink_of: Callable[[], Any]) -> Callable[..., Any]:
    """The detector post-processing's ``boxes_from_bitmap`` with the regions it drops
    for a low score split at gutters and added (``ink_of()``: the page's ink mask, None
    when unknown: then as it was)."""
    import numpy as np

    def boxes(pred: Any, bitmap: Any, dest_width: int, dest_height: int) -> Any:
        kept, scores = boxes_from_bitmap(pred, bitmap, dest_width, dest_height)
        ink = ink_of()
        if ink is None or ink.shape != (dest_height, dest_width):
            return kept, scores
        height, width = bitmap.shape
        scale = (dest_width / width, dest_height / height)
        more = split_dropped(pred, bitmap, np.asarray(kept), ink, post, scale)
        if not more:
            return kept, scores
        for box in more:
            box[:, 0] = np.clip(box[:, 0], 0, dest_width)
            box[:, 1] = np.clip(box[:, 1], 0, dest_height)
        return (np.concatenate([np.asarray(kept).reshape(-1, 4, 2), np.array(more)])
                .astype(np.int32), list(scores) + [0.5] * len(more))

    return boxes
