"""Roles: body size by character weight; kicker/headline/subtitle groups; rules separate."""

from layout.analysis.pdf.roles import body_size, heading_groups, heading_text
from layout.ingest.raw import Rule
from layout.model import BBox
from tests.analysis.pdf.glyph_builders import blocks_of, column, run


def _page(rule=None):
    glyphs = run("乡村振兴", 0, 14, 14.0, "Hei")  # kicker
    glyphs += run("麦田里的新希望", 0, 46, 28.0, "Song-Bold")  # headline
    glyphs += run("——记一位返乡青年", 0, 68, 14.0, "Hei")  # subtitle
    glyphs += column(["正文文字正文文字正文文字"] * 6, 0, 80, 12)
    glyphs += run("另一篇的标题", 260, 46, 28.0, "Song-Bold")  # a neighbour's head
    glyphs += column(["别的文章正文文字"] * 6, 260, 80, 8)
    rules = [rule] if rule else []
    return blocks_of(glyphs, rules), rules


def test_body_size_is_the_most_common_by_characters():
    blocks, _ = _page()
    assert body_size(blocks) == 10.0


def test_heading_group_kicker_headline_subtitle():
    blocks, rules = _page()
    groups = sorted(heading_groups(blocks, 10.0, rules), key=lambda g: g.bbox.x0)
    assert len(groups) == 2
    first = groups[0]
    assert heading_text(first.kicker) == "乡村振兴"
    assert heading_text(first.headline) == "麦田里的新希望"
    assert heading_text(first.subtitle) == "——记一位返乡青年"
    assert heading_text(groups[1].headline) == "另一篇的标题"


def test_a_rule_between_stacked_heads_keeps_them_apart():
    blocks, rules = _page(Rule(BBox(0, 55, 150, 55), horizontal=True))
    groups = heading_groups(blocks, 10.0, rules)
    subtitles = [heading_text(g.subtitle) for g in groups if g.subtitle]
    assert "——记一位返乡青年" not in subtitles


def test_two_parts_of_one_headline_on_a_row_join_with_a_space():
    glyphs = run("开展征兵宣传", 0, 30, 24.0, "Hei") + run("激发青年热情", 170, 30, 24.0, "Hei")
    glyphs += column(["正文文字正文文字正文文字正文文字"] * 5, 0, 40, 16)
    groups = heading_groups(blocks_of(glyphs), 10.0)
    assert [heading_text(g.headline) for g in groups] == ["开展征兵宣传 激发青年热情"]


def test_a_numbered_section_heading_heads_no_article():
    glyphs = run("数字拟人品的成长机制", 0, 30, 28.0, "Hei")
    glyphs += column(["正文文字正文文字正文文字正文文字"] * 5, 0, 40, 16)
    glyphs += run("一、引言", 40, 140, 14.0, "Hei")
    glyphs += column(["正文文字正文文字正文文字正文文字"] * 5, 0, 150, 16)
    glyphs += run("一带一路新篇章", 0, 260, 28.0, "Hei")  # a headline, not a section number
    glyphs += column(["正文文字正文文字正文文字正文文字"] * 5, 0, 270, 16)
    groups = heading_groups(blocks_of(glyphs), 10.0)
    assert [heading_text(g.headline) for g in groups] == ["数字拟人品的成长机制", "一带一路新篇章"]


def test_bare_names_under_a_head_are_bylines_even_in_a_recurring_style():
    """Every head of the page sets its byline alike (a style that recurs under heads, as
    kickers and subtitles do); names the surname table accepts are still bylines."""
    glyphs = []
    heads = ((0, "麦田里的新希望", "王芳华"), (260, "另一篇的标题", "诸葛超涛 上官成"))
    for x, title, names in heads:
        glyphs += run(title, x, 30, 24.0, "Hei")
        glyphs += run("——一位返乡青年", x, 50, 12.0, "Hei")
        glyphs += run(names, x, 66, 11.0, "Hei")  # a little over body size
        glyphs += column(["正文文字正文文字正文文字"] * 6, x, 76, 12)
    groups = sorted(heading_groups(blocks_of(glyphs), 10.0), key=lambda g: g.bbox.x0)
    assert [heading_text(g.subtitle) for g in groups] == ["——一位返乡青年"] * 2
    assert ["".join(b.text for b in g.bylines) for g in groups] == ["王芳华", "诸葛超涛上官成"]


def test_letter_spaced_author_names_under_a_title_are_bylines():
    """A journal's authors: two-character names letter-spaced to three (孙 萌), every piece
    its own block, set larger than the body."""
    glyphs = run("数字拟人品的成长机制", 0, 40, 32.0, "Hei")
    glyphs += run("罗兴武", 60, 70, 16.0, "Fang")
    for name, x in (("孙", 126), ("萌", 159), ("刘", 192), ("洋", 225)):
        glyphs += run(name, x, 70, 16.0, "Fang")
    glyphs += column(["正文文字正文文字正文文字正文文字"] * 5, 0, 90, 16)
    [group] = heading_groups(blocks_of(glyphs), 10.0)
    assert group.subtitle == []
    assert "".join(b.text for b in group.bylines) == "罗兴武孙萌刘洋"


