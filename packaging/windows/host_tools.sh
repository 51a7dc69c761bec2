#!/usr/bin/env bash
# Install (Debian/Ubuntu, as root, with apt-get) the Linux tools the Wine build and the packaging
# tests need, when one is missing; otherwise print the apt-get command and fail.
#
#   packaging/windows/host_tools.sh build   # Wine 64+32 bit (ISCC.exe is a 32-bit program), mingw-w64
#   packaging/windows/host_tools.sh test    # + Xvfb, xwininfo, xwd, netpbm (GUI window check, screenshot)
#   packaging/windows/host_tools.sh deb     # patchelf, desktop-file-validate, lintian (the .deb build and its checks)
#
# Several groups can be named at once. Nothing is installed when everything is there already.
set -euo pipefail

packages=()
need_i386=0
have() { command -v "$1" >/dev/null 2>&1; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }

for group in "${@:-build}"; do
    case "$group" in
        build|test)
            have wine && have winepath && have wineserver || packages+=(wine)
            [[ -x /usr/lib/wine/wine64 ]] || have wine64 || packages+=(wine64)
            if ! installed wine32:i386 && ! installed wine32; then packages+=(wine32:i386); need_i386=1; fi
            have x86_64-w64-mingw32-gcc-posix || have x86_64-w64-mingw32-gcc || packages+=(gcc-mingw-w64-x86-64-posix)
            have npm || packages+=(npm)
            if [[ "$group" == test ]]; then
                have Xvfb || packages+=(xvfb)
                have xwininfo || packages+=(x11-utils)
                have xwd || packages+=(x11-apps)
                have pnmtopng || packages+=(netpbm)
            fi
            ;;
        deb)
            have patchelf || packages+=(patchelf)
            have desktop-file-validate || packages+=(desktop-file-utils)
            have lintian || packages+=(lintian)
            have strip || packages+=(binutils)
            have dpkg-deb || packages+=(dpkg)
            have file || packages+=(file)
            ;;
        *) echo "usage: $0 [build|test|deb]..." >&2; exit 2 ;;
    esac
done

(( ${#packages[@]} )) || exit 0
readarray -t packages < <(printf '%s\n' "${packages[@]}" | sort -u)
if [[ $(id -u) -ne 0 ]] || ! have apt-get; then
    echo "error: missing tools; install them with:" >&2
    (( need_i386 )) && echo "  sudo dpkg --add-architecture i386" >&2
    echo "  sudo apt-get update && sudo apt-get install --no-install-recommends ${packages[*]}" >&2
    exit 1
fi
echo "installing ${packages[*]} (apt-get)"
(( need_i386 )) && dpkg --add-architecture i386
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${packages[@]}" >/dev/null
