"""Command line: argv → stage calls → exit code. The only module that knows both.

Takes ``argv``; returns an :class:`~layout.errors.ExitCode`. Every error is one
line on stderr (a traceback only with ``-v``); data goes to files or stdout (``-o -``).
Outputs are checked before any work (never an input, never named twice) and written
together at the end (:func:`layout.fileio.staged_outputs`); SIGTERM and Ctrl-C remove
the temporary files and exit 143 / 130.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import signal
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from layout import __version__
from layout.errors import ExitCode, LayoutError, UsageError
from layout.fileio import (
    STDOUT,
    check_output_path,
    is_stdout,
    refuse_overwriting_inputs,
    staged_outputs,
)
from layout.ingest.readers import DEFAULT_READER, READERS
from layout.ingest.text import TextDecoding
from layout.model import Issue, write_issue_json
from layout.pipeline import IssueMetadata, read_issue
from layout.render.options import NAMED_PAGE_SIZES_MM, THEMES, WRITING_MODES, RenderOptions
from layout.settings import DEFAULT_SETTINGS, Settings

log = logging.getLogger("layout")

EXAMPLES = {
    "convert": """
        example:
          layout convert examples/zhoukou-demo-zone-page.txt -o page.pdf --json page.json
          layout convert issue-2024-01-15/ -o issue.pdf --page-size A5 --columns 1
          layout convert page.json -o page.pdf      # re-render an edited structure
        """,
    "analyze": """
        example:
          layout analyze page.pdf -o page.json
          layout analyze examples/zhoukou-demo-zone-page.txt -o - --date 2024-01-15
        """,
    "batch": """
        example:
          layout batch issues/ -o out/ --jobs 2
          layout batch issues/ -o out/ --executor dask --scheduler tcp://10.0.0.5:8786
        """,
    "archive": """
        example:
          layout archive 2024-01-15/ 2024-01-16/ -o january.pdf
        """,
    "inspect": """
        example:
          layout inspect page.pdf --page 1 -o overlay.png
        """,
    "export": """
        example:
          layout export page.pdf --format mets -o page-mets/     # METS + ALTO per page
          layout export 2024-01-15/ 2024-01-16/ --format epub -o january.epub
          layout export examples/zhoukou-demo-zone-page.txt --format md -o -
        """,
}


EXIT_CODES = """
        exit codes:
          0 ok; 1 bad arguments (also an output that is an input, a folder or named twice);
          2 unreadable or invalid input; 3 partial success (batch failures, skipped pages);
          4 an output cannot be written (nothing is left behind); 130 interrupted (Ctrl-C);
          143 terminated (SIGTERM)
        """


class Terminated(BaseException):
    """Raised by the SIGTERM handler, so cleanup runs as for Ctrl-C (not caught as an error)."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so one handler owns exit codes."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def iso_date(text: str) -> str:
    """``--date`` values: a real calendar date written YYYY-MM-DD."""
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO date (YYYY-MM-DD, e.g. 2024-01-15)") from None


