"""BBox: validation and the set operations the analysis stages use."""

import pytest

from layout.model import BBox


def test_inverted_box_is_rejected():
    with pytest.raises(ValueError):
        BBox(10, 0, 5, 10)


def test_union_intersection_overlap():
    a, b = BBox(0, 0, 10, 10), BBox(5, 8, 20, 30)
    assert a.union(b) == BBox(0, 0, 20, 30)
    assert a.intersection(b) == BBox(5, 8, 10, 10)
    assert a.intersection(BBox(11, 0, 12, 1)) is None
    assert a.horizontal_overlap(b) == 5 and a.vertical_overlap(b) == 2
    assert BBox.enclosing([a, b]) == a.union(b)
    assert a.contains(BBox(1, 1, 9, 9)) and not a.contains(b)
    assert (a.width, a.height, a.area, a.center) == (10, 10, 100, (5, 5))
