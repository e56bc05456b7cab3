"""Outlines: a headline drawn as shapes heads its article with no headline text."""

from layout.analysis.pdf.outlines import outline_blocks, outline_rows
from layout.analysis.pdf.roles import heading_groups, heading_text
from layout.model import BBox
from tests.analysis.pdf.glyph_builders import blocks_of, column, run


def _glyph_shapes(x, top, n, size=24.0, gap=3.0):
    """Contours of ``n`` outlined glyphs ``size`` tall (ink 0.85 em) in a row, each of two
    strokes (a glyph's parts), ``gap`` apart."""
    ink = 0.85 * size
    shapes = []
    for k in range(n):
        x0 = x + k * (ink + gap)
        shapes += [BBox(x0, top, x0 + ink, top + 0.4 * ink),
                   BBox(x0 + 0.2 * ink, top + 0.5 * ink, x0 + ink, top + ink)]
    return shapes


def test_a_row_of_glyph_shapes_is_one_textless_heading_line():
    shapes = _glyph_shapes(10, 40, 6) + _glyph_shapes(200, 40, 1)  # a lone mark 60 pt on
    blocks = outline_blocks(shapes, [], 10.0)
    assert len(blocks) == 1
    [line] = blocks[0].lines
    assert line.text == "" and round(line.size) == 24 and round(line.x0) == 10


def test_small_shapes_and_shapes_in_photos_head_nothing():
    assert outline_blocks(_glyph_shapes(10, 40, 6, size=11.0), [], 10.0) == []
    photo = BBox(0, 0, 300, 200)
    assert outline_blocks(_glyph_shapes(10, 40, 6), [photo], 10.0) == []


def test_kicker_and_subtitle_join_an_outlined_headline():
    """Kicker, a headline drawn as shapes, a dashed subtitle: one group, the subtitle
    is no headline."""
    glyphs = run("人民时评", 40, 20, 13.0, "Hei")
    glyphs += run("——制定正确的战略策略", 20, 75, 13.0, "Hei")
    glyphs += column(["  正文从这里开始写", "到这里就结束了。"], 0, 90, 10)
    blocks = blocks_of(glyphs)
    outlined = outline_blocks(_glyph_shapes(20, 30, 6), [], 10.0)
    [group] = heading_groups([*blocks, *outlined], 10.0)
    assert heading_text(group.headline) == ""
    assert heading_text(group.kicker) == "人民时评"
    assert heading_text(group.subtitle) == "——制定正确的战略策略"


def test_a_widely_spaced_outlined_row_is_one_line_but_not_across_a_rule():
    """Glyphs 1.2 times their height apart (a scaled, letter-spaced headline) make one
    row; a vertical rule between two runs keeps two headlines apart."""
    from layout.ingest.raw import Rule

    shapes = _glyph_shapes(10, 40, 3, gap=25.0) + _glyph_shapes(146.2, 40, 3, gap=25.0)
    assert len(outline_blocks(shapes, [], 10.0)) == 1
    wall = Rule(BBox(135, 20, 135, 90), horizontal=False)
    blocks = outline_blocks(shapes, [], 10.0, rules=[wall])
    assert sorted(round(b.bbox.x0) for b in blocks) == [10, 146]



def test_a_headline_broken_into_lines_of_two_glyphs_keeps_them_all():
    """我心 / 中的 / 两条江: rows of two outlined glyphs (inked narrower than their height,
    so the row is less than twice as wide as tall) count where they stack on a row of
    three; a lone pair of shapes does not."""
    def row(top, n):
        return [BBox(10 + 22 * k, top, 26 + 22 * k, top + 20.4) for k in range(n)]

    shapes = row(40, 2) + row(67, 2) + row(94, 3)
    tops = [round(b.bbox.top) for b in outline_blocks(shapes, [], 10.0)]
    assert tops == [40, 67, 94]
    assert outline_blocks(row(40, 2), [], 10.0) == []


def test_a_label_flush_with_an_outlined_headlines_widest_line_is_its_kicker():
    """编辑手记 over a headline in outlines whose first line is short and set in from
    the left (集采药， / 拼质量才能护健康): it lines up with the headline as a whole."""
    glyphs = run("编辑手记", 0, 33, 11.8, "Hei")
    glyphs += column(["  正文从这里开始写", "到这里就结束了。"], 0, 100, 10)
    outlined = outline_blocks(_glyph_shapes(46, 28, 4, size=30.0)
                              + _glyph_shapes(0, 58, 8, size=30.0), [], 10.0)
    groups = heading_groups([*blocks_of(glyphs), *outlined], 10.0)
    assert len(groups) == 1
    assert heading_text(groups[0].kicker) == "编辑手记"


