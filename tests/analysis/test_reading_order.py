"""Reading order: XY-cut with columns read left to right, bands top to bottom."""

from layout.analysis.reading_order import xy_cut
from layout.model import BBox


def test_columns_then_rows():
    boxes = [BBox(110, 0, 200, 100), BBox(0, 0, 100, 100), BBox(0, 120, 200, 150)]
    assert xy_cut(boxes) == [1, 0, 2]


def test_vertical_first_reads_column_by_column():
    # an L: two columns under a wide band, the left column runs longer
    boxes = [BBox(0, 0, 100, 50), BBox(110, 0, 200, 50), BBox(0, 60, 100, 120)]
    assert xy_cut(boxes, horizontal_first=True) == [0, 1, 2]
    assert xy_cut(boxes, horizontal_first=False) == [0, 2, 1]


def test_overlapping_boxes_fall_back_to_topological_order():
    boxes = [BBox(50, 40, 150, 80), BBox(0, 0, 100, 50), BBox(120, 0, 200, 30)]
    order = xy_cut(boxes)
    assert order.index(1) < order.index(0)
    assert sorted(order) == [0, 1, 2]
