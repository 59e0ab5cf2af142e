"""`argline desktop install` puts Argline in a pip or pipx user's application menu: the
entry, icons, metainfo and MIME type in the user's XDG data folder, caches refreshed;
`desktop uninstall` takes every one away again. Nothing is written anywhere else."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from argline.cli import main
from argline.io.desktop_entry import APP_ID, ICON_SIZES

INSTALLED = (
    f"applications/{APP_ID}.desktop",
    f"metainfo/{APP_ID}.metainfo.xml",
    f"mime/packages/{APP_ID}.xml",
    f"icons/hicolor/scalable/apps/{APP_ID}.svg",
    *(f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png" for size in ICON_SIZES),
)


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    return folder


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_install_writes_the_desktop_files_and_uninstall_removes_them(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["desktop", "install"]) == 0
    said = capsys.readouterr().out
    for name in INSTALLED:
        assert (data / name).is_file(), name
        assert f"wrote {data / name}\n" in said
    assert not any((data.parent / "home").iterdir())  # nothing beside the data folder
    entry = (data / INSTALLED[0]).read_text(encoding="utf-8")
    (exec_line,) = [line for line in entry.splitlines() if line.startswith("Exec=")]
    assert Path(exec_line.removeprefix("Exec=").split()[0]).is_file()  # a full path
    if shutil.which("update-mime-database"):
        assert "refreshed the MIME database" in said
        assert "application/x-argline:*.argline" in (data / "mime" / "globs2").read_text()

    assert main(["desktop", "uninstall"]) == 0
    said = capsys.readouterr().out
    for name in INSTALLED:
        assert not (data / name).exists(), name
        assert f"removed {data / name}\n" in said
    left = _files(data)
    assert not [name for name in left if APP_ID in name or "argline" in name]
    assert not [name for name in left if "argline" in (data / name).read_bytes().decode("latin-1")]


def test_the_installed_entry_passes_desktop_file_validate(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    validate = shutil.which("desktop-file-validate")
    if validate is None:
        pytest.skip("desktop-file-validate is not installed (apt-get install desktop-file-utils)")
    assert main(["desktop", "install"]) == 0
    finished = subprocess.run(
        [validate, str(data / INSTALLED[0])],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr


def test_an_icon_cache_the_user_has_is_refreshed_both_ways(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tool = shutil.which("gtk-update-icon-cache")
    if tool is None:
        pytest.skip(
            "gtk-update-icon-cache is not installed (apt-get install gtk-update-icon-cache)"
        )
    hicolor = data / "icons" / "hicolor"
    other = hicolor / "48x48" / "apps"  # another program's icon, cached by the user
    other.mkdir(parents=True)
    (other / "other.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    subprocess.run([tool, "-q", "-f", "-t", str(hicolor)], check=True, timeout=60)
    assert main(["desktop", "install"]) == 0
    assert "refreshed the icon cache" in capsys.readouterr().out
    assert APP_ID.encode() in (hicolor / "icon-theme.cache").read_bytes()
    assert main(["desktop", "uninstall"]) == 0
    cache = (hicolor / "icon-theme.cache").read_bytes()
    assert APP_ID.encode() not in cache
    assert b"other" in cache


def test_uninstalling_what_was_never_installed_says_so(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["desktop", "uninstall"]) == 0
    assert capsys.readouterr().out.startswith(f"Argline was not installed in {data}\n")
