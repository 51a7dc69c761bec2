#!/usr/bin/env bash
# Package dist/sle-desktop/ (from packaging/build_pyinstaller.sh) as a Debian package:
#
#   packaging/build_deb.sh            # -> dist/sle-desktop_<version>_<arch>.deb
#   sudo apt install ./dist/sle-desktop_<version>_<arch>.deb
#
# Layout: the frozen program under /opt/sle-desktop, the launcher /usr/bin/sle-desktop,
# the menu entry /usr/share/applications/sle-desktop.desktop and the icon in the hicolor
# theme (PNG sizes + scalable SVG). The hicolor and desktop-database caches are refreshed by
# the dpkg triggers of hicolor-icon-theme / desktop-file-utils, so no maintainer scripts.
# Depends: the system libraries the Qt xcb platform plugin loads (libGL/libEGL are never
# bundled; the X/xcb ones are listed too so the program also works if a bundled copy is
# removed). Per-user data stays in the platformdirs folders (~/.local/share/sle_desktop).
set -euo pipefail
cd "$(dirname "$0")/.."

APP=sle-desktop
SRC=dist/$APP
[[ -x "$SRC/$APP" ]] || { echo "error: $SRC/$APP not found; run packaging/build_pyinstaller.sh first" >&2; exit 1; }
command -v dpkg-deb >/dev/null || { echo "error: dpkg-deb not found (apt-get install dpkg)" >&2; exit 1; }

VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' sle_desktop/__init__.py)
[[ -n "$VERSION" ]] || { echo "error: no __version__ in sle_desktop/__init__.py" >&2; exit 1; }
ARCH=$(dpkg --print-architecture)
OUT=dist/${APP}_${VERSION}_${ARCH}.deb
ROOT=build/deb/root
started=$(date +%s)

rm -rf build/deb
mkdir -p "$ROOT/DEBIAN" "$ROOT/opt" "$ROOT/usr/bin" "$ROOT/usr/share/applications" \
         "$ROOT/usr/share/doc/$APP" "$ROOT/usr/share/icons/hicolor/scalable/apps"
cp -a "$SRC" "$ROOT/opt/$APP"

cat > "$ROOT/usr/bin/$APP" <<LAUNCHER
#!/bin/sh
# sle_desktop launcher: the frozen program lives in /opt/$APP.
exec /opt/$APP/$APP "\$@"
LAUNCHER
chmod 0755 "$ROOT/usr/bin/$APP"

cat > "$ROOT/usr/share/applications/$APP.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Version=1.5
Name=sle_desktop
GenericName=Clinical trial data capture
GenericName[ru]=Электронная регистрация данных исследования
Comment=Offline electronic data capture for the SLE MSC trial
Comment[ru]=Автономный ввод данных исследования МСК при СКВ
Exec=$APP %F
TryExec=/usr/bin/$APP
Icon=$APP
Terminal=false
Categories=Office;Science;MedicalSoftware;
Keywords=EDC;SLEDAI;lupus;trial;
StartupNotify=true
DESKTOP

for size in 16 32 48 64 128 256; do
    mkdir -p "$ROOT/usr/share/icons/hicolor/${size}x${size}/apps"
    install -m 0644 "resources/icons/$APP-$size.png" "$ROOT/usr/share/icons/hicolor/${size}x${size}/apps/$APP.png"
done
install -m 0644 "resources/icons/$APP.svg" "$ROOT/usr/share/icons/hicolor/scalable/apps/$APP.svg"

cat > "$ROOT/usr/share/doc/$APP/copyright" <<COPYRIGHT
sle_desktop $VERSION - Proprietary, trial sponsor.
The bundled Python, Qt (LGPLv3), PySide6 (LGPLv3), pyqtgraph (MIT), numpy (BSD), cryptography
(Apache-2.0/BSD), pyrage (MIT/Apache-2.0), argon2-cffi (MIT) and sqlite-utils (Apache-2.0) keep
their licences; their notices are in /opt/$APP/_internal/*.dist-info.
COPYRIGHT

# Ownership root:root (--root-owner-group), files 0644, folders and programs 0755.
find "$ROOT" -type d -exec chmod 0755 {} +
find "$ROOT" -type f ! -perm -u+x -exec chmod 0644 {} +
find "$ROOT" -type f -perm -u+x -exec chmod 0755 {} +

INSTALLED_KB=$(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)
cat > "$ROOT/DEBIAN/control" <<CONTROL
Package: $APP
Version: $VERSION
Architecture: $ARCH
Maintainer: sle_desktop developers <sle-desktop@invalid>
Installed-Size: $INSTALLED_KB
Section: science
Priority: optional
Homepage: https://example.invalid/sle_desktop
Depends: libc6 (>= 2.31), libgl1, libegl1, libfontconfig1, libfreetype6, libdbus-1-3, libx11-6, libx11-xcb1,
 libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0, libxcb-render0,
 libxcb-render-util0, libxcb-shape0, libxcb-shm0, libxcb-sync1, libxcb-xfixes0, libxcb-xkb1,
 libxkbcommon0, libxkbcommon-x11-0
Description: offline electronic data capture for the SLE MSC trial
 sle_desktop lets site clinicians enrol patients through an eligibility wizard,
 enter SELENA-SLEDAI, laboratory and safety forms, look at trend plots and carry
 encrypted, signed sync bundles to the sponsor, on ward PCs without internet.
 .
 Run "sle-desktop --self-test" to check an installation.
CONTROL

dpkg-deb --root-owner-group -Zxz --build "$ROOT" "$OUT" >/dev/null
echo "built $OUT in $(( $(date +%s) - started )) s: $(du -h "$OUT" | cut -f1)"
