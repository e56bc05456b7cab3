"""Line geometry for the model: the analysis's text lines as :class:`layout.model.Line`.

Takes :class:`TextLine` objects (and, for heads, :class:`HeadingGroup` parts);
returns model lines (text as read, cleaned; bbox; most common font and size) and the
``head_blocks`` of an article: where its kicker, headline, subtitle and bylines are
printed. Exporters (ALTO, METS) place the article's text on these lines.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from layout.analysis.pdf.blocks import TextBlock
from layout.analysis.pdf.roles import HeadingGroup
from layout.analysis.pdf.text import body_text
from layout.analysis.pdf.text_line import TextLine
from layout.model import BBox, Block, Line, Role


def model_lines(lines: Sequence[TextLine]) -> tuple[Line, ...]:
    """Model lines of ``lines`` (in the order given); lines that clean to nothing dropped."""
    out = []
    for ln in lines:
        text = body_text(ln.text)
        if text:
            # one font-name string per face, not per line: a long issue has 10^5 lines
            out.append(Line(text, bbox=ln.bbox, font=sys.intern(ln.font), size=ln.size))
    return tuple(out)


def _lines_of(blocks: Sequence[TextBlock]) -> list[TextLine]:
    return sorted((ln for b in blocks for ln in b.lines), key=lambda ln: (ln.top, ln.x0))


def _head_block(role: Role, blocks: Sequence[TextBlock]) -> Block | None:
    lines = model_lines(_lines_of(blocks))
    if not lines:
        return None
    return Block(role, bbox=BBox.enclosing([b.bbox for b in blocks]), lines=lines)


def head_blocks(head: HeadingGroup | None,
                byline_rows: Sequence[Sequence[TextBlock]]) -> tuple[Block, ...]:
    """Where an article's head (kicker, headline, subtitle) and byline rows are printed."""
    parts: list[tuple[Role, Sequence[TextBlock]]] = []
    if head is not None:
        parts += [(Role.KICKER, head.kicker), (Role.HEADLINE, head.headline),
                  (Role.SUBTITLE, head.subtitle)]
    parts += [(Role.BYLINE, row) for row in byline_rows]
    found = (_head_block(role, blocks) for role, blocks in parts if blocks)
    return tuple(b for b in found if b is not None)
