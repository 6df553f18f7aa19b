"""Command line: `briefing` (the app), `briefing build`, `briefing extract`, `briefing export`.

Textual is imported only when the app is opened, so the data commands start fast and run
where no terminal UI can.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing_tui import gc_pause

DEFAULT_SEEDS = Path("seeds")
DEFAULT_STORE = Path("store/briefing.json")


def _common(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    default = argparse.SUPPRESS if not top else None
    parser.add_argument("--seeds", type=Path, default=default if not top else DEFAULT_SEEDS,
                        metavar="DIR", help="folder of articles (default: seeds/)")
    parser.add_argument("--store", type=Path, default=default if not top else DEFAULT_STORE,
                        metavar="PATH", help="TinyDB store file (default: store/briefing.json)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Browse news on a country's foreign relations as timelines, profiles, trade and quotes.",
    )
    _common(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = sub.add_parser("build", help="build or update the store from the seeds")
    _common(build)
    build.add_argument("--move-aside", action="store_true",
                       help="if the store is corrupt, rename it to *.corrupt-TIMESTAMP and build anew")
    build.add_argument("--workers", type=int, default=None, metavar="N",
                       help="processes for extraction (default: one per core for large builds)")
    build.add_argument("--quiet", action="store_true", help="no progress bar")

    extract = sub.add_parser("extract", help="print the facts of the given articles (no store)")
    _common(extract)
    extract.add_argument("--json", action="store_true", required=True, help="print JSON (the only format)")
    extract.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    export = sub.add_parser("export", help="write a one-page Markdown briefing note for some filters")
    _common(export)
    export.add_argument("--country", action="append", default=[], metavar="C",
                        help="ISO code or name; repeat for several (any of them)")
    export.add_argument("--topic", action="append", default=[], metavar="T", help="topic; repeat for several")
    export.add_argument("--since", type=_year, metavar="YYYY", help="facts from this year on")
    export.add_argument("--until", type=_year, metavar="YYYY", help="facts up to this year")
    export.add_argument("--query", metavar="TEXT", help="words every fact must contain")
    export.add_argument("-o", "--output", metavar="PATH",
                        help="where to write ('-': standard output; default: a name made of the filters, here)")
    export.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    return parser


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"not a year (YYYY): {text!r}")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    gc_pause.pause_start_up()  # until the app's first frame (it ends the pause then), or a command's start
    try:
        args = build_parser().parse_args(argv)
        if args.command is not None:
            gc_pause.end_start_up()
        if args.command == "extract":
            return _extract(args)
        if args.command == "build":
            return _build(args)
        if args.command == "export":
            return _export(args)
        return _app(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        gc_pause.end_start_up()


def _extract(args: argparse.Namespace) -> int:
    import orjson

    from briefing_tui.contract import to_contract
    from briefing_tui.pipeline import extract_paths

    corpus, failures = extract_paths(args.paths)
    for path, reason in failures:
        print(f"briefing: skipped {path}: {reason}", file=sys.stderr)
    sys.stdout.write(orjson.dumps(to_contract(corpus), option=orjson.OPT_INDENT_2).decode() + "\n")
    return 0 if corpus.documents or not failures else 1


def _build(args: argparse.Namespace) -> int:
    from briefing_tui.pipeline import build_store
    from briefing_tui.report import print_build_report
    from briefing_tui.store import StoreError

    try:
        report = build_store(args.seeds, args.store, move_aside=args.move_aside, workers=args.workers,
                             progress=not args.quiet and sys.stderr.isatty())
    except StoreError as exc:
        print(f"briefing: {exc}", file=sys.stderr)
        return 2
    print_build_report(report)
    return 0


def _export(args: argparse.Namespace) -> int:
    """Build the store if needed (report on stderr), then write the note; exit 2 on any problem."""
    from rich.console import Console

    from briefing_tui.export.files import ExportError, safe_file_name, write_file
    from briefing_tui.export.filters import FilterError, make_filters
    from briefing_tui.export.note import build_note
    from briefing_tui.export.pins import PinsError, describe_pin, load_pins, pins_path
    from briefing_tui.pipeline import build_store
    from briefing_tui.query import Index, load_index
    from briefing_tui.report import print_build_report
    from briefing_tui.staleness import store_is_stale
    from briefing_tui.store import StoreError

    try:
        if store_is_stale(args.seeds, args.store):
            print_build_report(build_store(args.seeds, args.store), Console(stderr=True, highlight=False,
                                                                              soft_wrap=True))
        notes: list[str] = []
        index = load_index(args.store, notes) or Index()
        for note in notes:
            print(f"briefing: {note}", file=sys.stderr)
        filters = make_filters(index, countries=args.country, topics=args.topic, since=args.since,
                               until=args.until, query=args.query)
    except (StoreError, FilterError) as exc:
        print(f"briefing: {exc}", file=sys.stderr)
        return 2
    try:
        pins = load_pins(pins_path(args.store))
    except PinsError as exc:
        print(f"briefing: {exc}; exporting without pins", file=sys.stderr)
        pins = []
    note = build_note(index, filters, pins)
    for pin in note.vanished:
        print(f"briefing: pinned {describe_pin(pin)} is no longer in the store", file=sys.stderr)
    if args.output == "-":
        sys.stdout.write(note.text)
        return 0
    target = Path(args.output) if args.output else Path(safe_file_name(filters))
    try:
        write_file(target, note.text.encode("utf-8"), overwrite=args.force)
    except ExportError as exc:
        print(f"briefing: {exc}", file=sys.stderr)
        return 2
    left = sum(note.left_out.values())
    print(f"wrote {target} ({note.words} words, {len(note.sources)} sources"
          f"{f', {left} facts left out for length' if left else ''})", file=sys.stderr)
    return 0


def _app(args: argparse.Namespace) -> int:
    from briefing_tui.staleness import store_is_stale
    from briefing_tui.store import StoreError

    try:
        if store_is_stale(args.seeds, args.store):
            from briefing_tui.pipeline import build_store
            from briefing_tui.report import print_build_report

            gc_pause.end_start_up()  # a build makes garbage: it runs with the collector
            print_build_report(build_store(args.seeds, args.store, progress=sys.stderr.isatty()))
            gc_pause.pause_start_up()
    except StoreError as exc:
        print(f"briefing: {exc}", file=sys.stderr)
        return 2
    from briefing_tui.ui.app import run_app

    return run_app(seeds=args.seeds, store=args.store)


if __name__ == "__main__":
    sys.exit(main())
