"""Read a page text dump: bytes -> decoded text -> pages -> lines with blank-line context.

Takes the bytes of a ``.txt`` dump as a PDF extractor wrote it (UTF-8 with or
without BOM, GB18030/GBK, UTF-16/32 with BOM; CRLF or LF; pages separated by form
feed ``\\f``) and returns :class:`DumpPage` objects holding the non-blank
:class:`DumpLine` objects of each page, each with its indent marks (leading
U+FFFD / spaces) and the number of blank lines around it. Nothing is cleaned
here beyond line ends; text cleaning is ``layout.clean``.
Undecodable or non-text input raises :class:`layout.errors.InputError` naming the byte
offset of the first bad sequence; a :class:`TextDecoding` forces an encoding and/or
replaces undecodable bytes with U+FFFD (one warning with their count and first offset).

Bounded work whatever the dump holds: pages are cut out one at a time (no list of
all form-feed pages), blank pages are skipped with one warning (a million form
feeds cost one pass over the bytes), a dump with more than ``max_pages`` pages
holding text is bad input, and a line longer than ``max_line_chars`` is read as
several consecutive lines (every character kept), so no analysis step ever sees an
unbounded line.
"""

from __future__ import annotations

import codecs
import contextvars
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from layout.errors import InputError, UsageError

log = logging.getLogger("layout.ingest.text")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
MIN_PLAUSIBILITY = 0.8  # share of ordinary characters a decoding needs to be believed
_INDENT = re.compile("^[\ufffd \t\u3000\u00a0]+")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_CONTROL_RATIO = 0.01
_CONTENT = re.compile("[^\\s\ufffd]")  # a character that is not blank or an indent mark
MAX_LINE_CHARS = 2000  # default of settings.limits.max_line_chars
MAX_PAGES = 2000  # default of settings.limits.max_pages


@dataclass(frozen=True, slots=True)
class DumpLine:
    """One non-blank line of a dump page.

    ``raw`` is the line as decoded (line end removed); ``text`` is ``raw`` without
    its leading indent marks and trailing spaces; ``indent`` counts the leading
    U+FFFD / space characters; ``blanks_before``/``blanks_after`` count the blank
    lines directly around it (a page edge counts as no blank line).
    """

    number: int  # 1-based line number within the page
    raw: str
    text: str
    indent: int
    replacement_indent: bool  # the indent was made of U+FFFD
    blanks_before: int
    blanks_after: int


@dataclass(frozen=True, slots=True)
class DumpPage:
    """One page of a dump (text between form feeds) as its non-blank lines."""

    number: int
    lines: tuple[DumpLine, ...]


def _plausibility(text: str) -> float:
    """Share of characters a Chinese page dump is made of (Han, CJK punctuation, ASCII text)."""
    if not text:
        return 0.0
    good = 0
    for ch in text:
        code = ord(ch)
        if (0x20 <= code < 0x7F or ch in "\n\r\t\f\ufffd" or 0x4E00 <= code <= 0x9FFF
                or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF
                or 0x2010 <= code <= 0x2027 or code == 0xB7):
            good += 1
    return good / len(text)


def _best_decoding(data: bytes) -> str | None:
    """The most plausible of UTF-8, GB18030 and BOM-less UTF-16 decodings, or None."""
    best: tuple[float, str] | None = None
    for encoding in ("utf-8", "gb18030", "utf-16-le", "utf-16-be"):
        if encoding.startswith("utf-16") and len(data) % 2:
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text)
        if encoding == "utf-8" and score > 0.5:
            return text  # valid UTF-8 of real text is never an accident
        if best is None or score > best[0]:
            best = (score, text)
    if best is None or best[0] < MIN_PLAUSIBILITY:
        return None
    return best[1]


