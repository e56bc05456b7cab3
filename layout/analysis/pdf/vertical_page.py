"""Pages with vertical text (直排), analysed region by region.

Takes a page's raw model, its vertical lines and the other glyphs
(:func:`layout.analysis.pdf.vertical.split_vertical`) and the settings; returns the pieces
of a :class:`~layout.analysis.pdf.page.PageAnalysis`: the horizontal text (running heads,
horizontal headlines, captions, horizontal articles of a mixed page) goes through the
horizontal stages in the page frame; the vertical lines go through the same stages in the
turned frame (``x' = top``, ``y' = width − x``: a vertical line reads left to right there,
lines follow each other top to bottom, a tier (段) is a column), so that lines right to
left within a tier, tiers top to bottom, paragraphs running on from the foot of one line
to the head of the next and from a tier's last line to the next tier's first, 2-character
indents, vertical headline groups (kicker at the right of the headline, subtitle at its
left) and the articles' extents come from the one set of rules. A horizontal headline
group with vertical text right under it heads that text: in the turned frame it stands in
as a placeholder right before the first line it covers. Photos go to the side whose text
is nearest. :func:`vertical_article` builds an article of vertical text and maps its boxes
back to the page frame; the model keeps page coordinates only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from layout.analysis.patterns import format_byline, is_byline, parse_byline
from layout.analysis.pdf.articles import build_article
from layout.analysis.pdf.blocks import TextBlock, join_drop_caps, lines_to_blocks
from layout.analysis.pdf.bylines import row_text
from layout.analysis.pdf.figures import Figure, attach_captions
from layout.analysis.pdf.furniture import FurnitureBlock, side_labels, split_furniture
from layout.analysis.pdf.line_geometry import head_blocks
from layout.analysis.pdf.lines import glyphs_to_lines, rotated_lines
from layout.analysis.pdf.ownership import (
    ArticleParts,
    Item,
    assign_items,
    item_box,
    vertical_rule_between,
)
from layout.analysis.pdf.photo_gaps import side_by_side_gaps
from layout.analysis.pdf.roles import (
    HeadingGroup,
    block_rows,
    body_font,
    body_size,
    heading_groups,
    heading_text,
)
from layout.analysis.pdf.text_line import TextLine
from layout.analysis.pdf.vertical import (
    VerticalLine,
    rotate_box,
    rotate_line,
    rotate_rule,
    unrotate_box,
)
from layout.budget import check_budget
from layout.ingest.raw import Glyph, RawPage
from layout.model import Article, BBox, Block, Role
from layout.settings import Settings


@dataclass
class TurnedArticle:
    """An article of vertical text: its parts in the turned frame, and the horizontal head
    (page frame) its placeholder head stands for, if any."""

    parts: ArticleParts
    page_head: HeadingGroup | None = None
    figures: dict[int, Figure] = field(default_factory=dict)  # id(turned proxy) -> figure
    width: float = 0.0

    @property
    def anchor(self) -> BBox:
        """Where the article starts on the page (its head, else its extent)."""
        if self.page_head is not None:
            return self.page_head.bbox
        box = self.parts.head.bbox if self.parts.head is not None else self.parts.bbox
        return unrotate_box(box, self.width)


@dataclass
class VerticalAnalysis:
    blocks: list[TextBlock]  # page-frame blocks (horizontal text)
    furniture: list[FurnitureBlock]
    figures: list[Figure]
    groups: list[HeadingGroup]  # horizontal heads of horizontal articles
    parts: list[ArticleParts]  # horizontal articles (page frame)
    turned: list[TurnedArticle]
    body_size: float
    body_font: str
    vertical_share: float  # share of the page's text glyphs in vertical lines



def _gap(a: BBox, b: BBox) -> float:
    return max(0.0, a.x0 - b.x1, b.x0 - a.x1) + max(0.0, a.top - b.bottom, b.top - a.bottom)


def _under(head: BBox, block: BBox, size: float) -> bool:
    """``block`` starts right under ``head`` (within 3 lines) and overlaps it."""
    overlap = min(head.x1, block.x1) - max(head.x0, block.x0)
    return (-0.5 * size <= block.top - head.bottom <= 3.0 * size
            and overlap >= 0.3 * min(head.width, block.width))


def _between(head: BBox, vertical: Sequence[BBox], nearest_v: float,
             blocks: Sequence[TextBlock], size: float) -> list[TextBlock]:
    """Short horizontal blocks (two lines at most) set between a horizontal head and the
    vertical text under it: under the head, or beside it yet over that vertical text
    (within its width), no lower than the vertical text's head."""
    x0, x1 = min(b.x0 for b in vertical), max(b.x1 for b in vertical)
    out = []
    for b in blocks:
        box = b.bbox
        if len(b.lines) > 2 or box.bottom > nearest_v + 0.5 * size:
            continue
        if _under(head, box, size):
            out.append(b)
        elif (box.top >= head.top - 0.5 * size and box.top - head.bottom <= 3.0 * size
              and box.x0 >= x0 - size and box.x1 <= x1 + size):
            out.append(b)
    return out


