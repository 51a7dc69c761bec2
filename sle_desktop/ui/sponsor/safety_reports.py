"""The sponsor window's safety, reports (plots with PNG/SVG export) and exports tabs."""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401 - registers pg.exporters
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
)

from sle_desktop.domain.errors import AppError
from sle_desktop.sponsor import safety_reports as sponsor_reports
from sle_desktop.ui.background import run_use_case
from sle_desktop.ui.common import heading
from sle_desktop.ui.plots.export import export_svg
from sle_desktop.ui.sponsor.common import (
    ARM_COLOURS,
    Tab,
    arm_label,
    form_label,
    relationship_label,
    visit_label,
)
from sle_desktop.ui.sponsor.tables import fill_table, make_table


# -- safety ----------------------------------------------------------------------------------
class SafetyTab(Tab):
    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("safetyTab")
        lay = QVBoxLayout(self)
        lay.addWidget(self.banner)
        lay.addWidget(heading(self.tr("Serious adverse events and the 24-hour rule"), self, size_delta=1))
        self.saes = make_table(self, [self.tr("Site"), self.tr("Subject"), self.tr("Term"), self.tr("Grade"),
                                  self.tr("Relationship"), self.tr("Site aware"), self.tr("At the sponsor"),
                                  self.tr("Hours"), self.tr("Within 24 h")], "saeTable")
        lay.addWidget(self.saes, 2)
        row = QHBoxLayout()
        box1 = QGroupBox(self.tr("Adverse events by arm, CTCAE grade and relationship to MSC"), self)
        b1 = QVBoxLayout(box1)
        self.aes = make_table(box1, [self.tr("Arm"), self.tr("Grade"), self.tr("Relationship"), self.tr("AEs")], "aeTable")
        b1.addWidget(self.aes)
        box2 = QGroupBox(self.tr("Month-1 safety endpoint: absence of adverse reactions"), self)
        b2 = QVBoxLayout(box2)
        self.endpoint = make_table(box2, [self.tr("Arm"), self.tr("Subjects"), self.tr("With a reaction"),
                                      self.tr("Without")], "endpointTable")
        b2.addWidget(self.endpoint)
        row.addWidget(box1, 1)
        row.addWidget(box2, 1)
        lay.addLayout(row, 2)
        self.summary: sponsor_reports.SafetySummary | None = None

    def refresh(self) -> None:
        self.banner.clear()
        try:
            self.summary = s = sponsor_reports.safety_summary(self.session)
        except AppError as exc:
            self.show_error(exc)
            return
        yes, no, unknown = self.tr("yes"), self.tr("NO"), self.tr("unknown")
        fill_table(self.saes, [(x.site_code, x.subject_key, x.term, x.grade, relationship_label(x.relationship), x.aware_at[:16],
                           x.received_at[:16], x.hours, yes if x.within_24h else (unknown if x.within_24h is None
                                                                                   else no)) for x in s.saes])
        for i, x in enumerate(s.saes):
            if x.within_24h is False:
                self.saes.item(i, 8).setForeground(QColor("#8c0016"))
        fill_table(self.aes, [(arm_label(a), g, relationship_label(r), n) for a, g, r, n in s.ae_counts])
        fill_table(self.endpoint, [(arm_label(e.arm), e.subjects, e.with_reaction, e.without_reaction) for e in s.endpoint])


