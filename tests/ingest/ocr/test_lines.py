"""Recognised lines' geometry (layout.ingest.ocr.lines): lines cut at gutters."""

from __future__ import annotations

import pytest

from layout.ingest.ocr.lines import split_at_gutters
from tests.ingest.ocr.engine_lines import engine_line


def test_a_line_read_across_a_gutter_is_cut_there():
    merged = engine_line(0, 0, "保障和改善民生确提出新时代", gap_after={6: 20.0})
    first, second = split_at_gutters(merged)
    assert (first[1], second[1]) == ("保障和改善民生", "确提出新时代")
    assert first[0][1][0] == pytest.approx(140) and second[0][0][0] == pytest.approx(160)
    plain = engine_line(0, 0, "没有栏间的一行字")
    assert split_at_gutters(plain) == [plain]
    latin = engine_line(0, 0, "Belt and Road", gap_after={3: 6.0, 7: 6.0})
    assert len(split_at_gutters(latin)) == 1  # spaces between words are no gutter
