"""Articles: items go to the head above them; paragraphs run on across columns."""

import pytest

from layout.analysis.pdf.articles import build_article
from layout.analysis.pdf.blocks import TextBlock, lines_to_blocks
from layout.analysis.pdf.ownership import assign_items
from layout.analysis.pdf.roles import HeadingGroup, heading_groups, heading_text
from layout.analysis.pdf.text_line import TextLine
from layout.ingest.raw import Glyph, Rule
from layout.model import BBox, Role
from tests.analysis.pdf.glyph_builders import BODY, blocks_of, column, run


def _two_column_article(x=0.0, title="标题在这里"):
    glyphs = run(title, x, 26, 24.0, "Hei")
    # paragraph 1 fills column 1 and runs on into column 2; paragraph 2 starts indented
    glyphs += column(["  第一段开头", "第一段继续写满", "第一段还在写满"], x, 40, 8)
    glyphs += column(["第一段写到这里", "结束了。", "  第二段从这里", "开始也结束。"],
                     x + 90, 40, 8)
    return glyphs


def _assemble(glyphs, rules=()):
    blocks = blocks_of(glyphs, rules)
    groups = heading_groups(blocks, 10.0, rules)
    heads = {id(b) for g in groups for b in g.blocks}
    body = [b for b in blocks if id(b) not in heads]
    return assign_items(groups, body, rules, 10.0)


def test_paragraph_runs_on_from_one_column_into_the_next():
    [parts] = _assemble(_two_column_article())
    article = build_article(parts, "p1-a1", BODY, 10.0)
    assert article.headline == "标题在这里"
    assert [b.text for b in article.blocks if b.role is Role.PARAGRAPH] == [
        "第一段开头第一段继续写满第一段还在写满第一段写到这里结束了。",
        "第二段从这里开始也结束。",
    ]


def test_side_by_side_articles_keep_their_own_columns():
    rule = Rule(BBox(185, 0, 185, 200), horizontal=False)
    parts = _assemble(_two_column_article(0, "左边的标题") + _two_column_article(200, "右边的标题"),
                      [rule])
    by_head = {build_article(p, "x", BODY, 10.0).headline: p for p in parts}
    assert set(by_head) == {"左边的标题", "右边的标题"}
    for title, x in (("左边的标题", 0), ("右边的标题", 200)):
        assert all(x <= item.bbox.x0 < x + 180 for item in by_head[title].items)


def test_byline_and_dateline():
    glyphs = run("标题在这里", 0, 26, 24.0, "Hei")
    glyphs += run("本报记者 张三", 0, 44, 10.0, "Kai")
    glyphs += column(["  本报讯（记者", "李四）今天天气很", "好，大家都开心。"], 0, 52, 8)
    [parts] = _assemble(glyphs)
    article = build_article(parts, "p1-a1", BODY, 10.0)
    # the names in the dateline are authors too (issue 10): they join the bylines
    assert article.bylines == ("本报记者 张三", "记者 李四")
    assert article.dateline == "本报讯（记者李四）"
    assert [b.text for b in article.blocks] == ["今天天气很好，大家都开心。"]


def test_a_space_left_at_a_line_start_is_no_paragraph_indent():
    """本报讯（记者 张三 / 　通讯员 李四）: the break left the space between the names at
    the start of the next line, 1 em in where paragraphs indent 2 em; the full line above
    stops mid-sentence, so the paragraph and its dateline go on."""
    glyphs = run("标题在这里", 0, 26, 24.0, "Hei")
    lines = ["  本报讯（记者张三", " 通讯员李四）今天天", "气很好，大家都开心地",
             "出门去，走了很远很远", "的路，才回到家里。", "  第二段开头写满了",
             "二段还在写写满了，写", "满了一行又一行，还在", " 写到这里就结束了。",
             "  第三段写满了写，", " 一个字到这里结束。"]
    assert {len(t) for t in lines[:4] + lines[5:]} == {10}  # 10 fill a line
    glyphs += column(lines, 0, 40, 10)
    [parts] = _assemble(glyphs)
    article = build_article(parts, "p1-a1", BODY, 10.0)
    assert article.dateline == "本报讯（记者张三通讯员李四）"
    assert article.bylines == ("记者 张三 通讯员 李四",)
    # a full line that ends a clause (or a sentence) may end its paragraph: the next starts
    assert [b.text for b in article.blocks] == [
        "今天天气很好，大家都开心地出门去，走了很远很远的路，才回到家里。",
        "第二段开头写满了二段还在写写满了，写满了一行又一行，还在写到这里就结束了。",
        "第三段写满了写，", "一个字到这里结束。"]


