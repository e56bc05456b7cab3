"""Photo gaps: the white between photos side by side parts the captions under them."""

from layout.analysis.pdf.lines import glyphs_to_lines
from layout.analysis.pdf.photo_gaps import photo_edges, side_by_side_gaps
from layout.model import BBox
from tests.analysis.pdf.glyph_builders import run


def test_gap_between_two_photos_level_with_each_other():
    left, right = BBox(0, 0, 100, 60), BBox(110, 5, 210, 65)
    assert side_by_side_gaps([right, left]) == [BBox(100, 0, 110, 65)]
    assert side_by_side_gaps([left, BBox(110, 80, 210, 140)]) == []  # one under the other
    assert side_by_side_gaps([left, BBox(160, 0, 260, 60)]) == []  # too far apart


def test_captions_under_side_by_side_photos_are_two_lines():
    """The left photo's credit (flush right under it) and the right caption's second
    line share a baseline 0.53 em apart (closer than the widest gap a line keeps): two
    texts, cut under the photos' gap."""
    gaps = side_by_side_gaps([BBox(0, 0, 100, 60), BBox(105.3, 0, 205.3, 60)])
    glyphs = run("左图说明文字", 0, 72) + run("右图说明文字写满了这一行", 105.3, 72)
    glyphs += run("张三摄", 70, 84) + run("第二行文字", 105.3, 84)
    texts = sorted(ln.text for ln in glyphs_to_lines(glyphs, photo_gaps=gaps))
    assert texts == ["右图说明文字写满了这一行", "左图说明文字", "张三摄", "第二行文字"]
    assert "张三摄第二行文字" in {ln.text for ln in glyphs_to_lines(glyphs)}


def test_a_caption_under_a_photo_does_not_run_on_into_the_text_beside_it():
    """Text beside a photo ends half an em short of the photo's left edge; the caption
    under the photo starts at that edge on the baseline of a text line: two lines, cut
    at the photo's edge (no gutter is found there: too few lines start at the edge)."""
    photo = BBox(105, 0, 205, 60)
    glyphs = [g for k in range(6) for g in run("正文文字写满这一行了", 0, 12 + 12 * k)]
    glyphs += run("图为现场群众", 105, 72)
    texts = {ln.text for ln in glyphs_to_lines(glyphs, photo_edges=photo_edges([photo]))}
    assert {"正文文字写满这一行了", "图为现场群众"} <= texts
    assert "正文文字写满这一行了图为现场群众" in {ln.text for ln in glyphs_to_lines(glyphs)}
