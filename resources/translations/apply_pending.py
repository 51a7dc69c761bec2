"""Fill unfinished entries of sle_desktop_ru.ts from resources/translations/pending/*.json.

Each JSON file maps an English source text to its Russian translation ({"source": "перевод"}); an entry is
filled only while it is unfinished, in any context, and only when its placeholders match. Run by update.sh
after pyside6-lupdate; reports what it filled and what is still missing.
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TS = HERE / "sle_desktop_ru.ts"
PLACEHOLDER = re.compile(r"\{[^}]*\}|%\d")


def main() -> int:
    pending: dict[str, str] = {}
    for path in sorted((HERE / "pending").glob("*.json")):
        pending.update(json.loads(path.read_text("utf-8")))
    if not pending:
        return 0
    tree = ET.parse(TS)
    filled, mismatched = 0, []
    for message in tree.getroot().iter("message"):
        tr = message.find("translation")
        source = message.findtext("source")
        if tr.get("type") != "unfinished" or source not in pending:
            continue
        text = pending[source]
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
            mismatched.append(source)
            continue
        tr.text = text
        del tr.attrib["type"]
        filled += 1
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    TS.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    print(f"apply_pending: filled {filled} entries")
    for source in mismatched:
        print(f"apply_pending: placeholders differ, not used: {source!r}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
