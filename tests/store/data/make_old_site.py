"""Writes old-site-v5.sqlite with the code of an older release (before the keyed audit trail, migration 7).

Run from a checkout of that release (e.g. commit 5003653):
    SLE_DESKTOP_KEY_DIR=$(mktemp -d) PYTHONPATH=OLD_CHECKOUT python tests/store/data/make_old_site.py OUT.sqlite
It holds a demo site at schema version 5 (6 subjects, seed 3, on 2026-03-01) with one e-signature
as that release made them (a row, no cryptography), so the tests can migrate a real old database.
"""

import sys
from datetime import date

from sle_desktop.app import demo, signatures, site
from sle_desktop.store import migrations
from sle_desktop.store.db import Store

store = Store.open(sys.argv[1], migrate=False)
migrations.migrate(store, target=5)
demo.make_demo(store, subjects_count=6, seed=3, today=date(2026, 3, 1))
inv = site.login(store, "demo.investigator", demo.DEMO_PASSWORD)
first = store.query_one("SELECT uuid FROM sledai_assessments ORDER BY created_at, uuid LIMIT 1")["uuid"]
signatures.sign_record(inv, "sledai_assessments", first, password=demo.DEMO_PASSWORD, meaning="approved")
store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
store.conn.execute("PRAGMA journal_mode = DELETE")
store.conn.execute("VACUUM")
store.close()