def _names_or_subtitle(head: HeadingGroup, between: Sequence[TextBlock]) -> None:
    """The head's byline candidates and the rows ``between`` it and its text: bylines
    when they read as names (a byline pattern, or names the surname table accepts), else
    its subtitle (a short Han line near body size, 报道刊发当天, names no one)."""
    rows = block_rows([*head.bylines, *between])
    head.bylines.clear()
    for row in rows:
        text = " ".join(b.text for b in row)
        named = is_byline(text) or _bare_names_apart(row)
        (head.bylines if named else head.subtitle).extend(row)


def _bare_names_apart(row: Sequence[TextBlock]) -> bool:
    """``row`` reads as bare names (the surname table) each set apart from the next, 2-4
    characters each (李非 黄婧): names printed together with no gap between them (全民保衛祖國
    splits as 全民保 衛祖國) are no byline a page prints (:func:`row_text`)."""
    spaced = row_text(row)
    parsed = parse_byline(spaced)
    return parsed is not None and (not parsed.bare or all(
        2 <= len(token) <= 4 for token in spaced.split()))


def _head_over(photo: BBox, heads: Sequence[HeadingGroup], size: float
               ) -> HeadingGroup | None:
    """The horizontal head right over ``photo`` (its foot within 3 lines above the photo,
    overlapping it across), if any: the photo is its article's."""
    over = [(photo.top - g.bbox.bottom, g) for g in heads
            if -0.5 * size <= photo.top - g.bbox.bottom <= 3.0 * size
            and g.bbox.horizontal_overlap(photo) >= 0.3 * min(g.bbox.width, photo.width)]
    return min(over, key=lambda dg: dg[0])[1] if over else None


def _tier_alongside(photo: BBox, vertical: Sequence[BBox], size: float) -> bool:
    """Vertical text (page frame) stands alongside ``photo`` in its tier: level with over
    half its height, a gutter away across (within two lines)."""
    return any(min(b.bottom, photo.bottom) - max(b.top, photo.top) >= 0.5 * photo.height
               and max(b.x0 - photo.x1, photo.x0 - b.x1) <= 3.0 * size for b in vertical)


def _set_in_tier(photo: BBox, vertical: Sequence[BBox], horizontal: Sequence[BBox],
                 size: float) -> bool:
    """``photo`` is set in a tier of vertical text (page frame): that text runs right above
    it across its width (within two lines, over 0.8 of its width), and no horizontal text
    stands right over or under it in its columns (over half the narrower width across).
    Horizontal text beside it, however near, is another article's column."""
    def adjacent(b: BBox, reach: float) -> bool:
        return (-0.5 * size <= photo.top - b.bottom <= reach
                or -0.5 * size <= b.top - photo.bottom <= reach)

    over = any(-0.5 * size <= photo.top - b.bottom <= 3.0 * size
               and b.horizontal_overlap(photo) >= 0.8 * photo.width for b in vertical)
    return over and not any(adjacent(b, 3.0 * size) and b.horizontal_overlap(photo)
                            >= 0.5 * min(b.width, photo.width) for b in horizontal)


