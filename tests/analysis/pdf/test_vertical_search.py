"""The array sweeps of the vertical stage find what a loop over the cells finds: the same
row neighbours and gaps, the same chain pairs in the same order (``vertical_reference``),
on scattered glyphs of every kind (turned, marks, 縦中横 digits, odd sizes, bin edges)."""

from __future__ import annotations

import random

import pytest

from layout.analysis.pdf.vertical import Cell, _tate_chu_yoko
from layout.analysis.pdf.vertical_search import CellArrays, chain_pairs, row_gaps
from layout.ingest.raw import Glyph
from tests.analysis.pdf import vertical_reference as ref

TEXTS = "春风又绿江南岸明月何时照我还，。、：！」「（１２AB7x"


def _page(seed: int, count: int) -> list[Glyph]:
    """Glyphs on a coarse grid (so that many stand in rows and columns, on bin edges) with
    some scattered, turned, shrunk or zero-sized."""
    rnd = random.Random(seed)
    glyphs = []
    for _ in range(count):
        size = rnd.choice((0.0, 6.0, 9.0, 10.0, 10.0, 12.0, 24.0))
        x = rnd.randrange(0, 40) * rnd.choice((4.0, 10.0, 10.5)) + rnd.choice((0.0, 0.0, 0.3))
        y = rnd.randrange(0, 40) * rnd.choice((4.0, 10.0, 12.0)) + rnd.choice((0.0, -0.2))
        width = size * rnd.choice((1.0, 1.0, 0.5, 0.3))
        glyphs.append(Glyph(rnd.choice(TEXTS), x, y, x + width, y + size, size, "F",
                            upright=rnd.random() > 0.1))
    return glyphs


@pytest.mark.parametrize("seed", range(12))
def test_sweeps_match_the_loops(seed):
    groups = _tate_chu_yoko(_page(seed, 60 + 40 * seed))
    cells = [Cell(g) for g in groups]
    arrays = CellArrays.of(groups)
    for name in ("x0", "top", "x1", "bottom", "size", "cx", "cy", "turned", "mark", "corner",
                 "narrow"):
        assert getattr(arrays, name).tolist() == [getattr(c, name) for c in cells], name
    index = ref.Index(cells)
    expected_rows = [ref.row_gap(k, cells, index) for k in range(len(cells))]
    gaps, neighbours = row_gaps(arrays)
    assert list(zip(gaps, neighbours, strict=True)) == expected_rows
    assert any(j is not None for j in neighbours)
    for max_gap in (0.5, 1.2, 3.0):
        pairs = chain_pairs(arrays, gaps, max_gap)
        assert pairs == ref.chain_pairs(cells, index, max_gap, expected_rows)
    assert pairs  # the pages do hold cells that chain


def test_no_cells():
    arrays = CellArrays.of([])
    assert row_gaps(arrays) == ([], [])
    assert chain_pairs(arrays, [], 1.2) == []


@pytest.mark.parametrize("values", [
    [], [3], [1, 1, 1], [-2, 0, 0, 5, 9, 9, 9], [0.5, 0.5, 1.0, float("nan"), float("nan")],
    [float("nan")], [-0.0, 0.0, 2.5]])
def test_sorted_unique_is_numpys_unique_of_a_sorted_array(values):
    import numpy as np

    from layout.analysis.pdf.vertical_search import sorted_unique

    array = np.sort(np.array(values, dtype=float if any(isinstance(v, float) for v in values)
                             else np.int64))
    got, want = sorted_unique(array), np.unique(array)
    assert got.dtype == want.dtype
    assert np.array_equal(got, want, equal_nan=True)
