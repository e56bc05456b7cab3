"""Tests of layout.render.fonts: bundled coverage, fallback, missing characters, user fonts.

Tiny CFF/TrueType fonts are built here with fontTools' FontBuilder; nothing is read from
/work/fontsrc. The bundled faces are checked through their cmaps.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfgen import canvas

from layout.errors import FontError
from layout.render import fonts
from layout.render.fontconvert import (
    codepoint_ranges,
    encodable_codepoints,
    is_control_or_surrogate,
    outlined_codepoints,
    read_char_list,
)
from layout.render.fonts import load_font_set, parse_font_spec, register_font_file

FONT_DIR = fonts.bundled_font_dir()
SOURCES = json.loads((FONT_DIR / "SOURCES.json").read_text(encoding="utf-8"))
# DESIGN §5: characters the typesetter handles specially must all be drawable.
DESIGN_PUNCTUATION = ("、，；：。．！？‼⁇”’」』）》〉】〗〕］｝～–·・‧,.;:!?)]}%"
                      "“‘「『（《〈【〖〔［｛([{" + "——⸺……⋯⋯")
PRIVATE_USE = "\U0010fffd"  # plane-16 private use: no font is expected to draw it


def bundled_cmap(role: str) -> dict[int, str]:
    return TTFont(FONT_DIR / fonts.BUNDLED_FILES[role], lazy=True).getBestCmap()


# --- tiny synthetic fonts ---------------------------------------------------------------

def _outline(pen, index: int) -> None:
    pen.moveTo((100, 0))
    pen.lineTo((100, 800))
    pen.lineTo((900, 800))
    pen.lineTo((900, 0))
    pen.closePath()
    pen.moveTo((200, 100))
    pen.lineTo((500, 200 + (index * 37) % 400))
    pen.lineTo((800, 100))
    pen.closePath()


def tiny_font(chars: str, family: str, cff: bool, empty: str = "") -> bytes:
    """A font mapping each of ``chars`` to its own glyph, with CFF or TrueType outlines;
    the glyphs of the characters in ``empty`` have no outline (zero contours)."""
    names = [".notdef"] + [f"u{ord(c):04X}" for c in chars]
    blank = {f"u{ord(c):04X}" for c in empty}
    builder = FontBuilder(1000, isTTF=not cff)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): name for c, name in zip(chars, names[1:], strict=True)})
    if cff:
        charstrings = {}
        for index, name in enumerate(names):
            pen = T2CharStringPen(1000, None)
            _outline(pen, index)
            pen.moveTo((300, 400))  # one cubic curve, so cu2qu has work to do
            pen.curveTo((350, 600), (650, 600), (700, 400))
            pen.closePath()
            charstrings[name] = pen.getCharString()
        builder.setupCFF(family.replace(" ", "") + "-Regular", {"FullName": family},
                         charstrings, {})
    else:
        glyphs = {}
        for index, name in enumerate(names):
            pen = TTGlyphPen(None)
            if name not in blank:
                _outline(pen, index)
            glyphs[name] = pen.glyph()
        builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({name: (1000, 100) for name in names})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880,
                     usWinDescent=120, fsType=0)
    builder.setupPost()
    buffer = io.BytesIO()
    builder.save(buffer)
    return buffer.getvalue()


def tiny_collection(*faces: bytes) -> bytes:
    ttc = TTCollection()
    ttc.fonts = [TTFont(io.BytesIO(face)) for face in faces]
    buffer = io.BytesIO()
    ttc.save(buffer)
    return buffer.getvalue()


def draw_and_extract(font_set: fonts.FontSet, text: str, preferred: str) -> tuple[str, set]:
    """Draw ``text`` run by run with ReportLab; return pdfplumber's text and font names."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    x = 40.0
    for name, run in font_set.runs(text, preferred):
        pdf.setFont(name, 12)
        pdf.drawString(x, 700, run)
        x += pdf.stringWidth(run, name, 12)
    pdf.save()
    with pdfplumber.open(io.BytesIO(buffer.getvalue())) as document:
        chars = document.pages[0].chars
        return "".join(c["text"] for c in chars), {c["fontname"] for c in chars}


