#!/usr/bin/env bash
# Installs the system libraries Qt needs, only those Qt cannot load without: it asks the
# dynamic linker (ldd) what the xcb and offscreen platform plugins of the venv's PySide6
# lack. With --tests it also installs the tools the tests run (the freedesktop
# validators), with --deb those and lintian, where missing. apt-get waits for another apt-get's lock instead of failing,
# and one line says what is installed and why. As root on Debian/Ubuntu only; elsewhere
# it names what is missing.
#   usage: system-deps.sh [--tests|--deb] PYTHON
set -euo pipefail
tools=()
case "${1:-}" in
  --tests) tools=(desktop-file-validate:desktop-file-utils appstreamcli:appstream
                  update-mime-database:shared-mime-info); shift ;;
  --deb) tools=(desktop-file-validate:desktop-file-utils appstreamcli:appstream
                update-mime-database:shared-mime-info lintian:lintian); shift ;;
esac
python="${1:?usage: system-deps.sh [--tests|--deb] PYTHON}"
[ "$(uname -s)" = Linux ] || exit 0

# The Debian package of each library Qt's plugins link to that a minimal system lacks.
declare -A package_of=(
  [libEGL.so.1]=libegl1 [libGL.so.1]=libgl1 [libOpenGL.so.0]=libopengl0
  [libGLX.so.0]=libglx0 [libfontconfig.so.1]=libfontconfig1 [libfreetype.so.6]=libfreetype6
  [libxkbcommon.so.0]=libxkbcommon0 [libxkbcommon-x11.so.0]=libxkbcommon-x11-0
  [libdbus-1.so.3]=libdbus-1-3 [libglib-2.0.so.0]=libglib2.0-0 [libgthread-2.0.so.0]=libglib2.0-0
  [libX11.so.6]=libx11-6 [libX11-xcb.so.1]=libx11-xcb1 [libSM.so.6]=libsm6 [libICE.so.6]=libice6
  [libxcb.so.1]=libxcb1 [libxcb-cursor.so.0]=libxcb-cursor0 [libxcb-icccm.so.4]=libxcb-icccm4
  [libxcb-image.so.0]=libxcb-image0 [libxcb-keysyms.so.1]=libxcb-keysyms1
  [libxcb-randr.so.0]=libxcb-randr0 [libxcb-render.so.0]=libxcb-render0
  [libxcb-render-util.so.0]=libxcb-render-util0 [libxcb-shape.so.0]=libxcb-shape0
  [libxcb-shm.so.0]=libxcb-shm0 [libxcb-sync.so.1]=libxcb-sync1 [libxcb-util.so.1]=libxcb-util1
  [libxcb-xfixes.so.0]=libxcb-xfixes0 [libxcb-xinerama.so.0]=libxcb-xinerama0
  [libxcb-xinput.so.0]=libxcb-xinput0 [libxcb-xkb.so.1]=libxcb-xkb1
)

qt="$("$python" -c 'import importlib.util, pathlib; print(pathlib.Path(importlib.util.find_spec("PySide6").origin).parent / "Qt")')"
lacking=()
for plugin in "$qt/plugins/platforms/libqxcb.so" "$qt/plugins/platforms/libqoffscreen.so"; do
  [ -e "$plugin" ] || continue
  while read -r library; do lacking+=("$library"); done < <(ldd "$plugin" | awk '/not found/ {print $1}')
done
packages=() unknown=() why=()
for library in $(printf '%s\n' "${lacking[@]}" | sort -u); do
  why+=("$library")
  if [ -n "${package_of[$library]:-}" ]; then packages+=("${package_of[$library]}"); else unknown+=("$library"); fi
done
for tool in "${tools[@]}"; do
  command -v "${tool%%:*}" >/dev/null || { packages+=("${tool#*:}"); why+=("${tool%%:*}"); }
done
[ ${#unknown[@]} -eq 0 ] || echo "system-deps: Qt lacks ${unknown[*]}, which no package here is known to give"
[ ${#packages[@]} -eq 0 ] && exit 0
packages=($(printf '%s\n' "${packages[@]}" | sort -u))
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "system-deps: missing ${why[*]}: install ${packages[*]} with your package manager"
  exit 0
fi
echo "system-deps: installing ${packages[*]} (for ${why[*]})"
# Wait up to 10 minutes for another apt-get or an unattended upgrade to let go of the lock.
apt=(apt-get -qq -o DPkg::Lock::Timeout=600)
export DEBIAN_FRONTEND=noninteractive
# Straight from the package lists there are; only when that fails (none, or stale) update them.
"${apt[@]}" install -y --no-install-recommends "${packages[@]}" >/dev/null 2>&1 \
  || { "${apt[@]}" update >/dev/null && "${apt[@]}" install -y --no-install-recommends "${packages[@]}" >/dev/null; }
