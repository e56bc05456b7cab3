"""Clean a page's glyphs before grouping: invisible text out, fake bold collapsed.

Takes the :class:`layout.ingest.raw.Glyph` list of one page; returns the glyphs
a reader sees, once each. Text drawn in render mode 3 (invisible, e.g. OCR
layers) and whitespace glyphs are dropped. Fake bold — the same glyph drawn two
or more times at a small offset — is collapsed to its first copy with a tolerance
scaled to the font size (poppler's 0.1 em along the line, 0.2 em across), found
by bucketing on a grid so the work stays linear in the number of glyphs.
"""

from __future__ import annotations

from collections.abc import Sequence

from layout.ingest.raw import INVISIBLE_RENDER_MODE, Glyph


def visible_glyphs(glyphs: Sequence[Glyph]) -> list[Glyph]:
    """Glyphs that print something: not render mode 3, not whitespace, not zero-size."""
    return [
        g for g in glyphs
        if g.render_mode != INVISIBLE_RENDER_MODE and not g.text.isspace() and g.size > 0
        and g.text != "\ufffd"
    ]


def dedupe_fake_bold(glyphs: Sequence[Glyph], along: float = 0.1,
                     across: float = 0.2) -> list[Glyph]:
    """Glyphs without the repeated copies fake bold draws (same text, offset within tolerance).

    ``along`` and ``across`` are fractions of the font size (em). Order is kept.
    """
    row = 4.0  # pt: glyphs are bucketed by text and a 4 pt band of their top
    buckets: dict[tuple[str, int], list[Glyph]] = {}
    kept: list[Glyph] = []
    for g in glyphs:
        dx_max, dy_max = along * g.size, across * g.size
        band = int(g.top // row)
        reach = int(dy_max // row) + 1
        duplicate = False
        for b in range(band - reach, band + reach + 1):
            for other in buckets.get((g.text, b), ()):
                if (abs(other.x0 - g.x0) <= dx_max and abs(other.top - g.top) <= dy_max
                        and abs(other.size - g.size) <= 0.1 * g.size):
                    duplicate = True
                    break
            if duplicate:
                break
        if duplicate:
            continue
        buckets.setdefault((g.text, band), []).append(g)
        kept.append(g)
    return kept


def clean_glyphs(glyphs: Sequence[Glyph], along: float = 0.1, across: float = 0.2) -> list[Glyph]:
    """:func:`visible_glyphs` then :func:`dedupe_fake_bold`."""
    return dedupe_fake_bold(visible_glyphs(glyphs), along, across)
