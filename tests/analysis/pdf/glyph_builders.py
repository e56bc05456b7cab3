"""Hand-built glyphs, lines and blocks for unit tests of the PDF analysis stages."""

from __future__ import annotations

from layout.analysis.pdf.blocks import TextBlock, lines_to_blocks
from layout.analysis.pdf.lines import glyphs_to_lines
from layout.ingest.raw import Glyph

BODY = "Body-Serif"


def run(text: str, x: float, baseline: float, size: float = 10.0, font: str = BODY,
        advance: float | None = None, extra: float = 0.0, render_mode: int = 0) -> list[Glyph]:
    """Glyphs of ``text`` set from ``x`` on ``baseline`` (top-left origin), one em each
    (or ``advance``), ``extra`` points of justification after each; spaces only advance."""
    step = size if advance is None else advance
    glyphs = []
    for ch in text:
        if not ch.isspace():
            glyphs.append(Glyph(ch, x, baseline - 0.88 * size, x + step, baseline + 0.12 * size,
                                size, font, render_mode=render_mode, baseline=baseline))
        x += step + extra
    return glyphs


def column(lines: list[str], x: float, top: float, width_chars: int, size: float = 10.0,
           leading: float = 1.5, font: str = BODY) -> list[Glyph]:
    """A column of body lines; a line starting with two spaces is indented 2 em; lines
    shorter than the column are set naturally (a paragraph's last line)."""
    glyphs: list[Glyph] = []
    for k, text in enumerate(lines):
        baseline = top + 0.88 * size + k * leading * size
        glyphs += run(text, x, baseline, size, font)
    del width_chars
    return glyphs


def blocks_of(glyphs: list[Glyph], rules=()) -> list[TextBlock]:
    return lines_to_blocks(glyphs_to_lines(glyphs, rules), rules)
