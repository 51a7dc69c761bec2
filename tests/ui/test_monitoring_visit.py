"""The monitor's visit at the site through the window: the Monitoring tab's queue, a record and a field marked
verified by clicks, a query typed and raised; the mark drops visibly once the value changes; other roles see no tab."""

from __future__ import annotations

from clinic_ui import choose, click
from PySide6.QtCore import Qt

from sle_desktop.app import sdv, site, visits
from sle_desktop.app.demo import DEMO_PASSWORD
from sle_desktop.ui.main_window import MainWindow
from sle_desktop.ui.monitoring_panel import MonitoringPanel


def test_monitor_verifies_and_raises_a_query_in_the_monitoring_tab(qtbot, windows, demo_site):
    mon = site.login(demo_site, "demo.monitor", DEMO_PASSWORD)
    window = windows(MainWindow(mon, autolock=False))
    panel = window.monitoring_panel
    assert panel is not None and window.tabs.indexOf(panel) > 0
    a = demo_site.query_one("SELECT uuid, visit_uuid, codes_pga FROM (SELECT uuid, visit_uuid, pga AS codes_pga FROM "
                            "sledai_assessments WHERE deleted = 0 ORDER BY uuid LIMIT 1)")
    before = len(panel.items())
    assert panel.select_record(a["uuid"])
    click(qtbot, panel.verify_button)
    assert "Marked source-data-verified" in panel.message.text()
    assert len(panel.items()) == before - 1 and not panel.select_record(a["uuid"])
    row = demo_site.query_one("SELECT * FROM site_sdv WHERE record_uuid = ?", (a["uuid"],))
    assert (row["field"], row["monitor"]) == ("", "demo.monitor")
    # a query on one field: the field is chosen, the question typed
    item = panel.items()[0]
    assert panel.select_record(item.record_uuid)
    click(qtbot, panel.query_button)
    assert "Choose the field" in panel.message.text()
    choose(panel.field, panel.field.itemData(1))
    qtbot.keyClicks(panel.question, "Please check against the source notes.")
    with qtbot.waitSignal(panel.query_raised):
        click(qtbot, panel.query_button)
    q = demo_site.query_one("SELECT * FROM queries WHERE origin = 'site'")
    assert (q["record_uuid"], q["question"], q["raised_by"], q["status"]) == (
        item.record_uuid, "Please check against the source notes.", "demo.monitor", "open")
    # the verified value changes: the record is back in the queue, marked changed since verified
    inv = site.login(demo_site, "demo.investigator", DEMO_PASSWORD)
    visits.save_sledai(inv, a["visit_uuid"], {"rash", "fever"}, a["codes_pga"], reason="fever missed")
    panel.refresh()
    assert panel.select_record(a["uuid"])
    [state] = [panel.table.item(r, 4).text() for r in range(panel.table.rowCount())
               if panel.table.item(r, 0).data(Qt.UserRole) == a["uuid"]]
    assert state == "changed since verified"
    assert panel.items()[0].record_uuid == a["uuid"]  # changed records come first
    assert not [m for m in sdv.site_sdv_marks(mon) if m.record_uuid == a["uuid"] and m.valid]


def test_no_monitoring_tab_for_other_roles_and_no_verify_buttons(qtbot, windows, demo_site):
    for username in ("demo.investigator", "demo.coordinator", "demo.admin"):
        window = windows(MainWindow(site.login(demo_site, username, DEMO_PASSWORD), autolock=False))
        assert window.monitoring_panel is None
    panel = MonitoringPanel(site.login(demo_site, "demo.investigator", DEMO_PASSWORD))
    qtbot.addWidget(panel)
    assert not panel.verify_button.isVisible() and not panel.query_button.isVisible()
    assert demo_site.scalar("SELECT count(*) FROM site_sdv") == 0
