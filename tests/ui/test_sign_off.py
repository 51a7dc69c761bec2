"""The investigator's casebook sign-off through the subject view: typed password, clicked, stored; a wrong
password is refused in the dialog (counted toward the lockout, nothing signed); a later change shows it invalidated."""

from __future__ import annotations

from clinic_ui import click

from sle_desktop.app import site, visits
from sle_desktop.app.demo import DEMO_PASSWORD
from sle_desktop.ui.subject_view import SubjectView


def _enrolled(store) -> str:
    return store.scalar("SELECT uuid FROM subjects WHERE status = 'enrolled' ORDER BY subject_id LIMIT 1")


def test_sign_off_through_the_window_and_invalidation(qtbot, windows, demo_site):
    subject = _enrolled(demo_site)
    inv = site.login(demo_site, "demo.investigator", DEMO_PASSWORD)
    view = windows(SubjectView(inv, subject))
    assert "Not signed off" in view.casebook_state.text()
    dialog = view.sign_off()
    qtbot.keyClicks(dialog.password, "not-my-password")
    click(qtbot, dialog.sign_button)
    assert dialog.isVisible() and dialog.error.text() == "The password is not correct; the casebook was not signed."
    assert demo_site.scalar("SELECT failed_attempts FROM users WHERE username = 'demo.investigator'") == 1
    assert demo_site.scalar("SELECT count(*) FROM signatures WHERE record_table = 'casebook'") == 0
    qtbot.keyClicks(dialog.password, DEMO_PASSWORD)
    click(qtbot, dialog.sign_button)
    row = demo_site.query_one("SELECT * FROM signatures WHERE record_table = 'casebook'")
    assert (row["record_uuid"], row["signer"], row["meaning"]) == (subject, "demo.investigator", "approved")
    assert "Signed off by Dr Alena Kovalenko" in view.casebook_state.text()
    # a later change of one record of the subject: the view shows the sign-off no longer valid
    visits.add_con_med(inv, subject, drug="Hydroxychloroquine", drug_class="hydroxychloroquine")
    view.refresh()
    assert "was invalidated by a later change" in view.casebook_state.text()
    assert "con_meds record added" in view.casebook_state.toolTip()


def test_only_an_investigator_is_offered_the_sign_off(windows, demo_site):
    subject = _enrolled(demo_site)
    for username, offered in (("demo.coordinator", False), ("demo.monitor", False), ("demo.admin", False),
                              ("demo.investigator", True)):
        view = windows(SubjectView(site.login(demo_site, username, DEMO_PASSWORD), subject))
        assert view.sign_off_button.isVisible() is offered, username
