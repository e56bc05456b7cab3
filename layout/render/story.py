"""Turn the document model into a platypus story (a list of flowables) in reading order.

Takes issues, a theme, a font set and the column width; returns flowables: for each page (版)
an outline anchor, for each article an anchor, its headline group (kicker, headline, subtitle,
bylines, dateline; a byline the dateline already credits is printed once, in the dateline)
kept together with the first two lines of the body, then its blocks in order (on one-column
pages decided when the build reaches the article: a ``Deferred`` run, so that the first
paragraph may be typeset by another process meanwhile).
Subheads are kept with the next paragraph's first two lines (also deferred); figures are
scaled to the column and kept with their caption and credit
(an undecodable image leaves its caption only).
An article's continuation markers (转第N版) close it in small type. Furniture blocks are
not drawn here: page furniture becomes the running header (:func:`paper_name`,
:func:`page_label`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from reportlab.platypus import KeepTogether
from reportlab.platypus.flowables import Flowable, Spacer

from layout.model import Article, Block, FurnitureKind, Issue, Page, Role
from layout.render.columns import ColumnSpread
from layout.render.flowables import (
    Anchor,
    Deferred,
    TextBlock,
    TocNumbers,
    TocRow,
    figure_or_none,
)
from layout.render.fonts import FontSet
from layout.render.glyphs import FIXED_SPACE, Measure
from layout.render.styles import Theme
from layout.render.vertical import VerticalMeasure
from layout.settings import RenderSettings

BALANCED_ROLES = frozenset({"kicker", "headline", "subtitle", "subhead", "toc_title"})
TEXT_ROLES = {Role.PARAGRAPH: "paragraph", Role.SUBHEAD: "subhead", Role.CAPTION: "caption",
              Role.CREDIT: "credit", Role.BYLINE: "byline", Role.KICKER: "kicker",
              Role.HEADLINE: "headline", Role.SUBTITLE: "subtitle"}


PAPER_NAME = re.compile(r"[\u4e00-\u9fff]{1,10}报")
NAME_DATE = re.compile(r"(?:19|20)\d\d[-_.]?\d\d[-_.]?\d\d")  # in a file or folder name
DATE_TEXT = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期[一二三四五六日天])?")


def _unfolded(flowables: list[Flowable], count: int) -> list[Flowable]:
    """``flowables`` with the :class:`Deferred` among the first ``count`` unfolded."""
    out = list(flowables)
    k = 0
    while k < min(count, len(out)):
        if isinstance(out[k], Deferred):
            out[k:k + 1] = out[k].unfold()
        else:
            k += 1
    return out


def paper_name(issue: Issue) -> str:
    """The paper's title: the issue's, else a name ending in 报 in the page furniture
    (masthead first, then header and date lines), else the source file's stem without the
    date in it (the folder above when the stem is only a date: the date is printed anyway)."""
    if issue.title:
        return issue.title
    order = (FurnitureKind.MASTHEAD, FurnitureKind.PAGE_HEADER, FurnitureKind.DATE)
    furniture = sorted((block for page in issue.pages for block in page.furniture
                        if block.kind in order and block.text),
                       key=lambda block: order.index(block.kind))
    for block in furniture:
        match = PAPER_NAME.search(DATE_TEXT.sub(" ", block.text))
        if match:
            return match.group(0)
    source = Path(issue.source)
    for name in (source.stem, source.parent.name):  # 周口日报/2024-01-15/ -> 周口日报
        undated = NAME_DATE.sub("", name).strip(" -_.")
        if undated:
            return undated
    return source.stem


def page_label(page: Page) -> str:
    """第N版 and the section: the page's edition when it names one, else its number."""
    edition = (page.edition or "").strip()
    if "版" in edition:
        label = edition
    elif edition.isdigit():
        label = f"第{int(edition)}版"
    elif re.fullmatch(r"[A-Za-z]\d+", edition):  # A10 -> A10版
        label = f"{edition.upper()}版"
    else:
        label = f"第{page.number}版"
    return f"{label} {page.section}" if page.section and page.section not in label else label


def issue_label(issue: Issue) -> str:
    return " ".join(part for part in (paper_name(issue), issue.date) if part)


def dateline_text(dateline: str) -> str:
    """The dateline as set: each space of its credit (记者 姬慧洋) a fixed, drawn en space,
    so that a justified line neither stretches it nor breaks there."""
    return re.sub(r"\s+", FIXED_SPACE, dateline.strip())


