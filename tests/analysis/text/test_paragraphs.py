"""Paragraph states and articles on small hand-made dumps (column width 15)."""

from __future__ import annotations

import dataclasses

from layout.analysis.text.dump import analyze_text_dump
from layout.analysis.text.lines import ColumnWidth, estimate_width, line_info
from layout.analysis.text.paragraphs import (
    State,
    blank_weights,
    emission,
    label_lines,
    marks_indents,
)
from layout.ingest.text import page_lines
from layout.model import Role
from layout.settings import Settings


def _infos(text: str) -> list:
    settings = Settings()
    return [line_info(line, settings) for line in page_lines(text)]


PAGE = """
示范区：入户大走访 情暖千万家
记者 姬慧洋

\ufffd\ufffd连日来，市城乡一体化示范区
各单位纷纷开展入户大走访活动，
旨在通过深入每一个社区、每一户
家庭，与群众进行面对面交流，着力

解决群众急难愁盼问题，为群众营
造舒适、和谐、文明的生活环境。

拓宽思路解难题

共话文明暖人心

文昌街道景园社区广场上人头攒动
，热闹非凡。示范区纪委监察工委
工作人员和景园社区干部将刚从田
间地头拉回来的蔬菜卸车并引导群
众有序排队领取现场秩序井然。
示范区纪委监察工委通过在

景园社区发放蔬菜，开展了一场别
开生面的入户大走访活动，既帮助
农民解决了卖菜难题。

巩固拓展主题教育成果
推动示范区高质量发展

\ufffd\ufffd本报讯 （记者 张三） 1 月 10
日，市城乡一体化示范区党工委理
论学习中心组第五次集中学习研讨
暨主题教育评估测评会议召开。与
会人员围绕学习贯彻习近平总书记
关于党的建设的重要思想等内容进
行交流研讨。
"""


def _page():
    issue = analyze_text_dump(PAGE.encode("utf-8"), "hand.txt", Settings())
    return issue.pages[0]


def test_two_articles_with_their_headline_groups() -> None:
    first, second = _page().articles
    assert first.headline == "示范区：入户大走访 情暖千万家"
    assert first.bylines == ("记者 姬慧洋",)
    assert second.headline.replace(" ", "") == "巩固拓展主题教育成果推动示范区高质量发展"
    assert second.dateline == "本报讯（记者 张三）"  # the credit keeps its space
    assert any("张三" in b for b in second.bylines)


def test_paragraphs_follow_the_evidence() -> None:
    first = _page().articles[0]
    roles = [(b.role, b.text) for b in first.blocks]
    assert roles[0] == (Role.PARAGRAPH, "连日来，市城乡一体化示范区各单位纷纷开展入户大走访活动，"
                        "旨在通过深入每一个社区、每一户家庭，与群众进行面对面交流，着力"
                        "解决群众急难愁盼问题，为群众营造舒适、和谐、文明的生活环境。")
    assert roles[1] == (Role.SUBHEAD, "拓宽思路解难题 共话文明暖人心")
    # a full line ending a sentence, then an indent-short line: a new paragraph;
    # the short line before a blank (a column break) continues its sentence
    assert roles[2][1].endswith("现场秩序井然。")
    assert roles[3] == (Role.PARAGRAPH, "示范区纪委监察工委通过在景园社区发放蔬菜，"
                        "开展了一场别开生面的入户大走访活动，既帮助农民解决了卖菜难题。")
    assert len(roles) == 4


def test_dateline_paragraph_is_whole() -> None:
    second = _page().articles[1]
    assert [b.role for b in second.blocks] == [Role.PARAGRAPH]
    assert second.blocks[0].text.startswith("1月10日，市城乡")
    assert second.blocks[0].text.endswith("内容进行交流研讨。")


def test_viterbi_states_on_a_plain_column() -> None:
    lines = page_lines("一二三四五六七八九十一二三\n一二三四五六七八九十一二三四五\n一二三四五。\n"
                       "一二三四五六七八九十一二三\n一二三四五六七八九十一二三四五\n一二三四五六七八九。\n")
    settings = Settings()
    infos = [line_info(x, settings) for x in lines]
    width = ColumnWidth("chars", 15.0, 0.0)
    assert label_lines(infos, width, settings.text) == [
        State.FIRST, State.MIDDLE, State.LAST, State.FIRST, State.MIDDLE, State.LAST]


