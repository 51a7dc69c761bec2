"""Access: a monitor cannot change data through ANY app function; key and database files are private;
direct identifiers never reach a decrypted bundle.

The enumeration is automatic: every public function of every `sle_desktop.app` module is collected.
Functions taking a session are called as a monitor with arguments built from their parameter names;
the store (full SQL dump) and the output folder must be unchanged. When the monitor is not refused
with PermissionDenied, the same call is made as an investigator, an administrator and a headless
command: if any of those changes the store, the function writes without a role check and the test
fails. A function whose arguments cannot be built here, or that takes no session, must be listed
below with a reason; so a new write function without a check cannot slip through unnoticed.
(Argon2 hashes and the audited lockout are in tests/app/test_site_users.py.)
"""

from __future__ import annotations

import gzip
import importlib
import inspect
import os
import pkgutil
import shutil
import stat
from datetime import UTC, date, datetime
from pathlib import Path

import pyrage
import pytest
from testkit import PASSWORD, TODAY, eligible_form

import sle_desktop.app as app_pkg
from sle_desktop.app.errors import PermissionDenied
from sle_desktop.app.session import Session

# Public app functions that take no session: who may call them is decided elsewhere (reason given).
NO_SESSION = {
    "demo.make_demo": "headless demo generator (a CLI command acting as cli:<OS user>)",
    "site.create_site": "first-run set-up; refuses once a site exists",
    "site.login": "authentication itself",
    "site.cli_session": "headless commands: the OS account on the site PC with the machine key",
    "site.open_database": "opens the file; who may act is decided at log-in", "site.is_set_up": "read-only", "site.site_info": "read-only",
    "backup.restore": "writes a new database file only; unlocked by the machine key file or an admin password",
    "backup.verify_backup_file": "reads a file", "errors.is_database_busy": "pure", "self_check.check": "pure", "self_check.temporary_env": "environment only",
    "self_check.run_steps": "runs the self-test steps in their own temporary folder",
    "paths.default_db_path": "where the database lives (no I/O)", "paths.user_data_dir": "a folder name (no I/O)",
    "paths.prepare_default_folder": "creates the program's own data folder only",
    "study.read_study_file": "pure", "study.load_study": "pure",
    "study.study_in_force": "reads the accepted study definition (a SELECT)",
    "subjects.evaluate_screening": "pure", "subjects.validate_screening": "pure", "subjects.initials": "pure",
    "trends.visit_windows": "pure",
    "returns.return_recipient": "read-only",
    "logs.configure": "the program's own log file (no study data)", "logs.default_log_path": "a file name (no I/O)",
    "logs.current_log_path": "read-only", "ui_queries.background_store": "a second connection for a worker thread",
    "study_updates.describe_changes": "pure", "flare_preview.flare_shown": "pure",
    "audit_trail.field_label": "pure", "audit_trail.reason_text": "pure", "audit_trail.visit_label": "pure",
    "audit_trail.write_csv": "writes rows its caller already read under a session; no store access",
    "visits.check_lab_entries": "pure: checks typed values, saves nothing",
    "site.is_demo": "read-only", "site.validate_new_site": "pure",
    "signatures.signer_key": "read-only", "signatures.is_legacy": "read-only",
    "signatures.signature_status": "read-only", "signatures.first_invalid": "read-only (verify-audit)",
    "locks.check_lock_requests": "read-only; part of returns.import_return, which checks the role",
    "locks.apply_lock_requests": "inside returns.import_return's transaction, after its role check",
}
# The monitoring visit: a monitor at the site verifies source data and raises queries. These write, for the monitor
# only, and never a clinical record (checked below: only their own tables and the audit trail change).
MONITORING = {"sdv.mark_verified": ("site_sdv",), "queries.raise_query": ("queries",)}
# Re-entering one's own password (e-signature, idle screen) writes the audited lockout rows for every role:
# that is the point (tests/app/test_site_users.py and tests/reliability/test_lockout.py check them).
AUTHENTICATION = {"site.reauthenticate", "site.verify_password"}
NO_SESSION_PREFIXES: tuple[str, ...] = ()  # the sponsor side lives in sle_desktop.sponsor (no site roles)


