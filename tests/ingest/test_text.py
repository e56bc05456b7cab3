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
