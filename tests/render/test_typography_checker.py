"""The checker is real: it passes a correct hand-set page and catches each kind of violation,
and it finds violations in ReportLab's own CJK wrapping."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from layout.render.fonts import load_font_set
from tests.render.typography_checker import check_pdf

SIZE = 10.5
LEFT, TOP = 72.0, 760.0
HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研"  # noqa: E501


def em_lines(text: str, width_em: int, count: int) -> list[str]:
    return [text[i * width_em:(i + 1) * width_em] for i in range(count)]


def draw(path: Path, lines: list[tuple[float, str]], font: str) -> Path:
    """Each (x offset in em, text) drawn on its own baseline with no spacing."""
    canvas = Canvas(str(path))
    for index, (offset, text) in enumerate(lines):
        canvas.setFont(font, SIZE)
        canvas.drawString(LEFT + offset * SIZE, TOP - index * SIZE * 1.7, text)
    canvas.save()
    return path


@pytest.fixture(scope="module")
def font() -> str:
    fonts = load_font_set()
    return fonts.ensure(fonts.body)  # used by name (ReportLab Paragraph): parse it now


def good_paragraph() -> list[tuple[float, str]]:
    """A correctly set 4-line paragraph, 20 em wide: first line 2 em in, flush lines."""
    return [(2, HAN[:18]), (0, HAN[18:38]), (0, HAN[38:58]), (0, HAN[58:70] + "。"),
            (2, HAN[70:88]), (0, HAN[88:96] + "。")]


def violations(tmp_path: Path, lines, font: str, name: str = "p.pdf") -> set[str]:
    return {v.rule for v in check_pdf(draw(tmp_path / name, lines, font), SIZE)}


def test_correct_hand_set_page_passes(tmp_path, font):
    assert violations(tmp_path, good_paragraph(), font) == set()


@pytest.mark.parametrize("line_index, new_text, rule", [
    (2, "，" + HAN[39:58], "1"),              # a line starts with a full-width comma
    (1, HAN[18:37] + "“", "1"),               # a line ends with an opening quote
    (1, HAN[18:37] + "—", "2"),               # —— cut in two (the next line starts with —)
    (3, "偶", "6"),                            # a paragraph's last line holds one character
])
def test_each_rule_is_caught(tmp_path, font, line_index, new_text, rule):
    lines = good_paragraph()
    lines[line_index] = (lines[line_index][0], new_text)
    if rule == "2":
        lines[line_index + 1] = (0, "—" + HAN[39:58])
    assert rule in violations(tmp_path, lines, font)


def test_short_line_inside_a_paragraph_is_caught(tmp_path, font):
    lines = good_paragraph()
    lines[1] = (0, HAN[18:37])  # one em short, not the paragraph's last line
    assert "3" in violations(tmp_path, lines, font)


def test_wrong_indent_is_caught(tmp_path, font):
    lines = good_paragraph()
    lines[4] = (1, HAN[70:89])  # 1 em instead of 2
    assert "4" in violations(tmp_path, lines, font)


def test_latin_without_quarter_em_is_caught(tmp_path, font):
    lines = good_paragraph()
    lines[5] = (0, HAN[88:92] + "GDP" + HAN[92:96] + "。")
    assert "5" in violations(tmp_path, lines, font)


def test_reportlab_cjk_wrapping_is_caught(tmp_path, font):
    """ReportLab's own wordWrap='CJK' breaks the rules on ordinary text."""
    text = ("国务院常务会议指出，要坚持稳中求进，扎实推进高质量发展，加快构建新发展格局，"
            "着力扩大国内需求，推动经济实现质的有效提升和量的合理增长。会议强调，各地区、各部门"
            "要认真贯彻落实，确保各项政策措施落地见效，切实保障和改善民生，使用AI与5G技术。") * 3
    style = ParagraphStyle("cjk", fontName=font, fontSize=SIZE, leading=SIZE * 1.7,
                           wordWrap="CJK", alignment=TA_JUSTIFY, firstLineIndent=2 * SIZE)
    canvas = Canvas(str(tmp_path / "rl.pdf"))
    paragraph = Paragraph(text, style)
    _, height = paragraph.wrap(20.3 * SIZE, 800)
    paragraph.drawOn(canvas, LEFT, TOP - height)
    canvas.save()
    rules = {v.rule for v in check_pdf(tmp_path / "rl.pdf", SIZE)}
    assert {"3", "5"} <= rules
