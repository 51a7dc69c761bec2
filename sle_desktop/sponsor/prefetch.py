"""The next bundles of an import decrypted and parsed in a helper process while the current one is imported.

An import spends most of its time in Python: parsing the payload's JSON, re-encoding every record as canonical
JSON, hashing every audit row and checking every record against its audit trail. Those steps depend on nothing
the sponsor database holds (the last, for a record whose whole trail is in the bundle), so a second process
does them for the bundles that come next while this one checks and stores the current bundle: the two share the
machine's cores instead of taking turns.

What the helper returns is replayed exactly where the import would have computed it. A payload read whole is also
put through the importer's own checks of each line (`importer.read_ahead`, the same code, run without a
database): the helper sends its first refusal, or the records in their write batches and the new audit rows, and
the importer, once it has checked and stored the header, raises that refusal or writes those rows. A payload the
reader refused part-way is sent as its lines in order, each with its canonical JSON (a record) or its recomputed
hash (an audit row), then the reader's refusal, which the importer meets at the same place. Either way the helper
adds, per record, what `trail.problem` finds against the payload's own audit rows, which the importer takes for a
record with no stored history. Every check against the database, and the order of all checks (so which refusal
a bundle gets), stays the importer's: its checks of each line assume only that the sponsor holds the site's trail
up to where the bundle starts, and a bundle that repeats changes already received is read by the importer itself.
Whenever the helper cannot be used (it fails to start, dies, or sends something unexpected) the import does the
work itself, unchanged.

The helper runs `serve`, fed pickled jobs on one pipe and answering on another (marshalled); it ends when its
input closes, so it never outlives the import (not even a killed one). Where it can (Linux, and no thread in this
process but the importing one) it is forked from the importer: ready in a few milliseconds with everything it needs
already imported, so that it pays even for an import of a few small bundles. Otherwise it is a new interpreter,
`python -m sle_desktop.sponsor.import_helper` on its standard input and output, which takes ~0.1 s to start and is
only worth it for larger imports (MIN_BYTES).
"""

from __future__ import annotations

import gc
import logging
import marshal
import os
import pickle
import queue
import select
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, NoReturn

from sle_desktop.sponsor import trail
from sle_desktop.store import db as store_db
from sle_desktop.sync import bundle, keys
from sle_desktop.sync.errors import BundleRejected, SyncError

log = logging.getLogger(__name__)

# encrypted bytes (after the first bundle) below which no helper is started: a new interpreter's start (~0.1 s) took
# what it saved at the benchmark's quick size (three bundles of 0.35 MB: 0.40 s with it or without); a forked one's
# (~4 ms) pays from about one bundle of a few subjects (that size: 0.33 s without it, 0.24 s with it)
MIN_BYTES = 4_000_000
MIN_BYTES_FORKED = 100_000
START = "auto"  # how a helper starts: "fork", "spawn" (a new interpreter), or "auto" (fork where `can_fork`)
# helper processes: one per core beside the importer's, at most three (on two cores a second one only took time from
# the importer: 100 sites in 36.0 s against 36.5 s with one, within noise)
HELPERS = max(1, min(3, (os.cpu_count() or 2) - 1))
AHEAD = 2  # bundles each helper may prepare ahead of the import (bounds the memory they hold)
MAX_BUNDLE_BYTES = 16_000_000  # a bundle larger than this (encrypted) is read inline: never three copies in memory
HELPER_MODULE = "sle_desktop.sponsor.import_helper"  # serve() with the importer's read_ahead
FIRST_INLINE = True  # the first bundle is read in this process while the helper starts (tests send it all)


class ReadAhead(NamedTuple):
    """What the importer's checks of each line (`importer.read_ahead`) found in a payload: the first refusal
    (`error_of`), or the records in their write batches and the new audit rows, with what they point at."""

    refusal: tuple | None
    batches: list
    rows_seen: int
    next_audit_seq: int
    audit_values: list  # the new audit rows as they are stored (`importer.audit_values`)
    chain: object  # their chain checked from where the bundle starts (a `store.audit.ChainCheck`; none once refused)
    references: dict
    visit_of: dict
    record_checks: list | None = None  # `trail.problems_of` its records (none once refused)


def error_of(exc: SyncError) -> tuple:
    """A refusal as it crosses between the processes: (exception class name, message, reason)."""
    return type(exc).__name__, exc.args[0], getattr(exc, "reason", None)


def refusal_of(error: tuple) -> SyncError:
    """The refusal `error_of` described."""
    kind, message, reason = error
    return BundleRejected(message, reason=reason) if kind == "BundleRejected" else SyncError(message)


