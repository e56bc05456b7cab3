"""Tests of the synthetic e-paper generator: its truth must be exactly what it drew."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

pdfplumber = pytest.importorskip("pdfplumber")

from pdfminer.converter import PDFPageAggregator  # noqa: E402
from pdfminer.layout import LTChar  # noqa: E402
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager  # noqa: E402
from pdfminer.pdfpage import PDFPage  # noqa: E402

from tests.synth import epaper_fonts  # noqa: E402
from tests.synth.epaper_text import (  # noqa: E402
    BYLINE_PREFIXES,
    CORPUS_FILE,
    FALLBACK_ARTICLES,
    NO_END,
    NO_START,
    break_lines,
    load_articles,
)
from tests.synth.scoring import TruthPage, truth_from_dict, truth_to_dict  # noqa: E402

if not epaper_fonts.available_faces():
    pytest.skip("no CJK TrueType face installed (fonts-arphic-*, fonts-wqy-*)",
                allow_module_level=True)

from tests.synth.epaper import generate_issue, random_page_spec, render_page  # noqa: E402

SEEDS = (0, 1, 2, 3, 4, 5)
FALLBACK = [{"title": a.title, "byline": a.byline, "paragraphs": list(a.paragraphs)}
            for a in FALLBACK_ARTICLES]


def _truth_texts(truth: TruthPage) -> list[str]:
    texts = list(truth.furniture)
    for a in truth.articles:
        texts += [a.headline, a.kicker or "", a.subtitle or "", *a.bylines, *a.continuations]
        texts += [t for _, t in a.blocks] + [c.text + (c.credit or "") for c in a.captions]
    texts += [c.text + (c.credit or "") for c in truth.captions]
    return texts


class _ModeAggregator(PDFPageAggregator):
    """pdfminer's aggregator, noting each char's text render mode (3 = invisible)."""

    _mode = 0

    def render_string(self, textstate, *args, **kwargs):  # type: ignore[no-untyped-def]
        self._mode = textstate.render
        super().render_string(textstate, *args, **kwargs)

    def render_char(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        adv = super().render_char(*args, **kwargs)
        self.cur_item._objs[-1].render_mode = self._mode
        return adv


def _chars(path: Path, page_index: int = 0) -> list[tuple[str, float, float, float, int]]:
    """(text, x0, y1, size, render mode) of every char on a page."""
    with path.open("rb") as f:
        manager = PDFResourceManager()
        device = _ModeAggregator(manager, laparams=None)
        interpreter = PDFPageInterpreter(manager, device)
        for i, page in enumerate(PDFPage.get_pages(f)):
            if i == page_index:
                interpreter.process_page(page)
                break
        layout = device.get_result()
    return [(c.get_text(), c.x0, c.y1, c.size, c.render_mode) for c in layout
            if isinstance(c, LTChar)]


def _drawn_chars(path: Path) -> tuple[Counter, int]:
    """Visible characters of the page, fake-bold copies removed; and how many copies there were."""
    kept: dict[str, list[tuple[float, float]]] = {}
    doubles = 0
    for text, x0, y1, size, mode in _chars(path):
        if mode == 3:
            continue
        twins = kept.setdefault(text, [])
        if any(abs(x - x0) <= 0.07 * size and abs(y - y1) <= 0.05 * size for x, y in twins):
            doubles += 1
            continue
        twins.append((x0, y1))
    return Counter({k: len(v) for k, v in kept.items() if not k.isspace()}), doubles


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list[tuple[Path, TruthPage]]:
    out = tmp_path_factory.mktemp("epaper")
    result = []
    for seed in SEEDS:
        path = out / f"page-{seed}.pdf"
        result.append((path, render_page(random_page_spec(seed), path)))
    return result


def test_spec_is_deterministic_and_in_range():
    for seed in range(30):
        spec = random_page_spec(seed)
        assert spec == random_page_spec(seed)
        assert 5 <= spec.columns <= 8
        assert 0.6 <= spec.gutter_em <= 1.5
        assert 8.5 <= spec.body_size <= 10.0
        assert 0.02 <= spec.bold_offset_em <= 0.06
    specs = [random_page_spec(seed) for seed in range(30)]
    assert {s.columns for s in specs} == {5, 6, 7, 8}
    assert {s.rules for s in specs} == {"none", "line", "rect", "mixed"}
    assert len({s.body_face for s in specs}) >= 2


def test_rendering_is_deterministic(tmp_path):
    spec = random_page_spec(11)
    first = render_page(spec, tmp_path / "a.pdf")
    second = render_page(spec, tmp_path / "b.pdf")
    assert truth_to_dict(first) == truth_to_dict(second)


def test_truth_holds_exactly_the_drawn_characters(pages):
    """Every visible glyph is in the truth once (byline prefixes aside) and vice versa."""
    for path, truth in pages:
        drawn, _ = _drawn_chars(path)
        want = Counter(re.sub(r"\s", "", "".join(_truth_texts(truth))))
        extra = drawn - want
        assert not (want - drawn), f"{path.name}: truth text not drawn"
        prefixes = Counter("".join(BYLINE_PREFIXES))
        assert set(extra) <= set(prefixes), f"{path.name}: drawn but not in truth: {extra}"


def test_pages_have_the_expected_structure(pages):
    for path, truth in pages:
        assert len(truth.articles) >= 1, path.name
        assert truth.furniture, path.name
        for a in truth.articles:
            assert a.headline and a.paragraphs
            assert not any(re.search(r"\s", t) for _, t in a.blocks)
            for c in a.captions:
                assert c.credit and c.credit.endswith("摄")
    assert sum(len(t.articles) for _, t in pages) >= 3 * len(pages)


def test_paragraphs_are_whole_source_paragraphs(pages):
    source = {p for a in load_articles() for p in a.paragraphs}
    for _, truth in pages:
        for a in truth.articles:
            for k, (role, text) in enumerate(a.blocks):
                if role == "subhead" and text not in source:  # invented: a clause of the next
                    assert text in a.blocks[k + 1][1]
                    continue
                assert any(text.endswith(p) for p in source if len(p) <= len(text)), text[:20]
                if role == "paragraph" and text not in source:  # a dateline was prepended
                    assert re.match(r"^本报.{0,12}(讯|电)（记者 ?\S+）", text), text[:30]


def test_variation_shows_up_across_pages(pages):
    doubled = 0
    for path, _truth in pages:
        _, copies = _drawn_chars(path)
        doubled += copies > 0
    assert doubled >= 1, "no page with fake-bold headlines"
    kinds = Counter()
    for _, truth in pages:
        for a in truth.articles:
            kinds["kicker"] += a.kicker is not None
            kinds["subtitle"] += a.subtitle is not None
            kinds["caption"] += len(a.captions)
            kinds["byline"] += bool(a.bylines)
            kinds["multi-paragraph"] += len(a.paragraphs) > 3
    assert all(kinds[k] for k in ("kicker", "subtitle", "caption", "byline", "multi-paragraph"))


def test_fake_bold_offsets_are_small(tmp_path):
    spec = random_page_spec(3)
    from dataclasses import replace
    spec = replace(spec, fake_bold=1.0, bold_offset_em=0.04)
    render_page(spec, tmp_path / "bold.pdf")
    with pdfplumber.open(tmp_path / "bold.pdf") as pdf:
        chars = pdf.pages[0].chars
    big = [c for c in chars if c["size"] > spec.body_size * 1.45]
    # a fake-bold copy sits a fraction of an em away; a repeated character (小小) a full em
    pairs = [(a, b) for a, b in zip(big, big[1:], strict=False) if a["text"] == b["text"]
             and abs(a["top"] - b["top"]) < a["size"] * 0.05
             and abs(b["x0"] - a["x0"]) < a["size"] * 0.5]
    assert pairs
    for a, b in pairs:
        assert abs((b["x0"] - a["x0"]) / a["size"] - 0.04) < 0.005


def test_line_breaking_follows_cjk_rules():
    text = ("眼下正值秋收秋种关键时期，各地抢抓晴好天气。“今年风调雨顺，亩产比去年高出一成多。”"
            "他说：2025年。")
    lines = break_lines(text, 7.0, lambda ch: 1.0 if ord(ch) > 0x2000 else 0.5)
    assert "".join(lines) == text
    assert not any(line[0] in NO_START for line in lines[1:])
    assert not any(line[-1] in NO_END for line in lines[:-1])
    assert all(sum(1.0 if ord(c) > 0x2000 else 0.5 for c in line) <= 7.0 for line in lines)


def test_fallback_text_renders_without_the_corpus(tmp_path):
    spec = random_page_spec(7, articles_source=FALLBACK)
    truth = render_page(spec, tmp_path / "fallback.pdf")
    assert truth.articles
    drawn, _ = _drawn_chars(tmp_path / "fallback.pdf")
    assert not Counter(re.sub(r"\s", "", "".join(_truth_texts(truth)))) - drawn


def test_issue_has_one_page_per_truth(tmp_path):
    truths = generate_issue(2, 3, tmp_path / "issue.pdf")
    assert len(truths) == 3
    with pdfplumber.open(tmp_path / "issue.pdf") as pdf:
        assert len(pdf.pages) == 3
        sizes = {(p.width, p.height) for p in pdf.pages}
    assert len(sizes) == 1
    for number, truth in enumerate(truths, start=1):
        assert any(f in (f"第{number}版", f"第{number:02d}版") for f in truth.furniture)
        assert truth_from_dict(truth_to_dict(truth)) == truth


@pytest.mark.skipif(CORPUS_FILE is None, reason="../shared corpus not present")
def test_corpus_articles_load():
    articles = load_articles()
    assert len(articles) > 50
    assert any(a.subheads for a in articles)


def test_boxes_and_invisible_text(tmp_path):
    from dataclasses import replace
    spec = replace(random_page_spec(4), boxed=1.0, invisible_text=1.0, rules="none")
    truth = render_page(spec, tmp_path / "boxed.pdf")
    chars = _chars(tmp_path / "boxed.pdf")
    hidden = [c for c in chars if c[4] == 3]
    with pdfplumber.open(tmp_path / "boxed.pdf") as pdf:
        rects = pdf.pages[0].rects
    assert sum(1 for r in rects if r["stroke"] and r["width"] > 50 and r["height"] > 50) >= 1
    photos = sum(len(a.captions) for a in truth.articles) + len(truth.captions)
    assert photos == 0 or hidden
    drawn, _ = _drawn_chars(tmp_path / "boxed.pdf")
    assert not Counter(re.sub(r"\s", "", "".join(_truth_texts(truth)))) - drawn


def test_characters_a_face_lacks_fall_back_to_a_face_that_has_them():
    faces = epaper_fonts.available_faces()
    union = frozenset().union(*(f.coverage for f in faces))
    narrow = min(faces, key=lambda f: len(f.coverage))
    missing = sorted(union - narrow.coverage)
    if not missing:
        pytest.skip("every installed face covers the same characters")
    char = chr(next(c for c in missing if chr(c).isprintable() and not chr(c).isspace()))
    chosen = epaper_fonts.face_for_char(narrow, char)
    assert chosen is not narrow and chosen.covers(char)
    assert epaper_fonts.face_for_char(narrow, "中" if narrow.covers("中") else char).covers(
        "中" if narrow.covers("中") else char)
    with pytest.raises(LookupError):
        epaper_fonts.face_for_char(narrow, "\U000f0000")  # private use: no face has it


def test_tune_and_holdout_splits_do_not_share_articles():
    tune = [random_page_spec(seed, split="tune") for seed in range(12)]
    hold = [random_page_spec(seed, split="holdout") for seed in range(12)]
    tune_titles = {a.title for s in tune for a in s.articles}
    hold_titles = {a.title for s in hold for a in s.articles}
    assert tune_titles and hold_titles and not tune_titles & hold_titles
    with pytest.raises(ValueError):
        random_page_spec(0, split="train")
    faces = epaper_fonts.faces_by_style()
    if all(len(v) >= 2 for v in faces.values()):
        used_tune = {s.body_face for s in tune} | {f for s in tune for f in s.head_faces}
        used_hold = {s.body_face for s in hold} | {f for s in hold for f in s.head_faces}
        assert not used_tune & used_hold


def test_headlines_split_at_allowed_points():
    from tests.synth.epaper_article import split_title
    title = "“开放的中国为世界经济发展带来巨大机遇”——国际人士看中国“十四五”成就"
    for n in (1, 2, 3):
        parts = split_title(title, n)
        assert "".join(parts) == title and len(parts) == n
        assert not any(p[0] in NO_START for p in parts[1:])
        assert not any(p[-1] in NO_END for p in parts[:-1])
        assert not any(a[-1] + b[0] == "——" for a, b in zip(parts, parts[1:], strict=False))


def test_jump_markers_take_every_printed_form():
    import random

    from tests.synth.epaper_article import _jump_markers

    drawn = [_jump_markers(random.Random(k), 5) for k in range(300)]
    assert any(j.start and j.start.startswith("（") for j in drawn)
    assert any(j.start and j.start.startswith("▲") for j in drawn)
    assert any(j.end and j.end.endswith("▲") for j in drawn)
    assert any(j.inline for j in drawn) and any(j.end and not j.inline for j in drawn)
    assert not any(j.start for j in (_jump_markers(random.Random(k), 1) for k in range(50)))


def test_jump_markers_are_truth_continuations_not_body_text(tmp_path):
    markers = []
    for seed in range(8):
        truth = render_page(random_page_spec(seed), tmp_path / f"p{seed}.pdf")
        for a in truth.articles:
            markers += a.continuations
            assert not any(re.search(r"[转接]第\d+版", t) for _, t in a.blocks)
            assert len(a.continuations) <= 2
    assert any("上接" in m for m in markers) and any("转" in m for m in markers)
    assert all(re.fullmatch(r"[▲（]?(上接|下转|转)第\d+版[）▲]?", m) for m in markers)


def _clashes(path: Path) -> tuple[int, int]:
    """(pairs of glyphs drawn over each other, glyphs a rule line runs through) on a page;
    fake-bold copies (the same glyph a few hundredths of an em away) do not count."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        chars = sorted(page.chars, key=lambda c: c["x0"])
        rules = list(page.lines) + [r for r in page.rects
                                    if min(r["width"], r["height"]) < 2]
    overlaps = 0
    for i, a in enumerate(chars):
        for b in chars[i + 1:i + 60]:
            if b["x0"] >= a["x1"]:
                break
            size = min(a["size"], b["size"])
            over_x = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            over_y = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            twin = abs(a["x0"] - b["x0"]) < 0.1 * size and abs(a["top"] - b["top"]) < 0.1 * size
            overlaps += over_x > 0.3 * size and over_y > 0.3 * size and not twin
    crossed = 0
    for r in rules:
        inner = [c for c in chars if c["x0"] + 0.2 * c["size"] < r["x1"]
                 and c["x1"] - 0.2 * c["size"] > r["x0"]
                 and c["top"] + 0.2 * c["size"] < r["bottom"]
                 and c["bottom"] - 0.2 * c["size"] > r["top"]]
        crossed += len(inner)
    return overlaps, crossed


