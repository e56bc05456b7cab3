"""Rules of the text-dump front end that hold on any extractor's dumps.

Small hand-made lines: a multi-line caption above its credit line (the credit's organ
parted from it by the line break), a page-head section label joined by a middle dot,
a drop cap that opens a paragraph, a title's wrapped end, three-line headlines, and an
indented line that fills the column (a paragraph's first line, not a title).
"""

from __future__ import annotations

import pytest

from layout.analysis.text.dump import analyze_text_dump
from layout.analysis.text.joins import join_broken_datelines, join_drop_caps
from layout.analysis.text.lines import ColumnWidth, Fixed, line_info
from layout.analysis.text.paragraphs import State, emission, label_lines
from layout.analysis.text.partition import partition_lines
from layout.analysis.text.segments import sign_offs
from layout.analysis.text.titles import join_title_lines, merge_wrapped_tails
from layout.ingest.text import page_lines
from layout.model import Role
from layout.settings import Settings


def _infos(text: str) -> list:
    settings = Settings()
    return [line_info(line, settings) for line in page_lines(text)]


BODY = """　　近年来，各地坚持以人民为中心的发展
思想，推动城乡融合发展取得新进展。"""


def test_caption_text_over_several_lines_goes_with_its_credit() -> None:
    parts = partition_lines(_infos(
        BODY + "\n\n图为还有一些机构通过频繁更换公司主体\n或注销公司等手段逃避法律责任。新华社\n"
        "记者雷慧 摄\n"))
    assert [(c.text, c.credit) for c in parts.captions] == [
        ("图为还有一些机构通过频繁更换公司主体或注销公司等手段逃避法律责任。",
         "新华社记者雷慧 摄")]
    assert [x.text for x in parts.body][-1] == "思想，推动城乡融合发展取得新进展。"


def test_caption_line_ending_with_its_credit_takes_the_line_above() -> None:
    parts = partition_lines(_infos(
        BODY + "\n\n图为数据显示，前三季度企业贷款保持良好增\n势。本报记者叶新摄\n"))
    assert [(c.text, c.credit) for c in parts.captions] == [
        ("图为数据显示，前三季度企业贷款保持良好增势。", "本报记者叶新摄")]


def test_indented_paragraph_above_a_credit_stays_body() -> None:
    """A paragraph (indent marks) right above a bare credit is not the caption's text."""
    parts = partition_lines(_infos(BODY + "\n记者 姬慧洋 摄\n"))
    assert len(parts.body) == 2
    assert [c.role for c in parts.captions] == [Role.CREDIT]


def test_section_label_with_a_middle_dot_is_page_furniture() -> None:
    page = analyze_text_dump(
        ("评论·关注\n\n光明日报\n\n第03版 2026年9月30日 星期三\n\n" + BODY + "\n").encode(),
        "h.txt", Settings()).pages[0]
    assert "评论·关注" in [b.text for b in page.furniture]
    assert all(a.kicker != "评论·关注" for a in page.articles)


def test_editor_line_of_the_page_is_furniture() -> None:
    page = analyze_text_dump((BODY + "\n\n本版责编：陈东\n").encode(), "e.txt",
                             Settings()).pages[0]
    assert "本版责编：陈东" in [b.text for b in page.furniture]


def test_drop_cap_marks_the_first_line_of_its_paragraph() -> None:
    lines = join_drop_caps(page_lines("刘伟晨\n\n不\n\n久前，据悉西班牙商业顾问推出专著\n"))
    assert [x.text for x in lines] == ["刘伟晨", "不久前，据悉西班牙商业顾问推出专著"]
    assert lines[1].indent == 2
    quoted = join_drop_caps(page_lines("宋成东\n\n“报\n\n名时说先学习后付款，边学边赚钱\n"))
    assert [x.text for x in quoted] == ["宋成东", "“报名时说先学习后付款，边学边赚钱"]


def test_wrapped_end_of_a_title_line_joins_it() -> None:
    infos = _infos("老盛的“舍得”——\n\n“两山白茶贷”助力茶产业绿色环保发\n展\n")
    merged = merge_wrapped_tails(infos)
    assert [x.text for x in merged] == ["老盛的“舍得”——", "“两山白茶贷”助力茶产业绿色环保发展"]
    assert len(merge_wrapped_tails(_infos("引领未来\n中国\n"))) == 2  # a short title: a label


