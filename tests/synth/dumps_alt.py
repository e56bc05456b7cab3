"""A second text-dump generator, with habits unlike tests/synth/text_dumps.py.

Takes a seed, a style family (``party`` daily, ``city`` daily, weekend ``feature``) and
a split (``tune`` / ``holdout``: disjoint halves of the articles and of the column
labels, and other column widths); returns the bytes of a dump and its
:class:`~tests.synth.scoring.TruthPage` list.

Habits modelled on real papers and real extractors rather than on the first generator:
articles flow through columns of a fixed height, and the extractor writes a blank line
at every column break (mid-sentence, mid-word), not around titles; lines are cut by a
proportional measure (Latin letters and digits of their own widths, punctuation
hanging at a line's end, 避头尾 by pushing a character down); indents are two
ideographic spaces, U+FFFD runs or nothing; headline groups follow the family:
引题 phrases or column labels as kickers (【金台随感】, 环球走笔：, a 2–6 character
line), one- or two-line headlines, —— or plain subtitles; bylines right under the
headline with no blank line (本报见习记者 吴悠, 本报记者 X Y, 新华社记者 X, 文/图 X,
□ X, bare names 邱学武 / 李非 黄婧, several names with 、), datelines
本报讯（记者 X 通讯员 Y） and 新华社北京10月20日电（记者 X）; subheads marked ■ or
numbered or plain; drop caps set as a line of their own; photo captions, fake-bold
doubling, stray spaces from justification gaps, furniture, CRLF and GBK/UTF-16.

``python -m tests.synth.dumps_alt --out DIR --family party --count N --seed S``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from tests.synth.scoring import TruthArticle, TruthCaption, TruthPage, truth_to_dict
from tests.synth.text_dumps import ARTICLES_JSON, FALLBACK_JSON

FAMILIES = ("party", "city", "feature")
NO_START = "，。、；：？！”’」』）》〉】…"
NO_END = "“‘「『（《〈【"
HANG = "，。、；："
SURNAMES = "赵钱孙李周吴郑王冯陈卫蒋沈韩杨朱秦许何吕施张孔曹严华金魏陶姜谢邹喻苏潘葛范彭鲁韦马方俞任袁柳鲍史唐薛雷贺汤罗毕郝安常乐于傅齐康伍余顾孟黄穆萧尹姚邵汪毛米成戴宋庞熊纪舒屈项祝董梁杜阮蓝闵季贾江童颜郭梅盛林钟徐邱骆高夏蔡田樊胡凌霍万柯卢莫房丁邓洪包左石崔吉龚程邢裴陆荣翁甄曲封靳段焦谷侯全班仲宫宁甘武符刘景詹龙叶黎白蒲赖卓蒙池乔闻党翟谭劳姬申冉桑牛温庄柴瞿阎连艾向古易廖耿匡文寇欧聂晁辛曾沙关查荆游权"  # noqa: E501
COMPOUND = ("欧阳", "司马", "诸葛", "上官", "司徒", "慕容", "皇甫", "东方")
GIVEN = "子文思雨晨嘉一欣梓涵睿轩浩宇博铭俊杰志远鹏飞婷悦琳璐蕾雯颖晗瑶萱凯皓晖琦琪珂玥昊旭彬斌磊淼鑫森焱然冰霖露霏蔚蓓蕊芸莉薇岚岩峥嵘崟悠蔚然柯岳立群学武平"  # noqa: E501
ROLES_PARTY = ("本报记者", "本报见习记者", "新华社记者", "人民日报记者", "本报特约记者",
               "本报驻外记者")
LABELS = (
    "金台随感", "环球走笔", "记者手记", "编辑手记", "人民时评", "今日谈", "纵横", "微观",
    "望海楼", "国际论坛", "第一现场", "身边事", "寻访", "遇见", "多味斋", "新知",
    "一线调查", "文化观察", "百姓关注", "民生视线", "走基层", "行进中国", "经济聚焦", "评论员观察",
    "人民论坛", "大地", "副刊", "读书", "城市笔记", "周末特稿", "人物", "封面故事",
)
SUBHEAD_MARKS = ("■", "◆", "●", "")
NUMERALS = "一二三四五六七八九"
PLACES = ("北京", "上海", "广州", "成都", "武汉", "西安", "郑州", "杭州", "南京", "拉萨")


@dataclass(frozen=True)
class Style:
    """One dump's habits (see the module docstring)."""

    family: str
    width: tuple[int, int]  # column width range in em, per article
    column_lines: tuple[int, int]  # lines per column before a break
    indent: str  # ideographic | fffd | none | ascii
    kicker: float
    subtitle: float
    byline: float
    dateline: float
    subheads: float
    drop_cap: float
    doubled_titles: float
    stray_spaces: float  # chance of a space after a punctuation mark (justification gap)
    blank_between_paragraphs: float
    blank_after_group: float
    captions: float
    furniture: bool
    encoding: str
    crlf: bool


