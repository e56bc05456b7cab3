"""Line breaking and justification, checked on the typeset lines themselves (no PDF)."""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.render.glyphs import (
    NO_END,
    NO_START,
    Measure,
    char_kind,
)
from layout.render.typeset import typeset
from tests.render.samples import BUILTIN_PARAGRAPHS

SIZE = 10.0
WIDTH = 200.0



def assert_rules(lines, width: float, indent_em: float = 2.0) -> None:
    for index, line in enumerate(lines):
        assert line.text[0] not in NO_START, line.text
        assert line.text[-1] not in NO_END, line.text
        assert line.width <= width + 0.3, (line.text, line.width)
        if index < len(lines) - 1:
            assert line.justified and abs(line.width - width) <= 0.3, (line.text, line.width)
            following = lines[index + 1].text
            for mark in "—…⋯":
                run = len(line.text) - len(line.text.rstrip(mark))
                assert not (run % 2 and following.startswith(mark)), (line.text, following)
    if len(lines) > 1:
        assert sum(char_kind(c) in (0, 1) for c in lines[-1].text) >= 2, lines[-1].text
    assert lines[0].runs[0].x == pytest.approx(indent_em * SIZE)


@pytest.mark.parametrize("text", BUILTIN_PARAGRAPHS)
def test_builtin_paragraphs_keep_every_rule(measure, text):
    lines = typeset(text, measure, WIDTH, 2.0)
    assert "".join(line.text for line in lines) == text.replace(" ", "") or \
        "".join(line.text for line in lines).replace(" ", "") == text.replace(" ", "")
    assert_rules(lines, WIDTH)


def test_han_latin_gap_is_a_quarter_em_and_not_at_edges(measure):
    (line,) = typeset("使用AI技术", measure, WIDTH, 0.0)
    runs = {run.text: run for run in line.runs}
    han_end = runs["使用"].x + 2 * SIZE
    assert runs["AI"].x - han_end == pytest.approx(0.25 * SIZE)
    (edge,) = typeset("AI技术", measure, WIDTH, 0.0)
    assert edge.runs[0].x == 0.0


def test_punctuation_is_compressed_rather_than_breaking_a_rule(measure):
    # 21 em of text in 20.5 em: ending the line before "九。" (glued: 。 can't start a line)
    # would stretch it by 1.5 em; compressing the comma by ½ em fits the line instead.
    text = "一二三四五，六七八九十一二三四五六七八九。后面还有文字内容。"
    lines = typeset(text, measure, 20.5 * SIZE, 0.0)
    assert_rules(lines, 20.5 * SIZE, 0.0)
    first = lines[0]
    assert first.text == "一二三四五，六七八九十一二三四五六七八九。"
    assert [run.x for run in first.runs] == pytest.approx([0.0, 5.5 * SIZE])


def test_short_last_line_takes_characters_from_the_line_above(measure):
    text = "一二三四五六七八九十一二三四五六七八九十一。"  # 21 + 1 chars in 20 em
    lines = typeset(text, measure, 20 * SIZE, 0.0)
    assert len(lines) == 2
    assert sum(char_kind(c) == 0 for c in lines[-1].text) >= 2


def test_overlong_latin_word_is_cut(measure):
    text = "网址" + "x" * 80 + "结束。"
    lines = typeset(text, measure, WIDTH, 0.0)
    assert "".join(line.text for line in lines) == text
    assert all(line.width <= WIDTH + 0.3 for line in lines)


ALPHABET = st.sampled_from(list("中文排版测试规则的一是在不了有和人这")
                           + list("，。、；：！？“”（）《》")
                           + ["——", "……", "AI", "2025", "GDP", "5.2%", " ", "𠮷"])


