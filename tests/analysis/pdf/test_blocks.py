"""Blocks: lines of one column and style stack; rules and other columns keep them apart."""

from dataclasses import replace

from layout.ingest.raw import Rule
from layout.model import BBox
from tests.analysis.pdf.glyph_builders import blocks_of, column, run


def test_a_column_with_indents_and_a_short_last_line_is_one_block():
    glyphs = column(["  第一段开头的一", "行文字排满整行了", "结尾。", "  第二段开头的一",
                     "行文字排满整行了"], 0, 0, 8)
    blocks = blocks_of(glyphs)
    assert len(blocks) == 1 and len(blocks[0].lines) == 5


def test_two_columns_make_two_blocks():
    left = column(["左栏文字左栏文字"] * 4, 0, 0, 8)
    right = column(["右栏文字右栏文字"] * 4, 90, 0, 8)
    blocks = blocks_of(left + right)
    assert sorted(round(b.bbox.x0) for b in blocks) == [0, 90]


def test_horizontal_rule_cuts_a_column():
    glyphs = column(["上面文章的文字行", "上面文章的文字行", "下面文章的文字行",
                     "下面文章的文字行"], 0, 0, 8)
    rule = Rule(BBox(0, 29, 80, 29), horizontal=True)  # between the 2nd and 3rd line
    assert len(blocks_of(glyphs)) == 1
    assert [len(b.lines) for b in blocks_of(glyphs, [rule])] == [2, 2]


def test_other_type_size_starts_a_block():
    glyphs = run("大标题", 0, 30, 28.0) + column(["正文文字正文文字"] * 3, 0, 40, 8)
    sizes = sorted(b.size for b in blocks_of(glyphs))
    assert sizes == [10.0, 28.0]


def test_dateline_in_another_face_runs_on_into_the_body():
    first = run("本报北京电记者张", 0, 8.8, font="Kai")  # a full line in the dateline face
    rest = column(["三正文接着排下去", "正文接着排下去。"], 0, 15, 8)
    blocks = blocks_of(first + rest)
    assert len(blocks) == 1 and blocks[0].text.startswith("本报北京电")


def test_short_last_line_under_an_indented_first_line_joins_it():
    """A two-line paragraph: indented first line, a last line of two characters at the
    column's left edge (it barely overlaps the first line horizontally)."""
    glyphs = column(["  收稿时间这一行写满了", "三。"], 0, 0, 12, size=8.0)
    glyphs += column(["  下一段文字这一行写满", "到这里。"], 0, 30, 12, size=8.0)
    glyphs += column(["正文正文正文正文正文正文"] * 6, 0, 60, 12)
    blocks = [b for b in blocks_of(glyphs) if b.size == 8.0]
    assert [b.text for b in blocks] == ["收稿时间这一行写满了三。", "下一段文字这一行写满到这里。"]


def test_a_photo_credit_closes_its_caption_block():
    """Caption, then its credit flush right, then body text right below in a face of
    about the same size: the credit ends the caption's block."""
    glyphs = run("图为村民在田间收割小麦场面热闹啊", 0, 20, 9.5, "Kai")
    glyphs += run("记者张三摄", 102.5, 32, 9.5, "Kai")  # flush right under it
    glyphs += column(["正文文字正文文字正文文字正文文"] * 4, 0, 36, 15, size=10.0)
    texts = [b.text for b in blocks_of(glyphs)]
    assert "正文文字正文文字正文文字正文文" * 4 in texts, texts
    assert not [t for t in texts if "摄" in t and "正文" in t], texts


def test_a_ragged_line_a_little_longer_than_the_ones_above_stays_in_the_block():
    """CJK set without justification: lines stop where the next ideograph does not fit;
    a line with a Latin letter in it reaches 0.7 em further and still belongs, while a
    line a whole character longer (a table's longer label) starts its own block."""
    glyphs = column(["  不齐的一行文", "不齐的一行文字排", "不齐的一行文字排"], 0, 0, 8)
    glyphs += run("信用", 0, 53.8) + run("e", 20, 53.8, font="Latin", advance=7.0)
    glyphs += run("贷数字普惠金", 27, 53.8)  # ends at 87: 0.7 em past the lines above
    blocks = blocks_of(glyphs)
    assert [len(b.lines) for b in blocks] == [4]
    longer = column(["短的标签", "短的标签名", "长一个字的标签名"], 0, 100, 8)
    assert sorted(len(b.lines) for b in blocks_of(longer)) == [1, 2]


def test_bare_names_at_a_column_head_are_not_a_paragraphs_last_line():
    """崔丽国　诸葛怡鹏 (names an em apart) atop a column, then an indented paragraph:
    the names stay a block of their own (a short last line of a paragraph would join)."""
    glyphs = run("崔丽国", 0, 8.8) + run("诸葛怡鹏", 40, 8.8)
    glyphs += column(["  第二段从这里写", "开始也结束了的。"], 0, 15, 8)
    assert [b.text for b in blocks_of(glyphs)] == ["崔丽国诸葛怡鹏",
                                                   "第二段从这里写开始也结束了的。"]
    tail = run("结束了。", 0, 8.8) + column(["  第二段从这里写", "开始也结束了的。"], 0, 15, 8)
    assert len(blocks_of(tail)) == 1


