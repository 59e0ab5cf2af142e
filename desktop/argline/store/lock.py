"""Who has an Argline file open: a lock file beside it, held by the OS, with a heartbeat.

Two Arglines writing one file would not corrupt it (SQLite locks every write), but
each would silently overwrite what the other shows; so the second one is told who
holds the file and offered a read-only view. The lock is an OS file lock (``flock``
on POSIX, ``msvcrt.locking`` on Windows) on ``.NAME.lock``: a killed program's lock
vanishes with it, so a stale lock never blocks the user. On network file systems
whose locks are not shared between machines, the holder also touches the lock file
every half second, and a fresh heartbeat from another machine counts as held.

The lock file sits in the user's folder, which others may write to: so it is opened
without following a link (``O_NOFOLLOW``), without waiting on a pipe (``O_NONBLOCK``),
and written only once ``fstat`` shows a regular file with one name, owned by this user.
Anything else at its name (a symbolic link to the user's thesis, a pipe, a folder, a
hard link, another user's file) is refused with ``UntrustedFile`` and left untouched,
and the database is not opened. SQLite opens the ``-wal``, ``-shm`` and ``-journal``
beside the database itself, with ``O_NOFOLLOW``; but it writes into a hard link's other
name and replays a planted ``-wal``, so ``refuse_untrusted_sidecars`` looks at them first.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import stat
import sys
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from argline.store.disk_full import disk_full, is_disk_full
from argline.store.errors import UntrustedFile

HEARTBEAT_SECONDS = 0.5
# A heartbeat older than this is a program that died without the OS lock telling us.
STALE_SECONDS = 2.0
# Windows locks a byte range; one far past the written info leaves the info readable.
_WINDOWS_LOCK_OFFSET = 1 << 30
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# Never follow a link at the lock's name, never wait on a pipe planted there (opening a
# FIFO can block until the other end opens), never hand the descriptor to a child.
_OPEN_FLAGS = (
    _NOFOLLOW
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NOINHERIT", 0)
    | getattr(os, "O_BINARY", 0)
)
LOCK_ROLE = "Argline's lock file"
SIDECAR_ROLES = (
    ("-wal", "SQLite's write-ahead log of"),
    ("-shm", "SQLite's shared-memory index of"),
    ("-journal", "SQLite's rollback journal of"),
)
_REMOVE_IT = "remove it if you did not make it"


@dataclass(frozen=True, slots=True)
class Holder:
    """Another Argline that has the file open: who, where, since when."""

    path: Path
    pid: int | None
    host: str
    user: str
    since: str

    @property
    def is_this_program(self) -> bool:
        """Whether the holder is this very process (another store of it, or its window)."""
        return self.pid == os.getpid() and self.host == socket.gethostname()

    def describe(self) -> str:
        """Return a sentence for the user: who has the file open."""
        who = f"{self.user} on {self.host}" if self.user else self.host or "another program"
        process = f" (process {self.pid})" if self.pid else ""
        since = f" since {self.since}" if self.since else ""
        return f"{self.path.name} is open in another Argline: {who}{process}{since}"


class Lock:
    """This program's hold on a file; ``release()`` (or leaving a ``with``) lets it go."""

    def __init__(self, path: Path, lock_path: Path, descriptor: int, *, heartbeat: bool) -> None:
        self.path = path
        self.lock_path = lock_path
        self._descriptor: int | None = descriptor
        # A beat never touches a descriptor that release() has closed (and the OS reused).
        self._guard = threading.Lock()
        self._stop = threading.Event()
        self._beating: threading.Thread | None = None
        if heartbeat:
            self._beating = threading.Thread(
                target=self._beat_until_released, name="argline-lock-heartbeat", daemon=True
            )
            self._beating.start()

    @property
    def held(self) -> bool:
        return self._descriptor is not None

    def beat(self) -> None:
        """Touch the lock file, telling Arglines on other machines the file is still in use."""
        with self._guard, contextlib.suppress(OSError):
            if self._descriptor is None:
                return
            if os.utime in os.supports_fd:
                os.utime(self._descriptor)  # the file we hold, whatever its name now is
            else:  # pragma: no cover - Windows
                os.utime(self.lock_path)

    def release(self) -> None:
        """Let the file go: remove the lock file, then drop the OS lock."""
        descriptor = self._stop_beating()
        if descriptor is not None:
            _let_go(descriptor, self.lock_path)

    def _stop_beating(self) -> int | None:
        """Stop the heartbeat and give up the descriptor (None when already given up)."""
        with _YIELDING_GUARD:
            if _YIELDING.get(self.path) is self:
                del _YIELDING[self.path]
        if self._descriptor is None:
            return None
        self._stop.set()
        if self._beating is not None:
            self._beating.join(timeout=2)
        with self._guard:
            descriptor, self._descriptor = self._descriptor, None
        return descriptor

    def __enter__(self) -> Lock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()

    def _beat_until_released(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            self.beat()


# Locks a store took for a command's writes, by file: a window of this same program that
# opens the file takes them over (the store then writes beside it, as stores of one
# program do), instead of being told the file is open in another Argline.
_YIELDING: dict[Path, Lock] = {}
_YIELDING_GUARD = threading.Lock()


def lock_path_of(path: Path) -> Path:
    """Return the lock file that guards the database at ``path``."""
    return path.with_name(f".{path.name}.lock")


def acquire(
    path: Path, *, heartbeat: bool = True, announce: bool = True, yielding: bool = False
) -> Lock | Holder:
    """Take the file for this program, or say who holds it (a ``Holder``) and take nothing.

    Raise ``UntrustedFile``, having written nothing, when the lock file or a journal
    beside the database is not what Argline or SQLite would have made there, and
    ``DiskFull`` when there is no room to write who holds it (unless not ``announce``:
    a look at who holds the file, which lets it go at once). A ``yielding`` lock (a
    store's, for a command's writes) is handed over to the next ``acquire`` of this
    program that announces itself (its window).
    """
    path = Path(path).absolute()
    if announce:
        with _YIELDING_GUARD:
            given_up = _YIELDING.pop(path, None)
        descriptor = given_up._stop_beating() if given_up is not None else None
        if descriptor is not None:
            return Lock(path, lock_path_of(path), descriptor, heartbeat=heartbeat)
    taken = _acquire(path, heartbeat=heartbeat, announce=announce)
    if yielding and isinstance(taken, Lock):
        with _YIELDING_GUARD:
            _YIELDING[path] = taken
    return taken


def _acquire(path: Path, *, heartbeat: bool, announce: bool) -> Lock | Holder:
    lock_path = lock_path_of(path)
    for _attempt in range(5):
        descriptor, writable = _open_lock_file(path, lock_path)
        if not _try_lock(descriptor):
            holder = _holder_from(path, descriptor)
            os.close(descriptor)
            return holder
        if not _still_the_lock_file(descriptor, lock_path):
            # The holder released (and removed) the file between our open and our lock.
            os.close(descriptor)
            continue
        remote = _fresh_remote_holder(path, descriptor, lock_path)
        if remote is not None:
            _unlock(descriptor)
            os.close(descriptor)
            return remote
        try:
            _refuse_unless_ours(path, lock_path, descriptor, writable=writable)
        except UntrustedFile:
            _unlock(descriptor)
            os.close(descriptor)
            raise
        try:
            refuse_untrusted_sidecars(path)
        except UntrustedFile:
            _let_go(descriptor, lock_path)  # our own lock file: removed as release() does
            raise
        try:
            if announce:
                _write_info(descriptor)
        except OSError as error:
            _let_go(descriptor, lock_path)  # no lock file left, empty or half-written
            if is_disk_full(error, path):
                raise disk_full(f"cannot open {path.name}", "nothing was changed") from None
            raise
        return Lock(path, lock_path, descriptor, heartbeat=heartbeat)
    raise OSError(f"cannot lock {path}: its lock file keeps changing")


def refuse_untrusted_sidecars(path: Path) -> None:
    """Raise ``UntrustedFile`` when the database's ``-wal``, ``-shm`` or ``-journal`` is not
    one SQLite made: not a regular file, a file with more than one name, or one that
    belongs neither to this user nor to the database's owner. Call it before SQLite opens
    the database (even read-only: a read-only connection writes its ``-shm``)."""
    path = Path(path).absolute()
    # SQLite follows a link to the database, and keeps its journals beside the file itself.
    real = Path(os.path.realpath(path))
    try:
        owner: int | None = os.stat(real).st_uid
    except OSError:
        owner = None
    for suffix, role in SIDECAR_ROLES:
        sidecar = real.with_name(real.name + suffix)
        try:
            info = os.lstat(sidecar)
        except OSError:
            continue  # absent (the usual case), or not ours to look at: SQLite will say
        problem = _kind_problem(info, sidecar)
        if problem is not None:
            raise _untrusted(sidecar, f"{problem}, not {role} {path.name}", path)
        uid = _my_uid()
        if uid is not None and info.st_uid not in (uid, owner):
            who = _user_name(info.st_uid)
            raise _untrusted(
                sidecar,
                f"belongs to {who}, neither to you nor to the owner of {path.name}",
                path,
                advice=f"if {who} uses {path.name}, ask them to open it once; else remove it",
            )


def holder_of(path: Path) -> Holder | None:
    """Return which other program has the file open, or None (also when it is this one)."""
    result = acquire(path, heartbeat=False, announce=False)  # a look writes nothing
    if isinstance(result, Holder):
        return None if result.is_this_program else result
    result.release()
    return None


def _open_lock_file(path: Path, lock_path: Path) -> tuple[int, bool]:
    """Open the lock file without following a link; return it and whether we may write it.

    Raise ``UntrustedFile`` for anything at its name but a regular file with one name.
    """
    if not _NOFOLLOW and lock_path.is_symlink():  # pragma: no cover - no O_NOFOLLOW: look first
        raise _untrusted_kind(lock_path, os.lstat(lock_path), path)
    try:
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT | _OPEN_FLAGS, 0o644)
        writable = True
    except PermissionError as refused:
        # Another user's lock, which only they may write: read it to say who holds it.
        try:
            descriptor = os.open(lock_path, os.O_RDONLY | _OPEN_FLAGS)
        except FileNotFoundError:
            raise refused from None  # nothing there: the folder itself cannot be written
        except OSError:
            _raise_what_is_there(path, lock_path)
            raise refused from None
        writable = False
    except OSError:
        _raise_what_is_there(path, lock_path)  # a link, a folder, a socket at the name
        raise
    try:
        info = os.fstat(descriptor)
        problem = _kind_problem(info, lock_path)
        if problem is None and os.name == "posix":
            os.set_blocking(descriptor, True)  # a regular file: O_NONBLOCK has done its part
    except BaseException:
        os.close(descriptor)
        raise
    if problem is not None:
        os.close(descriptor)  # opened, never read, truncated or written
        raise _untrusted(lock_path, f"{problem}, not {LOCK_ROLE}", path)
    return descriptor, writable


