"""Argline in a Linux desktop's application menu for a pip or pipx install: the desktop
entry, the hicolor icons, the AppStream metainfo and the MIME type of ``.argline`` files
copied from the package into the user's XDG data folder, and the caches refreshed.

Only the user's own data folder is written (``$XDG_DATA_HOME``, else
``~/.local/share``); a distribution package (``make deb``) installs the same files
system-wide.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from argline.io.files import WriteFailed

APP_ID = "io.github.argline.Argline"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# The tools that refresh what a desktop reads from the folders written, each with the
# folder it takes; a tool that is not installed is skipped: the desktop then reads the
# files themselves, only later.
CACHE_TOOLS = (
    ("update-desktop-database", "applications", "the application menu's MIME cache"),
    ("update-mime-database", "mime", "the MIME database"),
)
ICON_CACHE = "icons/hicolor/icon-theme.cache"


class DesktopRefused(WriteFailed):
    """The files could not be installed: not a freedesktop system, or a cache tool failed."""


@dataclass(frozen=True, slots=True)
class DesktopFile:
    """One file of the package's resources and where it goes under the data folder."""

    resource: str
    target: str


def desktop_files() -> tuple[DesktopFile, ...]:
    """Return every file ``desktop install`` writes, under the XDG data folder."""
    icons = tuple(
        DesktopFile(f"icons/argline-{size}.png", f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png")
        for size in ICON_SIZES
    )
    return (
        DesktopFile(f"{APP_ID}.desktop", f"applications/{APP_ID}.desktop"),
        DesktopFile(f"{APP_ID}.metainfo.xml", f"metainfo/{APP_ID}.metainfo.xml"),
        DesktopFile("argline-mime.xml", f"mime/packages/{APP_ID}.xml"),
        *icons,
        DesktopFile("icons/argline.svg", f"icons/hicolor/scalable/apps/{APP_ID}.svg"),
    )


def data_home() -> Path:
    """Return the user's XDG data folder; raise DesktopRefused off Linux and the BSDs."""
    if sys.platform in ("win32", "darwin"):
        raise DesktopRefused(
            "desktop install is for Linux desktops; on Windows and macOS the installer "
            "adds Argline to the menu (packaging/README.md)"
        )
    from platformdirs import user_data_path

    return user_data_path()  # $XDG_DATA_HOME, else ~/.local/share


def install(data: Path, command: Sequence[str]) -> list[str]:
    """Write the files into ``data``, the entry starting ``command``; return what was done."""
    done = []
    for item in desktop_files():
        target = data / item.target
        target.parent.mkdir(parents=True, exist_ok=True)
        source = files("argline.resources").joinpath(item.resource)
        if item.resource.endswith(".desktop"):
            target.write_text(_entry_for(source.read_text(encoding="utf-8"), command), "utf-8")
        else:
            target.write_bytes(source.read_bytes())
        done.append(f"wrote {target}")
    return done + refresh_caches(data)


def uninstall(data: Path) -> list[str]:
    """Remove what ``install`` wrote into ``data`` (and folders left empty); return it."""
    done = []
    for item in desktop_files():
        target = data / item.target
        if target.exists():
            target.unlink()
            done.append(f"removed {target}")
            _remove_empty_folders(target.parent, data)
    if not done:
        done.append(f"Argline was not installed in {data}")
    return done + refresh_caches(data)


def refresh_caches(data: Path) -> list[str]:
    """Run the cache tools that are installed over ``data``; return what each refreshed."""
    done = []
    for tool, folder, what in CACHE_TOOLS:
        found = shutil.which(tool)
        if found is not None and (data / folder).is_dir():
            _run([found, str(data / folder)])
            done.append(f"refreshed {what} ({tool} {data / folder})")
    # An icon cache in the user's folder would hide icons added after it, so refresh one
    # there is; without one, the desktop reads the folder itself and none is made.
    icon_tool = shutil.which("gtk-update-icon-cache")
    if icon_tool is not None and (data / ICON_CACHE).exists():
        hicolor = data / ICON_CACHE
        _run([icon_tool, "--quiet", "--force", "--ignore-theme-index", str(hicolor.parent)])
        done.append(f"refreshed the icon cache (gtk-update-icon-cache {hicolor.parent})")
    return done


def _run(command: list[str]) -> None:
    finished = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    if finished.returncode != 0:
        said = (finished.stderr or finished.stdout).strip().splitlines()
        raise DesktopRefused(f"{Path(command[0]).name} failed: {said[-1] if said else '?'}")


def _remove_empty_folders(folder: Path, data: Path) -> None:
    # Up to the folders a desktop itself reads (applications/, icons/hicolor/, ...).
    keep = {data, data / "applications", data / "icons" / "hicolor", data / "mime" / "packages"}
    while folder not in keep and data in folder.parents and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _entry_for(entry: str, command: Sequence[str]) -> str:
    """Return the desktop entry with Exec and TryExec naming ``command`` by its full path:
    a pip or pipx install's folder is often not on the desktop session's PATH."""
    quoted = " ".join(_exec_quoted(word) for word in command)
    keys = {"Exec": f"{quoted} %f", "TryExec": command[0]}
    lines = []
    for line in entry.splitlines():
        key = line.partition("=")[0]
        lines.append(f"{key}={keys[key]}" if key in keys else line)
    return "\n".join(lines) + "\n"


def _exec_quoted(word: str) -> str:
    """Return ``word`` as the Desktop Entry Specification's Exec key wants an argument."""
    if word and not any(c in word for c in " \t\n\"'\\><~|&;$*?#()`"):
        return word
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in word)
    return f'"{escaped}"'


def launch_command() -> list[str]:
    """Return the command that starts this Argline: the bundle, the script beside this
    Python (a venv's, pipx's), the one on PATH, else this Python with ``-m argline``."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    beside = Path(sys.executable).parent / "argline"
    if beside.is_file():
        return [str(beside.absolute())]
    found = shutil.which("argline")
    if found is not None:
        return [str(Path(found).absolute())]
    return [sys.executable, "-m", "argline"]
