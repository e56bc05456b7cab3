"""Recognised lines into glyphs (layout.ingest.ocr.glyphs): boxes in points top-left,
sizes taken per column and per headline, not per line. No engine needed: the engine's
results are written out here."""

from __future__ import annotations

import pytest

from layout.ingest.ocr.glyphs import OCR_FONT, lines_to_glyphs, snap_sizes
from layout.settings import DEFAULT_SETTINGS
from tests.ingest.ocr.engine_lines import engine_line


def test_recognised_lines_become_glyphs_in_points_top_left():
    px = 72 / 200  # points per pixel at 200 dpi
    box = [[100, 50], [200, 50], [200, 80], [100, 80]]
    words = ["新", "闻", "ok"]
    word_boxes = [[[100, 50], [130, 50], [130, 80], [100, 80]],
                  [[134, 50], [164, 50], [164, 80], [134, 80]],
                  [[170, 50], [200, 50], [200, 80], [170, 80]]]
    low = [[[0, 0], [10, 0], [10, 10], [0, 10]], "噪", 0.2]
    standing = [[[300, 10], [330, 10], [330, 130], [300, 130]], "竖排标题", 0.95]
    glyphs, lines = lines_to_glyphs(
        [[box, "新闻ok", 0.99, word_boxes, words], low, standing], px, px)
    assert "".join(g.text for g in glyphs) == "新闻ok竖排标题"  # the low-confidence line dropped
    assert [ln.text for ln in lines] == ["新闻ok", "竖排标题"]
    assert lines[0].confidence == 0.99
    xin, wen, o, k = glyphs[:4]
    assert xin.upright and xin.font == OCR_FONT
    # a Han character: an em wide about the recogniser's centre; Latin keeps its extent
    assert xin.x1 - xin.x0 == pytest.approx(xin.size)
    assert (xin.x0 + xin.x1) / 2 == pytest.approx(115 * px)
    assert (o.x0, k.x1) == (pytest.approx(170 * px), pytest.approx(200 * px))
    assert (xin.top + xin.bottom) / 2 == pytest.approx(65 * px)
    assert xin.size == pytest.approx(30 * px * DEFAULT_SETTINGS.ocr.size_per_line_height)
    turned = glyphs[4:]
    assert not any(g.upright for g in turned)
    assert [g.top for g in turned] == sorted(g.top for g in turned)  # read top to bottom


def test_near_equal_line_sizes_snap_to_one():
    sizes = snap_sizes([9.0, 9.6, 8.4, 20.0, 21.5, 6.0], [10, 10, 10, 3, 3, 2], 0.15)
    assert sizes[:3] == [9.0, 9.0, 9.0]  # body lines: the body size
    assert sizes[3] == sizes[4] and sizes[3] in (20.0, 21.5)
    assert sizes[5] == 6.0


def test_sizes_follow_the_column_not_one_line():
    px = 72 / 200
    column = [engine_line(0, 40 * k, "这是一个栏里的正文行字") for k in range(6)]
    column.append(engine_line(0, 240, "去。”", height=30.0))  # a short last line, taller box
    column.append(engine_line(40, 280, "首行缩进了两字", pitch=24.0))  # justified, spaced
    glyphs, _ = lines_to_glyphs(column, px, px)
    assert len({round(g.size, 3) for g in glyphs}) == 1
    assert glyphs[0].size == pytest.approx(20 * px)  # the em from the lines' pitch
    headline = engine_line(0, 400, "大标题", pitch=60.0, height=78.0)
    glyphs, _ = lines_to_glyphs([*column, headline], px, px)
    assert glyphs[-1].size > 2.5 * glyphs[0].size


def test_two_boxes_of_one_headline_get_one_size():
    px = 72 / 200
    left = engine_line(0, 0, "久久为功，", pitch=60.0, height=70.0)
    right = engine_line(330, 2, "“APEC蓝”成为“北京蓝”", pitch=60.0, height=74.0)
    body = [engine_line(0, 200 + 40 * k, "这是一个栏里的正文行字") for k in range(6)]
    glyphs, _ = lines_to_glyphs([left, right, *body], px, px)
    head = [g for g in glyphs if g.size > 15]
    assert len(head) == len("久久为功，“APEC蓝”成为“北京蓝”") and len({g.size for g in head}) == 1


def test_a_headline_in_two_lines_is_one_size_and_its_kicker_is_not():
    px = 72 / 200
    body = [engine_line(0, 300 + 40 * k, "这是一个栏里的正文行字") for k in range(8)]
    kicker = engine_line(40, 0, "引题比标题小些", pitch=40.0, height=52.0)
    first = engine_line(20, 70, "三季度出入境人员", pitch=60.0, height=76.0)
    second = engine_line(60, 160, "达1.78亿人次", pitch=60.0, height=68.0)  # detected shorter
    glyphs, _ = lines_to_glyphs([kicker, first, second, *body], px, px)
    sizes = [g.size for g in glyphs]
    kicker_size, first_size = sizes[0], sizes[len("引题比标题小些")]
    second_size = sizes[len("引题比标题小些三季度出入境人员")]
    assert first_size == second_size
    assert kicker_size < 0.8 * first_size


