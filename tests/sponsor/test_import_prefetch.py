"""The next bundles of an import are decrypted and parsed in a helper process (`sponsor.prefetch`). What the helper
hands over is exactly what the importer would have read; when the helper fails, the importer reads the bundle
itself; the helper never outlives the import, not even one killed; and nothing beside the bundles can take its
place. (Every refusal of tests/sync/test_rejections.py and test_insider_bundles.py also runs through the helper.)"""

from __future__ import annotations

import io
import json
import logging
import os
import pickle
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
import zlib
from pathlib import Path

import pytest
from sync_helpers import add_sae, pg_rows, register

from sle_desktop.domain.text import msg
from sle_desktop.sponsor import db as sponsor_store
from sle_desktop.sponsor import importer, prefetch, trail
from sle_desktop.sponsor import operations as sponsor
from sle_desktop.store import audit
from sle_desktop.store import db as store_db
from sle_desktop.sync import bundle

# what an import stores, less the moments it ran at
_CONTENT = {
    "records": "SELECT site_uuid, tbl, uuid, subject_uuid, visit_uuid, change_seq, deleted, data, first_bundle_seq, "
               "last_bundle_seq FROM records ORDER BY site_uuid, tbl, uuid",
    "audit": 'SELECT site_uuid, seq, at_utc, at_local, "user", "table", row_id, field, old, new, reason, prev_hash, '
             "hash, bundle_seq FROM audit ORDER BY site_uuid, seq",
    "bundles": "SELECT site_uuid, bundle_seq, bundle_hash, from_seq, to_seq, records_added, records_updated, "
               "audit_added FROM bundles ORDER BY site_uuid, bundle_seq",
    "sites": "SELECT site_uuid, last_bundle_seq, last_bundle_hash, head_seq, head_hash FROM sites ORDER BY site_uuid",
}


def _content(db) -> dict:
    from sle_desktop.sponsor import db as sponsor_store

    store = sponsor_store.open_sponsor_store(db)
    try:
        return {name: [tuple(r.values()) for r in store.query(sql)] for name, sql in _CONTENT.items()}
    finally:
        store.close()


@pytest.fixture(params=["fork", "spawn"])
def helper_for_all(request, monkeypatch):
    """Every bundle (the first too) goes to the helper, forked or in a new interpreter; returns the list of what
    each `take` handed over."""
    monkeypatch.setattr(prefetch, "START", request.param)
    monkeypatch.setattr(prefetch, "MIN_BYTES", 0)
    monkeypatch.setattr(prefetch, "MIN_BYTES_FORKED", 0)
    monkeypatch.setattr(prefetch, "FIRST_INLINE", False)
    taken = []
    real_take = prefetch.Prefetcher.take
    monkeypatch.setattr(prefetch.Prefetcher, "take",
                        lambda self, i, c: taken.append(real_take(self, i, c)) or taken[-1])
    return taken


def _read_inline(monkeypatch) -> None:
    """No helper from now on: the importer reads every bundle itself."""
    monkeypatch.setattr(prefetch, "MIN_BYTES", 10 ** 15)
    monkeypatch.setattr(prefetch, "MIN_BYTES_FORKED", 10 ** 15)


@pytest.fixture
def three_bundles(make_site):
    """Bundles 1 and 2 of site BY01 (an SAE between them) and bundle 1 of site BY02, in no particular order."""
    by01, by02 = make_site("BY01", subjects=4, seed=3), make_site("BY02", subjects=3, seed=4)
    first = by01.export().path
    add_sae(by01)
    second = by01.export().path
    return [by01, by02], [second, by02.export().path, first]


def _import(db, sponsor_keys, sites, paths):
    for site in sites:
        register(site, db)
    return sponsor.import_bundles(db, sponsor_keys.key_path, paths)


def _files(paths):
    """The Prefetcher's (path, file SHA-256, encrypted size) of each bundle."""
    return [(c.path, c.file_sha256, c.ciphertext_size) for c in map(bundle.read_container, paths)]


_POSIX_PIPES = pytest.mark.skipif(os.name != "posix", reason="receive() needs select() on a pipe: POSIX only")


