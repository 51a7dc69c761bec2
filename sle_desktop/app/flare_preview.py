"""The SELENA Flare Index before saving: what the recorded data suggest, and both flare measures as they
would be saved for the values on the visit form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sle_desktop.app.errors import ValidationError
from sle_desktop.app.session import Session
from sle_desktop.app.visits import (
    FlareInputs,
    SteroidDose,
    _flare_assessment,
    _medications,
    _previous_assessment,
    _subject,
    _visit,
    get_sledai,
    steroid_dose,
    visit_labs,
)
from sle_desktop.domain import flare_inputs, outcomes, sledai
from sle_desktop.domain.text import msg


@dataclass(frozen=True)
class FlareSuggestions:
    """What the data suggest for the visit's SELENA Flare Index, and the computed steroid dose then and before."""

    suggestions: tuple[flare_inputs.Suggestion, ...]
    dose: SteroidDose
    previous_mg_per_kg_day: float | None
    has_previous: bool


def _visit_or_new(session: Session, visit_uuid: str | None, subject_uuid: str | None, on: date | None) -> dict:
    """The visit row, or a stand-in for a visit not saved yet (after every saved one of that date)."""
    if visit_uuid is not None:
        return _visit(session, visit_uuid)
    if subject_uuid is None or not isinstance(on, date):
        raise ValidationError({"visit_date": msg("Visit date is required.")})
    _subject(session, subject_uuid)
    return {"uuid": "", "subject_uuid": subject_uuid, "visit_date": on.isoformat(), "created_at": "\uffff"}


def flare_suggestions(session: Session, visit_uuid: str | None = None, codes=None, *, subject_uuid: str | None = None,
                      on: date | None = None, labs: dict[str, float] | None = None,
                      weight_kg: float | None = None) -> FlareSuggestions:
    """Index parts the recorded data support for this visit (the clinician confirms each).

    ``codes``: the SLEDAI descriptors as now on the form (default: as saved); ``labs``: canonical values typed
    on the form (default: as saved); for a visit not saved yet give ``subject_uuid`` and ``on``. Sources:
    descriptors newly present vs the previous assessment, platelets and haemoglobin vs the previous visit's,
    con-meds started since the previous assessment, SAEs with hospitalisation for SLE activity since then.
    """
    session.require("view")
    store = session.store
    visit = _visit_or_new(session, visit_uuid, subject_uuid, on)
    if codes is None:
        saved = get_sledai(session, visit_uuid) if visit_uuid else None
        codes = saved.codes if saved else frozenset()
    try:
        codes = sledai.validate_codes(codes)
    except ValueError as exc:
        raise ValidationError({"descriptors": exc.args[0]}) from None
    on = date.fromisoformat(visit["visit_date"])
    previous = _previous_assessment(store, visit)
    prev_date = date.fromisoformat(previous["visit_date"]) if previous else None
    if labs is None:
        labs = {t: v.value for t, v in visit_labs(session, visit_uuid).items()} if visit_uuid else {}

    def prev_lab(test: str) -> float | None:
        return store.scalar(
            "SELECT l.value FROM labs l JOIN visits v ON v.uuid = l.visit_uuid AND v.deleted = 0 "
            "WHERE l.subject_uuid = ? AND l.test = ? AND l.deleted = 0 AND l.visit_uuid != ? AND "
            "(v.visit_date < ? OR (v.visit_date = ? AND v.created_at < ?)) "
            "ORDER BY v.visit_date DESC, v.created_at DESC LIMIT 1",
            (visit["subject_uuid"], test, visit["uuid"], visit["visit_date"], visit["visit_date"], visit["created_at"]))

    hospitalisations = [r["term"] for r in store.query(
        "SELECT term FROM adverse_events WHERE subject_uuid = ? AND deleted = 0 AND serious = 1 "
        "AND hospitalised_for_sle = 1 AND onset_date > ? AND onset_date <= ? ORDER BY onset_date",
        (visit["subject_uuid"], prev_date.isoformat(), on.isoformat()))] if prev_date else []
    found = flare_inputs.suggest(
        previous_codes=frozenset(c for c in sledai.CODES if previous[c]) if previous else None, codes=codes,
        previous_platelets=prev_lab("platelets"), platelets=labs.get("platelets"),
        previous_hemoglobin=prev_lab("hemoglobin"), hemoglobin=labs.get("hemoglobin"),
        meds=_medications(store, visit["subject_uuid"]), previous_date=prev_date, on=on,
        sle_hospitalisations=hospitalisations)
    dose = steroid_dose(session, visit_uuid, subject_uuid=visit["subject_uuid"], on=on, weight_kg=weight_kg)
    return FlareSuggestions(tuple(found), dose, previous["prednisone_mg_per_kg_day"] if previous else None,
                            previous is not None)


@dataclass(frozen=True)
class FlarePreview:
    """Both flare measures as they would be saved (None without a previous assessment or a valid PGA)."""

    flare: str | None
    index: outcomes.FlareResult | None
    dose: SteroidDose
    has_previous: bool


def preview_flare(session: Session, visit_uuid: str | None, codes, pga, flare: FlareInputs, *,
                  subject_uuid: str | None = None, on: date | None = None,
                  weight_kg: float | None = None) -> FlarePreview:
    """The SELENA flare (SLEDAI/PGA parts) and SELENA Flare Index for the values on the form, before saving."""
    session.require("view")
    visit = _visit_or_new(session, visit_uuid, subject_uuid, on)
    on = date.fromisoformat(visit["visit_date"])
    dose = steroid_dose(session, visit_uuid, subject_uuid=visit["subject_uuid"], on=on, weight_kg=weight_kg)
    previous = _previous_assessment(session.store, visit)
    if previous is None:
        return FlarePreview(None, None, dose, False)
    try:
        current = outcomes.FlareAssessment(sledai.score(codes), pga, dose.mg_per_kg_day,
                                           frozenset(flare.new_manifestations), flare.added_nsaid_or_hydroxychloroquine,
                                           flare.new_immunosuppressant, flare.hospitalised_for_sle)
    except (ValueError, TypeError):
        return FlarePreview(None, None, dose, True)
    return FlarePreview(outcomes.selena_flare(previous["score"], current.sledai, previous["pga"], current.pga),
                        outcomes.selena_flare_index(_flare_assessment(previous), current), dose, True)


def flare_shown(flare_index: str | None, complete, flare: str | None) -> tuple[str | None, bool]:
    """(level, partial) to show for a saved assessment: the index when complete, else its SLEDAI/PGA parts."""
    return (flare_index, False) if complete else (flare, flare is not None)
