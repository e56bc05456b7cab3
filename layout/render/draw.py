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
from functools import cache

from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase.pdfmetrics import getFont

from layout.render.typeset import Line, Run

_NAMES = "_layout_subset_names"  # a document's cache: (face, subset) -> its PDF font name


@cache
def _escapes() -> dict[int, str]:
    """What ``escapePDF`` makes of each byte it changes (it maps every byte on its own)."""
    table = {}
    for code in range(256):
        escaped = escapePDF(bytes([code]))
        if escaped != chr(code):
            table[code] = escaped
    return table


def escape_bytes(encoded: bytes) -> str:
    """``escapePDF(encoded)`` (a PDF string's body), in one ``str.translate``."""
    return encoded.decode("latin-1").translate(_escapes())


def draw_state(doc) -> list:
    """The text state drawing starts from: [the subset font set, the character spacing,
    the names of the document's font subsets found so far]."""
    names = getattr(doc, _NAMES, None)
    if names is None:
        names = {}
        setattr(doc, _NAMES, names)
    return [None, 0.0, names]


def subset_name(font, subset: int, doc, names: dict) -> str:
    """``font.getSubsetInternalName(subset, doc)``, asked of ReportLab once per document
    (its first answer registers the font with the document; later ones are the same)."""
    key = (font.fontName, subset)
    name = names.get(key)
    if name is None:
        name = names[key] = font.getSubsetInternalName(subset, doc)
    return name


def split_string(font, text: str, doc) -> list[tuple[int, bytes]]:
    """``font.splitString(text, doc)``: (subset, bytes) pieces. Worked out here when every
    character of ``text`` has its code in ``doc`` already (nearly always: the same codes,
    grouped as ReportLab groups them), else asked of ReportLab, which gives new characters
    their codes."""
    state = getattr(font, "state", {}).get(doc)
    if state is None:
        return font.splitString(text, doc)
    assignments = state.assignments
    try:
        codes = [assignments[code] for code in map(ord, text)]
    except KeyError:  # a character new to the document (or a no-break space)
        return font.splitString(text, doc)
    pieces: list[tuple[int, bytes]] = []
    subset, current = -1, []
    for code in codes:
        if code >> 8 != subset:
            if current:
                pieces.append((subset, bytes(current)))
            subset, current = code >> 8, []
        current.append(code & 0xFF)
    if current:
        pieces.append((subset, bytes(current)))
    return pieces


def _run_operators(doc, escape, run: Run, x: float, y: float, size: float,
                   state: list) -> list[str]:
    """PDF text operators for one run of a TrueType font, one Tj per font subset.

    ReportLab splits a run into font subsets of 256 glyphs. A viewer adds the character
    spacing after a string's last glyph, but pdfminer (and so pdfplumber) does not: with
    spacing, each subset piece is positioned on its own so that both agree.
    ``state`` (:func:`draw_state`) holds the current subset font name and character
    spacing across calls.
    """
    font = getFont(run.font)
    names = state[2]
    char_space = run.char_space
    ops = []
    if char_space != state[1]:
        ops.append(f"{char_space:.4f} Tc")
        state[1] = char_space
    start, count, first = 0, 0, True
    for subset, encoded in split_string(font, run.text, doc):
        name = subset_name(font, subset, doc, names)
        if name != state[0]:
            ops.append(f"{name} {size:g} Tf")
            state[0] = name
        if first or char_space:
            if not first:  # where the piece before ended (worked out only when one follows)
                x += font.stringWidth(run.text[start - count:start], size) + count * char_space
            ops.append(f"1 0 0 1 {x:.3f} {y:.3f} Tm")
        first = False
        ops.append(f"({escape(encoded)}) Tj")
        count = len(encoded)
        start += count
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
    doc = canvas._doc
    state = draw_state(doc)
    code = text._code
    for index, line in enumerate(lines):
        shift = x + (offsets[index] if offsets else 0.0)
        for run in line.runs:
            code += _run_operators(doc, escape_bytes, run, shift + run.x, baseline, size, state)
        baseline -= leading
    text._code.append("0 Tc")
    canvas.drawText(text)
