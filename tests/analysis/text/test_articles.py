"""Article segmentation of dumps: headlines with neither byline nor dateline.

Small hand-made dumps (column width 14, no indent marks, no bylines) where only the
text itself tells a headline from a subhead: the vocabulary changes across it, a
jump marker ends the story before it, it is set over three lines, or it has no
sentence mark at all although it fills a column.
"""

from __future__ import annotations

from pathlib import Path

from layout.analysis.text.dump import analyze_text_dump
from layout.analysis.text.lines import line_info
from layout.analysis.text.starts import TOPIC_SHARED, shared_words
from layout.analysis.text.titles import split_title_lines
from layout.ingest.text import page_lines
from layout.model import Page, Role
from layout.settings import Settings

FARM = """近年来，各地坚持以人民为中
心的发展思想，推动城乡融合发展
取得新进展。在田间地头，新型农
业经营主体不断壮大，农民收入稳
步提高。
越来越多的年轻人回到家乡创
业，带动乡亲们一起增收致富。村
党支部书记说，村集体经济收入去
年超过一百万元，今后还要继续发
展特色产业。"""

FARM_MORE = """下一步，有关部门将持续完善
农村政策体系，推动公共服务向农
村延伸，让城乡融合发展成果更多
惠及农民群众，带动更多年轻人返
乡创业。"""

FACTORY = """走进一家智能制造企业的生产
车间，机械臂上下翻飞，一件件产
品有序下线。企业负责人介绍，近
三年来研发投入年均增长两成以上。
专家认为，要进一步强化企业
科技创新主体地位，让机器人和智
能软件更快走出实验室，走进工厂
车间。"""


def _page(text: str) -> Page:
    return analyze_text_dump(text.encode("utf-8"), "hand.txt", Settings()).pages[0]


def _lines(text: str) -> list:
    settings = Settings()
    return [line_info(line, settings) for line in page_lines(text)]


def test_shared_words_tell_one_story_from_two() -> None:
    same = _lines(FARM + "\n" + FARM_MORE)
    split = FARM.count("\n") + 1
    other = _lines(FARM + "\n" + FACTORY)
    one_story = shared_words(same, (0, split), (split, len(same)))
    two_stories = shared_words(other, (0, split), (split, len(other)))
    assert one_story is not None and two_stories is not None
    assert two_stories < TOPIC_SHARED <= one_story
    assert shared_words(same, (0, 1), (1, 2)) is None  # too little text to judge


def test_same_title_shape_is_a_headline_or_a_subhead_by_the_text_around_it() -> None:
    """A comma (headline syntax) alone is not enough; with a change of story it is."""
    page = _page(f"城乡融合发展迈出新步伐\n\n{FARM}\n\n科技创新，点亮产业未来\n\n{FACTORY}\n")
    assert [a.headline for a in page.articles] == [
        "城乡融合发展迈出新步伐", "科技创新，点亮产业未来"]
    assert all(b.role is Role.PARAGRAPH for a in page.articles for b in a.blocks)
    page = _page(f"城乡融合发展迈出新步伐\n\n{FARM}\n\n政策完善，服务延伸\n\n{FARM_MORE}\n")
    (article,) = page.articles
    assert [b.text for b in article.blocks if b.role is Role.SUBHEAD] == ["政策完善，服务延伸"]


def test_jump_marker_ends_the_story_before_a_title() -> None:
    page = _page(
        f"城乡融合发展迈出新步伐\n\n{FARM}\n（下转第3版）\n农村政策再完善\n\n{FARM_MORE}\n")
    assert [a.headline for a in page.articles] == ["城乡融合发展迈出新步伐", "农村政策再完善"]
    assert page.articles[0].continuations == ("（下转第3版）",)


