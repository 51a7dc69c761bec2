"""Messages from the app and store layers appear in the interface language in the site's forms.

The adverse event dialog (missing term, stop date before onset), the log-in dialog (wrong password, lock-out),
the visit form (missing PGA, visit date before baseline) and the audit viewer's chain check are driven as a user
would; in English the original text is shown, in Russian a Russian text without the English template's words.
"""

from __future__ import annotations

import re

import pytest
from clinic_ui import choose, click, type_into
from testkit import PASSWORD, TODAY

from sle_desktop.ui import i18n
from sle_desktop.ui.ae_dialog import AdverseEventDialog
from sle_desktop.ui.audit_viewer import AuditViewer
from sle_desktop.ui.login import LoginDialog
from sle_desktop.ui.visit_form import VisitForm

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN_WORD = re.compile(r"[A-Za-z]+")
KEPT_IN_LATIN = {"CTCAE", "inv"}  # codes and the test user name stay as they are


@pytest.fixture(params=["en", "ru"])
def language(request, qapp):
    """Each test runs once in English and once in Russian (installed before the windows are built)."""
    i18n.install(request.param)
    yield request.param
    i18n.install("en")


def assert_shown(text: str, english: str, language: str) -> None:
    """`text` is the English message in English, and Russian with no word of it in Russian."""
    if language == "en":
        assert text == english
        return
    assert CYRILLIC.search(text), text
    assert not set(LATIN_WORD.findall(text)) - KEPT_IN_LATIN, text  # so none of the English words either


def test_adverse_event_field_messages_are_in_the_interface_language(qtbot, enrolled, windows, language):
    session, uuid, _sid = enrolled
    dialog = windows(AdverseEventDialog(session, uuid, today=TODAY))
    fields = dialog.fields
    type_into(qtbot, fields.onset, "01.05.2026")
    type_into(qtbot, fields.stop, "20.04.2026")
    choose(fields.grade, 2)
    choose(fields.relationship, "unlikely")
    choose(fields.outcome, "recovering")
    click(qtbot, dialog.save_button)  # no term, and the event stops before it starts
    term, stop = fields.errors.label("term"), fields.errors.label("stop_date")
    assert term.isVisible() and stop.isVisible()
    assert_shown(term.text(), "Adverse event term is required.", language)
    assert_shown(stop.text(), "The stop date is before the onset date.", language)


def test_failed_log_in_and_lock_out_are_explained_in_the_interface_language(qtbot, store, investigator, windows,
                                                                            language):
    dialog = windows(LoginDialog(store, username="inv"))
    type_into(qtbot, dialog.password, "not-the-password")
    click(qtbot, dialog.login_button)
    assert dialog.message.isVisible()
    refused = ("Log-in refused: unknown user name or wrong password, or the account is locked after 5 failed attempts "
               "(wait 15 minutes or ask an administrator).")
    assert_shown(dialog.message.text(), refused, language)
    for _ in range(4):
        type_into(qtbot, dialog.password, "not-the-password")
        click(qtbot, dialog.login_button)
    assert_shown(dialog.message.text(), refused, language)  # locked: the same words, naming no account
    type_into(qtbot, dialog.password, PASSWORD)
    click(qtbot, dialog.login_button)  # the right password is refused while locked, in the same words
    assert dialog.session is None
    assert_shown(dialog.message.text(), refused, language)


def test_visit_form_validation_messages_are_in_the_interface_language(qtbot, enrolled, windows, language):
    session, uuid, _sid = enrolled
    form = windows(VisitForm(session, uuid, today=TODAY, visit_code="month_1"))
    type_into(qtbot, form.visit_date, "19.02.2026")
    click(qtbot, form.sledai.checkboxes["rash"])
    click(qtbot, form.save_button)  # the PGA is missing
    assert form.sledai.pga.error.isVisible()
    assert_shown(form.sledai.pga.error.text(), "Physician's Global Assessment is required.", language)
    form.sledai.pga.set_value(1.0)
    type_into(qtbot, form.visit_date, "10.01.2026")  # before the baseline visit of 20.01.2026
    english = "The visit date is before baseline (20.01.2026)."
    assert_shown(form.window_status_text(), english, language)  # the preview while typing
    click(qtbot, form.save_button)
    assert form.visit_date_error.isVisible()
    assert_shown(form.visit_date_error.text(), english, language)
    assert session.store.scalar("SELECT count(*) FROM visits WHERE visit_code = 'month_1'") == 0


def test_audit_chain_check_result_is_in_the_interface_language(qtbot, enrolled, windows, language):
    session, _uuid, _sid = enrolled
    viewer = windows(AuditViewer(session))
    click(qtbot, viewer.verify_button)
    qtbot.waitUntil(lambda: viewer.last_check is not None, timeout=10_000)
    rows = viewer.last_check.rows_checked
    text = viewer.verify_result.text()
    assert text.startswith("✔ ")
    assert_shown(text[2:], f"Audit trail intact: {rows} rows verified.", language)