def test_text_under_a_photo_is_the_photos_article_not_the_one_beside_it():
    """Article B's photo and caption stand under its head; its text starts a little
    further under the caption, level with the columns of article A to its left (set
    right under A's own photo): it is B's, not A's."""
    from layout.analysis.pdf.figures import Figure

    glyphs = run("左边的标题", 0, 26, 24.0, "Hei") + run("右边的大标题", 220, 26, 24.0, "Hei")
    left_caption = run("图为左边的照片。", 0, 122, 9.0, "Kai")
    glyphs += left_caption + column(["  左边第一段写", "左边第一段写满了", "写满了写满了写满",
                                     "写到这里结束了。"], 0, 130, 9)
    glyphs += column(["  左边第二段写", "左边第二段写满了", "写满了写满了写满"], 110, 130, 9)
    right_caption = run("图为会议现场。记者张三摄", 220, 112, 9.0, "Kai")  # white under it
    glyphs += right_caption + column(["  右边正文开", "右边正文写满了写", "结束了。"],
                                     220, 130, 8)
    blocks = blocks_of(glyphs)
    groups = heading_groups(blocks, 10.0)
    heads = {id(b) for g in groups for b in g.blocks}
    captions = sorted((b for b in blocks if b.lines[0].text.startswith("图为")),
                      key=lambda b: b.bbox.x0)
    photos = [Figure(BBox(0, 36, 190, 110), [captions[0]]),
              Figure(BBox(220, 36, 400, 100), [captions[1]])]
    body = [b for b in blocks if id(b) not in heads and b not in captions]
    parts = assign_items(groups, [*body, *photos], (), 10.0)
    articles = {a.headline: a for a in (build_article(p, "x", BODY, 10.0) for p in parts)}
    right = articles["右边的大标题"]
    assert [b.text for b in right.blocks if b.role is Role.PARAGRAPH] == [
        "右边正文开右边正文写满了写结束了。"]
    assert all(b.bbox.x1 <= 200 for b in articles["左边的标题"].blocks)


def test_bare_names_before_the_first_paragraph_are_the_byline():
    """A name alone (surname table) in its own face atop the first column's text, under
    the photo there, below the top of the next column's text: the byline; a short
    title there (新苗成大树) is not."""
    from layout.analysis.pdf.figures import Figure

    for line, byline in (("张春", ("张春",)), ("新苗成大树", ())):
        glyphs = run("标题在这里写", 0, 26, 24.0, "Hei") + run(line, 0, 104, 10.0, "Kai")
        glyphs += column(["  今天天气很好，", "大家都很开心地", "出门去了。"], 0, 112, 8)
        glyphs += column(["走了很远的路，", "才回到家里。"], 100, 40, 8)
        blocks = blocks_of(glyphs)
        groups = heading_groups(blocks, 10.0)
        heads = {id(b) for g in groups for b in g.blocks}
        body = [b for b in blocks if id(b) not in heads]
        [parts] = assign_items(groups, [*body, Figure(BBox(0, 36, 80, 90))], (), 10.0)
        article = build_article(parts, "p1-a1", BODY, 10.0)
        assert article.bylines == byline, line


def test_text_without_any_head_is_kept_in_an_untitled_article():
    parts = _assemble(column(["没有标题的文字行", "还有一行文字。"], 0, 0, 8))
    article = build_article(parts[0], "p1-a1", BODY, 10.0)
    assert article.headline is None
    assert article.blocks[0].text == "没有标题的文字行还有一行文字。"


def test_first_column_left_of_a_centred_headline_joins_it_not_the_article_above():
    """A short byline atop the first column, the next column one pitch to its right and
    under the headline: the column belongs to that headline, not to the article above."""
    glyphs = run("上面文章的标题", 0, 26, 24.0, "Hei")
    glyphs += column(["  上面的正文第", "一段继续写满行", "这里结束了。"], 0, 40, 8)
    glyphs += column(["  上面的第二段", "这里结束了。"], 90, 40, 8)
    glyphs += run("下面的标题", 100, 150, 20.0, "Hei")
    glyphs += run("记者王五", 0, 178, 10.0, "Kai")
    glyphs += column(["  下面正文第一", "段写满这一行", "还在继续写满"], 0, 185, 8)
    glyphs += column(["下面的正文写到", "这里就结束了。"], 90, 170, 8)
    by_head = {build_article(p, "x", BODY, 10.0).headline: p for p in _assemble(glyphs)}
    lower = build_article(by_head["下面的标题"], "x", BODY, 10.0)
    assert "".join(lower.bylines).replace(" ", "") == "记者王五"
    assert [b.text for b in lower.blocks] == [
        "下面正文第一段写满这一行还在继续写满下面的正文写到这里就结束了。"]
    assert all(item.bbox.top < 120 for item in by_head["上面文章的标题"].items)


