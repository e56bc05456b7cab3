"""Vertical setting (直排, ``--writing-mode vertical``): every rule down the columns, the text
round-trips exactly through pdfplumber, vertical forms are drawn but extract as plain marks,
縦中横 and turned Latin, figures upright, outline and table of contents."""

from __future__ import annotations

import base64
import io
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from layout.cli import main
from layout.model import Article, Block, Issue, Page, Role
from layout.pipeline import read_file
from layout.render.fonts import load_font_set
from layout.render.glyphs import clusters_of
from layout.render.options import RenderOptions
from layout.render.pdf import page_geometry, render_issues
from layout.render.styles import theme_for
from layout.render.vertical import (
    VERTICAL_FORMS,
    VerticalMeasure,
    is_upright,
    upright_font,
    vertical_face,
)
from layout.settings import Settings
from tests.render.samples import builtin_issue, generated_issue, needs_shared, sample_issue
from tests.render.test_pdf import model_text
from tests.render.vertical_checker import VerticalChecker, check_vertical_pdf

VERTICAL = Settings().with_overrides(render={"writing_mode": "vertical"})
CONFIGS = [("A4", 1), ("A5", 1), ("A4", 2), ("A5", 2)]
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "zhoukou-demo-zone-page.txt"


def render(tmp_path: Path, issue: Issue, name: str, **options) -> tuple[Path, RenderOptions]:
    render_options = RenderOptions(**options)
    path = tmp_path / f"{name}.pdf"
    with path.open("wb") as stream:
        render_issues([issue], stream, render_options, VERTICAL)
    return path, render_options


def checker_for(path: Path, options: RenderOptions,
                skip: frozenset[int] = frozenset()) -> VerticalChecker:
    geometry = page_geometry(options, VERTICAL)
    band = (geometry.margin - 1, geometry.page_height - geometry.margin + 1)
    return VerticalChecker(path, theme_for(options.theme).body.size, band, skip)


def assert_clean(tmp_path: Path, issue: Issue, name: str, **options) -> VerticalChecker:
    path, render_options = render(tmp_path, issue, name, table_of_contents=False, **options)
    checker = checker_for(path, render_options)
    assert checker.check() == []
    assert checker.text() == model_text(issue)  # rule 8: the round trip, 100 %
    body = [line for line in checker.lines if line.is_body]
    assert body and all(line.flush for line in body if not line.final)
    assert sum(line.flush for line in body) > len(body) / 3  # justified, not ragged
    return checker


@pytest.mark.parametrize("page_size, columns", CONFIGS)
@pytest.mark.parametrize("theme", ["print", "screen"])
def test_builtin_texts_keep_every_rule_down_the_columns(tmp_path, page_size, columns, theme):
    checker = assert_clean(tmp_path, builtin_issue(), f"v-{page_size}-{columns}-{theme}",
                           page_size=page_size, columns=columns, theme=theme)
    assert len(checker.tiers) == columns  # 段: one tier per column setting


@pytest.mark.parametrize("page_size, tiers", [("A4", 2), ("A5", 1), ("B5", 2)])
def test_tiers_as_the_page_allows(tmp_path, page_size, tiers):
    """Without --columns a vertical page takes two tiers when one would make columns longer
    than ``vertical_tier_em`` body characters (A4: 70, A5: 47)."""
    geometry = page_geometry(RenderOptions(page_size=page_size, columns=None), VERTICAL)
    assert geometry.columns == tiers
    checker = assert_clean(tmp_path, builtin_issue(repeat=1), f"auto-{page_size}",
                           page_size=page_size, columns=None)
    assert len(checker.tiers) == tiers
    horizontal = page_geometry(RenderOptions(page_size=page_size, columns=None), Settings())
    assert horizontal.columns == 1


@pytest.mark.skipif(not EXAMPLE.is_file(), reason="examples/ not present")
@pytest.mark.parametrize("page_size, columns", [("A4", 1), ("A5", 2)])
def test_example_dump_sets_vertically_and_round_trips(tmp_path, page_size, columns):
    assert_clean(tmp_path, read_file(EXAMPLE), f"vex-{page_size}-{columns}",
                 page_size=page_size, columns=columns)


