"""Walk a PDFium page's objects: text objects in drawing order, rules and image boxes.

Takes an open ``pypdfium2`` page and its :class:`~layout.ingest.pdfium.PageFrame`;
returns :class:`PageObjects`: every text object's address (with the matrix of the
forms around it, to describe it later) in content-stream order, form XObjects
entered, the rules of painted paths classified as pdfminer does (a one-segment
subpath is a line, a closed axis-aligned four-corner subpath a rectangle: stroked
rectangles give their four sides, thin filled ones a rule, and an even-odd fill of one
rectangle inside the next the thin sides of that frame) and image boxes. Every object
met (inside forms too, each time a form is drawn) and every path segment is counted in the
page's :class:`~layout.ingest.raw.ObjectTally` before the loop over them, so the walk
stops at the page's cap whatever the file holds.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from typing import Any

from layout.ingest.pdfium_lib import (
    FILLMODE_ALTERNATE,
    FILLMODE_NONE,
    PAGEOBJ_FORM,
    PAGEOBJ_IMAGE,
    PAGEOBJ_PATH,
    PAGEOBJ_TEXT,
    SEGMENT_LINETO,
    SEGMENT_MOVETO,
    FSMatrix,
    handle,
    lib,
)
from layout.ingest.raw import (
    MAX_RULE_THICKNESS,
    MIN_RULE_LENGTH,
    ObjectTally,
    Rule,
    frame_rules,
    shape_box,
)
from layout.model import BBox

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
SQUARE_TOLERANCE = 1e-3  # pt: corners this close share an x or a y (PDFium works in floats)
MAX_FORM_DEPTH = 12  # nested form XObjects entered at most (a cycle cannot recurse forever)


@dataclass
class PageObjects:
    text: list[int] = field(default_factory=list)  # addresses, drawing order
    text_matrix: dict[int, Matrix] = field(default_factory=dict)  # forms around a text object
    rules: list[Rule] = field(default_factory=list)
    images: list[BBox] = field(default_factory=list)
    shapes: list[BBox] = field(default_factory=list)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """``inner`` then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _matrix_of(obj: int, buf: FSMatrix) -> Matrix:
    if not lib.FPDFPageObj_GetMatrix(obj, ctypes.byref(buf)):
        return IDENTITY
    return (buf.a, buf.b, buf.c, buf.d, buf.e, buf.f)


def object_bounds(obj: int, outer: Matrix, frame: Any) -> BBox | None:
    """The box of page object ``obj`` on the rendered page (``outer``: its forms' matrix)."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not lib.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return None
    corners = [_apply(outer, x, y) for x in (left.value, right.value)
               for y in (bottom.value, top.value)]
    points = [frame.point(x, y) for x, y in corners]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return BBox(min(xs), min(ys), max(xs), max(ys))


def _subpaths(obj: int, total: Matrix, frame: Any, tally: ObjectTally
              ) -> list[tuple[str, list[tuple[float, float]]]]:
    """pdfminer-style shapes ('m', 'l', 'c', 'h') with their points on the rendered page
    (the segments counted in ``tally``)."""
    out: list[tuple[str, list[tuple[float, float]]]] = []
    shape: list[str] = []
    points: list[tuple[float, float]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    segments = max(0, lib.FPDFPath_CountSegments(obj))
    tally.take(segments)
    for k in range(segments):
        seg = lib.FPDFPath_GetPathSegment(obj, k)
        kind = lib.FPDFPathSegment_GetType(seg)
        lib.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
        point = frame.point(*_apply(total, x.value, y.value))
        if kind == SEGMENT_MOVETO:
            if shape:
                out.append(("".join(shape), points))
            shape, points = ["m"], [point]
        else:
            if not shape:
                shape, points = ["m"], [point]
                continue
            shape.append("l" if kind == SEGMENT_LINETO else "c")
            points.append(point)
        if lib.FPDFPathSegment_GetClose(seg):
            shape.append("h")
            points.append(points[0])
    if shape:
        out.append(("".join(shape), points))
    return out


def _path_rules(obj: int, total: Matrix, frame: Any, tally: ObjectTally
                ) -> tuple[list[Rule], list[BBox]]:
    """The rules of a path object and the boxes of its filled shapes (subpaths that are
    neither a line nor a rectangle, as pdfminer tells them apart)."""
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not lib.FPDFPath_GetDrawMode(obj, ctypes.byref(fill_mode), ctypes.byref(stroke)):
        return [], []
    filled, stroked = fill_mode.value != FILLMODE_NONE, bool(stroke.value)
    if not filled and not stroked:
        return [], []  # a clipping path, not painted
    rules: list[Rule] = []
    shapes: list[BBox] = []
    previous: BBox | None = None  # the rectangle subpath just before, for frames
    for shape, pts in _subpaths(obj, total, frame, tally):
        if len(shape) > 3 and shape.endswith("lh") and _same(pts[-2], pts[0]):
            shape, pts = shape[:-2] + "h", pts[:-2] + [pts[-1]]
        if shape in ("ml", "mlh"):
            (x0, y0), (x1, y1) = pts[0], pts[1]
            box = BBox(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
            rules += _edge(box, box.width >= box.height)
        elif shape in ("mlllh", "mllll") and _same(pts[0], pts[4]) and _square(pts):
            xs, ys = [p[0] for p in pts[:4]], [p[1] for p in pts[:4]]
            box = BBox(min(xs), min(ys), max(xs), max(ys))
            if stroked and not filled:
                rules += _edge(BBox(box.x0, box.top, box.x1, box.top), True)
                rules += _edge(BBox(box.x0, box.bottom, box.x1, box.bottom), True)
                rules += _edge(BBox(box.x0, box.top, box.x0, box.bottom), False)
                rules += _edge(BBox(box.x1, box.top, box.x1, box.bottom), False)
            if filled:
                if box.height <= MAX_RULE_THICKNESS and box.width >= MIN_RULE_LENGTH:
                    rules.append(Rule(box, True))
                elif box.width <= MAX_RULE_THICKNESS and box.height >= MIN_RULE_LENGTH:
                    rules.append(Rule(box, False))
                elif previous is not None and fill_mode.value == FILLMODE_ALTERNATE:
                    found = frame_rules(previous, box)  # a border: one box inside another
                    if found:
                        rules += found
                        previous = None  # (the outer box frames nothing more)
                        continue
            previous = box
            continue
        previous = None
        if filled and len(pts) >= 3:
            shapes += shape_box(_on_curve(shape, pts))
    return rules, shapes


def _on_curve(shape: str, pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The points a subpath passes through: a Bézier segment's two control points left
    out (pdfminer boxes a curve by these points only)."""
    out: list[tuple[float, float]] = []
    run = 0
    for op, pt in zip(shape, pts, strict=False):
        run = run + 1 if op == "c" else 0
        if op != "c" or run % 3 == 0:
            out.append(pt)
    return out