def _public_functions():
    for info in pkgutil.iter_modules(app_pkg.__path__):
        module = importlib.import_module(f"sle_desktop.app.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ == module.__name__ and not name.startswith("_"):
                yield f"{info.name}.{name}", fn


def _takes_session(fn) -> bool:
    params = list(inspect.signature(fn).parameters.values())
    return bool(params) and params[0].name.startswith("session")


ALL = dict(_public_functions())
SESSION_FUNCTIONS = sorted(k for k, fn in ALL.items() if _takes_session(fn) and k not in AUTHENTICATION)

# Known gaps, reported to their owners; strict, so the test fails once fixed and the entry must be removed.
KNOWN_GAPS: dict[str, str] = {}  # write paths a monitor can reach; must stay empty
# Functions whose arguments name objects only the sponsor creates (queries arrive in return bundles): the monitor
# call is still checked to change nothing, but they cannot be run here to prove that they never write.
NEEDS_SPONSOR_OBJECTS = {"queries.get_query"}


def test_every_function_without_a_session_is_accounted_for():
    loose = sorted(k for k, fn in ALL.items() if not _takes_session(fn)
                   and k not in NO_SESSION and not k.startswith(NO_SESSION_PREFIXES))
    assert not loose, f"public app functions without a session and without a reason here: {loose}"


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A site database with users, an enrolled subject, visit, SLEDAI, lab, AE and sponsor key (built once)."""
    from sle_desktop.app import safety, site, subjects, sync_site, visits
    from sle_desktop.store.db import Store

    root = tmp_path_factory.mktemp("access-template")
    old = os.environ.get("SLE_DESKTOP_KEY_DIR")
    os.environ["SLE_DESKTOP_KEY_DIR"] = str(root / "keys")
    try:
        with Store.open(root / "site.sqlite") as store:
            admin = site.create_site(store, code="BY01", name="S", admin_username="admin", admin_name="A",
                                     admin_password=PASSWORD)
            site.create_user(admin, username="inv", display_name="I", role="investigator", password=PASSWORD)
            site.create_user(admin, username="mon", display_name="M", role="monitor", password=PASSWORD)
            inv = Session(store, "inv", "I", "investigator", admin.data_key)
            outcome = subjects.screen_subject(inv, eligible_form(), today=TODAY)
            subjects.enrol_patient(inv, outcome.subject_uuid, arm="msc", reason="investigator decision")
            visit = visits.record_visit(inv, outcome.subject_uuid, "baseline", date(2026, 1, 20), today=TODAY)
            sledai = visits.save_sledai(inv, visit.uuid, {"rash"}, 1.0)
            visits.save_labs(inv, visit.uuid, date(2026, 1, 20), {"platelets": visits.LabEntry(200)}, today=TODAY)
            ae = safety.record_adverse_event(inv, outcome.subject_uuid, _ae_form(), today=TODAY)
            sponsor = pyrage.x25519.Identity.generate()
            sync_site.set_sponsor_recipients(admin, str(sponsor.to_public()))
            ids = {"subject": outcome.subject_uuid, "visit": visit.uuid, "sledai": sledai.uuid, "ae": ae,
                   "subject_id": store.scalar("SELECT subject_id FROM subjects"), "key": admin.data_key}
    finally:
        if old is None:
            os.environ.pop("SLE_DESKTOP_KEY_DIR", None)
        else:
            os.environ["SLE_DESKTOP_KEY_DIR"] = old
    return root / "site.sqlite", ids


def _ae_form():
    from sle_desktop.app import safety

    return safety.AdverseEventForm(term="Headache", onset_date=date(2026, 2, 1), grade=1, relationship="unrelated",
                                   outcome="recovered", aware_at=datetime(2026, 2, 1, 9, tzinfo=UTC))


def _infusion_form():
    from datetime import time

    from sle_desktop.app import safety

    return safety.InfusionForm(infusion_date=date(2026, 1, 21), start_time=time(10), end_time=time(11), lot_number="L1",
                               cells_per_kg_million=1.0, total_cells=70e6, viability_pct=95, volume_ml=100,
                               weight_kg=70, administered_by="nurse")


def _arguments(name: str, fn, ids: dict, sandbox: Path) -> dict:
    from sle_desktop.app import visits

    by_name = {
        "subject_uuid": ids["subject"], "visit_uuid": ids["visit"], "record_uuid": ids["sledai"],
        "table": "sledai_assessments", "arm": "msc", "reason": "because", "label": ids["subject_id"],
        "password": PASSWORD, "meaning": "reviewed", "username": "newuser", "display_name": "New User",
        "role": "coordinator", "active": False, "codes": {"rash", "fever"}, "pga": 1.5,
        "sample_date": date(2026, 1, 20), "results": {"platelets": visits.LabEntry(210)}, "drug": "Prednisolone",
        "visit_code": "month_1", "visit_date": date(2026, 2, 19), "on": date(2026, 2, 19), "creatinine_umol_l": 80.0,
        "entries": {}, "target_dir": sandbox, "folder": sandbox, "bundle_seq": 1, "code": "baseline",
        "text": str(pyrage.x25519.Identity.generate().to_public()), "query_uuid": "00000000-0000-4000-8000-000000000000",
        "path": sandbox / "none.slebundle", "field": "pga", "weight_kg": 64.0,
        "lock_uuid": "00000000-0000-4000-8000-000000000001",
        "texts": {"Term": "call +375 29 765-43-21"},
    }
    special = {
        "subjects.screen_subject.form": eligible_form(full_name="Another Patient"),
        "safety.record_adverse_event.form": _ae_form(),
        "safety.record_infusion.form": _infusion_form(),
        "site.set_user_active.username": "inv",
        "visits.steroid_dose.visit_uuid": ids["visit"], "flare_preview.flare_suggestions.visit_uuid": ids["visit"],
        "flare_preview.preview_flare.flare": visits.FlareInputs(), "ui_queries.preview_flare_index.flare": visits.FlareInputs(),
    }
    kwargs = {}
    for p in list(inspect.signature(fn).parameters.values())[1:]:
        key = f"{name}.{p.name}"
        if key in special:
            kwargs[p.name] = special[key]
        elif p.default is not p.empty:
            if p.name == "today":
                kwargs[p.name] = TODAY
            elif name == "ui_queries.save_visit_forms" and p.name in ("visit_code", "visit_date", "codes", "pga"):
                kwargs[p.name] = by_name[p.name]
        elif p.name in by_name:
            kwargs[p.name] = by_name[p.name]
        else:
            pytest.fail(f"{name}: no argument recipe for parameter {p.name!r}; add one to test_access._arguments")
    return kwargs


def _prepare(name: str, store) -> None:
    """State some functions need before they would write anything."""
    if name in ("sync_site.discard_interrupted_export", "sync_site.reconcile_exports"):
        store.conn.execute(
            "INSERT INTO exports (bundle_seq, from_seq, to_seq, file_name, bundle_hash, size_bytes, created_at, "
            "created_by, status, folder, file_sha256) VALUES (1, 0, 5, 'BY01-bundle-0001.slebundle', ?, 1, 't', 'u', "
            "'pending', '/nonexistent-folder-for-test', ?)", ("0" * 64, "0" * 64))


def _dump(store) -> list[str]:
    return list(store.conn.iterdump())


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[n]))
                                  if n in KNOWN_GAPS else n for n in SESSION_FUNCTIONS])
def test_monitor_cannot_change_anything(template, tmp_path, name):
    from sle_desktop.store.db import Store

    db_file, ids = template
    path = tmp_path / "site.sqlite"
    shutil.copyfile(db_file, path)
    sandbox = tmp_path / "out"
    sandbox.mkdir()
    fn = ALL[name]
    with Store.open(path) as store:
        _prepare(name, store)
        sessions = {role: Session(store, user, user, role, ids["key"]) for role, user in
                    (("monitor", "mon"), ("investigator", "inv"), ("admin", "admin"), ("cli", "cli:test"))}
        kwargs = _arguments(name, fn, ids, sandbox)
        before = _dump(store)
        if name in MONITORING:
            _check_monitoring(store, sessions, fn, kwargs, before, MONITORING[name])
            return
        try:
            fn(sessions["monitor"], **kwargs)
            denied = False
        except PermissionDenied:
            denied = True
        except Exception:  # noqa: BLE001 - any other refusal is fine as long as nothing changed
            denied = False
        assert _dump(store) == before, f"{name} changed the store when called by a monitor"
        assert not list(sandbox.iterdir()), f"{name} wrote files when called by a monitor"
        if denied or name in NEEDS_SPONSOR_OBJECTS:
            return
        # the monitor was let through: prove the function does not write for anyone with these arguments
        ran = []
        for role in ("investigator", "admin", "cli"):
            try:
                fn(sessions[role], **kwargs)
                ran.append(role)
            except PermissionDenied:
                continue
            except Exception as exc:  # noqa: BLE001
                pytest.fail(f"{name}: a monitor may call it, and as {role} it raised {type(exc).__name__}: {exc}; "
                            "give it arguments under which it runs, so that it can be shown not to write")
            assert _dump(store) == before, (
                f"{name} writes when called by {role}, yet a monitor is not refused: it lacks a role check")
        assert ran, f"{name}: nobody may call it, yet the monitor was not refused with PermissionDenied"


def _check_monitoring(store, sessions, fn, kwargs, before, own_tables) -> None:
    """A monitoring use case: refused to everyone else (nothing changes); for the monitor, it changes its own
    table and the audit trail only."""
    for role in ("investigator", "admin", "cli"):
        with pytest.raises(PermissionDenied):
            fn(sessions[role], **kwargs)
        assert _dump(store) == before
    from sle_desktop.store import audit

    audit.unlock(store.conn, sessions["monitor"].data_key)  # as after the monitor's log-in
    fn(sessions["monitor"], **kwargs)
    allowed = (*(f'INSERT INTO "{t}"' for t in (*own_tables, "audit")), 'INSERT INTO "settings" VALUES(\'audit_head\'')
    changed = set(_dump(store)) ^ set(before)
    assert changed and all(line.startswith(allowed) for line in changed), [x[:80] for x in changed
                                                                            if not x.startswith(allowed)]


def test_the_enumeration_found_the_write_use_cases():
    """A sanity check that the automatic enumeration is not empty or missing the well-known writers."""
    expected = {"subjects.screen_subject", "subjects.enrol_patient", "visits.save_sledai", "visits.save_labs",
                "safety.record_adverse_event", "signatures.sign_record", "site.create_user",
                "sync_site.export_bundle", "sync_site.set_sponsor_recipients", "ui_queries.save_visit_forms",
                "locks.lock_casebook", "locks.lock_visit", "locks.unlock", "locks.sign_casebook",
                "sdv.mark_verified", "queries.raise_query"}
    assert expected <= set(SESSION_FUNCTIONS)


# -- file permissions --------------------------------------------------------------------------
@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions only")
def test_database_machine_key_and_sponsor_key_files_are_private(tmp_path):
    from sle_desktop.app import site
    from sle_desktop.sponsor import operations as sponsor
    from sle_desktop.store import keys
    from sle_desktop.store.db import Store

    os.umask(0o022)  # a typical permissive umask: the program must not rely on it
    db = tmp_path / "site.sqlite"
    with Store.open(db) as store:
        site.create_site(store, code="BY01", name="S", admin_username="admin", admin_name="A", admin_password=PASSWORD)
        machine_key = keys.key_dir() / f"{site.site_info(store).site_uuid}.key"
        backup = store.backup_copy("manual")
    generated = sponsor.keygen(tmp_path / "sponsor")
    for path in (db, machine_key, backup, generated.key_path, generated.signing_key_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, f"{path.name} is {oct(stat.S_IMODE(path.stat().st_mode))}"


# -- identifiers never leave the site ------------------------------------------------------------
def test_no_identifier_appears_in_any_decrypted_bundle(tmp_path):
    from sle_desktop.app import demo, site, subjects, sync_site
    from sle_desktop.store.db import Store
    from sle_desktop.sync import bundle

    identity = pyrage.x25519.Identity.generate()
    usb = tmp_path / "usb"
    usb.mkdir()
    with Store.open(tmp_path / "site.sqlite") as store:
        demo.make_demo(store, subjects_count=12, seed=3, today=TODAY)
        session = site.cli_session(store)
        sync_site.set_sponsor_recipients(session, str(identity.to_public()))
        first = sync_site.export_bundle(session, usb)
        demo.make_demo(store, subjects_count=4, seed=4, today=TODAY)  # more subjects in a second bundle
        second = sync_site.export_bundle(session, usb)
        people = [subjects.identifiers(session, u) for (u,) in store.conn.execute("SELECT subject_uuid FROM identifiers")]
        # staff names legitimately appear (user accounts in the audit trail); a patient's first name that is also
        # a staff member's name part (demo: "Pavel") is checked as part of the full name only
        staff = {w for (name,) in store.conn.execute("SELECT display_name FROM users") for w in name.split()}
    assert len(people) == 16
    needles = set()
    for p in people:
        needles.update(part for part in p["full_name"].split() if len(part) >= 3 and part not in staff)
        needles.update({p["full_name"], p["national_id"], p["phone"], p["address"], p["date_of_birth"]})
        needles.add(p["phone"].replace(" ", "").replace("-", ""))
        dob = date.fromisoformat(p["date_of_birth"])
        needles.update({dob.strftime("%d.%m.%Y"), dob.strftime("%Y%m%d")})
    needles.discard("")
    lines = 0
    for result in (first, second):
        container = bundle.read_container(result.path)
        plain = gzip.decompress(bundle.decrypt(container, [identity])).decode("utf-8")
        for number, line in enumerate(plain.splitlines(), 1):
            lines += 1
            for needle in needles:
                assert needle not in line, f"{result.path.name} line {number} contains the identifier {needle!r}"
        manifest = container.manifest_bytes.decode("utf-8")
        assert not [n for n in needles if n in manifest]
    assert lines > 100  # the grep really looked at a populated payload
