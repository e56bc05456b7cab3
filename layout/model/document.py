"""The document model every stage reads and writes.

Takes nothing; provides frozen dataclasses :class:`Issue` > :class:`Page` >
:class:`Article` > :class:`Block` > :class:`Line`, and the :class:`Role` enum. Front ends
(``layout.ingest`` + ``layout.analysis``) build these; ``layout.render`` reads them.
Text fields hold clean text (DESIGN §2): no fake-bold doubling, no U+FFFD, no
spaces between CJK characters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from layout.model.geometry import BBox, pickled_by_fields

SCHEMA_VERSION = 2  # 2 added Block.lines and Article.head_blocks (optional line geometry)


class Role(str, Enum):
    """What a block of text (or an image) is on the printed page."""

    KICKER = "kicker"  # 引题
    HEADLINE = "headline"  # 主题
    SUBTITLE = "subtitle"  # 副题
    BYLINE = "byline"
    SUBHEAD = "subhead"  # 小标题
    PARAGRAPH = "paragraph"
    FIGURE = "figure"
    CAPTION = "caption"
    CREDIT = "credit"
    FURNITURE = "furniture"  # 报眉/报头/责任编辑 lines

    def __str__(self) -> str:
        return self.value


class FurnitureKind(str, Enum):
    """Which piece of page furniture a furniture block is."""

    MASTHEAD = "masthead"  # 报头: the paper's name
    PAGE_HEADER = "page-header"  # 报眉 line
    PAGE_FOOTER = "page-footer"
    DATE = "date"
    EDITION = "edition"  # 第N版
    SECTION = "section"  # 版名
    EDITOR = "editor"  # 责任编辑 / 美编 / 校对
    OTHER = "other"

    def __str__(self) -> str:
        return self.value


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Line:
    """One printed line of a block: its text as printed and, from PDFs, where it stands.

    ``text`` is the line's text as read (the block's clean text is authoritative; the
    line texts show how it was broken into lines). ``bbox`` is ``None`` for lines of a
    text dump; ``font``/``size`` name the line's most common face and size in points.
    """

    text: str
    bbox: BBox | None = None
    font: str | None = None
    size: float | None = None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Block:
    """One block: a paragraph, subhead, figure, caption, credit, byline or furniture line.

    ``image`` is a URI for figures: ``data:image/jpeg;base64,...`` or a path
    relative to the JSON file. ``credit`` is a caption's photo credit
    (…摄). ``kind`` names the furniture kind for furniture blocks. ``lines`` is the
    optional line geometry (schema_version 2), top to bottom in reading order.
    """

    role: Role
    text: str | None = None
    bbox: BBox | None = None
    image: str | None = None
    credit: str | None = None
    kind: FurnitureKind | None = None
    lines: tuple[Line, ...] = ()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Article:
    """An article: headline group, bylines, dateline and body blocks in reading order.

    ``continuations`` keeps jump markers such as 转第2版 / 上接第1版. ``head_blocks``
    (optional, schema_version 2) says where the headline group and bylines are printed:
    blocks of role kicker/headline/subtitle/byline with a bbox and lines but no text of
    their own (the text is in ``kicker``/``headline``/``subtitle``/``bylines``).
    """

    id: str
    headline: str | None = None
    kicker: str | None = None
    subtitle: str | None = None
    bylines: tuple[str, ...] = ()
    dateline: str | None = None
    blocks: tuple[Block, ...] = ()
    bbox: BBox | None = None
    continuations: tuple[str, ...] = ()
    head_blocks: tuple[Block, ...] = ()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class OcrRegion:
    """A region of a page with a text layer whose text came from OCR (a headline drawn as
    outlines): its box, the text read and the recogniser's confidence, 0–1."""

    bbox: BBox
    text: str
    confidence: float


@pickled_by_fields
@dataclass(frozen=True, slots=True, weakref_slot=True)  # weakly referenced by the JSON writer
class Page:
    """One printed page (版): its articles, loose blocks and furniture.

    ``width``/``height`` are in points; ``None`` for pages read from text dumps.
    ``ocr_confidence`` (optional, schema_version 2) is set when the page's text came from
    OCR: the recogniser's mean line confidence, 0–1. ``ocr_regions`` (optional) are the
    regions of a text-layer page whose text OCR read.
    """

    number: int
    width: float | None = None
    height: float | None = None
    articles: tuple[Article, ...] = ()
    blocks: tuple[Block, ...] = ()
    furniture: tuple[Block, ...] = ()
    edition: str | None = None
    section: str | None = None
    ocr_confidence: float | None = None
    ocr_regions: tuple[OcrRegion, ...] = ()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Issue:
    """One newspaper issue: metadata and pages in order."""

    source: str
    title: str | None = None
    date: str | None = None  # ISO 8601 (YYYY-MM-DD) when known
    edition: str | None = None
    section: str | None = None
    pages: tuple[Page, ...] = field(default_factory=tuple)
    schema_version: int = SCHEMA_VERSION
    skipped: tuple[str, ...] = ()  # what was left out and why ("x.pdf page 3: over ..."): partial

    def articles(self) -> list[Article]:
        """Every article of every page, in page order."""
        return [article for page in self.pages for article in page.articles]