def draw_style(rng: random.Random, family: str, holdout: bool) -> Style:
    widths = {"party": (9, 12), "city": (12, 16), "feature": (15, 22)}[family]
    lo = rng.randint(*widths)
    if holdout:
        lo += rng.choice((-1, 1))
    return Style(
        family=family,
        width=(lo, lo + rng.choice((0, 0, 1))),
        column_lines=(rng.randint(8, 14), rng.randint(18, 40)),
        indent=rng.choice(("ideographic", "ideographic", "fffd", "none", "ascii")),
        kicker={"party": 0.45, "city": 0.25, "feature": 0.8}[family],
        subtitle={"party": 0.35, "city": 0.2, "feature": 0.5}[family],
        byline={"party": 0.9, "city": 0.8, "feature": 0.95}[family],
        dateline={"party": 0.5, "city": 0.7, "feature": 0.1}[family],
        subheads=rng.uniform(0.1, 0.5),
        drop_cap=0.35 if family == "feature" else 0.0,
        doubled_titles=rng.choice((0.0, 0.3, 0.7)),
        stray_spaces=rng.choice((0.0, 0.05, 0.2)),
        blank_between_paragraphs=rng.choice((0.0, 0.0, 0.3, 1.0)),
        blank_after_group=rng.choice((0.0, 0.5, 1.0)),
        captions={"party": 0.15, "city": 0.5, "feature": 0.4}[family],
        furniture=rng.random() < 0.6,
        encoding=rng.choice(("utf-8", "utf-8", "utf-8-sig", "gbk", "utf-16")),
        crlf=rng.random() < 0.3,
    )


@cache
def source_articles() -> tuple[dict[str, Any], ...]:
    """Articles with title, the corpus byline (bare names in opinion pieces), paragraphs and
    subhead texts. Titles keep a trailing column tag （金台随感）, used as a kicker."""
    source = ARTICLES_JSON or FALLBACK_JSON  # the corpus, else the built-in articles
    raw: list[dict[str, Any]] = json.loads(source.read_text(encoding="utf-8"))
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for a in raw:
        title = a["title"]
        if title in seen or "责编" in title or not 4 <= len(title) <= 44:
            continue
        seen.add(title)
        listed = set(a.get("subheads") or [])
        paragraphs, subheads = [], {}
        for k, p in enumerate(a["paragraphs"]):
            p = p.strip()
            if k in listed or not re.search(r"[。！？…][”’）]?$", p):
                if 4 <= len(p) <= 16 and re.fullmatch(r"[\u4e00-\u9fff“”《》·]+", p):
                    subheads[len(paragraphs)] = p
                continue
            if len(p) >= 10 and not p.endswith("摄"):
                paragraphs.append(p)
        if len(paragraphs) >= 2:
            out.append({"title": title, "byline": (a.get("byline") or "").strip(),
                        "paragraphs": paragraphs, "subheads": subheads})
    return tuple(out)


def _name(rng: random.Random) -> str:
    if rng.random() < 0.04:
        return rng.choice(COMPOUND) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _advance(ch: str) -> float:
    """A proportional advance in em: Latin letters and digits of their own widths."""
    if ch.isascii():
        if ch in "il.,:;'!|1 ":
            return 0.3
        if ch in "mwMW%@":
            return 0.85
        return 0.55
    return 1.0


