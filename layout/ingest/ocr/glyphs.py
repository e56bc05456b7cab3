"""Recognised lines -> glyphs: the same glyph model the PDF readers give.

Takes the engine's results (``[box, text, score, word boxes, words, ...]`` per line,
pixels), the points per pixel across and down, and the settings; returns one
:class:`~layout.ingest.raw.Glyph` per character and an
:class:`~layout.ingest.raw.OcrLine` per kept line (points, top-left):

- a character's box from the recogniser's character positions (a full-width one an em
  wide about its centre, as a PDF glyph's advance), marks printed in an em's first or
  second half placed there;
- its size from the line's height (``ocr.size_per_line_height``, or what a height is
  worth in ems on this page, measured on its long lines) or, for a line of many
  characters, its pitch (a long line of characters as wide as the body's is body text,
  however tall the detector drew its box; a long line spaced out, by its height); lines
  of one column stack take the stack's size (and a line set at the stack's leading
  between two others does, whatever its box says), the lines
  of a headline one under the other one size, the lines opening a stack over its
  text a size larger (a kicker, a subtitle) their own, near-equal sizes snap to one
  (``ocr.size_tolerance``; the short lines of a headline group, a stack that is no
  column of text, only within ``ocr.head_size_tolerance``: a byline under the
  subtitle, set between it and the text in size, is neither), but a lone character
  two body lines tall (a drop cap) is as large as its box;
- lines standing on end (taller than 1.5 times their width) give turned glyphs, read
  top to bottom;
- lines recognised with less confidence than ``ocr.min_confidence`` are dropped, and
  characters read twice (a line's box run on into the next column) kept once
  (:mod:`layout.ingest.ocr.doubles`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from layout.ingest.ocr.chars import (
    char_spans,
    char_weight,
    cjk_dashes,
    cjk_punctuation,
    ink_em,
    span,
)
from layout.ingest.ocr.doubles import drop_doubles
from layout.ingest.ocr.lines import (
    LARGE,
    WhiteRun,
    at_leading,
    column_stacks,
    paragraph_tails,
    row_groups,
    split_at_gutters,
)
from layout.ingest.raw import OCR_FONT, Glyph, OcrLine
from layout.model import BBox
from layout.settings import DEFAULT_SETTINGS, Settings

_UPRIGHT_RATIO = 1.5  # a line box taller than this many widths is text standing on end
_PITCH_CHARS = 6  # ems: a line this long gives its size from its length
_BODY_PITCH = 1.15  # body pitches: a long line of characters narrower than this is body
# text, however tall its box
_SPACED_PITCH = 1.2  # a long line whose pitch is this much over what its height gives is
# spaced out: sized by its height
_SHORT_PITCH_CHARS = 3  # ems: a shorter line's length bounds its size from its height
_STACK_TOLERANCE = 0.25  # a line this close (relative) to its stack's size takes it
_CAP_LINES = 2.0  # body line heights: a lone character this tall keeps its own size
_HEAD_TOLERANCE = 0.15  # headline lines this close (relative), one under the other, are
# one size (a kicker or subtitle is set smaller than that)
_BODY_LINES = 2  # lines of _PITCH_CHARS characters or more: a stack with fewer is no
# column of text (a kicker, subtitle and bylines stacked), its lines keep their sizes
_HEAD_EMS = 4  # characters: a line opening a stack this long may be a kicker or subtitle


def snap_sizes(sizes: Sequence[float], weights: Sequence[int],
               tolerance: float, apart: Collection[int] = (),
               apart_tolerance: float | None = None) -> list[float]:
    """Line sizes with those near the body size (the character-weighted median, within
    ``tolerance``, a ratio) set to it, and the rest in runs of near-equal sizes set to
    their run's median: detected line heights vary with what a line holds, printed
    sizes do not. The lines ``apart`` (the short lines of a headline group: measured on
    their own, a byline set a little larger than the text) are near another size only
    within ``apart_tolerance``."""

    def median(ks: Sequence[int]) -> float:
        pool = sorted((sizes[k], weights[k]) for k in ks)
        half, seen = sum(w for _, w in pool) / 2, 0
        for value, w in pool:
            seen += w
            if seen >= half:
                return value
        return pool[-1][0]

    out = list(sizes)
    if not sizes:
        return out
    body = median(range(len(sizes)))
    rest = []

    def near(k: int) -> float:
        return tolerance if apart_tolerance is None or k not in apart else apart_tolerance

    for k, size in enumerate(sizes):
        if abs(size - body) <= near(k) * body:
            out[k] = body
        else:
            rest.append(k)
    run: list[int] = []
    for k in sorted(rest, key=lambda k: sizes[k]) + [-1]:
        if run and (k < 0 or sizes[k] > sizes[run[0]] * (1 + min(near(k), near(run[0])))):
            value = median(run)
            for j in run:
                out[j] = value
            run = []
        if k >= 0:
            run.append(k)
    return out


def stack_sizes(sizes: Sequence[float], stacks: Sequence[int], weights: Sequence[int],
                tails: Collection[int] = (), large: Collection[int] = (),
                tops: Sequence[float] | None = None) -> list[float]:
    """Line sizes with each line of a stack of three or more lines set to the stack's
    character-weighted median when within ``_STACK_TOLERANCE`` of it, or one of the
    paragraph ``tails``: one line's height or pitch (a short last line, a justified line
    spaced out) says less than its column's; a stack of fewer than ``_BODY_LINES`` long
    lines is no column of text (a headline group's kicker, subtitle and bylines), its
    lines keep their sizes. ``large`` lines stacked one under the other
    within ``_HEAD_TOLERANCE`` of each other (a headline in two lines) take the largest
    of their sizes. With the lines' ``tops``, the lines that open a stack above its
    body, large or ``_HEAD_TOLERANCE`` over its median and ``_HEAD_EMS`` long or more (a
    kicker, headline and subtitle over the text), keep their own sizes."""
    members: dict[int, list[int]] = {}
    for k, stack in enumerate(stacks):
        members.setdefault(stack, []).append(k)
    out = list(sizes)
    for ks in members.values():
        heads = [k for k in ks if k in large]  # in stacking order (ks are by line order)
        chain: list[int] = heads[:1]
        for k in heads[1:] + [-1]:
            if k >= 0 and abs(sizes[k] - sizes[chain[-1]]) <= _HEAD_TOLERANCE * max(
                    sizes[k], sizes[chain[-1]]):
                chain.append(k)
                continue
            top = max(sizes[j] for j in chain) if chain else 0.0
            for j in chain:
                out[j] = top
            chain = [k] if k >= 0 else []
        ks = [k for k in ks if k not in large]
        if len(ks) < 3 or sum(weights[k] >= _PITCH_CHARS for k in ks) < _BODY_LINES:
            continue  # no column of text: a headline group's lines, each its own size
        pool = sorted((sizes[k], weights[k]) for k in ks)
        half, seen, median = sum(w for _, w in pool) / 2, 0, pool[-1][0]
        for value, w in pool:
            seen += w
            if seen >= half:
                median = value
                break
        head: set[int] = set()  # the lines over the stack's body, from its top
        for k in sorted(members[stacks[ks[0]]], key=lambda k: tops[k]) if tops else ():
            if k not in large and not (sizes[k] > (1 + _HEAD_TOLERANCE) * median
                                       and weights[k] >= _HEAD_EMS):
                break
            head.add(k)
        for k in ks:
            if k in head:
                continue
            if abs(sizes[k] - median) <= _STACK_TOLERANCE * median or k in tails:
                out[k] = median
    return out


def lines_to_glyphs(results: Sequence[Sequence[Any]], sx: float, sy: float,
                    settings: Settings = DEFAULT_SETTINGS, white: WhiteRun | None = None
                    ) -> tuple[list[Glyph], list[OcrLine]]:
    """Glyphs and lines of rapidocr's results (``[box, text, score, word_boxes?, words?,
    ...]``, pixels), ``sx``/``sy`` points per pixel across and down. A full-width
    character's box is an em wide about the centre the recogniser gives (as a PDF
    glyph's advance), others keep the recogniser's extent."""
    ocr = settings.ocr
    kept = drop_doubles([piece for r in results
                         if float(r[2]) >= ocr.min_confidence and str(r[1]).strip()
                         for piece in split_at_gutters(r, white)])
    shapes = []
    for result in kept:
        box, text = result[0], str(result[1])
        x0, x1 = span(box, 0)
        top, bottom = span(box, 1)
        upright = not (bottom - top > _UPRIGHT_RATIO * (x1 - x0) and len(text.strip()) > 1)
        spans = char_spans(text, box, result[4] if len(result) > 4 else None,
                           result[3] if len(result) > 3 else None, along=0 if upright else 1)
        if spans and upright:  # the ink's extent (the detected box has a margin)
            x0, x1 = spans[0][1], spans[-1][2]
        elif spans:
            top, bottom = spans[0][1], spans[-1][2]
        across = (bottom - top) * sy if upright else (x1 - x0) * sx
        along = (x1 - x0) * sx if upright else (bottom - top) * sy
        ems = sum(char_weight(c) for c in "".join(text.split()))
        shapes.append((x0, top, x1, bottom, upright, across, along / max(ems, 0.5), ems))
    # a line of many characters gives its em as its length over its characters (set solid,
    # or spaced out a little when justified); its detected height, what a height is worth
    # in ems on this page, for the short lines
    ratios = sorted(s[6] / s[5] for s in shapes if s[7] >= _PITCH_CHARS and s[5] > 0)
    per_height = (ratios[len(ratios) // 2] if len(ratios) >= 5
                  else ocr.size_per_line_height)
    # the parts of one line the detector gave as two boxes (a headline broken at a gap)
    # are measured together
    rows = row_groups([(s[0], s[1], s[2], s[3]) if s[4] else (-1e9 - k, 0, -1e9 - k, 0)
                       for k, s in enumerate(shapes)])
    row_along: dict[int, float] = {}
    row_ems: dict[int, float] = {}
    for row, s in zip(rows, shapes, strict=True):
        row_along[row] = row_along.get(row, 0.0) + s[6] * s[7]
        row_ems[row] = row_ems.get(row, 0.0) + s[7]
    heights = sorted(s[5] for s in shapes if s[7] >= _PITCH_CHARS)
    body_height = heights[len(heights) // 2] if heights else 0.0
    pitches = sorted(row_along[row] / row_ems[row] for row, s in zip(rows, shapes, strict=True)
                     if row_ems[row] >= _PITCH_CHARS)
    body_pitch = pitches[len(pitches) // 2] if pitches else 0.0

    def is_large(row: int, shape: tuple) -> bool:
        """Taller than body lines, and not a long line of body-wide characters (a box
        the detector drew too tall)."""
        return shape[5] >= LARGE * body_height and not (
            row_ems[row] >= _PITCH_CHARS
            and row_along[row] / row_ems[row] < _BODY_PITCH * body_pitch)

    def estimate(row: int, shape: tuple) -> float:
        if is_large(row, shape):  # large type (headlines, often set narrower
            return shape[5] * per_height  # or wider than square) by its height
        by_height = shape[5] * per_height
        if row_ems[row] >= _PITCH_CHARS:  # its row's pitch, or a long line's own when
            # less (a neighbour spaced out says nothing of it); a line spaced out
            # (justified over a long word that went to the next line) is set no larger
            # than its height says
            pitch = row_along[row] / row_ems[row]
            if shape[7] >= _PITCH_CHARS:
                pitch = min(pitch, shape[6])
            return by_height if pitch > _SPACED_PITCH * by_height else pitch
        # a short line's box height varies most: its
        # pitch bounds it (a subhead of a few characters)
        return min(by_height, shape[6]) if shape[7] >= _SHORT_PITCH_CHARS else by_height

    estimates = [estimate(row, s) for row, s in zip(rows, shapes, strict=True)]
    weights = [len(str(r[1])) for r in kept]
    stacks = column_stacks([(s[0], s[1], s[2], s[3]) if s[4] else (-1e9 - k, 0, -1e9 - k, 0)
                            for k, s in enumerate(shapes)])  # turned lines stand alone
    upright_boxes = [(s[0], s[1], s[2], s[3]) for s in shapes]
    tails = paragraph_tails(upright_boxes, stacks,
                            [s[4] and s[7] < _PITCH_CHARS for s in shapes])
    large = {k for k, (row, shape) in enumerate(zip(rows, shapes, strict=True))
             if is_large(row, shape)}
    sizes = stack_sizes(estimates, stacks, weights, tails | at_leading(upright_boxes, stacks),
                        large, [s[1] for s in shapes])
    stack_size: dict[int, int] = {}
    for stack in stacks:
        stack_size[stack] = stack_size.get(stack, 0) + 1
    members: dict[int, list[int]] = {}
    for k, stack in enumerate(stacks):
        members.setdefault(stack, []).append(k)
    # the short lines of a stack that is no column of text (a kicker, bylines under a
    # subtitle) keep a size a little apart from the text's and the subtitle's
    apart = {k for ks in members.values() if len(ks) >= 3 and sum(
        weights[j] >= _PITCH_CHARS for j in ks if j not in large) < _BODY_LINES
        for k in ks if weights[k] < _PITCH_CHARS and k not in large}
    sizes = snap_sizes(sizes, weights, ocr.size_tolerance, apart, ocr.head_size_tolerance)
    # a lone character two body lines tall or more (a drop cap: its box is its ink) is set
    # in its own size, an em as tall as its ink, not its run's
    sizes = [s[5] if s[7] == 1.0 and s[5] >= _CAP_LINES * body_height > 0 else size
             for s, size in zip(shapes, sizes, strict=True)]
    pool = sorted(zip(sizes, weights, strict=True))
    body_size, seen = (pool[-1][0] if pool else 0.0), 0
    for value, w in pool:  # the character-weighted median: the body's
        seen += w
        if seen >= sum(weights) / 2:
            body_size = value
            break
    glyphs: list[Glyph] = []
    lines: list[OcrLine] = []
    for result, (x0, top, x1, bottom, upright, *_), size, stack in zip(
            kept, shapes, sizes, stacks, strict=True):
        box, text, score = result[0], str(result[1]), float(result[2])
        word_boxes = result[3] if len(result) > 3 else None
        words = result[4] if len(result) > 4 else None
        scale = sx if upright else sy
        middle = (top + bottom) / 2 * sy if upright else (x0 + x1) / 2 * sx
        spans = char_spans(text, box, words, word_boxes, along=0 if upright else 1)
        # one character for one: the spans still fit
        # a line alone (not in a column of text), or set larger than the body (a title
        # line: a subtitle over the text), opening with 一一 opens with the dash ——
        text = cjk_dashes(cjk_punctuation(text), standalone=stack_size[stack] < 3 or (
            size > (1 + ocr.size_tolerance) * body_size))
        for (_, a, b), ch in zip(spans, "".join(text.split()), strict=True):
            a, b = ink_em(ch, a * scale, b * scale, size)
            if upright:
                glyphs.append(Glyph(ch, a, middle - size / 2, b, middle + size / 2, size,
                                    OCR_FONT))
            else:
                glyphs.append(Glyph(ch, middle - size / 2, a, middle + size / 2, b, size,
                                    OCR_FONT, upright=False))
        lines.append(OcrLine(text, BBox(x0 * sx, top * sy, x1 * sx, bottom * sy), score))
    return glyphs, lines