def _raise_what_is_there(path: Path, lock_path: Path) -> None:
    """After a failed open, raise ``UntrustedFile`` if what is at the name is not a plain file."""
    try:
        info = os.lstat(lock_path)
    except OSError:
        return
    if _kind_problem(info, lock_path) is not None:
        raise _untrusted_kind(lock_path, info, path) from None
    uid = _my_uid()
    if uid is not None and info.st_uid != uid:
        raise _not_yours(path, lock_path, info.st_uid, "you cannot read it") from None


def _not_yours(path: Path, lock_path: Path, owner: int, why: str) -> UntrustedFile:
    """Return the refusal of another user's lock file that this Argline cannot use."""
    who = _user_name(owner)
    return _untrusted(
        lock_path,
        f"belongs to {who}, not to you, and {why}",
        path,
        advice=f"remove it (or ask {who} to) if no Argline is using {path.name}",
    )


def _refuse_unless_ours(path: Path, lock_path: Path, descriptor: int, *, writable: bool) -> None:
    """Raise ``UntrustedFile`` unless the lock file we now hold is this user's to write."""
    info = os.fstat(descriptor)
    uid = _my_uid()
    if uid is not None and info.st_uid != uid:
        raise _not_yours(path, lock_path, info.st_uid, "no Argline holds it")
    if not writable:
        raise _untrusted(
            lock_path,
            "cannot be written by you, and no Argline holds it",
            path,
            advice=f"remove it if no Argline is using {path.name}",
        )