def _not_under_heads_beside(photo: BBox, heads: Sequence[HeadingGroup],
                            blocks: Sequence[TextBlock], size: float) -> list[TextBlock]:
    """``blocks`` less those under a horizontal head that ``photo`` stands beside (its top
    above the head's foot, no overlap across): a horizontal article lies under its head,
    so a photo level with the head beside its text is not in its columns (it ends the
    vertical text of its tier)."""
    beside = [g.bbox for g in heads if photo.top < g.bbox.bottom - 0.5 * size
              and photo.bottom > g.bbox.top and g.bbox.horizontal_overlap(photo) <= 0]
    return [b for b in blocks if not any(
        b.bbox.top >= head.top and b.bbox.horizontal_overlap(head) > 0 for head in beside)]


def _bylines_join_heads(parts: list[ArticleParts], size: float,
                        stand_ins: Sequence[HeadingGroup] = ()) -> None:
    """Byline lines left untitled (turned frame) join the head right above them (a vertical
    byline set at the foot of the tier does not overlap a short headline, yet follows it)
    or the stand-in of a horizontal head right below them (a byline set right of the first
    line under a horizontal headline); so does a byline another article took that stands
    right before one of ``stand_ins`` (:func:`_bylines_before_stand_ins`)."""
    heads = [p for p in parts if p.head is not None]
    _bylines_before_stand_ins(heads, stand_ins, size)
    orphans = next((p for p in parts if p.head is None), None)
    if orphans is None or not heads:
        return
    for item in list(orphans.items):
        if not isinstance(item, TextBlock) or len(item.lines) > 2 or not is_byline(item.text):
            continue
        box = item.bbox
        near = [(box.top - p.head.bbox.bottom, p) for p in heads
                if -0.5 * size <= box.top - p.head.bbox.bottom <= 3.0 * size
                and p.head.bbox.x0 - size <= box.x1 and box.x0 <= p.bbox.x1 + size]
        # a byline set before the first line under a horizontal head (its stand-in)
        near += [(p.head.bbox.top - box.bottom, p) for p in heads
                 if -0.5 * size <= p.head.bbox.top - box.bottom <= 3.0 * size
                 and p.head.bbox.horizontal_overlap(box) > 0]
        if near:
            min(near, key=lambda dp: dp[0])[1].items.append(item)
            orphans.items.remove(item)
    if not orphans.items:
        parts.remove(orphans)



def _bylines_before_stand_ins(heads: list[ArticleParts], stand_ins: Sequence[HeadingGroup],
                              size: float) -> None:
    """A byline (turned frame) set right before the stand-in of a horizontal head (within
    3 lines before it, overlapping it across: the byline right of the first line under
    that head, on the page) nearer to it than to any other item of the article that took
    it (ownership spreads down a column, through a photo, to a byline past that article's
    last line) goes to the stand-in's article."""
    ids = {id(s) for s in stand_ins}
    by_stand_in = {id(p.head): p for p in heads if id(p.head) in ids}
    for part in heads:
        for item in list(part.items):
            if not isinstance(item, TextBlock) or len(item.lines) > 2 \
                    or not is_byline(item.text):
                continue
            box = item.bbox
            near = [(s.bbox.top - box.bottom, p) for p in by_stand_in.values()
                    if p is not part and (s := p.head) is not None
                    and -0.5 * size <= s.bbox.top - box.bottom <= 3.0 * size
                    and s.bbox.horizontal_overlap(box) > 0]
            if not near:
                continue
            gap, owner = min(near, key=lambda dp: dp[0])
            own_gap = min((_gap(box, item_box(i)) for i in part.items if i is not item),
                          default=float("inf"))
            if max(gap, 0.0) < own_gap:
                part.items.remove(item)
                owner.items.append(item)


