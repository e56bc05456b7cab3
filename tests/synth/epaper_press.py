"""Press habits for the ReportLab generator, applied when a page has a style family.

Takes the family's :class:`~tests.synth.families.FamilyStyle` and a ``random.Random`` of
its own (so that pages without a family draw exactly as before); returns the choices
:func:`tests.synth.epaper_article.plan_article` applies: a column label as kicker, a
horizontal scale (Tz 70–130 %) or outlines for the headline, bylines in the family's
forms (:func:`tests.synth.families.make_byline`), 本报讯（记者 … 通讯员 …） openings whose
names go to the truth's bylines, Latin words and numbers inside paragraphs. Also draws
glyph outlines on a ReportLab canvas (:func:`draw_outline`), for headlines exported as
shapes (no text in the PDF).
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from dataclasses import dataclass

from fontTools.pens.basePen import BasePen

from tests.synth.families import COLUMN_LABELS, FamilyStyle, make_byline


@dataclass(frozen=True)
class PressChoices:
    kicker: str | None  # replaces the article's kicker when set
    label_kicker: bool
    hscale: float
    outlined: bool
    bylines: list[tuple[str, tuple[str, ...]]]  # (printed text, names)
    dateline: tuple[str, tuple[str, ...]] | None


def press_choices(style: FamilyStyle, rng: random.Random, date: dt.date,
                  first_paragraph: str) -> PressChoices:
    from tests.synth.plan_make import _byline_form, _dateline

    label = rng.random() < style.kicker * style.label_kicker
    hscale = 1.0
    if rng.random() < style.head_scale:
        hscale = round(rng.uniform(0.72, 0.9) if rng.random() < 0.7 else rng.uniform(1.08, 1.25),
                       2)
    dateline = None
    if rng.random() < style.dateline and not first_paragraph.startswith(("本报", "新华社", "据")):
        dateline = _dateline(rng, date)
    bylines: list[tuple[str, tuple[str, ...]]] = []
    if dateline is None and rng.random() < 0.88:
        b = make_byline(_byline_form(style, rng), rng)
        bylines.append((b.text, b.names))
    return PressChoices(kicker=rng.choice(COLUMN_LABELS) if label else None,
                        label_kicker=label, hscale=hscale,
                        outlined=rng.random() < style.head_outlined, bylines=bylines,
                        dateline=dateline)


def with_latin(paragraphs: tuple[str, ...], style: FamilyStyle, rng: random.Random
               ) -> tuple[str, ...]:
    from tests.synth.plan_make import _with_latin

    return tuple(_with_latin(p, rng) if rng.random() < style.latin else p for p in paragraphs)


class _CanvasPen(BasePen):
    """Glyph contours onto a ReportLab path, scaled and placed (PDF coordinates)."""

    def __init__(self, glyphs, path, x: float, y: float, sx: float, sy: float) -> None:
        super().__init__(glyphs)
        self.path, self.x, self.y, self.sx, self.sy = path, x, y, sx, sy

    def _p(self, pt):
        return self.x + pt[0] * self.sx, self.y + pt[1] * self.sy

    def _moveTo(self, pt):
        self.path.moveTo(*self._p(pt))

    def _lineTo(self, pt):
        self.path.lineTo(*self._p(pt))

    def _curveToOne(self, p1, p2, p3):
        self.path.curveTo(*self._p(p1), *self._p(p2), *self._p(p3))

    def _closePath(self):
        self.path.close()


@functools.lru_cache(maxsize=16)
def _font(path: str, index: int):
    from fontTools.ttLib import TTFont

    return TTFont(path, fontNumber=index, lazy=True)


def draw_outline(canvas, face, ch: str, x: float, y: float, size: float, hscale: float) -> None:
    """Glyph ``ch`` of ``face`` (an epaper Face) as a filled path at PDF point (x, y)."""
    from tests.synth.plan_make import face_ref

    ref = face_ref(face)
    font = _font(ref.path, ref.index)
    name = font.getBestCmap().get(ord(ch))
    if name is None:
        return
    scale = size / font["head"].unitsPerEm
    path = canvas.beginPath()
    font.getGlyphSet()[name].draw(_CanvasPen(font.getGlyphSet(), path, x, y, scale * hscale,
                                             scale))
    canvas.drawPath(path, stroke=0, fill=1)
