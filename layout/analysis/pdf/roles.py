"""Roles from font statistics and position: body size, heading groups.

Takes the text blocks of a page (furniture and captions already set aside);
returns the body size (the character-weighted most common size) and
:class:`HeadingGroup` objects: a headline (the largest type of a cluster of
heading-sized blocks that touch each other), the smaller block above it (kicker)
and the one below it (subtitle, or any block opening with ——). A lone numbered
section heading (一、引言) divides a text and heads no article. Blocks of one
heading set on one line with a gap (a two-part headline) join with one space.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from layout.analysis.names import splits_into_names
from layout.analysis.patterns import is_byline, is_subtitle_dash, parse_byline
from layout.analysis.pdf.blocks import TextBlock
from layout.analysis.pdf.name_runs import names_text
from layout.analysis.pdf.text import title_text
from layout.analysis.pdf.text_line import TextLine, join_line_texts
from layout.analysis.unionfind import DisjointSets
from layout.ingest.raw import Rule
from layout.model import BBox


@dataclass
class HeadingGroup:
    """Kicker, headline and subtitle blocks of one article head."""

    headline: list[TextBlock]
    kicker: list[TextBlock]
    subtitle: list[TextBlock]
    bylines: list[TextBlock] = field(default_factory=list)  # set in heading type, under it

    @property
    def blocks(self) -> list[TextBlock]:
        return self.kicker + self.headline + self.subtitle + self.bylines

    @property
    def bbox(self) -> BBox:
        return BBox.enclosing([b.bbox for b in self.blocks])

    @property
    def headline_bbox(self) -> BBox:
        return BBox.enclosing([b.bbox for b in self.headline])


_ROUNDING = 0.995  # sizes are compared after rounding to 0.1 pt


def body_size(blocks: Sequence[TextBlock]) -> float:
    """The character-weighted most common font size (0 when there is no text)."""
    counts: Counter[float] = Counter()
    for b in blocks:
        for line in b.lines:
            counts[round(line.size, 1)] += len(line.glyphs)
    return counts.most_common(1)[0][0] if counts else 0.0


def block_rows(blocks: Sequence[TextBlock]) -> list[list[TextBlock]]:
    """Blocks grouped by rows (overlapping vertically), rows top to bottom, each in the
    order of (top, x0)."""
    rows: list[list[TextBlock]] = []
    for b in sorted(blocks, key=lambda b: (b.bbox.top, b.bbox.x0)):
        if rows and b.bbox.vertical_overlap(rows[-1][0].bbox) > 0.5 * b.bbox.height:
            rows[-1].append(b)
        else:
            rows.append([b])
    return rows


def body_font(blocks: Sequence[TextBlock], size: float) -> str:
    """The font that sets most characters of blocks of (within 0.6 pt) the body size."""
    counts: Counter[str] = Counter()
    for b in blocks:
        if abs(b.size - size) <= 0.6:
            counts[b.font] += b.chars
    return counts.most_common(1)[0][0] if counts else ""


def heading_text(blocks: Sequence[TextBlock]) -> str:
    """Text of heading blocks in reading order: rows top to bottom, a space inside a row."""
    parts = []
    for row in block_rows(blocks):
        row.sort(key=lambda b: b.bbox.x0)
        lines = sorted((ln for b in row for ln in b.lines), key=lambda ln: (ln.top, ln.x0))
        texts: list[str] = []
        prev = None
        for ln in lines:
            if prev is not None and ln.bbox.vertical_overlap(prev.bbox) > 0.5 * ln.bbox.height:
                texts[-1] += " " + ln.text  # two parts of a headline on one row
            else:
                texts.append(ln.text)
            prev = ln
        parts.append(join_line_texts(texts))
    return title_text(join_line_texts(parts))


def _is_heading(block: TextBlock, body: float, ratio: float) -> bool:
    if block.size >= ratio * body * _ROUNDING:
        return True
    first = block.lines[0].text
    return block.size > body * 1.05 and len(block.lines) <= 3 and not is_byline(first)


def _touch(a: TextBlock, b: TextBlock, rules: Sequence[Rule]) -> bool:
    """Stacked heading lines (kicker/headline/subtitle) or two parts of one headline on a row."""
    ba, bb = a.bbox, b.bbox
    size = max(a.size, b.size)
    if _rule_separates(rules, ba, bb):
        return False
    vgap = max(ba.top, bb.top) - min(ba.bottom, bb.bottom)
    overlap = ba.horizontal_overlap(bb)
    centred = abs((ba.x0 + ba.x1) - (bb.x0 + bb.x1)) <= 2 * size
    flush = abs(ba.x0 - bb.x0) <= 1.3 * size  # (an opening quote hung, or only inked)
    if vgap <= 1.2 * size and overlap > 0 and (
            overlap >= 0.5 * min(ba.width, bb.width) or centred or flush):
        return True
    hgap = max(ba.x0, bb.x0) - min(ba.x1, bb.x1)
    same_type = abs(a.size - b.size) <= 0.02 * size and a.font == b.font
    same_row = abs(ba.top - bb.top) <= 0.15 * size and abs(ba.bottom - bb.bottom) <= 0.15 * size
    return same_type and same_row and hgap <= 1.5 * size


def _rule_separates(rules: Sequence[Rule], a: BBox, b: BBox) -> bool:
    for r in rules:
        rb = r.bbox
        if r.horizontal:
            y = r.position
            upper, lower = (a, b) if a.top <= b.top else (b, a)
            if upper.bottom - 2 <= y <= lower.top + 2 and rb.x0 < min(a.x1, b.x1) and \
                    rb.x1 > max(a.x0, b.x0):
                return True
        else:
            x = r.position
            left, right = (a, b) if a.x0 <= b.x0 else (b, a)
            if left.x1 - 2 <= x <= right.x0 + 2 and rb.top < min(a.bottom, b.bottom) and \
                    rb.bottom > max(a.top, b.top):
                return True
    return False


def heading_groups(blocks: Sequence[TextBlock], body: float, rules: Sequence[Rule] = (),
                   headline_ratio: float = 1.25) -> list[HeadingGroup]:
    """Heading groups among ``blocks``; blocks not in any group are left out."""
    main_font = _body_font(blocks, body)
    heads = [b for b in blocks if _is_heading(b, body, headline_ratio)]
    headlines = [b for b in heads if b.size >= headline_ratio * body * _ROUNDING]
    heads += [b for b in blocks if b not in heads and is_subtitle_dash(b.lines[0].text)
              and len(b.lines) <= 3 and (b.lines[0].font != main_font
                                         or _right_under(b, headlines))]
    heads.sort(key=lambda b: (b.bbox.top, b.bbox.x0))
    # union-find over touching heading blocks (few blocks: pairwise is cheap)
    sets = DisjointSets(len(heads))

    for i, a in enumerate(heads):
        for j in range(i + 1, len(heads)):
            b = heads[j]
            if b.bbox.top - a.bbox.bottom > 1.5 * max(a.size, b.size):
                continue
            if _touch(a, b, rules):
                sets.join(j, i)
    clusters = _labels_over_clusters(sets.groups(heads), rules)
    groups: list[HeadingGroup] = []
    secondary = _secondary_styles(clusters)
    subhead_styles = {_style(b) for members in clusters
                      if max(b.size for b in members) < headline_ratio * body * _ROUNDING
                      for b in members}
    for members in clusters:
        biggest = max(b.size for b in members)
        if biggest < headline_ratio * body * _ROUNDING:
            continue  # only kicker-sized text: a subhead, not an article head
        if len(members) == 1 and _section_head(members[0]):
            continue  # 一、引言: a numbered section of the text, not an article head
        candidates = [b for b in members if _style(b) not in secondary] or members
        big = max(candidates, key=lambda b: b.size)
        # a short label set a shade larger than a long headline shrunk to fit its
        # measure (金台随感 over three lines of headline): the headline says the most
        big = max((b for b in candidates if b.size >= 0.95 * big.size),
                  key=lambda b: (b.chars, b.size))
        biggest = big.size
        # a line near headline size in another face is not the headline's (a kicker set
        # as large as a headline narrowed to fit its column)
        headline = [b for b in candidates if b.size >= biggest * 0.92 and b.font == big.font]
        top = min(b.bbox.top for b in headline)
        bottom = max(b.bbox.bottom for b in headline)
        kicker = [b for b in members if b not in headline and b.bbox.bottom <= top + 1]
        subtitle = [b for b in members if b not in headline and b not in kicker
                    and b.bbox.top >= bottom - 1]
        rest = [b for b in members if b not in headline + kicker + subtitle]
        headline += rest
        others = [b for b in blocks if b not in heads]
        head_top = min(b.bbox.top for b in members)
        subtitle = [b for b in subtitle if not _beside_text(b, headline, others, body)
                    and not _in_the_first_text_row(b, head_top, blocks, others, body, rules)
                    and (is_subtitle_dash(b.lines[0].text) or _aligned_under(b, headline)
                         or not _opens_column(b, others, body))]
        bylines = [b for b in subtitle  # bylines are set near body size
                   if (_names_line(b) and _style(b) not in secondary and b.size <= 1.15 * body)
                   or _surname_names(b, body)]
        bylines += _names_rows([b for b in subtitle if b not in bylines], body)
        # the first of a text's subheads (新聞1 … 新聞2 …) set right under its title
        subtitle = [b for b in subtitle if b not in bylines and not (
            _style(b) in subhead_styles and not is_subtitle_dash(b.lines[0].text))]
        groups.append(HeadingGroup(headline, kicker, subtitle, bylines))
    _attach_labels(groups, [b for b in blocks if b not in heads], main_font, body, rules)
    return groups


def _labels_over_clusters(clusters: list[list[TextBlock]],
                          rules: Sequence[Rule]) -> list[list[TextBlock]]:
    """A lone one-line block right over a cluster of much larger type that lines up with
    the cluster as a whole (flush with its widest line, not its first: 编辑手记 over a
    headline whose first line is centred and short) joins that cluster, as its kicker."""
    out = [list(c) for c in clusters]
    for members in out:
        if len(members) != 1 or len(members[0].lines) != 1:
            continue
        label = members[0]
        box = label.bbox
        for other in out:
            if other is members or not other:
                continue
            size = max(b.size for b in other)
            span = BBox.enclosing([b.bbox for b in other])
            gap = span.top - box.bottom
            lined_up = (abs(box.x0 - span.x0) <= 1.3 * label.size
                        or abs((box.x0 + box.x1) - (span.x0 + span.x1)) <= 2 * label.size)
            if (label.size <= 0.8 * size and -0.3 * label.size <= gap <= 1.2 * label.size
                    and box.horizontal_overlap(span) > 0 and lined_up
                    and not _rule_separates(rules, box, span)):
                other.append(label)
                members.clear()
                break
    return [c for c in out if c]


def _right_under(block: TextBlock, headlines: Sequence[TextBlock]) -> bool:
    """``block`` sits right under a headline-sized block (within 1.2 of its own size),
    overlapping it: a subtitle set in the body face (——…), not a paragraph."""
    box = block.bbox
    return any(-0.3 * block.size <= box.top - h.bbox.bottom <= 1.2 * block.size
               and box.horizontal_overlap(h.bbox) > 0.5 * min(box.width, h.bbox.width)
               for h in headlines)


def _aligned_under(block: TextBlock, headline: Sequence[TextBlock]) -> bool:
    """``block`` lines up with the headline above it: centred under it, or flush with its
    left or right side (a subtitle does; a subhead at the top of a later column, under
    the headline's middle, does not)."""
    box, span = block.bbox, BBox.enclosing([b.bbox for b in headline])
    slack = 1.5 * block.size
    return (abs((box.x0 + box.x1) - (span.x0 + span.x1)) <= 2 * slack
            or abs(box.x0 - span.x0) <= slack or abs(box.x1 - span.x1) <= slack
            or box.width >= 0.8 * span.width)


def _opens_column(block: TextBlock, others: Sequence[TextBlock], body: float) -> bool:
    """``block`` starts flush with a column of body text that runs right under it (within
    two lines): it heads that column, as a subhead does."""
    box = block.bbox
    return any(abs(o.size - body) <= 0.1 * body and abs(o.bbox.x0 - box.x0) <= 0.3 * body
               and 0 <= o.bbox.top - box.bottom <= 2.5 * body and len(o.lines) >= 2
               for o in others)


def _beside_text(block: TextBlock, headline: Sequence[TextBlock],
                 others: Sequence[TextBlock], body: float) -> bool:
    """Body text under the headline runs level with ``block``, beside it, or stands
    between the headline and it: ``block`` heads a column or a part of the text (a
    subhead), not the whole article (a subtitle stands above all of its text)."""
    box = block.bbox
    span = BBox.enclosing([b.bbox for b in headline])
    for o in others:
        ob = o.bbox
        if (abs(o.size - body) <= 0.1 * body and ob.top >= span.bottom - 1
                and ob.bottom <= box.top + 1 and ob.horizontal_overlap(box) > 0):
            return True  # text between the headline and it: it heads a later part
        if (abs(o.size - body) <= 0.1 * body and ob.top >= span.bottom
                and ob.vertical_overlap(box) >= 0.5 * min(ob.height, box.height)
                and (ob.x1 <= box.x0 or ob.x0 >= box.x1)
                and ob.x0 >= span.x0 - body and ob.x1 <= span.x1 + body):
            return True
    return False


def _in_the_first_text_row(block: TextBlock, head_top: float, blocks: Sequence[TextBlock],
                           others: Sequence[TextBlock], body: float,
                           rules: Sequence[Rule]) -> bool:
    """A column of body text (two lines or more) starts level with ``block`` (its top
    within half a body size), a gutter beside it (within three body sizes, no rule
    between), with nothing over it in its column up to the head's top ``head_top``: the
    head stands centred over columns that start in this row, so ``block`` heads one of
    them (a subhead), not the whole article. (A neighbour's text level with a subtitle
    has its own head over it; a byline is one line.)"""
    box = block.bbox
    for o in others:
        ob = o.bbox
        if (abs(o.size - body) > 0.1 * body or abs(ob.top - box.top) > 0.5 * body
                or len(o.lines) < 2 or _rule_separates(rules, box, ob)
                or not 0 <= max(ob.x0 - box.x1, box.x0 - ob.x1) <= 3.0 * body):
            continue
        if not any(p is not o and p.bbox.horizontal_overlap(ob) > 0
                   and head_top - 1 <= p.bbox.bottom <= ob.top + 1 for p in blocks):
            return True
    return False


def _attach_labels(groups: list[HeadingGroup], others: Sequence[TextBlock], main_font: str,
                   body: float, rules: Sequence[Rule]) -> None:
    """A one-line label in another face right above a head (▨新聞１, 专栏名) is its kicker."""
    for g in groups:
        top = g.blocks[0] if g.kicker else g.headline[0]
        for b in others:
            if len(b.lines) != 1 or b.font == main_font or len(b.lines[0].glyphs) > 12:
                continue
            gap = top.bbox.top - b.bbox.bottom
            if (0 <= gap <= 1.2 * b.size and b.bbox.horizontal_overlap(top.bbox) > 0
                    and abs(b.bbox.x0 - top.bbox.x0) <= 2 * body
                    and not _rule_separates(rules, b.bbox, top.bbox)):
                g.kicker.insert(0, b)
                break


# Section numbers that open a heading inside a text: 一、 （二） 第三章 1、 2.1
_SECTION_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、．]|[（(][一二三四五六七八九十\d]{1,3}[)）]"
    r"|第[一二三四五六七八九十\d]{1,3}[章节部分]|\d{1,2}(?:\.\d{1,2})+\s|\d{1,2}[、．])")