def test_the_helper_hands_over_exactly_what_the_importer_reads(helper_for_all, three_bundles, tmp_path, sponsor_keys,
                                                              monkeypatch):
    sites, paths = three_bundles
    outcomes = _import(tmp_path / "helper.sqlite", sponsor_keys, sites, paths)
    assert [o.result.status for o in outcomes] == ["imported"] * 3
    assert len(helper_for_all) == 3 and all(isinstance(t, prefetch.Prepared) for t in helper_for_all)
    with_helper = _content(tmp_path / "helper.sqlite")

    _read_inline(monkeypatch)  # the same bundles, read by the importer itself
    helper_for_all.clear()
    inline_db = tmp_path / "inline.sqlite"
    inline = _import(inline_db, sponsor_keys, sites, paths)
    assert helper_for_all == [None] * 3
    assert [o.result.message for o in inline] == [o.result.message for o in outcomes]
    assert _content(inline_db) == with_helper
    assert len(with_helper["bundles"]) == 3 and with_helper["records"] and with_helper["audit"]


def test_what_the_helper_computes_is_what_the_importer_would(three_bundles, sponsor_keys):
    _sites, paths = three_bundles
    container = bundle.read_container(paths[2])
    identities = sponsor.load_identities(sponsor_keys.key_path)
    prepared = prefetch.prepare(str(paths[2]), container.file_sha256, "\n".join(map(str, identities)),
                                bundle.Limits(), read_ahead=importer.read_ahead)
    read = list(bundle.iter_payload(bundle.decrypt(container, identities), container.manifest))
    # the helper read the whole payload through the importer's checks: only the header line is sent besides
    assert prepared.error is None and [obj for obj, _extra in prepared.lines] == read[:1]
    ahead = prepared.read
    assert ahead.refusal is None and ahead.rows_seen == sum(obj["type"] == "row" for obj in read)
    records = [item for batch in ahead.batches for item in batch]
    parsed = [(obj["table"], obj["row"]) for obj in read if obj["type"] == "row"]
    assert [(t, json.loads(data)) for t, _u, _s, _v, _c, _d, data, _row in records] == parsed
    assert all(data == audit.canonical_json(row) and u == row["uuid"] and c == row["change_seq"]
               for (_t, u, _s, _v, c, _d, data, _row), (_table, row) in zip(records, parsed))
    # the record itself only where the importer always reads it; the others it reads again from their JSON
    assert {t for t, *_rest, row in records if row is not None} == importer._SENT_WHOLE & {t for t, _row in parsed}
    assert any(row is None for *_rest, row in records)
    assert all(row == json.loads(data) for *_rest, data, row in records if row is not None)
    site_uuid, bundle_seq = container.manifest["site_uuid"], container.manifest["bundle_seq"]
    new_audit = [obj["row"] for obj in read if obj["type"] == "audit"]
    assert ahead.audit_values == [(site_uuid, *(r[c] for c in importer._AUDIT_COLUMNS[1:-1]), bundle_seq)
                                  for r in new_audit]  # as the audit table stores them
    # their chain, checked from where the bundle says it starts
    assert ahead.chain == audit.verify_rows(new_audit, start_seq=container.manifest["from_seq"],
                                            start_hash=container.manifest["chain_start_hash"])
    assert ahead.chain.ok and ahead.chain.head_hash == container.manifest["chain_head_hash"]
    assert ahead.next_audit_seq == container.manifest["to_seq"] + 1
    assert len(ahead.record_checks) == len(records) and not any(ahead.record_checks)
    assert prepared.record_checks is None  # sent once, with the reading
    lines = list(bundle.iter_payload_lines(bundle.decrypt(container, identities), container.manifest))
    assert ahead.record_checks == trail.problems_within(lines, container.manifest["site_code"])
    # what the payload reader gives besides each line: a record's canonical JSON, an audit row's hash
    for obj, extra in bundle.iter_payload_lines(bundle.decrypt(container, identities), container.manifest):
        if obj["type"] == "row":
            assert extra == audit.canonical_json(obj["row"])
        elif obj["type"] == "audit":
            assert extra == audit.row_hash(obj["row"]) == obj["row"]["hash"]
        else:
            assert extra is None
    # a garbled answer, or one cut short (the helper died while writing it), is not taken for one
    blob = prefetch.encode_answer(prepared)
    framed = len(blob).to_bytes(8, "little") + blob
    assert prefetch.read_answer(io.BytesIO(framed)) == prepared
    with pytest.raises(EOFError):
        prefetch.read_answer(io.BytesIO(framed[:-1]))
    with pytest.raises((ValueError, TypeError, EOFError)):
        prefetch.read_answer(io.BytesIO(framed[:8] + b"\x00" * len(blob)))
    # a refusal's message is a translatable msg, and reaches the importer as one
    refused = prefetch.Prepared("0" * 64, [], ("BundleRejected", msg("{name}: refused.", name="b"), "malformed"), "payload")
    blob = prefetch.encode_answer(refused)
    again = prefetch.read_answer(io.BytesIO(len(blob).to_bytes(8, "little") + blob))
    assert again == refused and str(again.refusal()) == "b: refused." and again.refusal().reason == "malformed"
    # and so does one the importer's checks met when the helper read the payload through them
    ahead = prefetch.ReadAhead(("BundleRejected", msg("{name}: broken.", name="b"), "chain"), [], 0, 1, [], None, {}, {})
    blob = prefetch.encode_answer(prefetch.Prepared("0" * 64, [], read=ahead))
    again = prefetch.read_answer(io.BytesIO(len(blob).to_bytes(8, "little") + blob))
    assert again.read == ahead and str(prefetch.refusal_of(again.read.refusal)) == "b: broken."
    # another file under the same name: the helper does not read it for the importer
    assert prefetch.prepare(str(paths[2]), "0" * 64, "", bundle.Limits()) is None


