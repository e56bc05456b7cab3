"""Headline groups of text dumps: title lines -> kicker, headline, subtitle
(layout.analysis.text.titles)."""

from __future__ import annotations

from layout.analysis.text.lines import line_info
from layout.analysis.text.titles import split_title_lines
from layout.ingest.text import page_lines
from layout.settings import Settings


def _title_lines(text: str) -> tuple[str | None, str | None, str | None]:
    settings = Settings()
    return split_title_lines([line_info(x, settings) for x in page_lines(text)], settings.text)


def test_a_column_label_standing_alone_is_the_kicker() -> None:
    """A column's name set apart over its headline, or alone (the headline set as art), is
    the kicker; a plain line alone stays a headline."""
    assert _title_lines("编辑手记") == ("编辑手记", None, None)
    assert _title_lines("深度观察·科技前沿") == ("深度观察·科技前沿", None, None)
    assert _title_lines("环球走笔\n\n引领未来中国做对了什么") == (
        "环球走笔", "引领未来中国做对了什么", None)
    assert _title_lines("引领未来中国做对了什么") == (None, "引领未来中国做对了什么", None)
    kicker, headline, subtitle = _title_lines("环球走笔\n\n引领未来\n中国做对了什么\n\n"
                                              "发展成果惠及更多民众")
    assert (kicker, subtitle) == ("环球走笔", "发展成果惠及更多民众")
    assert (headline or "").replace(" ", "") == "引领未来中国做对了什么"


def test_a_quotation_wrapped_from_the_line_above_over_a_subtitle_set_apart() -> None:
    """A one-line quotation cut at the width of the line right above it ends the headline
    also where a blank line sets a subtitle apart under it (a column label set apart over
    them the kicker)."""
    assert _title_lines("金台随感\n\n给缺点\n“上上秤”\n\n就得不断克服缺点") == (
        "金台随感", "给缺点“上上秤”", "就得不断克服缺点")


def test_the_line_a_quotation_wraps_from_is_no_label_over_it() -> None:
    """给缺点 / “上上秤” over a subtitle set apart: the short first line runs on into the
    quotation cut at its width, so it is the headline's first line, not a label."""
    assert _title_lines("给缺点\n“上上秤”\n\n就得不断克服缺点") == (
        None, "给缺点“上上秤”", "就得不断克服缺点")
    assert _title_lines("民生观察\n“要守牢实体经济这个根基”") == (
        "民生观察", "“要守牢实体经济这个根基”", None)


def test_a_label_is_weighed_against_the_part_under_it_not_a_subtitle_set_apart() -> None:
    """A short first line is a label only when short beside the lines under it down to the
    next blank line: a long subtitle set apart further down is set in other type (创新驱动
    / 发展新动能 is a headline wrapped in large type over its subtitle)."""
    kicker, headline, subtitle = _title_lines(
        "创新驱动\n发展新动能\n\n全省高新技术企业数量突破一万家")
    assert (kicker, subtitle) == (None, "全省高新技术企业数量突破一万家")
    assert (headline or "").replace(" ", "") == "创新驱动发展新动能"
    assert _title_lines("搬口街道\n\n开展征兵宣传激发青年入伍热情") == (
        "搬口街道", "开展征兵宣传激发青年入伍热情", None)
    assert _title_lines("山海来信\n守护一方\n绿水青山的年轻人") == (
        "山海来信", "守护一方绿水青山的年轻人", None)


def test_a_quotation_wrapped_at_a_wider_measure_is_under_a_label() -> None:
    """A quotation wrapped over two lines runs on from the line above it only when none of
    its lines is clearly wider than that line."""
    assert _title_lines("多味斋\n“车担卜\n页飞上天”") == ("多味斋", "“车担卜页飞上天”", None)
    assert _title_lines("给缺点\n“上\n上秤”") == (None, "给缺点“上上秤”", None)


def test_a_wrapped_headline_line_reading_as_a_label_keeps_it_set_larger() -> None:
    """Only a first line can be a label over the block: a headline's wrapped line that ends
    with a genre word (…三十年故事) leaves the block set larger over its subtitle."""
    assert _title_lines("一位乡村教师的\n三十年故事\n\n坚守山村讲台培养上千名学生走出大山") == (
        None, "一位乡村教师的三十年故事", "坚守山村讲台培养上千名学生走出大山")


