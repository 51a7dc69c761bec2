"""First run, log-in (wrong password, lockout), start-up errors and the set-up → log-in → main window flow."""

from __future__ import annotations

from clinic_ui import click, dispose, type_into
from PySide6.QtWidgets import QPushButton
from testkit import PASSWORD

from sle_desktop.app import site
from sle_desktop.ui import main as gui_main
from sle_desktop.ui.login import LoginDialog
from sle_desktop.ui.main_window import MainWindow
from sle_desktop.ui.setup import SetupDialog


def fill_setup(qtbot, dialog, *, code="BY03", password=PASSWORD, password2=PASSWORD):
    type_into(qtbot, dialog.site_code, code)
    type_into(qtbot, dialog.site_name, "Grodno Regional Hospital")
    type_into(qtbot, dialog.username, "admin")
    type_into(qtbot, dialog.full_name, "Site Administrator")
    type_into(qtbot, dialog.password, password)
    type_into(qtbot, dialog.password2, password2)


def test_first_run_dialog_creates_the_site_and_administrator(qtbot, store):
    dialog = SetupDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_setup(qtbot, dialog)
    with qtbot.waitSignal(dialog.site_created):
        click(qtbot, dialog.create_button)
    assert site.is_set_up(store)
    info = site.site_info(store)
    assert (info.code, info.name) == ("BY03", "Grodno Regional Hospital")
    users = store.query("SELECT username, role FROM users")
    assert users == [{"username": "admin", "role": "admin"}]
    assert site.login(store, "admin", PASSWORD).role == "admin"


def test_first_run_messages_appear_next_to_the_fields_and_nothing_is_created(qtbot, store):
    dialog = SetupDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_setup(qtbot, dialog, password2="something-else-entirely")
    click(qtbot, dialog.create_button)
    assert dialog.errors.label("password2").isVisible()
    assert "differ" in dialog.errors.label("password2").text()
    fill_setup(qtbot, dialog, code="B1")
    click(qtbot, dialog.create_button)
    code_error = dialog.errors.label("site_code")
    assert code_error.isVisible() and "two capital letters" in code_error.text()
    assert not site.is_set_up(store)
    assert dialog.isVisible()


