"""Every clinician window and dialog fits a 1366×768 ward PC (40 px task bar) and shows all of its text, in
English and in Russian (see layout_check.py for what is checked).

The windows are opened as a clinician meets them: the main window with a subject open on each of its tabs, every
page of the enrolment wizard, every tab of the visit form (with lab suggestions, and with errors shown), the AE
and infusion dialogs (serious, with a reaction, with errors), the audit viewer, the trend plots, export, import,
sync settings, queries, users, the study-definition update, first-run set-up, log-in and the lock screen (with
their error messages), and the small dialogs (reason for change, signature, arm, language).
"""

from __future__ import annotations

from datetime import date

import pytest
from clinic_ui import (
    choose, click, dispose, fill_consent, fill_demographics, next_page, tick, type_into,
)
from layout_check import layout_problems, plot_problems
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget, QWizard

from sle_desktop.app import demo, site, study_updates
from sle_desktop.app.session import Session
from sle_desktop.store import records
from sle_desktop.store.db import Store
from sle_desktop.ui import i18n

TODAY = date(2026, 6, 1)


@pytest.fixture(params=["en", "ru"])
def language(request, qapp):
    i18n.install(request.param)
    yield request.param
    i18n.install("en")


@pytest.fixture
def ward(tmp_path):
    """A demo site (six subjects) with a sponsor query on a lab result and a pending study-definition update."""
    store = Store.open(tmp_path / "site.sqlite")
    demo.make_demo(store, subjects_count=6, seed=3, today=TODAY)
    lab = store.query_one("SELECT l.uuid, v.subject_uuid, l.visit_uuid FROM labs l JOIN visits v ON v.uuid = "
                          "l.visit_uuid WHERE l.test = 'creatinine' ORDER BY v.visit_date DESC LIMIT 1")
    records.insert(store, "queries", {
        "subject_uuid": lab["subject_uuid"], "visit_uuid": lab["visit_uuid"], "record_table": "labs",
        "record_uuid": lab["uuid"], "field": "value", "question": "Creatinine differs from the source: check.",
        "status": "open", "sponsor_version": 1, "raised_by": "cli:root", "raised_at": "2026-06-01T10:00:00+00:00"},
        user="cli:test")
    yield store
    store.close()


def _session(store, username: str, role: str) -> Session:
    return Session(store, username, username.replace("demo.", "Demo ").title(), role,
                   site.cli_session(store).data_key)


@pytest.fixture
def clinician(ward):
    return _session(ward, "demo.investigator", "investigator")


@pytest.fixture
def admin(ward):
    return _session(ward, "demo.admin", "admin")


