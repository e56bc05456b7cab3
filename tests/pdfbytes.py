"""Raw PDF bytes for tests and benchmarks: pages a PDF library would refuse to write.

Takes page content streams (and optional font or image resources); returns the bytes of
a complete PDF with a correct cross-reference table. Used to build hostile inputs (a
font size of 1e11, a font without a ToUnicode map, a huge image XObject) without
going through a library that would clamp or reject them.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


@dataclass
class RawPageSpec:
    """One page: its content stream, size in points and named resources."""

    content: bytes
    width: float = 400.0
    height: float = 300.0
    fonts: dict[str, bytes] = field(default_factory=lambda: {"F1": HELVETICA})
    images: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)  # name -> (dict, data)


def _stream(header: bytes, data: bytes) -> bytes:
    return header[:-2] + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def build_pdf(pages: Sequence[RawPageSpec]) -> bytes:
    """The bytes of a PDF holding ``pages`` (object numbers and offsets computed)."""
    objects: list[bytes] = [b"", b""]  # 1: catalog, 2: page tree (filled in below)
    kids: list[int] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    for spec in pages:
        font_refs = b" ".join(b"/%s %d 0 R" % (name.encode(), add(body))
                              for name, body in spec.fonts.items())
        image_refs = b" ".join(b"/%s %d 0 R" % (name.encode(), add(_stream(head, data)))
                               for name, (head, data) in spec.images.items())
        content = add(_stream(b"<< >>", spec.content))
        resources = b"<< /Font << %s >> /XObject << %s >> >>" % (font_refs, image_refs)
        kids.append(add(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] "
                        b"/Resources %s /Contents %d 0 R >>"
                        % (_num(spec.width), _num(spec.height), resources, content)))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def _num(value: float) -> bytes:
    return (b"%d" % value) if float(value).is_integer() else (b"%.4f" % value)


def huge_font_pdf(size: float = 1e11, glyphs: int = 10) -> bytes:
    """One page with ``glyphs`` letters drawn at font size ``size`` (a hostile file)."""
    text = b"".join(b"BT /F1 %s Tf %d 150 Td (A) Tj ET\n" % (_num(size), 20 + 30 * k)
                    for k in range(glyphs))
    return build_pdf([RawPageSpec(text)])


def no_tounicode_pdf(n_glyphs: int = 12) -> bytes:
    """One page set in a Type0 (Identity-H) font with no ToUnicode map: CIDs, no text."""
    descendant = (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Foo "
                  b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                  b"/FontDescriptor << /Type /FontDescriptor /FontName /ABCDEF+Foo /Flags 4 "
                  b"/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 "
                  b"/CapHeight 700 /StemV 80 >> /DW 1000 >>")
    font = (b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Foo /Encoding /Identity-H "
            b"/DescendantFonts [" + descendant + b"] >>")
    cids = b"".join(b"%04X" % (k + 1) for k in range(n_glyphs))
    content = b"BT /F2 12 Tf 20 150 Td <" + cids + b"> Tj ET\n"
    content += b"BT /F1 12 Tf 20 250 Td (Readable line) Tj ET\n"
    return build_pdf([RawPageSpec(content, fonts={"F1": HELVETICA, "F2": font})])


def image_pdf(pixels: int, page_side: float, text: bool = False) -> bytes:
    """One page of ``page_side`` pt holding one grey ``pixels``×``pixels`` image (Flate).

    The image data compresses to a few KB however large the image, like a flat photo.
    """
    row = bytes(pixels)
    data = zlib.compress(row * pixels, 9) if pixels <= 4096 else _flat_flate(pixels)
    head = (b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Filter /FlateDecode >>" % (pixels, pixels))
    margin = page_side * 0.05
    content = b"q %s 0 0 %s %s %s cm /Im1 Do Q\n" % (
        _num(page_side * 0.6), _num(page_side * 0.6), _num(margin), _num(page_side * 0.3))
    if text:
        content += b"BT /F1 12 Tf %s %s Td (Caption under the photo) Tj ET\n" % (
            _num(margin), _num(page_side * 0.3 - 16))
    return build_pdf([RawPageSpec(content, width=page_side, height=page_side,
                                  images={"Im1": (head, data)})])


def _flat_flate(pixels: int) -> bytes:
    """Flate data of ``pixels`` rows of zero bytes, compressed without holding them."""
    comp = zlib.compressobj(9)
    row = bytes(pixels)
    chunks = [comp.compress(row) for _ in range(pixels)]
    chunks.append(comp.flush())
    return b"".join(chunks)
