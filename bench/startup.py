"""How long from process start to the main window shown on the seed corpus? And a bare Qt window.

Each run is a fresh process (imports included, as a user waits for them): it prints the
seconds from its own start, read from the kernel's process start time, to the end of the
window's first paint (timeline and map drawn). Argline draws its first window through
sqlite3 and brings SQLAlchemy in on a thread after that paint: the seconds until it is
in, when an edit starts without waiting for imports, are "argline_ready_s". Runs of the
two kinds alternate, so that both meet the same load. Prints each run's figures, then a
last line of JSON: {"argline_s": a, "bare_qt_s": b, "argline_ready_s": r}, medians of --runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

PROBE = r"""
import os, sys, time
def since_start():
    # /proc/self/stat field 22 is the start time in clock ticks since boot
    ticks = int(open("/proc/self/stat").read().rsplit(")", 1)[1].split()[19])
    boot = time.clock_gettime(time.CLOCK_BOOTTIME)
    return boot - ticks / os.sysconf("SC_CLK_TCK")
kind, target = sys.argv[1], sys.argv[2]
if kind == "bare":
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication([])
    window = QMainWindow()
    window.resize(1440, 900)
    window.show()
else:
    import argline.cli  # the path `argline FILE` takes: the command line, then the window
    from argline.gui.launch import show_window
    window = show_window(target)
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
from PySide6.QtCore import QEvent, QObject, QTimer
def done():
    print(f"{since_start():.4f}")
    if kind == "bare":
        app.quit()
    else:
        ready()
def ready():
    if not window.store.sessions_ready:  # SQLAlchemy comes in right after the first paint
        QTimer.singleShot(1, ready)
        return
    print(f"{since_start():.4f}")
    app.quit()
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, done)  # once the whole first paint is done
        return False
first_paint = FirstPaint()
window.installEventFilter(first_paint)
QTimer.singleShot(30000, lambda: app.exit(3))  # never painted: fail the run
sys.exit(app.exec())
"""


def time_once(kind: str, target: Path) -> list[float]:
    environment = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    # An installed application has its bytecode compiled (pip does it); so do the runs here.
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    output = subprocess.run(
        [sys.executable, "-c", PROBE, kind, str(target)],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
    ).stdout
    return [float(line) for line in output.strip().splitlines()[-2 if kind == "argline" else -1 :]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "seed.argline"
        subprocess.run(
            [sys.executable, "-m", "argline", "--db", str(target), "seed"],
            check=True,
            capture_output=True,
        )
        time_once("argline", target)  # warm the file cache and the bytecode
        argline, ready, bare = [], [], []
        for _ in range(args.runs):
            painted, opened = time_once("argline", target)
            argline.append(painted)
            ready.append(opened)
            bare += time_once("bare", target)
    print("argline:", ", ".join(f"{s:.3f}" for s in argline), "s")
    print("argline, store open:", ", ".join(f"{s:.3f}" for s in ready), "s")
    print("bare Qt:", ", ".join(f"{s:.3f}" for s in bare), "s")
    print(
        json.dumps(
            {
                "argline_s": round(statistics.median(argline), 3),
                "bare_qt_s": round(statistics.median(bare), 3),
                "argline_ready_s": round(statistics.median(ready), 3),
            }
        )
    )


if __name__ == "__main__":
    main()