def _edge(box: BBox, horizontal: bool) -> list[Rule]:
    length = box.width if horizontal else box.height
    return [Rule(box, horizontal)] if length >= MIN_RULE_LENGTH else []


def _same(p: tuple[float, float], q: tuple[float, float]) -> bool:
    return abs(p[0] - q[0]) <= SQUARE_TOLERANCE and abs(p[1] - q[1]) <= SQUARE_TOLERANCE


def _square(pts: list[tuple[float, float]]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts[:4]
    t = SQUARE_TOLERANCE
    return ((abs(x0 - x1) <= t and abs(y1 - y2) <= t and abs(x2 - x3) <= t
             and abs(y3 - y0) <= t)
            or (abs(y0 - y1) <= t and abs(x1 - x2) <= t and abs(y2 - y3) <= t
                and abs(x3 - x0) <= t))


def page_objects(page: Any, frame: Any, tally: ObjectTally | None = None) -> PageObjects:
    """Every object of ``page`` (forms entered), sorted into text, rules and images;
    :class:`~layout.ingest.raw.TooManyObjects` once ``tally`` is over its cap."""
    found = PageObjects()
    buf = FSMatrix()
    get_type = lib.FPDFPageObj_GetType
    tally = ObjectTally() if tally is None else tally

    def walk(count: int, get: Any, holder: int, outer: Matrix, depth: int) -> None:
        count = max(0, count)
        tally.take(count)
        for k in range(count):
            obj = get(holder, k)
            kind = get_type(obj)
            if kind == PAGEOBJ_TEXT:
                found.text.append(obj)
                if depth:
                    found.text_matrix[obj] = outer
            elif kind == PAGEOBJ_PATH:
                rules, shapes = _path_rules(obj, _compose(_matrix_of(obj, buf), outer), frame,
                                            tally)
                found.rules += rules
                found.shapes += shapes
            elif kind == PAGEOBJ_IMAGE:
                box = object_bounds(obj, outer, frame)
                if box is not None:
                    found.images.append(box)
            elif kind == PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
                inner = _compose(_matrix_of(obj, buf), outer)
                walk(lib.FPDFFormObj_CountObjects(obj), lib.FPDFFormObj_GetObject, obj, inner,
                     depth + 1)

    raw = handle(page.raw)
    walk(lib.FPDFPage_CountObjects(raw), lib.FPDFPage_GetObject, raw, IDENTITY, 0)
    return found
