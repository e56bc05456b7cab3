"""Repairs of dump lines: the wrapped end of a title or byline joined back to it.

Small hand-made pages (body column 14 characters): a title set across columns whose
last character wrapped onto a line of its own, a byline whose last name stops at its
surname, and the lines that must stay as they are (a paragraph's short last line, a
bare-name byline under a title).
"""

from __future__ import annotations

from layout.analysis.text.joins import join_wrapped_ends
from layout.ingest.text import page_lines

BODY = """　　近年来，各地坚持以人民为中
心的发展思想，推动城乡融合发展
取得新进展。在田间地头，新型农
业经营主体不断壮大，农民收入稳
步提高。"""


def _texts(text: str) -> list[str]:
    return [x.text for x in join_wrapped_ends(page_lines(text))]


def test_a_wide_titles_wrapped_end_joins_it() -> None:
    text = "——中国上海国际艺术节不断增强服务功能平\n台\n\n本报记者 杨立玉\n\n" + BODY
    assert _texts(text)[:2] == ["——中国上海国际艺术节不断增强服务功能平台", "本报记者 杨立玉"]


def test_a_bylines_last_name_wrapped_after_its_surname_joins_it() -> None:
    assert _texts("推动城乡融合发展\n\n本报记者 董萍、唐成一、任\n\n慧\n" + BODY)[:2] == [
        "推动城乡融合发展", "本报记者 董萍、唐成一、任慧"]


def test_a_last_name_wrapped_after_a_compound_surname_joins_it() -> None:
    assert _texts("推动城乡融合发展\n\n记者 段桂志 通讯员 司马\n\n浩\n" + BODY)[:2] == [
        "推动城乡融合发展", "记者 段桂志 通讯员 司马浩"]


def test_short_lines_that_are_not_wrapped_ends_stay() -> None:
    lines = page_lines("——中国上海国际艺术节不断增强服务功能平台\n王观\n\n" + BODY + "\n\n稳\n")
    assert [x.text for x in join_wrapped_ends(lines)] == [x.text for x in lines]


def test_a_jump_marker_wrapped_before_its_page_joins_back() -> None:
    """A jump marker wrapped before its 版 in a narrow column (（下转第6 / 版）, also after
    the text it ends: …说。（转第9 / 版）) is joined back into one line; a short line
    ending in 版 under prose that makes no marker with it stays."""
    from layout.analysis.text.joins import join_broken_jumps

    def texts(text: str) -> list[str]:
        return [x.text for x in join_broken_jumps(page_lines(text))]

    assert texts("坚定决心。\n（下转第6\n版）\n\n服务消费潜力巨大") == [
        "坚定决心。", "（下转第6版）", "服务消费潜力巨大"]
    assert texts("郭俊陆说。（转第9\n版）\n\n服务消费潜力巨大") == [
        "郭俊陆说。（转第9版）", "服务消费潜力巨大"]
    assert texts("今年全市共出版图书3\n版\n\n服务消费潜力巨大") == [
        "今年全市共出版图书3", "版", "服务消费潜力巨大"]


def test_a_wrapped_jump_marker_ends_its_story_before_the_next_headline() -> None:
    """The story before a jump marker wrapped over two lines goes on on another page: the
    marker is its continuation, and the line set apart under it is the next headline,
    with no marker for a headline over it."""
    from layout.analysis.text.dump import analyze_text_dump
    from layout.settings import Settings

    story = ("　　郭俊陆说，东湖老醋是其中的\n“老字号”之一，我们传承的熏蒸\n工艺已有数百年历史。\n"
             "（转第9\n版）\n\n服务消费潜力巨大\n\n")
    page = analyze_text_dump((story + BODY + "\n").encode(), "t", Settings()).pages[0]
    assert [a.headline for a in page.articles][-1] == "服务消费潜力巨大"
    assert any("（转第9版）" in a.continuations for a in page.articles)


def test_a_lone_character_over_a_byline_is_no_drop_cap() -> None:
    """A one-character line right over a byline (the wrapped end of a subtitle: …签注
    2811.7万 / 张 / 记者 王永 通讯员 欧阳博彤) is not a drop cap of it: a cap opens a
    paragraph's text, never a byline, so the byline keeps its names. The same character
    over a body line is still put back at its head."""
    from layout.analysis.text.joins import join_drop_caps

    def texts(text: str) -> list[str]:
        return [x.text for x in join_drop_caps(page_lines(text))]

    title = "——居民往来港澳台证件签注2811.7万\n张\n"
    assert texts(title + "记者 王永 通讯员 欧阳博彤\n\n" + BODY)[1:3] == [
        "张", "记者 王永 通讯员 欧阳博彤"]
    assert texts(title + "\n家界市的游客今年比往年多了不少，\n景区门前排起长队。")[1] == (
        "张家界市的游客今年比往年多了不少，")
