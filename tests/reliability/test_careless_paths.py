"""A careless path or a foreign file never costs data (issue 25, site and command side).

* a file that is not an sle_desktop database (empty, another program's SQLite file, garbage) is refused by every
  command with a clear message and left byte for byte unchanged, with no side files created beside it;
* only a path that does not exist yet starts a new database, and only inside a folder that exists;
* path errors are one sentence naming the path and what is wrong; a failing command leaves no new file behind;
* every file the program writes is owner-only (0600), the database's -wal and -shm side files included.

Tests run as root in CI, where permission bits do not stop writes: "read-only" is simulated by making the
operating system call fail with EACCES, the way it does for a normal user.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from sle_desktop import cli
from sle_desktop.store.db import Store

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def run(capsys, argv, *, sponsor=False):
    code = (cli.sponsor_main if sponsor else cli.main)([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out.strip(), out.err.strip()


def _listing(folder: Path) -> dict[str, bytes]:
    """Every file and folder under `folder` (but the tests' own user-data folder, where the GUI keeps its log)."""
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else b"<dir>") for p in sorted(folder.rglob("*"))
            if not str(p.relative_to(folder)).startswith("user-data")}


def _foreign(kind: str, path: Path) -> None:
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "garbage":
        path.write_bytes(b"PK\x03\x04 a zip archive, not a database" * 50)
    else:  # another program's SQLite database (rollback journal, as most programs leave it)
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('Anna', '+375 29 123 45 67')")
        conn.commit()
        conn.close()


FOREIGN = {"empty": "is an empty file, not an sle_desktop database; it was left unchanged",
           "garbage": "is not an sle_desktop database (it is not an SQLite file); it was left unchanged",
           "sqlite": "is another program's SQLite database, not an sle_desktop site database; it was left unchanged"}


@pytest.mark.parametrize("kind", sorted(FOREIGN))
def test_every_site_command_refuses_a_foreign_file_and_leaves_it_unchanged(tmp_path, capsys, kind):
    db = tmp_path / "notes.db"
    _foreign(kind, db)
    pub = tmp_path / "sponsor.pub"
    assert run(capsys, ["keygen", "--out", tmp_path / "sk"], sponsor=True)[0] == 0
    pub.write_bytes((tmp_path / "sk" / "sponsor.pub").read_bytes())
    usb = tmp_path / "usb"
    usb.mkdir()
    before = _listing(tmp_path)
    for argv in (["verify-audit", "--db", db], ["make-demo", "--db", db, "--subjects", 1],
                 ["site-key", "--db", db, "--out", tmp_path / "site.key"], ["set-sponsor", "--db", db, pub],
                 ["export", "--db", db, "--to", usb], ["import-return", "--db", db, tmp_path / "x.slereturn"]):
        code, out, err = run(capsys, argv)
        assert code == 1 and out == "", argv
        assert f"error: {db} {FOREIGN[kind]}" in err, (argv, err)
        assert _listing(tmp_path) == before, argv  # the file itself, and no -wal, -shm or other new file


@pytest.mark.parametrize("kind", sorted(FOREIGN))
def test_every_sponsor_command_refuses_a_foreign_file_and_leaves_it_unchanged(tmp_path, capsys, kind):
    db = tmp_path / "sponsor.db"
    _foreign(kind, db)
    assert run(capsys, ["keygen", "--out", tmp_path / "sk"], sponsor=True)[0] == 0
    (tmp_path / "b.slebundle").write_bytes(b"x")
    (tmp_path / "BY01.sitekey").write_text("not a key")
    before = _listing(tmp_path)
    wanted = FOREIGN[kind].replace("site database", "sponsor database")
    for argv in (["status", "--db", db], ["export-odm", "--db", db, "--out", tmp_path / "study.xml"],
                 ["export-csv", "--db", db, "--out", tmp_path / "csv"],
                 ["import", "--db", db, "--key", tmp_path / "sk" / "sponsor.key", tmp_path / "b.slebundle"]):
        code, _out, err = run(capsys, argv, sponsor=True)
        assert code == 1 and f"{db} {wanted}" in err, (argv, err)
        assert _listing(tmp_path) == before, argv


def test_a_site_database_is_not_a_sponsor_database_and_back(tmp_path, capsys):
    site_db = tmp_path / "site.sqlite"
    assert run(capsys, ["make-demo", "--db", site_db, "--subjects", 1])[0] == 0
    before = site_db.read_bytes()
    code, _out, err = run(capsys, ["status", "--db", site_db], sponsor=True)
    assert code == 1 and "is an sle_desktop site database, not a sponsor database; it was left unchanged" in err
    assert site_db.read_bytes() == before


