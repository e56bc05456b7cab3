"""Score a reconstruction against the known structure of a page.

Takes truth pages (:class:`TruthPage`, what a perfect reconstruction gives) and
predicted :class:`layout.model.Page` objects; returns a :class:`Score` with
counts and ratios: articles found, headlines/kickers/subtitles/bylines exact,
paragraphs, subheads and captions exact, furniture leaks, junk left in text, and vertical
presentation forms (U+FE10–FE19, U+FE30–FE4F) left anywhere in the page's structure JSON.
Text is compared with all whitespace removed; a subtitle's leading dashes are ignored.
:func:`timed_page` times one page's reconstruction for the benchmarks (a crash: no page).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from layout.model import Article, Block, Issue, Page, Role
from layout.model.serialize import page_to_dict
from layout.settings import Settings

_WS = re.compile(r"\s+")
_LEADING_DASHES = re.compile(r"^[—─\-–―]+")
_CJK = re.compile(r"[\u3400-\u9fff]")


def as_scanned(page: TruthPage) -> TruthPage:
    """The truth of a scan of ``page``: outlined headlines read as the text they show."""
    return replace(page, articles=[
        replace(a, headline=a.shown_headline) if a.shown_headline else a
        for a in page.articles])


def norm(text: str | None) -> str:
    """Text with every whitespace character removed ('' for None)."""
    return _WS.sub("", text or "")


def norm_subtitle(text: str | None) -> str:
    return _LEADING_DASHES.sub("", norm(text))


@dataclass
class TruthCaption:
    text: str
    credit: str | None = None


@dataclass
class TruthArticle:
    headline: str
    kicker: str | None = None
    subtitle: str | None = None
    bylines: list[str] = field(default_factory=list)
    blocks: list[tuple[str, str]] = field(default_factory=list)  # ("paragraph"|"subhead", text)
    captions: list[TruthCaption] = field(default_factory=list)
    continuations: list[str] = field(default_factory=list)  # jump markers: （下转第3版）
    shown_headline: str | None = None  # an outlined headline's text as printed (its
    # ``headline`` is "": the PDF holds no text for it); what a scan shows

    @property
    def paragraphs(self) -> list[str]:
        return [t for r, t in self.blocks if r == "paragraph"]

    @property
    def subheads(self) -> list[str]:
        return [t for r, t in self.blocks if r == "subhead"]


@dataclass
class TruthPage:
    articles: list[TruthArticle]
    captions: list[TruthCaption] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)


def truth_to_dict(page: TruthPage) -> dict[str, Any]:
    data = asdict(page)
    for article in data["articles"]:
        article["blocks"] = [list(b) for b in article["blocks"]]
    return data


def truth_from_dict(data: dict[str, Any]) -> TruthPage:
    def caption(d: dict[str, Any]) -> TruthCaption:
        return TruthCaption(d["text"], d.get("credit"))

    articles = [
        TruthArticle(
            headline=a["headline"],
            kicker=a.get("kicker"),
            subtitle=a.get("subtitle"),
            bylines=list(a.get("bylines", [])),
            blocks=[(r, t) for r, t in a.get("blocks", [])],
            captions=[caption(c) for c in a.get("captions", [])],
            continuations=list(a.get("continuations", [])),
            shown_headline=a.get("shown_headline"),
        )
        for a in data["articles"]
    ]
    return TruthPage(
        articles=articles,
        captions=[caption(c) for c in data.get("captions", [])],
        furniture=list(data.get("furniture", [])),
    )


@dataclass
class Score:
    pages: int = 0
    articles_total: int = 0
    articles_found: int = 0
    articles_predicted: int = 0
    headlines_exact: int = 0
    groups_exact: int = 0  # kicker, headline and subtitle all right (absent ones absent)
    shown_total: int = 0  # articles whose headline is text (not outlined: a text dump of
    # the page holds none of an outlined one, so its group seldom comes out right there)
    shown_exact: int = 0  # of them, groups exact
    kickers_total: int = 0
    kickers_exact: int = 0
    subtitles_total: int = 0
    subtitles_exact: int = 0
    bylines_total: int = 0
    bylines_exact: int = 0
    paragraphs_total: int = 0
    paragraphs_exact: int = 0
    subheads_total: int = 0
    subheads_exact: int = 0
    captions_total: int = 0
    captions_exact: int = 0
    continuations_total: int = 0
    continuations_exact: int = 0
    furniture_leaks: int = 0
    doubled_or_junk: int = 0
    presentation_forms: int = 0  # vertical forms (︐ ︵ …) left in the page's JSON
    failures: list[str] = field(default_factory=list)

    def __add__(self, other: Score) -> Score:
        out = Score()
        for f in fields(Score):
            setattr(out, f.name, getattr(self, f.name) + getattr(other, f.name))
        return out

    def ratio(self, name: str) -> float:
        """``ratio("paragraphs")`` = paragraphs_exact / paragraphs_total (1.0 when none)."""
        totals = {"articles": (self.articles_found, self.articles_total),
                  "headlines": (self.headlines_exact, self.articles_total),
                  "groups": (self.groups_exact, self.articles_total),
                  "shown": (self.shown_exact, self.shown_total)}
        found, total = totals.get(name) or (
            getattr(self, f"{name}_exact"), getattr(self, f"{name}_total"))
        return 1.0 if total == 0 else found / total

    def __str__(self) -> str:
        parts = [f"pages {self.pages}"]
        for name in ("articles", "headlines", "kickers", "subtitles", "bylines",
                     "paragraphs", "subheads", "captions"):
            total = self.articles_total if name in ("articles", "headlines") else getattr(
                self, f"{name}_total")
            found = round(self.ratio(name) * total) if total else 0
            parts.append(f"{name} {found}/{total} ({self.ratio(name):.1%})")
        parts.append(f"furniture leaks {self.furniture_leaks}")
        parts.append(f"junk {self.doubled_or_junk}")
        parts.append(f"presentation forms {self.presentation_forms}")
        return " | ".join(parts)


def _article_paragraph_texts(article: Article) -> list[str]:
    return [norm(b.text) for b in article.blocks if b.role is Role.PARAGRAPH and b.text]


def _article_text(article: Article) -> str:
    return "".join(norm(b.text) for b in article.blocks if b.text)


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _match_articles(truth: list[TruthArticle], predicted: list[Article]) -> list[Article | None]:
    """Each truth article's predicted partner: same headline first, else most shared text."""
    matched: list[Article | None] = [None] * len(truth)
    used: set[int] = set()
    for i, t in enumerate(truth):
        if not norm(t.headline):  # outlined headline: no text to match by
            continue
        for j, p in enumerate(predicted):
            if j not in used and norm(p.headline) == norm(t.headline):
                matched[i] = p
                used.add(j)
                break
    for i, t in enumerate(truth):
        if matched[i] is not None:
            continue
        want = _bigrams("".join(norm(x) for _, x in t.blocks))
        best, best_j = 0.0, None
        for j, p in enumerate(predicted):
            if j in used or not want:
                continue
            overlap = len(want & _bigrams(_article_text(p))) / len(want)
            if overlap > best:
                best, best_j = overlap, j
        if best_j is not None and best >= 0.5:
            matched[i] = predicted[best_j]
            used.add(best_j)
    return matched


