"""The PDF front end end to end: generated e-paper pages against their truth, real PDFs.

Generated pages (fixed seeds, drawn in tmp_path) must reach the accuracy floor below,
lose no visible character, leak no header/footer text into articles and hold no
doubled or junk text. Every PDF of ../shared/corpus/real must analyse without error.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from layout.analysis.pdf.chars import clean_glyphs
from layout.analysis.pdf.page import analyze_pdf
from layout.clean import plain_forms
from layout.errors import InputError
from layout.ingest.pdf import read_pdf
from layout.model.serialize import issue_to_json
from tests.shared_corpus import corpus_path, needs_corpus
from tests.synth.nothing_lost import page_texts

REAL = corpus_path("real")
SEEDS = range(500, 512)

epaper_fonts = pytest.importorskip("tests.synth.epaper_fonts")


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    if not epaper_fonts.available_faces():
        pytest.skip("no CJK TrueType face for the generator")
    from tests.synth.epaper import random_page_spec, render_page

    folder = tmp_path_factory.mktemp("epaper")
    pages = []
    for seed in SEEDS:
        path = folder / f"page-{seed}.pdf"
        truth = render_page(random_page_spec(seed), path)
        pages.append((path, truth, analyze_pdf(path)))
    return pages


def test_generated_pages_meet_the_accuracy_floor(generated):
    from tests.synth.scoring import Score, score_page

    total = Score()
    for _, truth, issue in generated:
        total = total + score_page(truth, issue.pages[0])
    assert total.ratio("articles") >= 0.97, str(total)
    assert total.ratio("headlines") >= 0.95, str(total)
    assert total.ratio("paragraphs") >= 0.98, str(total)
    assert total.ratio("captions") >= 0.95, str(total)
    assert total.continuations_total >= 5 and total.ratio("continuations") >= 0.9, str(total)
    assert total.furniture_leaks == 0, str(total)
    assert total.doubled_or_junk == 0, str(total)


def test_nothing_lost_every_visible_character_once(generated):
    for path, _, issue in generated:
        raw = next(read_pdf(path))
        want = Counter(ch for g in clean_glyphs(raw.glyphs) for ch in plain_forms(g.text)
                       if not ch.isspace())
        got = Counter(ch for t in page_texts(issue.pages[0]) for ch in t if not ch.isspace())
        assert got == want, f"{path.name}: missing {want - got}, extra {got - want}"


def test_figures_carry_jpeg_data_uris_and_json_is_valid(generated):
    figures = [b for _, _, issue in generated for a in issue.pages[0].articles
               for b in a.blocks if b.role.value == "figure"]
    assert figures and all(b.image and b.image.startswith("data:image/jpeg;base64,")
                           for b in figures)
    path, _, issue = generated[0]
    data = json.loads(issue_to_json(issue))
    assert data["pages"][0]["width"] > 0 and data["pages"][0]["articles"]


def test_each_page_is_loaded_once_and_its_photos_cropped_from_it(generated, monkeypatch):
    """PDFium loads a page once: read, then its photos rendered from the same page, the
    crops those of a page loaded afresh."""
    import pypdfium2

    from layout.analysis.pdf.figures import crop_figures
    from layout.settings import DEFAULT_SETTINGS

    path, _, issue = next(g for g in generated if any(
        b.role.value == "figure" for a in g[2].pages[0].articles for b in a.blocks))
    loads = []
    real_get_page = pypdfium2.PdfDocument.get_page

    def counted(self, index):
        loads.append(index)
        return real_get_page(self, index)

    monkeypatch.setattr(pypdfium2.PdfDocument, "get_page", counted)
    again = analyze_pdf(path)
    assert loads == [0]
    figures = [b for a in again.pages[0].articles for b in a.blocks if b.role.value == "figure"]
    assert figures and issue_to_json(again) == issue_to_json(issue)
    fresh = crop_figures(path, 0, [b.bbox for b in figures], DEFAULT_SETTINGS.pdf.figure_dpi,
                         max_pixels=DEFAULT_SETTINGS.limits.max_figure_pixels)
    assert [b.image for b in figures] == fresh


@needs_corpus("real")
@pytest.mark.parametrize("name", sorted(p.name for p in REAL.glob("*.pdf")) if REAL
                         else [])
def test_every_real_pdf_analyses(name):
    issue = analyze_pdf(REAL / name)
    assert issue.pages
    assert any(a.blocks for p in issue.pages for a in p.articles)
    for page in issue.pages:
        assert all("\ufffd" not in t for t in page_texts(page))


def test_bad_inputs_raise_input_error(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf at all")
    with pytest.raises(InputError):
        analyze_pdf(bad)
