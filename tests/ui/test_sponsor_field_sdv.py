"""Field-level SDV in the sponsor window through its real widgets (SQLite and PostgreSQL): select a value in the
casebook tree, mark it, see its state, write the return bundle from the window and find the mark at the site; and
two sites holding a record under the same UUID kept apart in the window and in their return bundles."""

from __future__ import annotations

import test_sponsor_window as _window_tests
from PySide6.QtCore import Qt

from sle_desktop.sponsor import returns as sponsor_returns

# the sponsor window's fixtures (a demo site, the sponsor keys, the window with a data manager logged in)
demo_template = _window_tests.demo_template
make_site = _window_tests.make_site
sponsor_keys = _window_tests.sponsor_keys
sponsor_window = _window_tests.sponsor_window


def _top(tree, table, uuid):
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        if top.data(0, Qt.UserRole)[:2] == (table, uuid):
            return top
    raise LookupError((table, uuid))


def _child(top, field):
    for j in range(top.childCount()):
        if top.child(j).data(0, Qt.UserRole)[2] == field:
            return top.child(j)
    raise LookupError(field)


def _write_return(qtbot, r, out, code):
    out.mkdir()
    r.write_return(str(out), code)
    qtbot.waitUntil(lambda: "Return bundle" in r.banner.text() and f"for {code}" in r.banner.text(), timeout=30_000)
    [path] = list(out.iterdir())
    return path


def test_mark_a_field_sdv_in_the_window_and_the_site_shows_it(qtbot, tmp_path, make_site, sponsor_keys, sponsor_db,
                                                             sponsor_window):
    from two_sites import return_lines

    from sle_desktop.app import returns as site_returns
    from sle_desktop.app import sdv as site_sdv
    from sle_desktop.app import site as site_app
    from sle_desktop.app.demo import DEMO_PASSWORD
    from sle_desktop.ui.monitoring_panel import MonitoringPanel

    site, w, r, first = _window_tests.reviewing_first_subject(make_site, sponsor_db, sponsor_keys, sponsor_window)
    store = w.session.store
    # a record (not a value) selected: the field action asks for a value and writes nothing
    r.select_value("subjects", None)
    qtbot.mouseClick(r.field_sdv_button, Qt.LeftButton)
    assert r.banner.text() == "Select a value in the casebook first."
    assert store.scalar("SELECT count(*) FROM sdv_marks") == 0
    # the value selected in the tree, then the button
    r.select_value("subjects", "year_of_birth")
    assert r.field_sdv_button.text() == "Mark fiel&d SDV'd" and r.field_sdv_button.isEnabled()
    qtbot.mouseClick(r.field_sdv_button, Qt.LeftButton)
    assert "Field year_of_birth marked source-data-verified" in r.banner.text()
    top = _top(r.tree, "subjects", first.subject_uuid)
    assert _child(top, "year_of_birth").text(2) == "SDV'd by dana"
    assert _child(top, "sex").text(2) == ""
    assert top.text(2) == "not SDV'd"  # a field mark does not verify the whole record
    [mark] = store.query("SELECT * FROM sdv_marks")
    assert (mark["record_uuid"], mark["field"], mark["monitor"]) == (first.subject_uuid, "year_of_birth", "dana")
    [row] = [a for a in sponsor_returns.audit_rows(store, first.subject_uuid) if a["table"] == "sdv_marks"]
    assert (row["user"], row["field"]) == ("dana", "year_of_birth") and sponsor_returns.verify_audit(store).ok
    # SDV progress and the not-SDV'd filter count whole-record marks, as before
    assert [x.verified for x in r.model.all if x.subject_uuid == first.subject_uuid] == [0]
    r.not_sdv.setChecked(True)
    assert first.subject_uuid in [x.subject_uuid for x in r.model.rows]
    r.not_sdv.setChecked(False)
    # a query on the same value shows beside its mark
    r.select_subject(first.subject_key)
    r.select_value("subjects", "year_of_birth")
    r.raise_query("Year of birth as in the passport?")
    top = _top(r.tree, "subjects", first.subject_uuid)
    assert _child(top, "year_of_birth").text(2) == "SDV'd by dana · open"
    # the return bundle written from the window carries the field mark; the site shows it as its monitor's own
    path = _write_return(qtbot, r, tmp_path / "to-site", "BY01")
    [line] = [x for x in return_lines(site, path) if x["type"] == "sdv"]
    assert (line["record_uuid"], line["field"], line["monitor"]) == (first.subject_uuid, "year_of_birth", "dana")
    assert site_returns.import_return(site.session, path).sdv_marks == 1
    mon = site_app.login(site.store, "demo.monitor", DEMO_PASSWORD)
    assert site_sdv.sdv_status(mon, "subjects", first.subject_uuid, "year_of_birth").valid
    panel = MonitoringPanel(mon)
    qtbot.addWidget(panel)
    assert panel.select_record(first.subject_uuid)
    shown = {panel.field.itemData(i): panel.field.itemText(i) for i in range(panel.field.count())}
    assert shown["year_of_birth"].endswith("– verified by dana")
    assert "verified" not in shown["sex"]


