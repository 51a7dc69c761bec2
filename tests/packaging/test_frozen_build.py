"""The frozen build and the Debian package (slow; run with SLE_RUN_PACKAGING=1, see conftest.py).

Builds dist/sle-desktop/ with packaging/build_pyinstaller.sh, runs its --self-test under the
offscreen Qt platform, checks what was left out, then builds the .deb with
packaging/build_deb.sh and inspects it: desktop-file-validate and lintian (no error but those
of the deliberate /opt layout, which packaging/deb/lintian-overrides names), no RUNPATH into
the build machine's Python, shared libraries not executable, a changelog, and the packaged
program's own self-test. With SLE_PACKAGING_INSTALL=1 as root it installs the package with apt
and runs the installed launcher's self-test.
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sle_desktop.store import migrations

import sle_desktop

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist" / "sle-desktop"
PROGRAM = DIST / ("sle-desktop.exe" if sys.platform == "win32" else "sle-desktop")
# The reference: a bare PySide6 + pyqtgraph window frozen the same way, unpacked.
BASELINE_UNPACKED_BYTES = 219 * 1024 * 1024
ICON_SIZES = (16, 32, 48, 64, 128, 256)
# freedesktop.org main categories; a menu entry names exactly one (desktop-file-validate warns otherwise).
MAIN_CATEGORIES = {"AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics", "Network",
                   "Office", "Science", "Settings", "System", "Utility"}


def _env(tmp_path: Path) -> dict:
    """Offscreen Qt, and a throw-away HOME so nothing touches the real user profile."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    for name in ("SLE_DESKTOP_KEY_DIR", "SLE_DESKTOP_DB", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    return env


@pytest.fixture(scope="module")
def frozen() -> Path:
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (pip install -e '.[packaging]')")
    if sys.platform == "win32":
        pytest.skip("the Windows build runs in .github/workflows/windows-installer.yml")
    subprocess.run(["bash", str(ROOT / "packaging" / "build_pyinstaller.sh")], cwd=ROOT, check=True,
                   env=dict(os.environ, PYTHON=sys.executable), timeout=900)
    assert PROGRAM.is_file()
    return DIST


@pytest.fixture(scope="module")
def deb(frozen) -> Path:
    if shutil.which("dpkg-deb") is None:
        pytest.skip("dpkg-deb is not installed")
    subprocess.run(["bash", str(ROOT / "packaging" / "build_deb.sh")], cwd=ROOT, check=True, timeout=900)
    debs = sorted((ROOT / "dist").glob(f"sle-desktop_{sle_desktop.__version__}-*_*.deb"))
    assert len(debs) == 1, debs
    return debs[0]


