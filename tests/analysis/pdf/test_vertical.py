"""Vertical text (直排): lines found from the glyphs, kept apart from horizontal text, and
vertical pages read in order (lines right to left, tiers top to bottom)."""

from __future__ import annotations

import json

import pytest

from layout.analysis.pdf.page import analyze_pdf
from layout.analysis.pdf.vertical import (
    plain_glyphs,
    rotate_box,
    rotate_line,
    split_vertical,
    unrotate_box,
)
from layout.ingest.raw import Glyph
from layout.model import BBox
from layout.model.serialize import issue_to_json
from tests.analysis.pdf.glyph_builders import run
from tests.synth.scoring import score_page

WIDTH = 600.0


def down(text: str, xc: float, top: float, size: float = 10.0, extra: float = 0.0,
         font: str = "Body") -> list[Glyph]:
    """Upright glyphs of ``text`` stacked from (``xc`` centre, ``top``), ``extra`` pt apart."""
    out = []
    for ch in text:
        out.append(Glyph(ch, xc - size / 2, top, xc + size / 2, top + size, size, font))
        top += size + extra
    return out


def _texts(glyphs: list[Glyph]) -> list[str]:
    lines, _ = split_vertical(glyphs)
    return sorted(rotate_line(ln, WIDTH).text for ln in lines)


def test_vertical_lines_right_to_left_read_top_to_bottom():
    glyphs = down("春风又绿江南岸", 500, 100) + down("明月何时照我还", 485, 100) \
        + down("京口瓜洲", 470, 100)
    lines, rest = split_vertical(glyphs)
    assert not rest
    assert _texts(glyphs) == sorted(["春风又绿江南岸", "明月何时照我还", "京口瓜洲"])


def test_horizontal_text_on_a_grid_stays_horizontal():
    # full-width text in a justified column: glyphs of consecutive lines stand one above
    # the other, but touch their neighbours on the line
    glyphs = []
    texts = ("全国人大常委会副委员长", "在京出席研讨班开班式并", "致辞她表示主席在峰会上")
    for k, text in enumerate(texts):
        glyphs += run(text, 50, 100 + k * 14.0)
    lines, rest = split_vertical(glyphs)
    assert not lines and len(rest) == len(glyphs)


def test_loosely_justified_vertical_line_and_a_short_last_line():
    glyphs = (down("这条公里长的河流涉及", 500, 100, extra=3.5)
              + down("流经沙漠和黄土丘陵沟壑", 485, 100) + down("区。", 470, 100))
    assert "区。" in _texts(glyphs) and len(split_vertical(glyphs)[0]) == 3


def test_tate_chu_yoko_digits_and_turned_latin_join_their_line():
    size = 10.0
    glyphs = down("会期从", 500, 100)
    # 縦中横: "18" side by side in one em
    glyphs += [Glyph("1", 495.2, 130, 499.9, 139, 9.0, "Latin"),
               Glyph("8", 500.0, 130, 504.7, 139, 9.0, "Latin")]
    glyphs += down("日起", 500, 140)
    # a turned run (APEC) reading downwards, boxes narrower than the line
    top = 160.0
    for ch in "APEC":
        glyphs.append(Glyph(ch, 497.0, top, 503.5, top + 6.0, 3.0, "Latin", upright=False))
        top += 6.5
    glyphs += down("会议开幕", 500, top + 1.0)
    glyphs += down("各国代表出席会议讨论", 485, 100)  # the neighbouring line
    texts = _texts(glyphs)
    assert "会期从18日起APEC会议开幕" in texts
    del size


def test_plain_marks_shifted_into_the_upper_right_stay_in_the_line():
    glyphs = down("我们", 500, 100)
    glyphs.append(Glyph("，", 500, 115, 510, 125, 10.0, "Body"))  # upper right of its cell
    glyphs += down("再见了朋友", 500, 130)
    glyphs += down("山高水长后会有期啊", 485, 100)
    assert "我们，再见了朋友" in _texts(glyphs)


def test_a_shifted_mark_then_a_turned_bracket_stay_in_the_line():
    # ！ in its cell's right half, then 」 turned with its thin ink in the cell's left part:
    # neither shows the line's axis, their boxes barely overlap
    glyphs = down("坐过绿皮车了", 500, 100)
    glyphs.append(Glyph("？", 500, 160, 510, 170, 10.0, "Body"))
    glyphs.append(Glyph("！", 500, 170, 510, 180, 10.0, "Body"))
    glyphs.append(Glyph("」", 495.3, 185, 501.8, 188, 6.5, "Body", upright=False))
    glyphs += down("最近笔者乘坐高铁", 500, 195)
    glyphs += down("山高水长后会有期啊再见了朋友们", 485, 100)  # the neighbouring line
    assert "坐过绿皮车了？！」最近笔者乘坐高铁" in _texts(glyphs)


