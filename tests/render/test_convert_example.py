"""The example dump through the whole pipeline: the rendered PDF keeps every rule and all text."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.pipeline import read_file
from tests.render.test_pdf import CONFIGS, assert_clean

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "zhoukou-demo-zone-page.txt"


@pytest.mark.skipif(not EXAMPLE.is_file(), reason="examples/ not present")
@pytest.mark.parametrize("page_size, columns", CONFIGS)
def test_example_dump_renders_cleanly(tmp_path, page_size, columns):
    issue = read_file(EXAMPLE)
    assert len(issue.articles()) >= 5
    assert_clean(tmp_path, issue, f"ex-{page_size}-{columns}", page_size=page_size,
                 columns=columns)