def test_width_estimate_prefers_the_measure_that_fits() -> None:
    settings = Settings()
    plain = "一二三四五六七八九十一二三四"
    digits, latin = "12345678一二三四五六七八九十", "ABCD一二三四五六七八九十一二"
    half = [plain, plain, digits, plain, latin, plain]
    width = estimate_width(half, settings)
    assert width is not None and width.measure == "half" and width.width == 14.0


def test_form_feed_pages_become_pages() -> None:
    data = (PAGE + "\f" + PAGE).encode("gb18030")
    issue = analyze_text_dump(data, "two.txt", Settings())
    assert [p.number for p in issue.pages] == [1, 2]
    assert [a.id for a in issue.pages[1].articles] == ["p2-a1", "p2-a2"]


def test_furniture_lines_become_metadata() -> None:
    page = "第3版：要闻\n2025年10月20日 星期一\n" + PAGE + "\n责任编辑：王五\n"
    issue = analyze_text_dump(page.encode(), "f.txt", Settings())
    assert issue.date == "2025-10-20" and issue.edition == "3" and issue.section == "要闻"
    kinds = [b.kind.value for b in issue.pages[0].furniture]
    assert kinds == ["edition", "date", "editor"]
    assert all("责任编辑" not in (b.text or "") for a in issue.pages[0].articles for b in a.blocks)


def test_jump_markers_become_continuations() -> None:
    page = PAGE.replace("农民解决了卖菜难题。\n", "农民解决了卖菜难题。\n（下转第2版）\n")
    issue = analyze_text_dump(page.encode(), "m.txt", Settings())
    first, second = issue.pages[0].articles
    assert first.continuations == ("（下转第2版）",)
    assert not second.continuations
    assert all("下转" not in (b.text or "") for b in first.blocks)


def test_caption_with_its_credit_on_the_next_line() -> None:
    page = PAGE + "\n民兵为群众讲解征兵政策。\n记者 姬慧洋 摄\n"
    issue = analyze_text_dump(page.encode(), "c.txt", Settings())
    captions = [b for b in issue.pages[0].blocks if b.role is Role.CAPTION]
    captions += [b for a in issue.pages[0].articles for b in a.blocks if b.role is Role.CAPTION]
    want = [("民兵为群众讲解征兵政策。", "记者 姬慧洋 摄")]
    assert [(c.text, c.credit) for c in captions] == want


FULL = "一二三四五六七八九十一二三四五"  # fills a 15-character column


def _column(lines: list[str]) -> list:
    settings = Settings()
    return [line_info(x, settings) for x in page_lines("\n".join(lines) + "\n")]


def test_blank_lines_weigh_as_breaks_where_the_dump_sets_them_between_paragraphs() -> None:
    # no indents, a blank line after every paragraph (short ends too) and one column break
    # (a blank after a full line inside a sentence): the full line ending a sentence before
    # a blank ends its paragraph; the one with no blank after it does not
    short_end = "一二三四五六。"
    body = []
    for _ in range(4):
        body += [FULL, FULL, short_end, ""]
    full_end = "一二三四五六七八九十一二三四。"
    body += [FULL, "", FULL, full_end, "", FULL, full_end, FULL, short_end]
    text = dataclasses.replace(Settings().text, indent_chars=0.0)
    infos = _column(body)
    width = ColumnWidth("chars", 15.0, 0.0)
    with_blank, without_blank = blank_weights(infos, width, text)
    assert with_blank > 1.0 and without_blank < -1.0
    assert label_lines(infos, width, text)[-7:] == [
        State.FIRST, State.MIDDLE, State.LAST,  # across the column break
        State.FIRST, State.MIDDLE, State.MIDDLE, State.LAST]


def test_blank_lines_say_nothing_where_they_stand_only_at_column_breaks() -> None:
    body = []
    for k in range(5):
        body += [FULL, FULL, "一二三四五六。"] + ([""] if k % 2 else [])
        body += [FULL, FULL] + ([""] if k % 2 == 0 else [])
    infos = _column(body)
    settings = Settings()
    with_blank, without_blank = blank_weights(infos, ColumnWidth("chars", 15.0, 0.0),
                                              settings.text)
    assert abs(with_blank) < 1.0 and abs(without_blank) < 1.0


