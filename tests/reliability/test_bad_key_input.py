"""Bad input to the keyed commands: another site's key file, a missing key file, a database from a newer
version, an existing file for init-site. Each gets a clear one-line message and nothing is changed."""

from __future__ import annotations

import io
import shutil
import sqlite3

import pytest
from testkit import PASSWORD

from sle_desktop import cli
from sle_desktop.app import site
from sle_desktop.store import keys, migrations
from sle_desktop.store.db import Store


def _site(path, code):
    path.parent.mkdir(parents=True, exist_ok=True)  # Store.open creates no folders
    with Store.open(path) as store:
        site.create_site(store, code=code, name=f"Site {code}", admin_username="admin", admin_name="Administrator",
                         admin_password=PASSWORD)
        return site.site_info(store).site_uuid


def _run(capsys, *argv) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, (out.out + out.err).strip()


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_the_key_file_of_another_site_is_refused_and_nothing_changes(tmp_path, capsys):
    a = tmp_path / "a" / "site.sqlite"
    b = tmp_path / "b" / "site.sqlite"
    a_uuid, b_uuid = _site(a, "BY01"), _site(b, "BY02")
    shutil.copyfile(keys.key_dir() / f"{b_uuid}.key", keys.key_dir() / f"{a_uuid}.key")  # B's key where A's belongs
    before = _snapshot(a.parent), _snapshot(keys.key_dir())
    code, text = _run(capsys, "verify-audit", "--db", str(a))
    assert code == 1 and "does not belong to this database" in text and len(text.splitlines()) == 1, text
    assert (_snapshot(a.parent), _snapshot(keys.key_dir())) == before


def test_a_missing_key_file_is_explained_and_nothing_changes(tmp_path, capsys):
    path = tmp_path / "site.sqlite"
    uuid = _site(path, "BY01")
    (keys.key_dir() / f"{uuid}.key").unlink()
    before = _snapshot(tmp_path)
    code, text = _run(capsys, "verify-audit", "--db", str(path))
    assert code == 1 and "is missing on this computer" in text, text
    assert _snapshot(tmp_path) == before


def test_a_database_from_a_newer_version_is_refused_unchanged(tmp_path, capsys):
    path = tmp_path / "site.sqlite"
    _site(path, "BY01")
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_migrations (migration_set, version, description, applied_at) "
                     "VALUES ('site', ?, 'from the future', '2030-01-01')", (migrations.LATEST + 1,))
    before = path.read_bytes()
    for argv in (["verify-audit", "--db", str(path)], ["make-demo", "--db", str(path)]):
        code, text = _run(capsys, *argv)
        assert code == 1, text
        assert ("newer version" in text) or ("not a demo database" in text), text
    assert path.read_bytes() == before


def test_init_site_creates_a_real_site_from_a_password_typed_twice(tmp_path, capsys, monkeypatch):
    path = tmp_path / "new.sqlite"
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n{PASSWORD}\n"))
    code, text = _run(capsys, "init-site", "--db", str(path), "--site", "BY05", "--name", "Gomel Regional Hospital",
                      "--admin", "it.admin", "--admin-name", "Ivan Admin")
    assert code == 0 and "BY05" in text and "it.admin" in text, text
    with Store.open(path) as store:
        admin = site.login(store, "it.admin", PASSWORD)
        assert admin.role == "admin" and not site.is_demo(store)
    code, text = _run(capsys, "verify-audit", "--db", str(path))
    assert code == 0, text


def test_init_site_reads_a_password_file(tmp_path, capsys):
    secret = tmp_path / "pw.txt"
    secret.write_text(PASSWORD + "\n", "utf-8")
    path = tmp_path / "new.sqlite"
    code, text = _run(capsys, "init-site", "--db", str(path), "--site", "BY06", "--name", "Brest", "--admin", "adm",
                      "--admin-name", "A D Min", "--password-file", str(secret))
    assert code == 0, text
    with Store.open(path) as store:
        assert site.login(store, "adm", PASSWORD).role == "admin"


@pytest.mark.parametrize("stdin, expected", [(f"{PASSWORD}\nsomething-else\n", "differ"),
                                             ("short\nshort\n", "at least 10 characters"),
                                             ("", "No password given")])
def test_init_site_refuses_bad_passwords_and_writes_nothing(tmp_path, capsys, monkeypatch, stdin, expected):
    path = tmp_path / "new.sqlite"
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code, text = _run(capsys, "init-site", "--db", str(path), "--site", "BY05", "--name", "N", "--admin", "adm",
                      "--admin-name", "A D Min")
    assert code == 1 and expected in text, text
    assert not path.exists()


def test_init_site_refuses_an_existing_file(tmp_path, capsys, monkeypatch):
    path = tmp_path / "site.sqlite"
    _site(path, "BY01")
    before = path.read_bytes()
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n{PASSWORD}\n"))
    code, text = _run(capsys, "init-site", "--db", str(path), "--site", "BY05", "--name", "N", "--admin", "adm",
                      "--admin-name", "A D Min")
    assert code == 1 and "already exists" in text, text
    assert path.read_bytes() == before
