"""Synthetic page text dumps with known structure, made from real article text.

Takes a seed (and optionally a :class:`DumpStyle`); returns the bytes of a dump
as a PDF extractor would write it plus its :class:`TruthPage` list (the structure
a perfect reconstruction gives). Text comes from
../shared/corpus/rmrb-2025-10-20-articles.json (tests/data/fallback-articles.json when absent).

Varied per dump, drawn from the seed: column width 12–20 characters (per
article), how lines are cut (plain character count, half-width digits and
compressed punctuation, kinsoku, justification jitter), first-line indents
(none, U+FFFD runs on every or only the article's first paragraph, spaces),
blank lines (between paragraphs, mid-sentence column breaks, around titles),
justification spaces, spaced numbers, leading spaces before headlines, jump markers,
fake-bold doubling of headlines/subheads/captions, kickers, subtitles (—— or a
short label), bylines, datelines, two-line headlines wrapped between phrases (after a
comma, else at the budoux phrase boundary nearest the middle), subheads (single lines
or equal-length pairs, from their section's own words or corpus labels), captions
with credits, furniture lines, several articles per page, 1–2 pages per dump,
encodings (UTF-8 ± BOM, GB18030, UTF-16) and CRLF line ends.

``holdout=True`` draws from a part of the parameter space kept out of tuning
(widths 18–20, kinsoku + jitter cutting, two-space indents, frequent column breaks).

``python -m tests.synth.text_dumps --out DIR --pages N --seed S`` writes dumps and truth JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from tests.shared_corpus import corpus_path
from tests.synth.scoring import TruthArticle, TruthCaption, TruthPage, truth_to_dict

ARTICLES_JSON = corpus_path("rmrb-2025-10-20-articles.json")
FALLBACK_JSON = Path(__file__).resolve().parents[1] / "data" / "fallback-articles.json"
NO_START = "、，；：。．！？”’」』）》〉】…"
TERMINAL = "。！？…”）；：—"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建国峰慧新宇晨阳雪"
_DATELINE_START = re.compile(r"^(本报讯|\S{0,12}\d+月\d+日电)")
SECTIONS = ("要闻", "综合", "经济", "社会", "文化", "国际", "评论", "体育")

@dataclass(frozen=True)
class DumpStyle:
    """How one dump is written (see the module docstring)."""

    widths: tuple[int, int]  # column width range in characters, drawn per article
    cut: str  # chars | typeset | kinsoku
    jitter: float  # chance that a line is one character shorter/longer (justification)
    indent: str  # none | fffd_first | fffd_all | spaces
    blank_between_paragraphs: float
    blank_mid: float  # chance of a blank line after any body line (column break)
    blank_around_titles: float
    justify_spaces: float  # chance of a space after/before a CJK punctuation mark
    spaced_numbers: float
    leading_space_headline: float
    doubled_titles: float
    doubled_captions: float
    byline: float
    dateline: float
    subheads: float
    kicker: float
    subtitle: float
    captions: int  # loose captions at the page's foot
    inline_captions: float  # chance of a caption right under an article
    furniture: bool
    encoding: str
    crlf: bool


def random_style(rng: random.Random, holdout: bool = False) -> DumpStyle:
    """A dump style drawn from the training (or held-out) part of the parameter space."""
    if holdout:
        lo = rng.randint(18, 19)
        widths, cut, jitter = (lo, lo + 1), "kinsoku", rng.uniform(0.15, 0.3)
        indent, blank_mid = "spaces", rng.uniform(0.15, 0.3)
    else:
        lo = rng.randint(12, 16)
        widths = (lo, lo + rng.randint(0, 2))
        cut = rng.choice(["chars", "typeset", "kinsoku"])
        jitter = rng.choice([0.0, 0.0, rng.uniform(0.0, 0.2)])
        indent = rng.choice(["none", "fffd_first", "fffd_all", "spaces"])
        blank_mid = rng.uniform(0.0, 0.2)
    return DumpStyle(
        widths=widths, cut=cut, jitter=jitter, indent=indent,
        blank_between_paragraphs=rng.choice([0.0, 0.5, 1.0, rng.random()]),
        blank_mid=blank_mid,
        blank_around_titles=rng.choice([1.0, 0.8, rng.random()]),
        justify_spaces=rng.choice([0.0, 0.1, 0.3]),
        spaced_numbers=rng.choice([0.0, 0.5, 1.0]),
        leading_space_headline=rng.choice([0.0, 0.2]),
        doubled_titles=rng.choice([0.0, 0.2, 0.5]),
        doubled_captions=rng.choice([0.0, 0.5, 1.0]),
        byline=rng.uniform(0.5, 0.95),
        dateline=rng.uniform(0.3, 0.8),
        subheads=rng.uniform(0.0, 0.5),
        kicker=rng.uniform(0.0, 0.3),
        subtitle=rng.uniform(0.0, 0.3),
        captions=rng.randint(0, 2),
        inline_captions=rng.choice([0.0, 0.3]),
        furniture=rng.random() < 0.5,
        encoding=rng.choice(["utf-8", "utf-8", "utf-8-sig", "gb18030", "utf-16"]),
        crlf=rng.random() < 0.25,
    )


@cache
def corpus_articles() -> tuple[dict[str, Any], ...]:
    """Articles with their usable paragraphs and subheads (real text when ../shared exists,
    else the built-in ``tests/data/fallback-articles.json`` in the same format).

    The corpus lists some articles twice (one story on two pages); each is kept once, so
    that no generated page prints the same article twice.
    """
    source = ARTICLES_JSON or FALLBACK_JSON
    out = []
    seen: set[str] = set()
    for article in json.loads(source.read_text(encoding="utf-8")):
        if article["title"] in seen or "责编" in article["title"]:
            continue  # a repeat, or a record whose title swallowed the page footer
        seen.add(article["title"])
        subheads = set(article.get("subheads") or [])
        blocks = []
        for k, text in enumerate(article["paragraphs"]):
            text = text.strip()
            ends_sentence = text[-1] in TERMINAL and (
                text[-1] not in "”）" or text[-2:-1] in "。！？…")
            if k in subheads or not ends_sentence:
                if _is_label(text):
                    blocks.append(("subhead", text))
            elif len(text) >= 8 and "摄" not in text[-3:]:
                blocks.append(("paragraph", text))
        paragraphs = [t for r, t in blocks if r == "paragraph"]
        if len(paragraphs) >= 2 and 4 <= len(article["title"]) <= 40:
            out.append({"title": article["title"], "blocks": blocks,
                        "paragraphs": paragraphs})
    return tuple(out)


def _is_label(text: str) -> bool:
    """A corpus subhead usable as a kicker / subhead line: short, words only, no byline."""
    return 4 <= len(text) <= 14 and "记者" not in text and all(
        "\u4e00" <= c <= "\u9fff" or c in "“”《》·" for c in text)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def _char_width(ch: str, cut: str) -> float:
    if cut == "chars":
        return 1.0
    if unicodedata.east_asian_width(ch) in ("Na", "H"):
        return 0.5
    if cut == "typeset" and ch in "，。、；：“”（）":
        return 0.75
    return 1.0


def wrap(text: str, width: int, first_indent: int, style: DumpStyle,
         rng: random.Random) -> list[str]:
    """Lines of a paragraph as a column of ``width`` characters sets it."""
    lines: list[str] = []
    i = 0
    capacity = width - first_indent
    while i < len(text):
        cap = capacity + (rng.choice([-1, 1]) if rng.random() < style.jitter else 0)
        used, j = 0.0, i
        while j < len(text) and used + _char_width(text[j], style.cut) <= cap + 1e-9:
            used += _char_width(text[j], style.cut)
            j += 1
        if j < len(text):
            k = j  # never cut inside a Latin word / number
            while k > i and text[k - 1].isascii() and text[k - 1].isalnum() and (
                    text[k].isascii() and text[k].isalnum()):
                k -= 1
            if k > i:
                j = k
            if text[j] in NO_START:  # no line opens with closing punctuation
                if style.cut == "kinsoku":
                    while j < len(text) and text[j] in NO_START:
                        j += 1  # hang it on this line
                else:
                    while j - 1 > i and text[j] in NO_START:
                        j -= 1  # or push characters down with it
        lines.append(text[i:j].strip())
        i = j
        capacity = width
    lines = [line for line in lines if line]
    if len(lines) > 1 and len(lines[-1]) == 1 and lines[-1] in NO_START:
        tail = lines.pop()
        lines[-1] += tail
    return lines


def _artifacts(line: str, style: DumpStyle, rng: random.Random) -> str:
    """Justification spaces and spaced numbers, as extractors leave them."""
    out = []
    for k, ch in enumerate(line):
        prev = line[k - 1] if k else ""
        if ch.isdigit() and prev and not prev.isascii() and rng.random() < style.spaced_numbers:
            out.append(" ")
        if ch in "，。、；：”" and k and rng.random() < style.justify_spaces * 0.3:
            out.append(" ")
        out.append(ch)
        nxt = line[k + 1] if k + 1 < len(line) else ""
        if ch.isdigit() and nxt and not nxt.isascii() and rng.random() < style.spaced_numbers:
            out.append(" ")
        elif ch in "，。、；：" and nxt and rng.random() < style.justify_spaces:
            out.append(" ")
    return "".join(out)


def _double(text: str) -> str:
    return "".join(c * 2 if not c.isspace() else c for c in text)


class _Writer:
    """Accumulates dump lines with the style's blank-line habits."""

    def __init__(self, style: DumpStyle, rng: random.Random) -> None:
        self.style, self.rng, self.lines = style, rng, []

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def title(self, text: str, leading_space: bool = False) -> None:
        if self.rng.random() < self.style.blank_around_titles:
            self.blank()
        if self.rng.random() < self.style.doubled_titles:
            text = _double(text)
        self.lines.append((" " if leading_space else "") + text)
        if self.rng.random() < self.style.blank_around_titles:
            self.blank()

    def plain(self, text: str) -> None:
        self.lines.append(text)

    def paragraph(self, text: str, width: int, marks: str) -> None:
        if self.rng.random() < self.style.blank_between_paragraphs:
            self.blank()
        lines = wrap(text, width, 2, self.style, self.rng)
        for k, line in enumerate(lines):
            line = _artifacts(line, self.style, self.rng)
            self.lines.append((marks if k == 0 else "") + line)
            if k + 1 < len(lines) and self.rng.random() < self.style.blank_mid:
                self.blank()


