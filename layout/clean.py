"""CJK text normalization shared by both front ends (text dumps and PDFs).

Takes raw extracted text (a line, a block, a headline) and returns clean text as
DESIGN §2 defines it: no U+FFFD or other extraction junk, no fake-bold doubling,
no space between two CJK characters / full-width punctuation, no space between a
number and the CJK text around it; spaces between Latin words are kept.

Public API (stable; the PDF front end imports it):

- :func:`drop_junk` — remove U+FFFD, zero-width and control characters, BOMs, and fold
  presentation forms to plain text (:func:`plain_forms`).
- :func:`plain_forms` — Kangxi radicals and CJK radicals supplement to the unified
  ideographs (⻑ → 長, ⽣ → 生), CJK compatibility ideographs to their unified forms,
  vertical presentation forms to the horizontal full-width marks (︑ → 、, ︵ → （) and
  Latin ligatures to letters (ﬁ → fi). The rest of the text is untouched (never a
  whole-text NFKC, which would turn full-width punctuation half-width).
- :func:`is_doubled_line` / :func:`undouble_line` — line-level fake-bold detection
  and repair (民民兵兵为为 → 民兵为).
- :func:`undouble` — repair runs of fake-bold doubling inside any text, leaving
  legitimate reduplications (谢谢, 常常, 高高兴兴) alone.
- :func:`remove_cjk_spaces` — drop whitespace next to CJK characters/punctuation.
- :func:`clean_text` — all of the above for body text; :func:`clean_title` keeps
  one space between the two parts of a headline (:func:`title_spaces` alone).
- :func:`is_cjk`, :func:`is_cjk_punct`, :func:`visual_width` — character classes.
"""

from __future__ import annotations

import re
import unicodedata

from layout.settings import CleanSettings

_DEFAULT = CleanSettings()

