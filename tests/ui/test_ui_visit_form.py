"""The visit window: SLEDAI by clicking (total = sledai.score), PGA slider/spin sync, save, correction with a
reason (audit row), lab suggestions confirmed by the clinician, out-of-range flags, eGFR, window status."""

from __future__ import annotations

import json
from datetime import date

import pytest
from clinic_ui import click, type_into
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication
from testkit import PASSWORD, TODAY

from sle_desktop.app import visits
from sle_desktop.domain import sledai


def baseline_uuid(session, subject_uuid):
    return session.store.scalar("SELECT uuid FROM visits WHERE subject_uuid = ? AND visit_code = 'baseline'",
                                (subject_uuid,))


def test_total_shown_equals_sledai_score_of_the_ticked_boxes(qtbot, enrolled, form_for):
    session, uuid, _sid = enrolled
    form = form_for(session, uuid, baseline_uuid(session, uuid))
    widget = form.sledai
    ticked = []
    for code in ("seizure", "proteinuria", "hematuria", "rash", "fever", "low_complement"):
        click(qtbot, widget.checkboxes[code])
        ticked.append(code)
        assert widget.total_label.text() == f"SELENA-SLEDAI: {sledai.score(ticked)}"
        assert widget.renal_label.text() == f"Renal SLEDAI: {sledai.renal_score(ticked)} of 16"
    click(qtbot, widget.checkboxes["seizure"])  # untick
    ticked.remove("seizure")
    assert widget.total() == sledai.score(ticked) == 13
    assert widget.codes() == frozenset(ticked)


def test_descriptor_definitions_are_tooltips_and_shown_in_the_help_pane(qtbot, enrolled, form_for):
    session, uuid, _sid = enrolled
    form = form_for(session, uuid, baseline_uuid(session, uuid))
    cb = form.sledai.checkboxes["hematuria"]
    assert ">5 RBC/high-power field" in cb.toolTip()
    QApplication.sendEvent(cb, QFocusEvent(QEvent.FocusIn, Qt.TabFocusReason))  # tabbing onto the box
    assert ">5 RBC/high-power field" in form.sledai.help.toPlainText()
    assert "Renal" in form.sledai.help.toPlainText()


def test_pga_slider_and_spin_box_stay_in_sync(qtbot, enrolled, form_for):
    session, uuid, _sid = enrolled
    pga = form_for(session, uuid, baseline_uuid(session, uuid)).sledai.pga
    assert pga.value() is None  # nothing is assumed
    pga.slider.setValue(17)
    assert pga.spin.value() == pytest.approx(1.7) and pga.value() == 1.7
    type_into(qtbot, pga.spin.lineEdit(), "2.4")
    pga.spin.interpretText()
    assert pga.slider.value() == 24 and pga.value() == 2.4


def test_new_visit_with_labs_and_sledai_is_saved_in_one_go(qtbot, enrolled, form_for):
    session, uuid, _sid = enrolled
    form = form_for(session, uuid, visit_code="month_1")
    type_into(qtbot, form.visit_date, "19.02.2026")
    assert "in window" in form.window_status_text() and "study day 30" in form.window_status_text()
    for code in ("proteinuria", "hematuria", "arthritis"):
        click(qtbot, form.sledai.checkboxes[code])
    form.sledai.pga.set_value(1.4)
    type_into(qtbot, form.labs.values["creatinine"], "90")
    with qtbot.waitSignal(form.saved) as saved:
        click(qtbot, form.save_button)
    visit_uuid = saved.args[0]
    row = session.store.query_one("SELECT visit_code, visit_date, study_day, window_status FROM visits WHERE uuid = ?",
                                  (visit_uuid,))
    assert row == {"visit_code": "month_1", "visit_date": "2026-02-19", "study_day": 30, "window_status": "in_window"}
    assessment = visits.get_sledai(session, visit_uuid)
    assert assessment.codes == {"proteinuria", "hematuria", "arthritis"}
    assert assessment.score == 12 and assessment.renal_score == 8 and assessment.pga == 1.4
    assert visits.visit_labs(session, visit_uuid)["creatinine"].value == 90
    assert form.banner.kind == "ok" and "SELENA-SLEDAI 12" in form.banner.text()
    assert "mL/min/1.73 m²" in form.labs.egfr_label.text()


