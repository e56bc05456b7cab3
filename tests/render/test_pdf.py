"""End-to-end rendering: typography checker, round trip, fonts, navigation, figures, themes."""

from __future__ import annotations

import base64
import io
import logging
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from layout.model import Article, Block, Issue, Page, Role
from layout.render.fonts import load_font_set
from layout.render.options import RenderOptions
from layout.render.pdf import page_geometry, render_issues
from layout.render.story import bylines_to_print
from layout.render.styles import theme_for
from layout.settings import Settings
from tests.render.samples import builtin_issue, generated_issue, needs_shared, sample_issue
from tests.render.typography_checker import Checker

CONFIGS = [("A4", 1), ("A5", 1), ("A4", 2)]
SETTINGS = Settings()


def model_text(issue: Issue) -> str:
    """The issue's text in the order the renderer sets it, without whitespace."""
    parts: list[str | None] = []
    for page in issue.pages:
        for article in page.articles:
            # a byline the dateline repeats is printed once, in the dateline
            parts += [article.kicker, article.headline, article.subtitle,
                      "".join(bylines_to_print(article)), article.dateline]
            for block in article.blocks:
                parts += [block.text, block.credit]
            parts += article.continuations
        for block in page.blocks:
            parts += [block.text, block.credit]
    return "".join("".join(part.split()) for part in parts if part)


def render(tmp_path: Path, issue: Issue, name: str, **options) -> tuple[Path, RenderOptions]:
    render_options = RenderOptions(**options)
    path = tmp_path / f"{name}.pdf"
    with path.open("wb") as stream:
        render_issues([issue], stream, render_options, SETTINGS)
    return path, render_options


def checker_for(path: Path, options: RenderOptions) -> Checker:
    geometry = page_geometry(options, SETTINGS)
    band = (geometry.margin - 1, geometry.page_height - geometry.margin + 1)
    return Checker(path, theme_for(options.theme).body.size, band)


def assert_clean(tmp_path: Path, issue: Issue, name: str, **options) -> None:
    path, render_options = render(tmp_path, issue, name, table_of_contents=False, **options)
    checker = checker_for(path, render_options)
    assert checker.check() == []
    assert checker.text() == model_text(issue)  # rule 8: the round trip, 100 %


@pytest.mark.parametrize("page_size, columns", [*CONFIGS, ("A5", 2)])
@pytest.mark.parametrize("theme", ["print", "screen"])
def test_builtin_texts_keep_every_rule_and_round_trip(tmp_path, page_size, columns, theme):
    assert_clean(tmp_path, builtin_issue(), f"b-{page_size}-{columns}",
                 page_size=page_size, columns=columns, theme=theme)


@needs_shared
@pytest.mark.parametrize("page_size, columns", CONFIGS)
def test_sample_page_keeps_every_rule_and_round_trips(tmp_path, page_size, columns):
    assert_clean(tmp_path, sample_issue(), f"s-{page_size}-{columns}",
                 page_size=page_size, columns=columns)


@needs_shared
@pytest.mark.parametrize("page_size, columns", CONFIGS)
def test_generated_articles_keep_every_rule_and_round_trip(tmp_path, page_size, columns):
    issue = generated_issue(count=24)
    assert len(issue.articles()) >= 20 and "𠮷" in model_text(issue)
    assert_clean(tmp_path, issue, f"g-{page_size}-{columns}", page_size=page_size,
                 columns=columns)


@needs_shared
def test_sample_page_is_small_and_fonts_are_embedded_subsets(tmp_path):
    path, _ = render(tmp_path, sample_issue(), "size")
    assert path.stat().st_size <= 1.5 * 1024 * 1024
    assert_embedded_subsets(path)


def assert_embedded_subsets(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        names = {c["fontname"] for page in pdf.pages for c in page.chars}
    assert names and all(re.match(r"^[A-Z]{6}\+", name) for name in names), names
    if shutil.which("pdffonts"):
        rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                              check=True).stdout.splitlines()[2:]
        assert rows
        for row in rows:  # columns: name type encoding emb sub uni object ID
            emb, sub, uni = row.split()[-5:-2]
            assert (emb, sub, uni) == ("yes", "yes", "yes"), row


def test_navigation_and_metadata(tmp_path):
    path, _ = render(tmp_path, builtin_issue(), "nav")
    assert_embedded_subsets(path)
    with pdfplumber.open(path) as pdf:
        doc = pdf.doc
        info = doc.info[0]
        assert info["Title"].decode("utf-16") if isinstance(info["Title"], bytes) else True
        for key in ("Title", "Author", "Subject", "Keywords", "CreationDate"):
            assert info.get(key), key
        assert doc.catalog["Lang"] in (b"zh-CN", "zh-CN")
        outline = [(level, title) for level, title, *_ in doc.get_outlines()]
        assert [level for level, _ in outline] == [1, 2, 2, 2]
        assert "测试文章1" in outline[1][1]
        toc = pdf.pages[0]
        assert toc.extract_text().startswith("目录")
        links = [a for a in toc.annots if a.get("data", {}).get("Dest") is not None
                 or a.get("data", {}).get("A") is not None]
        assert len(links) == 3
        body = toc.crop((0, 40, toc.width, toc.height - 45)).extract_text()
        numbers = re.findall(r"(\d+)\n", body + "\n")
        assert numbers and all(int(n) >= 2 for n in numbers)
        header = pdf.pages[1].crop((0, 0, pdf.pages[1].width, 45)).extract_text()
        assert "测试日报" in header and "2026-01-01" in header
        footer = pdf.pages[1].crop((0, pdf.pages[1].height - 45, pdf.pages[1].width,
                                    pdf.pages[1].height)).extract_text()
        assert footer.strip() == "2"


