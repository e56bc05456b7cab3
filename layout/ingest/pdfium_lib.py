"""Lean ctypes bindings to the PDFium that pypdfium2 ships, with handles as plain ints.

Takes nothing; exposes :data:`lib`, the same shared library pypdfium2 loaded, opened
once more so that its functions can be declared with ``c_void_p`` handles and plain
C types (pypdfium2's own declarations, typed pointers, cost several microseconds a
call, and a page of type calls them tens of thousands of times). Handles obtained
from pypdfium2 objects are turned into ints with :func:`handle`. :data:`per_char` has
the calls made once per character of a text page declared with no argument types at
all (a third less time a call than checked ``c_void_p`` and ``c_int`` arguments): their
callers pass the handle and the out-pointers as ``ctypes.c_void_p`` objects made once
(a bare int would go as a C int) and the char index as an int.
"""

from __future__ import annotations

import ctypes
from pathlib import Path
from typing import Any

import pypdfium2_raw
import pypdfium2_raw.bindings as _bindings

_P = ctypes.c_void_p
_I = ctypes.c_int
_D = ctypes.POINTER(ctypes.c_double)
_F = ctypes.POINTER(ctypes.c_float)
_U = ctypes.POINTER(ctypes.c_uint)


class FSMatrix(ctypes.Structure):
    _fields_ = [(n, ctypes.c_float) for n in "abcdef"]


class FSRect(ctypes.Structure):
    _fields_ = [(n, ctypes.c_float) for n in ("left", "top", "right", "bottom")]


_SIGNATURES: dict[str, tuple[Any, list[Any]]] = {
    "FPDFText_CountChars": (_I, [_P]),
    "FPDFText_GetUnicode": (ctypes.c_uint, [_P, _I]),
    "FPDFText_IsGenerated": (_I, [_P, _I]),
    "FPDFText_IsHyphen": (_I, [_P, _I]),
    "FPDFText_HasUnicodeMapError": (_I, [_P, _I]),
    "FPDFText_GetTextObject": (_P, [_P, _I]),
    # out-pointers of the per-glyph calls are plain addresses (c_void_p): a typed pointer
    # argument costs about half a microsecond a call to check
    "FPDFText_GetCharOrigin": (_I, [_P, _I, _P, _P]),
    "FPDFText_GetCharBox": (_I, [_P, _I, _D, _D, _D, _D]),
    "FPDFText_GetLooseCharBox": (_I, [_P, _I, _P]),
    "FPDFText_GetMatrix": (_I, [_P, _I, _P]),
    "FPDFText_GetFillColor": (_I, [_P, _I, _P, _P, _P, _P]),
    "FPDFTextObj_GetFont": (_P, [_P]),
    "FPDFTextObj_GetFontSize": (_I, [_P, _P]),
    "FPDFTextObj_GetTextRenderMode": (_I, [_P]),
    "FPDFFont_GetBaseFontName": (ctypes.c_size_t, [_P, ctypes.c_char_p, ctypes.c_size_t]),
    "FPDFFont_GetDescent": (_I, [_P, ctypes.c_float, _F]),
    "FPDFFont_GetGlyphWidth": (_I, [_P, ctypes.c_uint, ctypes.c_float, _F]),
    "FPDFPage_CountObjects": (_I, [_P]),
    "FPDFPage_GetObject": (_P, [_P, _I]),
    "FPDFFormObj_CountObjects": (_I, [_P]),
    "FPDFFormObj_GetObject": (_P, [_P, ctypes.c_ulong]),
    "FPDFPageObj_GetType": (_I, [_P]),
    "FPDFPageObj_GetBounds": (_I, [_P, _F, _F, _F, _F]),
    "FPDFPageObj_GetMatrix": (_I, [_P, ctypes.POINTER(FSMatrix)]),
    "FPDFPageObj_GetFillColor": (_I, [_P, _U, _U, _U, _U]),
    "FPDFPath_CountSegments": (_I, [_P]),
    "FPDFPath_GetPathSegment": (_P, [_P, _I]),
    "FPDFPath_GetDrawMode": (_I, [_P, ctypes.POINTER(_I), ctypes.POINTER(_I)]),
    "FPDFPathSegment_GetPoint": (_I, [_P, _F, _F]),
    "FPDFPathSegment_GetType": (_I, [_P]),
    "FPDFPathSegment_GetClose": (_I, [_P]),
}

PAGEOBJ_TEXT, PAGEOBJ_PATH, PAGEOBJ_IMAGE, PAGEOBJ_FORM = 1, 2, 3, 5
SEGMENT_LINETO, SEGMENT_BEZIERTO, SEGMENT_MOVETO = 0, 1, 2
FILLMODE_NONE, FILLMODE_ALTERNATE = 0, 1  # FPDF_FILLMODE_*: no fill, even-odd


def _library_path() -> str:
    loaded = getattr(_bindings, "_libs", {}).get("pdfium")
    name = getattr(loaded, "_name", None)
    if name:
        return str(name)
    return str(Path(pypdfium2_raw.__file__).with_name("libpdfium.so"))


class _Bound:
    """The functions named in ``signatures`` (name -> (restype, argtypes)) bound from a
    CDLL of their own (argtypes ``None``: no per-argument checks; see :data:`per_char`)."""

    def __init__(self, signatures: dict[str, tuple[Any, Any]]) -> None:
        cdll = ctypes.CDLL(_library_path())
        for name, (restype, argtypes) in signatures.items():
            fn = getattr(cdll, name)
            fn.restype, fn.argtypes = restype, argtypes
            setattr(self, name, fn)

    def __getattr__(self, name: str) -> Any:  # pragma: no cover - every name is bound
        raise AttributeError(name)


lib: Any = _Bound(_SIGNATURES)

_PER_CHAR_RESTYPES: dict[str, Any] = {  # (textpage, index, out-pointers...) -> restype
    "FPDFText_GetUnicode": ctypes.c_uint,
    "FPDFText_IsGenerated": _I,
    "FPDFText_HasUnicodeMapError": _I,
    "FPDFText_GetTextObject": _P,
    "FPDFText_GetCharOrigin": _I,
    "FPDFText_GetLooseCharBox": _I,
    "FPDFText_GetMatrix": _I,
    "FPDFText_GetFillColor": _I,
}
per_char: Any = _Bound({name: (restype, None) for name, restype in _PER_CHAR_RESTYPES.items()})
# the per-character calls of _PER_CHAR_RESTYPES, with no argument types


def handle(pointer: Any) -> int:
    """A pypdfium2 handle (typed ctypes pointer) as an int address (0 for NULL)."""
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0