@dataclass(frozen=True)
class TextDecoding:
    """How to decode a dump: ``encoding`` None detects it; ``errors`` is strict or replace."""

    encoding: str | None = None
    errors: str = "strict"  # "replace": undecodable bytes become U+FFFD, with one warning

    def __post_init__(self) -> None:
        if self.errors not in ("strict", "replace"):
            raise UsageError(f"--encoding-errors {self.errors}: use strict or replace")
        if self.encoding is not None:
            try:
                codecs.lookup(self.encoding)
            except LookupError:
                raise UsageError(f"--encoding {self.encoding}: unknown encoding") from None


DEFAULT_DECODING = TextDecoding()


class _Replacements:
    """Counts the replacements one decode makes and keeps the first byte offset."""

    def __init__(self) -> None:
        self.count = 0
        self.first: int | None = None


_REPLACEMENTS: contextvars.ContextVar[_Replacements] = contextvars.ContextVar("replacements")


def _count_and_replace(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    record = _REPLACEMENTS.get()
    record.count += 1
    if record.first is None:
        record.first = exc.start
    return "\ufffd", exc.end


codecs.register_error("layout-count-replace", _count_and_replace)


def _decode_replacing(data: bytes, encoding: str, source: str) -> str:
    """``data`` decoded with U+FFFD for bad bytes; one warning with the count and first offset."""
    record = _Replacements()
    token = _REPLACEMENTS.set(record)
    try:
        text = data.decode(encoding, errors="layout-count-replace")
    finally:
        _REPLACEMENTS.reset(token)
    if record.count:
        log.warning("%s: %d undecodable byte sequence(s) as %s replaced by U+FFFD "
                    "(first at byte %d)", source, record.count, encoding, record.first)
    return text


def _strip_bom(data: bytes) -> tuple[bytes, str | None]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):], encoding
    return data, None


def _forced(data: bytes, source: str, decoding: TextDecoding) -> str:
    """The dump decoded as the encoding the user named (a BOM of it is dropped)."""
    assert decoding.encoding is not None
    name = codecs.lookup(decoding.encoding).name
    body, bom_encoding = _strip_bom(data)
    if bom_encoding is not None and codecs.lookup(bom_encoding).name.startswith(name[:6]):
        data = body
    if decoding.errors == "replace":
        return _decode_replacing(data, decoding.encoding, source)
    try:
        return data.decode(decoding.encoding)
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not valid {decoding.encoding}: {exc.reason} at byte "
                         f"{exc.start} (--encoding-errors replace reads on)") from None


def _utf8_error_offset(data: bytes) -> tuple[int, str]:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start, exc.reason
    return -1, ""


def decode_dump(data: bytes, source: str, decoding: TextDecoding = DEFAULT_DECODING) -> str:
    """The text of a dump, line ends normalized to ``\\n``; InputError when it is not text.

    Undecodable input is reported with the byte offset of the first bad sequence;
    ``decoding`` forces an encoding and/or replaces bad bytes (with one warning).
    """
    if not data.strip():
        raise InputError(source, "empty text dump")
    text: str | None = None
    if decoding.encoding is not None:
        text = _forced(data, source, decoding)
    else:
        body, encoding = _strip_bom(data)
        if encoding is not None:
            try:
                text = body.decode(encoding)
            except UnicodeDecodeError as exc:
                if decoding.errors != "replace":
                    raise InputError(source, f"not valid {encoding} after its BOM: "
                                     f"{exc.reason} at byte {exc.start + len(data) - len(body)}"
                                     " (--encoding-errors replace reads on)") from None
                text = _decode_replacing(body, encoding, source)
    if text is None:
        if data.count(0) > len(data) // 4 and _best_decoding(data) is None:
            raise InputError(source, "binary data, not a text dump")
        text = _best_decoding(data)
    if text is None:
        offset, reason = _utf8_error_offset(data)
        if decoding.errors == "replace":
            text = _decode_replacing(data, "utf-8", source)
        else:
            raise InputError(source, f"cannot decode: invalid UTF-8 at byte {offset} "
                             f"({reason}), and not GB18030 or UTF-16 text either; "
                             "try --encoding NAME or --encoding-errors replace")
    if text.count("\x00") or len(_CONTROL.findall(text)) > MAX_CONTROL_RATIO * len(text):
        raise InputError(source, "binary data, not a text dump")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_pages(text: str) -> list[str]:
    """Page texts separated by form feeds; a trailing empty page is dropped."""
    pages = text.split("\f")
    while len(pages) > 1 and not pages[-1].strip():
        pages.pop()
    return pages


