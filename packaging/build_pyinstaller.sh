#!/usr/bin/env bash
# Build the one-folder PyInstaller bundle: dist/sle-desktop/ (work files in build/).
#
#   packaging/build_pyinstaller.sh              # the application (packaging/sle_desktop.spec)
#   packaging/build_pyinstaller.sh --baseline   # the size baseline: a bare PySide6 + pyqtgraph
#                                               # window (packaging/baseline/), dist/baseline/bare-window/
#
# Runs with the Python on PATH (activate the project's virtual environment first; it needs
# `pip install -e '.[packaging]'`) or the one in $PYTHON. Prints the folder size at the end.
#
# On Linux the interpreter's own debug information (libpython and the standard library's
# extension modules carry DWARF sections in pyenv/source builds) is removed with
# `strip --strip-debug`; symbol tables stay, and no third-party library is touched (numpy's
# auditwheel-patched libraries break when stripped). The baseline gets the same treatment.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python}"

if [[ "${1:-}" == "--baseline" ]]; then
    spec=packaging/baseline/bare_window.spec; distpath=dist/baseline; workpath=build/baseline; name=bare-window
else
    spec=packaging/sle_desktop.spec; distpath=dist; workpath=build/pyinstaller; name=sle-desktop
fi

started=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN --distpath "$distpath" --workpath "$workpath" "$spec"
out="$distpath/$name"

if [[ "$(uname -s)" == "Linux" ]] && command -v strip >/dev/null; then
    find "$out/_internal" -maxdepth 1 -name 'libpython3*.so*' -type f -exec strip --strip-debug {} +
    if [[ -d "$out/_internal/python3.11/lib-dynload" ]] || compgen -G "$out/_internal/python3.*/lib-dynload" >/dev/null; then
        find "$out"/_internal/python3.*/lib-dynload -name '*.so' -type f -exec strip --strip-debug {} +
    fi
fi

echo "built $out in $(( $(date +%s) - started )) s: $(du -sh "$out" | cut -f1)"
