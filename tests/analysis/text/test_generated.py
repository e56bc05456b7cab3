"""Text-dump analysis over generated dumps: accuracy and "nothing lost".

Dumps come from tests/synth/text_dumps.py with fixed seeds (and hypothesis-drawn
seeds for the property test), from the second generator tests/synth/dumps_alt.py (every
family) and from pages of every composer, extracted by both dump extractors
(tests/synth/dumps_from_pages.py). The accuracy thresholds here are the floor a small
fixed sample must clear; the full measurement is benchmarks/text_analysis.py.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from layout.analysis.text.dump import analyze_text_dump
from layout.clean import drop_junk, undouble
from layout.errors import InputError
from layout.ingest.text import decode_dump
from layout.model import Issue
from layout.settings import Settings
from tests.synth import dumps_alt, dumps_from_pages
from tests.synth.scoring import Score, score_pages
from tests.synth.text_dumps import generate_dump

_WS = re.compile(r"\s+")


def content_chars(data: bytes) -> Counter[str]:
    """Every content character of a dump: junk dropped, fake bold undoubled, no whitespace
    (a byline's mark, □记者 …, counts: it stays in the byline)."""
    counts: Counter[str] = Counter()
    for line in decode_dump(data, "dump").replace("\f", "\n").split("\n"):
        cleaned = undouble(drop_junk(line))  # as the analysis sees the line (U+FFFD dropped)
        counts.update(_WS.sub("", cleaned))
    return counts


def output_chars(issue: Issue) -> tuple[Counter[str], Counter[str]]:
    """(every character the issue holds, the characters of dateline parentheses)."""
    counts: Counter[str] = Counter()
    datelines: Counter[str] = Counter()

    def add(text: str | None) -> None:
        counts.update(_WS.sub("", text or ""))

    for page in issue.pages:
        for article in page.articles:
            for text in (article.kicker, article.headline, article.subtitle, article.dateline):
                add(text)
            for byline in article.bylines:
                add(byline)
            for marker in article.continuations:
                add(marker)
            for block in article.blocks:
                add(block.text)
                add(block.credit)
            inner = re.search(r"[（(]([^）)]*)[）)]", article.dateline or "")
            if inner:
                datelines.update(_WS.sub("", inner.group(1)))
        for block in page.blocks + page.furniture:
            add(block.text)
            add(block.credit)
    return counts, datelines


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=10**6), holdout=st.booleans())
def test_nothing_lost(seed: int, holdout: bool) -> None:
    """Each content character of the dump appears in the output exactly as often; the
    only extra characters are dateline names repeated in ``bylines``."""
    data, _ = generate_dump(seed, holdout=holdout)
    issue = analyze_text_dump(data, f"seed-{seed}", Settings())
    given_chars = content_chars(data)
    got, dateline_chars = output_chars(issue)
    assert given_chars - got == Counter(), "characters lost"
    extra = got - given_chars
    assert extra - dateline_chars == Counter(), "characters added"


def _balanced(data: bytes, source: str) -> Issue:
    """The issue analysed from ``data``, checked to hold each content character once (only
    dateline names repeated in ``bylines`` are extra)."""
    issue = analyze_text_dump(data, source, Settings())
    given_chars = content_chars(data)
    got, dateline_chars = output_chars(issue)
    assert given_chars - got == Counter(), f"{source}: characters lost"
    assert (got - given_chars) - dateline_chars == Counter(), f"{source}: characters added"
    return issue


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=10**6), holdout=st.booleans(),
       family=st.sampled_from(dumps_alt.FAMILIES))
def test_nothing_lost_second_generator(seed: int, holdout: bool, family: str) -> None:
    data, truths = dumps_alt.generate(seed, family, holdout)
    issue = _balanced(data, f"alt-{family}-{seed}")
    assert len(issue.pages) == len(truths)


COMPOSERS = ("reportlab", "typst", "weasyprint")