def test_a_column_without_a_head_continues_the_article_at_the_foot_of_the_column_before():
    """Column 1: article A, then article B's head and text down to the column's foot;
    column 2 has no head and starts level with A's head: its text runs on from B (not A,
    whose head is nearer)."""
    glyphs = run("上面标题", 0, 26, 20.0, "Hei")
    glyphs += column(["  上面的正文第", "一段继续写满行", "这里结束了。"], 0, 40, 8)
    glyphs += run("下面的标题", 0, 110, 20.0, "Hei")
    glyphs += column(["  下面正文第一", "段写满这一行", "还在继续写满", "写到栏的底部"], 0, 120, 8)
    glyphs += column(["接着写下去的正", "文写满了这一行", "还在写满这一行", "还在写满这一行",
                      "还在写满这一行", "还在写满这一行", "还在写满这一行", "到这里结束。"],
                     90, 8, 8)
    by_head = {build_article(p, "x", BODY, 10.0).headline: p for p in _assemble(glyphs)}
    lower = build_article(by_head["下面的标题"], "x", BODY, 10.0)
    assert [b.text for b in lower.blocks] == [
        "下面正文第一段写满这一行还在继续写满写到栏的底部接着写下去的正文写满了这一行"
        + "还在写满这一行" * 5 + "到这里结束。"]
    assert all(item.bbox.x0 < 80 for item in by_head["上面标题"].items)


def test_a_drop_cap_joins_its_paragraph_and_heads_nothing():
    """A letter set three lines tall opens the paragraph; the lines beside it wrap and
    are not indents; it is no headline."""
    from layout.analysis.pdf.blocks import join_drop_caps
    from layout.analysis.pdf.lines import glyphs_to_lines

    glyphs = run("文章的标题", 0, 26, 24.0, "Hei")
    glyphs += run("今", 0, 70, 36.0, "Hei")  # the cap: top 38.3, foot 74.3
    glyphs += column(["年是规划收官", "之年，五年间", "从实现第一个"], 40, 40, 6)
    glyphs += column(["百年奋斗目标到开启", "第二个百年奋斗目标。", "  第二段从这里写",
                      "开始也结束。"], 0, 85, 10)
    lines = glyphs_to_lines(glyphs)
    blocks = join_drop_caps(lines_to_blocks(lines))
    groups = heading_groups(blocks, 10.0)
    assert [heading_text(g.headline) for g in groups] == ["文章的标题"]
    heads = {id(b) for g in groups for b in g.blocks}
    [parts] = assign_items(groups, [b for b in blocks if id(b) not in heads], (), 10.0)
    article = build_article(parts, "p1-a1", BODY, 10.0)
    assert [b.text for b in article.blocks] == [
        "今年是规划收官之年，五年间从实现第一个百年奋斗目标到开启第二个百年奋斗目标。",
        "第二段从这里写开始也结束。"]


def test_a_drop_cap_right_under_a_headline_of_its_size_leaves_the_headline():
    """A cap set about the headline's size right under its last line stacks into the
    headline's block; the body lines beside it, the first level with its top, make it
    the paragraph's first character, not the headline's last."""
    glyphs = run("文章的标题", 0, 30, 30.0, "Hei") + run("第二行标题", 0, 63, 30.0, "Hei")
    glyphs += run("今", 0, 96, 29.0, "Hei")  # the cap: top about 70.5, foot 99.5
    glyphs += column(["年是规划收官", "之年，五年间"], 33, 72, 6)
    glyphs += column(["从实现第一个百年奋斗", "目标到开启第二个百年", "奋斗目标到这里为止。"],
                     0, 104, 10)
    article = _article_of(glyphs)
    assert article.headline == "文章的标题第二行标题"
    assert [b.text for b in article.blocks] == [
        "今年是规划收官之年，五年间从实现第一个百年奋斗目标到开启第二个百年奋斗目标到这里为止。"]


def test_a_subhead_broken_over_three_lines_of_a_narrow_column_is_one_subhead():
    glyphs = run("文章的标题", 0, 26, 24.0, "Hei")
    glyphs += column(["  第一段开头写", "满了这一行文字", "到这里结束。"], 0, 40, 7)
    glyphs += column(["两山白茶贷", "款助力茶产", "业绿色发展"], 0, 90, 5, size=11.0, font="Kai")
    glyphs += column(["  第二段从这里", "开始写也结束。"], 0, 140, 7)
    [parts] = _assemble(glyphs)
    article = build_article(parts, "p1-a1", BODY, 10.0)
    assert [(b.role, b.text) for b in article.blocks] == [
        (Role.PARAGRAPH, "第一段开头写满了这一行文字到这里结束。"),
        (Role.SUBHEAD, "两山白茶贷款助力茶产业绿色发展"),
        (Role.PARAGRAPH, "第二段从这里开始写也结束。")]