# TYPESET_EXAMPLES=3000 for a long local search; the committed default stays quick
@settings(max_examples=int(os.environ.get("TYPESET_EXAMPLES", "60")), deadline=None)
@given(st.lists(ALPHABET, min_size=1, max_size=120), st.integers(8, 30))
def test_random_texts_keep_every_rule(measure, parts, width_em):
    text = "".join(parts).strip()
    if not text or sum(char_kind(c) in (0, 1) for c in text) < 4:
        return
    lines = typeset(text, measure, width_em * SIZE, 2.0)
    assert "".join(line.text for line in lines).replace(" ", "") == text.replace(" ", "")
    for index, line in enumerate(lines):
        assert line.width <= width_em * SIZE + 0.3
        if index < len(lines) - 1:
            assert abs(line.width - width_em * SIZE) <= 0.3, (line.text, line.width)
        if index:  # a text that begins with NO_START punctuation can't do better on line 1
            assert line.text[0] not in NO_START, line.text
        if index < len(lines) - 1:
            assert line.text[-1] not in NO_END, line.text
            following = lines[index + 1].text
            for mark in "—…":
                run = len(line.text) - len(line.text.rstrip(mark))
                assert not (run % 2 and following.startswith(mark)), (line.text, following)
    # rule 6 whenever the text's tail from its second-last letter fits half a line easily
    letters = [i for i, c in enumerate(text) if char_kind(c) in (0, 1)]
    if len(lines) > 1 and len(text) - letters[-2] <= width_em // 2:
        assert sum(char_kind(c) in (0, 1) for c in lines[-1].text) >= 2, lines[-1].text


def test_spacing_tunables_take_effect(measure):
    wide = Measure(measure.fonts, measure.font, SIZE, han_latin_gap_em=0.5, compression_em=0.0)
    (line,) = typeset("使用AI技术", wide, WIDTH, 0.0)
    runs = {run.text: run for run in line.runs}
    assert runs["AI"].x - 2 * SIZE == pytest.approx(0.5 * SIZE)
    text = "一二三四五，六七八九十一二三四五六七八九。后面还有文字内容。"
    lines = typeset(text, wide, 20.5 * SIZE, 0.0)  # no compression: the line must stretch
    assert lines[0].text == "一二三四五，六七八九十一二三四五六七八"
    assert_rules(lines, 20.5 * SIZE, 0.0)


def test_a_latin_word_that_would_leave_a_loose_line_is_cut(measure):
    text = "一二三四五六七八九十COVID-19ABCDEFGH一二三四五六七八九十。"
    lines = typeset(text, measure, 13 * SIZE, 0.0)  # 3 em would be left over otherwise
    assert_rules(lines, 13 * SIZE, 0.0)
    assert lines[0].text.startswith("一二三四五六七八九十CO")  # cut inside the word
    assert "".join(line.text for line in lines) == text


def test_few_gaps_letter_space_latin_words(measure):
    text = "甲乙ABCDEFGHIJ甲乙丙丁戊己庚辛壬癸。"
    lines = typeset(text, measure, 10 * SIZE, 0.0)
    assert_rules(lines, 10 * SIZE, 0.0)
    spaced = [run for line in lines[:-1] for run in line.runs if run.text.isascii()]
    assert all(run.char_space <= 0.4 * SIZE for run in spaced)


def glyph_lefts(line, measure: Measure) -> list[float]:
    lefts = []
    for run in line.runs:
        x = run.x
        for char in run.text:
            lefts.append(x)
            x += measure.glyph(char)[1] + run.char_space
    return lefts


def test_opening_mark_is_not_pulled_over_a_latin_letter(measure):
    # overfull lines compress punctuation, but never move “ in front of a narrow letter's
    # left edge (extraction orders characters by their left edge)
    text = "他说AI“现在通关更方便了。”这是真的，AI“可以”用。"
    for width_em in range(6, 16):
        for line in typeset(text, measure, width_em * SIZE, 2.0):
            lefts = glyph_lefts(line, measure)
            assert lefts == sorted(lefts) and len(set(lefts)) == len(lefts), line.text


def test_adjacent_marks_lose_the_blank_half_between_them(measure):
    (line,) = typeset("问题，“道德”。", measure, WIDTH, 0.0)
    lefts = dict(zip(line.text, glyph_lefts(line, measure), strict=True))
    assert lefts["“"] - lefts["，"] == pytest.approx(0.5 * SIZE)  # ，“ : comma's right half
    assert lefts["。"] - lefts["”"] == pytest.approx(0.5 * SIZE)  # ”。 : quote's right half
    plain = Measure(measure.fonts, measure.font, SIZE, compression_em=0.0)
    (line,) = typeset("问题，“道德”。", plain, WIDTH, 0.0)
    lefts = dict(zip(line.text, glyph_lefts(line, plain), strict=True))
    assert lefts["“"] - lefts["，"] == pytest.approx(SIZE)