def test_a_body_line_detected_too_tall_stays_body_text():
    px = 72 / 200
    column = [engine_line(0, 40 * k, "这是一个栏里的正文行字") for k in range(6)]
    tall = engine_line(0, 240, "这一行的框画得太高了些", height=40.0)  # 1.5 line heights
    headline = engine_line(0, 400, "大标题", pitch=60.0, height=78.0)
    glyphs, _ = lines_to_glyphs([*column, tall, headline], px, px)
    sizes = [g.size for g in glyphs]
    body = sizes[0]
    assert sizes[66:77] == [body] * 11  # the tall box's line: the column's size
    assert sizes[-1] > 2.5 * body


def test_a_line_spaced_out_and_drawn_tall_within_its_column_is_body_text():
    px = 72 / 200
    column = [engine_line(0, 40 * k, "这是一个栏里的正文行字") for k in range(8)]
    # a justified line of few characters spread over the column, its box drawn taller,
    # broken in two by the detector at a wide gap: still at the column's leading
    spaced = [engine_line(40, 120, "新房装修，", pitch=30.0, height=34.0),
              engine_line(195, 120, "据悉", pitch=20.0, height=34.0)]
    column[3:4] = spaced
    glyphs, _ = lines_to_glyphs(column, px, px)
    assert len({round(g.size, 3) for g in glyphs}) == 1


def test_a_kicker_and_subtitle_over_the_text_of_their_column_keep_their_size():
    px = 72 / 200
    # kicker, headline and subtitle stacked close over the column's text, the kicker
    # and subtitle a quarter larger than the text: not the text's size
    kicker = engine_line(0, 0, "“十四五”的民生故事", pitch=25.0, height=33.0)
    headline = engine_line(0, 40, "一项改革带来就医新变化", pitch=40.0, height=46.0)
    subtitle = engine_line(0, 92, "——女儿身体情况不断好转", pitch=25.0, height=33.0)
    body = [engine_line(0, 132 + 30 * k, "这是一个栏里的正文行字") for k in range(8)]
    glyphs, _ = lines_to_glyphs([kicker, headline, subtitle, *body], px, px)
    sizes = [g.size for g in glyphs]
    body_size = sizes[-1]
    assert sizes[0] > 1.15 * body_size  # the kicker
    assert sizes[len("“十四五”的民生故事一项改革带来就医新变化")] > 1.15 * body_size
    # a line of the text set a little large amid it still takes the column's size
    tall = engine_line(0, 132 + 30 * 8, "这一行字的框画得高了", pitch=23.0, height=30.0)
    glyphs, _ = lines_to_glyphs([*body, tall, *body[:0]], px, px)
    assert len({round(g.size, 3) for g in glyphs}) == 1


def test_a_subtitle_over_the_text_opening_with_one_one_opens_with_the_dash():
    """一一这是… read for a subtitle's ——, set larger than the text it stands over in its
    column: the dash; a line of the text opening with 一一 (one by one) stays."""
    px = 72 / 200
    subtitle = engine_line(0, 0, "一一这是该大会首次在中国举办", pitch=25.0, height=33.0)
    body = [engine_line(0, 40 + 30 * k, "这是一个栏里的正文行字") for k in range(8)]
    body[3] = engine_line(0, 40 + 30 * 3, "一一落实到位的正文行字")
    glyphs, _ = lines_to_glyphs([subtitle, *body], px, px)
    text = "".join(g.text for g in glyphs)
    assert text.startswith("——这是该大会") and "一一落实到位" in text


def test_a_byline_under_the_subtitle_keeps_a_size_of_its_own():
    """Kicker, headline, subtitle and two bare-name bylines stacked over a photo (no
    column of text under them): the bylines, set between the subtitle and the text in
    size, take neither's size (taken as the subtitle's, they read as part of it; as the
    text's, as a caption)."""
    px = 72 / 200
    kicker = engine_line(100, 0, "记者调查", pitch=26.0, height=30.0)
    headline = engine_line(40, 40, "从多少年感悟自信", pitch=40.0, height=46.0)
    subtitle = engine_line(60, 95, "——多少年没坐过绿皮车了", pitch=25.0, height=29.0)
    names = [engine_line(80, 135, "诸葛超涛", pitch=21.5, height=26.0),
             engine_line(200, 135, "上官成", pitch=21.5, height=26.0)]
    body = [engine_line(600, 30 * k, "这是另一栏里的正文行字啊") for k in range(20)]
    glyphs, _ = lines_to_glyphs([kicker, headline, subtitle, *names, *body], px, px)
    size = {g.text: g.size for g in glyphs}
    assert size["诸"] == size["成"]
    assert size["诸"] < 0.95 * size["绿"]  # not the subtitle's
    assert size["诸"] > 1.05 * size["栏"]  # nor the text's