# -- reports and plots -----------------------------------------------------------------------
class ReportsTab(Tab):
    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("reportsTab")
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.site = QComboBox(self)
        self.site.setObjectName("reportSite")
        label = QLabel(self.tr("Si&te:"), self)
        label.setBuddy(self.site)
        top.addWidget(label)
        top.addWidget(self.site)
        self.png = QPushButton(self.tr("Export &PNG…"), self)
        self.svg = QPushButton(self.tr("Export S&VG…"), self)
        self.png.clicked.connect(lambda: self._export_dialog("png"))
        self.svg.clicked.connect(lambda: self._export_dialog("svg"))
        top.addStretch(1)
        top.addWidget(self.png)
        top.addWidget(self.svg)
        lay.addLayout(top)
        lay.addWidget(self.banner)
        split = QSplitter(Qt.Horizontal, self)
        self.graphics = pg.GraphicsLayoutWidget(split)
        self.graphics.setObjectName("reportPlots")
        self.graphics.setBackground("w")
        tables = QTabWidget(split)
        self.ageing = make_table(tables, [self.tr("Site"), self.tr("≤7 d"), self.tr("8–30 d"), self.tr(">30 d")],
                             "ageingTable")
        tables.addTab(self.ageing, self.tr("Query ageing"))
        self.missing = make_table(tables, [self.tr("Visit"), self.tr("Form"), self.tr("Visits"), self.tr("Missing")],
                              "missingTable")
        tables.addTab(self.missing, self.tr("Missing forms"))
        split.addWidget(self.graphics)
        split.addWidget(tables)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([820, 500])
        lay.addWidget(split, 1)
        self.site.currentIndexChanged.connect(self.refresh)
        self.report: sponsor_reports.Reports | None = None

    def refresh(self) -> None:
        self.banner.clear()
        code = self.site.currentData() or None
        try:
            self.report = r = sponsor_reports.reports(self.session, site=code)
            trend = sponsor_reports.trend_points(self.session, site=code)
        except AppError as exc:
            self.show_error(exc)
            return
        if self.site.count() != len(r.sites) + 1:
            self.site.blockSignals(True)
            self.site.clear()
            self.site.addItem(self.tr("all sites"), "")
            for c in r.sites:
                self.site.addItem(c, c)
            self.site.setCurrentIndex(max(0, self.site.findData(code or "")))
            self.site.blockSignals(False)
        self.graphics.clear()
        p1 = self.graphics.addPlot(row=0, col=0, title=self.tr("Enrolment over time (cumulative)"))
        p1.addLegend(offset=(10, 10))
        months = sorted({m for m, _s, _a, _n in r.enrolment})
        for arm in ("msc", "standard"):
            total, ys = 0, []
            for m in months:
                total += sum(n for mm, _s, a, n in r.enrolment if mm == m and a == arm)
                ys.append(total)
            if months:
                p1.plot(list(range(len(months))), ys, pen=pg.mkPen(ARM_COLOURS[arm], width=2), symbol="o",
                        symbolBrush=ARM_COLOURS[arm], name=arm_label(arm))
        p1.getAxis("bottom").setTicks([[(i, m) for i, m in enumerate(months)]])
        p1.setLabel("left", self.tr("subjects"))
        p2 = self.graphics.addPlot(row=1, col=0, title=self.tr("Cohort SELENA-SLEDAI by study day (mean)"))
        for arm in ("msc", "standard"):
            pts = [(d, s) for a, d, s, _n in trend if a == arm]
            if pts:
                p2.plot([d for d, _s in pts], [s for _d, s in pts], pen=pg.mkPen(ARM_COLOURS[arm], width=2),
                        symbol="s", symbolBrush=ARM_COLOURS[arm], name=arm_label(arm))
        p2.setLabel("bottom", self.tr("study day"))
        p2.setLabel("left", "SLEDAI")
        fill_table(self.ageing, [(s, *ages) for s, ages in r.query_ageing])
        fill_table(self.missing, [(visit_label(v), form_label(t), n, m) for v, t, n, m in r.missing_forms])

    def export_image(self, path) -> Path:
        """Write the plots to `path` (.png or .svg)."""
        path = Path(path)
        if path.suffix.lower() == ".png":
            pg.exporters.ImageExporter(self.graphics.scene()).export(str(path))
        elif path.suffix.lower() == ".svg":
            export_svg(self.graphics, str(path))
        else:
            raise ValueError(self.tr("Export as .png or .svg, not {0}.").format(path.suffix or "(none)"))
        return path

    def _export_dialog(self, kind: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export plots"), f"sponsor-reports.{kind}",
                                              f"{kind.upper()} (*.{kind})")
        if path:
            try:
                self.export_image(path if path.lower().endswith(f".{kind}") else f"{path}.{kind}")
            except (OSError, ValueError) as exc:
                self.show_error(exc)


# -- exports ---------------------------------------------------------------------------------
class ExportsTab(Tab):
    KINDS = ("odm", "odm_audit", "csv", "stats")

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("exportsTab")
        lay = QVBoxLayout(self)
        lay.addWidget(heading(self.tr("Exports for analysis"), self))
        labels = {"odm": self.tr("CDISC &ODM 1.3.2 (current data)…"),
                  "odm_audit": self.tr("ODM with the &audit history…"),
                  "csv": self.tr("&CSV files (one per form)…"),
                  "stats": self.tr("&Statistics files (SPSS, Stata, SAS)…")}
        self.buttons = {}
        for kind in self.KINDS:
            b = QPushButton(labels[kind], self)
            b.setObjectName(f"export_{kind}")
            b.setEnabled(self.session.can("export"))
            b.clicked.connect(lambda _c=False, k=kind: self._ask(k))
            lay.addWidget(b)
            self.buttons[kind] = b
        self.progress = QProgressBar(self)
        self.progress.setObjectName("exportProgress")
        self.progress.setValue(0)
        lay.addWidget(self.progress)
        lay.addWidget(self.banner)
        lay.addStretch(1)

    def _ask(self, kind: str) -> None:
        if kind in ("odm", "odm_audit"):
            path, _ = QFileDialog.getSaveFileName(self, self.tr("ODM file"), "study.xml", "XML (*.xml)")
        else:
            path = QFileDialog.getExistingDirectory(self, self.tr("Folder for the files"))
        if path:
            self.start(kind, path)

    def start(self, kind: str, out: str):
        """Write the export in the background."""
        self.banner.clear()
        self.progress.setRange(0, 0)  # busy until the use case reports
        for b in self.buttons.values():
            b.setEnabled(False)
        lang = "ru" if self.window_.language == "ru" else "en"
        return run_use_case(self.session, sponsor_reports.export, kind, out, lang=lang, progress=True,
                            on_progress=self._progress, on_finished=self._done, on_failed=self._failed, parent=self)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _end(self) -> None:
        self.progress.setRange(0, 1)
        for b in self.buttons.values():
            b.setEnabled(self.session.can("export"))

    def _done(self, r) -> None:
        self._end()
        self.progress.setValue(1)
        self.banner.show_message(self.tr("Written to {0}: {1}.").format(r.path, r.summary), "ok")

    def _failed(self, exc) -> None:
        self._end()
        self.progress.setValue(0)
        self.show_error(exc)


