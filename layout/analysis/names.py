"""Chinese personal names as bylines print them: a surname table and a plausibility test.

Takes a run of Han characters; returns whether it reads as one person's name
(:func:`is_name`: a surname from ``data/surnames.txt`` — single or compound — then
a given name of one or two characters, none of them a character that given names
do not use), or how a run of several names written together splits into names
(:func:`split_names`: 程龙潘俊强 -> 程龙, 潘俊强, when exactly one split fits, or one into
fewer names than every other).
Names written with a middle dot (玛丽娜·拉古什, transliterated) pass as names.
:func:`fold_traditional` maps traditional characters to simplified ones one for one
(``data/hant.txt``), so that patterns written in simplified characters also match text
printed in traditional ones (張偉, 本報記者); callers match on the folded text and keep
the original.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

SURNAMES_FILE = Path(__file__).with_name("data") / "surnames.txt"
HANT_FILE = Path(__file__).with_name("data") / "hant.txt"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_DOTTED = re.compile(rf"[{_HAN}]{{1,8}}(?:[·•‧・][{_HAN}]{{1,8}})+")
_HAN_RUN = re.compile(rf"[{_HAN}]+")

# Characters of grammar and of news vocabulary that given names do not use: a run holding
# one after its surname is a word (高质量, 于是, 文化周), not a name.
NOT_IN_GIVEN_NAMES = frozenset(
    "的了是在与及或等这那之于不也都就要会有从对把被让个们么吗呢啊吧着过得地时节日月年度届次"
    "期号版报讯电记者员说道里外后前上下内旧第各每该此其所以因而但并且还又再更最很太已将给"
    "往到为区市县省镇乡村街路场站局厅部委办院所议题事情况点面线网化性级量质型式率值亿件"
    "项条份岁米吨斤台辆场次届例篇版页图表什怎哪谁啥么呀哦嗯吗嘛喽咯"
)
GIVEN_MIN, GIVEN_MAX = 1, 2  # characters of a given name after the surname


@cache
def _hant_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for raw in HANT_FILE.read_text(encoding="utf-8").splitlines():
        if raw and not raw.startswith("#"):
            traditional, simplified = raw.split()
            table[ord(traditional)] = simplified
    return table


def fold_traditional(text: str) -> str:
    """``text`` with the traditional characters of ``data/hant.txt`` as simplified ones
    (one character for one: positions are kept)."""
    return text.translate(_hant_table())


@cache
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single-character surnames, compound surnames) from the package's data file."""
    single: set[str] = set()
    compound: set[str] = set()
    for raw in SURNAMES_FILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        kind, _, values = line.partition(":")
        if kind.strip() == "single":
            single.update(c for c in values if not c.isspace())
        elif kind.strip() == "compound":
            compound.update(values.split())
    return frozenset(single), frozenset(compound)


def is_name(text: str) -> bool:
    """True when ``text`` reads as one person's name: 邱学武, 艾平, 欧阳晓东, 玛丽娜·拉古什.

    A surname (single or compound) followed by a given name of 1-2 characters that
    given names use, so 2-4 characters in all (4 only with a compound surname); or a
    transliterated name with a middle dot. 金秋时节 and 高质量 are not names.
    """
    if _DOTTED.fullmatch(text):
        return True
    if not _HAN_RUN.fullmatch(text):
        return False
    text = fold_traditional(text)
    single, compound = surnames()
    for surname_length in (2, 1):
        surname, given = text[:surname_length], text[surname_length:]
        if surname_length == 2 and surname not in compound:
            continue
        if surname_length == 1 and surname not in single:
            continue
        if GIVEN_MIN <= len(given) <= GIVEN_MAX and not NOT_IN_GIVEN_NAMES.intersection(given):
            return True
    return False


SPLITS_WEIGHED = 8  # splits of a run into names looked at, at most


def split_names(run: str) -> list[str] | None:
    """The names a run of several names written together holds, when exactly one split
    into names (:func:`is_name`) covers it: 李心萍郑智文 -> [李心萍, 郑智文]; of several,
    the one split into fewer names than every other when it reads a compound surname
    whole (东方桂琪冯磊涵 -> [东方桂琪, 冯磊涵], not 东方 桂琪 冯磊涵); else None."""
    found: list[list[str]] = []

    def walk(start: int, taken: list[str]) -> None:
        if len(found) >= SPLITS_WEIGHED:
            return
        if start == len(run):
            found.append(list(taken))
            return
        for end in range(start + 2, min(len(run), start + 4) + 1):
            if is_name(run[start:end]):
                taken.append(run[start:end])
                walk(end, taken)
                taken.pop()

    walk(0, [])
    if not found or len(found) >= SPLITS_WEIGHED:
        return None
    if len(found) == 1:
        return found[0]
    fewest = min(len(split) for split in found)
    best = [split for split in found if len(split) == fewest]
    if len(best) != 1:
        return None
    _, compound = surnames()  # the ambiguity a compound surname makes, and only that:
    # 吴可云越干越有劲 splits into three "names" one way only, yet holds no name
    return best[0] if any(fold_traditional(name)[:2] in compound for name in best[0]) else None


def splits_into_names(run: str) -> bool:
    """True when some split of ``run`` into names (:func:`is_name`, two to four
    characters each) covers it, however many there are (令狐子东彭阳: 令狐子东 彭阳 or
    令狐子 东彭阳); a phrase (到举办第一届全国青少年…) has none."""
    reach = [False] * (len(run) + 1)
    reach[0] = True
    for start in range(len(run)):
        if reach[start]:
            for end in range(start + 2, min(len(run), start + 4) + 1):
                if not reach[end] and is_name(run[start:end]):
                    reach[end] = True
    return bool(run) and reach[len(run)]