def test_a_payload_the_line_checks_cannot_judge_alone_is_sent_line_by_line(three_bundles, sponsor_keys, monkeypatch):
    """Content that only the importer's last line of defence catches (an unexpected exception in a check): the helper
    sends the lines as read, with no reading of its own, for the importer to check them itself."""
    _sites, paths = three_bundles
    container = bundle.read_container(paths[2])
    identities = sponsor.load_identities(sponsor_keys.key_path)

    def broken(self, obj, known=None):
        raise KeyError("hash")

    monkeypatch.setattr(importer._Apply, "audit_row", broken)
    prepared = prefetch.prepare(str(paths[2]), container.file_sha256, "\n".join(map(str, identities)),
                                bundle.Limits(), read_ahead=importer.read_ahead)
    assert prepared.read is None and prepared.error is None
    assert [obj for obj, _extra in prepared.lines] == list(
        bundle.iter_payload(bundle.decrypt(container, identities), container.manifest))


def test_a_bundle_repeating_changes_already_received_is_read_by_the_importer(helper_for_all, make_site, sponsor_keys,
                                                                           tmp_path, monkeypatch):
    """The helper reads a bundle ahead taking the sponsor to hold the trail up to where the bundle starts; a bundle
    sent again from an earlier change is read by the importer itself, with the same outcome as without the helper."""
    site = make_site("BY01", subjects=3, seed=6)
    first = site.export().path
    add_sae(site)
    second = site.export().path
    again = site.export(since_seq=0).path  # bundle 3, from change 0: overlaps both
    paths = [first, second, again]
    decrypted = []  # in this process: the helper decrypts in its own
    real_decrypt = bundle.decrypt
    monkeypatch.setattr(bundle, "decrypt", lambda c, ids: decrypted.append(c.path) or real_decrypt(c, ids))
    outcomes = _import(tmp_path / "helper.sqlite", sponsor_keys, [site], paths)
    assert [o.result.status for o in outcomes] == ["imported"] * 3 and outcomes[2].result.records_added == 0
    assert all(t is not None and t.read is not None for t in helper_for_all)
    assert decrypted == [again]
    _read_inline(monkeypatch)
    inline = _import(tmp_path / "inline.sqlite", sponsor_keys, [site], paths)
    assert [o.result.message for o in inline] == [o.result.message for o in outcomes]
    assert _content(tmp_path / "inline.sqlite") == _content(tmp_path / "helper.sqlite")


def test_a_payload_refusal_reaches_the_importer_where_it_was_met(make_site, sponsor_keys, tmp_path):
    from sync_helpers import crafted_bundle

    site = make_site("BY01", subjects=2, seed=5)
    honest = site.export()
    identities = sponsor.load_identities(sponsor_keys.key_path)
    lines = zlib.decompress(bundle.decrypt(bundle.read_container(honest.path), identities), wbits=31)
    lines = lines.splitlines(keepends=True)
    lines[5] = b'{"type": "row", "row": \n'
    bad = tmp_path / "bad.slebundle"
    bad.write_bytes(crafted_bundle(site, lines, recipients=[sponsor_keys.public_path.read_text().split()[-1]]))
    prepared = prefetch.prepare(str(bad), bundle.read_container(bad).file_sha256, "\n".join(map(str, identities)),
                                bundle.Limits())
    assert len(prepared.lines) == 5 and prepared.failed_at == "payload"
    refusal = prepared.refusal()
    assert refusal.reason == "malformed" and "payload line 6" in str(refusal)
    stranger = prefetch.prepare(str(bad), bundle.read_container(bad).file_sha256, _other_identity(tmp_path),
                                bundle.Limits())
    assert stranger.failed_at == "decrypt" and stranger.lines == []
    assert stranger.refusal().reason == "wrong_recipient"


