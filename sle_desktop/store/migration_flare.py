"""Site migration 9: the SELENA Flare Index inputs (kept apart so that migrations.py stays readable).

Frozen once released, like every migration: never edit it, add the next number instead.
"""

from __future__ import annotations

from collections.abc import Callable

# Migration 9: the subject list also shows the last assessment's flare (SELENA Flare Index when complete,
# else the SLEDAI/PGA parts). Frozen with migration 9.
_LISTING_REFRESH_V9 = """
INSERT OR REPLACE INTO subject_listing (subject_uuid, done_codes, last_sledai, last_sledai_date, last_flare,
                                        last_flare_index, last_flare_complete)
SELECT {s},
       (SELECT group_concat(visit_code, ' ') FROM visits WHERE subject_uuid = {s} AND deleted = 0),
       last.score, last.visit_date, last.flare, last.flare_index, last.flare_index_complete
FROM (SELECT 1) LEFT JOIN (
    SELECT a.score, v.visit_date, a.flare, a.flare_index, a.flare_index_complete FROM sledai_assessments a
    JOIN visits v ON v.uuid = a.visit_uuid AND v.deleted = 0
    WHERE a.subject_uuid = {s} AND a.deleted = 0
    ORDER BY v.visit_date DESC, a.created_at DESC, a.rowid DESC LIMIT 1
) AS last;"""

_V9_CON_MED_CLASSES = ("corticosteroid", "cyclophosphamide", "azathioprine", "methotrexate", "mycophenolate", "nsaid",
                       "hydroxychloroquine", "other")
_V9_STEROIDS = ("prednisone", "prednisolone", "methylprednisolone", "dexamethasone", "hydrocortisone")
_V9_FREQUENCIES = ("once_daily", "twice_daily", "three_times_daily", "four_times_daily", "alternate_days")


def _in(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def v9_flare_index(conn, run_script: Callable) -> None:
    """SELENA Flare Index inputs. Rows recorded before keep their new columns at the defaults: their flare is
    the SLEDAI/PGA parts alone (`flare`), marked partial by flare_index_complete = 0 (flare_index stays NULL)."""
    run_script(conn, f"""
ALTER TABLE visits ADD COLUMN weight_kg REAL CHECK (weight_kg IS NULL OR weight_kg BETWEEN 20 AND 300);
ALTER TABLE con_meds ADD COLUMN drug_class TEXT CHECK (drug_class IS NULL OR drug_class IN ({_in(_V9_CON_MED_CLASSES)}));
ALTER TABLE con_meds ADD COLUMN steroid TEXT CHECK (steroid IS NULL OR steroid IN ({_in(_V9_STEROIDS)}));
ALTER TABLE con_meds ADD COLUMN frequency_code TEXT
    CHECK (frequency_code IS NULL OR frequency_code IN ({_in(_V9_FREQUENCIES)}));
ALTER TABLE adverse_events ADD COLUMN hospitalised_for_sle INTEGER NOT NULL DEFAULT 0
    CHECK (hospitalised_for_sle IN (0, 1));
ALTER TABLE sledai_assessments ADD COLUMN flare_manifestations TEXT NOT NULL DEFAULT '[]';
ALTER TABLE sledai_assessments ADD COLUMN added_nsaid_or_hcq INTEGER NOT NULL DEFAULT 0
    CHECK (added_nsaid_or_hcq IN (0, 1));
ALTER TABLE sledai_assessments ADD COLUMN new_immunosuppressant INTEGER NOT NULL DEFAULT 0
    CHECK (new_immunosuppressant IN (0, 1));
ALTER TABLE sledai_assessments ADD COLUMN hospitalised_for_sle INTEGER NOT NULL DEFAULT 0
    CHECK (hospitalised_for_sle IN (0, 1));
ALTER TABLE sledai_assessments ADD COLUMN prednisone_mg_per_kg_day REAL
    CHECK (prednisone_mg_per_kg_day IS NULL OR prednisone_mg_per_kg_day BETWEEN 0 AND 100);
ALTER TABLE sledai_assessments ADD COLUMN flare_sources TEXT NOT NULL DEFAULT '{{}}';
ALTER TABLE sledai_assessments ADD COLUMN flare_index TEXT
    CHECK (flare_index IS NULL OR flare_index IN ('none', 'mild_moderate', 'severe'));
ALTER TABLE sledai_assessments ADD COLUMN flare_index_reasons TEXT NOT NULL DEFAULT '[]';
ALTER TABLE sledai_assessments ADD COLUMN flare_index_complete INTEGER NOT NULL DEFAULT 0
    CHECK (flare_index_complete IN (0, 1));
ALTER TABLE subject_listing ADD COLUMN last_flare TEXT;
ALTER TABLE subject_listing ADD COLUMN last_flare_index TEXT;
ALTER TABLE subject_listing ADD COLUMN last_flare_complete INTEGER;
""")
    for table in ("visits", "sledai_assessments"):
        for name, event, row in (("insert", "INSERT", "NEW"), ("update", "UPDATE", "NEW"), ("delete", "DELETE", "OLD"),
                                 ("moved", "UPDATE", "OLD")):
            when = " WHEN OLD.subject_uuid IS NOT NEW.subject_uuid" if name == "moved" else ""
            conn.execute(f"DROP TRIGGER {table}_listing_{name}")
            conn.execute(f"CREATE TRIGGER {table}_listing_{name} AFTER {event} ON {table}{when} "
                         f"BEGIN{_LISTING_REFRESH_V9.format(s=f'{row}.subject_uuid')}\nEND")
    for (subject_uuid,) in conn.execute("SELECT uuid FROM subjects").fetchall():
        conn.execute(_LISTING_REFRESH_V9.format(s="?"), (subject_uuid,) * 3)
