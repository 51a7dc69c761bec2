"""The sponsor window's first two tabs: bundles in, sites at a glance."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from sle_desktop.domain.errors import AppError
from sle_desktop.sponsor import review
from sle_desktop.ui.background import run_use_case
from sle_desktop.ui.common import heading, translated
from sle_desktop.ui.sponsor.common import (
    Tab,
)
from sle_desktop.ui.sponsor.tables import fill_table, make_table


# -- bundles in ------------------------------------------------------------------------------
class BundlesTab(Tab):
    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("bundlesTab")
        self.job = None
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Bundles in: import every bundle of a USB folder"), self))
        form = QFormLayout()
        self.folder = QLineEdit(self)
        self.folder.setObjectName("bundleFolder")
        choose = QPushButton(self.tr("C&hoose folder…"), self)
        choose.clicked.connect(self._choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        folder_label = QLabel(self.tr("&Folder:"), self)
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, row)
        self.key = QLineEdit(window.key_file, self)
        self.key.setObjectName("sponsorKey")
        key_button = QPushButton(self.tr("Choose &key…"), self)
        key_button.clicked.connect(self._choose_key)
        row2 = QHBoxLayout()
        row2.addWidget(self.key, 1)
        row2.addWidget(key_button)
        key_label = QLabel(self.tr("Sponsor &key file:"), self)
        key_label.setBuddy(self.key)
        form.addRow(key_label, row2)
        lay.addLayout(form)
        buttons = QHBoxLayout()
        self.import_button = QPushButton(self.tr("&Import all bundles"), self)
        self.import_button.setObjectName("importButton")
        self.import_button.clicked.connect(self.start_import)
        self.import_button.setEnabled(self.session.can("import"))
        self.cancel_button = QPushButton(self.tr("&Cancel"), self)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(lambda: self.job and self.job.cancel())
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("importProgress")
        self.progress.setValue(0)
        lay.addWidget(self.progress)
        lay.addWidget(self.banner)
        self.results = make_table(self, [self.tr("File"), self.tr("Result"), self.tr("Details")], "importResults")
        self.results.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.results.setWordWrap(True)
        lay.addWidget(self.results, 1)

    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Folder with bundles"), self.folder.text())
        if path:
            self.folder.setText(path)

    def _choose_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Sponsor key file"), self.key.text(),
                                              self.tr("Sponsor key (*.key)"))
        if path:
            self.key.setText(path)

    def start_import(self) -> None:
        """Import the folder in the background; the result table fills in when it is done."""
        self.banner.clear()
        self.results.setRowCount(0)
        self.progress.setValue(0)
        self.import_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.window_.key_file = self.key.text().strip()
        self.job = run_use_case(self.session, review.import_folder, self.folder.text().strip(),
                                self.key.text().strip(), progress=True, cancellable=True,
                                on_progress=self._progress, on_finished=self._done, on_failed=self._failed,
                                on_cancelled=self._cancelled, parent=self)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _end(self) -> None:
        self.import_button.setEnabled(self.session.can("import"))
        self.cancel_button.setEnabled(False)

    def _done(self, results) -> None:
        self._end()
        labels = {"imported": self.tr("imported"), "already_imported": self.tr("already imported, nothing changed"),
                  "refused": self.tr("REFUSED")}
        fill_table(self.results, [(r.name, labels[r.status], self._details(r)) for r in results])
        for i, r in enumerate(results):
            if r.status == "refused":
                for j in range(3):
                    self.results.item(i, j).setForeground(QColor("#8c0016"))
        self.results.resizeRowsToContents()
        ok = sum(r.status == "imported" for r in results)
        refused = sum(r.status == "refused" for r in results)
        self.banner.show_message(self.tr("{0} bundle(s) imported, {1} already imported, {2} refused.").format(
            ok, len(results) - ok - refused, refused), "error" if refused else "ok")
        self.window_.data_changed()

    def _details(self, r) -> str:
        if r.status == "imported":
            return self.tr("Bundle {0} of site {1}: {2} records added, {3} updated.").format(
                r.bundle_seq, r.site_code, r.records_added, r.records_updated)
        if r.status == "already_imported":
            return self.tr("Bundle {0} of site {1} was imported before; nothing changed.").format(
                r.bundle_seq, r.site_code)
        return translated(r.message)

    def _failed(self, exc) -> None:
        self._end()
        self.show_error(exc)

    def _cancelled(self) -> None:
        self._end()
        self.banner.show_message(self.tr("Import cancelled; the bundles imported before stay imported."), "warning")


# -- sites at a glance -----------------------------------------------------------------------
class SitesTab(Tab):
    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("sitesTab")
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Sites at a glance"), self), 1)
        self.verify_button = QPushButton(self.tr("&Verify audit chains"), self)
        self.verify_button.setObjectName("verifyChainsButton")
        self.verify_button.clicked.connect(self.verify_chains)
        top.addWidget(self.verify_button)
        lay.addLayout(top)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        lay.addWidget(self.progress)
        lay.addWidget(self.banner)
        self.job = None
        self.headers = [self.tr("Site"), self.tr("Last bundle:\nnumber · written · age"), self.tr("Gaps"),
                        self.tr("Audit\nchain"), self.tr("Last\nreturn"), self.tr("Subjects"),
                        self.tr("Enrolled\nby arm"), self.tr("Visits\noverdue"), self.tr("Out of\nwindow"),
                        self.tr("Open queries\n≤7 / 8–30 / >30 d"), self.tr("SAEs (in 24 h,\nlate)")]
        self.table = make_table(self, self.headers, "sitesTable")
        lay.addWidget(self.table, 1)
        self.overview: tuple[review.SiteOverview, ...] = ()

    def refresh(self) -> None:
        self.banner.clear()
        try:
            self.overview = review.sites_overview(self.session)
        except AppError as exc:
            self.show_error(exc)
            return
        extra = list(dict.fromkeys(k for o in self.overview for k, _v in o.extra))  # e.g. signed casebooks
        rows = []
        for o in self.overview:
            arms = ", ".join(f"{self._arm_short(a)} {n}" for a, n in o.enrolled_by_arm) or "–"
            last = "–"
            if o.last_bundle_seq:
                written = (o.last_bundle_at or "")[:16].replace("T", " ")
                age = "" if o.last_bundle_age_days is None else self.tr(" · {0} d").format(o.last_bundle_age_days)
                last = f"{o.last_bundle_seq} · {written}{age}"
            rows.append((f"{o.code} {o.name}", last, ", ".join(map(str, o.gaps)) or self.tr("none"),
                         self.tr("OK") if o.chain_ok else self.tr("BROKEN"),
                         f"{o.last_return_seq} ({(o.last_return_at or '')[:10]})" if o.last_return_seq else "–",
                         o.subjects, arms, o.visits_overdue, o.visits_out_of_window,
                         " / ".join(map(str, o.open_queries_by_age)),
                         self.tr("{0} ({1}, {2})").format(o.saes, o.saes_within_24h, o.saes_late),
                         *(dict(o.extra).get(k, "") for k in extra)))
        self.table.setColumnCount(len(self.headers) + len(extra))
        titles = {review.CASEBOOKS: self.tr("Casebooks signed ·\nlocked / all")}
        self.table.setHorizontalHeaderLabels(self.headers + [titles.get(k, k) for k in extra])
        fill_table(self.table, rows)
        for i, o in enumerate(self.overview):
            self.table.item(i, 3).setToolTip(o.chain_message)
            if not o.chain_ok:
                self.table.item(i, 3).setForeground(QColor("#8c0016"))
            if o.saes_late:
                self.table.item(i, 10).setForeground(QColor("#8c0016"))
        for i, o in enumerate(self.overview):
            self.table.item(i, 0).setToolTip(f"{o.code} {o.name}")
        self.table.resizeColumnsToContents()
        # the site's name gives way (elided, whole in its tooltip) so that every figure stays in view
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)

    def _arm_short(self, code: str) -> str:
        return {"msc": self.tr("MSC"), "standard": self.tr("standard")}.get(code, code)

    def verify_chains(self):
        """Walk every site's whole audit trail in the background (the table shows the quick check)."""
        self.banner.clear()
        self.verify_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setValue(0)
        self.job = run_use_case(self.session, review.verify_chains, progress=True, on_progress=self._progress,
                                on_finished=self._verified, on_failed=self._failed, parent=self)
        return self.job

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _failed(self, exc) -> None:
        self.verify_button.setEnabled(True)
        self.progress.setVisible(False)
        self.show_error(exc)

    def _verified(self, results) -> None:
        self.verify_button.setEnabled(True)
        self.progress.setVisible(False)
        rows = {o.code: i for i, o in enumerate(self.overview)}
        for code, ok, message in results:
            if code in rows:
                item = self.table.item(rows[code], 3)
                item.setText(self.tr("OK (every hash)") if ok else self.tr("BROKEN"))
                item.setToolTip(message)
                item.setForeground(QColor("#1b5e20" if ok else "#8c0016"))
        broken = [code for code, ok, _m in results if not ok]
        if broken:
            self.banner.show_message(self.tr("Audit chain broken at: {0}.").format(", ".join(broken)), "error")
        else:
            self.banner.show_message(self.tr("Every audit chain checked hash by hash: {0} site(s), all intact.").format(
                len(results)), "ok")


