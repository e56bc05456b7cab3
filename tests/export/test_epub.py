"""EPUB 3: package structure, navigation by issue → page → article, epubcheck clean."""

import re
import zipfile
from datetime import datetime, timezone
from html.parser import HTMLParser

import pytest

from layout.export.content import content_text
from layout.export.epub import EpubOptions, write_epub
from tests.export.checks import epubcheck, epubcheck_command

FIXED = datetime(2024, 1, 15, tzinfo=timezone.utc)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "a":
            self.links.append(dict(attrs)["href"])


def _write(tmp_path, issues, **options):
    path = tmp_path / "book.epub"
    with open(path, "wb") as stream:
        write_epub(issues, stream, EpubOptions(modified=FIXED, **options))
    return path


def _read(path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def test_package_structure_and_navigation(sample_source, synthetic_source, tmp_path):
    issues = [sample_source.issue, synthetic_source.issue]
    path = _write(tmp_path, issues)
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        names = z.namelist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    nav = _Text()
    nav.feed(_read(path, "OEBPS/nav.xhtml"))
    article_links = [h for h in nav.links if re.search(r"-a\d+\.xhtml$", h)]
    assert len(article_links) == sum(len(i.articles()) for i in issues)
    assert all(f"OEBPS/{h}" in names for h in nav.links)
    opf = _read(path, "OEBPS/content.opf")
    assert "<dc:language>zh-Hans</dc:language>" in opf
    assert "2024-01-15T00:00:00Z" in opf
    text = _Text()
    for name in names:
        if name.startswith("OEBPS/text/"):
            doc = _read(path, name)
            assert 'lang="zh-Hans"' in doc or 'lang="en"' in doc
            text.feed(doc)
    shown = "".join("".join(text.parts).split())
    for issue in issues:  # every content character is in the book, in order per issue
        wanted = "".join(content_text(issue).split())
        assert _subsequence(wanted, shown)
    figures = [b for i in issues for a in i.articles() for b in a.blocks
               if b.role.value == "figure" and b.image]
    assert len([n for n in names if n.startswith("OEBPS/images/")]) == len(figures) > 0
    css = _read(path, "OEBPS/style.css")
    assert "text-indent: 2em" in css and "text-align: justify" in css
    assert "text-autospace" in css and "vertical-rl" not in css


def _subsequence(wanted: str, shown: str) -> bool:
    it = iter(shown)
    return all(ch in it for ch in wanted)


def test_vertical_writing_mode_and_embedded_fonts(sample_source, tmp_path):
    path = _write(tmp_path, [sample_source.issue], writing_mode="vertical", embed_fonts=True)
    css = _read(path, "OEBPS/style.css")
    assert "writing-mode: vertical-rl" in css and "@font-face" in css
    assert 'page-progression-direction="rtl"' in _read(path, "OEBPS/content.opf")
    from fontTools.ttLib import TTFont

    with zipfile.ZipFile(path) as z:
        fonts = [n for n in z.namelist() if n.startswith("OEBPS/fonts/")]
        assert fonts
        z.extract("OEBPS/fonts/body.ttf", tmp_path)
    font = TTFont(tmp_path / "OEBPS/fonts/body.ttf")
    cmap = font.getBestCmap()
    used = {ord(c) for c in content_text(sample_source.issue) if not c.isspace()}
    covered = used & set(cmap)
    assert len(covered) >= 0.95 * len(used)  # the body face covers the text it was cut to
    assert len(cmap) < len(used) + 50  # and little else
    assert (tmp_path / "OEBPS/fonts/body.ttf").stat().st_size < 2_000_000


def test_bad_writing_mode():
    with pytest.raises(ValueError):
        EpubOptions(writing_mode="diagonal")


@pytest.mark.skipif(epubcheck_command() is None, reason="epubcheck is not installed")
def test_epubcheck_passes_an_archive_of_two_issues(sample_source, synthetic_source, tmp_path):
    """One JVM run (slow): a two-issue book with photos, vertical CSS and embedded fonts."""
    path = _write(tmp_path, [sample_source.issue, synthetic_source.issue],
                  writing_mode="vertical", embed_fonts=True)
    errors, report = epubcheck(path)
    assert errors == 0, report[-3000:]
