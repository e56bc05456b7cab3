"""The characters of one recognised line: their widths, extents and marks as Chinese
prints them.

Takes a line's text (and the recogniser's word boxes, pixels); returns each character
with its extent along the line (:func:`char_spans`: from the word boxes when they
account for every character, else the line box split by character widths, full-width
for CJK, half for Latin and digits), the line's full-width pitch, and its text with the
ASCII marks the recogniser reads for full-width ones set full-width
(:func:`cjk_punctuation`) and the dash —— mended (:func:`cjk_dashes`). One character
for one, so the extents still fit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

_EM_MARKS = set("“”‘’—…")  # of ambiguous width, an em in Chinese text


def char_weight(ch: str) -> float:
    """The width of a character in ems: 1 for full-width (CJK, and the quotes, dash and
    ellipsis Chinese sets an em wide), 0.5 for the rest."""
    return 1.0 if ch in _EM_MARKS or unicodedata.east_asian_width(ch) in ("W", "F") else 0.5


def split_span(text: str, start: float, end: float) -> list[tuple[str, float, float]]:
    """``text`` spread over ``start``..``end`` by character widths: (char, from, to)."""
    weights = [char_weight(c) for c in text]
    total = sum(weights) or 1.0
    out: list[tuple[str, float, float]] = []
    at = start
    for ch, w in zip(text, weights, strict=True):
        step = (end - start) * w / total
        out.append((ch, at, at + step))
        at += step
    return out


def span(points: Sequence[Sequence[float]], axis: int) -> tuple[float, float]:
    values = [p[axis] for p in points]
    return min(values), max(values)


BODY_LINE_CHARS = 6  # characters: lines this long give the body lines' height


def body_line_height(results: Sequence[Sequence[Any]]) -> float | None:
    """The median height (pixels) of the engine's lines of ``BODY_LINE_CHARS`` characters
    or more (``[box, text, ...]`` per line): the body lines' height; None without such
    lines."""
    heights = sorted(span(r[0], 1)[1] - span(r[0], 1)[0] for r in results
                     if len(str(r[1])) >= BODY_LINE_CHARS)
    return heights[len(heights) // 2] if heights else None


def words_and_boxes(result: Sequence[Any]) -> tuple[list[str], list[Any]]:
    """A recogniser result's words and word boxes (``result[4]``, ``result[3]``), each
    empty when the result has none; whether they agree with its text is the caller's to
    check."""
    words = list(result[4]) if len(result) > 4 and result[4] else []
    boxes = list(result[3]) if len(result) > 3 and result[3] else []
    return words, boxes


def halves(a: float, b: float, top: float, bottom: float) -> list[list[list[float]]]:
    """The boxes (four corners, pixels) of the two halves of the run ``a``–``b`` from
    ``top`` to ``bottom``: one for each character of a two-character mark (—— or ……)."""
    mid = (a + b) / 2
    return [[[a, top], [mid, top], [mid, bottom], [a, bottom]],
            [[mid, top], [b, top], [b, bottom], [mid, bottom]]]


def char_spans(text: str, box: Sequence[Sequence[float]], words: Sequence[str] | None,
               word_boxes: Sequence[Any] | None, along: int) -> list[tuple[str, float, float]]:
    """Each non-space character of a line with its extent along the line (pixels):
    from the recogniser's word boxes when they account for every character, else the
    line box split by character widths."""
    chars = "".join(text.split())
    if words and word_boxes and len(words) == len(word_boxes) and "".join(
            "".join(w.split()) for w in words) == chars:
        out: list[tuple[str, float, float]] = []
        for word, wbox in zip(words, word_boxes, strict=True):
            lo, hi = span(wbox, along)
            out.extend(split_span("".join(word.split()), lo, hi))
        return out
    lo, hi = span(box, along)
    # spaces take their share of the line but give no glyph
    return [s for s in split_span(text, lo, hi) if not s[0].isspace()]


def full_width_pitch(spans: Sequence[tuple[str, float, float]]) -> float:
    """The median distance between the centres of neighbouring full-width characters of
    a line (its em when set solid; at least it when spaced); 0 when under 3 such pairs."""
    steps = sorted((b1 + b2 - a1 - a2) / 2
                   for (c1, a1, b1), (c2, a2, b2) in zip(spans, spans[1:], strict=False)
                   if char_weight(c1) == 1.0 and char_weight(c2) == 1.0
                   and unicodedata.category(c1)[0] != "P" and unicodedata.category(c2)[0] != "P")
    return steps[len(steps) // 2] if len(steps) >= 3 else 0.0


_FULL_WIDTH = {",": "，", "?": "？", "!": "！", ";": "；", ":": "：", "(": "（", ")": "）",
               "丶": "、"}  # the recogniser reads the enumeration comma as the radical 丶
INK_FIRST = set("，。、；：！？”’）》」』】〕")  # full-width marks printed in an em's first half
INK_LAST = set("“‘（《「『【〔")  # and in its second half
_CLOSING = set("，。：；！？、）》”’」』")


def is_cjk(ch: str) -> bool:
    return char_weight(ch) == 1.0


def cjk_punctuation(text: str) -> str:
    """A line of mostly Chinese text with the ASCII marks the recogniser reads for
    full-width ones (``, ? ! ; : ( ) "``, and 丶 for 、) set full-width, as Chinese prints them;
    a mark between two ASCII letters or digits (1,000, 10:30) stays; an empty pair of
    quotes “” between Chinese characters is a quote closed and the next opened ”“. In a
    line of more Latin letters than Chinese characters only ``"`` is set full-width, and
    only where it closes a full-width quote or stands beside a Chinese character."""
    latin = sum(is_cjk(c) for c in text) < sum(c.isascii() and c.isalpha() for c in text)
    # (mostly Latin: digits are no Latin text, 超过90%; is Chinese)
    out: list[str] = []
    for k, ch in enumerate(text):
        before = text[k - 1] if k else ""
        after = text[k + 1] if k + 1 < len(text) else ""
        latin_run = before.isascii() and before.isalnum() and after.isascii() and after.isalnum()
        unclosed = "".join(out).count("“") > "".join(out).count("”")
        if ch in _FULL_WIDTH and not latin_run and not latin:
            ch = _FULL_WIDTH[ch]
        elif ch == '"' and (not latin or unclosed or _ideograph(before) or _ideograph(after)):
            # (in a mostly Latin line too when it closes a full-width quote or stands
            # beside a Chinese character: a headline “APEC蓝" of more letters than hanzi)
            ch = "”" if unclosed or not after or after in _CLOSING else "“"
        out.append(ch)
    # a quote closed and the next opened (……底线”“更好……) read as an empty pair “”
    return _EMPTY_QUOTES.sub("”“", "".join(out))


def _ideograph(ch: str) -> bool:
    return bool(ch) and "\u3400" <= ch <= "\u9fff"


_EMPTY_QUOTES = re.compile("(?<=[\u3400-\u9fff])“”(?=[\u3400-\u9fff])")


_DASH_PARTS = "一—-－―─"
_DASH_PAIR = re.compile(f"[{re.escape(_DASH_PARTS)}]{{2}}")


def cjk_dashes(text: str, standalone: bool) -> str:
    """The dash —— as Chinese prints it, where the recogniser reads its two halves as 一,
    — or -: a pair not both 一, or (``standalone``: a line alone, as a subtitle is, not in a
    column of text, or one set larger than the text, a title line) 一一 opening the line
    before Chinese text. One character for one."""
    def dash(match: re.Match[str]) -> str:
        pair = match.group()
        return "——" if pair != "一一" else pair

    out = _DASH_PAIR.sub(dash, text)
    if standalone and out.startswith("一一") and len(out) > 2 and is_cjk(out[2]) and (
            out[2] != "一"):
        out = "——" + out[2:]
    return out


def cjk_one(text: str) -> str:
    """A line of Chinese type with the lone ASCII hyphen or underscore the recogniser reads
    for the ideograph 一 (a bar alone, without its neighbours' context) set as 一: one
    beside a Chinese character, with no Latin letter, digit or other dash next to it. One
    character for one."""
    return LONE_BAR.sub("一", text)


LONE_BAR = re.compile(
    "(?:(?<=[\u3400-\u9fff])[-_](?![-_A-Za-z0-9—－])(?<![A-Za-z0-9—－][-_])"
    "|(?<![-_A-Za-z0-9—－])[-_](?=[\u3400-\u9fff]))")


def word_pitch(words: Sequence[str], boxes: Sequence[Any], least: int = 3) -> float:
    """The median step between the centres of neighbouring one-character full-width
    words of a line (``words`` and their ``boxes``, pixels, along the line); 0 when
    fewer than ``least`` such steps."""
    centres = [sum(span(b, 0)) / 2 for b in boxes]
    steps = sorted(centres[k] - centres[k - 1] for k in range(1, len(words))
                   if len(words[k]) == len(words[k - 1]) == 1
                   and is_cjk(words[k]) and is_cjk(words[k - 1]))
    return steps[len(steps) // 2] if len(steps) >= least else 0.0


def ink_em(ch: str, a: float, b: float, size: float) -> tuple[float, float]:
    """The em a character's ink takes within its span ``a``–``b`` along the line: a mark's
    ink (，。、) sits in the first half of its em, an opening one's (“（《) in the second, a
    full-width character is centred; anything else keeps its span."""
    if ch in INK_FIRST:
        return a, a + size
    if ch in INK_LAST:
        return b - size, b
    if char_weight(ch) == 1.0:
        return (a + b - size) / 2, (a + b + size) / 2
    return a, b


@dataclass(frozen=True)
class PitchedLine:
    """A horizontal recogniser line whose word boxes agree with its text: its ``words``
    and word ``boxes``, the centres of the boxes along the line, its ``top`` and
    ``bottom`` and the ``pitch`` of its full-width characters (pixels)."""

    text: str
    words: list[str]
    boxes: list[Any]
    centres: list[float]
    top: float
    bottom: float
    pitch: float


def pitched_line(result: Sequence[Any], least: int = 3) -> PitchedLine | None:
    """``result`` as a :class:`PitchedLine` when it runs across (wider than high), has a
    box for each word, more than ``least`` words whose text is the line's, and a pitch
    (:func:`word_pitch` over ``least`` steps at least) over 2 px; None otherwise."""
    words, boxes = words_and_boxes(result)
    text = str(result[1])
    x0, x1 = span(result[0], 0)
    top, bottom = span(result[0], 1)
    if (len(words) != len(boxes) or len(words) < least + 1
            or "".join(words) != "".join(text.split()) or x1 - x0 < bottom - top):
        return None
    pitch = word_pitch(words, boxes, least)
    if pitch <= 2:
        return None
    return PitchedLine(text, words, boxes, [sum(span(b, 0)) / 2 for b in boxes], top,
                       bottom, pitch)
