"""The subject casebook as a paged PDF (or on a printer): every form in visit order, derived scores, safety,
signatures, queries and each record's audit trail; study, site, subject and page n of m on every page."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from sle_desktop.app import casebook as casebook_uc
from sle_desktop.app.subjects import ARM_LABELS, STATUS_LABELS
from sle_desktop.domain import safety, sledai
from sle_desktop.ui.common import catalog, fmt_date, fmt_number
from sle_desktop.ui.printing import paged

STYLE = """
h1 { font-size: 15pt; margin: 0 0 4pt 0; } h2 { font-size: 12pt; margin: 10pt 0 3pt 0; }
h3 { font-size: 10pt; margin: 6pt 0 2pt 0; } p { margin: 1pt 0; }
table { border-collapse: collapse; margin: 2pt 0 4pt 0; } td, th { border: 1px solid #888; padding: 2pt 4pt; }
th { background: #e8e8e8; text-align: left; } .small { font-size: 8pt; } .flag { font-weight: bold; }
.warn { color: #a00000; font-weight: bold; }
"""


def _t(text: str) -> str:
    return QCoreApplication.translate("Casebook", text)


def _yes_no(value) -> str:
    if value is None:
        return "—"
    return _t("yes") if value else _t("no")


def _flare(level: str | None) -> str:
    return {"none": _t("no flare"), "mild_moderate": _t("mild/moderate flare"),
            "severe": _t("severe flare")}.get(level or "", "—")


def _table(header: list[str], rows: list[list[str]], *, small: bool = False) -> str:
    cls = ' class="small"' if small else ""
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table width="100%" cellspacing="0"{cls}><tr>{head}</tr>{body}</table>'


def _shown(table: str, label: str, value: str) -> str:
    """A stored value as a clinician reads it (codes to labels)."""
    if label == "Status":
        return catalog(STATUS_LABELS.get(value, value))
    if label == "Arm":
        return catalog(ARM_LABELS.get(value, value))
    if label == "Relationship to MSC product":
        return catalog(safety.RELATIONSHIP_LABELS.get(value, value))
    if label == "Source":
        return _t("paper CRF") if value == "paper_crf" else _t("entered directly")
    if label in ("Serious", "Infusion reaction", "Eligible"):
        return _yes_no(value == "1")
    if value[:4].isdigit() and len(value) == 10 and value[4] == "-":
        return fmt_date(value)
    return value


def _signatures(trail: casebook_uc.RecordTrail) -> str:
    if not trail.signatures:
        return ""
    rows = [[catalog(s.meaning), f"{s.signer_name} ({s.signer})", s.signed_at.replace("T", " "),
             _t("valid") if s.valid else _t("invalid") + (f": {s.reason}" if s.reason else "")]
            for s in trail.signatures]
    return f"<p><b>{_t('Signatures')}</b></p>" + _table([_t("Meaning"), _t("Signed by"), _t("When (UTC)"),
                                                          _t("Validity")], rows, small=True)


def _queries(trail: casebook_uc.RecordTrail) -> str:
    if not trail.queries:
        return ""
    rows = [[q.field, q.question, q.status, f"{q.raised_by} {q.raised_at[:16].replace('T', ' ')}", q.answer]
            for q in trail.queries]
    return f"<p><b>{_t('Data queries')}</b></p>" + _table(
        [_t("Field"), _t("Question"), _t("Status"), _t("Raised"), _t("Answer")], rows, small=True)


_LAB_FIELDS = {"value": "Value", "unit": "Unit", "lln": "Lower limit of normal", "uln": "Upper limit of normal",
               "sample_date": "Sample date", "test": "Test"}


def _field_label(table: str, field: str) -> str:
    if field == "*":
        return _t("created")
    if table == "sledai_assessments" and field in sledai.BY_CODE:
        return catalog(sledai.BY_CODE[field].label)
    label = dict(casebook_uc.RECORD_FIELDS.get(table, ())).get(field) or (_LAB_FIELDS.get(field) if table == "labs" else None)
    return catalog(label) if label else field


def _audit(trails: list[casebook_uc.RecordTrail]) -> str:
    lines = sorted(((t.table, a) for t in trails for a in t.audit), key=lambda x: x[1].seq)
    if not lines:
        return ""
    rows = [[str(a.seq), (a.at_local or a.at_utc)[:19].replace("T", " "), a.user, _field_label(table, a.field),
             a.old, a.new, a.reason] for table, a in lines]
    return f"<p><b>{_t('Audit trail')}</b></p>" + _table(
        [_t("No."), _t("When (local)"), _t("Who"), _t("Field"), _t("Old"), _t("New"), _t("Reason for change")],
        rows, small=True)


def _record(trail: casebook_uc.RecordTrail, title: str) -> str:
    rows = [[catalog(label), _shown(trail.table, label, value)] for label, value in trail.fields]
    return (f"<h3>{escape(title)}</h3>" + (_table([_t("Item"), _t("Value")], rows) if rows else "")
            + _signatures(trail) + _queries(trail) + _audit([trail]))


def _visit(v: casebook_uc.CasebookVisit) -> str:
    out = [f"<h2>{escape(catalog(v.label))} — {fmt_date(v.visit_date)}</h2>"]
    rows = [[catalog(label), _shown("visits", label, value)] for label, value in v.record.fields]
    out.append(_table([_t("Item"), _t("Value")], rows) if rows else "")
    out.append(_signatures(v.record) + _queries(v.record))
    trails = [v.record]
    if v.sledai is not None:
        s = v.sledai
        trails.append(s.record)
        out.append(f"<h3>{_t('SELENA-SLEDAI')}</h3>")
        out.append("<p>" + _t("Score {0} (renal SLEDAI {1}); PGA {2}").format(s.score, s.renal_score,
                                                                            fmt_number(s.pga, 1)) + "</p>")
        derived = [
            [_t("Change from baseline"), "—" if s.change_from_baseline is None else f"{s.change_from_baseline:+d}"],
            [_t("SLEDAI-4 response"), _yes_no(s.sledai4_response)],
            [_t("SRI-4 (without BILAG)"), _yes_no(s.sri4_without_bilag)],
            [_t("SELENA flare (SLEDAI/PGA parts)"), _flare(s.flare)],
        ]
        out.append(_table([_t("Derived outcome"), _t("Value")], derived))
        rows = [[catalog(d.label), str(d.weight), _t("suggested from labs, confirmed") if d.source == "suggested"
                 else _t("entered")] for d in s.descriptors]
        out.append(_table([_t("Descriptor present"), _t("Weight"), _t("Source")], rows) if rows
                   else f"<p>{_t('No descriptor present.')}</p>")
        out.append(_signatures(s.record) + _queries(s.record))
    if v.labs:
        out.append(f"<h3>{_t('Laboratory')}</h3>")
        rows = []
        for lab in v.labs:
            limits = "–".join(fmt_number(x) if x is not None else "" for x in (lab.lln, lab.uln)) \
                if (lab.lln is not None or lab.uln is not None) else ""
            flag = {"L": _t("below normal"), "H": _t("above normal")}.get(lab.flag, "")
            rows.append([catalog(lab.label), fmt_number(lab.value), lab.unit, limits, flag])
            trails.append(lab.record)
        out.append(_table([_t("Test"), _t("Value"), _t("Unit"), _t("Normal range"), _t("Flag")], rows))
        egfr = fmt_number(v.egfr, 1) + " mL/min/1.73 m²" if v.egfr is not None else "— (" + v.egfr_reason + ")"
        out.append(f"<p>{_t('eGFR (CKD-EPI 2021)')}: {escape(egfr)}</p>")
        for lab in v.labs:
            out.append(_signatures(lab.record) + _queries(lab.record))
    out.append(_audit(trails))
    return "".join(out)


def casebook_html(cb: casebook_uc.Casebook) -> str:
    """The whole casebook as one HTML document (QTextDocument's subset of HTML and CSS)."""
    out = [f"<html><head><style>{STYLE}</style></head><body>",
           f"<h1>{_t('Casebook')} {escape(cb.subject_label)}</h1>",
           f"<p>{escape(cb.study_title)}</p>"]
    if cb.identifiers is not None:
        out.append(f'<p class="warn">{_t("This casebook contains direct identifiers. Keep it confidential.")}</p>')
        out.append(_table([_t("Identifier"), _t("Value")], [[catalog(k), v] for k, v in cb.identifiers]))
    out.append(_record(cb.subject, _t("Subject")))
    for t in cb.consents:
        out.append(_record(t, _t("Informed consent")))
    for t in cb.screenings:
        out.append(_record(t, _t("Screening and eligibility")))
    for v in cb.visits:
        out.append(_visit(v))
    sections = ((_t("Adverse events"), cb.adverse_events), (_t("MSC infusions"), cb.infusions),
                (_t("Concomitant medication"), cb.con_meds), (_t("Protocol deviations"), cb.deviations))
    for title, trails in sections:
        out.append(f"<h2>{title}</h2>")
        if not trails:
            out.append(f"<p>{_t('None recorded.')}</p>")
        for n, t in enumerate(trails, 1):
            out.append(_record(t, f"{title} {n}"))
    out.append(f"<h2>{_t('About this printout')}</h2>")
    out.append("<p>" + _t("Made {0} UTC by {1} from the audit trail up to change {2} (chain head {3}).").format(
        escape(cb.made_at_utc.replace("T", " ").rstrip("Z")), escape(cb.made_by), cb.chain_head_seq,
        escape(cb.chain_head_hash[:16])) + "</p>")
    out.append("</body></html>")
    return "".join(out)


def _header(cb: casebook_uc.Casebook):
    def header(page: int, pages: int) -> str:
        line = _t("{0} version {1} · site {2} {3} · subject {4}").format(
            cb.study_id, cb.study_version, cb.site_code, cb.site_name, cb.subject_label)
        if cb.identifiers is not None:
            line += "\n" + _t("CONTAINS DIRECT IDENTIFIERS - CONFIDENTIAL")
        return line
    return header


def _footer(page: int, pages: int) -> str:
    return _t("Page {0} of {1}").format(page, pages)


def write_casebook_pdf(cb: casebook_uc.Casebook, path) -> int:
    """Write the casebook PDF atomically; returns its page count."""
    return paged.write_pdf(path, casebook_html(cb), title=_t("Casebook {0}").format(cb.subject_label),
                           header=_header(cb), footer=_footer)


def print_casebook(cb: casebook_uc.Casebook, printer) -> int:
    """Send the casebook to a QPrinter chosen by the user; returns the page count."""
    return paged.render(printer, casebook_html(cb), header=_header(cb), footer=_footer)
