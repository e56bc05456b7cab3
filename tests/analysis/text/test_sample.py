"""The real sample page dump against its hand-made structure (../shared/corpus/text).

Compares with whitespace removed and a subtitle's leading dashes ignored, honouring
the expected file's ``kicker_or_subtitle`` flag (the label may be kicker or
subtitle) and ``optional_break`` paragraphs (merging with the paragraph before is
also right); a dateline may stay at the head of the first paragraph or move to
``dateline``, but its names must be in ``bylines``. Skips when ../shared is absent.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import pytest

from layout.analysis.text.dump import analyze_text_dump
from layout.model import Article, Page, Role
from layout.model.serialize import issue_to_dict
from layout.settings import Settings
from tests.shared_corpus import corpus_path

SAMPLE = corpus_path("text", "zhoukou-demo-zone-page.txt")
EXPECTED = corpus_path("text", "zhoukou-demo-zone-page.expected.json")

_WS = re.compile(r"\s+")
_DASHES = re.compile(r"^[—─\-–―]+")
_CJK = "[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’—…·]"
_CJK_SPACE = re.compile(f"{_CJK}\\s+{_CJK}")
_DOUBLED = re.compile(r"([\u3400-\u9fff])\1([\u3400-\u9fff])\2([\u3400-\u9fff])\3")


def norm(text: str | None) -> str:
    return _WS.sub("", text or "")


def norm_sub(text: str | None) -> str:
    return _DASHES.sub("", norm(text))


@dataclass
class SampleReport:
    """Counts per criterion of the acceptance list (found / total)."""

    counts: dict[str, list[int]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def add(self, name: str, ok: bool, what: str = "") -> None:
        found_total = self.counts.setdefault(name, [0, 0])
        found_total[0] += int(ok)
        found_total[1] += 1
        if not ok:
            self.failures.append(f"{name}: {what}")

    def ratio(self, name: str) -> float:
        found, total = self.counts.get(name, [0, 0])
        return 1.0 if total == 0 else found / total

    def __str__(self) -> str:
        return " | ".join(f"{k} {v[0]}/{v[1]}" for k, v in self.counts.items())


def _match(expected: dict[str, Any], articles: list[Article], used: set[int]) -> Article | None:
    for k, a in enumerate(articles):
        if k not in used and norm(a.headline) == norm(expected["headline"]):
            used.add(k)
            return a
    want = "".join(norm(b["text"]) for b in expected["blocks"])
    best, best_k = 0.0, None
    for k, a in enumerate(articles):
        got = "".join(norm(b.text) for b in a.blocks)
        pairs = {want[i:i + 2] for i in range(len(want) - 1)}
        share = len(pairs & {got[i:i + 2] for i in range(len(got) - 1)}) / max(1, len(pairs))
        if k not in used and share > best:
            best, best_k = share, k
    if best_k is not None and best >= 0.5:
        used.add(best_k)
        return articles[best_k]
    return None


def compare_sample(page: Page, expected: dict[str, Any]) -> SampleReport:
    """Score one reconstructed page against the expected.json semantics."""
    report = SampleReport()
    used: set[int] = set()
    articles = list(page.articles)
    for exp in expected["articles"]:
        got = _match(exp, articles, used)
        report.add("articles", got is not None, exp["headline"])
        if got is None:
            continue
        report.add("headlines", norm(got.headline) == norm(exp["headline"]),
                   f"{norm(got.headline)} != {exp['headline']}")
        if exp.get("kicker_or_subtitle"):
            label = norm_sub(exp["kicker"] or exp["subtitle"])
            ok = label in (norm(got.kicker), norm_sub(got.subtitle))
            other = norm(got.kicker) if label == norm_sub(got.subtitle) else norm_sub(got.subtitle)
            report.add("kickers_subtitles", ok and not other, f"label {label}")
        else:
            report.add("kickers_subtitles",
                       norm(got.kicker) == norm(exp["kicker"])
                       and norm_sub(got.subtitle) == norm_sub(exp["subtitle"]),
                       f"{got.kicker}/{got.subtitle} != {exp['kicker']}/{exp['subtitle']}")
        names = norm("".join(got.bylines))
        report.add("bylines", all(norm(n) in names for n in exp["bylines"]),
                   f"{got.bylines} lacks {exp['bylines']}")
        paragraphs = [norm(b.text) for b in got.blocks if b.role is Role.PARAGRAPH]
        if got.dateline and paragraphs:
            paragraphs[0] = norm(got.dateline) + paragraphs[0]
        have = set(paragraphs)
        exp_paras = [b for b in exp["blocks"] if b["role"] == "paragraph"]
        for k, para in enumerate(exp_paras):
            text = norm(para["text"])
            merged_with_prev = k > 0 and para.get("optional_break") and (
                norm(exp_paras[k - 1]["text"]) + text in have)
            nxt = exp_paras[k + 1] if k + 1 < len(exp_paras) else None
            merged_with_next = nxt is not None and nxt.get("optional_break") and (
                text + norm(nxt["text"]) in have)
            report.add("paragraphs", text in have or bool(merged_with_prev or merged_with_next),
                       text[:30])
        subheads = {norm(b.text) for b in got.blocks if b.role is Role.SUBHEAD}
        for block in exp["blocks"]:
            if block["role"] == "subhead":
                report.add("subheads", norm(block["text"]) in subheads, block["text"])
    every = list(page.blocks) + [b for a in articles for b in a.blocks]
    captions = [(norm(b.text), norm(b.credit)) for b in every if b.role is Role.CAPTION]
    for cap in expected.get("captions", []):
        text, credit = norm(cap["text"]), norm(cap.get("credit"))
        report.add("captions", (text, credit) in captions, cap["text"])
    return report


def junk_problems(issue_dict: dict[str, Any]) -> list[str]:
    """U+FFFD or doubled runs anywhere; spaces between CJK chars in paragraphs/captions."""
    problems: list[str] = []
    dumped = json.dumps(issue_dict, ensure_ascii=False)
    if "\ufffd" in dumped:
        problems.append("U+FFFD in the JSON")
    problems += [f"doubled run {m.group(0)}" for m in _DOUBLED.finditer(dumped)]
    for page in issue_dict["pages"]:
        blocks = page["blocks"] + [b for a in page["articles"] for b in a["blocks"]]
        for block in blocks:
            if block["role"] in ("paragraph", "caption") and _CJK_SPACE.search(
                    block.get("text") or ""):
                problems.append(f"CJK space in {block['text'][:20]}")
    return problems


@pytest.fixture(scope="module")
def sample() -> tuple[Page, dict[str, Any], dict[str, Any]]:
    if SAMPLE is None or EXPECTED is None:
        pytest.skip("../shared/corpus/text not available")
    issue = analyze_text_dump(SAMPLE.read_bytes(), str(SAMPLE), Settings())
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    return issue.pages[0], expected, issue_to_dict(issue)


def test_sample_structure_is_exact(sample: tuple[Page, dict[str, Any], dict[str, Any]]) -> None:
    page, expected, _ = sample
    report = compare_sample(page, expected)
    assert len(page.articles) == len(expected["articles"]), str(report)
    for name in ("articles", "headlines", "kickers_subtitles", "bylines", "subheads", "captions"):
        assert report.ratio(name) == 1.0, (name, report.failures)
    assert report.ratio("paragraphs") >= 0.95, report.failures


def test_sample_has_no_junk(sample: tuple[Page, dict[str, Any], dict[str, Any]]) -> None:
    _, _, issue_dict = sample
    assert junk_problems(issue_dict) == []


def test_sample_paragraphs_keep_their_text_exactly() -> None:
    """Whatever the paragraph splits, the body text of an article is the expected text."""
    if SAMPLE is None or EXPECTED is None:
        pytest.skip("../shared/corpus/text not available")
    issue = analyze_text_dump(SAMPLE.read_bytes(), str(SAMPLE), Settings())
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    got = {norm(a.headline): a for a in issue.pages[0].articles}
    for exp in expected["articles"]:
        article = got[norm(exp["headline"])]
        body = norm(article.dateline) + "".join(norm(b.text) for b in article.blocks
                                                if b.role in (Role.PARAGRAPH, Role.SUBHEAD))
        assert body == "".join(norm(b["text"]) for b in exp["blocks"])
