"""Kicker cues from the shape of title lines (layout.analysis.text.title_shapes)."""

from __future__ import annotations

from layout.analysis.text.lines import line_info
from layout.analysis.text.title_shapes import kicker_over_headline
from layout.analysis.text.titles import split_title_lines
from layout.ingest.text import page_lines
from layout.settings import Settings


def _title_lines(text: str) -> tuple[str | None, str | None, str | None]:
    settings = Settings()
    return split_title_lines([line_info(x, settings) for x in page_lines(text)], settings.text)


def test_a_kicker_is_shorter_as_set_not_by_its_character_count() -> None:
    """Digits and Latin take half an em: a line holding more characters is not wider for
    them, so a full first line over a wrapped end with figures in it is no kicker."""
    assert not kicker_over_headline("国内生产总值同比增", "长5.2%超出市场预期")
    assert _title_lines("国内生产总值同比增\n长5.2%超出市场预期") == (
        None, "国内生产总值同比增长5.2%超出市场预期", None)
    assert kicker_over_headline("数字经济观察", "人工智能应用场景加快落地")
    assert not kicker_over_headline("数字经济观察", "AI应用加快落地")  # 7 em, not 8


def test_a_kicker_is_shorter_by_its_characters_too() -> None:
    """A face may set figures full width: a first line narrower only by its digits counted
    half is a headline's full first line, not a kicker."""
    assert not kicker_over_headline("2025年中国景德", "镇国际陶瓷博览会开幕")
