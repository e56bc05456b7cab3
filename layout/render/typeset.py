"""CJK line breaking and justification (DESIGN §5 rules 1–6), independent of page layout.

Takes a text, a :class:`layout.render.glyphs.Measure` (fonts + size) and a column width;
returns :class:`Line` objects whose :class:`Run` s carry absolute x offsets and the character
spacing to draw them with (PDF ``Tc``); :func:`layout.render.draw.draw_lines` puts them on a
canvas. The text is cut into clusters by :mod:`layout.render.glyphs`. Lines are filled
greedily; when the next cluster does not fit, the line either ends (and is stretched) or
takes the cluster by compressing full-width punctuation by up to ½ em each, whichever
distorts less. A paragraph's last line is pulled up or fed from the line above so that it
holds at least two characters that are not punctuation. Justified lines spread the slack
evenly over every gap between characters (none inside a Latin word or an unbreakable pair)
and end flush: the last glyph's right edge is on the column edge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from layout.render.glyphs import (
    COMPRESS_LEFT,
    COMPRESS_RIGHT,
    FIXED_SPACE,
    HAN,
    LATIN,
    NO_END,
    NO_START,
    PUNCT,
    SPACE,
    Cluster,
    Glyph,
    Measure,
    Spacing,
    clusters_of,
    compress_pairs,
    compressible,
    drawable,
    han_latin_gap,
    joined_clusters,
    natural_width,
    trim_spaces,
)

LOOSE_SLACK_EM = 2.0  # a line looser than this cuts the next Latin word instead
LETTERSPACE_FROM_EM = 0.4  # wider gaps between words: letter-space Latin words as well


@dataclass(frozen=True, slots=True)
class Run:
    """Characters drawn from ``x`` with one font and one character spacing."""

    font: str
    text: str
    x: float
    char_space: float

    def __reduce__(self) -> tuple:
        """Pickled as its fields (a typesetting worker sends thousands: the dataclass's own
        ``__setstate__`` looks up its fields for every one)."""
        return Run, (self.font, self.text, self.x, self.char_space)


@dataclass(frozen=True, slots=True)
class Line:
    runs: tuple[Run, ...]
    width: float  # from the line's start to the last glyph's right edge
    justified: bool
    text: str

    def __reduce__(self) -> tuple:
        """Pickled as its fields (see :meth:`Run.__reduce__`)."""
        return Line, (self.runs, self.width, self.justified, self.text)


def place(glyphs: list[Glyph], avail: float, sp: Spacing, justify: bool) -> Line:
    """Positions for one line: compress punctuation if it overflows, stretch if justified."""
    glyphs = trim_spaces(glyphs)
    natural = natural_width(glyphs, sp)
    shrink = [0.0] * len(glyphs)  # taken from the right half of glyph i
    left_shift = [0.0] * len(glyphs)  # taken from the left half of glyph i
    paired = compress_pairs(glyphs, sp, shrink, left_shift)
    natural -= paired
    overflow = natural - avail
    if overflow > 1e-6:
        candidates = [c for c in compressible(glyphs, sp)
                      if not shrink[c[0]] and not left_shift[c[0]]]
        room = sum(amount for _, _, amount in candidates)
        ratio = min(1.0, overflow / room) if room else 0.0
        for i, side, amount in candidates:
            (shrink if side > 0 else left_shift)[i] = amount * ratio
        natural -= sum(shrink) + sum(left_shift) - paired
    slots = [i for i in range(1, len(glyphs))  # a space is one slot, not two
             if not glyphs[i].joined and glyphs[i - 1].kind != SPACE]
    slack = max(0.0, avail - natural) if justify else 0.0
    if len(glyphs) > 1 and (not slots or slack / len(slots) > LETTERSPACE_FROM_EM * sp.em):
        # too few gaps between words: spread the slack inside Latin words too
        slots = [i for i in range(1, len(glyphs)) if glyphs[i - 1].kind != SPACE
                 and not (glyphs[i].joined and glyphs[i].kind == PUNCT)]
    if len(glyphs) > 1 and not slots and slack > 1e-6:
        slots = list(range(1, len(glyphs)))  # last resort: spread inside a —— or …… pair
    spacing = slack / len(slots) if slots else 0.0
    slot_set = set(slots)
    runs: list[Run] = []
    x = 0.0
    run_font, run_chars, run_x, run_cs = None, [], 0.0, 0.0
    prev_end = 0.0
    for i, glyph in enumerate(glyphs):
        if i:
            x = prev_end + han_latin_gap(glyphs[i - 1], glyph, sp) - left_shift[i]
            if i in slot_set:
                x += spacing
        advance = glyph.width - shrink[i]
        if glyph.kind == SPACE:
            prev_end = x + advance
            if run_chars:  # a gap ends the run
                runs.append(Run(run_font, "".join(run_chars), run_x, run_cs))
            run_font, run_chars = None, []
            continue
        extra = x - (prev_end if i else 0.0)
        continues = (run_font == glyph.font and run_chars and abs(extra - run_cs) < 1e-6
                     and shrink[i - 1] == 0.0 and left_shift[i] == 0.0)
        if continues:
            run_chars.append(glyph.char)
        else:
            if run_chars:
                runs.append(Run(run_font, "".join(run_chars), run_x, run_cs))
            nxt_cs = spacing if (i + 1 in slot_set) else 0.0
            run_font, run_chars, run_x, run_cs = glyph.font, [glyph.char], x, nxt_cs
        prev_end = x + glyph.width - shrink[i]
    if run_chars:
        runs.append(Run(run_font, "".join(run_chars), run_x, run_cs))
    return Line(tuple(runs), prev_end, justify and bool(slots),
                "".join(g.char for g in glyphs))


def _right_room(glyph: Glyph, sp: Spacing) -> float:
    if glyph.char in COMPRESS_RIGHT and glyph.width >= 0.9 * sp.em:
        return sp.compression * glyph.width
    return 0.0


def _left_room(glyph: Glyph, sp: Spacing) -> float:
    if glyph.char in COMPRESS_LEFT and glyph.width >= 0.9 * sp.em:
        return sp.compression * glyph.width
    return 0.0


class _ClusterStats:
    """Widths and compressible room of one cluster, computed once."""

    __slots__ = ("natural", "inner_left", "inner_right", "first_left", "last_right",
                 "space", "first", "last")

    def __init__(self, cluster: Cluster, sp: Spacing) -> None:
        self.first, self.last = cluster[0], cluster[-1]
        self.space = self.first.kind == SPACE
        if len(cluster) == 1:
            self.natural, self.inner_left, self.inner_right = self.first.width, 0.0, 0.0
        else:
            self.natural = natural_width(cluster, sp)
            self.inner_left = sum(_left_room(g, sp)
                                  for prev, g in zip(cluster, cluster[1:], strict=False)
                                  if prev.width >= 0.9 * sp.em)
            self.inner_right = sum(_right_room(g, sp) for g in cluster[:-1])
        self.first_left = _left_room(self.first, sp)
        self.last_right = _right_room(self.last, sp)


class _LineState:
    """Natural width and compressible room of a growing line, updated per cluster."""

    def __init__(self, sp: Spacing) -> None:
        self.sp = sp
        self.last: Glyph | None = None
        self.natural = 0.0
        self.room_left = 0.0  # left halves of every glyph but the line's first
        self.room_right = 0.0  # right halves of every glyph
        self.last_right = 0.0
        self.pending_space = 0.0

    def room(self) -> float:
        return self.room_left + self.room_right - self.last_right

    def _first_left(self, stats: _ClusterStats) -> float:
        # an opening mark may only move into a full-width neighbour's box: moving it over a
        # narrow Latin letter would put it before that letter in extraction order
        return stats.first_left if self.last.width >= 0.9 * self.sp.em else 0.0

    def with_cluster(self, stats: _ClusterStats) -> tuple[float, float]:
        """(natural width, room) the line would have with the cluster appended."""
        if stats.space:
            return self.natural, self.room()
        if self.last is None:
            return stats.natural, stats.inner_left + stats.inner_right
        natural = self.natural + self.pending_space + stats.natural
        if not self.pending_space:
            natural += han_latin_gap(self.last, stats.first, self.sp)
        room = (self.room_left + self._first_left(stats) + stats.inner_left + self.room_right
                + stats.inner_right)
        return natural, room

    def add(self, stats: _ClusterStats) -> None:
        if stats.space:
            if self.last is not None:
                self.pending_space = stats.natural
            return
        self.natural, _ = self.with_cluster(stats)
        if self.last is not None:
            self.room_left += self._first_left(stats)
        self.room_left += stats.inner_left
        self.room_right += stats.inner_right + stats.last_right
        self.last_right = stats.last_right
        self.last = stats.last
        self.pending_space = 0.0


def _non_punct(glyphs: Sequence[Glyph]) -> int:
    return sum(1 for g in glyphs if g.kind in (HAN, LATIN))


def _legal_cut(left: Glyph, right: Glyph, latin_only: bool) -> bool:
    if left.char in NO_END or right.char in NO_START or FIXED_SPACE in (left.char, right.char):
        return False
    if left.char == right.char and left.char in "—…⋯":
        return False
    return not latin_only or (left.kind == LATIN and right.kind == LATIN)


def _legal_break(before: Sequence[Glyph], after: Glyph) -> bool:
    """Rules 1–2 at a break after ``before``: an even run of — … ⋯ may end a line."""
    left = before[-1]
    if left.char in NO_END or after.char in NO_START or FIXED_SPACE in (left.char, after.char):
        return False
    if left.char == after.char and left.char in "—…⋯":
        run = len(before) - len("".join(g.char for g in before).rstrip(left.char))
        return run % 2 == 0
    return True


def _cut(cluster: Cluster, state: _LineState, avail: float, sp: Spacing,
         latin_only: bool, strict: bool = True) -> tuple[Cluster, Cluster] | None:
    """The longest head of ``cluster`` that fits the line after a cut (legal if ``strict``)."""
    for k in range(len(cluster) - 1, 0, -1):
        if strict and not _legal_cut(cluster[k - 1], cluster[k], latin_only):
            continue
        if state.with_cluster(_ClusterStats(cluster[:k], sp))[0] <= avail + 1e-6 or (
                k == 1 and not strict):
            first = cluster[k]
            rest = [Glyph(first.char, first.font, first.width, first.kind, False), *cluster[k + 1:]]
            return cluster[:k], rest
    return None


def break_clusters(clusters: list[Cluster], width: float, sp: Spacing,
                   first_indent: float = 0.0) -> list[list[Cluster]]:
    """Greedy line filling with the stretch-or-squeeze choice; then fix a short last line.

    A cluster wider than the line is cut (legally if it can be); a Latin word that would
    leave the line more than LOOSE_SLACK_EM too loose is cut inside the word.
    """
    original = [list(cluster) for cluster in clusters]  # the greedy pass cuts clusters
    lines: list[list[Cluster]] = []
    stats = [_ClusterStats(cluster, sp) for cluster in clusters]
    i, n = 0, len(clusters)
    while i < n:
        avail = width - (first_indent if not lines else 0.0)
        state = _LineState(sp)
        line: list[Cluster] = []
        while i < n and not line and stats[i].space:
            i += 1  # glue at a line start is dropped
        while i < n:
            natural, room = state.with_cluster(stats[i])
            if natural <= avail + 1e-6:
                state.add(stats[i])
                line.append(clusters[i])
                i += 1
                continue
            squeezable = natural - room <= avail + 1e-6
            if state.last is None and squeezable:  # alone on its line, squeezed
                line.append(clusters[i])
                i += 1
                break
            if state.last is not None and squeezable and \
                    natural - avail < avail - state.natural:
                line.append(clusters[i])
                i += 1
                break
            cut = None
            if state.last is None:  # the cluster alone is too wide: it must be cut
                cut = (_cut(clusters[i], state, avail, sp, latin_only=False)
                       or _cut(clusters[i], state, avail, sp, latin_only=False, strict=False))
            elif avail - state.natural > LOOSE_SLACK_EM * sp.em:
                cut = _cut(clusters[i], state, avail, sp, latin_only=True)
            if cut is not None and cut[1]:
                clusters[i:i + 1] = list(cut)
                stats[i:i + 1] = [_ClusterStats(part, sp) for part in cut]
                n = len(clusters)
                continue
            break
        if line:
            lines.append(line)
    _fix_last_line(lines, width, sp, first_indent)
    if _defects(lines, width, sp, first_indent) > 0.0:
        repaired = fallback_breaks(original, width, sp, first_indent)
        if _defects(repaired, width, sp, first_indent) < _defects(lines, width, sp, first_indent):
            return repaired
    return lines


def _fits_squeezed(glyphs: list[Glyph], avail: float, sp: Spacing) -> bool:
    trimmed = trim_spaces(glyphs)
    room = sum(amount for _, _, amount in compressible(trimmed, sp))
    return natural_width(trimmed, sp) - room <= avail + 1e-6


def _flatten(line: list[Cluster]) -> list[Glyph]:
    return [glyph for cluster in line for glyph in cluster]


def _fix_last_line(lines: list[list[Cluster]], width: float, sp: Spacing, indent: float) -> None:
    """Rule 6: the last line holds at least 2 characters that are not punctuation.

    Unless that would leave a single glyph on the line above (it could not be justified).
    """
    while len(lines) >= 2 and _non_punct(_flatten(lines[-1])) < 2:
        above = lines[-2]
        avail = width - (indent if len(lines) == 2 else 0.0)
        if _fits_squeezed(_flatten(above) + _flatten(lines[-1]), avail, sp):
            lines[-2:] = [above + lines[-1]]
            continue
        if len(above) < 2 or len(_flatten(above[:-1])) < 2:
            return  # the line above would be one glyph, which cannot be justified
        lines[-1].insert(0, above.pop())


# Fallback penalties, in priority order (a higher one is never traded for lower ones):
ILLEGAL = 1e9  # a break that splits a pair or puts NO_START/NO_END at a line edge (rules 1–2)
UNJUSTIFIABLE = 1e8  # a line other than the last that cannot end flush (rule 3)
SHORT_LAST = 1e7  # a last line with fewer than 2 characters that are not punctuation (rule 6)
PAIR_SPACED = 1e6  # flush only by spacing out the two halves of a —— or …… pair
WORD_CUT = 1e4  # a Latin word or number cut between lines
LETTERSPACED = 10.0  # a line spread inside its Latin words as well


def _line_cost(glyphs: list[Glyph], avail: float, sp: Spacing, last: bool,
               count_rule6: bool) -> float:
    """Penalty of one line of the fallback breaker (looseness plus the rules it breaks)."""
    glyphs = trim_spaces(glyphs)
    if not glyphs:
        return ILLEGAL
    natural = natural_width(glyphs, sp)
    if natural > avail + 1e-6 and not _fits_squeezed(glyphs, avail, sp):
        return ILLEGAL  # only a lone glyph ever gets here
    if last:
        return SHORT_LAST if count_rule6 and _non_punct(glyphs) < 2 else 0.0
    slack = max(0.0, avail - natural)
    if slack <= 1e-6:
        return 0.0
    gaps = [i for i in range(1, len(glyphs))
            if not glyphs[i].joined and glyphs[i - 1].kind != SPACE]
    if gaps and slack / len(gaps) <= LETTERSPACE_FROM_EM * sp.em:
        return (slack / len(gaps) / sp.em) ** 2
    spaced = [i for i in range(1, len(glyphs)) if glyphs[i - 1].kind != SPACE
              and not (glyphs[i].joined and glyphs[i].kind == PUNCT)]
    if spaced:
        return LETTERSPACED + (slack / len(spaced) / sp.em) ** 2
    return PAIR_SPACED if len(glyphs) > 1 else UNJUSTIFIABLE


def _defects(lines: list[list[Cluster]], width: float, sp: Spacing, indent: float) -> float:
    """The rule-breaking part of the fallback penalty of a set of lines."""
    flat = [_flatten(line) for line in lines]
    rule6 = len(flat) > 1 and _non_punct([g for line in flat for g in line]) >= 2
    total = 0.0
    for index, glyphs in enumerate(flat):
        avail = width - (indent if index == 0 else 0.0)
        cost = _line_cost(glyphs, avail, sp, index == len(flat) - 1, rule6)
        total += cost if cost >= PAIR_SPACED else 0.0
        if index and trim_spaces(glyphs) and trim_spaces(flat[index - 1]) and not _legal_break(
                trim_spaces(flat[index - 1]), trim_spaces(glyphs)[0]):
            total += ILLEGAL
    return total


def fallback_breaks(clusters: list[Cluster], width: float, sp: Spacing,
                    indent: float) -> list[list[Cluster]]:
    """Least-penalty breaks over every glyph boundary, for texts the greedy pass can't set.

    Used only when the greedy lines break a rule. Priority (see the penalties above): never
    break rules 1–2; then make every line but the last flush (rule 3), letter-spacing Latin
    words if a line has too few gaps, then spacing out an unbreakable pair only if a line has
    nothing else; then give the last line 2 non-punctuation characters (rule 6); cutting a
    Latin word or number comes before pair spacing and rule 6, after all the rest; among
    equals, the evenest spacing.
    """
    glyphs: list[Glyph] = []
    boundary: list[float] = []  # penalty of a break before glyph i
    for cluster in clusters:
        for j, glyph in enumerate(cluster):
            if j == 0:
                boundary.append(0.0)
            elif glyph.joined and HAN not in (glyph.kind, cluster[j - 1].kind) and \
                    _legal_cut(cluster[j - 1], glyph, False):
                boundary.append(WORD_CUT)  # inside a Latin word or number (5.|2)
            else:
                boundary.append(ILLEGAL)
            glyphs.append(glyph)
    n = len(glyphs)
    for b in range(1, n):  # a break at a space still joins the glyphs on either side of it
        end = b
        while end and glyphs[end - 1].kind == SPACE:
            end -= 1
        after = next((g for g in glyphs[b:] if g.kind != SPACE), None)
        if end and after and not _legal_break(glyphs[max(0, end - 64):end], after):
            boundary[b] = max(boundary[b], ILLEGAL)
    rule6 = _non_punct(glyphs) >= 2
    best = [0.0] + [float("inf")] * n
    back = [0] * (n + 1)
    for a in range(n):
        if best[a] == float("inf"):
            continue
        avail = width - (indent if a == 0 else 0.0)
        bound = 0.0  # natural width less every possible compression: a lower bound
        for b in range(a + 1, n + 1):
            glyph = glyphs[b - 1]
            if glyph.kind != SPACE:
                bound += glyph.width * (1.0 - (sp.compression if glyph.char in COMPRESS_LEFT
                                               or glyph.char in COMPRESS_RIGHT else 0.0))
            if bound > avail + 1e-6 and b > a + 1:
                break
            last = b == n
            cost = best[a] + _line_cost(glyphs[a:b], avail, sp, last, rule6 and a > 0)
            if not last:
                cost += boundary[b]
            if cost < best[b]:
                best[b], back[b] = cost, a
    lines: list[list[Cluster]] = []
    b = n
    while b > 0:
        a = back[b]
        line = list(glyphs[a:b])
        if line and line[0].joined:
            first = line[0]
            line[0] = Glyph(first.char, first.font, first.width, first.kind, False)
        lines.append([line])
        b = a
    lines.reverse()
    return [line for line in lines if trim_spaces(line[0])]


WINDOW_CHARS = 4000  # a longer paragraph is broken a window at a time (bounded memory)
WINDOW_CARRY = 2  # lines at a window's end set again with the next window


def typeset(text: str, measure: Measure, width: float, first_indent_em: float = 0.0,
            justify: bool = True, lead: tuple[str, Measure] | None = None) -> list[Line]:
    """Break ``text`` into lines of ``width`` points; every line but the last justified.

    ``lead`` is a run-in text set before ``text`` in another face of the same size
    (a dateline such as 本报讯 in bold). A paragraph longer than :data:`WINDOW_CHARS` is
    set a window at a time (peak memory bounded by the window, not the paragraph): each
    window's last :data:`WINDOW_CARRY` lines are set again at the head of the next, so a
    line depends only on the text from its own start on, as in the greedy pass.
    """
    source = drawable(text)
    if len(source) <= WINDOW_CHARS:
        return _typeset_window(source, measure, width, first_indent_em, justify, lead)
    lines: list[Line] = []
    start, window = 0, WINDOW_CHARS
    while True:
        indent = first_indent_em if start == 0 else 0.0
        run_in = lead if start == 0 else None
        end = start + window
        part = _typeset_window(source[start:end], measure, width, indent, justify, run_in)
        if end >= len(source):
            return lines + part
        kept = part[:-WINDOW_CARRY]
        if not kept:
            window *= 2  # lines longer than the window: widen it
            continue
        skip = len(_non_space(drawable(run_in[0]))) if run_in and run_in[0] else 0
        resume = _resume_at(source, start, kept, skip)
        if resume is None:  # the lines do not map back onto the text: set it whole
            return _typeset_window(source, measure, width, first_indent_em, justify, lead)
        lines += kept
        start, window = resume, WINDOW_CHARS


def _non_space(text: str) -> str:
    return "".join(char for char in text if not char.isspace())


def _resume_at(source: str, start: int, lines: list[Line], skip: int) -> int | None:
    """Where in ``source`` the text after ``lines`` (set from ``start``) begins.

    ``skip`` characters at the head of the lines are a run-in lead, not ``source`` text.
    """
    pos = start
    for char in _non_space("".join(line.text for line in lines))[skip:]:
        while pos < len(source) and source[pos].isspace():
            pos += 1
        if pos >= len(source) or source[pos] != char:
            return None
        pos += 1
    return pos


def _typeset_window(text: str, measure: Measure, width: float, first_indent_em: float,
                    justify: bool, lead: tuple[str, Measure] | None) -> list[Line]:
    sp = measure.spacing()
    indent = first_indent_em * measure.size
    clusters = clusters_of(text, measure)
    if lead is not None and lead[0]:
        clusters = joined_clusters(clusters_of(lead[0], lead[1]), clusters)
    broken = break_clusters(clusters, width, sp, indent)
    lines = []
    for index, line in enumerate(broken):
        avail = width - (indent if index == 0 else 0.0)
        last = index == len(broken) - 1
        placed = place(_flatten(line), avail, sp, justify and not last)
        if index == 0 and indent:
            placed = Line(tuple(Run(r.font, r.text, r.x + indent, r.char_space)
                                for r in placed.runs), placed.width + indent,
                          placed.justified, placed.text)
        lines.append(placed)
    return lines