def test_turned_brackets_whose_boxes_stand_nearly_an_em_high_stay_in_the_line():
    # a headline 回望「十四五」，想起: the reader's boxes of the turned 「 」 stand 0.88 em
    # above their cells (over the glyph before them), the comma sits in its upper right
    s = 24.0
    glyphs = down("回望", 500, 100, s)
    glyphs.append(Glyph("「", 488, 100 + 2.12 * s, 512, 100 + 3.12 * s, s, "Head",
                        upright=False))
    glyphs += down("十四五", 500, 100 + 3 * s, s)
    glyphs.append(Glyph("」", 488, 100 + 5.12 * s, 512, 100 + 6.12 * s, s, "Head",
                        upright=False))
    glyphs.append(Glyph("，", 500, 100 + 6.5 * s, 524, 100 + 7.5 * s, s, "Head"))
    glyphs += down("想起总书记这句话", 500, 100 + 8 * s, s)
    assert _texts(glyphs) == ["回望「十四五」，想起总书记这句话"]
    # the same with ink boxes: the turned 」 thin (its thickness is its size), the comma
    # half an em to the right of the line's axis
    glyphs = down("回望", 500, 100, s) + [
        Glyph("「", 496, 100 + 2.64 * s, 511, 100 + 2.97 * s, s, "Head", upright=False)]
    glyphs += down("十四五", 500, 100 + 3 * s, s)
    glyphs.append(Glyph("」", 489, 100 + 6.03 * s, 504, 100 + 6.36 * s, s, "Head",
                        upright=False))
    glyphs.append(Glyph("，", 500, 100 + 6.5 * s, 524, 100 + 7.5 * s, s, "Head"))
    glyphs += down("想起总书记这句话", 500, 100 + 8 * s, s)
    assert _texts(glyphs) == ["回望「十四五」，想起总书记这句话"]
    # a turned run whose last glyphs' ink boxes overlap (PM2.5): one line, in order
    glyphs = down("其中", 500, 100) + [
        Glyph(ch, 495, top, 504, bottom, 6.0, "Body", upright=False)
        for ch, top, bottom in (("P", 115.2, 121.2), ("M", 118.5, 127.7), ("2", 130.8, 136.5),
                                (".", 139.0, 141.9), ("5", 139.4, 145.1))]
    glyphs += down("如今大家环保意识增强了", 500, 150.7)
    assert [t.replace(" ", "") for t in _texts(glyphs)] == ["其中PM2.5如今大家环保意识增强了"]


def test_a_short_last_line_whose_head_has_only_a_far_neighbour_is_vertical():
    # 层干部群众 ends a paragraph; the lines on both sides open two em lower (new
    # paragraphs), so its first two cells see only a short line two lines off
    glyphs = down("二〇二四年春节前夕赴天津看望慰问基", 500, 120)
    glyphs += down("层干部群众", 484, 100)
    glyphs += down("老百姓的事情是最重要的事情一定要", 468, 120)
    glyphs += down("办好", 452, 100)
    glyphs += down("春节前夕习近平总书记赴天津看望慰问", 436, 100)
    assert "层干部群众" in _texts(glyphs)


def test_a_line_spaced_out_by_justification_stays_one_line():
    # a short line justified to the tier's depth: 0.77 em between cells (more than the
    # chain's usual gaps), a comma in its cell's upper right
    glyphs = down("文化和旅游厅主办", 500, 100, extra=7.7)
    glyphs.append(Glyph("，", 500.5, 236.6, 510.5, 246.6, 10.0, "Body"))
    glyphs += down("据悉", 500, 256, extra=7.7)
    glyphs += down("共西藏自治区委员会宣传部西藏自治区文化", 482, 100)
    glyphs += down("西藏演艺有限公司承办的大型主题音乐会", 464, 100)
    assert "文化和旅游厅主办，据悉" in _texts(glyphs)


def test_a_turned_run_spaced_out_before_its_closing_bracket_stays_in_the_line():
    glyphs = down("公司", 500, 100)
    top = 121.0
    glyphs.append(Glyph("（", 495.0, top, 505.0, top + 3.0, 10.0, "Body", upright=False))
    top += 6.0
    for ch in "BeltandRoad":
        glyphs.append(Glyph(ch, 497.0, top, 504.0, top + 4.5, 9.0, "Latin", upright=False))
        top += 5.2
    top += 13.0  # a loose line's justification after the run: 1.3 em
    glyphs.append(Glyph("）", 495.0, top, 505.0, top + 3.0, 10.0, "Body", upright=False))
    glyphs += down("西藏演艺有限", 500, top + 11.0)
    glyphs += down("共西藏自治区委员会宣传部西藏自治区文化和旅游", 482, 100)
    assert "公司（BeltandRoad）西藏演艺有限" in _texts(glyphs)