def break_paragraph(text: str, width: float, indent: float) -> list[str]:
    """Lines of a paragraph: proportional widths, hanging punctuation, 避头尾, Latin runs
    and numbers never split."""
    lines: list[str] = []
    i, n, used_indent = 0, len(text), indent
    while i < n:
        used, j = used_indent, i
        while j < n and used + _advance(text[j]) <= width + 1e-6:
            used += _advance(text[j])
            j += 1
        if j < n and text[j] in HANG:
            j += 1  # a comma or full stop hangs in the margin
        if j < n:
            k = j
            while k > i + 2 and (text[k] in NO_START or text[k - 1] in NO_END or (
                    text[k].isascii() and text[k].isalnum() and text[k - 1].isascii()
                    and text[k - 1].isalnum())):
                k -= 1
            j = k
        lines.append(text[i:j])
        i, used_indent = j, 0.0
    return [line for line in lines if line]


def _double(text: str) -> str:
    return "".join(c if c.isspace() else c * 2 for c in text)


class Columns:
    """Dump lines written column by column: a blank line at each column break."""

    def __init__(self, rng: random.Random, style: Style) -> None:
        self.rng, self.style, self.lines = rng, style, []
        self.new_article()

    def new_article(self) -> None:
        self.left = self.rng.randint(*self.style.column_lines)

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def put(self, line: str, body: bool = True) -> None:
        if body and self.left <= 0:
            self.blank()
            self.left = self.rng.randint(*self.style.column_lines)
        self.lines.append(line)
        if body:
            self.left -= 1


def _spaced(line: str, rng: random.Random, chance: float) -> str:
    """Justification gaps the extractor wrote as spaces: after punctuation, around numbers."""
    if not chance:
        return line
    out = []
    for k, ch in enumerate(line):
        out.append(ch)
        nxt = line[k + 1:k + 2]
        if nxt and ch in "，、；：。" and rng.random() < chance:
            out.append(" ")
        elif nxt and ch.isdigit() != nxt.isdigit() and not (ch + nxt).isascii() and (
                rng.random() < chance):
            out.append(" ")
    return "".join(out)


def _split_label(title: str) -> tuple[str, str | None]:
    match = re.fullmatch(r"(.+?)（([^（）]{2,24})）", title)
    return (match.group(1), match.group(2)) if match else (title, None)


def _two_lines(title: str, rng: random.Random) -> list[str]:
    """A long headline over two lines: after a comma or space, else near the middle."""
    if len(title) < 14 or rng.random() < 0.4:
        return [title]
    marks = [k + 1 for k, c in enumerate(title[:-2]) if c in "，：；？！ " and k > 2]
    if marks:
        cut = min(marks, key=lambda k: abs(k - len(title) / 2))
    else:
        cut = len(title) // 2
        while 0 < cut < len(title) and (title[cut] in NO_START or title[cut - 1] in NO_END
                                         or title[cut - 1] == "“" or title[cut] == "”"):
            cut += 1
        if title[:cut].count("“") != title[:cut].count("”"):
            return [title]
    return [title[:cut].strip(), title[cut:].strip()] if 0 < cut < len(title) else [title]


def _byline(rng: random.Random, style: Style, source: dict[str, Any]) -> tuple[str, list[str]]:
    """A byline line and its names, in the family's forms."""
    corpus = source["byline"]
    bare = corpus and len(corpus) <= 4 and "记者" not in corpus and "社" not in corpus
    if style.family == "feature" or (bare and rng.random() < 0.8):
        names = [corpus] if bare else [_name(rng) for _ in range(rng.choice((1, 1, 2)))]
        form = rng.choice(("bare", "bare", "wentu", "mark", "slash"))
        if form == "bare":
            return rng.choice((" ", "　", "、")).join(names), names
        if form == "wentu":
            return f"{rng.choice(('文/图', '图/文', '文／图'))} {' '.join(names)}", names
        if form == "mark":
            return f"{rng.choice('□■●')}{rng.choice(('', ' '))}{' '.join(names)}", names
        return f"文/{'、'.join(names)}", names
    names = [_name(rng) for _ in range(rng.choice((1, 1, 2, 3)))]
    role = rng.choice(ROLES_PARTY if style.family == "party" else ("记者", "本报记者", "□记者"))
    if role == "本报驻外记者":
        role = f"本报驻{rng.choice(('埃及', '巴西', '德国', '日本'))}记者"
    sep = rng.choice((" ", " ", "、"))
    text = f"{role} {sep.join(names)}"
    if rng.random() < 0.3:
        extra = [_name(rng) for _ in range(rng.choice((1, 2)))]
        text += f" 通讯员 {' '.join(extra)}"
        names += extra
    return text, names