def test_frozen_self_test_passes(frozen, tmp_path):
    result = subprocess.run([str(PROGRAM), "--self-test"], capture_output=True, text=True, timeout=120,
                            env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(rf"self-test OK: store v{migrations.LATEST}, site, SLEDAI 19, study SLE-MSC-BY 1\.0, bundle [1-9]\d* records, "
                        r"icon, plot \d+x\d+ \(\d+\.\d s\)\n", result.stdout), result.stdout
    assert result.stdout.count("\n") == 1


def test_frozen_version_and_error_exit(frozen, tmp_path):
    version = subprocess.run([str(PROGRAM), "--version"], capture_output=True, text=True, timeout=60, env=_env(tmp_path))
    assert version.returncode == 0
    assert version.stdout.strip() == f"sle_desktop {sle_desktop.__version__}"
    missing = tmp_path / "missing.sqlite"
    result = subprocess.run([str(PROGRAM), "verify-audit", "--db", str(missing)], capture_output=True, text=True,
                            timeout=60, env=_env(tmp_path))
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: No database at {missing}."


def test_frozen_folder_holds_resources_and_leaves_out_unused_qt(frozen):
    internal = frozen / "_internal"
    assert (internal / "resources" / "study" / "sle-msc.toml").is_file()
    assert (internal / "resources" / "icons" / "sle-desktop.svg").is_file()
    names = {p.relative_to(internal).as_posix() for p in internal.rglob("*")}
    qt_plugins = {n for n in names if "/Qt/plugins/" in n and n.endswith(".so")}
    kept = {n.split("/Qt/plugins/")[1] for n in qt_plugins}
    assert "platforms/libqxcb.so" in kept and "platforms/libqoffscreen.so" in kept
    assert "imageformats/libqsvg.so" in kept and "iconengines/libqsvgicon.so" in kept
    assert not [k for k in kept if k.startswith(("wayland", "tls/", "networkinformation/", "egldeviceintegrations/"))]
    assert not [k for k in kept if k in ("platforms/libqwayland.so", "platforms/libqvnc.so", "platforms/libqeglfs.so",
                                         "platformthemes/libqgtk3.so", "imageformats/libqtiff.so")]
    translations = sorted(Path(n).name for n in names if "/Qt/translations/" in n)
    assert translations == ["qt_en.qm", "qt_ru.qm", "qtbase_en.qm", "qtbase_ru.qm"]
    unwanted = re.compile(r"(QtNetwork|QtQml|QtQuick|QtPdf|QtSql|QtMultimedia|QtWebEngine|Qt3D|QtTest|Qt6Network|"
                          r"Qt6Qml|Qt6Quick|Qt6Wayland|libgtk|libpango|tkinter|_tkinter)")
    binaries = [n for n in names if re.search(r"\.so(\.[0-9.]+)?$", n)]
    assert not sorted(n for n in binaries if unwanted.search(Path(n).name))


def test_frozen_folder_is_smaller_than_a_bare_pyside_window(frozen):
    size = sum(p.stat().st_size for p in frozen.rglob("*") if p.is_file() and not p.is_symlink())
    assert size < BASELINE_UNPACKED_BYTES, f"{size / 2**20:.0f} MiB"


def _deb_listing(deb: Path) -> set[str]:
    out = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    paths = set()
    for line in out.splitlines():
        path = line.split(None, 5)[5]
        paths.add(path.split(" -> ")[0].removeprefix("."))
    return paths


def test_deb_contents(deb):
    paths = _deb_listing(deb)
    for expected in ("/opt/sle-desktop/sle-desktop", "/opt/sle-desktop/_internal/resources/study/sle-msc.toml",
                     "/usr/bin/sle-desktop", "/usr/share/applications/sle-desktop.desktop",
                     "/usr/share/icons/hicolor/scalable/apps/sle-desktop.svg"):
        assert expected in paths, expected
    for size in ICON_SIZES:
        assert f"/usr/share/icons/hicolor/{size}x{size}/apps/sle-desktop.png" in paths
    assert all(p.startswith(("/opt/sle-desktop", "/usr/")) for p in paths if p not in ("/", "/opt/"))


def test_deb_control_fields(deb):
    def field(name):
        return subprocess.run(["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True).stdout.strip()

    assert field("Package") == "sle-desktop"
    assert re.fullmatch(rf"{re.escape(sle_desktop.__version__)}-\d+", field("Version"))  # non-native: Debian revision
    assert field("Architecture") == subprocess.run(["dpkg", "--print-architecture"], capture_output=True,
                                                   text=True, check=True).stdout.strip()
    assert re.fullmatch(r"[^<>]+ <[^@\s]+@[^@\s]+\.(org|com|net)>", field("Maintainer")), field("Maintainer")
    assert field("Description").startswith("offline electronic data capture")
    depends = {d.strip().split()[0] for d in field("Depends").replace("\n", " ").split(",")}
    assert {"libxcb-cursor0", "libxkbcommon-x11-0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-shape0",
            "libxcb-render-util0", "libxcb-image0", "libegl1", "libgl1", "libfontconfig1", "libdbus-1-3",
            "fonts-dejavu-core",  # Cyrillic glyphs for the Russian interface
            "zlib1g", "libbz2-1.0", "libexpat1", "libpng16-16", "libfreetype6"} <= depends  # not bundled
    assert int(field("Installed-Size")) > 50_000  # KiB


def test_deb_launcher_and_menu_entry(deb, tmp_path):
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp_path)], check=True)
    launcher = tmp_path / "usr" / "bin" / "sle-desktop"
    assert os.access(launcher, os.X_OK)
    assert 'exec /opt/sle-desktop/sle-desktop "$@"' in launcher.read_text()
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(tmp_path / "usr" / "share" / "applications" / "sle-desktop.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Exec"] == "sle-desktop"  # the program takes no files: no %F
    assert desktop["Icon"] == "sle-desktop"
    assert desktop["Terminal"] == "false"
    assert len([c for c in desktop["Categories"].split(";") if c in MAIN_CATEGORIES]) == 1, desktop["Categories"]
    if shutil.which("desktop-file-validate") is None:
        pytest.skip("desktop-file-validate is not installed (packaging/windows/host_tools.sh deb; .ci/run installs it)")
    check = subprocess.run(["desktop-file-validate", str(tmp_path / "usr/share/applications/sle-desktop.desktop")],
                           capture_output=True, text=True)
    assert check.returncode == 0 and not check.stdout.strip(), check.stdout + check.stderr