def _caption_ok(truth: TruthCaption, blocks: Sequence[Block]) -> bool:
    want_text, want_credit = norm(truth.text), norm(truth.credit)
    for b in blocks:
        if b.role is not Role.CAPTION:
            continue
        text, credit = norm(b.text), norm(b.credit)
        if text == want_text and credit == want_credit:
            return True
        if not credit and text == want_text + want_credit:
            return True
    return False


def doubled_run(text: str, pairs_needed: int = 4) -> bool:
    """True when ``text`` holds a run of doubled CJK characters (民民兵兵…), as fake bold gives."""
    pairs = i = 0
    while i + 1 < len(text):
        if text[i] == text[i + 1] and _CJK.match(text[i]):
            pairs += 1
            if pairs >= pairs_needed:
                return True
            i += 2
        else:
            pairs = 0
            i += 1
    return False


def _all_texts(page: Page) -> list[str]:
    texts: list[str] = []
    for a in page.articles:
        texts += [a.headline or "", a.kicker or "", a.subtitle or "", a.dateline or ""]
        texts += list(a.bylines)
        texts += [b.text or "" for b in a.blocks] + [b.credit or "" for b in a.blocks]
    texts += [b.text or "" for b in page.blocks] + [b.text or "" for b in page.furniture]
    return texts


