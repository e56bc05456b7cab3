"""Names set apart in one line: the spaces a reader sees between them.

Takes a :class:`~layout.analysis.pdf.text_line.TextLine`; returns its text with a space at
every gap of half an em or more (line text never has spaces between CJK characters, but
names in a byline stand apart: 崔丽国　诸葛怡鹏), for the byline patterns
(:func:`layout.analysis.patterns.parse_byline`) to split and check against the surname
table. Used by the block and heading stages.
"""

from __future__ import annotations

from layout.analysis.pdf.text_line import TextLine


def names_text(line: TextLine) -> str:
    """A line's text with a space wherever its glyphs stand half an em apart or more, or a
    quarter em further apart than the line's usual spacing (the gaps that separate names
    set in one line: 诸葛超涛 上官成; a thin space in solid-set text). Single characters between
    such gaps pair up: a two-character name is letter-spaced to the width of three
    (罗兴武 孙 萌 → 罗兴武 孙萌)."""
    gaps = sorted(max(0.0, b.x0 - a.x1) for a, b in zip(line.glyphs, line.glyphs[1:],
                                                        strict=False))
    usual = gaps[len(gaps) // 2] if gaps else 0.0  # the line's own letter spacing
    tokens: list[str] = []
    prev = None
    for g in line.glyphs:
        size = min(g.size, prev.size) if prev is not None else g.size
        if prev is None or g.x0 - prev.x1 >= min(0.5 * size, usual + 0.25 * size):
            tokens.append(g.text)
        else:
            tokens[-1] += g.text
        prev = g
    if any(len(t) > 1 for t in tokens) and any(len(t) == 1 for t in tokens):
        paired: list[str] = []
        for t in tokens:
            if len(t) == 1 and paired and len(paired[-1]) == 1 and not paired[-1].endswith(" "):
                paired[-1] += t + " "
            else:
                paired.append(t)
        tokens = [t.strip() for t in paired]
    return " ".join(tokens)
