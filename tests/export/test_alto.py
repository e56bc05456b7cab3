"""ALTO 4.4 pages: schema-valid, every content character once, in reading order."""

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.export.alto import ALTO_NS, PER_POINT, page_to_alto
from layout.export.content import content_text
from layout.export.verify import alto_problems, alto_reading_text
from layout.model import Article, BBox, Block, Issue, Line, Page, Role
from tests.export.checks import xsd_errors

A = f"{{{ALTO_NS}}}"


def _squash(text: str) -> str:
    return "".join(text.split())


def _check_issue(issue: Issue) -> list[bytes]:
    xmls = []
    for page in issue.pages:
        alto = page_to_alto(issue, page, "source.pdf")
        assert alto_problems(alto.xml) == []
        errors = xsd_errors(alto.xml, "alto")
        assert not errors, errors[:3]
        one = Issue(source=issue.source, pages=(page,))
        assert _squash(alto_reading_text(alto.xml)) == _squash(content_text(one))
        xmls.append(alto.xml)
    return xmls


def test_sample_dump_page(sample_source):
    (xml,) = _check_issue(sample_source.issue)
    root = ET.fromstring(xml)
    page = root.find(f"{A}Layout/{A}Page")
    assert page.get("LANG") == "zh-Hans" and page.get("WIDTH") is None  # a dump: no geometry
    assert root.find(f"{A}Description/{A}MeasurementUnit").text == "inch1200"
    assert root.find(f"{A}Description/{A}sourceImageInformation/{A}fileName").text == (
        "source.pdf")
    software = root.find(f"{A}Description/{A}Processing/{A}processingSoftware")
    assert software.find(f"{A}softwareName").text == "layout"
    labels = {t.get("LABEL") for t in root.iter(f"{A}StructureTag")}
    assert {"kicker", "headline", "subtitle", "byline", "subhead", "paragraph", "caption",
            "credit", "furniture"} <= labels
    groups = root.findall(f"{A}ReadingOrder/{A}UnorderedGroup/{A}OrderedGroup")
    assert len(groups) >= len(sample_source.issue.pages[0].articles)
    # a paragraph's TextLines follow the dump's lines
    first = sample_source.issue.pages[0].articles[0]
    para = next(b for b in first.blocks if b.role is Role.PARAGRAPH)
    block = next(b for b in root.iter(f"{A}TextBlock") if b.get("TAGREFS") == "TAG_paragraph")
    assert len(block.findall(f"{A}TextLine")) == len(para.lines) > 1


def test_synthetic_pdf_page_has_geometry(synthetic_source):
    issue = synthetic_source.issue
    (xml,) = _check_issue(issue)
    root = ET.fromstring(xml)
    page = root.find(f"{A}Layout/{A}Page")
    assert page.get("WIDTH") == str(round(issue.pages[0].width * PER_POINT))
    assert root.findall(f"{A}Styles/{A}TextStyle")
    for block in root.iter(f"{A}TextBlock"):
        x0, y0 = float(block.get("HPOS")), float(block.get("VPOS"))
        x1, y1 = x0 + float(block.get("WIDTH")), y0 + float(block.get("HEIGHT"))
        for line in block.findall(f"{A}TextLine"):
            assert line.get("STYLEREFS")
            lx, ly = float(line.get("HPOS")), float(line.get("VPOS"))
            assert x0 - 2 <= lx <= x1 + 2 and y0 - 2 <= ly <= y1 + 2
            for s in line.findall(f"{A}String"):
                assert lx - 1 <= float(s.get("HPOS")) <= lx + float(line.get("WIDTH")) + 1
    composed = list(root.iter(f"{A}ComposedBlock"))
    figures = [b for a in issue.pages[0].articles for b in a.blocks if b.role is Role.FIGURE]
    assert figures and list(root.iter(f"{A}Illustration"))
    assert composed and composed[0].find(f"{A}Illustration") is not None
    assert composed[0].find(f"{A}TextBlock").get("TAGREFS") == "TAG_caption"


def _vertical_page() -> Issue:
    lines = (Line("竖排第一行文字", BBox(100, 10, 112, 94), "SimSun", 12),
             Line("第二行", BBox(86, 10, 98, 46), "SimSun", 12))
    article = Article(id="a", headline="竖排标题", blocks=(
        Block(Role.PARAGRAPH, "竖排第一行文字第二行", BBox(86, 10, 112, 94), lines=lines),))
    return Issue(source="v.pdf", pages=(Page(1, 200, 300, articles=(article,)),))


