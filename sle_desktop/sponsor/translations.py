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
    "Arm assigned at (UTC)": "Группа назначена (UTC)", "Subject status": "Статус участника",
    ("Text cells beginning with = + - @, a tab or a carriage return are written with a leading apostrophe "
     "(') so that spreadsheet programs show them instead of running them as formulas; remove that one "
     "apostrophe to get the text as the site sent it. Numbers are written as numbers."):
        ("Текст, начинающийся с = + - @, табуляции или возврата каретки, записан с апострофом (') в начале, "
         "чтобы электронные таблицы показывали его, а не выполняли как формулу; уберите этот апостроф, чтобы "
         "получить текст в том виде, в каком его прислал центр. Числа записаны как числа."),
    "Yes": "Да", "No": "Нет", "Absent": "Нет", "Present": "Есть",
    "Early": "Раньше окна визита", "In window": "В окне визита", "Late": "Позже окна визита",
    "No flare": "Нет обострения", "Mild/moderate flare": "Лёгкое или умеренное обострение",
    "Severe flare": "Тяжёлое обострение",
    "Intravenous (IV)": "Внутривенно", "Oral": "Перорально", "Subcutaneous": "Подкожно", "Intramuscular": "Внутримышечно",
    "Topical": "Местно", "Inhaled": "Ингаляционно", "Rectal": "Ректально",
    "Milligram": "Миллиграмм", "Gram": "Грамм", "Microgram": "Микрограмм", "Millilitre": "Миллилитр",
    "International unit": "Международная единица", "Milligram per kilogram": "Миллиграмм на килограмм",
    "Negative": "Отрицательный", "Positive": "Положительный", "Not done": "Не проводился",
    "Authored": "Автор записи", "Reviewed": "Проверено", "Approved": "Утверждено",
    "Open": "Открыт", "Answered": "Получен ответ", "Closed": "Закрыт", "Reopened": "Открыт повторно",
    "Locked": "Заблокировано",
    "Investigator's sign-off invalidated by a later change": "Подпись исследователя недействительна после изменения",
    "Visit out of window": "Визит вне окна", "Other deviation": "Другое отклонение",
    "Subject-level logs": "Журналы участника", "Entered directly": "Введено напрямую",
    # laboratory units (the windows show the canonical unit only)
    "×10⁹/L": "×10⁹/л", "g/L": "г/л", "g/dL": "г/дл", "°C": "°C", "mg/dL": "мг/дл", "IU/mL": "МЕ/мл", "/HPF": "в п/зр",
    "g/24 h": "г/24 ч", "mg/24 h": "мг/24 ч", "g/g": "г/г", "mg/mmol": "мг/ммоль", "mg/mg": "мг/мг",
    "µmol/L": "мкмоль/л", "U/L": "Ед/л",
    # columns of the export files that are not form fields
    "Site code": "Код центра", "Subject ID (or screening number)": "Номер участника (или номер скрининга)",
    "Site change number of the last change": "Номер последнего изменения в центре",
    "Created at (UTC)": "Создано (UTC)", "Created by (user login)": "Создал (логин)",
    "Last changed at (UTC)": "Последнее изменение (UTC)", "Last changed by (user login)": "Последним изменил (логин)",
    "Deleted (1 = yes)": "Удалено (1 = да)", "Subject record ID (UUID)": "ID записи участника (UUID)",
    "Visit record ID (UUID)": "ID записи визита (UUID)", "Signed record: form table": "Подписанная запись: таблица формы",
    "Signed record ID (UUID)": "ID подписанной записи (UUID)",
    "Meaning of the signature (authored, reviewed, approved)": "Значение подписи (автор, проверено, утверждено)",
    "Signer (user login)": "Подписал (логин)", "Signer's name": "Имя подписавшего", "Signed at (UTC)": "Подписано (UTC)",
    "SHA-256 of the signed content": "SHA-256 подписанного содержимого", "Invalidated at (UTC)": "Аннулирована (UTC)",
    "Why the signature was invalidated": "Причина аннулирования подписи",
    "The signer's cryptographic signature of the content": "Криптографическая подпись содержимого подписавшим",
    "Queried record: form table": "Запись запроса: таблица формы", "Queried record ID (UUID)": "ID записи запроса (UUID)",
    "Queried field": "Поле запроса", "Question from the sponsor": "Вопрос спонсора", "Follow-up question":
    "Уточняющий вопрос", "Query status": "Статус запроса", "Version of the query at the sponsor":
    "Версия запроса у спонсора", "Raised by (sponsor user)": "Создал (пользователь спонсора)",
    "Raised at (UTC)": "Создан (UTC)", "Answer from the site": "Ответ центра", "Answered by (site user login)":
    "Ответил (логин в центре)", "Answered at (UTC)": "Ответ получен (UTC)", "Correction made with the answer (JSON)":
    "Исправление вместе с ответом (JSON)", "Closed by": "Закрыл", "Closed at (UTC)": "Закрыт (UTC)",
    "Reason for closing": "Причина закрытия",
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
