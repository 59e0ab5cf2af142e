"""The ``argline`` command: the window by default, headless commands for scripts and tests.

Each command runs the same code the GUI runs. A user error (a bad file, a bad URL, a
file that is not an Argline database) prints one line that says what and where, and
exits with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from argline import __version__
from argline.io.errors import ImportRefused
from argline.io.files import WriteFailed
from argline.store.errors import StoreError

USER_ERROR = 2
COMMANDS = ("seed", "import", "export", "check")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    args = _parser().parse_args(_with_default_command(list(sys.argv[1:] if argv is None else argv)))
    try:
        return args.run(args)
    except (StoreError, ImportRefused, WriteFailed) as error:
        print(f"argline: {error}", file=sys.stderr)
        return USER_ERROR
    except KeyboardInterrupt:
        return 130


def _with_default_command(argv: list[str]) -> list[str]:
    # With no command, argline opens the window (optionally on a FILE): insert "open"
    # after the global options so that argparse sees one grammar.
    index = 0
    while index < len(argv) and argv[index].startswith("-"):
        if argv[index] in ("-h", "--help", "--version"):
            return argv
        index += 2 if argv[index] == "--db" else 1
    if index < len(argv) and argv[index] in COMMANDS:
        return argv
    return [*argv[:index], "open", *argv[index:]]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="argline",
        description="Timelines of world events linked to pro/con maps of assessments.",
    )
    parser.add_argument("--version", action="version", version=f"argline {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        default=os.environ.get("ARGLINE_DB"),
        help="database: a SQLAlchemy URL or a file path (default: $ARGLINE_DB, "
        "else your Argline file in the user data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    opening = commands.add_parser("open", help="open the window (the default)")
    opening.add_argument("file", nargs="?", help="an Argline file to open")
    opening.set_defaults(run=_open_window)

    seeding = commands.add_parser("seed", help="load the Helsinki 2018 seed corpus")
    seeding.set_defaults(run=_seed)

    importing = commands.add_parser("import", help="merge a file into the database")
    importing.add_argument("file", type=Path)
    importing.add_argument("--format", help="file format (default: by extension and content)")
    importing.set_defaults(run=_import)

    exporting = commands.add_parser("export", help="write the database to a file")
    exporting.add_argument("file", help="output file, or - for standard output")
    exporting.add_argument("--format", default="argline", help="file format (default: argline)")
    exporting.set_defaults(run=_export)

    checking = commands.add_parser("check", help="report schema version and integrity")
    checking.set_defaults(run=_check)
    return parser


def _database(args: argparse.Namespace) -> str:
    from argline.io.user_files import default_database

    return args.db or str(default_database())


def _open_window(args: argparse.Namespace) -> int:
    from argline.gui.launch import run_window

    return run_window(args.file or args.db)


def _seed(args: argparse.Namespace) -> int:
    from argline.io.seed import load_seed
    from argline.store import Store

    store = Store.open(_database(args))
    try:
        print(f"seeded {store.name}: {load_seed(store).summary()}")
    finally:
        store.close()
    return 0


def _import(args: argparse.Namespace) -> int:
    from argline.io.transfer import import_file
    from argline.store import Store

    store = Store.open(_database(args))
    try:
        report = import_file(store, args.file, format=args.format)
        print(f"imported {args.file}: {report.summary()}")
    finally:
        store.close()
    return 0


def _export(args: argparse.Namespace) -> int:
    from argline.io.transfer import FORMATS, export_file, export_text
    from argline.store import Store

    if args.format not in FORMATS:
        raise ImportRefused(f"unknown format {args.format!r}; known: {', '.join(FORMATS)}")
    store = Store.open(_database(args))
    try:
        if args.file == "-":
            sys.stdout.write(export_text(store))
        else:
            export_file(store, Path(args.file))
            print(f"exported {store.name} to {args.file}")
    finally:
        store.close()
    return 0


def _check(args: argparse.Namespace) -> int:
    from argline.io.health import check_database

    report = check_database(_database(args))
    print(report.text())
    return 0 if report.ok else 1
