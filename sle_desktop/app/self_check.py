"""The headless part of `sle-desktop --self-test`: store, site, study definition and a real bundle.

Each step exercises one part of the program the way the application uses it, on throw-away
data in a temporary folder (see `ui.self_test` for the whole check and the Qt steps):

- ``store``: open a new site database file, run the migrations, check the schema version;
- ``site``: create a site (argon2id password hash, AES-GCM data key, Ed25519 signing key,
  machine key file) and compute a SELENA-SLEDAI of a known set of descriptors;
- ``study``: load and validate the default study definition shipped under ``resources/``;
- ``bundle``: a two-subject demo site sets a freshly generated age (X25519) sponsor recipient
  and exports a sync bundle; the bundle is read back, its Ed25519 signature verified with the
  site's public key, decrypted and its payload parsed, and a wrong key must be refused.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Callable, Iterator

from sle_desktop.app.errors import AppError

# A known SELENA-SLEDAI: seizure 8 + proteinuria 4 + hematuria 4 + low complement 2 + fever 1.
KNOWN_SLEDAI_CODES = ("seizure", "proteinuria", "hematuria", "low_complement", "fever")
KNOWN_SLEDAI_SCORE = 19
KNOWN_RENAL_SCORE = 8


class SelfTestFailed(AppError):
    """A self-test step failed; the message names the step."""

    def __init__(self, step: str, reason: str):
        self.step = step
        self.reason = reason
        super().__init__(f"self-test failed at step '{step}': {reason}")


class CheckFailed(Exception):
    """A step's own check did not hold (the message is the reason)."""


def check(condition: bool, reason: str) -> None:
    """Raise CheckFailed(reason) unless `condition` holds."""
    if not condition:
        raise CheckFailed(reason)


@contextlib.contextmanager
def temporary_env(name: str, value: str) -> Iterator[None]:
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


def run_steps(steps: tuple[tuple[str, Callable[[dict], str]], ...], ctx: dict) -> list[str]:
    """Run (name, step) pairs in order on the shared context; SelfTestFailed names the first failing step."""
    done = []
    for name, step in steps:
        try:
            done.append(step(ctx))
        except SelfTestFailed:
            raise
        except CheckFailed as exc:
            raise SelfTestFailed(name, str(exc)) from None
        except Exception as exc:  # noqa: BLE001 - any failure of a step is reported, named
            reason = str(exc) or type(exc).__name__
            raise SelfTestFailed(name, f"{type(exc).__name__}: {reason}") from exc
    return done


# -- steps: each takes the shared context dict and returns a fragment of the summary ---------------
def _step_store(ctx: dict) -> str:
    from sle_desktop.store import migrations
    from sle_desktop.store.db import Store

    store = Store.open(ctx["tmp"] / "self-test.sqlite")
    ctx["store"] = store
    version = migrations.current_version(store)
    check(version == migrations.LATEST,
           f"schema version {version} after migrating, expected {migrations.LATEST}")
    check(store.scalar("PRAGMA foreign_keys") == 1, "foreign keys are off")
    return f"store v{version}"


def _step_site(ctx: dict) -> str:
    from sle_desktop.app import site
    from sle_desktop.domain import sledai

    session = site.create_site(ctx["store"], code="ST01", name="Self-test site", admin_username="selftest.admin",
                               admin_name="Self-test administrator", admin_password="self-test-password")
    ctx["session"] = session
    check(site.is_set_up(ctx["store"]), "the site was not recorded")
    check(any(ctx["key_dir"].iterdir()), "no machine key file was written")
    total = sledai.score(KNOWN_SLEDAI_CODES)
    renal = sledai.renal_score(KNOWN_SLEDAI_CODES)
    check(total == KNOWN_SLEDAI_SCORE, f"SLEDAI of {sorted(KNOWN_SLEDAI_CODES)} is {total}, expected {KNOWN_SLEDAI_SCORE}")
    check(renal == KNOWN_RENAL_SCORE, f"renal SLEDAI is {renal}, expected {KNOWN_RENAL_SCORE}")
    return f"site, SLEDAI {total}"


def _step_study(ctx: dict) -> str:
    from sle_desktop.app.study import load_study

    study = load_study()
    codes = [v.code for v in study.visits]
    check("screening" in codes and "baseline" in codes, f"the study has no screening/baseline visit: {codes}")
    return f"study {study.study_id} {study.version}"


def _step_bundle(ctx: dict) -> str:
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
    check(kinds[:1] == ["header"] and kinds[-1:] == ["end"], f"the payload is not header…end: {kinds[:1]}…{kinds[-1:]}")
    check(kinds.count("row") == result.records and kinds.count("audit") == result.changes,
           f"the bundle holds {kinds.count('row')} records and {kinds.count('audit')} changes, "
           f"the export reported {result.records} and {result.changes}")
    check(result.records > 0, "the demo site exported no records")
    forged = dataclasses.replace(container, manifest_bytes=container.manifest_bytes.replace(b'"bundle_seq":', b'"bundle_seq": '))
    try:
        bundle.verify_container(forged, public_key, site_code=info.code)
    except bundle.BundleRejected:
        pass
    else:
        raise CheckFailed("a tampered manifest passed signature verification")
    try:
        bundle.decrypt(container, [pyrage.x25519.Identity.generate()])
    except bundle.BundleRejected:
        pass
    else:
        raise CheckFailed("the bundle decrypted with a key it was not encrypted for")
    return f"bundle {result.records} records"



#: The headless steps in order: (name, step(ctx) -> summary fragment).
STEPS = (("store", _step_store), ("site", _step_site), ("study", _step_study), ("bundle", _step_bundle))
