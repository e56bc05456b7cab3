"""Fixtures for the export tests: the bundled sample dump and one synthetic e-paper page."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.export.sources import IssueSource, read_issue_source

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "zhoukou-demo-zone-page.txt"
SYNTHETIC_SEED = 3  # a page with photos, captions, credits and several faces


@pytest.fixture(scope="session")
def sample_source() -> IssueSource:
    return read_issue_source([SAMPLE])


@pytest.fixture(scope="session")
def synthetic_pdf(tmp_path_factory) -> Path:
    from tests.synth.epaper import random_page_spec, render_page

    path = tmp_path_factory.mktemp("synthetic") / "epaper-003.pdf"
    render_page(random_page_spec(SYNTHETIC_SEED), path)
    return path


@pytest.fixture(scope="session")
def synthetic_source(synthetic_pdf) -> IssueSource:
    return read_issue_source([synthetic_pdf])
