"""The vertical composer: every truth character drawn (presentation forms as their plain
marks), vertical lines, 縦中横 digits, turned Latin runs, presentation forms on some pages and
shifted plain marks on others, traditional characters for "vertical-tc", determinism."""

from __future__ import annotations

from collections import Counter

import pytest

from layout.clean import plain_forms
from layout.ingest.pdf import read_pdf
from tests.synth.compose import compose, families_named, supports
from tests.synth.compose_vertical import VERTICAL_FAMILIES
from tests.synth.vertical_draw import fill, units_of

epaper_fonts = pytest.importorskip("tests.synth.epaper_fonts")
if not epaper_fonts.available_faces():
    pytest.skip("no CJK TrueType face for the composers", allow_module_level=True)
pytest.importorskip("opencc")

FORMS = {chr(c) for c in [*range(0xFE10, 0xFE1A), *range(0xFE30, 0xFE50)]}


def _truth_chars(truth) -> Counter[str]:
    texts = list(truth.furniture)
    for a in truth.articles:
        texts += [a.headline, a.kicker or "", a.subtitle or "", *a.bylines]
        texts += [t for _, t in a.blocks] + [c.text + (c.credit or "") for c in a.captions]
    return Counter(ch for t in texts for ch in t if not ch.isspace())


@pytest.mark.parametrize("family", VERTICAL_FAMILIES)
def test_vertical_page_draws_every_truth_character(tmp_path, family):
    path = tmp_path / "v.pdf"
    truth = compose("reportlab", 3, family, path, "tune").truth
    raw = next(read_pdf(path))
    shown = Counter(plain_forms(g.text) for g in raw.glyphs if not g.text.isspace())
    want = _truth_chars(truth)
    assert len(truth.articles) >= 2 and sum(len(a.paragraphs) for a in truth.articles) >= 4
    assert not want - shown, f"not in the PDF: {want - shown}"
    # body text stands in columns: most glyphs have a glyph of their size right under them
    stacked = sum(1 for g in raw.glyphs for h in raw.glyphs
                  if g is not h and abs(g.x0 - h.x0) < 0.5 and 0 <= h.top - g.bottom < 0.3 * g.size)
    assert stacked > 0.6 * len(raw.glyphs)
    if family == "vertical-tc":
        text = "".join(t for a in truth.articles for _, t in a.blocks)
        assert sum(ch in "們國說這為會發來對時經過還個學" for ch in text) > 10
        assert sum(ch in "们国说这为会发来对时经过还个学" for ch in text) == 0


def test_vertical_pages_vary_their_marks_and_runs(tmp_path):
    forms = plain = turned = 0
    for seed in range(6):
        path = tmp_path / f"{seed}.pdf"
        compose("reportlab", seed, "vertical", path, "tune")
        glyphs = next(read_pdf(path)).glyphs
        page_forms = sum(g.text in FORMS for g in glyphs)
        forms += page_forms > 20
        plain += page_forms == 0
        turned += sum(not g.upright and g.text.isascii() for g in glyphs) > 0
    assert forms and plain and turned >= 3


def test_cells_and_breaking():
    cells = units_of("第19届APEC会议，5G。", None, 10.0)
    assert [(u.kind, u.text) for u in cells][:5] == [
        ("char", "第"), ("tcy", "19"), ("char", "届"), ("latin", "APEC"), ("char", "会")]
    assert ("char", "5") not in [(u.kind, u.text) for u in cells]  # 5G is a turned run
    lines = fill(units_of("一二三四五，六七八九十", None, 10.0), [5, 5, 5])
    assert lines is not None
    assert all(line[0].text != "，" for line in lines)
    assert fill(units_of("一" * 20, None, 10.0), [5, 5]) is None


def test_only_reportlab_sets_vertical_pages():
    assert supports("reportlab", "vertical") and not supports("typst", "vertical-tc")
    assert families_named("vertical-all") == VERTICAL_FAMILIES
    assert "vertical" not in families_named("all")
    with pytest.raises(ValueError):
        families_named("sideways")


def test_a_turned_run_takes_the_length_it_is_drawn_at():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    [run] = units_of("ChatGPT", None, 10.0)
    assert run.kind == "latin"
    # drawn at 0.9 of the body size: no space reserved beyond its length
    assert abs(run.em * 10.0 - stringWidth("ChatGPT", "Helvetica", 9.0)) < 1e-6


def test_a_headline_never_runs_past_its_article():
    import random

    from reportlab.pdfgen.canvas import Canvas

    from tests.synth.compose_vertical import Composer

    page = Composer(0, "vertical", "tune", Canvas("/dev/null"), 600, 800, random.Random(1))
    body = page.body.size
    for length in (8 * body, 15 * body, 40 * body):
        for headline in ("一" * 12, "深" * 44):
            lines, size = page._head_lines(headline, length, 2.5 * body)
            assert "".join(lines) == headline and len(lines) <= 4
            assert max(len(line) for line in lines) * size <= length + 1e-6
            if len(headline) <= 4 * 0.95 * length / (1.4 * body):
                assert size >= 1.4 * body - 1e-6