def _dateline(rng: random.Random, style: Style) -> tuple[str, list[str]]:
    names = [_name(rng)]
    who = f"记者 {names[0]}" if rng.random() < 0.6 else f"记者{names[0]}"
    if rng.random() < 0.4:
        names.append(_name(rng))
        who += f" 通讯员 {names[1]}"
    day = rng.randint(1, 28)
    where = rng.choice(PLACES)
    form = rng.choice(("本报讯", f"本报{where}10月{day}日电", f"新华社{where}10月{day}日电"))
    return f"{form}（{who}）", names


def _kicker(rng: random.Random, style: Style, tag: str | None, labels: list[str],
            source: dict[str, Any]) -> str | None:
    if tag and rng.random() < 0.8:
        label = tag
    elif rng.random() < style.kicker:
        if style.family == "party" and rng.random() < 0.5:  # an 引题 phrase
            clauses = [c for c in re.split(r"[^\u4e00-\u9fff“”]+", source["paragraphs"][0])
                       if 7 <= len(c) <= 16]
            return rng.choice(clauses) if clauses else None
        label = rng.choice(labels)
    else:
        return None
    shape = rng.choice(("【】", "plain", "colon", "bar"))
    if shape == "【】":
        return f"【{label}】"
    if shape == "colon":
        return f"{label}："
    if shape == "bar":
        return f"{label} |"
    return label


def _write_article(out: Columns, rng: random.Random, style: Style, source: dict[str, Any],
                   labels: list[str]) -> TruthArticle:
    title, tag = _split_label(source["title"])
    kicker = _kicker(rng, style, tag, labels, source)
    if kicker is None and tag:
        title = source["title"]
    truth = TruthArticle(headline=title, kicker=kicker)
    width = rng.randint(*style.width)
    out.new_article()
    out.blank()
    if rng.random() < 0.3:
        out.blank()
    doubled = rng.random() < style.doubled_titles
    if kicker:
        out.put(kicker, body=False)
        if rng.random() < 0.3:
            out.blank()
    for line in _two_lines(title, rng):
        out.put(_double(line) if doubled else line, body=False)
    if rng.random() < style.subtitle:
        clauses = [c for c in re.split(r"[。！？；]", source["paragraphs"][-1])
                   if 8 <= len(c) <= 22]
        if clauses:
            truth.subtitle = rng.choice(("——", "—— ", "")) + rng.choice(clauses).strip("，、：")
            out.put(truth.subtitle, body=False)
    if rng.random() < style.byline:
        text, names = _byline(rng, style, source)
        out.put(text, body=False)
        truth.bylines = names
    if rng.random() < style.blank_after_group:
        out.blank()
    budget = rng.randint(2, 8)
    for k, paragraph in enumerate(source["paragraphs"][:budget]):
        head = source["subheads"].get(k)
        if k and (head or rng.random() < style.subheads * 0.4):
            if head is None:
                clauses = [c for c in re.split(r"[^\u4e00-\u9fff]+", paragraph)
                           if 5 <= len(c) <= 10]
                head = rng.choice(clauses) if clauses else None
            if head:
                mark = rng.choice(SUBHEAD_MARKS)
                shown = f"{mark}{head}" if mark else head
                if rng.random() < 0.3:
                    shown = f"{NUMERALS[min(len(truth.subheads), 8)]}、{head}"
                out.blank()
                out.put(shown, body=False)
                truth.blocks.append(("subhead", shown))
        if k == 0 and rng.random() < style.dateline and not re.match(r"本报|新华社", paragraph):
            dateline, names = _dateline(rng, style)
            paragraph = dateline + paragraph
            truth.bylines = truth.bylines + names
        if rng.random() < style.blank_between_paragraphs:
            out.blank()
        indent = {"ideographic": "\u3000\u3000", "fffd": "\ufffd" * rng.randint(2, 6),
                  "none": "", "ascii": "  "}[style.indent]
        lines = break_paragraph(paragraph, width, 0 if style.indent == "none" else 2)
        if k == 0 and rng.random() < style.drop_cap and len(lines[0]) > 3 and (
                "\u4e00" <= paragraph[0] <= "\u9fff"):
            out.put(paragraph[0])  # the drop cap, extracted as a line of its own
            lines[0] = lines[0][1:]
            indent = ""
        for m, line in enumerate(lines):
            out.put((indent if m == 0 else "") + _spaced(line, rng, style.stray_spaces))
        truth.blocks.append(("paragraph", paragraph))
    if rng.random() < style.captions:
        sentence = next((s for s in re.split(r"[。！？]", source["paragraphs"][-1])
                         if 8 <= len(s) <= 30 and s.count("“") == s.count("”")), None)
        if sentence:
            text = "图为" + sentence + "。" if rng.random() < 0.5 else sentence + "。"
            credit = f"{rng.choice(('本报记者', '记者', '新华社记者', ''))} {_name(rng)} 摄".strip()
            shown = _double(text) if rng.random() < 0.5 else text
            out.blank()
            out.put(f"{shown}{rng.choice((' ', '  '))}{credit}", body=False)
            truth.captions.append(TruthCaption(text=text, credit=credit))
    return truth


