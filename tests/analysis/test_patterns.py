"""layout.analysis.patterns: bylines, datelines, credits, furniture, sentence ends."""

from __future__ import annotations

import pytest

from layout.analysis import patterns
from layout.model import FurnitureKind


@pytest.mark.parametrize("line, names", [
    ("记者 姬慧洋", ["姬慧洋"]),
    ("□记者 姬慧洋 通讯员 罗阳阳", ["姬慧洋", "罗阳阳"]),
    ("本报记者 程龙 潘俊强", ["程龙", "潘俊强"]),
    ("本报记者程龙潘俊强", ["程龙", "潘俊强"]),  # split where the surname table allows one way
    ("记者 玛丽娜·拉古什", ["玛丽娜·拉古什"]),
    ("新华社记者", []),
])
def test_bylines(line: str, names: list[str]) -> None:
    assert patterns.is_byline(line)
    assert patterns.byline_names(line) == names


@pytest.mark.parametrize("line", [
    "文化主题广场，巧妙地将廉洁文化元",
    "示范区纪委监察工委通过在",
    "搬口街道",
    "记者了解到，这项工作进展顺利。",
])
def test_body_lines_are_not_bylines(line: str) -> None:
    assert not patterns.is_byline(line)


@pytest.mark.parametrize("line, names, roles", [
    ("本报记者 姬慧洋", ["姬慧洋"], ["本报记者"]),
    ("本报见习记者 吴悠", ["吴悠"], ["本报见习记者"]),
    ("见习记者 吴悠", ["吴悠"], ["见习记者"]),
    ("特约记者 陈丽", ["陈丽"], ["特约记者"]),
    ("本报特约记者 陈丽", ["陈丽"], ["本报特约记者"]),
    ("通讯员 赵明、钱亮", ["赵明", "钱亮"], ["通讯员"]),
    ("实习生 孙小雨", ["孙小雨"], ["实习生"]),
    ("新华社记者 张晓东 李华", ["张晓东", "李华"], ["新华社记者"]),
    ("人民日报记者 刘赫", ["刘赫"], ["人民日报记者"]),
    ("本报驻埃及记者 黄培昭", ["黄培昭"], ["本报驻埃及记者"]),
    ("本报评论员", [], ["本报评论员"]),
    ("文/图 本报记者 张三", ["张三"], ["文/图", "本报记者"]),
    ("图/文 李四", ["李四"], ["图/文"]),
    ("文／王五", ["王五"], ["文／"]),
    ("张三/文", ["张三"], ["/文"]),
    ("张三 文/图", ["张三"], ["文/图"]),
    ("□本报记者 王崟欣", ["王崟欣"], ["本报记者"]),
    ("■ 李四", ["李四"], []),
    ("● 记者 赵明", ["赵明"], ["记者"]),
    ("记者 张三 通讯员 李四 王五", ["张三", "李四", "王五"], ["记者", "通讯员"]),
    ("记者张三通讯员李四", ["张三", "李四"], ["记者", "通讯员"]),
    ("本报记者 李心萍郑智文", ["李心萍", "郑智文"], ["本报记者"]),
    ("本报记者 张三 报道", ["张三"], ["本报记者"]),
])
def test_byline_forms(line: str, names: list[str], roles: list[str]) -> None:
    parsed = patterns.parse_byline(line)
    assert parsed is not None and not parsed.bare
    assert list(parsed.names) == names and list(parsed.roles) == roles
    assert patterns.is_byline(line)


@pytest.mark.parametrize("line, names", [
    ("邱学武", ["邱学武"]),  # surname 邱 in the table
    ("艾平", ["艾平"]),
    ("李非 黄婧", ["李非", "黄婧"]),
    ("欧阳晓东", ["欧阳晓东"]),  # compound surname + two characters
    ("司马光", ["司马光"]),
    ("诸葛亮", ["诸葛亮"]),
    ("胡里奥·塞瓦略斯", ["胡里奥·塞瓦略斯"]),  # transliterated, with a middle dot
])
def test_bare_names_are_bylines_with_the_bare_flag(line: str, names: list[str]) -> None:
    parsed = patterns.parse_byline(line)
    assert parsed is not None and parsed.bare and list(parsed.names) == names
    assert not patterns.is_byline(line)  # a bare name is a byline only where it stands
    assert patterns.parse_byline(line, bare_names=False) is None


