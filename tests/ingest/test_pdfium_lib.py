"""PDFium bindings: the untyped per-char calls give what the typed ones give, char by char."""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium

from layout.ingest.pdfium_lib import FSMatrix, FSRect, handle, lib, per_char
from tests.ingest.sample_pages import two_page_pdf


def test_per_char_calls_match_the_typed_calls(tmp_path):
    document = pdfium.PdfDocument(str(two_page_pdf(tmp_path / "a.pdf")))
    try:
        page = document[0]
        textpage = page.get_textpage()
        tp = handle(textpage.raw)
        v_tp = ctypes.c_void_p(tp)
        count = lib.FPDFText_CountChars(tp)
        assert count > 10
        for fn in vars(per_char).values():
            assert fn.argtypes is None  # the point: no per-argument checks
        origin, typed_origin = (ctypes.c_double * 2)(), (ctypes.c_double * 2)()
        box, typed_box = FSRect(), FSRect()
        matrix, typed_matrix = FSMatrix(), FSMatrix()
        rgba, typed_rgba = (ctypes.c_uint * 4)(), (ctypes.c_uint * 4)()
        at = ctypes.addressof

        def pointers(buf: ctypes.Array, size: int) -> list[int]:
            return [at(buf) + k * size for k in range(len(buf))]

        for i in range(count):
            assert per_char.FPDFText_GetUnicode(v_tp, i) == lib.FPDFText_GetUnicode(tp, i)
            assert per_char.FPDFText_IsGenerated(v_tp, i) == lib.FPDFText_IsGenerated(tp, i)
            assert per_char.FPDFText_HasUnicodeMapError(v_tp, i) == (
                lib.FPDFText_HasUnicodeMapError(tp, i))
            assert per_char.FPDFText_GetTextObject(v_tp, i) == lib.FPDFText_GetTextObject(tp, i)
            assert per_char.FPDFText_GetCharOrigin(
                v_tp, i, *(ctypes.c_void_p(p) for p in pointers(origin, 8))) == (
                lib.FPDFText_GetCharOrigin(tp, i, *pointers(typed_origin, 8)))
            assert per_char.FPDFText_GetLooseCharBox(v_tp, i, ctypes.byref(box)) == (
                lib.FPDFText_GetLooseCharBox(tp, i, at(typed_box)))
            assert per_char.FPDFText_GetMatrix(v_tp, i, ctypes.byref(matrix)) == (
                lib.FPDFText_GetMatrix(tp, i, at(typed_matrix)))
            assert per_char.FPDFText_GetFillColor(
                v_tp, i, *(ctypes.c_void_p(p) for p in pointers(rgba, 4))) == (
                lib.FPDFText_GetFillColor(tp, i, *pointers(typed_rgba, 4)))
            assert bytes(origin) == bytes(typed_origin) and bytes(box) == bytes(typed_box)
            assert bytes(matrix) == bytes(typed_matrix) and bytes(rgba) == bytes(typed_rgba)
        textpage.close()
        page.close()
    finally:
        document.close()