def test_title_over_three_lines_is_a_headline_group() -> None:
    """Three title lines (kicker + wrapped headline) and a change of story: a new article;
    one line over the same change of story is not enough."""
    page = _page(f"城乡融合发展迈出新步伐\n\n{FARM}\n\n智能制造\n\n科技创新点亮\n产业发展未来\n\n"
                 f"{FACTORY}\n")
    assert len(page.articles) == 2
    assert page.articles[1].kicker == "智能制造"
    page = _page(f"城乡融合发展迈出新步伐\n\n{FARM}\n\n科技创新点亮\n\n{FACTORY}\n")
    assert len(page.articles) == 1


def test_title_filling_a_column_without_sentence_marks_is_not_a_paragraph() -> None:
    page = _page(f"城乡融合发展迈出新步伐\n\n{FARM}\n“让科技创新点亮产业未来”\n{FACTORY}\n")
    assert [a.headline for a in page.articles] == [
        "城乡融合发展迈出新步伐", "“让科技创新点亮产业未来”"]


def test_headline_wrapped_after_its_comma_above_a_byline() -> None:
    page = _page(f"城乡融合发展迈出新步伐\n\n{FARM}\n\n“科技创新，\n点亮产业未来”\n"
                 f"记者 张三\n\n{FACTORY}\n")
    assert [a.headline for a in page.articles] == [
        "城乡融合发展迈出新步伐", "“科技创新，点亮产业未来”"]
    assert page.articles[1].bylines == ("记者 张三",)


CREDITED = """凝心聚力促发展

本报讯 （记者 姬慧洋 通讯员
孙建伟） 1月 10日，示范区党工
委召开会议，传达学习有关精神。
会议指出，要进一步增强责任感。"""


def test_a_dateline_keeps_the_spaces_of_its_credit() -> None:
    (article,) = _page(CREDITED).articles
    assert article.dateline == "本报讯（记者 姬慧洋 通讯员 孙建伟）"
    assert article.bylines == ("记者 姬慧洋 通讯员 孙建伟",)
    assert article.blocks[0].text.startswith("1月10日，示范区")  # the text itself: no spaces


EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "zhoukou-demo-zone-page.txt"


def test_captions_of_the_sample_page_go_with_their_articles() -> None:
    page = analyze_text_dump(EXAMPLE.read_bytes(), str(EXAMPLE), Settings()).pages[0]
    assert page.blocks == ()  # no caption left over for after the last article
    owners = {block.text[:6]: article.headline for article in page.articles
              for block in article.blocks if block.role is Role.CAPTION}
    assert owners == {"示范区“创文": "示范区：入户大走访 情暖千万家",  # 创文 走访
                      "民兵为群众讲": "开展征兵宣传 激发青年入伍热情"}


def test_plain_kicker_over_a_longer_headline() -> None:
    """Two plain title lines over a byline: the clearly shorter first is the kicker (引题);
    a title under the byline (（一）) opens the text."""
    page = _page("为未来五年中国发展擘画蓝图\n确保基本实现社会主义现代化取得决定性进展\n\n"
                 "本报记者 史杰\n\n（一）\n" + FARM + "\n")
    article = page.articles[0]
    assert (article.kicker, article.headline) == (
        "为未来五年中国发展擘画蓝图", "确保基本实现社会主义现代化取得决定性进展")
    assert article.blocks[0].role is Role.SUBHEAD and article.blocks[0].text == "（一）"


def test_subhead_with_a_dash_lead_in_stays_in_its_story() -> None:
    """战略耐心—— / 可持续发展不是短跑，而是马拉松 inside a story is a subhead pair, not the
    headline group of a new article."""
    page = _page("引领未来中国做对了什么\n\n记者 张三\n\n" + FARM + "\n\n战略耐心——\n\n"
                 "可持续发展不是短跑，而是马拉松\n\n" + FARM_MORE + "\n")
    assert len(page.articles) == 1


