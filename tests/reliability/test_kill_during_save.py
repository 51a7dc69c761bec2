"""A process killed with SIGKILL in the middle of saving leaves a consistent store.

The child saves screening forms, visits and SLEDAI assessments in a loop and prints a
line only after each save returned. The parent kills it at a seeded random moment, then
checks integrity, the audit chain and that every reported save is present. Runs
SLE_KILL_RUNS times (default 5, 20 with SLE_RELIABILITY_FULL=1).

The second campaign (`test_sigkill_during_saves_and_exports`) kills a child that saves forms
*and* exports bundles to a folder, at seeded random points (default 8, 100 with
SLE_RELIABILITY_FULL=1, or SLE_KILL_EXPORT_RUNS). After each kill: integrity, audit chain,
every reported save and export present, and every ``*.slebundle`` in the folder is either a
complete bundle (signature, decryption, whole payload) that the store recorded with the same
hash, or absent. Interrupted exports are then reconciled, and the sponsor imports every bundle
in the folder without a single conflict or gap.
"""

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from reliability_kit import FULL, report, size
from testkit import PASSWORD

CHILD = textwrap.dedent(
    """
    import sys
    from datetime import date
    sys.path.insert(0, {tests!r})
    from testkit import eligible_form
    from sle_desktop.app import site, subjects, visits
    from sle_desktop.store.db import Store

    store = Store.open({db!r})
    inv = site.login(store, "inv", {password!r})
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        outcome = subjects.screen_subject(inv, eligible_form(full_name=f"Patient {{n}}"), today=date(2026, 6, 1))
        print("screened", outcome.subject_uuid, flush=True)
        subjects.enrol_patient(inv, outcome.subject_uuid, arm="msc", reason="x")
        v = visits.record_visit(inv, outcome.subject_uuid, "baseline", date(2026, 1, 20), today=date(2026, 6, 1))
        r = visits.save_sledai(inv, v.uuid, {{"proteinuria", "rash"}}, 1.5)
        print("sledai", r.uuid, r.score, flush=True)
    """
)

RUNS = size(5, 20, "SLE_KILL_RUNS")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")
def test_sigkill_at_random_points_never_corrupts(tmp_path):
    from sle_desktop.app import audit_trail, site
    from sle_desktop.store.db import Store

    db = tmp_path / "site.sqlite"
    with Store.open(db) as store:
        admin = site.create_site(store, code="BY01", name="S", admin_username="admin", admin_name="A", admin_password=PASSWORD)
        site.create_user(admin, username="inv", display_name="I", role="investigator", password=PASSWORD)
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(tests=os.path.dirname(__file__) + "/..", db=str(db), password=PASSWORD))
    rng = random.Random(20261125)
    reported_subjects, reported_sledai = set(), {}
    for run in range(RUNS):
        child = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, env=os.environ.copy())
        assert child.stdout.readline().strip() == "ready"  # logged in: from here on it only saves
        time.sleep(rng.uniform(0.05, 1.0))  # kill anywhere in the save loop, however slow the machine is
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate()
        for line in out.splitlines():
            kind, *rest = line.split()
            if kind == "screened":
                reported_subjects.add(rest[0])
            elif kind == "sledai":
                reported_sledai[rest[0]] = int(rest[1])
        with Store.open(db) as store:
            assert store.integrity_ok(), f"run {run}: integrity check failed"
            check = audit_trail.verify(store)
            assert check.ok, f"run {run}: {check.message}"
            present = {r["uuid"] for r in store.query("SELECT uuid FROM subjects")}
            assert reported_subjects <= present, f"run {run}: a reported save is missing"
            for uuid, score in reported_sledai.items():
                assert store.scalar("SELECT score FROM sledai_assessments WHERE uuid = ?", (uuid,)) == score
            # gapless screening numbers even across kills
            numbers = sorted(int(r["screening_number"].split("S")[1]) for r in store.query("SELECT screening_number FROM subjects"))
            assert numbers == list(range(1, len(numbers) + 1))
    assert reported_sledai, "the child never completed a save: the test did not exercise anything"