def test_late_visit_is_flagged_before_saving_and_recorded_as_a_deviation(qtbot, enrolled, form_for):
    session, uuid, _sid = enrolled
    form = form_for(session, uuid, visit_code="month_1")
    type_into(qtbot, form.visit_date, "10.03.2026")  # day 49: window is day 23–37
    assert "LATE" in form.window_status_text()
    form.sledai.pga.set_value(1.0)
    click(qtbot, form.save_button)
    assert session.store.scalar("SELECT kind FROM deviations") == "visit_out_of_window"
    assert "protocol deviation was recorded" in form.banner.text()


def test_missing_pga_is_shown_next_to_the_pga_and_nothing_is_saved(qtbot, enrolled, form_for):
    session, uuid, _sid = enrolled
    form = form_for(session, uuid, visit_code="month_1")
    type_into(qtbot, form.visit_date, "19.02.2026")
    click(qtbot, form.sledai.checkboxes["rash"])
    type_into(qtbot, form.labs.values["platelets"], "150")
    click(qtbot, form.save_button)
    assert form.sledai.pga.error.isVisible()
    assert "Physician's Global Assessment is required" in form.sledai.pga.error.text()
    assert form.banner.kind == "error"
    assert session.store.scalar("SELECT count(*) FROM visits WHERE visit_code = 'month_1'") == 0
    assert session.store.scalar("SELECT count(*) FROM labs") == 0  # one transaction: nothing half-saved
    assert form.sledai.codes() == {"rash"}  # what was typed is still there


def test_editing_a_saved_sledai_asks_for_a_reason_and_writes_the_audit_row(qtbot, enrolled, form_for):
    session, uuid, _sid = enrolled
    base = baseline_uuid(session, uuid)
    visits.save_sledai(session, base, {"proteinuria", "hematuria"}, 1.5)
    form = form_for(session, uuid, base)
    assert form.sledai.total() == 8 and form.sledai.pga.value() == 1.5
    click(qtbot, form.sledai.checkboxes["pyuria"])
    click(qtbot, form.save_button)
    dialog = form.reason_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.ok_button.isEnabled()  # a reason is required
    assert visits.get_sledai(session, base).score == 8  # not saved yet
    type_into(qtbot, dialog.text, "Urine microscopy result received late")
    click(qtbot, dialog.ok_button)
    assessment = visits.get_sledai(session, base)
    assert assessment.score == 12 and "pyuria" in assessment.codes
    rows = session.store.query(
        "SELECT field, old, new, reason, user FROM audit WHERE \"table\" = 'sledai_assessments' AND field IN "
        "('pyuria', 'score') ORDER BY seq")
    assert {(r["field"], r["old"], r["new"]) for r in rows} == {("pyuria", "0", "1"), ("score", "8", "12")}
    assert {r["reason"] for r in rows} == {"Urine microscopy result received late"}
    assert {r["user"] for r in rows} == {"inv"}


def test_cancelled_reason_saves_nothing_and_keeps_the_edit(qtbot, enrolled, form_for):
    session, uuid, _sid = enrolled
    base = baseline_uuid(session, uuid)
    visits.save_sledai(session, base, {"proteinuria"}, 1.5)
    form = form_for(session, uuid, base)
    click(qtbot, form.sledai.checkboxes["rash"])
    click(qtbot, form.save_button)
    form.reason_dialog.reject()
    assert "needs a reason" in form.banner.text()
    assert visits.get_sledai(session, base).codes == {"proteinuria"}
    assert form.sledai.codes() == {"proteinuria", "rash"}


