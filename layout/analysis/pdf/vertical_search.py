"""The neighbour searches of the vertical-text stage, as sorted sweeps over arrays.

Takes the cells of :func:`layout.analysis.pdf.vertical.split_vertical` (groups of glyphs,
their figures in :class:`CellArrays`); returns, for every cell, its
gap to the nearest cell of like size on its row and which cell that is
(:func:`row_gaps`), and the pairs of cells a vertical line may chain, with their gaps
(:func:`chain_pairs`). The searches look where a loop over the cells would (cells binned
every ``BIN_PT`` points by centre, each bin sorted), so they find the same cells, in the
same order, with the same figures; they run over the whole page at once (numpy) because
a page holds thousands of cells and nearly all of them are horizontal text, which must
cost next to nothing here.

The rules themselves (which cells count as row neighbours, which may follow which down a
line) are the ones stated in the ``vertical`` module's docstring.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from layout.clean import is_cjk, is_cjk_punct
from layout.ingest.raw import Glyph

BIN_PT = 4.0  # width of the bins cells are sorted into (by centre), points
_INF = float("inf")
CORNER_MARKS = frozenset("，、。．：；！？")  # often printed in a corner of their cell
# marks set along a vertical line's axis, centred in their cell as a character is (dashes,
# ellipses): unlike a mark in a corner they keep their row limits and neighbours
AXIS_MARKS = frozenset("—―…‥⋯︱︙︰")
# brackets, whose ink stands at one end of their cell: turned in a vertical line, a closing
# one at its cell's head and an opening one at its foot, so 」「 leave nearly two cells'
# length of white between their inks
CLOSING_BRACKETS = "」』）》〉】〗〕］｝)]}"
OPENING_BRACKETS = "「『（《〈【〖〔［｛([{"
_CLOSING_CODES = np.array([ord(c) for c in CLOSING_BRACKETS], dtype=np.int64)
_OPENING_CODES = np.array([ord(c) for c in OPENING_BRACKETS], dtype=np.int64)


@dataclass(frozen=True)
class CellArrays:
    """The figures of every cell, one array each (index = the cell's index)."""

    x0: np.ndarray
    top: np.ndarray
    x1: np.ndarray
    bottom: np.ndarray
    size: np.ndarray
    cx: np.ndarray
    cy: np.ndarray
    turned: np.ndarray
    mark: np.ndarray
    corner: np.ndarray
    narrow: np.ndarray
    dash: np.ndarray
    closing: np.ndarray  # a closing bracket (」）》…)
    opening: np.ndarray  # an opening bracket (「（《…)

    @classmethod
    def of(cls, groups: Sequence[tuple[Glyph, ...]]) -> CellArrays:
        """The figures of the cells made of ``groups`` of glyphs, worked out as
        :class:`~layout.analysis.pdf.vertical.Cell` does (box, size, centre, kind)."""
        firsts = [group[0] for group in groups]
        box = np.array([(g.x0, g.top, g.x1, g.bottom, g.size) for g in firsts],
                       dtype=float).reshape(-1, 5)
        for k, group in enumerate(groups):
            if len(group) > 1:  # 縦中横 digits: few
                box[k] = (min(g.x0 for g in group), min(g.top for g in group),
                          max(g.x1 for g in group), max(g.bottom for g in group),
                          max(g.size for g in group))
        x0, top, x1, bottom, size = box.T
        turned = ~np.fromiter((g.upright for g in firsts), bool, len(firsts))
        size = np.where(turned, x1 - x0, size)  # a turned glyph's: its extent across
        codes = np.fromiter((ord(g.text[0]) for g in firsts), np.int64, len(firsts))
        chars, where = np.unique(codes, return_inverse=True)  # (every text is a character)
        kinds = np.array([cell_kind(chr(c)) for c in chars.tolist()], dtype=bool).reshape(-1, 4)
        mark, _, corner, dash = kinds[where.reshape(-1)].T
        single = np.fromiter((len(group) == 1 for group in groups), bool, len(groups))
        # an upright half-width letter or digit alone (9月): set at either side of its cell
        narrow = ~turned & single & (codes < 0x80) & (x1 - x0 < 0.7 * size)
        closing = np.isin(codes, _CLOSING_CODES)
        opening = np.isin(codes, _OPENING_CODES)
        return cls(x0, top, x1, bottom, size, (x0 + x1) / 2, (top + bottom) / 2, turned,
                   mark, corner, narrow, dash, closing, opening)


def cell_kind(ch: str) -> tuple[bool, bool, bool, bool]:
    """(mark, CJK, corner, dash) of a cell whose first glyph is ``ch``: CJK punctuation,
    CJK text or punctuation, a mark often printed in a corner of its cell, a mark set on
    the line's axis (``AXIS_MARKS``)."""
    mark = bool(ch) and is_cjk_punct(ch)
    return (mark, bool(ch) and (is_cjk(ch) or mark), ch in CORNER_MARKS,
            bool(ch) and ch in AXIS_MARKS)


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique`` of a sorted 1-D array, without its check for a masked array (which
    imports ``numpy.ma``: a tenth of a second in every process that analyses pages)."""
    if values.size == 0:
        return values.copy()
    keep = np.empty(values.size, dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    if values.dtype.kind in "fc" and np.isnan(values[-1]):  # NaNs, sorted last: one kept
        keep[1:] &= ~(np.isnan(values[1:]) & np.isnan(values[:-1]))
    return values[keep]


def _bins(values: np.ndarray) -> np.ndarray:
    return np.floor_divide(values, BIN_PT).astype(np.int64)


def _window_pairs(item_centre: np.ndarray, item_key: np.ndarray, query: np.ndarray,
                  centre: np.ndarray, reach: np.ndarray, lo: np.ndarray, hi: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray]:
    """(query cell, item cell) pairs: for each query cell (in ``query`` order), the items
    whose centre falls in a bin from ``centre - reach`` to ``centre + reach`` and whose key
    lies in ``[lo, hi]``, bin by bin and by key (then index) within a bin."""
    n = len(item_key)
    bins = _bins(item_centre)
    order = np.lexsort((np.arange(n), item_key, bins))
    sorted_bins, sorted_keys = bins[order], item_key[order]
    unique_bins = sorted_unique(sorted_bins)
    values = sorted_unique(np.sort(sorted_keys))
    stride = len(values) + 1
    # an integer key per item, ordered as the items are: (its bin's rank, its key's rank)
    item_rank = (np.searchsorted(unique_bins, sorted_bins) * stride
                 + np.searchsorted(values, sorted_keys))
    first, last = _bins(centre - reach), _bins(centre + reach)
    spans = last - first + 1
    owner = np.repeat(np.arange(len(query)), spans)
    starts = np.cumsum(spans) - spans
    b = first[owner] + (np.arange(len(owner)) - starts[owner])
    where = np.searchsorted(unique_bins, b)
    present = where < len(unique_bins)
    present[present] = unique_bins[where[present]] == b[present]
    low = where * stride + np.searchsorted(values, lo[owner], side="left")
    high = where * stride + np.searchsorted(values, hi[owner], side="right")
    begin = np.searchsorted(item_rank, low, side="left")
    end = np.searchsorted(item_rank, high, side="left")
    count = np.where(present, end - begin, 0)
    row = np.repeat(np.arange(len(owner)), count)  # the (query, bin) row of each pair
    offsets = np.cumsum(count) - count
    positions = begin[row] + (np.arange(len(row)) - offsets[row])
    return query[owner[row]], order[positions]


def _like_sizes(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``0.8 <= a / b <= 1.25`` (never where ``b`` is 0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = a / np.where(b != 0, b, 1.0)
    return (b != 0) & (ratio >= 0.8) & (ratio <= 1.25)


def row_gaps(a: CellArrays) -> tuple[list[float], list[int | None]]:
    """Per cell: the gap to the nearest cell of like size on the same row (centres within
    0.3 em, overlapping by 0.3 em at most, 3 em away at most; turned cells and marks are
    nobody's neighbour, but for marks on the line's axis: dashes, ellipses), ``inf`` when
    none (and always for a turned cell), and that cell (the first met, left to right, among
    equally near ones), or None."""
    n = len(a.size)
    gap_out = np.full(n, _INF)
    who_out = np.full(n, -1, dtype=np.int64)
    query = np.flatnonzero(~a.turned)
    if n and query.size:
        size = a.size[query]
        reach = 3.0 * size
        k, j = _window_pairs(a.cy, a.x0, query, a.cy[query], 0.3 * size,
                             a.x0[query] - reach - 2 * size, a.x1[query] + reach)
        size_k = a.size[k]
        gap = np.maximum(a.x0[j] - a.x1[k], a.x0[k] - a.x1[j])
        keep = ((j != k) & ~a.turned[j] & _like_sizes(size_k, a.size[j])
                & (np.abs(a.cy[j] - a.cy[k]) <= 0.3 * size_k) & ~_off_axis(a)[j]
                & (gap >= -0.3 * size_k) & (gap <= 3.0 * size_k))
        k, j, value = k[keep], j[keep], np.maximum(gap[keep], 0.0)
        if k.size:
            best = np.full(n, _INF)
            np.minimum.at(best, k, value)
            at_best = np.flatnonzero(value == best[k])
            owners, first = np.unique(k[at_best], return_index=True)  # pairs run in order
            gap_out[owners] = best[owners]
            who_out[owners] = j[at_best[first]]
    who = [None if w < 0 else w for w in who_out.tolist()]
    return gap_out.tolist(), who


def chain_pairs(a: CellArrays, gaps: Sequence[float], max_gap_em: float
                ) -> list[tuple[float, int, int]]:
    """(gap, upper cell, lower cell) of every pair a vertical line may chain, sorted: the
    lower cell starts below the upper one's top, lined up with it (centres within 0.3 em,
    or boxes overlapping where a mark or a turned cell is involved), of like size, no
    more than ``max_gap_em`` below it, overlapping it by 0.6 em at most (a turned lower
    cell under one that is no mark off the axis: starting below its top, overlapping it
    by 0.95 em at most, as a reader's box of a turned glyph may stand nearly an em above
    its cell), and, between upright cells, no further apart than either one's ``gaps``
    (its row gap; none for a mark off the axis) allows (half an em more below a comma or
    stop, 0.05 em more otherwise); between an upright cell and a turned one, no further
    apart than the upright one's row gap allows, half an em more."""
    n = len(a.size)
    if n == 0:
        return []
    query = np.arange(n)
    size = a.size
    reach = np.maximum(size, 8.0)  # a turned dot is narrow: look as far as for a letter
    # (from a cell's top down: a turned glyph's box may start just below it)
    lo = a.top
    # (a turned cell's size is its thickness, and a mark after it may stand half an em
    # to the side in its cell's upper right: look wider)
    across = np.where(a.turned, 1.5, 0.8) * reach
    k, j = _window_pairs(a.cx, a.top, query, a.cx, across, lo,
                         a.bottom + (1.5 * max_gap_em + 0.5) * reach)
    keep = j != k
    k, j = k[keep], j[keep]
    size_k, size_j = size[k], size[j]
    turned_k, turned_j = a.turned[k], a.turned[j]
    # compare with an upright cell's size: a turned glyph's is its thickness
    both_max = np.maximum(np.maximum(size_k, size_j), 0.5 * reach[k])
    ref = np.where(~turned_k, size_k, np.where(~turned_j, size_j, both_max))
    # a turned glyph under a glyph that is no mark: its box (a reader's, rotated) may stand
    # up to nearly an em above its cell, so it need only start below that glyph's top (a
    # mark, printed off its line's axis, may stand beside the next line's turned glyph)
    off_axis = _off_axis(a)
    high = turned_j & ~off_axis[k]
    # (a corner mark below, printed in its cell's upper half, may stand up to half an em
    # above its cell: it too need only start below the upper cell's top)
    keep = (a.top[j] >= a.top[k] + 0.25 * np.minimum(size_k, size_j)) | (
        (high | a.corner[j]) & (a.top[j] > a.top[k]))
    keep &= turned_k | turned_j | _like_sizes(size_k, size_j)
    keep &= _lined_up(a, k, j, ref)
    gap = a.top[j] - a.bottom[k]
    # a turned run may be spaced out by a loose line's justification (ink boxes)
    loose_gap = np.where(turned_k & turned_j, max_gap_em + 0.5, max_gap_em + 0.0)
    # a turned closing bracket over a turned opening one: their inks stand at the far
    # ends of two cells (」「), an em more apart
    loose_gap = np.where(turned_k & turned_j & a.closing[k] & a.opening[j],
                         max_gap_em + 1.0, loose_gap)
    overlap = np.where(high, -0.95, -0.6)
    keep &= (gap >= overlap * ref) & (gap <= loose_gap * ref)
    # a comma or stop above may sit in its cell's upper half: half an em more
    slack = np.where(a.corner[k], 0.5, 0.05) * ref
    gaps_arr = np.asarray(gaps, dtype=float)
    # no row limit for turned cells nor for marks off the axis (printed in a corner): a
    # dash or an ellipsis, centred on its line, keeps its row's (a horizontal subtitle's
    # opening —— stays in its row, over a vertical line opening with a turned run)
    loose = a.turned | off_axis
    room = np.where(loose, _INF, gaps_arr)
    within = np.maximum(gap, 0.0) <= np.minimum(room[k], room[j]) + slack
    keep &= turned_k | turned_j | within  # (a turned glyph's ink box says little)
    # an upright cell and a turned one: no further apart than the upright one's row gap
    # allows, half an em more (a subtitle's glyph, set tight in its row, over a turned
    # run that opens a line below it is no cell of that line)
    upright_room = np.where(turned_k, room[j], room[k])
    keep &= ~(turned_k ^ turned_j) | (np.maximum(gap, 0.0) <= upright_room + 0.5 * ref)
    k, j, gap = k[keep], j[keep], gap[keep]
    order = np.lexsort((j, k, gap))
    return list(zip(gap[order].tolist(), k[order].tolist(), j[order].tolist(), strict=True))


