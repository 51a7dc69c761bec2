"""Pure trial rules (SELENA-SLEDAI, eligibility, ACR 1997, renal, outcomes, schedule, safety,
study definition): standard library only, no Qt and no I/O. Import the submodules directly,
e.g. ``from sle_desktop.domain import sledai``."""