def test_a_closing_bracket_over_an_opening_one_stays_in_the_line():
    # 」「 turned in a loose line: the closing bracket's thin ink at its cell's head, the
    # opening one's at its cell's foot, 1.3 em of white between them (2 of the ink's
    # thickness): the line goes on
    glyphs = down("能够保持下去", 500, 100)
    glyphs.append(Glyph("」", 496.3, 160.9, 502.6, 163.4, 9.7, "Body", upright=False))
    glyphs.append(Glyph("「", 499.0, 176.1, 505.3, 178.6, 9.7, "Body", upright=False))
    glyphs += down("我们正在全力进行", 500, 181)
    glyphs += down("山高水长后会有期啊再见了朋友们天涯海角", 485, 100)  # the neighbouring line
    assert "能够保持下去」「我们正在全力进行" in _texts(glyphs)


def test_a_line_of_dates_in_tate_chu_yoko_is_vertical():
    # ——2014年11月10: two turned dashes, a turned 2014, two 縦中横 pairs and only two Han
    # cells, the paragraph's first line two em down; the line beside it is a full one
    glyphs = [Glyph("—", 504.6, top, 505.0, top + 6.9, 9.7, "Body", upright=False)
              for top in (120.0, 130.8)]
    glyphs += [Glyph(ch, 501.7, top, 508.2, top + 3.5, 8.7, "Latin", upright=False)
               for ch, top in zip("2014", (141.5, 146.2, 151.2, 155.2), strict=True)]
    glyphs += down("年", 505, 164.4, 9.7)
    glyphs += [Glyph("1", 500.2, 176.5, 504.8, 185.2, 8.7, "Latin"),
               Glyph("1", 504.8, 176.5, 509.5, 185.2, 8.7, "Latin")]
    glyphs += down("月", 505, 186.0, 9.7)
    glyphs += [Glyph("1", 500.2, 198.1, 504.8, 206.8, 8.7, "Latin"),
               Glyph("0", 504.8, 198.1, 509.5, 206.8, 8.7, "Latin")]
    glyphs += down("日习近平主席在亚太经合组织", 488, 100, 9.7)  # the next line
    assert [t.replace(" ", "") for t in _texts(glyphs)] == sorted(
        ["——2014年11月10", "日习近平主席在亚太经合组织"])


def test_a_half_width_digit_after_a_shifted_stop_stays_in_the_line():
    # 。 printed in its cell's upper right, then an upright 9 in the left half of its cell:
    # neither on the line's axis, their boxes (nearly) touch
    glyphs = down("阿克陶", 500, 100)
    glyphs.append(Glyph("。", 500, 125, 510, 135, 10.0, "Body"))
    glyphs.append(Glyph("9", 495, 140, 499.2, 150, 10.0, "Body"))
    glyphs += down("月的杨树成排成片", 500, 150)
    glyphs += down("雪山下都立着杨树天气干燥杨", 483, 100)  # the neighbouring line
    assert "阿克陶。9月的杨树成排成片" in _texts(glyphs)


def test_a_comma_in_the_upper_half_of_a_justified_cell_keeps_the_line_going():
    # letter-spaced line (3 pt after each cell), the comma drawn half an em up in its cell:
    # its box ends 8 pt above the next glyph, more than the 6 pt to the next line
    glyphs = down("穆罕默德表示", 500, 100, extra=3.0)
    glyphs.append(Glyph("，", 500, 173, 510, 183, 10.0, "Body"))
    glyphs += down("其中", 500, 191, extra=3.0)
    glyphs += down("作为中国的自由贸易港海南向", 484, 100, extra=3.0)
    assert "穆罕默德表示，其中" in _texts(glyphs)


def test_a_headline_glyph_over_a_turned_run_stays_in_its_headline():
    # a horizontal headline (20 pt) over vertical body text whose line opens with a turned
    # run (GDP): the chain through the turned cells joins unlike sizes and is cut there
    glyphs = run("一个人对中国的观察", 440, 90, size=20.0)
    top = 102.0
    for ch in "GDP":
        glyphs.append(Glyph(ch, 497.0, top, 503.5, top + 5.0, 8.0, "Latin", upright=False))
        top += 5.5
    glyphs += down("而是鲜活的拼图", 500, top + 1.0)
    glyphs += down("中国不是难解的谜团涉及", 485, 102)  # the neighbouring line
    texts = _texts(glyphs)
    assert "GDP而是鲜活的拼图" in texts
    assert not any("对" in t for t in texts)