def test_a_wrapped_title_over_one_part_set_apart_is_headline_and_subtitle() -> None:
    """A title wrapped over two lines with one part set apart under it: a kicker is set
    smaller and seldom wraps, so the wrapped part is the headline, the other its subtitle."""
    kicker, headline, subtitle = _title_lines(
        "IMF调高全球增长预\n期强调世界经济仍较脆弱\n\n美国经济增速放缓")
    assert (kicker, subtitle) == (None, "美国经济增速放缓")
    assert (headline or "").replace(" ", "") == "IMF调高全球增长预期强调世界经济仍较脆弱"
    assert _title_lines("多味斋\n“车担卜\n页飞上天”\n\n老字号点心走出小巷") == (
        "多味斋", "“车担卜页飞上天”", "老字号点心走出小巷")
    kicker, headline, subtitle = _title_lines("国际论坛\n\n谱写全球妇女\n事业发展新篇章\n\n"
                                              "各国代表齐聚一堂")
    assert (kicker, subtitle) == ("国际论坛", "各国代表齐聚一堂")
    assert (headline or "").replace(" ", "") == "谱写全球妇女事业发展新篇章"


def test_a_headline_wrapped_over_a_quotation_is_weighed_as_cut() -> None:
    """A line joined from the lines a quotation wraps over is as wide as its first: a short
    line over it is the headline's first line, not a label beside the joined text."""
    assert _title_lines("大力推\n广“以\n竹代塑”") == (None, "大力推广“以竹代塑”", None)


def test_a_bold_headline_is_weighed_against_its_own_lines() -> None:
    """A plain kicker over a headline an extractor set bold only in part: the kicker is
    weighed against the lines down to the next blank line, not the subtitle set apart;
    a plain line under the bold run no wider than the headline's widest line wraps it
    (a line holding figures is narrower than the headline's measure)."""
    assert _title_lines("服务实体经济\n中国人保五年来累计赔\n付付支支出出超超11..77万万亿亿\n"
                        "元多领域发展成果显著\n\n累计承担保险责任金额12104万亿元") == (
        "服务实体经济", "中国人保五年来累计赔付支出超1.7万亿元多领域发展成果显著",
        "累计承担保险责任金额12104万亿元")


def test_short_wrapped_lines_of_a_fake_bold_headline_are_undoubled_with_it() -> None:
    """A line of doubled characters too short to count as fake bold alone, wrapped right
    under a fake-bold line, is set bold with it; alone it keeps its characters."""
    assert _title_lines("评论员观察\n从从““多多少少年年””\n感感悟悟\n自自信信\n\n"
                        "高铁在很大程度上改变着人们规划生活") == (
        "评论员观察", "从“多少年”感悟自信", "高铁在很大程度上改变着人们规划生活")
    assert _title_lines("高高兴兴\n\n过大年") == ("高高兴兴", "过大年", None)


def test_two_lines_set_apart_the_first_not_shorter_are_headline_and_subtitle() -> None:
    """Two title lines each alone between blank lines: a kicker leads into the headline in
    fewer words, so a first line not clearly shorter than the second is the headline and
    the second its subtitle; a first line clearly shorter, a column label, a second line
    closed by a column tag or a whole quotation, a first line ending on a verb leading into
    the second (…考察, …表示), or one line set bold alone, keep kicker over headline."""
    assert _title_lines("服务消费潜力巨大\n\n是大力提振消费") == (
        None, "服务消费潜力巨大", "是大力提振消费")
    assert _title_lines("前三季度主要金融数据变化怎么看\n\n企业信贷需求满足了吗") == (
        None, "前三季度主要金融数据变化怎么看", "企业信贷需求满足了吗")
    assert _title_lines("绿水青山\n\n守护一方绿水青山的年轻人") == (
        "绿水青山", "守护一方绿水青山的年轻人", None)
    assert _title_lines("记者手记\n\n服务消费潜力巨大") == ("记者手记", "服务消费潜力巨大", None)
    assert _title_lines("习近平总书记来到平遥古城考察\n\n“守护好财富”") == (
        "习近平总书记来到平遥古城考察", "“守护好财富”", None)
    assert _title_lines("委外长希尔在社交媒体上表示\n\n委内瑞拉加强应对") == (
        "委外长希尔在社交媒体上表示", "委内瑞拉加强应对", None)
    assert _title_lines("企业创新显著提升\n\n服务消费潜力巨大（专家点评）") == (
        "企业创新显著提升", "服务消费潜力巨大（专家点评）", None)
    assert _title_lines("保障功能实现新跨越\n\n“推进共同体建设”") == (
        "保障功能实现新跨越", "“推进共同体建设”", None)
    assert _title_lines("保保险险商商业业模模式式新新突突破破\n\n中国科技活力奔涌") == (
        "保险商业模式新突破", "中国科技活力奔涌", None)


