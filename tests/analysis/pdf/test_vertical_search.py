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

TEXTS = "春风又绿江南岸明月何时照我还，。、：！」「（１２AB7x—…"


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
                 "narrow", "dash", "closing", "opening"):
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


def _turned(text: str, xc: float, top: float, size: float = 9.2) -> list[Glyph]:
    """A run set sideways down a vertical line: ink boxes thinner than the line, 0.57 em
    apart."""
    out = []
    for ch in text:
        out.append(Glyph(ch, xc - 0.34 * size, top, xc + 0.34 * size, top + 0.42 * size,
                         0.9 * size, "Latin", upright=False))
        top += 0.57 * size
    return out


def _down(text: str, xc: float, top: float, size: float = 9.2) -> list[Glyph]:
    return [Glyph(ch, xc - size / 2, top + k * size, xc + size / 2, top + (k + 1) * size,
                  size, "Body") for k, ch in enumerate(text)]


def test_a_subtitles_opening_dashes_stay_in_its_subtitle():
    # a horizontal subtitle (11.5 pt) opening with ——, an em over vertical body text
    # (9.2 pt, lines 13.9 pt apart) whose lines open with turned runs under its dashes: a
    # dash is set on its line's axis and touches its row's glyphs, so it keeps that row's
    # limit and is no cell of the vertical line under it
    from layout.analysis.pdf.vertical import rotate_line, split_vertical

    size = 11.5
    glyphs = [Glyph(ch, 450.8 + k * size, 128.8, 450.8 + (k + 1) * size, 128.8 + size, size,
                    "Head") for k, ch in enumerate("——面向科技型中小企业推出")]
    lines = [("2020", "年增长百分之十四"), ("429", "亿元较同期增长了"), ("24%", "归母净利润")]
    for k, (turned, upright) in enumerate(lines):
        xc = 451.55 + 13.9 * k
        glyphs += _turned(turned, xc, 151.7)
        glyphs += _down(upright, xc, 151.7 + 0.57 * 9.2 * len(turned) + 1.0)
    glyphs += _down("中国人民保险集团股份有限公司", 437.6, 151.1)
    found, rest = split_vertical(glyphs)
    texts = sorted(rotate_line(line, 600.0).text.replace(" ", "") for line in found)
    assert texts == sorted(["2020年增长百分之十四", "429亿元较同期增长了", "24%归母净利润",
                            "中国人民保险集团股份有限公司"])
    assert "".join(g.text for g in rest) == "——面向科技型中小企业推出"
    # a dash is a row neighbour like any glyph of its row (a comma in its corner is none)
    groups = [(g,) for g in glyphs]
    gaps, neighbours = row_gaps(CellArrays.of(groups))
    assert gaps[0] == 0.0 and neighbours[0] == 1
    assert neighbours[2] == 1  # (the first of its two neighbours, left to right)