def test_a_subtitle_glyph_over_a_turned_run_stays_in_its_subtitle():
    # a horizontal subtitle a fifth larger than the body (sizes alike) over vertical text
    # whose line opens with a turned run (2025) an em below it: its glyphs touch in their
    # row, so the one over the run is no cell of the line
    glyphs = run("全面呈现从传统名瓷到现代设计", 434, 96, size=12.0)
    top = 111.0
    for ch in "2025":
        glyphs.append(Glyph(ch, 497.0, top, 503.5, top + 4.0, 7.0, "Latin", upright=False))
        top += 5.0
    glyphs += down("年中国景德镇国际陶瓷", 500, top + 1.0)
    glyphs += down("本届瓷博会由中国轻工业", 485, 111)  # the neighbouring line
    texts = _texts(glyphs)
    assert "2025年中国景德镇国际陶瓷" in texts
    assert not any("统" in t for t in texts)


def test_presentation_forms_fold_to_plain_marks():
    glyphs = plain_glyphs([Glyph(ch, 0, 0, 10, 10, 10.0, "F") for ch in "︐︒﹁﹂︵︶︙"])
    assert "".join(g.text for g in glyphs) == "，。「」（）…"


def test_turned_frame_boxes_round_trip():
    box = BBox(100.0, 200.0, 110.0, 260.0)
    turned = rotate_box(box, WIDTH)
    assert turned == BBox(200.0, 490.0, 260.0, 500.0)
    assert unrotate_box(turned, WIDTH) == box


@pytest.fixture(scope="module")
def vertical_pages(composed_page):
    pytest.importorskip("opencc")
    from tests.synth import epaper_fonts

    if not epaper_fonts.available_faces():
        pytest.skip("no CJK TrueType face")
    return [composed_page("reportlab", family, seed)
            for family in ("vertical", "vertical-tc") for seed in (1003, 1004)]


def test_vertical_pages_read_as_articles_in_order(vertical_pages):
    paragraphs = found = total = groups = 0
    for path, composed in vertical_pages:
        page = analyze_pdf(path).pages[0]
        score = score_page(composed.truth, page)
        paragraphs += score.paragraphs_exact
        total += score.paragraphs_total
        found += score.articles_found
        groups += score.groups_exact
        assert score.articles_found >= score.articles_total - 1, score.failures
        text = json.dumps(json.loads(issue_to_json_page(page)), ensure_ascii=False)
        assert not any(0xFE10 <= ord(ch) <= 0xFE19 or 0xFE30 <= ord(ch) <= 0xFE4F for ch in text)
        for article in page.articles:  # boxes are on the page, not in the turned frame
            for block in article.blocks:
                if block.bbox is not None:
                    assert 0 <= block.bbox.x0 <= block.bbox.x1 <= page.width + 1
                    assert 0 <= block.bbox.top <= block.bbox.bottom <= page.height + 1
    assert paragraphs >= 0.85 * total
    truth_articles = sum(len(c.truth.articles) for _, c in vertical_pages)
    assert groups >= 0.8 * truth_articles and found >= 0.9 * truth_articles


def issue_to_json_page(page) -> str:
    from layout.model import Issue

    return issue_to_json(Issue(source="v.pdf", pages=(page,)))


def test_our_own_vertical_output_reads_back(tmp_path):
    """A second setter of vertical text: ``layout convert --writing-mode vertical`` (vertical
    forms drawn for plain marks, their ToUnicode naming the plain mark, columns right to
    left in tiers) read back: the paragraphs of the bundled page come back intact."""
    from pathlib import Path

    from layout.cli import main

    example = Path(__file__).resolve().parents[3] / "examples" / "zhoukou-demo-zone-page.txt"
    pdf, horizontal, back = tmp_path / "v.pdf", tmp_path / "h.json", tmp_path / "v.json"
    assert main(["-q", "convert", str(example), "-o", str(pdf), "--json", str(horizontal),
                 "--writing-mode", "vertical"]) == 0
    assert main(["-q", "analyze", str(pdf), "-o", str(back)]) == 0

    def paragraphs(path: Path) -> list[str]:
        data = json.loads(path.read_text("utf-8"))
        return ["".join((b.get("text") or "").split()) for p in data["pages"]
                for a in p["articles"] for b in a["blocks"] if b["role"] == "paragraph"]

    want, got = paragraphs(horizontal), set(paragraphs(back))
    assert len(want) >= 20
    assert sum(w in got for w in want) >= 0.9 * len(want)
    text = json.dumps(json.loads(back.read_text("utf-8")), ensure_ascii=False)
    assert not any(0xFE10 <= ord(ch) <= 0xFE19 or 0xFE30 <= ord(ch) <= 0xFE4F for ch in text)


