#!/bin/sh
# Regenerate the Russian translation: catalogue strings -> lupdate (keeps existing translations) -> lrelease.
# Run from anywhere with the project's virtualenv active (pyside6-lupdate / pyside6-lrelease on PATH).
# Translations written as JSON in pending/*.json ({"English": "русский"}) fill the unfinished entries.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
python resources/translations/gen_catalog.py
pyside6-lupdate -no-obsolete -locations none $(find sle_desktop/ui -name '*.py' | sort) -ts resources/translations/sle_desktop_ru.ts
python resources/translations/apply_pending.py
pyside6-lrelease resources/translations/sle_desktop_ru.ts -qm resources/translations/sle_desktop_ru.qm
grep -c 'type="unfinished"' resources/translations/sle_desktop_ru.ts && echo "WARNING: unfinished entries remain" || true
