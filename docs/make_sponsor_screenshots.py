"""Screenshots of the sponsor window (`sle-sponsor gui`) for docs/user-guide.md, on a 1366×768 PC:

    python docs/make_sponsor_screenshots.py [--lang ru|en] [--out docs/img]

Builds a temporary sponsor database of three demo sites (benchmarks/sponsor_window.build), imports a USB
folder again with a damaged file in it (so the result table shows a refusal), raises a query, marks one value and
a record SDV'd, then grabs every tab and the log-in dialog. Look at the PNGs after making them.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "docs"))

from make_screenshots import _ward_screen  # noqa: E402 - the same 1366×768 screen as the site's screenshots


def _bench():
    spec = importlib.util.spec_from_file_location("sle_bench_sponsor_window", ROOT / "benchmarks" / "sponsor_window.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("ru", "en"), default="ru")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="sle_sponsor_shots_")
    _ward_screen(Path(tmp.name))
    os.environ["SLE_DESKTOP_KEY_DIR"] = str(Path(tmp.name) / "keys")
    os.environ["SLE_DESKTOP_LANG"] = args.lang

    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtGui import QImage

    from sle_desktop.sponsor import accounts
    from sle_desktop.sponsor import db as sponsor_db
    from sle_desktop.ui import i18n
    from sle_desktop.ui.main import application
    from sle_desktop.ui.sponsor.login import SponsorLoginDialog
    from sle_desktop.ui.sponsor.window import SponsorWindow

    app = application()
    i18n.install(args.lang)
    bench = _bench()
    db, key = bench.build(Path(tmp.name) / "sponsor", sites=3, subjects=12, seed=7)
    usb = Path(tmp.name) / "sponsor" / "usb"
    (usb / "BY01-0002-damaged.slebundle").write_bytes(os.urandom(4096))
    store = sponsor_db.open_sponsor_store(db)
    session = accounts.login(store, "dana", bench.PASSWORD)
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.lang == "ru" else "-en"

    def settle(ms: int = 150) -> None:
        for _ in range(max(1, ms // 10)):
            app.processEvents()
            QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
            time.sleep(0.01)

    def save(widget, name: str) -> None:
        widget.show()
        settle(300)
        image = widget.grab().toImage().convertToFormat(QImage.Format_Indexed8, Qt.ThresholdDither | Qt.AvoidDither)
        path = args.out / f"{name}{suffix}.png"
        image.save(str(path), "PNG", 9)
        print(path, f"{widget.width()}×{widget.height()}", f"{path.stat().st_size // 1024} kB")

    login = SponsorLoginDialog(store, "postgresql://sponsor@db.trial.local/sle")
    login.username.setText("dana")
    save(login, "sponsor-login")
    login.hide()
    window = SponsorWindow(session, where=str(db.name), key_file=str(key), language=args.lang)
    window.show()
    window.tabs.setCurrentWidget(window.bundles)
    window.bundles.folder.setText(str(usb))
    window.bundles.start_import()
    for _ in range(300):
        settle(20)
        if not window.bundles.job.running:
            break
    save(window, "sponsor-bundles")
    window.tabs.setCurrentWidget(window.sites)
    save(window, "sponsor-sites")
    r = window.review
    window.tabs.setCurrentWidget(r)
    r.select_subject(next(x.subject_key for x in r.model.rows if x.status == "enrolled"))
    r.select_value("subjects", "year_of_birth")
    r.raise_query("Year of birth differs from the passport copy: please check.")
    r.select_value("subjects", "sex")
    r.sdv_selected_field()
    r.select_value("visits", None)
    r.sdv_selected()
    r.tree.topLevelItem(0).setExpanded(True)
    save(window, "sponsor-review")
    window.tabs.setCurrentWidget(window.safety)
    save(window, "sponsor-safety")
    window.tabs.setCurrentWidget(window.reports)
    save(window, "sponsor-reports")
    window.tabs.setCurrentWidget(window.exports)
    save(window, "sponsor-exports")
    window.hide()
    window.deleteLater()
    login.deleteLater()
    settle()
    store.close()
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
