"""The ``argline`` command: the window by default, headless commands for scripts and tests.

Each command runs the same code the GUI runs. A user error (a bad file, a bad URL, a
file that is not an Argline database, a name that names no item, a read-only folder or
disk, a full disk) prints one line that says what and where, and exits with status 2,
never a traceback. The exit statuses are listed in README's command-line section.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from argline import __version__
from argline.io.errors import ImportRefused
from argline.io.files import WriteFailed
from argline.io.listing import LISTS, UnknownName  # UnknownName is a StoreError
from argline.store.errors import StoreError

if TYPE_CHECKING:
    from argline.store import Store
    from argline.store.cursor import Cursor

USER_ERROR = 2
INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a program stopped by Ctrl+C
OUTPUT_CLOSED = 141  # 128 + SIGPIPE: what `yes | head -1` reports for yes
IMAGE_SUFFIXES = (".png", ".svg", ".pdf")
PAPERS = ("a4", "letter")
SHELLS = ("bash", "zsh")
FILE = "file"
# Every command but "open", which argline runs when the first word names none of these.
COMMANDS = (
    "seed",
    "import",
    "add-source",
    "export",
    "check",
    "evaluate",
    "list",
    "restore",
    "upgrade",
    "completion",
    "desktop",
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit status."""
    parser = _parser()
    try:
        args = parser.parse_args(
            _with_default_command(list(sys.argv[1:] if argv is None else argv))
        )
        return int(args.run(args))
    except (StoreError, ImportRefused, WriteFailed) as error:
        _say(str(error))
        return USER_ERROR
    except ModuleNotFoundError as error:
        if error.name is None or error.name.partition(".")[0] == "argline":
            raise
        # A --db URL whose driver is not installed (mysql://, oracle://): say which.
        _say(f"this needs the Python module {error.name}, which is not installed here")
        return USER_ERROR
    except BrokenPipeError:
        # The reader went away (`argline list | head -1`): stop quietly. Point standard
        # output at /dev/null so that Python's flush at exit does not fail again.
        _discard_standard_output()
        return OUTPUT_CLOSED
    except OSError as error:  # a read-only disk, a folder gone: what the system said, and where
        where = f": {error.filename}" if error.filename else ""
        _say(f"{error.strerror or error}{where}")
        return USER_ERROR
    except KeyboardInterrupt:
        print("argline: interrupted; nothing half-done was kept", file=sys.stderr)
        return INTERRUPTED


def _say(message: str) -> None:
    """Print one line on standard error: a driver's message of several lines joined."""
    print("argline: " + " ".join(part.strip() for part in message.splitlines()), file=sys.stderr)


