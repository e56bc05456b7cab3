"""The commands: one function per subcommand, from parsed arguments to an exit code.

Takes the parsed arguments of one command; reads, renders and writes through the library
(outputs staged by :func:`layout.fileio.staged_outputs`, so they appear together or not at
all) and returns an :class:`~layout.errors.ExitCode`: OK, or PARTIAL when pages or issues
were skipped or failed (each said in one line on stderr). Errors propagate as
:class:`~layout.errors.LayoutError` for :func:`layout.cli.main.main` to map.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from layout.background import written_in_background
from layout.cli.options import checked_outputs, metadata_of, render_options, settings_for
from layout.errors import ExitCode, UsageError
from layout.fileio import STDOUT, is_stdout, refuse_overwriting_inputs, staged_outputs
from layout.model import Issue, write_issue_json
from layout.pipeline import read_issue
from layout.progress import reporting_pages

log = logging.getLogger("layout")


def _finished(issue: Issue) -> ExitCode:
    """OK, or PARTIAL when pages were skipped (each was warned about as it happened)."""
    return ExitCode.PARTIAL if issue.skipped else ExitCode.OK


def _stdout() -> BinaryIO:
    return sys.stdout.buffer


def _log_read(issue: Issue) -> None:
    log.info("read %s: %d pages, %d articles", issue.source, len(issue.pages),
             sum(len(p.articles) for p in issue.pages))


PAGE_BAR_DELAY_S = 1.0  # the page bar shows only once a read has taken this long (OCR)


@contextmanager
def _page_bar(args: argparse.Namespace) -> Iterator[None]:
    """A progress bar of the pages read (done/total, rate, ETA) on stderr while the block
    runs: only when stderr is a terminal and without ``-q``, and only once the read takes
    over :data:`PAGE_BAR_DELAY_S` (text-layer pages are done before; OCR'd ones are not)."""
    if args.quiet:
        yield
        return
    from tqdm import tqdm

    totals: dict[Path, int] = {}
    with tqdm(unit="page", file=sys.stderr, disable=None, dynamic_ncols=True,
              delay=PAGE_BAR_DELAY_S, total=0) as bar:

        def on_page(path: Path, number: int, total: int) -> None:
            if totals.get(path) != total:
                totals[path] = total
                bar.total = sum(totals.values())
            bar.update(1)

        with reporting_pages(on_page):
            yield


def _cmd_analyze(args: argparse.Namespace) -> ExitCode:
    outputs = checked_outputs(args.inputs, args.output)
    settings = settings_for(args)
    with staged_outputs(outputs, _stdout()) as (stream,):
        with _page_bar(args):
            issue = read_issue(args.inputs, settings, metadata_of(args), jobs=args.jobs,
                               page_json=True)
        _log_read(issue)
        write_issue_json(issue, stream)
    log.info("wrote %s", ", ".join(outputs))
    return _finished(issue)


def _cmd_convert(args: argparse.Namespace) -> ExitCode:
    options = render_options(args)  # validate options before any work
    settings = settings_for(args)
    also = []
    if args.also:
        from layout.export import parse_formats
        from layout.export.write import beside

        also = parse_formats(args.also)
        if is_stdout(args.output):
            raise UsageError("--also writes beside OUT.pdf; give a file name, not -")
        refuse_overwriting_inputs(args.inputs, [beside(Path(args.output), f) for f in also])
    outputs = checked_outputs(args.inputs, args.output, args.json)

    def preload() -> None:
        from layout.render.pdf import preload_fonts

        preload_fonts(options)

    with staged_outputs(outputs, _stdout()) as streams:
        if also:
            from layout.export.sources import read_issue_source

            with _page_bar(args):
                source = read_issue_source(args.inputs, settings, metadata_of(args),
                                           jobs=args.jobs)
            issue = source.issue
        else:  # with --jobs, the renderer is imported and the fonts parsed while the
            # workers read the pages
            with _page_bar(args):
                issue = read_issue(args.inputs, settings, metadata_of(args), jobs=args.jobs,
                                   while_waiting=preload, page_json=bool(args.json))
        _log_read(issue)
        from layout.render.pdf import render_issues

        if args.json:  # with --jobs, written by another process while the PDF is built
            with written_in_background(lambda stream: write_issue_json(issue, stream),
                                       streams[1], enabled=args.jobs > 1):
                render_issues([issue], streams[0], options, settings, args.jobs,
                              read_here=args.jobs == 1)
        else:
            render_issues([issue], streams[0], options, settings, args.jobs,
                          read_here=args.jobs == 1)
    log.info("wrote %s", ", ".join(outputs))
    if also:
        from layout.export import ExportOptions
        from layout.export.write import export_beside

        export_beside(source, also, Path(args.output),
                      ExportOptions(writing_mode=args.writing_mode))
    return _finished(issue)


def _cmd_export(args: argparse.Namespace) -> ExitCode:
    from layout.export import ExportOptions, export, export_text
    from layout.export.sources import read_issue_source

    options = ExportOptions(writing_mode=args.writing_mode, embed_fonts=args.embed_fonts)
    to_stdout = str(args.output) == "-"
    if to_stdout and args.format not in ("txt", "md"):
        raise UsageError(f"-o -: only txt and md go to stdout, not {args.format}")
    refuse_overwriting_inputs(args.inputs, [args.output])
    settings = settings_for(args)
    with _page_bar(args):
        sources = [read_issue_source([path], settings, metadata_of(args), jobs=args.jobs)
                   for path in args.inputs]
    if to_stdout:
        sys.stdout.write(export_text(sources, args.format))
    else:
        written = export(sources, args.format, args.output, options)
        log.info("wrote %d file(s) under %s", len(written), args.output)
    return ExitCode.OK


def _cmd_batch(args: argparse.Namespace) -> ExitCode:
    from layout.batch import BATCH_FORMATS, run_batch
    from layout.export import parse_formats

    if is_stdout(args.output):
        raise UsageError(f"batch -o {STDOUT}: batch writes a folder; give a folder name")
    options = render_options(args)
    formats = parse_formats(args.formats, BATCH_FORMATS)
    bar = None
    if not args.quiet:
        from tqdm import tqdm

        bar = tqdm(unit="issue", file=sys.stderr, disable=None, dynamic_ncols=True)
    failed = 0

    def on_start(total: int) -> None:
        if bar is not None:
            bar.reset(total=total)

    def on_result(result, done: int, total: int) -> None:
        nonlocal failed
        failed += result.status == "failed"
        if bar is not None:
            bar.set_postfix(failed=failed, refresh=False)
            bar.update(1)

    report = None
    try:
        report = run_batch(args.input_dir, args.output, options, settings_for(args),
                           jobs=args.jobs, executor=args.executor, scheduler=args.scheduler,
                           on_result=on_result, formats=formats, force=args.force,
                           retry_failed=args.retry_failed,
                           on_start=on_start)
    finally:
        if bar is not None:
            bar.close()
    return _batch_summary(report, args)


def _batch_summary(report, args: argparse.Namespace) -> ExitCode:
    """One line per failed or partial issue, then the counts; the exit code."""
    for result in report.results:
        if result.status == "failed":
            again = " (failed before, input unchanged: not retried)" if result.failed_before \
                else ""
            print(f"layout: failed: {result.error}{again}", file=sys.stderr)
        elif result.status == "partial":
            print(f"layout: partial: {result.source}: " + "; ".join(result.skipped_pages),
                  file=sys.stderr)
    if not args.quiet:
        counts = {s: report.count(s) for s in ("ok", "partial", "skipped", "failed")}
        before = sum(1 for r in report.results if r.failed_before)
        again = f" ({before} failed before, not retried: --retry-failed)" if before else ""
        print(f"layout: {counts['ok']} converted, {counts['partial']} partial, "
              f"{counts['skipped']} up to date (skipped), {counts['failed']} failed{again}; "
              f"report in {args.output / 'batch-report.json'}", file=sys.stderr)
    if report.failures and not report.successes:
        return ExitCode.BAD_INPUT
    return ExitCode.PARTIAL if report.failures or report.count("partial") else ExitCode.OK


def _cmd_archive(args: argparse.Namespace) -> ExitCode:
    from layout.archive import build_archive

    options = render_options(args)
    outputs = checked_outputs(args.inputs, args.output)
    with staged_outputs(outputs, _stdout()) as (stream,):
        result = build_archive(args.inputs, stream, options, settings_for(args),
                               strict=args.strict)
    for failure in result.failures:
        print(f"layout: left out: {failure}", file=sys.stderr)
    if not args.quiet:
        print(f"layout: {result.issues} issue(s) in {args.output}, "
              f"{len(result.failures)} left out", file=sys.stderr)
    return ExitCode.PARTIAL if result.failures else ExitCode.OK


def _cmd_inspect(args: argparse.Namespace) -> ExitCode:
    from layout.inspect import draw_overlay

    outputs = checked_outputs([args.input], args.output)
    settings = settings_for(args)
    with staged_outputs(outputs, _stdout()) as (stream,):
        image = draw_overlay(args.input, args.page, settings)
        image.save(stream, format="PNG")
    return ExitCode.OK


COMMANDS = {
    "convert": _cmd_convert,
    "analyze": _cmd_analyze,
    "batch": _cmd_batch,
    "archive": _cmd_archive,
    "inspect": _cmd_inspect,
    "export": _cmd_export,
}