def test_a_centred_subhead_does_not_take_the_indented_line_under_it():
    """A subhead 7 % larger than the body, centred, then a paragraph's first line
    indented 2 em: two blocks (the indented-first-line rule is for body lines only)."""
    glyphs = column(["正文文字正文文字写满了"] * 3, 0, 0, 11)
    glyphs += run("标准就一条", 40, 66, 10.7)
    glyphs += run("新房装修，所有家电都", 20, 80)
    texts = [b.text for b in blocks_of(glyphs)]
    assert "标准就一条" in texts and "新房装修，所有家电都" in texts


def test_a_smaller_caption_under_the_text_in_another_face_is_no_run_on():
    """Caption lines (8.8 pt, another face, set off by more than the leading) under a
    9.5 pt column that ends full: a block of their own."""
    glyphs = column(["正文文字正文文字写满了"] * 3, 0, 0, 11, size=9.5)
    glyphs += run("有的律师会让实习生提前走", 0, 54, 8.8, "Kai", advance=104.5 / 12)
    glyphs += run("多学生为了今后能够留用会", 0, 67, 8.8, "Kai", advance=104.5 / 12)
    blocks = blocks_of(glyphs)
    assert len(blocks) == 2
    assert blocks[1].text.startswith("有的律师")


def test_a_byline_atop_a_column_takes_no_text_under_it():
    """新华社记者 高娟辉、万英超 set in the body's face atop a column, the text indented
    under it: the byline stays a block of its own."""
    glyphs = run("新华社记者高娟辉、万英超", 0, 20, 9.6)
    text = ["  第十一批国家组织", "集中采购将于近期开标", "不久国家医保局明确"]
    glyphs += column(text, 5, 26, 10, size=9.1)
    blocks = blocks_of(glyphs)
    assert [b.lines[0].text for b in blocks][:1] == ["新华社记者高娟辉、万英超"]
    assert len(blocks[0].lines) == 1


def test_a_kicker_filling_its_measure_takes_no_headline_line_in_another_face():
    """A kicker in Kai filling the width, the headline's first line in Song under it at
    nearly its size: in heading type another face is another part, not a run-on."""
    glyphs = run("要统筹山水林田湖草沙系统", 0, 20, 14.5, "Kai")
    glyphs += run("“扎实推进山水林田湖草沙", 0, 40, 14.6, "Song-Bold")
    glyphs += column(["正文文字正文文字正文文字"] * 6, 0, 60, 12)
    texts = [b.text for b in blocks_of(glyphs)]
    assert "要统筹山水林田湖草沙系统" in texts


def test_a_sentences_last_figure_wrapped_onto_a_line_of_its_own_stays_in_its_block():
    """…年均增长 / 9.6% in a Latin face: the figure did not fit on the line above; it is
    the paragraph's end, not a part of its own. A Latin line that would have fitted there
    is not taken."""
    glyphs = column(["  二〇二〇年至二〇二四年", "居民服务性消费支出年均增长"], 0, 20, 13)
    glyphs += run("9.6%", 0, 58.8, 10.0, "Latin", advance=6.0)
    blocks = blocks_of(glyphs)
    assert len(blocks) == 1 and blocks[0].text.endswith("年均增长9.6%")
    short = column(["  二〇二〇年至二〇二四年", "居民服务性消费"], 0, 20, 13)
    short += run("9.6%", 0, 58.8, 10.0, "Latin", advance=6.0)
    assert len(blocks_of(short)) == 2


def test_a_subtitle_a_shade_off_the_headline_size_is_its_own_block():
    body = column(["正文文字正文文字正文文字"] * 12, 0, 120, 12)
    head = run("要学对不对也学美不美中国道路", 0, 30, 20.0, font="Head")
    head += run("中国梦青春为中国式现代化担当", 0, 55, 20.0, font="Head")
    dash = run("——更是内心的触动", 30, 80, 21.0, font="Head")  # 5% larger, opens with ——
    short = run("更是内心的触动", 30, 80, 21.0, font="Head")  # 5% larger, half as long
    equal = run("更是内心的触动", 0, 80, 20.0, font="Head")  # a headline's short last line
    fitted = run("中国梦青春为中国式现代化挺膺", 0, 80, 21.0, font="Head")  # fitted, as long

    def heads(extra):
        return [len(b.lines) for b in blocks_of(body + head + extra) if b.size >= 19]

    assert heads(dash) == [2, 1] and heads(short) == [2, 1]
    assert heads(equal) == [3] and heads(fitted) == [3]


def test_a_black_subtitle_under_a_red_headline_shrunk_to_fit_is_its_own_block():
    # a long headline in red narrowed to its measure (16 pt), then its subtitle in black
    # a shade larger (16.4 pt, under the 3% that parts heading lines by size)
    red, black = (0.62, 0.05, 0.05), (0.0, 0.0, 0.0)
    body = column(["正文文字正文文字正文文字"] * 12, 0, 120, 10)

    def inked(glyphs, color):
        return [replace(g, color=color) for g in glyphs]

    head = inked(run("要学对不对也学美不美", 0, 30, 16.0, font="Kai"), red)
    head += inked(run("中国道路中国梦青春", 0, 50, 16.0, font="Kai"), red)
    subtitle = inked(run("在我的课堂里", 0, 71, 16.43, font="Kai"), black)
    assert [len(b.lines) for b in blocks_of(body + head + subtitle) if b.size >= 15] == [2, 1]
    # in one colour, the same lines are one head (sizes a shade apart)
    same = inked(run("在我的课堂里", 0, 71, 16.43, font="Kai"), red)
    assert [len(b.lines) for b in blocks_of(body + head + same) if b.size >= 15] == [3]