def test_three_line_headline_joins_without_spaces() -> None:
    assert join_title_lines(["莫让实习生", "权益保护", "成“死角”"]) == "莫让实习生权益保护成“死角”"
    assert join_title_lines(["巩固拓展主题教育成果", "推动示范区高质量发展"]) == (
        "巩固拓展主题教育成果 推动示范区高质量发展")


def test_indented_line_filling_the_column_is_no_title() -> None:
    """An indented line that fills the column after its indent (不少同学反映，… of an
    unpunctuated paragraph) scores lower as a title than an indented short line (a
    centred title), and is labelled a paragraph's first line."""
    width = ColumnWidth("chars", 19.0, 0.0)
    settings = Settings().text
    full, centred = _infos("　　不少同学反映，实习协议不对等、实习\n　　为何著书\n")
    assert emission(full, width, settings)[State.TITLE] < emission(
        centred, width, settings)[State.TITLE] - 1.5
    text = ("　　近来，许多读者、网友反映，在一些学生\n自主寻找的非实践教学实习中，由于缺乏对\n"
            "实习生劳动权益的明确规范，协议不清。\n　　不少同学反映，实习协议不对等、实习\n"
            "待遇低、缺乏实习指导\n　　“我曾在一家业内知名度很高的会计师\n"
            "事务所实习。”北京某大学会计学专业贾同\n"
            "学告诉记者，这份为期一个月的实习很累。\n")
    states = label_lines(_infos(text), width, settings)
    assert states[3:5] == [State.FIRST, State.LAST]


def test_lines_beside_a_drop_cap_are_full_lines() -> None:
    text = ("刘伟晨\n\n“报\n\n名时说先学习后付款，边学边赚钱，\n其实根本挣不到钱。”“课没上几\n"
            "节，想退课时却背上了6000元的债\n务。”近来，不少读者反映一些培训机构以“兼职赚\n"
            "学费”为诱饵，结果所谓的“先学后付”，实际\n是“先学后债”。\n")
    page = analyze_text_dump(text.encode(), "cap.txt", Settings()).pages[0]
    assert len(page.articles) == 1
    paragraphs = [b.text for b in page.articles[0].blocks if b.role is Role.PARAGRAPH]
    assert paragraphs == [
        "“报名时说先学习后付款，边学边赚钱，其实根本挣不到钱。”“课没上几节，想退课时"
        "却背上了6000元的债务。”近来，不少读者反映一些培训机构以“兼职赚学费”为诱饵，"
        "结果所谓的“先学后付”，实际是“先学后债”。"]


def test_name_fragments_of_full_lines_are_no_bylines() -> None:
    """In a raw dump of narrow columns a justified line can read as names (时科学 解答
    时代新); a bare-name byline is set apart or shorter than a full line."""
    column = ["\ufffd\ufffd每逢重大历史", "关头，中国共产党", "总是能够科学把握",
              "时科学 解答 时代新", "历史方位与形势变", "化，制定正确的政"]
    parts = partition_lines(_infos("\n".join(column) + "\n"))
    assert all(x.fixed is not Fixed.BYLINE for x in parts.body)
    parts = partition_lines(_infos("引领未来中国做对了什么\n邱学武\n" + "\n".join(column) + "\n"))
    assert parts.body[1].fixed is Fixed.BYLINE


def test_credit_wrapped_inside_its_name_stays_one_caption() -> None:
    parts = partition_lines(_infos(
        BODY + "\n\n图为引领未来，中国做对了什么。 本报记者韦\n东摄\n"))
    assert [(c.text, c.credit) for c in parts.captions] == [
        ("图为引领未来，中国做对了什么。", "本报记者韦东摄")]


def test_names_alone_after_a_story_open_one_with_an_outlined_headline() -> None:
    text = (BODY + "\n\n金英秀\n\n　　作为国家级艺术节，中国上海国际艺术节不断增强服务长三\n"
            "角、辐射全中国的平台功能，活动汇聚上海、江苏无锡、安徽合肥。\n")
    page = analyze_text_dump(text.encode(), "o.txt", Settings()).pages[0]
    assert [a.bylines for a in page.articles] == [(), ("金英秀",)]
    assert page.articles[1].headline is None


def test_names_alone_atop_the_page_text_are_a_byline() -> None:
    text = ("光明日报\n\n第14版 2024年12月6日 星期五\n\n金英秀\n\n"
            "　　作为国家级艺术节，中国上海国际艺术节不断增强服务长三\n"
            "角、辐射全中国的平台功能，活动汇聚上海、江苏无锡、安徽合肥。\n")
    page = analyze_text_dump(text.encode(), "t.txt", Settings()).pages[0]
    assert [a.bylines for a in page.articles] == [("金英秀",)]
    assert page.articles[0].headline is None


