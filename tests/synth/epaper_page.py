"""Page furniture of a synthetic e-paper page: masthead, header line, footer line, their rules.

Takes the :class:`~tests.synth.epaper.PageSpec`, a ``random.Random`` and the margins; returns
a :class:`Furniture` that knows where the content box lies (``content_top``/``content_bottom``)
and, once the articles are known, :meth:`Furniture.finish` gives the drawing operations and
the furniture texts (paper name, date, 第N版, section, 责任编辑：…) for the truth. Texts are
chosen so that none of them also occurs inside the page's article text (else the scorer
could not tell a leak from a coincidence).
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tests.synth.epaper_draw import Ink, PageCanvas
from tests.synth.epaper_fonts import face_named
from tests.synth.epaper_text import PAPERS, SECTIONS, random_name, weekday_text

if TYPE_CHECKING:
    from tests.synth.epaper import PageSpec

Op = Callable[[PageCanvas], None]


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass
class Furniture:
    spec: PageSpec
    style: str  # "masthead" | "a" | "b"
    left: float
    right: float
    top: float
    header_bottom: float
    footer_top: float | None
    bottom: float
    header_rule: bool
    footer_rule: bool
    ops: list[Op] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    @property
    def content_top(self) -> float:
        return self.header_bottom + 10

    @property
    def content_bottom(self) -> float:
        return (self.footer_top if self.footer_top is not None else self.bottom) - 8

    def _put(self, text: str, ink: Ink, baseline: float, align: str, x: float | None = None
             ) -> None:
        self.texts.append(text)
        if align == "centre":
            self.ops.append(lambda pc: pc.centered(self.left, self.right, baseline, text, ink))
        elif align == "right":
            self.ops.append(lambda pc: pc.right(self.right if x is None else x, baseline, text,
                                                ink))
        else:
            self.ops.append(lambda pc: pc.text(self.left if x is None else x, baseline, text,
                                               ink))

    def finish(self, article_text: str, rng: random.Random) -> tuple[list[Op], list[str]]:
        """Drawing operations and furniture texts, none of which occurs in ``article_text``."""
        spec = self.spec
        body = _norm(article_text)

        def unused(options: list[str]) -> str:
            fresh = [o for o in options if _norm(o) not in body]
            return rng.choice(fresh or options)

        face = face_named(spec.furniture_face)
        small = Ink(face, rng.uniform(8.0, 10.0))
        date = dt.date.fromisoformat(spec.date)
        date_text = unused([f"{date.year}年{date.month}月{date.day}日{sep}{weekday_text(date)}"
                            for sep in (" ", "  ", "　")])
        paper = spec.paper if spec.paper and _norm(spec.paper) not in body else unused(
            list(PAPERS))
        edition = unused([f"第{spec.page_number}版", f"第{spec.page_number:02d}版"])
        section = unused([s for s in SECTIONS if _norm(s) not in body] or list(SECTIONS))
        editor = unused([f"责任编辑：{random_name(rng)}", f"本版责编：{random_name(rng)}"])
        designer = unused([f"版式设计：{random_name(rng)}", f"美术编辑：{random_name(rng)}"])
        y = self.top
        if self.style == "masthead":
            big = Ink(face_named(spec.head_faces[0]), rng.uniform(40, 60), (0.7, 0.0, 0.0),
                      spec.bold_offset_em if rng.random() < 0.5 else 0.0)
            self._put(paper, big, y + big.size * 0.9, "centre")
            base = self.header_bottom - 6
            self._put(date_text, small, base, "left")
            self._put(edition, small, base, "right")
            if rng.random() < 0.5:
                self._put("国内统一连续出版物号CN11-0065", small, base - small.size * 1.5, "left")
        elif self.style == "a":
            mid = Ink(face, rng.uniform(15, 22), bold_offset=spec.bold_offset_em
                      if rng.random() < 0.5 else 0.0)
            base = self.header_bottom - 8
            self._put(paper, small, base - small.size * 1.4, "left")
            self._put(date_text, small, base, "left")
            self._put(section, mid, base, "centre")
            self._put(edition, Ink(face, rng.uniform(11, 15)), base, "right")
        else:
            big = Ink(face, rng.uniform(16, 24))
            base = self.header_bottom - 8
            self._put(edition, big, base, "left")
            width = 3.2 * big.size + 6
            self._put(section, big, base, "left", self.left + width)
            self._put(f"{date_text}", small, base - small.size * 1.5, "right")
            self._put(paper, small, base, "right")
        if self.header_rule:
            double = rng.random() < 0.5
            yy = self.header_bottom
            self.ops.append(lambda pc: pc.rule(self.left, yy, self.right, yy, 1.6, False))
            if double:
                self.ops.append(lambda pc: pc.rule(self.left, yy + 2.5, self.right, yy + 2.5,
                                                   0.5, False))
        if self.footer_top is not None:
            base = self.bottom - 4
            self._put(editor, small, base, "left")
            if rng.random() < 0.6:
                self._put(designer, small, base, "right")
            if self.footer_rule:
                yy = self.footer_top
                self.ops.append(lambda pc: pc.rule(self.left, yy, self.right, yy, 0.6, False))
        elif self.style == "a":
            self._put(editor, small, self.header_bottom - 8 - small.size * 1.5, "right")
        else:
            self._put(editor, small, self.header_bottom - 6, "centre")
        return self.ops, self.texts


def plan_furniture(spec: PageSpec, rng: random.Random, margin_x: float, margin_top: float,
                   margin_bottom: float) -> Furniture:
    """Where header and footer go; their texts are chosen later by :meth:`Furniture.finish`."""
    style = "masthead" if spec.masthead else rng.choice(("a", "b"))
    header_h = rng.uniform(80, 105) if style == "masthead" else rng.uniform(36, 48)
    has_footer = rng.random() < 0.75
    bottom = spec.height - margin_bottom
    return Furniture(
        spec=spec, style=style, left=margin_x, right=spec.width - margin_x, top=margin_top,
        header_bottom=margin_top + header_h,
        footer_top=bottom - rng.uniform(14, 20) if has_footer else None,
        bottom=bottom, header_rule=rng.random() < 0.85, footer_rule=rng.random() < 0.6,
    )
