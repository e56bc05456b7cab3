"""The nothing-lost oracle: every content character of a page in the analysis output once.

Takes an analysed :class:`layout.model.Page` and what the page holds — the characters the
PDF shows (:func:`shown_characters`: its glyphs after ``clean_glyphs``, for pages whose
plan we do not keep) or those a page plan prints (:func:`printed_characters`) — and returns
the characters missing from the output and those it has too often (:func:`balance`).
Whitespace is ignored.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from layout.model import Page
from tests.synth.plan import ArticlePlan, PagePlan, PhotoSlot


def page_texts(page: Page) -> list[str]:
    """Every text of an analysed page: headline groups, bylines, markers, blocks, furniture."""
    texts: list[str] = []
    for a in page.articles:
        texts += [a.headline or "", a.kicker or "", a.subtitle or "", a.dateline or ""]
        texts += [*own_bylines(a.bylines, a.dateline or ""), *a.continuations]
        texts += [(b.text or "") + (b.credit or "") for b in a.blocks]
    texts += [(b.text or "") + (b.credit or "") for b in page.blocks]
    texts += [b.text or "" for b in page.furniture]
    return texts


def own_bylines(bylines: tuple[str, ...], dateline: str) -> list[str]:
    """Bylines that are not copies of the names in the dateline: the names of 本报讯（记者
    张三）are the article's authors, so the analysis lists them as a byline as well."""
    inside = "".join(dateline.split())
    return [b for b in bylines if "".join(b.split()) not in inside]


def _count(texts: list[str]) -> Counter[str]:
    return Counter(ch for t in texts for ch in t if not ch.isspace())


def shown_characters(path: Path) -> Counter[str]:
    """The visible characters of the first page of the PDF at ``path`` (vertical
    presentation forms counted as the plain marks they stand for)."""
    from layout.analysis.pdf.chars import clean_glyphs
    from layout.clean import plain_forms
    from layout.ingest.pdf import read_pdf

    raw = next(read_pdf(path))
    return Counter(plain_forms(g.text) for g in clean_glyphs(raw.glyphs)
                   if not g.text.isspace())


def printed_characters(plan: PagePlan) -> Counter[str]:
    """The characters ``plan`` prints as text (outlined headlines are shapes, not text)."""
    texts = list(plan.furniture())
    for band in plan.bands:
        for s in band.slots:
            photos = s.photos
            if isinstance(s, ArticlePlan):
                texts += [s.kicker or "", s.subtitle or "", *(b.text for b in s.bylines)]
                texts += [] if s.head_outlined else list(s.headline)
                texts += [t for _, t in s.blocks]
            elif not isinstance(s, PhotoSlot):
                continue
            texts += [p.caption + p.credit for p in photos]
    return _count(texts)


def read_by_ocr(want: Counter[str], truth, page: Page) -> Counter[str]:
    """``want`` with the characters of the headlines drawn as outlines when the analysis
    OCR'd them (``page.ocr_regions``, ``--ocr auto`` with the extra): the page shows them."""
    if not page.ocr_regions:
        return want
    return want + _count([a.shown_headline for a in truth.articles if a.shown_headline])


def balance(want: Counter[str], page: Page) -> tuple[Counter[str], Counter[str]]:
    """(missing, extra): characters of ``want`` the output lacks, and those it has too often."""
    got = _count(page_texts(page))
    return want - got, got - want