def _article_of(glyphs):
    from layout.analysis.pdf.blocks import join_drop_caps
    from layout.analysis.pdf.lines import glyphs_to_lines

    blocks = join_drop_caps(lines_to_blocks(glyphs_to_lines(glyphs)))
    groups = heading_groups(blocks, 10.0)
    heads = {id(b) for g in groups for b in g.blocks}
    [parts] = assign_items(groups, [b for b in blocks if id(b) not in heads], (), 10.0)
    return build_article(parts, "p1-a1", BODY, 10.0)


def _capped_article(under: list[str], under_top: float):
    """An article under a headline whose text opens with the drop cap 今 beside three
    lines, then ``under`` (a 10-character column) from ``under_top`` on."""
    glyphs = run("文章的标题", 0, 26, 24.0, "Hei")
    glyphs += run("今", 0, 70, 36.0, "Hei")
    glyphs += column(["年是规划收官", "之年，五年间", "从实现第一个"], 40, 40, 6)
    glyphs += column(under, 0, under_top, 10)
    return _article_of(glyphs)


def test_text_opening_with_a_drop_cap_marks_paragraphs_by_indent_further_on():
    """The cap's lines open flush; the next paragraph opens indented, so a short line
    that ends no sentence (the next word did not fit) does not end a paragraph."""
    article = _capped_article(["百年奋斗目标到开启第", "二个百年", "奋斗目标到这里为止了",
                               "还有一行写满了字的。", "  第二段从这里写起来", "开始也结束。"], 85)
    assert [b.text for b in article.blocks] == [
        "今年是规划收官之年，五年间从实现第一个百年奋斗目标到开启第二个百年奋斗目标到这里为止了"
        "还有一行写满了字的。", "第二段从这里写起来开始也结束。"]


def test_text_going_on_a_little_lower_under_a_drop_caps_lines_is_its_paragraph():
    """The lines under a drop cap's lines set a few points lower than the line pitch (the
    cap's foot takes room) go on with its paragraph: text that opens with a cap has not
    shown yet how it marks paragraphs, so extra leading there ends none."""
    article = _capped_article(["百年奋斗目标到开启第", "二个百年奋斗目标到这",
                               "里为止了还有一行写满", "了字的。", "  第二段从这里写起来",
                               "开始也结束。"], 88)
    assert [b.text for b in article.blocks] == [
        "今年是规划收官之年，五年间从实现第一个百年奋斗目标到开启第二个百年奋斗目标到这"
        "里为止了还有一行写满了字的。", "第二段从这里写起来开始也结束。"]


def test_a_short_indented_first_line_does_not_make_the_indent_the_column_edge():
    """As many lines open indented as flush: the column's edge is the flush one, so the
    first line (short: the next characters could not start a line) is indented and the
    paragraph runs on."""
    glyphs = run("文章的标题", 0, 26, 24.0, "Hei")
    glyphs += column(["  “十四五”规", "划收官之际，两张网的", "关注：", "  一张是国家综合。"],
                     0, 40, 10)
    article = _article_of(glyphs)
    assert [b.text for b in article.blocks] == ["“十四五”规划收官之际，两张网的关注：",
                                                "一张是国家综合。"]


def test_a_block_of_two_indented_lines_and_one_flush_is_indent_marked():
    """Two of three lines open indented: the flush one is the column's edge, so the
    short first line (the next word did not fit) is an indented opening, and the
    paragraph runs on to the next indent."""
    glyphs = run("文章的标题", 0, 26, 24.0, "Hei")
    glyphs += column(["  二〇二五年", "听取吉林省委和省政府", "  工作汇报一句话。"], 0, 40, 10)
    article = _article_of(glyphs)
    assert [b.text for b in article.blocks] == ["二〇二五年听取吉林省委和省政府",
                                                "工作汇报一句话。"]


def test_one_line_paragraphs_in_a_block_of_their_own_are_indented_against_the_column():
    """Two one-line paragraphs, both indented, stack into a block of their own over the
    column's next block: the column's edge is that block's, so each line is a paragraph."""
    glyphs = run("文章的标题", 0, 26, 24.0, "Hei")
    glyphs += column(["  一行就是一段没写满", "  又是一行。"], 0, 40, 12)
    glyphs += column(["  第三段从这里写起来了", "接着写满整整的一行字。", "到这里结束。"],
                     0, 70, 12)
    article = _article_of(glyphs)
    assert [b.text for b in article.blocks] == [
        "一行就是一段没写满", "又是一行。",
        "第三段从这里写起来了接着写满整整的一行字。到这里结束。"]
