"""A recognised line's characters (layout.ingest.ocr.chars): extents, marks and dashes
as Chinese prints them."""

from __future__ import annotations

from layout.ingest.ocr import chars


def test_a_line_box_is_split_by_character_widths():
    spans = chars.split_span("中a文", 0.0, 25.0)
    assert [c for c, _, _ in spans] == ["中", "a", "文"]
    assert [round(b - a, 3) for _, a, b in spans] == [10.0, 5.0, 10.0]
    # no word boxes: the line box is shared out, spaces take room but give no glyph
    spans = chars.char_spans("ab cd", [[0, 0], [25, 0], [25, 10], [0, 10]], None, None, 0)
    assert [(c, a, b) for c, a, b in spans] == [("a", 0, 5), ("b", 5, 10), ("c", 15, 20),
                                                ("d", 20, 25)]


def test_marks_and_dashes_as_chinese_prints_them():
    assert chars.cjk_punctuation('“APEC蓝”成为"北京蓝"') == "“APEC蓝”成为“北京蓝”"
    assert chars.cjk_punctuation('他说"好",走了') == "他说“好”，走了"
    assert chars.cjk_punctuation("Hello, world (ok)") == "Hello, world (ok)"
    # a headline line of more Latin letters than hanzi: its quotes are still Chinese
    assert chars.cjk_punctuation('“APEC蓝"') == "“APEC蓝”"
    assert chars.cjk_punctuation('He said "hi", APEC') == 'He said "hi", APEC'
    assert chars.cjk_punctuation("守住底线“”更好统筹") == "守住底线”“更好统筹"
    assert chars.cjk_punctuation("他说：“”") == "他说：“”"
    assert chars.cjk_dashes("一—还有提升的空间", standalone=False) == "——还有提升的空间"
    assert chars.cjk_dashes("一-2014年11月10日", standalone=False) == "——2014年11月10日"
    assert chars.cjk_dashes("一一总书记的关切", standalone=True) == "——总书记的关切"
    assert chars.cjk_dashes("一一落实到位", standalone=False) == "一一落实到位"  # in a column
    assert chars.cjk_dashes("统一一致", standalone=True) == "统一一致"


def test_ink_em_places_marks_and_centres_full_width_characters() -> None:
    from layout.ingest.ocr.chars import ink_em

    assert ink_em("。", 10.0, 30.0, 10.0) == (10.0, 20.0)  # ink in the em's first half
    assert ink_em("（", 10.0, 30.0, 10.0) == (20.0, 30.0)  # and in its second
    assert ink_em("中", 10.0, 30.0, 10.0) == (15.0, 25.0)  # centred
    assert ink_em("a", 10.0, 30.0, 10.0) == (10.0, 30.0)  # kept


def _result(text: str, pitch: float, height: float = 20.0) -> list:
    words = list(text)
    boxes = [[[k * pitch, 0], [k * pitch + height, 0], [k * pitch + height, height],
              [k * pitch, height]] for k in range(len(words))]
    box = [[0, 0], [len(words) * pitch, 0], [len(words) * pitch, height], [0, height]]
    return [box, text, 0.9, boxes, words]


def test_pitched_line_takes_a_line_across_with_word_boxes_and_a_pitch() -> None:
    line = chars.pitched_line(_result("认真学习文件", 22.0))
    assert line is not None
    assert line.pitch == 22.0 and line.top == 0 and line.bottom == 20.0
    assert line.centres == [10.0 + 22.0 * k for k in range(6)]


def test_pitched_line_refuses_short_lines_mismatched_words_and_columns() -> None:
    assert chars.pitched_line(_result("认真学", 22.0)) is None  # too few steps
    mismatched = _result("认真学习文件", 22.0)
    mismatched[4] = list("认真学习文")
    assert chars.pitched_line(mismatched) is None
    upright = _result("认真学习文件", 22.0, height=400.0)  # higher than wide
    assert chars.pitched_line(upright) is None
    assert chars.pitched_line(_result("认真学习文件", 1.5, height=1.0)) is None  # no pitch