def score_page(truth: TruthPage, page: Page) -> Score:
    s = Score(pages=1, articles_total=len(truth.articles), articles_predicted=len(page.articles))
    matched = _match_articles(truth.articles, list(page.articles))
    for t, p in zip(truth.articles, matched, strict=True):
        shown = bool(norm(t.headline))
        s.shown_total += shown
        s.kickers_total += t.kicker is not None
        s.subtitles_total += t.subtitle is not None
        s.bylines_total += bool(t.bylines)
        s.paragraphs_total += len(t.paragraphs)
        s.subheads_total += len(t.subheads)
        s.captions_total += len(t.captions)
        s.continuations_total += len(t.continuations)
        if p is None:
            s.failures.append(f"article not found: {t.headline}")
            continue
        s.articles_found += 1
        head_ok = norm(p.headline) == norm(t.headline)
        if head_ok:
            s.headlines_exact += 1
        else:
            s.failures.append(f"headline {norm(p.headline)!r} != {norm(t.headline)!r}")
        kicker_ok = norm(p.kicker) == norm(t.kicker)
        subtitle_ok = norm_subtitle(p.subtitle) == norm_subtitle(t.subtitle)
        if t.kicker is not None and kicker_ok:
            s.kickers_exact += 1
        if t.subtitle is not None and subtitle_ok:
            s.subtitles_exact += 1
        if head_ok and kicker_ok and subtitle_ok:
            s.groups_exact += 1
            s.shown_exact += shown
        else:
            s.failures.append(f"group {norm(p.kicker)!r}/{norm(p.headline)!r}/"
                              f"{norm(p.subtitle)!r} != {norm(t.kicker)!r}/"
                              f"{norm(t.headline)!r}/{norm(t.subtitle)!r}")
        if t.bylines:
            got = norm("".join(p.bylines))
            if all(norm(name) in got for name in t.bylines):
                s.bylines_exact += 1
            else:
                s.failures.append(f"bylines {list(p.bylines)} lack one of {t.bylines}")
        got_paragraphs = _article_paragraph_texts(p)
        if p.dateline and got_paragraphs:
            got_paragraphs.append(norm(p.dateline) + got_paragraphs[0])
        got_set = set(got_paragraphs)
        for text in t.paragraphs:
            if norm(text) in got_set:
                s.paragraphs_exact += 1
            else:
                s.failures.append(f"paragraph lost: {norm(text)[:30]}…")
        got_subheads = {norm(b.text) for b in p.blocks if b.role is Role.SUBHEAD}
        s.subheads_exact += sum(norm(x) in got_subheads for x in t.subheads)
        all_blocks = list(p.blocks) + list(page.blocks)
        for c in t.captions:
            if _caption_ok(c, all_blocks):
                s.captions_exact += 1
            else:
                s.failures.append(f"caption lost: {norm(c.text)[:24]}… / {norm(c.credit)}")
        got_markers = [norm(m) for m in p.continuations]
        for marker in t.continuations:
            if norm(marker) in got_markers:
                s.continuations_exact += 1
                got_markers.remove(norm(marker))
            else:
                s.failures.append(f"continuation lost: {norm(marker)}")
    s.captions_total += len(truth.captions)
    every_block = list(page.blocks) + [b for a in page.articles for b in a.blocks]
    for c in truth.captions:
        if _caption_ok(c, every_block):
            s.captions_exact += 1
        else:
            s.failures.append(f"caption lost: {norm(c.text)[:24]}… / {norm(c.credit)}")
    article_text = "".join(
        norm(b.text) for a in page.articles for b in a.blocks if b.role is not Role.CAPTION)
    s.furniture_leaks = sum(1 for f in truth.furniture if norm(f) and norm(f) in article_text)
    s.doubled_or_junk = sum(1 for t in _all_texts(page) if "\ufffd" in t or doubled_run(t))
    truth_gaps = sum(len(_CJK_GAP.findall(x)) for x in _truth_texts(truth))
    s.doubled_or_junk += max(0, sum(len(_CJK_GAP.findall(x)) for x in _running_texts(page))
                             - truth_gaps)
    s.presentation_forms = presentation_forms(page)
    if s.presentation_forms:
        s.failures.append(f"presentation forms left: {s.presentation_forms}")
    return s


