"""Articles: one heading group's items made into a :class:`layout.model.Article`.

Takes the :class:`~layout.analysis.pdf.ownership.ArticleParts` of one article (its head
and the items :func:`~layout.analysis.pdf.ownership.assign_items` gave it) and the
page's body style (:func:`build_article`); returns the article. Items are read column
by column (XY-cut, vertical first); bylines are pulled out first
(:mod:`layout.analysis.pdf.bylines`); lines become paragraphs
(:mod:`layout.analysis.pdf.paragraphs`); short text in another face or colour becomes a
subhead; a dateline set apart opens the first paragraph, and its names join the bylines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from layout.analysis.jumps import split_jump_markers
from layout.analysis.patterns import continuation_marker, format_byline, is_byline, split_dateline
from layout.analysis.pdf.blocks import TextBlock
from layout.analysis.pdf.bylines import (
    bare_names_line,
    block_text,
    dateline_bylines,
    join_role_rows,
    leading_bylines,
    names_under_role,
    opens_with_dateline,
    row_text,
    rows_of,
    whole_dateline,
)
from layout.analysis.pdf.figures import Figure
from layout.analysis.pdf.line_geometry import head_blocks, model_lines
from layout.analysis.pdf.name_runs import names_text
from layout.analysis.pdf.ownership import ArticleParts, Item, item_box
from layout.analysis.pdf.paragraphs import lines_text, paragraph_lines
from layout.analysis.pdf.roles import heading_text
from layout.analysis.pdf.text import body_text
from layout.analysis.reading_order import xy_cut
from layout.model import Article, BBox, Block, Role


def _has_paragraph(blocks: Sequence[Block]) -> bool:
    return any(b.role is Role.PARAGRAPH for b in blocks)


def _order(items: Sequence[Item]) -> list[Item]:
    order = xy_cut([item_box(i) for i in items], horizontal_first=False,
                   min_row_gap=_leading_gap(items))
    return [items[k] for k in order]


def _leading_gap(items: Sequence[Item]) -> float:
    """The space between the lines of the items' text (the median gap from one line's
    foot to the next one's top, plus a quarter em): a band no wider lies between two
    lines of running text, not between parts of an article (0 with too few lines)."""
    pairs = sorted((b.top - a.bottom, b.size) for item in items
                   if isinstance(item, TextBlock)
                   for a, b in zip(item.lines, item.lines[1:], strict=False)
                   if b.top > a.bottom)
    if len(pairs) < 3:
        return 0.0
    gap, size = pairs[len(pairs) // 2]
    return gap + 0.25 * size

def _article_body_style(items: Sequence[Item], page_font: str,
                        page_size: float) -> tuple[str, float]:
    """The (font, size) most of an article's body characters are set in (articles of one
    page may use different faces); the page's body style when the article has no text."""
    counts: Counter[tuple[str, float]] = Counter()
    for item in items:
        if isinstance(item, TextBlock):
            for ln in item.lines:
                counts[(ln.font, round(ln.size * 2) / 2)] += len(ln.glyphs)
    if not counts:
        return page_font, page_size
    (font, _), _ = counts.most_common(1)[0]
    sizes: Counter[float] = Counter()
    for item in items:
        if isinstance(item, TextBlock):
            for ln in item.lines:
                if ln.font == font:
                    sizes[ln.size] += len(ln.glyphs)
    return font, sizes.most_common(1)[0][0]


def _ink(blocks: Sequence[TextBlock]) -> tuple[float, ...] | None:
    """The fill colour most glyphs of ``blocks`` are printed in (None: not known)."""
    counts = Counter(g.color for b in blocks for ln in b.lines for g in ln.glyphs)
    return counts.most_common(1)[0][0] if counts else None


