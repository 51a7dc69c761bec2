"""Sync bundles and the sponsor side (imports `store` and `domain` only; never `app` or Qt).

    bundle.py          the *.slebundle file: build, sign, encrypt, read back within limits
    keys.py            fingerprints, the site key file, age recipients and identities
    atomic.py          atomic file output (temp file, fsync, rename, fsync folder)
    site_export.py     collect a site's changes, stage and verify a bundle
    sponsor_store.py   the sponsor database and its migrations
    importer.py        verify, decrypt, check continuity and the audit chain, apply in one transaction
    dataset.py         the sponsor database as analysis data (shared by the exports)
    odm.py             CDISC ODM 1.3.2 export
    tabular.py         CSV per form, data dictionary, audit trail, SAE listing
    return_bundle.py   the return bundle (*.slereturn) the sponsor sends back to one site
    sponsor_returns.py sponsor side of the way back: queries, SDV marks, sponsor audit trail
"""
