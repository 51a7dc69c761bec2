"""The export metadata of a study definition: events, forms, items, code lists and units.

Built only from the study definition and the fixed catalogue of form fields below, never from the
data, so two exports of the same study version carry identical metadata whatever the sites sent.
The ODM, CSV and statistics exports all describe the data with it.

Placement rules (the same for every export):
  SE.SCREENING   subject status and demographics, informed consent, screening and eligibility
  SE.<VISIT>     one per visit of the definition after screening: the visit itself and the
                 SELENA-SLEDAI, labs, MSC infusion and deviation records of that visit
  SE.LOGS        subject-level logs: adverse events, concomitant medication, and labs, infusions
                 or deviations recorded without a visit
E-signatures become ODM Signature elements and data queries annotations, not forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sle_desktop.domain import labs as lab_catalogue
from sle_desktop.domain import medication, outcomes, safety, sledai
from sle_desktop.domain.study import StudyDefinition
from sle_desktop.sponsor.translations import ru

TEXT, INTEGER, FLOAT, DATE, TIME, DATETIME = "text", "integer", "float", "date", "time", "datetime"
LOGS = "logs"


@dataclass(frozen=True)
class CodeList:
    oid: str
    name: str
    data_type: str  # "text" or "integer"
    items: tuple[tuple[str, str], ...]  # (coded value, English decode), in order
    closed: bool = True  # False: the site form accepts other (free-text) values too

    def decode(self, value, lang: str = "en") -> str | None:
        """The decode of a coded value (None when the value is not in the list)."""
        for code, label in self.items:
            if code == str(value):
                return label if lang == "en" else ru(label)
        return None


@dataclass(frozen=True)
class Unit:
    oid: str
    symbol: str


@dataclass(frozen=True)
class Item:
    table: str
    column: str
    data_type: str
    label: str
    length: int | None = None
    digits: int | None = None  # ODM SignificantDigits: digits after the decimal point
    codelist: str | None = None
    units: tuple[str, ...] = ()  # MeasurementUnit OIDs the value may be in
    identifying: bool = False  # record identifiers and staff names: left out of the statistics files
    russian: str | None = None  # the Russian label when it is not a plain translation of `label`
    site_default: str | int | None = None  # the site column's DEFAULT: the value of a record created without it

    @property
    def label_ru(self) -> str:
        return self.russian or _ITEM_RU.get(self.label) or ru(self.label)


@dataclass(frozen=True)
class Form:
    table: str
    short: str
    title: str
    repeating: bool
    items: tuple[Item, ...]

    @property
    def oid(self) -> str:
        return f"F.{self.short}"

    @property
    def group_oid(self) -> str:
        return f"IG.{self.short}"

    def item(self, column: str) -> Item | None:
        return next((i for i in self.items if i.column == column), None)


@dataclass(frozen=True)
class Event:
    code: str
    oid: str
    label: str
    kind: str  # ODM StudyEventDef Type: Scheduled, Unscheduled, Common
    repeating: bool
    forms: tuple[tuple[str, bool], ...]  # (table, mandatory)


@dataclass(frozen=True)
class StudyMetadata:
    study_id: str
    version: str
    title: str
    events: tuple[Event, ...]
    forms: tuple[Form, ...]
    codelists: tuple[CodeList, ...]
    units: tuple[Unit, ...]

    def form(self, table: str) -> Form:
        return next(f for f in self.forms if f.table == table)

    def codelist(self, oid: str) -> CodeList:
        return next(c for c in self.codelists if c.oid == oid)

    def event(self, code: str) -> Event:
        return next(e for e in self.events if e.code == code)


# -- units -------------------------------------------------------------------------------------------------------------
_UNIT_OIDS: dict[str, str] = {
    "×10⁹/L": "MU.10E9_L", "g/L": "MU.G_L", "g/dL": "MU.G_DL", "°C": "MU.DEG_C", "mg/dL": "MU.MG_DL",
    "IU/mL": "MU.IU_ML", "/HPF": "MU.PER_HPF", "g/24 h": "MU.G_24H", "mg/24 h": "MU.MG_24H", "g/g": "MU.G_G",
    "mg/mmol": "MU.MG_MMOL", "mg/mg": "MU.MG_MG", "µmol/L": "MU.UMOL_L", "U/L": "MU.U_L",
    "kg": "MU.KG", "mL": "MU.ML", "%": "MU.PCT", "mmHg": "MU.MMHG", "beats/min": "MU.BPM",
    "10⁶ cells/kg": "MU.1E6_CELLS_KG", "cells": "MU.CELLS",
}
UNITS: tuple[Unit, ...] = tuple(Unit(oid, symbol) for symbol, oid in _UNIT_OIDS.items())
LAB_UNITS: tuple[str, ...] = tuple(dict.fromkeys(
    _UNIT_OIDS[u] for t in lab_catalogue.TESTS for u in (t.unit, *dict(t.alt_units)) if u in _UNIT_OIDS))


def unit_oid(symbol: str | None) -> str | None:
    """The MeasurementUnit OID of a unit as the sites store it (None for a unit the catalogue does not know)."""
    return _UNIT_OIDS.get(symbol or "")


# -- code lists --------------------------------------------------------------------------------------------------------
def _cl(oid, name, items, data_type=TEXT, closed=True) -> CodeList:
    return CodeList(oid, name, data_type, tuple((str(c), label) for c, label in items), closed)


_STATIC_CODELISTS: tuple[CodeList, ...] = (
    _cl("CL.NY", "Yes/No", (("1", "Yes"), ("0", "No")), INTEGER),
    _cl("CL.PRESENT", "SELENA-SLEDAI descriptor present", (("1", "Present"), ("0", "Absent")), INTEGER),
    _cl("CL.SEX", "Sex", (("F", "Female"), ("M", "Male"))),
    _cl("CL.ARM", "Treatment arm", (("msc", "MSC + standard treatment"), ("standard", "Standard treatment"))),
    _cl("CL.SUBJECT_STATUS", "Subject status", (
        ("screened", "Screened (eligible)"), ("screen_failed", "Screen failure"), ("enrolled", "Enrolled"),
        ("withdrawn", "Withdrawn"), ("completed", "Completed"))),
    _cl("CL.WINDOW_STATUS", "Visit window status", (("early", "Early"), ("in_window", "In window"), ("late", "Late"))),
    _cl("CL.FLARE", "SELENA flare vs the previous assessment", tuple(outcomes.FLARE_LABELS.items())),
    _cl("CL.INFUSION_ROUTE", "Route of the MSC infusion", (("IV", "Intravenous (IV)"),)),
    _cl("CL.CM_ROUTE", "Route of a concomitant medication", (
        ("oral", "Oral"), ("IV", "Intravenous (IV)"), ("SC", "Subcutaneous"), ("IM", "Intramuscular"),
        ("topical", "Topical"), ("inhaled", "Inhaled"), ("rectal", "Rectal")), closed=False),
    _cl("CL.DOSE_UNIT", "Dose unit", (
        ("mg", "Milligram"), ("g", "Gram"), ("µg", "Microgram"), ("mL", "Millilitre"), ("IU", "International unit"),
        ("mg/kg", "Milligram per kilogram")), closed=False),
    _cl("CL.AE_GRADE", "CTCAE grade", tuple(safety.GRADE_LABELS.items()), INTEGER),
    _cl("CL.AE_RELATIONSHIP", "Relationship to the MSC product", tuple(safety.RELATIONSHIP_LABELS.items())),
    _cl("CL.AE_OUTCOME", "Outcome of the adverse event", tuple(safety.OUTCOME_LABELS.items())),
    _cl("CL.AE_ACTION", "Action taken with the MSC product", tuple(safety.ACTION_LABELS.items()), closed=False),
    _cl("CL.BIOPSY_CLASS", "Renal biopsy class (ISN/RPS)", tuple(
        (c, c) for c in ("I", "II", "III", "IV", "V", "VI", "III+V", "IV+V", "II+V"))),
    _cl("CL.PREGNANCY_TEST", "Pregnancy test", (
        ("negative", "Negative"), ("positive", "Positive"), ("not_applicable", "Not applicable"))),
    _cl("CL.LAB_TEST", "Laboratory test", tuple((t.code, t.label) for t in lab_catalogue.TESTS)),
    _cl("CL.LAB_UNIT", "Laboratory unit", tuple(
        (u, u) for u in dict.fromkeys(u for t in lab_catalogue.TESTS for u in (t.unit, *dict(t.alt_units))))),
    _cl("CL.DEVIATION_KIND", "Kind of protocol deviation", (
        ("visit_out_of_window", "Visit out of window"), ("other", "Other deviation")), closed=False),
    _cl("CL.DRUG_CLASS", "Drug class of a concomitant medication", tuple(medication.DRUG_CLASS_LABELS.items())),
    _cl("CL.STEROID", "Corticosteroid agent", tuple(medication.STEROID_LABELS.items())),
    _cl("CL.FREQUENCY", "Coded frequency of a concomitant medication", tuple(medication.FREQUENCY_LABELS.items())),
    _cl("CL.ENTRY_SOURCE", "Source of the entry", (
        ("direct", "Entered directly"), ("paper_crf", "Entered from a paper CRF"))),
    _cl("CL.QUERY_STATUS", "Data query status", (
        ("open", "Open"), ("answered", "Answered"), ("closed", "Closed"), ("reopened", "Reopened"))),
    _cl("CL.LOCK_STATE", "Lock and sign-off state of a casebook or visit", (
        ("locked", "Locked"), ("signoff_invalidated", "Investigator's sign-off invalidated by a later change"))),
)


def _visit_codelist(definition: StudyDefinition) -> CodeList:
    return _cl("CL.VISIT", "Visit", tuple((v.code, v.label) for v in definition.visits if v.code != "screening"))


# -- items -------------------------------------------------------------------------------------------------------------
# Russian labels of the export's own field names (the windows word them as questions, with colons).
_ITEM_RU: dict[str, str] = {
    "Record ID (UUID)": "Идентификатор записи (UUID)", "Screening number": "Номер скрининга",
    "Subject ID": "Номер участника", "Subject status": "Статус участника", "Sex": "Пол",
    "Year of birth": "Год рождения", "Treatment arm": "Группа лечения", "Reason for the arm assignment":
    "Обоснование назначения группы", "Arm assigned by": "Группу назначил", "Arm assigned at (UTC)":
    "Группа назначена (UTC)", "Baseline date": "Дата исходного визита", "Reason for withdrawal": "Причина выбытия",
    "Consent date": "Дата согласия", "Consent form version": "Версия формы согласия", "Consent obtained by":
    "Согласие получил", "Screening date": "Дата скрининга", "Age at consent (years)": "Возраст на дату согласия (лет)",
    "ACR 1997 criteria present (codes)": "Имеющиеся критерии ACR 1997 (коды)", "Anti-dsDNA positive":
    "Антитела к дсДНК положительны", "Anti-dsDNA value": "Антитела к дсДНК, значение", "Anti-dsDNA upper limit of normal":
    "Антитела к дсДНК, верхняя граница нормы", "Screening SELENA-SLEDAI descriptors (codes)":
    "Дескрипторы SELENA-SLEDAI на скрининге (коды)", "Screening SELENA-SLEDAI score": "SELENA-SLEDAI на скрининге",
    "Renal biopsy class (ISN/RPS)": "Класс биопсии почки (ISN/RPS)", "Renal biopsy date": "Дата биопсии почки",
    "Proteinuria (g/day)": "Протеинурия (г/сут)", "UPCR (g/g)": "UPCR (г/г)", "Active urinary sediment":
    "Активный мочевой осадок", "Investigator confirms active nephritis": "Исследователь подтверждает активный нефрит",
    "Able to follow the study procedures": "Способен соблюдать процедуры исследования", "Needs dialysis":
    "Нуждается в диализе", "Planned renal transplantation": "Запланирована трансплантация почки",
    "High-risk medical condition": "Заболевание с высоким риском", "Description of the high-risk condition":
    "Описание заболевания с высоким риском", "Pregnant or lactating": "Беременность или лактация",
    "Pregnancy test": "Тест на беременность", "Chronic infection": "Хроническая инфекция",
    "Which chronic infection": "Какая хроническая инфекция", "Last malignancy date":
    "Дата последнего злокачественного новообразования", "Eligible": "Соответствует критериям",
    "Failed eligibility criteria (codes)": "Невыполненные критерии (коды)", "Visit": "Визит", "Visit date": "Дата визита",
    "Study day (baseline = 0)": "День исследования (исходный = 0)", "Visit window status": "Соблюдение окна визита",
    "Visit notes": "Примечания к визиту", "Source of each descriptor (JSON)": "Источник каждого дескриптора (JSON)",
    "SELENA-SLEDAI total score (0-105)": "Суммарный балл SELENA-SLEDAI (0-105)",
    "Renal SELENA-SLEDAI items (0-16)": "Почечные пункты SELENA-SLEDAI (0-16)",
    "Physician's global assessment (0-3)": "Общая оценка врача (0-3)", "SELENA flare vs the previous assessment":
    "Обострение SELENA по сравнению с предыдущей оценкой", "Sample date": "Дата взятия образца",
    "Laboratory test": "Лабораторный тест", "Result": "Результат", "Unit": "Единица измерения",
    "Lower limit of normal": "Нижняя граница нормы", "Upper limit of normal": "Верхняя граница нормы",
    "Adverse event term": "Нежелательное явление (термин)", "Onset date": "Дата начала", "Stop date": "Дата окончания",
    "CTCAE grade": "Степень CTCAE", "Serious": "Серьёзное", "Seriousness criteria (codes)":
    "Критерии серьёзности (коды)", "Relationship to the MSC product": "Связь с препаратом МСК",
    "Action taken with the MSC product": "Меры в отношении препарата МСК", "Outcome": "Исход",
    "Site aware at (UTC)": "Центру стало известно (UTC)", "Related infusion (record ID)": "Связанная инфузия (ID записи)",
    "SAE sent to the sponsor at (UTC)": "СНЯ отправлено спонсору (UTC)", "SAE receipt confirmed at (UTC)":
    "Получение СНЯ подтверждено (UTC)", "Infusion date": "Дата инфузии", "Infusion start time (site local time)":
    "Начало инфузии (местное время)", "Infusion end time (site local time)": "Окончание инфузии (местное время)",
    "Product lot number": "Номер серии препарата", "Dose (10⁶ cells/kg)": "Доза (10⁶ клеток/кг)",
    "Total cells": "Всего клеток", "Cell viability (%)": "Жизнеспособность клеток (%)", "Volume (mL)": "Объём (мл)",
    "Route": "Путь введения", "Body weight (kg)": "Масса тела (кг)", "Premedication": "Премедикация",
    "Before infusion: systolic BP (mmHg)": "До инфузии: систолическое АД (мм рт. ст.)",
    "Before infusion: diastolic BP (mmHg)": "До инфузии: диастолическое АД (мм рт. ст.)",
    "Before infusion: heart rate (beats/min)": "До инфузии: ЧСС (уд/мин)",
    "Before infusion: temperature (°C)": "До инфузии: температура (°C)", "Before infusion: SpO2 (%)":
    "До инфузии: SpO2 (%)", "After infusion: systolic BP (mmHg)": "После инфузии: систолическое АД (мм рт. ст.)",
    "After infusion: diastolic BP (mmHg)": "После инфузии: диастолическое АД (мм рт. ст.)",
    "After infusion: heart rate (beats/min)": "После инфузии: ЧСС (уд/мин)",
    "After infusion: temperature (°C)": "После инфузии: температура (°C)", "After infusion: SpO2 (%)":
    "После инфузии: SpO2 (%)", "Infusion reaction": "Инфузионная реакция", "Reaction adverse event (record ID)":
    "НЯ реакции (ID записи)", "Administered by": "Вводил", "Drug": "Препарат", "Dose": "Доза", "Dose unit":
    "Единица дозы", "Frequency": "Кратность", "Start date": "Дата начала приёма", "Indication": "Показание",
    "Kind of deviation": "Вид отклонения", "Source of the entry": "Источник ввода", "Description": "Описание", "Detected on": "Дата выявления",
}


def _items(table: str, specs) -> tuple[Item, ...]:
    out = [Item(table, "uuid", TEXT, "Record ID (UUID)", 36, identifying=True)]
    for spec in specs:
        column, data_type, label, *rest = spec
        opts = rest[0] if rest else {}
        out.append(Item(table, column, data_type, label, **opts))
    return tuple(out)


def _yn(column, label):
    return (column, INTEGER, label, {"length": 1, "codelist": "CL.NY"})


def _flag(column, label, russian):
    """A yes/no item that site migration 9 added with the default 0."""
    return (column, INTEGER, label, {"length": 1, "codelist": "CL.NY", "site_default": 0, "russian": russian})


def _text(column, label, length=200, **kw):
    return (column, TEXT, label, {"length": length, **kw})


def _int(column, label, length, **kw):
    return (column, INTEGER, label, {"length": length, **kw})


def _float(column, label, length, digits, **kw):
    return (column, FLOAT, label, {"length": length, "digits": digits, **kw})


def _date(column, label):
    return (column, DATE, label)


def _datetime(column, label, **kw):
    return (column, DATETIME, label, kw)


def _sledai_items():
    return [(d.code, INTEGER, f"{d.label} (SELENA-SLEDAI, weight {d.weight})",
             {"length": 1, "codelist": "CL.PRESENT", "russian": f"{ru(d.label)} (SELENA-SLEDAI, вес {d.weight})"})
            for d in sledai.DESCRIPTORS]


# Visits, adverse events and infusions can be transcribed from the paper CRF when the PC was down (migration 7).
_ENTRY_SOURCE = ("entry_source", TEXT, "Source of the entry", {"length": 9, "codelist": "CL.ENTRY_SOURCE",
                                                                 "site_default": "direct"})

_FORM_SPECS: tuple[tuple[str, str, str, bool, list], ...] = (
    ("subjects", "SUBJECT", "Subject status and demographics", False, [
        _text("screening_number", "Screening number", 20), _text("subject_id", "Subject ID", 20),
        _text("status", "Subject status", 13, codelist="CL.SUBJECT_STATUS"),
        _text("sex", "Sex", 1, codelist="CL.SEX"), _int("year_of_birth", "Year of birth", 4),
        _text("arm", "Treatment arm", 8, codelist="CL.ARM"), _text("arm_reason", "Reason for the arm assignment", 1000),
        _text("arm_assigned_by", "Arm assigned by", 200, identifying=True),
        _datetime("arm_assigned_at", "Arm assigned at (UTC)"), _date("baseline_date", "Baseline date"),
        _text("withdrawn_reason", "Reason for withdrawal", 1000),
    ]),
    ("consents", "CONSENT", "Informed consent", True, [
        _date("consent_date", "Consent date"), _text("version", "Consent form version", 40),
        _text("obtained_by", "Consent obtained by", 200, identifying=True),
    ]),
    ("screenings", "ELIGIBILITY", "Screening and eligibility", True, [
        _date("screening_date", "Screening date"), _int("age_at_consent", "Age at consent (years)", 3),
        _text("acr_criteria", "ACR 1997 criteria present (codes)", 400),
        _yn("anti_dsdna_positive", "Anti-dsDNA positive"),
        _float("anti_dsdna_value", "Anti-dsDNA value", 10, 1, units=("MU.IU_ML",)),
        _float("anti_dsdna_uln", "Anti-dsDNA upper limit of normal", 10, 1, units=("MU.IU_ML",)),
        _text("sledai_codes", "Screening SELENA-SLEDAI descriptors (codes)", 800),
        _int("sledai_score", "Screening SELENA-SLEDAI score", 3),
        _text("biopsy_class", "Renal biopsy class (ISN/RPS)", 5, codelist="CL.BIOPSY_CLASS"),
        _date("biopsy_date", "Renal biopsy date"),
        _float("proteinuria_g_per_day", "Proteinuria (g/day)", 6, 2, units=("MU.G_24H",)),
        _float("upcr_g_per_g", "UPCR (g/g)", 6, 2, units=("MU.G_G",)),
        _yn("active_sediment", "Active urinary sediment"),
        _yn("investigator_confirms_nephritis", "Investigator confirms active nephritis"),
        _yn("can_follow_procedures", "Able to follow the study procedures"), _yn("needs_dialysis", "Needs dialysis"),
        _yn("planned_transplant", "Planned renal transplantation"),
        _yn("high_risk_condition", "High-risk medical condition"),
        _text("high_risk_text", "Description of the high-risk condition", 2000),
        _yn("pregnant_or_lactating", "Pregnant or lactating"),
        _text("pregnancy_test", "Pregnancy test", 14, codelist="CL.PREGNANCY_TEST"),
        _yn("chronic_infection", "Chronic infection"), _text("infection_details", "Which chronic infection", 500),
        _date("last_malignancy_date", "Last malignancy date"), _yn("eligible", "Eligible"),
        _text("failed_criteria", "Failed eligibility criteria (codes)", 400),
    ]),
    ("visits", "VISIT", "Visit", False, [
        _text("visit_code", "Visit", 40, codelist="CL.VISIT"), _date("visit_date", "Visit date"),
        _int("study_day", "Study day (baseline = 0)", 5),
        _text("window_status", "Visit window status", 9, codelist="CL.WINDOW_STATUS"),
        _text("notes", "Visit notes", 2000), _ENTRY_SOURCE,
        _float("weight_kg", "Body weight at the visit (kg)", 5, 1, units=("MU.KG",),
               russian="Масса тела на визите (кг)"),
    ]),
    ("sledai_assessments", "SLEDAI", "SELENA-SLEDAI and physician's global assessment", False, [
        *_sledai_items(), _text("sources", "Source of each descriptor (JSON)", 4000),
        _int("score", "SELENA-SLEDAI total score (0-105)", 3), _int("renal_score", "Renal SELENA-SLEDAI items (0-16)", 2),
        _float("pga", "Physician's global assessment (0-3)", 3, 1),
        _text("flare", "SELENA flare (SLEDAI/PGA parts) vs the previous assessment", 13, codelist="CL.FLARE",
              russian="Обострение SELENA (части SLEDAI/PGA) по сравнению с предыдущей оценкой"),
        # SELENA Flare Index (site migration 9); flare_index_complete = 0: recorded before it, only `flare` known
        _text("flare_manifestations", "New or worse SELENA Flare Index manifestations (JSON list of codes)", 4000,
              site_default="[]", russian="Новые или усилившиеся проявления индекса обострений SELENA (JSON-список кодов)"),
        _flag("added_nsaid_or_hcq", "NSAID or hydroxychloroquine added for SLE activity",
              "Добавлены НПВП или гидроксихлорохин по поводу активности СКВ"),
        _flag("new_immunosuppressant", "New cyclophosphamide, azathioprine, methotrexate or mycophenolate",
              "Новый циклофосфамид, азатиоприн, метотрексат или микофенолат"),
        _flag("hospitalised_for_sle", "Hospitalisation for SLE activity since the previous assessment",
              "Госпитализация по поводу активности СКВ после предыдущей оценки"),
        _float("prednisone_mg_per_kg_day", "Prednisone-equivalent dose (mg/kg/day)", 7, 3,
               russian="Доза в пересчёте на преднизон (мг/кг/сут)"),
        _text("flare_sources", "SELENA Flare Index items: suggested or entered (JSON)", 4000, site_default="{}",
              russian="Пункты индекса обострений SELENA: предложены или введены (JSON)"),
        _text("flare_index", "SELENA Flare Index vs the previous assessment", 13, codelist="CL.FLARE",
              russian="Индекс обострений SELENA по сравнению с предыдущей оценкой"),
        _text("flare_index_reasons", "SELENA Flare Index reasons (JSON list of codes)", 4000, site_default="[]",
              russian="Причины по индексу обострений SELENA (JSON-список кодов)"),
        _flag("flare_index_complete", "SELENA Flare Index complete (0 = recorded before it: SLEDAI/PGA only)",
              "Индекс обострений SELENA полный (0 = записан до него: только SLEDAI/PGA)"),
    ]),
    ("labs", "LAB", "Laboratory result", True, [
        _date("sample_date", "Sample date"), _text("test", "Laboratory test", 20, codelist="CL.LAB_TEST"),
        _float("value", "Result", 20, 10, units=LAB_UNITS), _text("unit", "Unit", 20, codelist="CL.LAB_UNIT"),
        _float("lln", "Lower limit of normal", 20, 10, units=LAB_UNITS),
        _float("uln", "Upper limit of normal", 20, 10, units=LAB_UNITS),
    ]),
    ("adverse_events", "AE", "Adverse event", True, [
        _text("term", "Adverse event term", 200), _date("onset_date", "Onset date"), _date("stop_date", "Stop date"),
        _int("grade", "CTCAE grade", 1, codelist="CL.AE_GRADE"), _yn("serious", "Serious"),
        _text("serious_criteria", "Seriousness criteria (codes)", 200),
        _text("relationship", "Relationship to the MSC product", 10, codelist="CL.AE_RELATIONSHIP"),
        _text("action_taken", "Action taken with the MSC product", 500, codelist="CL.AE_ACTION"),
        _text("outcome", "Outcome", 23, codelist="CL.AE_OUTCOME"), _datetime("aware_at", "Site aware at (UTC)"),
        _text("infusion_uuid", "Related infusion (record ID)", 36, identifying=True),
        _datetime("sae_exported_at", "SAE sent to the sponsor at (UTC)"),
        _datetime("sae_acknowledged_at", "SAE receipt confirmed at (UTC)"), _ENTRY_SOURCE,
        _flag("hospitalised_for_sle", "Hospitalisation for SLE activity",
              "Госпитализация по поводу активности СКВ"),
    ]),
    ("infusions", "MSC_INFUSION", "MSC infusion", True, [
        _date("infusion_date", "Infusion date"), (
            "start_time", TIME, "Infusion start time (site local time)"),
        ("end_time", TIME, "Infusion end time (site local time)"), _text("lot_number", "Product lot number", 60),
        _float("cells_per_kg_million", "Dose (10⁶ cells/kg)", 6, 2, units=("MU.1E6_CELLS_KG",)),
        _float("total_cells", "Total cells", 15, 0, units=("MU.CELLS",)),
        _float("viability_pct", "Cell viability (%)", 5, 1, units=("MU.PCT",)),
        _float("volume_ml", "Volume (mL)", 6, 1, units=("MU.ML",)),
        _text("route", "Route", 2, codelist="CL.INFUSION_ROUTE", site_default="IV"),
        _float("weight_kg", "Body weight (kg)", 5, 1, units=("MU.KG",)), _text("premedication", "Premedication", 500),
        _int("pre_bp_systolic", "Before infusion: systolic BP (mmHg)", 3, units=("MU.MMHG",)),
        _int("pre_bp_diastolic", "Before infusion: diastolic BP (mmHg)", 3, units=("MU.MMHG",)),
        _int("pre_heart_rate", "Before infusion: heart rate (beats/min)", 3, units=("MU.BPM",)),
        _float("pre_temperature", "Before infusion: temperature (°C)", 4, 1, units=("MU.DEG_C",)),
        _int("pre_spo2", "Before infusion: SpO2 (%)", 3, units=("MU.PCT",)),
        _int("post_bp_systolic", "After infusion: systolic BP (mmHg)", 3, units=("MU.MMHG",)),
        _int("post_bp_diastolic", "After infusion: diastolic BP (mmHg)", 3, units=("MU.MMHG",)),
        _int("post_heart_rate", "After infusion: heart rate (beats/min)", 3, units=("MU.BPM",)),
        _float("post_temperature", "After infusion: temperature (°C)", 4, 1, units=("MU.DEG_C",)),
        _int("post_spo2", "After infusion: SpO2 (%)", 3, units=("MU.PCT",)),
        (*_yn("reaction", "Infusion reaction")[:3], {**_yn("reaction", "")[3], "site_default": 0}),
        _text("reaction_ae_uuid", "Reaction adverse event (record ID)", 36, identifying=True),
        _text("administered_by", "Administered by", 200, identifying=True), _ENTRY_SOURCE,
    ]),
    ("con_meds", "CONMED", "Concomitant medication", True, [
        _text("drug", "Drug", 200), _float("dose", "Dose", 12, 3), _text("dose_unit", "Dose unit", 20, codelist="CL.DOSE_UNIT"),
        _text("route", "Route", 40, codelist="CL.CM_ROUTE"), _text("frequency", "Frequency", 60),
        _date("start_date", "Start date"), _date("stop_date", "Stop date"), _text("indication", "Indication", 200),
        _text("drug_class", "Drug class", 18, codelist="CL.DRUG_CLASS", russian="Класс препарата"),
        _text("steroid", "Corticosteroid agent", 18, codelist="CL.STEROID", russian="Глюкокортикоид"),
        _text("frequency_code", "Coded frequency", 17, codelist="CL.FREQUENCY", russian="Частота (код)"),
    ]),
    ("deviations", "DEVIATION", "Protocol deviation", True, [
        _text("kind", "Kind of deviation", 40, codelist="CL.DEVIATION_KIND"), _text("description", "Description", 2000),
        _date("detected_on", "Detected on"),
    ]),
)
FORM_TABLES: tuple[str, ...] = tuple(spec[0] for spec in _FORM_SPECS)
FORMS: tuple[Form, ...] = tuple(Form(t, short, title, rep, _items(t, specs)) for t, short, title, rep, specs in _FORM_SPECS)
# Columns of a site table that are bookkeeping or placement, not form fields (kept in the CSV files).
BOOKKEEPING: dict[str, tuple[str, str]] = {
    "change_seq": (INTEGER, "Site change number of the last change"),
    "created_at": (DATETIME, "Created at (UTC)"), "created_by": (TEXT, "Created by (user login)"),
    "updated_at": (DATETIME, "Last changed at (UTC)"), "updated_by": (TEXT, "Last changed by (user login)"),
    "deleted": (INTEGER, "Deleted (1 = yes)"), "subject_uuid": (TEXT, "Subject record ID (UUID)"),
    "visit_uuid": (TEXT, "Visit record ID (UUID)"),
}
# Visit forms a visit can list (study definition form code -> table recorded at the visit).
_VISIT_FORM_TABLES = {"sledai": "sledai_assessments", "labs": "labs", "msc_infusion": "infusions"}
VISIT_TABLES: tuple[str, ...] = ("visits", "sledai_assessments", "labs", "infusions", "deviations")
SCREENING_TABLES: tuple[str, ...] = ("subjects", "consents", "screenings")


def event_oid(code: str) -> str:
    return f"SE.{re.sub(r'[^A-Z0-9_]', '_', code.upper())}"


def build(definition: StudyDefinition) -> StudyMetadata:
    """The export metadata of one study definition version."""
    events = [Event("screening", event_oid("screening"), definition.visit("screening").label, "Scheduled", False,
                    tuple((t, True) for t in SCREENING_TABLES))]
    for v in definition.visits:
        if v.code == "screening":
            continue
        listed = {_VISIT_FORM_TABLES[f] for f in v.forms if f in _VISIT_FORM_TABLES}
        forms = (("visits", True), *((t, t in listed) for t in VISIT_TABLES[1:]))
        events.append(Event(v.code, event_oid(v.code), v.label, "Scheduled" if v.scheduled else "Unscheduled",
                            not v.scheduled, forms))
    events.append(Event(LOGS, event_oid(LOGS), "Subject-level logs", "Common", False, (
        ("adverse_events", False), ("con_meds", False), ("labs", False), ("infusions", False), ("deviations", False))))
    codelists = (*_STATIC_CODELISTS[:5], _visit_codelist(definition), *_STATIC_CODELISTS[5:])
    return StudyMetadata(definition.study_id, definition.version, definition.title, tuple(events), FORMS, codelists,
                         UNITS)


_FORM_OF = {f.table: f for f in FORMS}


def form_of(table: str) -> Form | None:
    """The form of a site table (None for tables that are not forms: signatures, queries)."""
    return _FORM_OF.get(table)


# -- SAS transport (XPT v5) limits: 8-character names, 40-character ASCII labels ---------------------------------------
STATS_PREFIX: tuple[tuple[str, str, str], ...] = (
    ("site_code", "SITECODE", "Site code"), ("subject_key", "SUBJKEY", "Subject ID (or screening number)"),
    ("visit_code", "VISIT", "Visit"),
)
_SAS_DATASETS = {"subjects": "SUBJECT", "consents": "CONSENT", "screenings": "ELIGIB", "visits": "VISIT",
                 "sledai_assessments": "SLEDAI", "labs": "LAB", "adverse_events": "AE", "infusions": "INFUSION",
                 "con_meds": "CONMED", "deviations": "DEVIATN"}


def sas_dataset_name(table: str) -> str:
    """The 8-character SAS dataset name of a form."""
    return _SAS_DATASETS[table]


def sas_names(table: str) -> dict[str, str]:
    """column -> unique 8-character SAS name for a form's fields and the statistics prefix columns (deterministic)."""
    used: set[str] = set()
    out: dict[str, str] = {}
    for column, name, _label in STATS_PREFIX:
        out[column] = name
        used.add(name)
    for item in form_of(table).items:
        if item.column in out:  # visits.visit_code is the prefix column itself
            continue
        base = re.sub(r"[^A-Z0-9]", "", item.column.upper()) or "VAR"
        if not base[0].isalpha():
            base = "V" + base
        name, n = base[:8], 1
        while name in used:
            n += 1
            name = f"{base[:6]}{n:02d}"
        used.add(name)
        out[item.column] = name
    return out


