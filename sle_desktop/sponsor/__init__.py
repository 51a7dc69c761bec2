"""The sponsor side: its database, the bundle importer, queries, SDV, return bundles and the exports.

    db.py          the sponsor database and its migrations
    operations.py  the sponsor's use cases: keys, site registration, import, status, exports
    importer.py    verify, decrypt, check continuity and the audit chain, apply in one transaction
    queries.py     data queries, SDV marks and return bundles as the sponsor commands call them
    returns.py     the way back: queries, SDV marks, the sponsor's own audit trail, return bundles
    dataset.py     the sponsor database as analysis data (shared by the exports)
    odm.py         CDISC ODM 1.3.2 export
    tabular.py     CSV per form, data dictionary, audit trail, SAE listing

Imports `sync`, `store` and `domain`; never `app` (the site's use cases) or Qt.
"""
