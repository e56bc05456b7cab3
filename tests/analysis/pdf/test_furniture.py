"""Furniture: header/footer bands become metadata, never article text."""

from layout.analysis.pdf.furniture import page_metadata, split_furniture
from layout.ingest.raw import Rule
from layout.model import BBox, FurnitureKind
from tests.analysis.pdf.glyph_builders import blocks_of, column, run

W, H = 600.0, 900.0


def _page():
    glyphs = run("2025年10月20日星期一", 20, 30, 9.0, "Hei")
    glyphs += run("要闻", 280, 30, 12.0, "Hei")
    glyphs += run("第3版", 520, 30, 9.0, "Hei")
    glyphs += column(["正文文字正文文字正文文字"] * 10, 20, 100, 12)
    glyphs += run("本版责编：王五", 20, 880, 8.0, "Hei")
    rules = [Rule(BBox(20, 40, 580, 40), horizontal=True)]
    return blocks_of(glyphs, rules), rules


def test_header_and_footer_are_furniture_body_is_not():
    blocks, rules = _page()
    content, furniture = split_furniture(blocks, rules, W, H)
    texts = {f.text: f.kind for f in furniture}
    assert texts["第3版"] is FurnitureKind.EDITION
    assert texts["本版责编：王五"] is FurnitureKind.EDITOR
    assert "要闻" in texts
    assert [b.text[:4] for b in content] == ["正文文字"]


def test_metadata_from_furniture():
    blocks, rules = _page()
    meta = page_metadata(split_furniture(blocks, rules, W, H)[1])
    assert (meta.date, meta.edition) == ("2025-10-20", "3")
    assert meta.section == "要闻"


def test_a_short_turned_run_is_a_side_label():
    from layout.analysis.pdf.furniture import side_labels
    from layout.analysis.pdf.lines import rotated_lines
    from layout.ingest.raw import Glyph
    from layout.model import FurnitureKind

    label = [Glyph(ch, 10, 300 - 12 * k - 12, 22, 300 - 12 * k, 12.0, "Hei", upright=False)
             for k, ch in enumerate("法治专版")]
    labels, text = side_labels(rotated_lines(label))
    assert [(f.kind, f.text) for f in labels] == [(FurnitureKind.SECTION, "法治专版")]
    assert text == []


def test_a_headline_ruled_off_under_the_running_head_is_content():
    """A headline across the page right under the running head, with a full-width rule
    under it too: the lower rule is not the running head's, the headline is content."""
    glyphs = run("2025年10月20日星期一", 20, 30, 9.0, "Hei")
    glyphs += run("第3版", 520, 30, 9.0, "Hei")
    glyphs += run("流动的艺术联动的长三角", 150, 75, 24.0, "Hei")
    glyphs += column(["正文文字正文文字正文文字"] * 10, 20, 100, 12)
    rules = [Rule(BBox(20, 40, 580, 40), horizontal=True),
             Rule(BBox(20, 85, 580, 85), horizontal=True)]
    content, furniture = split_furniture(blocks_of(glyphs, rules), rules, W, H)
    assert "流动的艺术联动的长三角" in [b.text for b in content]
    assert "流动的艺术联动的长三角" not in [f.text for f in furniture]
