"""Lines: rows by baseline, cut at gutters and rules, CJK without spaces, Latin with."""

from layout.analysis.pdf.gutters import find_gutters
from layout.analysis.pdf.lines import glyphs_to_lines
from layout.analysis.pdf.text_line import compound_ends, join_line_texts
from layout.ingest.raw import Glyph, Rule
from layout.model import BBox
from tests.analysis.pdf.glyph_builders import run


def _texts(lines):
    return sorted((round(ln.x0), ln.text) for ln in lines)


def test_columns_a_gutter_apart_make_separate_lines():
    glyphs = []
    for k in range(6):
        y = 20 + 15 * k
        glyphs += run("左栏文字左栏文字", 0, y)  # 80 pt wide
        glyphs += run("右栏文字右栏文字", 86, y)  # gutter 0.6 em
    lines = glyphs_to_lines(glyphs)
    assert len(lines) == 12
    assert {ln.text for ln in lines} == {"左栏文字左栏文字", "右栏文字右栏文字"}
    assert find_gutters(lines) == [(80.0, 86.0)]


def test_loosely_justified_line_stays_whole_between_gutters():
    glyphs = []
    for k in range(6):
        glyphs += run("左栏文字左栏文字", 0, 20 + 15 * k)
        glyphs += run("右栏文字右栏文字", 86, 20 + 15 * k)
    glyphs += run("稀疏的一行", 0, 110, extra=7.5)  # 0.75 em between glyphs, 77.5 pt wide
    texts = {ln.text for ln in glyphs_to_lines(glyphs)}
    assert "稀疏的一行" in texts


def test_vertical_rule_cuts_a_row():
    glyphs = run("甲乙", 0, 20) + run("丙丁", 22, 20)
    rule = Rule(BBox(21, 0, 21, 40), horizontal=False)
    assert _texts(glyphs_to_lines(glyphs, [rule])) == [(0, "甲乙"), (22, "丙丁")]
    assert _texts(glyphs_to_lines(glyphs)) == [(0, "甲乙丙丁")]


def test_mixed_fonts_share_a_line_by_baseline():
    glyphs = run("2035", 0, 20, 9.0, "Latin", advance=5.0) + run("年远景", 20, 20, 10.0)
    assert [ln.text for ln in glyphs_to_lines(glyphs)] == ["2035年远景"]


def test_latin_words_get_spaces_cjk_never():
    glyphs = run("New", 0, 20, advance=5.0) + run("York", 18, 20, advance=5.0)
    glyphs += run("纽约", 40, 20)
    assert glyphs_to_lines(glyphs)[0].text == "New York纽约"


def test_join_line_texts_dehyphenates_latin_only():
    assert join_line_texts(["a strong grow-", "ing market"]) == "a strong growing market"
    assert join_line_texts(["新华社", "北京电"]) == "新华社北京电"
    assert join_line_texts(["New", "York"]) == "New York"


def test_digits_in_another_face_after_squeezed_punctuation_stay_in_their_line():
    """（金、乔，2022；…）: the comma's em box overlaps the digits set right after it (the
    comma advances half an em); that is not one text drawn across another."""
    glyphs = run("乔，", 0, 20, 10.0, "Song")
    glyphs[-1] = Glyph("，", 10, glyphs[-1].top, 20, glyphs[-1].bottom, 10.0, "Song",
                       baseline=20)
    digits = run("2022", 15, 20, 10.0, "Times", advance=5.0)
    glyphs += digits + run("；侯文军", 35, 20, 10.0, "Song")
    lines = glyphs_to_lines(glyphs)
    assert [ln.text for ln in lines] == ["乔，2022；侯文军"]


def test_curly_quotes_take_the_script_of_the_text_they_touch():
    said = run("said,", 0, 20, 10.0, advance=5.0) + run("”all", 28, 20, 10.0, advance=5.0)
    assert [ln.text for ln in glyphs_to_lines(said)] == ["said, ”all"]
    cjk = run("他说", 0, 20, 10.0) + run("“你好”", 23, 20, 10.0)
    assert [ln.text for ln in glyphs_to_lines(cjk)] == ["他说“你好”"]


def test_join_line_texts_spaces_words_that_are_not_ascii():
    assert join_line_texts(["some would say scrawny,", "\ufb01gure belies"]) == (
        "some would say scrawny, \ufb01gure belies")
    assert join_line_texts(["L’altolà", "di Mattarella"]) == "L’altolà di Mattarella"
    assert join_line_texts(["he said", "“yes”"]) == "he said “yes”"
    assert join_line_texts(["他说", "“好”"]) == "他说“好”"


