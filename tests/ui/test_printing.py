"""The printed casebook and blank CRFs, read back from the PDF as an inspector would (pypdf text extraction)."""

import re

import pypdf
import pytest

from testkit import casebook_subject
from sle_desktop.app import blank_crf, casebook
from sle_desktop.domain import labs, sledai
from sle_desktop.ui import i18n
from sle_desktop.ui.common import catalog
from sle_desktop.ui.printing.blank_crf import write_blank_crf_pdf
from sle_desktop.ui.printing.casebook import write_casebook_pdf


def pdf_pages(path) -> list[str]:
    """Each page's text with runs of whitespace made single spaces."""
    return [re.sub(r"\s+", " ", page.extract_text()) for page in pypdf.PdfReader(str(path)).pages]


def embedded_fonts(path) -> set[str]:
    fonts = set()
    for page in pypdf.PdfReader(str(path)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is not None and any(k in descriptor.get_object() for k in ("/FontFile2", "/FontFile3")):
                    fonts.add(str(font["/BaseFont"]))
    return fonts


@pytest.fixture
def book(qapp, investigator):
    return investigator, casebook_subject(investigator)


@pytest.fixture
def russian(qapp):
    i18n.install("ru")
    yield
    i18n.install("en")


def test_casebook_pdf_holds_every_visit_score_descriptor_and_audit_reason(book, tmp_path):
    session, uuid = book
    data = casebook.subject_casebook(session, uuid)
    pages = write_casebook_pdf(data, tmp_path / "casebook.pdf")
    texts = pdf_pages(tmp_path / "casebook.pdf")
    assert len(texts) == pages > 3
    whole = " ".join(texts)
    for n, text in enumerate(texts, 1):
        assert f"Page {n} of {pages}" in text
        assert f"subject {data.subject_label}" in text and "site BY01 Test site" in text and "SLE-MSC-BY" in text
    for v in data.visits:
        day, month, year = v.visit_date[8:], v.visit_date[5:7], v.visit_date[:4]
        assert f"{v.label} — {day}.{month}.{year}" in whole
        assert f"Score {v.sledai.score} (renal SLEDAI {v.sledai.renal_score})" in whole
        for d in v.sledai.descriptors:
            assert d.label in whole
    reasons = {a.reason for v in data.visits for t in (v.record, v.sledai.record, *(x.record for x in v.labs))
               for a in t.audit if a.reason}
    assert {"fever confirmed from the nursing chart", "fever was drug-induced", "Entered from a paper CRF"} <= reasons
    for reason in reasons:
        assert reason in whole
    assert "SRI-4 (without BILAG)" in whole and "Pneumonia" in whole and "LOT-77" in whole and "paper CRF" in whole
    assert "invalid: record changed" in whole and "valid" in whole
    last = texts[-1]
    assert f"up to change {data.chain_head_seq} (chain head {data.chain_head_hash[:16]})" in last
    assert f"by {session.username}" in last
    assert "Olga" not in whole and "4010190B002PB7" not in whole and "CONTAINS DIRECT IDENTIFIERS" not in whole
    assert embedded_fonts(tmp_path / "casebook.pdf")


def test_identifiers_only_when_asked_and_then_every_page_says_so(book, tmp_path):
    session, uuid = book
    write_casebook_pdf(casebook.subject_casebook(session, uuid, include_identifiers=True), tmp_path / "named.pdf")
    texts = pdf_pages(tmp_path / "named.pdf")
    assert "Olga Ivanovna Petrova" in " ".join(texts)
    assert all("CONTAINS DIRECT IDENTIFIERS" in t for t in texts)


def test_russian_casebook_extracts_as_cyrillic(book, tmp_path, russian):
    session, uuid = book
    data = casebook.subject_casebook(session, uuid)
    write_casebook_pdf(data, tmp_path / "ru.pdf")
    whole = " ".join(pdf_pages(tmp_path / "ru.pdf"))
    assert "Индивидуальная регистрационная карта" in whole and "Страница 1 из" in whole
    assert catalog(sledai.BY_CODE["proteinuria"].label) == "Протеинурия" and "Протеинурия" in whole
    assert "Журнал аудита" in whole


def test_blank_crf_holds_all_24_descriptors_and_the_study_labs(qapp, investigator, tmp_path):
    crf = blank_crf.blank_crf(investigator)
    write_blank_crf_pdf(crf, tmp_path / "crf.pdf")
    whole = " ".join(pdf_pages(tmp_path / "crf.pdf"))
    for d in sledai.DESCRIPTORS:
        assert d.label in whole and d.definition[:40] in whole
    for test in labs.TESTS:
        assert test.label in whole
    for visit in crf.visits:
        assert visit.label in whole
    assert "Grade 4 – life-threatening" in whole and "Possibly related" in whole and "Product lot number" in whole


def test_blank_crf_of_one_visit_in_russian(qapp, investigator, tmp_path, russian):
    crf = blank_crf.blank_crf(investigator, visit_code="month_1")
    assert [v.code for v in crf.visits] == ["month_1"]
    write_blank_crf_pdf(crf, tmp_path / "m1.pdf")
    whole = " ".join(pdf_pages(tmp_path / "m1.pdf"))
    assert all(catalog(d.label) in whole for d in sledai.DESCRIPTORS)
    assert "Судороги" in whole and "Нежелательные явления" in whole
    assert catalog("Baseline (day 0)") not in whole  # only the chosen visit


def test_blank_crf_site_ranges_come_from_the_site_labs(qapp, investigator, tmp_path):
    casebook_subject(investigator)
    rows = {r.test: r for r in blank_crf.blank_crf(investigator).labs}
    assert (rows["creatinine"].lln, rows["creatinine"].uln) == (44, 97)
    assert rows["platelets"].lln is None