def _section_head(block: TextBlock) -> bool:
    """One short line opening with a section number (一、引言, 2.1 Data): a heading that
    divides one text into sections, not the head of an article of its own."""
    return len(block.lines) == 1 and len(block.text) <= 24 and bool(
        _SECTION_NUMBER.match(block.text))


def _names_line(block: TextBlock) -> bool:
    """One short line of Han names or a byline (记者 张三), nothing else: a run of Han
    characters counts when it reads as names apart (the surname table; a phrase as long
    as a few names, 一些当地读者还给同伴做起了讲解, does not)."""
    text = block.text.replace(" ", "").replace("·", "")
    if len(block.lines) != 1 or not text:
        return False
    return is_byline(block.text) or (len(text) <= 16 and all(
        "\u4e00" <= ch <= "\u9fff" for ch in text) and (
            len(text) <= 4 or parse_byline(names_text(block.lines[0])) is not None
            or splits_into_names(text)))


def _surname_names(block: TextBlock, body: float) -> bool:
    """One line that the byline patterns accept, bare names checked against the surname
    table (王芳华; 诸葛超涛 上官成): a byline even when every head of the page sets its
    bylines alike (a style that recurs under heads, like kickers and subtitles). One
    name is set near body size; a line of several names (a journal's authors) may be
    larger."""
    if len(block.lines) != 1:
        return False
    parsed = parse_byline(names_text(block.lines[0]))
    return parsed is not None and (block.size <= 1.3 * body or len(parsed.names) >= 2)


