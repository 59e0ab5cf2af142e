"""A wheel carries the migrations, the seed corpus and the schema, and works on its own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LEFT_OUT = (".venv", "build", "dist", "*.egg-info", ".git", ".ci", "__pycache__", ".*_cache")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # From a copy without build/: setuptools reuses what an earlier build left there, which
    # would hide a package missing from pyproject.toml.
    source = tmp_path_factory.mktemp("source") / "argline"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(*LEFT_OUT))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(out),
            str(source),
        ],
        check=True,
        timeout=300,
        env={**os.environ, "PIP_NO_INPUT": "1"},
    )
    (built,) = out.glob("argline-*.whl")
    return built


def test_the_wheel_holds_migrations_seed_and_schema(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "argline/migrations/env.py",
        "argline/migrations/script.py.mako",
        "argline/migrations/versions/0001_initial_schema.py",
        "argline/migrations/versions/0002_source_documents.py",
        "argline/migrations/versions/0003_lane_marks.py",
        "argline/seeds/helsinki-2018.argline.json",
        "argline/io/argline.schema.json",
        "argline/cli.py",
        "argline/gui/main_window.py",
    ):
        assert needed in names


def test_the_wheel_holds_every_package_of_the_source_tree(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    source = REPO / "desktop"
    packages = sorted(p.parent.relative_to(source) for p in source.rglob("argline/**/__init__.py"))
    missing = [str(p) for p in packages if f"{p.as_posix()}/__init__.py" not in names]
    assert missing == [], "add these to [tool.setuptools] packages in pyproject.toml"


def test_the_installed_wheel_creates_and_seeds_a_database(wheel: Path, tmp_path: Path) -> None:
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    script = (
        "import argline, sys;"
        f"assert argline.__file__.startswith({str(unpacked)!r}), argline.__file__;"
        "from argline.cli import main;"
        f"sys.exit(main(['--db', {str(tmp_path / 'w.argline')!r}, 'seed']))"
    )
    finished = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(unpacked)},
        cwd=tmp_path,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    assert "36 claims added" in finished.stdout