@needs_shared
@pytest.mark.parametrize("page_size, columns, theme", [("A4", 1, "print"), ("A5", 2, "screen")])
def test_corpus_texts_set_vertically_and_round_trip(tmp_path, page_size, columns, theme):
    assert_clean(tmp_path, sample_issue(), f"vs-{page_size}-{columns}", page_size=page_size,
                 columns=columns, theme=theme)
    issue = generated_issue(count=24)  # Latin words, numbers, quotes, dashes, 𠮷
    assert "𠮷" in model_text(issue)
    assert_clean(tmp_path, issue, f"vg-{page_size}-{columns}", page_size=page_size,
                 columns=columns, theme=theme)


def chars_of(path: Path) -> list[dict]:
    with pdfplumber.open(path) as pdf:
        return [c for page in pdf.pages for c in page.chars]


def upright(char: dict) -> bool:
    a, b, c, d, _, _ = char["matrix"]
    return abs(b) < 1e-6 and abs(c) < 1e-6 and a > 0 and d > 0


def test_columns_run_top_to_bottom_and_right_to_left(tmp_path):
    path, options = render(tmp_path, builtin_issue(repeat=1), "order", table_of_contents=False)
    lines = [ln for ln in checker_for(path, options).lines if ln.is_body]
    first, second = lines[0], lines[1]
    assert all(a["top"] < b["top"] for a, b in zip(first.chars, first.chars[1:], strict=False)
               if a["text"] not in "0123456789")  # down the column
    assert second.axis < first.axis  # the next column is to the left


def test_punctuation_is_drawn_as_vertical_forms_and_extracts_plain(tmp_path):
    text = "他说：“我们要把（试行）《通知》落到实处、做细，好吗？”好！——回答……完毕。要点一．"
    article = Article(id="a", headline="标点", blocks=(Block(Role.PARAGRAPH, text=text * 3),))
    issue = Issue(source="p", pages=(Page(number=1, articles=(article,)),))
    path, options = render(tmp_path, issue, "punct", table_of_contents=False)
    chars = chars_of(path)
    extracted = "".join(c["text"] for c in chars)
    assert not any(0xFE10 <= ord(c) <= 0xFE4F for c in extracted)  # no presentation form
    assert checker_for(path, options).text() == model_text(issue)
    marks = [c for c in chars if c["text"] in VERTICAL_FORMS]
    assert marks and all(upright(c) for c in marks)
    # each mark is drawn with its vertical form's glyph: the upright copy maps it there
    fonts = load_font_set()
    name = upright_font(fonts, fonts.body)
    plain, copy = pdfmetrics.getFont(fonts.body).face, pdfmetrics.getFont(name).face
    for char, form in VERTICAL_FORMS.items():
        if ord(form) in plain.charToGlyph:
            assert copy.charToGlyph[ord(char)] == plain.charToGlyph[ord(form)], char
    assert vertical_face(name).forms >= set("，、。（）《》“”—…")


def test_commas_and_stops_sit_in_the_upper_right_quadrant():
    """The ink of ︐︑︒ (drawn for ，、。) lies in the upper right of its em square."""
    fonts = load_font_set()
    face = pdfmetrics.getFont(upright_font(fonts, fonts.body)).face
    from fontTools.ttLib import TTFont

    font = TTFont(str(face.filename), lazy=True)
    order = font.getGlyphOrder()
    for char in "，、。":
        glyph = font["glyf"][order[face.charToGlyph[ord(char)]]]
        assert glyph.xMin > 500 and glyph.yMin > 380, char  # em box −120…880: upper right


