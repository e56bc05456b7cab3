"""Balanced headline lines that break only between word groups.

Takes a headline text, a :class:`layout.render.typeset.Measure`, a width and a line limit;
returns unjustified :class:`layout.render.typeset.Line` s (the caller centres them). Break
opportunities are the boundaries between phrases (BudouX's Simplified Chinese model when the
``budoux`` package is installed, else every cluster boundary) that are also legal under the
line-start/line-end prohibitions; a space (two-part headline) is always one. Among the ways to
set the text in the fewest lines (up to ``max_lines``), the one whose longest line plus the
cost of its cuts is the shortest wins: a cut at a space or after ：，；、 is free, one next to
quotes or brackets costs 1 em, one between other phrases 3 em, so two-part headlines split at
their space, quoted names stay whole and lines stay balanced.
"""

from __future__ import annotations

import functools
import itertools
import logging

from layout.render.glyphs import (
    SPACE,
    Cluster,
    Measure,
    clusters_of,
    drawable,
    natural_width,
    trim_spaces,
)
from layout.render.typeset import Line, place, typeset

log = logging.getLogger("layout.render.headline")

BREAK_AFTER = frozenset("：，；、。！？")  # a cut after these (or a space) costs nothing
CLOSING = frozenset("”’）》」』】")  # a cut after a closing or before an opening mark: 1 em
OPENING = frozenset("“‘（《「『【")
MARK_CUT_EM = 1.0
PHRASE_CUT_EM = 3.0  # cost of a cut between two phrases, as extra width of the widest line
CHARACTER_CUT_EM = 4.0  # without a phrase segmenter: any legal cut


@functools.lru_cache(maxsize=1)
def _phrase_parser():
    try:
        import budoux
    except ImportError:  # optional: cluster boundaries are used instead
        log.info("budoux not installed: headlines break at any legal position")
        return None
    return budoux.load_default_simplified_chinese_parser()


def phrase_boundaries(text: str) -> set[int]:
    """Character offsets where a phrase ends (empty set when no segmenter is available)."""
    parser = _phrase_parser()
    if parser is None:
        return set()
    offsets, position = set(), 0
    for phrase in parser.parse(text):
        position += len(phrase)
        offsets.add(position)
    return offsets


def _best_partition(widths_between, penalties: list[float], count: int, limit: int,
                    width: float) -> list[tuple[int, int]] | None:
    """Cut ``count`` units into the fewest lines (≤ ``limit``) that fit ``width``.

    Among those, the cuts minimising the widest line plus the penalties of the cuts win.
    """
    for lines in range(1, limit + 1):
        best, best_cost = None, (float("inf"), float("inf"))
        for cuts in itertools.combinations(range(1, count), lines - 1):
            bounds = list(zip((0, *cuts), (*cuts, count), strict=True))
            widths = [widths_between(i, j) for i, j in bounds]
            if any(w is None or w > width + 1e-6 for w in widths):
                continue
            cost = (max(widths) + sum(penalties[cut] for cut in cuts), max(widths))
            if cost < best_cost:
                best, best_cost = bounds, cost
        if best is not None:
            return best
    return None


def headline_lines(text: str, measure: Measure, width: float, max_lines: int = 3) -> list[Line]:
    """Set ``text`` in as few balanced lines as fit (≤ ``max_lines`` when possible)."""
    em = measure.size
    spacing = measure.spacing()
    text = " ".join(drawable(text).split())  # phrase offsets count the glyphs that are set
    clusters = clusters_of(text, measure)
    ends, position = [], 0
    for cluster in clusters:
        position += sum(len(glyph.char) for glyph in cluster)  # a 縦中横 glyph holds two
        ends.append(position)
    phrases = phrase_boundaries(text)
    units: list[Cluster] = []
    current: Cluster = []
    for cluster, end in zip(clusters, ends, strict=True):
        current = current + cluster
        if cluster[0].kind == SPACE or end in phrases or not phrases:
            units.append(current)
            current = []
    if current:
        units.append(current)

    def widths_between(i: int, j: int) -> float | None:
        glyphs = trim_spaces([g for unit in units[i:j] for g in unit])
        return natural_width(glyphs, spacing) if glyphs else None

    penalties = [0.0] * (len(units) + 1)  # penalties[k]: cost of a cut before units[k]
    for k in range(1, len(units)):
        last, following = units[k - 1][-1], units[k][0]
        if last.kind == SPACE or last.char in BREAK_AFTER:
            continue
        if last.char in CLOSING or following.char in OPENING:
            penalties[k] = MARK_CUT_EM * em
            continue
        penalties[k] = (PHRASE_CUT_EM if phrases else CHARACTER_CUT_EM) * em
    if len(units) > 24:  # long texts: ordinary line breaking is good enough
        return typeset(text, measure, width, justify=False)
    # the line limit is a wish: more lines cut between phrases beat a word cut in two
    cuts = _best_partition(widths_between, penalties, len(units), max(1, max_lines) + 3, width)
    if cuts is None:  # phrases too long for the limit: ordinary line breaking, unjustified
        return typeset(text, measure, width, justify=False)
    return [place([g for unit in units[i:j] for g in unit], width, spacing, justify=False)
            for i, j in cuts]
