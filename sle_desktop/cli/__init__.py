"""Entry points: `sle-desktop` (the GUI and site commands) and `sle-sponsor` (sponsor commands).

    common.py    shared by both: one-line errors, opening a store, the `cli:<OS user>` session, key files
    site.py      `sle-desktop`: the GUI, make-demo, verify-audit, keys, export, import-return, bench
    sponsor.py   `sle-sponsor`: keys, site registration, import, status, exports, queries, SDV, returns

Every command takes `--db PATH`, prints a one-line result and exits non-zero with a clear
message on failure. Headless commands never prompt; they act as `cli:<OS user>`.
Nothing in the package imports `cli`.
"""

from sle_desktop.cli.site import main
from sle_desktop.cli.sponsor import sponsor_main

__all__ = ["main", "sponsor_main"]