def test_a_paragraph_that_is_only_a_dateline_gives_its_names() -> None:
    text = ("引领未来中国做对了什么\n\n　　本报讯（记者 东方敏\n通讯员 金琪涵）\n亮点\n"
            "　　“十四五”时期，跨省住院直接结算率达到九成左右，异地就医\n更方便了。\n")
    article = analyze_text_dump(text.encode(), "d.txt", Settings()).pages[0].articles[0]
    assert article.dateline == "本报讯（记者 东方敏 通讯员 金琪涵）"
    assert "东方敏" in "".join(article.bylines) and "金琪涵" in "".join(article.bylines)
    assert all("本报讯" not in (b.text or "") for b in article.blocks)


COLUMN = ("　　近年来，各地坚持以人民为中心的发\n展思想，推动城乡融合发展取得新进展\n"
          "城乡融合发展取得新进展，推动城乡融合\n发展取得新进展，各地坚持以人民为中\n"
          "心的发展思想，推动城乡融合发展取得新\n进展。\n")


def test_caption_set_apart_from_its_bare_credit_goes_with_it() -> None:
    """Caption text wider than the body's lines, a blank line, then its bare credit."""
    parts = partition_lines(_infos(
        COLUMN + "\n从家里的阳台俯望下去，可以见到高大宽阔的防洪堤，堤外就是黄绿相间\n"
        "的鸳鸯江。\n\n邵涛摄\n"))
    assert [(c.text, c.credit) for c in parts.captions] == [
        ("从家里的阳台俯望下去，可以见到高大宽阔的防洪堤，堤外就是黄绿相间的鸳鸯江。",
         "邵涛摄")]
    assert len(parts.body) == 6


def test_body_lines_set_apart_above_a_bare_credit_stay_body() -> None:
    """The tail of a column (lines cut at the body's width) above a credit is no caption."""
    parts = partition_lines(_infos(
        COLUMN + "\n城乡融合发展取得新进展，推动城乡融合\n进展。\n\n邵涛摄\n"))
    assert [c.role for c in parts.captions] == [Role.CREDIT]
    assert len(parts.body) == 8


def test_a_lone_she_under_a_name_ends_the_credit_not_a_drop_cap() -> None:
    text = (COLUMN + "\n有的律师会让实习生提前走，但是许\n多学生为了今后能够留用，会自愿加\n"
            "班到凌晨。\n\n卢欣桂\n\n摄\n\n前三季度主要金融数据变化怎么看\n\n"
            "本报记者 史春春\n\n" + COLUMN)
    page = analyze_text_dump(text.encode(), "c.txt", Settings()).pages[0]
    captions = [b for a in page.articles for b in a.blocks if b.role is Role.CAPTION]
    captions += [b for b in page.blocks if b.role is Role.CAPTION]
    assert [(c.text, c.credit) for c in captions] == [
        ("有的律师会让实习生提前走，但是许多学生为了今后能够留用，会自愿加班到凌晨。", "卢欣桂摄")]
    assert page.articles[-1].headline == "前三季度主要金融数据变化怎么看"
    assert page.articles[-1].bylines == ("本报记者 史春春",)


_DATELINE_BODY = ("10月18日，融合了现代\n演艺形式和传统文化特色的英歌和醒\n"
                  "狮表演，为第二十四届中国上海国际\n艺术节国际演艺大会及国际对话会\n"
                  "拉开了序幕，全国各地的嘉宾纷纷前\n来观看。\n")


@pytest.mark.parametrize(("credit", "opening", "names"), [
    # 本报讯（记者 / 钟刚建 通讯员 / 龚艳）…
    ("本报讯（记者\n钟刚建 通讯员\n龚艳）", "本报讯（记者", "记者钟刚建通讯员龚艳"),
    # a narrow column breaks the credit over five lines; the bracket still closes
    ("本报西安10月25日电\n（记者 尹新\n通讯员\n彭红\n娜）", "本报西安10月25日电",
     "记者尹新通讯员彭红娜"),
    # broken before its 电 as well (本报拉萨7月23日 / 电（记者万丽一 / 通讯员 / …)
    ("本报拉萨7月23日\n电（记者万丽一\n通讯员\n令狐春金）", "本报拉萨7月23日电",
     "记者万丽一通讯员令狐春金"),
])
def test_a_dateline_broken_on_short_lines_keeps_its_names(credit: str, opening: str,
                                                           names: str) -> None:
    """A dateline's credit broken over short lines: the names stay in the dateline and go
    to the bylines; none of the pieces becomes a byline or title of its own."""
    text = "流动的艺术，联动的长三角\n\n　　" + credit + _DATELINE_BODY
    article = analyze_text_dump(text.encode(), "d.txt", Settings()).pages[0].articles[0]
    assert article.dateline is not None and article.dateline.startswith(opening)
    assert "".join(article.bylines).replace(" ", "") == names


