"""Page geometry for synthetic e-paper pages: the column grid and the article frames.

Takes the content box, the grid (columns, gutter) and a ``random.Random``; returns
:class:`Frame` objects. A frame is what one article (or one stand-alone photo) occupies:
a run of adjacent grid columns, each with its own top and bottom, so that rectangles and
L-shapes (a headline spanning several columns over a body that wraps around a neighbour)
are the same thing. Pages are cut into horizontal bands, bands into 1–3 slots side by side;
a slot may hold two stacked articles; two neighbouring slots may be merged into an L.
Also computes where rule lines between frames go (:func:`frame_rules`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Grid:
    left: float
    top: float
    right: float
    bottom: float
    columns: int
    gutter: float

    @property
    def column_width(self) -> float:
        return (self.right - self.left - (self.columns - 1) * self.gutter) / self.columns

    def x0(self, col: int) -> float:
        return self.left + col * (self.column_width + self.gutter)

    def x1(self, col: int) -> float:
        return self.x0(col) + self.column_width


@dataclass
class Frame:
    """Columns (grid index -> (top, bottom)) one article or photo occupies."""

    kind: str  # "article" | "photo"
    spans: dict[int, tuple[float, float]] = field(default_factory=dict)
    l_shaped: bool = False
    partner: Frame | None = None  # an L's big frame: the frame under its short columns

    @property
    def columns(self) -> list[int]:
        return sorted(self.spans)

    @property
    def top(self) -> float:
        return min(t for t, _ in self.spans.values())

    @property
    def bottom(self) -> float:
        return max(b for _, b in self.spans.values())

    def height(self) -> float:
        return self.bottom - self.top


def _compose(rng: random.Random, total: int, parts: int, minimum: int) -> list[int]:
    """Random positive widths summing to ``total``, each at least ``minimum``."""
    widths = [minimum] * parts
    for _ in range(total - minimum * parts):
        widths[rng.randrange(parts)] += 1
    return widths


def plan_frames(grid: Grid, line_height: float, rng: random.Random) -> list[Frame]:
    """Cut the content box into article/photo frames (bands → slots → stacked or L-shaped)."""
    height = grid.bottom - grid.top
    vgap = line_height * rng.uniform(0.9, 1.5)
    max_bands = max(1, min(4, int(height // (line_height * 20))))
    bands = rng.randint(min(2, max_bands), max_bands)
    weights = [rng.uniform(0.7, 1.3) for _ in range(bands)]
    usable = height - vgap * (bands - 1)
    frames: list[Frame] = []
    top = grid.top
    for w in weights:
        band_h = usable * w / sum(weights)
        frames += _plan_band(grid, top, top + band_h, line_height, vgap, rng)
        top += band_h + vgap
    return frames


def _plan_band(grid: Grid, top: float, bottom: float, line_height: float, vgap: float,
               rng: random.Random) -> list[Frame]:
    n = grid.columns
    slots = rng.choice([s for s in (1, 2, 2, 3, 3) if s <= n // 2] or [1])
    widths = _compose(rng, n, slots, 2)
    starts = [sum(widths[:i]) for i in range(slots)]
    band: list[Frame] = []
    for start, width in zip(starts, widths, strict=True):
        cols = range(start, start + width)
        tall = bottom - top > line_height * 34
        if tall and rng.random() < 0.3:
            split = top + (bottom - top) * rng.uniform(0.4, 0.6)
            band.append(Frame("article", {c: (top, split - vgap / 2) for c in cols}))
            band.append(Frame("article", {c: (split + vgap / 2, bottom) for c in cols}))
        else:
            kind = "photo" if width <= 4 and rng.random() < 0.1 else "article"
            band.append(Frame(kind, {c: (top, bottom) for c in cols}))
    singles = [i for i in range(len(band) - 1)
               if band[i].kind == band[i + 1].kind == "article"
               and band[i].top == band[i + 1].top == top
               and band[i].bottom == band[i + 1].bottom == bottom]
    if singles and rng.random() < 0.4 and bottom - top > line_height * 24:
        i = rng.choice(singles)
        big, small = (band[i], band[i + 1]) if rng.random() < 0.5 else (band[i + 1], band[i])
        split = top + (bottom - top) * rng.uniform(0.45, 0.65)
        for c in small.columns:
            big.spans[c] = (top, split - vgap / 2)
            small.spans[c] = (split + vgap / 2, bottom)
        big.l_shaped = True
        big.partner = small
    return band


def lower_l_split(frames: list[Frame], big: Frame, head_bottom: float, line_height: float,
                  vgap: float) -> bool:
    """Move an L's inner corner below ``head_bottom`` (the big article's headline group), so
    that no rule or neighbour runs into it; when the frame under it would get too short, the
    big frame takes those columns whole. True when the frames changed."""
    small = big.partner
    if small is None:
        return False
    short = [c for c in big.columns if c in small.spans]
    corner = min(big.spans[c][1] for c in short)
    if corner >= head_bottom + line_height * 0.8:
        return False
    top = min(t for t, _ in big.spans.values())
    bottom = max(b for _, b in small.spans.values())
    new_corner = head_bottom + line_height * 0.8
    if bottom - (new_corner + vgap) < line_height * 12:
        for c in short:
            big.spans[c] = (top, bottom)
        frames.remove(small)
        big.l_shaped, big.partner = False, None
        return True
    for c in short:
        big.spans[c] = (top, new_corner)
        small.spans[c] = (new_corner + vgap, bottom)
    return True


def frame_rules(grid: Grid, frames: list[Frame]) -> list[tuple[float, float, float, float]]:
    """Rule segments (x0, y0, x1, y1) in the gaps between frames (not at the page edges)."""
    owner: dict[int, list[tuple[float, float, int]]] = {}
    for k, f in enumerate(frames):
        for c, (t, b) in f.spans.items():
            owner.setdefault(c, []).append((t, b, k))
    rules: list[tuple[float, float, float, float]] = []
    half = grid.gutter / 2
    for k, f in enumerate(frames):
        cols = f.columns
        # Horizontal: under each run of adjacent columns that end at the same height.
        run: list[int] = []
        for c in cols + [None]:  # type: ignore[list-item]
            if run and (c is None or f.spans[c][1] != f.spans[run[0]][1] or c != run[-1] + 1):
                y = f.spans[run[0]][1]
                if any(t > y for t, _, j in owner[run[0]] if j != k):
                    gap_y = y + (min(t for t, _, j in owner[run[0]] if j != k and t > y) - y) / 2
                    x0 = grid.x0(run[0]) - (half if run[0] > 0 else 0)
                    x1 = grid.x1(run[-1]) + (half if run[-1] < grid.columns - 1 else 0)
                    rules.append((x0, gap_y, x1, gap_y))
                run = []
            if c is not None:
                run.append(c)
        # Vertical: right of each column where the next column is not ours.
        for c in cols:
            if c == grid.columns - 1:
                continue
            t, b = f.spans[c]
            nxt = f.spans.get(c + 1)
            if nxt is None:
                lo, hi = t, b
            elif nxt[1] < b:
                lo, hi = nxt[1], b
            else:
                continue
            others = [(ot, ob) for ot, ob, j in owner.get(c + 1, []) if j != k
                      and ob > lo and ot < hi]
            if others:
                x = grid.x1(c) + half
                rules.append((x, max(lo, min(ot for ot, _ in others)), x,
                              min(hi, max(ob for _, ob in others))))
    return rules