def test_the_gui_refuses_a_foreign_file_and_offers_no_set_up(qtbot, tmp_path, monkeypatch):
    from sle_desktop.ui import main as gui_main

    for kind in sorted(FOREIGN):
        db = tmp_path / f"{kind}.db"
        _foreign(kind, db)
        before = _listing(tmp_path)
        shown = []
        monkeypatch.setattr(gui_main.QMessageBox, "critical",
                            lambda _p, title, text, shown=shown: shown.append((title, text)))
        monkeypatch.setattr(gui_main.GuiController, "start", lambda self: pytest.fail("set-up offered"))
        assert gui_main.run_gui(db, demo=False) == 1
        assert shown and FOREIGN[kind] in shown[0][1] and str(db) in shown[0][1]
        assert _listing(tmp_path) == before


def test_only_a_path_that_does_not_exist_starts_a_new_site(tmp_path, capsys):
    missing_folder = tmp_path / "nonexistent" / "dir" / "x.db"
    code, _out, err = run(capsys, ["make-demo", "--db", missing_folder, "--subjects", 1])
    assert code == 1
    assert err == (f"error: Cannot create the database x.db: the folder {missing_folder.parent} does not exist. "
                   "Create it first, or choose another place.")
    assert not (tmp_path / "nonexistent").exists()
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes")
    code, _out, err = run(capsys, ["make-demo", "--db", notes / "x.db", "--subjects", 1])
    assert code == 1 and f"{notes} is a file, not a folder" in err and notes.read_text() == "my notes"
    code, out, _err = run(capsys, ["make-demo", "--db", tmp_path / "new.db", "--subjects", 1])
    assert code == 0 and "demo site at" in out


def test_the_gui_does_not_create_missing_folders(qtbot, tmp_path, monkeypatch):
    from sle_desktop.ui import main as gui_main

    shown = []
    monkeypatch.setattr(gui_main.QMessageBox, "critical", lambda _p, title, text: shown.append(text))
    assert gui_main.run_gui(tmp_path / "nonexistent" / "dir" / "x.db", demo=False) == 1
    assert shown and f"the folder {tmp_path / 'nonexistent' / 'dir'} does not exist" in shown[0]
    assert not (tmp_path / "nonexistent").exists()


def test_make_demo_with_a_bad_recipient_file_leaves_nothing(tmp_path, capsys):
    db = tmp_path / "site.sqlite"
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list\n")
    code, _out, err = run(capsys, ["make-demo", "--db", db, "--subjects", 1, "--sponsor-recipient", notes])
    assert code == 1 and err.startswith(f"error: {notes}: ") and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    code, _out, err = run(capsys, ["make-demo", "--db", db, "--subjects", 1, "--sponsor-recipient", tmp_path])
    assert code == 1 and err == f"error: {tmp_path} is a folder, not a sponsor key file: give the sponsor's key file " \
                                "sponsor.pub."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def _eacces_under(monkeypatch, folder: Path) -> None:
    """Creating files inside `folder` fails with EACCES, as in a read-only folder for a normal user."""
    real_open, real_mkdir = os.open, os.mkdir

    def guarded_open(path, flags, *a, **k):
        if Path(path).parent == folder and flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *a, **k)

    def guarded_mkdir(path, *a, **k):
        if Path(path).parent == folder:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_mkdir(path, *a, **k)

    monkeypatch.setattr(os, "open", guarded_open)
    monkeypatch.setattr(os, "mkdir", guarded_mkdir)


def test_a_read_only_key_folder_leaves_no_half_made_database(tmp_path, capsys, monkeypatch):
    keys = tmp_path / "keys"
    keys.mkdir()
    monkeypatch.setenv("SLE_DESKTOP_KEY_DIR", str(keys))
    _eacces_under(monkeypatch, keys)
    db = tmp_path / "site.sqlite"
    code, _out, err = run(capsys, ["make-demo", "--db", db, "--subjects", 1])
    assert code == 1
    assert "Cannot write the key file" in err and f"to {keys}: the folder is read-only or not yours." in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keys"] and list(keys.iterdir()) == []
    monkeypatch.setenv("SLE_DESKTOP_KEY_DIR", str(tmp_path / "notes.txt"))
    (tmp_path / "notes.txt").write_text("x")
    code, _out, err = run(capsys, ["make-demo", "--db", db, "--subjects", 1])
    assert code == 1 and f"{tmp_path / 'notes.txt'} is a file, not a folder." in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keys", "notes.txt"]


