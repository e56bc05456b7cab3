"""Drop caps of a dump put back at the head of their paragraph (layout.analysis.text.joins).

Small hand-made lines from feature pages: a cap extracted after its paragraph's first
line, with blank lines around it or none (an extractor that writes no blank lines inside
a block); a —— subtitle or a byline over a cap, which is never the line the cap opens;
and the lines standing beside a cap, as many as it is high, whatever they say.
"""

from __future__ import annotations

from layout.analysis.text.dump import analyze_text_dump
from layout.analysis.text.joins import cap_lines, join_drop_caps, mark_beside_caps
from layout.analysis.text.lines import line_info
from layout.ingest.text import page_lines
from layout.model import Role
from layout.settings import Settings


def _joined(text: str) -> list[str]:
    return [x.text for x in join_drop_caps(page_lines(text))]


def test_a_subtitle_over_a_drop_cap_is_not_the_line_it_opens() -> None:
    text = ("百姓故事\n\n构建同科技创新相适应的科技金融体制\n\n——金融服务科技创新并非孤立存在\n\n"
            "科\n\n技是国家强盛之基，金融是国家重\n要的核心竞争力，科技金融是推动\n")
    assert _joined(text)[2:4] == ["——金融服务科技创新并非孤立存在",
                                  "科技是国家强盛之基，金融是国家重"]


RAW_SUBTITLE = (  # a raw extractor's lines: no blank line under the subtitle
    '百姓故事\n构建同科技创新相适应的科技金融体制\n\n——金融服务科技创新并非'
    '孤立存在\n科\n\n技是国家强盛之基，金融是国家\n重要的核心竞争力，科技金融'
    '是\n推动科技与金融双向促进的重要\n支撑。习近平总书记在中央金融工作会\n议'
    '上要求“深刻把握金融工作的政治\n性、人民性”，在省部级主要领导干部\n推动'
    '金融高质量发展专题研讨班开班式\n上强调“坚持经济和金融一盘棋思想，\n认真'
    '落实中央金融工作会议的各项决策\n部署，统筹推进经济和金融高质量发\n展，为'
    '以中国式现代化全面推进强国建\n设、民族复兴伟业作出新的更大贡\n献”，明确'
    '了新时代金融发展的方向，\n也为科技金融更好服务国家战略指明了\n前进道路。'
    '党的二十届三中全会《决\n')


def test_a_cap_right_under_a_subtitle_as_long_as_a_full_line_opens_the_text() -> None:
    """A —— subtitle as long as a full line is a title line, not text whose wrapped end
    the lone character under it would be: the character is a cap opening the text."""
    assert _joined(RAW_SUBTITLE)[2:4] == ["——金融服务科技创新并非孤立存在",
                                          "科技是国家强盛之基，金融是国家"]


def test_a_byline_over_a_drop_cap_is_not_the_line_it_opens() -> None:
    text = ("中国人保五年来累计赔付支出超\n1.7万亿元多领域发展成果显著\n\n令狐萍秀 吕红欣\n\n"
            "“十\n\n四五”以来，中国\n人民保险集团股份\n有限公司（简\n")
    assert _joined(text)[2:4] == ["令狐萍秀 吕红欣", "“十四五”以来，中国"]


def test_a_cap_after_its_line_with_no_blank_lines_opens_that_line() -> None:
    """An extractor that writes no blank line inside a block sets the cap (“十) right
    between the first two lines of its paragraph; it goes back in front of the first."""
    text = ("身边的感动\n中国人保五年来累计赔付支出超\n1.7万亿元多领域发展成果显著\n\n"
            "四五”以来，中国人民保险集团股份有限公司（简\n“十\n"
            "称“中国人保”）以“五个新”的显著成效稳固了自\n身经营实力，更在服务国家战略、保障民生需求\n")
    assert _joined(text)[3:5] == ["“十四五”以来，中国人民保险集团股份有限公司（简",
                                  "称“中国人保”）以“五个新”的显著成效稳固了自"]


CAPPED = ("读书札记\n\n新时代新征程推动民政事\n业高质量发展的根本遵循\n\n罗强阳\n\n民\n\n"
          "政工作关系民生、连着民心。\n党的十八大以来，以习近平同\n志为核心的党中央从战略和全\n"
          "局高度加强党对民政工作的领导，坚\n持以人民为中心，革弊鼎新、攻坚克\n"
          "难，推动民政事业持续健康发展，有\n力服务了改革发展稳定大局。\n")


def test_lines_beside_a_cap_after_a_sentences_end_stand_beside_it() -> None:
    """The cap stands as high as its lines whatever they say: the two lines under the
    capped line stand beside it though the capped line ends a sentence."""
    settings = Settings()
    lines = list(page_lines(CAPPED))
    joined = join_drop_caps(lines)
    infos = mark_beside_caps([line_info(x, settings) for x in joined], cap_lines(lines, joined))
    assert [x.text for x in infos if x.beside_cap] == [
        "党的十八大以来，以习近平同", "志为核心的党中央从战略和全"]
    page = analyze_text_dump(CAPPED.encode(), "cap.txt", Settings()).pages[0]
    assert len(page.articles) == 1
    paragraphs = [b.text for b in page.articles[0].blocks if b.role is Role.PARAGRAPH]
    assert paragraphs[0].startswith("民政工作关系民生、连着民心。党的十八大以来")
