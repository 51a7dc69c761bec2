#!/usr/bin/env bash
# The Windows build steps, shared by the real-Windows workflow (.github/workflows/windows-installer.yml,
# Git Bash on windows-latest) and the Wine build on Linux (packaging/windows/build_on_linux.sh), so the
# two cannot drift apart:
#
#   packaging/windows/build.sh OUT_DIR
#
#   1. pip install -e .[packaging]           (into the Windows Python given by $PYTHON)
#   2. PyInstaller packaging/sle_desktop.spec -> OUT_DIR/sle-desktop/ (sle-desktop.exe, sle-desktop-cli.exe)
#   3. the frozen self-test: sle-desktop-cli.exe --self-test prints "self-test OK: ...", and the GUI
#      program sle-desktop.exe --self-test exits 0
#   4. Inno Setup: OUT_DIR/sle-desktop-<version>-setup.exe (packaging/windows/sle_desktop.iss),
#      its compiler output in OUT_DIR/iscc.log
#
# With --baseline it freezes packaging/baseline/ (a bare PySide6 + pyqtgraph window, PyInstaller
# defaults) instead, and packs it with the same .iss into OUT_DIR/bare-window-setup.exe: the size
# reference for the setup file.
#
# Environment (defaults are the real-Windows ones):
#   PYTHON            the Windows Python program           (python)
#   ISCC              the Inno Setup compiler program      (iscc; may contain spaces)
#   RUN_EXE           runs a built .exe                    (nothing: run it directly; Wine: a wrapper)
#   WINPATH           prints a path as Windows sees it, for ISCC (cygpath -w; Wine: winepath -w)
#   PIP_INSTALL_ARGS  extra pip arguments, split at spaces, e.g. "--no-index --find-links DIR -c FILE"
# build_on_linux.sh passes one-line wrapper scripts (`exec wine ... "$@"`) for the first three.
#   QT_QPA_PLATFORM   is set to offscreen for the self-test (under Wine it must also be set in the
#                     prefix's HKCU\Environment, which build_on_linux.sh does)
#
# Every Windows program's output goes through a pipe (`| cat`): under Wine a console program whose
# stdout or stderr is a regular file fails to start, and on Windows the pipe changes nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."

baseline=0
if [[ "${1:-}" == "--baseline" ]]; then baseline=1; shift; fi
OUT="${1:?usage: $0 [--baseline] OUT_DIR}"
python=("${PYTHON:-python}")
iscc=("${ISCC:-iscc}")
run_exe=(); [[ -n "${RUN_EXE:-}" ]] && run_exe=("$RUN_EXE")
read -r -a winpath <<<"${WINPATH:-cygpath -w}"
read -r -a pip_args <<<"${PIP_INSTALL_ARGS:-}"
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }

step() { echo "== $* ($(date -u +%H:%M:%S))"; }
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
started=$(date +%s)

step "pip install -e .[packaging]"
"${python[@]}" -m pip install --disable-pip-version-check --no-warn-script-location -q "${pip_args[@]}" -e ".[packaging]" 2>&1 | cat
VERSION=$("${python[@]}" -c "import sle_desktop; print(sle_desktop.__version__)" 2>&1 | tr -d '\r' | cat)
[[ "$VERSION" =~ ^[0-9]+(\.[0-9]+)*$ ]] || { echo "error: cannot read the version: $VERSION" >&2; exit 1; }

if (( baseline )); then
    spec=packaging/baseline/bare_window.spec; name=bare-window; setup_name=bare-window-setup
else
    spec=packaging/sle_desktop.spec; name=sle-desktop; setup_name=sle-desktop-$VERSION-setup
fi
folder="$OUT/$name"

step "PyInstaller $spec -> $folder"
# A Windows-side filter would hide nothing useful: the only noise is "Library not found" for the
# api-ms-win-crt-* API sets, which Windows 10 provides and PyInstaller never bundles anyway.
"${python[@]}" -m PyInstaller --noconfirm --log-level WARN --distpath "$OUT" --workpath "build/windows/$name" "$spec" 2>&1 \
    | { grep -v "could not resolve 'api-ms-win-" || true; }
[[ -f "$folder/$name.exe" ]] || { echo "error: PyInstaller built no $folder/$name.exe" >&2; exit 1; }

if (( ! baseline )); then
    step "frozen self-test"
    out=$(QT_QPA_PLATFORM=offscreen "${run_exe[@]}" "$folder/sle-desktop-cli.exe" --self-test 2>&1 | tr -d '\r' | cat)
    echo "$out"
    [[ "$out" == "self-test OK: "* ]] || { echo "error: unexpected self-test output" >&2; exit 1; }
    # The GUI program is the same code: run it to completion and check its exit code too.
    QT_QPA_PLATFORM=offscreen "${run_exe[@]}" "$folder/sle-desktop.exe" --self-test 2>&1 | cat
fi

folder_bytes=$(du -sb "$folder" | cut -f1)

step "Inno Setup -> $OUT/$setup_name.exe"
rm -f "$OUT/$setup_name.exe"
"${iscc[@]}" "/DAppVersion=$VERSION" "/DSourceDir=$("${winpath[@]}" "$folder" 2>/dev/null | tr -d '\r')" \
    "/O$("${winpath[@]}" "$OUT" 2>/dev/null | tr -d '\r')" "/F$setup_name" packaging/windows/sle_desktop.iss 2>&1 \
    | tr -d '\r' > "$OUT/iscc.log"
tail -n 3 "$OUT/iscc.log"
# Without a working compiler (e.g. Wine without wine32) ISCC can exit 0 and write nothing.
[[ -s "$OUT/$setup_name.exe" ]] || { echo "error: Inno Setup wrote no $OUT/$setup_name.exe (see $OUT/iscc.log)" >&2; exit 1; }

setup_bytes=$(wc -c <"$OUT/$setup_name.exe")
echo "built $OUT/$setup_name.exe ($(mib "$setup_bytes"), $setup_bytes bytes) from $folder ($(mib "$folder_bytes")," \
     "$folder_bytes bytes) in $(( $(date +%s) - started )) s"