def test_only_roles_with_sdv_may_mark_a_field(sponsor_db, make_site, sponsor_keys, sponsor_window):
    from sync_helpers import import_one, register

    site = make_site("BY01", subjects=2)
    register(site, sponsor_db)
    import_one(sponsor_db, sponsor_keys, site.export().path)
    assert sponsor_window("monitor").review.field_sdv_button.isEnabled()
    for role in ("statistician", "safety_officer"):
        assert not sponsor_window(role).review.field_sdv_button.isEnabled()


def test_two_sites_with_the_same_record_uuid_in_the_window(qtbot, tmp_path, make_site, sponsor_keys, sponsor_db,
                                                            sponsor_window):
    from return_helpers import link
    from sync_helpers import import_one
    from two_sites import return_lines, shared_record

    first, second = make_site("BY01", subjects=4, seed=3), make_site("BY02", subjects=4, seed=4)
    shared, subject1, subject2 = shared_record(first, second)
    for s in (first, second):
        link(s, sponsor_db, sponsor_keys)
        import_one(sponsor_db, sponsor_keys, s.export().path)
    key1 = first.store.scalar("SELECT subject_id FROM subjects WHERE uuid = ?", (subject1,))
    key2 = second.store.scalar("SELECT subject_id FROM subjects WHERE uuid = ?", (subject2,))
    w = sponsor_window()
    r = w.review
    w.tabs.setCurrentWidget(r)
    assert {x.site_code for x in r.model.all} == {"BY01", "BY02"}
    r.select_subject(key2)
    assert r.book.site_code == "BY02"
    r.select_value("con_meds", "drug", shared)
    qtbot.mouseClick(r.field_sdv_button, Qt.LeftButton)
    r.select_value("con_meds", "drug", shared)
    r.raise_query("Which aspirin dose?")
    assert _child(_top(r.tree, "con_meds", shared), "drug").text(2) == "SDV'd by dana · open"
    # the other site's record under the same UUID shows neither
    r.select_subject(key1)
    assert r.book.site_code == "BY01"
    top = _top(r.tree, "con_meds", shared)
    assert (top.text(2), _child(top, "drug").text(2)) == ("not SDV'd", "")
    assert r.queries.rowCount() == 0
    by_site = {(x.site_code, x.subject_uuid): x.open_queries for x in r.model.all}
    assert (by_site[("BY01", subject1)], by_site[("BY02", subject2)]) == (0, 1)
    w.tabs.setCurrentWidget(w.sites)
    opened = {w.sites.table.item(i, 0).text()[:4]: i for i in range(w.sites.table.rowCount())}
    assert set(opened) == {"BY01", "BY02"}
    # each site's return bundle, written from the window, carries only its own
    w.tabs.setCurrentWidget(r)
    one = _write_return(qtbot, r, tmp_path / "r-by01", "BY01")
    two = _write_return(qtbot, r, tmp_path / "r-by02", "BY02")
    assert not [x for x in return_lines(first, one) if x["type"] in ("query", "sdv")]
    lines = [x for x in return_lines(second, two) if x["type"] in ("query", "sdv")]
    assert sorted((x["type"], x.get("field", "")) for x in lines) == [("query", ""), ("sdv", "drug")]
    assert {x.get("record_uuid") or x["query"]["record_uuid"] for x in lines} == {shared}
