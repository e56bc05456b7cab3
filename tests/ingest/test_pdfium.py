"""PDFium reader: the raw-page model from pypdfium2, on hand-made pages and against pdfplumber.

Hand-made pages check forms, rotated text, fake bold drawn twice, MediaBox/CropBox offsets,
letter spacing and borders (render modes, fonts, sizes, baselines, rules, images and bad
files are the contract both readers share: ``tests/ingest/test_readers.py``). The reader comparison
runs both readers over generated e-paper pages (and the corpus pages when ``../shared``
exists): the same characters, boxes within 1 pt for at least 99 %, the same articles.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen.canvas import FILL_EVEN_ODD, Canvas

from layout.analysis.pdf.chars import clean_glyphs
from layout.analysis.pdf.page import analyze_pdf
from layout.clean import plain_forms
from layout.ingest import pdf as plumber
from layout.ingest.pdfium import read_pdf
from layout.settings import PdfSettings, Settings
from tests.ingest.sample_pages import two_page_pdf
from tests.shared_corpus import corpus_path
from tests.synth import epaper_fonts

W, H = 400.0, 300.0


def test_same_raw_page_as_pdfplumber_on_a_plain_page(tmp_path):
    path = two_page_pdf(tmp_path / "a.pdf")
    mine, theirs = next(read_pdf(path)), next(plumber.read_pdf(path))
    assert [g.text for g in mine.glyphs] == [g.text for g in theirs.glyphs]
    for a, b in zip(mine.glyphs, theirs.glyphs, strict=True):
        assert (a.x0, a.x1, a.size, a.bottom - a.top) == pytest.approx(
            (b.x0, b.x1, b.size, b.bottom - b.top), abs=0.01)
        # a standard font that is not embedded: PDFium's stand-in face descends 0.224 em,
        # the Helvetica metrics pdfminer reads 0.207 em (embedded fonts carry their own)
        assert a.top == pytest.approx(b.top, abs=0.25)
    key = lambda r: (r.horizontal, round(r.bbox.x0), round(r.bbox.top),  # noqa: E731
                     round(r.bbox.x1), round(r.bbox.bottom))
    assert sorted(map(key, mine.rules)) == sorted(map(key, theirs.rules))
    assert mine.images == pytest.approx(theirs.images)


def _ink_box(path, threshold=128):
    """The box of the dark pixels of page 1 rendered at 72 dpi (1 px = 1 pt)."""
    doc = pdfium.PdfDocument(str(path))
    image = doc[0].render(scale=1).to_pil().convert("L")
    doc.close()
    return image.point(lambda v: 255 if v < threshold else 0).getbbox()


@pytest.mark.parametrize("media, crop", [((0, 0), None), ((30, 50), None),
                                         ((0, 0), (10, 20, 290, 190))])
def test_boxes_sit_on_the_rendered_page_with_box_offsets(tmp_path, media, crop):
    """A MediaBox not at 0,0 or a CropBox: glyphs, rules and the page size are those of the
    page as rendered (where the ink is), so figures cropped from a render line up."""
    path = tmp_path / "offset.pdf"
    x, y = media
    c = Canvas(str(path), pagesize=(300, 200))
    c.setFont("Helvetica", 30)
    c.drawString(x + 40, y + 120, "HH")
    c.setLineWidth(2)
    c.line(x + 40, y + 60, x + 240, y + 60)
    c.save()
    data = path.read_bytes()
    box = f"/MediaBox [ {x} {y} {x + 300} {y + 200} ]"
    if crop:
        box += " /CropBox [ {} {} {} {} ]".format(*crop)
    path.write_bytes(data.replace(b"/MediaBox [ 0 0 300 200 ]", box.encode()))
    raw = next(read_pdf(path))
    want_w, want_h = ((crop[2] - crop[0], crop[3] - crop[1]) if crop else (300, 200))
    assert (raw.width, raw.height) == pytest.approx((want_w, want_h))
    ink = _ink_box(path)
    x0 = min(g.x0 for g in raw.glyphs)
    top = min(g.top for g in raw.glyphs)
    rule = raw.rules[0]
    assert abs(x0 - ink[0]) <= 3 and top <= ink[1] <= top + 10  # the H stem; caps sit low
    assert abs(rule.bbox.x1 - ink[2]) <= 2 and abs(rule.position - (ink[3] - 1)) <= 2


def test_text_in_a_form_xobject_and_rotated_text(tmp_path):
    path = tmp_path / "form.pdf"
    c = Canvas(str(path), pagesize=(W, H))
    c.beginForm("box")
    c.setFont("Helvetica", 10)
    c.drawString(10, 10, "Form")
    c.line(10, 5, 110, 5)
    c.endForm()
    c.saveState()
    c.translate(100, 150)
    c.doForm("box")
    c.restoreState()
    c.saveState()
    c.translate(300, 50)
    c.rotate(90)
    c.setFont("Helvetica", 20)
    c.drawString(0, 0, "Up")
    c.restoreState()
    c.save()
    raw = next(read_pdf(path))
    form = [g for g in raw.glyphs if g.text in "Form"][:4]
    assert "".join(g.text for g in form) == "Form"
    assert form[0].x0 == pytest.approx(110, abs=0.5)
    assert form[0].baseline == pytest.approx(H - 160, abs=0.5)
    assert any(r.horizontal and abs(r.position - (H - 155)) < 0.5 and r.bbox.x0 == pytest.approx(
        110, abs=0.5) for r in raw.rules)
    up = [g for g in raw.glyphs if g.text in "Up"]
    assert [g.text for g in up] == ["U", "p"] and not any(g.upright for g in up)
    assert up[0].size == pytest.approx(20, abs=0.01)
    assert 280 <= up[0].x0 < up[0].x1 <= 302 and up[1].bottom <= up[0].bottom  # reads upwards


@pytest.mark.parametrize("interleaved", [True, False])
def test_fake_bold_drawn_twice_is_seen_twice(tmp_path, interleaved):
    """PDFium's text layer hides the second copy; the reader still returns both, as drawn
    (the analysis collapses them), in drawing order."""
    path = tmp_path / "bold.pdf"
    c = Canvas(str(path), pagesize=(W, H))
    word = "Bold words here"
    passes = [(0.0, 0.0), (0.4, 0.1)]
    order = ([(i, p) for i in range(len(word)) for p in passes] if interleaved
             else [(i, p) for p in passes for i in range(len(word))])
    t = c.beginText()
    t.setFont("Helvetica-Bold", 14)
    xs = [40 + 9 * i for i in range(len(word))]
    for i, (dx, dy) in order:
        if word[i] != " ":
            t.setTextOrigin(xs[i] + dx, 200 + dy)
            t.textOut(word[i])
    c.drawText(t)
    c.save()
    raw = next(read_pdf(path))
    want = [(word[i], round(xs[i] + dx, 1)) for i, (dx, _) in order if word[i] != " "]
    assert [(g.text, round(g.x0, 1)) for g in raw.glyphs] == want
    assert [(g.text, round(g.x0, 1)) for g in raw.glyphs] == [
        (g.text, round(g.x0, 1)) for g in plumber.read_pdf(path).__next__().glyphs]
    assert "".join(g.text for g in clean_glyphs(raw.glyphs)) == word.replace(" ", "")


def _nonspace(glyphs):
    return [g for g in glyphs if not g.text.isspace()]


def _folded(text: str) -> str:
    return plain_forms(text)


def _pairs(ga, gb):
    """Glyphs of the two readers side by side: a pdfplumber glyph whose folded text has k
    characters (a ligature) against the union of the next k PDFium glyphs; None when the
    characters differ."""
    pairs, k = [], 0
    for g in ga:
        text = _folded(g.text)
        part = gb[k:k + len(text)]
        if "".join(_folded(p.text) for p in part) != text:
            return None
        k += len(text)
        if part:
            pairs.append((g, (min(p.x0 for p in part), min(p.top for p in part),
                              max(p.x1 for p in part), max(p.bottom for p in part))))
    return pairs if k == len(gb) else None


def _ink_fits(image, box, scale, tol=0.8):
    """Whether the ink around the centre of ``box`` (x0, top, x1, bottom) stays inside it."""
    x0, top, x1, bottom = box
    left = max(0, int((x0 - 8) * scale))
    strip = image.crop((left, int(top * scale), int((x1 + 8) * scale), int(bottom * scale)))
    px, (w, h) = strip.load(), strip.size
    dark = [any(px[x, y] < 128 for y in range(h)) for x in range(w)]
    runs, start = [], None
    for x, d in enumerate([*dark, False]):
        if d and start is None:
            start = x
        if not d and start is not None:
            runs.append((left / scale + start / scale, left / scale + x / scale))
            start = None
    c0, c1 = x0 + 0.25 * (x1 - x0), x1 - 0.25 * (x1 - x0)
    hit = [r for r in runs if r[1] > c0 and r[0] < c1]
    return bool(hit) and min(r[0] for r in hit) >= x0 - tol and max(r[1] for r in hit) <= x1 + tol


def _compare_raw(path):
    """Per page: (number, same characters, share of boxes within 1 pt, sizes, and for the
    boxes more than 1 pt apart the share whose ink fits PDFium's box and pdfplumber's)."""
    out = []
    document = pdfium.PdfDocument(str(path))
    try:
        for a, b in zip(plumber.read_pdf(path), read_pdf(path), strict=True):
            pairs = _pairs(_nonspace(a.glyphs), _nonspace(b.glyphs))
            if pairs is None:
                out.append((a.number, False, 0.0, (a.width, a.height), (b.width, b.height),
                            (0.0, 0.0)))
                continue
            apart = [(g, box) for g, box in pairs
                     if max(abs(g.x0 - box[0]), abs(g.top - box[1]), abs(g.x1 - box[2]),
                            abs(g.bottom - box[3])) > 1.0]
            fits = (1.0, 0.0)
            if apart:
                scale = 4
                image = document[a.number - 1].render(scale=scale).to_pil().convert("L")
                mine = sum(_ink_fits(image, box, scale) for _, box in apart)
                theirs = sum(_ink_fits(image, (g.x0, g.top, g.x1, g.bottom), scale)
                             for g, _ in apart)
                fits = (mine / len(apart), theirs / len(apart))
            out.append((a.number, True, 1 - len(apart) / max(1, len(pairs)), (a.width, a.height),
                        (b.width, b.height), fits))
    finally:
        document.close()
    return out


def _articles(path, reader):
    issue = analyze_pdf(path, Settings(pdf=PdfSettings(reader=reader)))
    return [[(a.headline, a.kicker, a.subtitle, tuple(a.bylines),
              tuple((b.role, b.text, b.credit) for b in a.blocks)) for a in p.articles]
            for p in issue.pages]


GENERATED_SEEDS = (1, 2, 3, 5, 8)


@pytest.fixture(scope="module")
def generated_pages(tmp_path_factory):
    if not epaper_fonts.available_faces():
        pytest.skip("no CJK TrueType face for the generator")
    from tests.synth.epaper import random_page_spec, render_page

    folder = tmp_path_factory.mktemp("readers")
    paths = []
    for seed in GENERATED_SEEDS:
        path = folder / f"page-{seed}.pdf"
        render_page(random_page_spec(seed), path)
        paths.append(path)
    return paths


def test_readers_agree_on_generated_pages(generated_pages):
    for path in generated_pages:
        for number, same, close, size_a, size_b, _ in _compare_raw(path):
            assert same, f"{path.name} p{number}: different characters"
            assert close >= 0.99, f"{path.name} p{number}: {close:.1%} of boxes within 1 pt"
            assert size_a == pytest.approx(size_b, abs=0.01)
        assert _articles(path, "pdfium") == _articles(path, "pdfplumber"), path.name


CORPUS_PAGES = ("zh_journal-article_management-world_2024.pdf",
                "ja_mock-newspaper_kyouzai.pdf", "zh_book-page_text-wrapped-figures.pdf",
                "zh_debon-securities_broker-report_688556.pdf",
                "en_latex-newspaper_new-times.pdf")


@pytest.mark.parametrize("name", CORPUS_PAGES)
def test_readers_agree_on_corpus_pages(name):
    """Real pages: same characters once presentation forms are folded (pdfplumber gives the
    Kangxi radicals and ligatures some files map their glyphs to, PDFium the ideographs and
    letters drawn; the rendered pages show the latter); boxes within 1 pt, except where
    pdfminer misplaces glyphs (zh_book: every glyph after some full-width commas sits
    0.28 em right of its ink): there PDFium's boxes must hold the ink and pdfminer's not;
    the same articles."""
    path = corpus_path("real", name)
    if path is None:
        pytest.skip("needs ../shared/corpus/real")
    for number, same, close, size_a, size_b, (mine, theirs) in _compare_raw(path):
        assert same, f"{name} p{number}: different characters"
        if close < 0.99:  # then PDFium must be the one that is right
            assert mine >= 0.95 and theirs <= 0.5, (
                f"{name} p{number}: {close:.1%} of boxes within 1 pt; of the others, the ink "
                f"fits {mine:.0%} of PDFium's, {theirs:.0%} of pdfplumber's")
        assert size_a == pytest.approx(size_b, abs=0.01)
    assert _articles(path, "pdfium") == _articles(path, "pdfplumber"), name


def test_character_spacing_is_scaled_with_horizontal_scaling(tmp_path):
    """PDF 9.4.4: each glyph advances by (w·Tfs + Tc)·Th, and its box is w·Tfs·Th wide
    (the ink is where the formula says)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    path = tmp_path / "spaced.pdf"
    c = Canvas(str(path), pagesize=(W, H))
    t = c.beginText(20, 200)
    t.setFont("Helvetica", 20)
    t.setHorizScale(150)
    t.setCharSpace(6)
    t.textOut("HHHH")
    c.drawText(t)
    c.save()
    step = (stringWidth("H", "Helvetica", 20) + 6) * 1.5
    raw = next(read_pdf(path))
    assert [round(g.x0, 2) for g in raw.glyphs] == [round(20 + k * step, 2) for k in range(4)]
    assert raw.glyphs[0].x1 - raw.glyphs[0].x0 == pytest.approx(
        stringWidth("H", "Helvetica", 20) * 1.5, abs=0.05)
    ink = _ink_box(path)
    assert abs(ink[2] - (20 + 3 * step + stringWidth("H", "Helvetica", 20) * 1.5)) <= 4