@dataclass(frozen=True)
class Prepared:
    """One bundle's payload as the importer would read it: (line, canonical JSON or audit hash or None) pairs in
    order, then the refusal met while decrypting or reading it (`failed_at` "decrypt" or "payload"), if any; and
    each record checked against the payload's own audit rows."""

    file_sha256: str
    lines: list
    error: tuple | None = None  # (exception class name, message, reason)
    failed_at: str | None = None
    record_checks: list | None = None  # `trail.problems_within` the payload (read whole, and not `read` ahead)
    read: ReadAhead | None = None  # the importer's reading of it; `lines` then holds the header only

    def refusal(self) -> SyncError:
        return refusal_of(self.error)


def prepare(path: str, file_sha256: str, identity_text: str, limits: bundle.Limits, read_ahead=None) -> Prepared | None:
    """Read, decrypt and parse one bundle (the helper's job), and put a payload read whole through `read_ahead`
    (`importer.read_ahead`) when given; None when the file is no longer the one the importer read (it then reads it
    itself)."""
    container = bundle.read_container(path, limits)
    if container.file_sha256 != file_sha256:
        return None
    lines: list = []  # (line, a record's canonical JSON or an audit row's hash, or None)
    stage = "decrypt"
    # the payload reader gives the field names of a chunk of lines as the same string objects: sent once each instead
    # of once per line (half the time to send and to receive), and the importer's dicts then share them; the decoder
    # does the same for a line it has to parse alone
    decoder = bundle.strict_decoder({})
    try:
        compressed = bundle.decrypt(container, keys.parse_identities(identity_text))
        stage = "payload"
        lines.extend(bundle.iter_payload_lines(compressed, container.manifest, limits, name=container.path.name,
                                               decoder=decoder))
    except SyncError as exc:
        return Prepared(file_sha256, lines, error_of(exc), stage)
    read = None if read_ahead is None else read_ahead(container, lines, limits)
    if read is None:
        return Prepared(file_sha256, lines, record_checks=trail.problems_within(lines, container.manifest["site_code"]))
    return Prepared(file_sha256, lines[:1], read=read)


def serve(read_ahead=None) -> None:
    """The helper's loop: a pickled `prepare` job in on standard input, a Prepared (or None: the importer does that
    one itself) out on standard output (`encode_answer`, framed by its length), until the input ends."""
    requests = open(0, "rb", closefd=False)  # the descriptors themselves: under pythonw sys.stdin may be None
    # nothing but answers on the answer stream: whatever else writes to standard output (Python or a library's C
    # code) goes to standard error instead (or nowhere, when there is none, as under pythonw)
    answers = os.fdopen(os.dup(1), "wb")
    try:
        elsewhere = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):
        elsewhere = os.open(os.devnull, os.O_WRONLY)
    os.dup2(elsewhere, 1)
    sys.stdout = sys.stderr
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the import, which then closes this helper's input
    gc.disable()  # as in the importer: many short-lived objects, no reference cycles
    # answers are written by a thread, so that the next bundle is prepared while the importer has not yet taken the
    # last answer (a pipe holds 64 KB, an answer ~10 MB: written inline, the helper would wait for every take)
    ready: queue.Queue = queue.Queue(maxsize=AHEAD)
    writer = threading.Thread(target=_write_answers, args=(ready, answers), daemon=True)
    writer.start()
    while writer.is_alive():
        try:
            job = pickle.load(requests)
        except EOFError:
            break
        try:
            answer = prepare(*job, read_ahead=read_ahead)
        except Exception:  # noqa: BLE001 - the importer then does the work itself and meets the error there
            log.exception("preparing a bundle failed")
            answer = None
        _hand_over(ready, encode_answer(answer), writer)
    _hand_over(ready, None, writer)
    writer.join()


def _hand_over(ready: queue.Queue, blob: bytes | None, writer: threading.Thread) -> None:
    """Queue an answer for the writer; given up if the writer has ended (the importer is gone)."""
    while writer.is_alive():
        try:
            ready.put(blob, timeout=1)
            return
        except queue.Full:
            continue


def _write_answers(ready: queue.Queue, answers) -> None:
    while (blob := ready.get()) is not None:
        try:
            answers.write(len(blob).to_bytes(8, "little"))
            answers.write(blob)
            answers.flush()
        except OSError:  # the importer has closed its end: nothing more to do
            return


# An answer is marshalled, not pickled: three times faster to write for the helper (a bundle of 100 demo subjects,
# 13 000 lines: 30 against 80 ms), as fast to read; both ends are the same interpreter (sys.executable), which
# marshal needs. Only the refusal is pickled inside it: its message is a translatable `msg`, not plain text.
def encode_answer(answer: Prepared | None) -> bytes:
    """An answer as the helper sends it (after its length, 8 bytes little-endian)."""
    if answer is None:
        return marshal.dumps(None)
    error = None if answer.error is None else pickle.dumps(answer.error, protocol=pickle.HIGHEST_PROTOCOL)
    read = answer.read
    if read is not None:
        read = tuple(read._replace(refusal=None if read.refusal is None else pickle.dumps(
            read.refusal, protocol=pickle.HIGHEST_PROTOCOL), chain=pickle.dumps(read.chain, protocol=pickle.HIGHEST_PROTOCOL)))
    return marshal.dumps((answer.file_sha256, answer.lines, error, answer.failed_at, answer.record_checks, read))