@pytest.mark.parametrize("seed", [0, 5, 9, 13, 19])
def test_nothing_is_drawn_over_text(tmp_path, seed):
    """Bylines atop a first column fit it; an L's inner corner sits below its headline group."""
    path = tmp_path / "page.pdf"
    render_page(random_page_spec(seed), path)
    assert _clashes(path) == (0, 0)


@pytest.mark.parametrize("runs", [False, True])
def test_horizontal_scale_ends_with_its_text(tmp_path, runs):
    """Tz is graphics state that outlives ET: text drawn after a scaled headline is unscaled
    (a leaked 117 % set body lines a sixth wider than their column, over the next one)."""
    from reportlab.pdfgen.canvas import Canvas

    from tests.synth.epaper_draw import Ink, PageCanvas

    face = epaper_fonts.available_faces()[0]
    canvas = Canvas(str(tmp_path / "tz.pdf"), pagesize=(300, 200))
    page = PageCanvas(canvas, 200, runs=runs)
    page.text(10, 40, "标题文字", Ink(face, 20, hscale=1.2))
    page.text(10, 100, "正文文字", Ink(face, 10))
    canvas.showPage()
    canvas.save()
    with pdfplumber.open(tmp_path / "tz.pdf") as pdf:
        chars = pdf.pages[0].chars
    head = [c for c in chars if c["top"] < 50]
    body = [c for c in chars if c["top"] > 80]
    assert [round(c["x1"] - c["x0"], 1) for c in head] == [24.0] * 4
    assert [round(c["x1"] - c["x0"], 1) for c in body] == [10.0] * 4
    assert [round(c["x0"]) for c in body] == [10, 20, 30, 40]


