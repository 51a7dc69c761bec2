"""ACR 1997 revised classification criteria for SLE (clinical-reference §3).

SLE is classified when at least 4 of the 11 criteria are present.
"""

from __future__ import annotations

from collections.abc import Iterable

CRITERIA: tuple[str, ...] = (
    "malar_rash",
    "discoid_rash",
    "photosensitivity",
    "oral_ulcers",
    "arthritis",
    "serositis",
    "renal_disorder",
    "neurologic_disorder",
    "hematologic_disorder",
    "immunologic_disorder",
    "antinuclear_antibody",
)

LABELS: dict[str, str] = {
    "malar_rash": "Malar rash",
    "discoid_rash": "Discoid rash",
    "photosensitivity": "Photosensitivity",
    "oral_ulcers": "Oral ulcers",
    "arthritis": "Non-erosive arthritis",
    "serositis": "Serositis",
    "renal_disorder": "Renal disorder",
    "neurologic_disorder": "Neurologic disorder",
    "hematologic_disorder": "Haematologic disorder",
    "immunologic_disorder": "Immunologic disorder",
    "antinuclear_antibody": "Positive antinuclear antibody",
}

DEFINITIONS: dict[str, str] = {
    "malar_rash": "Fixed erythema, flat or raised, over the malar eminences.",
    "discoid_rash": "Erythematous raised patches with keratotic scaling and follicular plugging.",
    "photosensitivity": "Skin rash as a result of unusual reaction to sunlight.",
    "oral_ulcers": "Oral or nasopharyngeal ulceration, usually painless.",
    "arthritis": "Non-erosive arthritis involving 2 or more peripheral joints.",
    "serositis": "Pleuritis or pericarditis.",
    "renal_disorder": "Persistent proteinuria > 0.5 g/day or > 3+, or cellular casts.",
    "neurologic_disorder": "Seizures or psychosis.",
    "hematologic_disorder": (
        "Haemolytic anaemia, or leukopenia < 4 ×10⁹/L on 2 occasions, or lymphopenia "
        "< 1.5 ×10⁹/L on 2 occasions, or thrombocytopenia < 100 ×10⁹/L."
    ),
    "immunologic_disorder": "Anti-dsDNA, anti-Sm, or antiphospholipid antibodies.",
    "antinuclear_antibody": "An abnormal titre of antinuclear antibody.",
}

MIN_CRITERIA = 4


def validate(codes: Iterable[str]) -> frozenset[str]:
    """The set of criterion codes; ValueError naming every unknown code (a bare string too)."""
    if isinstance(codes, (str, bytes)):
        raise ValueError(
            f"expected a collection of ACR 1997 criterion codes, got the single string {codes!r}"
        )
    try:
        items = list(codes)
    except TypeError:
        raise ValueError(f"expected a collection of ACR 1997 criterion codes, got {codes!r}") from None
    unknown = sorted({repr(c) for c in items if not (isinstance(c, str) and c in LABELS)})
    if unknown:
        raise ValueError("unknown ACR 1997 criterion code(s): " + ", ".join(unknown))
    return frozenset(items)


def count(codes: Iterable[str]) -> int:
    """Number of distinct criteria present (0-11)."""
    return len(validate(codes))


def meets_classification(codes: Iterable[str], minimum: int = MIN_CRITERIA) -> bool:
    """True when at least ``minimum`` (4) of the 11 criteria are present."""
    return count(codes) >= minimum
