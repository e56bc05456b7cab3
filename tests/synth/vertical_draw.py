"""Drawing for the vertical composer (``tests.synth.compose_vertical``): cells and lines.

Takes text, faces and positions; draws with ReportLab. :func:`units_of` cuts text into the
cells of a vertical line, :func:`break_units` breaks them into lines, :class:`Sheet` draws
vertical lines (:meth:`Sheet.vertical`), horizontal ones, rules and boxes. What a page of
the vertical composer looks like:

Takes a seed, a vertical family ("vertical": simplified Chinese, "vertical-tc": traditional,
converted with OpenCC s2t) and the split; :func:`compose_vertical` writes a one-page PDF and
returns its :class:`~tests.synth.scoring.TruthPage`. The page: a horizontal running head and
footer; body text in tiers (段) across the page; articles spanning one or more tiers, set
right to left, each line top to bottom, paragraphs opening 2 em down and running on from the
foot of a line to the head of the next and from the last line of a tier to the first line
of the next; headline groups either vertical at the article's right (kicker, headline,
subtitle as larger vertical lines, boxed or ruled sometimes) or horizontal across its top;
bylines as a vertical line (head or foot aligned) or a horizontal one under a horizontal
headline; photos with horizontal captions in an article's last tier; 縦中横 for 2-digit
numbers (two digits side by side in one em), longer Latin/digit runs turned 90° clockwise;
punctuation as vertical presentation forms (U+FE10–FE19, U+FE30–FE4F) or, on some pages, as
plain marks moved to the upper right of their cell and brackets turned 90° (as PDFs with
vertical fonts and ToUnicode maps to the plain marks give). Some pages hold one horizontal
article too (a mixed page). The truth is the text as printed, with the plain forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from tests.synth.epaper_fonts import Face, face_for_char

VERTICAL_FORMS = {"，": "︐", "、": "︑", "。": "︒", "：": "︓", "；": "︔", "！": "︕",
                  "？": "︖", "（": "︵", "）": "︶", "「": "﹁", "」": "﹂", "『": "﹃",
                  "』": "﹄", "《": "︽", "》": "︾", "〈": "︿", "〉": "﹀", "【": "︻",
                  "】": "︼", "〔": "︹", "〕": "︺", "…": "︙", "—": "︱"}
SHIFTED = set("，、。：；！？")  # drawn plain in the cell's upper right (no vertical form)
TURNED = set("（）「」『』《》〈〉【】〔〕…—")  # drawn plain, turned 90° clockwise
QUOTES = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})
ASCII_RUN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.%+\-/ ]*[A-Za-z0-9%])?")
NO_START = set("，。、；：！？）」』》〉】〕…—")
NO_END = set("（「『《〈【〔")
LATIN_SCALE = 0.9  # turned Latin runs and 縦中横 digits are set a little smaller


@dataclass(frozen=True)
class Unit:
    """One cell of a vertical line: a character, two digits side by side, or a turned run."""

    kind: str  # "char" | "tcy" | "latin"
    text: str
    em: float  # length along the line in em


def units_of(text: str, latin: Face | None, size: float) -> list[Unit]:
    """``text`` as cells: ASCII runs of two digits 縦中横, of 2+ characters turned, else upright."""
    out: list[Unit] = []
    pos = 0
    for m in ASCII_RUN.finditer(text):
        out += [Unit("char", ch, 1.0) for ch in text[pos:m.start()] if not ch.isspace()]
        run = m.group()
        if len(run) == 2 and run.isdigit():
            out.append(Unit("tcy", run, 1.0))
        elif len(run) == 1:
            out.append(Unit("char", run, 1.0))
        else:
            name = latin.name if latin else "Helvetica"
            # the length it is drawn at (0.9 of the body size, see Sheet.vertical)
            drawn = stringWidth(run, name, LATIN_SCALE * size)
            out.append(Unit("latin", run, max(1.0, drawn / size)))
        pos = m.end()
    out += [Unit("char", ch, 1.0) for ch in text[pos:] if not ch.isspace()]
    return out


def fill(units: list[Unit], rooms: list[float]) -> list[list[Unit]] | None:
    """``units`` broken into lines of at most ``rooms[k]`` em each (greedy; no closing mark
    at a line's head, no opening one at its foot); None when they need more lines."""
    lines: list[list[Unit]] = []
    k = 0
    while k < len(units):
        if len(lines) == len(rooms):
            return None
        room = rooms[len(lines)]
        line: list[Unit] = []
        used = 0.0
        while k < len(units) and used + units[k].em <= room + 1e-6:
            line.append(units[k])
            used += units[k].em
            k += 1
        if not line:
            return None  # a run longer than the line
        while (k < len(units) and len(line) > 2
               and (units[k].text[0] in NO_START or line[-1].text[-1] in NO_END)):
            k -= 1
            line.pop()
        lines.append(line)
    return lines


@dataclass
class Ink:
    face: Face
    size: float


@dataclass
class Sheet:
    """The canvas and the page's drawing habits."""

    canvas: Canvas
    height: float
    latin: Face | None
    punct: str  # "forms" | "plain": vertical presentation forms, or shifted/turned marks

    def _glyph(self, face: Face, size: float, x: float, top: float, ch: str) -> None:
        face = face_for_char(face, ch)
        self.canvas.setFont(face.name, size)
        self.canvas.drawString(x, self.height - top - 0.88 * size, ch)

    def vertical(self, xc: float, top: float, units: list[Unit], ink: Ink,
                 extra: float = 0.0) -> float:
        """Draw ``units`` down from (``xc`` centre, ``top``), ``extra`` pt after each; returns
        the foot."""
        s = ink.size
        y = top
        c = self.canvas
        for u in units:
            if u.kind == "tcy":
                name = (self.latin or ink.face).name
                w = stringWidth(u.text, name, s * 0.9)
                scale = min(1.0, 0.96 * s / w)
                obj = c.beginText()
                obj.setFont(name, s * 0.9)
                obj.setHorizScale(scale * 100)
                obj.setTextOrigin(xc - w * scale / 2, self.height - y - 0.82 * s)
                obj.textOut(u.text)
                c.drawText(obj)
            elif u.kind == "latin":
                name = (self.latin or ink.face).name
                c.saveState()
                c.translate(xc - 0.32 * s, self.height - y)
                c.rotate(-90)
                c.setFont(name, s * LATIN_SCALE)
                c.drawString(0, 0, u.text)
                c.restoreState()
            else:
                ch = u.text
                form = VERTICAL_FORMS.get(ch)
                if form and self.punct == "forms" and face_for_char(ink.face, form):
                    self._glyph(ink.face, s, xc - s / 2, y, form)
                elif ch in SHIFTED:
                    self._glyph(ink.face, s, xc, y - 0.5 * s, ch)  # upper right of the cell
                elif ch in TURNED:
                    face = face_for_char(ink.face, ch)
                    c.saveState()
                    c.translate(xc - 0.38 * s, self.height - y)
                    c.rotate(-90)
                    c.setFont(face.name, s)
                    c.drawString(0, 0, ch)
                    c.restoreState()
                else:
                    self._glyph(ink.face, s, xc - s / 2, y, ch)
            y += u.em * s + extra
        return y - extra

    def horizontal(self, x: float, top: float, text: str, ink: Ink, extra: float = 0.0
                   ) -> float:
        """A horizontal line of ``text`` from (x, top), glyph by glyph, ``extra`` pt after
        each; returns its right end."""
        for ch in text:
            face = face_for_char(ink.face, ch) if not ch.isspace() else ink.face
            if not ch.isspace():
                self._glyph(face, ink.size, x, top, ch)
            x += stringWidth(ch, face.name, ink.size) + extra
        return x - extra

    def width(self, text: str, ink: Ink) -> float:
        return sum(stringWidth(ch, (face_for_char(ink.face, ch) if not ch.isspace()
                                    else ink.face).name, ink.size) for ch in text)

    def rule(self, x0: float, y0: float, x1: float, y1: float, w: float = 0.6) -> None:
        self.canvas.setLineWidth(w)
        self.canvas.line(x0, self.height - y0, x1, self.height - y1)

    def box(self, x0: float, top: float, x1: float, bottom: float) -> None:
        self.canvas.setLineWidth(0.7)
        self.canvas.rect(x0, self.height - bottom, x1 - x0, bottom - top, stroke=1, fill=0)


def wrap(text: str, width: float, ink: Ink, sheet: Sheet) -> list[str]:
    """Horizontal lines of ``text`` no wider than ``width`` (no closing mark at a head)."""
    lines: list[str] = []
    current = ""
    for ch in text:
        if current and sheet.width(current + ch, ink) > width and ch not in NO_START:
            lines.append(current)
            current = ""
        current += ch
    if current:
        lines.append(current)
    return lines
