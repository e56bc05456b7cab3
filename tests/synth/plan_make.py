"""Random page plans per style family: :func:`make_plan` (seed, family, split) → PagePlan.

Takes a seed, a family ("party" | "city" | "feature", see ``tests.synth.families``), the
split ("tune" | "holdout" | None: the same disjoint halves of faces, articles and page sizes
as ``tests.synth.epaper.random_page_spec``) and optionally a source of articles. Returns a
:class:`~tests.synth.plan.PagePlan` whose text amounts are estimated from the grid so
that a page fills about one sheet; composers shrink it (:func:`shrink_plan`) when their
engine needs more room. Deterministic per (seed, family, split).
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from tests.synth.epaper import HOLDOUT_PAGE_SIZES, PAGE_SIZES
from tests.synth.epaper_article import split_title
from tests.synth.epaper_fonts import SYSTEM_CANDIDATES, Face, faces_by_style
from tests.synth.epaper_text import (
    CITIES,
    PAPERS,
    SECTIONS,
    SourceArticle,
    load_articles,
    make_caption,
    make_kicker,
    make_subtitle,
    random_name,
    weekday_text,
)
from tests.synth.families import (
    COLUMN_LABELS,
    FAMILY_STYLES,
    LATIN_TERMS,
    FamilyStyle,
    make_byline,
    random_person,
)
from tests.synth.plan import FAMILIES, ArticlePlan, Band, FaceRef, Fonts, PagePlan, Photo, PhotoSlot

LATIN_FACES = {"serif": ("DejaVu Serif", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
               "sans": ("DejaVu Sans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")}


@functools.lru_cache(maxsize=64)
def face_ref(face: Face) -> FaceRef:
    """The family name and weight an engine selects ``face`` by."""
    from fontTools.ttLib import TTCollection, TTFont

    index = 0
    for relative, subfont, _, short in SYSTEM_CANDIDATES:
        if face.name == f"Sys-{short}" and face.path.endswith(relative):
            index = subfont
    if face.path.endswith(".ttc"):
        font = TTCollection(face.path, lazy=True).fonts[index]
    else:
        font = TTFont(face.path, lazy=True)
    names = font["name"]
    family = str(names.getDebugName(16) or names.getDebugName(1))
    weight = int(font["OS/2"].usWeightClass)
    return FaceRef(face.name, family, weight, face.style, face.path, index)


def _split_faces(split: str | None) -> dict[str, list[Face]]:
    styles = faces_by_style()
    if split is None:
        return styles
    half = 0 if split == "tune" else 1
    return {k: (v[half::2] if len(v) >= 2 else v) for k, v in styles.items()}


def _split_articles(articles: tuple[SourceArticle, ...], split: str | None
                    ) -> tuple[SourceArticle, ...]:
    if split is None:
        return articles
    keep = [a for i, a in enumerate(articles) if (i % 4 == 3) == (split == "holdout")]
    return tuple(keep) or articles


def _units(text: str) -> float:
    """Width of ``text`` in em: CJK full width, ASCII about half."""
    return sum(0.55 if ch.isascii() else 1.0 for ch in text)


def _with_latin(text: str, rng: random.Random) -> str:
    """``text`` with a Latin word or number after one of its commas."""
    commas = [m.end() for m in re.finditer("，", text)]
    if not commas:
        return text
    at = rng.choice(commas)
    term = rng.choice(LATIN_TERMS)
    word = rng.choice((f"（{term}）", f"{term}", f"“{term}”"))
    lead = rng.choice(("有关", "据悉", "其中", "涉及"))
    return text[:at] + lead + word + text[at:]


def _cut(paragraph: str, chars: int) -> str | None:
    """``paragraph`` cut after the last sentence end within ``chars`` characters."""
    if len(paragraph) <= chars:
        return paragraph
    ends = [m.end() for m in re.finditer("[。！？]", paragraph[:chars])]
    return paragraph[:ends[-1]] if ends and ends[-1] >= 12 else None


def _dateline(rng: random.Random, date: dt.date) -> tuple[str, tuple[str, ...]]:
    """A 本报讯（记者 … 通讯员 …） opening and the names in it."""
    a = random_person(rng)
    sep = rng.choice((" ", "　", ""))
    who, names = f"记者{sep}{a}", (a,)
    if rng.random() < 0.6:
        b = random_person(rng)
        who, names = f"{who}{rng.choice(('  ', ' ', '　'))}通讯员{sep}{b}", (a, b)
    if rng.random() < 0.6:
        return f"本报讯（{who}）", names
    day = date - dt.timedelta(days=1)
    return f"本报{rng.choice(CITIES)}{day.month}月{day.day}日电（{who}）", names


def _byline_form(style: FamilyStyle, rng: random.Random) -> str:
    forms, weights = zip(*style.byline_forms, strict=True)
    return rng.choices(forms, weights)[0]


def _photo(article: SourceArticle | None, style: FamilyStyle, rng: random.Random,
           aspect: tuple[float, float] | None = None) -> Photo:
    caption, credit = make_caption(article, rng, long=rng.random() < 0.3)
    return Photo(caption, credit, round(rng.uniform(*(aspect or style.photo_scale)), 3),
                 credit_inline=rng.random() < 0.5, caption_bold=rng.random() < style.caption_bold,
                 seed=rng.randrange(1 << 30))


def _plan_article(source: SourceArticle, style: FamilyStyle, fonts: Fonts, width: float,
                  height: float, body_columns: int, body: float, line_height: float,
                  rng: random.Random, date: dt.date, overfill: float) -> ArticlePlan:
    headline, kicker = make_kicker(source, rng)  # a trailing （专栏） tag, else a clause
    if rng.random() > style.kicker:
        kicker = None
    elif rng.random() < style.label_kicker:
        kicker = rng.choice(COLUMN_LABELS)
    subtitle = make_subtitle(source, rng) if rng.random() < style.subtitle else None
    count = rng.choices((1, 2, 3), style.head_lines)[0]
    scale = 1.0
    if rng.random() < style.head_scale:
        scale = round(rng.uniform(0.72, 0.9) if rng.random() < 0.7 else rng.uniform(1.08, 1.25), 2)
    base = rng.uniform(body * 2.0, body * (4.0 if width > 300 else 3.0))
    for lines_wanted in range(count, 4):  # more lines rather than a headline in body size
        lines = tuple(split_title(headline, lines_wanted))
        widest = max(_units(t) for t in lines)
        size = min(base, 0.9 * width / (widest * scale))
        if size >= body * 1.8:
            break
    size = round(max(size, body * 1.3), 2)
    dateline, dateline_names = None, ()
    # the dateline opens the first paragraph, after a subhead set over it (（一）)
    opening = next((i for i in range(len(source.paragraphs)) if i not in source.subheads), 0)
    first = source.paragraphs[opening]
    if rng.random() < style.dateline and not re.match("^(本报|新华社|据)", first):
        dateline, dateline_names = _dateline(rng, date)
    bylines = ()
    if dateline is None and rng.random() < 0.88:
        bylines = (make_byline(_byline_form(style, rng), rng),)
    photos: tuple[Photo, ...] = ()
    photo_h = 0.0
    if rng.random() < style.photo and height > line_height * 18:
        photos = (_photo(source, style, rng),)
        if body_columns >= 4 and rng.random() < 0.3:
            photos += (_photo(source, style, rng, (photos[0].aspect, photos[0].aspect)),)
        per = width / len(photos)
        photo_h = per * photos[0].aspect + line_height * 3
        if photo_h > height * 0.55:
            photos, photo_h = (), 0.0
    head_h = size * 1.3 * len(lines) + (body * 2.2 if kicker else 0) \
        + (body * 2.2 if subtitle else 0) + (body * 2 if bylines else 0) + line_height
    column_w = (width - (body_columns - 1) * body * 1.2) / body_columns
    per_line = max(4, int(column_w / body))
    lines_per_column = (height - head_h - photo_h) / line_height - 1
    capacity = int(lines_per_column * body_columns * per_line * overfill)
    blocks: list[tuple[str, str]] = []
    used = 0
    for i, text in enumerate(source.paragraphs):
        role = "subhead" if i in source.subheads else "paragraph"
        if role == "paragraph" and rng.random() < style.latin:
            text = _with_latin(text, rng)
        if i == opening and dateline:
            text = dateline + text
        cost = len(text) + per_line // 2 + (per_line if role == "subhead" else 0)
        if used + cost > capacity:
            if role == "paragraph":
                cut = _cut(text, capacity - used - per_line // 2)
                if cut and (i != opening or not dateline or len(cut) > len(dateline) + 10):
                    blocks.append((role, cut))
            break
        blocks.append((role, text))
        used += cost
    while blocks and blocks[-1][0] == "subhead":
        blocks.pop()
    if not blocks:  # a frame too small for a sentence: one short paragraph
        text = (dateline or "") + (_cut(first, max(40, capacity)) or first[:40])
        blocks = [("paragraph", text)]
    drop_cap = (rng.random() < style.drop_cap and dateline is None
                and len(blocks[0][1]) > per_line * 3 and blocks[0][0] == "paragraph")
    return ArticlePlan(
        headline=lines, kicker=kicker, subtitle=subtitle, bylines=bylines,
        byline_in_head=rng.random() < style.byline_in_head, dateline_names=dateline_names,
        blocks=tuple(blocks), photos=photos, body_columns=body_columns, head_size=size,
        head_face=rng.choice(fonts.head).name, head_scale=scale,
        head_outlined=rng.random() < style.head_outlined,
        head_fake_bold=rng.random() < style.head_fake_bold,
        head_centred=rng.random() < 0.65,
        head_color=(0.7, 0.05, 0.05) if rng.random() < 0.12 else (0.0, 0.0, 0.0),
        boxed=rng.random() < style.boxed, drop_cap=drop_cap)


def _compose(rng: random.Random, total: int, parts: int, minimum: int) -> list[int]:
    widths = [minimum] * parts
    for _ in range(total - minimum * parts):
        widths[rng.randrange(parts)] += 1
    return widths


def _fonts(split: str | None, rng: random.Random) -> Fonts:
    styles = _split_faces(split)

    def pick(*prefer: str) -> FaceRef:
        return face_ref(rng.choice(styles[rng.choice(prefer)]))

    body = pick(*rng.choices(("serif", "sans", "kai"), (0.75, 0.1, 0.15)))
    latin = LATIN_FACES["sans" if body.style == "sans" else rng.choice(("serif", "sans"))]
    return Fonts(body=body, head=tuple(pick("sans", "serif", "kai", "sans") for _ in range(3)),
                 kicker=pick("kai", "serif", "sans"), byline=pick("kai", "sans", "serif"),
                 caption=pick("kai", "sans", "serif"), subhead=pick("sans", "kai"),
                 furniture=pick("sans", "serif"), latin=latin[0], latin_path=latin[1])


def make_plan(seed: int, family: str, split: str | None = None,
              articles_source: Path | str | Sequence[dict] | None = None,
              overfill: float = 1.35) -> PagePlan:
    """A deterministic page plan of ``family`` for ``seed`` (see the module docstring).

    ``overfill`` scales the estimated text capacity of each frame: composers whose engine
    can measure (Typst) keep only the blocks that fit (:func:`keep_blocks`), so they get
    more than fits.
    """
    if family not in FAMILIES:
        raise ValueError(f"family must be one of {FAMILIES}, not {family!r}")
    if split not in (None, "tune", "holdout"):
        raise ValueError(f"split must be None, 'tune' or 'holdout', not {split!r}")
    style = FAMILY_STYLES[family]
    rng = random.Random(f"plan-{family}-{seed}-{split}")
    articles = list(_split_articles(load_articles(articles_source), split))
    rng.shuffle(articles)
    fonts = _fonts(split, rng)
    width, height = rng.choice(HOLDOUT_PAGE_SIZES if split == "holdout" else PAGE_SIZES)
    margin = round(rng.uniform(28, 45), 1)
    columns = rng.choice(style.grid_columns)
    body = round(rng.uniform(*style.body_size), 2)
    leading = round(rng.uniform(*style.leading), 2)
    gutter_em = round(rng.uniform(*style.gutter_em), 2)
    line_height = body * leading
    gutter = gutter_em * body
    colw = (width - 2 * margin - (columns - 1) * gutter) / columns
    date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
    n_bands = rng.choice(style.bands)
    weights = [rng.uniform(0.75, 1.3) for _ in range(n_bands)]
    band_gap = 1.2
    content_h = height - 2 * margin - 70 - (n_bands - 1) * (band_gap + 1) * line_height
    bands: list[Band] = []
    used: set[int] = set()

    def choose(room: float) -> SourceArticle:
        """A fresh article long enough for ``room`` characters, else the longest fresh one."""
        fresh = [i for i in range(len(articles)) if i not in used] or list(range(len(articles)))
        best = next((i for i in fresh[:8] if articles[i].length >= room),
                    max(fresh[:8], key=lambda i: articles[i].length))
        used.add(best)
        article = articles[best]
        for extra in (i for i in fresh[8:] + fresh[:8] if i not in used):
            if article.length >= room:
                break  # too short: its body goes on with another article's paragraphs
            more = articles[extra]
            article = replace(article, paragraphs=article.paragraphs + more.paragraphs,
                              subheads=article.subheads | {len(article.paragraphs) + k
                                                           for k in more.subheads})
        return article

    for w in weights:
        band_h = content_h * w / sum(weights)
        slots = min(rng.choice(style.slots), columns // style.min_span)
        spans = _compose(rng, columns, slots, style.min_span)
        planned: list[ArticlePlan | PhotoSlot] = []
        for span in spans:
            slot_w = span * colw + (span - 1) * gutter
            if span >= 2 and rng.random() < style.photo_pair and len(spans) > 1:
                source = choose(0)
                aspect = rng.uniform(0.6, 0.8)
                planned.append(PhotoSlot(tuple(_photo(source, style, rng, (aspect, aspect))
                                               for _ in range(2 if span >= 2 else 1))))
                continue
            room = band_h / line_height * span * slot_w / span / body * 0.7
            planned.append(_plan_article(choose(room), style, fonts, slot_w, band_h, span,
                                         body, line_height, rng, date, overfill))
        bands.append(Band(tuple(planned), tuple(spans), round(w, 3),
                          rules_between=rng.random() < style.rules))
    text = "".join(b for a in _all_article_text(bands) for b in a)
    page_no = rng.randint(1, 16)
    header, footer, side = _furniture(rng, text, date, page_no, style)
    return PagePlan(
        seed=seed, family=family, split=split, width=width, height=height, margin=margin,
        grid_columns=columns, gutter_em=gutter_em, body_size=body, leading=leading,
        fonts=fonts, bands=tuple(bands), header=header, footer=footer, side_label=side,
        rules=rng.random() < style.rules, band_gap_em=band_gap)


def _all_article_text(bands: list[Band]) -> list[list[str]]:
    out: list[list[str]] = []
    for band in bands:
        for s in band.slots:
            if isinstance(s, ArticlePlan):
                out.append([*s.headline, s.kicker or "", s.subtitle or "",
                            *(b.text for b in s.bylines), *(t for _, t in s.blocks),
                            *(p.caption + p.credit for p in s.photos)])
            else:
                out.append([p.caption + p.credit for p in s.photos])
    return out


def _furniture(rng: random.Random, text: str, date: dt.date, page_no: int, style: FamilyStyle
               ) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    """Running head, footer and side label, none of which occurs in the article ``text``."""
    body = re.sub(r"\s+", "", text)

    def unused(options: list[str]) -> str:
        fresh = [o for o in options if re.sub(r"\s+", "", o) not in body]
        return rng.choice(fresh or options)

    paper = unused(list(PAPERS))
    date_text = unused([f"{date.year}年{date.month}月{date.day}日{sep}{weekday_text(date)}"
                        for sep in (" ", "  ", "　")])
    section = unused(list(SECTIONS))
    edition = unused([f"第{page_no}版", f"第{page_no:02d}版"])
    editor = unused([f"责任编辑：{random_name(rng)}", f"本版责编：{random_name(rng)}"])
    header = (paper, section + rng.choice(("", "新闻", "·关注")), f"{edition}  {date_text}")
    footer = (editor,)
    side = None
    if rng.random() < style.side_label:
        side = unused([f"{section}周刊", f"{paper}·{section}", f"{section}专版"])
    return header, footer, side


def shrink_plan(plan: PagePlan) -> PagePlan:
    """``plan`` with the last block of each article's body taken away (when it has two or
    more paragraphs), for an engine that needed more room than the estimate."""
    bands = []
    for band in plan.bands:
        slots = []
        for s in band.slots:
            if isinstance(s, ArticlePlan) and sum(r == "paragraph" for r, _ in s.blocks) > 1:
                blocks = list(s.blocks[:-1])
                while blocks and blocks[-1][0] == "subhead":
                    blocks.pop()
                s = replace(s, blocks=tuple(blocks))
            slots.append(s)
        bands.append(replace(band, slots=tuple(slots)))
    return replace(plan, bands=tuple(bands))


def keep_blocks(plan: PagePlan, counts: dict[str, int]) -> PagePlan:
    """``plan`` with the article of slot ``"B-S"`` (band B, slot S) cut to its first
    ``counts["B-S"]`` blocks, as an engine that measured the room reports."""
    bands = []
    for bi, band in enumerate(plan.bands):
        slots = []
        for si, s in enumerate(band.slots):
            k = counts.get(f"{bi}-{si}")
            if isinstance(s, ArticlePlan) and k is not None:
                s = replace(s, blocks=s.blocks[:k])
            slots.append(s)
        bands.append(replace(band, slots=tuple(slots)))
    return replace(plan, bands=tuple(bands))