@pytest.mark.parametrize("line", [
    "金秋时节",  # surname 金, but four characters need a compound surname
    "高质量",  # 质 and 量 are not given-name characters
    "文化周",
    "新时代",  # 新 is not a surname in the table
    "搬口街道",  # 搬 is not a surname
    "拓宽思路解难题",
    "记者了解到",  # role word glued to a non-name
    "据记者 了解",
    "■新闻链接",  # a mark before a label, not a name
    "记者 张三 摄",  # a photo credit (split_credit), not a byline
    "示范区：入户大走访 情暖千万家",
    "张三 报道",
    "",
])
def test_non_bylines(line: str) -> None:
    assert patterns.parse_byline(line) is None
    assert not patterns.is_byline(line)


def test_names_with_and_without_table_surnames() -> None:
    from layout.analysis.names import is_name, split_names, surnames
    single, compound = surnames()
    assert {"王", "李", "邱", "艾", "姬"} <= single and {"欧阳", "司马", "诸葛", "上官"} <= compound
    assert is_name("邱学武") and is_name("上官婉儿") and not is_name("搬学武")
    assert not is_name("金秋时节") and not is_name("王")  # too long / too short
    assert split_names("屈信明刘新吾张云河") == ["屈信明", "刘新吾", "张云河"]
    assert split_names("金秋时节") is None
    # an unknown surname still reads as a name after a role word and a space
    assert patterns.byline_names("记者 乜乜") == ["乜乜"]
    assert patterns.byline_names("记者 嘿嘿") == ["嘿嘿"]
    assert patterns.parse_byline("嘿嘿") is None


def test_format_byline_spaces_roles_and_names() -> None:
    # the mark stays (nothing lost), role words and names get one space
    assert patterns.format_byline("□记者姬慧洋通讯员赵明") == "□记者 姬慧洋 通讯员 赵明"
    assert patterns.format_byline("■ 李四") == "■李四"


@pytest.mark.parametrize("text, dateline, rest", [
    ("本报讯（记者姬慧洋）1月10日，会议召开。", "本报讯（记者姬慧洋）", "1月10日，会议召开。"),
    ("本报讯 （记者 姬慧洋 通讯员 赵明） 2023 年", "本报讯 （记者 姬慧洋 通讯员 赵明）", "2023 年"),
    ("本报北京10月19日电（记者程龙）近日，", "本报北京10月19日电（记者程龙）", "近日，"),
    ("新华社北京10月19日电 中共中央", "新华社北京10月19日电", "中共中央"),
    # digits an extractor set apart (drawn one by one)
    ("本报重庆8月1 6日电（记者 钱娜新）“报名时", "本报重庆8月1 6日电（记者 钱娜新）", "“报名时"),
])
def test_datelines(text: str, dateline: str, rest: str) -> None:
    assert patterns.split_dateline(text) == (dateline, rest)


def test_dateline_names_and_non_datelines() -> None:
    assert patterns.dateline_names("本报讯（记者姬慧洋通讯员赵明）") == ["姬慧洋", "赵明"]
    assert patterns.split_dateline("本报记者了解到，本报讯息") is None


@pytest.mark.parametrize("caption, text, credit", [
    ("民兵为群众讲解征兵政策。 记者 姬慧洋 摄", "民兵为群众讲解征兵政策。", "记者 姬慧洋 摄"),
    ("图为会议现场。本报记者 李四摄", "图为会议现场。", "本报记者 李四摄"),
    ("志愿者走访群众。 张三 摄", "志愿者走访群众。", "张三 摄"),
    ("会议现场张三摄", "会议现场张三摄", None),
    ("图为现场。（记者 张三 摄）", "图为现场。", "（记者 张三 摄）"),
    ("没有署名的图片说明。", "没有署名的图片说明。", None),
])
def test_credits(caption: str, text: str, credit: str | None) -> None:
    assert patterns.split_credit(caption) == (text, credit)


