"""layout.analysis.patterns: bylines, datelines, credits, furniture, sentence ends."""

from __future__ import annotations

import pytest

from layout.analysis import patterns
from layout.model import FurnitureKind


@pytest.mark.parametrize("line, names", [
    ("记者 姬慧洋", ["姬慧洋"]),
    ("□记者 姬慧洋 通讯员 罗阳阳", ["姬慧洋", "罗阳阳"]),
    ("本报记者 程龙 潘俊强", ["程龙", "潘俊强"]),
    ("本报记者程龙潘俊强", ["程龙潘俊强"]),
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


def test_format_byline_spaces_roles_and_names() -> None:
    assert patterns.format_byline("□记者姬慧洋通讯员赵明") == "记者 姬慧洋 通讯员 赵明"


@pytest.mark.parametrize("text, dateline, rest", [
    ("本报讯（记者姬慧洋）1月10日，会议召开。", "本报讯（记者姬慧洋）", "1月10日，会议召开。"),
    ("本报讯 （记者 姬慧洋 通讯员 赵明） 2023 年", "本报讯 （记者 姬慧洋 通讯员 赵明）", "2023 年"),
    ("本报北京10月19日电（记者程龙）近日，", "本报北京10月19日电（记者程龙）", "近日，"),
    ("新华社北京10月19日电 中共中央", "新华社北京10月19日电", "中共中央"),
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
