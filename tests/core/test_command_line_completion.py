"""`argline completion bash|zsh` prints a completion script made from the parser itself,
so a new command or option completes without anyone writing shell."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from argline.cli import COMMANDS, main


def _script(shell: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["completion", shell]) == 0
    return capsys.readouterr().out


def _completed(script: Path, words: list[str]) -> list[str]:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    line = " ".join(words)
    program = (
        f"source {script}\n"
        f"COMP_WORDS=({' '.join(repr(w) for w in words)}); COMP_CWORD={len(words) - 1}\n"
        f"COMP_LINE={line!r}; COMP_POINT={len(line)}\n"
        "_shtab_argline; printf '%s\\n' \"${COMPREPLY[@]}\"\n"
    )
    finished = subprocess.run(
        [bash, "--norc", "-c", program], capture_output=True, text=True, check=True, timeout=60
    )
    return finished.stdout.split()


def test_bash_completes_commands_list_kinds_and_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "argline.bash"
    script.write_text(_script("bash", capsys))
    assert set(COMMANDS) <= set(_completed(script, ["argline", ""]))
    assert _completed(script, ["argline", "ev"]) == ["evaluate"]
    assert _completed(script, ["argline", "list", ""]) == ["assessments", "events", "lanes"]
    assert "--assessment" in _completed(script, ["argline", "evaluate", "--"])
    assert _completed(script, ["argline", "completion", "z"]) == ["zsh"]


def test_the_zsh_script_is_a_compdef_zsh_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _script("zsh", capsys)
    assert text.startswith("#compdef argline")
    for command in COMMANDS:
        assert f"    {command}:'" in text
    zsh = shutil.which("zsh")
    if zsh is None:
        pytest.skip("zsh is not installed to parse the script (apt-get install zsh)")
    script = tmp_path / "_argline"
    script.write_text(text)
    subprocess.run([zsh, "--no-rcs", "-n", str(script)], check=True, timeout=60)


def test_an_unknown_shell_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["completion", "fish"])
    assert exited.value.code == 2
    assert "invalid choice: 'fish'" in capsys.readouterr().err