def _discard_standard_output() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor behind stdout (a test's capture)
        pass


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
    ).complete = FILE
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    opening = commands.add_parser("open", help="open the window (the default)")
    # .complete = FILE: shtab completes file names there (its key for shtab.FILE, so that
    # shtab is imported only by the completion command).
    opening.add_argument("file", nargs="?", help="an Argline file to open").complete = FILE
    opening.set_defaults(run=_open_window)

    seeding = commands.add_parser("seed", help="load the Helsinki 2018 seed corpus")
    seeding.set_defaults(run=_seed)

    importing = commands.add_parser("import", help="merge a file into the database")
    importing.add_argument("file", type=Path).complete = FILE
    importing.add_argument("--format", help="file format (default: by extension and content)")
    importing.set_defaults(run=_import)

    adding = commands.add_parser(
        "add-source",
        help="read a document (text, Markdown, HTML, PDF) into a new assessment, "
        "or attach it to one with --assessment",
    )
    adding.add_argument("file", type=Path).complete = FILE
    adding.add_argument(
        "--assessment",
        metavar="NAME",
        help="attach to (or replace the document of) this one: its id, title, or their start",
    )
    adding.add_argument("--title", help="the new assessment's title (default: the document's)")
    adding.add_argument("--author")
    adding.add_argument("--outlet")
    adding.add_argument("--published", metavar="DATE", help="e.g. 2018-07-13, 'July 2018'")
    adding.add_argument("--kind", choices=("forecast", "retrospective", "other"))
    adding.set_defaults(run=_add_source)

    _add_export(commands)

    evaluating = commands.add_parser(
        "evaluate", help="which claims stand (grounded semantics over the attacks)"
    )
    evaluating.add_argument(
        "--assessment", metavar="NAME", help="only this assessment's claims (id, title, or start)"
    )
    evaluating.add_argument("--json", action="store_true", help="print a JSON list")
    evaluating.set_defaults(run=_evaluate)

    listing = commands.add_parser(
        "list", help="the assessments, events or lanes: ids, titles, kinds, dates and counts"
    )
    listing.add_argument("items", nargs="?", choices=LISTS, default="assessments")
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    listing.set_defaults(run=_list)

    checking = commands.add_parser("check", help="report schema version and integrity")
    checking.set_defaults(run=_check)

    upgrading = commands.add_parser(
        "upgrade", help="create the database or bring its schema up to this Argline's"
    )
    upgrading.set_defaults(run=_upgrade)

    restoring = commands.add_parser(
        "restore", help="put a backup's content back into the database (backing it up first)"
    )
    restoring.add_argument(
        "backup", type=Path, help="a backup file that check listed"
    ).complete = FILE
    restoring.set_defaults(run=_restore)

    completing = commands.add_parser(
        "completion", help="print a shell's completion script (source it, or save it)"
    )
    completing.add_argument("shell", choices=SHELLS)
    completing.set_defaults(run=_completion)

    desktop = commands.add_parser(
        "desktop",
        help="add Argline to your desktop's menu and open .argline files with it "
        "(your XDG data folder only), or take it away",
    )
    desktop.add_argument("action", choices=("install", "uninstall"))
    desktop.set_defaults(run=_desktop)
    return parser


