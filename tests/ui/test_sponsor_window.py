"""The sponsor window through its real widgets (pytest-qt), on SQLite and PostgreSQL.

Imports a folder with a good, a replayed and a forged bundle; checks the sites overview against the database;
raises a query by selecting a value, sends it back, imports the site's answer and closes it; marks SDV;
log-in and first run; safety, reports (PNG/SVG) and exports."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

_SYNC = Path(__file__).resolve().parent.parent / "sync"
if str(_SYNC) not in sys.path:
    sys.path.insert(0, str(_SYNC))
_spec = importlib.util.spec_from_file_location("sle_tests_sync_fixtures_sponsorgui", _SYNC / "conftest.py")
_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fixtures)
sponsor_keys = _fixtures.sponsor_keys
demo_template = _fixtures.demo_template
make_site = _fixtures.make_site

from sync_helpers import add_sae, crafted_bundle, import_one  # noqa: E402

from sle_desktop.sponsor import accounts  # noqa: E402
from sle_desktop.sponsor import db as sponsor_db_mod  # noqa: E402
from sle_desktop.sponsor import returns as sponsor_returns  # noqa: E402

PASSWORD = "correct horse battery"


def _wait(qtbot, job, timeout=60_000):
    qtbot.waitUntil(lambda: not job.running, timeout=timeout)


@pytest.fixture
def sponsor_window(qtbot, sponsor_db, sponsor_keys):
    """Factory: the sponsor database opened as the window does, a data manager logged in, the window shown."""
    from sle_desktop.ui.sponsor.app import open_database
    from sle_desktop.ui.sponsor.window import SponsorWindow

    made = []

    def factory(role="data_manager"):
        store = open_database(sponsor_db)
        if accounts.needs_first_user(store):
            accounts.create_first_data_manager(store, username="dana", display_name="Dana Manager", password=PASSWORD)
        dm = accounts.login(store, "dana", PASSWORD)
        session = dm if role == "data_manager" else _other(dm, role)
        w = SponsorWindow(session, where="test", key_file=str(sponsor_keys.key_path))
        qtbot.addWidget(w)
        w.show()
        made.append((w, store))
        return w

    yield factory
    for w, store in made:
        w.close()
        store.close()


def _other(dm, role):
    name = role.replace("_", "")[:10]
    accounts.create_user(dm, username=name, display_name=role, role=role, password=PASSWORD)
    return accounts.login(dm.store, name, PASSWORD)


def _folder(tmp_path, site, sponsor_keys):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from sle_desktop.store.audit import canonical_json

    good = site.export().path
    folder = tmp_path / "usb-in"
    folder.mkdir()
    shutil.copyfile(good, folder / "a-good.slebundle")
    shutil.copyfile(good, folder / "b-replayed.slebundle")
    (folder / "c-forged.slebundle").write_bytes(crafted_bundle(
        site, [canonical_json({"kind": "header"}).encode()], recipients=[sponsor_keys.recipient],
        signing_key=Ed25519PrivateKey.generate()))
    return folder


def test_first_run_creates_the_data_manager_then_log_in_and_lockout(qtbot, sponsor_db):
    from sle_desktop.ui.sponsor.app import open_database
    from sle_desktop.ui.sponsor.login import SponsorLoginDialog

    store = open_database(sponsor_db)
    try:
        d = SponsorLoginDialog(store, "test")
        qtbot.addWidget(d)
        d.show()
        assert d.first_run and d.display_name.isVisible()
        qtbot.keyClicks(d.username, "dana")
        qtbot.keyClicks(d.display_name, "Dana Manager")
        qtbot.keyClicks(d.password, PASSWORD)
        qtbot.keyClicks(d.password2, "something else")
        d.try_login()
        assert d.session is None and "differ" in d.message.text()
        qtbot.keyClicks(d.password, PASSWORD)
        qtbot.keyClicks(d.password2, PASSWORD)
        qtbot.keyClick(d.password2, Qt.Key_Return)
        assert d.session is not None and d.session.role == "data_manager"
        d2 = SponsorLoginDialog(store, "test")
        qtbot.addWidget(d2)
        d2.show()
        assert not d2.first_run and not d2.display_name.isVisible()
        qtbot.keyClicks(d2.username, "dana")
        for _ in range(5):
            qtbot.keyClicks(d2.password, "wrong password")
            qtbot.keyClick(d2.password, Qt.Key_Return)
            assert d2.session is None and "refused" in d2.message.text()
        qtbot.keyClicks(d2.password, PASSWORD)
        qtbot.keyClick(d2.password, Qt.Key_Return)
        assert d2.session is None  # locked now, even with the right password
        fields = [r["field"] for r in sponsor_returns.audit_rows(store, "dana")]
        assert fields.count("failed_login") == 5 and "locked_until" in fields
        assert sponsor_returns.verify_audit(store).ok
    finally:
        store.close()


def test_import_folder_overview_and_subject_filters(qtbot, tmp_path, make_site, sponsor_keys, sponsor_db,
                                                    sponsor_window):
    from sync_helpers import register

    site = make_site("BY01", subjects=6)
    register(site, sponsor_db)
    add_sae(site)
    folder = _folder(tmp_path, site, sponsor_keys)
    w = sponsor_window()
    assert w.sites.table.rowCount() == 1 and w.sites.table.item(0, 1).text() == "–"
    w.tabs.setCurrentWidget(w.bundles)
    w.bundles.folder.setText(str(folder))
    qtbot.mouseClick(w.bundles.import_button, Qt.LeftButton)
    assert w.bundles.job.running or w.bundles.results.rowCount()
    _wait(qtbot, w.bundles.job)
    t = w.bundles.results
    assert [t.item(i, 0).text() for i in range(3)] == ["a-good.slebundle", "b-replayed.slebundle",
                                                       "c-forged.slebundle"]
    assert t.item(0, 1).text() == "imported" and t.item(1, 1).text().startswith("already imported")
    assert t.item(2, 1).text() == "REFUSED" and "signature" in t.item(2, 2).text().lower()
    assert w.bundles.progress.value() == w.bundles.progress.maximum() == 3
    # the overview against the database
    s = w.sites.table
    assert s.item(0, 0).text().startswith("BY01") and s.item(0, 1).text().startswith("1 · 2026")
    assert s.item(0, 2).text() == "none" and s.item(0, 3).text() == "OK"
    n = site.store.scalar("SELECT count(*) FROM subjects")
    assert s.item(0, 5).text() == str(n)
    saes = site.store.scalar("SELECT count(*) FROM adverse_events WHERE serious = 1")
    # the demo's and add_sae's SAEs were known to the site months before this import: each one is late unless
    # the site became aware of it less than 24 h ago
    late = sum(1 for a in site.store.query("SELECT aware_at FROM adverse_events WHERE serious = 1")
               if datetime.fromisoformat(a["aware_at"]) + timedelta(hours=24) < datetime.now(UTC))
    assert s.item(0, 10).text() == f"{saes} ({saes - late}, {late})" and late >= 1
    oow = site.store.scalar("SELECT count(*) FROM visits WHERE window_status IN ('early', 'late')")
    assert s.item(0, 8).text() == str(oow)
    msc = site.store.scalar("SELECT count(*) FROM subjects WHERE arm = 'msc' AND status IN ('enrolled', "
                            "'completed', 'withdrawn')")
    assert f" {msc}" in s.item(0, 6).text()
    job = w.sites.verify_chains()
    _wait(qtbot, job)
    assert s.item(0, 3).text() == "OK (every hash)" and "all intact" in w.sites.banner.text()
    # subject list and filters
    r = w.review
    assert r.model.rowCount() == n
    r.arm.setCurrentIndex(r.arm.findData("msc"))
    assert r.model.rowCount() == site.store.scalar("SELECT count(*) FROM subjects WHERE arm = 'msc'")
    r.arm.setCurrentIndex(0)
    qtbot.keyClicks(r.search, "-0001")
    assert r.model.rowCount() == 1
    r.search.clear()
    r.open_only.setChecked(True)
    assert r.model.rowCount() == 0
    r.open_only.setChecked(False)
    # safety
    w.tabs.setCurrentWidget(w.safety)
    assert w.safety.saes.rowCount() == saes
    assert sum(int(w.safety.endpoint.item(i, 1).text()) for i in range(w.safety.endpoint.rowCount())) == \
        site.store.scalar("SELECT count(*) FROM subjects WHERE arm IS NOT NULL AND status IN ('enrolled', "
                          "'completed', 'withdrawn')")


def reviewing_first_subject(make_site, sponsor_db, sponsor_keys, sponsor_window):
    """A 4-subject site BY01 linked and its first bundle imported, the window on its data review with the first
    subject's casebook open: (site, window, review tab, the subject's row)."""
    from return_helpers import link

    site = make_site("BY01", subjects=4)
    link(site, sponsor_db, sponsor_keys)
    import_one(sponsor_db, sponsor_keys, site.export().path)
    w = sponsor_window()
    r = w.review
    w.tabs.setCurrentWidget(r)
    row = r.model.rows[0]
    r.select_subject(row.subject_key)
    return site, w, r, row


def test_raise_answer_by_bundle_close_query_and_sdv(qtbot, tmp_path, make_site, sponsor_keys, sponsor_db,
                                                    sponsor_window):
    from return_helpers import user

    from sle_desktop.app import queries as site_queries
    from sle_desktop.app import returns as site_returns

    site, w, r, row = reviewing_first_subject(make_site, sponsor_db, sponsor_keys, sponsor_window)
    first = row.subject_key
    assert r.book is not None and r.book.subject_key == first
    r.select_value("subjects", "year_of_birth")
    r.raise_query("Please check the year of birth against the source.")
    assert "Query raised" in r.banner.text()
    assert r.queries.rowCount() == 1 and r.queries.item(0, 1).text() == "open"
    r.select_value("subjects", None)
    qtbot.mouseClick(r.sdv_button, Qt.LeftButton)
    assert "source-data-verified" in r.banner.text()
    assert "dana" in r.tree.topLevelItem(0).text(2)
    out = tmp_path / "to-site"
    out.mkdir()
    r.write_return(str(out), "BY01")
    qtbot.waitUntil(lambda: "Return bundle" in r.banner.text(), timeout=30_000)
    [ret] = list(out.iterdir())
    site_returns.import_return(site.session, ret)
    [q] = site.store.query("SELECT uuid FROM queries")
    site_queries.answer_query(user(site, "demo.investigator", "investigator"), q["uuid"], "Checked: correct.")
    # the site's answer comes back in its next bundle, imported from the window (the first bundle in the same
    # folder is reported as already imported)
    w.bundles.folder.setText(str(site.export().path.parent))
    w.bundles.start_import()
    _wait(qtbot, w.bundles.job)
    assert [w.bundles.results.item(i, 1).text() for i in range(2)] == ["already imported, nothing changed",
                                                                        "imported"]
    r.select_subject(first)
    r.book_tabs.setCurrentWidget(r.queries)
    assert r.queries.item(0, 1).text() == "answered" and "correct" in r.queries.item(0, 3).text()
    r.queries.selectRow(0)
    r.close_query("answer accepted")
    assert r.queries.item(0, 1).text() == "closed"
    r.queries.selectRow(0)
    r.reopen_query("The source says 1980.")
    assert r.queries.item(0, 1).text() == "re-opened"
    store = w.session.store
    users = {a["user"] for a in sponsor_returns.audit_rows(store, q["uuid"])}
    assert "dana" in users and sponsor_returns.verify_audit(store).ok


def test_read_only_statistician_and_reports_exports(qtbot, tmp_path, make_site, sponsor_keys, sponsor_db,
                                                    sponsor_window):
    from sync_helpers import register

    site = make_site("BY01", subjects=6)
    register(site, sponsor_db)
    import_one(sponsor_db, sponsor_keys, site.export().path)
    w = sponsor_window("statistician")
    assert not w.bundles.import_button.isEnabled()
    assert not w.review.raise_button.isEnabled() and not w.review.sdv_button.isEnabled()
    assert w.exports.buttons["csv"].isEnabled()
    w.tabs.setCurrentWidget(w.reports)
    assert w.reports.missing.rowCount() > 0
    png, svg = w.reports.export_image(tmp_path / "r.png"), w.reports.export_image(tmp_path / "r.svg")
    assert png.stat().st_size > 1000 and "<svg" in svg.read_text("utf-8")
    w.reports.site.setCurrentIndex(w.reports.site.findData("BY01"))
    assert w.reports.ageing.rowCount() == 1
    w.tabs.setCurrentWidget(w.exports)
    job = w.exports.start("csv", str(tmp_path / "csv"))
    _wait(qtbot, job)
    assert "CSV files" in w.exports.banner.text() and (tmp_path / "csv" / "data_dictionary.csv").exists()
    assert w.exports.progress.value() == 1


def test_keyboard_only_tabs(qtbot, tmp_path, sponsor_db, sponsor_window):
    from PySide6.QtWidgets import QApplication

    w = sponsor_window()
    w.activateWindow()
    qtbot.waitActive(w)
    w.tabs.tabBar().setFocus(Qt.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    for i in (0, 2, 5, 3, 1, 4):
        qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key(Qt.Key_1 + i), Qt.AltModifier)
        assert w.tabs.currentIndex() == i
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key_1, Qt.AltModifier)
    reached = set()
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key_Tab)
        reached.add(QApplication.focusWidget().objectName())
    assert {"bundleFolder", "sponsorKey", "importButton"} <= reached
    assert sponsor_db_mod.LATEST == sponsor_db_mod.MIGRATIONS[-1][0]


def test_accounts_dialog_creates_and_deactivates(qtbot, sponsor_db, sponsor_window):
    w = sponsor_window()
    d = w.open_users()
    qtbot.addWidget(d)
    assert d.table.rowCount() == 1
    qtbot.keyClicks(d.username, "mona")
    qtbot.keyClicks(d.display_name, "Mona Monitor")
    d.role.setCurrentIndex(d.role.findData("monitor"))
    qtbot.keyClicks(d.password, "short")
    d.create()
    assert "at least 10" in d.banner.text() and d.table.rowCount() == 1
    d.password.clear()
    qtbot.keyClicks(d.password, PASSWORD)
    d.create()
    assert d.table.rowCount() == 2 and "created" in d.banner.text()
    d.set_active("mona", False, "left the project")
    assert d.table.item([u.username for u in d.users].index("mona"), 3).text() == "no"
    with pytest.raises(Exception, match="refused"):
        accounts.login(w.session.store, "mona", PASSWORD)
    fields = [(r["field"], r["reason"]) for r in sponsor_returns.audit_rows(w.session.store, "mona")]
    assert fields[0][0] == "*" and ("active", "left the project") in fields


def test_monitor_cannot_open_accounts_and_sle_sponsor_has_gui(sponsor_db, sponsor_window):
    from sle_desktop.cli.sponsor import _cmd_gui, register_sponsor

    w = sponsor_window("monitor")
    [action] = [a for a in w.menuBar().actions()[0].menu().actions() if "Accounts" in a.text()]
    assert not action.isEnabled() and w.review.sdv_button.isEnabled() and not w.bundles.import_button.isEnabled()
    import argparse

    parser = argparse.ArgumentParser()
    register_sponsor(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["gui", "--db", "postgresql://x@y/z", "--key", "k/sponsor.key"])
    assert args.handler is _cmd_gui and args.db == "postgresql://x@y/z" and args.key == "k/sponsor.key"


def test_every_tab_is_russian(qtbot, tmp_path, sponsor_db, make_site, sponsor_keys, sponsor_window):
    """With the Russian translator, the window's own text (titles, tabs, buttons, labels, headers, menus and the
    choice lists) has no English left; the cells are study data (demo names, codes) and are not checked."""
    from sync_helpers import register
    from test_translation_complete import english_left, visible_texts

    from sle_desktop.ui import i18n

    site = make_site("BY01", subjects=4)
    register(site, sponsor_db)
    import_one(sponsor_db, sponsor_keys, site.export().path)
    i18n.install("ru")
    try:
        w = sponsor_window()
        w.language = "ru"
        bad = []
        for i in range(w.tabs.count()):
            w.tabs.setCurrentIndex(i)
            if w.tabs.currentWidget() is w.review:
                w.review.select_subject(w.review.model.rows[0].subject_key)
            texts = [(where, text) for where, text in visible_texts(w) if not where.endswith(" cell")]
            bad += [f"[{w.tabs.tabText(i)}] {line}" for line in english_left(texts)]
        d = w.open_users()
        qtbot.addWidget(d)
        bad += [f"[accounts] {line}" for line in english_left(
            [(where, text) for where, text in visible_texts(d) if not where.endswith(" cell")])]
        # the result of a folder import, refusal included, reads in Russian too
        folder = tmp_path / "ru-usb"
        folder.mkdir()
        shutil.copyfile(next(site.usb.glob("*.slebundle")), folder / "BY01-0001.slebundle")
        (folder / "BY01-0002.slebundle").write_bytes(b"\0" * 600)
        w.bundles.folder.setText(str(folder))
        w.bundles.start_import()
        _wait(qtbot, w.bundles.job)
        cells = [("import result", w.bundles.results.item(i, j).text()) for i in range(2) for j in (1, 2)]
        assert w.bundles.results.item(1, 1).text() == "ОТКЛОНЁН"
        bad += english_left(cells)
        names = ("(test)", "(CDISC, ODM)", "(ODM)", "(SPSS, Stata, SAS)")  # the database's name, format names
        bad = [line for line in bad if not line.endswith(names)]
        assert not bad, "English text left in the Russian sponsor window:\n" + "\n".join(bad)
    finally:
        i18n.install("en")


def test_closing_a_query_a_colleague_just_closed_says_so(qtbot, make_site, sponsor_keys, sponsor_db, sponsor_window):
    from sle_desktop.sponsor import queries as sponsor_queries

    _site, w, r, _row = reviewing_first_subject(make_site, sponsor_db, sponsor_keys, sponsor_window)
    r.select_value("subjects", "year_of_birth")
    r.raise_query("Please check the year of birth against the source.")
    r.book_tabs.setCurrentWidget(r.queries)
    r.queries.selectRow(0)
    [q] = sponsor_queries.list_queries(sponsor_db)
    sponsor_queries.close_query(sponsor_db, q["uuid"], reason="duplicate of another query", user="dm.colleague")
    r.close_query("answer accepted")  # the window still showed it open
    assert "already closed" in r.banner.text()
    [stored] = w.session.store.query("SELECT status, closed_by FROM queries")
    assert (stored["status"], stored["closed_by"]) == ("closed", "dm.colleague")
