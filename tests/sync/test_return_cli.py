"""The way back through the commands: sle-sponsor raise-query / queries / sdv / return-bundle / close-query /
reopen-query and sle-desktop set-sponsor-signing-key / import-return."""

from __future__ import annotations

import io
import tarfile

from sle_desktop import cli
from sle_desktop.sync import keys


def _with_manifest(path, change) -> bytes:
    """The bundle at `path` re-packed with its manifest bytes changed by `change`."""
    with tarfile.open(path) as tar:
        parts = [(m.name, tar.extractfile(m).read()) for m in tar]
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for i, (name, data) in enumerate(parts):
            data = change(data) if i == 0 else data
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def run(capsys, argv, *, sponsor=False):
    code = (cli.sponsor_main if sponsor else cli.main)([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out.strip(), out.err.strip()


def test_return_commands_end_to_end(tmp_path, capsys):
    site_db, sp_db, kdir, usb = tmp_path / "site.sqlite", tmp_path / "sponsor.sqlite", tmp_path / "sk", tmp_path / "usb"
    usb.mkdir()
    assert run(capsys, ["keygen", "--out", kdir], sponsor=True)[0] == 0
    assert run(capsys, ["make-demo", "--db", site_db, "--subjects", 4, "--seed", 2,
                        "--sponsor-recipient", kdir / "sponsor.pub"])[0] == 0
    assert run(capsys, ["site-key", "--db", site_db, "--out", tmp_path / "BY01.sitekey"])[0] == 0
    site_key = keys.parse_site_key((tmp_path / "BY01.sitekey").read_text())
    assert site_key.return_recipient and site_key.return_recipient.startswith("age1")
    assert run(capsys, ["register-site", "--db", sp_db, tmp_path / "BY01.sitekey"], sponsor=True)[0] == 0
    assert run(capsys, ["export", "--db", site_db, "--to", usb])[0] == 0
    assert run(capsys, ["import", "--db", sp_db, "--key", kdir / "sponsor.key", *usb.glob("*.slebundle")],
               sponsor=True)[0] == 0

    code, out, err = run(capsys, ["raise-query", "--db", sp_db, "--site", "BY01", "--subject", "BY01-0001", "--visit",
                                  "baseline", "--form", "sledai_assessments", "--field", "pga", "--text",
                                  "Please confirm the PGA."], sponsor=True)
    assert code == 0, err
    query_id = out.split()[1]
    code, out, err = run(capsys, ["raise-query", "--db", sp_db, "--site", "BY01", "--subject", "BY01-0001", "--visit",
                                  "baseline", "--form", "labs", "--field", "value", "--text", "x"], sponsor=True)
    assert code == 1 and "--record" in err  # several lab results at the visit: the record must be named
    code, out, err = run(capsys, ["raise-query", "--db", sp_db, "--site", "BY01", "--subject", "BY01-0001", "--visit",
                                  "baseline", "--form", "sledai_assessments", "--field", "colour", "--text", "x"],
                         sponsor=True)
    assert code == 1 and "no data field 'colour'" in err
    code, out, _ = run(capsys, ["queries", "--db", sp_db, "--status", "open"], sponsor=True)
    assert code == 0 and query_id in out and "Please confirm the PGA." in out
    record = out.splitlines()[1]
    assert "sledai_assessments.pga" in record

    # the site refuses the return bundle until it has registered the sponsor's signing key
    code, out, err = run(capsys, ["return-bundle", "--db", sp_db, "--key", kdir / "sponsor.key", "--site", "BY01",
                                  "--out", usb], sponsor=True)
    assert code == 0 and "return bundle 1 for BY01" in out and "1 queries" in out
    ret = usb / "BY01-return-0001.slereturn"
    code, _, err = run(capsys, ["import-return", "--db", site_db, ret])
    assert code == 1 and "set-sponsor-signing-key" in err
    code, out, _ = run(capsys, ["set-sponsor-signing-key", "--db", site_db, kdir / "sponsor-signing.pub"])
    assert code == 0 and "fingerprint" in out
    # a damaged return bundle (a lone surrogate in its manifest) given first never stops the genuine one
    bad = tmp_path / "bad.slereturn"
    bad.write_bytes(_with_manifest(ret, lambda m: m.replace(b'"site_code":"BY01"', b'"site_code":"\\ud800"')))
    before = site_db.read_bytes()
    code, out, err = run(capsys, ["import-return", "--db", site_db, bad])
    assert code == 1 and "bad.slereturn: the manifest is not valid JSON (it contains a lone surrogate" in err, err
    assert site_db.read_bytes() == before
    code, out, err = run(capsys, ["import-return", "--db", site_db, bad, ret])
    assert code == 1 and "lone surrogate" in err and "Return bundle 1 imported" in err and "1 new query" in err, err
    assert "Traceback" not in err
    code, _, err = run(capsys, ["import-return", "--db", site_db, ret])
    assert code == 1 and "already imported" in err

    code, out, _ = run(capsys, ["close-query", "--db", sp_db, query_id, "--reason", "resolved by phone"], sponsor=True)
    assert code == 0 and "closed" in out
    code, out, _ = run(capsys, ["reopen-query", "--db", sp_db, query_id, "--text", "Source document please."],
                       sponsor=True)
    assert code == 0 and "re-opened" in out
    code, out, _ = run(capsys, ["queries", "--db", sp_db, "--site", "BY01"], sponsor=True)
    assert "reopened" in out and "follow-up: Source document please." in out