def test_a_short_last_column_continues_the_article_at_the_foot_when_allowed():
    """As above, but column 2 ends well above column 1's foot (an article's last tier of
    vertical text, turned): with ``short_last`` it still runs on from B; without, the level check
    of horizontal columns holds and it does not."""
    glyphs = run("上面标题", 0, 26, 20.0, "Hei")
    glyphs += column(["  上面的正文第", "一段继续写满行", "这里结束了。"], 0, 40, 8)
    glyphs += run("下面的标题", 0, 110, 20.0, "Hei")
    glyphs += column(["  下面正文第一", "段写满这一行", "还在继续写满", "写到栏的底部"], 0, 120, 8)
    glyphs += column(["接着写下去的正", "文写满了这一行", *["还在写满这一行"] * 6, "到这里结束。"],
                     90, 8, 8)  # ends 2.5 lines above column 1's foot
    blocks = blocks_of(glyphs)
    groups = heading_groups(blocks, 10.0, ())
    heads = {id(b) for g in groups for b in g.blocks}
    body = [b for b in blocks if id(b) not in heads]

    def lower_text(short_last: bool) -> str:
        parts = assign_items(groups, body, (), 10.0, short_last=short_last)
        by_head = {build_article(p, "x", BODY, 10.0).headline: p for p in parts}
        lower = build_article(by_head["下面的标题"], "x", BODY, 10.0)
        return "".join(b.text or "" for b in lower.blocks)

    assert lower_text(True) == ("下面正文第一段写满这一行还在继续写满写到栏的底部"
                                "接着写下去的正文写满了这一行" + "还在写满这一行" * 6
                                + "到这里结束。")


def test_names_set_under_a_byline_that_names_no_one_are_its_names():
    """新华社记者 on one line, the names in a smaller size on the next: one byline."""
    glyphs = run("标题在这里", 0, 26, 24.0, "Hei")
    glyphs += run("新华社记者", 0, 44, 10.0, "Hei") + run("史杰　诸葛洋刚", 0, 54, 7.5, "Hei")
    glyphs += column(["  今天天气很好，", "大家都很开心地", "出门去了。"], 0, 62, 8)
    [parts] = _assemble(glyphs)
    article = build_article(parts, "p1-a1", BODY, 10.0)
    assert article.bylines == ("新华社记者 史杰 诸葛洋刚",)
    assert [b.role for b in article.blocks] == [Role.PARAGRAPH]


def test_a_dateline_in_a_face_of_its_own_opens_the_first_paragraph():
    """本报讯（记者 …） set in a bold face over two lines, then the text in the body face:
    the dateline of the first paragraph (its names are bylines), not a subhead."""
    glyphs = run("标题在这里", 0, 26, 24.0, "Hei")
    glyphs += column(["本报讯（记者令狐", "霞轩）"], 0, 40, 8, font="Hei")
    glyphs += column(["今天天气很好，大", "家都很开心地出门", "去了。"], 0, 70, 8)
    [parts] = _assemble(glyphs)
    article = build_article(parts, "p1-a1", BODY, 10.0)
    assert article.dateline == "本报讯（记者令狐霞轩）"
    assert article.bylines == ("记者 令狐霞轩",)
    assert [b.text for b in article.blocks] == ["今天天气很好，大家都很开心地出门去了。"]


def test_bare_names_atop_the_text_in_its_own_face_are_the_byline():
    """Two names a thin space apart, set in the body face right above the first line,
    stopping short of the column: the byline, its names apart."""
    glyphs = run("标题在这里", 0, 26, 24.0, "Hei")
    glyphs += run("崔丽国", 0, 48) + run("诸葛怡鹏", 33, 48)
    glyphs += column(["今天天气很好，大家都", "很开心地出门去了。"], 0, 50, 8)
    [parts] = _assemble(glyphs)
    article = build_article(parts, "p1-a1", BODY, 10.0)
    assert article.bylines == ("崔丽国 诸葛怡鹏",)
    assert [b.text for b in article.blocks] == ["今天天气很好，大家都很开心地出门去了。"]


def test_a_paragraph_end_atop_the_next_column_beside_the_byline_reads_after_its_start():
    """Under a photo across two columns: the byline heads column 1, the last line of a
    paragraph from column 1 heads column 2 level with it; a line's leading below, both
    columns go on. The end is read after column 1, not before it."""
    from layout.analysis.pdf.figures import Figure

    glyphs = run("标题在这里写", 0, 26, 24.0, "Hei")
    glyphs += run("本报记者 张三", 0, 110, 9.0, "Kai")
    glyphs += column(["  第一段开头写满", "第一段继续写满了", "第一段还没写完"], 0, 113.5, 8)
    glyphs += column(["了。", "  第二段从这里写", "第二段继续写满", "开始也结束了。"],
                     100, 101.5, 8)
    blocks = blocks_of(glyphs)
    groups = heading_groups(blocks, 10.0)
    heads = {id(b) for g in groups for b in g.blocks}
    body = [b for b in blocks if id(b) not in heads]
    [parts] = assign_items(groups, [*body, Figure(BBox(0, 36, 180, 88))], (), 10.0)
    article = build_article(parts, "p1-a1", BODY, 10.0)
    assert [b.text for b in article.blocks if b.role is Role.PARAGRAPH] == [
        "第一段开头写满第一段继续写满了第一段还没写完了。",
        "第二段从这里写第二段继续写满开始也结束了。"]


