"""Glyph cleaning: invisible text out, fake bold collapsed with a size-scaled tolerance."""

from hypothesis import given, settings
from hypothesis import strategies as st

from layout.analysis.pdf.chars import clean_glyphs, dedupe_fake_bold, visible_glyphs
from layout.ingest.pdf import Glyph
from tests.analysis.pdf.glyph_builders import BODY, run


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


def _finishes(fn, seconds: float = 10.0):
    """fn() run in a daemon thread: its result, or an assertion error when it overruns."""
    import threading

    box: list = []
    worker = threading.Thread(target=lambda: box.append(fn()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still running after {seconds} s"
    return box[0]


def test_dedupe_cost_does_not_grow_with_the_font_size():
    # ten glyphs at 1e11 pt: the old band loop ran ~1e10 times per glyph
    glyphs = run("AAAAAAAAAA", 0, 5e10, 1e11, advance=1e11)
    kept = _finishes(lambda: dedupe_fake_bold(glyphs))
    assert len(kept) == 10


def test_non_finite_glyphs_are_not_visible():
    good = run("中", 0, 20)
    bad = [g.__class__(g.text, float("nan"), g.top, g.x1, g.bottom, g.size, g.font)
           for g in run("文", 0, 20)]
    inf = [g.__class__(g.text, g.x0, g.top, g.x1, g.bottom, float("inf"), g.font)
           for g in run("字", 0, 20)]
    assert "".join(g.text for g in clean_glyphs(good + bad + inf)) == "中"


def _brute_force(glyphs, along=0.1, across=0.2):
    kept = []
    for g in glyphs:
        if not any(o.text == g.text and abs(o.x0 - g.x0) <= along * g.size
                   and abs(o.top - g.top) <= across * g.size
                   and abs(o.size - g.size) <= 0.1 * g.size for o in kept):
            kept.append(g)
    return kept


@given(st.lists(st.tuples(st.sampled_from("中文"), st.floats(0, 30), st.floats(0, 30),
                          st.floats(0.5, 60)), max_size=40),
       st.sampled_from([(0.1, 0.2), (0.0, 0.0), (1.0, 1.0), (0.3, 0.05)]))
@settings(max_examples=150)
def test_grid_dedupe_matches_the_pairwise_rule(specs, tolerance):
    glyphs = [Glyph(t, x, y, x + s, y + s, s, BODY) for t, x, y, s in specs]
    assert dedupe_fake_bold(glyphs, *tolerance) == _brute_force(glyphs, *tolerance)


def test_a_box_hanging_below_its_baseline_is_set_back_on_it():
    from layout.analysis.pdf.chars import on_baseline

    sane = Glyph("中", 0, 11.2, 10, 21.2, 10.0, "Song", baseline=20.0)
    hanging = Glyph("2", 10, 19.4, 15, 29.4, 10.0, "Digits", baseline=20.0)  # font bbox off
    unknown = Glyph("3", 15, 19.4, 20, 29.4, 10.0, "Digits")  # no baseline: left alone
    out = on_baseline([sane, hanging, unknown])
    assert out[0] is sane and out[2] is unknown
    assert (round(out[1].top, 2), round(out[1].bottom, 2)) == (11.2, 21.2)