def test_a_byline_flush_right_beside_a_horizontal_head_is_its_byline():
    from layout.analysis.pdf.page import analysis_to_page, analyze_raw_page
    from layout.ingest.raw import RawPage

    body = "在加沙地带中部的努赛赖特难民营萨拉赫和阿卜杜拉兄弟俩开了家路边书摊试图从战争的"
    glyphs = run("无声的灯塔", 300, 88, size=20.0)  # the head: x 300-400
    glyphs += run("记者王小明", 470, 104, size=10.0, font="Kai")  # right of the head
    for k in range(12):  # vertical text under both, lines right to left from x 535
        glyphs += down(body[k:k + 24], 535 - 15 * k, 120)
    raw = RawPage(1, 600.0, 500.0, tuple(glyphs), (), ())
    page = analysis_to_page(analyze_raw_page(raw))
    [article] = [a for a in page.articles if a.headline]
    assert article.headline == "无声的灯塔"
    assert any("王小明" in b for b in article.bylines)


def test_a_paragraphs_last_glyph_alone_at_the_head_of_a_line_is_vertical():
    # 报 ends a paragraph alone at the head of its line; the lines on both sides open
    # lower (new paragraphs, indented two em): nothing stands on its row
    glyphs = down("在二月听取吉林省委和省政府工作汇", 500, 100)
    glyphs += down("报", 485, 80)
    glyphs += down("一句话指明了方向要守牢实体", 470, 100)
    glyphs += down("经济这个根基统筹推动传统产", 455, 100)
    assert "报" in _texts(glyphs)


def test_a_photo_under_a_horizontal_head_goes_with_the_vertical_text_under_it():
    from layout.analysis.pdf.page import analysis_to_page, analyze_raw_page
    from layout.ingest.raw import RawPage

    body = "这是一颗锋利的钢钉它刺破了大兴安岭茫茫林海钉在了一棵樟子松身上我一直想见识"
    glyphs = run("大兴安岭森林中的一颗钢钉", 330, 98, size=18.0)  # head: x 330-546
    for k in range(8):  # its vertical text at the right, x 540 to 435
        glyphs += down(body[k:k + 20], 540 - 15 * k, 115)
    photo = BBox(340.0, 115.0, 410.0, 300.0)  # under the head, 20 pt left of its text
    glyphs += run("木刻楞房子外观大气，冬暖夏凉。", 340, 312, size=4.5, font="Kai")
    for k in range(16):  # a horizontal article at the left, nearer (10 pt) to the photo
        glyphs += run("习近平指出村山先生是日本富有正义感的政治家", 78, 100 + 14 * k,
                      size=12.0)
    raw = RawPage(1, 600.0, 500.0, tuple(glyphs), (), (photo,))
    page = analysis_to_page(analyze_raw_page(raw))
    [article] = [a for a in page.articles if a.headline == "大兴安岭森林中的一颗钢钉"]
    assert any(b.role.name == "FIGURE" for b in article.blocks)


def test_a_photo_beside_a_horizontal_head_goes_with_the_vertical_text_of_its_tier():
    from layout.analysis.pdf.page import analysis_to_page, analyze_raw_page
    from layout.ingest.raw import RawPage

    body = "清晨五点山西平遥古城尚未完全苏醒南大街平遥东湖老醋坊的酿醋师傅们布满茧子的手"
    glyphs = down("守护好前人留给我们的宝贵财富", 560, 60, size=20.0, font="Hei")
    for k in range(8):  # its vertical text, x 535 to 420, from the tier's top
        glyphs += down(body[k:k + 22], 530 - 15 * k, 60)
    photo = BBox(290.0, 60.0, 400.0, 270.0)  # level with the head at the left, 20 pt
    glyphs += run("图为平遥古城。新华社记者卢琪鸣摄", 290, 282, size=6.0, font="Kai")
    glyphs += run("构建同科技创新相适应的科技金融体", 40, 74, size=15.0, font="Hei")
    for k in range(14):  # its text under it, 10 pt left of the photo: nearer than 20 pt
        glyphs += run("科技是国家强盛之基金融是国家重要的核心力", 40, 100 + 14 * k, size=12.0)
    raw = RawPage(1, 600.0, 500.0, tuple(glyphs), (), (photo,))
    page = analysis_to_page(analyze_raw_page(raw))
    owners = {a.headline: [b.credit for b in a.blocks if b.role.name == "CAPTION"]
              for a in page.articles}
    assert owners["守护好前人留给我们的宝贵财富"] == ["新华社记者卢琪鸣摄"], owners
    assert owners["构建同科技创新相适应的科技金融体"] == [], owners


def test_a_short_han_line_under_a_horizontal_head_naming_no_one_is_its_subtitle():
    from layout.analysis.pdf.page import analysis_to_page, analyze_raw_page
    from layout.ingest.raw import RawPage

    body = "在加沙地带中部的努赛赖特难民营萨拉赫和阿卜杜拉兄弟俩开了家路边书摊试图从战争的"
    glyphs = run("无声的灯塔", 330, 88, size=20.0, font="Hei")
    glyphs += run("我终于到达了目的地", 340, 104, size=11.0, font="Kai")
    for k in range(12):
        glyphs += down(body[k:k + 24], 535 - 15 * k, 120)
    raw = RawPage(1, 600.0, 500.0, tuple(glyphs), (), ())
    page = analysis_to_page(analyze_raw_page(raw))
    [article] = [a for a in page.articles if a.headline]
    assert (article.subtitle, article.bylines) == ("我终于到达了目的地", ())