def test_a_head_beside_the_text_whose_edge_reaches_over_it_does_not_own_it():
    """The right article's tall head starts a few points left of the left article's
    second column (a hung quote) and reaches below that column's top: the column stays
    with the head right above it."""
    glyphs = run("左边的标题写在这里", 0, 26, 20.0, "Hei")
    glyphs += column(["  左边第一栏的文字", "写满了这一栏的字。"], 0, 40, 9)
    glyphs += column(["  左边第二栏的文字", "也写满了这栏的字。"], 110, 40, 9)
    glyphs += run("“右边的大标题", 196, 30, 24.0, "Hei") + run("第二行标题", 220, 58, 24.0, "Hei")
    glyphs += column(["  右边的正文文字", "写在标题下面的。"], 220, 70, 9)
    parts = _assemble(glyphs)
    by_head = {build_article(p, "x", BODY, 10.0).headline: p for p in parts}
    left = next(p for h, p in by_head.items() if h and h.startswith("左边"))
    assert {round(i.bbox.x0) for i in left.items} == {0, 110}


def test_a_paragraphs_last_word_atop_the_next_column_is_no_byline():
    """指导 (the end of a paragraph from column 1) heads column 2 level with the first
    line of column 1: text, not a byline."""
    glyphs = run("标题在这里", 0, 26, 24.0, "Hei")
    glyphs += column(["  今天天气很好，", "大家都很开心地", "出门去缺乏实习"], 0, 40, 8)
    glyphs += column(["指导", "  第二段从这里写", "开始也结束了。"], 100, 40, 8)
    [parts] = _assemble(glyphs)
    article = build_article(parts, "p1-a1", BODY, 10.0)
    assert article.bylines == ()
    assert article.blocks[0].text == "今天天气很好，大家都很开心地出门去缺乏实习指导"


def test_a_line_between_two_articles_goes_with_the_nearer_text():
    """A byline 1.3 lines under one article's text and half a line over the next one's,
    whose head stands under the byline (a vertical article's byline, right of its first
    line, turned frame: the head's stand-in is at that first line): the byline is the
    nearer text's, not the one above it found first."""
    upper = heading_groups(blocks_of(run("上面标题", 0, 26, 20.0, "Hei")), 10.0, ())
    upper_text = blocks_of(column(["  上面的正文写", "满这一行还在写", "满这一行也写满",
                                   "到这里结束。"], 0, 40, 8))
    byline = blocks_of(run("本报记者张三", 0, 114 + 8.8, 10.0, "Hei"))
    lower_text = blocks_of(column(["  下面的正文写", "满这一行还在写", "到这里结束。"],
                                  0, 131, 8))
    ghost = Glyph("", 0.0, 125.0, 80.0, 126.0, 20.0, "Hei")  # a head's stand-in
    lower = HeadingGroup([TextBlock([TextLine((ghost,))])], [], [])
    parts = assign_items([*upper, lower], [*upper_text, *byline, *lower_text], (), 10.0)
    owner = {id(i): k for k, p in enumerate(parts) for i in p.items}
    assert [owner[id(b)] for b in byline] == [1]
    assert {owner[id(b)] for b in upper_text} == {0}
    assert {owner[id(b)] for b in lower_text} == {1}



def test_a_dateline_led_short_first_paragraph_in_the_datelines_face_is_no_subhead():
    """本报上海11月21日电（记者 / 顾成军）（一）: most of it in the dateline's own face,
    yet it is the first paragraph (its dateline split off, its names bylines)."""
    glyphs = run("标题在这里", 0, 26, 24.0, "Hei")
    glyphs += run("本报上海11月21日电（记者", 20, 48, 10.0, "Hei")
    glyphs += run("顾成军）", 0, 63, 10.0, "Hei") + run("（一）", 40, 63)
    glyphs += column(["  今天天气很好，大家都很开心", "地出门去了，走得很远很远很", "远很远。"],
                     0, 82, 14)
    [parts] = _assemble(glyphs)
    article = build_article(parts, "p1-a1", BODY, 10.0)
    assert article.dateline == "本报上海11月21日电（记者顾成军）"
    assert article.bylines == ("记者 顾成军",)
    assert [b.role for b in article.blocks] == [Role.PARAGRAPH, Role.PARAGRAPH]