def test_latin_is_turned_and_short_numbers_stand_upright(tmp_path):
    text = "今年GDP增长5%，3月15日发布2025年报告，iPhone上市。" * 4
    article = Article(id="a", headline="混排", blocks=(Block(Role.PARAGRAPH, text=text),))
    issue = Issue(source="l", pages=(Page(number=1, articles=(article,)),))
    path, options = render(tmp_path, issue, "latin", table_of_contents=False)
    chars = chars_of(path)
    by_text = {}
    for char in chars:
        by_text.setdefault(char["text"], []).append(char)
    assert not any(upright(c) for c in by_text["G"] + by_text["P"] + by_text["h"])  # turned
    assert all(upright(c) for c in by_text["今"])
    fifteen = [(a, b) for a, b in zip(chars, chars[1:], strict=False)
               if a["text"] + b["text"] == "15"]
    assert fifteen
    for one, five in fifteen:  # 縦中横: side by side in one em square, upright
        assert upright(one) and upright(five)
        assert abs(one["top"] - five["top"]) < 0.01 and one["x1"] <= five["x0"] + 0.01
        assert five["x1"] - one["x0"] <= one["bottom"] - one["top"] + 0.01
    years = [c for c in chars if c["text"] == "2"]
    assert years and not any(upright(c) for c in years)  # 2025: longer, turned
    assert checker_for(path, options).text() == model_text(issue)


def test_tate_chu_yoko_is_one_em_unit(measure):
    vertical = VerticalMeasure(measure.fonts, measure.font, measure.size)
    clusters = clusters_of("3月15日2025年", vertical)
    glyphs = [g for cluster in clusters for g in cluster]
    assert [g.char for g in glyphs][:4] == ["3", "月", "15", "日"]
    assert glyphs[2].width == vertical.size
    assert "".join(g.char for g in glyphs) == "3月15日2025年"
    assert [g.char for g in glyphs if g.char in "2025"] == list("2025")  # turned, one by one


def test_orientation_follows_uax50():
    assert all(is_upright(c) for c in "中あ한，。（）「」“”—…①※")
    assert not any(is_upright(c) for c in "Aa1(),.-→～〜ー")


def png_uri(width: int, height: int) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (20, 90, 160)).save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def test_figures_stand_upright_with_their_caption(tmp_path):
    blocks = (Block(Role.PARAGRAPH, text="图片新闻的正文部分，说明图片的内容与背景。" * 4),
              Block(Role.FIGURE, image=png_uri(1200, 800)),
              Block(Role.CAPTION, text="民兵为群众讲解征兵政策。", credit="记者 姬慧洋 摄"))
    issue = Issue(source="f", pages=(Page(number=1, articles=(
        Article(id="f", headline="图片新闻", blocks=blocks),)),))
    path, options = render(tmp_path, issue, "fig", columns=2, table_of_contents=False)
    with pdfplumber.open(path) as pdf:
        (image,) = pdf.pages[0].images
        ratio = (image["x1"] - image["x0"]) / (image["bottom"] - image["top"])
        assert ratio == pytest.approx(1.5, rel=0.01)  # wider than high, as the photo
        caption = next(c for c in pdf.pages[0].chars if c["text"] == "民")
        assert caption["x1"] <= image["x0"] + 0.5  # the caption's column: left of the photo
    assert checker_for(path, options).text() == model_text(issue)


def test_outline_and_table_of_contents(tmp_path):
    issue = builtin_issue()
    path, options = render(tmp_path, issue, "toc")
    with pdfplumber.open(path) as pdf:
        outline = [title for _, title, *_ in pdf.doc.get_outlines()]
        assert len(outline) == 4 and "测试文章1" in outline[1]
        toc = pdf.pages[0]
        links = [a for a in toc.annots if a.get("data", {}).get("Dest") is not None
                 or a.get("data", {}).get("A") is not None]
        assert len(links) == 3
        size = theme_for("print")["toc_entry"].size
        numbers = [c for c in toc.chars if c["text"].isdigit() and upright(c)
                   and abs(c["size"] - size) < 0.01]
        assert numbers  # page numbers stand upright at the columns' feet
    checker = checker_for(path, options, skip=frozenset({1}))
    assert checker.check() == []
    assert checker.text() == model_text(issue)