def test_a_kicker_as_large_as_a_narrowed_headline_stays_the_kicker():
    """In a narrow column the headline is set smaller to fit, as large as the kicker over
    it (15.2 pt Kai over 16.4 pt Song): the face tells them apart."""
    glyphs = run("寻访", 100, 20, 15.2, "Kai")  # over the headline's right end
    glyphs += run("森林中的一颗钢钉", 0, 44, 16.4, "Song-Bold")
    glyphs += column(["正文文字正文文字正文文字"] * 5, 0, 60, 12)
    [group] = heading_groups(blocks_of(glyphs), 10.0)
    assert heading_text(group.kicker) == "寻访"
    assert heading_text(group.headline) == "森林中的一颗钢钉"


def test_a_subhead_atop_a_later_column_is_no_subtitle():
    """「为何著书——」 set larger at the top of the second column, level with the first
    column's text: a subhead of the text, not the article's subtitle."""
    glyphs = run("一个西班牙人的观察", 0, 30, 24.0, "Song-Bold")  # headline, 0-216
    glyphs += column(["正文文字正文文字正文"] * 6, 0, 44, 10)  # first column
    glyphs += run("为何著书——", 120, 55, 11.5, "Kai")  # atop the second column
    glyphs += column(["正文文字正文文字正文"] * 4, 120, 62, 10)
    [group] = heading_groups(blocks_of(glyphs), 10.0)
    assert heading_text(group.headline) == "一个西班牙人的观察"
    assert group.subtitle == []


def test_a_dash_subtitle_in_the_body_face_right_under_the_headline():
    glyphs = run("在上海，能看到演艺的未来", 0, 30, 24.0, "Song-Bold")
    glyphs += run("——西班牙等国家的百余个演艺机构设立自荐展台", 0, 48, 10.2)  # body face
    glyphs += column(["正文文字正文文字正文文字"] * 6, 0, 64, 12)
    [group] = heading_groups(blocks_of(glyphs), 10.0)
    assert heading_text(group.subtitle) == "——西班牙等国家的百余个演艺机构设立自荐展台"


def test_a_short_label_a_shade_larger_than_a_long_headline_is_its_kicker():
    """金台随感 (15.1 pt) over a headline of three lines shrunk to 14.8 pt to fit."""
    glyphs = run("金台随感", 100, 20, 15.1, "Kai")
    for k, text in enumerate(["更好统筹高质量发展和高水平", "安全深入学习贯彻新时代中国",
                              "特色社会主义思想专家谈"]):
        glyphs += run(text, 0, 44 + 21 * k, 14.8, "Hei")
    glyphs += column(["正文文字正文文字正文文字"] * 5, 0, 100, 12)
    [group] = heading_groups(blocks_of(glyphs), 10.0)
    assert heading_text(group.kicker) == "金台随感"
    assert heading_text(group.headline).startswith("更好统筹")


def test_a_phrase_under_a_headline_is_no_byline_for_having_no_punctuation():
    """一些当地读者还给同伴做起了讲解 under the headline: Han characters only, short, but
    no names by the surname table: not a byline (李明 张华 there would be)."""
    for text, byline in (("一些当地读者还给同伴做起了讲解", False), ("李明", True)):
        glyphs = run("为全球读者展现中国", 0, 30, 24.0, "Song-Bold")
        glyphs += run(text, 0, 48, 10.6, "Ming")
        glyphs += column(["正文文字正文文字正文文字"] * 6, 0, 64, 12)
        [group] = heading_groups(blocks_of(glyphs), 10.0)
        assert bool(group.bylines) == byline, text


def test_a_subhead_level_with_the_columns_beside_a_centred_head_is_no_subtitle():
    """A head centred over the middle column of three, its subtitle under it; the first
    and third columns start under the subtitle, level with a subhead atop the middle
    column: that subhead starts the text's first row, it is not a second subtitle line."""
    glyphs = run("民生观察", 150, 14, 14.0, "Hei")  # kicker
    glyphs += run("五年来累计赔付", 120, 46, 28.0, "Song-Bold")  # headline 120-316
    glyphs += run("——专利密集型产品责任险", 130, 68, 14.0, "Hei")  # subtitle 130-298
    glyphs += column(["正文文字正文文字正文文"] * 8, 0, 80, 11)  # first column 0-110
    glyphs += run("保障功能新跨越", 120, 90, 12.0, "Hei")  # subhead atop the middle column
    glyphs += column(["正文文字正文文字正文文"] * 6, 120, 98, 11)
    glyphs += column(["正文文字正文文字正文文"] * 8, 240, 80, 11)  # third column 240-350
    [group] = heading_groups(blocks_of(glyphs), 10.0)
    assert heading_text(group.headline) == "五年来累计赔付"
    assert heading_text(group.subtitle) == "——专利密集型产品责任险"