def png_uri(width: int, height: int) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def figure_issue(image: str) -> Issue:
    blocks = (Block(Role.PARAGRAPH, text="图片新闻的正文部分，说明图片的内容与背景。" * 3),
              Block(Role.FIGURE, image=image),
              Block(Role.CAPTION, text="民兵为群众讲解征兵政策。", credit="记者 姬慧洋 摄"))
    article = Article(id="f1", headline="图片新闻", blocks=blocks)
    return Issue(source="figures", pages=(Page(number=1, articles=(article,)),))


def test_figure_is_scaled_to_the_column_and_kept_with_its_caption(tmp_path):
    issue = figure_issue(png_uri(1200, 800))
    path, options = render(tmp_path, issue, "fig", columns=2, table_of_contents=False)
    geometry = page_geometry(options, SETTINGS)
    with pdfplumber.open(path) as pdf:
        (image,) = pdf.pages[0].images
        assert image["width"] == pytest.approx(geometry.column_width, abs=0.5)
        caption = [c for c in pdf.pages[0].chars if c["text"] == "民"]
        assert caption and 0 < caption[0]["top"] - image["bottom"] < 30
    assert checker_for(path, options).text() == model_text(issue)


def test_undecodable_figure_leaves_its_caption_and_a_warning(tmp_path, caplog):
    issue = figure_issue("data:image/png;base64,bm90IGFuIGltYWdl")
    with caplog.at_level(logging.WARNING, logger="layout.render"):
        path, options = render(tmp_path, issue, "badfig", table_of_contents=False)
    assert any("could not be decoded" in r.message for r in caplog.records)
    with pdfplumber.open(path) as pdf:
        assert not pdf.pages[0].images
    assert checker_for(path, options).text() == model_text(issue)


def test_a_decompression_bomb_figure_is_left_out_with_a_warning(tmp_path, caplog):
    # 9000 x 9000 = 81 Mpx: over the 64 Mpx guard (Pillow's own default would decode it)
    buffer = io.BytesIO()
    Image.new("1", (9000, 9000), 1).save(buffer, format="PNG")
    issue = figure_issue("data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode())
    with caplog.at_level(logging.WARNING, logger="layout.render"):
        path, options = render(tmp_path, issue, "bomb", table_of_contents=False)
    assert any("could not be decoded" in r.message and "pixels" in r.message
               for r in caplog.records)
    with pdfplumber.open(path) as pdf:
        assert not pdf.pages[0].images
    assert checker_for(path, options).text() == model_text(issue)


def test_figure_path_relative_to_the_source(tmp_path):
    Image.new("RGB", (300, 200), (0, 90, 0)).save(tmp_path / "photo.jpg", "JPEG")
    source = tmp_path / "issue.json"
    source.write_text("{}")
    issue = figure_issue("photo.jpg")
    issue = Issue(source=str(source), pages=issue.pages)
    path, _ = render(tmp_path, issue, "relfig", table_of_contents=False)
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages[0].images) == 1


@pytest.mark.parametrize("page_size", ["B5", "letter", "120x180"])
def test_other_page_sizes(tmp_path, page_size):
    assert_clean(tmp_path, builtin_issue(repeat=1), f"ps-{page_size}", page_size=page_size)


def test_several_issues_and_an_empty_one(tmp_path):
    issues = [builtin_issue(repeat=1), Issue(source="empty.txt")]
    path = tmp_path / "many.pdf"
    with path.open("wb") as stream:
        render_issues(issues, stream, RenderOptions(), SETTINGS)
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) >= 2
        assert [level for level, *_ in pdf.doc.get_outlines()][:2] == [1, 2]


UNCOVERED = "\u0378\U0010fffd\U00020001"  # unassigned, private use, CJK Extension B


def test_uncovered_characters_extract_exactly_and_are_warned(tmp_path, caplog):
    text = ("这里有未分配字符\u0378、私用字符\U0010fffd和扩展B区的\U00020001字，"
            "仍要一个不少地保留下来。" * 3)
    article = Article(id="x", headline="罕见字\U0010fffd", blocks=(
        Block(Role.PARAGRAPH, text=text),
        Block(Role.PARAGRAPH, text="控制\x1b字符\u2060不画出来。")))
    issue = Issue(source="x", pages=(Page(number=1, articles=(article,)),))
    with caplog.at_level(logging.WARNING):
        path, options = render(tmp_path, issue, "missing", table_of_contents=False)
    fonts = load_font_set()
    logged = " ".join(r.getMessage() for r in caplog.records)
    for char in UNCOVERED:
        if char in fonts.missing():  # a system font may cover one: then it is just drawn
            assert f"U+{ord(char):04X}" in logged
    assert "U+001B" in logged and "U+2060" in logged
    checker = checker_for(path, options)
    assert "\x00" not in checker.text()
    assert checker.text() == model_text(issue).replace("\x1b", "").replace("\u2060", "")
    assert checker.check() == []