def test_turned_glyphs_make_a_line_in_drawing_order():
    from layout.analysis.pdf.lines import rotated_lines

    # a label turned 90° counter-clockwise: drawn bottom to top, one glyph above the other
    label = [Glyph(ch, 10, 300 - 12 * k - 12, 22, 300 - 12 * k, 12.0, "Hei", upright=False)
             for k, ch in enumerate("法治专版")]
    far = [Glyph("另", 200, 50, 212, 62, 12.0, "Hei", upright=False)]
    assert [ln.text for ln in rotated_lines(label + far)] == ["法治专版", "另"]


def test_a_gutter_runs_from_the_furthest_ink_of_a_ragged_column():
    """Lines set without justification end where the next character does not fit: most
    at 80, one with a Latin run at 90. Beside the gutter from the common edge there is
    one from 90, and that line does not run on across it into the next column (10 pt
    apart, less than the widest gap kept)."""
    glyphs = []
    for k in range(6):
        y = 20 + 15 * k
        if k == 2:
            glyphs += run("左栏文字左栏文", 0, y) + run("ab", 70, y, font="Latin", advance=5.0)
            glyphs += run("字", 80, y)
        else:
            glyphs += run("左栏文字左栏文字", 0, y)  # 80 pt
        glyphs += run("右栏文字右栏文字", 100, y)
    lines = glyphs_to_lines(glyphs)
    assert sorted({round(ln.x0) for ln in lines}) == [0, 100]
    assert find_gutters(lines) == [(80.0, 100.0), (90.0, 100.0)]


def test_another_bands_ragged_ends_do_not_move_a_gutter():
    """Gutters hold for the whole page: one from this band's right edge (80) to the left
    edge of a band below (94), where lines end at 84.5. The row of this band that
    continues in a column starting at 89.4 is still cut at 80 (9.4 pt apart)."""
    glyphs = run("上栏文字上栏文字", 0, 20) + run("续", 89.4, 20)
    for k in range(1, 6):
        glyphs += run("上栏文字上栏文字", 0, 20 + 15 * k)  # 80 pt
    for k in range(6):
        glyphs += run("下栏文字下栏文字", 0, 140 + 15 * k, advance=10.5625)  # 84.5 pt
        glyphs += run("右栏文字右栏文字", 94, 140 + 15 * k)
    lines = glyphs_to_lines(glyphs)
    assert sorted(round(ln.x0) for ln in lines if ln.top < 20) == [0, 89]


def test_a_ragged_column_with_no_common_right_edge_has_a_gutter():
    """No two lines of the left column end at the same x (Latin runs of other widths
    after seven ideographs); the gutter comes from where they stop before the right
    column, and the row whose left line reaches 86 is cut there (11 pt apart)."""
    glyphs = []
    for k, width in enumerate((8.0, 5.0, 9.0, 6.0, 7.0, 16.0)):
        y = 20 + 15 * k
        glyphs += run("左栏文字左栏文", 0, y) + run("e", 70, y, font="Latin", advance=width)
        glyphs += run("右栏文字右栏文字", 97, y)
    lines = glyphs_to_lines(glyphs)
    assert find_gutters(lines) == [(86.0, 97.0)]
    assert sorted(round(ln.x0) for ln in lines) == [0] * 6 + [97] * 6


def test_a_line_reaching_into_a_gutter_does_not_narrow_it():
    """Justified columns (80 | 90) and one line whose Latin run ends at 84: no gutter from
    84 (6 pt of white is not a gutter), so a caption across both columns, whose comma's
    printed half ends at 85 with the next ideograph at 90.5, stays one line."""
    glyphs = []
    for k in range(6):
        y = 20 + 15 * k
        if k == 3:
            glyphs += run("左栏文字左栏文字", 0, y, advance=9.5) + run("ab", 76, y,
                                                                  font="Latin", advance=4.0)
        else:
            glyphs += run("左栏文字左栏文字", 0, y)
        glyphs += run("右栏文字右栏文字", 90, y)
    glyphs += run("图片说明文字写", 10, 130) + run("，", 80, 130) + run("跨两栏", 90.5, 130)
    lines = glyphs_to_lines(glyphs)
    assert (84.0, 90.0) not in find_gutters(lines)
    assert "图片说明文字写，跨两栏" in {ln.text for ln in lines}


def test_a_line_is_in_the_face_of_its_han_glyphs():
    """2023年6月主持召: five digits in the Latin face, five ideographs in the body face."""
    glyphs = run("2023", 0, 20, font="Latin", advance=5.0) + run("年", 20, 20)
    glyphs += run("6", 30, 20, font="Latin", advance=5.0) + run("月主持召", 35, 20)
    [line] = glyphs_to_lines(glyphs)
    assert line.font == "Body-Serif"
    assert glyphs_to_lines(run("2023", 0, 20, font="Latin", advance=5.0))[0].font == "Latin"