def _off_axis(a: CellArrays) -> np.ndarray:
    """Marks that may be printed off their line's axis: every mark but dashes and
    ellipses (``AXIS_MARKS``)."""
    return a.mark & ~a.dash


def _lined_up(a: CellArrays, k: np.ndarray, j: np.ndarray, size: np.ndarray) -> np.ndarray:
    """Centres within 0.3 em; or, where a mark or a turned glyph is involved, boxes
    overlapping by 0.3 of the narrower; two such cells, boxes overlapping at all, but
    never a cell whose centre stands 0.3 em or more right of a corner mark's."""
    close = np.abs(a.cx[k] - a.cx[j]) <= 0.3 * size
    loose = a.turned | a.mark | a.narrow
    loose_k, loose_j = loose[k], loose[j]
    overlap = np.minimum(a.x1[k], a.x1[j]) - np.maximum(a.x0[k], a.x0[j])
    narrow = np.minimum(np.minimum(a.x1[k] - a.x0[k], a.x1[j] - a.x0[j]), size)
    both = loose_k & loose_j & (overlap > -0.1 * size)  # (。 right in its cell, 9 left)
    # a mark in its cell's upper right stands at or right of its line's axis: a cell whose
    # centre lies further right than the mark's own is the next line's over (a turned 」
    # there, its ink touching a comma shifted toward it)
    corner_k, corner_j = a.corner[k], a.corner[j]
    both &= ~(corner_k & (a.cx[j] > a.cx[k] + 0.3 * size))
    both &= ~(corner_j & (a.cx[k] > a.cx[j] + 0.3 * size))
    one = (loose_k ^ loose_j) & (overlap >= 0.3 * narrow)
    return close | both | one
