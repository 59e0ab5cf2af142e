"""The icon, desktop entry, AppStream metainfo and MIME type pass the freedesktop validators,
agree with each other, and ship in the wheel."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
RESOURCES = REPO / "resources"
APP_ID = "io.github.argline.Argline"
DESKTOP = RESOURCES / f"{APP_ID}.desktop"
METAINFO = RESOURCES / f"{APP_ID}.metainfo.xml"
MIME = RESOURCES / "argline-mime.xml"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def _tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (apt-get install {package}); CI installs it")
    return found


def test_the_icon_is_an_svg_with_pngs_of_every_size() -> None:
    root = ET.parse(RESOURCES / "icons" / "argline.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    for size in ICON_SIZES:
        data = (RESOURCES / "icons" / f"argline-{size}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(data[16:20], "big") == size
        assert int.from_bytes(data[20:24], "big") == size


def test_the_desktop_entry_passes_desktop_file_validate() -> None:
    validate = _tool("desktop-file-validate", "desktop-file-utils")
    finished = subprocess.run(
        [validate, str(DESKTOP)], capture_output=True, text=True, check=False, timeout=60
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert "error" not in finished.stdout.lower()


def test_the_metainfo_passes_appstreamcli_validate() -> None:
    appstreamcli = _tool("appstreamcli", "appstream")
    # --no-net: CI has no network; the screenshot URL is checked by the form of its URL.
    finished = subprocess.run(
        [appstreamcli, "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr


def test_desktop_entry_metainfo_and_mime_type_agree() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment, method-assign]
    entry.read(DESKTOP, encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Icon"] == APP_ID
    assert desktop["Exec"].split()[0] == "argline"
    metainfo = ET.parse(METAINFO).getroot()
    assert metainfo.findtext("id") == APP_ID
    assert metainfo.findtext("launchable") == DESKTOP.name
    (image,) = metainfo.iter("image")
    assert image.text.endswith("/docs/images/main-window.png")
    assert (REPO / "docs" / "images" / "main-window.png").exists()
    (mime_type,) = ET.parse(MIME).getroot().iter(f"{MIME_NS}mime-type")
    assert desktop["MimeType"].rstrip(";") == mime_type.get("type") == "application/x-argline"
    assert metainfo.findtext("provides/mediatype") == "application/x-argline"


def test_the_mime_type_knows_argline_files_by_name_and_content(tmp_path: Path) -> None:
    (mime_type,) = ET.parse(MIME).getroot().iter(f"{MIME_NS}mime-type")
    assert mime_type.find(f"{MIME_NS}glob").get("pattern") == "*.argline"
    magic = mime_type.find(f"{MIME_NS}magic")
    # Below shared-mime-info's own SQLite rule (50), so other SQLite files stay SQLite.
    assert int(magic.get("priority")) < 50
    match = magic.find(f"{MIME_NS}match")
    from argline.store import Store

    store = Store.open(tmp_path / "a.argline")
    store.close()
    offset = int(match.get("offset"))
    value = match.get("value").encode()
    assert (tmp_path / "a.argline").read_bytes()[offset : offset + len(value)] == value


def test_the_mime_type_installs_with_update_mime_database(tmp_path: Path) -> None:
    update = _tool("update-mime-database", "shared-mime-info")
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(MIME, packages / "argline.xml")
    subprocess.run([update, str(tmp_path / "mime")], check=True, timeout=60)
    assert "application/x-argline:*.argline" in (tmp_path / "mime" / "globs2").read_text()
    assert (tmp_path / "mime" / "application" / "x-argline.xml").exists()


@pytest.mark.slow
def test_the_wheel_carries_the_resources(tmp_path: Path) -> None:
    pip = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
    subprocess.run(
        [*pip, "--quiet", "-w", str(tmp_path), str(REPO)],
        check=True,
        timeout=300,
        env={**os.environ, "PIP_NO_INPUT": "1"},
    )
    (wheel,) = tmp_path.glob("argline-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {
        f"argline/resources/{DESKTOP.name}",
        f"argline/resources/{METAINFO.name}",
        f"argline/resources/{MIME.name}",
        "argline/resources/icons/argline.svg",
        *(f"argline/resources/icons/argline-{size}.png" for size in ICON_SIZES),
        "argline/migrations/versions/0001_initial_schema.py",
        "argline/seeds/helsinki-2018.argline.json",
    }
    assert wanted <= names, sorted(wanted - names)
