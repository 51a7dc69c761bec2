"""The site sync commands (site-key, set-sponsor, export) and every sle-sponsor command, end to end."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tarfile

from odm_check import check_odm

from sle_desktop import cli
from sle_desktop.sync import keys


def run(capsys, argv, *, sponsor=False):
    code = (cli.sponsor_main if sponsor else cli.main)([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out.strip(), out.err.strip()


def test_cli_end_to_end(tmp_path, capsys, sponsor_db):
    site_db, sp_db, kdir, usb = tmp_path / "site.sqlite", sponsor_db, tmp_path / "sk", tmp_path / "usb"
    usb.mkdir()
    code, out, _ = run(capsys, ["keygen", "--out", kdir], sponsor=True)
    assert code == 0 and "fingerprint" in out
    if os.name == "posix":
        assert stat.S_IMODE(os.stat(kdir / "sponsor.key").st_mode) == 0o600
        assert stat.S_IMODE(os.stat(kdir / "sponsor-signing.key").st_mode) == 0o600
    assert (kdir / "sponsor.pub").read_text().strip().splitlines()[-1].startswith("age1")
    code, _, err = run(capsys, ["keygen", "--out", kdir], sponsor=True)
    assert code == 1 and "refusing to overwrite" in err

    assert run(capsys, ["make-demo", "--db", site_db, "--subjects", 4, "--seed", 2,
                        "--sponsor-recipient", kdir / "sponsor.pub"])[0] == 0
    code, out, _ = run(capsys, ["site-key", "--db", site_db, "--out", tmp_path / "BY01.sitekey"])
    assert code == 0 and "BY01" in out
    site_key = keys.parse_site_key((tmp_path / "BY01.sitekey").read_text())
    assert site_key.fingerprint in out

    code, out, _ = run(capsys, ["export", "--db", site_db, "--to", usb])
    assert code == 0 and out == str(usb / "BY01-bundle-0001.slebundle") and (usb / "BY01-bundle-0001.slebundle").exists()

    code, out, _ = run(capsys, ["register-site", "--db", sp_db, tmp_path / "BY01.sitekey"], sponsor=True)
    assert code == 0 and "registered" in out and site_key.fingerprint in out
    code, out, _ = run(capsys, ["register-site", "--db", sp_db, tmp_path / "BY01.sitekey"], sponsor=True)
    assert code == 0 and "already registered" in out

    code, out, _ = run(capsys, ["import", "--db", sp_db, "--key", kdir / "sponsor.key", *usb.glob("*.slebundle")],
                       sponsor=True)
    assert code == 0 and "imported 1 bundle(s) (BY01 #1)" in out
    code, out, _ = run(capsys, ["import", "--db", sp_db, "--key", kdir / "sponsor.key", *usb.glob("*.slebundle")],
                       sponsor=True)
    assert code == 0 and "already imported" in out

    code, out, _ = run(capsys, ["status", "--db", sp_db], sponsor=True)
    assert code == 0 and "BY01: bundle 1" in out and "audit chain OK" in out and "4 subjects" in out

    code, out, _ = run(capsys, ["export-odm", "--db", sp_db, "--out", tmp_path / "study.xml"], sponsor=True)
    assert code == 0 and "ODM 1.3.2" in out
    check_odm(tmp_path / "study.xml")
    code, out, _ = run(capsys, ["export-csv", "--db", sp_db, "--out", tmp_path / "csv"], sponsor=True)
    assert code == 0 and (tmp_path / "csv" / "data_dictionary.csv").exists() and (tmp_path / "csv" / "labs.csv").exists()
    code, out, _ = run(capsys, ["sae-listing", "--db", sp_db], sponsor=True)
    assert code == 0 and out.splitlines()[0].startswith("site_code,subject_key,ae_uuid,term")
    code, out, _ = run(capsys, ["sae-listing", "--db", sp_db, "--out", tmp_path / "sae.csv"], sponsor=True)
    assert code == 0 and (tmp_path / "sae.csv").read_text().startswith("site_code,")

    # failures: one line on stderr, exit status 1
    code, _, err = run(capsys, ["export", "--db", site_db, "--to", usb, "--since", 99999])
    assert code == 1 and "skip changes" in err
    (tmp_path / "junk.pub").write_text("not a key\n")
    code, _, err = run(capsys, ["set-sponsor", "--db", site_db, tmp_path / "junk.pub"])
    assert code == 1 and "not an age public key" in err
    code, _, err = run(capsys, ["set-sponsor", "--db", site_db, kdir / "sponsor.key"])
    assert code == 1 and "PRIVATE key" in err
    code, out, _ = run(capsys, ["set-sponsor", "--db", site_db, kdir / "sponsor.pub"])
    assert code == 0 and keys.fingerprint((kdir / "sponsor.pub").read_text().split()[-1]) in out

    second = usb / "BY01-bundle-0002.slebundle"
    assert run(capsys, ["export", "--db", site_db, "--to", usb])[1] == str(second)
    truncated = tmp_path / "cut.slebundle"
    truncated.write_bytes(second.read_bytes()[:3000])
    code, _, err = run(capsys, ["import", "--db", sp_db, "--key", kdir / "sponsor.key", truncated], sponsor=True)
    assert code == 1 and "truncated" in err and "nothing imported" in err
    code, _, err = run(capsys, ["import", "--db", sp_db, "--key", kdir / "sponsor.pub", second], sponsor=True)
    assert code == 1 and "public key file" in err
    code, _, err = run(capsys, ["status", "--db", tmp_path / "none.sqlite"], sponsor=True)
    assert code == 1 and "No sponsor database" in err
    code, _, err = run(capsys, ["status", "--db", site_db], sponsor=True)
    assert code == 1 and "site database" in err
    code, out, _ = run(capsys, ["status", "--db", sp_db], sponsor=True)
    assert code == 0 and "BY01: bundle 1" in out  # nothing changed by the failures
    code, out, _ = run(capsys, ["import", "--db", sp_db, "--key", kdir / "sponsor.key", second], sponsor=True)
    assert code == 0 and "BY01 #2" in out


def test_commands_in_subprocesses(tmp_path, capsys):
    """The real entry points: python -m sle_desktop ... and sle_desktop.cli:sponsor_main, as scripts call them."""
    kdir, site_db, sp_db, usb = tmp_path / "k", tmp_path / "site.sqlite", tmp_path / "sp.sqlite", tmp_path / "usb"
    usb.mkdir()
    assert run(capsys, ["keygen", "--out", kdir], sponsor=True)[0] == 0
    assert run(capsys, ["make-demo", "--db", site_db, "--subjects", 2, "--seed", 1,
                        "--sponsor-recipient", kdir / "sponsor.pub"])[0] == 0
    env = dict(os.environ)
    site_cmd = [sys.executable, "-m", "sle_desktop"]
    sponsor_cmd = [sys.executable, "-c", "import sys; from sle_desktop.cli import sponsor_main; sys.exit(sponsor_main())"]
    done = subprocess.run([*site_cmd, "site-key", "--db", str(site_db), "--out", str(tmp_path / "s.key")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    done = subprocess.run([*site_cmd, "export", "--db", str(site_db), "--to", str(usb)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    bundle_path = done.stdout.strip()
    assert tarfile.is_tarfile(bundle_path)
    for args in (["register-site", "--db", str(sp_db), str(tmp_path / "s.key")],
                 ["import", "--db", str(sp_db), "--key", str(kdir / "sponsor.key"), bundle_path]):
        done = subprocess.run([*sponsor_cmd, *args], capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
    assert "imported 1 bundle" in done.stdout
    done = subprocess.run([*sponsor_cmd, "import", "--db", str(sp_db), "--key", str(kdir / "sponsor.key"),
                           str(tmp_path / "missing.slebundle")], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1 and "Cannot read" in done.stderr and "Traceback" not in done.stderr


def test_sponsor_key_files_that_cannot_be_read_are_refused_with_a_message(tmp_path, capsys):
    site_db = tmp_path / "site.sqlite"
    assert run(capsys, ["make-demo", "--db", site_db, "--subjects", 2, "--seed", 2])[0] == 0
    binary, huge = tmp_path / "binary.pub", tmp_path / "huge.pub"
    binary.write_bytes(b"\xff\xfe\x00age1")
    huge.write_text("# padding\n" * 10_000)
    for command, what, wanted in (("set-sponsor", "sponsor key file", "key file sponsor.pub"),
                                  ("set-sponsor-signing-key", "sponsor signing key file", "sponsor-signing.pub")):
        code, _, err = run(capsys, [command, "--db", site_db, tmp_path / "missing.pub"])
        assert code == 1 and f"give the sponsor's {wanted}" in err
        code, _, err = run(capsys, [command, "--db", site_db, binary])
        assert code == 1 and f"is not a text file, so it is not a {what}" in err
        code, _, err = run(capsys, [command, "--db", site_db, huge])
        assert code == 1 and f"is too large to be a {what}" in err
