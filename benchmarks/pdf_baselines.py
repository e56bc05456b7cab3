"""Baseline table: how well common PDF text extractors keep an e-paper page's structure.

Takes a seed range; generates synthetic e-paper pages with ``tests.synth.epaper`` (known
structure), extracts each page with pdftotext, pdfminer.six, PyMuPDF (``sort=True``),
pdfplumber's ``extract_text`` and ours (``layout.analysis.pdf.page.analyze_pdf``), and prints
one row per tool: the share of truth paragraphs, headlines and captions found intact (the
whitespace-free text occurs unbroken in the tool's whitespace-free output), pages whose
output holds fake-bold doubled runs or U+FFFD, and seconds per page. Ours is also scored
with the shared scorer (paragraphs exact as blocks of the right article, etc.). A tool that
is not installed is reported as "n/a"; ours as "not available" until it exists.

    /work/venv/bin/python benchmarks/pdf_baselines.py --seeds 1000-1039
    /work/venv/bin/python benchmarks/pdf_baselines.py --seeds 1000-1039 --split holdout
    /work/venv/bin/python benchmarks/pdf_baselines.py --seeds 1000-1039 --keep /tmp/pages
"""

from __future__ import annotations

import argparse
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.synth.epaper import random_page_spec, render_page  # noqa: E402
from tests.synth.scoring import Score, TruthPage, doubled_run, score_page  # noqa: E402

_WS = re.compile(r"\s+")
Extractor = Callable[[Path], str]


def norm(text: str | None) -> str:
    return _WS.sub("", text or "")


def seed_range(text: str) -> list[int]:
    lo, _, hi = text.partition("-")
    return list(range(int(lo), int(hi or lo) + 1))


# --- extractors: each returns the page's text, or raises ImportError when not installed ---

def pdftotext_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        raise ImportError("pdftotext not installed (poppler-utils)")
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          check=True)
    return done.stdout.decode("utf-8", "replace")


def pdfminer_text(path: Path) -> str:
    from pdfminer.high_level import extract_text
    return extract_text(str(path))


def pymupdf_text(path: Path) -> str:
    import pymupdf
    with pymupdf.open(str(path)) as doc:
        return "\n".join(page.get_text("text", sort=True) for page in doc)