def _names_rows(blocks: Sequence[TextBlock], body: float) -> list[TextBlock]:
    """Blocks that together make one row of names (letter-spaced authors set as
    separate pieces: 罗兴武 孙 萌 刘 洋), when the row reads as names."""
    found: list[TextBlock] = []
    rows: list[list[TextBlock]] = []
    for b in sorted(blocks, key=lambda b: (b.bbox.top, b.bbox.x0)):
        if len(b.lines) != 1:
            continue
        if rows and abs(rows[-1][0].bbox.top - b.bbox.top) <= 0.3 * b.size and abs(
                rows[-1][0].size - b.size) <= 0.05 * b.size:
            rows[-1].append(b)
        else:
            rows.append([b])
    for row in rows:
        if len(row) < 2:
            continue
        glyphs = tuple(g for b in row for g in b.lines[0].glyphs)
        if _surname_names(TextBlock([TextLine(glyphs)]), body):
            found += row
    return found


def _style(block: TextBlock) -> tuple[str, float]:
    return block.font, round(block.size * 2) / 2


def _secondary_styles(clusters: Sequence[Sequence[TextBlock]]) -> set[tuple[str, float]]:
    """Kicker/subtitle type: a style that sits beside bigger type in some cluster and
    recurs in two or more clusters (a page sets its kickers and subtitles alike, while
    headline sizes follow each headline)."""
    seen: Counter[tuple[str, float]] = Counter()
    smaller: set[tuple[str, float]] = set()
    for members in clusters:
        biggest = max(b.size for b in members)
        for style in {_style(b) for b in members}:
            seen[style] += 1
        smaller |= {_style(b) for b in members if b.size < biggest * 0.92}
    return {s for s in smaller if seen[s] >= 2}


def _body_font(blocks: Sequence[TextBlock], body: float) -> str:
    counts: Counter[str] = Counter()
    for b in blocks:
        if abs(b.size - body) < 0.3:
            counts[b.font] += b.chars
    return counts.most_common(1)[0][0] if counts else ""