@cache
def _phrase_parser() -> Any:
    import budoux
    return budoux.load_default_simplified_chinese_parser()


def _phrase_cuts(title: str) -> list[int]:
    """Positions where a headline may wrap: after punctuation or between phrases."""
    cuts = [k + 1 for k, ch in enumerate(title[:-1]) if ch in "，：；？！ "]
    cuts += [k for k, ch in enumerate(title) if ch == "（"]  # before a column tag
    position = 0
    for phrase in _phrase_parser().parse(title)[:-1]:
        position += len(phrase)
        cuts.append(position)
    quoted = title.startswith("“") and title.endswith("”")

    def inside_marks(c: int) -> bool:  # never inside “…” or （…）, the title's own quotes aside
        head = title[1:c] if quoted else title[:c]
        return head.count("“") > head.count("”") or head.count("（") > head.count("）")

    return sorted(set(c for c in cuts if 0 < c < len(title) and title[c] not in NO_START
                      and not inside_marks(c)))


def _split_title(title: str, width: int, rng: random.Random) -> list[str]:
    """A headline as one line, or wrapped over two when long — as a typesetter wraps it,
    between phrases (after a comma, else at the phrase boundary nearest the middle)."""
    if len(title) > max(width + 4, 16) and rng.random() < 0.6:
        middle = len(title) / 2
        cuts = _phrase_cuts(title)
        marks = [c for c in cuts
                 if title[c - 1] in "，：；？！ " and abs(c - middle) <= len(title) / 4]
        cut = min(marks or cuts or [round(middle)], key=lambda c: abs(c - middle))
        return [title[:cut].strip(), title[cut:].strip()]
    return [title]


