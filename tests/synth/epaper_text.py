"""Text for synthetic e-paper pages: source articles, names, bylines, captions, furniture.

Takes the corpus file ``../shared/corpus/rmrb-2025-10-20-articles.json`` (title, byline,
paragraphs, subhead indices) or, when it is absent, the built-in
``tests/data/fallback-articles.json`` in the same format; and a
``random.Random``. Returns :class:`SourceArticle` objects and the short strings a page needs
(bylines, datelines, kickers, subtitles, photo captions and credits, header/footer texts).
Also breaks text into lines (:func:`break_lines`) under the CJK line-start/line-end rules.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.shared_corpus import corpus_path

CORPUS_FILE = corpus_path("rmrb-2025-10-20-articles.json")
FALLBACK_FILE = Path(__file__).resolve().parents[1] / "data" / "fallback-articles.json"

NO_START = set("、，；：。．！？‼⁇”’」』）》〉】〗〕］｝～–·・‧" + ",.;:!?)]}%")
NO_END = set("“‘「『（《〈【〖〔［｛" + "([{")
SENTENCE_END = "。！？"
BYLINE_PREFIXES = ("本报特约记者", "本报记者", "新华社记者", "特约记者", "记者", "通讯员")

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
            "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江"
            "尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔")
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建林成宇浩然子轩"
         "欣怡晨阳佳琪雨涵文博志远嘉慧颖思彤一鸣晓东海燕春雷立新国庆卫东永红金凤")
CITIES = ("北京", "上海", "广州", "深圳", "天津", "重庆", "杭州", "南京", "武汉", "成都",
          "西安", "郑州", "长沙", "合肥", "福州", "昆明", "兰州", "拉萨", "乌鲁木齐", "哈尔滨")
PAPERS = ("人民日报", "光明日报", "经济日报", "中国青年报", "周口日报", "南方日报", "新华日报",
          "大众日报", "湖北日报", "四川日报", "河南日报", "海峡都市报")
SECTIONS = ("要闻", "综合", "国内", "国际", "经济", "社会", "文化", "体育", "评论", "理论",
            "民生", "视点", "副刊", "科技", "教育", "生态", "法治", "健康")
WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class SourceArticle:
    """An article's text as published: title, byline, paragraphs, which of them are subheads."""

    title: str
    byline: str
    paragraphs: tuple[str, ...]
    subheads: frozenset[int] = frozenset()

    @property
    def length(self) -> int:
        return sum(len(p) for p in self.paragraphs)


def _subhead_indices(paragraphs: Sequence[str], listed: Sequence[int]) -> frozenset[int]:
    """Listed subhead indices that look like subheads (short, no sentence end, not a credit)."""
    out = set()
    for i in listed:
        if not isinstance(i, int) or not 0 <= i < len(paragraphs):
            continue
        text = paragraphs[i]
        if 2 <= len(text) <= 24 and text[-1] not in "。！？…：；，摄" and not text.startswith("——"):
            out.add(i)
    for i, text in enumerate(paragraphs[1:], start=1):
        if (4 <= len(text) <= 18 and text[-1] not in "。！？…：；，、”）摄"
                and text[0] != "—" and not re.search(r"[。，！？]", text)):
            out.add(i)
    for i in sorted(out):  # a subhead set in two parts: 为何著书—— / 中国不是难解的谜团，…
        text = paragraphs[i + 1] if i + 1 < len(paragraphs) else ""
        if (paragraphs[i].endswith("——") and 2 <= len(text) <= 24
                and text[-1] not in "。！？…：；，摄"):
            out.add(i + 1)
    return frozenset(out)


def load_articles(source: Path | str | Sequence[dict] | None = None) -> tuple[SourceArticle, ...]:
    """Articles from ``source`` (a JSON file or its parsed list); the corpus, else the fallback."""
    if source is None:
        source = CORPUS_FILE or FALLBACK_FILE
    records = json.loads(Path(source).read_text("utf-8")) if isinstance(source, Path | str) \
        else source
    articles = []
    seen: set[tuple[str, str]] = set()
    for r in records:
        paragraphs = tuple(p.strip() for p in r.get("paragraphs", []) if p and p.strip())
        title = (r.get("title") or "").strip()
        if not paragraphs or not title or (title, paragraphs[0]) in seen:
            continue
        if re.search(r"责编|广告", title):  # page furniture glued to a title by the extractor
            continue
        seen.add((title, paragraphs[0]))
        subheads = _subhead_indices(paragraphs, r.get("subheads", []))
        while 0 in subheads and len(paragraphs) > 1:
            # a subhead over the first paragraph ((一) right under the headline) reads as
            # the subtitle in a dump: the text opens with its first paragraph instead (it
            # used to stay as a one-word "paragraph")
            paragraphs = paragraphs[1:]
            subheads = frozenset(i - 1 for i in subheads if i > 0)
        if 0 in subheads:
            continue
        articles.append(SourceArticle(r["title"].strip(), (r.get("byline") or "").strip(),
                                      paragraphs, subheads))
    return tuple(articles) or FALLBACK_ARTICLES