def _other_identity(tmp_path) -> str:
    keys = sponsor.keygen(tmp_path / "another-sponsor")
    return "\n".join(map(str, sponsor.load_identities(keys.key_path)))


def test_a_helper_that_dies_leaves_the_bundles_to_the_importer(helper_for_all, three_bundles, sponsor_keys, tmp_path,
                                                               monkeypatch, caplog):
    sites, paths = three_bundles
    real_take = prefetch.Prefetcher.take

    def take_after_a_crash(self, index, container):
        if index == 1:
            helper = self._helper_of(index).proc
            helper.kill()
            helper.wait()
        return real_take(self, index, container)

    monkeypatch.setattr(prefetch.Prefetcher, "take", take_after_a_crash)
    with caplog.at_level(logging.WARNING, logger=prefetch.__name__):
        outcomes = _import(tmp_path / "s.sqlite", sponsor_keys, sites, paths)
    assert [o.result.status for o in outcomes] == ["imported"] * 3
    assert "read in this process from now on" in caplog.text
    reference = tmp_path / "reference.sqlite"
    monkeypatch.setattr(prefetch.Prefetcher, "take", real_take)
    _read_inline(monkeypatch)
    assert [o.result.status for o in _import(reference, sponsor_keys, sites, paths)] == ["imported"] * 3
    assert _content(tmp_path / "s.sqlite") == _content(reference)


def test_the_helper_ends_with_the_import(helper_for_all, three_bundles, sponsor_keys, tmp_path, monkeypatch):
    started = []
    real_init = prefetch._Helper.__init__

    def counted(self, proc):
        started.append(proc)
        real_init(self, proc)

    monkeypatch.setattr(prefetch._Helper, "__init__", counted)
    sites, paths = three_bundles
    _import(tmp_path / "s.sqlite", sponsor_keys, sites, paths)
    assert len(started) == prefetch.HELPERS  # for the whole import
    assert all(isinstance(helper, prefetch._Forked if prefetch.START == "fork" else subprocess.Popen)
               for helper in started)
    assert all(helper.poll() == 0 for helper in started)  # and ended with it, having met no error


def test_a_helper_ends_once_its_last_bundle_is_taken(helper_for_all, three_bundles, sponsor_keys):
    """It exits while the importer imports that bundle: the import's end does not wait for it."""
    _sites, paths = three_bundles
    files = _files(paths)
    with prefetch.Prefetcher(files, sponsor.load_identities(sponsor_keys.key_path), bundle.Limits()) as helper:
        helpers = list(helper._helpers)
        assert len(helpers) == prefetch.HELPERS
        assert isinstance(helper.take(1, bundle.read_container(paths[1])), prefetch.Prepared)
        assert all(h.proc.poll() is None for h in helpers)  # bundle 2 still to come
        assert isinstance(helper.take(2, bundle.read_container(paths[2])), prefetch.Prepared)
        assert [h.proc.wait(timeout=30) for h in helpers] == [0] * len(helpers)  # before the import ends


@_POSIX_PIPES
def test_an_answer_received_early_is_the_one_taken(helper_for_all, three_bundles, sponsor_keys, monkeypatch):
    """`receive` reads the next bundle's answer while the current one is stored: `take` then hands over that very
    answer, without reading the helper's output again."""
    _sites, paths = three_bundles
    with prefetch.Prefetcher(_files(paths), sponsor.load_identities(sponsor_keys.key_path), bundle.Limits()) as helper:
        first = helper._helpers[0]
        assert select.select([first.proc.stdout], [], [], 30)[0]  # its answer for bundle 0 is on its way
        helper.receive(0)
        kept = helper._kept[0]
        assert isinstance(kept, prefetch.Prepared)
        monkeypatch.setattr(prefetch._Helper, "answer", lambda self: pytest.fail("read again"))
        assert helper.take(0, bundle.read_container(paths[0])) is kept
        assert helper._kept == {}