def pdfplumber_text(path: Path) -> str:
    import pdfplumber
    with pdfplumber.open(str(path)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def ours_analyzer() -> Callable[[Path], object] | None:
    """``analyze_pdf`` bound to the default settings, or None while it does not exist."""
    try:
        from layout.analysis.pdf.page import analyze_pdf
        from layout.settings import Settings
    except ImportError:
        return None
    settings = Settings()
    return lambda path: analyze_pdf(path, settings)


def page_text(page: object) -> str:
    """All text of one analysed page, articles and blocks in their reading order."""
    parts: list[str] = []
    for article in page.articles:  # type: ignore[attr-defined]
        parts += [article.kicker or "", article.headline or "", article.subtitle or "",
                  *article.bylines, article.dateline or ""]
        parts += [(b.text or "") + (b.credit or "") for b in article.blocks]
    parts += [(b.text or "") + (b.credit or "") for b in page.blocks]  # type: ignore[attr-defined]
    parts += [b.text or "" for b in page.furniture]  # type: ignore[attr-defined]
    return "\n".join(parts)


# --- measurement ---

@dataclass
class Row:
    tool: str
    available: bool = True
    note: str = ""
    paragraphs: int = 0
    headlines: int = 0
    captions: int = 0
    junk_pages: int = 0
    errors: int = 0
    seconds: float = 0.0
    pages: int = 0
    score: Score = field(default_factory=Score)

    def add(self, truth: TruthPage, text: str) -> None:
        flat = norm(text)
        self.pages += 1
        self.paragraphs += sum(norm(p) in flat for a in truth.articles for p in a.paragraphs)
        self.headlines += sum(norm(a.headline) in flat for a in truth.articles)
        captions = [c for a in truth.articles for c in a.captions] + truth.captions
        self.captions += sum(norm(c.text) in flat for c in captions)
        self.junk_pages += "\ufffd" in text or doubled_run(flat)


def totals(truths: list[TruthPage]) -> tuple[int, int, int]:
    return (sum(len(a.paragraphs) for t in truths for a in t.articles),
            sum(len(t.articles) for t in truths),
            sum(len(a.captions) for t in truths for a in t.articles)
            + sum(len(t.captions) for t in truths))


def run_extractor(name: str, extract: Extractor, pages: list[tuple[Path, TruthPage]]) -> Row:
    row = Row(name)
    for path, truth in pages:
        start = time.perf_counter()
        try:
            text = extract(path)
        except ImportError as exc:
            return Row(name, available=False, note=str(exc))
        except Exception as exc:  # a baseline failing on a page is a result, not a crash
            row.errors += 1
            row.note = f"{type(exc).__name__}: {exc}"[:80]
            text = ""
        row.seconds += time.perf_counter() - start
        row.add(truth, text)
    return row


class PageTimeout(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise PageTimeout("page took too long")


def run_ours(pages: list[tuple[Path, TruthPage]], timeout: int) -> Row:
    analyze = ours_analyzer()
    if analyze is None:
        return Row("ours", available=False, note="not available")
    row = Row("ours (layout)")
    signal.signal(signal.SIGALRM, _alarm)
    for path, truth in pages:
        start = time.perf_counter()
        signal.alarm(timeout)
        try:
            issue = analyze(path)
            page = issue.pages[0]  # type: ignore[attr-defined]
        except Exception as exc:
            row.errors += 1
            row.note = f"{path.name}: {type(exc).__name__}: {exc}"[:100]
            row.pages += 1
            continue
        finally:
            signal.alarm(0)
        row.seconds += time.perf_counter() - start
        row.add(truth, page_text(page))
        row.score = row.score + score_page(truth, page)
    return row


def format_table(rows: list[Row], truths: list[TruthPage]) -> str:
    n_par, n_head, n_cap = totals(truths)

    def pct(k: int, n: int) -> str:
        return f"{k / n:6.1%}" if n else "   n/a"

    lines = [f"{len(truths)} pages: {n_par} paragraphs, {n_head} articles, {n_cap} captions",
             f"{'tool':<22} {'paragraphs':>10} {'headlines':>10} {'captions':>10} "
             f"{'junk pages':>10} {'s/page':>8}  note"]
    for r in rows:
        if not r.available:
            lines.append(f"{r.tool:<22} {'n/a':>10} {'n/a':>10} {'n/a':>10} {'n/a':>10} "
                         f"{'n/a':>8}  {r.note}")
            continue
        per_page = r.seconds / max(1, r.pages - r.errors)
        note = f"{r.errors} pages failed: {r.note}" if r.errors else ""
        lines.append(f"{r.tool:<22} {pct(r.paragraphs, n_par):>10} {pct(r.headlines, n_head):>10} "
                     f"{pct(r.captions, n_cap):>10} {r.junk_pages:>10} {per_page:>8.3f}  {note}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="1000-1039", help="seed range LO-HI (inclusive)")
    parser.add_argument("--keep", type=Path, help="keep the generated pages in this folder")
    parser.add_argument("--timeout", type=int, default=60, help="seconds per page for ours")
    parser.add_argument("--split", choices=("tune", "holdout"),
                        help="generator split (default: all faces, articles and sizes)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        pages = []
        for seed in seed_range(args.seeds):
            path = folder / f"page-{seed}.pdf"
            pages.append((path, render_page(random_page_spec(seed, split=args.split), path)))
        truths = [t for _, t in pages]
        rows = [run_extractor("pdftotext", pdftotext_text, pages),
                run_extractor("pdfminer.six", pdfminer_text, pages),
                run_extractor("PyMuPDF sort=True", pymupdf_text, pages),
                run_extractor("pdfplumber extract_text", pdfplumber_text, pages),
                run_ours(pages, args.timeout)]
    print("Intact = the whitespace-free truth text occurs unbroken in the tool's output.")
    print(format_table(rows, truths))
    ours = rows[-1]
    if ours.available:
        print(f"ours, shared scorer: {ours.score}")
    else:
        print("ours: not available (layout.analysis.pdf.page.analyze_pdf)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
