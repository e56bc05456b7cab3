"""The vertical composer: a 直排 newspaper page drawn glyph by glyph with ReportLab.

Takes a seed, a vertical family ("vertical": simplified Chinese; "vertical-tc": traditional,
the text converted with OpenCC s2t) and the split ("tune" | "holdout" | None: disjoint
halves of faces, articles and page sizes as for horizontal pages); :func:`compose_vertical`
writes a one-page PDF and returns its :class:`~tests.synth.scoring.TruthPage`.

The page: a horizontal running head and footer; body text in 3–5 tiers (段) across the page;
bands of one to three tiers, each holding one to three articles side by side (the first at
the right), sometimes with rules between them; each article set right to left, every line
top to bottom, a paragraph opening 2 em down and running on from the foot of a line to the
head of the next and from a tier's last line to the first line of the next tier; headline
groups either vertical at the article's right (kicker, headline of 1–4 lines, subtitle as
larger vertical lines, boxed or ruled sometimes) or horizontal across its top (underlined
sometimes), the headline from 1.6 to 3.2 body (1.4 at least where it fits: a headline never
runs past its article), kicker and subtitle at most 0.8 of it, a long headline's column tag
（…·…） printed as its kicker (or left out when longer than 20 characters); bylines as a
vertical line (head or foot aligned) or a horizontal one under a
horizontal headline; photos in an article's last tier (when its text reaches that tier) with
horizontal captions under them; 縦中横 for 2-digit numbers, longer Latin/digit runs turned
90° (``tests.synth.vertical_draw``);
punctuation as vertical presentation forms or as shifted and turned plain marks. One page in
four holds a horizontal article too (a mixed page). The truth is the text as printed, in
plain forms (“” are printed as 「」 in vertical text, so the truth says 「」).
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import re
from collections.abc import Callable
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from tests.synth.epaper import HOLDOUT_PAGE_SIZES, PAGE_SIZES
from tests.synth.epaper_draw import random_photo
from tests.synth.epaper_fonts import Face, faces_by_style, latin_face
from tests.synth.epaper_text import (
    SourceArticle,
    load_articles,
    make_caption,
    make_kicker,
    make_subtitle,
)
from tests.synth.families import FAMILY_STYLES, make_byline
from tests.synth.plan_make import LATIN_FACES, _furniture, _split_articles, _with_latin
from tests.synth.scoring import TruthArticle, TruthCaption, TruthPage
from tests.synth.vertical_draw import QUOTES, Ink, Sheet, Unit, fill, units_of, wrap

VERTICAL_FAMILIES = ("vertical", "vertical-tc")
TRADITIONAL_PROBE = "國際經濟發展與創新體驗報導記者攝時間們這裡會議舉辦總統區縣鄉鎮"
BYLINE_FORMS = (("本报记者", 4), ("记者", 3), ("several", 1), ("with_通讯员", 1.5),
                ("文/图", 0.8), ("bare", 1))


@functools.lru_cache(maxsize=1)
def _s2t() -> Callable[[str], str]:
    from opencc import OpenCC

    return OpenCC("s2t").convert


def _faces(split: str | None, traditional: bool) -> dict[str, list[Face]]:
    styles = faces_by_style()
    if traditional:  # faces that cover traditional characters themselves
        styles = {k: [f for f in v if all(f.covers(c) for c in TRADITIONAL_PROBE)] or v
                  for k, v in styles.items()}
    if split is None:
        return styles
    half = 0 if split == "tune" else 1
    return {k: (v[half::2] if len(v) >= 2 else v) for k, v in styles.items()}


class Composer:
    """One page being composed: the sheet, the inks, the text source and the truth."""

    def __init__(self, seed: int, family: str, split: str | None, canvas: Canvas,
                 width: float, height: float, rng: random.Random) -> None:
        self.rng = rng
        self.width, self.height = width, height
        traditional = family == "vertical-tc"
        self.convert = _s2t() if traditional else (lambda text: text)
        faces = _faces(split, traditional)
        pick = lambda *styles: rng.choice(faces[rng.choice(styles)])  # noqa: E731
        self.body = Ink(pick("serif", "serif", "kai"), round(rng.uniform(9.0, 11.0), 2))
        self.pitch = self.body.size * rng.uniform(1.45, 1.85)
        self.head_face = pick("sans", "serif", "sans")
        self.kicker_face = pick("kai", "serif", "sans")
        self.byline_ink = Ink(pick("kai", "sans"), self.body.size)
        self.caption_ink = Ink(pick("kai", "sans", "serif"), round(self.body.size * 0.9, 2))
        latin = latin_face(rng.choice(list(LATIN_FACES.values()))[1])
        self.sheet = Sheet(canvas, height, latin, rng.choice(("forms", "forms", "plain")))
        self.latin = latin
        self.articles: list[TruthArticle] = []

    def text(self, text: str) -> str:
        return self.convert(text).translate(QUOTES)

    def units(self, text: str, size: float | None = None) -> list[Unit]:
        return units_of(text, self.latin, size or self.body.size)

    # --- headline groups -------------------------------------------------------------

    def _head_lines(self, headline: str, length: float, size: float) -> tuple[list[str], float]:
        """The headline in 1–4 lines of at most ``length`` pt, and its size: 1.4 body or
        more where 4 lines allow it, else the largest that fits (a headline never runs
        past its article, as it would at a fixed smallest size)."""
        for count in (1, 2, 3, 4):
            per = -(-len(headline) // count)
            fit = min(size, 0.95 * length / max(per, 1))
            if fit >= 1.4 * self.body.size or count == 4:
                cut = [headline[k * per:(k + 1) * per] for k in range(count)]
                return [c for c in cut if c], fit
        raise AssertionError

    def _fits(self, headline: str, length: float) -> bool:
        """Whether ``headline`` can be set at 1.4 body or more in ``length`` pt."""
        return self._head_lines(headline, length, 3 * self.body.size)[1] >= 1.4 * self.body.size

    def vertical_head(self, x1: float, top: float, height: float, headline: str,
                      kicker: str | None, subtitle: str | None) -> tuple[float, float]:
        """A vertical headline group at the right; returns (its left edge, its foot)."""
        rng, body = self.rng, self.body.size
        lines, size = self._head_lines(headline, height, body * rng.uniform(1.6, 3.2))
        x = x1 - 0.4 * body
        foot = top
        down = top + (body if rng.random() < 0.3 else 0.0)
        if kicker:
            ks = min(body * rng.uniform(1.2, 1.45), 0.95 * height / len(kicker), 0.8 * size)
            foot = max(foot, self.sheet.vertical(x - ks / 2, down, self.units(kicker, ks),
                                                 Ink(self.kicker_face, ks)))
            x -= ks * 1.5
        for line in lines:
            foot = max(foot, self.sheet.vertical(x - size / 2, top, self.units(line, size),
                                                 Ink(self.head_face, size)))
            x -= size * 1.25
        if subtitle:
            ss = min(body * rng.uniform(1.1, 1.3), 0.95 * (height - body) / len(subtitle),
                     0.8 * size)
            foot = max(foot, self.sheet.vertical(x - ss / 2, top + body,
                                                 self.units(subtitle, ss),
                                                 Ink(self.kicker_face, ss)))
            x -= ss * 1.4
        style = rng.random()
        if style < 0.3:
            self.sheet.box(x + 0.2 * body, top - 0.3 * body, x1 - 0.1 * body, foot + 0.4 * body)
        elif style < 0.6:
            self.sheet.rule(x + 0.2 * body, top, x + 0.2 * body, foot)
        return x - 0.3 * body, foot + 0.4 * body

    def horizontal_head(self, x0: float, x1: float, top: float, headline: str,
                        kicker: str | None, subtitle: str | None, byline: str | None) -> float:
        """A horizontal headline group across the top; returns the y under it."""
        rng, body, sheet = self.rng, self.body.size, self.sheet
        width = x1 - x0 - body
        lines, size = self._head_lines(headline, width, body * rng.uniform(1.6, 3.0))
        centred = rng.random() < 0.6
        y = top

        def line(text: str, ink: Ink) -> None:
            w = sheet.width(text, ink)
            x = x0 + (x1 - x0 - w) / 2 if centred else x1 - 0.5 * body - w
            sheet.horizontal(x, y, text, ink)

        if kicker:
            ks = min(body * rng.uniform(1.2, 1.45), width / len(kicker), 0.8 * size)
            line(kicker, Ink(self.kicker_face, ks))
            y += ks * 1.5
        for text in lines:
            line(text, Ink(self.head_face, size))
            y += size * 1.3
        if subtitle:
            ss = min(body * rng.uniform(1.1, 1.3), width / len(subtitle), 0.8 * size)
            line(subtitle, Ink(self.kicker_face, ss))
            y += ss * 1.5
        if byline:
            w = sheet.width(byline, self.byline_ink)
            sheet.horizontal(x1 - 0.5 * body - w, y, byline, self.byline_ink)
            y += body * 1.5
        if rng.random() < 0.4:
            sheet.rule(x0 + 0.3 * body, y, x1 - 0.3 * body, y)
        return y + 0.7 * body

    # --- articles --------------------------------------------------------------------

    def article(self, source: SourceArticle, x0: float, x1: float, tops: list[float],
                tier_h: float) -> None:
        rng, body, sheet = self.rng, self.body.size, self.sheet
        headline, kicker = make_kicker(source, rng)
        kicker = kicker if rng.random() < 0.45 else None
        tag = re.fullmatch(r"(.{6,}?)（(.{2,})）", headline) if len(headline) > 24 else None
        if tag:  # a long headline's column tag （…·…）: its kicker, or left out if long
            headline, kicker = tag.group(1), (tag.group(2) if len(tag.group(2)) <= 20
                                              else None)
        subtitle = make_subtitle(source, rng) if rng.random() < 0.35 else None
        headline = self.text(headline)
        kicker = self.text(kicker) if kicker else None
        subtitle = self.text(subtitle) if subtitle else None
        style = FAMILY_STYLES["party"]
        forms, weights = zip(*BYLINE_FORMS, strict=True)
        byline = make_byline(rng.choices(forms, weights)[0], rng) if rng.random() < 0.8 else None
        byline_text = self.text(byline.text) if byline else None
        names = [self.text(n) for n in byline.names] if byline else []
        height = tops[-1] + tier_h - tops[0]
        rights = [x1 - 0.4 * body] * len(tops)
        starts = list(tops)
        vertical_byline = byline_text
        drawn = False
        height_ok = self._fits(headline, height)
        if (rng.random() < 0.6 or x1 - x0 < 14 * body
                or (height_ok and not self._fits(headline, x1 - x0 - body))):
            left, foot = self.vertical_head(x1, tops[0], height, headline, kicker, subtitle)
            rights = [left if top < foot else r for top, r in zip(tops, rights, strict=True)]
        else:
            horizontal_byline = byline_text if rng.random() < 0.5 else None
            vertical_byline = None if horizontal_byline else byline_text
            drawn = horizontal_byline is not None
            under = self.horizontal_head(x0, x1, tops[0], headline, kicker, subtitle,
                                         horizontal_byline)
            starts = [max(top, under) for top in tops]
        lefts = [x0 + 0.3 * body] * len(tops)
        captions: list[TruthCaption] = []
        draw_photo = None
        if rng.random() < style.photo + 0.1 and x1 - x0 > 18 * body:
            # under a horizontal head when the last tier is the first (not over it)
            captions, draw_photo = self.photo(source, x0, x1, starts[-1],
                                              tops[-1] + tier_h - starts[-1], lefts)
        slots = [(xc, start, int((top + tier_h - start) / body + 1e-6))
                 for top, start, left, right in zip(tops, starts, lefts, rights, strict=True)
                 for xc in _centres(left, right, body, self.pitch)]
        slots = [s for s in slots if s[2] >= 6]
        if vertical_byline and slots:
            xc, start, chars = slots.pop(0)
            cells = self.units(vertical_byline)
            length = sum(u.em for u in cells) * body
            if length <= chars * body:
                at = start + body if rng.random() < 0.4 else start + chars * body - length
                sheet.vertical(xc, at, cells, self.byline_ink)
                drawn = True
        names = names if drawn else []
        blocks, used = self.body_text(source, slots)
        # the photo stands in the last tier: only when the article's text reaches it (a
        # photo an article's text never comes near belongs to no article a reader can see)
        if draw_photo is not None and used and slots[used - 1][1] >= tops[-1] - 0.5 * body:
            draw_photo()
        else:
            captions = []
        if blocks:
            self.articles.append(TruthArticle(
                headline=headline, kicker=kicker, subtitle=subtitle,
                bylines=names, blocks=blocks, captions=captions))

    def body_text(self, source: SourceArticle, slots: list[tuple[float, float, int]]
                  ) -> tuple[list[tuple[str, str]], int]:
        """Paragraphs set in ``slots`` (line centre, head, characters) in order; returns the
        truth blocks of what was printed and how many slots it filled."""
        rng, body = self.rng, self.body.size
        blocks: list[tuple[str, str]] = []
        k = 0
        paragraphs = [p for i, p in enumerate(source.paragraphs) if i not in source.subheads]
        for raw in paragraphs:
            text = self.text(_with_latin(raw, rng) if rng.random() < 0.3 else raw)
            rooms = [slots[j][2] - (2 if j == k else 0) for j in range(k, len(slots))]
            lines = fill(self.units(text), rooms)
            if lines is None:  # too long: the sentences that fit
                ends = [m.end() for m in re.finditer("[。！？]", text)]
                for end in reversed(ends):
                    lines = fill(self.units(text[:end]), rooms)
                    if lines is not None:
                        text = text[:end]
                        break
                if lines is None:
                    break
            for j, line in enumerate(lines):
                xc, start, chars = slots[k + j]
                head = start + (2 * body if j == 0 else 0.0)
                room = (chars - (2 if j == 0 else 0)) * body
                used = sum(u.em for u in line) * body
                last = j == len(lines) - 1
                extra = 0.0 if last or len(line) < 2 else (room - used) / (len(line) - 1)
                self.sheet.vertical(xc, head, line, self.body, extra)
            blocks.append(("paragraph", text))
            k += len(lines)
            if k >= len(slots) or len(blocks) >= 12:
                break
        return blocks, k

    def photo(self, source: SourceArticle, x0: float, x1: float, top: float, tier_h: float,
              lefts: list[float]) -> tuple[list[TruthCaption], Callable[[], None] | None]:
        """A photo at the left of the last tier, its caption under it; narrows that tier.
        Returns its truth and the drawing of it (called once the text is set: see
        :meth:`article`); the photo's random draws are made here either way."""
        rng, body, sheet, ink = self.rng, self.body.size, self.sheet, self.caption_ink
        width = (x1 - x0) * rng.uniform(0.3, 0.45)
        caption, credit = make_caption(source, rng)
        caption, credit = self.text(caption), self.text(credit)
        inline = rng.random() < 0.5
        lines = wrap(caption + (" " + credit if inline else ""), width - 0.6 * body, ink, sheet)
        if not inline:
            lines.append(credit)
        cap_h = len(lines) * ink.size * 1.35
        photo_bottom = top + tier_h - cap_h - 0.5 * body
        if photo_bottom - top < 5 * body:
            return [], None
        px0, px1 = x0 + 0.3 * body, x0 + width
        image = _photo_reader(rng)

        def draw() -> None:
            sheet.canvas.drawImage(image, px0, self.height - photo_bottom,
                                   px1 - px0, photo_bottom - top)
            y = photo_bottom + 0.4 * body
            for k, line in enumerate(lines):
                if not inline and k == len(lines) - 1:
                    sheet.horizontal(px1 - sheet.width(line, ink), y, line, ink)
                else:
                    sheet.horizontal(px0, y, line, ink)
                y += ink.size * 1.35

        lefts[-1] = px1 + 0.8 * body
        return [TruthCaption(caption, credit)], draw

    def horizontal_article(self, source: SourceArticle, x0: float, x1: float, top: float,
                           bottom: float) -> None:
        """A horizontally set article (a mixed page): headline, byline, justified lines."""
        rng, body, sheet, ink = self.rng, self.body.size, self.sheet, self.body
        headline = self.text(make_kicker(source, rng)[0])
        y = self.horizontal_head(x0, x1, top, headline, None, None, None)
        left, right = x0 + 0.5 * body, x1 - 0.5 * body
        per_line = int((right - left) / body)
        blocks: list[tuple[str, str]] = []
        paragraphs = [p for i, p in enumerate(source.paragraphs) if i not in source.subheads]
        for raw in paragraphs:
            text = self.text(raw)
            chunks = [text[:per_line - 2]] + [text[k:k + per_line]
                                              for k in range(per_line - 2, len(text), per_line)]
            chunks = [c for c in chunks if c]
            if y + len(chunks) * body * 1.5 > bottom:
                break
            for k, chunk in enumerate(chunks):
                x = left + (2 * body if k == 0 else 0.0)
                w = sheet.width(chunk, ink)
                last = k == len(chunks) - 1
                extra = 0.0 if last or len(chunk) < 2 else (right - x - w) / (len(chunk) - 1)
                sheet.horizontal(x, y, chunk, ink, max(0.0, extra))
                y += body * 1.5
            blocks.append(("paragraph", text))
        if blocks:
            self.articles.append(TruthArticle(headline=headline, blocks=blocks))


