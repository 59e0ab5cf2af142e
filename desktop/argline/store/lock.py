"""Who has an Argline file open: a lock file beside it, held by the OS, with a heartbeat.

Two Arglines writing one file would not corrupt it (SQLite locks every write), but
each would silently overwrite what the other shows; so the second one is told who
holds the file and offered a read-only view. The lock is an OS file lock (``flock``
on POSIX, ``msvcrt.locking`` on Windows) on ``.NAME.lock``: a killed program's lock
vanishes with it, so a stale lock never blocks the user. On network file systems
whose locks are not shared between machines, the holder also touches the lock file
every half second, and a fresh heartbeat from another machine counts as held.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

HEARTBEAT_SECONDS = 0.5
# A heartbeat older than this is a program that died without the OS lock telling us.
STALE_SECONDS = 2.0
# Windows locks a byte range; one far past the written info leaves the info readable.
_WINDOWS_LOCK_OFFSET = 1 << 30


@dataclass(frozen=True, slots=True)
class Holder:
    """Another Argline that has the file open: who, where, since when."""

    path: Path
    pid: int | None
    host: str
    user: str
    since: str

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
        if self._descriptor is not None:
            with contextlib.suppress(OSError):
                os.utime(self.lock_path)

    def release(self) -> None:
        """Let the file go: remove the lock file, then drop the OS lock."""
        if self._descriptor is None:
            return
        self._stop.set()
        if self._beating is not None:
            self._beating.join(timeout=2)
        descriptor, self._descriptor = self._descriptor, None
        if os.name == "posix":
            # Unlink while still locked, so no one can lock this file once it is gone.
            with contextlib.suppress(OSError):
                self.lock_path.unlink()
            os.close(descriptor)
        else:
            _unlock_windows(descriptor)
            os.close(descriptor)
            with contextlib.suppress(OSError):
                self.lock_path.unlink()

    def __enter__(self) -> Lock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()

    def _beat_until_released(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            self.beat()


def lock_path_of(path: Path) -> Path:
    """Return the lock file that guards the database at ``path``."""
    return path.with_name(f".{path.name}.lock")


def acquire(path: Path, *, heartbeat: bool = True) -> Lock | Holder:
    """Take the file for this program, or say who holds it (a ``Holder``) and take nothing."""
    path = Path(path).absolute()
    lock_path = lock_path_of(path)
    for _attempt in range(5):
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
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
        _write_info(descriptor)
        return Lock(path, lock_path, descriptor, heartbeat=heartbeat)
    raise OSError(f"cannot lock {path}: its lock file keeps changing")


def holder_of(path: Path) -> Holder | None:
    """Return which other program has the file open, or None (also when it is this one)."""
    result = acquire(path, heartbeat=False)
    if isinstance(result, Holder):
        mine = result.pid == os.getpid() and result.host == socket.gethostname()
        return None if mine else result
    result.release()
    return None


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
        age = time.time() - lock_path.stat().st_mtime
    except OSError:
        return None
    return _holder_from(path, descriptor) if age < STALE_SECONDS else None


def _still_the_lock_file(descriptor: int, lock_path: Path) -> bool:
    try:
        return os.fstat(descriptor).st_ino == lock_path.stat().st_ino
    except FileNotFoundError:
        return False


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


if os.name == "posix":
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
