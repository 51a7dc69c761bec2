"""The blank paper CRFs of a visit, from the study definition in force, for when the PC is down.

The lab normal ranges are the site's own: the latest limits its laboratory reported for each test.
"""

from __future__ import annotations

from dataclasses import dataclass

from sle_desktop.app.errors import ValidationError
from sle_desktop.app.session import Session
from sle_desktop.app.site import site_info
from sle_desktop.app.study import load_study, study_in_force
from sle_desktop.domain import labs as lab_catalogue
from sle_desktop.domain.text import msg


@dataclass(frozen=True)
class LabRow:
    test: str
    label: str
    unit: str
    lln: float | None
    uln: float | None


@dataclass(frozen=True)
class BlankVisit:
    code: str
    label: str
    forms: tuple[str, ...]


@dataclass(frozen=True)
class BlankCrf:
    study_id: str
    study_version: str
    study_title: str
    site: str  # "BY01 Minsk …", empty without a site database
    visits: tuple[BlankVisit, ...]
    labs: tuple[LabRow, ...]


def _site_limits(store) -> dict[str, tuple[float | None, float | None]]:
    limits: dict[str, tuple[float | None, float | None]] = {}
    for r in store.query("SELECT test, lln, uln FROM labs WHERE deleted = 0 AND (lln IS NOT NULL OR uln IS NOT NULL) "
                         "ORDER BY sample_date, created_at"):
        limits[r["test"]] = (r["lln"], r["uln"])  # the latest wins
    return limits


def blank_crf(session: Session | None, *, visit_code: str | None = None) -> BlankCrf:
    """The forms of one visit (or of every visit) to print; without a session, the shipped study definition."""
    if session is not None:
        session.require("view")
        study = study_in_force(session.store)
        limits = _site_limits(session.store)
        info = site_info(session.store)
        site = f"{info.code} {info.name}"
    else:
        study, limits, site = load_study(), {}, ""
    visits = tuple(BlankVisit(v.code, v.label, tuple(v.forms)) for v in study.visits
                   if visit_code is None or v.code == visit_code)
    if not visits:
        raise ValidationError({"visit": msg("The study definition has no visit {code}; choose one of: {codes}.",
                                            code=visit_code, codes=", ".join(v.code for v in study.visits))})
    rows = tuple(LabRow(t.code, t.label, t.unit, *limits.get(t.code, (None, None))) for t in lab_catalogue.TESTS)
    return BlankCrf(study.study_id, study.version, study.title, site, visits, rows)
