"""Content text placed on printed lines: every character once, in order."""

from hypothesis import given, settings
from hypothesis import strategies as st

from layout.export.content import Segment
from layout.export.lines import is_vertical, place
from layout.model import BBox, Line


def _text(placed) -> str:
    return "".join(t.text for p in placed for t in p.tokens)


def _lines(*texts: str) -> tuple[Line, ...]:
    return tuple(Line(t, BBox(10, 10 + 12 * k, 10 + 10 * len(t), 20 + 12 * k))
                 for k, t in enumerate(texts))


def test_each_line_gets_its_own_text():
    lines = _lines("连日来，市城乡", "一体化示范区", "各单位。")
    placed = place([Segment("连日来，市城乡一体化示范区各单位。", "paragraph")], lines)
    assert [p.line for p in placed] == list(lines)
    assert [[t.text for t in p.tokens] for p in placed] == [
        ["连日来，市城乡"], ["一体化示范区"], ["各单位。"]]
    assert placed[0].tokens[0].start == 0.0 and placed[0].tokens[0].end == 1.0


def test_text_the_lines_lack_or_add_still_lands_once():
    lines = _lines("本报讯（记者）连日\ufffd来", "各单位纷纷")
    segments = [Segment("本报讯（记者）", "dateline"), Segment("连日来各单位纷纷开展", "paragraph")]
    placed = place(segments, lines)
    assert _text(placed) == "本报讯（记者）连日来各单位纷纷开展"
    first = placed[0].tokens
    assert (first[0].text, first[0].tag) == ("本报讯（记者）", "dateline")
    assert first[1].tag == "paragraph" and first[1].start >= first[0].end
    assert placed[1].tokens[-1].text.endswith("开展")  # extra text goes with its neighbour


def test_latin_words_are_separate_tokens_with_spaces_between():
    lines = _lines("GDP grew 5% in", "2024 said he")
    placed = place([Segment("GDP grew 5% in 2024 said he", "paragraph")], lines)
    assert [t.text for t in placed[0].tokens] == ["GDP", "grew", "5%", "in"]
    assert [t.space_before for t in placed[0].tokens] == [False, True, True, True]
    assert placed[1].tokens[0].space_before is False  # no space at a line's head
    starts = [t.start for t in placed[0].tokens]
    assert starts == sorted(starts)


def test_without_lines_each_segment_is_one_line():
    placed = place([Segment("记者 张三", "byline"), Segment("李四", "byline")], ())
    assert [[t.text for t in p.tokens] for p in placed] == [["记者", "张三"], ["李四"]]
    assert all(p.bbox is None for p in placed)


def test_vertical_lines():
    assert is_vertical(Line("竖排文字", BBox(10, 10, 22, 60)))
    assert not is_vertical(Line("横排文字", BBox(10, 10, 60, 22)))
    assert not is_vertical(Line("一", BBox(10, 10, 12, 22)))
    assert not is_vertical(Line("竖排", None))


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="天地玄黄宇宙洪荒，。ab 1", min_size=1, max_size=60),
       st.lists(st.integers(min_value=1, max_value=15), min_size=1, max_size=6),
       st.text(alphabet="天地玄黄x\ufffd", max_size=4))
def test_every_character_lands_once_in_order(text, cuts, noise):
    """Whatever the lines say (cut anywhere, junk added), the content comes out whole."""
    source = noise + text[::-1][:5] + text
    pieces, k = [], 0
    for n in cuts:
        pieces.append(source[k:k + n])
        k += n
    pieces.append(source[k:])
    lines = _lines(*[p for p in pieces if p])
    placed = place([Segment(text[: len(text) // 2], "a"), Segment(text[len(text) // 2:], "b")],
                   lines)
    assert _text(placed) == "".join(text.split())
    for p in placed:
        for t in p.tokens:
            assert 0.0 <= t.start <= t.end <= 1.0


def test_a_huge_unlike_block_is_spread_evenly():
    """Past MAX_ALIGNMENT_CELLS no alignment is tried: each line gets an even share."""
    lines = _lines(*["甲" * 50] * 60)  # 3000 characters the content does not share
    text = "乙丙" * 2500
    placed = place([Segment(text, "paragraph")], lines)
    assert _text(placed) == text
    shares = [len(p.tokens[0].text) for p in placed]
    assert len(shares) == 60 and max(shares) - min(shares) <= 1