def test_receiving_never_waits_for_a_helper_still_preparing(three_bundles, sponsor_keys, monkeypatch):
    """A helper still at work on the bundle: `receive` returns at once with nothing, and `take` waits for it."""
    monkeypatch.setattr(prefetch, "START", "fork")
    monkeypatch.setattr(prefetch, "MIN_BYTES_FORKED", 0)
    monkeypatch.setattr(prefetch, "FIRST_INLINE", False)
    real_prepare = prefetch.prepare
    monkeypatch.setattr(prefetch, "prepare", lambda *a, **k: (time.sleep(1.5), real_prepare(*a, **k))[1])
    _sites, paths = three_bundles
    with prefetch.Prefetcher(_files(paths), sponsor.load_identities(sponsor_keys.key_path), bundle.Limits()) as helper:
        started = time.monotonic()
        helper.receive(0)
        assert time.monotonic() - started < 1.0 and helper._kept == {}
        assert isinstance(helper.take(0, bundle.read_container(paths[0])), prefetch.Prepared)


@_POSIX_PIPES
def test_an_answer_received_for_a_bundle_refused_before_its_turn_is_dropped(helper_for_all, three_bundles,
                                                                            sponsor_keys):
    _sites, paths = three_bundles
    with prefetch.Prefetcher(_files(paths), sponsor.load_identities(sponsor_keys.key_path), bundle.Limits()) as helper:
        assert select.select([helper._helpers[0].proc.stdout], [], [], 30)[0]
        helper.receive(0)
        assert 0 in helper._kept
        # bundle 0 never asked for its payload (refused by its sequence, say): the next take drops its answer
        assert isinstance(helper.take(1, bundle.read_container(paths[1])), prefetch.Prepared)
        assert helper._kept == {}


def test_a_postgresql_import_receives_each_next_answer_while_it_stores_rows(three_bundles, sponsor_keys, pg_url,
                                                                           tmp_path, monkeypatch):
    """On PostgreSQL (rows stored by a helper thread) the importer asks for bundle i + 1's answer while bundle i's
    last rows are stored; what it stores is what an import without that stores."""
    monkeypatch.setattr(prefetch, "MIN_BYTES_FORKED", 0)
    asked = []
    real_receive = prefetch.Prefetcher.receive
    monkeypatch.setattr(prefetch.Prefetcher, "receive", lambda self, i: (asked.append(i), real_receive(self, i))[1])
    sites, paths = three_bundles
    outcomes = _import(pg_url, sponsor_keys, sites, paths)
    assert [o.result.status for o in outcomes] == ["imported"] * 3
    assert asked == [1, 2, 3]
    monkeypatch.setattr(prefetch.Prefetcher, "receive", lambda self, i: None)
    _import(tmp_path / "without.sqlite", sponsor_keys, sites, paths)
    assert _content(pg_url) == _content(tmp_path / "without.sqlite")


def test_a_helper_is_forked_only_from_a_process_without_other_threads():
    code = ("import threading; from sle_desktop.sponsor import prefetch\n"
            "alone = prefetch.can_fork(); stop = threading.Event(); other = threading.Thread(target=stop.wait)\n"
            "other.start(); beside = prefetch.can_fork(); stop.set(); other.join()\n"
            "import time; deadline = time.monotonic() + 10  # the thread's end reaches the system a moment later\n"
            "while not prefetch.can_fork() and time.monotonic() < deadline: time.sleep(0.01)\n"
            "print(alone, beside, prefetch.can_fork())")
    answer = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    if sys.platform.startswith("linux"):
        assert answer == ["True", "False", "True"]
    else:  # no thread count to rely on: always a new interpreter
        assert answer == ["False", "False", "False"]