def test_strokes_drawn_as_rules_are_the_rows_not_walls():
    """A headline opening with 一 drawn as a thin rectangle (a rule) starts where that bar
    does; a 丨 drawn as a rule tight between two glyphs, no taller than they, is a stroke
    and the row runs on over it; a tall rule in a gutter still parts two headlines."""
    from layout.analysis.pdf.outlines import outline_rows
    from layout.ingest.raw import Rule

    ink = 0.85 * 24.0
    bar = Rule(BBox(10, 40 + 0.45 * ink, 10 + ink, 40 + 0.55 * ink), horizontal=True)
    shapes = _glyph_shapes(10 + ink + 3, 40, 5)
    [(box, size)] = outline_rows(shapes, [], 10.0, rules=[bar])
    assert round(box.x0) == 10 and round(size) == 24
    left = _glyph_shapes(10, 40, 3)
    right = _glyph_shapes(10 + 3 * (ink + 3) + 6, 40, 3)
    stroke = Rule(BBox(left[-1].x1 + 2, 41, left[-1].x1 + 4, 39 + ink), horizontal=False)
    assert len(outline_rows(left + right, [], 10.0, rules=[stroke])) == 1
    wall = Rule(BBox(left[-1].x1 + 3, 20, left[-1].x1 + 3, 90), horizontal=False)
    assert len(outline_rows(left + right, [], 10.0, rules=[wall])) == 2


def test_rows_of_one_headline_with_and_without_quotes_are_of_one_size():
    """要学“对不对”，也学 / 中国道路中国梦青春: quotes set high in their cells and a comma
    set low stretch the first row's ink, not its type size: both rows, one headline, come
    out of one size."""
    em = 40.0
    ink = 0.85 * em

    def row(top, text):
        shapes = []
        for k, ch in enumerate(text):
            x = 10 + k * em  # one em a cell; the ink centred in it
            if ch == "“":  # high, at the cell's right
                shapes.append(BBox(x + 0.6 * em, top - 0.1 * em, x + 0.8 * em, top + 0.2 * em))
            elif ch == "”":  # high, at the cell's left
                shapes.append(BBox(x + 0.2 * em, top - 0.1 * em, x + 0.4 * em, top + 0.2 * em))
            elif ch == "，":  # low, at the cell's left
                shapes.append(BBox(x + 0.15 * em, top + 0.75 * ink, x + 0.35 * em,
                                   top + ink + 0.1 * em))
            else:
                shapes.append(BBox(x + 0.075 * em, top, x + 0.075 * em + ink, top + ink))
        return shapes

    shapes = row(100, "要学“对不对”，也学") + row(150, "中国道路中国梦青春")
    sizes = [size for _, size in outline_rows(shapes, [], 10.0)]
    assert len(sizes) == 2 and abs(sizes[0] - sizes[1]) <= 0.03 * max(sizes), sizes
    assert abs(sizes[1] - em) < 0.5


def test_two_headline_lines_set_solid_are_two_rows():
    """要学“对不对”，也学（中国道 / 路中国梦青春）: set solid, the bracket closing the
    first line's ink comes within a quarter of the body size of the second line's glyphs;
    the two lines stay two rows of one size (one read as a row of twice the height gave
    the recogniser both lines at once)."""
    em = 20.0
    ink = 0.85 * em

    def row(top, n, bracket_at=None):
        shapes = [BBox(10 + k * em, top, 10 + k * em + ink, top + ink) for k in range(n)]
        if bracket_at is not None:  # a bracket set low, reaching below the glyphs' ink
            x = 10 + bracket_at * em
            shapes.append(BBox(x + 0.6 * em, top + 0.15 * em, x + 0.8 * em, top + 0.98 * em))
        return shapes

    first = row(100, 8, bracket_at=8)
    second = row(100 + 1.02 * em, 9)  # leading 1.02 em: 0.04 em between bracket and glyphs
    rows = outline_rows(first + second, [], 9.0)
    assert [round(box.top) for box, _ in rows] == [100, 120]
    sizes = [size for _, size in rows]
    assert abs(sizes[0] - sizes[1]) <= 0.03 * max(sizes) and abs(sizes[1] - em) < 0.5


def test_a_tall_glyph_of_stacked_parts_is_not_cut():
    """A row of glyphs each of two stacked parts close enough to be one piece (吕, 二 at
    headline size) stays one row of the glyphs' size: no part is a line's height."""
    em = 30.0
    shapes = []
    for k in range(5):
        x = 10 + k * em
        shapes += [BBox(x, 50, x + 0.8 * em, 50 + 0.4 * em),
                   BBox(x, 50 + 0.45 * em, x + 0.8 * em, 50 + 0.85 * em)]
    rows = outline_rows(shapes, [], 9.0)
    assert len(rows) == 1 and abs(rows[0][1] - em) < 0.5