def test_where_indents_are_marked_an_unmarked_full_line_opens_no_paragraph() -> None:
    indented = "\u3000\u3000一二三四五六七八九十一二三"
    body = []
    for _ in range(3):
        body += [indented, FULL, "一二三四五。"]
    # a line 2 short after one that ends a sentence: an indented first line, unless the
    # dump marks indents and this one has no mark
    body += [indented, "一二三四五六七八九十一二三四。", "一二三四五六七八九十一二，",
             "一二三四五。"]
    settings = Settings()
    infos = _column(body)
    width = ColumnWidth("chars", 15.0, 0.0)
    assert marks_indents(infos, width, settings.text)
    assert label_lines(infos, width, settings.text)[-4:] == [
        State.FIRST, State.MIDDLE, State.MIDDLE, State.LAST]
    assert label_lines(infos, width, settings.text, marked=False)[-4:] == [
        State.FIRST, State.LAST, State.FIRST, State.LAST]


def test_the_page_width_is_the_width_most_lines_are_cut_at() -> None:
    """Lines of two columns glued into one (twice the width) do not set the width of
    the many lines cut at one column's width."""
    narrow = ["够科学把握历史方位与形势变化，制定正确",
              "的政治战略策略，指引中国人民战胜无数风"] * 6
    glued = ["上海国际艺术节首趟分会场专列，一直以来，艺术节持续输送国内外优质的",
             "次复兴号列车从上海南站启程，拉开了今年演艺资源，点亮分会场，让长三"] * 4
    width = estimate_width(narrow + glued, Settings())
    assert width is not None and abs(width.width - 19) <= 1


def test_text_after_a_dateline_alone_on_its_line_is_its_paragraph() -> None:
    """本报讯（…） filling a line of its own, then an unindented line: one paragraph."""
    dump = ("民生实事落地见效\n\n　　本报讯（记者 东方敏 通讯员 金琪涵）\n亮点\n"
            "　　“十四五”时期，跨省住院直接结算率达\n到90%左右，群众看病就医更加方便。\n"
            "　　傍晚，安徽省芜湖市湾沚区的一家饭店\n迎来客流高峰，一道道美味小炒接连出锅。\n"
            "　　记者走进后厨，看到厨师们忙而不乱，\n菜品一道接着一道，端上了食客的餐桌。\n")
    article = analyze_text_dump(dump.encode(), "d.txt", Settings()).pages[0].articles[0]
    assert article.dateline is not None and article.dateline.startswith("本报讯")
    first = article.blocks[0]
    assert first.role is Role.PARAGRAPH and first.text == "亮点"


def test_a_piece_of_a_line_set_apart_mid_sentence_stays_in_its_paragraph() -> None:
    """An extractor may set a line's last character on a line of its own where the font
    changed (…可满足AI / 芯 / 片、…): the sentence goes on, no title stands there."""
    dump = ("芯片产业加快国产化\n\n"
            "　　宏泰半导体先后推出多型测试设\n备，测试设备性能稳定，可满足AI\n芯\n"
            "片、算力芯片、工业控制等领域需\n求，有效填补了高端测试领域的空\n"
            "白，市场前景十分广阔。\n"
            "　　强链补链是产业发展的必由之路，\n各方通过招大引强，持续做大做强\n"
            "产业集群，成效显著。\n")
    article = analyze_text_dump(dump.encode(), "f.txt", Settings()).pages[0].articles[0]
    paragraphs = [b.text for b in article.blocks if b.role is Role.PARAGRAPH]
    assert any("可满足AI芯片、算力芯片" in t for t in paragraphs)
    assert all(b.role is Role.PARAGRAPH for b in article.blocks)


_RUN_ON = ["　　本报讯（记者 高东浩）“十四", "五”时期，涉及（98.6%）跨省住",
           "院直接结算率达到90%左右",
           "　　傍晚，据悉“Made in China”", "安徽省芜湖市湾沚区的一家饭店迎",
           "来客流高峰。厨房里，饭店经营者兼", "大厨吴可云忙个不停，一道道美味", "小炒接连出锅。",
           "　　虽说辛苦，吴可云越干越有劲：", "“女儿身体情况不断好转，我更要好", "好干。”"]


