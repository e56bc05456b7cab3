"""Where a dump's articles start: the lines of a headline group the text pass misread.

A small hand-made dump in narrow columns (blank lines at column breaks, so blanks say
little): a kicker set apart by blank lines (near a full line long) and a headline's first
part wrapped after its comma (引领未来，), right over the headline's last line and after a
sentence's end, are the new article's kicker and headline, not a subhead and a paragraph
of the story before; so are a kicker wider than the column and a place name closed by a
colon right over the headline's rest (浦口开发区： / 探索…).
"""

from __future__ import annotations

from layout.analysis.text.dump import analyze_text_dump
from layout.analysis.text.lines import ColumnWidth, line_info
from layout.analysis.text.starts import headline_cues
from layout.ingest.text import page_lines
from layout.model import Role
from layout.settings import Settings

COLUMN_LINES = (  # the story before in columns of nine or ten characters (| a column break)
    "区仍将是全球增长的 主要引擎，今明两年 对全球增长的贡献率 约为60%。IMF亚太 部主任斯里尼瓦桑表 "
    "示，亚洲各经济体有机 会从转向以国内需求 为主的增长模式中获 益。报告还关注到 | "
    "人工智能快速发展带 来的增长机遇，估计人 工智能每年将拉动世 界经济增长0.1%至 0.8%。 "
    "　　报告同时指出，全 球经济增长依然低迷， 贸易政策不确定性正 在抑制消费和投资，且 "
    "公共债务高企并持续 上升，同时国防开支增 加、人口老龄化以及利 率上升对公共财政造 "
    "成了额外压力。预计到 2029年，全球公共债 务规模将突破全球国 内生产总值的100%。")
BEFORE = ("第一篇报道的标题在这里\n\n本报记者 张明\n\n　　报告认为，亚太地\n"
          + COLUMN_LINES.replace(" | ", "\n\n").replace(" ", "\n")
          + "\n")
GROUP = "\n在世界百年变局中\n\n引领未来，\n中国做对了什么\n\n"
AFTER = "\n".join((
    "　　本报讯（记者夏雨", "英 通讯员夏立一）每", "逢重大历史关头，中国", "共产党总是能够科学",
    "把握历史方位与形势", "变化，制定正确的政治", "战略策略，指引中国人",
    "民战胜无数风险挑战。")) + "\n"


def test_lead_lines_over_a_headline_are_its_groups() -> None:
    page = analyze_text_dump((BEFORE + GROUP + AFTER).encode(), "t.txt", Settings()).pages[0]
    assert [a.headline for a in page.articles] == [
        "第一篇报道的标题在这里", "引领未来，中国做对了什么"]
    assert page.articles[1].kicker == "在世界百年变局中"
    first = page.articles[0]
    assert [b.role for b in first.blocks] == [Role.PARAGRAPH, Role.PARAGRAPH]
    assert first.blocks[-1].text and first.blocks[-1].text.endswith("100%。")


def test_a_wide_kicker_and_a_place_name_over_a_headline_are_its_groups() -> None:
    group = "\n集成电路是信息产业发展的基础\n浦口开发区：\n探索集成电路国产化路径\n\n"
    page = analyze_text_dump((BEFORE + group + AFTER).encode(), "t.txt", Settings()).pages[0]
    article = page.articles[1]
    assert (article.kicker, article.headline) == (
        "集成电路是信息产业发展的基础", "浦口开发区：探索集成电路国产化路径")
    last = page.articles[0].blocks[-1].text
    assert last and last.endswith("100%。")


STORY_THEN_TITLE = (  # a story, then a headline with nothing else in its group
    '今日谈\n\n新时代新征程推动民政事业高质量发展的根本遵循\n\n姚红玉\n\n\u3000\u3000发展'
    '、全面建设社会主义现代化国家的最终\n目的。习近平总书记深刻指出，现代化道路最'
    '\n终能否走得通、行得稳，关键要看是否坚持以\n人民为中心。现代化不仅要看纸面上'
    '的指标\n数据，更要看人民的幸福安康。着眼新时代新\n征程党的中心任务，2024'
    '年10月，习近平\n总书记再次对民政工作作出重要指示，强调\n“中国式现代化，民'
    '生为大”，要求各级民政部\n门坚持党的领导、加强党的建设，深化改革创\n新，积极'
    '主动为人民群众做好事、办实事、解\n难事，为以中国式现代化全面推进强国建设、\n'
    '民族复兴伟业作出应有贡献。习近平总书记\n的重要论述深刻阐明了民政工作要始终胸'
    '怀\n“国之大者”，围绕中心、服务大局，担当新使\n命、新任务的时代要求，充分彰'
    '显了民政工作\n在党和国家工作大局、在中华民族伟大复兴\n战略全局中的重要地位。'
    '\n\n“开放的中国为世界经\n济发展带来巨大机遇”\n\n今\n\n年是“十四五”规划收'
    '官之年。5年间，\n从实现第一个百年奋斗目标到开启第\n二个百年奋斗目标新征程，'
    '从全面建成小康\n社会到促进全体人民共同富裕，中国经济社\n会发展取得新的开创性'
    '进展、突破性变革、历\n史性成就。接受本报记者采访的国际人士表\n示，“十四五”'
    '时期，中国经济总量连续跨越\n多个台阶，中国经济持续高质量发展为全球\n经济复苏'
    '增长作出积极贡献，成为世界经济\n发展最稳定、最可靠、最积极的力量。\n')


def test_a_column_label_over_a_title_line_opens_a_story() -> None:
    """读书札记 set apart over a one-line headline: a column label heads the group, a kicker,
    which no subhead has; two plain title lines are no such cue."""
    settings = Settings()
    width = ColumnWidth("chars", 20.0, 0.0)

    def cue(text: str) -> bool:
        lines = [line_info(x, settings) for x in page_lines(text)]
        return headline_cues(lines, (0, len(lines)), width, True, False,
                             settings.text)["column_kicker"]

    assert cue("读书札记\n\n“开放的中国为世界经济发展带来巨大机遇”\n")
    assert not cue("中国经济蕴含强大韧性\n\n持久活力不断释放\n")
    text = STORY_THEN_TITLE.replace("“开放的中国为世界经\n济发展带来巨大机遇”",
                              "读书札记\n\n“开放的中国为世界经济发展带来巨大机遇”")
    page = analyze_text_dump(text.encode(), "label.txt", Settings()).pages[0]
    assert [(a.kicker, a.headline) for a in page.articles][1:] == [
        ("读书札记", "“开放的中国为世界经济发展带来巨大机遇”")]
