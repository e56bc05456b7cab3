"""Draw typeset lines on a ReportLab canvas as PDF text operators.

Takes :class:`layout.render.typeset.Line` s (TrueType fonts only), a canvas and a position;
writes one text object (returns None). Runs are written directly, one ``Tj`` per ReportLab
font subset: with character spacing each piece gets its own text matrix, because a viewer
adds the spacing after a string's last glyph while pdfminer (so pdfplumber) does not;
positioning each piece makes what is seen and what is extracted agree. Nothing is drawn
twice and no space characters are drawn (gaps are positions), so extraction gives back the
text.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import getFont

from layout.render.typeset import Line, Run


def _run_operators(doc, escape, run: Run, x: float, y: float, size: float,
                   state: list) -> list[str]:
    """PDF text operators for one run of a TrueType font, one Tj per font subset.

    ReportLab splits a run into font subsets of 256 glyphs. A viewer adds the character
    spacing after a string's last glyph, but pdfminer (and so pdfplumber) does not: with
    spacing, each subset piece is positioned on its own so that both agree.
    ``state`` holds the current (subset font name, character spacing) across calls.
    """
    font = getFont(run.font)
    ops = []
    if run.char_space != state[1]:
        ops.append(f"{run.char_space:.4f} Tc")
        state[1] = run.char_space
    start, first = 0, True
    for subset, encoded in font.splitString(run.text, doc):
        name = font.getSubsetInternalName(subset, doc)
        if name != state[0]:
            ops.append(f"{name} {size:g} Tf")
            state[0] = name
        if first or run.char_space:
            ops.append(f"1 0 0 1 {x:.3f} {y:.3f} Tm")
        first = False
        ops.append(f"({escape(encoded)}) Tj")
        if run.char_space:
            piece = run.text[start:start + len(encoded)]
            x += font.stringWidth(piece, size) + len(piece) * run.char_space
        start += len(encoded)
    return ops


def draw_lines(canvas, lines: Sequence[Line], x: float, y_top: float, size: float,
               leading: float, ascent: float, offsets: Sequence[float] | None = None) -> None:
    """Draw ``lines`` with their first baseline ``ascent`` below ``y_top`` (PDF coordinates).

    ``offsets`` shifts each line right (centred or right-aligned lines). Every face of a
    :class:`layout.render.fonts.FontSet` is a TrueType font, written as text operators
    directly (see :func:`_run_operators`).
    """
    text = canvas.beginText()
    baseline = y_top - ascent
    doc, escape = canvas._doc, canvas._escape
    state: list = [None, 0.0]
    for index, line in enumerate(lines):
        shift = x + (offsets[index] if offsets else 0.0)
        for run in line.runs:
            text._code.extend(_run_operators(doc, escape, run, shift + run.x, baseline, size,
                                             state))
        baseline -= leading
    text._code.append("0 Tc")
    canvas.drawText(text)
