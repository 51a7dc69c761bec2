#!/usr/bin/env bash
# Compile the Wine 8.0 stand-in DLLs (see the .c files) into OUT_DIR, for a TEST Wine prefix's
# system32 only:   packaging/windows/wine-shims/build.sh OUT_DIR
# Needs gcc-mingw-w64-x86-64-posix (apt). Never run this into a build or dist folder.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:?usage: $0 OUT_DIR}"
cc=$(command -v x86_64-w64-mingw32-gcc-posix || command -v x86_64-w64-mingw32-gcc) \
    || { echo "error: x86_64-w64-mingw32-gcc not found (apt-get install gcc-mingw-w64-x86-64-posix)" >&2; exit 1; }
mkdir -p "$out"
"$cc" -shared -O2 -s -static-libgcc -o "$out/bcryptprimitives.dll" "$here/bcryptprimitives.c" -ladvapi32
"$cc" -shared -O2 -s -static-libgcc -o "$out/icuuc.dll" "$here/icuuc.c"