# --- bundled faces ------------------------------------------------------------------------

def test_sources_record_matches_built_files() -> None:
    for role, record in SOURCES["faces"].items():
        data = (FONT_DIR / record["file"]).read_bytes()
        assert record["file"] == fonts.BUNDLED_FILES[role]
        assert hashlib.sha256(data).hexdigest() == record["sha256"], record["file"]
    total = sum((FONT_DIR / f).stat().st_size for f in fonts.BUNDLED_FILES.values())
    assert total <= 43 * 1024 * 1024
    assert sum(f.stat().st_size for f in FONT_DIR.iterdir() if f.is_file()) <= 45_000_000


TONGYONG = FONT_DIR / "tongyong-guifan-8105.txt"


def test_body_face_covers_every_tongyong_guifan_character() -> None:
    chars = [chr(cp) for cp in read_char_list(TONGYONG)]
    assert len(chars) == 8105 and "𬭚" in chars and "䜣" in chars  # names outside GBK
    drawn = set(outlined_codepoints(TTFont(FONT_DIR / fonts.BUNDLED_FILES["body"], lazy=True)))
    assert [f"U+{ord(c):04X}" for c in chars if ord(c) not in drawn] == []
    font_set = load_font_set()
    for preferred in (font_set.body_bold, font_set.head, font_set.kai):  # the others fall back
        assert all(font_set.covers(font_set.font_for(c, preferred), c) for c in chars)
    assert all(SOURCES["faces"][role]["char_lists"] == {TONGYONG.name: 8105}
               for role in fonts.BUNDLED_FILES)


@pytest.mark.parametrize("role", ["body", "body_bold", "head", "kai"])
def test_coverage_file_matches_the_real_cmaps(role: str) -> None:
    record = json.loads((FONT_DIR / fonts.COVERAGE_FILE).read_text(encoding="utf-8"))
    face = record["faces"][role]
    path = FONT_DIR / fonts.BUNDLED_FILES[role]
    assert face["file"] == path.name and face["bytes"] == path.stat().st_size
    assert face["sha256"] == SOURCES["faces"][role]["sha256"]
    real = outlined_codepoints(TTFont(path, lazy=True))
    assert codepoint_ranges(real) == face["ranges"] and len(real) == face["characters"]
    assert set(real) <= set(bundled_cmap(role)) and 0x4E2D in real


def test_body_face_covers_every_gbk_character() -> None:
    assert SOURCES["faces"]["body"]["codec"] == "gbk"
    cmap = bundled_cmap("body")
    missing = [f"U+{cp:04X}" for cp in encodable_codepoints("gbk") if cp not in cmap]
    assert missing == []  # what the source lacks was borrowed from another face at build time


@pytest.mark.parametrize("role", ["body", "body_bold", "head", "kai"])
def test_each_face_covers_its_whole_build_codec_borrowing_what_its_source_lacks(role: str) -> None:
    record = SOURCES["faces"][role]
    cmap = bundled_cmap(role)
    absent = {code for code in record["codec_characters_absent_from_source"]}
    assert len(absent) <= 10
    assert [f"U+{cp:04X}" for cp in encodable_codepoints(record["codec"]) if cp not in cmap] == []
    borrowed = record.get("borrowed_glyphs", {})
    assert set(borrowed) == absent  # each lacking glyph came from a named other face
    assert all(donor != role and donor in SOURCES["faces"] for donor in borrowed.values())


@pytest.mark.parametrize("role", ["body_bold", "head", "kai"])
def test_other_faces_cover_gb2312(role: str) -> None:
    cmap = bundled_cmap(role)
    assert [f"U+{cp:04X}" for cp in encodable_codepoints("gb2312") if cp not in cmap] == []