def _subhead_lines(rng: random.Random, paragraph: str, labels: list[str]) -> list[str]:
    """One or two subhead lines over the section that ``paragraph`` opens.

    A subhead sums up its section, so half of them are set from the section's own words
    (a clause of 4–9 characters; a pair as a couplet of equal length), the rest are
    labels from the corpus (one, or two distinct ones of equal length).
    """
    clauses = [c for c in re.split(r"[^\u4e00-\u9fff]+", paragraph) if 4 <= len(c) <= 9]
    source = clauses if clauses and rng.random() < 0.5 else [x for x in labels if len(x) <= 9]
    if not source:
        return [rng.choice(labels)]
    first = rng.choice(source)
    mates = [x for x in source if len(x) == len(first) and x != first]
    if mates and rng.random() < 0.5:
        return [first, rng.choice(mates)]
    return [first]


def _caption(rng: random.Random, style: DumpStyle, writer: _Writer,
             paragraphs: list[str]) -> TruthCaption:
    """Write a photo caption line (text from ``paragraphs``, then a credit) and return it."""
    text = rng.choice(paragraphs).split("。")[0][:30].rstrip("，、；：“‘（《") + "。"
    credit = f"{rng.choice(['记者', '本报记者', '通讯员'])} {_name(rng)} 摄"
    shown = _double(text) if rng.random() < style.doubled_captions else text
    writer.blank()
    if rng.random() < 0.3:  # the credit on a line of its own
        writer.plain(shown)
        writer.plain(credit)
    else:
        writer.plain(f"{shown} {credit}")
    return TruthCaption(text=text, credit=credit)


