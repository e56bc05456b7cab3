"""Pages that are no newspaper: a report with a sidebar, a book page of plain text.

Hand-built forms of what the real pages of ``../shared/corpus/real`` (a broker report,
a book page; see ``test_real_pages.py``) showed, so each rule is pinned without the
corpus: points set apart by a blank line, a sidebar under its own label beside the
report's text, short labels in another colour, an opening mark kerned back over the
glyph before it, a plain-text page's centred title.
"""

from dataclasses import replace

from layout.analysis.pdf.articles import build_article, title_opening_line
from layout.analysis.pdf.bylines import leading_bylines
from layout.analysis.pdf.lines import glyphs_to_lines
from layout.analysis.pdf.ownership import assign_items
from layout.analysis.pdf.paragraphs import lines_text, paragraph_lines
from layout.analysis.pdf.roles import heading_groups
from layout.ingest.raw import Glyph
from layout.model import Article, BBox, Block, Role
from tests.analysis.pdf.glyph_builders import BODY, blocks_of, column, run

FULL = "一二三四五六七八九十甲乙丙丁"  # one full line of the column (14 em)


def _texts(blocks, siblings=None):
    return [lines_text(p) for p in paragraph_lines(blocks, siblings or blocks)]


def test_points_set_apart_by_a_blank_line_are_paragraphs_when_each_is_a_block():
    """Flush text whose paragraphs end on a full line: only the blank line between two
    blocks sets them apart (a report's bulleted points)."""
    a = column([FULL] * 4, 0, 0, 14)
    b = column([FULL] * 4, 0, 75, 14)  # 15 pt pitch: a blank line over b
    c = column([FULL] * 2, 0, 150, 14)
    blocks = blocks_of(a + b + c)
    assert len(blocks) == 3
    assert _texts(blocks) == [FULL * 4, FULL * 4, FULL * 2]


def test_a_paragraph_broken_by_a_photo_in_its_column_stays_one():
    """Text under a photo in the same column, far more than a blank line down: the
    paragraph runs on under the photo."""
    blocks = blocks_of(column([FULL] * 4, 0, 0, 14) + column([FULL] * 3, 0, 160, 14))
    assert len(blocks) == 2
    assert _texts(blocks) == [FULL * 7]


def _report(extra: list[Glyph]) -> list:
    """A report's page: a narrow sidebar under its label (增持维持评级, left) beside the
    report's wide text under its title (right), the text's points a blank line apart."""
    glyphs = run("增持维持评级", 60, 24, 14.0, "Hei")
    glyphs += run("报告的标题写在这里", 213, 26, 20.0, "Hei")
    glyphs += run("所属行业：机械", 0, 50, 10.0)
    point = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯卅廿卌"  # 30 em
    glyphs += column([point] * 5, 213, 42, 30)
    glyphs += column([point] * 4, 213, 132, 30)
    blocks = blocks_of(glyphs + extra)
    groups = heading_groups(blocks, 10.0)
    heads = {id(b) for g in groups for b in g.blocks}
    body = [b for b in blocks if id(b) not in heads]
    parts = assign_items(groups, body, (), 10.0)
    return [(" ".join(b.text for b in (p.head.headline if p.head else [])),
             [i.text for i in p.items]) for p in parts]


def test_a_sidebar_block_beside_the_report_text_stays_in_the_sidebar():
    """A two-line block of the sidebar level with a point of the report: not a byline at
    a column head one column pitch left of the text (only a one-line box is), and its own
    label stands over it."""
    sidebar = column(["资格编号：一二", "邮箱：某某某某"], 0, 133, 7)
    owners = dict(_report(sidebar))
    assert any("资格编号" in t for t in owners["增持维持评级"]), owners
    assert not any("资格编号" in t for t in owners["报告的标题写在这里"]), owners


def test_a_short_label_just_left_of_a_column_of_text_is_not_its_next_column():
    """A one-line label (a chart's date) ending just left of the text, its top level
    with a point's: no column of the text starts there (one would start a column's
    width to the left), so the text does not take it."""
    label = run("二〇二一", 150, 141, 8.0)
    owners = dict(_report(label))
    assert not any("二〇二一" in t for t in owners["报告的标题写在这里"]), owners


def test_a_four_character_label_atop_the_text_is_no_byline():
    """投资要点 in its own face atop the text: four Han characters that read as no name
    (no surname opens them) are a label, not the byline; 张春 is."""
    for label, names in (("投资要点", []), ("张春", ["张春"])):
        glyphs = run(label, 0, 8.8, 10.0, "Kai") + column([FULL] * 3, 0, 16, 14)
        blocks = blocks_of(glyphs)
        assert [b.text for b in leading_bylines(blocks, BODY, 10.0)] == names, label


def _inked(glyphs: list[Glyph], color: tuple[float, ...]) -> list[Glyph]:
    return [replace(g, color=color) for g in glyphs]


def test_a_label_in_the_body_face_but_another_colour_is_a_subhead():
    """A short line in the body's face and size printed in brown over black text: a
    label heading the text (投资要点), not the first words of its first paragraph."""
    black, brown = (0.0,), (0.63, 0.47, 0.35)
    glyphs = run("报告的标题写在这里", 0, 26, 20.0, "Hei")
    glyphs += _inked(run("投资要点", 0, 48.8, 10.0), brown)
    glyphs += _inked(column([FULL] * 3, 0, 64, 14), black)
    blocks = blocks_of(glyphs)
    groups = heading_groups(blocks, 10.0)
    heads = {id(b) for g in groups for b in g.blocks}
    [parts] = assign_items(groups, [b for b in blocks if id(b) not in heads], (), 10.0)
    article = build_article(parts, "p1-a1", BODY, 10.0)
    assert [(b.role, b.text) for b in article.blocks] == [
        (Role.SUBHEAD, "投资要点"), (Role.PARAGRAPH, FULL * 3)]


def test_an_opening_mark_kerned_back_over_the_glyph_before_still_follows_it():
    """2.《光伏: the 《 box (its print in the right half) starts left of the full stop's
    box; the line reads in the order printed."""
    glyphs = [Glyph("2", 0.0, 0, 5.5, 10, 10.0, "Arial", baseline=8.8),
              Glyph(".", 5.5, 0, 8.3, 10, 10.0, "Arial", baseline=8.8),
              Glyph("《", 3.8, 0, 13.8, 10, 10.0, BODY, baseline=8.8)]
    glyphs += run("光伏设备", 13.9, 8.8, 10.0)
    [line] = glyphs_to_lines(glyphs)
    assert line.text == "2.《光伏设备"


def _untitled(first: BBox) -> Article:
    para = Block(Role.PARAGRAPH, text=FULL * 3, bbox=BBox(0, 20, 140, 60))
    return Article(id="p1-a1", blocks=(Block(Role.SUBHEAD, text="第六章、原理", bbox=first),
                                       para))


def test_a_plain_text_pages_centred_opening_line_is_its_title():
    """The short line in another face over a page of plain text, centred over it: the
    title (第六章、…); the same line flush left at the column's edge stays a subhead."""
    titled = title_opening_line(_untitled(BBox(40, 0, 100, 12)), 10.0)
    assert titled.headline == "第六章、原理"
    assert [b.role for b in titled.blocks] == [Role.PARAGRAPH]
    assert [b.role for b in titled.head_blocks] == [Role.HEADLINE]
    flush = _untitled(BBox(0, 0, 60, 12))
    assert title_opening_line(flush, 10.0) == flush