def _add_export(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    exporting = commands.add_parser(
        "export", help="write the database to a file, or a view of it to an image"
    )
    exporting.add_argument(
        "file", help="output file (.png/.svg/.pdf: an image), - for stdout"
    ).complete = FILE
    exporting.add_argument("--format", help="data format (default: by extension, else argline)")
    exporting.add_argument(
        "--view",
        choices=("timeline", "map"),
        default="timeline",
        help="which view an image shows (default: timeline)",
    )
    exporting.add_argument(
        "--from",
        dest="start",
        metavar="DATE",
        help="timeline image: first date shown (default: all)",
    )
    exporting.add_argument(
        "--to", dest="end", metavar="DATE", help="timeline image: last date shown (default: all)"
    )
    exporting.add_argument(
        "--assessment",
        metavar="NAME",
        help="only this assessment (a map image: whose map): its id, title, or their start",
    )
    exporting.add_argument(
        "--scale",
        choices=("linear", "collapsed", "sequential", "log"),
        default="linear",
        help="timeline image: the time scale (collapsed shrinks empty stretches, sequential"
        " spaces events evenly, log counts time from --reference; default: linear)",
    )
    exporting.add_argument(
        "--reference",
        metavar="EVENT|DATE",
        help="--scale log: the event (id, title, or their start) or date time is counted from"
        " (default: the last event)",
    )
    exporting.add_argument("--width", type=int, help="image width in pixels")
    exporting.add_argument("--height", type=int, help="image height in pixels")
    exporting.add_argument("--dpi", type=int, default=96, help="PNG/PDF resolution")
    exporting.add_argument(
        "--page",
        choices=PAPERS,
        help="PDF: this paper, the image fitted inside margins (default: the image's size)",
    )
    exporting.add_argument(
        "--orientation",
        choices=("landscape", "portrait"),
        help="the --page paper's way round (default: landscape)",
    )
    exporting.set_defaults(run=_export)


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


def _add_source(args: argparse.Namespace) -> int:
    import json
    from dataclasses import replace

    from argline.io.documents import read_document
    from argline.io.sources import add_source, attach_source, proposed_assessment
    from argline.model.dates import DateError, HistoricalDate
    from argline.model.entities import AssessmentKind
    from argline.model.ids import new_id
    from argline.ops.errors import EditRefused
    from argline.store import Store

    given = {"title": args.title, "author": args.author, "outlet": args.outlet}
    if args.assessment is not None and any((*given.values(), args.published, args.kind)):
        raise EditRefused(
            "--title, --author, --outlet, --published and --kind make a new "
            "assessment; with --assessment the assessment keeps its own"
        )
    fields: dict[str, object] = {name: value for name, value in given.items() if value}
    if args.published:
        try:
            fields["published"] = HistoricalDate.from_text(args.published)
        except DateError as error:
            raise EditRefused(f"--published: {error}") from None
    if args.kind:
        fields["kind"] = AssessmentKind(args.kind)
    read = read_document(args.file)  # a file that cannot be read leaves the store unopened
    store = Store.open(_database(args))
    try:
        if args.assessment is not None:
            named = _assessment_named(store, args.assessment)
            added = attach_source(store, named, read, args.file.name)
            if not added.matched:
                print(
                    f"{args.file.name} is not the text {args.assessment} named; "
                    "its passages were looked for by their checksums",
                    file=sys.stderr,
                )
        else:
            proposed = replace(proposed_assessment(read, args.file.name), **fields)
            if args.title:  # the id says what the assessment is: its title as given
                proposed = replace(proposed, id=new_id(args.title, "assessment"))
            added = add_source(store, proposed, read, args.file.name)
        print(json.dumps(added.record(attached=args.assessment is not None)))
    finally:
        store.close()
    return 0


def _export(args: argparse.Namespace) -> int:
    from argline.io.formats import by_name
    from argline.io.transfer import export_bytes, export_file
    from argline.store import Store

    suffix = Path(args.file).suffix.lower()
    if args.orientation and not args.page:
        raise WriteFailed(f"cannot write {args.file}: --orientation needs --page a4 or letter")
    if args.page and suffix != ".pdf":
        raise WriteFailed(f"cannot write {args.file}: --page is for a .pdf file")
    if suffix in IMAGE_SUFFIXES:
        return _export_image(args)
    if args.format:
        by_name(args.format)  # refuse an unknown name before opening anything
    store = Store.open(_database(args))
    try:
        if args.file == "-":
            named = _assessment_named(store, args.assessment)
            data = export_bytes(store, format=args.format or "argline", assessment=named)
            sys.stdout.buffer.write(data)
        else:
            named = _assessment_named(store, args.assessment)
            export_file(store, Path(args.file), format=args.format, assessment=named)
            print(f"exported {store.name} to {args.file}")
    finally:
        store.close()
    return 0


def _export_image(args: argparse.Namespace) -> int:
    from argline.gui.headless import ensure_application
    from argline.gui.image_files import Page, Paper
    from argline.model.dates import DateError, HistoricalDate
    from argline.store import Store

    try:
        start = HistoricalDate.from_text(args.start) if args.start else None
        end = HistoricalDate.from_text(args.end) if args.end else None
    except DateError as error:
        raise ImportRefused(f"--from/--to: {error}") from None
    if args.reference and args.scale != "log":
        raise ImportRefused("--reference is for --scale log")
    if args.view == "map" and args.scale != "linear":
        raise ImportRefused("--scale is for a timeline image")
    page = None
    if args.page:
        page = Page(Paper[args.page.upper()], landscape=args.orientation != "portrait")
    ensure_application()
    store = Store.open(_database(args))
    try:
        if args.view == "map":
            from argline.gui.map.export import export_map_image

            export_map_image(
                store,
                Path(args.file),
                assessment=_assessment_named(store, args.assessment),
                width=args.width,
                height=args.height,
                dpi=args.dpi,
                page=page,
            )
        else:
            from argline.gui.timeline.export import export_timeline_image
            from argline.layout.time_warp import ScaleKind

            export_timeline_image(
                store,
                Path(args.file),
                start=start,
                end=end,
                time_scale=ScaleKind(args.scale),  # the command line's words are its values
                reference=_reference_day(store, args.reference),
                width=args.width,
                height=args.height,
                dpi=args.dpi,
                page=page,
            )
        print(f"exported the {args.view} of {store.name} to {args.file}")
    finally:
        store.close()
    return 0


def _assessment_named(store: Store, name: str | None) -> str | None:
    """Return the id of the assessment ``--assessment`` names: id, title or their start."""
    with store.plain_reading() as cursor:
        return _assessment_in(cursor, name)


def _assessment_in(cursor: Cursor, name: str | None) -> str | None:
    from argline.io.listing import resolve_assessment

    return None if name is None else resolve_assessment(cursor, name)


def _reference_day(store: Store, reference: str | None) -> float | None:
    """Return the day ``--reference`` names: an event's start, or a date's first day.

    An event's exact id or title comes before a date, and a date before the start of an
    event's id or title, so that ``2018`` is the year even beside "2018 summit"."""
    from argline.io.listing import find_event, resolve_event
    from argline.model.dates import DateError, HistoricalDate

    if reference is None:
        return None
    with store.plain_reading() as cursor:
        event = find_event(cursor, reference)
        if event is None:
            try:
                return HistoricalDate.from_text(reference).axis_start()
            except DateError:
                try:
                    event = resolve_event(cursor, reference)
                except UnknownName as error:
                    raise UnknownName(f"--reference: {error}; nor is it a date") from None
    return _event_start(store, event)


def _event_start(store: Store, event: str) -> float:
    from argline.ops.queries import load_events

    with store.reading() as session:
        (found,) = load_events(session, [event])
    return found.start.axis_start()


def _evaluate(args: argparse.Namespace) -> int:
    import json

    from argline.io.listing import evaluation_records, evaluation_table
    from argline.ops.evaluation import read_argument_state
    from argline.store import Store

    store = Store.open(_database(args))
    try:
        with store.plain_reading() as cursor:
            named = _assessment_in(cursor, args.assessment)
            state = read_argument_state(cursor)
    finally:
        store.close()
    if args.json:
        print(json.dumps(evaluation_records(state, named), ensure_ascii=False))
    else:
        print(evaluation_table(state, named))
    return 0


def _list(args: argparse.Namespace) -> int:
    import json

    from argline.io.listing import read_listing
    from argline.store import Store

    store = Store.open(_database(args))
    try:
        with store.plain_reading() as cursor:
            listing = read_listing(cursor, args.items)
    finally:
        store.close()
    if args.json:
        print(json.dumps(list(listing.records), ensure_ascii=False))
    elif listing.records:
        print(listing.table())
    else:
        print(f"{store.name} holds no {args.items}", file=sys.stderr)
    return 0


def _desktop(args: argparse.Namespace) -> int:
    from argline.io.desktop_entry import data_home, install, launch_command, uninstall

    data = data_home()
    done = install(data, launch_command()) if args.action == "install" else uninstall(data)
    print("\n".join(done))
    return 0


def _completion(args: argparse.Namespace) -> int:
    # shtab rather than argcomplete: a static script, so Tab runs no Python (argcomplete
    # starts the program on every Tab), and nothing to register in the program itself.
    import shtab

    print(shtab.complete(_parser(), shell=args.shell))
    return 0


def _upgrade(args: argparse.Namespace) -> int:
    from argline.store import Store
    from argline.store.migrations import SCHEMA_HEAD

    store = Store.open(_database(args))  # creates or upgrades (backing a file up first)
    try:
        print(f"{store.name} is at schema {SCHEMA_HEAD}, the one this Argline writes")
    finally:
        store.close()
    return 0


def _restore(args: argparse.Namespace) -> int:
    from argline.store.engine import database_url, sqlite_path
    from argline.store.rotation import restore_backup

    target = sqlite_path(database_url(_database(args)))
    if target is None:
        raise StoreError("restore works on Argline files; a server restores with pg_restore")
    if not args.backup.is_file():  # before the file is backed up for a restore that cannot be
        raise StoreError(f"cannot restore {args.backup}: there is no such file")
    before = restore_backup(args.backup, target)
    kept = f"; what it held before is kept as {before.name}" if before else ""
    print(f"restored {args.backup.name} into {target.name}{kept}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from argline.io.health import check_database

    report = check_database(_database(args))
    print(report.text())
    return 0 if report.ok else 1