def _border_page(path):
    """A CSS-style border painted as one even-odd fill of two nested rectangles (0.5 pt
    left side, 0.8 pt top, no right or bottom side), a bottom border alone (the two
    rectangles as wide), and beside them two same-coloured nested rectangles painted as
    separate paths (a solid box, not a frame)."""
    c = Canvas(str(path), pagesize=(W, H))
    p = c.beginPath()
    p.rect(20, H - 220, 150, 200)  # outer: x 20-170, top 20, bottom 220
    p.rect(20.5, H - 220, 149.5, 199.2)  # inner: left side 0.5 pt, top side 0.8 pt
    c.drawPath(p, stroke=0, fill=1, fillMode=FILL_EVEN_ODD)
    c.rect(200, H - 220, 150, 200, stroke=0, fill=1)
    c.rect(201, H - 219, 148, 198, stroke=0, fill=1)
    p = c.beginPath()  # a running head's bottom border: the inner box first, as wide
    p.rect(20, H - 262.8, 150, 22.8)  # inner: top 240, bottom 262.8
    p.rect(20, H - 264, 150, 24)  # outer: bottom 264 (a 1.2 pt side)
    c.drawPath(p, stroke=0, fill=1, fillMode=FILL_EVEN_ODD)
    c.showPage()
    c.save()
    return path