def test_a_dateline_wrapped_at_the_column_width_is_left_as_it_is() -> None:
    lines = list(page_lines("　　本报北京10月19日电（记者 罗\n华）傍晚，安徽省芜湖市湾沚区的\n"
                            "饭店迎来客流高峰。厨房里，饭店经\n营者兼大厨吴可云忙个不停，一道道\n"))
    assert join_broken_datelines(lines) == lines


def test_a_jump_marker_with_an_arrow_is_a_marker() -> None:
    infos = _infos("▲上接第3版\n转第9版▲\n")
    assert [x.fixed for x in infos] == [Fixed.CONTINUATION, Fixed.CONTINUATION]


def test_a_sign_off_under_a_note_stays_with_it() -> None:
    """——编者 under the note it signs is a paragraph there, not a title over the next story;
    set apart by a blank line and not indented it stays as labelled."""
    infos = _infos("　　记者进行了采访。\n　　——编者\n“把保障居民安居乐业作为头等大事”\n")
    states = [State.SINGLE, State.TITLE, State.TITLE]
    assert sign_offs(infos, states) == [State.SINGLE, State.SINGLE, State.TITLE]
    apart = _infos("　　记者进行了采访。\n\n——编者\n")
    assert sign_offs(apart, [State.SINGLE, State.TITLE]) == [State.SINGLE, State.TITLE]


def test_no_byline_inside_a_quotation_headline() -> None:
    """安居乐业作 reads as names, but the quotation above it is still open."""
    parts = partition_lines(_infos("“把保障居民\n安居乐业作\n为头等大事”\n\n吴萍立\n\n" + COLUMN))
    assert [x.fixed for x in parts.body[:4]] == [Fixed.NONE, Fixed.NONE, Fixed.NONE,
                                                 Fixed.BYLINE]


def test_a_lone_character_wrapped_from_the_line_above_is_no_drop_cap() -> None:
    lines = list(page_lines("　　装备制造业、高技术制\n造业等重点行业维持高景气\n度\n\n金台随感\n"))
    assert [x.text for x in join_drop_caps(lines)] == [
        "装备制造业、高技术制", "造业等重点行业维持高景气", "度", "金台随感"]


def test_names_that_go_on_with_a_full_line_are_text() -> None:
    """A line that parses as bare names under a line cut at the column's width in
    mid-sentence is the text going on: under an indented first line (…促进高水 / 平安全),
    or full under full (…凤尚奕 / 白茶业有限公司授信) with a column break after it."""
    indented = ["　　完整准确全面贯彻新发展理念，以高质量发展促进高水", "平安全",
                "　　习近平总书记在《经济工作要适应经济发展新常态》中",
                "指出：“发展是党执政兴国的第一要务，是解决我国一切问题",
                "的基础和关键”；在亚洲相互协作与信任措施会议第四次峰会"]
    parts = partition_lines(_infos("\n".join(indented) + "\n"))
    assert all(x.fixed is not Fixed.BYLINE for x in parts.body)
    narrow = ["地安吉，由中国建设银", "行浙江湖州安吉支行", "向溪龙乡安吉凤尚奕",
              "白茶业有限公司授信", "", "210万元。"]
    parts = partition_lines(_infos("\n".join(narrow) + "\n"))
    assert all(x.fixed is not Fixed.BYLINE for x in parts.body)


def test_a_picture_caption_cut_at_the_body_width_goes_with_its_credit() -> None:
    """图为… set apart over a bare credit is the caption, even when no wider than the body."""
    parts = partition_lines(_infos(
        COLUMN + "\n图为早有准备的鄂温克猎人冲出了营地。\n\n本报记者范欣超摄\n"))
    assert [(c.text, c.credit) for c in parts.captions] == [
        ("图为早有准备的鄂温克猎人冲出了营地。", "本报记者范欣超摄")]


