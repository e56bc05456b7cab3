"""Balanced headline lines that break only between word groups.

Takes a headline text, a :class:`layout.render.typeset.Measure`, a width and a line limit;
returns unjustified :class:`layout.render.typeset.Line` s (the caller centres them). Break
opportunities are the boundaries between phrases (BudouX's Simplified Chinese model when the
``budoux`` package is installed, else every cluster boundary) that are also legal under the
line-start/line-end prohibitions; a space (two-part headline) is always one. Among the ways to
set the text in the fewest lines (up to ``max_lines``), the one whose longest line is the
shortest wins, so a two-line headline gets two lines of similar length.
"""

from __future__ import annotations

import functools
import logging

from layout.render.typeset import (
    SPACE,
    Cluster,
    Line,
    Measure,
    clusters_of,
    natural_width,
    place,
    typeset,
)

log = logging.getLogger("layout.render.headline")


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


def _best_partition(widths_between, count: int, limit: int, width: float):
    """Minimise the widest line over partitions of ``count`` units into ≤ ``limit`` lines."""
    for lines in range(1, limit + 1):
        # best[k][j]: least max width setting units[:j] in k lines ending at a break j
        best = {(0, 0): (0.0, None)}
        for k in range(1, lines + 1):
            for j in range(1, count + 1):
                candidates = []
                for i in range(0, j):
                    if (k - 1, i) not in best:
                        continue
                    line_width = widths_between(i, j)
                    if line_width is None or line_width > width + 1e-6:
                        continue
                    candidates.append((max(best[(k - 1, i)][0], line_width), i))
                if candidates:
                    best[(k, j)] = min(candidates)
        if (lines, count) in best:
            cuts, j = [], count
            for k in range(lines, 0, -1):
                i = best[(k, j)][1]
                cuts.append((i, j))
                j = i
            return list(reversed(cuts))
    return None


def headline_lines(text: str, measure: Measure, width: float, max_lines: int = 3) -> list[Line]:
    """Set ``text`` in as few balanced lines as fit (≤ ``max_lines`` when possible)."""
    em = measure.size
    clusters = clusters_of(text, measure)
    ends, position = [], 0
    for cluster in clusters:
        position += len(cluster)
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
        glyphs = [g for unit in units[i:j] for g in unit]
        while glyphs and glyphs[0].kind == SPACE:
            glyphs = glyphs[1:]
        while glyphs and glyphs[-1].kind == SPACE:
            glyphs = glyphs[:-1]
        return natural_width(glyphs, em) if glyphs else None

    cuts = _best_partition(widths_between, len(units), max(1, max_lines), width)
    if cuts is None:  # phrases too long for the limit: ordinary line breaking, unjustified
        return typeset(text, measure, width, justify=False)
    return [place([g for unit in units[i:j] for g in unit], width, em, justify=False)
            for i, j in cuts]
