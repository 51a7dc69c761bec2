"""The Windows installer, built and installed under Wine (slow; SLE_RUN_PACKAGING=1, see conftest.py).

packaging/windows/build_on_linux.sh builds dist/windows/sle-desktop/ (PyInstaller, Windows
CPython under Wine) and dist/windows/sle-desktop-<version>-setup.exe (Inno Setup). The tests then
install that setup silently into a fresh Wine prefix (reporting Windows 10, on an Xvfb display,
with the Wine 8 stand-in DLLs from packaging/windows/wine-shims/ in its system32), run the
installed sle-desktop-cli.exe --self-test, start the installed GUI and wait for its first window
(saving a screenshot in dist/windows/screenshots/), check the Start-menu entry and the uninstall
registration, uninstall, and check that the program is gone and %LOCALAPPDATA%\\sle_desktop kept.

The tests run in file order and share one installation. Without wine they skip with a reason;
.ci/run installs it (packaging/windows/host_tools.sh).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import sle_desktop

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "dist" / "windows"
VERSION = sle_desktop.__version__
SETUP = OUT / f"sle-desktop-{VERSION}-setup.exe"
APP_ID = "{6C1D5E7A-3B52-4E0F-9A8C-2F4D7B1E9C30}"  # packaging/windows/sle_desktop.iss
UNINSTALL_KEY = rf"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\{APP_ID}_is1"
INSTALL_DIR = r"C:\Program Files\sle_desktop"
# packaging/windows/wine-shims/: for Wine prefixes only, never in the build.
STAND_INS = {"bcryptprimitives.dll", "icuuc.dll"}
# The size reference: the bare PySide6 + pyqtgraph window (packaging/baseline/) frozen and packed the
# same way on the same Wine Python (`build_on_linux.sh --baseline`), measured 2026-12-01 with
# PySide6 6.11.3, numpy 2.1.3, PyInstaller 6.22.3, Inno Setup 6.4.1: bare-window-setup.exe.
BASELINE_SETUP_BYTES = 38_595_593
FIRST_WINDOW_TITLE = "First-time set-up – SLE MSC trial"  # ui/setup.py's title


def _wine_env(prefix: Path, display: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "PIP_", "WINE"))}
    env.update(WINEPREFIX=str(prefix), WINEARCH="win64", WINEDEBUG="-all", WINEDLLOVERRIDES="mscoree,mshtml=",
               DISPLAY=display)
    return env


class Wine:
    """One Wine prefix. Output always goes through pipes: under Wine a console program whose
    stdout or stderr is a regular file fails to start."""

    def __init__(self, prefix: Path, display: str):
        self.prefix = prefix
        self.env = _wine_env(prefix, display)

    def tool(self, *args: str, timeout: float = 300, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(list(args), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, errors="replace", env=self.env, timeout=timeout)
        if check:
            assert result.returncode == 0, f"{args}: exit {result.returncode}\n{result.stdout[-4000:]}"
        return result

    def run(self, *args: str, timeout: float = 300, check: bool = True) -> subprocess.CompletedProcess:
        return self.tool("wine", *args, timeout=timeout, check=check)

    def wait(self, timeout: float = 300) -> None:
        """Until every program in the prefix has exited (the uninstaller re-launches itself)."""
        self.tool("wineserver", "-w", timeout=timeout, check=False)

    def kill(self) -> None:
        self.tool("wineserver", "-k", timeout=60, check=False)

    def path(self, windows_path: str) -> Path:
        assert windows_path[1:3] == ":\\", windows_path
        return self.prefix / f"drive_{windows_path[0].lower()}" / windows_path[3:].replace("\\", "/")

    def reg_query(self, key: str) -> dict[str, str] | None:
        result = self.run("reg", "query", key, "/reg:64", check=False)
        if result.returncode != 0:
            return None
        values = {}
        for line in result.stdout.splitlines():
            m = re.match(r"^\s{4}(.+?)\s{4}(REG_\w+)\s{4}(.*)$", line.rstrip("\r"))
            if m:
                values[m.group(1)] = m.group(3)
        return values


def _local_app_data(wine: Wine) -> Path:
    """%LOCALAPPDATA% of the prefix's user (Wine names it after the Linux account)."""
    import pwd  # POSIX only; this module runs on Linux

    return wine.path(r"C:\users") / pwd.getpwuid(os.getuid()).pw_name / "AppData" / "Local"


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