_ASCII = str.maketrans({"×": "x", "⁹": "^9", "⁶": "^6", "°": "deg ", "µ": "u", "–": "-", "’": "'", "₂": "2"})


def sas_label(label: str) -> str:
    """A label as SAS transport v5 holds it: ASCII, at most 40 characters (cut at a word where possible)."""
    text = label.translate(_ASCII).encode("ascii", "replace").decode("ascii")
    if len(text) <= 40:
        return text
    cut = text[:40].rsplit(" ", 1)[0]
    return cut if len(cut) >= 25 else text[:40]


# -- the tables that are not forms (CSV files only) ----------------------------------------------------------------------
OTHER_COLUMNS: dict[str, dict[str, tuple[str, str]]] = {
    "signatures": {
        "record_table": (TEXT, "Signed record: form table"), "record_uuid": (TEXT, "Signed record ID (UUID)"),
        "meaning": (TEXT, "Meaning of the signature (authored, reviewed, approved)"),
        "signer": (TEXT, "Signer (user login)"), "signer_name": (TEXT, "Signer's name"),
        "signed_at": (DATETIME, "Signed at (UTC)"), "content_hash": (TEXT, "SHA-256 of the signed content"),
        "invalidated_at": (DATETIME, "Invalidated at (UTC)"), "invalidated_reason": (TEXT, "Why the signature was invalidated"),
        "signature": (TEXT, "The signer's cryptographic signature of the content"),
    },
    "queries": {
        "record_table": (TEXT, "Queried record: form table"), "record_uuid": (TEXT, "Queried record ID (UUID)"),
        "field": (TEXT, "Queried field"), "question": (TEXT, "Question from the sponsor"),
        "followup": (TEXT, "Follow-up question"), "status": (TEXT, "Query status"),
        "sponsor_version": (INTEGER, "Version of the query at the sponsor"), "raised_by": (TEXT, "Raised by (sponsor user)"),
        "raised_at": (DATETIME, "Raised at (UTC)"), "answer": (TEXT, "Answer from the site"),
        "answered_by": (TEXT, "Answered by (site user login)"), "answered_at": (DATETIME, "Answered at (UTC)"),
        "correction": (TEXT, "Correction made with the answer (JSON)"), "closed_by": (TEXT, "Closed by"),
        "closed_at": (DATETIME, "Closed at (UTC)"), "close_reason": (TEXT, "Reason for closing"),
        "origin": (TEXT, "Raised by the sponsor or by a monitor at the site"),
    },
    "locks": {
        "locked_at": (DATETIME, "Locked at (UTC)"), "locked_by": (TEXT, "Locked by (user login)"),
        "lock_reason": (TEXT, "Reason for the lock"), "requested_by": (TEXT, "Lock requested by (sponsor user)"),
        "requested_at": (DATETIME, "Lock requested at (UTC)"), "request_uuid": (TEXT, "Sponsor's lock request ID"),
        "unlocked_at": (DATETIME, "Unlocked at (UTC)"), "unlocked_by": (TEXT, "Unlocked by (user login)"),
        "unlock_reason": (TEXT, "Reason for unlocking"), "unlock_request_uuid": (TEXT, "Sponsor's unlock request ID"),
    },
    "site_sdv": {
        "record_table": (TEXT, "Verified record: form table"), "record_uuid": (TEXT, "Verified record ID (UUID)"),
        "field": (TEXT, "Verified field (empty: the whole record)"),
        "content_hash": (TEXT, "SHA-256 of the verified content"), "monitor": (TEXT, "Monitor (user login)"),
        "monitor_name": (TEXT, "Monitor's name"), "marked_at": (DATETIME, "Verified at (UTC)"),
    },
}


def column_info(table: str, column: str) -> tuple[str, str, Item | None]:
    """(data type, English label, form item or None) of any column of a site table."""
    form = form_of(table)
    item = form.item(column) if form else None
    if item is not None:
        return item.data_type, item.label, item
    if column in OTHER_COLUMNS.get(table, {}):
        return (*OTHER_COLUMNS[table][column], None)
    if column in BOOKKEEPING:
        return (*BOOKKEEPING[column], None)
    if column == "uuid":
        return TEXT, "Record ID (UUID)", None
    return TEXT, column.replace("_", " ").capitalize(), None


_STATIC_BY_OID = {c.oid: c for c in _STATIC_CODELISTS}


def decode(table: str, column: str, value) -> str | None:
    """The English decode of a coded value of a site column (None when the column is not coded or the value is
    not in its list); visit codes are decoded by the study definition instead."""
    item = column_info(table, column)[2]
    codelist = _STATIC_BY_OID.get(item.codelist) if item is not None and item.codelist else None
    return codelist.decode(value) if codelist is not None and value is not None else None

