"""Page furniture: header and footer bands turned into metadata.

Takes the text blocks of a page, its rules and its size; returns the blocks that
are furniture (with their :class:`FurnitureKind`) and the rest. A block is
furniture when it lies wholly above the top rule that spans most of the page's
width in the page's top band (or below such a rule in the bottom band; with no such
rule, above the topmost rule of a quarter of the width: a running head), or when
it sits in the top/bottom margin band and its text reads as furniture (第3版,
责任编辑, a date, a lone page number, the paper's name). :func:`page_metadata`
reads the date, edition, section and paper name out of the furniture;
:func:`side_labels` makes short turned runs (a label set at 90° in the margin) furniture.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from layout.analysis.patterns import edition_of, furniture_kind, iso_date
from layout.analysis.pdf.blocks import TextBlock
from layout.analysis.pdf.text import title_text
from layout.analysis.pdf.text_line import TextLine
from layout.ingest.raw import Rule
from layout.model import FurnitureKind

_PAGE_NUMBER = re.compile(r"^[\s\-—–·•|]*(?:第\s*)?[0-9０-９]{1,4}(?:\s*[页版])?[\s\-—–·•|]*$")


_SECTION_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,8}$")  # 要闻, 国际·视点


@dataclass
class FurnitureBlock:
    block: TextBlock
    kind: FurnitureKind
    text: str


def _band_rule(rules: Sequence[Rule], width: float, y_lo: float, y_hi: float,
               topmost: bool, min_share: float = 0.6) -> float | None:
    ys = [r.position for r in rules
          if r.horizontal and r.bbox.width >= min_share * width and y_lo <= r.position <= y_hi]
    if not ys:
        return None
    return min(ys) if topmost else max(ys)


# Editor credits with the 本版 prefix (本版责编：…), which patterns.furniture_kind lacks.
_EDITOR_LINE = re.compile(
    r"^\s*本版\s*(?:责任编辑|责编|编辑|美编|美术编辑|校对|版式设计|版式|组版|审读|制图)\s*[:：]")


def _kind(text: str, edge: bool) -> FurnitureKind | None:
    if _EDITOR_LINE.match(text):
        return FurnitureKind.EDITOR
    kind = furniture_kind(text, at_page_edge=edge)
    if kind is None and _PAGE_NUMBER.match(text):
        return FurnitureKind.PAGE_FOOTER
    return kind


def split_furniture(blocks: Sequence[TextBlock], rules: Sequence[Rule], width: float,
                    height: float, band: float = 0.12) -> tuple[list[TextBlock],
                                                                list[FurnitureBlock]]:
    """(content blocks, furniture blocks) of a page."""
    header_rule = _band_rule(rules, width, 0.0, height * 0.13, topmost=False)
    if header_rule is None:  # a running head over a short rule (journals, books)
        header_rule = _band_rule(rules, width, 0.0, height * 0.13, topmost=True,
                                 min_share=0.25)
    footer_rule = _band_rule(rules, width, height * 0.88, height, topmost=True)
    headline_under = _headline_under_running_head(blocks, rules, width, height, header_rule)
    content: list[TextBlock] = []
    furniture: list[FurnitureBlock] = []
    for block in blocks:
        box = block.bbox
        text = title_text(" ".join(ln.text for ln in block.lines))
        above = (header_rule is not None and box.bottom <= header_rule + 1
                 and not headline_under(block))
        below = footer_rule is not None and box.top >= footer_rule - 1
        in_margin = box.bottom <= height * band or box.top >= height * (1 - band)
        kind = _kind(text, in_margin) if (in_margin or above or below) and len(
            block.lines) <= 3 else None
        if above or below:
            default = FurnitureKind.PAGE_HEADER if above else FurnitureKind.PAGE_FOOTER
            if kind is None and _SECTION_NAME.match(text):
                default = FurnitureKind.SECTION
            furniture.append(FurnitureBlock(block, kind or default, text))
        elif kind is not None:
            furniture.append(FurnitureBlock(block, kind, text))
        else:
            content.append(block)
    return _same_row_as_furniture(content, furniture, height, band)


def _headline_under_running_head(blocks: Sequence[TextBlock], rules: Sequence[Rule],
                                 width: float, height: float, header_rule: float | None):
    """A test for blocks between the running head's rule (the topmost band rule) and a
    lower band rule taken for the header rule: those set 1.5 times the running head's
    largest type or more are a headline across the page (ruled off under it), not the
    running head."""
    top_rule = _band_rule(rules, width, 0.0, height * 0.13, topmost=True)
    if header_rule is None or top_rule is None or top_rule >= header_rule - 1:
        return lambda block: False
    head = [b.size for b in blocks if b.bbox.bottom <= top_rule + 1]
    if not head:
        return lambda block: False
    big = 1.5 * max(head)
    return lambda block: block.bbox.top >= top_rule - 1 and block.size >= big


def _same_row_as_furniture(content: list[TextBlock], furniture: list[FurnitureBlock],
                           height: float, band: float
                           ) -> tuple[list[TextBlock], list[FurnitureBlock]]:
    """Short margin-band blocks on a row with furniture (a section name beside the date)."""
    rows = [f.block.bbox for f in furniture]
    keep: list[TextBlock] = []
    for block in content:
        box = block.bbox
        in_margin = box.bottom <= height * band or box.top >= height * (1 - band)
        text = title_text(" ".join(ln.text for ln in block.lines))
        beside = any(box.vertical_overlap(r) >= 0.5 * min(box.height, r.height) for r in rows)
        if in_margin and beside and len(block.lines) <= 2 and len(text) <= 30:
            kind = (FurnitureKind.SECTION if _SECTION_NAME.match(text)
                    else FurnitureKind.PAGE_HEADER)
            furniture.append(FurnitureBlock(block, kind, text))
        else:
            keep.append(block)
    return keep, furniture


@dataclass
class PageMetadata:
    title: str | None = None
    date: str | None = None
    edition: str | None = None
    section: str | None = None


def page_metadata(furniture: Sequence[FurnitureBlock]) -> PageMetadata:
    """Paper name, ISO date, edition number and section read from furniture texts."""
    meta = PageMetadata()
    for f in sorted(furniture, key=lambda f: -f.block.size):
        text = f.text
        if meta.date is None:
            meta.date = iso_date(text)
        edition = edition_of(text)
        if edition and meta.edition is None:
            meta.edition, section = edition
            meta.section = meta.section or section
        if meta.title is None and f.kind is FurnitureKind.MASTHEAD:
            meta.title = text
        if meta.section is None and f.kind is FurnitureKind.SECTION:
            meta.section = text
    return meta


_MAX_LABEL = 30  # characters: a turned run this short is a label, not text


def side_labels(lines: Sequence[TextLine]) -> tuple[list[FurnitureBlock], list[TextBlock]]:
    """Turned runs (text set at 90°): short ones are page furniture (a section label in the
    margin: 法治专版), longer ones stay text. Returns (furniture, text blocks)."""
    labels: list[FurnitureBlock] = []
    text: list[TextBlock] = []
    for line in lines:
        block = TextBlock([line])
        words = title_text(line.text)
        if len(words) <= _MAX_LABEL:
            kind = FurnitureKind.SECTION if _SECTION_NAME.match(words) else FurnitureKind.OTHER
            labels.append(FurnitureBlock(block, kind, words))
        else:
            text.append(block)
    return labels, text