def test_a_line_going_on_with_an_open_sentence_is_no_title() -> None:
    """A short line with no punctuation right under a line that leaves its sentence open,
    over an indented start, ends that paragraph (…跨省住 / 院直接结算率达到90%左右, a Typst
    page's dump, its squeezed punctuation leaving the full line short by the measure)."""
    settings = Settings()
    width = ColumnWidth("compressed", 14.5, 0.53)
    states = label_lines(_column(_RUN_ON), width, settings.text, marked=True)
    assert states[:4] == [State.FIRST, State.MIDDLE, State.LAST, State.FIRST]


def test_a_headline_after_a_story_cut_off_stays_a_headline() -> None:
    """Set apart by a blank line, or over a byline, the same kind of line is a title."""
    settings = Settings()
    width = ColumnWidth("compressed", 14.5, 0.53)
    apart = _RUN_ON[:2] + ["", "就医改革带来新变化"] + _RUN_ON[3:]
    assert label_lines(_column(apart), width, settings.text, marked=True)[2] is State.TITLE
    bylined = _RUN_ON[:3] + ["本报记者 王小明"] + _RUN_ON[3:]
    assert label_lines(_column(bylined), width, settings.text, marked=True)[2] is State.TITLE


def test_a_short_story_takes_the_pages_blank_lines_as_breaks() -> None:
    """A dump with no indents and a blank line after each paragraph: a story too short to
    weigh blank lines by itself reads them as the page does, so a paragraph ending a
    sentence on a nearly full line before a blank ends there (…发展潜力。 / / 这是…)."""
    first = ("党的全会研究制定规划建议\n本报记者 王小明\n\n"
             "每逢重大历史关头，中国共产\n党总是能够科学把握历史方位\n与形势变化，制定正确的政治\n"
             "战略策略，指引中国人民战胜\n无数风险挑战、始终走在时代\n前列。\n\n"
             "党的二十届四中全会，研究制\n定“十五五”规划建议，旨在\n对未来五年发展作出顶层设计\n"
             "和战略擘画，推动事关中国式\n现代化全局的战略任务取得重\n大突破。\n\n"
             "现代化，寄托着中华民族的夙\n愿和期盼。自成立以来，党带\n领人民所进行的一切奋斗就是\n"
             "为了强国复兴。从“一五”到\n“十四五”，一以贯之的主题\n始终不渝。\n\n"
             "五年规划是一个独特视角。科\n学制定和接续实施五年规划，\n是我们党治国理政的重要方\n"
             "式，是读懂中国式现代化的重\n要“密码”。\n\n")
    second = ("为全球自由区发展提供助力\n本报记者 盛晨森\n\n"
              "在海南自贸港全岛封关运作即\n将正式启动之际，第十一届世\n界自由区组织大会近日在海南\n"
              "国际会展中心举行，全球逾七\n十个国家和地区的业界代表与\n专家参会，充分展现出作为现\n"
              "代自由区的发展潜力和活力。\n\n"
              "这是该大会首次在中国举办，\n大会主题是“自由区：通向全\n球繁荣、贸易和可持续创新的\n"
              "大门”，在此举办大会对促进\n全球自由区合作交流具有特殊\n意义。\n")
    page = analyze_text_dump((first + second).encode(), "b.txt", Settings()).pages[0]
    article = page.articles[-1]
    assert article.headline == "为全球自由区发展提供助力"
    paragraphs = [b.text for b in article.blocks if b.role is Role.PARAGRAPH]
    assert len(paragraphs) == 2 and paragraphs[0].endswith("发展潜力和活力。")


_QUOTE = ["　　“有人说，北京的蓝天美好而短", "暂，过了这一阵就没了，我希望并相",
          "信能够保持下去。”"]
_AFTER = ["　　前些年，一见透亮的蓝天，人们", "都迫不及待地拍照片晒出来。现在司",
          "空见惯了，就不晒了。", "　　从惊喜到习惯，付出了怎样的努", "力？"]


def test_an_indented_dash_line_is_a_paragraph_not_a_subtitle() -> None:
    """A —— line carrying the paragraph indent mark (a quotation's source under it,
    ——习近平主席在… / …上强调) is a paragraph, its unpunctuated end and all: a subtitle is
    not set with the body's first-line indent."""
    settings = Settings()
    width = ColumnWidth("chars", 15.0, 0.2)
    source = ["　　——习近平主席在亚太经合组织", "领导人会议欢迎宴会上强调"]
    states = label_lines(_column(_QUOTE + source + _AFTER), width, settings.text, marked=True)
    assert states[3:6] == [State.FIRST, State.LAST, State.FIRST]