def test_quotation_headline_wrapped_over_lines() -> None:
    """A quotation wrapped over two lines (“在上海， / 能看到演艺的未来”) is the headline,
    the line under it the subtitle; a kicker over it stays the kicker."""
    page = _page("“在上海，\n能看到演艺的未来”\n\n9份项目合作协议现场签署\n\n记者 钟刚建\n\n"
                 + FARM + "\n")
    article = page.articles[0]
    assert (article.kicker, article.headline, article.subtitle) == (
        None, "“在上海，能看到演艺的未来”", "9份项目合作协议现场签署")
    page = _page("不少读者对记者表示\n“为全球读者展现一个立体\n丰富的中国”（第一现场）\n\n"
                 "记者 宋涛思\n\n" + FARM + "\n")
    article = page.articles[0]
    assert (article.kicker, article.headline) == (
        "不少读者对记者表示", "“为全球读者展现一个立体丰富的中国”（第一现场）")


def test_series_label_kicker_bracket_wrap_and_comma_wrap() -> None:
    """A series name joined by a middle dot over the headline is its kicker; a title whose
    bracket wraps onto the next line is one line; a title line ending with a comma goes on
    to the next (no short subtitle)."""
    page = _page("深度观察·做好金融“五篇大文章”\n一片叶子富了一方百姓\n——持续滋养绿水青山\n\n"
                 "记者 韦丽海\n\n" + FARM + "\n")
    article = page.articles[0]
    assert (article.kicker, article.headline) == (
        "深度观察·做好金融“五篇大文章”", "一片叶子富了一方百姓")
    page = _page("前三季度主要金融数据变化怎么看（高质量发展看\n亮点·读数）\n"
                 "高技术制造业等重点行业维持高景气度\n\n记者 冯刚洋\n\n" + FARM + "\n")
    article = page.articles[0]
    assert (article.kicker, article.headline, article.subtitle) == (
        None, "前三季度主要金融数据变化怎么看（高质量发展看亮点·读数）",
        "高技术制造业等重点行业维持高景气度")
    page = _page("金台随感\n流动的艺术，\n联动的长三角\n\n记者 金英秀\n\n" + FARM + "\n")
    article = page.articles[0]
    assert (article.kicker, article.headline, article.subtitle) == (
        "金台随感", "流动的艺术，联动的长三角", None)


OCEAN = """在南海某海域，蛟龙号载人潜水
器再次下潜至七千米深处。潜航员
操纵机械手采集岩石样品，科考船
甲板上的专家紧盯着屏幕上的画面。
这次航次共完成十二次下潜作业，
获取珊瑚、海绵等珍贵标本数百件。"""


def test_a_lone_title_between_stories_that_share_no_words_opens_one() -> None:
    """One title line between two texts with next to no Han bigram in common (shared
    share under TOPIC_BREAK) opens a new article even with no byline or dateline."""
    page = _page(FARM + "\n\n深海探测新图景\n\n" + OCEAN + "\n")
    assert [a.headline for a in page.articles][-1] == "深海探测新图景"
    page = _page(FARM + "\n\n乡村振兴新图景\n\n" + FARM_MORE + "\n")
    assert len(page.articles) == 1  # the same story goes on under a subhead


def test_numbered_section_title_stays_a_subhead() -> None:
    """三、补齐产业短板 between texts sharing no words is a numbered section of the story."""
    page = _page("引领未来中国做对了什么\n\n记者 张三\n\n" + FARM + "\n\n三、深海探测新图景\n\n"
                 + OCEAN + "\n")
    assert len(page.articles) == 1
    assert [b.text for b in page.articles[0].blocks if b.role is Role.SUBHEAD] == [
        "三、深海探测新图景"]


def _title_lines(text: str) -> list:
    return split_title_lines(_lines(text), Settings().text)


def test_headline_wrapped_mid_phrase_is_one_headline() -> None:
    """Two title lines of like length (the second with a column tag set smaller) are one
    headline wrapped mid-phrase, not a kicker over a headline or a headline and label."""
    assert _title_lines("用金融之手“贷”\n动绿色发展（记者手记）") == (
        None, "用金融之手“贷”动绿色发展（记者手记）", None)
    kicker, headline, subtitle = _title_lines("委内瑞拉加强\n应对美军事威胁")
    assert kicker is None and subtitle is None  # (joined as a couplet: halves of like length)
    assert headline is not None and headline.replace(" ", "") == "委内瑞拉加强应对美军事威胁"
    assert _title_lines("用金融之手“贷”\n动绿色发展") == (None, "用金融之手“贷”动绿色发展", None)