def test_credits_of_many_names_and_long_lines_ending_in_she() -> None:
    """Up to six names, glued or apart; a long run of Han before 摄 that is no credit is
    read in linear time (an unbounded repeat of names tried every cut of it: 20 s a line
    on a damaged real page; this one would not finish)."""
    assert patterns.split_credit("图为现场。记者 张三 李四、王五 赵六 钱七 孙八 摄") == (
        "图为现场。", "记者 张三 李四、王五 赵六 钱七 孙八 摄")
    assert patterns.split_credit("图为现场。 张三李四摄") == ("图为现场。", "张三李四摄")
    run = "这是一个很长的汉字句子没有任何标点符号一直写下去" * 8 + "x摄"
    assert patterns.split_credit(run) == (run, None) and not patterns.is_credit_only(run)


def test_credit_only_lines() -> None:
    assert patterns.is_credit_only("记者 姬慧洋 摄")
    assert not patterns.is_credit_only("民兵为群众讲解征兵政策。 记者 姬慧洋 摄")


@pytest.mark.parametrize("line, kind", [
    ("第3版", FurnitureKind.EDITION),
    ("第十二版：要闻", FurnitureKind.EDITION),
    ("责任编辑：张三", FurnitureKind.EDITOR),
    ("2025年10月20日 星期一", FurnitureKind.DATE),
    ("第一版刊发了重要文章，", None),
    ("2023 年，示范区信访案件化解群众满意率达到", None),
])
def test_furniture(line: str, kind: FurnitureKind | None) -> None:
    assert patterns.furniture_kind(line) is kind


def test_masthead_only_at_the_page_edge() -> None:
    assert patterns.furniture_kind("周口日报", at_page_edge=True) is FurnitureKind.MASTHEAD
    assert patterns.furniture_kind("周口日报") is None


def test_a_weekly_named_weekend_is_a_masthead_at_the_page_edge() -> None:
    """南方周末 is a paper's name as 周口日报 is; a column label ending otherwise is not."""
    assert patterns.furniture_kind("南方周末", at_page_edge=True) is FurnitureKind.MASTHEAD
    assert patterns.furniture_kind("周末特稿", at_page_edge=True) is None


def test_edition_and_date_values() -> None:
    assert patterns.edition_of("第十二版：要闻") == ("12", "要闻")
    assert patterns.edition_of("第3版") == ("3", None)
    assert patterns.iso_date("2025年10月20日 星期一") == "2025-10-20"
    assert patterns.iso_date("2025年13月20日") is None


def test_sentence_and_clause_ends() -> None:
    assert patterns.ends_sentence("现场秩序井然。")
    assert patterns.ends_sentence("实现自己的梦想……”")
    assert patterns.ends_sentence("这一问题怎么解决？")
    assert not patterns.ends_sentence("破解“受理难”")
    assert not patterns.ends_sentence("示范区纪委监察工委通过在")
    assert patterns.ends_clause("各单位纷纷开展入户大走访活动，")
    assert patterns.is_subtitle_dash("———示范区探索")
    assert patterns.continuation_marker("（下转第2版）") == "（下转第2版）"


def test_bare_names_need_a_short_run_or_short_dotted_parts() -> None:
    """Without a role word, a 4-character word does not split into two names (商业顾问)
    and a dotted run with a long part is no transliterated name (作家胡里奥·塞瓦略斯);
    bare names written together from 5 characters on still split."""
    assert patterns.parse_byline("商业顾问、作家胡里奥·塞瓦略斯") is None
    assert patterns.parse_byline("商业顾问") is None
    assert patterns.parse_byline("玛丽娜·拉古什").names == ("玛丽娜·拉古什",)
    assert patterns.parse_byline("张成虎高睿凯").names == ("张成虎", "高睿凯")
    assert patterns.parse_byline("本报记者程龙潘俊强").names == ("程龙", "潘俊强")
    assert patterns.furniture_kind("本版责编：陈东") is FurnitureKind.EDITOR


def test_names_may_hold_duo_and_shao() -> None:
    """多 and 少 are given-name characters (陶多多, 王少华): a 文/ byline keeps its name."""
    assert patterns.parse_byline("文/陶多多").names == ("陶多多",)
    assert patterns.parse_byline("记者 王少华").names == ("王少华",)


def test_a_dash_sign_off_is_no_subtitle() -> None:
    assert patterns.is_subtitle_dash("——安全也是硬道理的理念")
    assert not patterns.is_subtitle_dash("——编者")
