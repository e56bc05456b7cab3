"""Figures: captions below or above a photo, credits split off, crops as JPEG data URIs."""

import base64
import io

from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from layout.analysis.pdf.figures import attach_captions, crop_figures
from layout.model import BBox
from tests.analysis.pdf.glyph_builders import blocks_of, column, run

PHOTO = BBox(0, 100, 200, 220)


def test_caption_below_with_its_credit_line():
    glyphs = run("图为村民在田间收割小麦", 0, 232, 9.0, "Kai")
    glyphs += run("记者张三摄", 155, 246, 9.0, "Kai")
    glyphs += column(["正文文字正文文字正文文字"] * 4, 0, 270, 12)
    blocks = blocks_of(glyphs)
    figures = attach_captions([PHOTO], blocks, set(), ("Body-Serif", 10.0))
    assert figures[0].caption_and_credit() == ("图为村民在田间收割小麦", "记者张三摄")


def test_credit_a_space_after_the_caption_on_its_row_joins_it():
    # 「图为现场群众参加活动。 记者潘永摄」: the space splits the row into two lines
    glyphs = run("图为现场群众参加活动。", 0, 232, 9.0, "Kai")
    glyphs += run("记者潘永摄", 105, 232, 9.0, "Kai")
    figures = attach_captions([PHOTO], blocks_of(glyphs), set(), ("Body-Serif", 10.0))
    assert figures[0].caption_and_credit() == ("图为现场群众参加活动。", "记者潘永摄")


def test_caption_above_when_nothing_below():
    glyphs = run("图为新建成的大桥", 0, 92, 9.0, "Kai")
    figures = attach_captions([PHOTO], blocks_of(glyphs), set(), ("Body-Serif", 10.0))
    assert figures[0].caption_and_credit()[0] == "图为新建成的大桥"


def test_body_text_below_a_photo_is_not_taken_for_its_caption():
    glyphs = column(["正文文字正文文字"] * 4, 0, 226, 8)  # 80 pt: narrower than the photo
    figures = attach_captions([PHOTO], blocks_of(glyphs), set(), ("Body-Serif", 10.0))
    assert figures[0].captions == []


def test_crop_is_a_downsampled_jpeg_data_uri(tmp_path):
    path = tmp_path / "photo.pdf"
    c = Canvas(str(path), pagesize=(300, 300))
    img = Image.new("RGB", (40, 20), (10, 200, 10))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 80, 200, 120)  # top 100
    c.save()
    [uri] = crop_figures(path, 0, [PHOTO], dpi=72)
    assert uri.startswith("data:image/jpeg;base64,")
    crop = Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])))
    assert crop.size == (200, 120)
    r, g, b = crop.convert("RGB").getpixel((100, 60))
    assert g > 150 and r < 80


def test_credit_wrapped_onto_its_own_line_keeps_its_prefix():
    glyphs = run("图为村民在田间收割小麦。本报记者", 0, 232, 9.0, "Kai")
    glyphs += run("张三摄", 173, 246, 9.0, "Kai")  # right-aligned: a block of its own
    figures = attach_captions([PHOTO], blocks_of(glyphs), set(), ("Body-Serif", 10.0))
    assert figures[0].caption_and_credit() == ("图为村民在田间收割小麦。", "本报记者张三摄")


def test_body_face_caption_over_a_credit_line_above_the_photo():
    """Caption set in the body face, short, with its credit right-aligned under it."""
    glyphs = run("风险防控体系有效完善。", 0, 72, 9.6, "Body-Serif")
    glyphs += run("通讯员田庆建摄", 137, 86, 9.6, "Body-Serif")
    figures = attach_captions([PHOTO], blocks_of(glyphs), set(), ("Body-Serif", 10.0))
    assert figures[0].caption_and_credit() == ("风险防控体系有效完善。", "通讯员田庆建摄")


def test_short_line_centred_under_a_photo_in_body_type_is_its_caption():
    glyphs = run("Reuters", 80, 232, 10.0, "Body-Serif", advance=5.0)  # centred, 35 pt
    glyphs += column(["正文文字正文文字正文文字正文文字正文文字"] * 4, 0, 250, 20)
    figures = attach_captions([PHOTO], blocks_of(glyphs), set(), ("Body-Serif", 10.0))
    assert figures[0].caption_and_credit()[0] == "Reuters"
    flush = run("正文文字", 0, 232, 10.0, "Body-Serif")  # flush left: body text, not a caption
    figures = attach_captions([PHOTO], blocks_of(flush), set(), ("Body-Serif", 10.0))
    assert figures[0].captions == []