def test_lab_values_suggest_descriptors_that_the_clinician_confirms(qtbot, enrolled, form_for):
    session, uuid, _sid = enrolled
    form = form_for(session, uuid, visit_code="month_1")
    type_into(qtbot, form.visit_date, "19.02.2026")
    type_into(qtbot, form.labs.values["platelets"], "85")
    type_into(qtbot, form.labs.values["c3"], "0.6")
    type_into(qtbot, form.labs.llns["c3"], "0.9")
    qtbot.waitUntil(lambda: form.sledai.markers["thrombocytopenia"].isVisible())
    assert form.sledai.markers["low_complement"].isVisible()
    assert not form.sledai.checkboxes["thrombocytopenia"].isChecked()  # suggested, not ticked
    assert "Platelets 85" in form.sledai.markers["thrombocytopenia"].toolTip()
    assert form.labs.flags["c3"].text() == "Below normal"  # out of range highlighted
    click(qtbot, form.sledai.checkboxes["thrombocytopenia"])  # the clinician confirms one
    click(qtbot, form.sledai.checkboxes["arthritis"])
    form.sledai.pga.set_value(1.0)
    with qtbot.waitSignal(form.saved) as saved:
        click(qtbot, form.save_button)
    stored = session.store.query_one("SELECT sources, thrombocytopenia, low_complement FROM sledai_assessments "
                                     "WHERE visit_uuid = ?", (saved.args[0],))
    assert json.loads(stored["sources"]) == {"thrombocytopenia": "suggested", "arthritis": "entered"}
    assert stored["low_complement"] == 0  # a suggestion the clinician did not confirm is not scored
    # reopened, the saved visit marks its suggestions through visits.lab_suggestions
    again = form_for(session, uuid, saved.args[0])
    assert again.sledai.markers["thrombocytopenia"].isVisible()
    assert again.sledai.markers["low_complement"].isVisible()


def test_unreadable_lab_value_is_shown_under_its_row(qtbot, enrolled, form_for):
    session, uuid, _sid = enrolled
    form = form_for(session, uuid, baseline_uuid(session, uuid))
    type_into(qtbot, form.labs.values["wbc"], "4..1")
    type_into(qtbot, form.labs.values["platelets"], "5000")  # implausible: the app's range check
    click(qtbot, form.save_button)
    assert form.labs.errors["wbc"].isVisible() and "Enter a number" in form.labs.errors["wbc"].text()
    type_into(qtbot, form.labs.values["wbc"], "4.1")
    click(qtbot, form.save_button)
    assert form.labs.errors["platelets"].isVisible()
    assert "plausible range" in form.labs.errors["platelets"].text()
    assert session.store.scalar("SELECT count(*) FROM labs") == 0


def test_egfr_is_shown_for_a_saved_creatinine(qtbot, enrolled, form_for):
    session, uuid, _sid = enrolled
    base = baseline_uuid(session, uuid)
    visits.save_labs(session, base, date(2026, 1, 20), {"creatinine": visits.LabEntry(88.4)}, today=TODAY)
    form = form_for(session, uuid, base)
    value, _why = visits.visit_egfr(session, base)
    assert form.labs.egfr_label.text().startswith(f"{value:.0f} mL/min/1.73 m²")
    assert "age 45" in form.labs.egfr_label.text()


def test_monitor_sees_the_visit_read_only(qtbot, enrolled, monitor, form_for):
    _session, uuid, _sid = enrolled
    base = baseline_uuid(monitor, uuid)
    form = form_for(monitor, uuid, base)
    assert not form.save_button.isVisible()
    assert not form.sledai.checkboxes["rash"].isEnabled()
    assert form.labs.values["wbc"].isReadOnly()
    assert "Read-only" in form.banner.text()
    assert form.save() is False