def read_answer(stream) -> Prepared | None:
    """The next answer on the helper's output; EOFError when the stream ends before it does, ValueError, TypeError
    or pickle.UnpicklingError when it is not an answer."""
    head = stream.read(8)
    size = int.from_bytes(head, "little")
    blob = stream.read(size) if len(head) == 8 else b""
    if len(head) < 8 or len(blob) < size:
        raise EOFError("the helper's answer ends early")
    value = marshal.loads(blob)
    if value is None:
        return None
    sha, lines, error, failed_at, record_checks, read = value
    if read is not None:
        read = ReadAhead._make(read)
        read = read._replace(refusal=None if read.refusal is None else pickle.loads(read.refusal),
                             chain=pickle.loads(read.chain))
    return Prepared(sha, lines, None if error is None else pickle.loads(error), failed_at, record_checks, read)


def can_fork() -> bool:
    """This process may fork a helper: it runs on Linux, where it can count its threads, and has no thread but the
    current one (a fork copies only the thread that forks: a lock another thread held, in the allocator or in a
    library, would stay locked in the helper for ever)."""
    if not hasattr(os, "fork"):
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


class _Forked:
    """A helper forked from this process, running `serve` on two pipes; what _Helper uses of subprocess.Popen."""

    def __init__(self, read_ahead):
        jobs_in, jobs_out = os.pipe()
        answers_in, answers_out = os.pipe()
        for stream in (sys.stdout, sys.stderr):  # what they buffer is written once, by this process
            try:
                stream.flush()
            except (AttributeError, OSError, ValueError):
                pass
        pid = os.fork()
        if pid == 0:  # the helper
            _serve_forked(jobs_in, answers_out, read_ahead)
        os.close(jobs_in)
        os.close(answers_out)
        self.pid = pid
        self.returncode: int | None = None
        self.stdin = os.fdopen(jobs_out, "wb")
        self.stdout = os.fdopen(answers_in, "rb")

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() >= deadline:
                raise subprocess.TimeoutExpired("import helper", timeout)
            time.sleep(0.005)
        return self.returncode

    def kill(self) -> None:
        if self.returncode is None:
            os.kill(self.pid, signal.SIGKILL)


def _serve_forked(jobs: int, answers: int, read_ahead) -> NoReturn:
    """The forked helper: `serve` with `jobs` as its standard input and `answers` as its standard output, holding
    no other descriptor of the importer's (its database, the other helpers' pipes: a helper holding another's input
    open would keep that one from ever seeing it close); it never returns to the importer's code."""
    code = 1
    try:
        os.dup2(jobs, 0)
        os.dup2(answers, 1)
        try:  # where the importer's messages go (under pytest, a file of its own), its helper's go too
            errors = sys.stderr.fileno()
        except (AttributeError, OSError, ValueError):
            errors = 2
        for fd in map(int, os.listdir("/proc/self/fd")):
            if fd > 2 and fd != errors:
                try:
                    os.close(fd)
                except OSError:  # the listing's own descriptor, closed by now
                    pass
        serve(read_ahead)
        code = 0
    except BaseException:  # noqa: BLE001 - the importer reads the bundles itself when its helper ends early
        log.exception("the import helper failed")
    finally:
        os._exit(code)


class _Helper:
    """One helper process and the bundles sent to it, not yet answered, in order."""

    def __init__(self, proc: subprocess.Popen | _Forked):
        self.proc = proc
        self.sent: list[int] = []

    def send(self, job) -> None:
        pickle.dump(job, self.proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        self.proc.stdin.flush()

    def answer(self) -> Prepared | None:
        return read_answer(self.proc.stdout)

    def release(self) -> None:
        """Its input closes, so it ends (in its own time, while the import goes on)."""
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass

    def end(self) -> None:
        """`release`, and wait for it to end; killed if it does not end promptly."""
        self.release()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _spawn() -> subprocess.Popen:
    """A helper in a new interpreter (`import_helper`)."""
    root = str(Path(__file__).resolve().parents[2])  # the folder holding this sle_desktop package
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}
    # -P: the current folder is not on the helper's path (nothing beside the bundles can stand in for it)
    return subprocess.Popen([sys.executable, "-P", "-m", HELPER_MODULE], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            env=env)


