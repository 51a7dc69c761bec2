"""The export metadata: complete for the site schema, translated, and a function of the study definition only."""

from __future__ import annotations

from sle_desktop.app import subjects
from sle_desktop.domain import study as study_def
from sle_desktop.sponsor import metadata, translations
from sle_desktop.store.records import CLINICAL_TABLES


def test_every_site_column_is_a_form_field_or_bookkeeping(store):
    for table in CLINICAL_TABLES:
        columns = [r[1] for r in store.conn.execute(f'PRAGMA table_info("{table}")')]
        form = metadata.form_of(table)
        for column in columns:
            if form is not None:
                assert form.item(column) is not None or column in metadata.BOOKKEEPING, (table, column)
            else:
                assert column in metadata.OTHER_COLUMNS[table] or column in metadata.BOOKKEEPING or column == "uuid", \
                    (table, column)
    assert set(metadata.FORM_TABLES) == set(CLINICAL_TABLES) - {"signatures", "queries", "locks", "site_sdv"}


def test_code_lists_match_the_site_vocabularies():
    md = metadata.build(study_def.parse_toml(open("resources/study/sle-msc.toml", encoding="utf-8").read()))
    assert dict(md.codelist("CL.ARM").items) == subjects.ARM_LABELS
    assert dict(md.codelist("CL.SUBJECT_STATUS").items) == subjects.STATUS_LABELS
    assert [c for c, _ in md.codelist("CL.BIOPSY_CLASS").items] == list(subjects.BIOPSY_CLASSES)
    assert [c for c, _ in md.codelist("CL.PREGNANCY_TEST").items] == list(subjects.PREGNANCY_TESTS)
    symbols = {"CL.BIOPSY_CLASS"}  # Roman numerals read the same in Russian
    for cl in md.codelists:
        for _code, label in cl.items:
            assert cl.oid in symbols or translations.has_ru(label), (cl.oid, label)
    for form in md.forms:
        for item in form.items:
            assert item.label_ru and (item.label_ru != item.label or item.label in ("C3", "C4")), (form.table, item.label)


def test_metadata_follows_the_study_definition_version():
    text = open("resources/study/sle-msc.toml", encoding="utf-8").read()
    v1 = metadata.build(study_def.parse_toml(text))
    amended = text.replace('version = "1.0"', 'version = "1.1"').replace(
        '[[visits]]\ncode = "unscheduled"',
        '[[visits]]\ncode = "month_12"\nlabel = "Month 12"\ntarget_day = 365\nwindow_days = 30\nforms = ["sledai", "labs"]\n'
        'scheduled = true\n\n[[visits]]\ncode = "unscheduled"')
    v2 = metadata.build(study_def.parse_toml(amended))
    assert [e.code for e in v2.events] == ["screening", "baseline", "month_1", "month_3", "month_6", "month_12",
                                           "unscheduled", "logs"]
    assert ("month_12", "Month 12") in v2.codelist("CL.VISIT").items and v1.version == "1.0" and v2.version == "1.1"
    assert metadata.build(study_def.parse_toml(text)) == v1  # the same definition, the same metadata
