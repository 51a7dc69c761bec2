"""Screenshots for docs/user-guide.md and the README, made from a demo site (synthetic patients) on a 1366×768 ward
PC: the offscreen screen is 1366×728 (a 40 px task bar) and every window sizes itself to it, as on the ward.

    python docs/make_screenshots.py [--lang ru|en] [--out docs/img]

Builds a temporary demo database, logs in as demo.investigator and grabs the windows the guide shows (the
window's contents, without the frame the window manager adds). The PNGs are 8-bit palette images to keep the
repository small. Look at them after making them: clipped text, overlaps or an empty plot are defects.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SCREEN = (1366, 768)
TASKBAR = 40
TODAY = date(2026, 6, 1)


def _ward_screen(folder: Path) -> None:
    """An offscreen screen of 1366×768 less the task bar (unless a real display was asked for)."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") != "offscreen":
        return
    conf = folder / "screen.json"
    conf.write_text(json.dumps({"synthesizedScreens": False, "screens": [{
        "name": "ward", "x": 0, "y": 0, "width": SCREEN[0], "height": SCREEN[1] - TASKBAR,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={conf}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("ru", "en"), default="ru")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="sle_shots_")
    _ward_screen(Path(tmp.name))
    os.environ["SLE_DESKTOP_KEY_DIR"] = str(Path(tmp.name) / "keys")
    os.environ["SLE_DESKTOP_LANG"] = args.lang

    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtGui import QImage

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
    shown = []

    def settle(ms: int = 150) -> None:
        for _ in range(max(1, ms // 10)):
            app.processEvents()
            QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
            time.sleep(0.01)

    def save(widget, name: str) -> None:
        widget.show()
        shown.append(widget)
        settle(300)
        image = widget.grab().toImage().convertToFormat(QImage.Format_Indexed8, Qt.ThresholdDither | Qt.AvoidDither)
        path = args.out / f"{name}{suffix}.png"
        image.save(str(path), "PNG", 9)
        print(path, f"{widget.width()}×{widget.height()}", f"{path.stat().st_size // 1024} kB")

    window = build_main_window(session, demo=True, today=TODAY, autolock=False)
    window.show()
    for _ in range(200):
        settle(20)
        if not window._loading:
            break
    save(window, "main-window")

    uuid = store.scalar("SELECT uuid FROM subjects WHERE status = 'enrolled' AND arm = 'msc' ORDER BY subject_id LIMIT 1")
    view = window.open_subject(uuid)
    settle(200)
    save(window, "subject-tab")
    view.tabs.setCurrentIndex(view.tabs.count() - 1)  # Trends
    settle(400)
    save(window, "trends-tab")

    from sle_desktop.ui.visit_form import VisitForm
    visit = store.scalar("SELECT v.uuid FROM visits v JOIN sledai_assessments s ON s.visit_uuid = v.uuid "
                         "WHERE v.subject_uuid = ? ORDER BY v.visit_date DESC LIMIT 1", (uuid,))
    form = VisitForm(session, uuid, visit, today=TODAY)
    form.tabs.setCurrentIndex(0)
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
    p.full_name.setText("Иванова Анна Петровна" if args.lang == "ru" else "Anna Petrovna Ivanova")
    p.national_id.setText("3120580A001PB1")
    p.phone.setText("+375 29 123-45-67")
    p.address.setText("Минск, ул. Ленина, 1" if args.lang == "ru" else "Minsk, ul. Lenina 1")
    p.dob.set_date(date(1980, 5, 5))
    p.sex.setCurrentIndex(p.sex.findData("F"))
    p.childbearing.setChecked(True)
    wizard.next()
    for code in ("malar_rash", "arthritis", "renal_disorder", "immunologic_disorder", "antinuclear_antibody"):
        wizard.acr.boxes[code].setChecked(True)
    save(wizard, "wizard-acr")
    wizard.next()
    wizard.anti_dsdna.value.setText("120")
    wizard.anti_dsdna.uln.setText("25")
    wizard.next()
    for code in ("proteinuria", "hematuria", "low_complement"):
        wizard.sledai.sledai.checkboxes[code].setChecked(True)
    save(wizard, "wizard-sledai")
    wizard.hide()

    from sle_desktop.ui.ae_dialog import AdverseEventDialog
    ae = AdverseEventDialog(session, uuid, today=TODAY)
    ae.fields.serious.setChecked(True)
    save(ae, "ae-dialog")
    ae.hide()

    from sle_desktop.ui.audit_viewer import AuditViewer
    audit = AuditViewer(session, subject_uuid=uuid)
    save(audit, "audit-trail")
    audit.hide()

    cohort = window.cohort_trends()
    for _ in range(300):
        settle(20)
        if cohort.loaded:
            break
    save(cohort, "cohort-trends")
    cohort.hide()

    from sle_desktop.ui.export_dialog import ExportDialog
    media = Path(tmp.name) / "media"
    (media / "USB").mkdir(parents=True)
    export = ExportDialog(session, roots=[media])
    save(export, "export-dialog")
    settings = export.open_sync_settings()
    save(settings, "sync-settings")
    settings.hide()
    export.hide()

    from sle_desktop.ui.login import LoginDialog
    login = LoginDialog(store, username="demo.investigator")
    save(login, "login")
    login.hide()

    for w in (window, *shown):
        try:
            w.hide()
            w.deleteLater()
        except RuntimeError:
            pass
    settle()
    store.close()
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
