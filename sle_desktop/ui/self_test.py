"""`sle-desktop --self-test`: a headless check that an installation (usually a frozen build) works.

Each step exercises one part of the program the way the application uses it, on throw-away
data in a temporary folder:

- ``store``: open a new site database file, run the migrations, check the schema version;
- ``site``: create a site (argon2id password hash, AES-GCM data key, Ed25519 signing key,
  machine key file) and compute a SELENA-SLEDAI of a known set of descriptors;
- ``study``: load and validate the default study definition shipped under ``resources/``;
- ``bundle``: a two-subject demo site sets a freshly generated age (X25519) sponsor recipient
  and exports a sync bundle; the bundle is read back, its Ed25519 signature verified with the
  site's public key, decrypted and its payload parsed, and a wrong key must be refused. (If
  the sync modules are not installed, the same primitives — age encryption, Ed25519 signing
  with the site's key — are round-tripped instead and a tampered manifest must be refused);
- ``icon``: render the application icon (SVG) through QtSvg;
- ``plot``: draw a pyqtgraph plot offscreen, save it as PNG and check its pixels.

``run()`` returns a one-line summary or raises ``SelfTestFailed`` naming the failing step.
Nothing outside the temporary folder is read or written except the shipped resources.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from sle_desktop.app.errors import AppError

#: (step name, function name in this module), in order. Functions are looked up at run time.
STEPS = (
    ("store", "_step_store"),
    ("site", "_step_site"),
    ("study", "_step_study"),
    ("bundle", "_step_bundle"),
    ("icon", "_step_icon"),
    ("plot", "_step_plot"),
)

# A known SELENA-SLEDAI: seizure 8 + proteinuria 4 + hematuria 4 + low complement 2 + fever 1.
KNOWN_SLEDAI_CODES = ("seizure", "proteinuria", "hematuria", "low_complement", "fever")
KNOWN_SLEDAI_SCORE = 19
KNOWN_RENAL_SCORE = 8
ICON_FILE = ("icons", "sle-desktop.svg")
PLOT_SIZE = (320, 240)
PLOT_PEN = (220, 30, 30)

_qt_app = None  # the QApplication this module created, kept alive for the life of the process


class SelfTestFailed(AppError):
    """A self-test step failed; the message names the step."""

    def __init__(self, step: str, reason: str):
        self.step = step
        self.reason = reason
        super().__init__(f"self-test failed at step '{step}': {reason}")


class _Check(Exception):
    """A step's own check did not hold (the message is the reason)."""


def _check(condition: bool, reason: str) -> None:
    if not condition:
        raise _Check(reason)


@contextlib.contextmanager
def _environ(name: str, value: str):
    """Set one environment variable for the duration, then restore it (or remove it)."""
    old = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = old


# -- steps: each takes the shared context dict and returns a fragment of the summary ---------------
def _step_store(ctx: dict) -> str:
    from sle_desktop.store import migrations
    from sle_desktop.store.db import Store

    store = Store.open(ctx["tmp"] / "self-test.sqlite")
    ctx["store"] = store
    version = migrations.current_version(store)
    _check(version == migrations.LATEST,
           f"schema version {version} after migrating, expected {migrations.LATEST}")
    _check(store.scalar("PRAGMA foreign_keys") == 1, "foreign keys are off")
    return f"store v{version}"


def _step_site(ctx: dict) -> str:
    from sle_desktop.app import site
    from sle_desktop.domain import sledai

    session = site.create_site(ctx["store"], code="ST01", name="Self-test site", admin_username="selftest.admin",
                               admin_name="Self-test administrator", admin_password="self-test-password")
    ctx["session"] = session
    _check(site.is_set_up(ctx["store"]), "the site was not recorded")
    _check(any(ctx["key_dir"].iterdir()), "no machine key file was written")
    total = sledai.score(KNOWN_SLEDAI_CODES)
    renal = sledai.renal_score(KNOWN_SLEDAI_CODES)
    _check(total == KNOWN_SLEDAI_SCORE, f"SLEDAI of {sorted(KNOWN_SLEDAI_CODES)} is {total}, expected {KNOWN_SLEDAI_SCORE}")
    _check(renal == KNOWN_RENAL_SCORE, f"renal SLEDAI is {renal}, expected {KNOWN_RENAL_SCORE}")
    return f"site, SLEDAI {total}"


def _step_study(ctx: dict) -> str:
    from sle_desktop.app.study import DEFAULT_STUDY_FILE, read_study_file
    from sle_desktop.resources import resource_path

    study = read_study_file(resource_path(*DEFAULT_STUDY_FILE))
    codes = [v.code for v in study.visits]
    _check("screening" in codes and "baseline" in codes, f"the study has no screening/baseline visit: {codes}")
    return f"study {study.study_id} {study.version}"


