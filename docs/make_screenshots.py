"""Screenshots for docs/user-guide.md, made from a demo site (synthetic patients) at 1366×768.

    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py [--lang ru|en] [--out docs/img]

Builds a temporary demo database, logs in as demo.investigator and grabs the windows the guide shows.
The PNGs are written as 8-bit palette images to keep the repository small.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WIDTH, HEIGHT = 1366, 768
TODAY = date(2026, 6, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("ru", "en"), default="ru")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = tempfile.TemporaryDirectory(prefix="sle_shots_")
    os.environ["SLE_DESKTOP_KEY_DIR"] = str(Path(tmp.name) / "keys")
    os.environ["SLE_DESKTOP_LANG"] = args.lang

    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from sle_desktop.app import demo, site
    from sle_desktop.store.db import Store
    from sle_desktop.ui import i18n
    from sle_desktop.ui.main import application, build_main_window

    app = application()
    i18n.install(args.lang)
    store = Store.open(Path(tmp.name) / "demo.sqlite")
    demo.make_demo(store, subjects_count=24, seed=7, today=TODAY)
    session = site.login(store, demo.DEMO_USERS[0][0], demo.DEMO_PASSWORD)
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.lang == "ru" else "-en"
    made = []

    def settle(ms: int = 150) -> None:
        for _ in range(max(1, ms // 10)):
            app.processEvents()
            QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
            import time
            time.sleep(0.01)

    def save(widget, name: str, size=(WIDTH, HEIGHT)) -> None:
        if size:
            widget.resize(*size)
        widget.show()
        settle()
        image = widget.grab().toImage().convertToFormat(QImage.Format_Indexed8, Qt.ThresholdDither | Qt.AvoidDither)
        path = args.out / f"{name}{suffix}.png"
        image.save(str(path), "PNG", 9)
        made.append(path)
        print(path, f"{path.stat().st_size // 1024} kB")

    window = build_main_window(session, demo=True, today=TODAY, autolock=False)
    window.resize(WIDTH, HEIGHT)
    window.show()
    for _ in range(200):
        settle(20)
        if window.subject_list.model.rowCount() > 0:
            break
    save(window, "main-window")

    uuid = store.scalar("SELECT uuid FROM subjects WHERE status = 'enrolled' AND arm = 'msc' ORDER BY subject_id LIMIT 1")
    window.open_subject(uuid)
    settle(400)
    save(window, "subject-tab")

    from sle_desktop.ui.visit_form import VisitForm
    visit = store.scalar("SELECT v.uuid FROM visits v JOIN sledai_assessments s ON s.visit_uuid = v.uuid "
                         "WHERE v.subject_uuid = ? ORDER BY v.visit_date DESC LIMIT 1", (uuid,))
    form = VisitForm(session, uuid, visit, today=TODAY)
    save(form, "sledai-form")
    form.tabs.setCurrentIndex(1)
    save(form, "labs-tab")
    form.hide()

    from sle_desktop.ui.enrolment import EnrolmentWizard
    wizard = EnrolmentWizard(session, today=TODAY)
    wizard.consent.consent_date.set_date(date(2026, 5, 20))
    wizard.consent.consent_version.setText("2.1")
    wizard.consent.can_follow.setChecked(True)
    wizard.show()
    settle()
    wizard.next()
    p = wizard.demographics
    p.full_name.setText("Иванова Анна Петровна")
    p.national_id.setText("3120580A001PB1")
    p.phone.setText("+375 29 123-45-67")
    p.address.setText("Минск, ул. Ленина, 1")
    p.dob.set_date(date(1980, 5, 5))
    p.sex.setCurrentIndex(p.sex.findData("F"))
    p.childbearing.setChecked(True)
    wizard.next()
    for code in ("malar_rash", "arthritis", "renal_disorder", "immunologic_disorder", "antinuclear_antibody"):
        wizard.acr.boxes[code].setChecked(True)
    save(wizard, "wizard-acr", size=(1120, 700))
    wizard.hide()

    from sle_desktop.ui.ae_dialog import AdverseEventDialog
    ae = AdverseEventDialog(session, uuid, today=TODAY)
    save(ae, "ae-dialog", size=None)
    ae.hide()

    from sle_desktop.ui.export_dialog import ExportDialog
    media = Path(tmp.name) / "media"
    (media / "USB").mkdir(parents=True)
    export = ExportDialog(session, roots=[media])
    save(export, "export-dialog", size=None)
    export.hide()

    from sle_desktop.ui.login import LoginDialog
    login = LoginDialog(store, username="demo.investigator")
    save(login, "login", size=None)
    login.hide()

    for w in (window, form, wizard, ae, export, login):
        w.deleteLater()
    settle()
    store.close()
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