@pytest.mark.parametrize(("family", "seed", "split"),
                         [("feature", 1001, "holdout"), ("city", 11, None)])
def test_family_pages_draw_nothing_over_text(tmp_path, family, seed, split):
    """Pages with Tz-scaled headlines (these two overprinted their columns before)."""
    from tests.synth.compose_reportlab import compose_reportlab

    path = tmp_path / "page.pdf"
    compose_reportlab(seed, family, split, path)
    assert _clashes(path) == (0, 0)


def test_lines_are_measured_in_the_faces_they_are_drawn_with():
    """Latin letters and digits drawn in a Latin face are measured in it: measured in the CJK
    face, a line with "ChatGPT" ran 5 pt into a 9 pt gutter."""
    from tests.synth.epaper_article import _width
    from tests.synth.epaper_draw import Ink, PageCanvas
    from tests.synth.plan_make import LATIN_FACES

    latin = next((epaper_fonts.latin_face(path) for _, path in LATIN_FACES.values()
                  if epaper_fonts.latin_face(path)), None)
    if latin is None:
        pytest.skip("no Latin TrueType face installed")
    face = epaper_fonts.available_faces()[0]
    ink = Ink(face, 9.84, latin=latin)
    text = "其中ChatGPT仓满囤堆2025年"
    drawn = PageCanvas(None, 100).natural_width(text, ink)  # type: ignore[arg-type]
    assert _width(text, ink) == pytest.approx(drawn)
    assert _width(text, ink) != pytest.approx(epaper_fonts.text_width(face, text, 9.84))