def test_signing_asks_for_the_password_and_binds_to_the_record(qtbot, enrolled, form_for):
    session, uuid, _sid = enrolled
    base = baseline_uuid(session, uuid)
    visits.save_sledai(session, base, {"proteinuria"}, 1.0)
    form = form_for(session, uuid, base)
    assert "not signed" in form.signature_label.text()
    dialog = form.open_sign_dialog()
    click(qtbot, dialog.meanings.buttons()[2])  # "I approve this record" (investigators may approve)
    type_into(qtbot, dialog.password, "not-my-password")
    click(qtbot, dialog.sign_button)
    assert dialog.isVisible() and "password is not correct" in dialog.error.text()
    type_into(qtbot, dialog.password, PASSWORD)
    click(qtbot, dialog.sign_button)
    row = session.store.query_one("SELECT meaning, signer, record_table FROM signatures")
    assert row == {"meaning": "approved", "signer": "inv", "record_table": "sledai_assessments"}
    assert "approved by Investigator User" in form.signature_label.text() and "(valid)" in form.signature_label.text()
    click(qtbot, form.sledai.checkboxes["rash"])  # a later correction invalidates the signature
    click(qtbot, form.save_button)
    type_into(qtbot, form.reason_dialog.text, "Rash missed at first entry")
    click(qtbot, form.reason_dialog.ok_button)
    assert "no longer valid" in form.signature_label.text()


def test_unreadable_and_impossible_lab_values_are_reported_in_one_round(qtbot, enrolled, form_for):
    session, uuid, _sid = enrolled
    form = form_for(session, uuid, baseline_uuid(session, uuid))
    type_into(qtbot, form.labs.values["creatinine"], "abc")
    type_into(qtbot, form.labs.values["hemoglobin"], "1080")
    click(qtbot, form.save_button)
    assert form.labs.errors["creatinine"].isVisible() and "number" in form.labs.errors["creatinine"].text()
    assert form.labs.errors["hemoglobin"].isVisible() and "plausible" in form.labs.errors["hemoglobin"].text()
    assert session.store.scalar("SELECT count(*) FROM labs") == 0


def test_urine_casts_are_chosen_absent_or_present_and_stored_as_0_or_1(qtbot, enrolled, form_for):
    session, uuid, _sid = enrolled
    visit = baseline_uuid(session, uuid)
    form = form_for(session, uuid, visit)
    casts = form.labs.values["urine_casts"]
    assert [casts.itemText(i) for i in range(casts.count())] == ["not tested", "absent", "present"]
    assert not form.labs.llns["urine_casts"].isVisible()  # no normal limits for a finding
    casts.setCurrentIndex(casts.findText("present"))
    click(qtbot, form.save_button)
    assert session.store.scalar("SELECT value FROM labs WHERE test = 'urine_casts'") == 1.0
    again = form_for(session, uuid, visit)
    assert again.labs.values["urine_casts"].currentText() == "present"


def test_a_deviation_recorded_on_save_is_a_warning_not_a_green_banner(qtbot, enrolled, form_for):
    session, uuid, _sid = enrolled
    form = form_for(session, uuid, None, visit_code="month_1")
    type_into(qtbot, form.visit_date, "01.05.2026")  # far outside the month-1 window
    click(qtbot, form.sledai.checkboxes["rash"])
    form.sledai.pga.set_value(1.0)
    click(qtbot, form.save_button)
    assert "protocol deviation was recorded" in form.banner.text()
    assert form.banner.kind == "warning"
    assert session.store.scalar("SELECT count(*) FROM deviations") == 1


def test_reason_dialog_shows_what_changes_old_to_new(qtbot, enrolled, form_for):
    session, uuid, _sid = enrolled
    visit = baseline_uuid(session, uuid)
    visits.save_sledai(session, visit, {"rash"}, 1.0)
    visits.save_labs(session, visit, date(2026, 1, 20), {"creatinine": visits.LabEntry(80.0)}, today=TODAY)
    form = form_for(session, uuid, visit)
    click(qtbot, form.sledai.checkboxes["fever"])
    form.sledai.pga.set_value(1.5)
    type_into(qtbot, form.labs.values["creatinine"], "88")
    click(qtbot, form.save_button)
    shown = form.reason_dialog.changes_label.text()
    assert "Fever: absent → present" in shown and "PGA: 1.0 → 1.5" in shown
    assert "Serum creatinine: 80 µmol/L → 88 µmol/L" in shown
    assert "Rash" not in shown  # unchanged answers are not listed