def bylines_to_print(article: Article) -> list[str]:
    """The bylines that the dateline does not already credit: 本报讯（记者 姬慧洋）
    prints the credit once, in the dateline, not again as a byline above it."""
    credit = re.sub(r"\s+", "", article.dateline or "")
    return [line for line in article.bylines
            if not credit or re.sub(r"\s+", "", line) not in credit]


def article_label(article: Article) -> str:
    if article.headline:
        return article.headline
    for block in article.blocks:
        if block.text:
            return block.text[:20] + ("…" if len(block.text) > 20 else "")
    return article.id


class StoryBuilder:
    """Builds flowables for one rendering (one theme, font set and column width)."""

    def __init__(self, theme: Theme, fonts: FontSet, column_width: float,
                 column_height: float, set_header: Callable[[str, str], None],
                 record: Callable[[str, int], None],
                 settings: RenderSettings | None = None, columns: int = 1,
                 gap: float = 0.0) -> None:
        self.theme, self.fonts, self.width = theme, fonts, column_width
        self.columns, self.gap = columns, gap
        self.settings = settings or RenderSettings()
        self.column_height = column_height
        self.figure_height = theme.figure_max_height * column_height
        self.set_header, self.record = set_header, record
        self._measures: dict[str, Measure] = {}
        self.vertical = self.settings.writing_mode == "vertical"  # set down columns
        self.base_dir: Path | None = None  # figures' relative paths start here

    def measure(self, role: str) -> Measure:
        if role not in self._measures:
            style = self.theme[role]
            size = style.size
            if role == "dateline":  # set run-in, at the body size, in its own face
                size = self.theme["paragraph"].size
            kind = VerticalMeasure if self.vertical else Measure
            self._measures[role] = kind(
                self.fonts, getattr(self.fonts, style.face), size,
                han_latin_gap_em=self.settings.han_latin_gap,
                compression_em=self.settings.punctuation_compression)
        return self._measures[role]

    def text(self, role: str, text: str) -> TextBlock:
        return TextBlock(text, self.theme[role], self.measure(role),
                         headline=role in BALANCED_ROLES)

    def _marker(self, key: str, title: str | None, level: int,
                header: tuple[str, str] | None) -> Anchor:
        def on_draw(anchor_key: str, page: int) -> None:
            self.record(anchor_key, page)
            if header is not None:
                self.set_header(*header)
        return Anchor(key, title, level, on_draw)

    def issue(self, issue: Issue, index: int, nested: bool) -> list[Flowable]:
        story: list[Flowable] = []
        level = 0
        if nested:
            story.append(self._marker(f"issue{index}", issue_label(issue), 0, None))
            level = 1
        paper = paper_name(issue)
        source = Path(issue.source)
        self.base_dir = source.parent if source.exists() else None
        for page in issue.pages:
            right = " ".join(part for part in (issue.date, page_label(page)) if part)
            key = f"i{index}-p{page.number}"
            story.append(self._marker(key, page_label(page), level, (paper, right)))
            for article in page.articles:
                story += self.article(article, f"{key}-{article.id}", level + 1)
            loose = self.blocks(page.blocks)
            if loose and self.columns == 2:
                loose = [ColumnSpread([], loose, self.gap, rule=self.theme.article_rule,
                                      group_limit=self.column_height)]
            story += loose
        return story

    def article(self, article: Article, key: str, level: int) -> list[Flowable]:
        """The headline group kept with the body's first lines, then the rest of the body.

        On two-column pages the headline group spans both columns (:class:`ColumnSpread`).
        """
        head: list[Flowable] = [self._marker(key, article_label(article), level, None)]
        for role, value in (("kicker", article.kicker), ("headline", article.headline),
                            ("subtitle", article.subtitle)):
            if value:
                head.append(self.text(role, value))
        bylines = bylines_to_print(article)
        if bylines:
            head.append(self.text("byline", " ".join(bylines)))
        body = self.blocks(article.blocks)
        # jump markers (转第2版, 上接第1版) refer to the print edition: kept, small, at the end
        body += [self.text("continuation", marker) for marker in article.continuations]
        if article.dateline:
            dateline = dateline_text(article.dateline)
            first = body[0] if body else None
            if (isinstance(first, TextBlock) and first.style is self.theme["paragraph"]
                    and first.lines is None):  # run the dateline into the first paragraph
                first.lead = (dateline, self.measure("dateline"))
            else:
                head.append(self.text("dateline", dateline))
        end_space = self.theme.body.line_height
        if self.columns == 2:
            self._cut_first(body)
            # a head that does not span the columns (none, or set flush left) gets a rule
            # across them, so the spread reads as a new story, not as more of the columns
            spans = any(isinstance(item, TextBlock) and item.style.align == "center"
                        for item in head)
            return [ColumnSpread(head, body, self.gap, space_after=end_space,
                                 rule=0.0 if spans else self.theme.article_rule,
                                 group_limit=self.column_height)]
        # decided when the build reaches it, so that the first paragraph can be typeset by
        # another process meanwhile (--jobs)
        return [Deferred([*head, *body], partial(self._kept_head, len(head))),
                Spacer(1, end_space)]

    def _cut_first(self, body: list[Flowable]) -> None:
        """The body's first flowable a paragraph cut after the lines kept with a heading."""
        if body and isinstance(body[0], TextBlock) and not body[0].headline:
            body[0:1] = body[0].head_and_rest(self.width, self.settings.keep_lines)

    def _kept_head(self, heads: int, content: list[Flowable]) -> list[Flowable]:
        """An article's head (the first ``heads`` flowables of ``content``) kept together
        with the first lines of its body (the rest), then the rest of the body."""
        head, body = list(content[:heads]), _unfolded(content[heads:], 1)
        self._cut_first(body)
        if body and isinstance(body[0], KeepTogether):
            head += body.pop(0)._content
            body = _unfolded(body, 1)
        if body:
            head.append(body.pop(0))
        return [KeepTogether(head), *body]

    def blocks(self, blocks: Sequence[Block]) -> list[Flowable]:
        """Flowables for body blocks; groups (subhead + 2 lines, figure + caption) kept."""
        out: list[Flowable] = []
        pending_subhead: TextBlock | None = None
        i = 0
        while i < len(blocks):
            block = blocks[i]
            i += 1
            if block.role is Role.FURNITURE:
                continue
            if block.role is Role.FIGURE or (block.role is Role.CAPTION and block.image):
                group: list[Flowable] = []
                printed = block.bbox.width if block.bbox else None
                figure = figure_or_none(
                    block.image, self.base_dir, self.figure_height,
                    printed * self.settings.figure_enlargement if printed else None,
                    upright=self.vertical)
                if figure is not None:
                    group.append(figure)
                group += self._caption_parts(block)
                while i < len(blocks) and blocks[i].role in (Role.CAPTION, Role.CREDIT):
                    group += self._caption_parts(blocks[i])
                    i += 1
                if group:
                    out.append(KeepTogether(group))
                continue
            if block.role in (Role.CAPTION, Role.CREDIT):
                out.append(KeepTogether(self._caption_parts(block)))
                continue
            if not block.text:
                continue
            flowable = self.text(TEXT_ROLES.get(block.role, "paragraph"), block.text)
            if block.role is Role.SUBHEAD:
                if pending_subhead is not None:
                    out.append(pending_subhead)
                pending_subhead = flowable
                continue
            if pending_subhead is not None:
                if self.columns == 2:  # laid out in the spread's columns: decided now
                    out += self._kept_subhead([pending_subhead, flowable])
                else:
                    out.append(Deferred([pending_subhead, flowable], self._kept_subhead))
                pending_subhead = None
                continue
            out.append(flowable)
        if pending_subhead is not None:
            out.append(pending_subhead)
        return out

    def _kept_subhead(self, pair: list[Flowable]) -> list[Flowable]:
        """A subhead kept with the first lines of the paragraph after it, then the rest."""
        subhead, paragraph = pair
        assert isinstance(paragraph, TextBlock)
        parts = paragraph.head_and_rest(self.width, self.settings.keep_lines)
        return [KeepTogether([subhead, parts[0]]), *parts[1:]]

    def _caption_parts(self, block: Block) -> list[Flowable]:
        parts: list[Flowable] = []
        if block.text:
            role = "credit" if block.role is Role.CREDIT else "caption"
            parts.append(self.text(role, block.text))
        if block.credit:
            parts.append(self.text("credit", block.credit))
        return parts

    def table_of_contents(self, issues: Sequence[Issue], numbers: TocNumbers) -> list:
        rows: list[Flowable] = [self.text("toc_title", "目录")]
        for index, issue in enumerate(issues):
            if len(issues) > 1:
                rows.append(self.text("toc_page", issue_label(issue)))
            for page in issue.pages:
                key = f"i{index}-p{page.number}"
                if len(issue.pages) > 1:
                    rows.append(self.text("toc_page", page_label(page)))
                for article in page.articles:
                    article_key = f"{key}-{article.id}"
                    rows.append(TocRow(article_label(article), article_key, numbers,
                                       self.theme["toc_entry"], self.measure("toc_entry")))
        return rows