def headings_followed_by_body(checker: Checker, theme_name: str) -> list[str]:
    """Headline and subhead lines not followed, in their column, by two body lines.

    A headline spanning two columns must be followed by two body lines of its first column.
    """
    theme = theme_for(theme_name)
    sizes = {theme["headline"].size, theme["subhead"].size}
    lines, bad = checker.lines, []
    for index, line in enumerate(lines):
        if line.is_body or round(line.size, 1) not in sizes:
            continue
        following = [ln for ln in lines[index + 1:index + 12]  # in reading order
                     if ln.page == line.page and (line.spanning or ln.column == line.column)]
        if sum(ln.is_body for ln in following) < 2:
            bad.append(line.text)
    return bad


@pytest.mark.parametrize("page_size, columns", [("A5", 1), ("A5", 2), ("A4", 2)])
def test_headings_are_kept_with_two_body_lines(tmp_path, page_size, columns):
    issue = builtin_issue(repeat=6)
    path, options = render(tmp_path, issue, f"keep-{page_size}-{columns}",
                           page_size=page_size, columns=columns, table_of_contents=False)
    checker = checker_for(path, options)
    assert headings_followed_by_body(checker, "print") == []
    # and the check itself can fail: a heading as the last line of a column
    last_heading = next(ln for ln in reversed(checker.lines) if not ln.is_body
                        and round(ln.size, 1) == theme_for("print")["subhead"].size)
    checker.lines = checker.lines[:checker.lines.index(last_heading) + 1]
    assert headings_followed_by_body(checker, "print") == [last_heading.text]


@needs_shared
def test_all_generated_articles_in_a_narrow_screen_column(tmp_path):
    """All 81 articles, more insertions, a 90 x 150 mm page: loose lines, long Latin words."""
    issue = generated_issue(count=81, seed=4, paragraphs_per_article=6)
    assert_clean(tmp_path, issue, "narrow", page_size="90x150", theme="screen")


def test_body_pages_round_trip_with_the_table_of_contents(tmp_path):
    issue = builtin_issue()
    path, options = render(tmp_path, issue, "with-toc")  # the TOC takes page 1
    geometry = page_geometry(options, SETTINGS)
    band = (geometry.margin - 1, geometry.page_height - geometry.margin + 1)
    checker = Checker(path, theme_for(options.theme).body.size, band, frozenset({1}))
    assert checker.check() == []
    assert checker.text() == model_text(issue)


def test_large_photo_is_downsampled(tmp_path):
    import random

    noise = Image.frombytes("RGB", (2400, 1600), random.Random(3).randbytes(2400 * 1600 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    assert len(buffer.getvalue()) > 8_000_000
    uri = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    path, _ = render(tmp_path, figure_issue(uri), "bigfig", columns=2, table_of_contents=False)
    assert path.stat().st_size < 1_500_000
    with pdfplumber.open(path) as pdf:
        (image,) = pdf.pages[0].images
        assert image["srcsize"][0] < 1200


@pytest.mark.parametrize("read_here", [True, False])
def test_a_full_collection_before_the_fonts_only_after_reading_here(read_here, monkeypatch):
    """Issues read in other processes (--jobs) leave no garbage here: the full collection
    before the fonts load is skipped (the one before saving stays), the PDF is the same."""
    import layout.render.pdf as pdf

    calls: list[str] = []
    monkeypatch.setattr(pdf, "release_free_memory", lambda: calls.append("collect"))
    monkeypatch.setattr(pdf, "return_free_heap", lambda: calls.append("trim"))
    stream = io.BytesIO()
    render_issues([builtin_issue()], stream, RenderOptions(), SETTINGS, read_here=read_here)
    assert calls == (["collect", "collect"] if read_here else ["trim", "collect"])
    assert stream.getvalue().startswith(b"%PDF-")


def test_convert_with_jobs_renders_as_read_elsewhere(tmp_path, monkeypatch):
    import layout.render.pdf as pdf
    from layout.cli import main

    seen: list[bool] = []
    real = pdf.render_issues

    def spy(*args, read_here=True, **kwargs):
        seen.append(read_here)
        return real(*args, read_here=read_here, **kwargs)

    monkeypatch.setattr(pdf, "render_issues", spy)
    page = tmp_path / "p.txt"
    page.write_text("标题\n\n正文第一段。\n", encoding="utf-8")
    for jobs in ("1", "2"):
        assert main(["-q", "convert", str(page), "-o", str(tmp_path / f"{jobs}.pdf"),
                     "--jobs", jobs]) == 0
    assert seen == [True, False]