def _kind_problem(info: os.stat_result, name: Path) -> str | None:
    """Say what is wrong with a file Argline would have made itself, or None if nothing is."""
    mode = info.st_mode
    if stat.S_ISLNK(mode):
        try:
            target = os.readlink(name)
        except OSError:
            return "is a symbolic link"
        # Whoever made the link chose its text: a line break in it stays on this line.
        return f"is a symbolic link (to {target if target.isprintable() else repr(target)})"
    if stat.S_ISDIR(mode):
        return "is a folder"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "is a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device"
    if not stat.S_ISREG(mode):
        return "is not a regular file"
    if info.st_nlink > 1:
        # Truncating it would empty its other names too: one of them may be the user's file.
        return f"is a hard link (one file with {info.st_nlink} names)"
    return None


def _untrusted_kind(lock_path: Path, info: os.stat_result, path: Path) -> UntrustedFile:
    return _untrusted(lock_path, f"{_kind_problem(info, lock_path)}, not {LOCK_ROLE}", path)


def _untrusted(
    file: Path, problem: str, database: Path, *, advice: str = _REMOVE_IT
) -> UntrustedFile:
    return UntrustedFile(
        f"{file} {problem}; it was left untouched and {database.name} was not opened: {advice}"
    )


def _let_go(descriptor: int, lock_path: Path) -> None:
    """Drop the lock we hold and remove its file (only if the name is still that file)."""
    if os.name == "posix":
        # Unlink while still locked, so no one can lock this file once it is gone.
        if _still_the_lock_file(descriptor, lock_path):
            with contextlib.suppress(OSError):
                lock_path.unlink()
        os.close(descriptor)
    else:
        _unlock_windows(descriptor)
        os.close(descriptor)
        with contextlib.suppress(OSError):
            lock_path.unlink()


