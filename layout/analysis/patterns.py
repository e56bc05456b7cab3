"""Role patterns shared by both front ends: bylines, datelines, credits, furniture.

Takes one line (or a caption / paragraph text) and returns what it is, using
regular expressions over the text only (no geometry). Both the text-dump and the
PDF front ends import this module; the API below is stable:

- :func:`is_byline` (line) -> bool, :func:`byline_names` (text) -> list of names
- :func:`split_dateline` (paragraph) -> (dateline, rest) or None;
  :func:`dateline_names` (dateline) -> names inside its parentheses
- :func:`format_byline` (text) -> 记者 姬慧洋 通讯员 赵明 (one space after each role word)
- :func:`split_credit` (caption) -> (text, credit or None)
- :func:`furniture_kind` (line, at_page_edge) -> FurnitureKind or None
- :func:`edition_of` (line) -> (edition number as text, section or None) or None;
  :func:`iso_date` (line) -> YYYY-MM-DD or None
- :func:`is_subtitle_dash` (line) -> bool (subtitle opened by ——)
- :func:`continuation_marker` (text) -> the 转第N版 / 上接第N版 marker or None
- :func:`ends_sentence` (text) -> bool, :func:`ends_clause` (text) -> bool
- constants ``SENTENCE_END``, ``CLOSERS``, ``CLAUSE_END``, ``BYLINE_MARKS``.

Input may still hold spaces (as in raw dumps); every function tolerates them.
"""

from __future__ import annotations

import re

from layout.model import FurnitureKind

SENTENCE_END = "。！？!?…"
CLOSERS = "”’」』）)》〉】"
CLAUSE_END = "，、；：,;:"
BYLINE_MARKS = "□■◎●▲△◇◆○★☆◼◻▪"

_S = r"[ \t\u3000]*"  # optional spaces inside raw lines
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f"
_NAME = rf"[{_HAN}]{{2,4}}(?:[·•][{_HAN}]{{1,6}})?"
ROLE_WORDS = (
    "本报特约记者", "本报记者", "本报通讯员", "特约记者", "见习记者", "实习记者", "摄影记者",
    "新华社记者", "人民网记者", "央视记者", "记者", "通讯员", "实习生", "特约撰稿人",
    "本报评论员", "评论员", "文/图", "文／图", "图/文", "图／文",
)
_ROLE = "(?:" + "|".join(re.escape(w) for w in ROLE_WORDS) + ")"

# A byline line: optional mark, then one or more "role name(s)" groups, nothing else.
# Names after a role word: separated by spaces or 、, or run together (程龙潘俊强) up to 6 chars.
_NAMES = rf"(?:{_NAME}(?:(?:[ \t\u3000]+|{_S}、{_S}){_NAME})*|[{_HAN}]{{5,6}})"
_BYLINE_LINE = re.compile(
    rf"^{_S}[{BYLINE_MARKS}]?{_S}"
    rf"(?:{_ROLE}{_S}[:：/／]?{_S}{_NAMES}?{_S})+$"
)
_ROLE_SPLIT = re.compile(_ROLE)

# 本报讯（记者 …）, 本报北京10月19日电（记者 …）, 新华社北京10月19日电（记者 …）
_DATELINE = re.compile(
    rf"^{_S}((?:[{BYLINE_MARKS}]{_S})?"
    rf"(?:本报讯|(?:本报|新华社|中新社|人民网){_S}[{_HAN}]{{0,8}}{_S}"
    rf"(?:[0-9０-９]+{_S}月{_S}[0-9０-９]+{_S}日)?{_S}[电讯])"
    rf"{_S}(?:[（(][^）)]{{0,60}}[）)])?)"
)

_CREDIT = re.compile(
    rf"(?P<credit>(?:(?:本报|新华社|人民网)?(?:特约)?(?:摄影)?(?:记者|通讯员)|摄影)?"
    rf"{_S}{_NAME}(?:{_S}[、,，]?{_S}{_NAME})*{_S}[/／]?{_S}摄)[)）]?{_S}$"
)

_SUBTITLE_DASH = re.compile(r"^[ \t\u3000]*[—─\-–―]{1,}")