class Screens:
    """Shows windows, collects what is wrong with each, and closes them at the end."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.made: list[QWidget] = []
        self.problems: list[str] = []
        self.checked: list[str] = []

    def show(self, window: QWidget) -> QWidget:
        self.made.append(window)
        window.show()
        self.qtbot.waitExposed(window)
        return window

    def check(self, where: str, window: QWidget) -> None:
        for _ in range(3):  # queued layout requests and growth after a message
            QApplication.processEvents()
            QCoreApplication.sendPostedEvents(None, QEvent.LayoutRequest)
        self.checked.append(where)
        self.problems += [f"[{where}] {p}" for p in layout_problems(window)]

    def assert_all_fit(self, language: str) -> None:
        assert self.checked
        assert not self.problems, f"{len(self.problems)} layout defects ({language}):\n" + "\n".join(self.problems)


@pytest.fixture
def screens(qtbot):
    s = Screens(qtbot)
    yield s
    for w in s.made:
        if getattr(w, "autolock", None) is not None:
            w.autolock.stop()
    dispose(*s.made)


def test_the_tests_run_on_a_ward_pc_screen(qapp):
    area = QApplication.primaryScreen().availableGeometry()
    assert (area.width(), area.height()) == (1366, 728), "tests/conftest.py sets up the 1366×768 screen"


def _enrolled_msc(store) -> str:
    return store.scalar("SELECT s.uuid FROM subjects s WHERE status = 'enrolled' AND arm = 'msc' AND EXISTS "
                        "(SELECT 1 FROM infusions i WHERE i.subject_uuid = s.uuid) ORDER BY subject_id LIMIT 1")


def test_main_window_subject_tabs_and_queries_fit(qtbot, language, clinician, screens):
    from sle_desktop.ui.main import build_main_window

    window = screens.show(build_main_window(clinician, today=TODAY, autolock=False))
    qtbot.waitUntil(lambda: not window._loading, timeout=10000)
    screens.check("main window: subject list", window)
    window.tabs.setCurrentWidget(window.queries_panel)
    window.queries_panel.select_query(window.queries_panel.queries()[0].uuid)
    screens.check("main window: queries", window)
    view = window.open_subject(_enrolled_msc(clinician.store))
    for i in range(view.tabs.count()):
        view.tabs.setCurrentIndex(i)
        qtbot.wait(50)
        screens.check(f"subject tab: {view.tabs.tabText(i)}", window)
    trends = view.tabs.currentWidget().content  # the Trends tab (last), built when shown
    assert trends.state == "trend"
    screens.problems += [f"[patient trends] {p}" for p in plot_problems(trends.graphics)]
    screens.assert_all_fit(language)


def test_every_wizard_page_fits(qtbot, language, clinician, screens):
    from sle_desktop.ui.enrolment import EnrolmentWizard

    wizard = screens.show(EnrolmentWizard(clinician, today=TODAY))
    screens.check("wizard: consent", wizard)
    next_page(qtbot, wizard)  # empty page: the errors show
    screens.check("wizard: consent with errors", wizard)
    fill_consent(qtbot, wizard)
    next_page(qtbot, wizard)
    screens.check("wizard: demographics", wizard)
    fill_demographics(qtbot, wizard)
    next_page(qtbot, wizard)
    screens.check("wizard: ACR", wizard)
    tick(qtbot, wizard.acr.boxes, ("malar_rash", "arthritis", "renal_disorder", "immunologic_disorder",
                                   "antinuclear_antibody"))
    next_page(qtbot, wizard)
    screens.check("wizard: anti-dsDNA", wizard)
    type_into(qtbot, wizard.anti_dsdna.value, "120")
    type_into(qtbot, wizard.anti_dsdna.uln, "25")
    next_page(qtbot, wizard)
    screens.check("wizard: SELENA-SLEDAI", wizard)
    tick(qtbot, wizard.sledai.sledai.checkboxes, ("proteinuria", "hematuria", "low_complement"))
    next_page(qtbot, wizard)
    screens.check("wizard: nephritis", wizard)
    page = wizard.nephritis
    choose(page.biopsy_class, "IV")
    type_into(qtbot, page.biopsy_date, "01.12.2025")
    type_into(qtbot, page.protein, "1,2")
    click(qtbot, page.sediment)
    click(qtbot, page.confirm)
    next_page(qtbot, wizard)
    screens.check("wizard: exclusions", wizard)
    choose(wizard.exclusions.pregnancy_test, "negative")
    next_page(qtbot, wizard)
    screens.check("wizard: summary", wizard)
    click(qtbot, wizard.button(QWizard.CommitButton))
    screens.check("wizard: arm", wizard)
    screens.assert_all_fit(language)


def _visit_with_suggestions(store) -> tuple[str, str]:
    """(subject, visit) of an assessed visit whose labs suggest SLEDAI descriptors (the "lab" chips)."""
    row = store.query_one("SELECT v.subject_uuid, v.uuid FROM visits v JOIN labs l ON l.visit_uuid = v.uuid "
                          "WHERE l.test IN ('c3', 'anti_dsdna', 'urine_rbc') ORDER BY v.visit_date DESC LIMIT 1")
    return row["subject_uuid"], row["uuid"]


def test_visit_form_tabs_fit_with_suggestions_and_errors(qtbot, language, clinician, screens):
    from sle_desktop.ui.visit_form import VisitForm

    subject, visit = _visit_with_suggestions(clinician.store)
    form = screens.show(VisitForm(clinician, subject, visit, today=TODAY))
    for i in range(form.tabs.count()):
        form.tabs.setCurrentIndex(i)
        screens.check(f"visit form: {form.tabs.tabText(i)}", form)
    type_into(qtbot, form.labs.values["creatinine"], "abc")
    type_into(qtbot, form.labs.values["hemoglobin"], "1080")
    form.save()
    screens.check("visit form: lab errors", form)
    new = screens.show(VisitForm(clinician, subject, None, today=TODAY))
    screens.check("visit form: new visit", new)
    screens.assert_all_fit(language)


def test_safety_dialogs_fit(qtbot, language, clinician, screens):
    from sle_desktop.ui.ae_dialog import AdverseEventDialog
    from sle_desktop.ui.infusion_dialog import InfusionDialog

    subject = _enrolled_msc(clinician.store)
    ae = screens.show(AdverseEventDialog(clinician, subject, today=TODAY))
    screens.check("AE dialog", ae)
    ae.save()
    screens.check("AE dialog with errors", ae)
    click(qtbot, ae.fields.serious)
    screens.check("AE dialog: serious", ae)
    infusion = screens.show(InfusionDialog(clinician, subject, today=TODAY))
    screens.check("infusion dialog", infusion)
    click(qtbot, infusion.reaction)
    type_into(qtbot, infusion.weight, "abc")
    infusion.save()
    screens.check("infusion dialog: reaction and errors", infusion)
    screens.assert_all_fit(language)


def test_audit_viewer_fits(qtbot, language, clinician, screens):
    from sle_desktop.ui.audit_viewer import AuditViewer

    viewer = screens.show(AuditViewer(clinician))
    screens.check("audit viewer", viewer)
    type_into(qtbot, viewer.date_from, "31.02.2026")
    viewer.refresh()
    screens.check("audit viewer: bad date", viewer)
    screens.assert_all_fit(language)


def test_trend_plots_fit(qtbot, language, clinician, screens):
    from sle_desktop.ui.main import build_main_window

    window = screens.show(build_main_window(clinician, today=TODAY, autolock=False))
    qtbot.waitUntil(lambda: not window._loading, timeout=10000)
    cohort = window.cohort_trends()
    screens.made.append(cohort)
    qtbot.waitExposed(cohort)
    qtbot.waitUntil(lambda: cohort.loaded, timeout=10000)
    screens.check("cohort trends", cohort)
    screens.problems += [f"[cohort trends] {p}" for p in plot_problems(cohort.graphics)]
    screens.assert_all_fit(language)


def test_sync_dialogs_fit(qtbot, language, admin, screens, tmp_path):
    from sle_desktop.ui.export_dialog import ExportDialog
    from sle_desktop.ui.import_return_dialog import ImportReturnDialog

    media = tmp_path / "media"
    (media / "USB").mkdir(parents=True)
    export = screens.show(ExportDialog(admin, roots=[media]))
    screens.check("export dialog", export)
    settings = export.open_sync_settings()
    qtbot.waitExposed(settings)
    screens.check("sync settings", settings)
    screens.check("import dialog", screens.show(ImportReturnDialog(admin, roots=[media])))
    screens.assert_all_fit(language)


def test_administration_dialogs_fit(qtbot, language, admin, clinician, screens, ward):
    from sle_desktop.resources import resource_path
    from sle_desktop.ui.main import build_main_window
    from sle_desktop.ui.users_dialog import UsersDialog

    screens.check("users", screens.show(UsersDialog(admin)))
    text = resource_path("study", "sle-msc.toml").read_text("utf-8").replace('version = "1.0"', 'version = "1.1"', 1)
    text = text.replace("min_sledai = 6 ", "min_sledai = 8 ", 1)
    ward.conn.execute("INSERT INTO study_updates (version, definition, status, received_at, return_seq) "
                      "VALUES ('1.1', ?, 'pending', '2026-06-01T10:00:00+00:00', 1)", (text,))
    assert study_updates.study_update_summary(admin) is not None
    window = screens.show(build_main_window(admin, today=TODAY, autolock=False))
    qtbot.waitUntil(lambda: not window._loading, timeout=10000)
    box = window.study_update()
    screens.made.append(box)
    qtbot.waitExposed(box)
    screens.check("study definition update", box)
    box.reject()
    screens.assert_all_fit(language)


def test_first_run_log_in_and_lock_fit_with_their_messages(qtbot, language, clinician, screens):
    from sle_desktop.ui.autolock import LockDialog
    from sle_desktop.ui.login import LoginDialog
    from sle_desktop.ui.setup import SetupDialog

    fresh = Store.memory()
    try:
        setup = screens.show(SetupDialog(fresh))
        screens.check("first run", setup)
        type_into(qtbot, setup.password, "short")
        type_into(qtbot, setup.password2, "different")
        setup.create()
        screens.check("first run: passwords differ", setup)
        type_into(qtbot, setup.password2, "short")
        setup.create()
        screens.check("first run: field errors", setup)
        login = screens.show(LoginDialog(clinician.store, username="demo.investigator"))
        screens.check("log-in", login)
        type_into(qtbot, login.password, "wrong password")
        login.try_login()
        screens.check("log-in: wrong password", login)
        lock = screens.show(LockDialog(clinician))
        screens.check("lock", lock)
        type_into(qtbot, lock.password, "wrong password")
        lock.try_unlock()
        screens.check("lock: wrong password", lock)
        screens.assert_all_fit(language)
    finally:
        dispose(*screens.made)
        screens.made.clear()
        fresh.close()


def test_small_dialogs_fit(qtbot, language, clinician, screens):
    from sle_desktop.ui.language_dialog import LanguageDialog
    from sle_desktop.ui.reason_dialog import ReasonDialog
    from sle_desktop.ui.sign_dialog import SignDialog

    screens.check("reason for change", screens.show(ReasonDialog(what="BY01-0001 – Month 1", changes=[
        ("Physician's Global Assessment", "1.0", "1.5"), ("Serum creatinine", "80 µmol/L", "88 µmol/L")])))
    sledai = clinician.store.scalar("SELECT uuid FROM sledai_assessments LIMIT 1")
    screens.check("signature", screens.show(SignDialog(clinician, "sledai_assessments", sledai)))
    screens.check("language", screens.show(LanguageDialog()))
    screens.assert_all_fit(language)


# -- the sponsor window (sle-sponsor gui) -------------------------------------------------------------------
def _sponsor_build():
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "sle_bench_sponsor_window", Path(__file__).resolve().parents[2] / "benchmarks" / "sponsor_window.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sponsor_window_tabs_and_log_in_fit(qtbot, language, screens, tmp_path):
    from sle_desktop.sponsor import accounts
    from sle_desktop.sponsor import db as sponsor_db
    from sle_desktop.ui.sponsor.login import SponsorLoginDialog
    from sle_desktop.ui.sponsor.window import SponsorWindow

    bench = _sponsor_build()
    db, key = bench.build(tmp_path / "sponsor", sites=2, subjects=6)
    store = sponsor_db.open_sponsor_store(db)
    try:
        session = accounts.login(store, "dana", bench.PASSWORD)
        window = screens.show(SponsorWindow(session, where=str(db), key_file=str(key)))
        for i in range(window.tabs.count()):
            window.tabs.setCurrentIndex(i)
            qtbot.wait(30)
            screens.check(f"sponsor window: {window.tabs.tabText(i)}", window)
        window.tabs.setCurrentWidget(window.review)
        window.review.select_subject(window.review.model.rows[0].subject_key)
        window.review.select_value("subjects", "year_of_birth")
        window.review.raise_query("Please check the year of birth.")
        for i in range(window.review.book_tabs.count()):
            window.review.book_tabs.setCurrentIndex(i)
            screens.check(f"sponsor casebook: {window.review.book_tabs.tabText(i)}", window)
        window.tabs.setCurrentWidget(window.reports)
        screens.problems += [f"[sponsor reports] {p}" for p in plot_problems(window.reports.graphics)]
        login = screens.show(SponsorLoginDialog(store, str(db)))
        login.username.setText("dana")
        login.password.setText("wrong password")
        login.try_login()
        screens.check("sponsor log-in with its message", login)
        with sponsor_db.open_sponsor_store(tmp_path / "new.sqlite", create=True) as fresh:
            first = screens.show(SponsorLoginDialog(fresh, str(tmp_path / "new.sqlite")))
            first.try_login()
            screens.check("sponsor first run with its message", first)
        screens.assert_all_fit(language)
    finally:
        store.close()