@pytest.fixture(scope="module")
def windows_build() -> Path:
    if shutil.which("wine") is None:
        pytest.skip("wine is not installed (packaging/windows/host_tools.sh test installs it; .ci/run does)")
    if os.environ.get("SLE_WINE_REUSE_BUILD") == "1" and SETUP.is_file():
        return SETUP  # a developer's shortcut to re-run the installation tests on the last build; CI never sets it
    started = time.monotonic()
    subprocess.run(["bash", str(ROOT / "packaging" / "windows" / "build_on_linux.sh"), str(OUT)], cwd=ROOT, check=True,
                   env=dict(os.environ, HOST_PYTHON=sys.executable), timeout=3000)
    print(f"Windows build: {time.monotonic() - started:.0f} s")
    assert SETUP.is_file() and SETUP.stat().st_size > 10 * 2**20, SETUP
    return SETUP


@pytest.fixture(scope="module")
def display():
    """A private Xvfb display (the installer and the GUI need an X server)."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (packaging/windows/host_tools.sh test installs it; .ci/run does)")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                              pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    assert number.isdigit(), "Xvfb did not start"
    yield f":{number}"
    server.terminate()
    server.wait(timeout=30)


@pytest.fixture(scope="module")
def wine(windows_build, display, tmp_path_factory) -> Wine:
    """A fresh Windows 10 prefix with the setup installed silently, for all users, in Russian."""
    base = tmp_path_factory.mktemp("wine")
    subprocess.run(["bash", str(ROOT / "packaging" / "windows" / "wine-shims" / "build.sh"), str(base / "shims")],
                   check=True, timeout=300)
    w = Wine(base / "prefix", display)
    w.tool("wineboot", "-i")
    w.tool("winecfg", "/v", "win10")
    w.wait()
    for dll in STAND_INS:
        shutil.copy(base / "shims" / dll, w.path(r"C:\windows\system32") / dll)
    # The per-user mode cannot run under Wine 8 ({autopf} is not implemented there): /ALLUSERS.
    result = w.run(str(windows_build), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/ALLUSERS", "/LANG=ru",
                   r"/LOG=C:\sle-install.log", timeout=900, check=False)
    w.wait()
    log = w.path(r"C:\sle-install.log")
    text = log.read_text(encoding="utf-8-sig", errors="replace") if log.exists() else "(no log)"
    assert result.returncode == 0, result.stdout[-3000:] + text[-3000:]
    assert "Installation process succeeded." in text, text[-3000:]
    yield w
    w.kill()


def test_the_build_holds_no_wine_stand_in(windows_build):
    folder = OUT / "sle-desktop"
    assert (folder / "sle-desktop.exe").is_file() and (folder / "sle-desktop-cli.exe").is_file()
    assert not [p for p in _files(folder) if p.name.lower() in STAND_INS]
    # What went into the setup file: ISCC lists every file it compresses.
    iscc_log = (OUT / "iscc.log").read_text(encoding="utf-8", errors="replace")
    compressed = re.findall(r"Compressing: (.+)", iscc_log)
    assert len(compressed) > 100, iscc_log[-2000:]
    assert not [line for line in compressed if Path(line.strip().replace("\\", "/")).name.lower() in STAND_INS]


def test_the_installer_is_offered_in_english_and_russian(windows_build):
    # The script names both (Inno Setup shows its language dialog when there is more than one);
    # the Russian one is proven compiled in by the installation in Russian below.
    script = (ROOT / "packaging" / "windows" / "sle_desktop.iss").read_text(encoding="utf-8")
    languages = re.findall(r'^Name: "(\w+)"; MessagesFile: "([^"]+)"', script.split("[Languages]")[1].split("\n[")[0], re.M)
    assert languages == [("en", "compiler:Default.isl"), ("ru", "compiler:Languages\\Russian.isl")], languages
    assert "ShowLanguageDialog=no" not in script


def test_the_setup_is_no_larger_than_a_bare_pyside_window(windows_build):
    size = windows_build.stat().st_size
    assert size <= BASELINE_SETUP_BYTES, f"{size / 2**20:.1f} MiB > {BASELINE_SETUP_BYTES / 2**20:.1f} MiB"


def test_installed_in_russian_with_a_start_menu_entry_and_uninstall_registration(wine):
    programs = wine.path(r"C:\ProgramData\Microsoft\Windows\Start Menu\Programs\sle_desktop")
    names = sorted(p.name for p in programs.iterdir())
    assert "sle_desktop.lnk" in names, names
    assert "Деинсталлировать sle_desktop.lnk" in names, names  # {cm:UninstallProgram} from Russian.isl
    values = wine.reg_query(UNINSTALL_KEY)
    assert values is not None, f"{UNINSTALL_KEY} is missing"
    assert values["DisplayName"] == f"sle_desktop {VERSION}"
    assert values["DisplayVersion"] == VERSION
    assert values["Inno Setup: Language"] == "ru"
    assert values["InstallLocation"].rstrip("\\") == INSTALL_DIR
    assert values["UninstallString"].strip('"') == INSTALL_DIR + r"\unins000.exe"
    installed = wine.path(INSTALL_DIR)
    assert (installed / "sle-desktop.exe").is_file() and (installed / "_internal" / "resources").is_dir()
    size = sum(p.stat().st_size for p in _files(installed))
    print(f"\ninstalled folder {INSTALL_DIR}: {size / 2**20:.1f} MiB ({size} bytes)")
    assert not [p for p in _files(installed) if p.name.lower() in STAND_INS]


def test_installed_cli_self_test_passes(wine):
    # QT_* variables do not pass from Linux into Wine: the offscreen platform goes in HKCU\Environment.
    wine.run("reg", "add", r"HKCU\Environment", "/v", "QT_QPA_PLATFORM", "/d", "offscreen", "/f")
    try:
        result = wine.run(INSTALL_DIR + r"\sle-desktop-cli.exe", "--self-test", timeout=300, check=False)
    finally:
        wine.run("reg", "delete", r"HKCU\Environment", "/v", "QT_QPA_PLATFORM", "/f", check=False)
        wine.wait()
    assert result.returncode == 0, result.stdout[-3000:]
    assert re.search(r"^self-test OK: store v\d+, site, SLEDAI 19, .*bundle [1-9]\d* records, icon, plot \d+x\d+",
                     result.stdout, re.M), result.stdout


def _windows(display: str) -> list[tuple[str, str]]:
    """(window id, title) of the top-level X windows sle-desktop.exe has mapped."""
    tree = subprocess.run(["xwininfo", "-root", "-tree", "-display", display], capture_output=True, text=True,
                          errors="replace", timeout=30).stdout
    return re.findall(r'^\s*(0x[0-9a-f]+) "([^"]+)": \("sle-desktop\.exe" ', tree, re.M)


def test_installed_gui_shows_its_first_window(wine):
    display = wine.env["DISPLAY"]
    gui = subprocess.Popen(["wine", INSTALL_DIR + r"\sle-desktop.exe"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, env=wine.env)
    try:
        deadline = time.monotonic() + 180
        found = []
        while time.monotonic() < deadline and not found:
            time.sleep(2)
            found = [(wid, title) for wid, title in _windows(display) if title == FIRST_WINDOW_TITLE]
        assert found, f"no {FIRST_WINDOW_TITLE!r} window; sle-desktop.exe windows: {_windows(display)}"
        time.sleep(3)  # let it paint
        shots = OUT / "screenshots"
        shots.mkdir(exist_ok=True)
        png = shots / "windows-first-run.png"
        xwd = subprocess.run(["xwd", "-id", found[0][0], "-display", display, "-silent"], capture_output=True,
                             timeout=60, check=True).stdout
        pnm = subprocess.run(["xwdtopnm"], input=xwd, capture_output=True, timeout=60, check=True).stdout
        png.write_bytes(subprocess.run(["pnmtopng"], input=pnm, capture_output=True, timeout=60, check=True).stdout)
        assert png.stat().st_size > 2000
    finally:
        wine.kill()
        gui.kill()
        gui.communicate(timeout=60)
    assert (_local_app_data(wine) / "sle_desktop" / "site.sqlite").is_file(), "the first start created no site database in %LOCALAPPDATA%"


def test_uninstall_removes_the_program_and_keeps_the_user_data(wine):
    local = _local_app_data(wine) / "sle_desktop"
    local.mkdir(parents=True, exist_ok=True)
    (local / "kept.txt").write_text("study data stays\n")
    result = wine.run(INSTALL_DIR + r"\unins000.exe", "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", timeout=600,
                      check=False)
    wine.wait()  # the uninstaller runs on from a temporary copy of itself
    assert result.returncode == 0, result.stdout[-3000:]
    assert not wine.path(INSTALL_DIR).exists(), sorted(p.name for p in wine.path(INSTALL_DIR).rglob("*"))[:20]
    assert not wine.path(r"C:\ProgramData\Microsoft\Windows\Start Menu\Programs\sle_desktop").exists()
    assert wine.reg_query(UNINSTALL_KEY) is None
    assert (local / "kept.txt").read_text() == "study data stays\n"
    assert (local / "site.sqlite").is_file()
