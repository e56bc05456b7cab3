"""Nothing lost on pages of every composer: each character a page prints appears in the
analysis output exactly once (the oracle of ``tests.synth.nothing_lost``)."""

from __future__ import annotations

import importlib.util

import pytest

from layout.analysis.pdf.page import analyze_pdf
from tests.synth.plan import FAMILIES

epaper_fonts = pytest.importorskip("tests.synth.epaper_fonts")

ENGINES = [c for c in ("typst", "weasyprint") if importlib.util.find_spec(c)]
SEEDS = {"typst": (11, 12), "weasyprint": (11,)}  # WeasyPrint takes seconds a page
# Known analysis failures (reported to the lead; remove a mark when its case passes):
KNOWN = {
}


def _cases():
    for composer in ENGINES:
        for family in FAMILIES:
            reason = KNOWN.get((composer, family))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(composer, family, marks=marks, id=f"{composer}-{family}")


@pytest.mark.skipif(not epaper_fonts.available_faces(), reason="no CJK TrueType face")
@pytest.mark.parametrize(("composer", "family"), list(_cases()))
def test_nothing_lost_on_every_composer(composer, family, composed_page):
    from tests.synth.nothing_lost import balance, read_by_ocr

    for seed in SEEDS[composer]:
        path, page = composed_page(composer, family, seed)
        analysed = analyze_pdf(path).pages[0]
        missing, extra = balance(read_by_ocr(page.printed, page.truth, analysed), analysed)
        assert not missing and not extra, (
            f"{path.name}: missing {dict(missing.most_common(10))}, "
            f"extra {dict(extra.most_common(10))}")


@pytest.mark.skipif(not epaper_fonts.available_faces(), reason="no CJK TrueType face")
@pytest.mark.parametrize("family", ["vertical", "vertical-tc"])
def test_nothing_lost_on_vertical_pages(family, composed_page):
    """Vertical (直排) pages: every shown character once (presentation forms counted as
    their plain marks), none of them left as a presentation form."""
    pytest.importorskip("opencc")
    from tests.synth.nothing_lost import balance, page_texts, shown_characters

    for seed in (11, 12):
        path, _ = composed_page("reportlab", family, seed)
        page = analyze_pdf(path).pages[0]
        missing, extra = balance(shown_characters(path), page)
        assert not missing and not extra, (
            f"{path.name}: missing {dict(missing.most_common(10))}, "
            f"extra {dict(extra.most_common(10))}")
        forms = [ch for t in page_texts(page) for ch in t
                 if 0xFE10 <= ord(ch) <= 0xFE19 or 0xFE30 <= ord(ch) <= 0xFE4F]
        assert not forms
