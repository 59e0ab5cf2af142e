"""`make deb` builds a Debian package that installs Argline like any desktop program: the
bundle under /opt/argline, /usr/bin/argline, the menu entry, icons, metainfo and the MIME
type of .argline files, with its system libraries declared and the caches refreshed.

The package is built once per session from a fresh PyInstaller bundle (some 2–4 minutes
here); it needs PyInstaller (`pip install -e ".[package]"`, as .ci/run does) and dpkg-deb,
and skips, saying which, without them. lintian runs in `make deb`, not here: it takes
another 2 minutes on this bundle."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
APP_ID = "io.github.argline.Argline"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
INSTALLED = (
    "usr/bin/argline",
    "opt/argline/argline",
    f"usr/share/applications/{APP_ID}.desktop",
    f"usr/share/metainfo/{APP_ID}.metainfo.xml",
    "usr/share/mime/packages/argline.xml",
    f"usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg",
    *(f"usr/share/icons/hicolor/{s}x{s}/apps/{APP_ID}.png" for s in ICON_SIZES),
    "usr/share/doc/argline/copyright",
    "usr/share/doc/argline/changelog.gz",
    "usr/share/lintian/overrides/argline",
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def debian_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("dpkg-deb") is None or shutil.which("dpkg-shlibdeps") is None:
        pytest.skip("dpkg-deb and dpkg-shlibdeps are not installed: not a Debian system")
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.skip('PyInstaller is not installed (pip install -e ".[package]"; .ci/run does)')
    work = tmp_path_factory.mktemp("deb")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "ERROR",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(REPO / "packaging" / "argline.spec"),
        ],
        check=True,
        timeout=1200,
    )
    subprocess.run(
        [
            "bash",
            str(REPO / "packaging" / "build_deb.sh"),
            str(work / "dist" / "argline"),
            str(work),
        ],
        check=True,
        timeout=1200,
        env={**os.environ, "LINTIAN": "no"},
    )
    (deb,) = work.glob("argline_*_amd64.deb")
    return deb


@pytest.fixture(scope="session")
def installed(debian_package: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("root")
    subprocess.run(["dpkg-deb", "-x", str(debian_package), str(root)], check=True, timeout=300)
    return root


def _field(deb: Path, name: str) -> str:
    return subprocess.run(
        ["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_the_package_is_named_by_version_and_holds_every_desktop_file(
    debian_package: Path,
) -> None:
    from argline import __version__

    assert debian_package.name == f"argline_{__version__}_amd64.deb"
    listed = subprocess.run(
        ["dpkg-deb", "-c", str(debian_package)], capture_output=True, text=True, check=True
    ).stdout
    paths = {line.split()[5].removeprefix("./") for line in listed.splitlines()}
    assert set(INSTALLED) <= paths, sorted(set(INSTALLED) - paths)


def test_the_package_declares_the_libraries_qt_loads(debian_package: Path) -> None:
    depends = {d.split()[0] for d in _field(debian_package, "Depends").split(", ")}
    assert {"libc6", "libegl1", "libfontconfig1", "libxkbcommon0", "libxcb-cursor0"} <= depends
    assert {"shared-mime-info", "desktop-file-utils"} <= depends
    assert _field(debian_package, "Architecture") == "amd64"


def test_the_maintainer_scripts_refresh_the_caches(debian_package: Path, tmp_path: Path) -> None:
    subprocess.run(["dpkg-deb", "-e", str(debian_package), str(tmp_path)], check=True)
    for script in ("postinst", "postrm"):
        text = (tmp_path / script).read_text()
        assert os.access(tmp_path / script, os.X_OK)
        for tool in ("update-desktop-database", "update-mime-database", "gtk-update-icon-cache"):
            assert tool in text
        subprocess.run(["sh", "-n", str(tmp_path / script)], check=True)


def test_every_installed_path_is_there_and_each_lintian_override_has_a_reason(
    installed: Path,
) -> None:
    for path in INSTALLED:
        assert (installed / path).exists() or (installed / path).is_symlink(), path
    assert os.readlink(installed / "usr/bin/argline") == "/opt/argline/argline"
    for size in ICON_SIZES:
        png = (installed / f"usr/share/icons/hicolor/{size}x{size}/apps/{APP_ID}.png").read_bytes()
        assert struct.unpack(">II", png[16:24]) == (size, size)
    lines = (installed / "usr/share/lintian/overrides/argline").read_text().splitlines()
    for index, line in enumerate(lines):
        if line.startswith("argline:"):
            assert lines[index - 1].startswith("#"), f"no reason above {line!r}"


def test_the_installed_argline_runs_and_exports_headless(installed: Path, tmp_path: Path) -> None:
    from argline import __version__

    argline = installed / "opt/argline/argline"
    clean = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}

    def run(*args: str) -> str:
        done = subprocess.run(
            [str(argline), *args],
            env=clean,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert run("--version").strip() == f"argline {__version__}"
    db = str(tmp_path / "check.argline")
    assert "16 events added" in run("--db", db, "seed")
    run("--db", db, "export", str(tmp_path / "timeline.png"))
    png = (tmp_path / "timeline.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert min(struct.unpack(">II", png[16:24])) > 100


def test_the_installed_entry_and_metainfo_validate(installed: Path) -> None:
    for tool in ("desktop-file-validate", "appstreamcli"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (make test-deps installs it)")
    entry = installed / f"usr/share/applications/{APP_ID}.desktop"
    done = subprocess.run(
        ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    metainfo = installed / f"usr/share/metainfo/{APP_ID}.metainfo.xml"
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(metainfo)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_installed_mime_type_claims_argline_files_for_argline(
    installed: Path, tmp_path: Path
) -> None:
    update = shutil.which("update-mime-database")
    if update is None:
        pytest.skip("update-mime-database is not installed (apt-get install shared-mime-info)")
    mime = tmp_path / "mime"
    shutil.copytree(installed / "usr/share/mime", mime)
    subprocess.run([update, str(mime)], check=True, timeout=60)
    assert "application/x-argline:*.argline" in (mime / "globs2").read_text()
    entry = (installed / f"usr/share/applications/{APP_ID}.desktop").read_text()
    assert "MimeType=application/x-argline;" in entry.splitlines()