def test_a_marked_line_short_of_the_column_opens_a_paragraph() -> None:
    """Where the dump marks first lines, a marked line is a paragraph's first line even
    where it falls short of the measure and a column break follows it (typeset widths
    the measure misjudges): no title carries the paragraph mark."""
    settings = Settings()
    width = ColumnWidth("chars", 15.0, 0.2)
    source = ["　　——习近平主席在亚太经合", "", "组织领导人会议欢迎宴会上强调"]
    states = label_lines(_column(_QUOTE + source + _AFTER), width, settings.text, marked=True)
    assert states[3:6] == [State.FIRST, State.LAST, State.FIRST]


def test_an_unindented_dash_line_under_a_headline_stays_a_subtitle() -> None:
    settings = Settings()
    width = ColumnWidth("chars", 15.0, 0.2)
    head = ["党的全会研究制定规划建议", "——指引中国人民战胜风险挑战", "本报记者 王小明"]
    states = label_lines(_column(head + _AFTER), width, settings.text, marked=True)
    assert states[:3] == [State.TITLE, State.TITLE, State.BYLINE]


def test_a_line_short_by_a_quoted_run_and_the_character_after_it_fills_the_column() -> None:
    """A number in quotes is kept with the character on each side of its quotes (UAX #14
    keeps a quotation mark with both neighbours): a line that leaves the room for 为“36”
    but not for 为“36”城 is cut at the column's width, a middle line, not a paragraph's end."""
    settings = Settings()
    width = ColumnWidth("chars", 15.0, 0.0)
    line, after = _column(["一二三四五六七八九", "为“36”城市，一二三四五六七八"])
    assert emission(line, width, settings.text, after)[State.MIDDLE] == 0.0
    narrower = _column(["一二三四五六七八"])[0]  # room for the run and more: not cut there
    assert emission(narrower, width, settings.text, after)[State.MIDDLE] < -1.0


def test_a_line_short_by_the_unbreakable_run_the_next_line_opens_with_fills_the_column(
) -> None:
    """UAX #14 keeps a character with the closing mark after it (避头: 京。) and a quotation
    mark with both its neighbours, so 京。“刚 goes down whole: a line that leaves room for
    three characters but not for those four is cut at the column's width, a middle line,
    not a paragraph's end (…带女儿去南 / 京。“刚开始…); with room for the run it is not."""
    settings = Settings()
    width = ColumnWidth("chars", 15.0, 0.0)
    line, after = _column(["一二三四五六七八九十一二", "京。“刚开始一周去一次，病情得"])
    assert emission(line, width, settings.text, after)[State.MIDDLE] == 0.0
    narrower = _column(["一二三四五六七八九十"])[0]
    assert emission(narrower, width, settings.text, after)[State.MIDDLE] < -1.0
    # a run of ideographs breaks anywhere: nothing was pushed down
    plain = _column(["一二三四五六七八九十一二", "京城开始一周去一次，病情得到"])[1]
    assert emission(line, width, settings.text, plain)[State.MIDDLE] < -1.0
    # the line after is indented: it opens a paragraph, nothing went down from above
    opening = _column(["　　京。“刚开始一周去一次，病情"])[0]
    assert emission(line, width, settings.text, opening)[State.MIDDLE] < -1.0


def test_a_line_left_short_by_a_latin_word_pushed_down_fills_the_column() -> None:
    """90%；2024年，地级及以上城市 / PM2.5平均浓度…: the measure counts Latin letters and
    digits as half a character, and M, P, % are wider, so a line that pushed PM2.5 down
    with digits of its own is a middle line though it measures short; a line of Han text
    shorter still is not."""
    settings = Settings().text
    width = ColumnWidth("half", 17.0, 0.25)
    line, below = _infos("90%；2024年，地级及以上城市\nPM2.5平均浓度降至29.3微克/立方\n")
    assert emission(line, width, settings, below)[State.MIDDLE] >= -1.0
    han, below = _infos("全国重污染天数减少及以上\nPM2.5平均浓度降至29.3微克/立方\n")
    assert emission(han, width, settings, below)[State.MIDDLE] < -1.0
