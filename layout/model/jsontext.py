"""JSON text of plain data (dicts, lists, str, int, float, bool, None), indented, fast.

Takes a value and an indent; :func:`dumps` returns the text ``json.dumps(value,
ensure_ascii=False, indent=indent)`` gives, character for character, and :func:`write`
writes it to a text sink in pieces. The standard library's C encoder does not indent, and
its Python encoder (a generator per nesting level) is several times slower; this one builds
the text with one recursive function over lists of parts. Strings are quoted by the standard
library's own (C) function; floats are written as ``float.__repr__`` (``NaN``,
``Infinity``), as ``json`` does; tuples are lists; a list's length is taken with ``len``
and its items by iterating it (so a lazy ``list`` subclass works as with ``json``). A value
may also be given as its text already made (:class:`Encoded`, e.g. by another process with
``dumps(value, indent, level)`` at the depth it is written at): that text is written as is.
"""

from __future__ import annotations

from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any

_INFINITY = float("inf")
_FLOAT_REPR = float.__repr__
_INT_REPR = int.__repr__
FLUSH_CHARS = 1 << 16  # pieces are handed to the sink once they hold this many characters
_LONG_PART = 1024  # a part this long (an Encoded value's text) makes the writer check
# whether to flush, as more than 256 parts do


class Encoded:
    """The JSON text of a value, made beforehand at the depth and indent it is written at."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return _FLOAT_REPR(value)


def _key(key: object) -> str:
    """A dict key as ``json`` writes it (it turns keys into strings: a scalar's text,
    quoted)."""
    if isinstance(key, str):
        return encode_basestring(key)
    if key is None or isinstance(key, (int, float)):  # bool is an int
        return encode_basestring(_scalar(key))  # type: ignore[arg-type]
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _scalar(value: object) -> str | None:
    """The text of a value that holds no others; None for a list or dict."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return _INT_REPR(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, (list, tuple, dict)):
        return None
    if isinstance(value, Encoded):
        return value.text
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def write(value: Any, sink: Callable[[str], object], indent: int = 1, level: int = 0) -> None:
    """Write the JSON text of ``value`` to ``sink`` in pieces of about
    :data:`FLUSH_CHARS` characters (the pieces of the outer two levels are handed on as
    they are made: one page of an issue at a time); ``level``: the depth ``value`` sits at
    in an enclosing value (its inner lines are indented for that depth)."""
    step = " " * indent
    parts: list[str] = []

    def flush() -> None:
        sink("".join(parts))
        parts.clear()

    def encode(item: Any, level: int) -> None:
        text = _scalar(item)
        if text is not None:
            parts.append(text)
            return
        if not item:
            parts.append("{}" if isinstance(item, dict) else "[]")
            return
        inner = "\n" + step * (level + 1)
        separator = "," + inner
        if isinstance(item, dict):
            parts.append("{" + inner)
            first = True
            for key, member in item.items():
                if not first:
                    parts.append(separator)
                first = False
                parts.append(_key(key) + ": ")
                encode(member, level + 1)
                if level < 2 and (len(parts) > 256 or len(parts[-1]) > _LONG_PART):
                    _maybe_flush()
            parts.append("\n" + step * level + "}")
        else:
            parts.append("[" + inner)
            first = True
            for member in item:
                if not first:
                    parts.append(separator)
                first = False
                encode(member, level + 1)
                if level < 2 and (len(parts) > 256 or len(parts[-1]) > _LONG_PART):
                    _maybe_flush()
            parts.append("\n" + step * level + "]")

    def _maybe_flush() -> None:
        if sum(map(len, parts)) >= FLUSH_CHARS:
            flush()

    encode(value, level)
    flush()


def dumps(value: Any, indent: int = 1, level: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=indent)`` (its inner lines indented
    for depth ``level``, see :func:`write`)."""
    pieces: list[str] = []
    write(value, pieces.append, indent, level)
    return "".join(pieces)