def _photos_follow_heads(parts: list[ArticleParts], headed: dict[int, int],
                         page_heads: dict[int, HeadingGroup], proxies: dict[int, Figure],
                         size: float, width: float) -> None:
    """Photos in the turned frame go with the article their page geometry says, wherever
    the nearest-text rule put them: one right under a horizontal head over vertical text
    (``headed``: id(photo proxy) -> id(head)) to that head's article (a photo at the left
    of its article lies nearer the next article's first line than its own text); one that
    stands beside the horizontal head of the article it went to (its top above the head's
    foot, no overlap across: that article lies under its head) to the article it does not
    stand beside whose text stands beside it in its tier (:func:`_beside_in_tier`).
    ``page_heads``: id(stand-in) -> the horizontal head."""
    by_head = {id(p.head): p for p in parts if p.head is not None}
    stand_in_of = {id(g): k for k, g in page_heads.items()}

    def beside(part: ArticleParts, photo: BBox) -> bool:
        head = page_heads.get(id(part.head)) if part.head is not None else None
        return head is not None and photo.top < head.bbox.bottom - 0.5 * size \
            and head.bbox.horizontal_overlap(photo) <= 0

    for part in list(parts):
        for item in list(part.items):
            if id(item) not in proxies:
                continue
            head = headed.get(id(item))
            owner = by_head.get(stand_in_of.get(head, -1)) if head is not None else None
            photo = proxies[id(item)].bbox
            if owner is None and beside(part, photo):
                owner = _beside_in_tier(photo, [p for p in parts if p is not part
                                                and p.head is not None
                                                and not beside(p, photo)], item, width)
            if owner is None or owner is part:
                continue
            part.items.remove(item)
            owner.items.append(item)
        if not part.items and part.head is None:
            parts.remove(part)


def _beside_in_tier(photo: BBox, parts: Sequence[ArticleParts], proxy: Item, width: float
                    ) -> ArticleParts | None:
    """Of ``parts`` (turned frame), the one with text beside ``photo`` (page frame) in its
    tier, over half the photo's height alongside it, the nearest across; else the one
    nearest the photo at all."""
    def boxes(part: ArticleParts) -> list[BBox]:
        return [unrotate_box(i.bbox, width) for i in part.items if i is not proxy]

    def alongside(box: BBox) -> bool:
        return min(box.bottom, photo.bottom) - max(box.top, photo.top) >= 0.5 * photo.height

    level = [(min(max(0.0, b.x0 - photo.x1, photo.x0 - b.x1) for b in bs), k)
             for k, p in enumerate(parts) if (bs := [b for b in boxes(p) if alongside(b)])]
    near = level or [(min(_gap(photo, b) for b in bs), k)
                     for k, p in enumerate(parts) if (bs := boxes(p))]
    return parts[min(near)[1]] if near else None


def _placeholder(head: HeadingGroup, below: Sequence[TextBlock], width: float) -> HeadingGroup:
    """A turned-frame stand-in for a horizontal head: a thin box right before the first
    (rightmost) line of the vertical blocks ``below`` it, spanning their lengths."""
    boxes = [b.bbox for b in below]  # turned frame
    top = min(b.top for b in boxes)
    size = head.headline[0].size
    ghost = Glyph("", min(b.x0 for b in boxes), top - 2.0, max(b.x1 for b in boxes),
                  top - 1.0, size, head.headline[0].font)
    return HeadingGroup([TextBlock([TextLine((ghost,))])], [], [])


