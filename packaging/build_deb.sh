#!/usr/bin/env bash
# Package dist/sle-desktop/ (from packaging/build_pyinstaller.sh) as a Debian package:
#
#   packaging/build_deb.sh            # -> dist/sle-desktop_<version>-<revision>_<arch>.deb
#   sudo apt install ./dist/sle-desktop_<version>_<arch>.deb
#
# Layout: the frozen program under /opt/sle-desktop, the launcher /usr/bin/sle-desktop,
# the menu entry /usr/share/applications/sle-desktop.desktop and the icon in the hicolor
# theme (PNG sizes + scalable SVG). The hicolor and desktop-database caches are refreshed by
# the dpkg triggers of hicolor-icon-theme / desktop-file-utils, so no maintainer scripts.
# Depends: the system libraries the Qt xcb platform plugin loads (libGL/libEGL are never
# bundled; the X/xcb ones are listed too so the program also works if a bundled copy is
# removed), and a font with Cyrillic glyphs (fonts-dejavu-core) for the Russian interface.
# Per-user data stays in the platformdirs folders (~/.local/share/sle_desktop).
#
# Clean for desktop-file-validate and lintian (tests/packaging/test_frozen_build.py runs both):
# the frozen interpreter's RUNPATH into the build machine's Python is removed (patchelf), the
# ELF objects are stripped of symbols the program does not need (strip --strip-unneeded; the
# PyInstaller bootloader and numpy's auditwheel-patched libraries are left alone: the former
# carries its archive after the ELF sections, the latter break when stripped), shared libraries
# are 0644, and there is a Debian changelog. The only lintian tags left are those of the
# deliberate /opt layout (a frozen program with its own Python and Qt), overridden narrowly in
# packaging/deb/lintian-overrides.
set -euo pipefail
cd "$(dirname "$0")/.."

APP=sle-desktop
SRC=dist/$APP
[[ -x "$SRC/$APP" ]] || { echo "error: $SRC/$APP not found; run packaging/build_pyinstaller.sh first" >&2; exit 1; }
for tool in dpkg-deb patchelf strip file; do
    command -v "$tool" >/dev/null || { echo "error: $tool not found (packaging/windows/host_tools.sh deb, or apt-get install dpkg patchelf binutils file)" >&2; exit 1; }
done

VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' sle_desktop/__init__.py)
[[ -n "$VERSION" ]] || { echo "error: no __version__ in sle_desktop/__init__.py" >&2; exit 1; }
# The Debian revision of packaging/deb/changelog's top entry, which must be for $VERSION.
DEB_VERSION=$(sed -n "1s/^$APP (\($VERSION-[0-9][0-9.]*\)).*/\1/p" packaging/deb/changelog)
[[ -n "$DEB_VERSION" ]] || { echo "error: packaging/deb/changelog does not start with an entry for $VERSION-<revision>" >&2; exit 1; }
ARCH=$(dpkg --print-architecture)
OUT=dist/${APP}_${DEB_VERSION}_${ARCH}.deb
ROOT=build/deb/root
started=$(date +%s)

rm -rf build/deb
mkdir -p "$ROOT/DEBIAN" "$ROOT/opt" "$ROOT/usr/bin" "$ROOT/usr/share/applications" \
         "$ROOT/usr/share/doc/$APP" "$ROOT/usr/share/icons/hicolor/scalable/apps"
cp -a "$SRC" "$ROOT/opt/$APP"

# Libraries every Debian system has, which PyInstaller copied from the build machine: the
# package depends on Debian's (security updates; lintian: embedded-library) instead.
for lib in libz.so.1 libbz2.so.1.0 libexpat.so.1 libfreetype.so.6 libpng16.so.16; do
    rm -f "$ROOT/opt/$APP/_internal/$lib"
done
# Strip what the program does not need from every ELF object except the bootloader (its archive
# follows the ELF sections) and auditwheel-patched libraries (*.libs/: patchelf-ed, break when
# stripped; lintian-overrides names the one lintian sees).
find "$ROOT/opt/$APP/_internal" -type f \( -name '*.so' -o -name '*.so.*' \) ! -path '*.libs/*' -print0 \
    | while IFS= read -r -d '' lib; do
        if file -b "$lib" | grep -q '^ELF.*not stripped'; then strip --strip-unneeded "$lib"; fi
    done
# The interpreter and its extension modules were linked with a RUNPATH into the build machine's
# Python (pyenv or /usr/local); the frozen program finds its libraries in _internal/ itself.
find "$ROOT/opt/$APP/_internal" -maxdepth 1 -name 'libpython3*.so*' -type f -exec patchelf --remove-rpath {} \;
find "$ROOT/opt/$APP/_internal" -path '*/lib-dynload/*.so' -type f -exec patchelf --remove-rpath {} \;