PACKAGE = """创新答卷彰显新型举国体制优势

本报记者　林文

　　“十四五”期间，在以习近平同志为核心的党中央坚强领导下，充分
发挥新型举国体制优势，全社会共同努力，我国科技事业取得历史性成
就，发生历史性变革，科技创新交出了一份亮眼的答卷，步伐铿锵有力。
　　创新中国动能澎湃，为中国式现代化建设提供了坚实支撑。
　　——编者

战略科技持续壮大

本报记者　刘诗瑶

　　以蓝白色相间的美丽地球为背景，神舟二十号乘组航天员王杰身穿舱
外服，在空间站机械臂和地面科研人员的配合支持下，顺利开展出舱任
务，茫茫太空多了一抹五星红旗的鲜艳，这样的场景时常出现。

原创成果不断涌现

本报记者　徐靖

　　早上，和往常一样，黄耀步履匆匆来到了位于安徽合肥科学岛的全超
导托卡马克核聚变实验装置控制大厅，开始为当天的实验做准备，这是
他一天工作的开始。
"""


def test_sections_of_a_package_opened_by_an_editors_note_stay_one_article() -> None:
    """An editor's note (——编者) opens a package: sections under a short title and a
    reporter's byline each, the titles of one length, belong to the one article."""
    page = analyze_text_dump(PACKAGE.encode(), "package.txt", Settings()).pages[0]
    assert [a.headline for a in page.articles] == ["创新答卷彰显新型举国体制优势"]
    texts = [b.text for b in page.articles[0].blocks if b.role is Role.PARAGRAPH]
    assert any(t.startswith("以蓝白色相间") for t in texts)
    assert any(t.startswith("早上，和往常一样") for t in texts)
    without_note = PACKAGE.replace("　　——编者\n", "")
    page = analyze_text_dump(without_note.encode(), "stories.txt", Settings()).pages[0]
    assert len(page.articles) == 3  # without the note, title and byline open stories


def test_a_short_line_beside_a_drop_cap_can_end_its_paragraph() -> None:
    """Beside a drop cap a full line is as long as the capped line without its cap; a
    line clearly shorter that ends a sentence ends the paragraph (no indent after it)."""
    text = ("刘伟晨\n\n本\n报讯（记者 姚岩颖）一句话，指\n明了方向。\n"
            "“要守牢实体经济这个根基，统筹推\n动传统产业转型、优势产业壮大和新\n"
            "质生产力培育”，今年2月，习近平\n总书记在听取省委工作汇报时指出。\n")
    page = analyze_text_dump(text.encode(), "cap.txt", Settings()).pages[0]
    paragraphs = [b.text for b in page.articles[0].blocks if b.role is Role.PARAGRAPH]
    assert paragraphs[0].endswith("一句话，指明了方向。")  # (its dateline apart)
    assert paragraphs[1].startswith("“要守牢")



def test_a_drop_cap_extracted_after_its_line_opens_that_line() -> None:
    """A drop cap whose middle lies below its paragraph's first line comes after that
    line in the dump (久前，… / 不 / 院长…); it is put back in front of the line, and the
    line after it goes on with the paragraph."""
    text = ("“理解与信任才是基础”\n\n文/图 本报记者 钟博\n\n"
            "久前，德国汽车经济学专家、波鸿汽车研究院\n\n不\n\n"
            "院长费迪南德·杜登赫费尔在湖北武汉体验了\n自动驾驶出租车服务。“驾驶过程平稳顺畅，\n"
            "就像坐在飞毯上一样，充满未来感。”杜登赫费尔在\n接受本报记者专访时说。\n")
    lines = join_drop_caps(page_lines(text))
    assert [x.text for x in lines][2:4] == [
        "不久前，德国汽车经济学专家、波鸿汽车研究院", "院长费迪南德·杜登赫费尔在湖北武汉体验了"]
    assert lines[2].indent == 2 and lines[3].blanks_before == 0
    page = analyze_text_dump(text.encode(), "cap.txt", Settings()).pages[0]
    paragraphs = [b.text for b in page.articles[0].blocks if b.role is Role.PARAGRAPH]
    assert paragraphs == [
        "不久前，德国汽车经济学专家、波鸿汽车研究院院长费迪南德·杜登赫费尔在湖北武汉"
        "体验了自动驾驶出租车服务。“驾驶过程平稳顺畅，就像坐在飞毯上一样，充满未来感。”"
        "杜登赫费尔在接受本报记者专访时说。"]