def make_page(rng: random.Random, style: DumpStyle, page_number: int) -> tuple[str, TruthPage]:
    """One dump page (text) and its truth."""
    pool = corpus_articles()
    writer = _Writer(style, rng)
    furniture: list[str] = []
    if style.furniture:
        lines = [f"第{page_number}版：{rng.choice(SECTIONS)}", "2025年10月20日 星期一"]
        if rng.random() < 0.5:
            lines.insert(0, rng.choice(["周口日报", "河南日报", "城市晚报"]))
        for line in lines:
            writer.plain(line)
            furniture.append(line)
        writer.blank()
    articles: list[TruthArticle] = []
    captions_page: list[TruthCaption] = []
    chosen = rng.sample(range(len(pool)), k=min(len(pool), rng.randint(2, 5)))
    labels = [t for a in pool for r, t in a["blocks"] if _is_label(t)] or ["新闻观察", "发展新气象"]
    for index in chosen:
        source = pool[index]
        width = rng.randint(*style.widths)
        truth = TruthArticle(headline=source["title"])
        if rng.random() < style.kicker:
            truth.kicker = rng.choice(labels)
            writer.title(truth.kicker)
        heads = _split_title(source["title"], width, rng)
        lead_space = rng.random() < style.leading_space_headline
        if len(heads) == 2:
            writer.blank()
            writer.plain((" " if lead_space else "") + heads[0])
            writer.plain(heads[1])
        else:
            if truth.kicker:  # kicker and headline are set apart by a blank line
                writer.blank()
            writer.title(heads[0], lead_space)
        if rng.random() < style.subtitle:
            if rng.random() < 0.5:
                phrase = rng.choice(source["paragraphs"])[:rng.randint(10, 24)]
                truth.subtitle = "——" + phrase.rstrip("，、；：“（《")
            else:
                truth.subtitle = rng.choice(labels)[:4]
            writer.plain(truth.subtitle)
        if rng.random() < style.byline:
            names = [_name(rng) for _ in range(rng.randint(1, 2))]
            role = rng.choice(["记者", "本报记者", "□记者"])
            text = f"{role} {names[0]}" + (f" 通讯员 {names[1]}" if len(names) > 1 else "")
            writer.blank()
            writer.plain(text)
            writer.blank()
            truth.bylines = names
        has_dateline = rng.random() < style.dateline
        budget = rng.randint(2, 7)
        count = 0
        pending: list[str] = []  # subhead lines waiting for the paragraph they head
        for role, text in source["blocks"]:
            if count >= budget:
                break
            if role == "subhead":
                if count and rng.random() < style.subheads + 0.3:
                    pending = [text]
                continue
            if count and not pending and rng.random() < style.subheads * 0.5:
                pending = _subhead_lines(rng, text, labels)
            if pending:
                for line in pending:
                    writer.title(line)
                # a pair of equal lines is a couplet: two phrases, read with a space between
                couplet = len(pending) == 2 and len(pending[0]) == len(pending[1])
                truth.blocks.append(("subhead", (" " if couplet else "").join(pending)))
                pending = []
            if count == 0 and has_dateline and not _DATELINE_START.match(text):
                name = _name(rng)
                place = rng.choice(["本报讯", "本报北京10月19日电", "本报讯"])
                text = f"{place}（记者 {name}）{text}"
                truth.bylines = truth.bylines + [name]
            marks = ""
            if style.indent == "fffd_all" or (style.indent == "fffd_first" and count == 0):
                marks = "\ufffd" * rng.randint(2, 6)
            elif style.indent == "spaces":
                marks = rng.choice(["  ", "\u3000\u3000"])
            writer.paragraph(text, width, marks)
            truth.blocks.append(("paragraph", text))
            count += 1
        if rng.random() < 0.1:  # the article goes on on another page
            writer.plain(f"（下转第{page_number + rng.randint(1, 8)}版）")
        if rng.random() < style.inline_captions:  # a photo of this article, set below it
            truth.captions.append(_caption(rng, style, writer, truth.paragraphs))
        articles.append(truth)
    for _ in range(style.captions):
        captions_page.append(_caption(rng, style, writer, rng.choice(pool)["paragraphs"]))
    if style.furniture:
        editor = f"责任编辑：{_name(rng)}"
        writer.blank()
        writer.plain(editor)
        furniture.append(editor)
    return "\n".join(writer.lines) + "\n", TruthPage(articles, captions_page, furniture)


