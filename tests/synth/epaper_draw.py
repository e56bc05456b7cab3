"""Drawing primitives for synthetic e-paper pages (ReportLab canvas, top-left coordinates).

Takes a ReportLab canvas and geometry in points with a top-left origin (y grows downward,
as in pdfplumber); returns nothing but marks on the canvas. Every glyph is placed one by
one at an explicit position (a text matrix per glyph), as e-paper PDFs do, so justified
lines carry no space characters; fake bold draws each glyph a second time at a small offset.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageDraw
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from tests.synth.epaper_fonts import Face, advance, char_faces


@dataclass(frozen=True)
class Ink:
    """How a run of text is drawn: face, size, colour and the fake-bold offset (em; 0 = none)."""

    face: Face
    size: float
    color: tuple[float, float, float] = (0.0, 0.0, 0.0)
    bold_offset: float = 0.0
    bold_interleaved: bool = True  # True: A A' B B' …; False: the whole run, then again offset
    invisible: bool = False  # text render mode 3: in the PDF's text, not on the printed page
    hscale: float = 1.0  # horizontal scale (the Tz operator), 1 = none
    outlined: bool = False  # glyphs drawn as filled paths: no text in the PDF
    latin: Face | None = None  # the face for ASCII letters and digits inside CJK text


class PageCanvas:
    """A ReportLab canvas addressed in top-left coordinates."""

    def __init__(self, canvas: Canvas, height: float, deferred: bool = False,
                 runs: bool = False) -> None:
        self.canvas = canvas
        self.height = height
        self.deferred = deferred
        self.runs = runs  # whole lines as text runs with Tc spacing, not glyph by glyph
        self.pending: list[tuple[float, float, str, Callable[[], None]]] = []

    def flush(self, order: str, rng: random.Random) -> None:
        """Emit deferred text runs in a content-stream ``order`` that is not reading order:
        "rows" (top to bottom, left to right across the page), "by_face" (grouped by font),
        "shuffled"; anything else keeps drawing order."""
        runs = list(self.pending)
        self.pending.clear()
        if order == "rows":
            runs.sort(key=lambda r: (round(r[0] * 2), r[1]))
        elif order == "by_face":
            runs.sort(key=lambda r: r[2])
        elif order == "shuffled":
            rng.shuffle(runs)
        for *_, draw in runs:
            draw()

    def natural_width(self, text: str, ink: Ink) -> float:
        return sum(advance(f.name, ch, ink.size) * ink.hscale
                   for f, ch in zip(ink_faces(ink, text), text, strict=True))

    def text(self, x: float, baseline: float, text: str, ink: Ink, extra: float = 0.0) -> float:
        """Draw ``text`` glyph by glyph from ``x`` with ``extra`` points after each glyph.

        Spaces are not drawn; they only advance. Returns the x after the last glyph.
        """
        faces = ink_faces(ink, text)
        xs: list[float] = []
        cursor = x
        for face, ch in zip(faces, text, strict=True):
            xs.append(cursor)
            cursor += advance(face.name, ch, ink.size) * ink.hscale + extra
        passes = [(0.0, 0.0)]
        if ink.bold_offset:
            passes.append((ink.bold_offset * ink.size, ink.bold_offset * ink.size * 0.3))
        y = self.height - baseline
        if ink.bold_interleaved:
            order = [(i, p) for i in range(len(text)) for p in passes]
        else:
            order = [(i, p) for p in passes for i in range(len(text))]

        def draw_runs() -> None:  # one text object per line: Tf, Tc, Tj runs (spaces drawn)
            obj = self.canvas.beginText()
            obj.setFillColorRGB(*ink.color)
            if ink.invisible:
                self.canvas.saveState()
                obj.setTextRenderMode(3)
            if ink.hscale != 1.0:
                obj.setHorizScale(ink.hscale * 100)
            obj.setCharSpace(extra / ink.hscale)
            for dx, dy in passes:
                obj.setTextOrigin(x + dx, y + dy)
                i = 0
                while i < len(text):
                    j = i + 1
                    while j < len(text) and faces[j].name == faces[i].name:
                        j += 1
                    obj.setFont(faces[i].name, ink.size)
                    obj.textOut(text[i:j])
                    i = j
            obj.setCharSpace(0)
            if ink.hscale != 1.0:  # Tz is graphics state: it outlives ET, so undo it
                obj.setHorizScale(100)
            self.canvas.drawText(obj)
            if ink.invisible:
                self.canvas.restoreState()

        def draw() -> None:
            if self.runs and not ink.outlined:
                draw_runs()
                return
            if ink.outlined:
                from tests.synth.epaper_press import draw_outline

                self.canvas.setFillColorRGB(*ink.color)
                for i, (dx, dy) in order:
                    if not text[i].isspace():
                        draw_outline(self.canvas, faces[i], text[i], xs[i] + dx, y + dy,
                                     ink.size, ink.hscale)
                return
            if ink.invisible:  # the render mode is graphics state: keep it inside q … Q
                self.canvas.saveState()
            obj = self.canvas.beginText()
            obj.setFillColorRGB(*ink.color)
            if ink.invisible:
                obj.setTextRenderMode(3)
            if ink.hscale != 1.0:
                obj.setHorizScale(ink.hscale * 100)
            current = None
            for i, (dx, dy) in order:
                ch = text[i]
                if ch.isspace():
                    continue
                if faces[i].name != current:
                    current = faces[i].name
                    obj.setFont(current, ink.size)
                obj.setTextOrigin(xs[i] + dx, y + dy)
                obj.textOut(ch)
            if ink.hscale != 1.0:  # Tz is graphics state: it outlives ET, so undo it
                obj.setHorizScale(100)
            self.canvas.drawText(obj)
            if ink.invisible:
                self.canvas.restoreState()

        if self.deferred:
            self.pending.append((baseline, x, ink.face.name, draw))
        else:
            draw()
        return cursor - extra

    def justified(self, x: float, baseline: float, width: float, text: str, ink: Ink,
                  justify: bool) -> None:
        """One line: spread to ``width`` (``justify``) or set naturally (a paragraph's last)."""
        extra = 0.0
        if justify and len(text) > 1:
            extra = max(0.0, (width - self.natural_width(text, ink)) / (len(text) - 1))
        self.text(x, baseline, text, ink, extra)

    def centered(self, x0: float, x1: float, baseline: float, text: str, ink: Ink,
                 extra: float = 0.0) -> None:
        w = self.natural_width(text, ink) + extra * max(0, len(text) - 1)
        self.text(x0 + (x1 - x0 - w) / 2, baseline, text, ink, extra)

    def right(self, x1: float, baseline: float, text: str, ink: Ink) -> None:
        self.text(x1 - self.natural_width(text, ink), baseline, text, ink)

    def rotated(self, x: float, baseline: float, text: str, ink: Ink) -> None:
        """``text`` turned 90° counter-clockwise, reading upward from (x, baseline)."""
        c = self.canvas
        c.saveState()
        c.translate(x, self.height - baseline)
        c.rotate(90)
        c.setFillColorRGB(*ink.color)
        c.setFont(ink.face.name, ink.size)
        c.drawString(0, 0, text)
        c.restoreState()

    def rule(self, x0: float, y0: float, x1: float, y1: float, width: float, as_rect: bool,
             gray: float = 0.0) -> None:
        """A printed rule: a stroked line, or a thin filled rectangle (pdfplumber ``rects``)."""
        c = self.canvas
        if as_rect:
            c.setFillColorRGB(gray, gray, gray)
            if abs(y1 - y0) < abs(x1 - x0):
                c.rect(x0, self.height - y0 - width / 2, x1 - x0, width, stroke=0, fill=1)
            else:
                c.rect(x0 - width / 2, self.height - y1, width, y1 - y0, stroke=0, fill=1)
        else:
            c.setStrokeColorRGB(gray, gray, gray)
            c.setLineWidth(width)
            c.line(x0, self.height - y0, x1, self.height - y1)

    def box(self, x0: float, top: float, x1: float, bottom: float, width: float) -> None:
        """A stroked rectangle around an article (pdfplumber ``rects``)."""
        self.canvas.setStrokeColorRGB(0, 0, 0)
        self.canvas.setLineWidth(width)
        self.canvas.rect(x0, self.height - bottom, x1 - x0, bottom - top, stroke=1, fill=0)

    def photo(self, x0: float, top: float, x1: float, bottom: float, rng: random.Random) -> None:
        self.canvas.drawImage(ImageReader(random_photo(rng)), x0, self.height - bottom,
                              x1 - x0, bottom - top)


def ink_faces(ink: Ink, text: str) -> list[Face]:
    """The face of each character: ``ink.latin`` for ASCII letters and digits when set."""
    faces = char_faces(ink.face, text)
    if ink.latin is None:
        return faces
    return [ink.latin if ch.isascii() and ch.isalnum() else f
            for f, ch in zip(faces, text, strict=True)]


def random_photo(rng: random.Random, size: tuple[int, int] = (120, 84)) -> Image.Image:
    """A small random 'photograph': a sky-to-ground gradient with a few shapes."""
    w, h = size
    top = [rng.randrange(60, 230) for _ in range(3)]
    low = [rng.randrange(20, 180) for _ in range(3)]
    img = Image.new("RGB", size)
    draw = ImageDraw.Draw(img)
    for y in range(h):
        t = y / (h - 1)
        draw.line([(0, y), (w, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, low,
                                                                                    strict=True)))
    for _ in range(rng.randrange(3, 8)):
        x, y = rng.randrange(w), rng.randrange(h)
        rx, ry = rng.randrange(4, w // 3), rng.randrange(4, h // 3)
        colour = tuple(rng.randrange(256) for _ in range(3))
        if rng.random() < 0.5:
            draw.ellipse([x - rx, y - ry, x + rx, y + ry], fill=colour)
        else:
            draw.rectangle([x - rx, y - ry, x + rx, y + ry], fill=colour)
    return img