def analyze_vertical_page(raw: RawPage, vertical: list[VerticalLine], rest: list[Glyph],
                          settings: Settings) -> VerticalAnalysis:
    pdf = settings.pdf
    width = raw.width
    photos = [im for im in raw.images if im.area < 0.6 * raw.width * raw.height]
    upright = [g for g in rest if g.upright]
    turned_runs = rotated_lines([g for g in rest if not g.upright])
    lines = glyphs_to_lines(upright, raw.rules, gap_em=pdf.line_gap,
                            latin_gap_em=pdf.latin_gap, max_gap_em=pdf.max_line_gap,
                            photo_gaps=side_by_side_gaps(photos), photos=photos)
    blocks = join_drop_caps(lines_to_blocks(lines, raw.rules, max_gap_em=pdf.block_gap))
    check_budget()
    content, furniture = split_furniture(blocks, raw.rules, raw.width, raw.height)
    labels, turned_text = side_labels(turned_runs)
    furniture += labels
    blocks += [f.block for f in labels]
    content += turned_text
    t_rules = [rotate_rule(r, width) for r in raw.rules]
    t_lines = [rotate_line(v, width) for v in vertical]
    t_blocks = lines_to_blocks(t_lines, t_rules, max_gap_em=pdf.block_gap)
    check_budget()
    size = body_size([*content, *t_blocks])
    font = body_font([*content, *t_blocks], size)
    groups = heading_groups(content, size, raw.rules, pdf.headline_ratio)
    t_groups = heading_groups(t_blocks, size, t_rules, pdf.headline_ratio)
    for g in t_groups:
        _names_or_subtitle(g, [])
    heading_ids = {id(b) for g in groups for b in g.blocks}
    t_heading_ids = {id(b) for g in t_groups for b in g.blocks}
    figures = attach_captions(photos, content, heading_ids, (font, size))
    caption_ids = {id(c) for f in figures for c in f.captions}
    body = [b for b in content if id(b) not in heading_ids and id(b) not in caption_ids]
    t_body = [b for b in t_blocks if id(b) not in t_heading_ids]
    t_page_boxes = {id(b): unrotate_box(b.bbox, width) for b in t_body}
    # horizontal heads over vertical text head it
    over_vertical: list[tuple[HeadingGroup, list[TextBlock]]] = []
    own: list[HeadingGroup] = []
    for g in groups:
        box = g.bbox
        below_v = [b for b in t_body if _under(box, t_page_boxes[id(b)], size)]
        below_h = [b for b in body if _under(box, b.bbox, size)]
        nearest_v = min((t_page_boxes[id(b)].top for b in below_v), default=None)
        # horizontal text between the head and vertical text: a byline, a subtitle (set
        # under the head, or beside it over the vertical text: a byline flush right)
        between = [] if nearest_v is None else _between(
            box, [t_page_boxes[id(b)] for b in below_v], nearest_v, body, size)
        nearest_h = min((b.bbox.top for b in below_h if b not in between), default=None)
        if nearest_v is not None and (nearest_h is None or nearest_v <= nearest_h):
            _names_or_subtitle(g, between)
            body = [b for b in body if b not in between]
            over_vertical.append((g, below_v))
        else:
            own.append(g)
    # photos go with the text of the head right over them, else with the nearest text
    h_items: list[Item] = list(body)
    t_items: list[Item] = list(t_body)
    proxies: dict[int, Figure] = {}
    headed: dict[int, int] = {}  # id(proxy) -> id(the horizontal head right over its photo)
    vertical_heads = {id(g) for g, _ in over_vertical}
    for fig in figures:
        box = BBox.enclosing([fig.bbox, *(c.bbox for c in fig.captions)])
        near_v = min((_gap(box, t_page_boxes[id(b)]) for b in t_body), default=float("inf"))
        h_near = _not_under_heads_beside(fig.bbox, own, body, size) if _tier_alongside(
            fig.bbox, [t_page_boxes[id(b)] for b in t_body], size) else body
        # horizontal text a vertical rule walls off from the photo is no neighbour of it
        near_h = min((_gap(box, b.bbox) for b in h_near
                      if not vertical_rule_between(raw.rules, fig.bbox, b.bbox)),
                     default=float("inf"))
        over = _head_over(fig.bbox, groups, size)
        in_tier = over is None and _set_in_tier(
            fig.bbox, [t_page_boxes[id(b)] for b in t_body], [b.bbox for b in body], size)
        if (id(over) in vertical_heads) if over is not None else (in_tier or near_v <= near_h):
            proxy = Figure(rotate_box(fig.bbox, width),
                           [TextBlock(c.lines, _box=rotate_box(c.bbox, width))
                            for c in fig.captions])
            proxies[id(proxy)] = fig
            if over is not None:
                headed[id(proxy)] = id(over)
            t_items.append(proxy)
        else:
            h_items.append(fig)
    check_budget()
    parts = assign_items(own, h_items, raw.rules, size) if (own or h_items) else []
    stand_ins = [_placeholder(g, below, width) for g, below in over_vertical]
    t_parts = assign_items([*t_groups, *stand_ins], t_items, t_rules, size, short_last=True,
                           turned=True) if (t_groups or stand_ins or t_items) else []
    _bylines_join_heads(t_parts, size, stand_ins)
    page_heads = {id(s): g for s, (g, _) in zip(stand_ins, over_vertical, strict=True)}
    _photos_follow_heads(t_parts, headed, page_heads, proxies, size, width)
    turned = []
    for p in t_parts:
        page_head = page_heads.get(id(p.head)) if p.head is not None else None
        if page_head is not None:
            p = ArticleParts(None, p.items)
            if not p.items:
                parts.append(ArticleParts(page_head))  # nothing under it after all
                continue
        mine = {id(i): proxies[id(i)] for i in p.items if id(i) in proxies}
        turned.append(TurnedArticle(p, page_head, mine, width))
    v_glyphs = sum(len(v.glyphs) for v in vertical)
    share = v_glyphs / max(1, v_glyphs + len(rest))
    page_blocks = blocks + [TextBlock(list(b.lines), _box=unrotate_box(b.bbox, width))
                            for b in t_blocks]
    all_groups = groups
    return VerticalAnalysis(page_blocks, furniture, figures, all_groups, parts, turned, size,
                            font, share)


