"""The story builder's labels and additions: paper name, page labels, continuation markers,
figures limited to a sensible enlargement."""

from __future__ import annotations

from dataclasses import replace

import pdfplumber
import pytest

from layout.model import Article, BBox, Block, FurnitureKind, Issue, Page, Role
from layout.render.glyphs import FIXED_SPACE
from layout.render.story import bylines_to_print, dateline_text, page_label, paper_name
from tests.render.test_pdf import checker_for, model_text, png_uri, render


def furniture(kind: FurnitureKind, text: str) -> Block:
    return Block(Role.FURNITURE, text=text, kind=kind)


@pytest.mark.parametrize("blocks, expected", [
    ((furniture(FurnitureKind.DATE, "2025年4月6日星期日 经济日报"),), "经济日报"),
    ((furniture(FurnitureKind.PAGE_HEADER, "海峡都市报2026年12月12日星期六"),), "海峡都市报"),
    ((furniture(FurnitureKind.DATE, "2024年11月9日星期六 湖北日报"),
      furniture(FurnitureKind.MASTHEAD, "人民日报")), "人民日报"),
    ((furniture(FurnitureKind.EDITOR, "本版责编：曹庆艳"),), "page-0007"),
])
def test_paper_name_comes_from_the_furniture_when_the_issue_has_none(blocks, expected):
    issue = Issue(source="/x/page-0007.pdf", pages=(Page(number=1, furniture=blocks),))
    assert paper_name(issue) == expected
    assert paper_name(Issue(source="a.pdf", title="周口日报", pages=issue.pages)) == "周口日报"


def test_page_label_uses_the_edition_number():
    assert page_label(Page(number=1, edition="8", section="教育")) == "第8版 教育"
    assert page_label(Page(number=2, edition="第3版", section="要闻")) == "第3版 要闻"
    assert page_label(Page(number=4)) == "第4版"
    assert page_label(Page(number=1, edition="第13版体育", section="体育")) == "第13版体育"


@pytest.mark.parametrize("columns", [1, 2])
def test_continuation_markers_are_kept_at_the_article_end(tmp_path, columns):
    body = tuple(Block(Role.PARAGRAPH, text="正文内容，用来填满几行文字。" * 4) for _ in range(2))
    article = Article(id="c", headline="跨版文章", blocks=body, continuations=("转第2版",))
    issue = Issue(source="c", pages=(Page(number=1, articles=(article,)),))
    path, options = render(tmp_path, issue, f"cont{columns}", columns=columns,
                           table_of_contents=False)
    checker = checker_for(path, options)
    assert checker.check() == []
    assert checker.text() == model_text(issue) and checker.text().endswith("转第2版")


def test_a_small_photo_is_enlarged_at_most_twice(tmp_path):
    blocks = (Block(Role.PARAGRAPH, text="图片新闻的正文。" * 6),
              Block(Role.FIGURE, image=png_uri(400, 300), bbox=BBox(0, 0, 100, 75)),
              Block(Role.CAPTION, text="小图的说明。"))
    issue = Issue(source="f", pages=(Page(number=1, articles=(
        Article(id="f", headline="小图", blocks=blocks),)),))
    path, _ = render(tmp_path, issue, "small", table_of_contents=False)
    with pdfplumber.open(path) as pdf:
        (image,) = pdf.pages[0].images
        assert image["width"] == pytest.approx(200, abs=0.5)
        assert image["x0"] > 100  # centred in the column


def test_page_label_of_a_lettered_edition():
    assert page_label(Page(number=4, edition="A10")) == "A10版"
    assert page_label(Page(number=4, edition="10")) == "第10版"


DATELINE_ARTICLE = Article(
    id="d", headline="凝心聚力促发展", bylines=("记者 姬慧洋 通讯员 赵明",),
    dateline="本报讯（记者 姬慧洋 通讯员 赵明）",
    blocks=(Block(Role.PARAGRAPH, text="近日，示范区党工委召开会议，传达学习有关精神。" * 3),))


def test_a_credit_the_dateline_holds_is_printed_once(tmp_path):
    assert bylines_to_print(DATELINE_ARTICLE) == []
    other = replace(DATELINE_ARTICLE, bylines=("记者 姬慧洋 通讯员 赵明", "摄影 王五"))
    assert bylines_to_print(other) == ["摄影 王五"]
    assert bylines_to_print(replace(DATELINE_ARTICLE, dateline=None)) == ["记者 姬慧洋 通讯员 赵明"]
    issue = Issue(source="d", pages=(Page(number=1, articles=(DATELINE_ARTICLE,)),))
    path, options = render(tmp_path, issue, "credit", table_of_contents=False)
    checker = checker_for(path, options)
    assert checker.check() == []
    assert checker.text().count("姬慧洋") == 1 and checker.text() == model_text(issue)


def test_the_dateline_keeps_its_spaces_as_fixed_drawn_gaps(tmp_path):
    assert dateline_text("本报讯（记者 姬慧洋  通讯员 赵明）") == (
        f"本报讯（记者{FIXED_SPACE}姬慧洋{FIXED_SPACE}通讯员{FIXED_SPACE}赵明）")
    issue = Issue(source="d", pages=(Page(number=1, articles=(DATELINE_ARTICLE,)),))
    path, _ = render(tmp_path, issue, "dateline", table_of_contents=False)
    with pdfplumber.open(path) as pdf:
        text = "".join(c["text"] for page in pdf.pages for c in page.chars)
    assert f"本报讯（记者{FIXED_SPACE}姬慧洋{FIXED_SPACE}通讯员{FIXED_SPACE}赵明）近日" in text


def test_paper_name_from_the_source_leaves_out_a_date_the_header_prints_anyway():
    def name(source: str) -> str:
        return paper_name(Issue(source=source, pages=(Page(number=1),)))

    assert name("/in/周口日报/2024-01-15") == "周口日报"
    assert name("/in/zkrb-2024-01-15.txt") == "zkrb"
    assert name("/in/x/page-0007.pdf") == "page-0007"