def _my_uid() -> int | None:
    """This process's user, the owner of the files it creates (None where there are no uids)."""
    return os.geteuid() if hasattr(os, "geteuid") else None


def _user_name(uid: int) -> str:
    try:
        import pwd

        return f"{pwd.getpwuid(uid).pw_name} (uid {uid})"
    except (ImportError, KeyError):
        return f"user {uid}"


def _write_info(descriptor: int) -> None:
    info = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "user": _user(),
        "since": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
    }
    data = json.dumps(info).encode()
    os.ftruncate(descriptor, 0)
    os.lseek(descriptor, 0, os.SEEK_SET)
    os.write(descriptor, data)


def _read_info(descriptor: int) -> dict[str, object]:
    os.lseek(descriptor, 0, os.SEEK_SET)
    data = os.read(descriptor, 4096)
    try:
        info = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def _holder_from(path: Path, descriptor: int) -> Holder:
    # The holder may be between creating the file and writing its info: wait a moment.
    deadline = time.monotonic() + 0.5
    info = _read_info(descriptor)
    while not info and time.monotonic() < deadline:
        time.sleep(0.05)
        info = _read_info(descriptor)
    pid = info.get("pid")
    return Holder(
        path=path,
        pid=pid if isinstance(pid, int) else None,
        host=str(info.get("host", "")),
        user=str(info.get("user", "")),
        since=str(info.get("since", "")),
    )


def _fresh_remote_holder(path: Path, descriptor: int, lock_path: Path) -> Holder | None:
    info = _read_info(descriptor)
    if not info or info.get("host") == socket.gethostname():
        # On this machine the OS lock is the truth: we got it, so its writer is gone.
        return None
    try:
        age = time.time() - os.lstat(lock_path).st_mtime
    except OSError:
        return None
    return _holder_from(path, descriptor) if age < STALE_SECONDS else None


def _still_the_lock_file(descriptor: int, lock_path: Path) -> bool:
    """Whether the lock file's name still names the file we opened (not a link, not a new one)."""
    try:
        opened, named = os.fstat(descriptor), os.lstat(lock_path)
    except OSError:
        return False
    return (opened.st_dev, opened.st_ino) == (named.st_dev, named.st_ino)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


# sys.platform, not os.name, so that mypy checks the branch of the platform it runs on.
if sys.platform != "win32":
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except (BlockingIOError, PermissionError):
            return False
        return True

    def _unlock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)

    def _unlock_windows(descriptor: int) -> None:  # pragma: no cover - Windows only
        _unlock(descriptor)

else:  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(descriptor: int) -> bool:
        os.lseek(descriptor, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock_windows(descriptor: int) -> None:
        os.lseek(descriptor, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

    _unlock = _unlock_windows
