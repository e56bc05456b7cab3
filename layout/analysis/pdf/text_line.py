"""Text lines: a run of glyphs on one baseline and its text.

Takes glyphs (one line's, left to right); returns :class:`TextLine` (its box, size,
face) and the line's text (:func:`glyphs_to_text`: never a space between two CJK
characters, a space between Latin words only where the gap says the source had one);
joins the texts of a run of lines (:func:`join_line_texts`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from layout.clean import SHARED_QUOTES, is_cjk, is_cjk_punct
from layout.ingest.raw import Glyph
from layout.model import BBox


def _most_common(values: list) -> Any:
    """The most common of ``values`` (the first met among equally common ones), as
    ``Counter(values).most_common(1)`` gives it; a line is mostly of one size and face."""
    first = values[0]
    if values.count(first) == len(values):
        return first
    return Counter(values).most_common(1)[0][0]


@dataclass(frozen=True)
class TextLine:
    """One line of glyphs, left to right."""

    glyphs: tuple[Glyph, ...]

    @cached_property
    def bbox(self) -> BBox:
        g = self.glyphs
        return BBox(min(x.x0 for x in g), min(x.top for x in g), max(x.x1 for x in g),
                    max(x.bottom for x in g))

    @cached_property
    def size(self) -> float:
        """The most common (rounded) font size of the line's glyphs."""
        return _most_common([round(g.size, 1) for g in self.glyphs])

    @cached_property
    def font(self) -> str:
        """The most common font name (subset prefix removed) of the line's CJK glyphs, or
        of all its glyphs when it has none: digits and Latin words set in another face
        are runs inside a Chinese line's face (2023年6月主持召: the Han face)."""
        han = [g for g in self.glyphs if g.text and _cjk_char(g.text[0])]
        return _most_common([base_font(g.font) for g in han or self.glyphs])

    @cached_property
    def fonts(self) -> frozenset[str]:
        """Every font name on the line (subset prefixes removed)."""
        return frozenset(base_font(g.font) for g in self.glyphs)

    @cached_property
    def text(self) -> str:
        return glyphs_to_text(self.glyphs)

    @property
    def x0(self) -> float:
        return self.bbox.x0

    @property
    def x1(self) -> float:
        return self.bbox.x1

    @property
    def top(self) -> float:
        return self.bbox.top

    @property
    def bottom(self) -> float:
        return self.bbox.bottom


def base_font(name: str) -> str:
    """Font name without a subset tag: ABCDEF+SimSun -> SimSun."""
    if len(name) > 7 and name[6] == "+" and name[:6].isupper():
        return name[7:]
    return name


def _cjk_char(ch: str) -> bool:
    return is_cjk(ch) or is_cjk_punct(ch)


def _script_char(glyphs: Sequence[Glyph], k: int, step: int) -> str:
    """The character that decides the script at glyph ``k``: curly quotes serve both
    scripts, so past them (in direction ``step``) to the letter they are attached to."""
    j = k
    while 0 <= j < len(glyphs) and glyphs[j].text and glyphs[j].text[0] in SHARED_QUOTES:
        j += step
    if 0 <= j < len(glyphs) and glyphs[j].text:
        return glyphs[j].text[0 if step > 0 else -1]
    return glyphs[k].text[0 if step > 0 else -1]


def glyphs_to_text(glyphs: Sequence[Glyph], space_em: float = 0.2) -> str:
    """Text of glyphs on one line: spaces only between non-CJK text across a real gap
    (wider than ``space_em`` of the font size), never after a decimal point between
    digits (PM2.5 set loosely). A line set letter-spaced (every glyph of it apart, as a
    justified line may be: 3 6 . 0 9) spaces words by that much more."""
    parts: list[str] = []
    tracking = _tracking(glyphs)
    for k, g in enumerate(glyphs):
        if k and g.text and glyphs[k - 1].text:
            prev = glyphs[k - 1]
            gap = g.x0 - prev.x1
            if gap > space_em * min(g.size, prev.size) + tracking and not (
                    _cjk_char(_script_char(glyphs, k - 1, -1))
                    or _cjk_char(_script_char(glyphs, k, 1))
                    or (prev.text == "." and g.text[0].isdigit() and k >= 2
                        and glyphs[k - 2].text[-1:].isdigit())):  # a decimal: 2.5
                parts.append(" ")
        parts.append(g.text)
    return "".join(parts)


def _tracking(glyphs: Sequence[Glyph]) -> float:
    """The letter spacing of the line's Latin and digits: the narrowest gap between two
    of them side by side, when there are three such pairs or more (else 0; never less)."""
    gaps = [g.x0 - p.x1 for p, g in zip(glyphs, glyphs[1:], strict=False)
            if p.text and g.text and not _cjk_char(p.text[-1]) and not _cjk_char(g.text[0])]
    return max(0.0, min(gaps)) if len(gaps) >= 3 else 0.0


_COMPOUND_END = re.compile(r"(?<=[^\W_])-([^\W\d_]+)")


def compound_ends(texts: Iterable[str]) -> frozenset[str]:
    """The words (lower case) that ``texts`` print after a hyphen inside a line, as the
    second part of a compound (78-year, five-year: year): the page's own evidence that a
    line-end hyphen before such a word is the compound's, not a word broken in two."""
    return frozenset(m.group(1).lower() for t in texts for m in _COMPOUND_END.finditer(t))


def join_line_texts(texts: Sequence[str], compounds: frozenset[str] = frozenset()) -> str:
    """Lines of one text run joined: nothing between CJK, a space between words of other
    scripts (Latin, accented, ligatures), a line-end hyphen between two letters dropped
    (hyphenation) unless the next line opens with a word of ``compounds`` (the second
    part of hyphenated compounds elsewhere on the page, :func:`compound_ends`: ten-/year
    is ten-year), nothing inside a decimal broken at its point (14. / 75)."""
    out = ""
    for t in texts:
        if not t:
            continue
        left, right = out.rstrip(SHARED_QUOTES) or out, t.lstrip(SHARED_QUOTES) or t
        if out and not (_cjk_char(left[-1]) or _cjk_char(right[0])):
            a, b = out[-1], t[0]
            if a in SHARED_QUOTES:
                a = "'"
            if b in SHARED_QUOTES:
                b = "'"
            if a == "-" and len(out) > 1 and out[-2].isalpha() and b.isalpha() and b.islower():
                if _first_word(t).lower() not in compounds:
                    out = out[:-1]
            elif a == "." and len(out) > 1 and out[-2].isdigit() and b.isdigit():
                pass  # a decimal broken at its point (14. / 75万亿元): no word space
            elif (a.isalnum() or a in ".,;:!?)\"'") and (b.isalnum() or b in "(\"'"):
                out += " "
        out += t
    return out


def _first_word(text: str) -> str:
    match = re.match(r"[^\W\d_]+", text)
    return match.group(0) if match else ""