def _unrotated_lines(block: Block, width: float) -> tuple:
    return tuple(replace(ln, bbox=unrotate_box(ln.bbox, width)) if ln.bbox is not None
                 else ln for ln in block.lines)


def vertical_article(article: TurnedArticle, article_id: str, body_font: str,
                     size: float) -> Article:
    """The model article of vertical text, its boxes on the page."""
    width = article.width
    for proxy_id, fig in article.figures.items():  # photos cropped meanwhile
        for item in article.parts.items:
            if id(item) == proxy_id and isinstance(item, Figure):
                item.image = fig.image
    built = build_article(article.parts, article_id, body_font, size)
    blocks = []
    for b in built.blocks:
        box = unrotate_box(b.bbox, width) if b.bbox is not None else None
        if b.role is Role.CAPTION:  # caption lines are horizontal: already on the page
            blocks.append(replace(b, bbox=box))
        else:
            blocks.append(replace(b, bbox=box, lines=_unrotated_lines(b, width)))
    heads = [replace(b, bbox=unrotate_box(b.bbox, width) if b.bbox is not None else None,
                     lines=_unrotated_lines(b, width)) for b in built.head_blocks]
    head = article.page_head
    headline, kicker, subtitle = built.headline, built.kicker, built.subtitle
    bylines = list(built.bylines)
    boxes = [unrotate_box(built.bbox, width)] if built.bbox is not None else []
    if head is not None:
        headline = heading_text(head.headline) or None
        kicker = heading_text(head.kicker) if head.kicker else None
        subtitle = heading_text(head.subtitle) if head.subtitle else None
        byline_rows = block_rows(head.bylines)  # (one line of names cut by wide gaps)
        rows = [format_byline(" ".join(ln.text for b in row for ln in b.lines))
                for row in byline_rows]
        bylines = rows + bylines
        heads = [*head_blocks(head, byline_rows), *heads]
        boxes.append(head.bbox)
    return replace(built, headline=headline, kicker=kicker or None, subtitle=subtitle or None,
                   bylines=tuple(bylines), blocks=tuple(blocks), head_blocks=tuple(heads),
                   bbox=BBox.enclosing(boxes) if boxes else None)
