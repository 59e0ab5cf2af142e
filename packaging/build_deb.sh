#!/usr/bin/env bash
# Builds dist/argline_VERSION_amd64.deb from the PyInstaller one-folder bundle (make
# package): the bundle under /opt/argline (its own Python and Qt, apart from the
# system's, so it runs on any Debian or Ubuntu of its libc), /usr/bin/argline, the
# desktop entry, hicolor icons, AppStream metainfo and the MIME type of .argline files.
# The Depends line is dpkg-shlibdeps' reading of the system libraries the bundle's Qt
# links to. Then lintian checks it, where installed.
#   usage: [LINTIAN=no] build_deb.sh BUNDLE OUT_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
bundle="$(realpath "${1:?usage: build_deb.sh BUNDLE OUT_DIR}")"
out="$(mkdir -p "${2:?usage: build_deb.sh BUNDLE OUT_DIR}" && realpath "$2")"
app=io.github.argline.Argline
[ -x "$bundle/argline" ] || { echo "build_deb: no bundle at $bundle (run make package)"; exit 1; }
version="$(env -i QT_QPA_PLATFORM=offscreen "$bundle/argline" --version | awk '{print $2}')"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"
# The date of the last commit, so that the same checkout builds the same package.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"

install -d "$root/opt" "$root/usr/bin" "$root/DEBIAN" "$root/usr/share/doc/argline"
cp -a "$bundle" "$root/opt/argline"
ln -s /opt/argline/argline "$root/usr/bin/argline"
install -D -m 644 resources/$app.desktop "$root/usr/share/applications/$app.desktop"
install -D -m 644 resources/$app.metainfo.xml "$root/usr/share/metainfo/$app.metainfo.xml"
install -D -m 644 resources/argline-mime.xml "$root/usr/share/mime/packages/argline.xml"
for size in 16 24 32 48 64 128 256 512; do
  install -D -m 644 "resources/icons/argline-$size.png" \
    "$root/usr/share/icons/hicolor/${size}x${size}/apps/$app.png"
done
install -D -m 644 resources/icons/argline.svg "$root/usr/share/icons/hicolor/scalable/apps/$app.svg"
install -D -m 644 packaging/deb/copyright "$root/usr/share/doc/argline/copyright"
install -D -m 644 packaging/deb/lintian-overrides "$root/usr/share/lintian/overrides/argline"
sed "s/@VERSION@/$version/; s/@DATE@/$(date -R -u -d "@$SOURCE_DATE_EPOCH")/" \
  packaging/deb/changelog | gzip -9n > "$root/usr/share/doc/argline/changelog.gz"
chmod 644 "$root/usr/share/doc/argline/changelog.gz"
install -m 755 packaging/deb/postinst "$root/DEBIAN/postinst"
install -m 755 packaging/deb/postrm "$root/DEBIAN/postrm"
# The bundle's files as the package owns them: no write bit for group or others, shared
# libraries not executable, and stripped of their symbols (not the executable: PyInstaller
# appends its archive to it).
chmod -R u+rwX,go+rX,go-w "$root/opt/argline"
find "$root/opt/argline" -type f -name '*.so*' -exec chmod 644 {} + \
  -exec strip --strip-unneeded --remove-section=.comment --remove-section=.note {} +

# dpkg-shlibdeps reads a debian/control; the libraries the bundle carries are found in it
# (-l) and need no package. Optional Qt plugins whose libraries this system lacks (the
# GTK theme) are left out of the reading: Qt skips them at run time where they cannot load.
mkdir -p "$work/src/debian"
printf 'Source: argline\n\nPackage: argline\nArchitecture: amd64\n' > "$work/src/debian/control"
mapfile -t objects < <(find "$root/opt/argline" -type f \( -name '*.so*' -o -name argline \) \
  -exec sh -c 'for f; do ldd "$f" 2>/dev/null | grep -q "not found" || echo "$f"; done' _ {} +)
libdirs=$(find "$root/opt/argline" -name '*.so*' -printf '-l%h\n' | sort -u)
depends="$(cd "$work/src" && dpkg-shlibdeps -O --ignore-missing-info $libdirs "${objects[@]}" 2>/dev/null \
  | sed -n 's/^shlibs:Depends=//p')"
[ -n "$depends" ] || { echo "build_deb: dpkg-shlibdeps found no dependencies"; exit 1; }

size="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
sed "s/@VERSION@/$version/; s/@SIZE@/$size/; s/@DEPENDS@/$depends/" packaging/deb/control \
  > "$root/DEBIAN/control"
deb="$out/argline_${version}_amd64.deb"
# gzip: a quarter of xz's time on the 230 MB bundle, and every dpkg reads it.
dpkg-deb --root-owner-group -Zgzip --build "$root" "$deb" >/dev/null
echo "build_deb: $deb ($(du -h "$deb" | cut -f1))"
# LINTIAN=no skips it (the test does: it takes some 2 minutes here; make deb runs it).
if [ "${LINTIAN:-yes}" = yes ] && command -v lintian >/dev/null; then
  lintian --fail-on error "$deb" \
    || { echo "build_deb: lintian found errors"; exit 1; }
fi
