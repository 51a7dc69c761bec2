"""A bundle opens with stock tools (tar, the `age` command and gunzip) and the sponsor's key: no lock-in."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import tarfile

import pytest

from sle_desktop.sync import bundle

AGE = shutil.which("age")
# CI installs age and sets SLE_REQUIRE_AGE=1: there a missing tool fails these tests instead of skipping them
NO_AGE = AGE is None and not os.environ.get("SLE_REQUIRE_AGE")


@pytest.mark.skipif(NO_AGE, reason="the age command-line tool is not installed (apt-get install age)")
def test_stock_age_tool_decrypts_a_bundle(make_site, sponsor_keys, tmp_path):
    site = make_site("BY01", subjects=3, seed=2)
    exported = site.export()
    with tarfile.open(exported.path) as tar:
        tar.extract("payload.jsonl.gz.age", tmp_path, filter="data")
    encrypted = tmp_path / "payload.jsonl.gz.age"
    done = subprocess.run([AGE, "--decrypt", "--identity", str(sponsor_keys.key_path), str(encrypted)],
                          capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr.decode()
    plain = gzip.decompress(done.stdout)
    manifest = bundle.read_container(exported.path).manifest
    assert hashlib.sha256(plain).hexdigest() == manifest["payload_sha256"]
    lines = [json.loads(x) for x in plain.decode("utf-8").splitlines()]
    assert lines[0]["type"] == "header" and lines[-1]["type"] == "end"
    assert sum(1 for x in lines if x["type"] == "audit") == exported.to_seq


@pytest.mark.skipif(NO_AGE or shutil.which("tar") is None or shutil.which("gunzip") is None,
                    reason="needs the age, tar and gunzip command-line tools")
def test_readme_pipeline(make_site, sponsor_keys):
    site = make_site("BY01", subjects=2, seed=2)
    exported = site.export()
    done = subprocess.run(
        f"tar -xOf '{exported.path}' payload.jsonl.gz.age | '{AGE}' -d -i '{sponsor_keys.key_path}' | gunzip",
        shell=True, capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout.splitlines()[0])["site_code"] == "BY01"


@pytest.mark.skipif(NO_AGE, reason="the age command-line tool is not installed (apt-get install age)")
def test_stock_age_with_the_wrong_key_fails(make_site, tmp_path):
    site = make_site("BY01", subjects=1, seed=2)
    exported = site.export()
    with tarfile.open(exported.path) as tar:
        tar.extract("payload.jsonl.gz.age", tmp_path, filter="data")
    other = tmp_path / "other.key"
    subprocess.run([shutil.which("age-keygen") or "age-keygen", "-o", str(other)], capture_output=True, check=True)
    done = subprocess.run([AGE, "-d", "-i", str(other), str(tmp_path / "payload.jsonl.gz.age")],
                          capture_output=True, timeout=60, check=False)
    assert done.returncode != 0