def test_a_short_last_line_never_leaves_one_glyph_above_it(measure):
    # found by hypothesis: feeding the last line from above left "中" alone, unjustifiable
    lines = typeset("中2025中，，", measure, 8 * SIZE, 2.0)
    for line in lines[:-1]:
        assert abs(line.width - 8 * SIZE) <= 0.3, (line.text, line.width)


def assert_flush_and_rule6(lines, width: float) -> None:
    for line in lines[:-1]:
        assert abs(line.width - width) <= 0.3, (line.text, line.width)
        assert line.text[-1] not in NO_END, line.text
    for line in lines[1:]:
        assert line.text[0] not in NO_START, line.text
    assert sum(char_kind(c) in (0, 1) for c in lines[-1].text) >= 2, lines[-1].text


@pytest.mark.parametrize(("text", "width_em"), [
    ("——2025——", 8),  # found by hypothesis: '——' unjustified, then '2025——'
    ("……20251028123", 6),  # a lone …… before a number too long for the first line
    ("——ABCDEFG", 5),
    ("“——”2025年", 6),
    ("中中5.2%中", 6),
    ("中————2025", 6),  # an even run of dashes may end a line
])
def test_no_legal_break_cuts_a_word_rather_than_break_a_rule(measure, text, width_em):
    # every break between clusters leaves an unjustifiable line or a short last line
    lines = typeset(text, measure, width_em * SIZE, 2.0)
    assert "".join(line.text for line in lines) == text
    assert_flush_and_rule6(lines, width_em * SIZE)
    for line in lines:  # the pairs stay whole and unspaced
        for pair in ("——", "……"):
            if pair in text:
                assert pair in line.text or pair[0] not in line.text


def test_latin_word_wider_than_the_rest_of_the_line_after_a_pair(measure):
    text = "他说——Internationalization是一个长词，我们写作i18n。"
    for width_em in range(3, 12):
        lines = typeset(text, measure, width_em * SIZE, 2.0)
        assert "".join(line.text for line in lines) == text
        assert_flush_and_rule6(lines, width_em * SIZE)


@pytest.mark.parametrize("width_em", [3, 4, 5, 6])
def test_narrow_columns_keep_the_rules(measure, width_em):
    text = "中国GDP增长5.2%——高于预期……专家说：“AI和5G是关键。”记者王某报道。"
    lines = typeset(text, measure, width_em * SIZE, 2.0)
    assert "".join(line.text for line in lines) == text
    assert_flush_and_rule6(lines, width_em * SIZE)


def test_a_pair_alone_on_a_line_is_spaced_only_when_nothing_else_can_fill_it(measure):
    # the first line has room for the dashes only: spreading them is the one way to end flush
    lines = typeset("——《中》", measure, 3 * SIZE, 0.0)
    assert "".join(line.text for line in lines) == "——《中》"
    for line in lines[:-1]:
        assert abs(line.width - 3 * SIZE) <= 0.3, (line.text, line.width)


@pytest.mark.parametrize("width", [60.0, 150.0, WIDTH])
def test_a_long_paragraph_set_window_by_window_gives_the_lines_of_a_whole_setting(
        measure, width, monkeypatch):
    from layout.render import typeset as typeset_module

    text = "".join(BUILTIN_PARAGRAPHS) * 3 + " Latin words, 2025年 and 3.5% too. " * 20
    bold = Measure(measure.fonts, measure.fonts.body_bold, SIZE)
    lead = ("本报讯（记者 张三）", bold)
    monkeypatch.setattr(typeset_module, "WINDOW_CHARS", 10**9)
    whole = typeset(text, measure, width, 2.0, lead=lead)
    monkeypatch.setattr(typeset_module, "WINDOW_CHARS", 300)
    windowed = typeset(text, measure, width, 2.0, lead=lead)
    assert len(text) > 5 * 300
    assert windowed == whole
    assert_rules(windowed, width)


def test_lines_pickle_to_equal_lines(measure):
    """Typesetting workers send lines pickled; they come back equal, runs and all."""
    import pickle

    lines = typeset(BUILTIN_PARAGRAPHS[0], measure, WIDTH)
    back = pickle.loads(pickle.dumps(lines, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == lines and all(type(line.runs[0]).__name__ == "Run" for line in back)
    with pytest.raises(AttributeError):
        back[0].width = 1.0  # still frozen