def test_a_line_ending_on_a_comma_is_no_kicker() -> None:
    """A kicker is complete in itself: a first line ending on a comma is the headline's,
    wrapped after it (over a blank line too); a kicker may end on a colon."""
    assert _title_lines("引领未来，\n中国做对了什么") == (None, "引领未来，中国做对了什么", None)
    assert _title_lines("流动的艺术，\n联动的\n长三角") == (None, "流动的艺术，联动的长三角", None)
    assert _title_lines("引领未来，\n\n中国做对了什么") == (None, "引领未来，中国做对了什么", None)
    assert _title_lines("评论员观察：\n从“多少年”感悟自信") == (
        "评论员观察：", "从“多少年”感悟自信", None)


def test_a_column_label_by_its_words_is_the_kicker() -> None:
    """With no blank line and no telling length, a first line that reads as a column label
    (a known name, or a short phrase ending with a genre word: 随感, 手记, 故事 …) is the
    kicker over the headline the other lines make; a couplet's equal halves are not."""
    assert _title_lines("凡人善举\n我心中\n的两条江") == ("凡人善举", "我心中的两条江", None)
    assert _title_lines("环球走笔\n引领未来\n中国做对了什么") == (
        "环球走笔", "引领未来中国做对了什么", None)
    assert _title_lines("人民时评\n集采药，\n拼质量才能护健康") == (
        "人民时评", "集采药，拼质量才能护健康", None)
    kicker, headline, subtitle = _title_lines(
        "百姓故事\n裂缝护坡\n墙已修复\n\n村委会主任廖辉告诉记者")
    assert (kicker, subtitle) == ("百姓故事", "村委会主任廖辉告诉记者")
    assert headline is not None and headline.replace(" ", "") == "裂缝护坡墙已修复"
    kicker, headline, _ = _title_lines("讲好中国故事\n传播中国声音")
    assert kicker is None and headline is not None and headline.replace(" ", "") == (
        "讲好中国故事传播中国声音")


def test_a_short_line_over_a_headline_wrapped_at_a_phrase_is_the_kicker_unlisted() -> None:
    """A short line without punctuation over a headline wrapped into a short and a long line
    is the kicker by its shape alone, with no column name the lexicon knows; two short
    lines alone stay one headline."""
    assert _title_lines("山海来信\n守护一方\n绿水青山的年轻人") == (
        "山海来信", "守护一方绿水青山的年轻人", None)
    kicker, headline, _ = _title_lines("山海来信\n守护一方")
    assert kicker is None and headline is not None


def test_a_headline_closed_by_a_column_tag_keeps_the_part_under_it_as_subtitle() -> None:
    head, tag = "一项改革带来就医新变化", "（“十四五”的民生故事）"
    under = "跨省住院直接结算率达到90%左右"
    assert _title_lines(f"{head}\n{tag}\n\n{under}") == (None, head + tag, under)
    assert _title_lines("党的二十届四中全会在北京召开\n\n确保基本实现社会主义现代化") == (
        "党的二十届四中全会在北京召开", "确保基本实现社会主义现代化", None)


def test_a_long_series_tag_closing_a_wrapped_headline_keeps_the_part_under_it() -> None:
    """A series tag of over 30 characters with no clause in it, wrapped over the headline's
    lines, closes the headline: the line under it is the subtitle, set apart or not."""
    lines = ("更好统筹高质量发展和高水平安全（深入学", "习贯彻习近平新时代中国特色社会主义思",
             "想·学习《习近平经济文选》第一卷专家谈）")
    under = "进一步丰富和发展了总体国家安全观"
    head = "".join(lines)
    for gap in ("\n\n", "\n"):
        assert _title_lines("\n".join(lines) + gap + under) == (None, head, under)