def test_a_decimal_keeps_its_point_unspaced():
    """PM2.5 set loosely (a gap after the point) and 14. / 75 broken at the line end."""
    glyphs = run("PM2", 0, 20, advance=5.0) + run(".", 15.0, 20, advance=2.5)
    glyphs += run("5", 20.5, 20, advance=5.0)  # 3 pt (0.3 em) after the point
    assert glyphs_to_lines(glyphs)[0].text == "PM2.5"
    assert join_line_texts(["增加14.", "75万亿元"]) == "增加14.75万亿元"
    assert join_line_texts(["in 2015.", "Next year"]) == "in 2015. Next year"


def test_a_letter_spaced_line_keeps_its_digits_together():
    """A justified line spaced out evenly (every glyph 0.33 em apart): 36.09 stays whole,
    while a word space wider than the spacing still shows."""
    glyphs = run("余额为", 0, 20, extra=3.4)
    glyphs += run("36", 40.2, 20, advance=6.0, extra=3.4) + run(".", 59.0, 20, advance=3.5)
    glyphs += run("09", 65.9, 20, advance=6.0, extra=3.4) + run("万亿", 84.7, 20, extra=3.4)
    assert glyphs_to_lines(glyphs)[0].text == "余额为36.09万亿"
    words = run("New", 0, 20, advance=5.0, extra=3.4) + run("York", 28.2, 20, advance=5.0,
                                                               extra=3.4)
    assert glyphs_to_lines(words)[0].text == "New York"


def test_a_one_line_last_column_is_cut_at_its_gutter():
    """An article's last column holds one line only: no common left edge marks its gutter,
    but the columns' common right edge and the white under the gap do."""
    glyphs = []
    for k in range(6):
        y = 20 + 15 * k
        glyphs += run("左栏文字左栏文字", 0, y)  # columns end at 80, 172
        glyphs += run("中栏文字中栏文字", 92, y)
    glyphs += run("末栏一行", 184, 20)  # 1.2 em after the middle column's first line
    texts = {(round(ln.x0), ln.text) for ln in glyphs_to_lines(glyphs)}
    assert (92, "中栏文字中栏文字") in texts and (184, "末栏一行") in texts


def test_a_caption_line_runs_on_past_a_mark_at_a_gutter():
    """Boxes that touch are text set on: a comma's empty half over a gutter of the
    columns below (a caption under a photo spanning them) does not cut the line."""
    glyphs = []
    for k in range(6):
        y = 60 + 15 * k
        glyphs += run("左栏文字左栏文字", 0, y)
        glyphs += run("右栏文字右栏文字", 86, y)  # gutter 80-86
    glyphs += run("图为说明文字说明文，", 0, 20) + run("跨栏说明", 100, 20)  # comma at 90
    glyphs = [g for g in glyphs if not (g.top < 30 and 80 < g.x0 < 86)]
    caption = run("图为说明，", 36, 35) + run("跨栏接续", 86, 35)  # comma box 76-86
    texts = {ln.text for ln in glyphs_to_lines(glyphs + caption)}
    assert "图为说明，跨栏接续" in texts


def test_a_line_end_hyphen_before_a_compound_part_the_page_prints_stays():
    compounds = compound_ends(["a 78-year-old and a five-year plan", "grow-", "fifty-six"])
    assert compounds == frozenset({"year", "old", "six"})
    assert join_line_texts(["a ten-", "year plan"], compounds) == "a ten-year plan"
    assert join_line_texts(["a strong grow-", "ing market"], compounds) == (
        "a strong growing market")
    assert join_line_texts(["a ten-", "year plan"]) == "a tenyear plan"  # no evidence


def test_a_spaced_out_credit_under_a_photo_stays_one_line_with_no_gutter():
    # 本报记者　徐静军　摄 set flush right under a photo, two-thirds of an em between its
    # words, on a page with no columns of horizontal text to find gutters from
    photo = BBox(100.0, 100.0, 300.0, 260.0)
    glyphs = run("空间上，推动海内外文化演艺资源的流通", 100, 272, size=8.68, advance=10.0)
    glyphs += run("本报记者", 150, 296, size=8.68, advance=10.0)
    glyphs += run("徐静军", 150 + 40 + 6, 296, size=8.68, advance=10.0)
    glyphs += run("摄", 150 + 40 + 6 + 30 + 6, 296, size=8.68, advance=10.0)
    texts = sorted(ln.text for ln in glyphs_to_lines(glyphs, photos=[photo]))
    assert "本报记者徐静军摄" in "".join(texts).replace(" ", ""), texts
    assert len(texts) == 2, texts
    # away from any photo the same gaps still cut (a page of loose items)
    apart = sorted(ln.text for ln in glyphs_to_lines(glyphs, photos=[BBox(400, 0, 500, 90)]))
    assert len(apart) == 4, apart
