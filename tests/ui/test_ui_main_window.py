"""Main window: subject list (search, filters, sort), role-dependent actions, subject tabs, audit viewer
(filter + verify), idle auto-lock that keeps unsaved entries, background loading from a file database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from clinic_ui import choose, click, dispose, type_into
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QPushButton
from testkit import PASSWORD, TODAY, eligible_form

from sle_desktop.app import audit_trail, safety, site, subjects, visits
from sle_desktop.ui.audit_viewer import AuditViewer
from sle_desktop.ui.main import build_main_window
from sle_desktop.ui.subject_model import COLUMNS
from sle_desktop.ui.subject_view import SubjectView


def cohort(session):
    """Five subjects: 3 enrolled (2 MSC, 1 standard; one with an overdue SAE), 1 screened, 1 screen failure."""
    people = [("Anna Ivanova", "msc"), ("Boris Kuznetsov", "standard"), ("Olga Petrova", "msc"),
              ("Vera Zhuk", None), ("Irina Moroz", "fail")]
    uuids = {}
    for name, arm in people:
        form = eligible_form(full_name=name) if arm != "fail" else eligible_form(full_name=name, acr_criteria=frozenset())
        outcome = subjects.screen_subject(session, form, today=TODAY)
        if arm in ("msc", "standard"):
            subjects.enrol_patient(session, outcome.subject_uuid, arm=arm, reason="investigator decision")
            visits.record_visit(session, outcome.subject_uuid, "baseline", date(2026, 1, 20), today=TODAY)
        uuids[name] = outcome.subject_uuid
    base = session.store.scalar("SELECT uuid FROM visits WHERE subject_uuid = ?", (uuids["Olga Petrova"],))
    visits.save_sledai(session, base, {"proteinuria", "hematuria", "seizure"}, 2.0)
    base = session.store.scalar("SELECT uuid FROM visits WHERE subject_uuid = ?", (uuids["Anna Ivanova"],))
    visits.save_sledai(session, base, {"rash"}, 0.5)
    safety.record_adverse_event(session, uuids["Boris Kuznetsov"], safety.AdverseEventForm(
        term="Pneumonia", onset_date=date(2026, 3, 1), grade=3, serious=True, serious_criteria=("hospitalisation",),
        relationship="unrelated", outcome="recovering",
        aware_at=datetime.now(UTC) - timedelta(days=3)), today=TODAY)
    return uuids


def shown_column(window, name):
    col = COLUMNS.index(name)
    return [window.subject_list.proxy.index(r, col).data() for r in range(window.subject_list.proxy.rowCount())]


def main_window(qtbot, windows, session, **kw):
    w = windows(build_main_window(session, today=TODAY, **kw))
    qtbot.waitUntil(lambda: w.subject_list.model.rowCount() > 0 or not w._loading)
    return w


def test_subject_list_shows_the_columns_and_flags_the_overdue_sae(qtbot, investigator, windows):
    uuids = cohort(investigator)
    w = main_window(qtbot, windows, investigator)
    assert w.subject_list.model.rowCount() == 5
    assert shown_column(w, "subject") == ["BY01-0001", "BY01-0002", "BY01-0003", "BY01-S0004", "BY01-S0005"]
    assert shown_column(w, "initials") == ["AI", "BK", "OP", "VZ", "IM"]
    assert shown_column(w, "arm")[:3] == ["MSC", "Standard", "MSC"]
    assert shown_column(w, "status")[3:] == ["Screened (eligible)", "Screen failure"]
    assert shown_column(w, "last_sledai")[:3] == ["2", "", "16"]
    assert shown_column(w, "next_visit")[0] == "Month 1 – 19.02.2026"
    assert shown_column(w, "visit_status")[0] == "window missed"  # today is 01.06.2026
    sae_col = COLUMNS.index("sae")
    row = w.subject_list.model.row_of(uuids["Boris Kuznetsov"])
    index = w.subject_list.model.index(row, sae_col)
    assert "overdue" in index.data()
    assert index.data(Qt.ForegroundRole).color().name() == "#b00020"  # red
    assert w.subject_list.count_label.text() == "5 of 5 subjects"
    assert w.user_label.text() == "Investigator User (inv)" and w.role_label.text() == "Investigator"


def test_search_filters_and_sort(qtbot, investigator, windows):
    cohort(investigator)
    w = main_window(qtbot, windows, investigator)
    def search(text):
        type_into(qtbot, w.subject_list.search, text)
        qtbot.waitUntil(lambda: w.subject_list.proxy.search == text.lower())  # after the typing pause

    search("op")
    assert shown_column(w, "initials") == ["OP"]
    search("S0004")  # screening numbers are searchable
    assert shown_column(w, "initials") == ["VZ"]
    search("")
    assert w.subject_list.proxy.rowCount() == 5
    choose(w.subject_list.status_filter, "enrolled")
    assert w.subject_list.proxy.rowCount() == 3
    choose(w.subject_list.arm_filter, "msc")
    assert shown_column(w, "subject") == ["BY01-0001", "BY01-0003"]
    assert w.subject_list.count_label.text() == "2 of 5 subjects"
    choose(w.subject_list.arm_filter, None)
    click(qtbot, w.subject_list.overdue_filter)
    assert shown_column(w, "initials") == ["BK"]
    click(qtbot, w.subject_list.overdue_filter)
    choose(w.subject_list.status_filter, None)
    header = w.subject_list.table.horizontalHeader()
    col = COLUMNS.index("last_sledai")
    qtbot.mouseClick(header.viewport(), Qt.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(col) + 5, header.height() // 2))
    first = shown_column(w, "last_sledai")
    order = w.subject_list.model.sort_order
    numbers = [int(x.split(" ")[0]) for x in first if x]  # "16" or "16 · severe"
    assert numbers == sorted(numbers, reverse=order == Qt.DescendingOrder)
    assert first[-3:] == ["", "", ""]  # subjects without a SLEDAI stay at the end
    w.subject_list.table.sortByColumn(COLUMNS.index("initials"), Qt.DescendingOrder)
    assert shown_column(w, "initials") == ["VZ", "OP", "IM", "BK", "AI"]


def test_selection_survives_sorting_and_actions_follow_it(qtbot, investigator, windows):
    uuids = cohort(investigator)
    w = main_window(qtbot, windows, investigator)
    assert not w.action("record_visit").isEnabled()  # nothing selected
    assert w.select_subject(uuids["Olga Petrova"])
    assert w.action("record_visit").isEnabled() and w.action("infusion").isEnabled()
    w.subject_list.table.sortByColumn(COLUMNS.index("initials"), Qt.DescendingOrder)
    assert w.selected_uuid() == uuids["Olga Petrova"]
    w.select_subject(uuids["Boris Kuznetsov"])
    assert not w.action("infusion").isEnabled()  # standard arm
    w.select_subject(uuids["Irina Moroz"])
    assert not w.action("record_visit").isEnabled() and w.action("adverse_event").isEnabled()


def test_monitor_sees_everything_but_write_actions_are_disabled(qtbot, investigator, monitor, windows):
    uuids = cohort(investigator)
    w = main_window(qtbot, windows, monitor)
    assert w.subject_list.model.rowCount() == 5
    w.select_subject(uuids["Olga Petrova"])
    for name in ("new_screening", "record_visit", "adverse_event", "infusion"):
        assert not w.action(name).isEnabled(), name
    assert w.action("audit_trail").isEnabled() and w.action("cohort_trends").isEnabled()
    assert not w.action("users").isEnabled()
    view = w.open_subject(uuids["Olga Petrova"])
    assert not view.visit_button.isVisible() and not view.ae_button.isVisible()
    assert not view.con_meds.form.isVisible()
    assert w.role_label.text() == "Monitor (read-only)"


def test_admin_has_the_users_action_and_can_create_an_account(qtbot, admin, windows):
    w = main_window(qtbot, windows, admin)
    assert w.action("users").isEnabled()
    assert not w.action("new_screening").isEnabled()
    dialog = w.manage_users()
    type_into(qtbot, dialog.username, "new.coord")
    type_into(qtbot, dialog.full_name, "New Coordinator")
    choose(dialog.role, "coordinator")
    type_into(qtbot, dialog.password, PASSWORD)
    type_into(qtbot, dialog.password2, PASSWORD)
    click(qtbot, dialog.create_button)
    assert site.login(admin.store, "new.coord", PASSWORD).role == "coordinator"
    dispose(dialog)


def test_subject_tab_opens_lists_forms_and_accepts_extra_tabs(qtbot, investigator, windows):
    uuids = cohort(investigator)
    w = main_window(qtbot, windows, investigator)
    w.select_subject(uuids["Olga Petrova"])
    w.action("open_subject").trigger()
    view = w.current_view()
    assert isinstance(view, SubjectView) and view.subject_uuid == uuids["Olga Petrova"]
    assert w.tabs.tabText(w.tabs.currentIndex()) == "BY01-0003"
    assert view.visits_table.rowCount() == 1 and view.visits_table.item(0, 4).text() == "16"
    extra = QLabel("trends go here")
    index = view.add_tab(extra, "Trends")
    assert view.tabs.tabText(index) == "Trends" and view.tabs.widget(index) is extra
    assert w.open_subject(uuids["Olga Petrova"]) is view  # one tab per subject
    view2 = w.open_subject(uuids["Boris Kuznetsov"])
    assert "SAE" in view2.ae_table.item(0, 4).text()
    assert "OVERDUE" in view2.ae_table.item(0, 7).text()
    w.close_tab(w.tabs.indexOf(view))
    assert uuids["Olga Petrova"] not in w.subject_views


def test_visit_saved_from_a_subject_tab_refreshes_the_list(qtbot, investigator, windows):
    uuids = cohort(investigator)
    w = main_window(qtbot, windows, investigator)
    w.select_subject(uuids["Boris Kuznetsov"])
    form = w.record_visit()
    windows(form)
    type_into(qtbot, form.visit_date, "19.02.2026")
    click(qtbot, form.sledai.checkboxes["arthritis"])
    form.sledai.pga.set_value(0.8)
    click(qtbot, form.save_button)
    row = w.subject_list.model.row_of(uuids["Boris Kuznetsov"])
    qtbot.waitUntil(lambda: w.subject_list.model.row_at(w.subject_list.model.row_of(uuids["Boris Kuznetsov"])).last_sledai == 4)
    assert w.subject_list.model.row_at(row).next_visit == "month_3"


def test_audit_viewer_filters_and_verifies_the_chain(qtbot, investigator, coordinator, windows):
    uuids = cohort(investigator)
    subjects.screen_subject(coordinator, eligible_form(full_name="Nina Coord"), today=TODAY)
    viewer = windows(AuditViewer(investigator))
    everything = viewer.model.rowCount()
    choose(viewer.user, "coord")
    click(qtbot, viewer.apply_button)
    assert 0 < viewer.model.rowCount() < everything
    assert {r.user for r in viewer.model.rows} == {"coord"}
    choose(viewer.user, None)
    choose(viewer.subject, uuids["Olga Petrova"])
    click(qtbot, viewer.apply_button)
    sledai_rows = [r for r in viewer.model.rows if r.form == "sledai_assessments"]
    assert sledai_rows and {r.subject_uuid for r in viewer.model.rows} == {uuids["Olga Petrova"]}
    type_into(qtbot, viewer.date_from, "32.13.2026")
    click(qtbot, viewer.apply_button)
    assert viewer.from_error.isVisible()
    viewer.date_from.set_date(None)
    click(qtbot, viewer.verify_button)
    qtbot.waitUntil(lambda: viewer.last_check is not None)
    assert viewer.last_check.ok and viewer.verify_result.text().startswith("✔ Audit trail intact")
    # tamper with one row behind the application's back: the button names it
    store = investigator.store
    store.conn.execute("DROP TRIGGER audit_no_update")
    store.conn.execute("UPDATE audit SET new = '\"tampered\"' WHERE seq = 5")
    viewer.last_check = None
    click(qtbot, viewer.verify_button)
    qtbot.waitUntil(lambda: viewer.last_check is not None)
    assert not viewer.last_check.ok
    assert "row 5" in viewer.verify_result.text() and viewer.verify_result.text().startswith("✘")


def test_audit_rows_read_in_the_clinicians_terms_and_export_to_csv(qtbot, enrolled, windows, tmp_path):
    import csv

    session, uuid, sid = enrolled
    base = session.store.scalar("SELECT uuid FROM visits WHERE subject_uuid = ?", (uuid,))
    visits.save_sledai(session, base, {"rash"}, 1.0)
    visits.save_sledai(session, base, {"rash", "fever"}, 1.3, reason="PGA re-assessed")
    viewer = windows(AuditViewer(session, subject_uuid=uuid))
    rows = viewer.model.shown_rows()
    when, subject, visit, form, field, change, who, reason = next(r for r in rows if r[4] == "Physician's Global Assessment"
                                                                  and r[7])
    assert (subject, visit, form, change, who, reason) == (sid, "Baseline (day 0)", "SELENA-SLEDAI", "1 → 1.3",
                                                           "Investigator User (inv)", "PGA re-assessed")
    at_utc = session.store.scalar("SELECT at_utc FROM audit WHERE field = 'pga' AND reason IS NOT NULL")
    assert when == datetime.fromisoformat(at_utc).astimezone().strftime("%d.%m.%Y %H:%M:%S")  # local time
    assert [r[5] for r in rows if r[4] == "Fever" and r[7]] == ["no → yes"]  # a descriptor, not "0 → 1"
    assert not any("uuid" in cell or cell.startswith("labs ") for r in rows for cell in r)
    # filter by form, then the CSV holds exactly the rows shown
    choose(viewer.form, "visits")
    click(qtbot, viewer.apply_button)
    assert {r[3] for r in viewer.model.shown_rows()} == {"Visit"}
    assert viewer.export_csv(tmp_path / "trail.csv")
    with open(tmp_path / "trail.csv", encoding="utf-8-sig", newline="") as f:
        written = list(csv.reader(f))
    assert written == [viewer.model.headers] + viewer.model.shown_rows()
    assert f"{len(written) - 1} rows written" in viewer.banner.text()


def test_audit_date_filter_is_in_local_days_and_refuses_a_reversed_range(qtbot, enrolled, windows):
    session, uuid, _sid = enrolled
    viewer = windows(AuditViewer(session))
    today = datetime.now().date()
    viewer.date_from.set_date(today)
    viewer.date_to.set_date(today)
    click(qtbot, viewer.apply_button)
    assert viewer.model.rowCount() == session.store.scalar("SELECT count(*) FROM audit")
    viewer.date_from.set_date(today + timedelta(days=1))
    click(qtbot, viewer.apply_button)
    assert "end date is before the start date" in viewer.banner.text()


def test_idle_lock_covers_windows_and_keeps_unsaved_entries(qtbot, enrolled, windows):
    session, uuid, _sid = enrolled
    w = main_window(qtbot, windows, session, lock_minutes=60)
    view = w.open_subject(uuid)
    form = windows(view.record_visit())
    click(qtbot, form.sledai.checkboxes["arthritis"])
    w.autolock.set_timeout_ms(150)
    qtbot.waitUntil(lambda: w.autolock.is_locked(), timeout=3000)
    lock = w.autolock.dialog
    assert lock.isVisible()
    assert any(c.parentWidget() is w and c.isVisible() for c in w.autolock.curtains)
    assert any(c.parentWidget() is form for c in w.autolock.curtains)
    type_into(qtbot, lock.password, "wrong-password")
    click(qtbot, lock.unlock_button)
    assert w.autolock.is_locked() and "Wrong password" in lock.error.text()
    type_into(qtbot, lock.password, PASSWORD)
    click(qtbot, lock.unlock_button)
    assert not w.autolock.is_locked()
    qtbot.waitUntil(lambda: not w.autolock.curtains)
    assert form.isVisible() and form.sledai.codes() == {"arthritis"}  # unsaved entry kept


def test_lock_action_and_logout_from_the_lock_screen(qtbot, enrolled, windows):
    session, _uuid, _sid = enrolled
    w = main_window(qtbot, windows, session, lock_minutes=60)
    w.action("lock").trigger()
    assert w.autolock.is_locked()
    with qtbot.waitSignal(w.logout_requested):
        click(qtbot, w.autolock.dialog.logout_button)
    assert not w.autolock.is_locked()


def test_subjects_load_in_the_background_from_a_file_database(qtbot, file_store, windows):
    admin = site.create_site(file_store, code="BY01", name="File site", admin_username="admin",
                             admin_name="Admin", admin_password=PASSWORD)
    site.create_user(admin, username="inv", display_name="Inv", role="investigator", password=PASSWORD)
    inv = site.login(file_store, "inv", PASSWORD)
    for i in range(3):
        subjects.screen_subject(inv, eligible_form(full_name=f"Patient Number{i}"), today=TODAY)
    w = build_main_window(inv, today=TODAY, autolock=False)
    windows(w)
    assert w.progress.isVisible() or w.subject_list.model.rowCount() == 3
    with qtbot.waitSignal(w.subjects_loaded, timeout=10000) as loaded:
        pass
    assert loaded.args == [3] and w.subject_list.model.rowCount() == 3
    assert not w.progress.isVisible()


def test_log_out_asks_before_discarding_an_unsaved_visit(qtbot, enrolled, windows):
    session, uuid, _sid = enrolled
    w = main_window(qtbot, windows, session, autolock=False)
    form = windows(w.open_subject(uuid).record_visit())
    click(qtbot, form.sledai.checkboxes["fever"])
    with qtbot.assertNotEmitted(w.logout_requested):
        w.action("logout").trigger()
    box = w.discard_box
    assert box.isVisible() and form.windowTitle() in box.text()
    with qtbot.assertNotEmitted(w.logout_requested):
        click(qtbot, box.button(box.StandardButton.Discard))
    question = w.backup_box  # then: the site has changes that are in no backup yet
    assert question.isVisible() and "not in a backup yet" in question.text()
    with qtbot.waitSignal(w.logout_requested):
        click(qtbot, question.findChild(QPushButton, "logoutAnyway"))


def test_withdrawing_a_subject_needs_a_reason(qtbot, enrolled, windows):
    session, uuid, _sid = enrolled
    w = main_window(qtbot, windows, session, autolock=False)
    view = w.open_subject(uuid)
    dialog = view.withdraw()
    assert not dialog.ok_button.isEnabled()
    type_into(qtbot, dialog.text, "Consent withdrawn by the patient")
    click(qtbot, dialog.ok_button)
    row = subjects.get_subject(session, uuid)
    assert (row.status, row.withdrawn_reason) == ("withdrawn", "Consent withdrawn by the patient")
    assert "Withdrawn" in view.title.text() and not view.withdraw_button.isVisible()
    qtbot.waitUntil(lambda: w.subject_list.model.row_at(w.subject_list.model.row_of(uuid)).status == "withdrawn")


def test_after_set_up_the_administrator_is_told_the_next_step(qtbot, admin, windows):
    w = main_window(qtbot, windows, admin)
    assert "Administration → Users" in w.banner.text() and w.banner.kind == "info"
    assert not w.action("new_screening").isEnabled()
    assert w.windowTitle().startswith("SLE MSC trial – site BY01")


def test_sync_settings_are_in_the_file_menu(qtbot, admin, windows):
    w = main_window(qtbot, windows, admin)
    file_menu = w.menuBar().actions()[0].menu()
    assert w.action("sync_settings") in file_menu.actions()
    dialog = w.sync_settings()
    assert dialog.isVisible() and "Not imported yet" in dialog.recipients_label.text()
    dialog.reject()
