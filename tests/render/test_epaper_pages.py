"""Synthetic e-paper pages with photos, analysed by the PDF front end and re-typeset.

The renderer's end-to-end check on the kind of structure real pages give: figures with
captions and credits, untitled photo articles, kickers and subtitles, furniture that names
the paper. Every rule holds and the text round-trips in one and two columns, both themes.
"""

from __future__ import annotations

import pdfplumber
import pytest

from layout.pipeline import read_file
from layout.render.story import paper_name
from tests.render.test_pdf import checker_for, model_text, render
from tests.synth.epaper import random_page_spec, render_page

SEEDS = (8, 9)  # pages with three photos, and with two (one an untitled photo article)


@pytest.fixture(scope="module", params=SEEDS)
def issue(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("epaper") / f"page-{request.param}.pdf"
    render_page(random_page_spec(request.param), path)
    return read_file(path)


@pytest.mark.parametrize("columns, theme", [(1, "print"), (2, "print"), (2, "screen")])
def test_epaper_page_renders_cleanly(tmp_path, issue, columns, theme):
    figures = [b for a in issue.articles() for b in a.blocks if b.image]
    assert figures, "the generated page should carry photos"
    path, options = render(tmp_path, issue, f"ep-{columns}-{theme}", columns=columns,
                           theme=theme, table_of_contents=False)
    checker = checker_for(path, options)
    assert checker.check() == []
    assert checker.text() == model_text(issue)
    with pdfplumber.open(path) as pdf:
        assert sum(len(page.images) for page in pdf.pages) == len(figures)
        header = pdf.pages[0].crop((0, 0, pdf.pages[0].width, 45)).extract_text()
    assert paper_name(issue) in header and paper_name(issue).endswith("报")