def test_a_vertical_subtitle_naming_no_one_is_no_byline():
    from layout.analysis.pdf.page import analysis_to_page, analyze_raw_page
    from layout.ingest.raw import RawPage

    body = "在加沙地带中部的努赛赖特难民营萨拉赫和阿卜杜拉兄弟俩开了家路边书摊试图从战争的"
    glyphs = down("创新答卷彰显优势", 560, 100, size=24.0, font="Hei")  # the headline
    glyphs += down("全社会共同努力", 535, 110, size=11.0, font="Kai")  # its subtitle
    for k in range(12):
        glyphs += down(body[k:k + 24], 515 - 15 * k, 100)
    raw = RawPage(1, 600.0, 500.0, tuple(glyphs), (), ())
    page = analysis_to_page(analyze_raw_page(raw))
    [article] = [a for a in page.articles if a.headline]
    assert (article.headline, article.subtitle, article.bylines) == (
        "创新答卷彰显优势", "全社会共同努力", ())


def test_a_vertical_subtitle_that_splits_into_names_set_solid_is_no_byline():
    # 全民保卫祖国 splits into two names (全民保 卫祖国), yet is set solid: bare names a
    # page prints stand apart (李非　黄婧 under the next head is the byline)
    from layout.analysis.pdf.page import analysis_to_page, analyze_raw_page
    from layout.ingest.raw import RawPage

    body = "在加沙地带中部的努赛赖特难民营萨拉赫和阿卜杜拉兄弟俩开了家路边书摊试图从战争的"
    glyphs = down("创新答卷彰显优势", 560, 30, size=24.0, font="Hei")  # the headline
    glyphs += down("全民保卫祖国", 535, 40, size=11.0, font="Kai")  # its subtitle
    for k in range(12):
        glyphs += down(body[k:k + 18], 515 - 15 * k, 30)
    glyphs += down("开放的中国机遇", 560, 300, size=24.0, font="Hei")  # the next tier
    glyphs += down("李非", 535, 310, size=10.0, font="Kai")
    glyphs += down("黄婧", 535, 340, size=10.0, font="Kai")  # one em apart
    for k in range(12):
        glyphs += down(body[k + 3:k + 21], 515 - 15 * k, 300)
    raw = RawPage(1, 600.0, 600.0, tuple(glyphs), (), ())
    page = analysis_to_page(analyze_raw_page(raw))
    heads = {a.headline: (a.subtitle, a.bylines) for a in page.articles if a.headline}
    assert heads.get("创新答卷彰显优势") == ("全民保卫祖国", ()), heads
    assert heads["开放的中国机遇"][0] is None, heads
    assert "李非" in "".join(heads["开放的中国机遇"][1]), heads


@pytest.mark.parametrize("seed", [5, 20])
def test_photos_go_with_the_article_their_heads_say(composed_page, seed):
    """Tune pages with a photo right under a horizontal head over vertical text, at the
    left of its article (seed 5: the next article's first line lay nearer), and one beside
    another article's horizontal head, in the tier of its own text (seed 20): each caption
    is found in its own article."""
    pytest.importorskip("opencc")
    from tests.synth import epaper_fonts

    if not epaper_fonts.available_faces():
        pytest.skip("no CJK TrueType face")
    from tests.synth.epaper_text import CORPUS_FILE

    if CORPUS_FILE is None:  # the pages' articles, and so their layout, come from it
        pytest.skip("these tune pages are composed from ../shared's corpus articles")
    path, composed = composed_page("reportlab", "vertical", seed, "tune")
    score = score_page(composed.truth, analyze_pdf(path).pages[0])
    assert score.captions_total >= 3
    assert score.captions_exact == score.captions_total, score.failures


def test_a_mark_printed_off_the_axis_stands_on_the_line_in_the_turned_frame():
    # 引领未来，中国: the comma in its cell's upper right, half an em off the axis; turned,
    # the line stays one em across (a kicker close beside it stays clear of it)
    s = 19.0
    glyphs = down("引领未来", 500, 100, s)
    glyphs.append(Glyph("，", 500, 100 + 3.5 * s, 500 + s, 100 + 4.5 * s, s, "Head"))
    glyphs += down("中国做对了什么", 500, 100 + 5 * s, s)
    [line] = split_vertical(glyphs)[0]
    turned = rotate_line(line, WIDTH)
    assert turned.text == "引领未来，中国做对了什么"
    assert abs((turned.bbox.bottom - turned.bbox.top) - s) < 0.01
    comma = next(g for g in turned.glyphs if g.text == "，")
    assert comma.x0 == 100 + 3.5 * s  # along the line, where it was printed


