"""Free text that looks like it identifies a patient (phone, national ID, e-mail, the subject's own identifiers)."""

from datetime import date

import pytest

from sle_desktop.domain.privacy import Finding, identifying

OWN = {"full_name": "Ivan Petrovich Sidorov", "national_id": "3120580A001PB1", "phone": "+375 29 123-45-67",
       "address": "Minsk, ul. Lenina 1", "date_of_birth": date(1980, 5, 5)}


@pytest.mark.parametrize("text, kind, found", [
    ("call +375 29 765-43-21 after 18:00", "phone", "+375 29 765-43-21"),
    ("tel. 8 (029) 765 43 21", "phone", "8 (029) 765 43 21"),
    ("home 765-43-21", "phone", "765-43-21"),
    ("80297654321", "phone", "80297654321"),
    ("write to i.sidorov@mail.by", "email", "i.sidorov@mail.by"),
    ("personal no. 3120592A001PB5", "national_id", "3120592A001PB5"),
    ("passport MP1234567", "national_id", "MP1234567"),
    ("SNILS 123-456-789 01", "national_id", "123-456-789 01"),
    ("passport 45 03 123456", "national_id", "45 03 123456"),
    ("Sidorov fell at home", "identifier", "Sidorov"),
    ("ivan complained of headache", "identifier", "Ivan"),
    ("born 05.05.1980", "identifier", "05.05.1980"),
    ("lives on Lenina street", "identifier", "Lenina"),
    ("id 3120580A001PB1", "identifier", "3120580A001PB1"),
])
def test_identifying_text_is_found(text, kind, found):
    findings = identifying(text, OWN)
    assert Finding(kind, found) in findings or (kind == "identifier" and any(f.text == found for f in findings)), \
        findings


@pytest.mark.parametrize("text", [
    "Pneumonia", "Upper respiratory tract infection", "Herpes zoster, grade 2", "onset 12.04.2026, dose 12.5 mg",
    "Prednisone 5 mg from 2026-05-01 to 2026-05-21", "CRP 120 mg/L", "Hb 110 g/L, plt 250", "lot 20240512",
    "Ivanova syndrome", "Petri dish", "", "   ", "=HYPERLINK(x)", "BP 120/80, HR 72",
])
def test_ordinary_clinical_text_is_not_flagged(text):
    assert identifying(text, OWN) == ()


def test_short_name_parts_and_no_identifiers():
    assert identifying("Li", {"full_name": "Li Wei"}) == ()
    assert identifying("Sidorov fell", None) == ()
    assert identifying("Sidorov fell", {"full_name": None, "date_of_birth": "not a date"}) == ()
