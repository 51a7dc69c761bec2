"""Packaging tests: the `packaging`-marked ones build the frozen app and the .deb (minutes).

They are skipped unless SLE_RUN_PACKAGING=1 (a command-line option cannot be added from a
non-root conftest):

    SLE_RUN_PACKAGING=1 QT_QPA_PLATFORM=offscreen python -m pytest tests/packaging

SLE_PACKAGING_INSTALL=1 (as root, with apt-get) also installs the .deb and runs the installed
launcher's self-test. test_windows_installer.py builds the Windows setup under Wine and installs
it into a fresh Wine prefix; it needs the tools `packaging/windows/host_tools.sh test` installs
(.ci/run does), and SLE_WINE_REUSE_BUILD=1 makes it reuse the last dist/windows build.
"""

import os

import pytest


def pytest_collection_modifyitems(config, items):
    if os.environ.get("SLE_RUN_PACKAGING") == "1":
        return
    skip = pytest.mark.skip(reason="builds the frozen app and installers; set SLE_RUN_PACKAGING=1 to run")
    for item in items:
        if item.get_closest_marker("packaging"):
            item.add_marker(skip)