def test_a_byline_past_a_photo_right_of_the_text_under_a_horizontal_head_is_its_own():
    # the right article's column runs on through its photo to the byline beyond it, yet
    # that byline stands right before the first line under the horizontal head at the
    # left (its byline, set right of its first line), nearer to it than to the photo
    from layout.analysis.pdf.page import analysis_to_page, analyze_raw_page
    from layout.ingest.raw import RawPage

    body = "清晨五点山西平遥古城尚未完全苏醒南大街平遥东湖老醋坊的酿醋师傅们布满茧子的手"
    glyphs = down("用金融之手贷动绿色发展", 575, 60, size=20.0, font="Hei")
    for k in range(8):  # its vertical text, x 550 to 445
        glyphs += down(body[k:k + 20], 550 - 15 * k, 60)
    photo = BBox(330.0, 60.0, 430.0, 260.0)  # at its left, in its tier
    glyphs += run("守护好前人留给我们的宝贵财富", 40, 76, size=18.0, font="Hei")  # x 40-292
    glyphs += down("本报记者刘雷静", 313, 100, size=8.0, font="Kai")  # 7 pt right of its text
    for k in range(14):  # the horizontal head's vertical text, x 302 to 107
        glyphs += down(body[k + 2:k + 18], 302 - 15 * k, 95)
    raw = RawPage(1, 600.0, 400.0, tuple(glyphs), (), (photo,))
    page = analysis_to_page(analyze_raw_page(raw))
    bylines = {a.headline: a.bylines for a in page.articles}
    assert any("刘雷静" in b for b in bylines["守护好前人留给我们的宝贵财富"]), bylines
    assert not any("刘雷静" in b for b in bylines["用金融之手贷动绿色发展"]), bylines


def test_the_tier_under_a_vertical_headline_is_its_articles_text():
    # the head's second tier starts under the headline with a new paragraph (its first
    # tier ends with its paragraph), a gutter past the photo ending the right article's
    # part of that tier: turned, it stands right under that photo in the column, yet
    # level with its own head right across the tier gutter
    from layout.analysis.pdf.page import analysis_to_page, analyze_raw_page
    from layout.ingest.raw import RawPage

    body = "清晨五点山西平遥古城尚未完全苏醒南大街平遥东湖老醋坊的酿醋师傅们布满茧子的手"
    other = "在加沙地带中部的努赛赖特难民营萨拉赫和阿卜杜拉兄弟俩开了家路边书摊试图从战争的"
    glyphs = down("铁路带来希望和未来的新生活", 570, 60, size=20.0, font="Hei")  # to 320
    for k in range(8):  # its text: tier 1 x 545-440
        glyphs += down(body[k:k + 20], 545 - 15 * k, 60)
    for k in range(4):  # and tier 2 x 570-525 under its head, then its photo
        glyphs += down(body[k + 2:k + 16], 570 - 15 * k, 330)
    photo = BBox(455.0, 280.0, 515.0, 470.0)
    glyphs += down("要守牢实体经济", 420, 60, size=20.0, font="Hei")  # the next head
    glyphs += down(other[:18], 395, 80)  # its first tier: x 395-305, indented, and
    for k in range(1, 6):  # its paragraph ends at the foot
        glyphs += down(other[k:k + 20], 395 - 15 * k, 60)
    glyphs += down(other[:5], 305, 60)  # (a short last line)
    glyphs += down(other[3:21], 425, 300)  # its second tier, under the headline: a new
    for k in range(1, 7):  # paragraph
        glyphs += down(other[k + 3:k + 23], 425 - 15 * k, 280)
    raw = RawPage(1, 600.0, 500.0, tuple(glyphs), (), (photo,))
    page = analysis_to_page(analyze_raw_page(raw))
    texts = {a.headline: "".join(b.text or "" for b in a.blocks) for a in page.articles}
    assert other[3:21] in texts["要守牢实体经济"], texts
    assert other[3:21] not in texts["铁路带来希望和未来的新生活"], texts