def login_dialog(qtbot, store, **kw):
    dialog = LoginDialog(store, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_wrong_password_shows_a_message_and_right_one_logs_in(qtbot, store, investigator):
    dialog = login_dialog(qtbot, store)
    type_into(qtbot, dialog.username, "inv")
    type_into(qtbot, dialog.password, "not-the-password")
    click(qtbot, dialog.login_button)
    assert dialog.message.isVisible()
    assert "wrong password" in dialog.message.text().lower()
    assert dialog.password.text() == ""  # typed password is not kept after a failure
    type_into(qtbot, dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.logged_in) as blocker:
        click(qtbot, dialog.login_button)
    assert blocker.args[0].username == "inv"
    assert blocker.args[0].role == "investigator"


def test_five_wrong_passwords_lock_the_account_with_a_message(qtbot, store, investigator):
    dialog = login_dialog(qtbot, store, username="inv")
    for _ in range(5):
        type_into(qtbot, dialog.password, "wrong-password")
        click(qtbot, dialog.login_button)
    assert "locked" in dialog.message.text().lower()
    type_into(qtbot, dialog.password, PASSWORD)
    click(qtbot, dialog.login_button)  # even the right password is refused while locked
    assert dialog.session is None
    assert "locked" in dialog.message.text().lower()
    rows = store.query("SELECT field FROM audit WHERE row_id = 'inv' AND field = 'locked_until'")
    assert len(rows) == 1


def test_damaged_database_shows_the_message_and_exits_1(qtbot, tmp_path, monkeypatch):
    bad = tmp_path / "site.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    shown = []
    monkeypatch.setattr(gui_main.QMessageBox, "critical", lambda _p, title, text: shown.append((title, text)))
    assert gui_main.run_gui(bad, demo=False) == 1
    assert shown and "is not an sle_desktop database (it is not an SQLite file); it was left unchanged" in shown[0][1]
    assert bad.read_bytes() == b"this is not a database" * 100



def test_the_gui_start_sends_the_log_to_the_user_data_folder(qtbot, tmp_path, monkeypatch):
    import logging

    from sle_desktop.app import logs, paths

    bad = tmp_path / "site.sqlite"
    bad.write_bytes(b"not a database")
    monkeypatch.setattr(gui_main.QMessageBox, "critical", lambda *_a: None)
    gui_main.run_gui(bad, demo=False)
    expected = paths.user_data_dir() / "logs" / "sle_desktop.log"
    assert str(expected).startswith(str(tmp_path))  # the test's user profile, not the real one
    assert logs.current_log_path() == expected.resolve()
    logging.getLogger("sle_desktop.test").error("written at GUI start")
    assert "written at GUI start" in expected.read_text("utf-8")


def test_controller_goes_from_first_run_to_log_in_to_main_window_and_back(qtbot, store):
    app = gui_main.application()
    controller = gui_main.GuiController(app, store)
    controller.start()
    assert controller.setup is not None and controller.setup.isVisible()
    fill_setup(qtbot, controller.setup)
    click(qtbot, controller.setup.create_button)
    login = controller.login
    assert login is not None and login.isVisible()
    assert login.username.text() == "admin"  # pre-filled with the new administrator
    type_into(qtbot, login.password, PASSWORD)
    click(qtbot, login.login_button)
    window = controller.window
    assert isinstance(window, MainWindow) and window.isVisible()
    qtbot.waitUntil(lambda: not window._loading)
    assert window.user_label.text().startswith("Site Administrator")
    assert window.role_label.text() == "Administrator"
    window.action("logout").trigger()
    click(qtbot, window.backup_box.findChild(QPushButton, "logoutAnyway"))  # nothing is backed up yet
    assert controller.window is None
    assert controller.login.isVisible() and controller.login is not login
    controller.login.hide()  # hide, not close: closing the log-in quits the application
    controller.login.deleteLater()


def test_sponsor_key_file_chosen_at_first_run_is_imported(qtbot, store, tmp_path):
    import pyrage

    from sle_desktop.app import sync_site

    recipient = str(pyrage.x25519.Identity.generate().to_public())
    key_file = tmp_path / "sponsor.pub"
    key_file.write_text(f"# Sponsor main key\n{recipient}\n", "utf-8")
    dialog = SetupDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.sponsor_file is not None  # the sync use cases are part of this build
    fill_setup(qtbot, dialog)
    type_into(qtbot, dialog.sponsor_file, str(key_file))
    click(qtbot, dialog.create_button)
    assert dialog.warning == ""
    keys = sync_site.sponsor_fingerprints(dialog.session)
    assert [k.recipient for k in keys] == [recipient]


def test_language_switch_rebuilds_the_window_in_russian_keeping_the_open_subjects(qtbot, enrolled, monkeypatch):
    """View → Language… → Русский → OK: the same session, a new main window in Russian, the subject tab reopened;
    refused while a form has unsaved entries."""
    from sle_desktop.ui import i18n
    from sle_desktop.ui.language_dialog import LanguageDialog

    monkeypatch.setattr(i18n, "set_chosen_language", lambda value: None)  # leave the user's settings alone
    session, uuid, sid = enrolled
    app = gui_main.application()
    controller = gui_main.GuiController(app, session.store)
    controller._logged_in(session)
    old = controller.window
    qtbot.waitUntil(lambda: not old._loading)
    old.open_subject(uuid)
    try:
        dialog = old.choose_language()
        assert isinstance(dialog, LanguageDialog)
        click(qtbot, dialog.buttons_by_code["ru"])
        dialog.accept()
        new = controller.window
        assert new is not old and new.isVisible() and new.session is session
        assert i18n.current_language() == "ru"
        assert new.action("new_screening").text() == "&Новый скрининг…"
        assert new.tabs.tabText(0) == "Пациенты"
        assert new.open_subject_uuids() == [uuid] and new.current_subject_uuid() == uuid
        qtbot.waitUntil(lambda: not new._loading)
        # an unsaved form: the switch back is refused and nothing is lost
        form = new.current_view().record_visit("month_1")
        form.sledai.checkboxes["arthritis"].setChecked(True)
        assert form.dirty
        assert new.switch_language("en") is False
        assert controller.window is new and i18n.current_language() == "ru" and form.dirty
        box = next(w for w in app.topLevelWidgets() if w.objectName() == "infoMessage" and w.isVisible())
        assert "несохранён" in box.text()
        box.close()
        form._discard = True  # the unsaved form goes too: its pending previews must not outlive the store
        dispose(form)
    finally:
        i18n.install("en")
        if controller.window is not None:
            controller._retire(controller.window)