def test_keygen_into_a_file_or_a_read_only_folder(tmp_path, capsys, monkeypatch):
    notes = tmp_path / "notes.txt"
    notes.write_text("x")
    code, _out, err = run(capsys, ["keygen", "--out", notes], sponsor=True)
    assert code == 1 and err == f"error: {notes} is a file, not a folder."
    code, _out, err = run(capsys, ["keygen", "--out", tmp_path / "missing" / "keys"], sponsor=True)
    assert code == 1 and err == f"error: The folder {tmp_path / 'missing'} does not exist."
    ro = tmp_path / "ro"
    ro.mkdir()
    _eacces_under(monkeypatch, ro)
    code, _out, err = run(capsys, ["keygen", "--out", ro], sponsor=True)
    assert code == 1 and err.startswith("error: Cannot write the key file sponsor.key to ") \
        and err.endswith("the folder is read-only or not yours.")
    assert list(ro.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "ro"]


def test_export_to_a_file_and_folders_given_as_key_files(tmp_path, capsys):
    db = tmp_path / "site.sqlite"
    assert run(capsys, ["keygen", "--out", tmp_path / "sk"], sponsor=True)[0] == 0
    assert run(capsys, ["make-demo", "--db", db, "--subjects", 1, "--sponsor-recipient",
                        tmp_path / "sk" / "sponsor.pub"])[0] == 0
    notes = tmp_path / "notes.txt"
    notes.write_text("x")
    before = _listing(tmp_path)
    code, _out, err = run(capsys, ["export", "--db", db, "--to", notes])
    assert code == 1 and f"{notes} is a file, not a folder." in err
    code, _out, err = run(capsys, ["set-sponsor", "--db", db, tmp_path / "sk"])
    assert code == 1 and err == f"error: {tmp_path / 'sk'} is a folder, not a sponsor key file: give the sponsor's " \
                                "key file sponsor.pub."
    code, _out, err = run(capsys, ["import", "--db", tmp_path / "sponsor.db", "--key", tmp_path / "sk", notes],
                          sponsor=True)
    assert code == 1 and f"{tmp_path / 'sk'} is a folder, not a sponsor key file." in err and "Errno" not in err
    assert {k: v for k, v in _listing(tmp_path).items() if not k.startswith("site.sqlite")} == \
        {k: v for k, v in before.items() if not k.startswith("site.sqlite")}


def test_export_csv_creates_its_folder_only_inside_one_that_exists(make_site, sponsor_db, sponsor_keys, tmp_path,
                                                                   capsys):
    from sync_helpers import import_one, register

    site = make_site("BY01", subjects=2, seed=4)
    register(site, sponsor_db)
    import_one(sponsor_db, sponsor_keys, site.export().path)
    deep = tmp_path / "nonexistent" / "csv"
    code, _out, err = run(capsys, ["export-csv", "--db", sponsor_db, "--out", deep], sponsor=True)
    assert code == 1 and err == f"error: The folder {tmp_path / 'nonexistent'} does not exist."
    assert not (tmp_path / "nonexistent").exists()
    code, _out, err = run(capsys, ["export-odm", "--db", sponsor_db, "--out", deep / "study.xml"], sponsor=True)
    assert code == 1 and err == f"error: The folder {deep} does not exist."
    assert run(capsys, ["export-csv", "--db", sponsor_db, "--out", tmp_path / "csv"], sponsor=True)[0] == 0


def test_bench_json_target_is_checked_before_the_run(tmp_path, capsys, monkeypatch):
    import time

    notes = tmp_path / "notes.txt"
    notes.write_text("x")
    ro = tmp_path / "ro"
    ro.mkdir()
    for target, message in ((tmp_path / "missing" / "r.json", f"The folder {tmp_path / 'missing'} does not exist."),
                            (notes / "r.json", f"{notes} is a file, not a folder"),
                            (tmp_path, "is a folder; give a file name for --json")):
        started = time.monotonic()
        code, _out, err = run(capsys, ["bench", "--quick", "--json", target])
        assert code == 1 and message in err, err
        assert time.monotonic() - started < 5  # refused before the benchmark ran
    _eacces_under(monkeypatch, ro)
    code, _out, err = run(capsys, ["bench", "--quick", "--json", ro / "r.json"])
    assert code == 1 and f"Cannot write the --json file to {ro}: the drive or folder is read-only or not yours." in err
    assert list(ro.iterdir()) == []


