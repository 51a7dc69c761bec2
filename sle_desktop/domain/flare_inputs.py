"""What the site records, read as SELENA Flare Index suggestions (pure; the clinician confirms each).

``suggest(...)`` returns ``Suggestion(item, reason)`` for every part the data show:

- SLEDAI descriptors newly present vs the previous assessment (``SLEDAI_MANIFESTATION``:
  CNS descriptors -> ``cns_lupus``, renal descriptors -> ``nephritis``, vasculitis,
  myositis, arthritis, pleurisy -> ``pleuritis``, pericarditis, fever, mucosal ulcers ->
  ``nasopharyngeal_ulcers``);
- platelets crossing below 60 ×10⁹/L -> ``thrombocytopenia_lt60``;
- haemoglobin < 70 g/L or a fall > 30 g/L -> ``hemolytic_anemia`` (haemolysis to be confirmed);
- an NSAID or hydroxychloroquine started since the previous assessment ->
  ``added_nsaid_or_hydroxychloroquine``; a new index immunosuppressant -> ``new_immunosuppressant``;
- an SAE with hospitalisation for SLE activity since the previous assessment -> ``hospitalised_for_sle``.

Items are manifestation codes (``outcomes.MANIFESTATIONS``) or one of ``FLAG_ITEMS``.
The steroid part is not suggested: it is computed from the concomitant medication.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from . import medication, outcomes, sledai
from .text import Msg, msg

FLAG_ITEMS: tuple[str, ...] = ("added_nsaid_or_hydroxychloroquine", "new_immunosuppressant", "hospitalised_for_sle")
ITEMS: tuple[str, ...] = outcomes.MANIFESTATIONS + FLAG_ITEMS
PLATELETS_BELOW = 60.0
HB_BELOW = 70.0
HB_FALL_ABOVE = 30.0

_CNS = ("seizure", "psychosis", "organic_brain_syndrome", "visual_disturbance", "cranial_nerve_disorder",
        "lupus_headache", "cva")
SLEDAI_MANIFESTATION: dict[str, str] = {
    **{c: "cns_lupus" for c in _CNS},
    "vasculitis": "vasculitis",
    "arthritis": "arthritis",
    "myositis": "myositis",
    **{c: "nephritis" for c in sledai.RENAL_CODES},
    "mucosal_ulcers": "nasopharyngeal_ulcers",
    "pleurisy": "pleuritis",
    "pericarditis": "pericarditis",
    "fever": "fever",
}
"""SLEDAI descriptor -> the index manifestation it suggests when newly present."""


@dataclass(frozen=True)
class Suggestion:
    """One part the data suggest, with the reason (a translatable ``text.Msg``)."""

    item: str
    reason: Msg


def check_items(items: Iterable[str]) -> frozenset[str]:
    """The set of suggestion items; ValueError naming any unknown one."""
    if isinstance(items, (str, bytes)):
        raise ValueError(f"expected a collection of flare items, got the single string {items!r}")
    items = list(items)
    unknown = sorted({repr(i) for i in items if i not in ITEMS})
    if unknown:
        raise ValueError("unknown SELENA Flare Index item(s): " + ", ".join(unknown))
    return frozenset(items)


def suggest(*, previous_codes: Iterable[str] | None, codes: Iterable[str],
            previous_platelets: float | None = None, platelets: float | None = None,
            previous_hemoglobin: float | None = None, hemoglobin: float | None = None,
            meds: Iterable[medication.Medication] = (), previous_date: date | None = None,
            on: date | None = None, sle_hospitalisations: Iterable[str] = ()) -> list[Suggestion]:
    """The index parts the recorded data support, in ``ITEMS`` order (see the module docstring).

    ``previous_codes`` is None for a first assessment (nothing is "new" then); drug and
    hospitalisation suggestions need both dates; ``sle_hospitalisations`` are the terms of
    SAEs with hospitalisation for SLE activity since the previous assessment.
    """
    reasons: dict[str, Msg] = {}
    current = sledai.validate_codes(codes)
    if previous_codes is not None:
        before = sledai.validate_codes(previous_codes)
        for d in sledai.DESCRIPTORS:
            item = SLEDAI_MANIFESTATION.get(d.code)
            if item and d.code in current and d.code not in before and item not in reasons:
                reasons[item] = msg("SELENA-SLEDAI: {descriptor} newly present", descriptor=d.label)
    if platelets is not None and platelets < PLATELETS_BELOW and (
            previous_platelets is None or previous_platelets >= PLATELETS_BELOW):
        if previous_platelets is None:
            reasons["thrombocytopenia_lt60"] = msg("Platelets {value:g} ×10⁹/L < {limit:g}", value=platelets,
                                                   limit=PLATELETS_BELOW)
        else:
            reasons["thrombocytopenia_lt60"] = msg("Platelets fell below {limit:g} ×10⁹/L: {previous:g} → {value:g}",
                                                   limit=PLATELETS_BELOW, previous=previous_platelets, value=platelets)
    if hemoglobin is not None:
        fall = None if previous_hemoglobin is None else round(previous_hemoglobin - hemoglobin, 9)
        if hemoglobin < HB_BELOW:
            reasons["hemolytic_anemia"] = msg("Haemoglobin {value:g} g/L < {limit:g} (confirm haemolysis)",
                                              value=hemoglobin, limit=HB_BELOW)
        elif fall is not None and fall > HB_FALL_ABOVE:
            reasons["hemolytic_anemia"] = msg("Haemoglobin fell {fall:g} g/L ({previous:g} → {value:g}; > {limit:g}; "
                                              "confirm haemolysis)", fall=fall, previous=previous_hemoglobin,
                                              value=hemoglobin, limit=HB_FALL_ABOVE)
    if previous_date is not None and on is not None:
        meds = list(meds)
        added = medication.newly_started(meds, medication.NSAID_OR_HCQ, previous_date, on)
        if added:
            reasons["added_nsaid_or_hydroxychloroquine"] = msg(
                "Concomitant medication: {drugs} started since the previous assessment (for SLE activity?)",
                drugs=", ".join(medication.DRUG_CLASS_LABELS[c] for c in added))
        new_is = medication.newly_started(meds, medication.IMMUNOSUPPRESSANTS, previous_date, on)
        if new_is:
            reasons["new_immunosuppressant"] = msg(
                "Concomitant medication: {drugs} started since the previous assessment",
                drugs=", ".join(medication.DRUG_CLASS_LABELS[c] for c in new_is))
        terms = [t for t in sle_hospitalisations]
        if terms:
            reasons["hospitalised_for_sle"] = msg("SAE with hospitalisation for SLE activity: {terms}",
                                                  terms="; ".join(terms))
    return [Suggestion(i, reasons[i]) for i in ITEMS if i in reasons]
