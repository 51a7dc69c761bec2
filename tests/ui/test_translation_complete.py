"""The Russian interface is complete.

* every entry of resources/translations/sle_desktop_ru.ts is finished and non-empty, keeps the placeholders
  ({0}, {name}, %1), HTML tags and line breaks of its source, and the compiled .qm is not older than the .ts;
* every domain catalogue string (SLEDAI descriptor labels and definitions, ACR 1997, eligibility, visits, AE codes,
  roles, arms…) has a Russian translation, with the SELENA-SLEDAI terms checked against the Russian terminology;
* with the Russian translator loaded, every window (main window with a subject tab, every wizard page, every tab of
  the visit form, AE and infusion dialogs, audit viewer, log-in, set-up, export, queries panel, users, lock screen,
  reason, signature and language dialogs) shows no English word outside an allow-list of codes and units: this also
  catches a string that bypasses tr() altogether, because the check reads what is on the screen.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from clinic_ui import commit, dispose, walk_to_summary
from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QComboBox, QGroupBox, QHeaderView, QLabel, QLineEdit, QListView, QMainWindow, QTabWidget, QWidget,
)
from testkit import PASSWORD, TODAY

from sle_desktop.ui import i18n

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "sle_desktop_ru.ts"
QM = ROOT / "resources" / "translations" / "sle_desktop_ru.qm"

# Words that stay in Latin script in the Russian interface: trial/scale names, lab and code abbreviations,
# file types, program name, and the test's own data values (usernames, lot number).
ALLOWED_WORDS = {
    "SELENA", "SLEDAI", "PGA", "CTCAE", "ACR", "MSC", "eGFR", "CKD", "EPI", "UPCR", "anti", "dsDNA", "SRI", "BILAG",
    "ISN", "RPS", "MedDRA", "HBsAg", "SpO", "CH50", "Farr", "Sm", "PNG", "SVG", "png", "svg", "sle_desktop", "UTC",
    "USB", "ECG", "EMG", "CNS", "IV", "III", "II", "VI", "BY01", "admin", "inv", "coord", "sponsor", "pub",
    "signing", "slebundle", "age", "English", "LOT",
    # units (the laboratory catalogue keeps its canonical unit codes)
    "IU", "mL", "HPF", "mg", "dL", "mmol", "mmHg", "kg", "g", "L", "h", "U", "µmol", "kB", "MB",
}
LATIN_WORD = re.compile(r"[A-Za-zµ][A-Za-z_]*")


def _ts_messages():
    tree = ET.parse(TS)
    for ctx in tree.getroot().iter("context"):
        for m in ctx.iter("message"):
            yield ctx.findtext("name"), m


def test_every_ts_entry_is_finished_and_keeps_placeholders():
    placeholder = re.compile(r"\{[^}]*\}|%\d")
    tag = re.compile(r"<[^>]+>")
    problems, count = [], 0
    for context, m in _ts_messages():
        count += 1
        source = m.findtext("source")
        tr_el = m.find("translation")
        text = tr_el.text or ""
        if tr_el.get("type") in ("unfinished", "vanished", "obsolete") or not text.strip():
            problems.append(f"{context}: {source!r} is not translated")
            continue
        if sorted(placeholder.findall(source)) != sorted(placeholder.findall(text)):
            problems.append(f"{context}: placeholders differ: {source!r} -> {text!r}")
        if sorted(tag.findall(source)) != sorted(tag.findall(text)) or source.count("\n") != text.count("\n"):
            problems.append(f"{context}: markup or line breaks differ: {source!r} -> {text!r}")
        if ("&" in source) and text.count("&") != 1:
            problems.append(f"{context}: mnemonic lost: {source!r} -> {text!r}")
    assert count > 800, "the .ts file is suspiciously small"
    assert not problems, "\n".join(problems)
    assert QM.exists() and QM.stat().st_mtime >= TS.stat().st_mtime - 1, "run resources/translations/update.sh"


@pytest.fixture
def russian(qapp):
    """The Russian translator (and ru_BY number locale) for one test; English again afterwards."""
    i18n.install("ru")
    yield
    i18n.install("en")


def test_domain_catalogue_is_translated_with_russian_sledai_terms(russian):
    from sle_desktop.domain import sledai
    from sle_desktop.ui.common import catalog

    import importlib.util
    spec = importlib.util.spec_from_file_location("gen_catalog", ROOT / "resources" / "translations" / "gen_catalog.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    same = {"SELENA-SLEDAI", "C3", "C4", "UPCR"}  # names that are the same in Russian
    untranslated = [s for s in gen.catalogue_strings() if catalog(s) == s and s not in same]
    assert not untranslated, untranslated
    expected = {
        "seizure": "Судороги", "psychosis": "Психоз", "organic_brain_syndrome": "Органический мозговой синдром",
        "visual_disturbance": "Нарушения зрения", "cranial_nerve_disorder": "Поражение черепных нервов",
        "lupus_headache": "Волчаночная головная боль", "cva": "Нарушение мозгового кровообращения",
        "vasculitis": "Васкулит", "arthritis": "Артрит", "myositis": "Миозит", "urinary_casts": "Цилиндрурия",
        "hematuria": "Гематурия", "proteinuria": "Протеинурия", "pyuria": "Пиурия", "rash": "Сыпь",
        "alopecia": "Алопеция", "mucosal_ulcers": "Язвы слизистых оболочек", "pleurisy": "Плеврит",
        "pericarditis": "Перикардит", "low_complement": "Низкий уровень комплемента",
        "increased_dna_binding": "Повышенный уровень антител к ДНК", "fever": "Лихорадка",
        "thrombocytopenia": "Тромбоцитопения", "leukopenia": "Лейкопения",
    }
    assert {d.code: catalog(d.label) for d in sledai.DESCRIPTORS} == expected
    assert all(re.search("[а-яА-Я]", catalog(d.definition)) for d in sledai.DESCRIPTORS)
    assert catalog(sledai.BY_CODE["proteinuria"].definition) == \
        "Впервые возникшая протеинурия или недавнее её увеличение более чем на 0,5 г/24 ч."
    assert QCoreApplication.translate("SledaiWidget", "Physician's Global Assessment (0–3)") == "Общая оценка врача, ИГВ (0–3)"


def test_numbers_use_the_decimal_comma_in_russian_and_are_read_back_canonically(russian):
    from sle_desktop.ui.common import NumberField, fmt_number, parse_number

    assert fmt_number(2.4) == "2,4" and fmt_number(1.25, 1) == "1,2"
    assert parse_number("2,4") == parse_number("2.4") == 2.4
    field = NumberField()
    field.set_value(0.75)
    assert field.text() == "0,75" and field.value() == 0.75
    assert QLocale().decimalPoint() == ","
    i18n.install("en")
    assert fmt_number(2.4) == "2.4" and QLocale().decimalPoint() == "."


# ------------------------------------------------------------------------------------------------ walking the UI
def visible_texts(window: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every piece of text a user sees in `window` now."""
    out: list[tuple[str, str]] = []
    if window.windowTitle():
        out.append(("window title", window.windowTitle()))
    widgets = [window, *window.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisible():
            continue
        name = f"{type(w).__name__}#{w.objectName()}"
        if isinstance(w, QLabel) and w.text():
            out.append((name, re.sub(r"<[^>]+>", " ", w.text())))
        elif isinstance(w, QAbstractButton) and w.text():
            out.append((name, w.text()))
        elif isinstance(w, QGroupBox) and w.title():
            out.append((name, w.title()))
        elif isinstance(w, QTabWidget):
            out += [(name + " tab", w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QComboBox):
            out += [(name + " item", w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QLineEdit) and w.placeholderText():
            out.append((name + " placeholder", w.placeholderText()))
        elif isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView) and w.model() is not None:
            model = w.model()
            columns = 1 if isinstance(w, QListView) else model.columnCount(QModelIndex())
            if columns > 1:
                out += [(name + " header", str(model.headerData(c, Qt.Horizontal, Qt.DisplayRole) or ""))
                        for c in range(columns)]
            if w.objectName() == "auditTable":
                continue  # the audit rows are the stored record (table, field, values, reasons) verbatim
            for r in range(min(model.rowCount(QModelIndex()), 30)):
                out += [(name + " cell", str(model.data(model.index(r, c), Qt.DisplayRole) or ""))
                        for c in range(columns)]
    if isinstance(window, QMainWindow):
        for menu_action in window.menuBar().actions():
            out.append(("menu", menu_action.text()))
            if menu_action.menu():
                out += [("menu item", a.text()) for a in menu_action.menu().actions() if a.text()]
    return out


def english_left(texts) -> list[str]:
    bad = []
    for where, text in texts:
        text = re.sub(r"/[^\s)]+", " ", text)  # file-system paths are data
        words = [w for w in LATIN_WORD.findall(text.replace("&", "")) if w not in ALLOWED_WORDS]
        words = [w for w in words if not re.fullmatch(r"[A-Z]{1,2}|[a-z]", w)]  # class letters, single letters
        if words:
            bad.append(f"{where}: {text!r} ({', '.join(words)})")
    return bad


@pytest.fixture
def site(russian):
    """A Russian-speaking site: admin, investigator, one enrolled MSC-arm subject with baseline, AE and infusion."""
    from sle_desktop.app import safety, site as site_uc, subjects, visits
    from sle_desktop.store.db import Store
    from testkit import eligible_form

    store = Store.memory()
    admin = site_uc.create_site(store, code="BY01", name="Минская клиника", admin_username="admin",
                                admin_name="Администратор Центра", admin_password=PASSWORD)
    site_uc.create_user(admin, username="inv", display_name="Петрова Анна", role="investigator", password=PASSWORD)
    inv = site_uc.login(store, "inv", PASSWORD)
    outcome = subjects.screen_subject(inv, eligible_form(full_name="Сидоров Иван Петрович",
                                                         address="Минск, ул. Ленина 1"), today=TODAY)
    subjects.enrol_patient(inv, outcome.subject_uuid, arm="msc", reason="решение исследователя")
    visits.record_visit(inv, outcome.subject_uuid, "baseline", date(2026, 1, 20), today=TODAY)
    safety.record_adverse_event(inv, outcome.subject_uuid, safety.AdverseEventForm(
        term="Пневмония", onset_date=date(2026, 2, 1), grade=2, relationship="unlikely",
        action_taken="not_applicable", outcome="recovering", serious=False), today=TODAY)
    yield store, admin, inv, outcome.subject_uuid
    store.close()


def _check(windows: dict[str, list[tuple[str, str]]]):
    report = []
    for name, texts in windows.items():
        assert texts, f"nothing collected from {name}"
        report += [f"[{name}] {line}" for line in english_left(texts)]
    assert not report, "English text left in the Russian interface:\n" + "\n".join(report)


def test_every_window_is_russian(qtbot, site, tmp_path):
    from sle_desktop.ui.ae_dialog import AdverseEventDialog
    from sle_desktop.ui.audit_viewer import AuditViewer
    from sle_desktop.ui.autolock import LockDialog
    from sle_desktop.ui.export_dialog import ExportDialog
    from sle_desktop.ui.infusion_dialog import InfusionDialog
    from sle_desktop.ui.language_dialog import LanguageDialog
    from sle_desktop.ui.login import LoginDialog
    from sle_desktop.ui.main import build_main_window
    from sle_desktop.ui.queries_panel import QueriesPanel
    from sle_desktop.ui.reason_dialog import ReasonDialog
    from sle_desktop.ui.setup import SetupDialog
    from sle_desktop.ui.sign_dialog import SignDialog
    from sle_desktop.ui.users_dialog import UsersDialog
    from sle_desktop.ui.visit_form import VisitForm
    from sle_desktop.ui.enrolment import EnrolmentWizard
    from sle_desktop.store.db import Store

    store, admin, inv, uuid = site
    seen: dict[str, list] = {}
    made = []

    def show(name, w):
        made.append(w)
        w.show()
        qtbot.waitExposed(w)
        seen[name] = visible_texts(w)
        return w

    try:
        window = build_main_window(inv, today=TODAY, autolock=False)
        made.append(window)
        window.show()
        qtbot.waitUntil(lambda: window.subject_list.model.rowCount() > 0 if hasattr(window, "subject_list") else True, timeout=5000)
        seen["main window"] = visible_texts(window)
        window.open_subject(uuid)
        seen["main window + subject tab"] = visible_texts(window)

        wizard = show("wizard: consent", EnrolmentWizard(inv, today=TODAY))
        pages = {}
        wizard.currentIdChanged.connect(lambda _i: pages.setdefault(wizard.currentPage().title() or str(_i),
                                                                    visible_texts(wizard)))
        walk_to_summary(qtbot, wizard)
        seen["wizard: summary"] = visible_texts(wizard)
        commit(qtbot, wizard)
        seen["wizard: arm"] = visible_texts(wizard)
        for title, texts in pages.items():
            seen[f"wizard page {title}"] = texts
        assert len(pages) >= 8, list(pages)

        baseline = inv.store.scalar("SELECT uuid FROM visits WHERE subject_uuid = ? AND visit_code = 'baseline'",
                                    (uuid,))
        form = show("visit form", VisitForm(inv, uuid, baseline, today=TODAY))
        for i in range(form.tabs.count()):
            form.tabs.setCurrentIndex(i)
            seen[f"visit form tab {i}"] = visible_texts(form)
        show("AE dialog", AdverseEventDialog(inv, uuid, today=TODAY))
        show("infusion dialog", InfusionDialog(inv, uuid, today=TODAY))
        show("audit viewer", AuditViewer(inv))
        show("login", LoginDialog(store))
        fresh = Store.memory()
        made.append(fresh)
        show("setup", SetupDialog(fresh))
        media = tmp_path / "носители"
        (media / "ФЛЕШКА").mkdir(parents=True)
        show("export dialog", ExportDialog(inv, roots=[media]))
        show("queries panel", QueriesPanel(inv))
        show("users dialog", UsersDialog(admin))
        show("lock screen", LockDialog(inv))
        show("reason dialog", ReasonDialog(what="SELENA-SLEDAI"))
        show("language dialog", LanguageDialog())
        sledai_uuid = inv.store.scalar("SELECT uuid FROM visits WHERE subject_uuid = ?", (uuid,))
        show("sign dialog", SignDialog(inv, "visits", sledai_uuid))
        _check(seen)
        assert any("Судороги" in t for _w, t in seen["visit form tab 0"])
        assert any(t == "&Сохранить" for _w, t in seen["visit form tab 0"])
    finally:
        dispose(*[w for w in made if isinstance(w, QWidget)])
        for s in made:
            if isinstance(s, Store):
                s.close()


def test_app_messages_are_translated_with_their_values(russian):
    from sle_desktop.domain.text import msg
    from sle_desktop.ui.common import translated
    from sle_desktop.ui.messages import plain_message
    from sle_desktop.app.errors import ValidationError

    m = msg("{label} ({value:%d.%m.%Y}) is in the future.", label="Date of birth", value=date(2030, 1, 2))
    shown = translated(m)
    assert "02.01.2030" in shown and "future" not in shown and re.search("[а-я]", shown)
    text = plain_message(ValidationError({"term": msg("{label} is required.", label=msg("Adverse event term"))}))
    assert "required" not in text and re.search("[а-я]", text)
    assert translated("plain text stays") == "plain text stays"
    i18n.install("en")
    assert translated(m) == "Date of birth (02.01.2030) is in the future."


def test_a_translation_with_broken_placeholders_falls_back_to_english(qapp, monkeypatch):
    from sle_desktop.domain.text import msg
    from sle_desktop.ui import common

    monkeypatch.setattr(common.QCoreApplication, "translate", staticmethod(lambda _c, _t: "{nonexistent} сломано"))
    assert common.translated(msg("{n} of {total} present", n=2, total=11)) == "2 of 11 present"


def test_numbers_in_app_messages_use_the_decimal_comma_in_russian(russian):
    from sle_desktop.domain.text import msg
    from sle_desktop.ui.common import translated

    m = msg("{label} {value:g} {unit} is outside the possible range {lo:g}–{hi:g} {unit}.", label="PGA", value=3.5,
            unit="", lo=0, hi=3.0)
    assert "3,5" in translated(m) and "3.5" not in translated(m)
    assert "1\u00a0234\u00a0567" in translated(msg("{n:,} bytes", n=1234567))
    assert "2,5" in translated(msg("serum creatinine must be greater than 0 µmol/L, got {value!r}", value=2.5))
    i18n.install("en")
    assert "3.5" in translated(m) and translated(msg("{n:,} bytes", n=1234567)) == "1,234,567 bytes"
