"""Jump markers split off the paragraphs they are set with, and only real markers."""

import pytest

from layout.analysis.jumps import split_jump_markers


@pytest.mark.parametrize(("text", "rest", "markers"), [
    ("（下转第3版）", "", ["（下转第3版）"]),
    ("　转第2版▲", "", ["转第2版▲"]),
    ("▲上接第1版", "", ["▲上接第1版"]),
    ("上接第6版　民政工作关系民生。", "民政工作关系民生。", ["上接第6版"]),
    ("（上接第1版）第一段", "第一段", ["（上接第1版）"]),
    ("发展很快。（下转第1 4版）", "发展很快。", ["（下转第14版）"]),
    ("发展很快。转第2版▲", "发展很快。", ["转第2版▲"]),
    ("发展。转第3版", "发展。", ["转第3版"]),
    ("本报记者王磊▲上接第1版", "本报记者王磊", ["▲上接第1版"]),
    ("（上接第2版）正文。（下转第5版）", "正文。", ["（上接第2版）", "（下转第5版）"]),
])
def test_markers_alone_opening_or_closing_are_split_off(text, rest, markers):
    assert split_jump_markers(text) == (rest, markers)


@pytest.mark.parametrize("text", [
    "文章说转第3版",  # no sentence end, no bracket: prose
    "本文转第3版的内容很多。",  # inside the sentence
    "转第3版后，读者可以继续阅读。",  # a 转 at the head is not a 上接 marker
    "第3版刊登了评论。",
])
def test_prose_mentioning_pages_is_left_alone(text):
    assert split_jump_markers(text) == (text, [])
