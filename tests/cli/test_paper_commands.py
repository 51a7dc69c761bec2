"""`sle-desktop casebook | blank-crf | backup | restore`: one line on success, one plain sentence on failure."""

import pypdf
import pytest
from testkit import PASSWORD, casebook_subject

from sle_desktop import cli
from sle_desktop.app import site
from sle_desktop.store.db import Store


@pytest.fixture
def site_db(tmp_path):
    path = tmp_path / "site.sqlite"
    with Store.open(path) as store:
        admin = site.create_site(store, code="BY01", name="Test site", admin_username="admin",
                                 admin_name="Site Administrator", admin_password=PASSWORD)
        site.create_user(admin, username="inv", display_name="Investigator", role="investigator", password=PASSWORD)
        casebook_subject(site.login(store, "inv", PASSWORD))
        label = store.scalar("SELECT subject_id FROM subjects")
    return path, label


def test_casebook_command_writes_a_pdf_of_the_subject(site_db, tmp_path, capsys):
    path, label = site_db
    out = tmp_path / "cb.pdf"
    assert cli.main(["casebook", "--db", str(path), "--subject", label, "--out", str(out)]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"casebook of {label} written to {out}: ") and line.endswith("pages, pseudonymous")
    text = pypdf.PdfReader(str(out)).pages[0].extract_text()
    assert label in text and oct(out.stat().st_mode & 0o777) == "0o600"


def test_casebook_of_an_unknown_subject_or_into_a_missing_folder_fails_plainly(site_db, tmp_path, capsys):
    path, label = site_db
    assert cli.main(["casebook", "--db", str(path), "--subject", "BY01-0999", "--out", str(tmp_path / "x.pdf")]) == 1
    assert "No subject BY01-0999 in this database" in capsys.readouterr().err
    assert cli.main(["casebook", "--db", str(path), "--subject", label, "--out", str(tmp_path / "no" / "x.pdf")]) == 1
    assert capsys.readouterr().err == f"error: The folder {tmp_path / 'no'} does not exist.\n"
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "no").exists()


def test_blank_crf_command_with_and_without_a_site_database(site_db, tmp_path, capsys):
    path, _ = site_db
    out = tmp_path / "crf.pdf"
    assert cli.main(["blank-crf", "--db", str(path), "--out", str(out), "--visit", "month_6", "--lang", "ru"]) == 0
    assert "blank CRF (month_6) written to" in capsys.readouterr().out
    assert "Судороги" in " ".join(p.extract_text() for p in pypdf.PdfReader(str(out)).pages)
    assert cli.main(["blank-crf", "--db", str(tmp_path / "none.sqlite"), "--out", str(tmp_path / "all.pdf")]) == 0
    assert not (tmp_path / "none.sqlite").exists()
    assert cli.main(["blank-crf", "--out", str(tmp_path / "bad.pdf"), "--visit", "month_9",
                     "--db", str(tmp_path / "none.sqlite")]) == 1
    assert "has no visit month_9" in capsys.readouterr().err and not (tmp_path / "bad.pdf").exists()


def test_backup_and_restore_commands(site_db, tmp_path, capsys, monkeypatch):
    import io
    import shutil

    from sle_desktop.store import keys

    path, _ = site_db
    usb = tmp_path / "usb"
    usb.mkdir()
    assert cli.main(["backup", "--db", str(path), "--to", str(usb)]) == 0
    assert "backup written to" in capsys.readouterr().out
    [made] = list(usb.glob("*.slebackup"))
    shutil.rmtree(keys.key_dir())
    assert cli.main(["restore", "--from", str(made), "--db", str(tmp_path / "new.sqlite")]) == 1
    assert "no key file for site BY01" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert cli.main(["restore", "--from", str(made), "--db", str(tmp_path / "new.sqlite"), "--admin", "admin"]) == 0
    out = capsys.readouterr().out
    assert "restored site BY01 into" in out and "unlocked with the password of admin" in out
    assert cli.main(["restore", "--from", str(made), "--db", str(tmp_path / "new.sqlite")]) == 1
    assert "already exists" in capsys.readouterr().err