def test_deb_passes_lintian(deb):
    if shutil.which("lintian") is None:
        pytest.skip("lintian is not installed (packaging/windows/host_tools.sh deb; .ci/run installs it)")
    result = subprocess.run(["lintian", "--info", "--no-tag-display-limit", "--show-overrides", str(deb)], capture_output=True,
                            text=True, timeout=1200)
    lines = result.stdout.splitlines()
    errors = [line for line in lines if line.startswith("E: ")]
    assert not errors, "\n".join(errors[:40])
    # The overrides still match what they were written for (a stale one is reported, not silent).
    assert not [line for line in lines if "unused-override" in line or "mismatched-override" in line], result.stdout
    overridden = {line.split()[2] for line in lines if line.startswith("O: ")}
    assert overridden <= {"dir-or-file-in-opt", "embedded-library", "library-not-linked-against-libc",
                          "unstripped-binary-or-object"}, overridden


def test_deb_has_no_build_machine_runpath_and_its_program_works(deb, tmp_path):
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp_path)], check=True)
    opt = tmp_path / "opt" / "sle-desktop"
    internal = opt / "_internal"
    interpreter = [*internal.glob("libpython3*.so*"), *internal.glob("python3.*/lib-dynload/*.so")]
    assert len(interpreter) > 20
    for lib in interpreter:
        dynamic = subprocess.run(["readelf", "-d", str(lib)], capture_output=True, text=True, check=True).stdout
        assert "RUNPATH" not in dynamic and "RPATH" not in dynamic, (lib, dynamic)
    libraries = [p for p in internal.rglob("*") if p.is_file() and re.search(r"\.so(\.[0-9.]+)?$", p.name)]
    assert [p for p in libraries if p.stat().st_mode & 0o777 != 0o644] == []
    assert (opt / "sle-desktop").stat().st_mode & 0o777 == 0o755
    assert (tmp_path / "usr/share/doc/sle-desktop/changelog.Debian.gz").is_file()
    assert (tmp_path / "usr/share/lintian/overrides/sle-desktop").is_file()
    # The stripped, patched copy still runs (the system zlib/expat/freetype/png stand in for the bundled ones).
    result = subprocess.run([str(opt / "sle-desktop"), "--self-test"], capture_output=True, text=True, timeout=300,
                            env=_env(tmp_path / "home"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("self-test OK: ")


def test_deb_installs_and_the_launcher_self_test_passes(deb, tmp_path):
    if os.environ.get("SLE_PACKAGING_INSTALL") != "1":
        pytest.skip("installing the package needs SLE_PACKAGING_INSTALL=1")
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("installing the package needs root")
    if shutil.which("apt-get") is None:
        pytest.skip("apt-get is not available")
    install = subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", str(deb)], capture_output=True,
                             text=True, timeout=900, env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    status = subprocess.run(["dpkg-query", "-W", "-f", "${Status} ${Version}", "sle-desktop"], capture_output=True,
                            text=True, check=True).stdout
    assert re.fullmatch(rf"install ok installed {re.escape(sle_desktop.__version__)}-\d+", status), status
    result = subprocess.run(["/usr/bin/sle-desktop", "--self-test"], capture_output=True, text=True, timeout=120,
                            env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("self-test OK: ")
