"""Text for synthetic e-paper pages: source articles, names, bylines, captions, furniture.

Takes the corpus file ``../shared/corpus/rmrb-2025-10-20-articles.json`` (title, byline,
paragraphs, subhead indices) or, when it is absent, a small built-in set of articles; and a
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

CORPUS_FILE = (Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
               / "rmrb-2025-10-20-articles.json")

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


FALLBACK_ARTICLES = (
    SourceArticle("金秋时节稻谷飘香 各地抢抓农时秋收秋种", "本报记者王磊", (
        "眼下正值秋收秋种关键时期，各地抢抓晴好天气，组织农机手开展机收作业，确保颗粒归仓。",
        "在河南周口，一台台收割机在田间来回穿梭，金黄的稻谷被迅速收割、脱粒、装车。",
        "“今年风调雨顺，亩产比去年高出一成多。”种粮大户李建国算起了丰收账，脸上满是笑容。",
        "当地农业部门组织技术人员深入田间地头，指导农户科学种植，推广良种良法。",
        "据统计，全省秋粮收获已过七成，小麦播种进度快于常年同期。")),
    SourceArticle("老旧小区改造让居民住得更舒心", "记者张敏", (
        "加装电梯、改造管网、增设停车位，一批老旧小区旧貌换新颜。",
        "“以前上下楼全靠爬，现在按一下按钮就到家门口。”家住六楼的刘大爷说。",
        "改造过程中，街道社区多次召开居民议事会，听取群众意见，做到改什么、怎么改由居民说了算。",
        "今年以来，全市已开工改造老旧小区一百二十个，惠及居民三万余户。")),
    SourceArticle("科技创新赋能传统产业转型升级（高质量发展调研行）", "", (
        "走进一家纺织企业的智能车间，机械臂精准抓取纱线，自动导引车往来穿梭。",
        "企业负责人介绍，通过数字化改造，生产效率提升了三成，产品不良率下降一半。",
        "近年来，当地出台一系列政策措施，支持企业加大研发投入，推动产业链上下游协同创新。",
        "创新驱动",
        "专家表示，传统产业转型升级大有可为，关键在于把握科技革命和产业变革的机遇。",
        "下一步，当地将继续培育一批专精特新企业，打造具有竞争力的产业集群。")),
    SourceArticle("乡村图书馆点亮孩子阅读梦", "通讯员陈杰", (
        "周末的乡村图书馆里坐满了前来读书的孩子，有的翻阅绘本，有的埋头写作业。",
        "图书馆由闲置校舍改建而成，藏书一万余册，还配备了电子阅览设备。",
        "志愿者定期开展读书分享会，带领孩子们走进书的世界。",
        "“这里成了孩子们最喜欢去的地方。”村党支部书记说。")),
    SourceArticle("冬季供暖准备工作有序推进", "本报记者赵海燕", (
        "随着气温逐步下降，各地供热企业加紧检修设备、储备燃料，为按时供暖做好准备。",
        "在一处换热站内，工作人员正在对管道阀门逐一检查，排查安全隐患。",
        "有关部门要求，各供热单位要提前开展试运行，确保群众温暖过冬。")),
)


def _subhead_indices(paragraphs: Sequence[str], listed: Sequence[int]) -> frozenset[int]:
    """Listed subhead indices that look like subheads (short, no sentence end, not a credit)."""
    out = set()
    for i in listed:
        if not isinstance(i, int) or not 0 < i < len(paragraphs):
            continue
        text = paragraphs[i]
        if 2 <= len(text) <= 24 and text[-1] not in "。！？…：；，摄" and not text.startswith("——"):
            out.add(i)
    for i, text in enumerate(paragraphs[1:], start=1):
        if (4 <= len(text) <= 18 and text[-1] not in "。！？…：；，、”）摄"
                and text[0] != "—" and not re.search(r"[。，！？]", text)):
            out.add(i)
    return frozenset(out)


def load_articles(source: Path | str | Sequence[dict] | None = None) -> tuple[SourceArticle, ...]:
    """Articles from ``source`` (a JSON file or its parsed list); the corpus, else the fallback."""
    if source is None:
        if not CORPUS_FILE.is_file():
            return FALLBACK_ARTICLES
        source = CORPUS_FILE
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
        articles.append(SourceArticle(r["title"].strip(), (r.get("byline") or "").strip(),
                                      paragraphs, _subhead_indices(paragraphs,
                                                                   r.get("subheads", []))))
    return tuple(articles) or FALLBACK_ARTICLES


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