def generate_dump(seed: int, n_pages: int | None = None,
                  holdout: bool = False) -> tuple[bytes, list[TruthPage]]:
    """A dump (bytes, in the style's encoding) of 1–2 pages and their truth."""
    rng = random.Random(seed)
    style = random_style(rng, holdout)
    pages = n_pages or (2 if rng.random() < 0.2 else 1)
    texts: list[str] = []
    truths: list[TruthPage] = []
    for number in range(1, pages + 1):
        text, truth = make_page(rng, style, number)
        texts.append(text)
        truths.append(truth)
    dump = "\f".join(texts)
    if style.crlf:
        dump = dump.replace("\n", "\r\n")
    if style.encoding == "utf-16":
        return dump.encode("utf-16"), truths
    return dump.encode(style.encoding), truths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--pages", type=int, default=10, help="number of dumps")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--holdout", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for k in range(args.pages):
        data, truths = generate_dump(args.seed + k, holdout=args.holdout)
        (args.out / f"dump-{args.seed + k:04d}.txt").write_bytes(data)
        (args.out / f"dump-{args.seed + k:04d}.truth.json").write_text(
            json.dumps([truth_to_dict(t) for t in truths], ensure_ascii=False, indent=1),
            encoding="utf-8")


if __name__ == "__main__":
    main()
