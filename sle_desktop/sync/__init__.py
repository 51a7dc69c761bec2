"""The bundle format shared by site and sponsor (imports `store` and `domain` only; never `app` or Qt).

    bundle.py          the *.slebundle file: build, sign, encrypt, read back within limits
    keys.py            fingerprints, the site key file, age recipients and identities
    atomic.py          atomic file output (temp file, fsync, rename, fsync folder)
    site_export.py     collect a site's changes, stage and verify a bundle
    return_bundle.py   the return bundle (*.slereturn) the sponsor sends back to one site
    errors.py          SyncError and BundleRejected
"""