FALLBACK_ARTICLES = load_articles(FALLBACK_FILE)


def random_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def split_byline(byline: str) -> tuple[str, str]:
    """('本报记者', '田先进') from '本报记者田先进'; ('', names) when there is no prefix."""
    for prefix in BYLINE_PREFIXES:
        if byline.startswith(prefix):
            return prefix, byline[len(prefix):].strip()
    return "", byline.strip()


def make_bylines(article: SourceArticle, rng: random.Random) -> list[tuple[str, str]]:
    """The byline lines to draw as (prefix, names): the source's, sometimes a 通讯员 added."""
    lines: list[tuple[str, str]] = []
    prefix, names = split_byline(article.byline)
    if names and not re.search(r"[，。、：]", names) and len(names) <= 12:
        if not prefix and len(names) <= 4:  # a bare name (评论 authors): sometimes a reporter
            prefix = rng.choice(("本报记者", "记者", ""))
        lines.append((prefix, names))
    elif rng.random() < 0.6:
        lines.append((rng.choice(("本报记者", "记者", "新华社记者")),
                      " ".join(random_name(rng) for _ in range(rng.choice((1, 1, 2))))))
    if lines and rng.random() < 0.25:
        lines.append(("通讯员", random_name(rng)))
    return lines


def make_dateline(rng: random.Random, date: dt.date) -> str:
    """A dateline such as 本报讯（记者 王磊）or 本报北京10月19日电（记者 王磊）."""
    who = f"记者{random_name(rng)}"
    if rng.random() < 0.5:
        return f"本报讯（{who}）"
    day = date - dt.timedelta(days=1)
    return f"本报{rng.choice(CITIES)}{day.month}月{day.day}日电（{who}）"


def _clause(text: str, rng: random.Random, lo: int, hi: int) -> str | None:
    """A clause of ``text`` between ``lo`` and ``hi`` characters, cut at punctuation."""
    pieces = [p for p in re.split(r"[\s，。！？；：、“”（）《》…—]", text) if lo <= len(p) <= hi]
    return rng.choice(pieces) if pieces else None


def make_kicker(article: SourceArticle, rng: random.Random) -> tuple[str, str | None]:
    """(headline, kicker): a trailing column tag （人民时评） becomes the kicker, or a clause."""
    match = re.fullmatch(r"(.+?)（([^（）]{2,20})）", article.title)
    if match and rng.random() < 0.8:
        return match.group(1), match.group(2)
    return article.title, _clause(" ".join(article.paragraphs[:3]), rng, 6, 18)


def make_subtitle(article: SourceArticle, rng: random.Random) -> str | None:
    clause = _clause(" ".join(article.paragraphs[1:4]), rng, 6, 22)
    if clause is None:
        return None
    return ("——" + clause) if rng.random() < 0.7 else clause


def make_caption(article: SourceArticle | None, rng: random.Random, long: bool = False
                 ) -> tuple[str, str]:
    """(caption text, credit ending in 摄) for a photo, drawn from the article's sentences."""
    sentences: list[str] = []
    pool = article.paragraphs if article else tuple(a.paragraphs[0] for a in FALLBACK_ARTICLES)
    for p in pool:
        sentences += [s + "。" for s in re.split(r"[。！？]", p) if 8 <= len(s) <= 38
                      and s.count("“") == s.count("”") and s.count("（") == s.count("）")]
    if not sentences:
        sentences = ["现场群众参加活动。"]
    start = rng.randrange(len(sentences))
    text = sentences[start]
    if long and start + 1 < len(sentences):
        text += sentences[start + 1]
    if rng.random() < 0.5:
        text = "图为" + text
    prefix = rng.choice(("本报记者", "新华社记者", "记者", "通讯员", ""))
    gap = rng.choice(("", " "))
    credit = f"{prefix}{gap if prefix else ''}{random_name(rng)}{rng.choice(('', ' '))}摄"
    return text, credit


def weekday_text(date: dt.date) -> str:
    return "星期" + WEEKDAYS[date.weekday()]


def break_lines(text: str, width: float, measure: Callable[[str], float],
                first_indent: float = 0.0) -> list[str]:
    """Greedy CJK line breaking: no line starts with NO_START or ends with NO_END characters.

    Latin/digit runs are not split unless a run alone is wider than a line.
    """
    lines: list[str] = []
    i = 0
    n = len(text)
    indent = first_indent
    while i < n:
        used = indent
        j = i
        while j < n and used + measure(text[j]) <= width + 1e-6:
            used += measure(text[j])
            j += 1
        if j == i:
            j = i + 1
        if j < n:
            k = j
            while k > i + 1 and (text[k] in NO_START or text[k - 1] in NO_END
                                 or (text[k] == text[k - 1] and text[k] in "—…")
                                 or (text[k].isascii() and text[k].isalnum()
                                     and text[k - 1].isascii() and text[k - 1].isalnum())):
                k -= 1
            if k > i + max(2, (j - i) // 2):
                j = k
        lines.append(text[i:j])
        i = j
        indent = 0.0
    return lines
