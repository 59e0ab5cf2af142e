#!/usr/bin/env bash
# Installs the system libraries Qt loads (EGL, fontconfig, xkbcommon, xcb) and the freedesktop
# validators the resource tests run (desktop-file-validate, appstreamcli, update-mime-database).
# Runs apt-get only as root on Debian/Ubuntu; elsewhere it says what is missing.
set -euo pipefail
needed=(libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3
        libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
        desktop-file-utils appstream shared-mime-info)
command -v dpkg-query >/dev/null || exit 0
missing=()
for package in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "Qt may need these system packages: ${missing[*]} (install them with your package manager)"
fi
