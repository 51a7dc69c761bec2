"""Russian texts for the sponsor exports, read from the application's Qt translation file.

The windows already translate the clinical vocabulary (SELENA-SLEDAI descriptors, visits, arms, AE
terms...) in `resources/translations/sle_desktop_ru.ts`; the exports reuse those strings so a code
list decodes to the same Russian the sites saw. Texts the windows never show (field names of the
export, yes/no, window status) come from `EXTRA_RU` below.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET

from sle_desktop.resources import resource_path

TS_FILE = ("translations", "sle_desktop_ru.ts")

EXTRA_RU: dict[str, str] = {
    "Yes": "Да", "No": "Нет", "Absent": "Нет", "Present": "Есть",
    "Early": "Раньше окна визита", "In window": "В окне визита", "Late": "Позже окна визита",
    "No flare": "Нет обострения", "Mild or moderate flare": "Лёгкое или умеренное обострение",
    "Severe flare": "Тяжёлое обострение",
    "Intravenous (IV)": "Внутривенно", "Oral": "Перорально", "Subcutaneous": "Подкожно", "Intramuscular": "Внутримышечно",
    "Topical": "Местно", "Inhaled": "Ингаляционно", "Rectal": "Ректально",
    "Milligram": "Миллиграмм", "Gram": "Грамм", "Microgram": "Микрограмм", "Millilitre": "Миллилитр",
    "International unit": "Международная единица", "Milligram per kilogram": "Миллиграмм на килограмм",
    "Negative": "Отрицательный", "Positive": "Положительный", "Not done": "Не проводился",
    "Authored": "Автор записи", "Reviewed": "Проверено", "Approved": "Утверждено",
    "Open": "Открыт", "Answered": "Получен ответ", "Closed": "Закрыт", "Reopened": "Открыт повторно",
    "Visit out of window": "Визит вне окна", "Other deviation": "Другое отклонение",
    "Subject-level logs": "Журналы участника",
}


@functools.lru_cache(maxsize=1)
def _catalogue() -> dict[str, str]:
    """English source -> Russian translation from the .ts file (the `catalog` context wins on conflicts)."""
    out: dict[str, str] = {}
    catalog: dict[str, str] = {}
    try:
        root = ET.parse(resource_path(*TS_FILE)).getroot()
    except (OSError, ET.ParseError):
        return {}
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source, translation = message.findtext("source"), message.find("translation")
            if not source or translation is None or not translation.text or translation.get("type") == "unfinished":
                continue
            (catalog if name == "catalog" else out).setdefault(source, translation.text)
    out.update(catalog)
    return out


def ru(english: str) -> str:
    """The Russian for an English label (the English itself when no translation exists)."""
    return EXTRA_RU.get(english) or _catalogue().get(english) or english


def has_ru(english: str) -> bool:
    """True when a Russian translation of the label exists."""
    return english in EXTRA_RU or english in _catalogue()