def test_a_column_in_another_face_above_the_photo_is_not_its_caption():
    """An article's text set in a face of its own (not the page's body face) ends right
    above the photo; the caption below is in the body face: the caption is the one below."""
    glyphs = column(["另一种字体的正文文字写满了"] * 8, 0, 0, 13, font="Kai-Other")
    glyphs += run("图为村民在田间收割小麦", 0, 232, 9.6)
    figures = attach_captions([BBox(0, 122, 200, 220)], blocks_of(glyphs), set(),
                              ("Body-Serif", 10.0))
    assert figures[0].caption_and_credit()[0] == "图为村民在田间收割小麦"


def test_a_caption_broken_over_five_lines_of_a_narrow_column_ending_in_a_credit():
    """Body face, five lines above a one-column photo, ending with its credit: the caption."""
    lines = ["去阿克陶县的木吉", "乡看火山口遇见一", "名朴实的青年木吉", "乡的干部小任。本",
             "报记者覃嘉英摄"]
    glyphs = column(lines, 0, 30, 9, size=9.6)
    figures = attach_captions([BBox(0, 108, 90, 160)], blocks_of(glyphs), set(),
                              ("Body-Serif", 10.0))
    assert figures[0].caption_and_credit() == (
        "去阿克陶县的木吉乡看火山口遇见一名朴实的青年木吉乡的干部小任。", "本报记者覃嘉英摄")


def test_a_credit_set_on_the_captions_row_across_a_gutter_joins_it():
    glyphs = run("图为维护国家安全没有局外人。", 0, 92, 9.0, "Kai")
    glyphs += run("通讯员陆娟杰摄", 140, 92, 9.0, "Kai")
    figures = attach_captions([PHOTO], blocks_of(glyphs), set(), ("Body-Serif", 10.0))
    assert figures[0].caption_and_credit() == ("图为维护国家安全没有局外人。", "通讯员陆娟杰摄")



def test_a_short_caption_in_body_type_with_its_credit_beside_it():
    """「但越是拓宽机制，加强监管。  新华社记者贺轩艳摄」 in the body face under a photo,
    narrower than it: the credit on the row of its last line makes it the caption."""
    glyphs = run("但越是拓宽机制，加强监管。", 0, 232)
    glyphs += run("新华社记者贺轩艳摄", 138, 232, advance=6.0)
    figures = attach_captions([PHOTO], blocks_of(glyphs), set(), ("Body-Serif", 10.0))
    assert figures[0].caption_and_credit() == ("但越是拓宽机制，加强监管。", "新华社记者贺轩艳摄")


def test_the_rest_of_a_caption_line_split_off_at_a_wide_gap_keeps_its_place():
    """「…維持經營。  田佳」 over 「明攝」: the name piece after the gap, read as a block of
    its own, follows its row's line (a credit broken inside the name, traditional 攝)."""
    glyphs = run("圖爲動盪不安的生活中，他們", 0, 232, 9.0, "Kai")
    glyphs += run("拿出藏書來維持經營。", 0, 246, 9.0, "Kai")
    glyphs += run("明攝", 0, 260, 9.0, "Kai")
    piece = blocks_of(run("田佳", 100, 246, 9.0, "Kai"))  # a block of its own, as read
    figures = attach_captions([PHOTO], piece + blocks_of(glyphs), set(), ("Body-Serif", 10.0))
    assert figures[0].caption_and_credit() == (
        "圖爲動盪不安的生活中，他們拿出藏書來維持經營。", "田佳明攝")


def test_a_traditional_credit_is_split_off():
    glyphs = run("圖爲好政策讓人心裏溫暖。記者雷思穎攝", 0, 232, 9.0, "Kai")
    figures = attach_captions([PHOTO], blocks_of(glyphs), set(), ("Body-Serif", 10.0))
    assert figures[0].caption_and_credit() == ("圖爲好政策讓人心裏溫暖。", "記者雷思穎攝")


def test_a_credit_line_justified_into_pieces_joins_the_caption_whole():
    """「…合作成果。」 over 「本报记者」「钱强」「摄」: a credit line set wide apart is read as
    three pieces, the first ending the caption's block; each piece follows the one before
    it on the row, so the whole credit joins the caption, in order."""
    glyphs = run("图为本届大会达成多项合作成果。", 0, 232, 9.0, "Kai")
    glyphs += run("本报记者", 0, 246, 9.0, "Kai")
    pieces = blocks_of(run("钱强", 50, 246, 9.0, "Kai"))  # blocks of their own, as read
    pieces += blocks_of(run("摄", 80, 246, 9.0, "Kai"))
    figures = attach_captions([PHOTO], pieces + blocks_of(glyphs), set(), ("Body-Serif", 10.0))
    assert figures[0].caption_and_credit() == ("图为本届大会达成多项合作成果。", "本报记者钱强摄")