def test_a_numbered_section_title_under_the_headline_opens_the_text() -> None:
    """（一） right under the headline is the text's first section title, no subtitle."""
    page = _page("引领未来中国做对了什么\n\n（一）\n" + FARM + "\n")
    article = page.articles[0]
    assert (article.kicker, article.headline, article.subtitle) == (
        None, "引领未来中国做对了什么", None)
    assert [b.text for b in article.blocks if b.role is Role.SUBHEAD] == ["（一）"]


def test_short_labels_beside_a_long_headline_stay_labels() -> None:
    assert _title_lines("开展征兵宣传激发青年入伍热情\n搬口街道") == (
        None, "开展征兵宣传激发青年入伍热情", "搬口街道")
    assert _title_lines("金台随感\n给缺点“上上秤”的办法") == (
        "金台随感", "给缺点“上上秤”的办法", None)
    assert _title_lines("据当地媒体报道\n委内瑞拉加强应对美军事威胁") == (
        "据当地媒体报道", "委内瑞拉加强应对美军事威胁", None)


def test_kicker_over_a_wrapped_headline_by_the_width_lines_are_cut_at() -> None:
    """A wrapped headline's first line is full: a first line clearly shorter than it, or
    clearly longer than every line under it (smaller type), is the kicker; lines of one
    width are one headline."""
    assert _title_lines("赓续红色血脉\n第二届新时代青\n年“重走长征路”\n徒步活动启动") == (
        "赓续红色血脉", "第二届新时代青年“重走长征路”徒步活动启动", None)
    assert _title_lines("“十四五”的民生故事\n一项改革\n带来就\n医新变化") == (
        "“十四五”的民生故事", "一项改革带来就医新变化", None)
    assert _title_lines("前三季度主\n要金融数据\n变化怎么看") == (
        None, "前三季度主要金融数据变化怎么看", None)
    assert _title_lines("莫让实习生\n权益保护\n成“死角”") == (
        None, "莫让实习生权益保护成“死角”", None)


def test_bold_lines_are_the_headline_and_plain_lines_wrapping_them_too() -> None:
    """An extractor doubling only some headline lines: the plain lines the headline wraps
    onto stay in it; only a first line of another width is a kicker; a plain line clearly
    wider under the bold run is the subtitle."""
    assert _title_lines("现场直击\nIMF 调高全球\n增增长长预预期期强强调调世世\n界经济仍较脆弱") == (
        "现场直击", "IMF调高全球增长预期强调世界经济仍较脆弱", None)
    assert _title_lines("前三季度主\n要要金金融融数数据据\n变化怎么看") == (
        None, "前三季度主要金融数据变化怎么看", None)
    assert _title_lines("编辑手记\n思思政政课课，，一一个个温温暖暖的的““圆圆””\n"
                        "最终，思政课完成了一个温暖的“圆”") == (
        "编辑手记", "思政课，一个温暖的“圆”", "最终，思政课完成了一个温暖的“圆”")


def test_a_line_set_apart_under_a_labelled_headline_is_its_subtitle() -> None:
    assert _title_lines("一线视角\n让科普“追”\n上科创\n\n在全社会营造科技创新的浓厚氛围") == (
        "一线视角", "让科普“追”上科创", "在全社会营造科技创新的浓厚氛围")


def test_titles_closing_a_bracket_they_never_opened_open_no_article() -> None:
    """A dateline's credit broken into short lines (霞轩 / 通讯员闫欣）) goes on with the
    text above it."""
    page = _page("引领未来中国做对了什么\n\n" + FARM + "\n　　本报讯（记者\n令狐\n\n霞轩\n"
                 "通讯员 闫欣）\n（一）\n" + FARM_MORE + "\n")
    assert len(page.articles) == 1


