"""Two sites holding records with the same UUID, and reading a return bundle's payload lines as the site would."""

from __future__ import annotations

from sync_helpers import Site


def shared_record(first: Site, second: Site) -> tuple[str, str, str]:
    """A concomitant medication recorded at both sites under one UUID (each on its first enrolled subject), as two
    installations of one copied database would send it; returns (record uuid, first's subject, second's subject).
    The sponsor accepts it (records are keyed per site); a shared subject or visit UUID it refuses
    (tests/sync/test_insider_bundles.py)."""
    from sle_desktop.store import records

    subjects = []
    for site in (first, second):
        subjects.append(site.store.scalar("SELECT uuid FROM subjects WHERE status = 'enrolled' ORDER BY subject_id "
                                          "LIMIT 1"))
    uuid = records.insert(first.store, "con_meds", {"subject_uuid": subjects[0], "drug": "Aspirin"},
                          user="demo.investigator")
    records.insert(second.store, "con_meds", {"subject_uuid": subjects[1], "drug": "Aspirin"}, user="demo.investigator",
                   record_uuid=uuid)
    return uuid, subjects[0], subjects[1]


def return_lines(site: Site, path) -> list[dict]:
    """The payload lines of a return bundle, opened with the site's return key (signature checked)."""
    from sle_desktop.app import returns
    from sle_desktop.sync import bundle, return_bundle

    container = return_bundle.read(path)
    public = bytes(site.store.scalar("SELECT public_key FROM sponsor_signing_key WHERE id = 1"))
    manifest = return_bundle.verify(container, public)
    compressed = return_bundle.decrypt(container, returns._return_identity(site.session))
    return list(bundle.iter_payload(compressed, manifest, return_bundle.LIMITS, name=container.path.name))