_CN_NUM = "0-9０-９〇零一二三四五六七八九十百"
_FURNITURE_RULES: tuple[tuple[FurnitureKind, re.Pattern[str]], ...] = (
    (FurnitureKind.EDITOR, re.compile(
        rf"^{_S}(?:责任编辑|责编|编辑|美编|美术编辑|校对|版式|版式设计|组版|审读|制图)"
        rf"{_S}[:：]")),
    (FurnitureKind.EDITION, re.compile(
        rf"^{_S}第{_S}[{_CN_NUM}]+{_S}版(?:{_S}[:：]?{_S}[{_HAN}A-Za-z·]{{1,10}})?{_S}$")),
    (FurnitureKind.DATE, re.compile(
        rf"^{_S}[0-9]{{4}}{_S}年{_S}[0-9]{{1,2}}{_S}月{_S}[0-9]{{1,2}}{_S}日"
        rf"(?:{_S}星期[一二三四五六日天])?(?:{_S}[^，。]{{0,30}})?$")),
    (FurnitureKind.DATE, re.compile(
        rf"^{_S}[0-9]{{4}}[-./][0-9]{{1,2}}[-./][0-9]{{1,2}}(?:{_S}星期[一二三四五六日天])?{_S}$")),
    (FurnitureKind.DATE, re.compile(rf"^{_S}星期[一二三四五六日天]{_S}$")),
    (FurnitureKind.OTHER, re.compile(rf"^{_S}(?:农历|国内统一连续出版物号|邮发代号|CN{_S}\d)")),
)

_CONTINUATION = re.compile(
    rf"[（(]?{_S}(?:下转|转|上接|接|续){_S}第?{_S}[{_CN_NUM}]+{_S}版{_S}[）)]?"
)


def _compact(text: str) -> str:
    return re.sub(r"[ \t\u3000]+", "", text)


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends a sentence: 。！？… possibly followed by closing quotes (。”)."""
    body = text.rstrip().rstrip(CLOSERS).rstrip()
    if not body:
        return False
    return body[-1] in SENTENCE_END


def ends_clause(text: str) -> bool:
    """True when ``text`` ends on a comma-like mark (，、；：) — a sentence goes on."""
    return text.rstrip()[-1:] in CLAUSE_END


def is_byline(line: str) -> bool:
    """A whole line that is a byline: 记者 姬慧洋, □记者 … 通讯员 …, 本报记者 张三 李四."""
    stripped = line.strip()
    if not stripped or len(_compact(stripped)) > 40:
        return False
    return bool(_BYLINE_LINE.match(stripped)) and bool(_ROLE_SPLIT.search(stripped))


def byline_names(text: str) -> list[str]:
    """Names in a byline or dateline parenthesis: '记者 姬慧洋 通讯员 罗阳阳' -> [姬慧洋, 罗阳阳].

    Names written without spaces after a role word (本报记者程龙潘俊强) come back as one
    string; only separators in the text split them.
    """
    text = text.strip().strip(BYLINE_MARKS).strip("（）() ")
    names: list[str] = []
    for chunk in _ROLE_SPLIT.split(text):
        for name in re.split(r"[\s、,，:：/／]+", chunk):
            name = name.strip()
            if name and (re.fullmatch(_NAME, name) or re.fullmatch(f"[{_HAN}]{{2,12}}", name)):
                names.append(name)
    return names


def format_byline(text: str) -> str:
    """A byline with one space between role words and names: 记者姬慧洋 -> 记者 姬慧洋."""
    text = _compact(text.strip().strip(BYLINE_MARKS))
    spaced = _ROLE_SPLIT.sub(lambda m: f" {m.group(0)} ", text)
    return re.sub(r"\s+", " ", spaced).strip()


def split_dateline(paragraph: str) -> tuple[str, str] | None:
    """(dateline, rest) when the paragraph opens with 本报讯（…） or …电（…）, else None."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    dateline = match.group(1).strip()
    return dateline, paragraph[match.end():].lstrip()