@pytest.mark.parametrize("role", ["body", "body_bold", "head", "kai"])
def test_every_face_draws_design_punctuation_and_astral_test_char(role: str) -> None:
    cmap = bundled_cmap(role)
    assert [c for c in DESIGN_PUNCTUATION if ord(c) not in cmap] == []
    assert 0x20BB7 in cmap  # 𠮷, used by the beyond-BMP round trip


@pytest.mark.parametrize("role", ["body", "body_bold", "head", "kai"])
def test_em_dash_and_ellipsis_are_full_width(role: str) -> None:
    font = TTFont(FONT_DIR / fonts.BUNDLED_FILES[role], lazy=True)
    cmap, upm = font.getBestCmap(), font["head"].unitsPerEm
    for char in "—…":  # "——" and "……" must fill exactly two character cells
        assert font["hmtx"][cmap[ord(char)]][0] == upm, char


def test_load_font_set_registers_faces_once() -> None:
    first = load_font_set()
    assert load_font_set() is first
    assert {first.body, first.body_bold, first.head, first.kai} == {
        Path(f).stem for f in fonts.BUNDLED_FILES.values()}
    assert first.fallbacks[0] == first.body
    assert first.covers(first.body, "中") and first.covers(first.kai, "中")
    assert not first.covers(first.body, PRIVATE_USE)


LAZY_PROBE = '''
import io, json
from fontTools.ttLib import TTFont

def no_scan(self, *args, **kwargs):
    raise AssertionError("a cmap was scanned at run time")

TTFont.getBestCmap = no_scan
from layout.model import Article, Block, Issue, Page, Role  # noqa: E402
from layout.render import fonts  # noqa: E402
from layout.render.options import RenderOptions  # noqa: E402
from layout.render.pdf import render_issues  # noqa: E402
from layout.settings import Settings  # noqa: E402

parsed = []

load = fonts.reportlab_font

def counting(name, *args, **kwargs):
    parsed.append(name)
    return load(name, *args, **kwargs)

fonts.reportlab_font = counting
fonts.load_font_set()
before = fonts.loaded_faces()
article = Article(id="a", headline="示范区入户大走访",
                  blocks=(Block(Role.PARAGRAPH, text="连日来，各单位开展入户大走访活动。" * 5),))
for number in (1, 2):  # two issues in one process, as batch and archive render them
    issue = Issue(source=f"issue{number}", pages=(Page(number=1, articles=(article,)),))
    render_issues([issue], io.BytesIO(), RenderOptions(), Settings())
print(json.dumps({"before": before, "parsed": parsed, "loaded": fonts.loaded_faces()}))'''