# Characters that are never content: replacement char, BOM, zero-width marks, soft hyphen.
_JUNK = re.compile("[\ufffd\ufeff\u200b\u200c\u200d\u2060\u00ad\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

CJK_PUNCT = set(
    "、，；：。．！？‼⁇“”‘’「」『』（）《》〈〉【】〖〗〔〕［］｛｝～–—―…·・‧"
    "﹁﹂﹃﹄︰︱︳︴"
)


def is_cjk(ch: str) -> bool:
    """True for Han ideographs (all planes), kana, hangul and CJK symbols."""
    code = ord(ch)
    return (
        0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
        or 0x3040 <= code <= 0x30FF
        or 0xAC00 <= code <= 0xD7AF
        or 0x3000 <= code <= 0x303F
    )


def is_cjk_punct(ch: str) -> bool:
    """True for full-width / CJK punctuation (，。“” and the full-width forms)."""
    code = ord(ch)
    return ch in CJK_PUNCT or 0x3000 <= code <= 0x303F or (
        0xFF00 <= code <= 0xFFEF and not ch.isalnum()
    )


def _cjk_side(ch: str) -> bool:
    """A neighbour that makes an adjacent space meaningless (CJK text or punctuation)."""
    return is_cjk(ch) or is_cjk_punct(ch)


# Curly quotes serve both scripts: which one a quote belongs to is the script of the
# text it is attached to (“你好” is CJK punctuation, "said, ”all" is English).
SHARED_QUOTES = "‘’“”"


def _cjk_end(text: str) -> bool:
    """True when the end of ``text`` is CJK: its last character, or the character
    before a run of curly quotes ending it (a quote on its own counts as CJK)."""
    body = text.rstrip(SHARED_QUOTES)
    return _cjk_side(body[-1]) if body else _cjk_side(text[-1])


def _cjk_start(text: str) -> bool:
    """Like :func:`_cjk_end` for the start of ``text``."""
    body = text.lstrip(SHARED_QUOTES)
    return _cjk_side(body[0]) if body else _cjk_side(text[0])


def visual_width(text: str) -> float:
    """Width in ems as typeset: CJK and full-width chars 1, ASCII/half-width 0.5."""
    width = 0.0
    for ch in text:
        if ch.isspace():
            continue
        width += 0.5 if unicodedata.east_asian_width(ch) in ("Na", "H") else 1.0
    return width


# CJK Radicals Supplement -> unified ideograph, from Unicode's EquivalentUnifiedIdeograph.txt
# (15.0; NFKC maps only two of them): pairs of (radical, ideograph).
_RADICALS_SUPPLEMENT = (
    "⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺇𠘨⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺑𡯂⺒巳⺓幺⺔彑⺕𫜹⺖忄⺗心⺘扌⺙攵⺛旡"
    "⺜日⺝月⺞歺⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王⺪𤴔⺫目⺬示⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁"
    "⺴冗⺵𦉫⺶羊⺷𦍌⺸𦍋⺹耂⺺肀⺻聿⺼肉⺽𦥑⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶"
    "⻍辶⻎辶⻏邑⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼"
    "⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
)

# Code point ranges whose NFKC form is their plain form (vertical forms adjusted below).
_FOLDED_RANGES = (
    (0x2E80, 0x2EFF),    # CJK Radicals Supplement (the two NFKC knows)
    (0x2F00, 0x2FD5),    # Kangxi Radicals
    (0xF900, 0xFAFF),    # CJK Compatibility Ideographs
    (0x2F800, 0x2FA1F),  # CJK Compatibility Ideographs Supplement
    (0xFE10, 0xFE19),    # Vertical Forms
    (0xFE30, 0xFE4F),    # CJK Compatibility Forms (vertical presentation forms)
    (0xFB00, 0xFB06),    # Latin ligatures ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ
)
# Vertical forms whose NFKC is half-width or a spacing mark: their full-width horizontal form.
_VERTICAL_PLAIN = {"...": "…", "..": "‥", "_": "＿", " \u0305": "￣"}


def _plain_form(ch: str) -> str:
    plain = unicodedata.normalize("NFKC", ch)
    if 0xFE10 <= ord(ch) <= 0xFE4F:
        plain = _VERTICAL_PLAIN.get(plain, plain)
        if len(plain) == 1 and "!" <= plain <= "~":  # ASCII: the full-width mark
            plain = chr(ord(plain) + 0xFEE0)
    return plain


def _forms_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for lo, hi in _FOLDED_RANGES:
        for code in range(lo, hi + 1):
            ch = chr(code)
            plain = _plain_form(ch)
            if plain != ch:
                table[code] = plain
    pairs = _RADICALS_SUPPLEMENT
    for k in range(0, len(pairs), 2):
        table[ord(pairs[k])] = pairs[k + 1]
    return table


_FORMS = _forms_table()


def plain_forms(text: str) -> str:
    """``text`` with radicals, compatibility ideographs, vertical forms and Latin ligatures
    folded to their plain forms (see the module docstring); everything else unchanged."""
    return text.translate(_FORMS)


def drop_junk(text: str) -> str:
    """Text without U+FFFD, BOM, zero-width and control characters (tabs/newlines stay),
    presentation forms folded (:func:`plain_forms`)."""
    return plain_forms(_JUNK.sub("", text))


_PAIRS = re.compile(r"(?:(\S)\1)+")  # a maximal run of doubled characters (xxyy...); \S is
# what str.isspace() says is not a space


def _pair_runs(text: str) -> list[tuple[int, int]]:
    """(start, pair_count) of every maximal run of doubled characters (xxyy...), left to
    right, each run's pairs taken from its start."""
    return [(m.start(), (m.end() - m.start()) // 2) for m in _PAIRS.finditer(text)]


def is_doubled_line(line: str, settings: CleanSettings = _DEFAULT) -> bool:
    """True when (nearly) every character of ``line`` comes twice in a row (fake bold).

    Spaces are ignored; at most ``doubled_line_strays`` characters may stand alone
    and the line needs at least ``min_doubled_line_pairs`` pairs, so 谢谢 or 常常 alone
    never count.
    """
    compact = _SPACES.sub("", drop_junk(line))
    pairs = sum(count for _, count in _pair_runs(compact))
    if pairs < settings.min_doubled_line_pairs:
        return False
    strays = len(compact) - 2 * pairs
    return strays <= settings.doubled_line_strays


def undouble_line(line: str) -> str:
    """One copy of each doubled character of a fake-bold line; stray singles are kept."""
    out: list[str] = []
    i, n = 0, len(line)
    while i < n:
        out.append(line[i])
        i += 2 if i + 1 < n and line[i] == line[i + 1] and not line[i].isspace() else 1
    return "".join(out)


def undouble(text: str, settings: CleanSettings = _DEFAULT) -> str:
    """``text`` with every run of at least ``min_doubled_pairs`` doubled chars undoubled.

    A whole fake-bold line is undoubled entirely (:func:`is_doubled_line`); inside
    mixed text (a doubled caption followed by a plain credit) only long runs are,
    so reduplications such as 高高兴兴 (two pairs) stay.
    """
    if is_doubled_line(text, settings):
        return undouble_line(text)
    runs = [r for r in _pair_runs(text) if r[1] >= settings.min_doubled_pairs]
    if not runs:
        return text
    out: list[str] = []
    pos = 0
    for start, pairs in runs:
        out.append(text[pos:start])
        out.append(text[start:start + 2 * pairs:2])
        pos = start + 2 * pairs
    out.append(text[pos:])
    return "".join(out)


def remove_cjk_spaces(text: str) -> str:
    """Drop whitespace that has a CJK character or CJK punctuation on either side.

    Also drops it between a number and CJK text (1 月 11 日 → 1月11日); keeps one
    space between Latin words/numbers (``New York``, ``LED 5G``).
    """
    parts = _SPACES.split(text.strip())
    if len(parts) == 1:
        return parts[0]
    out = parts[0]
    for part in parts[1:]:
        if not part:
            continue
        if out and (_cjk_end(out) or _cjk_start(part)):
            out += part
        else:
            out += " " + part if out else part
    return out


def clean_text(text: str, settings: CleanSettings = _DEFAULT) -> str:
    """Body text (paragraph, caption, subhead): junk dropped, undoubled, CJK spaces removed."""
    return remove_cjk_spaces(undouble(drop_junk(text), settings))


def clean_title(text: str, settings: CleanSettings = _DEFAULT) -> str:
    """A headline/kicker/subtitle: like :func:`clean_text`, but a space between two CJK
    runs (the gap of a two-part headline: 开展征兵宣传 激发青年入伍热情) is kept as one
    space; spaces next to punctuation and numbers still go."""
    return title_spaces(undouble(drop_junk(text), settings))


def title_spaces(text: str) -> str:
    """The spacing rule of :func:`clean_title` alone (text already free of junk/doubling)."""
    parts = _SPACES.split(text.strip())
    out = parts[0]
    for part in parts[1:]:
        if not part:
            continue
        left, right = out[-1], part[0]
        if is_cjk(left) and is_cjk(right) and not is_cjk_punct(left) and not is_cjk_punct(right):
            out += " " + part
        elif _cjk_end(out) or _cjk_start(part):
            out += part
        else:
            out += " " + part
    return out
