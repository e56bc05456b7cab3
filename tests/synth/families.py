"""Style families of Chinese papers, and the printed forms of bylines and kickers.

Takes nothing; gives :data:`FAMILY_STYLES` (a :class:`FamilyStyle` per family: "party" —
a party daily: 6–8 grid columns, boxes, rules, 引题/主题/副题 groups, 本报记者 bylines under
the headline; "city" — a city daily: wide columns, 本报讯（记者 … 通讯员 …） openings, photo
pairs with fake-bold captions; "feature" — a weekend page: 3–4 columns, big photos, column
labels as kickers, bare-name bylines, drop caps) and :func:`make_byline`, which prints a
byline in one of the common forms (本报记者、见习记者、特约记者、通讯员、实习生、新华社记者、
本报评论员、文/图, □ ■ ● markers, bare names of 2–4 characters, several names) and says
which names a reader must find in it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from tests.synth.epaper_text import GIVEN, SURNAMES
from tests.synth.plan import Byline

COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容")

COLUMN_LABELS = ("金台随感", "环球走笔", "记者手记", "人民时评", "今日谈", "凡人善举", "一线视角",
                 "新春走基层", "身边的感动", "记者调查", "现场直击", "民生观察", "文化评析",
                 "编辑手记", "高质量发展调研行", "大地副刊", "读书札记", "百姓故事")

LATIN_TERMS = ("GDP", "5G", "AI", "APEC", "CPI", "PM2.5", "Wi-Fi", "COP29", "ETF", "iPhone 16",
               "World Expo", "Made in China", "Belt and Road", "ChatGPT", "3D", "No.1",
               "NBA", "CBA", "WTO", "2025", "98.6%", "15.3", "USB-C")


@dataclass(frozen=True)
class FamilyStyle:
    grid_columns: tuple[int, ...]
    body_size: tuple[float, float]
    leading: tuple[float, float]
    gutter_em: tuple[float, float]
    bands: tuple[int, ...]
    slots: tuple[int, ...]  # slots per band, drawn uniformly
    min_span: int  # grid columns per slot, at least
    boxed: float
    rules: float
    kicker: float  # 引题 (a clause) or a column label
    label_kicker: float  # share of kickers that are column labels
    subtitle: float
    byline_in_head: float
    dateline: float  # 本报讯（记者 … 通讯员 …） openings
    photo: float  # an article has a photo
    photo_pair: float  # a band slot holds a pair of stand-alone photos
    photo_scale: tuple[float, float]  # photo height / width
    caption_bold: float
    drop_cap: float
    head_scale: float  # a headline is horizontally scaled (70–130 %)
    head_lines: tuple[float, float, float]  # weights of 1, 2, 3 headline lines
    head_outlined: float
    head_fake_bold: float
    side_label: float
    latin: float  # a paragraph gets a Latin word or number
    byline_forms: tuple[tuple[str, float], ...]


FAMILY_STYLES: dict[str, FamilyStyle] = {
    "party": FamilyStyle(
        grid_columns=(6, 7, 8), body_size=(8.6, 9.6), leading=(1.35, 1.6),
        gutter_em=(0.8, 1.5), bands=(3, 4), slots=(1, 2, 2, 3), min_span=2,
        boxed=0.25, rules=1.0, kicker=0.55, label_kicker=0.3, subtitle=0.5,
        byline_in_head=0.85, dateline=0.25, photo=0.35, photo_pair=0.0,
        photo_scale=(0.55, 0.75), caption_bold=0.2, drop_cap=0.0, head_scale=0.35,
        head_lines=(0.45, 0.4, 0.15), head_outlined=0.06, head_fake_bold=0.3,
        side_label=0.3, latin=0.15,
        byline_forms=(("本报记者", 5), ("新华社记者", 1.5), ("本报见习记者", 1),
                      ("本报特约记者", 0.6), ("本报评论员", 0.5), ("several", 1.5),
                      ("with_通讯员", 1.5), ("bare", 0.8), ("marker", 0.6))),
    "city": FamilyStyle(
        grid_columns=(4, 5, 6), body_size=(9.2, 10.5), leading=(1.35, 1.6),
        gutter_em=(0.9, 1.6), bands=(2, 3, 3), slots=(1, 2, 2, 3), min_span=2,
        boxed=0.1, rules=0.6, kicker=0.3, label_kicker=0.3, subtitle=0.3,
        byline_in_head=0.4, dateline=0.65, photo=0.45, photo_pair=0.2,
        photo_scale=(0.6, 0.75), caption_bold=0.8, drop_cap=0.0, head_scale=0.4,
        head_lines=(0.5, 0.4, 0.1), head_outlined=0.06, head_fake_bold=0.5,
        side_label=0.2, latin=0.25,
        byline_forms=(("记者", 3), ("with_通讯员", 2), ("实习生", 1), ("文/图", 1.5),
                      ("marker", 1.2), ("several", 1), ("见习记者", 1), ("特约记者", 0.5))),
    "feature": FamilyStyle(
        grid_columns=(3, 4), body_size=(9.5, 11.0), leading=(1.45, 1.75),
        gutter_em=(1.0, 2.0), bands=(2, 2, 3), slots=(1, 2), min_span=1,
        boxed=0.1, rules=0.5, kicker=0.75, label_kicker=0.85, subtitle=0.35,
        byline_in_head=0.8, dateline=0.0, photo=0.6, photo_pair=0.1,
        photo_scale=(0.6, 0.85), caption_bold=0.3, drop_cap=0.6, head_scale=0.3,
        head_lines=(0.5, 0.35, 0.15), head_outlined=0.06, head_fake_bold=0.2,
        side_label=0.35, latin=0.2,
        byline_forms=(("bare", 5), ("several_bare", 1.5), ("文/图", 1), ("marker", 1),
                      ("本报记者", 0.8))),
}


def random_person(rng: random.Random, length: int | None = None) -> str:
    """A Chinese name of ``length`` characters (2–4), compound surnames sometimes."""
    length = length or rng.choice((2, 3, 3, 3, 4))
    if length == 4 or (length == 3 and rng.random() < 0.08):
        surname = rng.choice(COMPOUND_SURNAMES)
    else:
        surname = rng.choice(SURNAMES)
    return surname + "".join(rng.choice(GIVEN) for _ in range(length - len(surname)))


def make_byline(form: str, rng: random.Random) -> Byline:
    """A byline of ``form`` (a key of the families' ``byline_forms``)."""
    sep = rng.choice((" ", "　", ""))
    if form == "several":
        names = tuple(random_person(rng) for _ in range(rng.choice((2, 2, 3))))
        prefix = rng.choice(("本报记者", "新华社记者", "记者"))
        return Byline(prefix + sep + rng.choice((" ", "　", "、")).join(names), names)
    if form == "with_通讯员":
        a, b = random_person(rng), random_person(rng)
        prefix = rng.choice(("本报记者", "记者"))
        return Byline(f"{prefix}{sep}{a}{rng.choice(('  ', '　', ' '))}通讯员{sep}{b}", (a, b))
    if form == "本报评论员":
        return Byline("本报评论员", ("本报评论员",))
    if form == "bare":
        name = random_person(rng)
        return Byline(name, (name,))
    if form == "several_bare":
        names = tuple(random_person(rng) for _ in range(2))
        return Byline(rng.choice(("　", "  ", " ")).join(names), names)
    if form == "文/图":
        a = random_person(rng)
        if rng.random() < 0.5:
            return Byline(f"文/图{sep}本报记者{sep}{a}", (a,))
        b = random_person(rng)
        return Byline(f"文/{a}{rng.choice(('  ', '　'))}图/{b}", (a, b))
    if form == "marker":
        a = random_person(rng)
        mark = rng.choice(("□", "■", "●"))
        prefix = rng.choice(("本报记者", "记者", ""))
        return Byline(f"{mark}{prefix}{sep if prefix else ''}{a}", (a,))
    name = random_person(rng)
    return Byline(form + sep + name, (name,))