def test_a_forked_helper_holds_none_of_the_importers_files(three_bundles, sponsor_keys, tmp_path, monkeypatch):
    """Its descriptors are its two pipes and the standard streams: not the importer's database, nor the pipes of
    another helper (which would then never see its input close)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("forked helpers exist on Linux only")
    monkeypatch.setattr(prefetch, "START", "fork")
    monkeypatch.setattr(prefetch, "MIN_BYTES_FORKED", 0)
    monkeypatch.setattr(prefetch, "HELPERS", 2)
    _sites, paths = three_bundles
    held = open(tmp_path / "importer-file", "wb")  # noqa: SIM115 - open while the helpers start
    files = _files(paths)
    try:
        with prefetch.Prefetcher(files, sponsor.load_identities(sponsor_keys.key_path), bundle.Limits()) as helper:
            helpers = list(helper._helpers)
            assert len(helpers) == 2
            for h in helpers:
                # its answer is waiting: it is serving (its input closes once that answer is taken)
                assert select.select([h.proc.stdout], [], [], 30)[0]
                own = {f"pipe:[{os.fstat(stream.fileno()).st_ino}]" for stream in (h.proc.stdin, h.proc.stdout)}
                targets = {os.readlink(f"/proc/{h.proc.pid}/fd/{fd}") for fd in os.listdir(f"/proc/{h.proc.pid}/fd")}
                assert str(tmp_path / "importer-file") not in targets
                assert not any(t.startswith("pipe:") and t not in own or ".sqlite" in t for t in targets), targets
            for index in (1, 2):
                assert isinstance(helper.take(index, bundle.read_container(paths[index])), prefetch.Prepared)
    finally:
        held.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the helper's state in /proc")
@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_a_killed_import_takes_its_helper_with_it(three_bundles, sponsor_keys, tmp_path, start):
    """SIGKILL of the importing process while the helper holds work: the helper ends by itself (its input closes)."""
    sites, paths = three_bundles
    db = tmp_path / "s.sqlite"
    for site in sites:
        register(site, db)
    script = tmp_path / "import.py"
    script.write_text(textwrap.dedent(f"""
        import sys, time
        from sle_desktop.sponsor import operations as sponsor, prefetch
        prefetch.MIN_BYTES = prefetch.MIN_BYTES_FORKED = 0
        prefetch.FIRST_INLINE, prefetch.START = False, {start!r}
        def stuck(self, index, container):
            print(*(helper.proc.pid for helper in self._helpers), flush=True)
            time.sleep(120)
        prefetch.Prefetcher.take = stuck
        sponsor.import_bundles({str(db)!r}, {str(sponsor_keys.key_path)!r}, {[str(p) for p in paths]!r})
    """))
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    helpers = [int(pid) for pid in proc.stdout.readline().split()]
    assert len(helpers) == prefetch.HELPERS and all(map(_alive, helpers))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20
    while any(map(_alive, helpers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(_alive, helpers)), "a helper outlived the killed import"
    assert sponsor.status(db)[0].last_bundle_seq == 0  # and the import stored nothing


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")  # a zombie has ended (nobody may be left to reap it in a container)


def test_a_program_beside_the_bundles_cannot_stand_in_for_the_helper(helper_for_all, three_bundles, sponsor_keys,
                                                                     tmp_path, monkeypatch):
    """A new interpreter runs `-m sle_desktop.sponsor.import_helper`: a folder of that name where the sponsor works
    (a USB stick's) must not be run instead (nor imported by a forked helper)."""
    fake = tmp_path / "stick" / "sle_desktop" / "sponsor"
    fake.mkdir(parents=True)
    marker = tmp_path / "stick" / "ran"
    for folder in (fake.parent, fake):
        (folder / "__init__.py").write_text("")
    for name in ("import_helper.py", "prefetch.py", "importer.py"):
        (fake / name).write_text(f"open({str(marker)!r}, 'w').write('the impostor ran')\n")
    monkeypatch.chdir(tmp_path / "stick")
    sites, paths = three_bundles
    outcomes = _import(tmp_path / "s.sqlite", sponsor_keys, sites, paths)
    assert [o.result.status for o in outcomes] == ["imported"] * 3
    assert all(isinstance(t, prefetch.Prepared) for t in helper_for_all) and len(helper_for_all) == 3
    assert not marker.exists()


def test_a_bundle_changed_since_it_was_first_read_is_read_inline(three_bundles, sponsor_keys, tmp_path, monkeypatch):
    monkeypatch.setattr(prefetch, "MIN_BYTES", 0)
    monkeypatch.setattr(prefetch, "MIN_BYTES_FORKED", 0)
    _sites, paths = three_bundles
    identities = sponsor.load_identities(sponsor_keys.key_path)
    files = _files(paths)
    files[1] = (files[1][0], "0" * 64, files[1][2])  # what the importer saw first is not what the file now holds
    with prefetch.Prefetcher(files, identities, bundle.Limits()) as helper:
        assert helper.take(1, bundle.read_container(paths[1])) is None
        assert isinstance(helper.take(2, bundle.read_container(paths[2])), prefetch.Prepared)


def test_a_very_large_bundle_is_read_inline(helper_for_all, three_bundles, sponsor_keys, tmp_path, monkeypatch):
    """Never three copies of a huge payload in memory (two prepared ahead and the one being imported)."""
    sites, paths = three_bundles
    sizes = {p: bundle.read_container(p).ciphertext_size for p in paths}
    largest = max(paths, key=sizes.get)
    monkeypatch.setattr(prefetch, "MAX_BUNDLE_BYTES", sizes[largest] - 1)
    outcomes = _import(tmp_path / "s.sqlite", sponsor_keys, sites, paths)
    assert [o.result.status for o in outcomes] == ["imported"] * 3
    by_path = {o.path: taken for o, taken in zip(outcomes, helper_for_all, strict=True)}
    assert by_path[largest] is None
    assert all(isinstance(t, prefetch.Prepared) for p, t in by_path.items() if p != largest)


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_small_imports_do_without_the_helper(three_bundles, sponsor_keys, tmp_path, monkeypatch, start):
    started = []
    monkeypatch.setattr(prefetch, "START", start)
    monkeypatch.setattr(prefetch._Helper, "__init__", lambda self, proc: started.append(proc))
    sites, paths = three_bundles
    limit = prefetch.MIN_BYTES_FORKED if start == "fork" else prefetch.MIN_BYTES
    assert sum(bundle.read_container(p).ciphertext_size for p in paths[1:]) < limit
    outcomes = _import(tmp_path / "s.sqlite", sponsor_keys, sites, paths)
    assert [o.result.status for o in outcomes] == ["imported"] * 3 and started == []


def test_postgresql_gets_the_same_from_the_helper(helper_for_all, three_bundles, pg_url, sponsor_keys, tmp_path,
                                                  monkeypatch):
    sites, paths = three_bundles
    _import(pg_url, sponsor_keys, sites, paths)
    assert len(helper_for_all) == 3 and None not in helper_for_all
    _read_inline(monkeypatch)
    reference = tmp_path / "reference.sqlite"
    _import(reference, sponsor_keys, sites, paths)
    assert _content(pg_url) == _content(reference)
    assert pg_rows(pg_url)


def test_nothing_but_answers_reaches_the_importer(three_bundles, sponsor_keys):
    """Output written to the helper's standard output by anything else (here C code writing to descriptor 1)
    goes to its standard error, so the stream of answers stays whole."""
    _sites, paths = three_bundles
    container = bundle.read_container(paths[0])
    identity = "\n".join(map(str, sponsor.load_identities(sponsor_keys.key_path)))
    code = ("import os, sys; from sle_desktop.sponsor import importer, prefetch; real = prefetch.prepare\n"
            "def noisy(*job, **options):\n    os.write(1, b'noise from a library'); print('and from Python')\n"
            "    return real(*job, **options)\n"
            "prefetch.prepare = noisy; prefetch.serve(importer.read_ahead)\n")
    helper = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    pickle.dump((str(paths[0]), container.file_sha256, identity, bundle.Limits()), helper.stdin)
    helper.stdin.close()
    answer = prefetch.read_answer(helper.stdout)
    assert isinstance(answer, prefetch.Prepared) and answer.error is None and answer.lines
    assert answer.read is not None and answer.read.refusal is None and answer.read.batches
    assert helper.stdout.read() == b""  # and nothing after it
    assert helper.wait(timeout=30) == 0
    assert b"noise from a library" in helper.stderr.read()


def test_the_helper_works_without_a_standard_error(three_bundles, sponsor_keys):
    """As under pythonw on Windows (no console): the helper still answers, and its stray output goes nowhere."""
    _sites, paths = three_bundles
    container = bundle.read_container(paths[0])
    identity = "\n".join(map(str, sponsor.load_identities(sponsor_keys.key_path)))
    code = ("import os, sys; os.close(2); sys.stderr = None; from sle_desktop.sponsor import importer, prefetch; "
            "prefetch.serve(importer.read_ahead)")
    helper = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    pickle.dump((str(paths[0]), container.file_sha256, identity, bundle.Limits()), helper.stdin)
    helper.stdin.close()
    answer = prefetch.read_answer(helper.stdout)
    assert isinstance(answer, prefetch.Prepared) and answer.lines and helper.wait(timeout=30) == 0


def test_an_import_into_sqlite_is_in_the_database_file_itself_once_its_last_copy_ends(three_bundles, sponsor_keys,
                                                                                        tmp_path):
    """Each bundle's pages are copied from the WAL into the file while the next bundle is read, the last bundle's
    after the import returns (the WAL synced once, at the end): then, with the database still open, the file alone
    holds all three."""
    sites, paths = three_bundles
    db = tmp_path / "open.sqlite"
    for site in sites:
        register(site, db)
    store = sponsor_store.open_sponsor_store(db)
    try:
        outcomes = importer.import_many(store, paths, sponsor.load_identities(sponsor_keys.key_path), user="dm")
        assert [o.result.status for o in outcomes] == ["imported"] * 3
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL again for what comes next
        store_db.wait_for_checkpoints()
        shutil.copy(db, tmp_path / "file-only.sqlite")  # without its -wal
    finally:
        store.close()
    with sqlite3.connect(tmp_path / "file-only.sqlite") as copy:
        assert copy.execute("SELECT count(*) FROM bundles").fetchone()[0] == 3


def test_a_process_that_ends_right_after_an_import_leaves_it_all_in_the_database_file(three_bundles, sponsor_keys,
                                                                                      tmp_path):
    """The last copy into the file runs on after the import returns; a process that ends right after the import (as
    `sle-sponsor import` does), while that copy still runs, leaves no WAL behind: the file alone holds every bundle."""
    sites, paths = three_bundles
    db = tmp_path / "exits.sqlite"
    for site in sites:
        register(site, db)
    code = textwrap.dedent(f"""
        import time
        from sle_desktop.sponsor import operations
        from sle_desktop.store import db
        connect = db.WalCheckpointer._connect
        db.WalCheckpointer._connect = lambda self: (connect(self), time.sleep(0.5))[0]  # a slow disk: it ends last
        outcomes = operations.import_bundles({str(db)!r}, {str(sponsor_keys.key_path)!r}, {[str(p) for p in paths]!r})
        assert [o.result.status for o in outcomes] == ["imported"] * 3, outcomes
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
    shutil.copy(db, tmp_path / "file-only.sqlite")
    with sqlite3.connect(tmp_path / "file-only.sqlite") as copy:
        assert copy.execute("SELECT count(*) FROM bundles").fetchone()[0] == 3


def test_an_import_right_after_another_still_forks_its_helper(three_bundles, sponsor_keys, tmp_path, monkeypatch):
    """A helper is forked only from a process with no other thread; the last copy of the import before it may still
    be running on one (a slow disk): the next import waits for that copy, then forks its helper as usual."""
    sites, paths = three_bundles
    monkeypatch.setattr(prefetch, "MIN_BYTES_FORKED", 0)
    connect = store_db.WalCheckpointer._connect
    monkeypatch.setattr(store_db.WalCheckpointer, "_connect", lambda self: (connect(self), time.sleep(0.5))[0])
    forked = []
    real_forked = prefetch._Forked

    def counted(*args):
        forked.append(len(os.listdir("/proc/self/task")))
        return real_forked(*args)

    monkeypatch.setattr(prefetch, "_Forked", counted)
    for name in ("first.sqlite", "next.sqlite"):
        db = tmp_path / name
        for site in sites:
            register(site, db)
        outcomes = sponsor.import_bundles(db, sponsor_keys.key_path, paths)
        assert [o.result.status for o in outcomes] == ["imported"] * 3
        assert any(t.name == "sqlite-wal-checkpoint" for t in threading.enumerate())  # still copying
    assert forked == [1, 1]  # a helper for each import, forked while this was the only thread
    store_db.wait_for_checkpoints()


def test_a_stored_chain_head_out_of_step_with_the_trail_is_refused_as_when_read_inline(
        helper_for_all, three_bundles, sponsor_keys, tmp_path, monkeypatch):
    """The helper checks a bundle's chain from where the bundle says it starts; when the sponsor's record of the
    site's chain head says otherwise (its database was altered), the importer reads the bundle itself and refuses
    it exactly as it would have without the helper."""
    sites, (second, _other, first) = three_bundles

    def refusal(db):
        for site in sites:
            register(site, db)
        assert sponsor.import_bundles(db, sponsor_keys.key_path, [first])[0].error is None
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE sites SET head_hash = ? WHERE code = 'BY01'", ("0" * 64,))
        [outcome] = sponsor.import_bundles(db, sponsor_keys.key_path, [second])
        return outcome.error

    with_helper = refusal(tmp_path / "helper.sqlite")
    assert any(isinstance(t, prefetch.Prepared) and t.read is not None for t in helper_for_all)  # read, then set aside
    _read_inline(monkeypatch)
    inline = refusal(tmp_path / "inline.sqlite")
    assert with_helper.reason == inline.reason == "chain"
    assert str(with_helper) == str(inline)
