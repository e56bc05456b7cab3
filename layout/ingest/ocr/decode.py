"""A PDF page's own codes read as text by OCR: one character per code, by the page's votes.

Takes the raw page OCR gave for a PDF page (its glyphs in the order of its ``ocr_lines``,
each line's characters left to right) and the PDF's raw page after screening (its
readable ``glyphs``, and the glyphs it drew in fonts with no usable Unicode map in
``coded``, with their places in the drawing order in ``coded_at``); returns the PDF's page
with each coded glyph given the character OCR reads for its code, or None when OCR reads
too few of the codes for that.

A font with no Unicode map still draws one shape per code, so a code stands for one
character wherever the page uses it. Each upright OCR line is lined up with the glyphs of
the row it covers (the coded and the readable ones, a fake-bold copy counted once), left
to right: one for one when the counts match, else by position (each character to the
glyph under it, in order, within half an em). Each pair is a vote, weighted by the line's
confidence, for the code's character; each code takes the character most votes give it.
The glyphs keep the PDF's boxes, sizes, faces and drawing order (fake-bold copies too, as
on a text-layer page), so the page is analysed as its text layer would be; a code no line
voted for takes the character OCR read over it, or is left out (counted in the log). A line
over none of the page's glyphs but over filled shapes (type drawn as outlines) keeps OCR's
characters; other such lines (specks, text read twice) are dropped.
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from layout.budget import check_budget
from layout.ingest.ocr.placed import _COPY_EM, distinct_codes
from layout.ingest.raw import Glyph, OcrLine, RawPage, text_glyphs
from layout.model import BBox

log = logging.getLogger("layout.ingest.ocr.decode")

AGREED = 0.0  # share of a code's votes its character must have to stand for it page-wide
MIN_READ_SHARE = 0.8  # of the coded glyphs a decoded page must give a character
_REACH_EM = 0.5  # a character pairs with a glyph whose centre is this close (ems)
_GAP_COST = 0.6  # the alignment's cost of a glyph or a character left unpaired (ems)
OUTLINE_COVER = 0.3  # of a line's box shapes cover when the line reads outlined type
_ROW_EM = 0.5  # glyphs of one row have centres this close to the line's middle (ems)

Code = tuple[str, int, str, tuple[int, ...] | None]  # font, face, text as read, ink shape


def code_of(glyph: Glyph) -> Code:
    return glyph.font, glyph.face, glyph.text, glyph.ink


def decoded_page(ocr: RawPage, raw: RawPage) -> RawPage | None:
    """``raw`` with its coded glyphs read by the votes of ``ocr``'s lines (see the module
    doc), its OCR lines kept for their confidence; None when fewer than
    ``MIN_READ_SHARE`` of the coded glyphs get a character or ``ocr`` is not in line
    order."""
    lines = ocr.ocr_lines or ()
    counts = [len("".join(line.text.split())) for line in lines]
    if not raw.coded or sum(counts) != len(ocr.glyphs):
        return None
    readable = text_glyphs(raw.glyphs)
    known = {id(g) for g in readable}
    row = distinct_codes([*raw.coded, *readable])
    centres = [g.center_y for g in row]
    votes: dict[Code, Counter[str]] = defaultdict(Counter)
    paired: dict[int, str] = {}  # id of a glyph of ``row``: the character lined up with it
    unprinted: list[Glyph] = []  # OCR's characters of lines over no glyph (outlines)
    at = 0
    for line, count in zip(lines, counts, strict=True):
        check_budget()
        chars = list(ocr.glyphs[at:at + count])
        at += count
        if not _holds_glyphs(line, row, centres):
            if _over_shapes(line.bbox, raw.shapes):
                unprinted += chars
            continue
        for glyph, char in line_pairs(line, chars, row, centres):
            if id(glyph) not in known and char.upright:
                votes[code_of(glyph)][char.text] += line.confidence
                paired[id(glyph)] = char.text
    reading = {code: _agreed(tally) for code, tally in votes.items()}
    original = _originals(raw.coded, row)
    over = _characters_over(ocr.glyphs)
    coded: list[Glyph | None] = []
    for g in raw.coded:
        text = (reading.get(code_of(g)) or paired.get(id(original.get(id(g), g)))
                or over(g))
        coded.append(dataclasses.replace(g, text=text) if text else None)
    read = sum(g is not None for g in coded)
    if read < MIN_READ_SHARE * len(raw.coded):
        return None
    if read < len(coded):
        log.info("page %d: %d of %d glyphs in fonts with no Unicode map not read",
                 raw.number, len(coded) - read, len(coded))
    return dataclasses.replace(raw, glyphs=_in_drawing_order(raw, coded) + tuple(unprinted),
                               coded=(), coded_at=(), ocr_lines=ocr.ocr_lines)


def _over_shapes(box: BBox, shapes: Sequence[BBox]) -> bool:
    """Whether filled shapes (outlined type) cover ``OUTLINE_COVER`` of ``box`` or more."""
    covered = 0.0
    for shape in shapes:
        part = box.intersection(shape)
        if part is not None:
            covered += part.area
    return covered >= OUTLINE_COVER * box.area


def _holds_glyphs(line: OcrLine, glyphs: Sequence[Glyph], centres: Sequence[float]) -> bool:
    """Whether any of the page's ``glyphs`` (sorted by ``centres``) has its centre in the
    line's box (a line over none reads type the PDF draws as shapes: outlines)."""
    box = line.bbox
    lo = bisect.bisect_left(centres, box.top)
    hi = bisect.bisect_right(centres, box.bottom)
    return any(box.x0 <= (glyphs[k].x0 + glyphs[k].x1) / 2 <= box.x1 for k in range(lo, hi))