def _centres(left: float, right: float, body: float, pitch: float) -> list[float]:
    """Line centres from the right edge leftwards, a pitch apart, within left–right."""
    out = []
    xc = right - body / 2
    while xc - body / 2 >= left:
        out.append(xc)
        xc -= pitch
    return out


def _photo_reader(rng: random.Random):  # noqa: ANN202
    from reportlab.lib.utils import ImageReader

    return ImageReader(random_photo(random.Random(rng.randrange(1 << 30))))


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
    edges = [0, *cuts, total]
    return [b - a for a, b in zip(edges, edges[1:], strict=False)]


def compose_vertical(seed: int, family: str, split: str | None, path: Path) -> TruthPage:
    """Draw vertical page ``seed`` of ``family`` into ``path``; return its truth."""
    if family not in VERTICAL_FAMILIES:
        raise ValueError(f"family must be one of {VERTICAL_FAMILIES}, not {family!r}")
    rng = random.Random(f"vertical-{family}-{seed}-{split}")
    width, height = rng.choice(HOLDOUT_PAGE_SIZES if split == "holdout" else PAGE_SIZES)
    canvas = Canvas(str(path), pagesize=(width, height), pageCompression=1)
    page = Composer(seed, family, split, canvas, width, height, rng)
    sources = list(_split_articles(load_articles(), split))
    rng.shuffle(sources)
    body, sheet = page.body.size, page.sheet
    margin = rng.uniform(28, 42)
    date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
    header, footer, _ = _furniture(rng, "", date, rng.randint(1, 16), FAMILY_STYLES["party"])
    header = tuple(page.text(t) for t in header)
    footer = tuple(page.text(t) for t in footer)
    furniture_ink = Ink(page.head_face, 10.0)
    sheet.horizontal(margin, margin, header[0], furniture_ink)
    sheet.horizontal((width - sheet.width(header[1], furniture_ink)) / 2, margin, header[1],
                     furniture_ink)
    sheet.horizontal(width - margin - sheet.width(header[2], furniture_ink), margin,
                     header[2], furniture_ink)
    sheet.rule(margin, margin + 15, width - margin, margin + 15)
    sheet.horizontal(margin, height - margin - 10, footer[0], furniture_ink)
    sheet.rule(margin, height - margin - 14, width - margin, height - margin - 14)
    top, bottom = margin + 15 + body * 1.2, height - margin - 14 - body * 1.2
    n_tiers = rng.choice((3, 4, 4, 5))
    gap = body * rng.uniform(1.4, 2.2)
    chars = int((bottom - top - (n_tiers - 1) * gap) / n_tiers / body)
    tier_h = chars * body
    tops = [top + t * (tier_h + gap) for t in range(n_tiers)]
    bands = _split(rng, n_tiers, rng.choice((1, 2, 2, 3)) if n_tiers > 2 else 1)
    mixed = rng.random() < 0.25
    x0, x1 = margin, width - margin
    t = 0
    for tiers in bands:
        band_tops = tops[t:t + tiers]
        if t:
            sheet.rule(x0, band_tops[0] - gap / 2, x1, band_tops[0] - gap / 2,
                       rng.uniform(0.4, 1.0))
        count = min(rng.choice((1, 2, 2, 3)), max(1, int((x1 - x0) / (20 * body))))
        shares = [rng.uniform(0.7, 1.3) for _ in range(count)]
        right = x1
        for k, share in enumerate(shares):
            left = x0 if k == count - 1 else right - (x1 - x0) * share / sum(shares)
            if k and rng.random() < 0.6:
                sheet.rule(right, band_tops[0], right, band_tops[-1] + tier_h)
            source = sources.pop() if sources else load_articles()[k]
            if mixed and k == count - 1 and right - left > 16 * body:
                mixed = False
                page.horizontal_article(source, left + 0.3 * body, right - 0.3 * body,
                                        band_tops[0], band_tops[-1] + tier_h)
            else:
                page.article(source, left + 0.4 * body, right - 0.4 * body, band_tops, tier_h)
            right = left
        t += tiers
    canvas.showPage()
    canvas.save()
    return TruthPage(articles=page.articles, furniture=[*header, *footer])
