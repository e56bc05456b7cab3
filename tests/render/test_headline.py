"""Headlines: fewest lines, balanced, cut at spaces/punctuation or between phrases."""

from __future__ import annotations

import pytest

from layout.render import headline
from layout.render.fonts import load_font_set
from layout.render.glyphs import NO_END, NO_START, Measure
from layout.render.headline import headline_lines, phrase_boundaries

SIZE = 20.0


@pytest.fixture(scope="module")
def measure() -> Measure:
    fonts = load_font_set()
    return Measure(fonts, fonts.head, SIZE)


def texts(lines) -> list[str]:
    return [line.text for line in lines]


def test_one_line_when_it_fits(measure):
    assert texts(headline_lines("示范区入户大走访", measure, 20 * SIZE)) == ["示范区入户大走访"]


def test_two_part_headline_breaks_at_its_space(measure):
    lines = headline_lines("示范区：入户大走访 情暖千万家", measure, 10 * SIZE)
    assert texts(lines) == ["示范区：入户大走访", "情暖千万家"]


def test_lines_are_balanced_and_keep_the_rules(measure):
    text = "确保基本实现社会主义现代化取得决定性进展"
    lines = headline_lines(text, measure, 15 * SIZE)
    assert len(lines) == 2 and "".join(texts(lines)) == text
    widths = [line.width for line in lines]
    assert max(widths) - min(widths) <= 2 * SIZE
    for line in lines:
        assert line.text[0] not in NO_START and line.text[-1] not in NO_END


def test_cuts_fall_between_phrases(measure):
    if not phrase_boundaries("确保基本实现"):
        pytest.skip("budoux not installed")
    text = "示范区各街道相继召开第一届议事代表会议第一次会议"
    boundaries = phrase_boundaries(text)
    lines = headline_lines(text, measure, 9 * SIZE)
    offset = 0
    for line in lines[:-1]:
        offset += len(line.text)
        assert offset in boundaries, texts(lines)


def test_without_a_segmenter_every_legal_cut_is_used(measure, monkeypatch):
    monkeypatch.setattr(headline, "phrase_boundaries", lambda text: set())
    lines = headline_lines("新时代“枫桥经验”的生动实践", measure, 8 * SIZE)
    assert "".join(texts(lines)) == "新时代“枫桥经验”的生动实践"
    assert all(line.width <= 8 * SIZE + 0.3 for line in lines)
    for line in lines:
        assert line.text[0] not in NO_START and line.text[-1] not in NO_END


def test_quoted_names_stay_whole(measure):
    if not phrase_boundaries("确保基本实现"):
        pytest.skip("budoux not installed")
    lines = headline_lines("新时代“枫桥经验”的生动实践", measure, 10.8 * SIZE)
    assert texts(lines) == ["新时代“枫桥经验”", "的生动实践"]
