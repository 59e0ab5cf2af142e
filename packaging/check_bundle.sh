#!/usr/bin/env bash
# Runs the built bundle with no display and no Python of ours: it creates a database,
# loads the seed corpus, checks it, and exports the seed timeline to PNG (or, while the
# timeline exporter is not there yet, to the JSON exchange format). Exit 0 = it works.
set -euo pipefail
cd "$(dirname "$0")/.."
bundle="${1:-dist/argline}"
exe="$bundle/argline"
[ -x "$exe" ] || { echo "check_bundle: no executable at $exe (run make package)"; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A clean environment: nothing from the venv or the checkout may leak into the bundle.
run() { env -i HOME="$work" PATH=/usr/bin:/bin QT_QPA_PLATFORM=offscreen "$exe" "$@"; }
db="$work/check.argline"
run --version
run --db "$db" seed
run --db "$db" check
if run --db "$db" export "$work/timeline.png" >"$work/png.log" 2>&1; then
  python3 - "$work/timeline.png" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
width, height = struct.unpack(">II", data[16:24])
assert width > 100 and height > 100, (width, height)
print(f"check_bundle: timeline PNG {width}x{height}, {len(data)} bytes")
PY
elif grep -q "No module named 'argline.gui.timeline.export'" "$work/png.log"; then
  # Until argline.gui.timeline.export lands, prove the bundle with the JSON export.
  echo "check_bundle: PNG export unavailable ($(tail -n 1 "$work/png.log")); exporting JSON"
  run --db "$db" export - >"$work/seed.json"
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert len(d['events']) == 16; print('check_bundle: JSON export of', len(d['events']), 'events')" "$work/seed.json"
else
  cat "$work/png.log"
  echo "check_bundle: the PNG export failed"
  exit 1
fi
echo "check_bundle: ok ($(du -sh "$bundle" | cut -f1) in $bundle)"
