"""Blank CRFs for paper entry: the forms of a visit from the study definition in force, with every SELENA-SLEDAI
descriptor (weight and definition), the labs with units and the site's normal ranges, the AE/SAE form with the
CTCAE grade and relationship scales, and the MSC infusion record."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from sle_desktop.app import blank_crf as blank_uc
from sle_desktop.domain import acr1997, eligibility, safety, sledai
from sle_desktop.domain.schedule import FORMS
from sle_desktop.ui.common import catalog, fmt_number
from sle_desktop.ui.printing import paged
from sle_desktop.ui.printing.casebook import STYLE

BOX = "☐"
BLANK = "_______________"


def _t(text: str) -> str:
    return QCoreApplication.translate("BlankCrf", text)


def _rows(rows: list[list[str]], header: list[str]) -> str:
    # an empty heading marks a tick-box column: keep it narrow
    head = "".join('<th width="4%"></th>' if not h else f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table width="100%" cellspacing="0"><tr>{head}</tr>{body}</table>'


def _fields(labels: list[str]) -> str:
    return _rows([[escape(label), BLANK * 2] for label in labels], [_t("Item"), _t("Entry")])


def _consent() -> str:
    return _fields([_t("Consent date (dd.mm.yyyy)"), _t("Consent form version"), _t("Obtained by")])


def _demographics() -> str:
    return _rows([[_t("Sex"), f"{BOX} {_t('female')}   {BOX} {_t('male')}"], [_t("Year of birth"), BLANK]],
                 [_t("Item"), _t("Entry")])


def _eligibility() -> str:
    acr = _rows([[BOX + " " + _t("present") + "   " + BOX + " " + _t("absent"), escape(catalog(acr1997.LABELS[c])),
                  BLANK] for c in acr1997.CRITERIA], [_t("ACR 1997 criterion"), "", _t("Date if known")])
    criteria = _rows([[escape(catalog(label)), f"{BOX} {_t('met')}   {BOX} {_t('not met')}"]
                      for label in eligibility.CRITERION_LABELS.values()], [_t("Criterion"), _t("Assessment")])
    return acr + criteria


def _sledai() -> str:
    rows = [[BOX, str(d.weight), f"<b>{escape(catalog(d.label))}</b><br/>{escape(catalog(d.definition))}"]
            for d in sledai.DESCRIPTORS]
    table = _rows(rows, [_t("Present"), _t("Weight"), _t("Descriptor and definition")])
    pga = (f"<p>{_t('Total score (sum of the weights present, 0–105)')}: {BLANK}</p>"
           f"<p>{_t('Physician’s Global Assessment, to one decimal (0 none, 1 mild, 2 moderate, 3 severe)')}: "
           f"{BLANK}</p><p>0 |----------| 1 |----------| 2 |----------| 3</p>")
    return f"<p>{_t('Score a descriptor if present at the visit or in the preceding 10 days.')}</p>" + table + pga


def _labs(crf: blank_uc.BlankCrf) -> str:
    rows = []
    for lab in crf.labs:
        limits = "–".join("" if x is None else fmt_number(x) for x in (lab.lln, lab.uln)) \
            if (lab.lln is not None or lab.uln is not None) else BLANK
        rows.append([escape(catalog(lab.label)), BLANK, escape(catalog(lab.unit)), limits])
    return (f"<p>{_t('Sample date (dd.mm.yyyy)')}: {BLANK}</p>"
            + _rows(rows, [_t("Test"), _t("Result"), _t("Unit"), _t("Normal range at this site")]))


def _arm() -> str:
    return _rows([[f"{BOX} {escape(catalog('MSC + standard treatment'))}   {BOX} {escape(catalog('Standard treatment'))}"],
                  [_t("Reason for the arm") + ": " + BLANK * 2]], [_t("Arm (non-randomised)")])


def _infusion() -> str:
    return _fields([_t("Infusion date"), _t("Start time"), _t("End time"), _t("Product lot number"),
                    _t("Cells per kg (×10⁶)"), _t("Total cells"), _t("Viability (%)"), _t("Volume (mL)"),
                    _t("Route (IV)"), _t("Body weight used for dosing (kg)"), _t("Premedication"),
                    _t("Before: BP, HR, temperature, SpO₂"), _t("After: BP, HR, temperature, SpO₂"),
                    _t("Infusion reaction (yes/no → AE form)"), _t("Administering clinician")])


def _adverse_event() -> str:
    parts = [_fields([_t("Term"), _t("Onset date"), _t("Stop date"), _t("Date and time the site became aware")])]
    parts.append(_rows([[BOX, escape(catalog(label))] for label in safety.GRADE_LABELS.values()],
                       ["", _t("CTCAE v5 grade")]))
    parts.append(_rows([[f"{BOX} {_t('no')}   {BOX} {_t('yes')}: " + "; ".join(
        f"{BOX} {escape(catalog(v))}" for v in safety.SERIOUS_CRITERIA_LABELS.values())]], [_t("Serious")]))
    parts.append(_rows([[BOX, escape(catalog(label))] for label in safety.RELATIONSHIP_LABELS.values()],
                       ["", _t("Relationship to the MSC product")]))
    parts.append(_rows([[BOX, escape(catalog(label))] for label in safety.ACTION_LABELS.values()],
                       ["", _t("Action taken")]))
    parts.append(_rows([[BOX, escape(catalog(label))] for label in safety.OUTCOME_LABELS.values()],
                       ["", _t("Outcome")]))
    parts.append(f"<p>{_t('A serious adverse event must reach the sponsor within 24 hours of the site becoming aware.')}</p>")
    return "".join(parts)


def blank_crf_html(crf: blank_uc.BlankCrf) -> str:
    """Every form of the chosen visits, one visit after another."""
    makers = {"consent": _consent, "eligibility": _eligibility, "demographics": _demographics, "sledai": _sledai,
              "labs": lambda: _labs(crf), "arm": _arm, "msc_infusion": _infusion, "adverse_events": _adverse_event}
    out = [f"<html><head><style>{STYLE}</style></head><body>"]
    for n, visit in enumerate(crf.visits):
        if n:
            out.append('<p style="page-break-before: always;"></p>')
        out.append(f"<h1>{escape(catalog(visit.label))}</h1>")
        out.append(f"<p>{_t('Subject ID')}: {BLANK}   {_t('Visit date (dd.mm.yyyy)')}: {BLANK}   "
                   f"{_t('Completed by')}: {BLANK}</p>")
        out.append(f"<p>{_t('Enter this form into sle_desktop as soon as the PC works again and tick “Entered from a paper CRF”; keep the paper as source.')}</p>")
        for form in visit.forms:
            out.append(f"<h2>{escape(catalog(FORMS.get(form, form)))}</h2>")
            out.append(makers[form]())
    out.append("</body></html>")
    return "".join(out)


def write_blank_crf_pdf(crf: blank_uc.BlankCrf, path) -> int:
    """Write the blank CRF PDF atomically; returns its page count."""
    site = f" · {_t('site')} {crf.site}" if crf.site else ""

    def header(page: int, pages: int) -> str:
        return _t("{0} version {1}{2} · blank CRF (paper entry)").format(crf.study_id, crf.study_version, site)

    def footer(page: int, pages: int) -> str:
        return _t("Subject ID: ____________   Page {0} of {1}").format(page, pages)

    return paged.write_pdf(path, blank_crf_html(crf), title=_t("Blank CRF {0}").format(crf.study_id),
                           header=header, footer=footer)
