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