def make_page(rng: random.Random, style: Style, pool: list[dict[str, Any]],
              labels: list[str], number: int) -> tuple[str, TruthPage]:
    out = Columns(rng, style)
    furniture: list[str] = []
    if style.furniture:
        head = [rng.choice(("人民日报", "周口日报", "城市晚报", "南方周末")),
                f"2025年10月{rng.randint(1, 28)}日　星期{rng.choice('一二三四五六日')}",
                f"第{number + rng.randint(0, 19)}版"]
        for line in rng.sample(head, k=rng.randint(1, 3)):
            out.put(line, body=False)
            furniture.append(line)
    articles = [_write_article(out, rng, style, pool[k], labels)
                for k in rng.sample(range(len(pool)), k=min(len(pool), rng.randint(2, 4)))]
    if style.furniture and rng.random() < 0.7:
        line = f"责任编辑：{_name(rng)}"
        out.blank()
        out.put(line, body=False)
        furniture.append(line)
    text = "\n".join(out.lines).strip("\n") + "\n"
    return text, TruthPage(articles, [], furniture)


def generate(seed: int, family: str, holdout: bool = False) -> tuple[bytes, list[TruthPage]]:
    """A dump of one or two pages in ``family``'s style, and its truth."""
    if family not in FAMILIES:
        raise ValueError(f"family {family!r}: one of {', '.join(FAMILIES)}")
    rng = random.Random(f"alt-{family}-{seed}-{holdout}")
    style = draw_style(rng, family, holdout)
    articles = list(source_articles())
    half = [a for k, a in enumerate(articles) if k % 2 == int(holdout)] or articles
    labels = [x for k, x in enumerate(LABELS) if k % 2 == int(holdout)]
    pages = [make_page(rng, style, half, labels, n) for n in range(1, rng.choice((1, 1, 2)) + 1)]
    dump = "\f".join(text for text, _ in pages)
    if style.crlf:
        dump = dump.replace("\n", "\r\n")
    encoding = style.encoding
    if encoding == "gbk":
        try:
            return dump.encode("gbk"), [t for _, t in pages]
        except UnicodeEncodeError:
            encoding = "gb18030"  # U+FFFD or a rare name: the extractor wrote GB18030
    return dump.encode(encoding), [t for _, t in pages]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--family", choices=FAMILIES, default="party")
    parser.add_argument("--count", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--holdout", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for seed in range(args.seed, args.seed + args.count):
        data, truths = generate(seed, args.family, args.holdout)
        stem = f"alt-{args.family}-{seed:04d}"
        (args.out / f"{stem}.txt").write_bytes(data)
        (args.out / f"{stem}.truth.json").write_text(json.dumps(
            [truth_to_dict(t) for t in truths], ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