@pytest.mark.parametrize(("lines", "credit"), [
    ("大气污染防治是北京发展面临的一个最突出的问题。 通讯\n员赵伟立 摄", "通讯员赵伟立 摄"),
    ("大气污染防治是北京发展面临的一个最突出的问题。 通讯员\n刘娜桂 摄", "通讯员刘娜桂 摄"),
])
def test_a_credit_broken_after_its_title_goes_with_its_caption(lines: str, credit: str) -> None:
    """The line break left the credit's title (通讯员, or its start) on the caption line: the
    credit opens there, and the caption text over it is no body line (nor a kicker)."""
    parts = partition_lines(_infos(BODY + "\n\n" + lines + "\n"))
    assert [(c.text, c.credit) for c in parts.captions] == [
        ("大气污染防治是北京发展面临的一个最突出的问题。", credit)]
    assert [x.text for x in parts.body][-1] == "思想，推动城乡融合发展取得新进展。"


_NARROW = ("　　扎实发挥保险业经济\n减震器功能，服务保障新\n质生产力发展。\n\n"
           "构建同科技创新相\n适应的科技金融体制\n\n"
           "　　本报拉萨7月23日电\n（记者万丽一 通讯员令\n狐春金）科技是国家强盛\n"
           "之基，金融是国家重要的\n\n核心竞争力，科技金融是\n推动科技与金融双向促进\n"
           "的重要支撑。\n\n")


def test_lines_set_apart_over_a_marked_dateline_are_its_headline_group() -> None:
    """Unmarked lines set apart between a sentence's end and a marked paragraph opening
    with a dateline are the headline group of the story it opens, even where they are
    as wide as the column (要学“对不对”… / （中国道路…), not a paragraph of the story above."""
    text = (_NARROW + "哲学思辨的逻辑是美\n\n要学“对不对”，也学“美不美”\n（中国道路中国梦·青春\n"
            "为中国式现代化挺膺担当）\n\n　　本报讯（记者 丁远轩\n通讯员 夏英林）提起美术\n"
            "课，有关“GDP”你会想\n到什么？\n　　传统印象中，它或许\n是课程表上容易被忽略的\n"
            "角落，是被主科挤占\n的“边缘课”。今天，随\n着德智体美劳“五育并\n"
            "举”愈发深入人心，美育\n\n不再是锦上添花的配饰，\n而逐步成为现代教育\n"
            "的“刚需”。\n")
    articles = analyze_text_dump(text.encode(), "d.txt", Settings()).pages[0].articles
    assert [a.headline for a in articles][-1] == (
        "要学“对不对”，也学“美不美”（中国道路中国梦·青春为中国式现代化挺膺担当）")
    assert articles[-1].kicker == "哲学思辨的逻辑是美"
    assert articles[-1].bylines == ("记者 丁远轩 通讯员 夏英林",)
    assert articles[-2].blocks[-1].text.endswith("推动科技与金融双向促进的重要支撑。")


def test_lines_after_a_jump_marker_head_the_next_story() -> None:
    """The text before （下转第9版） ends there: the lines set apart after it over a ——
    subtitle are the next story's headline, not the paragraph above running on."""
    text = ("　　今起，本报开设“总书记\n的关切·落地的回响”专栏，展\n现各地各部门扎实推动习近平\n"
            "总书记重要指示精神落地落实\n的生动实践，记录千行百业的\n新变化、广大群众的获得感，\n"
            "为14亿多中国人民昂首奋进\n“十五五”汇聚力量。\n\n"
            "　　——2014年11月10日，\n习近平主席在亚太经合组织第二\n十二次领导人非正式会议欢迎\n"
            "宴会上强调，国际社会\n（下转第9版）\n\n"
            "中国人保五年来累计赔付支出超\n1.7万亿元多领域发展成果显著\n\n"
            "——中国人保研究制定做好金融\n\n见习记者 汪涛成\n\n"
            "　　“十四五”以来，中国人\n民保险集团股份有限公司（简\n称“中国人保”）以“五个\n"
            "新”的显著成效稳固了自身经\n营实力，更在服务国家战略、\n保障民生需求、防控金融风险\n"
            "等方面发挥“头雁”作用。\n")
    articles = analyze_text_dump(text.encode(), "d.txt", Settings()).pages[0].articles
    assert (articles[-1].headline or "").replace(" ", "") == (
        "中国人保五年来累计赔付支出超1.7万亿元多领域发展成果显著")
    assert articles[-1].subtitle == "——中国人保研究制定做好金融"
    assert articles[-2].blocks[-1].text.endswith("欢迎宴会上强调，国际社会")
    assert articles[-2].continuations == ("（下转第9版）",)