def test_headline_wrapped_over_a_bracket_is_measured_by_its_first_line() -> None:
    """A headline line leaving a bracket open is joined to the lines it wraps onto; the
    line above is compared with the first of them (the width they are cut at), so a full
    first line is no kicker."""
    assert _title_lines("更好统筹高质量发展和高水平安\n全（深入学习贯彻习近平新时代\n"
                        "中国特色社会主义思想·学习《习\n近平经济文选》第一卷专家谈）") == (
        None, "更好统筹高质量发展和高水平安全（深入学习贯彻习近平新时代中国特色社会主义思想·"
        "学习《习近平经济文选》第一卷专家谈）", None)


def test_a_line_set_apart_over_a_wrapped_headline_opens_a_story() -> None:
    """国际论坛 / / 谱写全球妇女 / 事业发展新篇章 between two texts: a kicker over a wrapped
    headline (a subhead has no kicker), not a subhead."""
    page = _page("引领未来中国做对了什么\n\n记者 张三\n\n" + FARM + "\n\n国际论坛\n\n谱写全球妇女\n"
                 "事业发展新篇章\n\n" + FARM_MORE + "\n")
    assert [(a.kicker, (a.headline or "").replace(" ", "")) for a in page.articles] == [
        (None, "引领未来中国做对了什么"), ("国际论坛", "谱写全球妇女事业发展新篇章")]


def test_a_headline_set_as_art_leaves_its_kicker_and_subtitle() -> None:
    """A headline with no text in the dump (outlines): a lone —— subtitle stays the
    subtitle, a label set apart over it the kicker; a headline over one stays one."""
    assert _title_lines("——服务国内国际双循环的重要平台") == (
        None, None, "——服务国内国际双循环的重要平台")
    assert _title_lines("人民时评\n\n——制定正确的政治战略策略") == (
        "人民时评", None, "——制定正确的政治战略策略")
    assert _title_lines("深度观察·做好金融“五篇大文章”\n\n——这里的金融机构加快产品和服务创新") == (
        "深度观察·做好金融“五篇大文章”", None, "——这里的金融机构加快产品和服务创新")
    assert _title_lines("阿克陶的杨树\n\n——窗外的杨树成排挺立") == (
        None, "阿克陶的杨树", "——窗外的杨树成排挺立")


def test_a_quotation_inside_a_headline_wrapped_at_one_width_is_no_headline() -> None:
    """让科普 / “追” / 上科创: one headline wrapped at three characters, not a kicker over
    a quoted headline."""
    assert _title_lines("让科普\n“追”\n上科创\n\n——这是科普资源的") == (
        None, "让科普“追”上科创", "——这是科普资源的")


def test_a_label_set_apart_over_a_title_is_its_kicker_after_text_cut_off() -> None:
    """A story cut off mid-sentence (its frame ends: …推动乡村全面振兴，) and a label set
    apart under it (百姓故事) over the next headline: the label is that headline's kicker,
    not the last line of the paragraph above."""
    cut = FARM.rsplit("\n", 1)[0] + "\n展特色产业，推动乡村全面振兴，"  # a full line, cut off
    page = _page("引领未来中国做对了什么\n\n记者 张三\n\n" + cut
                 + "\n\n百姓故事\n\n深海探测新图景\n\n" + OCEAN + "\n")
    assert [(a.kicker, a.headline) for a in page.articles] == [
        (None, "引领未来中国做对了什么"), ("百姓故事", "深海探测新图景")]
    assert not page.articles[0].blocks[-1].text.endswith("百姓故事")


def test_a_quotation_wrapped_from_the_line_above_is_no_headline_under_a_kicker() -> None:
    """A one-line quotation closing the title, cut at the width of the line right above
    it, is the headline's wrapped end; a label line far narrower than it is a kicker."""
    assert _title_lines("国家队也能\n“省里办”") == (None, "国家队也能“省里办”", None)
    assert _title_lines("给缺点\n“上上秤”") == (None, "给缺点“上上秤”", None)
    assert _title_lines("民生观察\n“要守牢实体经济这个根基”") == (
        "民生观察", "“要守牢实体经济这个根基”", None)