def test_even_odd_border_gives_the_rules_of_its_thin_sides(tmp_path):
    path = _border_page(tmp_path / "border.pdf")
    key = lambda r: (r.horizontal, round(r.bbox.x0, 1), round(r.bbox.top, 1),  # noqa: E731
                     round(r.bbox.x1, 1), round(r.bbox.bottom, 1))
    want = [(False, 20.0, 20.0, 20.5, 220.0), (True, 20.0, 20.0, 170.0, 20.8),
            (True, 20.0, 262.8, 170.0, 264.0)]
    assert sorted(map(key, next(read_pdf(path)).rules)) == want
    assert sorted(map(key, next(plumber.read_pdf(path)).rules)) == want


def test_filled_curves_are_shapes_in_both_readers(tmp_path):
    """A filled path of curves (a glyph outline) is a shape, boxed by the points it
    passes through (not its control points, as pdfminer boxes it); lines, rectangles and
    an unfilled curve are not."""
    path = tmp_path / "shapes.pdf"
    c = Canvas(str(path), pagesize=(W, H))
    p = c.beginPath()
    p.moveTo(50, H - 50)
    p.curveTo(60, H - 30, 80, H - 30, 90, H - 50)
    p.lineTo(70, H - 80)
    p.close()
    c.drawPath(p, stroke=0, fill=1)
    c.circle(200, H - 100, 20, stroke=1, fill=0)
    c.rect(250, H - 150, 40, 40, stroke=0, fill=1)
    c.line(20, H - 200, 300, H - 200)
    c.showPage()
    c.save()
    for raw in (next(read_pdf(path)), next(plumber.read_pdf(path))):
        assert [(round(b.x0), round(b.top), round(b.x1), round(b.bottom))
                for b in raw.shapes] == [(50, 50, 90, 80)]
