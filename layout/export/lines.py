"""Place a unit's content text on its printed lines.

Takes the :class:`Segment` texts of a unit and the model lines that print them;
returns :class:`PlacedLine` objects: per line, the words (:class:`Token`) it holds,
each with its tag and where it runs along the line (fractions of the line's length).
The content text is authoritative: it is aligned to the lines' texts (difflib), so
every content character lands on exactly one line, in order, even where cleaning or
an edit changed the text; characters the lines lack go with their neighbours. With no
lines, each segment is one line without geometry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from layout.export.content import Segment
from layout.model import BBox, Line

# above this many (source × content) character pairs a block is spread over its lines
# evenly instead of aligned: the alignment's cost grows with the product on unlike texts
MAX_ALIGNMENT_CELLS = 4_000_000


@dataclass(frozen=True)
class Token:
    """A word (Latin) or a run (CJK) of one segment on one line."""

    text: str
    tag: str
    start: float  # fraction of the line's extent where it begins
    end: float
    space_before: bool = False  # a space separates it from the token before


@dataclass
class PlacedLine:
    line: Line | None
    tokens: list[Token] = field(default_factory=list)

    @property
    def bbox(self) -> BBox | None:
        return None if self.line is None else self.line.bbox

    @property
    def vertical(self) -> bool:
        return is_vertical(self.line)


def is_vertical(line: Line | None) -> bool:
    """A line set top to bottom: two or more characters in a box taller than wide."""
    if line is None or line.bbox is None or len(line.text) < 2:
        return False
    return line.bbox.height > 1.5 * line.bbox.width


def _tokens(text: str, tag: str, fracs: list[float], step: float,
            space_first: bool) -> list[Token]:
    """Words of ``text`` (split at whitespace); ``fracs[i]`` is where char i begins."""
    out: list[Token] = []
    i, n = 0, len(text)
    space = space_first
    while i < n:
        if text[i].isspace():
            space = True
            i += 1
            continue
        j = i
        while j < n and not text[j].isspace():
            j += 1
        start, end = fracs[i], max(fracs[j - 1] + step, fracs[i])
        out.append(Token(text[i:j], tag, min(start, 1.0), min(end, 1.0), space))
        space = False
        i = j
    return out


def place(segments: list[Segment], lines: tuple[Line, ...]) -> list[PlacedLine]:
    """The words of ``segments`` on ``lines`` (lines that get no word are dropped)."""
    segments = [s for s in segments if s.text.strip()]
    if not segments:
        return []
    if not lines:
        return [PlacedLine(None, _tokens(s.text, s.tag, [0.0] * len(s.text), 0.0, False))
                for s in segments]
    target = "".join(s.text for s in segments)
    tag_of = [s.tag for s in segments for _ in s.text]
    source = "".join(ln.text for ln in lines)
    line_of: list[int] = [k for k, ln in enumerate(lines) for _ in ln.text]
    starts = []
    total = 0
    for ln in lines:
        starts.append(total)
        total += len(ln.text)
    src_of: list[int | None] = [None] * len(target)
    if source == target:
        src_of = list(range(len(target)))
    elif len(source) * len(target) > MAX_ALIGNMENT_CELLS:
        # too big to align (difflib is quadratic on unlike texts): spread evenly
        src_of = [j * len(source) // len(target) for j in range(len(target))]
    else:
        matcher = SequenceMatcher(None, source, target, autojunk=False)
        for a, b, size in matcher.get_matching_blocks():
            for t in range(size):
                src_of[b + t] = a + t
    # unmatched characters sit right after the matched one before them
    pos: list[int] = []
    last = -1
    first_matched = next((s for s in src_of if s is not None), 0)
    for s in src_of:
        if s is None:
            s = max(last, first_matched if last < 0 else last)
        pos.append(s)
        last = s
    owner = [line_of[min(p, len(source) - 1)] if source else 0 for p in pos]
    placed: list[PlacedLine] = []
    j = 0
    while j < len(target):
        k = owner[j]
        line = lines[k]
        length = max(1, len(line.text))
        step = 1.0 / length
        tokens: list[Token] = []
        space_first = False
        while j < len(target) and owner[j] == k:
            tag = tag_of[j]
            e = j
            while e < len(target) and owner[e] == k and tag_of[e] == tag:
                e += 1
            fracs = [min(1.0, max(0.0, (pos[i] - starts[k]) * step)) for i in range(j, e)]
            new = _tokens(target[j:e], tag, fracs, step, space_first)
            if new and not tokens:  # no space at the head of a line
                new[0] = Token(new[0].text, new[0].tag, new[0].start, new[0].end, False)
            space_first = target[e - 1].isspace()
            tokens.extend(new)
            j = e
        if tokens:
            if placed and placed[-1].line is line:
                placed[-1].tokens.extend(tokens)
            else:
                placed.append(PlacedLine(line, tokens))
    return placed
