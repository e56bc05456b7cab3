"""Role patterns shared by both front ends: bylines, datelines, credits, furniture.

Takes one line (or a caption / paragraph text) and returns what it is, using
regular expressions over the text only (no geometry). Both the text-dump and the
PDF front ends import this module; the API below is stable:

- :func:`parse_byline` (line, bare_names=True) -> :class:`Byline` (text, names, roles,
  bare) or None: role words (本报见习记者, 新华社记者, 文/图, …), marks (□ ■ ●) and bare
  names checked against the surname table (:mod:`layout.analysis.names`)
- :func:`is_byline` (line) -> bool (a role word or mark; not bare names),
  :func:`byline_names` (text) -> list of names; :func:`is_latin_byline` (line) -> bool
  (By EDDY MERCURY, also accepted by :func:`is_byline`)
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
from dataclasses import dataclass

from layout.analysis import names as names_mod
from layout.model import FurnitureKind

SENTENCE_END = "。！？!?…"
CLOSERS = "”’」』）)》〉】"
CLAUSE_END = "，、；：,;:"
BYLINE_MARKS = "□■◎●▲△◇◆○★☆◼◻▪"

_S = r"[ \t\u3000]*"  # optional spaces inside raw lines
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f"
_NAME = rf"[{_HAN}]{{2,4}}(?:[·•][{_HAN}]{{1,6}})?"
# Role words of a byline, built from their parts: an organ (本报, 新华社, 人民日报, …), a
# posting (驻埃及), a grade (见习, 特约, …) and the role (记者, 通讯员, 评论员, …).
_ORGAN = (rf"(?:本报|人民日报|新华社|人民网|新华网|中新社|中新网|央视网?|央广网?|光明日报|经济日报"
          rf"|[{_HAN}]{{2,4}}(?:日报|晚报|早报|时报|商报|都市报))")
_GRADE = "(?:特约|见习|实习|摄影|首席|特派|全媒体|融媒体|融媒)"
_CORE = "(?:记者|通讯员|评论员|撰稿人|撰稿)"
_SLASH = "[/／|｜]"
_ROLE = (
    rf"(?:{_ORGAN}?(?:驻[{_HAN}]{{1,6}}?)?{_GRADE}?{_CORE}|实习生|特约撰稿人?"
    rf"|[文图]{_S}{_SLASH}{_S}[图文]|(?:文字|图片|文|图|摄影|摄|整理|口述){_S}[{_SLASH[1:-1]}:：]"
    rf"|{_SLASH}{_S}(?:文图|图文|文|图)(?![{_HAN}])|文图(?=[ \t\u3000]|$)|图文(?=[ \t\u3000]|$))"
)
ROLE_WORDS = (
    "本报特约记者", "本报记者", "本报通讯员", "特约记者", "见习记者", "实习记者", "摄影记者",
    "新华社记者", "人民网记者", "央视记者", "记者", "通讯员", "实习生", "特约撰稿人",
    "本报评论员", "评论员", "文/图", "文／图", "图/文", "图／文",
)  # examples of the forms _ROLE matches (kept for callers that list them)
_ROLE_RE = re.compile(_ROLE)
_ROLE_SPLIT = re.compile(f"({_ROLE})")
_TRAILER = re.compile(rf"{_S}(?:摄影报道|报道)$")  # 本报记者 张三 报道
_NAME_SEPARATORS = re.compile(r"[ \t\u3000、,，/／]+")
_NOT_IN_BYLINES = re.compile(r"[。！？!?；;“”‘’《》（）()\[\]【】…—0-9０-９A-Za-z%]")
MAX_BYLINE_CHARS = 48
MAX_BARE_NAMES = 4


@dataclass(frozen=True, slots=True)
class Byline:
    """A byline read from a line: its text (role words and names spaced), names, roles.

    ``bare``: names only, with neither a role word nor a mark (邱学武; 李非 黄婧) — a
    byline only where it stands (under a headline), which the caller judges.
    """

    text: str
    names: tuple[str, ...]
    roles: tuple[str, ...]
    bare: bool

# a number, its digits maybe set apart (8月1 6日: an extractor's space between digits drawn
# one by one)
_DIGITS = rf"[0-9０-９](?:{_S}[0-9０-９])*"
# 本报讯（记者 …）, 本报北京10月19日电（记者 …）, 新华社北京10月19日电（记者 …）
_DATELINE = re.compile(
    rf"^{_S}((?:[{BYLINE_MARKS}]{_S})?"
    rf"(?:本报讯|(?:本报|新华社|中新社|人民网){_S}[{_HAN}]{{0,8}}{_S}"
    rf"(?:{_DIGITS}{_S}月{_S}{_DIGITS}{_S}日)?{_S}[电讯])"
    rf"{_S}(?:[（(][^）)]{{0,60}}[）)])?)"
)

# at most six names: names may be written together (张三李四), so an unbounded repeat would
# try every way of cutting a long run of Han before 摄 into names (exponential time)
_CREDIT = re.compile(
    rf"(?P<credit>(?:(?:本报|新华社|人民网)?(?:特约)?(?:摄影)?(?:记者|通讯员)|摄影)?"
    rf"{_S}{_NAME}(?:{_S}[、,，]?{_S}{_NAME}){{0,5}}{_S}[/／]?{_S}摄)[)）]?{_S}$"
)

# the mark a photo credit ends with, in simplified and traditional characters
CREDIT_MARKS = ("摄", "攝")

_SUBTITLE_DASH = re.compile(r"^[ \t\u3000]*[—─\-–―]{1,}")

_CN_NUM = "0-9０-９〇零一二三四五六七八九十百"
_FURNITURE_RULES: tuple[tuple[FurnitureKind, re.Pattern[str]], ...] = (
    (FurnitureKind.EDITOR, re.compile(
        rf"^{_S}(?:本版)?(?:责任编辑|责编|编辑|美编|美术编辑|校对|版式|版式设计|组版|审读|制图)"
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


def _name_tokens(chunk: str, glued: bool, strict: bool) -> list[str] | None:
    """The names of a chunk of a byline between role words, or None when it holds a
    non-name. ``glued``: the chunk follows a role word with no space (记者姬慧洋), so a
    name must pass the surname test; ``strict``: there is no role word at all, so every
    name must pass it (:func:`layout.analysis.names.is_name`)."""
    tokens = [t for t in _NAME_SEPARATORS.split(chunk.strip()) if t]
    names: list[str] = []
    for token in tokens:
        if names_mod.is_name(token) and not (strict and _long_dotted(token)):
            names.append(token)
            continue
        if strict:
            # bare names written together: 5 characters or more (a 4-character word such
            # as 商业顾问 splits into two 2-character "names" too easily)
            split = names_mod.split_names(token) if len(token) >= BARE_SPLIT_CHARS else None
            if not split:
                return None
            names.extend(split)  # bare names written together: 张成虎高睿凯
            continue
        if len(token) >= 4:
            split = names_mod.split_names(token)
            if split:
                names.extend(split)
                continue
        if glued and len(token) <= 4:
            return None
        plain = re.fullmatch(_NAME, token) or (
            len(token) <= 12 and re.fullmatch(f"[{_HAN}]+", token)
            and token[0] in names_mod.surnames()[0] | {c[0] for c in names_mod.surnames()[1]})
        if not plain or names_mod.NOT_IN_GIVEN_NAMES.intersection(token[1:]):
            return None
        names.append(token)
    return names


BARE_SPLIT_CHARS = 5  # names written together without a role word: at least this long
BARE_DOTTED_PART = 4  # a transliterated bare name: each part at most this long (胡里奥·塞瓦略斯)


def _long_dotted(token: str) -> bool:
    """A dotted run with a part too long for a transliterated name (作家胡里奥·塞瓦略斯)."""
    parts = re.split(r"[·•‧・]", token)
    return len(parts) > 1 and max(len(p) for p in parts) > BARE_DOTTED_PART


def _compact_role(role: str) -> str:
    return re.sub(r"[ \t\u3000]+", "", role)


def parse_byline(text: str, bare_names: bool = True) -> Byline | None:
    """The byline a whole line is, else None.

    Forms: a mark (□ ■ ● …) and/or role words (本报记者, 本报见习记者, 新华社记者,
    人民日报记者, 本报驻埃及记者, 特约记者, 通讯员, 实习生, 本报评论员, 文/图, 图/文,
    文/, 摄影/) each with names after it (separated by spaces or 、, or written
    together: 本报记者程龙潘俊强 splits where the surname table allows exactly one
    split), names before a trailing 文/图 or /文, a trailing 报道; several groups
    (记者 X 通讯员 Y). With ``bare_names``, also 1-4 bare names from the surname table
    (邱学武; 李非 黄婧; 欧阳晓东), returned with ``bare=True``. A photo credit (… 摄)
    is not a byline (:func:`split_credit`).
    """
    stripped = text.strip()
    if not stripped or len(_compact(stripped)) > MAX_BYLINE_CHARS:
        return None
    marked = stripped[0] in BYLINE_MARKS
    body = stripped.lstrip(BYLINE_MARKS + " \t\u3000")
    mark = _compact(stripped[:len(stripped) - len(body)])  # kept: nothing is lost
    trailer = _TRAILER.search(body)
    core = body[:trailer.start()] if trailer else body
    if not core or _NOT_IN_BYLINES.search(core) or core.rstrip().endswith(CREDIT_MARKS):
        return None
    if core.strip()[-1] in "、,，" or core.strip()[0] in "、,，/／·•":
        return None  # a name list left open, or a fragment of a line
    pieces = _ROLE_SPLIT.split(core)
    roles = [_compact_role(p) for p in pieces[1::2]]
    chunks = pieces[0::2]
    bare = not roles and not marked
    if bare and (not bare_names or trailer or re.search("[,，/／]", core)):
        return None
    names: list[str] = []
    parts: list[str] = []
    for k, chunk in enumerate(chunks):
        if k > 0:
            parts.append(roles[k - 1])
        if not chunk.strip():
            continue
        leading = k == 0 and bool(roles)
        trailing_role = roles and (roles[0].startswith(("/", "／", "|", "｜")) or roles[0] in (
            "文/图", "图/文", "文／图", "图／文", "文图", "图文"))
        glued = k > 0 and not chunk[:1].isspace() and roles[k - 1][-1:] not in "/／:：|｜"
        # names before a role word: before 文/图 or /文, or a bare name set beside a
        # reporter's byline (张三 通讯员 李四): then they must be names from the table
        found = _name_tokens(chunk, glued, strict=not roles or (leading and not trailing_role))
        if found is None:
            return None
        names.extend(found)
        parts.append(" ".join(found) if _joinable(chunk, found) else _spaced(chunk))
    if bare and not 1 <= len(names) <= MAX_BARE_NAMES:
        return None
    if trailer:
        parts.append(_compact(trailer.group(0)))
    return Byline(mark + _join_parts(parts), tuple(names), tuple(roles), bare)


def _joinable(chunk: str, names: list[str]) -> bool:
    """The names hold every character of the chunk but spaces (so they may be re-spaced)."""
    return _compact(chunk) == "".join(names)


def _spaced(chunk: str) -> str:
    """A chunk of names with its own separators (、 /), spaces only around them dropped."""
    return re.sub(r"[ \t\u3000]*([、,，/／])[ \t\u3000]*", r"\1", " ".join(chunk.split()))


def _join_parts(parts: list[str]) -> str:
    out = ""
    for part in parts:
        if out and not part.startswith(("/", "／", "|", "｜")) and out[-1] not in "/／:：|｜":
            out += " "
        out += part
    return out


# A Latin-script byline: By EDDY MERCURY, By Jane Doe and John Roe (capitalised names only).
_LATIN_NAME = r"[A-Z][A-Za-zÀ-ɏ’'.\-]*"
_LATIN_NAMES = rf"{_LATIN_NAME}(?:[ \t]+{_LATIN_NAME}){{0,3}}"
_LATIN_BYLINE = re.compile(
    rf"^(?:By|BY|by)[ \t]+{_LATIN_NAMES}(?:[ \t]*(?:,|and|&)[ \t]*{_LATIN_NAMES})*$")


def is_latin_byline(line: str) -> bool:
    """A whole line that is a Latin-script byline: By EDDY MERCURY, By Ann Lee and Bo Wu."""
    stripped = line.strip()
    return len(stripped) <= 80 and bool(_LATIN_BYLINE.match(stripped))


def is_byline(line: str) -> bool:
    """A whole line that is a byline with a role word or mark: 记者 姬慧洋, □记者 … 通讯员
    …, 本报见习记者 吴悠, 文/图 张三 (bare names alone: :func:`parse_byline`), or a Latin
    one (:func:`is_latin_byline`); in traditional characters too (本報記者 張偉)."""
    if is_latin_byline(line) or parse_byline(line, bare_names=False) is not None:
        return True
    folded = names_mod.fold_traditional(line)
    return folded != line and parse_byline(folded, bare_names=False) is not None


def byline_names(text: str) -> list[str]:
    """Names in a byline or dateline parenthesis: '记者 姬慧洋 通讯员 罗阳阳' -> [姬慧洋, 罗阳阳].

    Names written together (本报记者程龙潘俊强) are split where the surname table allows
    exactly one split, else come back as one string.
    """
    text = text.strip().strip(BYLINE_MARKS).strip("（）() ")
    parsed = parse_byline(text)
    if parsed is not None:
        return list(parsed.names)
    names: list[str] = []
    for chunk in _ROLE_SPLIT.split(text)[0::2]:
        for name in re.split(r"[\s、,，:：/／]+", chunk):
            name = name.strip()
            if name and (re.fullmatch(_NAME, name) or re.fullmatch(f"[{_HAN}]{{2,12}}", name)):
                names.append(name)
    return names


def format_byline(text: str) -> str:
    """A byline with one space between role words and names: 记者姬慧洋 -> 记者 姬慧洋
    (a Latin byline keeps its word spaces)."""
    if is_latin_byline(text):
        return " ".join(text.split())
    parsed = parse_byline(text)
    if parsed is not None:
        return parsed.text
    text = _compact(text.strip())  # a mark before the byline stays: □记者 姬慧洋
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
    """(caption text, credit) when the caption ends with a photo credit (… 记者 姬慧洋 摄),
    in simplified or traditional characters (… 記者 張偉 攝)."""
    text, credit = _split_credit(caption)
    folded = names_mod.fold_traditional(caption)
    if credit is not None or folded == caption:
        return text, credit
    text, credit = _split_credit(folded)
    if credit is None:
        return caption.rstrip(), None
    stripped = caption.rstrip()  # the folded pieces are slices of it, one bracket moved
    bracket = credit[0] if credit[0] in "（(" and not stripped.endswith(credit) else ""
    tail = len(credit) - len(bracket)
    return stripped[:len(text)], bracket + stripped[len(stripped) - tail:]


def _split_credit(caption: str) -> tuple[str, str | None]:
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
    """A line that is nothing but a photo credit (记者 姬慧洋 摄, 記者 張偉 攝)."""
    stripped = names_mod.fold_traditional(line.rstrip())
    if not stripped.rstrip(")）").endswith("摄"):
        return False
    match = _CREDIT.search(stripped)
    return bool(match) and not stripped[:match.start()].strip()


_EDITION_PREFIX = re.compile(rf"^第{_S}[{_CN_NUM}]+{_S}版{_S}")
_MASTHEAD = re.compile(
    rf"^{_S}[{_HAN}]{{2,8}}(?:日报|晚报|早报|时报|商报|都市报|周报|周末|报){_S}$")
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
    edition = _EDITION_PREFIX.match(stripped)
    if edition and edition.end() < len(stripped) and furniture_kind(stripped[edition.end():]):
        return FurnitureKind.EDITION  # 第4版2024年5月19日 星期日
    tokens = stripped.split()
    if len(tokens) >= 2:  # a running head of several pieces: 第13版 2026年7月24日 星期五
        kinds = [next((k for k, p in _FURNITURE_RULES if p.match(t)), None) for t in tokens]
        if all(kinds):
            return kinds[0]
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


SIGN_OFF_CHARS = 3  # ——编者: a dash and so few characters sign a note off, no subtitle


def is_subtitle_dash(line: str) -> bool:
    """True when the line opens with a dash run (——示范区探索…), the mark of a subtitle;
    not a sign-off (——编者, ——记者)."""
    match = _SUBTITLE_DASH.match(line)
    return bool(match) and len(line[match.end():].strip()) > SIGN_OFF_CHARS


def continuation_marker(text: str) -> str | None:
    """The jump marker in ``text`` (转第2版, 上接第1版), or None."""
    match = _CONTINUATION.search(text)
    return _compact(match.group(0)) if match else None