def page_number(text: str) -> int:
    """``--page`` values: 1 or more."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a page number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{number}: pages are numbered from 1")
    return number


def _add_password(p: argparse.ArgumentParser) -> None:
    p.add_argument("--password", help="password of encrypted PDF inputs")


def _add_decoding(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("text dumps")
    g.add_argument("--encoding", metavar="NAME",
                   help="decode .txt dumps as NAME (e.g. gb18030) instead of detecting it")
    g.add_argument("--encoding-errors", choices=("strict", "replace"), default="strict",
                   help="strict (default): an undecodable byte is an error naming its offset; "
                   "replace: read on with U+FFFD and warn once")


def _add_metadata(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("issue metadata (wins over what analysis finds)")
    g.add_argument("--title", help="paper name, e.g. 周口日报")
    g.add_argument("--date", type=iso_date, help="issue date, YYYY-MM-DD")
    g.add_argument("--edition", help="edition / page label, e.g. 3 (第3版)")
    g.add_argument("--section", help="section name, e.g. 要闻")


def _add_limits(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("limits")
    g.add_argument("--max-pages", type=int, default=DEFAULT_SETTINGS.limits.max_pages,
                   metavar="N", help="refuse an input with more pages than this "
                   f"(default {DEFAULT_SETTINGS.limits.max_pages}; exit 2)")


def _finished(issue: Issue) -> ExitCode:
    """OK, or PARTIAL when pages were skipped (each was warned about as it happened)."""
    return ExitCode.PARTIAL if issue.skipped else ExitCode.OK


def _add_render(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("output PDF")
    g.add_argument("--page-size", default="A4",
                   help=f"{'|'.join(NAMED_PAGE_SIZES_MM)} or WxH in mm (default A4)")
    g.add_argument("--columns", type=int, choices=(1, 2), default=None,
                   help="text columns (default 1); with --writing-mode vertical: tiers (段), "
                   "by default two when one would make columns over "
                   f"{DEFAULT_SETTINGS.render.vertical_tier_em:g} characters long")
    g.add_argument("--theme", choices=THEMES, default="print",
                   help="print (default) or screen (larger type, narrow pages)")
    g.add_argument("--font-body", metavar="PATH", help="body face: TTF, OTF or TTC[#index]")
    g.add_argument("--font-head", metavar="PATH", help="headline face: TTF, OTF or TTC[#index]")
    g.add_argument("--system-fonts", action="store_true",
                   help="take characters no bundled (or given) face draws from installed fonts")
    g.add_argument("--no-toc", action="store_true", help="leave out the table of contents")
    g.add_argument("--writing-mode", choices=WRITING_MODES, default="horizontal",
                   help="horizontal (default) or vertical: 直排, columns top to bottom, "
                   "right to left (--columns 2: two tiers)")


def _add_reading(p: argparse.ArgumentParser, jobs: bool = False) -> None:
    g = p.add_argument_group("reading PDF pages")
    g.add_argument("--reader", choices=READERS, default=DEFAULT_READER,
                   help=f"PDF reader (default {DEFAULT_READER}; pdfplumber is slower)")
    g.add_argument("--ocr", choices=("auto", "always", "never"), default="auto",
                   help="OCR pages: auto (default: pages with no usable text layer), always, "
                   "never; needs the extra layout[ocr]")
    g.add_argument("--no-ocr-cache", action="store_true",
                   help="OCR again instead of reusing results kept from an earlier run")
    if jobs:
        g.add_argument("--jobs", type=int, default=1, metavar="N",
                       help="analyse the pages in N processes (default 1; same output)")


def _settings(args: argparse.Namespace) -> Settings:
    """Settings with the options of this run: PDF reader and password, text decoding."""
    encoding = getattr(args, "encoding", None)
    errors = getattr(args, "encoding_errors", "strict")
    TextDecoding(encoding, errors)  # an unknown encoding is a usage error, before any work
    limits = {"max_pages": args.max_pages} if hasattr(args, "max_pages") else {}
    ocr = {"mode": args.ocr, "cache": not args.no_ocr_cache} if hasattr(args, "ocr") else {}
    render = {"writing_mode": args.writing_mode} if hasattr(args, "writing_mode") else {}
    return DEFAULT_SETTINGS.with_overrides(
        pdf={"reader": getattr(args, "reader", DEFAULT_READER),
             "password": getattr(args, "password", None)},
        text={"encoding": encoding, "encoding_errors": errors}, limits=limits, ocr=ocr,
        render=render)


def _add_log_flags(p: argparse.ArgumentParser, dest_prefix: str) -> None:
    """-v/-q; the subcommands' copies keep their own names so that they never reset
    what was given before the subcommand (``layout -q batch …``)."""
    p.add_argument("-v", "--verbose", action="count", default=0, dest=f"{dest_prefix}verbose",
                   help="more log output; tracebacks on errors")
    p.add_argument("-q", "--quiet", action="store_true", dest=f"{dest_prefix}quiet",
                   help="errors only")


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    _add_log_flags(common, "sub_")

    parser = _Parser(
        prog="layout",
        description="Reconstruct Chinese newspaper pages (e-paper PDFs or text dumps) "
        "and republish them as clean, reflowed PDFs with embedded CJK fonts.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=textwrap.dedent(EXAMPLES["convert"]) + textwrap.dedent(EXIT_CODES),
    )
    _add_log_flags(parser, "")
    parser.add_argument("--version", action="version", version=f"layout {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name, help=help_text, description=help_text, parents=[common],
            formatter_class=argparse.RawDescriptionHelpFormatter,
            epilog=textwrap.dedent(EXAMPLES[name]) + textwrap.dedent(EXIT_CODES),
        )

    p = command("convert", "convert pages or dumps of one issue to a clean PDF")
    p.add_argument("inputs", nargs="+", type=Path, metavar="INPUT",
                   help=".pdf, .txt dump (pages split by form feed), an issue folder, "
                   "or a structure .json from analyze (e.g. hand-edited)")
    p.add_argument("-o", "--output", type=str, required=True, metavar="OUT.pdf",
                   help="output PDF, or - for stdout")
    p.add_argument("--json", type=str, metavar="OUT.json",
                   help="also write the structure (- for stdout)")
    p.add_argument("--also", metavar="FORMATS",
                   help="also export alto,mets,epub,txt,md beside OUT.pdf "
                   "(OUT-alto/, OUT-mets/, OUT.epub, OUT.txt, OUT.md)")
    _add_render(p)
    _add_metadata(p)
    _add_reading(p, jobs=True)
    _add_limits(p)
    _add_password(p)
    _add_decoding(p)

    p = command("analyze", "reconstruct the structure only, as JSON")
    p.add_argument("inputs", nargs="+", type=Path, metavar="INPUT")
    p.add_argument("-o", "--output", type=str, required=True, metavar="OUT.json",
                   help="output file, or - for stdout")
    _add_metadata(p)
    _add_reading(p, jobs=True)
    _add_limits(p)
    _add_password(p)
    _add_decoding(p)

    p = command("batch", "convert every issue in a folder (one PDF + JSON each)")
    p.add_argument("input_dir", type=Path, metavar="IN_DIR")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT_DIR")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="issues converted at once in worker processes (default: the cores; "
                   "with fewer issues than N, an issue's pages are spread over them)")
    p.add_argument("--executor", choices=("local", "dask"), default="local",
                   help="local processes (default) or a Dask cluster (one task per issue)")
    p.add_argument("--scheduler", metavar="ADDR",
                   help="Dask scheduler address, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--force", action="store_true",
                   help="redo every issue, also those the manifest says are up to date")
    p.add_argument("--retry-failed", action="store_true",
                   help="try again the issues that failed as bad input in an earlier run "
                   "(by default one whose input and settings are unchanged is reported "
                   "failed without a retry)")
    p.add_argument("--formats", default="pdf,json", metavar="LIST",
                   help="what to write per issue: pdf,json,alto,mets,epub,txt,md "
                   "(default pdf,json)")
    _add_render(p)
    _add_reading(p)
    _add_limits(p)
    _add_decoding(p)

    p = command("archive", "many issues -> one printable archive PDF")
    p.add_argument("inputs", nargs="+", type=Path, metavar="INPUT")
    p.add_argument("-o", "--output", type=str, required=True, metavar="ARCHIVE.pdf",
                   help="output PDF, or - for stdout")
    p.add_argument("--strict", action="store_true",
                   help="fail the whole archive when one issue fails (default: leave it out, "
                   "report it, exit 3)")
    _add_render(p)
    _add_limits(p)

    p = command("export", "archive and reading formats: ALTO, METS, EPUB, text, Markdown")
    p.add_argument("inputs", nargs="+", type=Path, metavar="INPUT",
                   help="one issue each: a .pdf, a .txt dump, an issue folder or a "
                   "structure .json")
    p.add_argument("--format", required=True, choices=("alto", "mets", "epub", "txt", "md"),
                   help="alto: a folder of ALTO 4.4 pages; mets: a folder with mets.xml "
                   "and alto/; epub: one EPUB 3 of every input; txt, md: one file")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT",
                   help="a folder (alto, mets), a file, or - for stdout (txt, md)")
    p.add_argument("--writing-mode", choices=WRITING_MODES, default="horizontal",
                   help="EPUB text direction (vertical: top to bottom, right to left)")
    p.add_argument("--embed-fonts", action="store_true",
                   help="EPUB: embed the bundled faces, cut to the characters used")
    _add_metadata(p)
    _add_reading(p, jobs=True)

    p = command("inspect", "draw the detected regions over a page image")
    p.add_argument("input", type=Path, metavar="PAGE.pdf")
    p.add_argument("--page", type=page_number, default=1,
                   help="page number, from 1 (default 1)")
    p.add_argument("-o", "--output", type=str, required=True, metavar="OVERLAY.png",
                   help="output PNG, or - for stdout")
    _add_reading(p)
    _add_password(p)
    return parser


def _metadata(args: argparse.Namespace) -> IssueMetadata:
    return IssueMetadata(title=args.title, date=args.date, edition=args.edition,
                         section=args.section)


def _render_options(args: argparse.Namespace) -> RenderOptions:
    return RenderOptions(
        page_size=args.page_size, theme=args.theme,
        columns=args.columns or (None if args.writing_mode == "vertical" else 1),
        font_body=args.font_body, font_head=args.font_head,
        table_of_contents=not args.no_toc, system_fonts=args.system_fonts,
    )


def _stdout() -> BinaryIO:
    return sys.stdout.buffer


def _outputs(inputs: Sequence[Path], *targets: str | None) -> list[str]:
    """The outputs asked for, checked before any work: none is an input or a folder name,
    none is named twice, at most one goes to standard output."""
    outputs = [t for t in targets if t is not None]
    for target in outputs:
        check_output_path(target)
    refuse_overwriting_inputs(inputs, outputs)
    return outputs


def _log_read(issue: Issue) -> None:
    log.info("read %s: %d pages, %d articles", issue.source, len(issue.pages),
             sum(len(p.articles) for p in issue.pages))


def _cmd_analyze(args: argparse.Namespace) -> ExitCode:
    outputs = _outputs(args.inputs, args.output)
    settings = _settings(args)
    with staged_outputs(outputs, _stdout()) as (stream,):
        issue = read_issue(args.inputs, settings, _metadata(args), jobs=args.jobs)
        _log_read(issue)
        write_issue_json(issue, stream)
    log.info("wrote %s", ", ".join(outputs))
    return _finished(issue)


def _cmd_convert(args: argparse.Namespace) -> ExitCode:
    options = _render_options(args)  # validate options before any work
    settings = _settings(args)
    also = []
    if args.also:
        from layout.export import parse_formats
        from layout.export.write import beside

        also = parse_formats(args.also)
        if is_stdout(args.output):
            raise UsageError("--also writes beside OUT.pdf; give a file name, not -")
        refuse_overwriting_inputs(args.inputs, [beside(Path(args.output), f) for f in also])
    outputs = _outputs(args.inputs, args.output, args.json)

    from layout.render.pdf import render_issues

    with staged_outputs(outputs, _stdout()) as streams:
        if also:
            from layout.export.sources import read_issue_source

            source = read_issue_source(args.inputs, settings, _metadata(args), jobs=args.jobs)
            issue = source.issue
        else:
            issue = read_issue(args.inputs, settings, _metadata(args), jobs=args.jobs)
        _log_read(issue)
        render_issues([issue], streams[0], options, settings)
        if args.json:
            write_issue_json(issue, streams[1])
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
    settings = _settings(args)
    sources = [read_issue_source([path], settings, _metadata(args), jobs=args.jobs)
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
    options = _render_options(args)
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
        report = run_batch(args.input_dir, args.output, options, _settings(args),
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

    options = _render_options(args)
    outputs = _outputs(args.inputs, args.output)
    with staged_outputs(outputs, _stdout()) as (stream,):
        result = build_archive(args.inputs, stream, options, _settings(args),
                               strict=args.strict)
    for failure in result.failures:
        print(f"layout: left out: {failure}", file=sys.stderr)
    if not args.quiet:
        print(f"layout: {result.issues} issue(s) in {args.output}, "
              f"{len(result.failures)} left out", file=sys.stderr)
    return ExitCode.PARTIAL if result.failures else ExitCode.OK


def _cmd_inspect(args: argparse.Namespace) -> ExitCode:
    from layout.inspect import draw_overlay

    outputs = _outputs([args.input], args.output)
    settings = _settings(args)
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


def _configure_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else logging.DEBUG if verbose > 1 else (
        logging.INFO if verbose else logging.WARNING)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("layout: %(levelname)s: %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(level)
    log.propagate = False


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated()


def _install_sigterm() -> object | None:
    """Make SIGTERM unwind like Ctrl-C (temporary files removed); the old handler, or None."""
    try:
        return signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: leave signals alone
        return None


def _one_line(exc: BaseException) -> str:
    return " ".join(line.strip() for line in str(exc).splitlines()) or type(exc).__name__


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    verbose = "-v" in argv or "--verbose" in argv or any(a.startswith("-vv") for a in argv)
    previous = _install_sigterm()
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        args.verbose = args.verbose + getattr(args, "sub_verbose", 0)  # before or after
        args.quiet = args.quiet or getattr(args, "sub_quiet", False)
        _configure_logging(args.verbose, args.quiet)
        if not args.command:
            parser.print_help(sys.stderr)
            return ExitCode.BAD_ARGUMENTS
        return int(COMMANDS[args.command](args))
    except KeyboardInterrupt:
        print("layout: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except Terminated:
        print("layout: terminated", file=sys.stderr)
        return ExitCode.TERMINATED
    except LayoutError as exc:
        if verbose:
            logging.getLogger("layout").exception("failed")
        print(f"layout: error: {_one_line(exc)}", file=sys.stderr)
        return int(exc.exit_code)
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("layout"):
            raise
        if verbose:
            logging.getLogger("layout").exception("failed")
        print(f"layout: error: this capability has not landed yet ({exc.name})",
              file=sys.stderr)
        return ExitCode.BAD_ARGUMENTS
    except Exception as exc:  # noqa: BLE001 - the one place that maps everything
        if verbose:
            raise
        print(f"layout: error: unexpected {type(exc).__name__}: {_one_line(exc)} "
              "(rerun with -v)", file=sys.stderr)
        return ExitCode.BAD_INPUT
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)  # type: ignore[arg-type]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
