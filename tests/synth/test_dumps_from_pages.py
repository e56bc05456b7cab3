"""The dump extractor of composed pages: lines, rotation and the truth's matching.

Hand-placed glyphs (no PDF): a wide justification gap between full lines stays inside
its line, a gutter running down the rows cuts every row, a glyph turned by 90 degrees
is not upright, a fake-bold line matches the truth by its plain text, and a line
holding two articles' headlines (side by side) is cut between them; a small PDF:
text drawn invisible (render mode 3) is not read.
"""

from __future__ import annotations

from pathlib import Path

from tests.synth.dumps_from_pages import (
    Glyph,
    Line,
    _upright,
    build_lines,
    read_glyphs,
    split_threads,
)

SIZE = 10.0


def _row(text: str, x: float, baseline: float, gaps: dict[int, float] | None = None
         ) -> list[Glyph]:
    out, gaps = [], gaps or {}
    for k, ch in enumerate(text):
        x += gaps.get(k, 0.0)
        out.append(Glyph(ch, x, x + SIZE, baseline - SIZE, baseline, SIZE, baseline))
        x += SIZE
    return out


def test_a_justification_gap_between_full_lines_is_no_gutter() -> None:
    """Column one 10 characters wide, a 1.3 em gutter, column two; the middle row of
    column one has a 1.25 em justification gap the rows above and below run across."""
    glyphs = []
    for r in range(3):
        baseline = 100.0 + 14.0 * r
        gaps = {5: 12.5} if r == 1 else {}
        left = _row("甲乙丙丁戊己庚辛壬癸"[: 9 if r == 1 else 10], 0.0, baseline, gaps)
        glyphs += left + _row("子丑寅卯辰巳午未申酉", 113.0, baseline)
    lines = build_lines(glyphs)
    assert [x.compact for x in lines] == ["甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉",
                                          "甲乙丙丁戊己庚辛壬", "子丑寅卯辰巳午未申酉",
                                          "甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉"]


def test_two_captions_side_by_side_are_two_lines() -> None:
    glyphs = _row("图为融资成本下降了吗。", 0.0, 100.0) + _row("图为数据显示增势。", 210.0, 100.0)
    assert [x.compact for x in build_lines(glyphs)] == [
        "图为融资成本下降了吗。", "图为数据显示增势。"]


def test_turned_glyphs_are_not_upright() -> None:
    assert _upright([1.0, 0.0, 0.0, 1.0, 5.0, 5.0])
    assert _upright([0.7, 0.0, 0.0, 1.0, 5.0, 5.0])  # horizontally scaled (Tz 70)
    assert not _upright([0.0, 1.0, -1.0, 0.0, 5.0, 5.0])
    assert not _upright([0.0, -1.0, 1.0, 0.0, 5.0, 5.0])


def test_fake_bold_line_has_its_plain_text() -> None:
    glyphs = []
    for k, ch in enumerate("标题"):
        for dx in (0.0, 0.3):
            x = k * SIZE + dx
            glyphs.append(Glyph(ch, x, x + SIZE, 90.0, 100.0, SIZE, 100.0))
    line = Line(glyphs)
    assert line.compact == "标标题题" and line.plain == "标题"


def test_a_byline_set_across_a_gutter_does_not_close_it() -> None:
    """A byline centred over two columns, right above their first lines: the gutter
    under it still parts the columns."""
    glyphs = _row("本报见习记者慕容强", 60.0, 86.0)
    for r in range(2):
        baseline = 100.0 + 14.0 * r
        glyphs += _row("甲乙丙丁戊己庚辛壬癸", 0.0, baseline)
        glyphs += _row("子丑寅卯辰巳午未申酉", 113.0, baseline)
    lines = [x.compact for x in build_lines(glyphs)]
    assert lines == ["本报见习记者慕容强", "甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉",
                     "甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉"]


def test_a_narrow_gap_over_short_lines_stays_inside_its_line() -> None:
    """A column's first line with a 0.3 em gap before its last character (the spacing
    after a Latin run: 2025年2 月) over two short last lines: the strip the short lines
    leave open is no gutter, so the line is not cut; the real gutter (3.7 em) still is."""
    glyphs = _row("甲乙丙丁戊己庚辛壬癸", 0.0, 100.0, {9: 3.0}) + _row("子丑寅卯辰巳午未申酉",
                                                                  140.0, 100.0)
    for r in (1, 2):
        glyphs += _row("甲乙丙丁", 0.0, 100.0 + 14.0 * r) + _row("子丑寅卯辰巳午未申酉", 140.0,
                                                           100.0 + 14.0 * r)
    lines = build_lines(glyphs)
    assert [x.compact for x in lines][:2] == ["甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉"]


def test_a_narrow_gutter_cuts_rows_between_rows_of_another_baseline_grid() -> None:
    """Two columns 0.78 em apart, three rows; a third column far to the right sets its
    rows on another baseline grid, between these: the gutter still lines up down the
    rows that have ink near it, so every row is cut there."""
    glyphs = []
    for r in range(3):
        baseline = 100.0 + 14.0 * r
        glyphs += _row("甲乙丙丁戊己庚辛壬癸", 0.0, baseline)
        glyphs += _row("子丑寅卯辰巳午未申酉", 107.8, baseline)
        glyphs += _row("天地玄黄宇宙洪荒", 400.0, baseline + 7.0)
    texts = [x.compact for x in build_lines(glyphs)]
    assert texts.count("甲乙丙丁戊己庚辛壬癸") == 3 and texts.count("子丑寅卯辰巳午未申酉") == 3


def test_invisible_text_is_not_read(tmp_path: Path) -> None:
    """Text drawn with render mode 3 (over a photo, not printed) is in no export."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "hidden.pdf"
    canvas = Canvas(str(path), pagesize=(200, 200))
    for text, mode, y in (("SHOWN", 0, 150), ("HIDDEN", 3, 100), ("ALSO", 0, 50)):
        canvas.saveState()  # (the render mode is graphics state)
        obj = canvas.beginText(20, y)
        obj.setFont("Helvetica", 12)
        obj.setTextRenderMode(mode)
        obj.textOut(text)
        canvas.drawText(obj)
        canvas.restoreState()
    canvas.showPage()
    canvas.save()
    glyphs, _ = read_glyphs(path)
    assert "".join(g.text for g in glyphs) == "SHOWNALSO"


def test_a_line_holding_two_articles_is_cut_between_them() -> None:
    """Two headlines side by side on one row, 0.7 em apart (narrower than a gutter): an
    export that writes article by article gives each its own line; a line one article
    holds stays whole."""
    row = _row("一个西班牙人对中", 0.0, 100.0) + _row("我心中的两条江", 87.0, 100.0)
    held = "一个西班牙人对中国式现代化的观察|我心中的两条江|正文"
    parts = split_threads(Line(row), held)
    assert [x.compact for x in parts] == ["一个西班牙人对中", "我心中的两条江"]
    whole = Line(_row("我心中的两条江", 0.0, 100.0))
    assert split_threads(whole, held) == [whole]
    assert len(split_threads(Line(row), "其他文章")) == 1