EXPORT_CHILD = textwrap.dedent(
    """
    import sys
    from datetime import date, datetime, timezone
    sys.path.insert(0, {tests!r})
    from testkit import eligible_form
    from sle_desktop.app import safety, site, subjects, sync_site, visits
    from sle_desktop.store.db import Store

    store = Store.open({db!r})
    inv = site.login(store, "inv", {password!r})
    sync_site.reconcile_exports(inv)
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        outcome = subjects.screen_subject(inv, eligible_form(full_name=f"Patient {{n}}"), today=date(2026, 6, 1))
        print("screened", outcome.subject_uuid, flush=True)
        if n % 2:
            subjects.enrol_patient(inv, outcome.subject_uuid, arm="msc", reason="x")
            v = visits.record_visit(inv, outcome.subject_uuid, "baseline", date(2026, 1, 20), today=date(2026, 6, 1))
            r = visits.save_sledai(inv, v.uuid, {{"proteinuria", "rash"}}, 1.5)
            print("sledai", r.uuid, r.score, flush=True)
            ae = safety.record_adverse_event(inv, outcome.subject_uuid, safety.AdverseEventForm(
                term="Pneumonia", onset_date=date(2026, 5, 20), grade=3, serious=True,
                serious_criteria=("hospitalisation",), relationship="unlikely", outcome="recovering",
                aware_at=datetime(2026, 5, 20, 9, 0, tzinfo=timezone.utc)), today=date(2026, 6, 1))
            print("sae", ae, flush=True)
        print("export-start", flush=True)
        result = sync_site.export_bundle(inv, {usb!r})
        print("export-done", result.bundle_seq, result.bundle_hash, flush=True)
    """
)

EXPORT_RUNS = size(8, 100, "SLE_KILL_EXPORT_RUNS")


