"""The next bundles of an import decrypted and parsed in a helper process while the current one is imported.

An import spends most of its time in Python: parsing the payload's JSON, re-encoding every record as canonical
JSON and hashing every audit row. Those steps depend on nothing the sponsor database holds, so a second process
does them for the bundles that come next while this one checks and stores the current bundle: the two share the
machine's cores instead of taking turns.

What the helper returns is replayed exactly where the import would have computed it: the payload's lines in order,
each with its canonical JSON (a record) or its recomputed hash (an audit row), then the refusal the payload reader
raised, at the same place. Every check against the database, and so every refusal's order and wording, stays in
the importer. Whenever the helper cannot be used (it fails to start, dies, or sends something unexpected) the
import does the work itself, unchanged.

The helper is `python -m sle_desktop.sponsor.prefetch`, fed pickled jobs on its standard input and answering on
its standard output; it ends when its input closes, so it never outlives the import (not even a killed one).
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sle_desktop.store import audit as audit_mod
from sle_desktop.sync import bundle, keys
from sle_desktop.sync.errors import BundleRejected, SyncError

log = logging.getLogger(__name__)

MIN_BYTES = 4_000_000  # encrypted bytes for the helper below which starting it costs more than it saves
AHEAD = 2  # bundles the helper may prepare ahead of the import (bounds the memory they hold)
FIRST_INLINE = True  # the first bundle is read in this process while the helper starts (tests send it all)


@dataclass(frozen=True)
class Prepared:
    """One bundle's payload as the importer would read it: (line, canonical JSON or audit hash or None) pairs in
    order, then the refusal met while decrypting or reading it (`failed_at` "decrypt" or "payload"), if any."""

    file_sha256: str
    lines: list
    error: tuple | None = None  # (exception class name, message, reason)
    failed_at: str | None = None

    def refusal(self) -> SyncError:
        kind, message, reason = self.error
        return BundleRejected(message, reason=reason) if kind == "BundleRejected" else SyncError(message)


def extra_of(obj: dict):
    """What the helper computes for a payload line: a record's canonical JSON or an audit row's hash (None when
    the line is not well formed enough; the importer then refuses it or computes it itself)."""
    row = obj.get("row")
    if type(row) is not dict:
        return None
    try:
        if obj["type"] == "row":
            return audit_mod.canonical_json(row)
        if obj["type"] == "audit":
            return audit_mod.row_hash(row)
    except (KeyError, TypeError, ValueError, RecursionError):
        pass
    return None


def prepare(path: str, file_sha256: str, identity_text: str, limits: bundle.Limits) -> Prepared | None:
    """Read, decrypt and parse one bundle (the helper's job); None when the file is no longer the one the
    importer read (it then reads it itself)."""
    container = bundle.read_container(path, limits)
    if container.file_sha256 != file_sha256:
        return None
    lines: list = []
    stage = "decrypt"
    # every line's field names made the same string objects: pickled once each instead of once per line (a third
    # of the bytes), and the importer's dicts then share them
    same = {}.setdefault  # same(key, key): the first string object seen with that text
    try:
        compressed = bundle.decrypt(container, keys.parse_identities(identity_text))
        stage = "payload"
        for obj in bundle.iter_payload(compressed, container.manifest, limits, name=container.path.name):
            extra = extra_of(obj)
            row = obj.get("row")
            obj = dict(zip(map(same, obj, obj), obj.values()))
            if type(row) is dict:
                obj["row"] = dict(zip(map(same, row, row), row.values()))
            lines.append((obj, extra))
    except SyncError as exc:
        reason = getattr(exc, "reason", None)
        return Prepared(file_sha256, lines, (type(exc).__name__, exc.args[0], reason), stage)
    return Prepared(file_sha256, lines)


def serve(requests=None, answers=None) -> None:
    """The helper's loop: a pickled `prepare` job in, a pickled Prepared (or None: the importer does that one
    itself) out, until the input ends."""
    requests = requests or sys.stdin.buffer
    answers = answers or sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but answers on the answer stream
    gc.disable()  # as in the importer: many short-lived objects, no reference cycles
    while True:
        try:
            job = pickle.load(requests)
        except EOFError:
            return
        try:
            answer = prepare(*job)
        except Exception:  # noqa: BLE001 - the importer then does the work itself and meets the error there
            log.exception("preparing a bundle failed")
            answer = None
        try:
            pickle.dump(answer, answers, protocol=pickle.HIGHEST_PROTOCOL)
            answers.flush()
        except (BrokenPipeError, OSError):
            return


class Prefetcher:
    """Prepares the bundles `files` ((path, file SHA-256, encrypted size) in the import's order) but the first
    (read inline while the helper starts) in one helper process, at most AHEAD ahead; `take` hands each one over
    (None: read it inline)."""

    def __init__(self, files: list[tuple[Path, str, int]], identities: list, limits: bundle.Limits):
        self._files = files
        self._identity_text = "\n".join(str(i) for i in identities)
        self._limits = limits
        self._next = 1 if FIRST_INLINE else 0  # the next bundle to send
        self._sent: list[int] = []  # bundles sent and not yet answered, in order
        self._proc: subprocess.Popen | None = None
        if getattr(sys, "frozen", False) or sum(size for _p, _h, size in files[self._next:]) < MIN_BYTES:
            return
        root = str(Path(__file__).resolve().parents[2])  # the folder holding this sle_desktop package
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}
        try:
            # -P: the current folder is not on the helper's path (no file beside the bundles can shadow the program)
            self._proc = subprocess.Popen([sys.executable, "-P", "-m", "sle_desktop.sponsor.prefetch"],
                                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        except OSError as exc:
            log.warning("bundles are read in this process: the helper did not start (%s)", exc)
            return
        self._fill()

    @property
    def running(self) -> bool:
        return self._proc is not None

    def _fill(self) -> None:
        # jobs are a few hundred bytes: they never fill the pipe while the helper is writing an answer
        while self._proc is not None and len(self._sent) < AHEAD and self._next < len(self._files):
            path, sha, _size = self._files[self._next]
            try:
                pickle.dump((str(path), sha, self._identity_text, self._limits), self._proc.stdin,
                            protocol=pickle.HIGHEST_PROTOCOL)
                self._proc.stdin.flush()
            except OSError:
                self._stop("stopped taking work")
                return
            self._sent.append(self._next)
            self._next += 1

    def take(self, index: int, container: bundle.Container) -> Prepared | None:
        """The prepared payload of bundle `index` of the import's order, read from `container`, or None to read
        it inline. Answers for bundles skipped since (refused before their payload was needed) are dropped."""
        while self._proc is not None and self._sent and self._sent[0] <= index:
            current = self._sent.pop(0)
            try:
                answer = pickle.load(self._proc.stdout)
            except (EOFError, OSError, pickle.UnpicklingError) as exc:
                self._stop(f"ended unexpectedly ({type(exc).__name__})")
                return None
            self._fill()
            if current == index:
                ok = isinstance(answer, Prepared) and answer.file_sha256 == container.file_sha256
                return answer if ok else None
        return None

    def _stop(self, why: str) -> None:
        log.warning("bundles are read in this process from now on: the helper %s", why)
        self.close()

    def close(self) -> None:
        """End the helper: its input closes; it is killed if it does not end promptly."""
        proc, self._proc = self._proc, None
        self._sent = []
        if proc is None:
            return
        for stream in (proc.stdin, proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def __enter__(self) -> Prefetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


if __name__ == "__main__":
    # run from the module under its own name, so that the answers unpickle as sle_desktop.sponsor.prefetch.Prepared
    from sle_desktop.sponsor.prefetch import serve as _serve

    _serve()