def test_letter_spaced_author_names_keep_their_names_apart_in_the_byline():
    """罗兴武 孙 萌 刘 洋, every piece its own block: the byline reads 罗兴武 孙萌 刘洋."""
    glyphs = run("数字拟人品的成长机制", 0, 40, 32.0, "Hei")
    glyphs += run("罗兴武", 60, 70, 16.0, "Fang")
    for name, x in (("孙", 126), ("萌", 159), ("刘", 192), ("洋", 225)):
        glyphs += run(name, x, 70, 16.0, "Fang")
    glyphs += column(["正文文字正文文字正文文字正文文字"] * 5, 0, 90, 16)
    [parts] = _assemble(glyphs)
    article = build_article(parts, "p1-a1", BODY, 10.0)
    assert article.bylines == ("罗兴武 孙萌 刘洋",)


def test_a_dateline_broken_inside_its_names_over_two_blocks_opens_the_text():
    """本报讯（记者梁鸣通讯员 / 范平雨）（一）: the dateline's line stops inside the
    parentheses (the next one set in by the space the break left); the two pieces are
    the first paragraph, not two subheads."""
    glyphs = run("标题在这里", 0, 26, 24.0, "Hei")
    glyphs += run("本报讯（记者梁鸣通讯员", 20, 48, 10.0, "Hei")  # to the column's edge
    glyphs += run("范平雨）", 10, 63, 10.0, "Hei") + run("（一）", 50, 63)
    glyphs += column(["  今天天气很好，大家都很", "开心地出门去了，走得很远", "很远很远。"],
                     0, 82, 13)
    [parts] = _assemble(glyphs)
    article = build_article(parts, "p1-a1", BODY, 10.0)
    assert article.bylines == ("记者 梁鸣 通讯员 范平雨",)
    assert Role.SUBHEAD not in [b.role for b in article.blocks]


def test_a_dateline_broken_over_three_lines_keeps_its_names_in_the_text():
    """本报讯（记者 / 郑秀东 通讯员 / 欧阳子东）…: the middle line reads as a byline on its
    own, but it is inside the dateline's parentheses."""
    glyphs = run("标题在这里", 0, 26, 24.0, "Hei")
    glyphs += run("本报讯（记者", 20, 48, 10.0, "Hei")  # 2 em in, to the column's edge
    glyphs += run("郑秀东通讯员", 10, 63, 10.0, "Hei")  # 1 em in: the space after 记者
    glyphs += run("欧阳子东）", 0, 78, 10.0, "Hei") + run("十月十", 50, 78)
    glyphs += column(["五日书展在法兰克", "福举行。来自一百多"], 0, 85, 8)
    glyphs += column(["个国家和地区的出版"] * 5, 100, 40, 9)  # the next column, level
    [parts] = _assemble(glyphs)
    article = build_article(parts, "p1-a1", BODY, 10.0)
    assert article.dateline == "本报讯（记者郑秀东通讯员欧阳子东）"
    assert article.bylines == ("记者 郑秀东 通讯员 欧阳子东",)


def _tiers_of_two_articles(opening: str):
    """Vertical text, turned: a tier (column 1) holds article A (head, text), then B (head,
    text filling the column to its foot); the next tier (column 2) holds A's text run on,
    then, over two lines of space further down (the gutter between two articles side by
    side on the page), B's text run on, opening with ``opening``."""
    glyphs = run("上面标题", 0, 26, 20.0, "Hei")
    glyphs += column(["  上面的正文第", "一段继续写满了行", "这里还写满了的行"], 0, 40, 8)
    glyphs += run("下面标题", 0, 150, 20.0, "Hei")
    glyphs += column(["  下面正文第一", "段写满了这一行字", "还在继续写满的行", "写到了栏的底部了"],
                     0, 160, 8)
    glyphs += column(["接着写下去的正文", "写满了这一行的字", "还在继续写满的行", "到这里结束了。"],
                     100, 40, 8)
    glyphs += column([opening, "还在写满这一行的", "到这里结束。"], 100, 130, 8)
    blocks = blocks_of(glyphs)
    groups = heading_groups(blocks, 10.0, ())
    heads = {id(b) for g in groups for b in g.blocks}
    return groups, [b for b in blocks if id(b) not in heads]


@pytest.mark.parametrize("opening", ["  又一段写满了", "再接着写下去的正"])
def test_in_the_turned_frame_text_a_gutter_under_an_article_is_the_next_ones(opening):
    """Turned, the text 2.3 lines under A's in column 2 is B's, run on from the tier
    before (a new paragraph, or one running on); on a horizontal page a block so far under
    the text of its column still goes with it (a subhead set off by space)."""
    groups, body = _tiers_of_two_articles(opening)

    def owner(turned: bool) -> str | None:
        parts = assign_items(groups, body, (), 10.0, short_last=turned, turned=turned)
        for p in parts:
            if any(opening.strip() in (i.text or "") for i in p.items):
                return heading_text(p.head.headline) if p.head else None
        raise AssertionError("block not found")

    assert owner(True) == "下面标题"
    assert owner(False) == "上面标题"


