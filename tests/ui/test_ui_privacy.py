"""Free text that looks like it identifies the patient is questioned before saving, through the real widgets; the
clinician can still save after confirming."""

from __future__ import annotations

from clinic_ui import choose, click, type_into
from test_ui_safety import fill_ae
from testkit import TODAY

from sle_desktop.app import safety, visits
from sle_desktop.ui.ae_dialog import AdverseEventDialog
from sle_desktop.ui.con_meds import ConMedsWidget


def test_an_ae_term_with_a_phone_number_asks_first_and_saves_after_confirming(qtbot, enrolled, windows):
    session, uuid, _sid = enrolled
    dialog = windows(AdverseEventDialog(session, uuid, today=TODAY))
    fill_ae(qtbot, dialog.fields, term="Fall, wife called from +375 29 765-43-21", grade=1, outcome="recovered")
    click(qtbot, dialog.save_button)
    box = dialog.free_text.box
    assert box is not None and box.isVisible()
    assert "“+375 29 765-43-21” looks like a phone number" in box.text()
    assert "Adverse event term" in box.text() and "sent to the sponsor" in box.text()
    assert safety.list_adverse_events(session, uuid) == []
    click(qtbot, box.edit_button)  # back to the form: nothing saved
    assert not box.isVisible() and safety.list_adverse_events(session, uuid) == []
    click(qtbot, dialog.save_button)
    box = dialog.free_text.box
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, box.save_button)
    [row] = safety.list_adverse_events(session, uuid)
    assert row.term == "Fall, wife called from +375 29 765-43-21"


def test_an_ae_term_with_the_patients_name_is_questioned(qtbot, enrolled, windows):
    session, uuid, _sid = enrolled
    dialog = windows(AdverseEventDialog(session, uuid, today=TODAY))
    fill_ae(qtbot, dialog.fields, term="Sidorov: headache", grade=1, outcome="recovered")
    click(qtbot, dialog.save_button)
    assert "“Sidorov” looks like one of the patient's own identifiers" in dialog.free_text.box.text()
    assert safety.list_adverse_events(session, uuid) == []


def test_an_ordinary_term_saves_without_a_question(qtbot, enrolled, windows):
    session, uuid, _sid = enrolled
    dialog = windows(AdverseEventDialog(session, uuid, today=TODAY))
    fill_ae(qtbot, dialog.fields, term="Headache", grade=1, outcome="recovered")
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    assert dialog.free_text.box is None


def test_a_con_med_indication_with_an_email_asks_first(qtbot, enrolled, windows):
    session, uuid, _sid = enrolled
    widget = windows(ConMedsWidget(session, uuid, today=TODAY))
    type_into(qtbot, widget.drug, "Hydroxychloroquine")
    choose(widget.drug_class, "hydroxychloroquine")
    type_into(qtbot, widget.indication, "SLE, ask i.sidorov@mail.by")
    click(qtbot, widget.add_button)
    box = widget.free_text.box
    assert box.isVisible() and "“i.sidorov@mail.by” looks like an e-mail address" in box.text()
    assert "Indication" in box.text()
    assert visits.list_con_meds(session, uuid) == []
    with qtbot.waitSignal(widget.added):
        click(qtbot, box.save_button)
    assert [r.indication for r in visits.list_con_meds(session, uuid)] == ["SLE, ask i.sidorov@mail.by"]


def test_the_warning_is_in_russian(qtbot, enrolled, windows):
    from sle_desktop.ui import i18n

    session, uuid, _sid = enrolled
    i18n.install("ru")
    try:
        dialog = windows(AdverseEventDialog(session, uuid, today=TODAY))
        fill_ae(qtbot, dialog.fields, term="Sidorov: headache", grade=1, outcome="recovered")
        click(qtbot, dialog.save_button)
        box = dialog.free_text.box
        assert box.windowTitle() == "Личные данные в свободном тексте?"
        assert "Нежелательное явление (термин): «Sidorov» похоже на одни из личных данных пациента." in box.text()
        assert box.save_button.text() == "Всё равно сохранить"
    finally:
        i18n.install("en")
