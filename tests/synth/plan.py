"""Engine-neutral page plans: what a synthetic newspaper page says, not where it goes.

A :class:`PagePlan` holds the page size, the column grid, the faces and sizes, and the
articles band by band (:class:`Band` of :class:`ArticlePlan` / :class:`PhotoPlan` slots),
each with its headline group, bylines, paragraphs, subheads, photos, captions and the
press habits it is drawn with (horizontal scale, outlines, fake bold, drop cap, box).
Composers (``tests.synth.compose_typst``, ``compose_weasy``, ``compose_reportlab``) lay the
same plan out with their own engine: the engine breaks lines and places things, so the
truth (:meth:`PagePlan.truth`, a :class:`~tests.synth.scoring.TruthPage`) is the plan's
text, never positions. Plans are made by :func:`tests.synth.plan_make.make_plan`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from tests.synth.scoring import TruthArticle, TruthCaption, TruthPage

FAMILIES = ("party", "city", "feature")


@dataclass(frozen=True)
class FaceRef:
    """A face as engines name it: family and weight, and where the file is."""

    name: str  # the generator's face name (tests.synth.epaper_fonts)
    family: str  # the family name in the font's name table
    weight: int  # OS/2 weight class
    style: str  # "serif" | "sans" | "kai"
    path: str
    index: int = 0  # subfont of a collection


@dataclass(frozen=True)
class Byline:
    """One byline as printed (``text``) and the names a reader looks for in it."""

    text: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Photo:
    """A photo with its caption; ``credit`` may be printed inline or on its own line."""

    caption: str
    credit: str
    aspect: float  # height / width
    credit_inline: bool = False
    caption_bold: bool = False  # fake bold: drawn twice with a small offset
    seed: int = 0  # pixels of the random picture


@dataclass(frozen=True)
class ArticlePlan:
    """One article of a band slot and how its headline group is set."""

    headline: tuple[str, ...]  # headline lines (the engine may not break them further)
    kicker: str | None = None  # 引题, or a column label (金台随感)
    subtitle: str | None = None  # 副题
    bylines: tuple[Byline, ...] = ()
    byline_in_head: bool = True  # under the headline group, else atop the first column
    dateline_names: tuple[str, ...] = ()  # names inside a 本报讯（记者 …） opening
    blocks: tuple[tuple[str, str], ...] = ()  # ("paragraph" | "subhead", text)
    photos: tuple[Photo, ...] = ()  # above the body, side by side when two
    body_columns: int = 1
    head_size: float = 24.0
    head_face: str = ""
    head_scale: float = 1.0  # horizontal scale of the headline (Tz 70–130 %)
    head_outlined: bool = False  # drawn as paths: no text in the PDF
    head_fake_bold: bool = False
    head_centred: bool = True
    head_color: tuple[float, float, float] = (0.0, 0.0, 0.0)
    boxed: bool = False
    drop_cap: bool = False

    def truth(self) -> TruthArticle:
        names = [n for b in self.bylines for n in b.names] + list(self.dateline_names)
        return TruthArticle(
            headline="" if self.head_outlined else "".join(self.headline),
            kicker=self.kicker, subtitle=self.subtitle, bylines=names,
            blocks=list(self.blocks),
            captions=[TruthCaption(p.caption, p.credit) for p in self.photos],
            shown_headline="".join(self.headline) if self.head_outlined else None)


@dataclass(frozen=True)
class PhotoSlot:
    """Stand-alone news photos (one, or a pair side by side) with their own captions."""

    photos: tuple[Photo, ...]


Slot = ArticlePlan | PhotoSlot


@dataclass(frozen=True)
class Band:
    """A row of slots across the page; ``spans`` are grid columns per slot."""

    slots: tuple[Slot, ...]
    spans: tuple[int, ...]
    weight: float = 1.0  # share of the page height
    rules_between: bool = True  # vertical rules between slots


@dataclass(frozen=True)
class Fonts:
    body: FaceRef
    head: tuple[FaceRef, ...]
    kicker: FaceRef
    byline: FaceRef
    caption: FaceRef
    subhead: FaceRef
    furniture: FaceRef
    latin: str  # the Latin face for words and numbers inside Chinese lines (family)
    latin_path: str


@dataclass(frozen=True)
class PagePlan:
    seed: int
    family: str
    split: str | None
    width: float
    height: float
    margin: float
    grid_columns: int
    gutter_em: float
    body_size: float
    leading: float  # line height / body size
    fonts: Fonts
    bands: tuple[Band, ...]
    header: tuple[str, ...]  # left, centre, right texts of the running head
    footer: tuple[str, ...]
    side_label: str | None = None  # rotated 90° in the left margin
    masthead: str | None = None
    rules: bool = True
    band_gap_em: float = 1.2
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def gutter(self) -> float:
        return self.gutter_em * self.body_size

    def articles(self) -> list[ArticlePlan]:
        return [s for b in self.bands for s in b.slots if isinstance(s, ArticlePlan)]

    def furniture(self) -> list[str]:
        texts = [t for t in (*self.header, *self.footer) if t]
        if self.masthead:
            texts.append(self.masthead)
        if self.side_label:
            texts.append(self.side_label)
        return texts

    def truth(self) -> TruthPage:
        loose = [TruthCaption(p.caption, p.credit) for b in self.bands for s in b.slots
                 if isinstance(s, PhotoSlot) for p in s.photos]
        return TruthPage(articles=[a.truth() for a in self.articles()], captions=loose,
                         furniture=self.furniture())

    def to_json(self) -> str:
        """The plan as JSON (slots tagged with ``kind``), the form templates read."""
        data = asdict(self)
        for band, plan_band in zip(data["bands"], self.bands, strict=True):
            for slot, plan_slot in zip(band["slots"], plan_band.slots, strict=True):
                slot["kind"] = "article" if isinstance(plan_slot, ArticlePlan) else "photos"
        return json.dumps(data, ensure_ascii=False)
