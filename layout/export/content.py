"""What every export format shares: an article's text as tagged segments, in order.

Takes model objects (:class:`Issue`, :class:`Page`, :class:`Article`, :class:`Block`);
returns :class:`Unit` lists: the printed pieces of a page in reading order (head parts,
bylines, body blocks, figures with captions, loose blocks, furniture), each with the
:class:`Segment` texts it holds (every content character of the structure exactly once)
and the model lines that say where they are printed. Also the language of a text
(:func:`language_of`) and the bytes of a figure's data URI (:func:`decode_data_uri`).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator
from dataclasses import dataclass, field

from layout.model import Article, Block, Issue, Line, Page, Role

DATELINE = "dateline"  # a segment tag beside the roles: 本报讯 at a first paragraph's head
TAGS = (
    "kicker", "headline", "subtitle", "byline", DATELINE, "subhead", "paragraph", "figure",
    "caption", "credit", "furniture",
)


@dataclass(frozen=True)
class Segment:
    """A run of content text and what it is (a role name, or ``dateline``)."""

    text: str
    tag: str


@dataclass
class Unit:
    """One printed element of a page: a text block, or a figure with its optional caption.

    ``role`` is the unit's role; ``segments`` its text; ``lines`` the model lines that
    hold that text (may be empty); ``block`` the model block it came from (None for head
    parts); ``caption`` the caption unit printed with a figure.
    """

    role: str
    segments: list[Segment] = field(default_factory=list)
    lines: tuple[Line, ...] = ()
    block: Block | None = None
    caption: Unit | None = None

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)

    @property
    def element_count(self) -> int:
        """How many ALTO blocks print it: a figure's text and caption are blocks of their own."""
        if self.role != Role.FIGURE.value:
            return 1
        return 1 + bool(self.segments) + (self.caption is not None)


@dataclass
class ArticleUnits:
    """An article (None for a page's loose blocks or furniture) and its units in order."""

    article: Article | None
    kind: str  # "article", "blocks" or "furniture"
    units: list[Unit] = field(default_factory=list)


def _head_lines(article: Article, role: Role) -> tuple[Line, ...]:
    return tuple(ln for b in article.head_blocks if b.role is role for ln in b.lines)


def _block_unit(block: Block) -> Unit:
    segments = []
    if block.text:
        segments.append(Segment(block.text, block.role.value))
    if block.credit:
        segments.append(Segment(block.credit, Role.CREDIT.value))
    return Unit(block.role.value, segments, block.lines, block)


def article_units(article: Article) -> list[Unit]:
    """The units of one article: kicker, headline, subtitle, bylines, body in order."""
    units: list[Unit] = []
    for role, text in ((Role.KICKER, article.kicker), (Role.HEADLINE, article.headline),
                       (Role.SUBTITLE, article.subtitle)):
        if text:
            units.append(Unit(role.value, [Segment(text, role.value)],
                              _head_lines(article, role)))
    bylines = [b for b in article.bylines if b]
    if bylines:
        units.append(Unit(Role.BYLINE.value, [Segment(b, Role.BYLINE.value) for b in bylines],
                          _head_lines(article, Role.BYLINE)))
    body = [_block_unit(b) for b in article.blocks]
    if article.dateline:
        first = next((u for u in body if u.role == Role.PARAGRAPH.value), None)
        dateline = Segment(article.dateline, DATELINE)
        if first is not None:
            first.segments.insert(0, dateline)
        else:
            units.append(Unit(DATELINE, [dateline]))
    # a figure and the caption right after it are printed together
    k = 0
    while k < len(body):
        unit = body[k]
        nxt = body[k + 1] if k + 1 < len(body) else None
        if unit.role == Role.FIGURE.value and nxt is not None and nxt.role in (
                Role.CAPTION.value, Role.CREDIT.value):
            unit.caption = nxt
            k += 1
        units.append(unit)
        k += 1
    return units


def page_units(page: Page) -> list[ArticleUnits]:
    """A page's articles, then its loose blocks, then its furniture, each as units."""
    groups = [ArticleUnits(a, "article", article_units(a)) for a in page.articles]
    if page.blocks:
        groups.append(ArticleUnits(None, "blocks", [_block_unit(b) for b in page.blocks]))
    if page.furniture:
        groups.append(ArticleUnits(None, "furniture", [_block_unit(b) for b in page.furniture]))
    return groups


def iter_segments(units: list[Unit]) -> Iterator[Segment]:
    for unit in units:
        yield from unit.segments
        if unit.caption is not None:
            yield from unit.caption.segments


def content_text(issue: Issue) -> str:
    """Every content character of ``issue`` in reading order (what exports must hold)."""
    parts = []
    for page in issue.pages:
        for group in page_units(page):
            parts.extend(s.text for s in iter_segments(group.units))
    return "".join(parts)


# ---------------------------------------------------------------- language

# common characters whose simplified and traditional forms differ
_SIMPLIFIED = set("这国说时会个们来为对发经与学业书长门东开关过还进们见们车马鸟鱼问间"
                  "电动员报记讯军区县乡镇务实产业农药价厅图书馆贵费应该节点线路热闹网络")
_TRADITIONAL = set("這國說時會個們來為對發經與學業書長門東開關過還進見車馬鳥魚問間"
                   "電動員報記訊軍區縣鄉鎮務實產農藥價廳圖館貴費應該節點線路熱鬧網絡")
_SHARED = _SIMPLIFIED & _TRADITIONAL
_SIMPLIFIED -= _SHARED
_TRADITIONAL -= _SHARED


def _is_kana(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff" or "\u31f0" <= ch <= "\u31ff"


def _is_han(ch: str) -> bool:
    return ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"
            or "\U00020000" <= ch <= "\U0003134f")


def language_of(text: str, default: str = "zh-Hans") -> str:
    """BCP 47 tag of ``text`` by its script: ja, ko, zh-Hans, zh-Hant or en."""
    han = kana = hangul = latin = simp = trad = 0
    for ch in text:
        if _is_han(ch):
            han += 1
            simp += ch in _SIMPLIFIED
            trad += ch in _TRADITIONAL
        elif _is_kana(ch):
            kana += 1
        elif "\uac00" <= ch <= "\ud7af":
            hangul += 1
        elif ch.isascii() and ch.isalpha():
            latin += 1
    if kana and kana >= 0.05 * (han + kana):
        return "ja"
    if hangul and hangul >= han:
        return "ko"
    if han:
        return "zh-Hant" if trad > simp else "zh-Hans"
    if latin:
        return "en"
    return default


def decode_data_uri(uri: str | None) -> tuple[str, bytes] | None:
    """(media type, bytes) of a ``data:…;base64,`` URI; None for anything else."""
    if not uri or not uri.startswith("data:") or "," not in uri:
        return None
    head, payload = uri[5:].split(",", 1)
    if not head.endswith(";base64"):
        return None
    try:
        return head[: -len(";base64")] or "application/octet-stream", base64.b64decode(
            payload, validate=True)
    except (binascii.Error, ValueError):
        return None