def dateline_names(dateline: str) -> list[str]:
    """Names inside a dateline's parentheses: 本报讯（记者 姬慧洋 通讯员 赵明） -> names."""
    inner = re.search(r"[（(]([^）)]*)[）)]", dateline)
    return byline_names(inner.group(1)) if inner else []


def split_credit(caption: str) -> tuple[str, str | None]:
    """(caption text, credit) when the caption ends with a photo credit (… 记者 姬慧洋 摄)."""
    stripped = caption.rstrip()
    if not stripped.rstrip(")）").endswith("摄"):
        return stripped, None
    match = _CREDIT.search(stripped)
    if not match:
        return stripped, None
    text = stripped[:match.start()].rstrip()
    credit = stripped[match.start("credit"):].strip()  # with a closing bracket after 摄
    if text.endswith(("（", "(")):  # （记者 张三 摄）: the brackets go with the credit
        text, credit = text[:-1].rstrip(), text[-1] + credit
    if not text:
        return stripped, None
    # a bare name must follow sentence-ending punctuation, else it may be caption text
    if not re.match(rf"{_S}(?:本报|新华社|人民网|特约|摄影|记者|通讯员)", credit) and not (
        text[-1] in SENTENCE_END + CLOSERS + " "
        or caption.rstrip()[match.start() - 1:match.start()].isspace()
    ):
        return stripped, None
    return text, credit


def is_credit_only(line: str) -> bool:
    """A line that is nothing but a photo credit (记者 姬慧洋 摄)."""
    stripped = line.rstrip()
    if not stripped.rstrip(")）").endswith("摄"):
        return False
    match = _CREDIT.search(stripped)
    return bool(match) and not stripped[:match.start()].strip()


_MASTHEAD = re.compile(rf"^{_S}[{_HAN}]{{2,8}}(?:日报|晚报|早报|时报|商报|都市报|周报|报){_S}$")
_EDITION = re.compile(rf"第{_S}([{_CN_NUM}]+){_S}版(?:{_S}[:：]?{_S}(\S.*))?$")
_ISO = re.compile(rf"([0-9]{{4}}){_S}[年\-./]{_S}([0-9]{{1,2}}){_S}[月\-./]{_S}([0-9]{{1,2}})")
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


def furniture_kind(line: str, at_page_edge: bool = False) -> FurnitureKind | None:
    """Which page furniture a whole line is (第3版, 责任编辑：…, a date line), else None.

    With ``at_page_edge`` (the line is among a page's first or last lines) a lone
    paper name (周口日报) also counts, as the masthead.
    """
    stripped = line.strip()
    if not stripped or len(_compact(stripped)) > 40:
        return None
    for kind, pattern in _FURNITURE_RULES:
        if pattern.match(stripped):
            return kind
    if at_page_edge and _MASTHEAD.match(stripped):
        return FurnitureKind.MASTHEAD
    return None


def _number(text: str) -> str:
    """Arabic digits for a small Chinese numeral (三 -> 3, 十二 -> 12); other text unchanged."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return str(int(text))
    if all(c in _CN_DIGITS for c in text):
        return "".join(str(_CN_DIGITS[c]) for c in text)
    if set(text) <= set(_CN_DIGITS) | {"十"} and text.count("十") == 1:
        tens, _, ones = text.partition("十")
        return str((_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0))
    return text


def edition_of(line: str) -> tuple[str, str | None] | None:
    """(edition number, section) of an edition line: 第3版：要闻 -> ('3', '要闻')."""
    match = _EDITION.search(line.strip())
    if not match:
        return None
    section = match.group(2).strip() if match.group(2) else None
    return _number(match.group(1)), section


def iso_date(line: str) -> str | None:
    """The first date in ``line`` as YYYY-MM-DD (2024年1月15日 -> 2024-01-15), else None."""
    match = _ISO.search(line)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def is_subtitle_dash(line: str) -> bool:
    """True when the line opens with a dash run (——示范区探索…), the mark of a subtitle."""
    return bool(_SUBTITLE_DASH.match(line))


def continuation_marker(text: str) -> str | None:
    """The jump marker in ``text`` (转第2版, 上接第1版), or None."""
    match = _CONTINUATION.search(text)
    return _compact(match.group(0)) if match else None