def test_a_headline_wrapped_in_larger_type_than_the_line_under_it_is_over_a_subtitle() -> None:
    """A block wrapped over two lines over a line holding clearly more characters: the
    block is set larger, so it is the headline and the line its subtitle (a kicker is set
    smaller than its headline); a single line over another says nothing of sizes."""
    kicker, headline, subtitle = _title_lines(
        "构建同科技创新相\n适应的科技金融体制\n\n金融资源配置与经济社会发展需要紧密结合")
    assert kicker is None and subtitle == "金融资源配置与经济社会发展需要紧密结合"
    assert headline is not None
    assert headline.replace(" ", "") == "构建同科技创新相适应的科技金融体制"
    assert _title_lines("从“多少年”\n感悟自信\n\n勾勒出发展的新脉络") == (
        None, "从“多少年”感悟自信", "勾勒出发展的新脉络")
    assert _title_lines(
        "填补制度空白 畅通基层民主渠道\n\n示范区各街道相继召开第一届议事代表会议第一次会议"
    )[0] == "填补制度空白 畅通基层民主渠道"


def test_a_staff_credit_run_on_to_a_title_line_is_the_byline() -> None:
    """An extractor ran the subtitle's wrapped end and the byline under it into one line
    (…发展之 / 路本报记者 张三): the credit is the byline, the rest the subtitle's."""
    page = _page("引领未来中国做对了什么\n\n——从多少年里感悟自信的发展之\n路本报记者 张三\n\n"
                 + FARM + "\n")
    article = page.articles[0]
    assert (article.headline, article.subtitle) == (
        "引领未来中国做对了什么", "——从多少年里感悟自信的发展之路")
    assert article.bylines == ("本报记者 张三",)


def test_jump_marker_cuts_the_paragraph_over_it() -> None:
    """A story sent on (（下转第3版）) mid-sentence: its last paragraph ends over the marker,
    and the full-width headline right under it heads the next story, not the text's rest."""
    cut = FARM[:FARM.index("年超过")]
    page = _page(f"城乡融合发展迈出新步伐\n\n{cut}\n（下转第3版）\n\n智能制造企业加快数字化\n\n"
                 f"{FACTORY}\n")
    assert [a.headline for a in page.articles] == [
        "城乡融合发展迈出新步伐", "智能制造企业加快数字化"]
    last = [b.text for b in page.articles[0].blocks if b.role is Role.PARAGRAPH][-1]
    assert last.endswith("村集体经济收入去")


def test_a_byline_over_the_title_lines_ends_no_headline_group() -> None:
    """A byline line over a headline group (a photo credit's stray 记者 over the next
    story) leaves the title lines under it one group: 现场直击 / 用金融之手“贷”动绿色发展
    is kicker and headline, not a kicker with the headline taken for a subhead; a title
    under the byline of a group still opens the text."""
    from layout.analysis.text.articles import build_article
    from layout.analysis.text.paragraphs import State

    s = State
    lines = _lines("记者\n\n现场直击\n用金融之手“贷”动绿色发展\n\n付颖磊\n\n"
                   "从支持光伏电站、风电场建设的大额项目融资。")
    article = build_article(lines, [s.BYLINE, s.TITLE, s.TITLE, s.BYLINE, s.SINGLE], "a",
                            Settings().text, True)
    assert (article.kicker, article.headline) == ("现场直击", "用金融之手“贷”动绿色发展")
    assert [b.role for b in article.blocks] == [Role.PARAGRAPH]
    lines = _lines("用金融之手“贷”动绿色发展\n\n付颖磊\n\n（一）项目融资\n"
                   "从支持光伏电站、风电场建设的大额项目融资。")
    article = build_article(lines, [s.TITLE, s.BYLINE, s.TITLE, s.SINGLE], "a",
                            Settings().text, True)
    assert article.headline == "用金融之手“贷”动绿色发展"
    assert [b.role for b in article.blocks] == [Role.SUBHEAD, Role.PARAGRAPH]