def iter_pages(text: str) -> Iterator[tuple[int, str]]:
    """(page number from 1, page text) for each form-feed page, cut out one at a time."""
    start, number = 0, 1
    while True:
        end = text.find("\f", start)
        if end < 0:
            yield number, text[start:]
            return
        yield number, text[start:end]
        start, number = end + 1, number + 1


def is_blank_page(page_text: str) -> bool:
    """Nothing on the page but whitespace and indent marks."""
    return _CONTENT.search(page_text) is None


def bounded_lines(page_text: str, max_chars: int = MAX_LINE_CHARS) -> list[str]:
    """The page's lines, each line longer than ``max_chars`` cut into consecutive pieces
    of at most ``max_chars`` (a cut moves past spaces so no piece opens with an indent)."""
    out: list[str] = []
    for line in page_text.split("\n"):
        while len(line) > max_chars:
            cut = max_chars
            while cut < len(line) and line[cut] in " \t\u3000":
                cut += 1
            out.append(line[:cut])
            line = line[cut:]
        out.append(line)
    return out


def page_lines(page_text: str, max_line_chars: int = MAX_LINE_CHARS) -> tuple[DumpLine, ...]:
    """The non-blank lines of one page with their indent and blank-line context."""
    raw_lines = bounded_lines(page_text, max_line_chars)
    blank = [not _INDENT.sub("", line).strip() for line in raw_lines]
    out: list[DumpLine] = []
    for i, raw in enumerate(raw_lines):
        if blank[i]:
            continue
        before = 0
        while i - before - 1 >= 0 and blank[i - before - 1]:
            before += 1
        after = 0
        while i + after + 1 < len(raw_lines) and blank[i + after + 1]:
            after += 1
        if i - before == 0:
            before = 0  # page edge
        if i + after == len(raw_lines) - 1:
            after = 0
        match = _INDENT.match(raw)
        indent = match.group(0) if match else ""
        out.append(DumpLine(
            number=i + 1,
            raw=raw,
            text=raw[len(indent):].rstrip(),
            indent=len(indent),
            replacement_indent="\ufffd" in indent,
            blanks_before=before,
            blanks_after=after,
        ))
    return tuple(out)


def read_dump(data: bytes, source: str, max_pages: int = MAX_PAGES,
              max_line_chars: int = MAX_LINE_CHARS,
              decoding: TextDecoding = DEFAULT_DECODING) -> list[DumpPage]:
    """Bytes of a dump -> its pages holding text (at least one), numbered by their place
    among the form-feed pages; blank pages are skipped with a warning. InputError when no
    page holds text or more than ``max_pages`` do."""
    text = decode_dump(data, source, decoding)
    pages: list[DumpPage] = []
    pending: list[int] = []  # blank pages since the last page with text (first few)
    pending_count = skipped = over = 0
    examples: list[int] = []
    for number, page_text in iter_pages(text):
        if is_blank_page(page_text):
            pending_count += 1
            if len(pending) < 5:
                pending.append(number)
            continue
        skipped += pending_count  # blank pages between pages with text (trailing: ignored)
        examples += pending[:5 - len(examples)]
        pending, pending_count = [], 0
        if len(pages) < max_pages:
            pages.append(DumpPage(number=number, lines=page_lines(page_text, max_line_chars)))
        else:
            over += 1
    if over:
        raise InputError(source, f"{len(pages) + over} pages, over --max-pages {max_pages}")
    if not pages:
        raise InputError(source, "text dump holds no text")
    if skipped:
        shown = ", ".join(map(str, examples)) + (", …" if skipped > len(examples) else "")
        log.warning("%s: %d blank page%s skipped (page %s)", source, skipped,
                    "s" if skipped > 1 else "", shown)
    return pages