def test_a_names_line_atop_a_column_under_a_centred_head_is_that_articles():
    """Two articles side by side, their text starting level: the right one's head is
    centred over its columns, so the bare-name byline atop its first column lies under no
    head, level with the left article's second column a gutter away; it goes with the
    column right under it."""
    glyphs = run("左边文章的标题", 0, 26, 24.0, "Hei")
    glyphs += column(["  左边正文第一", "段写满这一行", "还在继续写满"], 0, 40, 8)
    glyphs += column(["左边的正文写到", "这里还在写满", "这里结束了。"], 90, 40, 8)
    glyphs += run("右边标题", 250, 26, 24.0, "Hei")
    glyphs += run("张三丰", 190, 48, 10.0, "Kai")
    glyphs += column(["  右边正文第一", "段写满这一行", "还在继续写满"], 190, 54, 8)
    glyphs += column(["右边的正文写到", "这里就结束了。"], 280, 54, 8)
    rule = Rule(BBox(178, 0, 178, 30), horizontal=False)  # between the heads only
    by_head = {build_article(p, "x", BODY, 10.0).headline: build_article(p, "x", BODY, 10.0)
               for p in _assemble(glyphs, [rule])}
    assert "".join(by_head["右边标题"].bylines).replace(" ", "") == "张三丰"
    assert not by_head["左边文章的标题"].bylines
    assert "张三丰" not in "".join(b.text or "" for b in by_head["左边文章的标题"].blocks)


def test_a_column_going_on_under_a_drop_cap_is_its_articles_not_the_one_level_beside_it():
    """The lines beside a drop cap are a block of their own; the column goes on under
    the cap, its top by chance level with the top of the next article's column across a
    gutter. It goes on a run of its column, it starts none: it is the cap's article's."""
    from layout.analysis.pdf.blocks import join_drop_caps
    from layout.analysis.pdf.lines import glyphs_to_lines

    glyphs = run("左边标题", 0, 60, 20.0, "Hei")
    glyphs += column(["  左边的正文第", "一段继续写满行", "还在继续写满行", "这里结束了。"],
                     0, 85, 7)
    glyphs += run("右边的标题", 90, 26, 24.0, "Hei")
    glyphs += run("杨", 90, 70, 36.0, "Hei")  # the cap: top 38.3, foot 74.3
    glyphs += column(["树遍布新疆大", "地，包括帕米", "尔高原东麓的"], 130, 40, 6)
    glyphs += column(["阿克陶。九月的杨", "树成排成片。", "  第二段从这里写", "开始也结束。"],
                     90, 85, 8)
    blocks = join_drop_caps(lines_to_blocks(glyphs_to_lines(glyphs)))
    groups = heading_groups(blocks, 10.0)
    heads = {id(b) for g in groups for b in g.blocks}
    parts = assign_items(groups, [b for b in blocks if id(b) not in heads], (), 10.0)
    by_head = {build_article(p, "x", BODY, 10.0).headline: p for p in parts}
    right = build_article(by_head["右边的标题"], "x", BODY, 10.0)
    assert [b.text for b in right.blocks] == [
        "杨树遍布新疆大地，包括帕米尔高原东麓的阿克陶。九月的杨树成排成片。",
        "第二段从这里写开始也结束。"]
    assert all(item.bbox.x1 < 85 for item in by_head["左边标题"].items)


def test_a_drop_cap_standing_on_the_second_line_over_the_first_joins_its_paragraph():
    """A cap of two characters set to the baseline of the second line (its em box stands
    8 pt, more than half a body size, over the first line): it opens the paragraph, it
    is no headline."""
    from layout.analysis.pdf.blocks import join_drop_caps
    from layout.analysis.pdf.lines import glyphs_to_lines

    glyphs = run("文章的标题", 0, 20, 24.0, "Hei")
    glyphs += run("“十", 0, 61.04, 33.0, "Kai")  # the cap: top 32, foot 65
    glyphs += column(["四五”以来，中国", "人民保险集团股"], 68, 40, 8)  # feet 50, 65
    glyphs += column(["份有限公司稳固了自身经营", "实力。", "  第二段从这里写", "开始也结束。"],
                     0, 70, 12)
    blocks = join_drop_caps(lines_to_blocks(glyphs_to_lines(glyphs)))
    groups = heading_groups(blocks, 10.0)
    assert [heading_text(g.headline) for g in groups] == ["文章的标题"]
    heads = {id(b) for g in groups for b in g.blocks}
    [parts] = assign_items(groups, [b for b in blocks if id(b) not in heads], (), 10.0)
    article = build_article(parts, "p1-a1", BODY, 10.0)
    assert [b.text for b in article.blocks] == [
        "“十四五”以来，中国人民保险集团股份有限公司稳固了自身经营实力。",
        "第二段从这里写开始也结束。"]
