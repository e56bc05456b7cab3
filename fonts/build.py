#!/usr/bin/env python3
"""Build the bundled CJK faces of ``layout`` from Debian font packages, reproducibly.

Takes the two ``.deb`` files (any order; found by their ``Package`` field)::

    apt-get download fonts-noto-cjk fonts-lxgw-wenkai      # Debian bookworm versions:
    #   fonts-noto-cjk 1:20220127+repack1-1, fonts-lxgw-wenkai 1.250+repack-1
    python fonts/build.py fonts-noto-cjk_*.deb fonts-lxgw-wenkai_*.deb [--out fonts]

and writes into ``--out`` (default: this script's folder):

- one TrueType (``glyf``) file per face, subset to a codec repertoire plus the 8,105
  characters of the 通用规范汉字表 (``tongyong-guifan-8105.txt``, made by ``tongyong.py``)
  plus punctuation and symbol blocks (``layout.render.fontconvert.charset_codepoints``);
  what a source face lacks is borrowed from another bundled face; the em dash mapped to its
  full-width form, CFF outlines converted with cu2qu, the family renamed as the OFL asks of
  modified versions;
- the OFL texts, headed by each source's copyright lines;
- ``SOURCES.json``: package, version, sha256 of each ``.deb``, of each source font and of each
  built file, and the coverage figures;
- ``coverage.json``: per face, the code points it really draws (mapped to a glyph with an
  outline), as ranges, so that the renderer need not scan the cmaps at every run.

Same inputs and fontTools version give the same bytes (timestamps come from the sources, not
the clock). Needs only Python and fontTools: the ``.deb`` (ar + tar.xz) is read directly.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import tarfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout without installing

import fontTools  # noqa: E402
from fontTools.pens.recordingPen import DecomposingRecordingPen  # noqa: E402
from fontTools.pens.ttGlyphPen import TTGlyphPen  # noqa: E402
from fontTools.ttLib import TTFont  # noqa: E402

from layout.render import fontconvert  # noqa: E402

NOTO = "fonts-noto-cjk"
WENKAI = "fonts-lxgw-wenkai"


@dataclass(frozen=True)
class FaceSpec:
    key: str            # role in layout.render.fonts.FontSet
    package: str
    member: str         # path inside the package's data.tar
    index: int          # face number inside a .ttc (0 for .ttf)
    source_name: str    # expected full name (name ID 4) of that face
    family: str         # new family name (OFL: modified versions are renamed)
    style: str
    filename: str
    codec: str          # repertoire: every character this codec encodes, plus the extras
    char_lists: tuple[str, ...] = ("tongyong-guifan-8105.txt",)  # files beside this script


FACES = (
    FaceSpec("body", NOTO, "usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2,
             "Noto Serif CJK SC", "Layout Serif SC", "Regular", "LayoutSerifSC-Regular.ttf",
             "gbk"),
    FaceSpec("body_bold", NOTO, "usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 2,
             "Noto Serif CJK SC Bold", "Layout Serif SC", "Bold", "LayoutSerifSC-Bold.ttf",
             "gbk"),
    FaceSpec("head", NOTO, "usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2,
             "Noto Sans CJK SC Bold", "Layout Sans SC", "Bold", "LayoutSansSC-Bold.ttf",
             "gbk"),
    FaceSpec("kai", WENKAI, "usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", 0,
             "LXGW WenKai", "Layout Kai SC", "Regular", "LayoutKaiSC-Regular.ttf", "gbk"),
)
# Characters whose full-width ("fwid") form Chinese text expects by default. ReportLab applies
# no OpenType features, so the cmap itself must give that form: Noto CJK SC's default em dash
# is a proportional, low-set Latin dash (0.89 em), its fwid form is 1 em and centred.
FULL_WIDTH_BY_DEFAULT = (0x2014,)
LICENCE_FILES = {NOTO: "OFL-NotoCJK.txt", WENKAI: "OFL-LXGWWenKai.txt"}
MAX_TOTAL_BYTES = 43 * 1024 * 1024
COVERAGE_FILE = "coverage.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_ar_members(deb: bytes) -> dict[str, bytes]:
    """The members of a Debian ``ar`` archive by name."""
    if not deb.startswith(b"!<arch>\n"):
        raise ValueError("not an ar archive (.deb)")
    members: dict[str, bytes] = {}
    pos = 8
    while pos + 60 <= len(deb):
        header = deb[pos:pos + 60]
        name = header[:16].decode("ascii").strip().rstrip("/")
        size = int(header[48:58].decode("ascii").strip())
        members[name] = deb[pos + 60:pos + 60 + size]
        pos += 60 + size + (size % 2)
    return members


def open_tar(members: dict[str, bytes], stem: str) -> tarfile.TarFile:
    for name, data in members.items():
        if name.startswith(stem + ".tar"):
            return tarfile.open(fileobj=io.BytesIO(data), mode="r:*")
    raise ValueError(f"no {stem}.tar.* in the package")


def tar_member(archive: tarfile.TarFile, path: str) -> bytes:
    for candidate in (path, "./" + path):
        try:
            extracted = archive.extractfile(candidate)
        except KeyError:
            continue
        if extracted is not None:
            return extracted.read()
    raise KeyError(path)


@dataclass
class Package:
    name: str
    version: str
    deb_path: Path
    deb_sha256: str
    data: tarfile.TarFile


def read_package(deb_path: Path) -> Package:
    raw = deb_path.read_bytes()
    members = read_ar_members(raw)
    control = tar_member(open_tar(members, "control"), "control").decode("utf-8")
    fields = dict(
        line.split(":", 1) for line in control.splitlines() if ":" in line and line[0] != " "
    )
    return Package(fields["Package"].strip(), fields["Version"].strip(), deb_path,
                   sha256(raw), open_tar(members, "data"))


def debian_licence_text(copyright_file: str) -> str:
    """The OFL paragraph of a machine-readable Debian copyright file, unfolded."""
    lines = copyright_file.splitlines()
    start = next(i for i, line in enumerate(lines)
                 if line.startswith("License:") and ("OFL" in line or "SIL" in line)
                 and i + 1 < len(lines) and lines[i + 1].startswith(" "))
    body = []
    for line in lines[start + 1:]:
        if not line.startswith(" "):
            break
        body.append("" if line.strip() == "." else line[1:])
    return "\n".join(body).rstrip() + "\n"


def build_face(spec: FaceSpec, source: bytes, out_dir: str) -> dict:
    """Subset, convert and rename one face; write it; return its SOURCES.json record."""
    font = TTFont(io.BytesIO(source), fontNumber=spec.index if spec.index else -1,
                  recalcTimestamp=False)
    actual = font["name"].getDebugName(4)
    if actual != spec.source_name:
        raise SystemExit(f"{spec.member}#{spec.index} is {actual!r}, expected {spec.source_name!r}")
    source_cmap = font.getBestCmap()
    codec_chars = fontconvert.encodable_codepoints(spec.codec)
    absent = [cp for cp in codec_chars if cp not in source_cmap]
    lists = {name: fontconvert.read_char_list(HERE / name) for name in spec.char_lists}
    list_chars = sorted({cp for chars in lists.values() for cp in chars})
    list_absent = [cp for cp in list_chars if cp not in source_cmap and cp not in absent]
    wanted = sorted(set(fontconvert.charset_codepoints(spec.codec)) | set(list_chars))
    remapped = fontconvert.remap_to_feature_variant(font, FULL_WIDTH_BY_DEFAULT, "fwid")
    fontconvert.subset_font(font, wanted)
    fontconvert.cff_to_truetype(font)
    fontconvert.rename_family(font, spec.family, spec.style, font["name"].getDebugName(5) or "")
    data = fontconvert.font_bytes(font)
    (Path(out_dir) / spec.filename).write_bytes(data)
    built = TTFont(io.BytesIO(data))
    cmap = built.getBestCmap()
    return {
        "file": spec.filename,
        "sha256": sha256(data),
        "bytes": len(data),
        "family": spec.family,
        "style": spec.style,
        "postscript_name": built["name"].getDebugName(6),
        "source": {
            "package": spec.package,
            "member": spec.member,
            "face_index": spec.index,
            "name": spec.source_name,
            "version": font["name"].getDebugName(5),
            "sha256": sha256(source),
        },
        "charset": f"{spec.codec} + extra blocks (layout.render.fontconvert.EXTRA_RANGES)",
        "codec": spec.codec,
        "codec_characters": len(codec_chars),
        "codec_characters_absent_from_source": [f"U+{cp:04X}" for cp in absent],
        "char_lists": {name: len(chars) for name, chars in lists.items()},
        "list_characters_absent_from_source": [f"U+{cp:04X}" for cp in list_absent],
        "cmap_characters": len(cmap),
        "glyphs": built["maxp"].numGlyphs,
        "remapped_to_fwid_form": [f"U+{cp:04X}" for cp in remapped],
        "astral_kept": [f"U+{cp:04X}" for cp in fontconvert.EXTRA_ASTRAL if cp in cmap],
    }


def borrow_glyphs(target: TTFont, donor: TTFont, codepoints: list[int]) -> list[int]:
    """Copy the glyphs of ``codepoints`` from ``donor`` into ``target`` (both TrueType, same
    units per em), decomposed, with their metrics and cmap entries; returns what was copied."""
    if donor["head"].unitsPerEm != target["head"].unitsPerEm:
        return []
    donor_cmap, glyph_set = donor.getBestCmap(), donor.getGlyphSet()
    order = list(target.getGlyphOrder())
    copied = []
    for cp in codepoints:
        source_name = donor_cmap.get(cp)
        if source_name is None:
            continue
        recording = DecomposingRecordingPen(glyph_set)
        glyph_set[source_name].draw(recording)
        pen = TTGlyphPen(None)
        recording.replay(pen)
        glyph = pen.glyph()
        name = f"uni{cp:04X}" if cp <= 0xFFFF else f"u{cp:05X}"
        order.append(name)
        target.setGlyphOrder(order)
        target["glyf"].glyphOrder = order
        target["glyf"].glyphs[name] = glyph
        glyph.recalcBounds(target["glyf"])
        advance, _ = donor["hmtx"][source_name]
        target["hmtx"][name] = (advance, getattr(glyph, "xMin", 0))
        if "vmtx" in target and "vmtx" in donor:
            target["vmtx"][name] = donor["vmtx"][source_name]
        for table in target["cmap"].tables:
            if table.isUnicode() and (cp <= 0xFFFF or table.format in (12, 13)):
                table.cmap[cp] = name
        copied.append(cp)
    target["maxp"].numGlyphs = len(order)
    return copied


def fill_from_other_faces(out_dir: Path, faces: dict[str, dict]) -> None:
    """Give each face the codec characters its source lacks, from another bundled face.

    Rewrites the face files that change and updates their records in place
    (``borrowed_glyphs``: code point -> face key)."""
    for key, record in faces.items():
        absent = [int(code[2:], 16) for code in record["codec_characters_absent_from_source"]
                  + record["list_characters_absent_from_source"]]
        if not absent:
            continue
        path = out_dir / record["file"]
        target = TTFont(path, recalcTimestamp=False)
        borrowed: dict[str, str] = {}
        for donor_key, donor_record in faces.items():
            missing = [cp for cp in absent if f"U+{cp:04X}" not in borrowed]
            if donor_key == key or not missing:
                continue
            donor = TTFont(out_dir / donor_record["file"])
            for cp in borrow_glyphs(target, donor, missing):
                borrowed[f"U+{cp:04X}"] = donor_key
        if not borrowed:
            continue
        data = fontconvert.font_bytes(target)
        path.write_bytes(data)
        built = TTFont(io.BytesIO(data))
        record.update(sha256=sha256(data), bytes=len(data),
                      cmap_characters=len(built.getBestCmap()),
                      glyphs=built["maxp"].numGlyphs, borrowed_glyphs=borrowed)


def coverage_record(out_dir: Path, faces: dict[str, dict]) -> dict:
    """``coverage.json``: per face file, its size, sha256 and the code points it draws."""
    record = {"about": "code points each bundled face draws (cmap entry with an outline), "
                       "as inclusive [first, last] ranges; written by fonts/build.py",
              "faces": {}}
    for key, face in faces.items():
        built = TTFont(out_dir / face["file"], lazy=True)
        drawn = fontconvert.outlined_codepoints(built)
        record["faces"][key] = {"file": face["file"], "bytes": face["bytes"],
                                "sha256": face["sha256"], "characters": len(drawn),
                                "ranges": fontconvert.codepoint_ranges(drawn)}
    return record


def write_coverage(path: Path, record: dict) -> None:
    """One range a line: small, readable and diffable."""
    lines = ["{", f'  "about": {json.dumps(record["about"])},', '  "faces": {']
    faces = list(record["faces"].items())
    for index, (key, face) in enumerate(faces):
        ranges = ",\n".join(f"      {json.dumps(r)}" for r in face["ranges"])
        lines.append(f'    {json.dumps(key)}: {{"file": {json.dumps(face["file"])}, '
                     f'"bytes": {face["bytes"]}, "sha256": {json.dumps(face["sha256"])}, '
                     f'"characters": {face["characters"]}, "ranges": [\n{ranges}\n    ]}}'
                     + ("," if index < len(faces) - 1 else ""))
    lines += ["  }", "}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("debs", nargs="+", type=Path, help=f"{NOTO} and {WENKAI} .deb files")
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: fonts/)")
    parser.add_argument("--jobs", type=int, default=0, help="parallel faces (default: CPUs)")
    args = parser.parse_args(argv)

    packages = {pkg.name: pkg for pkg in map(read_package, args.debs)}
    for needed in (NOTO, WENKAI):
        if needed not in packages:
            parser.error(f"no {needed} package among {[str(p) for p in args.debs]}")
    args.out.mkdir(parents=True, exist_ok=True)

    sources = {spec.key: tar_member(packages[spec.package].data, spec.member) for spec in FACES}
    with ProcessPoolExecutor(max_workers=args.jobs or None) as pool:
        futures = {spec.key: pool.submit(build_face, spec, sources[spec.key], str(args.out))
                   for spec in FACES}
        faces = {key: future.result() for key, future in futures.items()}
    fill_from_other_faces(args.out, faces)

    for name, pkg in packages.items():
        if name not in LICENCE_FILES:
            continue
        copyright_file = tar_member(pkg.data, f"usr/share/doc/{name}/copyright").decode("utf-8")
        notices = sorted({
            TTFont(io.BytesIO(sources[spec.key]),
                   fontNumber=spec.index if spec.index else -1)["name"].getDebugName(0)
            for spec in FACES if spec.package == name
        })
        header = "\n".join(notice.replace("\r\n", "\n") for notice in notices)
        renamed = ", ".join(sorted({f"{s.family} ({s.filename})" for s in FACES
                                    if s.package == name}))
        text = (f"{header}\n\nModified versions (subset, converted to TrueType outlines, "
                f"renamed): {renamed}.\nSource: Debian package {name} {pkg.version}.\n\n"
                f"{debian_licence_text(copyright_file)}")
        (args.out / LICENCE_FILES[name]).write_text(text, encoding="utf-8")

    total = sum(face["bytes"] for face in faces.values())
    record = {
        "built_with": {"fontTools": fontTools.version,
                       "python": ".".join(map(str, sys.version_info[:3]))},
        "packages": {name: {"version": pkg.version, "deb": pkg.deb_path.name,
                            "deb_sha256": pkg.deb_sha256,
                            "licence_file": LICENCE_FILES.get(name)}
                     for name, pkg in sorted(packages.items())},
        "faces": faces,
        "total_bytes": total,
    }
    (args.out / "SOURCES.json").write_text(
        json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    write_coverage(args.out / COVERAGE_FILE, coverage_record(args.out, faces))
    for key, face in faces.items():
        print(f"{key:10} {face['file']:28} {face['bytes'] / 1e6:6.2f} MB "
              f"{face['cmap_characters']:6} chars {face['glyphs']:6} glyphs")
    print(f"total      {total / 1e6:.2f} MB")
    if total > MAX_TOTAL_BYTES:
        print(f"warning: fonts exceed {MAX_TOTAL_BYTES / 2**20:.0f} MiB", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