@pytest.mark.parametrize("composer", COMPOSERS)
@pytest.mark.parametrize("family", dumps_alt.FAMILIES)
def test_nothing_lost_on_composed_pages(composer: str, family: str, composed_page) -> None:
    """Dumps of every composer's page (both extractors) lose and add nothing, and the
    page's articles are found (a floor; benchmarks/text_analysis.py measures) unless the
    composer set text over text (colliding columns: no extractor can read those lines)."""
    if composer not in dumps_from_pages.available_composers():
        pytest.skip(f"{composer} not installed")
    path, composed = composed_page(composer, family, 11)
    readable = dumps_from_pages.colliding_glyphs(path) <= MAX_COLLISIONS
    for extractor in dumps_from_pages.EXTRACTORS:
        data, truths = dumps_from_pages.dump_from_pdf(path, composed.truth, extractor)
        issue = _balanced(data, f"{composer}-{family}-{extractor}")
        score = score_pages(truths, list(issue.pages))
        assert score.ratio("articles") >= 0.6 or not readable, (extractor, str(score))


MAX_COLLISIONS = 10  # glyphs set over other glyphs: more, and the page's columns collide


def _score(seeds: range, holdout: bool) -> Score:
    total = Score()
    for seed in seeds:
        data, truths = generate_dump(seed + 10_000 * holdout, holdout=holdout)
        issue = analyze_text_dump(data, f"seed-{seed}", Settings())
        assert len(issue.pages) == len(truths)
        total = total + score_pages(truths, list(issue.pages))
    return total


def test_generated_dumps_are_reconstructed() -> None:
    score = _score(range(12), holdout=False)
    assert score.ratio("articles") >= 0.95, str(score)
    assert score.ratio("headlines") >= 0.93, str(score)
    assert score.ratio("paragraphs") >= 0.92, str(score)
    assert score.ratio("captions") >= 0.95, str(score)
    assert score.furniture_leaks == 0 and score.doubled_or_junk == 0, str(score)


def test_held_out_dumps_are_reconstructed() -> None:
    """The held-out part of the generator (widths 18-20, kinsoku + jitter, space indents)."""
    score = _score(range(16), holdout=True)
    assert score.ratio("articles") >= 0.9, str(score)
    assert score.ratio("paragraphs") >= 0.9, str(score)
    assert score.doubled_or_junk == 0, str(score)


def test_generator_is_deterministic_and_varied() -> None:
    first, truth_a = generate_dump(7)
    again, truth_b = generate_dump(7)
    assert first == again and truth_a == truth_b
    encodings = set()
    for seed in range(30):
        data, truths = generate_dump(seed)
        assert truths and all(t.articles for t in truths)
        encodings.add(data[:2])
    assert len(encodings) >= 3  # BOMs and plain starts differ across seeds


_ALPHABET = list("中国人民日报记者摄，。！？“”（）、：；——…") + list("12 ab\ufffd\u3000")
_LINE = st.text(alphabet=st.sampled_from(_ALPHABET), max_size=30)


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(_LINE, max_size=40), form_feeds=st.booleans())
def test_any_text_gives_an_issue_or_an_input_error(lines: list[str], form_feeds: bool) -> None:
    """Arbitrary lines never crash the analysis; every character still lands somewhere."""
    text = ("\n\f" if form_feeds else "\n").join(lines)
    data = text.encode("utf-8")
    try:
        issue = analyze_text_dump(data, "fuzz.txt", Settings())
    except InputError as error:
        assert str(error).startswith("fuzz.txt: ")
        return
    got, _ = output_chars(issue)
    assert content_chars(data) - got == Counter()


_TOKENS = ["记者", " ", "姬慧洋", "通讯员", "本报讯", "（", "）", "摄", "。", "，", "——", "第3版",
           "责任编辑：", "2024年1月2日", "下转第2版", "\ufffd\ufffd", "示范区", "民民兵兵", "□",
           "“", "”", "星期一", "周口日报", "1", "月", "LED", "本报北京10月19日电"]
_WORD_LINE = st.lists(st.sampled_from(_TOKENS), max_size=8).map("".join)


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(_WORD_LINE, max_size=30))
@example(lines=["民民兵兵", "摄摄", "", "记者"])  # a join made the pair runs read as fake bold
def test_role_words_in_any_order_lose_nothing(lines: list[str]) -> None:
    """Bylines, datelines, credits, furniture and markers mixed at random: nothing lost,
    nothing added but dateline names."""
    data = "\n".join(lines).encode("utf-8")
    try:
        issue = analyze_text_dump(data, "words.txt", Settings())
    except InputError:
        return
    got, dateline_chars = output_chars(issue)
    given_chars = content_chars(data)
    assert given_chars - got == Counter()
    assert (got - given_chars) - dateline_chars == Counter()
