"""Accuracy of the PDF front end on synthetic e-paper pages (benchmark, not a test).

Generates pages with ``tests.synth.epaper`` for a seed range, analyses each with
``layout.analysis.pdf.page.analyze_pdf`` and prints the shared scorer's ratios
(articles found, headlines/paragraphs/captions exact, furniture leaks, junk).

    python benchmarks/pdf_accuracy.py --seeds 0-39
    python benchmarks/pdf_accuracy.py --seeds 1000-1039 --split holdout   # held out
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from layout.analysis.pdf.page import analyze_pdf  # noqa: E402
from tests.synth.epaper import random_page_spec, render_page  # noqa: E402
from tests.synth.scoring import (  # noqa: E402
    Score,
    score_page,
    truth_from_dict,
    truth_to_dict,
)


def seed_range(text: str) -> list[int]:
    lo, _, hi = text.partition("-")
    return list(range(int(lo), int(hi or lo) + 1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="0-39", help="seed range LO-HI (inclusive)")
    parser.add_argument("--split", choices=("tune", "holdout"),
                        help="draw faces and articles from one half only (generator's split)")
    parser.add_argument("--failures", action="store_true", help="print each page's failures")
    parser.add_argument("--keep", type=Path, help="keep the generated PDFs (and truth) here")
    parser.add_argument("--reuse", action="store_true",
                        help="with --keep: score pages already kept there instead of drawing")
    args = parser.parse_args(argv)
    total = Score()
    elapsed = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for seed in seed_range(args.seeds):
            path = folder / f"page-{seed}.pdf"
            truth_path = path.with_suffix(".json")
            if args.reuse and path.exists() and truth_path.exists():
                truth = truth_from_dict(json.loads(truth_path.read_text(encoding="utf-8")))
            else:
                truth = render_page(random_page_spec(seed, split=args.split), path)
                truth_path.write_text(json.dumps(truth_to_dict(truth), ensure_ascii=False),
                                      encoding="utf-8")
            start = time.perf_counter()
            issue = analyze_pdf(path)
            elapsed += time.perf_counter() - start
            score = score_page(truth, issue.pages[0])
            total = total + score
            if args.failures and (score.failures or score.furniture_leaks
                                  or score.doubled_or_junk):
                print(f"seed {seed}: leaks {score.furniture_leaks} junk "
                      f"{score.doubled_or_junk}")
                for failure in score.failures:
                    print("   ", failure)
    print(total, f"| continuations {total.continuations_exact}/{total.continuations_total}")
    for name in ("articles", "headlines", "paragraphs", "captions", "kickers", "subtitles",
                 "bylines", "subheads", "continuations"):
        print(f"{name:>10}: {total.ratio(name):.1%}")
    print(f"analysis time: {elapsed:.1f} s for {total.pages} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