def _step_bundle(ctx: dict) -> str:
    """The real export when the sync modules are installed; the crypto primitives otherwise."""
    if importlib.util.find_spec("sle_desktop.app.sync_site") and importlib.util.find_spec("sle_desktop.sync.bundle"):
        return _bundle_export(ctx)
    return _bundle_primitives(ctx)


def _bundle_export(ctx: dict) -> str:
    """A two-subject demo site exports a bundle to a fresh sponsor key; verify, decrypt and read it back."""
    import pyrage

    from sle_desktop.app import demo, site, sync_site
    from sle_desktop.store.db import Store
    from sle_desktop.sync import bundle

    out = ctx["tmp"] / "usb"
    out.mkdir()
    with Store.open(ctx["tmp"] / "demo-site.sqlite") as store:
        demo.make_demo(store, subjects_count=2, seed=1)
        session = site.cli_session(store)
        identity = pyrage.x25519.Identity.generate()
        sync_site.set_sponsor_recipients(session, f"# self-test sponsor\n{identity.to_public()}\n")
        result = sync_site.export_bundle(session, out)
        info = site.site_info(store)
        public_key = bytes(store.query_one("SELECT public_key FROM site_signing_key WHERE id = 1")["public_key"])
    container = bundle.read_container(result.path)
    manifest = bundle.verify_container(container, public_key, site_code=info.code)
    lines = list(bundle.iter_payload(bundle.decrypt(container, [identity]), manifest, name=result.path.name))
    kinds = [line.get("type") for line in lines]
    _check(kinds[:1] == ["header"] and kinds[-1:] == ["end"], f"the payload is not header…end: {kinds[:1]}…{kinds[-1:]}")
    _check(kinds.count("row") == result.records and kinds.count("audit") == result.changes,
           f"the bundle holds {kinds.count('row')} records and {kinds.count('audit')} changes, "
           f"the export reported {result.records} and {result.changes}")
    _check(result.records > 0, "the demo site exported no records")
    try:
        bundle.decrypt(container, [pyrage.x25519.Identity.generate()])
    except bundle.BundleRejected:
        pass
    else:
        raise _Check("the bundle decrypted with a key it was not encrypted for")
    return f"bundle {result.records} records"


def _bundle_primitives(ctx: dict) -> str:
    """Without the sync modules: seal and open a payload the way a bundle is (age + Ed25519)."""
    import pyrage
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

    from sle_desktop import __version__
    from sle_desktop.app import site
    from sle_desktop.store import crypto

    store, session = ctx["store"], ctx["session"]
    info = site.site_info(store)
    # The payload: the site's audit rows as canonical JSON lines (what a bundle carries).
    rows = store.query("SELECT * FROM audit ORDER BY seq")
    _check(bool(rows), "the new site has no audit rows to bundle")
    payload = "".join(json.dumps(r, sort_keys=True, separators=(",", ":"), default=_hexbytes) + "\n"
                      for r in rows).encode()
    identity = pyrage.x25519.Identity.generate()
    recipient = identity.to_public()
    sealed_payload = pyrage.encrypt(payload, [recipient])
    _check(sealed_payload.startswith(b"age-encryption.org/v1"), "pyrage did not write the age format")
    manifest = json.dumps({"site_uuid": info.site_uuid, "site_code": info.code, "rows": len(rows),
                           "payload_sha256": hashlib.sha256(payload).hexdigest(), "app_version": __version__},
                          sort_keys=True, separators=(",", ":")).encode()
    key_row = store.query_one("SELECT public_key, encrypted_private_key FROM site_signing_key WHERE id = 1")
    _check(key_row is not None, "the site has no signing key")
    private_raw = crypto.open_sealed(session.require_key(), key_row["encrypted_private_key"],
                                     b"sle_desktop site signing key:" + info.site_uuid.encode())
    signature = Ed25519PrivateKey.from_private_bytes(private_raw).sign(manifest)
    # The receiving side: verify the manifest with the registered public key, decrypt, compare.
    public = Ed25519PublicKey.from_public_bytes(key_row["public_key"])
    public.verify(signature, manifest)
    opened = pyrage.decrypt(sealed_payload, [identity])
    _check(hashlib.sha256(opened).hexdigest() == json.loads(manifest)["payload_sha256"],
           "the decrypted payload does not match the signed manifest")
    try:
        public.verify(signature, manifest.replace(b'"rows":', b'"rowz":'))
    except InvalidSignature:
        pass
    else:
        raise _Check("a tampered manifest passed signature verification")
    try:
        pyrage.decrypt(sealed_payload, [pyrage.x25519.Identity.generate()])
    except pyrage.DecryptError:
        pass
    else:
        raise _Check("the payload decrypted with the wrong identity")
    return "bundle (primitives)"