class Prefetcher:
    """Prepares the bundles `files` ((path, file SHA-256, encrypted size) in the import's order) in HELPERS helper
    processes, taking turns, each at most AHEAD bundles ahead; `take` hands each one over (None: read it inline).
    The first bundle is read inline while the helpers start, and so is a bundle over MAX_BUNDLE_BYTES."""

    def __init__(self, files: list[tuple[Path, str, int]], identities: list, limits: bundle.Limits, read_ahead=None):
        self._files = files
        self._identity_text = "\n".join(str(i) for i in identities)
        self._limits = limits
        self._first = self._next = 1 if FIRST_INLINE else 0  # the first bundle for the helpers; the next to send
        self._helpers: list[_Helper] = []
        self._kept: dict[int, Prepared] = {}  # an answer received before its bundle's turn (`receive`)
        wanted = sum(size for _p, _h, size in files[self._first:] if size <= MAX_BUNDLE_BYTES)
        if START == "auto" and wanted >= MIN_BYTES_FORKED:
            store_db.wait_for_checkpoints()  # an earlier import's last copy into its file (a thread): a few ms
        forked = START == "fork" or (START == "auto" and can_fork())
        if wanted < (MIN_BYTES_FORKED if forked else MIN_BYTES) or not wanted or (
                not forked and getattr(sys, "frozen", False)):
            return
        if forked:
            trail.site_schema()  # worked out once, before the helpers are forked: they take it with them
        for _ in range(min(HELPERS, len(files) - self._first)):
            try:
                proc = _Forked(read_ahead) if forked else _spawn()
            except OSError as exc:
                log.warning("bundles are read in this process: a helper did not start (%s)", exc)
                self.close()
                return
            self._helpers.append(_Helper(proc))
        self._fill()

    def _helper_of(self, index: int) -> _Helper:
        return self._helpers[(index - self._first) % len(self._helpers)]

    def _fill(self) -> None:
        # jobs are a few hundred bytes: they never fill a pipe while its helper is writing an answer
        while self._helpers and self._next < len(self._files):
            path, sha, size = self._files[self._next]
            if size > MAX_BUNDLE_BYTES:  # read inline when its turn comes
                self._next += 1
                continue
            helper = self._helper_of(self._next)
            if len(helper.sent) >= AHEAD:
                return
            try:
                helper.send((str(path), sha, self._identity_text, self._limits))
            except OSError:
                self._stop("stopped taking work")
                return
            helper.sent.append(self._next)
            self._next += 1

    def take(self, index: int, container: bundle.Container) -> Prepared | None:
        """The prepared payload of bundle `index` of the import's order, read from `container`, or None to read
        it inline. Answers for bundles skipped since (refused before their payload was needed) are dropped."""
        answer = self._kept.pop(index, None)
        self._kept.clear()  # (an answer received for a bundle before it: that one was skipped)
        if answer is None:
            answer = self._read_up_to(index)
        ok = isinstance(answer, Prepared) and answer.file_sha256 == container.file_sha256
        return answer if ok else None

    def receive(self, index: int) -> None:
        """Read bundle `index`'s answer now, and keep it for `take`, if its helper has started sending it (this
        never waits for a helper still preparing it): the importer calls this while the current bundle's rows are
        being stored, so that reading the next one's answer overlaps the server's work instead of following it."""
        if index in self._kept or os.name != "posix":  # (select() on a pipe: POSIX only)
            return
        for helper in self._helpers:
            if helper.sent and helper.sent[0] == index:
                try:
                    ready, _w, _x = select.select([helper.proc.stdout], [], [], 0)
                except (OSError, ValueError):
                    return
                if ready:
                    _current, answer = self._next_answer(helper)
                    if answer is not None:
                        self._kept[index] = answer
                return

    def _read_up_to(self, index: int) -> Prepared | None:
        """The helpers' answers read up to bundle `index`'s (those before it dropped); None when none comes."""
        for helper in list(self._helpers):
            while self._helpers and helper.sent and helper.sent[0] <= index:
                current, answer = self._next_answer(helper)
                if current == index:
                    return answer
        return None

    def _next_answer(self, helper: _Helper) -> tuple[int, Prepared | None]:
        """(bundle index, answer) of the helper's next answer; the answer None when the helper failed (stopped)."""
        current = helper.sent.pop(0)
        try:
            answer = helper.answer()
        except (EOFError, OSError, ValueError, TypeError, pickle.UnpicklingError) as exc:
            self._stop(f"ended unexpectedly ({type(exc).__name__})")
            return current, None
        self._fill()
        if not helper.sent and self._next >= len(self._files):
            helper.release()  # nothing more for it: it exits while this bundle is imported
        return current, answer

    def _stop(self, why: str) -> None:
        log.warning("bundles are read in this process from now on: a helper %s", why)
        self.close()

    def close(self) -> None:
        """End the helpers."""
        helpers, self._helpers = self._helpers, []
        for helper in helpers:
            helper.end()

    def __enter__(self) -> Prefetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
