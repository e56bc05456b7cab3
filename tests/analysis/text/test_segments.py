"""Article segments of a page's body lines (layout.analysis.text.segments)."""

from __future__ import annotations

from layout.analysis.text.dump import analyze_text_dump
from layout.analysis.text.lines import ColumnWidth, line_info
from layout.analysis.text.paragraphs import State
from layout.analysis.text.segments import (
    _hand_on_trailing_titles,
    label_kickers,
    titles_over_bylines,
    titles_wrapped_at_commas,
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


def test_a_line_ending_on_a_comma_over_a_title_line_is_a_title() -> None:
    """A one-line paragraph ending on a comma (no paragraph ends there), set apart above,
    short, right over a title line, is a headline's first part wrapped after its comma, as
    is one right under a title line with no blank line between; a full line, one with a
    blank line under it or an indented one stays text."""
    s = State
    settings = Settings()
    width = ColumnWidth("chars", 20.0, 0.0)
    text = ("主义现代化取得决定性进展。\n\n新春走基层\n\n久久为功，\n“APEC蓝”\n成为“北京蓝”\n\n"
            "　　言出必践，是中国共产党执政的鲜明风格。")
    states = [s.LAST, s.TITLE, s.SINGLE, s.TITLE, s.TITLE, s.SINGLE]
    assert titles_wrapped_at_commas(_lines(text), states, width, settings) == [
        s.LAST, s.TITLE, s.TITLE, s.TITLE, s.TITLE, s.SINGLE]
    raw = text.replace("新春走基层\n\n久久为功", "新春走基层\n久久为功")  # no blank lines
    assert titles_wrapped_at_commas(_lines(raw), states, width, settings)[2] is s.TITLE
    for other in ("久久为功，\n\n“APEC蓝”", "　　久久为功，\n“APEC蓝”",
                  "久久为功，言出必践，是中国共产党执政的鲜明，\n“APEC蓝”"):
        lines = _lines(text.replace("久久为功，\n“APEC蓝”", other))
        assert titles_wrapped_at_commas(lines, states, width, settings) == states


WRAPPED_AT_COMMA = (  # a story, then a kicker over a headline wrapped after its comma
    '今日谈\n\n从“多少年”感悟自信（评论员观察）\n\n彭志玉 雷军永\n\n\u3000\u3000进一步'
    '拉长时间轴，中华民族虽历经磨难，\n但从未放弃追梦筑梦。上下求索、砥砺前行，正'
    '\n是我们党始终秉持为人民谋幸福、为民族谋复兴\n的初心，才让14亿多人一个不落'
    '地迈入全面小\n康、迈向共同富裕。一切奋斗、一切牺牲、一切\n创造，都让我们离复'
    '兴梦想越来越近。\n\u3000\u3000为什么能够成功？怎样才能继续成功？有藏\n族群众这样说：'
    '“只有跟对人，找到正确的路，才\n有光明的未来。”这里的“人”就是中国共产党人'
    '，\n这里的“路”就是党团结带领人民开辟的中国式\n现代化道路。时间跨度越长、实'
    '践创新越多，就\n越能深刻体悟到“没有中国共产党，就没有新中\n国，就没有中华民'
    '族伟大复兴”。\n\n新春走基层\n\n久久为功，\n“APEC蓝”\n成为“北京蓝”\n'
    '\n确保基本实现社会主义现代化取得决定性进展\n\n\u3000\u3000编者按：言出必践，是中国共'
    '产党执政的鲜\n明风格。\n\u3000\u3000“事情说了，得听到落地的回响，看看落实得\n到底怎'
    '么样。”习近平总书记反复强调实干兴邦、\n狠抓落实。“十四五”收官之年，人们看'
    '到，美好\n蓝图细化为施工图、转化为实景画，“件件有着\n落、事事有回音”。迈向'
    '下一个五年，要把“十五\n五”目标任务规划好实施好。\n')


def test_a_headline_wrapped_after_its_comma_opens_a_story() -> None:
    page = analyze_text_dump(WRAPPED_AT_COMMA.encode(), "comma.txt", Settings()).pages[0]
    assert [(a.kicker, a.headline, a.subtitle) for a in page.articles] == [
        ("今日谈", "从“多少年”感悟自信（评论员观察）", None),
        ("新春走基层", "久久为功，“APEC蓝”成为“北京蓝”",
         "确保基本实现社会主义现代化取得决定性进展")]