# -- owner-only files -------------------------------------------------------------------------------------------
@posix_only
def test_every_file_the_program_writes_is_owner_only(tmp_path, capsys, monkeypatch):
    """Under a permissive umask: the site database and its -wal/-shm, keys, site key file, bundles, return bundles,
    ODM, CSVs, SAE listing, and the backups taken before a migration (site and sponsor)."""
    monkeypatch.setenv("SLE_DESKTOP_KEY_DIR", str(tmp_path / "machine-keys"))
    old = os.umask(0o022)
    try:
        site_db, sp_db, usb = tmp_path / "site.sqlite", tmp_path / "sponsor.sqlite", tmp_path / "usb"
        usb.mkdir()
        assert run(capsys, ["keygen", "--out", tmp_path / "sk"], sponsor=True)[0] == 0
        assert run(capsys, ["make-demo", "--db", site_db, "--subjects", 3, "--sponsor-recipient",
                            tmp_path / "sk" / "sponsor.pub"])[0] == 0
        held = Store.open(site_db)  # keeps -wal and -shm in place while the files are checked
        try:
            assert run(capsys, ["site-key", "--db", site_db, "--out", tmp_path / "BY01.sitekey"])[0] == 0
            assert run(capsys, ["register-site", "--db", sp_db, tmp_path / "BY01.sitekey"], sponsor=True)[0] == 0
            assert run(capsys, ["export", "--db", site_db, "--to", usb])[0] == 0
            assert run(capsys, ["import", "--db", sp_db, "--key", tmp_path / "sk" / "sponsor.key",
                                *usb.glob("*.slebundle")], sponsor=True)[0] == 0
            assert run(capsys, ["export-odm", "--db", sp_db, "--out", tmp_path / "study.xml"], sponsor=True)[0] == 0
            assert run(capsys, ["export-csv", "--db", sp_db, "--out", tmp_path / "csv"], sponsor=True)[0] == 0
            code, _o, err = run(capsys, ["return-bundle", "--db", sp_db, "--key", tmp_path / "sk" / "sponsor.key",
                                         "--site", "BY01", "--out", usb], sponsor=True)
            assert code == 0, err
            assert held.backup_copy("before-migration-v1")
            # the sponsor database one migration behind: opening it takes a backup first
            conn = sqlite3.connect(sp_db)
            conn.execute("DELETE FROM sponsor_schema WHERE version = (SELECT max(version) FROM sponsor_schema)")
            conn.commit()
            conn.close()
            assert run(capsys, ["status", "--db", sp_db], sponsor=True)[0] == 0
            names = {p.name for p in tmp_path.rglob("*") if p.is_file()}
            assert {"site.sqlite-wal", "site.sqlite-shm", "sponsor.key", "sponsor.pub", "sponsor-signing.key",
                    "BY01.sitekey", "study.xml", "labs.csv", "data_dictionary.csv", "BY01-return-0001.slereturn"} <= names
            assert any(n.startswith("site.before-migration-v1") for n in names)
            assert any(n.startswith("sponsor.before-sponsor-migration") for n in names)
            assert any(n.endswith(".slebundle") for n in names)
            assert any(p.suffix == ".key" for p in (tmp_path / "machine-keys").iterdir())
            loose = {str(p.relative_to(tmp_path)): oct(stat.S_IMODE(p.stat().st_mode))
                     for p in tmp_path.rglob("*") if p.is_file() and stat.S_IMODE(p.stat().st_mode) & 0o077}
            assert loose == {}
        finally:
            held.close()
    finally:
        os.umask(old)


@posix_only
def test_an_existing_database_with_loose_side_files_is_tightened(tmp_path):
    db = tmp_path / "site.sqlite"
    Store.open(db).close()
    os.chmod(db, 0o644)
    with Store.open(db):
        for p in (db, tmp_path / "site.sqlite-wal", tmp_path / "site.sqlite-shm"):
            assert stat.S_IMODE(p.stat().st_mode) == 0o600, p


def test_sigterm_removes_the_demo_folder(tmp_path):
    import signal
    import subprocess
    import time

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path))
    proc = subprocess.Popen([sys.executable, "-m", "sle_desktop", "--demo"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not list(tmp_path.glob("sle_desktop_demo_*/demo.sqlite")) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert list(tmp_path.glob("sle_desktop_demo_*")), "the demo never started"
        time.sleep(1.0)
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert list(tmp_path.glob("sle_desktop_demo_*")) == [], proc.stderr.read().decode()[-2000:]


def test_the_default_location_is_the_one_folder_created(tmp_path, capsys, monkeypatch):
    from sle_desktop.app import paths, site

    monkeypatch.delenv("SLE_DESKTOP_DB", raising=False)
    monkeypatch.setattr(paths, "user_data_dir", lambda: tmp_path / "data" / "sle_desktop")
    store = site.open_database(paths.default_db_path())
    store.close()
    assert (tmp_path / "data" / "sle_desktop" / "site.sqlite").is_file()
    if os.name == "posix":
        assert stat.S_IMODE((tmp_path / "data" / "sle_desktop").stat().st_mode) == 0o700
