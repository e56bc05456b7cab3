"""The example dump through the whole pipeline: the rendered PDF keeps every rule and all text."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.pipeline import read_file
from tests.render.test_pdf import CONFIGS, assert_clean, checker_for, render

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "zhoukou-demo-zone-page.txt"


@pytest.mark.skipif(not EXAMPLE.is_file(), reason="examples/ not present")
@pytest.mark.parametrize("page_size, columns", CONFIGS)
def test_example_dump_renders_cleanly(tmp_path, page_size, columns):
    issue = read_file(EXAMPLE)
    assert len(issue.articles()) >= 5
    assert_clean(tmp_path, issue, f"ex-{page_size}-{columns}", page_size=page_size,
                 columns=columns)


@pytest.mark.skipif(not EXAMPLE.is_file(), reason="examples/ not present")
def test_example_credits_are_printed_once_and_captions_by_their_article(tmp_path):
    issue = read_file(EXAMPLE)
    path, options = render(tmp_path, issue, "credits", table_of_contents=False)
    text = checker_for(path, options).text()
    source = EXAMPLE.read_text(encoding="utf-8")
    assert source.count("姬慧洋") == 9  # 2 bylines, 5 datelines, 2 photo credits
    assert text.count("姬慧洋") == source.count("姬慧洋")  # not once more per dateline
    assert "本报讯（记者姬慧洋通讯员赵明）" in text
    caption = text.index("示范区“创文”办志愿者")
    assert text.index("入户走访见真章") < caption < text.index("巩固拓展主题教育成果")
