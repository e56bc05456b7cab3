"""layout.ingest.text: decoding, pages, lines with their blank-line context."""

from __future__ import annotations

import codecs

import pytest

from layout.errors import InputError
from layout.ingest.text import decode_dump, page_lines, read_dump, split_pages

TEXT = ("示范区：入户大走访 情暖千万家\n记者 姬慧洋\n\n"
        "\ufffd\ufffd连日来，市城乡\n各单位纷纷开展。\n")


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    TEXT.encode("gb18030"),
    TEXT.encode("gbk", errors="replace").replace(b"?", b""),  # GBK has no U+FFFD
    TEXT.encode("utf-16"),  # with BOM
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    TEXT.encode("utf-16-le"),  # no BOM: recognized by its NUL pattern
    TEXT.replace("\n", "\r\n").encode("utf-8"),
])
def test_every_encoding_decodes_to_the_same_lines(data: bytes) -> None:
    pages = read_dump(data, "page.txt")
    texts = [line.text for line in pages[0].lines]
    assert texts[0] == "示范区：入户大走访 情暖千万家"
    assert texts[1] == "记者 姬慧洋"
    assert texts[3] == "各单位纷纷开展。"
    assert "\r" not in "".join(texts)


def test_form_feeds_separate_pages() -> None:
    text = "第一页\n\f第二页\n\f"
    assert split_pages(decode_dump(text.encode(), "x")) == ["第一页\n", "第二页\n"]
    pages = read_dump(text.encode(), "x")
    assert [p.number for p in pages] == [1, 2]
    assert pages[1].lines[0].text == "第二页"


def test_lines_know_their_indent_and_blank_context() -> None:
    lines = page_lines("\n标题\n\n\n\ufffd\ufffd\ufffd正文第一行\n 次行\n")
    title, first, second = lines
    assert (title.number, title.blanks_before, title.blanks_after) == (2, 0, 2)
    assert first.indent == 3 and first.replacement_indent and first.text == "正文第一行"
    assert first.blanks_before == 2 and first.blanks_after == 0
    assert second.indent == 1 and not second.replacement_indent


@pytest.mark.parametrize("data, problem", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"%PDF-1.7\x00\x01\x02\x03binary\x00\x00", "binary"),
    (b"\xff\xfe\x00\xd8", "utf-16"),  # BOM then a lone surrogate
    (bytes(range(0x80, 0x100)) * 4, "decode"),
])
def test_bad_input_raises_input_error_naming_the_file(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        read_dump(data, "bad-page.txt")
    message = str(caught.value)
    assert message.startswith("bad-page.txt: ") and "\n" not in message
    assert problem in message.lower()


# ---------------------------------------------------------------- bounded reading


def test_a_million_form_feeds_cost_one_pass_and_one_warning(caplog) -> None:
    data = "第一版 标题\n正文内容。\n".encode() + b"\f" * 1_000_000 + "最后一页。\n".encode()
    with caplog.at_level("WARNING", logger="layout.ingest.text"):
        pages = read_dump(data, "ff.txt")
    assert [p.number for p in pages] == [1, 1_000_001]  # numbered by their place
    [message] = [r.getMessage() for r in caplog.records]
    assert message == "ff.txt: 999999 blank pages skipped (page 2, 3, 4, 5, 6, …)"
    with pytest.raises(InputError, match="holds no text"):
        read_dump(b"\f" * 1_000_000 + "\ufffd\u3000\n".encode(), "blank.txt")


def test_a_long_line_is_read_in_pieces_and_loses_nothing() -> None:
    line = ("新闻" * 5_000) + "  " + ("报道" * 3_000)  # 16 002 characters on one line
    [page] = read_dump((line + "\n").encode(), "long.txt", max_line_chars=2_000)
    pieces = [x.raw for x in page.lines]
    assert max(map(len, pieces)) <= 2_002 and len(pieces) == 8
    assert "".join(pieces) == line  # every character, in order
    assert all(x.blanks_before == 0 for x in page.lines[1:])  # one run of lines
    assert not any(x.indent for x in page.lines)  # no piece opens with the spaces


def test_more_pages_with_text_than_max_pages_is_bad_input() -> None:
    data = "\f".join(f"第{k}页。" for k in range(1, 6)).encode()
    with pytest.raises(InputError, match="5 pages, over --max-pages 4"):
        read_dump(data, "five.txt", max_pages=4)
    assert len(read_dump(data, "five.txt", max_pages=5)) == 5