def _hexbytes(value):
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _qt_application():
    """The running QApplication, or a new one (offscreen when there is no display)."""
    global _qt_app
    from PySide6 import QtWidgets

    app = QtWidgets.QApplication.instance()
    if app is not None:
        return app
    headless = (sys.platform.startswith("linux") and not os.environ.get("DISPLAY")
                and not os.environ.get("WAYLAND_DISPLAY"))
    if headless and not os.environ.get("QT_QPA_PLATFORM"):
        with _environ("QT_QPA_PLATFORM", "offscreen"):
            _qt_app = QtWidgets.QApplication(["sle-desktop", "--self-test"])
    else:
        _qt_app = QtWidgets.QApplication(["sle-desktop", "--self-test"])
    return _qt_app


def _step_icon(ctx: dict) -> str:
    from PySide6 import QtGui, QtSvg

    from sle_desktop.resources import resource_path

    _qt_application()
    path = resource_path(*ICON_FILE)
    _check(path.is_file(), f"the application icon {path} is missing")
    renderer = QtSvg.QSvgRenderer(str(path))
    _check(renderer.isValid(), f"QtSvg cannot read {path.name}")
    image = QtGui.QImage(64, 64, QtGui.QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QtGui.QPainter(image)
    renderer.render(painter)
    painter.end()
    opaque = sum(1 for y in range(0, 64, 4) for x in range(0, 64, 4) if image.pixelColor(x, y).alpha() > 0)
    _check(opaque > 16, f"the rendered icon is (almost) empty: {opaque} of 256 sampled pixels drawn")
    return "icon"


def _step_plot(ctx: dict) -> str:
    import numpy as np
    import pyqtgraph as pg
    from PySide6 import QtGui

    app = _qt_application()
    widget = pg.PlotWidget(background="w")
    try:
        x = np.linspace(0.0, 6.0, 200)
        widget.plot(x, np.sin(x) * 10.0, pen=pg.mkPen(PLOT_PEN, width=3))
        widget.resize(*PLOT_SIZE)
        widget.show()
        app.processEvents()
        png = ctx["tmp"] / "plot.png"
        _check(widget.grab().save(str(png), "PNG"), "the plot could not be saved as PNG")
    finally:
        widget.close()
        widget.deleteLater()
        app.processEvents()
    image = QtGui.QImage(str(png))
    _check(not image.isNull(), "the saved PNG cannot be read back")
    _check(image.width() >= PLOT_SIZE[0] // 2 and image.height() >= PLOT_SIZE[1] // 2,
           f"the plot image is {image.width()}x{image.height()}")
    colours = set()
    curve = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            colours.add(c.rgb())
            if c.red() > 180 and c.green() < 90 and c.blue() < 90:
                curve += 1
    _check(len(colours) > 2, f"the plot image is uniform ({len(colours)} colours)")
    _check(curve >= 20, f"the plotted curve is missing ({curve} curve-coloured pixels)")
    return f"plot {image.width()}x{image.height()}"


# -- runner ------------------------------------------------------------------------------------------
def run() -> str:
    """Run every step; return 'self-test OK: …' or raise SelfTestFailed naming the failing step."""
    started = time.perf_counter()
    done: list[str] = []
    module = sys.modules[__name__]
    with tempfile.TemporaryDirectory(prefix="sle-self-test-") as tmp:
        ctx: dict = {"tmp": Path(tmp), "key_dir": Path(tmp) / "keys"}
        try:
            with _environ("SLE_DESKTOP_KEY_DIR", str(ctx["key_dir"])):
                for name, function_name in STEPS:
                    try:
                        done.append(getattr(module, function_name)(ctx))
                    except SelfTestFailed:
                        raise
                    except _Check as exc:
                        raise SelfTestFailed(name, str(exc)) from None
                    except Exception as exc:  # noqa: BLE001 - any failure of a step is reported, named
                        reason = str(exc) or type(exc).__name__
                        raise SelfTestFailed(name, f"{type(exc).__name__}: {reason}") from exc
        finally:
            store = ctx.get("store")
            if store is not None:
                store.close()
    return f"self-test OK: {', '.join(done)} ({time.perf_counter() - started:.1f} s)"