def test_bundled_faces_load_lazily_once_per_process_without_a_cmap_scan() -> None:
    """In a fresh process: declaring the font set parses nothing; two renderings parse each
    face they use once (batch and archive share them), the unused ones never."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    result = subprocess.run([sys.executable, "-c", LAZY_PROBE], capture_output=True, text=True,
                            env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["before"] == []
    assert report["parsed"] == ["LayoutSerifSC-Regular", "LayoutSansSC-Bold"]  # body, head
    assert report["loaded"] == report["parsed"]


# --- fallback and missing characters ------------------------------------------------------

def test_font_for_prefers_the_preferred_face_and_falls_back_to_one_that_has_the_glyph() -> None:
    font_set = load_font_set(system_fallback=False)
    assert font_set.font_for("中", font_set.head) == font_set.head
    head, kai = bundled_cmap("head"), bundled_cmap("kai")
    only_in_kai = next(cp for cp in sorted(kai) if cp not in head
                       and not is_control_or_surrogate(cp) and cp > 0x2000)
    chosen = font_set.font_for(chr(only_in_kai), font_set.head)
    assert chosen != font_set.head and font_set.covers(chosen, chr(only_in_kai))
    assert font_set.font_for("≒", font_set.body) == font_set.body  # borrowed at build time


def test_missing_character_is_warned_once_and_kept(caplog: pytest.LogCaptureFixture) -> None:
    font_set = replace(load_font_set(system_fallback=False))  # fresh caches: nothing warned yet
    text = f"中{PRIVATE_USE}文{PRIVATE_USE}"
    with caplog.at_level(logging.WARNING, logger="layout.fonts"):
        runs = font_set.runs(text, font_set.body)
        font_set.runs(text, font_set.head)
    warnings = [r.getMessage() for r in caplog.records if "U+10FFFD" in r.getMessage()]
    assert len(warnings) == 1
    assert font_set.missing()[PRIVATE_USE] == "U+10FFFD"
    assert "".join(run for _, run in runs) == text
    assert runs == [(font_set.body, text)]  # a missing char stays with the preferred face
    assert font_set.coverage("中文" + PRIVATE_USE) == {PRIVATE_USE: "U+10FFFD"}


def test_warn_missing_names_character_and_code_point(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="layout.fonts"):
        fonts.warn_missing(["\ue000", "\ue000", "\U00020bb7"])
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert "U+E000" in messages[0] and "U+20BB7" in messages[1] and "𠮷" in messages[1]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("中文ＡBc 、。“”≒——𠮷㈠①镕") + [PRIVATE_USE]),
               max_size=40))
def test_runs_are_maximal_and_never_lose_a_character(text: str) -> None:
    font_set = load_font_set(system_fallback=False)
    runs = font_set.runs(text, font_set.head)
    assert "".join(run for _, run in runs) == text
    assert all(run for _, run in runs)
    assert all(a[0] != b[0] for a, b in zip(runs, runs[1:], strict=False))
    for name, run in runs:
        assert all(font_set.font_for(c, font_set.head) == name for c in run)


def test_bundled_faces_alone_decide_unless_system_fonts_are_asked_for(monkeypatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(fonts, "_system_fonts_with", lambda char: asked.append(char) or [])
    font_set = replace(load_font_set())  # the default, as `layout convert` without flags
    assert not font_set.system_fallback
    armenian = "Ա"  # in DejaVu and many system fonts, in no bundled face
    assert font_set.font_for(armenian, font_set.body) == font_set.body
    assert font_set.missing() == {armenian: "U+0531"} and asked == []  # fontconfig not asked
    with_system = replace(load_font_set(system_fallback=True))
    with_system.font_for(armenian, with_system.body)
    assert asked == [armenian]


def test_system_fonts_flag_reaches_the_render_options() -> None:
    from layout.cli import build_parser
    from layout.cli.options import render_options

    def options(*flags: str):
        return render_options(build_parser().parse_args(["convert", "a.txt", "-o", "b.pdf",
                                                          *flags]))

    assert options().system_fonts is False
    assert options("--system-fonts").system_fonts is True


def test_a_glyph_without_outline_counts_as_missing(tmp_path: Path,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "hollow.ttf"
    hollow = "\ue000"  # maps to an empty glyph, as 䜣 did in a system face
    path.write_bytes(tiny_font(f"中 {hollow}", "Tiny Hollow", cff=False, empty=f" {hollow}"))
    font_set = replace(load_font_set(font_body=str(path)))
    assert font_set.covers(font_set.body, "中") and font_set.covers(font_set.body, " ")
    assert not font_set.covers(font_set.body, hollow)
    with caplog.at_level(logging.WARNING, logger="layout.fonts"):
        font_set.runs(f"中{hollow}中{hollow}", font_set.body)
    warnings = [r.getMessage() for r in caplog.records if "U+E000" in r.getMessage()]
    assert len(warnings) == 1 and font_set.missing() == {hollow: "U+E000"}
    text, _ = draw_and_extract(font_set, f"中{hollow}", font_set.body)
    assert text == f"中{hollow}"  # extracted as itself


def test_system_fallback_finds_a_font_that_bundled_faces_lack() -> None:
    if shutil.which("fc-list") is None:
        pytest.skip("no fontconfig")
    font_set = load_font_set(system_fallback=True)
    char = "Ա"  # Armenian: in DejaVu and many system fonts, in no bundled face
    assert not any(font_set.covers(name, char) for name in font_set.fallbacks)
    if not fonts._system_fonts_with(char):
        pytest.skip("no system font has an Armenian glyph")
    name = font_set.font_for(char, font_set.body)
    if name == font_set.body:
        pytest.skip("only CFF system fonts have the glyph")
    assert font_set.covers(name, char) and char not in font_set.missing()


# --- user fonts -----------------------------------------------------------------------------

def test_cff_font_is_converted_cached_and_renders(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "tiny.otf"
    path.write_bytes(tiny_font("中文测试AB", "Tiny CFF", cff=True))
    font_set = load_font_set(font_body=str(path), system_fallback=False)
    assert font_set.body != fonts.load_font_set().body
    assert font_set.covers(font_set.body, "测") and not font_set.covers(font_set.body, "报")
    cached = list((tmp_path / "cache" / "layout").glob("*.ttf"))
    assert len(cached) == 1 and "glyf" in TTFont(cached[0])
    assert fonts.cache_dir() == tmp_path / "cache" / "layout"
    text, font_names = draw_and_extract(font_set, "中文报测试", font_set.body)
    assert text == "中文报测试"
    assert any("Tiny" in name for name in font_names)
    assert any("LayoutSerifSC" in name for name in font_names)  # 报 came from the fallback


def test_truetype_collection_face_index(tmp_path: Path) -> None:
    path = tmp_path / "pair.ttc"
    path.write_bytes(tiny_collection(tiny_font("甲", "Tiny One", cff=False),
                                     tiny_font("乙", "Tiny Two", cff=False)))
    assert parse_font_spec(f"{path}#1") == (path, 1)
    assert parse_font_spec(str(path)) == (path, None)
    second = register_font_file(f"{path}#1")
    first = register_font_file(str(path))
    assert second != first
    font_set = load_font_set(font_head=f"{path}#1", system_fallback=False)
    assert font_set.head == second
    assert font_set.covers(second, "乙") and not font_set.covers(second, "甲")
    with pytest.raises(FontError, match=r"pair\.ttc.*face #5.*2 faces"):
        register_font_file(f"{path}#5")
    with pytest.raises(FontError, match="face number"):
        parse_font_spec(f"{path}#x")


def test_bad_font_files_raise_font_error_naming_the_file(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.ttf"
    garbage.write_bytes(b"this is not a font at all" * 10)
    truncated = tmp_path / "truncated.otf"
    truncated.write_bytes(tiny_font("中", "Tiny Cut", cff=True)[:200])
    single = tmp_path / "single.ttf"
    single.write_bytes(tiny_font("中", "Tiny Single", cff=False))
    cases = [(str(garbage), "garbage.ttf"), (str(truncated), "truncated.otf"),
             (str(tmp_path / "absent.ttf"), "absent.ttf"), (f"{single}#1", "single.ttf")]
    for spec, file_name in cases:
        with pytest.raises(FontError, match=file_name):
            load_font_set(font_body=spec, system_fallback=False)


def test_coverage_comes_from_coverage_json_when_it_matches_else_from_a_scan(tmp_path) -> None:
    data = tiny_font("中文", "Tiny Cover", cff=False)
    for case in ("absent", "matching", "stale"):
        folder = tmp_path / case
        folder.mkdir()
        path = folder / "Tiny.ttf"
        path.write_bytes(data)
        if case != "absent":
            size = len(data) if case == "matching" else len(data) + 1
            face = {"file": "Tiny.ttf", "bytes": size, "ranges": [[0x62A5, 0x62A5]]}  # 报
            record = {"faces": {"x": face}}
            (folder / fonts.COVERAGE_FILE).write_text(json.dumps(record), encoding="utf-8")
        coverage = fonts.bundled_coverage(path)
        if case == "matching":  # the file is trusted: no scan
            assert ord("报") in coverage and ord("中") not in coverage
        else:  # the real cmap
            assert ord("中") in coverage and ord("文") in coverage and ord("报") not in coverage
