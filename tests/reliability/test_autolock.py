"""Idle auto-lock on a shared ward PC (sle_desktop/ui/autolock.py), driven with a shortened timeout."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QEvent, QPoint, Qt  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget  # noqa: E402

from testkit import PASSWORD  # noqa: E402
from sle_desktop.ui.autolock import MAX_UNLOCK_ATTEMPTS, AutoLock, Curtain  # noqa: E402


@pytest.fixture
def window(qtbot):
    w = QWidget()
    lay = QVBoxLayout(w)
    w.field = QLineEdit(w)
    lay.addWidget(w.field)
    w.resize(400, 300)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def lock(admin, window):
    a = AutoLock(admin, window, minutes=10)
    a.set_timeout_ms(300)
    yield a
    a.stop()


def _curtains(w):
    return [c for c in w.findChildren(Curtain) if c.isVisible()]


def test_idle_locks_covers_the_window_and_the_right_password_unlocks_with_entries_kept(qtbot, window, lock):
    qtbot.keyClicks(window.field, "SLEDAI 12, half typed")
    with qtbot.waitSignal(lock.locked, timeout=3000):
        pass
    assert lock.is_locked()
    curtains = _curtains(window)
    assert curtains and curtains[0].geometry() == window.rect()  # patient data hidden
    dialog = lock.dialog
    qtbot.keyClick(dialog, Qt.Key_Escape)  # Escape does not dismiss the lock
    assert lock.is_locked() and dialog.isVisible()
    qtbot.keyClicks(dialog.password, "wrong password")
    dialog.try_unlock()
    assert lock.is_locked() and "Wrong password" in dialog.error.text()
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(lock.unlocked, timeout=3000):
        dialog.try_unlock()
    assert not lock.is_locked()
    qtbot.waitUntil(lambda: not _curtains(window), timeout=3000)
    assert window.field.text() == "SLEDAI 12, half typed"
    with qtbot.waitSignal(lock.locked, timeout=3000):  # and it locks again after the next idle period
        pass


def test_activity_postpones_the_lock(qtbot, window, lock):
    lock.set_timeout_ms(400)
    for _ in range(8):  # 8 x 100 ms of mouse movement: twice the timeout, never idle long enough
        event = QMouseEvent(QEvent.MouseMove, QPoint(10, 10), window.mapToGlobal(QPoint(10, 10)), Qt.NoButton,
                            Qt.NoButton, Qt.NoModifier)
        QApplication.sendEvent(window, event)
        qtbot.wait(100)
        assert not lock.is_locked()
    with qtbot.waitSignal(lock.locked, timeout=3000):
        pass


def test_repeated_wrong_passwords_log_out(qtbot, window, lock):
    lock.lock_now()
    dialog = lock.dialog
    with qtbot.waitSignal(lock.logout_requested, timeout=3000):
        for _ in range(MAX_UNLOCK_ATTEMPTS):
            dialog.password.setText("not the password")
            dialog.try_unlock()
    assert not lock.is_locked()
    qtbot.waitUntil(lambda: not _curtains(window), timeout=3000)
