"""Composers other than ReportLab: valid one-page PDFs holding every truth character,
families that differ as specified, and determinism per seed."""

from __future__ import annotations

import importlib.util
from collections import Counter

import pdfplumber
import pytest

from tests.synth.compose import compose, compose_cached
from tests.synth.families import COLUMN_LABELS
from tests.synth.plan import FAMILIES, ArticlePlan
from tests.synth.plan_make import make_plan

epaper_fonts = pytest.importorskip("tests.synth.epaper_fonts")
if not epaper_fonts.available_faces():
    pytest.skip("no CJK TrueType face for the composers", allow_module_level=True)

ENGINES = [c for c, module in (("reportlab", "reportlab"), ("typst", "typst"),
                               ("weasyprint", "weasyprint"))
           if importlib.util.find_spec(module)]


def _truth_chars(truth) -> Counter[str]:
    texts = list(truth.furniture)
    for a in truth.articles:
        body = "".join(t for _, t in a.blocks)
        names = [n for n in a.bylines if n not in body]  # a 本报讯（记者 …） opening's are
        texts += [a.headline, a.kicker or "", a.subtitle or "", *names, *a.continuations]
        texts += [t for _, t in a.blocks] + [c.text + (c.credit or "") for c in a.captions]
    texts += [c.text + (c.credit or "") for c in truth.captions]
    return Counter(ch for t in texts for ch in t if not ch.isspace())


@pytest.mark.parametrize("composer", ["reportlab", "typst", "weasyprint"])
@pytest.mark.parametrize("family", FAMILIES)
def test_composer_draws_a_page_with_every_truth_character(composer, family, composed_page):
    if composer not in ENGINES:
        pytest.skip(f"{composer} not installed")
    path, page = composed_page(composer, family, 11)
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 1
        shown = Counter(c["text"] for c in pdf.pages[0].chars if not c["text"].isspace())
    want = _truth_chars(page.truth)
    assert len(page.truth.articles) >= 2
    assert sum(len(a.paragraphs) for a in page.truth.articles) >= 4
    assert not want - shown, f"not in the PDF: {want - shown}"
    if page.printed is not None:
        assert not page.printed - shown, f"printed but not in the PDF: {page.printed - shown}"


def test_families_differ_as_specified():
    plans = {f: [make_plan(s, f, "tune") for s in range(8)] for f in FAMILIES}
    assert all(6 <= p.grid_columns <= 8 for p in plans["party"])
    assert all(p.grid_columns <= 4 for p in plans["feature"])
    assert all(p.grid_columns < 7 for p in plans["city"])

    def articles(family: str) -> list[ArticlePlan]:
        return [a for p in plans[family] for a in p.articles()]

    party, city, feature = articles("party"), articles("city"), articles("feature")
    assert any(a.boxed for a in party)
    assert sum(bool(a.kicker and a.subtitle) for a in party) >= 2  # 引题/主题/副题
    assert sum(any(b.text.startswith("本报") for b in a.bylines) for a in party) \
        >= len(party) // 3
    openings = [a for a in city if a.dateline_names]
    assert len(openings) >= len(city) // 3
    assert all(a.blocks[0][1].startswith("本报") for a in openings)
    assert any(len(a.photos) == 2 or a.photos for a in city)
    assert any(p.caption_bold for a in city for p in a.photos)
    assert sum(a.kicker in COLUMN_LABELS for a in feature) >= len(feature) // 3
    assert any(a.drop_cap for a in feature)
    bare = [b for a in feature for b in a.bylines if b.text in b.names]
    assert bare and all(2 <= len(b.text) <= 4 for b in bare)
    assert any(a.head_scale != 1.0 for f in FAMILIES for a in articles(f))
    assert any(len(a.headline) >= 2 for a in party + city + feature)


@pytest.mark.parametrize("composer", [c for c in ENGINES if c != "reportlab"])
def test_composers_are_deterministic_per_seed(composer, composed_page, tmp_path):
    _, first = composed_page(composer, "city", 11)
    again = compose(composer, 11, "city", tmp_path / "again.pdf", "holdout")
    assert first.truth == again.truth and first.printed == again.printed
    assert make_plan(12, "city", "holdout") != make_plan(11, "city", "holdout")


def test_holdout_plans_use_other_faces():
    tune = {f.name for s in range(10) for p in [make_plan(s, "party", "tune")]
            for f in (p.fonts.body, *p.fonts.head, p.fonts.kicker)}
    held = {f.name for s in range(10) for p in [make_plan(s, "party", "holdout")]
            for f in (p.fonts.body, *p.fonts.head, p.fonts.kicker)}
    assert tune and held and not tune & held


@pytest.mark.parametrize("composer", ENGINES)
def test_a_cached_composition_is_the_composition(composer, composed_page, tmp_path):
    _, fresh = composed_page(composer, "city", 11)
    path, made = compose_cached(composer, 11, "city", tmp_path, "holdout")
    written = path.stat().st_mtime_ns
    again_path, again = compose_cached(composer, 11, "city", tmp_path, "holdout")
    assert again_path == path and path.stat().st_mtime_ns == written  # read, not drawn
    assert made.truth == fresh.truth == again.truth
    assert made.printed == fresh.printed == again.printed
    assert not list(tmp_path.glob("*.part.pdf"))