@pytest.mark.skipif(not EXAMPLE.is_file(), reason="examples/ not present")
def test_cli_writing_mode(tmp_path, capsys):
    out, archive = tmp_path / "v.pdf", tmp_path / "archive.pdf"
    assert main(["convert", str(EXAMPLE), "-o", str(out), "--writing-mode", "vertical",
                 "--columns", "2", "--no-toc", "--also", "epub"]) == 0
    issue = read_file(EXAMPLE)
    checker = checker_for(out, RenderOptions(columns=2))
    assert checker.check() == [] and checker.text() == model_text(issue)
    with zipfile.ZipFile(tmp_path / "v.epub") as epub:  # --also follows the writing mode
        assert any("vertical-rl" in epub.read(name).decode("utf-8", "replace")
                   for name in epub.namelist() if name.endswith(".css"))
    assert main(["archive", str(EXAMPLE), "-o", str(archive), "--writing-mode", "vertical",
                 "--no-toc"]) == 0  # A4 without --columns: two tiers
    assert len(checker_for(archive, RenderOptions(columns=None)).tiers) == 2
    assert checker_for(archive, RenderOptions()).text() == model_text(issue)
    assert main(["convert", str(EXAMPLE), "-o", str(tmp_path / "x.pdf"),
                 "--writing-mode", "diagonal"]) == 1
    assert "--writing-mode" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


# the checker is real: a correct hand-set vertical page passes, each violation is caught
SIZE = 10.5
HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下"


def draw_columns(path: Path, columns: list[tuple[float, str]], font: str) -> Path:
    """Each (offset down in em, text) drawn upright, one em per character, right to left."""
    canvas = Canvas(str(path))
    _, height = canvas._pagesize
    for index, (offset, text) in enumerate(columns):
        x = 500 - index * SIZE * 1.7
        for k, char in enumerate(text):
            top = 80 + (offset + k) * SIZE
            canvas.setFont(font, SIZE)
            canvas.drawString(x, height - top - 0.88 * SIZE, char)
    canvas.save()
    return path


def good_columns() -> list[tuple[float, str]]:
    return [(2, HAN[:18]), (0, HAN[18:38]), (0, HAN[20:32] + "。"), (2, HAN[:18]),
            (0, HAN[30:36] + "。")]


@pytest.fixture(scope="module")
def body_font() -> str:
    fonts = load_font_set()
    return fonts.ensure(fonts.body)


def vertical_rules(tmp_path: Path, columns, font: str) -> set[str]:
    return {v.rule for v in check_vertical_pdf(draw_columns(tmp_path / "c.pdf", columns, font),
                                               SIZE)}


def test_vertical_checker_passes_a_hand_set_page(tmp_path, body_font):
    assert vertical_rules(tmp_path, good_columns(), body_font) == set()


@pytest.mark.parametrize("index, column, rule", [
    (2, (0, "，" + HAN[20:31] + "。"), "1"),       # a column starts with a comma
    (1, (0, HAN[18:37] + "“"), "1"),              # a column ends with an opening quote
    (1, (0, HAN[18:37]), "3"),                    # one em short, not a paragraph's last
    (3, (1, HAN[:19]), "4"),                      # a 1-em indent
    (4, (0, "偶"), "6"),                           # one character on the last column
])
def test_vertical_checker_catches_each_rule(tmp_path, body_font, index, column, rule):
    columns = good_columns()
    columns[index] = column
    assert rule in vertical_rules(tmp_path, columns, body_font)


class _FacesWithoutForms:
    """A font set none of whose faces draws a vertical presentation form."""

    fallbacks = ("Other",)

    def covers(self, face: str, char: str) -> bool:
        return not (0xFE10 <= ord(char) <= 0xFE4F)


def test_marks_without_a_vertical_form_are_moved_or_turned():
    measure = VerticalMeasure(_FacesWithoutForms(), "Body", 10.0)
    assert measure._form_face("，", "Body") == "Body"  # drawn upright, moved to the upper right
    assert measure._form_face("（", "Body") is None  # no upright form: set turned
    assert measure._form_face("中", "Body") == "Body"


class _FormsInTheFallback(_FacesWithoutForms):
    def covers(self, face: str, char: str) -> bool:
        return face == "Other" or super().covers(face, char)


def test_a_vertical_form_comes_from_a_fallback_face_that_has_it():
    measure = VerticalMeasure(_FormsInTheFallback(), "Body", 10.0)
    assert measure._form_face("（", "Body") == "Other"
    assert measure._form_face("中", "Body") == "Body"
