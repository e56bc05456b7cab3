"""Draw typeset lines as vertical columns, in the turned frame of a vertical page.

Takes :class:`layout.render.typeset.Line` s set with a
:class:`layout.render.vertical.VerticalMeasure`, a canvas and a position, all in the frame's
coordinates: a vertical page's frame is turned 90° clockwise (:mod:`layout.render.pdf`), so a
line that runs left to right in the frame runs top to bottom on the page, and the next line
lies to its left. Writes one text object (returns None).

Runs of a face are written as in horizontal text (:func:`layout.render.draw._run_operators`):
on the page they are turned 90° clockwise (Latin words, long numbers). Runs of an upright
copy of a face (:func:`layout.render.vertical.upright_font`) are drawn a glyph at a time with
a text matrix that turns them back upright, each centred across the column in the em square
the line breaker gave it; a 縦中横 number (one or two digits) is one em square, its digits side
by side, narrowed to fit. Marks that no face has a vertical form for (、。，．) are turned half
round in their em square: their ink goes to the upper right quadrant, the square stays.
Each glyph is drawn once and names its plain character, so extraction gives back the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reportlab.pdfbase.pdfmetrics import getFont

from layout.render.draw import _run_operators, draw_state, escape_bytes, subset_name
from layout.render.typeset import Line, Run
from layout.render.vertical import (
    DIGITS,
    SHIFTED,
    VerticalFace,
    upright_advance,
    vertical_face,
)

EM_BOX_CENTRE = 0.38  # the em box centre above the baseline (a CJK face's box is −0.12…0.88)
_UNITS = re.compile(r"[0-9]+|.", re.DOTALL)  # digits in an upright run are one 縦中横 unit


def _upright_operators(doc, escape, run: Run, face: VerticalFace, start: float,
                       centre: float, size: float, state: list) -> list[str]:
    """Operators drawing ``run`` upright from ``start`` down the line whose axis is ``centre``.

    In frame coordinates the page's "right" is +y and its "up" is −x: a glyph stands upright
    with the text matrix ``[0 k −1 0 x y]`` (``k`` narrows a 縦中横 pair).
    """
    font = getFont(run.font)
    ops: list[str] = []
    if state[1]:
        ops.append("0 Tc")  # spacing is in the positions; none between 縦中横 digits
        state[1] = 0.0
    position = start
    for unit in _UNITS.findall(run.text):
        width = font.stringWidth(unit, size)  # across the column (the glyph's own advance)
        if unit[0] in DIGITS:  # 縦中横: one em down, side by side across
            advance, narrow = size, min(1.0, 0.95 * size / width) if width else 1.0
        else:
            advance, narrow = upright_advance(unit, size, width), 1.0
        x = position + face.ascent * size  # the baseline, from the em square's top
        y = centre - width * narrow / 2
        matrix = f"0 {narrow:.4f} -1 0 {x:.3f} {y:.3f}"
        if unit in SHIFTED and unit not in face.forms:  # half round about the em square
            matrix = f"0 -1 1 0 {position + (1 - face.ascent) * size:.3f} {centre + width / 2:.3f}"
        for subset, encoded in font.splitString(unit, doc):
            name = subset_name(font, subset, doc, state[2])
            if name != state[0]:
                ops.append(f"{name} {size:g} Tf")
                state[0] = name
            ops.append(f"{matrix} Tm")
            ops.append(f"({escape(encoded)}) Tj")
        position += advance + run.char_space
    return ops


def draw_vertical_lines(canvas, lines: Sequence[Line], x: float, y_top: float, size: float,
                        leading: float, ascent: float,
                        offsets: Sequence[float] | None = None) -> None:
    """Draw ``lines`` as :func:`layout.render.draw.draw_lines` would, but as columns.

    Same arguments: the first line's baseline is ``ascent`` below ``y_top`` in the frame;
    a line's axis (the centre of its upright glyphs) lies :data:`EM_BOX_CENTRE` em above.
    """
    text = canvas.beginText()
    baseline = y_top - ascent
    doc, escape = canvas._doc, escape_bytes
    state = draw_state(doc)
    for index, line in enumerate(lines):
        shift = x + (offsets[index] if offsets else 0.0)
        centre = baseline + EM_BOX_CENTRE * size
        for run in line.runs:
            face = vertical_face(run.font)
            if face is None:
                ops = _run_operators(doc, escape, run, shift + run.x, baseline, size, state)
            else:
                ops = _upright_operators(doc, escape, run, face, shift + run.x, centre, size,
                                         state)
            text._code.extend(ops)
        baseline -= leading
    text._code.append("0 Tc")
    canvas.drawText(text)
