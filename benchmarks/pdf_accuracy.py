"""Accuracy of the PDF front end per composer and style family (benchmark, not a test).

Composes pages with ``tests.synth.compose`` (ReportLab, Typst, WeasyPrint; party, city and
feature families; ``--family vertical`` / ``vertical-tc`` / ``vertical-all``: vertical
(直排) pages in simplified / traditional Chinese, which only ReportLab sets) for a seed
range, analyses each with ``layout.analysis.pdf.page.analyze_pdf`` and prints one row per
composer × family:
articles found, headline groups exact (kicker + headline + subtitle all right), paragraphs
intact, bylines (every name found), captions, junk (U+FFFD, doubled runs, spaces between
CJK characters), forms (vertical presentation forms U+FE10–FE19, U+FE30–FE4F left anywhere
in the page's structure JSON: the text must hold plain marks) and characters lost / doubled
(the nothing-lost oracle). The worst row
(lowest of its ratios) is printed last: it is the acceptance figure. A page whose headlines
drawn as outlines were OCR'd (``--ocr auto`` with the OCR extra: the page's
``ocr_regions``) is scored against the text those headlines show, and their characters
count as the input's.

    python benchmarks/pdf_accuracy.py --composer all --family all --seeds 1000-1009 \\
        --split holdout --json figures.json
    python benchmarks/pdf_accuracy.py --composer typst --family city --seeds 0-4 --failures
    python benchmarks/pdf_accuracy.py --composer reportlab --family vertical-all \\
        --seeds 1000-1005 --split holdout

``--cache DIR`` keeps each composed page with its truth in DIR and reuses it on a rerun
(composing is most of the time on Typst and WeasyPrint pages).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from layout.analysis.pdf.page import analyze_pdf  # noqa: E402
from layout.settings import DEFAULT_SETTINGS, Settings  # noqa: E402
from tests.synth.compose import (  # noqa: E402
    ALL_FAMILIES,
    COMPOSERS,
    compose,
    compose_cached,
    families_named,
    supports,
)
from tests.synth.nothing_lost import balance, shown_characters  # noqa: E402
from tests.synth.scoring import Score, as_scanned, score_page, timed_page  # noqa: E402

RATIOS = ("articles", "groups", "paragraphs", "bylines", "captions")


def seed_range(text: str) -> list[int]:
    lo, _, hi = text.partition("-")
    return list(range(int(lo), int(hi or lo) + 1))


def measure(composer: str, family: str, seeds: list[int], split: str | None, folder: Path,
            failures: bool, settings: Settings = DEFAULT_SETTINGS,
            cache: Path | None = None) -> dict:
    """The figures of one composer × family over ``seeds``."""
    total = Score()
    lost = extra = pages_lost = 0
    compose_s = analyse_s = 0.0
    for seed in seeds:
        start = time.perf_counter()
        if cache is None:
            path = folder / f"{composer}-{family}-{seed}.pdf"
            page = compose(composer, seed, family, path, split)
        else:
            path, page = compose_cached(composer, seed, family, cache, split)
        compose_s += time.perf_counter() - start
        analysed, seconds = timed_page(analyze_pdf, path, settings,
                                       f"{composer} {family} seed {seed}: analysis")
        analyse_s += seconds
        truth = page.truth
        want = page.printed if page.printed is not None else shown_characters(path)
        if analysed.ocr_regions:  # headlines drawn as outlines were OCR'd (--ocr auto):
            truth = as_scanned(truth)  # the text they show is the input's too
            want = want + Counter(c for a in truth.articles if a.shown_headline
                                  for c in a.shown_headline if not c.isspace())
        score = score_page(truth, analysed)
        total = total + score
        missing, doubled = balance(want, analysed)
        lost += sum(missing.values())
        extra += sum(doubled.values())
        pages_lost += bool(missing or doubled)
        if failures and (score.failures or missing or doubled or score.doubled_or_junk):
            print(f"--- {composer} {family} seed {seed}: junk {score.doubled_or_junk}, "
                  f"forms {score.presentation_forms}, "
                  f"lost {dict(missing.most_common(8))}, doubled {dict(doubled.most_common(8))}")
            for failure in score.failures:
                print("   ", failure)
    row = {"composer": composer, "family": family, "pages": total.pages,
           **{name: round(total.ratio(name), 4) for name in RATIOS},
           "headlines": round(total.ratio("headlines"), 4),
           "kickers": round(total.ratio("kickers"), 4),
           "subtitles": round(total.ratio("subtitles"), 4),
           "subheads": round(total.ratio("subheads"), 4),
           "articles_total": total.articles_total, "paragraphs_total": total.paragraphs_total,
           "junk": total.doubled_or_junk, "presentation_forms": total.presentation_forms,
           "furniture_leaks": total.furniture_leaks,
           "chars_lost": lost, "chars_doubled": extra, "pages_losing": pages_lost,
           "compose_s": round(compose_s, 2), "analysis_s": round(analyse_s, 2)}
    row["worst"] = min(row[name] for name in RATIOS)
    return row


def _line(row: dict) -> str:
    ratios = "  ".join(f"{row[name]:>7.1%}" for name in RATIOS)
    return (f"{row['composer']:<10} {row['family']:<8} {row['pages']:>5}  {ratios}  "
            f"{row['junk']:>5} {row['presentation_forms']:>5} "
            f"{row['chars_lost']:>6} {row['chars_doubled']:>6}  "
            f"{row['compose_s']:>6.1f} {row['analysis_s']:>6.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--composer", choices=(*COMPOSERS, "all"), default="all")
    parser.add_argument("--family", default="all",
                        help=f"one of {', '.join(ALL_FAMILIES)}, a comma list, all "
                             "(the horizontal ones), vertical-all or every")
    parser.add_argument("--seeds", default="0-9", help="seed range LO-HI (inclusive)")
    parser.add_argument("--split", choices=("tune", "holdout"),
                        help="faces, articles and page sizes from one half only")
    parser.add_argument("--failures", action="store_true", help="print each page's failures")
    parser.add_argument("--keep", type=Path, help="keep the composed PDFs here")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--cache", type=Path,
                        help="reuse pages composed before in this folder (made when missing; "
                             "a change under tests/synth or fonts/ composes anew)")
    parser.add_argument("--reader", choices=("pdfium", "pdfplumber"), default="pdfium",
                        help="the PDF reader (as layout convert --reader)")
    args = parser.parse_args(argv)
    composers = COMPOSERS if args.composer == "all" else (args.composer,)
    try:
        families = families_named(args.family)
    except ValueError as exc:
        parser.error(str(exc))
    seeds = seed_range(args.seeds)
    settings = DEFAULT_SETTINGS.with_overrides(pdf={"reader": args.reader})
    rows = []
    header = (f"{'composer':<10} {'family':<8} {'pages':>5}  "
              + "  ".join(f"{n[:7]:>7}" for n in RATIOS)
              + f"  {'junk':>5} {'forms':>5} {'lost':>6} {'double':>6}  "
              + f"{'comp s':>6} {'anal s':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for composer in composers:
            for family in families:
                if not supports(composer, family):
                    print(f"{composer} {family}: not measured ({composer} cannot set "
                          "vertical text)")
                    continue
                rows.append(measure(composer, family, seeds, args.split, folder,
                                    args.failures, settings, args.cache))
    print(f"seeds {args.seeds}, split {args.split or 'all'}, reader {args.reader}; groups = "
          "kicker+headline+subtitle exact; forms = presentation forms left in the JSON; "
          "lost/double = characters (nothing-lost oracle)")
    print(header)
    for row in rows:
        print(_line(row))
    worst = min(rows, key=lambda r: (r["worst"], -r["chars_lost"] - r["chars_doubled"]
                                     - r["presentation_forms"]))
    print("worst:")
    print(_line(worst))
    if args.json:
        args.json.write_text(json.dumps({"seeds": args.seeds, "split": args.split,
                                         "rows": rows, "worst": worst}, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
