"""Shared export pieces: content order, language tags, data URIs."""

import base64

import pytest

from layout.export.content import content_text, decode_data_uri, language_of, page_units
from layout.model import Article, Block, FurnitureKind, Issue, Page, Role


@pytest.mark.parametrize(("text", "tag"), [
    ("示范区各单位纷纷开展入户大走访活动", "zh-Hans"),
    ("這個國家的經濟發展與學術研究", "zh-Hant"),
    ("これは日本語の新聞です。東京で会議", "ja"),
    ("한국어 신문 기사입니다", "ko"),
    ("The quick brown fox", "en"),
    ("2024 — 3", "zh-Hans"),
])
def test_language_of(text, tag):
    assert language_of(text) == tag


def _issue() -> Issue:
    article = Article(
        id="p1-a1", kicker="引", headline="主", subtitle="副", bylines=("记者 甲", "乙"),
        dateline="本报讯",
        blocks=(Block(Role.PARAGRAPH, "正文一。"), Block(Role.FIGURE, image="data:x"),
                Block(Role.CAPTION, "图说", credit="丙 摄"), Block(Role.SUBHEAD, "小题"),
                Block(Role.PARAGRAPH, "正文二。")))
    page = Page(1, articles=(article,), blocks=(Block(Role.CAPTION, "孤图"),),
                furniture=(Block(Role.FURNITURE, "第3版", kind=FurnitureKind.EDITION),))
    return Issue(source="x", pages=(page,))


def test_content_is_every_text_field_once_in_reading_order():
    assert content_text(_issue()) == "引主副记者 甲乙本报讯正文一。图说丙 摄小题正文二。孤图第3版"


def test_a_figure_and_the_caption_after_it_are_one_unit():
    units = page_units(_issue().pages[0])[0].units
    figure = next(u for u in units if u.role == "figure")
    assert figure.caption is not None and figure.caption.text == "图说丙 摄"
    assert [u.role for u in units] == ["kicker", "headline", "subtitle", "byline",
                                       "paragraph", "figure", "subhead", "paragraph"]
    assert units[4].segments[0].tag == "dateline"


def test_a_dateline_without_a_paragraph_is_its_own_unit():
    article = Article(id="a", headline="题", dateline="新华社北京电")
    units = page_units(Page(1, articles=(article,)))[0].units
    assert [u.role for u in units] == ["headline", "dateline"]


def test_decode_data_uri():
    data = b"\x89PNG\r\n"
    uri = "data:image/png;base64," + base64.b64encode(data).decode()
    assert decode_data_uri(uri) == ("image/png", data)
    assert decode_data_uri("data:image/png;base64,@@@") is None
    assert decode_data_uri("images/a.png") is None
    assert decode_data_uri(None) is None
