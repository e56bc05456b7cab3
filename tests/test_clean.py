"""layout.clean: junk removal, presentation forms, fake-bold undoubling, CJK spacing."""

from __future__ import annotations

import pytest

from layout.clean import (
    clean_text,
    clean_title,
    drop_junk,
    is_cjk,
    is_doubled_line,
    plain_forms,
    remove_cjk_spaces,
    undouble,
    undouble_line,
    visual_width,
)
from layout.settings import CleanSettings


def test_drop_junk_removes_replacement_and_invisible_characters() -> None:
    assert drop_junk("\ufffd\ufffd本报讯\u200b（记者）\ufeff") == "本报讯（记者）"
    assert drop_junk("a\tb\nc") == "a\tb\nc"


@pytest.mark.parametrize("raw, plain", [
    ("延\u2ed1", "延長"),             # CJK radical LONG ONE (NFKC leaves it)
    ("\u2ed3期", "长期"),             # C-simplified LONG
    ("先\u2f63", "先生"),             # Kangxi radical LIFE
    ("\u2f29学\u2f63に\u2f24\u2f82", "小学生に大臣"),  # ⼩学⽣に⼤⾂ (ja_mock page)
    ("\u2e8c", "小"), ("\u2ed4", "门"), ("\u2e9f", "母"),
    ("\uf900", "\u8c48"), ("\U0002f800", "\u4e3d"),  # compatibility ideographs
    ("\ufb01nal \ufb00ect \ufb02ow \ufb03 \ufb04", "final ffect flow ffi ffl"),
    ("\ufe11\ufe12\ufe10\ufe13\ufe14\ufe15\ufe16", "、。，：；！？"),
    ("\ufe35注\ufe36\ufe41引\ufe42\ufe3d书\ufe3e", "（注）「引」《书》"),
    ("\ufe19\ufe31", "…—"),
])
def test_presentation_forms_become_plain_forms(raw: str, plain: str) -> None:
    assert plain_forms(raw) == plain
    assert clean_text(raw) == plain
    assert drop_junk(raw) == plain


def test_plain_forms_leave_full_width_and_ordinary_text_alone() -> None:
    text = "（记者 张三）：“１２３”，ＡＢＣ！？…… ① ㈠ ｶﾀｶﾅ ™ ½ x² 大大小小"
    assert plain_forms(text) == text
    for ch in ("\ufe45", "\ufe46", "\ufa0e", "\ufa11"):  # sesame dots, unified FA0E/FA11
        assert plain_forms(ch) == ch


def test_folded_radicals_are_unified_ideographs() -> None:
    import unicodedata

    for code in [*range(0x2E80, 0x2EF4), *range(0x2F00, 0x2FD6)]:
        ch = chr(code)
        if unicodedata.category(ch) == "Cn" or code in (0x2E80, 0x2E99):  # no unified form
            continue
        out = plain_forms(ch)
        assert len(out) == 1 and is_cjk(out) and out != ch, hex(code)


@pytest.mark.parametrize("doubled, plain", [
    ("民民兵兵为为群群众众讲讲解解征征兵兵政政策策。。", "民兵为群众讲解征兵政策。"),
    ("示示范范区区““创创文文””办办", "示范区“创文”办"),
    ("谢谢谢谢大大家家的的支支持持", "谢谢大家的支持"),  # a legit double, then doubled
])
def test_fake_bold_lines_are_undoubled(doubled: str, plain: str) -> None:
    assert is_doubled_line(doubled)
    assert undouble_line(doubled) == plain
    assert undouble(doubled) == plain


@pytest.mark.parametrize("text", [
    "谢谢大家", "常常来看看", "人人参与", "高高兴兴地回家", "大大小小的问题",
    "清清楚楚。", "天天向上，年年有余",
])
def test_legitimate_doubles_are_kept(text: str) -> None:
    assert not is_doubled_line(text)
    assert undouble(text) == text


def test_doubled_caption_keeps_its_plain_credit() -> None:
    line = "民民兵兵为为群群众众讲讲解解征征兵兵政政策策。。 记者 姬慧洋 摄"
    assert not is_doubled_line(line)  # the credit is not doubled
    assert undouble(line) == "民兵为群众讲解征兵政策。 记者 姬慧洋 摄"


def test_undouble_thresholds_come_from_settings() -> None:
    strict = CleanSettings(min_doubled_pairs=2, min_doubled_line_pairs=2)
    assert undouble("高高兴兴地", strict) == "高兴地"
    assert undouble("高高兴兴地") == "高高兴兴地"


@pytest.mark.parametrize("raw, clean", [
    ("连日来， 市城乡一体化示范区", "连日来，市城乡一体化示范区"),
    ("基层是社会和谐稳定的基础 。", "基层是社会和谐稳定的基础。"),
    ("1 月 11 日上午", "1月11日上午"),
    ("2023 年 ，示范", "2023年，示范"),
    ("通过 LED 显示屏", "通过LED显示屏"),
    ("New York Times 报道", "New York Times报道"),
    ("率达 95.07%。", "率达95.07%。"),
])
def test_spaces_next_to_cjk_are_removed(raw: str, clean: str) -> None:
    assert remove_cjk_spaces(raw) == clean


def test_clean_text_does_everything() -> None:
    raw = "\ufffd\ufffd本报讯 （记者 姬慧洋） 1 月 12"
    assert clean_text(raw) == "本报讯（记者姬慧洋）1月12"


def test_clean_title_keeps_the_gap_of_a_two_part_headline() -> None:
    assert clean_title(" 凝心聚力促发展 实干担当谱新篇") == "凝心聚力促发展 实干担当谱新篇"
    assert clean_title("用好“望闻问切” 化解“断案难”") == "用好“望闻问切”化解“断案难”"
    assert clean_title("开开展展征征兵兵宣宣传传") == "开展征兵宣传"


def test_visual_width_counts_half_width_characters_as_half() -> None:
    assert visual_width("1月11日") == 3.5
    assert visual_width("示范区") == 3.0
