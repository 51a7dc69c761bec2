"""SELENA-SLEDAI: the 24 descriptors, their weights and the score (clinical-reference §1).

Codes are the stable identifiers used in the database, exports and tests.
A descriptor is scored if present at the visit or in the preceding 10 days;
the score is the sum of the weights of the descriptors present (0-105).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Descriptor:
    """One SELENA-SLEDAI descriptor as shown on the form."""

    code: str
    weight: int
    label: str
    definition: str
    organ_system: str


_CNS = "CNS"
_VASC = "Vascular"
_MSK = "Musculoskeletal"
_RENAL = "Renal"
_MUCO = "Mucocutaneous"
_SERO = "Serosal"
_IMMUNO = "Immunological"
_CONST = "Constitutional"
_HAEM = "Haematological"

DESCRIPTORS: tuple[Descriptor, ...] = (
    Descriptor(
        "seizure", 8, "Seizure",
        "Recent onset. Exclude metabolic, infectious or drug causes, or seizure due to "
        "past irreversible CNS damage.",
        _CNS,
    ),
    Descriptor(
        "psychosis", 8, "Psychosis",
        "Altered ability to function in normal activity due to severe disturbance in the "
        "perception of reality: hallucinations, incoherence, marked loose associations, "
        "impoverished thought content, marked illogical thinking, bizarre, disorganized or "
        "catatonic behaviour. Exclude uremia and drug causes.",
        _CNS,
    ),
    Descriptor(
        "organic_brain_syndrome", 8, "Organic brain syndrome",
        "Altered mental function with impaired orientation, memory or other intellectual "
        "function, rapid onset and fluctuating features: clouding of consciousness with "
        "reduced capacity to focus and sustain attention, plus at least 2 of: perceptual "
        "disturbance, incoherent speech, insomnia or daytime drowsiness, increased or "
        "decreased psychomotor activity. Exclude metabolic, infectious or drug causes.",
        _CNS,
    ),
    Descriptor(
        "visual_disturbance", 8, "Visual disturbance",
        "Retinal changes of SLE: cytoid bodies, retinal haemorrhages, serous exudate or "
        "haemorrhages in the choroid, optic neuritis, scleritis or episcleritis. Exclude "
        "hypertension, infection or drug causes.",
        _CNS,
    ),
    Descriptor(
        "cranial_nerve_disorder", 8, "Cranial nerve disorder",
        "New onset of sensory or motor neuropathy involving cranial nerves (includes "
        "vertigo due to lupus).",
        _CNS,
    ),
    Descriptor(
        "lupus_headache", 8, "Lupus headache",
        "Severe, persistent headache; may be migrainous, but must be non-responsive to "
        "narcotic analgesia.",
        _CNS,
    ),
    Descriptor(
        "cva", 8, "CVA",
        "New onset of cerebrovascular accident(s). Exclude arteriosclerosis or "
        "hypertensive causes.",
        _CNS,
    ),
    Descriptor(
        "vasculitis", 8, "Vasculitis",
        "Ulceration, gangrene, tender finger nodules, periungual infarction, splinter "
        "haemorrhages, or biopsy or angiogram proof of vasculitis.",
        _VASC,
    ),
    Descriptor(
        "arthritis", 4, "Arthritis",
        "More than 2 joints with pain and signs of inflammation (tenderness, swelling or "
        "effusion).",
        _MSK,
    ),
    Descriptor(
        "myositis", 4, "Myositis",
        "Proximal muscle aching/weakness with elevated CPK/aldolase, or EMG changes, or "
        "biopsy showing myositis.",
        _MSK,
    ),
    Descriptor(
        "urinary_casts", 4, "Urinary casts",
        "Heme-granular or red blood cell casts.",
        _RENAL,
    ),
    Descriptor(
        "hematuria", 4, "Haematuria",
        ">5 RBC/high-power field. Exclude stone, infection or other cause.",
        _RENAL,
    ),
    Descriptor(
        "proteinuria", 4, "Proteinuria",
        "New onset or recent increase of more than 0.5 g/24 h.",
        _RENAL,
    ),
    Descriptor(
        "pyuria", 4, "Pyuria",
        ">5 WBC/high-power field. Exclude infection.",
        _RENAL,
    ),
    Descriptor(
        "rash", 2, "Rash",
        "New or ongoing inflammatory lupus rash.",
        _MUCO,
    ),
    Descriptor(
        "alopecia", 2, "Alopecia",
        "New or ongoing abnormal, patchy or diffuse loss of hair due to active lupus.",
        _MUCO,
    ),
    Descriptor(
        "mucosal_ulcers", 2, "Mucosal ulcers",
        "New or ongoing oral or nasal ulcerations due to active lupus.",
        _MUCO,
    ),
    Descriptor(
        "pleurisy", 2, "Pleurisy",
        "Classic and severe pleuritic chest pain, or pleural rub, or effusion, or new "
        "pleural thickening due to lupus.",
        _SERO,
    ),
    Descriptor(
        "pericarditis", 2, "Pericarditis",
        "Classic and severe pericardial pain, or rub, or effusion, or ECG/echo "
        "confirmation.",
        _SERO,
    ),
    Descriptor(
        "low_complement", 2, "Low complement",
        "Decrease in CH50, C3 or C4 below the lower limit of normal of the testing "
        "laboratory.",
        _IMMUNO,
    ),
    Descriptor(
        "increased_dna_binding", 2, "Increased DNA binding",
        ">25% binding by Farr assay, or above the normal range of the testing laboratory.",
        _IMMUNO,
    ),
    Descriptor(
        "fever", 1, "Fever",
        ">38 °C. Exclude infectious cause.",
        _CONST,
    ),
    Descriptor(
        "thrombocytopenia", 1, "Thrombocytopenia",
        "Platelets <100 ×10⁹/L. Exclude drug causes.",
        _HAEM,
    ),
    Descriptor(
        "leukopenia", 1, "Leukopenia",
        "WBC <3 ×10⁹/L. Exclude drug causes.",
        _HAEM,
    ),
)

CODES: tuple[str, ...] = tuple(d.code for d in DESCRIPTORS)
BY_CODE: dict[str, Descriptor] = {d.code: d for d in DESCRIPTORS}
RENAL_CODES: tuple[str, ...] = ("urinary_casts", "hematuria", "proteinuria", "pyuria")
SEROLOGY_CODES: tuple[str, ...] = ("low_complement", "increased_dna_binding")
ORGAN_SYSTEMS: tuple[str, ...] = tuple(dict.fromkeys(d.organ_system for d in DESCRIPTORS))
MAX_SCORE = 105
RENAL_MAX = 16
"""Weights: eight x8, six x4, seven x2, three x1 -> 105; renal sub-score 4 x 4 -> 16."""


def validate_codes(codes: Iterable[str]) -> frozenset[str]:
    """The set of descriptor codes; ValueError naming every unknown code.

    A bare string is rejected (it would otherwise be read character by character).
    """
    if isinstance(codes, (str, bytes)):
        raise ValueError(
            f"expected a collection of SELENA-SLEDAI descriptor codes, got the single string {codes!r}"
        )
    try:
        items = list(codes)
    except TypeError:
        raise ValueError(
            f"expected a collection of SELENA-SLEDAI descriptor codes, got {codes!r}"
        ) from None
    unknown = sorted({repr(c) for c in items if not (isinstance(c, str) and c in BY_CODE)})
    if unknown:
        raise ValueError("unknown SELENA-SLEDAI descriptor code(s): " + ", ".join(unknown))
    return frozenset(items)


def descriptors_in(codes: Iterable[str]) -> tuple[Descriptor, ...]:
    """The descriptors present, in form order (validates the codes)."""
    present = validate_codes(codes)
    return tuple(d for d in DESCRIPTORS if d.code in present)


def by_organ_system() -> dict[str, tuple[Descriptor, ...]]:
    """Descriptors grouped by organ system, both in form order (for laying out the form)."""
    return {s: tuple(d for d in DESCRIPTORS if d.organ_system == s) for s in ORGAN_SYSTEMS}


def score(codes: Iterable[str]) -> int:
    """SELENA-SLEDAI total (0-105) of the descriptors present; duplicates count once."""
    return sum(BY_CODE[c].weight for c in validate_codes(codes))


def renal_score(codes: Iterable[str]) -> int:
    """Renal sub-score (0-16): urinary_casts + hematuria + proteinuria + pyuria."""
    present = validate_codes(codes)
    return sum(BY_CODE[c].weight for c in RENAL_CODES if c in present)


def clinical_score(codes: Iterable[str]) -> int:
    """Clinical SLEDAI: the score without low_complement and increased_dna_binding."""
    present = validate_codes(codes)
    return sum(BY_CODE[c].weight for c in present if c not in SEROLOGY_CODES)