def _agreed(tally: Counter[str]) -> str:
    """The character most votes give a code when they agree (``AGREED`` of the weight);
    "" when they do not (fonts of one name sharing codes: each glyph keeps its own)."""
    (char, weight), = tally.most_common(1)
    return char if weight >= AGREED * sum(tally.values()) else ""


def _originals(coded: Sequence[Glyph], row: Sequence[Glyph]) -> dict[int, Glyph]:
    """Per coded glyph left out of ``row`` (a fake-bold copy): the glyph of ``row`` it
    copies (same code and face, within a copy's reach)."""
    kept = {id(g) for g in row}
    by_code: dict[Code, list[Glyph]] = defaultdict(list)
    for g in row:
        by_code[code_of(g)].append(g)
    out: dict[int, Glyph] = {}
    for g in coded:
        if id(g) in kept:
            continue
        near = [k for k in by_code.get(code_of(g), ())
                if abs(k.x0 - g.x0) <= _COPY_EM * g.size
                and abs(k.top - g.top) <= _COPY_EM * g.size]
        if near:
            out[id(g)] = near[0]
    return out


def line_pairs(line: OcrLine, chars: Sequence[Glyph], glyphs: Sequence[Glyph],
               centres: Sequence[float]) -> list[tuple[Glyph, Glyph]]:
    """(page glyph, OCR character) pairs of one OCR line: the upright ``glyphs`` (sorted
    by ``centres``, down the page) of the row in its box (or of the column, in a box
    taller than wide: upright type set down) lined up with its characters."""
    box = line.bbox
    if not chars or not all(c.upright for c in chars):
        return []
    down = len(chars) > 1 and box.height > box.width

    def along(g: Glyph) -> float:
        return g.center_y if down else (g.x0 + g.x1) / 2

    def off_line(g: Glyph) -> float:  # from the line's middle, across it
        return (abs((g.x0 + g.x1) / 2 - (box.x0 + box.x1) / 2) if down
                else abs(g.center_y - (box.top + box.bottom) / 2))

    lo = bisect.bisect_left(centres, box.top)
    hi = bisect.bisect_right(centres, box.bottom)
    inside = sorted((glyphs[k] for k in range(lo, hi)
                     if glyphs[k].upright and box.x0 <= (glyphs[k].x0 + glyphs[k].x1) / 2 <= box.x1
                     and off_line(glyphs[k]) <= _ROW_EM * glyphs[k].size), key=along)
    chars = sorted(chars, key=along)
    if not inside:
        return []
    if len(inside) == len(chars):
        return list(zip(inside, chars, strict=True))
    return _aligned(inside, chars, along)


def _aligned(glyphs: Sequence[Glyph], chars: Sequence[Glyph],
             along: Callable[[Glyph], float]) -> list[tuple[Glyph, Glyph]]:
    """The cheapest in-order pairing of ``glyphs`` and ``chars`` by the distance of their
    centres ``along`` the line (ems of the glyph's size), pairs further than
    ``_REACH_EM`` apart left out."""
    n, m = len(glyphs), len(chars)
    gx = [along(g) for g in glyphs]
    cx = [along(c) for c in chars]
    ems = [max(g.size, 1e-6) for g in glyphs]
    cost = [[0.0] * (m + 1) for _ in range(n + 1)]
    step = [[0] * (m + 1) for _ in range(n + 1)]  # 0 pair, 1 skip glyph, 2 skip char
    for i in range(1, n + 1):
        cost[i][0], step[i][0] = i * _GAP_COST, 1
    for j in range(1, m + 1):
        cost[0][j], step[0][j] = j * _GAP_COST, 2
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            far = abs(gx[i - 1] - cx[j - 1]) / ems[i - 1]
            options = (cost[i - 1][j - 1] + min(far, 2 * _GAP_COST),
                       cost[i - 1][j] + _GAP_COST, cost[i][j - 1] + _GAP_COST)
            best = min(range(3), key=options.__getitem__)
            cost[i][j], step[i][j] = options[best], best
    pairs: list[tuple[Glyph, Glyph]] = []
    i, j = n, m
    while i and j:
        if step[i][j] == 0:
            if abs(gx[i - 1] - cx[j - 1]) <= _REACH_EM * ems[i - 1]:
                pairs.append((glyphs[i - 1], chars[j - 1]))
            i, j = i - 1, j - 1
        elif step[i][j] == 1:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def _characters_over(chars: Sequence[Glyph]):  # noqa: ANN202 - a closure
    """A function giving the text of the OCR character whose box holds a glyph's centre
    ("" for none)."""
    ordered = sorted(chars, key=lambda c: c.top)
    tops = [c.top for c in ordered]
    tallest = max((c.bottom - c.top for c in ordered), default=0.0)

    def over(g: Glyph) -> str:
        x, y = (g.x0 + g.x1) / 2, g.center_y
        lo = bisect.bisect_left(tops, y - tallest)
        hi = bisect.bisect_right(tops, y)
        for c in ordered[lo:hi]:
            if c.x0 <= x <= c.x1 and c.top <= y <= c.bottom:
                return c.text
        return ""

    return over


def _in_drawing_order(raw: RawPage, coded: Sequence[Glyph | None]) -> tuple[Glyph, ...]:
    """The readable glyphs and the read coded ones in the order the PDF draws them."""
    places = raw.coded_at if len(raw.coded_at) == len(raw.coded) else (len(raw.glyphs),) * len(
        raw.coded)
    out: list[Glyph] = []
    before = 0
    for place, glyph in sorted(zip(places, range(len(coded)), strict=True)):
        out.extend(raw.glyphs[before:place])
        before = max(before, place)
        if coded[glyph] is not None:
            out.append(coded[glyph])  # type: ignore[arg-type]
    out.extend(raw.glyphs[before:])
    return tuple(out)