def test_a_photo_set_in_a_tier_of_vertical_text_is_its_articles():
    # the photo ends the vertical article's second tier, under its first tier's text
    # (which runs across its width), 20 pt left of its text in that tier; the horizontal
    # article at its left stands 15 pt away, beside it, not over or under it
    from layout.analysis.pdf.page import analysis_to_page, analyze_raw_page
    from layout.ingest.raw import RawPage

    body = "清晨五点山西平遥古城尚未完全苏醒南大街平遥东湖老醋坊的酿醋师傅们布满茧子的手"
    glyphs = down("守护好前人留给我们的宝", 575, 60, size=20.0, font="Hei")
    for k in range(18):  # its first tier, x 550 to 295 (under the head's tier span)
        glyphs += down(body[k:k + 20], 550 - 15 * k, 60)
    for k in range(7):  # its second tier: x 575 to 485, then the photo
        glyphs += down(body[k + 1:k + 16], 575 - 15 * k, 290)
    photo = BBox(300.0, 290.0, 460.0, 430.0)
    glyphs += run("图为平遥古城。新华社记者卢琪鸣摄", 300, 436, size=6.0, font="Kai")
    glyphs += run("构建同科技创新相适应的科", 40, 60, size=20.0, font="Hei")
    for k in range(26):  # a horizontal article at the left, its column 15 pt from the photo
        glyphs += run("科技是国家强盛之基金融是国家重要的核心力", 45, 90 + 14 * k, size=12.0)
    raw = RawPage(1, 600.0, 500.0, tuple(glyphs), (), (photo,))
    page = analysis_to_page(analyze_raw_page(raw))
    owners = {a.headline: [b.credit for b in a.blocks if b.role.name == "CAPTION"]
              for a in page.articles}
    assert owners.get("守护好前人留给我们的宝") == ["新华社记者卢琪鸣摄"], owners


def test_horizontal_text_a_rule_walls_off_from_a_photo_does_not_take_it():
    # the photo stands in the vertical article's tier, 35 pt left of its text; the
    # horizontal article at its left is nearer (20 pt) but a vertical rule runs between
    from layout.analysis.pdf.page import analysis_to_page, analyze_raw_page
    from layout.ingest.raw import RawPage, Rule

    body = "清晨五点山西平遥古城尚未完全苏醒南大街平遥东湖老醋坊的酿醋师傅们布满茧子的手"
    glyphs = down("守护好前人留给我们的宝", 575, 60, size=20.0, font="Hei")
    for k in range(9):  # its text, x 550 to 430
        glyphs += down(body[k:k + 20], 550 - 15 * k, 60)
    photo = BBox(300.0, 60.0, 390.0, 240.0)
    glyphs += run("图为平遥古城。新华社记者卢琪鸣摄", 300, 252, size=5.5, font="Kai")
    glyphs += run("构建同科技创新相适应的科", 40, 60, size=20.0, font="Hei")
    for k in range(12):  # a horizontal article at the left, 20 pt from the photo
        glyphs += run("科技是国家强盛之基金融是国家重要的核心力", 40, 90 + 14 * k, size=12.0)
    rule = Rule(BBox(290.0, 60.0, 290.0, 262.0), horizontal=False)
    raw = RawPage(1, 600.0, 400.0, tuple(glyphs), (rule,), (photo,))
    page = analysis_to_page(analyze_raw_page(raw))
    owners = {a.headline: [b.credit for b in a.blocks if b.role.name == "CAPTION"]
              for a in page.articles}
    assert owners.get("守护好前人留给我们的宝") == ["新华社记者卢琪鸣摄"], owners


def test_a_comma_shifted_toward_the_next_line_does_not_take_its_turned_bracket():
    # 時， in the left line: the comma in its cell's upper right, its box reaching the
    # right line, where a turned 」 after 包 stands level with it, their boxes touching
    glyphs = down("記得帶錢包", 507, 108)
    glyphs.append(Glyph("」", 502.3, 158.3, 508.6, 161.4, 10.0, "Body", upright=False))
    glyphs += down("的提醒了當人們不自覺", 507, 168)
    glyphs += down("地發出感嘆時", 492, 98)
    glyphs.append(Glyph("，", 492.0, 153.0, 502.0, 163.0, 10.0, "Body"))
    glyphs += down("只要稍加思索就不難", 492, 168)
    texts = _texts(glyphs)
    assert "記得帶錢包」的提醒了當人們不自覺" in texts, texts
    assert "地發出感嘆時，只要稍加思索就不難" in texts, texts


def test_a_comma_raised_over_the_turned_digits_before_it_stays_in_the_line():
    # 学费500，月赚: the comma in its cell's upper half overlaps the last turned digit's
    # box, starting less than a quarter em below its top: the line goes on through it
    glyphs = down("在学校内网看到学费", 688.3, 60.0, 9.22)
    top = 60.0 + 9 * 9.22 + 1.0
    for _ in range(3):
        glyphs.append(Glyph("0", 685.2, top, 691.5, top + 4.2, 8.3, "Latin", upright=False))
        top += 5.3
    glyphs.append(Glyph("，", 688.3, top - 4.2, 697.5, top + 5.1, 9.22, "Body"))
    glyphs += down("月赚三千的免费学设计兼职", 688.3, top + 9.4, 9.22)
    glyphs += down("前一段时间大学生小李在人民网人民投诉反映他在学校", 703.3, 60.0, 9.22)
    texts = _texts(glyphs)
    assert "在学校内网看到学费000，月赚三千的免费学设计兼职" in texts, texts