def build_article(parts: ArticleParts, article_id: str, body_font: str,
                  body_size: float, compounds: frozenset[str] = frozenset()) -> Article:
    """One :class:`Article` from its head and items; ``compounds``: the second parts of
    the page's hyphenated compounds (a line-end hyphen before one stays,
    :func:`~layout.analysis.pdf.text_line.compound_ends`)."""
    head = parts.head
    body_font, body_size = _article_body_style(parts.items, body_font, body_size)
    byline_blocks = leading_bylines(parts.items, body_font, body_size)
    ordered = _order([i for i in parts.items if not any(i is b for b in byline_blocks)])
    text_blocks = [i for i in ordered if isinstance(i, TextBlock)]
    body_ink = _ink(text_blocks)
    out: list[Block] = []
    head_bylines = head.bylines if head is not None else []
    byline_rows = join_role_rows(rows_of([*head_bylines, *byline_blocks]), body_size)
    bylines: list[str] = [format_byline(row_text(row)) for row in byline_rows]
    continuations: list[str] = []
    pending: list[TextBlock] = []
    deferred: list[Block] = []
    lead: str | None = None  # a dateline set apart, waiting for its paragraph

    def flush() -> None:
        nonlocal lead
        for lines in paragraph_lines(pending, text_blocks):
            text = lines_text(lines, compounds)
            if not text:
                continue
            text, markers = split_jump_markers(text)
            continuations.extend(markers)
            if not text:
                continue
            marker = continuation_marker(text)
            if marker and len(text) <= len(marker) + 6:
                continuations.append(text)
                continue
            if not _has_paragraph(out) and not bylines and is_byline(text):
                bylines.append(format_byline(text))
                continue
            if (not _has_paragraph(out) and not bylines and len(lines) == 1
                    and bare_names_line(TextBlock(list(lines)), body_size)):
                bylines.append(format_byline(names_text(lines[0])))  # atop the text
                continue
            if lead is not None and not _has_paragraph(out):
                text, lead = lead + text, None
            box = BBox.enclosing([ln.bbox for ln in lines])
            out.append(Block(Role.PARAGRAPH, text=text, bbox=box, lines=model_lines(lines)))
        pending.clear()
        out.extend(deferred)
        deferred.clear()

    for item in ordered:
        if isinstance(item, Figure):
            fig_blocks = [Block(Role.FIGURE, bbox=item.bbox, image=item.image)]
            caption, credit = item.caption_and_credit()
            if caption is not None or credit is not None:
                cap_box = BBox.enclosing([c.bbox for c in item.captions])
                fig_blocks.append(Block(Role.CAPTION, text=caption or "", bbox=cap_box,
                                        credit=credit, lines=model_lines(
                                            [ln for c in item.captions for ln in c.lines])))
            (deferred if pending else out).extend(fig_blocks)
            continue
        text = block_text(item)
        # (a label in the body's face and size but another colour: 投资要点 in brown)
        body_like = (item.font == body_font and abs(item.size - body_size) <= 0.6
                     and _ink([item]) == body_ink)
        opened = "".join(block_text(p) for p in pending)
        if (pending and not _has_paragraph(out) and opened.count("（") > opened.count("）")
                and opens_with_dateline(opened)):
            pending.append(item)  # the names inside a dateline broken over lines
            continue
        if is_byline(text) and len(item.lines) <= 2:
            flush()
            bylines.append(format_byline(text))
            byline_rows.append([item])
            continue
        if (bylines and not pending and not _has_paragraph(out)
                and names_under_role([item], byline_rows[-1], bylines[-1], body_size)):
            bylines[-1] = format_byline(bylines[-1] + " " + names_text(item.lines[0]))
            byline_rows[-1].append(item)
            continue
        if (not bylines and not pending and not _has_paragraph(out)
                and bare_names_line(item, body_size)):
            bylines.append(format_byline(names_text(item.lines[0])))
            byline_rows.append([item])
            continue
        if (not body_like and lead is None and not _has_paragraph(out)
                and whole_dateline(text)):
            flush()  # (a jump marker above it: （上接第2版）)
            if not _has_paragraph(out):
                lead = body_text(text)  # 本报讯（记者 …） in a face of its own, then text
                continue
        if (not body_like and len(item.lines) <= 4 and len(text) <= 40  # (narrow columns)
                and not (not _has_paragraph(out) and opens_with_dateline(text))):
            flush()
            out.append(Block(Role.SUBHEAD, text=body_text(text), bbox=item.bbox,
                             lines=model_lines(item.lines)))
            continue
        pending.append(item)
    flush()
    if lead is not None:  # a dateline no paragraph followed stays as text
        out.append(Block(Role.PARAGRAPH, text=lead))

    dateline = None
    first_para = next((k for k, b in enumerate(out) if b.role is Role.PARAGRAPH), None)
    if first_para is not None:
        split = split_dateline(out[first_para].text or "")
        if split is not None and split[1]:
            dateline = split[0]
            out[first_para] = replace(out[first_para], text=split[1])
            dateline_bylines(dateline, bylines)
    kicker = heading_text(head.kicker) if head and head.kicker else None
    subtitle = heading_text(head.subtitle) if head and head.subtitle else None
    headline = heading_text(head.headline) if head else None
    return Article(
        id=article_id, headline=headline or None, kicker=kicker or None,
        subtitle=subtitle or None, bylines=tuple(bylines), dateline=dateline,
        blocks=tuple(out), bbox=parts.bbox, continuations=tuple(continuations),
        head_blocks=head_blocks(head, byline_rows),
    )


def title_opening_line(article: Article, body_size: float) -> Article:
    """``article`` with the short line set apart that opens its text as its headline, when
    that line (a subhead by its face) stands above all of its paragraphs, centred over
    them and in from their left edge: a page of plain text with no heading type (a book,
    a report, a retyped article) prints its title so (第六章、…); a subhead inside a
    text follows text, or stands flush or indented at the column's left. Only for a
    page with no head at all (the caller's test); else ``article`` unchanged."""
    blocks = article.blocks
    paragraphs = [b for b in blocks if b.role is Role.PARAGRAPH and b.bbox is not None]
    if (article.headline or not blocks or blocks[0].role is not Role.SUBHEAD
            or blocks[0].bbox is None or not paragraphs):
        return article
    line, text = blocks[0].bbox, BBox.enclosing([b.bbox for b in paragraphs])
    centred = abs((line.x0 + line.x1) - (text.x0 + text.x1)) <= 3 * body_size
    if not (centred and line.x0 - text.x0 >= 2 * body_size
            and line.bottom <= min(b.bbox.top for b in paragraphs) + 1):
        return article
    head = Block(Role.HEADLINE, bbox=line, lines=blocks[0].lines)
    return replace(article, headline=blocks[0].text, blocks=blocks[1:],
                   head_blocks=(head, *article.head_blocks))
