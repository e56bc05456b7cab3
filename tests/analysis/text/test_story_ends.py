"""Where a dump's paragraphs and stories end, from the text's own cues.

Small hand-made dumps: a jump marker closing a paragraph's line (……写照。（转第11版））
ends the paragraph and goes to the article's continuations; a 上接 marker alone on a line
goes to the story it stands in; a dateline after a story's text opens a story of its
own (its headline art), a dateline after a lone lead paragraph does not; a sign-off
(——编者) ends its note; the pieces of one typeset line split where the font changed
(“在中国，看到了未来 / ，据悉) are one line; the short last line of an indented paragraph
(平安全) is no bare-name byline.
"""

from __future__ import annotations

from layout.analysis.text.dump import analyze_text_dump
from layout.analysis.text.joins import join_split_lines
from layout.ingest.text import page_lines
from layout.model import Page, Role
from layout.settings import Settings

HEAD = "第一篇报道的标题在这里\n\n本报记者 张明\n\n"
TEXT = ("　　近年来，各地坚持以人民为中心的发\n展思想，推动城乡融合发展取得新进展。\n"
        "　　去年以来，这里的金融机构加快产品\n和服务创新步伐，加大对生态的支持。\n")


def _page(text: str) -> Page:
    return analyze_text_dump(text.encode(), "test.txt", Settings()).pages[0]


def _paragraphs(page: Page, k: int) -> list[str]:
    return [b.text or "" for b in page.articles[k].blocks if b.role is Role.PARAGRAPH]


def test_a_jump_marker_closing_a_line_ends_the_paragraph() -> None:
    page = _page(HEAD + TEXT + "　　一笔绿色贷款，带活一方经济，富了\n"
                 "一方百姓，正是绿色金融的写照。（转第11版）\n\n生态旅游，安吉的又一张“金名片”。\n")
    article = page.articles[0]
    assert "（转第11版）" in article.continuations
    texts = _paragraphs(page, 0)
    assert "一笔绿色贷款，带活一方经济，富了一方百姓，正是绿色金融的写照。" in texts
    assert not any("转第" in t for t in texts)


def test_a_taking_up_marker_goes_to_the_story_it_stands_in() -> None:
    page = _page(TEXT + "\n" + HEAD + "上接第9版\n" + TEXT)
    assert [list(a.continuations) for a in page.articles] == [[], ["上接第9版"]]


DATELINED = ("　　本报讯（记者汪一宇通讯员孔文金）金秋\n时节，新疆乌鲁木齐市天山区固原巷社区\n"
             "的百家宴正式开席。\n　　各族群众相互问候，展示自己的拿\n"
             "手菜，席间满是美食的香气和欢声笑语。\n")


def test_a_dateline_after_a_storys_text_opens_a_story() -> None:
    page = _page(HEAD + TEXT + "\n" + DATELINED)
    assert len(page.articles) == 2
    second = page.articles[1]
    assert second.headline is None and (second.dateline or "").startswith("本报讯")
    assert len(_paragraphs(page, 0)) == 2


def test_a_dateline_after_a_lone_lead_stays_in_its_story() -> None:
    lead = "预计到2029年，全球公共债务规模将突破全\n球国内生产总值的百分之百。\n\n"
    page = _page(HEAD + lead + DATELINED)
    assert len(page.articles) == 1
    assert any(t.startswith("本报讯") for t in _paragraphs(page, 0))


def test_a_sign_off_ends_its_note() -> None:
    page = _page(HEAD + TEXT + "　　——编者\n\n“第二篇报道的标题在\n这里要看得更远一些”\n\n"
                 "记者 段一\n\n" + TEXT)
    assert "——编者" in _paragraphs(page, 0)
    assert len(page.articles) == 2
    assert page.articles[1].headline == "“第二篇报道的标题在这里要看得更远一些”"


def test_pieces_of_one_typeset_line_are_joined() -> None:
    lines = page_lines("　　当今世界变乱交织，为何人们\n“在中国，看到了未来\n，据悉\n"
                       "“ETF”看到了信心”？\n")
    assert [x.text for x in join_split_lines(lines)] == [
        "当今世界变乱交织，为何人们", "“在中国，看到了未来，据悉", "“ETF”看到了信心”？"]


def test_pieces_that_overrun_a_line_stay_apart() -> None:
    lines = page_lines("　　当今世界变乱交织，为何人们\n在中国看到了未来的发展方\n，向\n")
    assert len(join_split_lines(lines)) == 3


def test_the_short_last_line_of_an_indented_paragraph_is_no_byline() -> None:
    page = _page(HEAD + "　　完整准确全面贯彻新发展理念，以高\n"
                 "质量发展促进高水平安全，以更高水准的\n平安全\n" + TEXT)
    assert "完整准确全面贯彻新发展理念，以高质量发展促进高水平安全，以更高水准的平安全" in (
        _paragraphs(page, 0))
    assert page.articles[0].bylines == ("本报记者 张明",)


def test_a_note_on_who_helped_write_a_story_ends_it() -> None:
    """（本报记者靳博参与采写） is the story's last paragraph, never a title; the text after
    it is another story."""
    other = ("　　窟野河，黄河一级支流，发源于内蒙古鄂尔\n多斯，在陕西榆林汇入黄河。漫步在窟野河\n"
             "边，波光粼粼的水面上，赤麻鸭追逐觅食。\n")
    page = _page(HEAD + TEXT + "\n（本报记者靳博参与采写）\n\n" + other)
    assert len(page.articles) == 2
    assert _paragraphs(page, 0)[-1] == "（本报记者靳博参与采写）"
    assert _paragraphs(page, 1)[0].startswith("窟野河")
    assert all(a.headline != "（本报记者靳博参与采写）" for a in page.articles)


def test_a_piece_that_would_read_as_fake_bold_is_not_joined() -> None:
    """A closing mark alone under a line is joined back only when that does not make the
    line read as fake bold (民民兵兵” + ” would undouble to 民兵” and lose three characters)."""
    lines = join_split_lines(page_lines("记者姬慧洋\n民民兵兵”\n”\n"))
    assert [x.text for x in lines] == ["记者姬慧洋", "民民兵兵”", "”"]