def _check_bundle_files(usb, store, public_key, identities, run, cache):
    """Every final-named bundle is complete (verifies, decrypts, whole payload matches) and recorded with its hash.

    `cache` maps (name, size, mtime) to (bundle_seq, bundle hash) of files already read completely."""
    from sle_desktop.sync import bundle

    found = {}
    for path in sorted(usb.glob("*.slebundle")):
        st = path.stat()
        key = (path.name, st.st_size, st.st_mtime_ns)
        if key not in cache:
            container = bundle.read_container(path)
            bundle.verify_container(container, public_key, site_code="BY01")
            lines = list(bundle.iter_payload(bundle.decrypt(container, identities), container.manifest, name=path.name))
            m = container.manifest
            assert lines[0]["type"] == "header" and lines[-1]["type"] == "end", f"run {run}: {path.name} incomplete"
            assert lines[-1]["audit"] == m["to_seq"] - m["from_seq"], f"run {run}: {path.name} incomplete"
            cache[key] = (m["bundle_seq"], container.bundle_hash)
        seq, bundle_hash = cache[key]
        row = store.query_one("SELECT * FROM exports WHERE bundle_seq = ?", (seq,))
        assert row is not None, f"run {run}: {path.name} is a valid bundle the store does not know (orphan)"
        assert row["bundle_hash"] == bundle_hash and row["file_name"] == path.name, \
            f"run {run}: {path.name} differs from what the store recorded for bundle {seq}"
        found[seq] = row["status"]
    return found


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")
def test_sigkill_during_saves_and_exports(tmp_path):
    from sle_desktop.app import audit_trail, site, sync_site
    from sle_desktop.sponsor import operations as sponsor
    from sle_desktop.store.db import Store
    from sle_desktop.sync import keys
    from sle_desktop.sponsor import importer, db as sponsor_store

    started = time.monotonic()
    sponsor_keys = sponsor.keygen(tmp_path / "sponsor-keys")
    identities = keys.parse_identities(sponsor_keys.key_path.read_text())
    db = tmp_path / "site.sqlite"
    usb = tmp_path / "usb"
    usb.mkdir()
    with Store.open(db) as store:
        admin = site.create_site(store, code="BY01", name="S", admin_username="admin", admin_name="A", admin_password=PASSWORD)
        site.create_user(admin, username="inv", display_name="I", role="investigator", password=PASSWORD)
        sync_site.set_sponsor_recipients(admin, sponsor_keys.public_path.read_text())
        site_key = tmp_path / "BY01.sitekey"
        site_key.write_text(sync_site.site_public_key(admin))
        public_key = bytes(store.scalar("SELECT public_key FROM site_signing_key"))
    sponsor_db = tmp_path / "sponsor.sqlite"
    sponsor.register_site(sponsor_db, site_key)
    script = tmp_path / "child.py"
    script.write_text(EXPORT_CHILD.format(tests=os.path.dirname(__file__) + "/..", db=str(db), password=PASSWORD,
                                          usb=str(usb)))
    rng = random.Random(20261126)
    saved_subjects, saved_sledai, saved_saes, exported = set(), {}, set(), {}
    kills = {"save": 0, "export": 0, "startup": 0}
    found_pending = found_partial = completed = dropped = 0
    checked: dict = {}
    imported: set = set()
    for run in range(EXPORT_RUNS):
        child = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, env=os.environ.copy())
        first = child.stdout.readline()
        assert first.strip() == "ready", f"run {run}: the child did not start ({first!r})"
        time.sleep(rng.uniform(0.0, 0.5))
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate()
        last = "startup"
        for line in out.splitlines():
            kind, *rest = line.split()
            if kind == "screened":
                saved_subjects.add(rest[0])
            elif kind == "sledai":
                saved_sledai[rest[0]] = int(rest[1])
            elif kind == "sae":
                saved_saes.add(rest[0])
            elif kind == "export-done":
                exported[int(rest[0])] = rest[1]
            last = kind
        kills["export" if last == "export-start" else "startup" if last == "startup" else "save"] += 1
        found_partial += len(list(usb.glob(".*.partial-*")))
        with Store.open(db) as store:
            assert store.integrity_ok(), f"run {run}: integrity check failed"
            check = audit_trail.verify(store)
            assert check.ok, f"run {run}: {check.message}"
            assert saved_subjects <= {r["uuid"] for r in store.query("SELECT uuid FROM subjects")}, \
                f"run {run}: a reported save is missing"
            for uuid, score in saved_sledai.items():
                assert store.scalar("SELECT score FROM sledai_assessments WHERE uuid = ?", (uuid,)) == score
            assert saved_saes <= {r["uuid"] for r in store.query("SELECT uuid FROM adverse_events")}
            for seq, bundle_hash in exported.items():
                assert store.scalar("SELECT bundle_hash FROM exports WHERE bundle_seq = ? AND status = 'done'",
                                    (seq,)) == bundle_hash, f"run {run}: reported export {seq} not recorded"
            statuses = _check_bundle_files(usb, store, public_key, identities, run, checked)
            found_pending += store.scalar("SELECT count(*) FROM exports WHERE status = 'pending'")
            # what the application does at start-up: settle interrupted exports
            for outcome in sync_site.reconcile_exports(site.cli_session(store)):
                completed += outcome.action == "completed"
                dropped += outcome.action == "dropped"
                assert outcome.action != "unresolved", outcome.message
            assert store.scalar("SELECT count(*) FROM exports WHERE status = 'pending'") == 0
            # a kill while the temporary file was being written leaves it hidden, never under a bundle name
            assert all(p.name.startswith(".") and p.suffix != ".slebundle" for p in usb.glob("*.partial-*"))
            statuses = _check_bundle_files(usb, store, public_key, identities, run, checked)
            assert set(statuses.values()) <= {"done"}
            done = store.query("SELECT bundle_seq, file_name, sae_uuids FROM exports WHERE status = 'done' ORDER BY bundle_seq")
            assert [d["bundle_seq"] for d in done] == list(range(1, len(done) + 1))
            assert {d["file_name"] for d in done} == {p.name for p in usb.glob("*.slebundle")}
            in_bundles = {u for d in done for u in json.loads(d["sae_uuids"])}
            marked = {r["uuid"] for r in store.query("SELECT uuid FROM adverse_events WHERE sae_exported_at IS NOT NULL")}
            assert marked == in_bundles, f"run {run}: SAEs marked exported differ from the SAEs in recorded bundles"
            assert audit_trail.verify(store).ok
        # the sponsor takes every bundle in the folder: never a conflict, never a gap
        sp = sponsor_store.open_sponsor_store(sponsor_db)
        try:
            fresh = [p for p in sorted(usb.glob("*.slebundle")) if p.name not in imported]
            outcomes = importer.import_many(sp, fresh, identities, user="test")
            assert sp.scalar("SELECT max(bundle_seq) FROM bundles") == len(imported) + len(fresh) or not fresh
        finally:
            sp.close()
        errors = [str(o.error) for o in outcomes if o.error is not None]
        assert not errors, f"run {run}: the sponsor refused a bundle: {errors[0]}"
        assert all(o.result.status == "imported" for o in outcomes)
        imported.update(p.name for p in fresh)
    with Store.open(db) as store:  # the next export sweeps temporary files left by killed exports
        sync_site.export_bundle(site.cli_session(store), usb)
    assert not list(usb.glob(".*.partial-*"))
    elapsed = time.monotonic() - started
    bundles = len(list(usb.glob("*.slebundle")))
    report("kill_saves_and_exports", {
        "kills": EXPORT_RUNS, "kills_during_export": kills["export"], "kills_during_save": kills["save"],
        "kills_at_startup": kills["startup"], "pending_exports_found": found_pending, "completed_on_reconcile": completed,
        "dropped_on_reconcile": dropped, "temp_files_found": found_partial, "bundles": bundles,
        "saves": len(saved_subjects) + len(saved_sledai) + len(saved_saes), "seconds": round(elapsed, 1)})
    assert exported and saved_sledai, "the child never completed a save and an export: nothing was exercised"
    if FULL:
        assert kills["export"] > 0 and kills["save"] > 0, f"kills did not land in both phases: {kills}"
