"""Glyph cleaning: invisible text out, fake bold collapsed with a size-scaled tolerance."""

from layout.analysis.pdf.chars import clean_glyphs, dedupe_fake_bold, visible_glyphs
from tests.analysis.pdf.glyph_builders import run


def test_invisible_and_blank_glyphs_are_dropped():
    glyphs = run("看得见", 0, 20) + run("看不见", 0, 40, render_mode=3)
    assert "".join(g.text for g in visible_glyphs(glyphs)) == "看得见"


def test_fake_bold_copies_collapse_at_any_size():
    for size in (9.0, 40.0):
        text = run("民兵训练", 10, 50, size)
        offset = [g.__class__(g.text, g.x0 + 0.05 * size, g.top + 0.02 * size,
                              g.x1 + 0.05 * size, g.bottom + 0.02 * size, g.size, g.font,
                              baseline=g.baseline) for g in text]
        interleaved = [g for pair in zip(text, offset, strict=True) for g in pair]
        assert "".join(g.text for g in dedupe_fake_bold(interleaved)) == "民兵训练"


def test_real_repeats_are_kept():
    # 谢谢 is two glyphs a full em apart; a second line repeats the first
    glyphs = run("谢谢大家", 0, 20) + run("谢谢大家", 0, 35)
    assert "".join(g.text for g in clean_glyphs(glyphs)) == "谢谢大家谢谢大家"


def test_offset_beyond_tolerance_is_not_a_duplicate():
    a = run("中", 0, 20, 10.0)
    b = run("中", 3.0, 20, 10.0)  # 0.3 em along the line: another glyph, not fake bold
    assert len(dedupe_fake_bold(a + b)) == 2