def test_a_line_ending_on_a_verb_leading_in_over_the_headline_is_the_kicker() -> None:
    """A first title line ending on a verb that introduces what the line under it says
    (…表示, …考察) is the kicker over it, stacked with no blank line too, and also over a
    quotation that would otherwise read as wrapped from it at its width."""
    assert _title_lines("委外长希尔在社交媒体上表示\n委内瑞拉加强应对美军事威胁") == (
        "委外长希尔在社交媒体上表示", "委内瑞拉加强应对美军事威胁", None)
    assert _title_lines("习近平总书记来到平遥古城考察\n“守护好前人留给我们的宝贵财富”") == (
        "习近平总书记来到平遥古城考察", "“守护好前人留给我们的宝贵财富”", None)
    kicker, headline, _ = _title_lines("委内瑞拉加强\n应对美军事威胁")
    assert kicker is None and (headline or "").replace(" ", "") == "委内瑞拉加强应对美军事威胁"


def test_a_wide_kicker_over_a_narrow_wrapped_headline_is_no_larger_headline() -> None:
    """A first line clearly wider than the lines of a headline wrapped under it is set
    smaller: the kicker, not the start of one headline set larger than the subtitle set
    apart below (是我日日相对的知音 / 我心中 / 的两条江 / / 我一次次坐船离开家乡又归来); a
    headline wrapped at one width over it stays one headline."""
    assert _title_lines("是我日日相对的知音\n我心中\n的两条江\n\n我一次次坐船离开家乡又归来") == (
        "是我日日相对的知音", "我心中的两条江", "我一次次坐船离开家乡又归来")
    assert _title_lines("构建同科技创新相\n适应的科技金融体\n制改革\n\n"
                        "金融资源配置与经济社会发展需要紧密结合") == (
        None, "构建同科技创新相适应的科技金融体制改革", "金融资源配置与经济社会发展需要紧密结合")


def test_a_plain_line_cut_at_a_bold_lines_width_wraps_the_headline() -> None:
    """An extractor may double only some lines of a fake-bold headline: a plain first line
    within a character of the bold line's width under it is the headline's first line
    (构建同科技创新相 / 适适应应的的科科技技金金融融体体制制, 委内瑞拉加强 / 应应对对美美…); a
    label by its words, or a line ending on a verb leading in, is a kicker over it all
    the same (the couplet space of a headline aside)."""
    def group(text: str) -> tuple[str | None, str | None, str | None]:
        kicker, headline, subtitle = _title_lines(text)
        return kicker, headline.replace(" ", "") if headline else None, subtitle

    assert group("委内瑞拉加强\n应应对对美美军军事事威威胁胁\n\n——关闭所有外交接触渠道") == (
        None, "委内瑞拉加强应对美军事威胁", "——关闭所有外交接触渠道")
    assert group("构建同科技创新相\n适适应应的的科科技技金金融融体体制制") == (
        None, "构建同科技创新相适应的科技金融体制", None)
    assert group("据当地媒体报道\n委委内内瑞瑞拉拉加加强强\n\n——已授权开展秘密行动") == (
        "据当地媒体报道", "委内瑞拉加强", "——已授权开展秘密行动")
    assert group("评论员观察\n从从““多多少少年年””") == ("评论员观察", "从“多少年”", None)


def test_a_column_tag_set_bold_under_a_headline_closes_it() -> None:
    """A column tag alone on its line (（总书记的关切·落地的回响）), set bold (doubled) under
    a plain headline line, closes the headline: no bold headline under a kicker."""
    kicker, headline, subtitle = _title_lines(
        "久久为功，“APEC 蓝”成为“北京蓝”\n"
        "（（总总书书记记的的关关切切··落落地地的的回回响响））\n\n"
        "迈向下一个五年")
    assert kicker is None and subtitle == "迈向下一个五年"
    assert (headline or "").replace(" ", "") == (
        "久久为功，“APEC蓝”成为“北京蓝”（总书记的关切·落地的回响）")