_PRESENTATION_FORM = re.compile("[\ufe10-\ufe19\ufe30-\ufe4f]")


def presentation_forms(page: Page) -> int:
    """How many vertical presentation forms (U+FE10–FE19, U+FE30–FE4F) the page's
    structure JSON holds, in any field: the text must carry their plain forms."""
    return len(_PRESENTATION_FORM.findall(
        json.dumps(page_to_dict(page), ensure_ascii=False)))


_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff])[ \t]+(?=[\u3400-\u9fff])")


def _truth_texts(truth: TruthPage) -> list[str]:
    """Headline groups, paragraphs and subheads: text where a space between CJK is junk."""
    texts: list[str] = []
    for a in truth.articles:
        texts += [a.headline, a.kicker or "", a.subtitle or ""] + [t for _, t in a.blocks]
    return texts


def _running_texts(page: Page) -> list[str]:
    texts: list[str] = []
    for a in page.articles:
        # a dateline's credit（记者 姬慧洋）keeps its spaces, as a byline does
        dateline = re.sub(r"[（(][^）)]*[）)]", "", a.dateline or "")
        texts += [a.headline or "", a.kicker or "", a.subtitle or "", dateline]
        texts += [b.text or "" for b in a.blocks if b.role in (Role.PARAGRAPH, Role.SUBHEAD)]
    return texts


def score_pages(truth: Sequence[TruthPage], predicted: Sequence[Page]) -> Score:
    """Sum of :func:`score_page` over pages paired in order; missing pages score zero."""
    total = Score()
    for i, t in enumerate(truth):
        page = predicted[i] if i < len(predicted) else Page(number=i + 1)
        total = total + score_page(t, page)
    return total


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between ``a`` and ``b`` (insertions, deletions, substitutions
    cost 1), a row at a time with numpy."""
    import numpy as np

    if not a or not b:
        return len(a) + len(b)
    codes_b = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    steps = np.arange(len(b) + 1)
    prev = steps.copy()
    for i, ch in enumerate(a, 1):
        cost = (codes_b != ord(ch)).astype(np.int64)
        best = np.empty_like(prev)
        best[0] = i
        best[1:] = np.minimum(prev[1:] + 1, prev[:-1] + cost)
        # an insertion run: cur[j] = min over k <= j of best[k] + (j - k)
        prev = np.minimum.accumulate(best - steps) + steps
    return int(prev[-1])


def body_errors(truth: TruthPage, page: Page) -> tuple[int, int]:
    """Character errors in the body text (paragraphs and subheads, whitespace removed):
    (edits, truth characters), each truth article against its matched article (an
    article not found: all its characters missing), so the order of articles on the page
    does not count here."""
    matched = _match_articles(truth.articles, list(page.articles))
    edits = length = 0
    for t, p in zip(truth.articles, matched, strict=True):
        want = "".join(norm(x) for _, x in t.blocks)
        got = "" if p is None else "".join(
            norm(b.text) for b in p.blocks if b.role in (Role.PARAGRAPH, Role.SUBHEAD))
        if p is not None and p.dateline:
            got = norm(p.dateline) + got
        edits += edit_distance(want, got)
        length += len(want)
    return edits, length


def article_order(truth: TruthPage, page: Page) -> list[int]:
    """The truth articles (their indexes) in the order ``page`` gives their matches."""
    matched = _match_articles(truth.articles, list(page.articles))
    at = {id(p): k for k, p in enumerate(page.articles)}
    found = [(at[id(p)], i) for i, p in enumerate(matched) if p is not None]
    return [i for _, i in sorted(found)]


def timed_page(read: Callable[[Path, Settings], Issue], path: Path, settings: Settings,
               what: str) -> tuple[Page, float]:
    """The first page of ``read(path, settings)`` and the seconds it took; an empty page
    when it raises (a crash is a figure too: the page scores nothing), printed as
    ``{what} failed: ...``."""
    start = time.perf_counter()
    try:
        page = read(path, settings).pages[0]
    except Exception as exc:  # noqa: BLE001 - any crash scores nothing, and is said
        print(f"{what} failed: {exc!r}")
        page = Page(number=1)
    return page, time.perf_counter() - start
