"""Characters read twice: where the detector drew a line's box on into the next
column, the ink there is read in both lines.

Takes engine lines (``[box, text, score, word boxes, words, ...]``, pixels, after they
are cut at gutters); returns them with each character read twice kept once: two lines
side by side on one row (their heights overlapping by half the lower one's), a
character of one whose extent overlaps one of the other's by ``OVERLAP`` of the
narrower is one reading of the same ink. Of the two, the one lying deeper inside the
other line's extent (past its first or last character's edge) goes: the line it
belongs to ran on into the other's column. A line left with no character goes. Lines
without word boxes accounting for their text are kept as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from layout.ingest.ocr.chars import span

OVERLAP = 0.4  # of the narrower character: extents overlapping this much are one ink
_ROW = 0.5  # of the lower line's height: lines overlapping this much down share a row


def _words(result: Sequence[Any]) -> list[str] | None:
    words = result[4] if len(result) > 4 else None
    boxes = result[3] if len(result) > 3 else None
    if not (words and boxes and len(words) == len(boxes)
            and "".join(words) == str(result[1])):
        return None  # (a line with spaces is left as read)
    return list(words)


def drop_doubles(results: Sequence[Sequence[Any]]) -> list[Sequence[Any]]:
    """``results`` with characters read twice kept once (see the module doc)."""
    lines = []
    for k, result in enumerate(results):
        words = _words(result)
        x0, x1 = span(result[0], 0)
        top, bottom = span(result[0], 1)
        if words is None or not (x1 - x0 >= bottom - top or len(words) == 1):
            # (a line standing on end; one character, as a piece cut off at a gutter,
            # stands on end by no box)
            continue
        extents = [span(b, 0) for b in result[3]]
        lines.append((k, top, bottom, extents[0][0], extents[-1][1], extents))
    lines.sort(key=lambda line: line[3])
    gone: dict[int, set[int]] = {}
    for at, (k, top, bottom, lo, hi, extents) in enumerate(lines):
        for j, jtop, jbottom, jlo, jhi, jextents in lines[at + 1:]:
            if jlo >= hi:
                break
            lower = min(bottom - top, jbottom - jtop)
            if min(bottom, jbottom) - max(top, jtop) < _ROW * lower:
                continue
            for a, (a0, a1) in enumerate(extents):
                for b, (b0, b1) in enumerate(jextents):
                    overlap = min(a1, b1) - max(a0, b0)
                    if overlap < OVERLAP * min(a1 - a0, b1 - b0) or overlap <= 0:
                        continue
                    # how far each lies inside the other line's extent
                    a_depth = min((a0 + a1) / 2 - jlo, jhi - (a0 + a1) / 2)
                    b_depth = min((b0 + b1) / 2 - lo, hi - (b0 + b1) / 2)
                    if a_depth >= b_depth:
                        gone.setdefault(k, set()).add(a)
                    else:
                        gone.setdefault(j, set()).add(b)
    if not gone:
        return list(results)
    out: list[Sequence[Any]] = []
    for k, result in enumerate(results):
        drop = gone.get(k)
        if not drop:
            out.append(result)
            continue
        keep = [i for i in range(len(result[4])) if i not in drop]
        if not keep:
            continue
        words = [result[4][i] for i in keep]
        boxes = [result[3][i] for i in keep]
        top, bottom = span(result[0], 1)
        x0, x1 = span(boxes[0], 0)[0], span(boxes[-1], 0)[1]
        out.append([[[x0, top], [x1, top], [x1, bottom], [x0, bottom]], "".join(words), result[2],
                    boxes, words, *result[5:]])
    return out