def test_vertical_lines_are_marked_top_to_bottom():
    issue = _vertical_page()
    (xml,) = _check_issue(issue)
    root = ET.fromstring(xml)
    block = next(b for b in root.iter(f"{A}TextBlock") if b.get("TAGREFS") == "TAG_paragraph")
    assert block.get("BASEDIRECTION") == "ttb"
    line = block.find(f"{A}TextLine")
    assert line.get("BASEDIRECTION") == "ttb"
    string = line.find(f"{A}String")
    assert float(string.get("HEIGHT")) > float(string.get("WIDTH"))


def test_edited_text_still_exports_exactly():
    """A hand-edited block (its lines say something else) exports the block's text."""
    lines = (Line("旧的第一行", BBox(10, 10, 60, 22)), Line("旧的第二行", BBox(10, 24, 60, 36)))
    article = Article(id="a", headline="Title in English", bylines=("By Jane Doe",),
                      blocks=(Block(Role.PARAGRAPH, "新的第一行和新的第二行，加了字。",
                                    BBox(10, 10, 60, 36), lines=lines),))
    issue = Issue(source="e.pdf", pages=(Page(1, 100, 100, articles=(article,)),))
    (xml,) = _check_issue(issue)
    root = ET.fromstring(xml)
    head = next(b for b in root.iter(f"{A}TextBlock") if b.get("TAGREFS") == "TAG_headline")
    assert head.get("LANG") == "en"
    assert [s.get("CONTENT") for s in head.iter(f"{A}String")] == ["Title", "in", "English"]
    assert len(head.findall(f"{A}TextLine/{A}SP")) == 2


@pytest.mark.parametrize("text", ["日本語の記事です。東京", "台灣的經濟發展與學術"])
def test_page_language(text):
    issue = Issue(source="x", pages=(Page(1, articles=(
        Article(id="a", blocks=(Block(Role.PARAGRAPH, text),)),)),))
    (xml,) = _check_issue(issue)
    lang = ET.fromstring(xml).find(f"{A}Layout/{A}Page").get("LANG")
    assert lang == ("ja" if "東京" in text else "zh-Hant")


# ---------------------------------------------------------------- any model page

_alphabet = "天地玄黄宇宙洪荒，。“”ab Z9&<>\"'é𠮷　"
_texts = st.text(alphabet=_alphabet, max_size=30)
_opt = st.none() | _texts
_coord = st.floats(min_value=0, max_value=800, allow_nan=False).map(lambda v: round(v, 2))


@st.composite
def _boxes(draw):
    x0, x1 = sorted((draw(_coord), draw(_coord)))
    top, bottom = sorted((draw(_coord), draw(_coord)))
    return BBox(x0, top, x1, bottom)


_lines = st.lists(st.builds(Line, text=_texts, bbox=st.none() | _boxes(),
                            font=st.none() | st.sampled_from(["SimSun", "A&B"]),
                            size=st.none() | st.just(10.5)), max_size=3).map(tuple)
_blocks = st.builds(Block, role=st.sampled_from(list(Role)), text=_opt,
                    bbox=st.none() | _boxes(), credit=_opt, lines=_lines)
_articles = st.builds(
    Article, id=st.just("a"), headline=_opt, kicker=_opt, subtitle=_opt,
    bylines=st.lists(_texts, max_size=2).map(tuple), dateline=_opt,
    blocks=st.lists(_blocks, max_size=4).map(tuple),
    head_blocks=st.lists(st.builds(Block, role=st.sampled_from(
        [Role.HEADLINE, Role.BYLINE, Role.KICKER]), lines=_lines), max_size=2).map(tuple))
_pages = st.builds(Page, number=st.integers(1, 9), width=st.none() | st.just(842.0),
                   height=st.just(1191.0), articles=st.lists(_articles, max_size=3).map(tuple),
                   blocks=st.lists(_blocks, max_size=2).map(tuple),
                   furniture=st.lists(_blocks, max_size=2).map(tuple),
                   edition=st.none() | st.just("A3"))


@settings(max_examples=60, deadline=None)
@given(_pages)
def test_any_page_exports_valid_and_complete(page):
    issue = Issue(source="any.pdf", pages=(page,))
    _check_issue(issue)
