"""Write sle_desktop/ui/catalog_strings.py: every catalogue string lupdate cannot see by itself.

* the domain/app catalogues (SLEDAI labels and definitions, ACR 1997, eligibility, visits, forms,
  AE codes, roles, arms, statuses, signature meanings, lab tests), context "catalog" — the one
  `sle_desktop.ui.common.catalog()` translates in;
* the literal templates of `msg("…")` in the app, domain, store and sync layers (context "AppMessages"),
  which the windows translate with `sle_desktop.ui.common.translated()`;
* literals passed to the small module-level helpers `_t("…")` (context taken from the helper's
  definition) and `tr("Context", "…")` in sle_desktop/ui/*.py.

Run by update.sh before pyside6-lupdate. The domain stays free of Qt.
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def catalogue_strings() -> list[str]:
    from sle_desktop.app import queries, session, signatures, subjects
    from sle_desktop.app.study import load_study
    from sle_desktop.domain import acr1997, eligibility, labs, medication, outcomes, safety, schedule, sledai

    out: list[str] = []
    for d in sledai.DESCRIPTORS:
        out += [d.label, d.definition, d.organ_system]
    out += list(acr1997.LABELS.values()) + list(acr1997.DEFINITIONS.values())
    out += list(eligibility.CRITERION_LABELS.values())
    out += list(schedule.FORMS.values()) + [v.label for v in schedule.default_visits()]
    out += [v.label for v in load_study().visits]
    for table in (safety.SERIOUS_CRITERIA_LABELS, safety.RELATIONSHIP_LABELS, safety.ACTION_LABELS,
                  safety.OUTCOME_LABELS, safety.GRADE_LABELS, subjects.ARM_LABELS, subjects.STATUS_LABELS,
                  session.ROLE_LABELS, signatures.MEANING_LABELS, queries.FORM_LABELS):
        out += [str(v) for v in table.values()]
    out += [t.label for t in labs.TESTS] + [t.unit for t in labs.TESTS if t.unit.startswith("(")]
    from sle_desktop.app import audit_trail  # forms and coded answers named in the audit viewer
    out += list(audit_trail.FORMS.values())
    out += [str(v) for table in audit_trail._CODED.values() for v in table.values()]
    # SELENA Flare Index: manifestations, reasons, coded medication
    for table in (outcomes.MANIFESTATION_LABELS, outcomes.REASON_LABELS, medication.DRUG_CLASS_LABELS,
                  medication.STEROID_LABELS, medication.FREQUENCY_LABELS):
        out += list(table.values())
    # explanations the app layer returns for a missing eGFR (shown through catalog() in the labs tab)
    out += ["no creatinine result", "sex unknown: eGFR not computed"]
    from sle_desktop.app import casebook

    out += [label for fields in casebook.RECORD_FIELDS.values() for _name, label in fields]
    out += [label for _name, label in casebook.IDENTIFIER_FIELDS] + list(casebook.LAB_FIELD_LABELS)
    return list(dict.fromkeys(s for s in out if s))


def helper_strings() -> list[tuple[str, str]]:
    """(context, text) for `_t("…")` and `tr("Ctx", "…")` literals in the UI modules."""
    found: list[tuple[str, str]] = []
    for path in sorted((ROOT / "sle_desktop" / "ui").rglob("*.py")):
        if path.name == "catalog_strings.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        t_context = None
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name == "_t":
                for call in ast.walk(node):
                    if (isinstance(call, ast.Call) and getattr(call.func, "attr", "") == "translate"
                            and call.args and isinstance(call.args[0], ast.Constant)):
                        t_context = call.args[0].value
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            args = node.args
            if node.func.id == "_t" and t_context and args and isinstance(args[0], ast.Constant):
                found.append((t_context, args[0].value))
            elif (node.func.id == "tr" and len(args) == 2 and all(isinstance(a, ast.Constant) for a in args)):
                found.append((args[0].value, args[1].value))
    return list(dict.fromkeys(found))


def message_strings() -> list[str]:
    """Literal templates passed to `msg("…")` (sle_desktop.domain.text) outside the UI: context "AppMessages"."""
    found: list[str] = []
    for folder in ("app", "domain", "store", "sync", "sponsor", "ui"):
        for path in sorted((ROOT / "sle_desktop" / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "msg"
                        and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                    found.append(node.args[0].value)
    return list(dict.fromkeys(found))


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def main() -> None:
    lines = [
        '"""Generated by resources/translations/gen_catalog.py — do not edit.',
        "",
        "Catalogue and helper strings for pyside6-lupdate (QT_TRANSLATE_NOOP marks them; nothing imports this).",
        '"""',
        "",
        "from PySide6.QtCore import QT_TRANSLATE_NOOP",
        "",
        "CATALOG = (",
    ]
    lines += [f'    QT_TRANSLATE_NOOP("catalog", {_q(s)}),' for s in catalogue_strings()]
    lines += [")", "", "HELPERS = ("]
    lines += [f"    QT_TRANSLATE_NOOP({_q(c)}, {_q(s)})," for c, s in helper_strings()]
    lines += [")", "", "MESSAGES = ("]
    lines += [f'    QT_TRANSLATE_NOOP("AppMessages", {_q(s)}),' for s in message_strings()]
    lines += [")", ""]
    target = ROOT / "sle_desktop" / "ui" / "catalog_strings.py"
    target.write_text("\n".join(lines), encoding="utf-8")
    print(f"{target.relative_to(ROOT)}: {len(lines)} lines")


if __name__ == "__main__":
    main()