cat > "$ROOT/usr/bin/$APP" <<LAUNCHER
#!/bin/sh
# sle_desktop launcher: the frozen program lives in /opt/$APP.
exec /opt/$APP/$APP "\$@"
LAUNCHER
chmod 0755 "$ROOT/usr/bin/$APP"

cat > "$ROOT/usr/share/applications/$APP.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Version=1.0
Name=sle_desktop
GenericName=Clinical trial data capture
GenericName[ru]=Электронная регистрация данных исследования
Comment=Offline electronic data capture for the SLE MSC trial
Comment[ru]=Автономный ввод данных исследования МСК при СКВ
Exec=$APP
TryExec=/usr/bin/$APP
Icon=$APP
Terminal=false
Categories=Science;MedicalSoftware;
Keywords=EDC;SLEDAI;lupus;trial;
StartupNotify=true
DESKTOP

for size in 16 32 48 64 128 256; do
    mkdir -p "$ROOT/usr/share/icons/hicolor/${size}x${size}/apps"
    install -m 0644 "resources/icons/$APP-$size.png" "$ROOT/usr/share/icons/hicolor/${size}x${size}/apps/$APP.png"
done
install -m 0644 "resources/icons/$APP.svg" "$ROOT/usr/share/icons/hicolor/scalable/apps/$APP.svg"

# Debian changelog (lintian: no-changelog), from packaging/deb/changelog.
gzip -9n <packaging/deb/changelog >"$ROOT/usr/share/doc/$APP/changelog.Debian.gz"
mkdir -p "$ROOT/usr/share/lintian/overrides"
install -m 0644 packaging/deb/lintian-overrides "$ROOT/usr/share/lintian/overrides/$APP"

cat > "$ROOT/usr/share/doc/$APP/copyright" <<COPYRIGHT
sle_desktop $VERSION

Copyright: 2026 sle_desktop developers
License: proprietary, trial sponsor.

The bundled Python (PSF-2.0), Qt and PySide6 (LGPL-3, /usr/share/common-licenses/LGPL-3),
pyqtgraph (MIT), numpy (BSD-3-clause), cryptography (Apache-2.0 or BSD-3-clause), pyrage (MIT
or Apache-2.0), argon2-cffi (MIT) and sqlite-utils (Apache-2.0) keep their licences. The full
text of the Apache License 2.0 is in /usr/share/common-licenses/Apache-2.0; the other notices
are in /opt/$APP/_internal/*.dist-info.
COPYRIGHT

# Ownership root:root (--root-owner-group), files 0644, folders and programs 0755; shared
# libraries and extension modules are not programs (lintian: shared-library-is-executable).
find "$ROOT" -type d -exec chmod 0755 {} +
find "$ROOT" -type f ! -perm -u+x -exec chmod 0644 {} +
find "$ROOT" -type f -perm -u+x -exec chmod 0755 {} +
find "$ROOT/opt" -type f \( -name '*.so' -o -name '*.so.*' \) -exec chmod 0644 {} +

INSTALLED_KB=$(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)
cat > "$ROOT/DEBIAN/control" <<CONTROL
Package: $APP
Version: $DEB_VERSION
Architecture: $ARCH
Maintainer: sle_desktop developers <sle-desktop@example.org>
Installed-Size: $INSTALLED_KB
Section: science
Priority: optional
Homepage: https://example.invalid/sle_desktop
Depends: libc6 (>= 2.31), libgl1, libegl1, libfontconfig1, libfreetype6, libdbus-1-3, libx11-6, libx11-xcb1, libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0, libxcb-render0, libxcb-render-util0, libxcb-shape0, libxcb-shm0, libxcb-sync1, libxcb-xfixes0, libxcb-xkb1, libxkbcommon0, libxkbcommon-x11-0, zlib1g, libbz2-1.0, libexpat1, libpng16-16, fonts-dejavu-core
Description: offline electronic data capture for the SLE MSC trial
 sle_desktop lets site clinicians enrol patients through an eligibility wizard,
 enter SELENA-SLEDAI, laboratory and safety forms, look at trend plots and carry
 encrypted, signed sync bundles to the sponsor, on ward PCs without internet.
 .
 Run "sle-desktop --self-test" to check an installation.
CONTROL

dpkg-deb --root-owner-group -Zxz --build "$ROOT" "$OUT" >/dev/null
echo "built $OUT in $(( $(date +%s) - started )) s: $(du -h "$OUT" | cut -f1)"
