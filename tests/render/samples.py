"""Test inputs for the renderer: the sample page, generated mixed-script articles, built-ins.

Takes the shared corpus (when present) or nothing; returns :class:`layout.model.Issue` s.
``sample_issue`` reads the compact expected structure of the sample page; ``generated_issue``
takes real People's Daily paragraphs and inserts Latin words, numbers, quotes, dashes,
ellipses and 𠮷 at seeded-random positions; ``builtin_issue`` needs no corpus and exercises
every typography rule on purpose-made text.
"""

from __future__ import annotations

import json
import random

from layout.model import Article, Block, Issue, Page, Role
from tests.shared_corpus import corpus_path, needs_corpus

CORPUS = corpus_path()
SAMPLE_JSON = corpus_path("text", "zhoukou-demo-zone-page.expected.json")
RMRB_JSON = corpus_path("rmrb-2025-10-20-articles.json")

needs_shared = needs_corpus()

INSERTS = ("GDP", "5G", "AI", "iPhone 17", "COVID-19", "2025", "3.14", "80.3%", "No.1",
           "“新质生产力”", "《人民日报》", "（试行）", "——", "……", "𠮷", "Wi-Fi", "APEC",
           "“AI+”", "1000万", "New York", "ChatGPT", "“十五五”")


def sample_issue() -> Issue:
    """The sample page (7 articles, 2 photo captions) as an Issue."""
    assert SAMPLE_JSON is not None, "needs ../shared (mark the test needs_shared)"
    data = json.loads(SAMPLE_JSON.read_text(encoding="utf-8"))
    articles = []
    for number, item in enumerate(data["articles"], start=1):
        blocks = tuple(Block(Role(b["role"]), text=b["text"]) for b in item["blocks"])
        articles.append(Article(id=f"p1-a{number}", headline=item.get("headline"),
                                kicker=item.get("kicker"), subtitle=item.get("subtitle"),
                                bylines=tuple(item.get("bylines") or ()), blocks=blocks))
    captions = tuple(Block(Role.CAPTION, text=c["text"], credit=c.get("credit"))
                     for c in data.get("captions", ()))
    page = Page(number=1, articles=tuple(articles), blocks=captions, section="示范区新闻")
    return Issue(source=str(SAMPLE_JSON), title="周口日报", date="2024-01-15", edition="3",
                 pages=(page,))


def mix(paragraph: str, rng: random.Random, count: int) -> str:
    """``paragraph`` with ``count`` insert tokens placed after random characters."""
    chars = list(paragraph)
    for _ in range(count):
        at = rng.randrange(0, len(chars) + 1)
        chars.insert(at, rng.choice(INSERTS))
    return "".join(chars)


def generated_issue(count: int = 24, seed: int = 7, paragraphs_per_article: int = 4) -> Issue:
    """``count`` real articles with mixed Latin, digits, quotes, dashes, ellipses and 𠮷."""
    assert RMRB_JSON is not None, "needs ../shared (mark the test needs_shared)"
    source = json.loads(RMRB_JSON.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    chosen = [a for a in source if len(a.get("paragraphs") or ()) >= 2][:count]
    pages: dict[int, list[Article]] = {}
    for number, item in enumerate(chosen, start=1):
        paras = item["paragraphs"][:paragraphs_per_article]
        blocks = [Block(Role.PARAGRAPH, text=mix(p, rng, max(1, len(p) // 40))) for p in paras]
        if number % 3 == 0:
            blocks.insert(1, Block(Role.SUBHEAD, text=mix("加快构建新发展格局", rng, 1)))
        edition = int(item.get("edition") or 1)
        pages.setdefault(edition, []).append(Article(
            id=f"g{number}", headline=mix(item["title"], rng, 1),
            bylines=(item["byline"],) if item.get("byline") else (), blocks=tuple(blocks)))
    return Issue(source="generated", title="人民日报", date="2025-10-20",
                 pages=tuple(Page(number=n, articles=tuple(a), section=f"要闻{n}")
                             for n, a in sorted(pages.items())))


# Built-in texts: each aims at one rule (line-start/end punctuation at every position,
# unbreakable pairs at line ends, Latin runs, a near-empty last line, beyond-BMP characters).
BUILTIN_PARAGRAPHS = (
    "他说：“我们要把‘十五五’规划落到实处。”随后，代表们纷纷发言——有的谈经济，有的谈民生，"
    "有的谈生态……会场气氛热烈。今年GDP增长5.2%，CPU、AI与5G产业产值突破1000亿元。",
    "吉与𠮷不同：𠮷字的上部是“土”而非“士”。《通知》（试行）要求：各地区、各部门认真贯彻落实，"
    "确保取得实效！是否如此？答案是肯定的。",
    "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十，甲乙。",
    "New York Times与BBC都报道了此事：iPhone 17和Wi-Fi 7将于2026年上市，售价约999美元。"
    "“AI+”行动——人工智能赋能千行百业……未来可期。",
    "短段。",
    "他问：“真的吗？”“真的！”——回答斩钉截铁。第1、2、3条分别为：（一）总则；（二）细则；"
    "（三）附则……全文共计12000字，涉及《中华人民共和国宪法》《民法典》等法律。",
)


def builtin_issue(repeat: int = 3) -> Issue:
    """An issue made of the built-in paragraphs (no corpus needed), several articles."""
    articles = []
    for number in range(1, repeat + 1):
        blocks = [Block(Role.PARAGRAPH, text=p) for p in BUILTIN_PARAGRAPHS]
        blocks.insert(2, Block(Role.SUBHEAD, text="一、坚持“稳中求进”"))
        articles.append(Article(id=f"b{number}", headline=f"测试文章{number}：排版规则与“标点”检查",
                                kicker="引题：中文排版" if number == 1 else None,
                                subtitle="——副题示例" if number == 2 else None,
                                bylines=("记者 张三", "李四"), dateline="本报北京1月1日电",
                                blocks=tuple(blocks)))
    page = Page(number=1, articles=tuple(articles), section="测试版")
    return Issue(source="builtin", title="测试日报", date="2026-01-01", pages=(page,))
