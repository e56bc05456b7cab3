"""Article segments of a page's body lines (layout.analysis.text.segments)."""

from __future__ import annotations

from layout.analysis.text.lines import line_info
from layout.analysis.text.paragraphs import State
from layout.analysis.text.segments import (
    _hand_on_trailing_titles,
    label_kickers,
    titles_over_bylines,
)
from layout.ingest.text import page_lines
from layout.settings import Settings


def _lines(text: str) -> list:
    settings = Settings()
    return [line_info(line, settings) for line in page_lines(text)]


def test_titles_alone_over_a_dash_subtitle_are_its_headline() -> None:
    """An article of title lines alone cut off a story opening with a —— subtitle is the
    headline over that subtitle: one headline group, one article; title lines alone over
    a story opening with a plain title stay apart."""
    head = _lines("久久为功，“APEC蓝”\n成为“北京蓝”")
    story = _lines("——总书记的关切·落地的回响\n\n言出必践，是中国共产党执政的鲜明风格。")
    states = [State.TITLE, State.SINGLE]
    out = _hand_on_trailing_titles([(head, [State.TITLE] * 2, True), (story, states, True)])
    assert len(out) == 1
    assert [x.text for x in out[0][0]][:3] == ["久久为功，“APEC蓝”", "成为“北京蓝”",
                                              "——总书记的关切·落地的回响"]
    plain = _lines("一项改革带来就医新变化\n\n言出必践，是中国共产党执政的鲜明风格。")
    out = _hand_on_trailing_titles([(head, [State.TITLE] * 2, True), (plain, states, True)])
    assert len(out) == 2


def test_lines_set_apart_over_a_byline_heading_marked_text_are_titles() -> None:
    """Lines the paragraph states ran on from a sentence's end, set apart by blank lines
    right over a byline that a marked paragraph opening follows, are a headline group, and
    the paragraph above ends at that sentence; with no marked opening under the byline, or
    no sentence's end over the lines, the states stay."""
    text = ("　　同比上升22.3%，其中免签入境\n外国人同比增长48.3%。\n\n“守护好前人留给\n"
            "我们的宝贵财富”\n\n本报记者 钱华新\n\n　　2022年1月春节前夕赴山西看望")
    lines = _lines(text)
    s = State
    states = [s.FIRST, s.MIDDLE, s.MIDDLE, s.LAST, s.BYLINE, s.FIRST]
    assert titles_over_bylines(lines, states) == [
        s.FIRST, s.LAST, s.TITLE, s.TITLE, s.BYLINE, s.FIRST]
    unmarked = _lines(text.replace("\n\n　　2022", "\n\n2022"))
    assert titles_over_bylines(unmarked, states) == states
    open_end = _lines(text.replace("48.3%。", "48.3%，"))
    assert titles_over_bylines(open_end, states) == states


def test_a_label_stacked_on_a_headline_over_a_byline_is_its_kicker() -> None:
    """A short label set apart above but stacked right on a title line that runs into a
    byline (… / / 民生观察 / “要守牢实体经济这个根基” / / 本报记者 …) is that headline's
    kicker, not the last line of the story cut off above it; with no byline under the
    title line the states stay."""
    text = ("更好统筹高质量发展和\n高水平安全具有深刻的理论\n\n民生观察\n“要守牢实体经济这个根基”"
            "\n\n本报记者 司马敏子\n\n2025年2月听取吉林省委和省政府工作汇报。")
    lines = _lines(text)
    s = State
    states = [s.FIRST, s.MIDDLE, s.LAST, s.TITLE, s.BYLINE, s.SINGLE]
    assert label_kickers(lines, states, Settings()) == [
        s.FIRST, s.MIDDLE, s.TITLE, s.TITLE, s.BYLINE, s.SINGLE]
    no_byline = [s.FIRST, s.MIDDLE, s.LAST, s.TITLE, s.SINGLE, s.SINGLE]
    assert label_kickers(lines, no_byline, Settings()) == no_byline
