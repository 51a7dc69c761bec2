<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AcrPage</name>
    <message>
        <source>3. ACR 1997 classification criteria</source>
        <translation>3. Классификационные критерии ACR 1997</translation>
    </message>
    <message>
        <source>Tick each criterion present now or in the past. SLE is classified with at least {0} of 11.</source>
        <translation>Отметьте каждый критерий, имеющийся сейчас или в прошлом. СКВ классифицируется при наличии не менее {0} из 11.</translation>
    </message>
    <message>
        <source>{0} of 11 criteria present – {1}</source>
        <translation>Имеется критериев: {0} из 11 – {1}</translation>
    </message>
    <message>
        <source>SLE classification met</source>
        <translation>Классификационные критерии СКВ выполнены</translation>
    </message>
    <message>
        <source>at least {0} are required</source>
        <translation>требуется не менее {0}</translation>
    </message>
</context>
<context>
    <name>AdverseEventDialog</name>
    <message>
        <source>Adverse event – {0}</source>
        <translation>Нежелательное явление – {0}</translation>
    </message>
    <message>
        <source>Correct adverse event – {0}</source>
        <translation>Исправление нежелательного явления – {0}</translation>
    </message>
    <message>
        <source>&amp;Save adverse event</source>
        <translation>&amp;Сохранить нежелательное явление</translation>
    </message>
    <message>
        <source>This adverse event no longer exists.</source>
        <translation>Этого нежелательного явления больше нет.</translation>
    </message>
    <message>
        <source>Read-only: your account cannot change study data.</source>
        <translation>Только просмотр: ваша учётная запись не может изменять данные исследования.</translation>
    </message>
    <message>
        <source>Nothing was saved: please correct the fields marked in red.</source>
        <translation>Ничего не сохранено: исправьте поля, отмеченные красным.</translation>
    </message>
    <message>
        <source>Not saved: changing a saved record needs a reason.</source>
        <translation>Не сохранено: для изменения сохранённой записи нужна причина.</translation>
    </message>
</context>
<context>
    <name>AdverseEventWidget</name>
    <message>
        <source>e.g. Pneumonia (MedDRA preferred term if known)</source>
        <translation>напр. Пневмония (предпочтительный термин MedDRA, если известен)</translation>
    </message>
    <message>
        <source>dd.mm.yyyy – empty if ongoing</source>
        <translation>дд.мм.гггг – пусто, если продолжается</translation>
    </message>
    <message>
        <source>Choose the CTCAE v5 grade…</source>
        <translation>Выберите степень по CTCAE v5…</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <source>Adverse event term:</source>
        <translation>Нежелательное явление (термин):</translation>
    </message>
    <message>
        <source>Onset date:</source>
        <translation>Дата начала:</translation>
    </message>
    <message>
        <source>Stop date:</source>
        <translation>Дата окончания:</translation>
    </message>
    <message>
        <source>CTCAE grade:</source>
        <translation>Степень по CTCAE:</translation>
    </message>
    <message>
        <source>Relationship to MSC product:</source>
        <translation>Связь с препаратом МСК:</translation>
    </message>
    <message>
        <source>Action taken with MSC:</source>
        <translation>Меры в отношении МСК:</translation>
    </message>
    <message>
        <source>Outcome:</source>
        <translation>Исход:</translation>
    </message>
    <message>
        <source>Seriousness</source>
        <translation>Критерии серьёзности</translation>
    </message>
    <message>
        <source>This is a serious adverse event (SAE)</source>
        <translation>Это серьёзное нежелательное явление (СНЯ)</translation>
    </message>
    <message>
        <source>Site became aware on:</source>
        <translation>Дата, когда центру стало известно:</translation>
    </message>
    <message>
        <source>SERIOUS ADVERSE EVENT – sent to the sponsor on {0}{1}.</source>
        <translation>СЕРЬЁЗНОЕ НЕЖЕЛАТЕЛЬНОЕ ЯВЛЕНИЕ – передано спонсору {0}{1}.</translation>
    </message>
    <message>
        <source> (late)</source>
        <translation> (с опозданием)</translation>
    </message>
    <message>
        <source>SERIOUS ADVERSE EVENT – OVERDUE: the sponsor had to receive it by {0} ({1} h {2} min ago). Export a sync bundle now.</source>
        <translation>СЕРЬЁЗНОЕ НЕЖЕЛАТЕЛЬНОЕ ЯВЛЕНИЕ – ПРОСРОЧЕНО: спонсор должен был получить его до {0} ({1} ч {2} мин назад). Экспортируйте пакет синхронизации сейчас.</translation>
    </message>
    <message>
        <source>SERIOUS ADVERSE EVENT – must reach the sponsor within 24 hours of awareness: by {0} ({1} h {2} min left). It goes into the next sync bundle.</source>
        <translation>СЕРЬЁЗНОЕ НЕЖЕЛАТЕЛЬНОЕ ЯВЛЕНИЕ – должно быть передано спонсору в течение 24 часов с момента, когда о нём стало известно: до {0} (осталось {1} ч {2} мин). Оно войдёт в следующий пакет синхронизации.</translation>
    </message>
</context>
<context>
    <name>AntiDsDnaPage</name>
    <message>
        <source>4. Anti-dsDNA</source>
        <translation>4. Антитела к дсДНК (anti-dsDNA)</translation>
    </message>
    <message>
        <source>Positive anti-dsDNA is required: a value above the laboratory&apos;s upper limit, or a qualitative positive result.</source>
        <translation>Требуется положительный результат на антитела к дсДНК: значение выше верхней границы нормы лаборатории или положительный качественный результат.</translation>
    </message>
    <message>
        <source>Qualitative result positive (no value available)</source>
        <translation>Положительный качественный результат (значения нет)</translation>
    </message>
    <message>
        <source>Anti-dsDNA (IU/mL):</source>
        <translation>Антитела к дсДНК (МЕ/мл):</translation>
    </message>
    <message>
        <source>Laboratory upper limit (IU/mL):</source>
        <translation>Верхняя граница нормы лаборатории (МЕ/мл):</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>Результат:</translation>
    </message>
    <message>
        <source>Positive: {0} IU/mL is above the upper limit {1}</source>
        <translation>Положительный: {0} МЕ/мл выше верхней границы {1}</translation>
    </message>
    <message>
        <source>Positive (qualitative)</source>
        <translation>Положительный (качественно)</translation>
    </message>
    <message>
        <source>Not positive</source>
        <translation>Не положительный</translation>
    </message>
</context>
<context>
    <name>ArmDialog</name>
    <message>
        <source>Assign treatment arm</source>
        <translation>Назначение группы лечения</translation>
    </message>
    <message>
        <source>Assign the treatment arm</source>
        <translation>Назначить группу лечения</translation>
    </message>
    <message>
        <source>The trial is not randomised: record the arm and the reason. Your name and the time are recorded, and the subject ID is allocated.</source>
        <translation>Исследование нерандомизированное: укажите группу и причину выбора. Ваше имя и время сохраняются, присваивается ID пациента.</translation>
    </message>
    <message>
        <source>&amp;Enrol</source>
        <translation>&amp;Включить в исследование</translation>
    </message>
</context>
<context>
    <name>ArmPage</name>
    <message>
        <source>9. Treatment arm</source>
        <translation>9. Группа лечения</translation>
    </message>
    <message>
        <source>The trial is not randomised: the investigator assigns the arm and records why. Your name and the time are recorded.</source>
        <translation>Исследование нерандомизированное: исследователь назначает группу и указывает причину. Ваше имя и время сохраняются.</translation>
    </message>
    <message>
        <source>&amp;Enrol</source>
        <translation>&amp;Включить в исследование</translation>
    </message>
    <message>
        <source>Screening saved as {0} (eligible).</source>
        <translation>Скрининг сохранён как {0} (соответствует критериям).</translation>
    </message>
</context>
<context>
    <name>ArmWidget</name>
    <message>
        <source>Reason for this arm (required):</source>
        <translation>Причина выбора группы (обязательно):</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>#</source>
        <translation>№</translation>
    </message>
    <message>
        <source>When (local)</source>
        <translation>Когда (местное время)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Запись</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>Old → new</source>
        <translation>Было → стало</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>(created)</source>
        <translation>(создано)</translation>
    </message>
</context>
<context>
    <name>AuditViewer</name>
    <message>
        <source>Audit trail</source>
        <translation>Журнал аудита</translation>
    </message>
    <message>
        <source>Every change to study data: who, when, old and new value, and the reason. The trail cannot be edited; Verify chain checks that nothing was altered.</source>
        <translation>Каждое изменение данных исследования: кто, когда, прежнее и новое значение и причина. Журнал нельзя редактировать; «Проверить цепочку» подтверждает, что ничего не изменено.</translation>
    </message>
    <message>
        <source>All subjects</source>
        <translation>Все пациенты</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>Все пользователи</translation>
    </message>
    <message>
        <source>&amp;Apply filter</source>
        <translation>&amp;Применить фильтр</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Пациент:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Пользователь:</translation>
    </message>
    <message>
        <source>From (UTC date):</source>
        <translation>С (дата UTC):</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>По:</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>&amp;Проверить цепочку</translation>
    </message>
    <message>
        <source>{0} entries, newest first</source>
        <translation>Записей: {0}, сначала новые</translation>
    </message>
    <message>
        <source> (the newest 5000; narrow the filter to see older ones)</source>
        <translation> (последние 5000; сузьте фильтр, чтобы увидеть более ранние)</translation>
    </message>
    <message>
        <source>Verifying the audit trail…</source>
        <translation>Проверка журнала аудита…</translation>
    </message>
    <message>
        <source>✔ {0}</source>
        <translation>✔ {0}</translation>
    </message>
    <message>
        <source>✘ {0}</source>
        <translation>✘ {0}</translation>
    </message>
</context>
<context>
    <name>CohortTrendsWidget</name>
    <message>
        <source>Both arms</source>
        <translation>Обе группы</translation>
    </message>
    <message>
        <source>MSC + standard treatment</source>
        <translation>МСК + стандартная терапия</translation>
    </message>
    <message>
        <source>Standard treatment</source>
        <translation>Стандартная терапия</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Все статусы</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Включён</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Выбыл из исследования</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Завершил участие</translation>
    </message>
    <message>
        <source>Arm:</source>
        <translation>Группа:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Статус:</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>No subject with a baseline SLEDAI matches these filters yet.</source>
        <translation>Пока нет пациентов с исходным SLEDAI, соответствующих этим фильтрам.</translation>
    </message>
    <message>
        <source>{n} subjects with a baseline SLEDAI · data up to {date}</source>
        <translation>Пациентов с исходным SLEDAI: {n} · данные по {date}</translation>
    </message>
    <message>
        <source>The cohort plots could not be computed: {error}</source>
        <translation>Не удалось рассчитать графики по группам: {error}</translation>
    </message>
    <message>
        <source>Mean change from baseline (± SE)</source>
        <translation>Среднее изменение от исходного (± SE)</translation>
    </message>
    <message>
        <source>Change in SELENA-SLEDAI (points)</source>
        <translation>Изменение SELENA-SLEDAI (баллы)</translation>
    </message>
    <message>
        <source>Scheduled visit, at its target study day</source>
        <translation>Плановый визит в целевой день исследования</translation>
    </message>
    <message>
        <source>Individual trajectories</source>
        <translation>Индивидуальная динамика</translation>
    </message>
    <message>
        <source>Study day (0 = baseline)</source>
        <translation>День исследования (0 = исходный визит)</translation>
    </message>
    <message>
        <source>Responders at month 6</source>
        <translation>Ответившие на 6-м месяце</translation>
    </message>
    <message>
        <source>Responders (%)</source>
        <translation>Ответившие (%)</translation>
    </message>
    <message>
        <source>SLEDAI-4 response (−4)</source>
        <translation>Ответ SLEDAI-4 (−4)</translation>
    </message>
    <message>
        <source>Individual trajectory (thin)</source>
        <translation>Индивидуальная динамика (тонкие линии)</translation>
    </message>
    <message>
        <source>SLEDAI-4 threshold</source>
        <translation>Порог SLEDAI-4</translation>
    </message>
    <message>
        <source>{glyph} n={n}</source>
        <translation>{glyph} n={n}</translation>
    </message>
    <message>
        <source>{arm} · {visit}
mean change {mean} (SE {se}), n = {n}</source>
        <translation>{arm} · {visit}
среднее изменение {mean} (SE {se}), n = {n}</translation>
    </message>
    <message>
        <source>{arm} (mean)</source>
        <translation>{arm} (среднее)</translation>
    </message>
    <message>
        <source>SRI-4 (without BILAG)</source>
        <translation>SRI-4 (без BILAG)</translation>
    </message>
    <message>
        <source>SLEDAI-4</source>
        <translation>SLEDAI-4</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>нет данных</translation>
    </message>
    <message>
        <source>{arm}: {sri} {a}/{n}, SLEDAI-4 {b}/{n}</source>
        <translation>{arm}: {sri} {a}/{n}, SLEDAI-4 {b}/{n}</translation>
    </message>
</context>
<context>
    <name>ConMedsWidget</name>
    <message>
        <source>Drug</source>
        <translation>Препарат</translation>
    </message>
    <message>
        <source>Dose</source>
        <translation>Доза</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Путь введения</translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation>Кратность</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Окончание</translation>
    </message>
    <message>
        <source>Indication</source>
        <translation>Показание</translation>
    </message>
    <message>
        <source>Add a medication (saved immediately)</source>
        <translation>Добавить препарат (сохраняется сразу)</translation>
    </message>
    <message>
        <source>mg</source>
        <translation>мг</translation>
    </message>
    <message>
        <source>oral, IV, …</source>
        <translation>внутрь, в/в, …</translation>
    </message>
    <message>
        <source>once daily, …</source>
        <translation>1 раз в сутки, …</translation>
    </message>
    <message>
        <source>Drug:</source>
        <translation>Препарат:</translation>
    </message>
    <message>
        <source>Dose:</source>
        <translation>Доза:</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>Единица:</translation>
    </message>
    <message>
        <source>Route:</source>
        <translation>Путь введения:</translation>
    </message>
    <message>
        <source>Frequency:</source>
        <translation>Кратность:</translation>
    </message>
    <message>
        <source>Start date:</source>
        <translation>Дата начала:</translation>
    </message>
    <message>
        <source>Stop date:</source>
        <translation>Дата окончания:</translation>
    </message>
    <message>
        <source>Indication:</source>
        <translation>Показание:</translation>
    </message>
    <message>
        <source>&amp;Add medication</source>
        <translation>&amp;Добавить препарат</translation>
    </message>
    <message>
        <source>Medication added.</source>
        <translation>Препарат добавлен.</translation>
    </message>
</context>
<context>
    <name>ConsentPage</name>
    <message>
        <source>1. Informed consent</source>
        <translation>1. Информированное согласие</translation>
    </message>
    <message>
        <source>Written informed consent must be signed and dated on or before any study procedure.</source>
        <translation>Письменное информированное согласие должно быть подписано и датировано не позднее первой процедуры исследования.</translation>
    </message>
    <message>
        <source>e.g. 2.1</source>
        <translation>напр. 2.1</translation>
    </message>
    <message>
        <source>same as the consent date</source>
        <translation>совпадает с датой согласия</translation>
    </message>
    <message>
        <source>The patient can read, understand and follow the study procedures (investigator attests)</source>
        <translation>Пациент может прочитать, понять и выполнять процедуры исследования (подтверждает исследователь)</translation>
    </message>
    <message>
        <source>Date consent signed:</source>
        <translation>Дата подписания согласия:</translation>
    </message>
    <message>
        <source>Consent form version:</source>
        <translation>Версия формы согласия:</translation>
    </message>
    <message>
        <source>Screening date:</source>
        <translation>Дата скрининга:</translation>
    </message>
</context>
<context>
    <name>Curtain</name>
    <message>
        <source>Locked</source>
        <translation>Заблокирована</translation>
    </message>
    <message>
        <source>Enter the password in the lock window to continue.</source>
        <translation>Чтобы продолжить, введите пароль в окне блокировки.</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>dd.mm.yyyy</source>
        <translation>дд.мм.гггг</translation>
    </message>
    <message>
        <source>Pick the date from a calendar</source>
        <translation>Выбрать дату в календаре</translation>
    </message>
</context>
<context>
    <name>DemographicsPage</name>
    <message>
        <source>2. Demographics and identifiers</source>
        <translation>2. Демографические данные и идентификаторы</translation>
    </message>
    <message>
        <source>Identifiers are encrypted and never leave this site; sync bundles carry only the subject ID, year of birth and sex.</source>
        <translation>Идентификаторы зашифрованы и не покидают центр; пакеты синхронизации содержат только ID пациента, год рождения и пол.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Женский</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Мужской</translation>
    </message>
    <message>
        <source>Woman of child-bearing potential (a pregnancy test is required)</source>
        <translation>Женщина, способная к деторождению (требуется тест на беременность)</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>ФИО:</translation>
    </message>
    <message>
        <source>National ID:</source>
        <translation>Идентификационный номер:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Телефон:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Адрес:</translation>
    </message>
    <message>
        <source>Date of birth:</source>
        <translation>Дата рождения:</translation>
    </message>
    <message>
        <source>Age at consent:</source>
        <translation>Возраст на момент согласия:</translation>
    </message>
    <message>
        <source>Sex (biological, at birth):</source>
        <translation>Пол (биологический, при рождении):</translation>
    </message>
    <message>
        <source>{0} years</source>
        <translation>полных лет: {0}</translation>
    </message>
</context>
<context>
    <name>EnrolmentWizard</name>
    <message>
        <source>New screening – enrolment wizard</source>
        <translation>Новый скрининг – мастер включения</translation>
    </message>
    <message>
        <source>Go back to the page concerned; nothing was saved.</source>
        <translation>Вернитесь на соответствующую страницу; ничего не сохранено.</translation>
    </message>
    <message>
        <source>Nothing was saved.</source>
        <translation>Ничего не сохранено.</translation>
    </message>
</context>
<context>
    <name>ExclusionsPage</name>
    <message>
        <source>7. Exclusion criteria</source>
        <translation>7. Критерии исключения</translation>
    </message>
    <message>
        <source>Any one of these excludes the patient. Leave unticked what does not apply.</source>
        <translation>Любой из этих критериев исключает пациента. Не отмечайте неприменимые.</translation>
    </message>
    <message>
        <source>Needs dialysis</source>
        <translation>Нуждается в диализе</translation>
    </message>
    <message>
        <source>Renal transplantation planned</source>
        <translation>Запланирована трансплантация почки</translation>
    </message>
    <message>
        <source>A medical condition with high risk for the patient (investigator judgement)</source>
        <translation>Заболевание, создающее высокий риск для пациента (по решению исследователя)</translation>
    </message>
    <message>
        <source>Describe the condition</source>
        <translation>Опишите состояние</translation>
    </message>
    <message>
        <source>Pregnant or breast-feeding</source>
        <translation>Беременность или грудное вскармливание</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>Не выполнено</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>Отрицательный</translation>
    </message>
    <message>
        <source>Positive</source>
        <translation>Положительный</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>Неприменимо</translation>
    </message>
    <message>
        <source>Chronic infection (hepatitis B or C, tuberculosis, HIV)</source>
        <translation>Хроническая инфекция (гепатит B или C, туберкулёз, ВИЧ)</translation>
    </message>
    <message>
        <source>Which infection (e.g. HBsAg positive)</source>
        <translation>Какая инфекция (напр. HBsAg положительный)</translation>
    </message>
    <message>
        <source>dd.mm.yyyy – empty if never</source>
        <translation>дд.мм.гггг – пусто, если не было</translation>
    </message>
    <message>
        <source>High-risk condition:</source>
        <translation>Состояние высокого риска:</translation>
    </message>
    <message>
        <source>Pregnancy test:</source>
        <translation>Тест на беременность:</translation>
    </message>
    <message>
        <source>Infection:</source>
        <translation>Инфекция:</translation>
    </message>
    <message>
        <source>Last malignancy diagnosed:</source>
        <translation>Дата диагноза последнего злокачественного новообразования:</translation>
    </message>
    <message>
        <source>A pregnancy test result is required: the patient is a woman of child-bearing potential.</source>
        <translation>Требуется результат теста на беременность: пациентка способна к деторождению.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Send data to the sponsor</source>
        <translation>Отправка данных спонсору</translation>
    </message>
    <message>
        <source>Export a sync bundle</source>
        <translation>Экспорт пакета синхронизации</translation>
    </message>
    <message>
        <source>The bundle is encrypted so that only the sponsor can open it, and signed by this site. It contains the pseudonymous subject IDs only: no names, ID numbers, phone numbers or addresses.</source>
        <translation>Пакет зашифрован так, что открыть его может только спонсор, и подписан этим центром. Он содержит только псевдонимизированные ID пациентов: без имён, идентификационных номеров, телефонов и адресов.</translation>
    </message>
    <message>
        <source>Where to write the bundle (a USB drive, or any folder):</source>
        <translation>Куда записать пакет (USB-накопитель или любая папка):</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>Выбрать папку…</translation>
    </message>
    <message>
        <source>Look for drives again</source>
        <translation>Повторить поиск носителей</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Экспорт</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Encrypted for the sponsor key(s) below; the sponsor can confirm the fingerprint by phone:</source>
        <translation>Зашифровано для ключа (ключей) спонсора ниже; отпечаток можно сверить со спонсором по телефону:</translation>
    </message>
    <message>
        <source>No sponsor key is set up, so nothing can be exported yet. Ask the sponsor for the file sponsor.pub and import it in the sync settings.</source>
        <translation>Ключ спонсора не настроен, поэтому экспорт пока невозможен. Запросите у спонсора файл sponsor.pub и импортируйте его в настройках синхронизации.</translation>
    </message>
    <message>
        <source>Bundle {0}: {1} changes waiting to be sent ({2} records), about {3}.</source>
        <translation>Пакет {0}: изменений к отправке — {1} (записей: {2}), примерно {3}.</translation>
    </message>
    <message>
        <source>Nothing new to send since the last export.</source>
        <translation>После последнего экспорта новых данных для отправки нет.</translation>
    </message>
    <message>
        <source>Last export: bundle {0} on {1} ({2}).</source>
        <translation>Последний экспорт: пакет {0} от {1} ({2}).</translation>
    </message>
    <message>
        <source>Choose the folder for the bundle</source>
        <translation>Выберите папку для пакета</translation>
    </message>
    <message>
        <source>Writing and checking the bundle… do not remove the drive.</source>
        <translation>Запись и проверка пакета… не извлекайте накопитель.</translation>
    </message>
    <message>
        <source>Done. Bundle {0} was written to {1} ({2}) and read back: it is complete and its signature verifies. {3} changes were exported.</source>
        <translation>Готово. Пакет {0} записан в {1} ({2}) и прочитан повторно: он полный, подпись верна. Экспортировано изменений: {3}.</translation>
    </message>
    <message>
        <source>{0} serious adverse event(s) are now marked as sent.</source>
        <translation>Серьёзных нежелательных явлений, отмеченных как отправленные: {0}.</translation>
    </message>
    <message>
        <source>You can now remove the drive safely and take it to the sponsor.</source>
        <translation>Теперь накопитель можно безопасно извлечь и передать спонсору.</translation>
    </message>
    <message>
        <source>The bundle was not exported: {0}</source>
        <translation>Пакет не экспортирован: {0}</translation>
    </message>
</context>
<context>
    <name>ImportReturnDialog</name>
    <message>
        <source>Import from the sponsor</source>
        <translation>Импорт от спонсора</translation>
    </message>
    <message>
        <source>A return bundle from the sponsor confirms which data arrived, brings data queries and source-data verification, and may bring a new study definition. Its signature is checked before anything changes.</source>
        <translation>Ответный пакет от спонсора подтверждает, какие данные получены, содержит запросы по данным и отметки о верификации исходных данных, а также может содержать новую версию определения исследования. Подпись проверяется до внесения любых изменений.</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Выбрать файл…</translation>
    </message>
    <message>
        <source>Look for drives again</source>
        <translation>Повторить поиск носителей</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Импорт</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>No sponsor signing key is registered, so return bundles cannot be checked. Import the sponsor&apos;s file sponsor-signing.pub in the sync settings.</source>
        <translation>Ключ подписи спонсора не зарегистрирован, поэтому ответные пакеты невозможно проверить. Импортируйте файл спонсора sponsor-signing.pub в настройках синхронизации.</translation>
    </message>
    <message>
        <source>Signed by the sponsor key {0}.</source>
        <translation>Подписано ключом спонсора {0}.</translation>
    </message>
    <message>
        <source>Choose the return bundle</source>
        <translation>Выберите ответный пакет</translation>
    </message>
    <message>
        <source>Return bundles (*{0})</source>
        <translation>Ответные пакеты (*{0})</translation>
    </message>
    <message>
        <source>Checking and importing {0}…</source>
        <translation>Проверка и импорт {0}…</translation>
    </message>
    <message>
        <source>Return bundle {0} imported.</source>
        <translation>Ответный пакет {0} импортирован.</translation>
    </message>
    <message>
        <source>The sponsor confirmed receipt of bundle(s) {0}.</source>
        <translation>Спонсор подтвердил получение пакета (пакетов) {0}.</translation>
    </message>
    <message>
        <source>{0} serious adverse event(s) acknowledged by the sponsor.</source>
        <translation>Серьёзных нежелательных явлений, получение которых подтвердил спонсор: {0}.</translation>
    </message>
    <message>
        <source>{0} new and {1} updated data queries.</source>
        <translation>Новых запросов по данным: {0}, обновлённых: {1}.</translation>
    </message>
    <message>
        <source>{0} record(s) source-data-verified.</source>
        <translation>Записей с верификацией исходных данных: {0}.</translation>
    </message>
    <message>
        <source>Study definition {0} waits for a site administrator to accept it.</source>
        <translation>Определение исследования {0} ожидает принятия администратором центра.</translation>
    </message>
    <message>
        <source>Nothing was imported: {0}</source>
        <translation>Ничего не импортировано: {0}</translation>
    </message>
</context>
<context>
    <name>InfusionDialog</name>
    <message>
        <source>Systolic BP (mmHg)</source>
        <translation>Систолическое АД (мм рт. ст.)</translation>
    </message>
    <message>
        <source>Diastolic BP (mmHg)</source>
        <translation>Диастолическое АД (мм рт. ст.)</translation>
    </message>
    <message>
        <source>Heart rate (/min)</source>
        <translation>ЧСС (/мин)</translation>
    </message>
    <message>
        <source>Temperature (°C)</source>
        <translation>Температура (°C)</translation>
    </message>
    <message>
        <source>SpO₂ (%)</source>
        <translation>SpO₂ (%)</translation>
    </message>
    <message>
        <source>MSC infusion – {0}</source>
        <translation>Инфузия МСК – {0}</translation>
    </message>
    <message>
        <source>Infusion and product</source>
        <translation>Инфузия и препарат</translation>
    </message>
    <message>
        <source>hh:mm</source>
        <translation>чч:мм</translation>
    </message>
    <message>
        <source>Intravenous (IV)</source>
        <translation>Внутривенно (в/в)</translation>
    </message>
    <message>
        <source>Infusion date:</source>
        <translation>Дата инфузии:</translation>
    </message>
    <message>
        <source>Start time:</source>
        <translation>Время начала:</translation>
    </message>
    <message>
        <source>End time:</source>
        <translation>Время окончания:</translation>
    </message>
    <message>
        <source>Product lot number:</source>
        <translation>Номер серии препарата:</translation>
    </message>
    <message>
        <source>Viability (%):</source>
        <translation>Жизнеспособность (%):</translation>
    </message>
    <message>
        <source>Volume (mL):</source>
        <translation>Объём (мл):</translation>
    </message>
    <message>
        <source>Route:</source>
        <translation>Путь введения:</translation>
    </message>
    <message>
        <source>Premedication:</source>
        <translation>Премедикация:</translation>
    </message>
    <message>
        <source>Administering clinician:</source>
        <translation>Врач, проводивший введение:</translation>
    </message>
    <message>
        <source>Dose</source>
        <translation>Доза</translation>
    </message>
    <message>
        <source>millions of cells, e.g. 84</source>
        <translation>млн клеток, напр. 84</translation>
    </message>
    <message>
        <source>Body weight used for dosing (kg):</source>
        <translation>Масса тела для расчёта дозы (кг):</translation>
    </message>
    <message>
        <source>Total cells (×10⁶):</source>
        <translation>Всего клеток (×10⁶):</translation>
    </message>
    <message>
        <source>Dose entered (×10⁶ cells/kg):</source>
        <translation>Введённая доза (×10⁶ клеток/кг):</translation>
    </message>
    <message>
        <source>Vital signs</source>
        <translation>Жизненные показатели</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>До</translation>
    </message>
    <message>
        <source>After</source>
        <translation>После</translation>
    </message>
    <message>
        <source>Infusion reaction</source>
        <translation>Инфузионная реакция</translation>
    </message>
    <message>
        <source>The patient had an infusion reaction (recorded as an adverse event)</source>
        <translation>У пациента была инфузионная реакция (регистрируется как нежелательное явление)</translation>
    </message>
    <message>
        <source>&amp;Save infusion</source>
        <translation>&amp;Сохранить инфузию</translation>
    </message>
    <message>
        <source>MSC infusions are recorded only for enrolled subjects in the MSC arm ({0} is not).</source>
        <translation>Инфузии МСК вносятся только для включённых пациентов группы МСК ({0} к ним не относится).</translation>
    </message>
    <message>
        <source>Read-only: your account cannot change study data.</source>
        <translation>Только просмотр: ваша учётная запись не может изменять данные исследования.</translation>
    </message>
    <message>
        <source>Enter weight and total cells to compute the dose per kg.</source>
        <translation>Введите массу тела и общее число клеток, чтобы рассчитать дозу на кг.</translation>
    </message>
    <message>
        <source>Computed dose: {0} ×10⁶ cells/kg.</source>
        <translation>Рассчитанная доза: {0} ×10⁶ клеток/кг.</translation>
    </message>
    <message>
        <source>Total cells must be between 0.1 and 100 000 (×10⁶).</source>
        <translation>Общее число клеток должно быть от 0,1 до 100 000 (×10⁶).</translation>
    </message>
    <message>
        <source>Nothing was saved: please correct the fields marked in red.</source>
        <translation>Ничего не сохранено: исправьте поля, отмеченные красным.</translation>
    </message>
</context>
<context>
    <name>Input</name>
    <message>
        <source>Enter the date as dd.mm.yyyy, for example 05.03.2026.</source>
        <translation>Введите дату в формате дд.мм.гггг, например 05.03.2026.</translation>
    </message>
    <message>
        <source>{0} is not a calendar date; check day and month.</source>
        <translation>{0} – несуществующая дата; проверьте день и месяц.</translation>
    </message>
    <message>
        <source>Enter a number, for example 1.5.</source>
        <translation>Введите число, например 1,5.</translation>
    </message>
    <message>
        <source>Enter the time as hh:mm, for example 10:30.</source>
        <translation>Введите время в формате чч:мм, например 10:30.</translation>
    </message>
</context>
<context>
    <name>LabsWidget</name>
    <message>
        <source>Sample date:</source>
        <translation>Дата взятия пробы:</translation>
    </message>
    <message>
        <source>eGFR (CKD-EPI 2021):</source>
        <translation>рСКФ (CKD-EPI 2021):</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Анализ</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Единица</translation>
    </message>
    <message>
        <source>Lower limit</source>
        <translation>Нижняя граница</translation>
    </message>
    <message>
        <source>Upper limit</source>
        <translation>Верхняя граница</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Отметка</translation>
    </message>
    <message>
        <source>Above normal</source>
        <translation>Выше нормы</translation>
    </message>
    <message>
        <source>Enter the normal limits printed by the testing laboratory; they are carried over from this patient&apos;s previous results. Values outside the limits are highlighted.</source>
        <translation>Введите границы нормы, указанные лабораторией; они переносятся из предыдущих результатов этого пациента. Значения вне нормы выделяются.</translation>
    </message>
    <message>
        <source>Below normal</source>
        <translation>Ниже нормы</translation>
    </message>
    <message>
        <source>A saved result cannot be removed here; enter the corrected value.</source>
        <translation>Сохранённый результат здесь удалить нельзя; введите исправленное значение.</translation>
    </message>
    <message>
        <source>female</source>
        <translation>женский</translation>
    </message>
    <message>
        <source>male</source>
        <translation>мужской</translation>
    </message>
    <message>
        <source>CKD-EPI 2021, age {0}, sex {1}</source>
        <translation>CKD-EPI 2021, возраст {0}, пол {1}</translation>
    </message>
    <message>
        <source>— ({0})</source>
        <translation>— ({0})</translation>
    </message>
    <message>
        <source>{0} mL/min/1.73 m² ({1})</source>
        <translation>{0} мл/мин/1,73 м² ({1})</translation>
    </message>
</context>
<context>
    <name>LanguageDialog</name>
    <message>
        <source>Interface language</source>
        <translation>Язык интерфейса</translation>
    </message>
    <message>
        <source>&amp;As the system (%1)</source>
        <translation>&amp;Как в системе (%1)</translation>
    </message>
    <message>
        <source>The new language applies when the program is started again.</source>
        <translation>Новый язык будет применён при следующем запуске программы.</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>Screen locked – sle_desktop</source>
        <translation>Экран заблокирован – sle_desktop</translation>
    </message>
    <message>
        <source>The screen is locked</source>
        <translation>Экран заблокирован</translation>
    </message>
    <message>
        <source>{0} ({1}) is logged in. Enter the password to continue; unsaved entries are kept.</source>
        <translation>В системе: {0} ({1}). Введите пароль, чтобы продолжить; несохранённые данные сохраняются.</translation>
    </message>
    <message>
        <source>Log &amp;out (unsaved entries are lost)</source>
        <translation>Выйти из &amp;системы (несохранённые данные будут потеряны)</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Разблокировать</translation>
    </message>
    <message>
        <source>Too many wrong passwords: logging out.</source>
        <translation>Слишком много неверных паролей: выход из системы.</translation>
    </message>
    <message>
        <source>Wrong password ({0} of {1} attempts).</source>
        <translation>Неверный пароль (попытка {0} из {1}).</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in – sle_desktop</source>
        <translation>Вход – sle_desktop</translation>
    </message>
    <message>
        <source>Site {0} – {1}</source>
        <translation>Центр {0} – {1}</translation>
    </message>
    <message>
        <source>SLE MSC trial – electronic data capture</source>
        <translation>Исследование МСК при СКВ – электронный сбор данных</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Имя пользователя:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>&amp;Войти</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>sle_desktop – {0} {1}</source>
        <translation>sle_desktop – {0} {1}</translation>
    </message>
    <message>
        <source> – DEMO</source>
        <translation> – ДЕМО</translation>
    </message>
    <message>
        <source>DEMO – synthetic data. Nothing here is a real patient; the database is deleted when the program closes.</source>
        <translation>ДЕМО – вымышленные данные. Здесь нет реальных пациентов; база данных удаляется при закрытии программы.</translation>
    </message>
    <message>
        <source>Search subject ID, screening number or initials</source>
        <translation>Поиск по ID пациента, номеру скрининга или инициалам</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Все статусы</translation>
    </message>
    <message>
        <source>Both arms</source>
        <translation>Обе группы</translation>
    </message>
    <message>
        <source>Overdue SAE only</source>
        <translation>Только просроченные СНЯ</translation>
    </message>
    <message>
        <source>Subjects</source>
        <translation>Пациенты</translation>
    </message>
    <message>
        <source>Queries</source>
        <translation>Запросы</translation>
    </message>
    <message>
        <source>Queries ({0})</source>
        <translation>Запросы ({0})</translation>
    </message>
    <message>
        <source>Study definition</source>
        <translation>Определение исследования</translation>
    </message>
    <message>
        <source>No study-definition update is waiting.</source>
        <translation>Обновлений определения исследования нет.</translation>
    </message>
    <message>
        <source>The sponsor sent study definition {0} (this site works to {1}). It changes:</source>
        <translation>Спонсор прислал определение исследования {0} (центр работает по {1}). Изменения:</translation>
    </message>
    <message>
        <source>Nothing already entered is changed.</source>
        <translation>Уже внесённые данные не изменяются.</translation>
    </message>
    <message>
        <source>Study definition update</source>
        <translation>Обновление определения исследования</translation>
    </message>
    <message>
        <source>&amp;Accept update</source>
        <translation>&amp;Принять обновление</translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation>&amp;Не сейчас</translation>
    </message>
    <message>
        <source>Only a site administrator can accept it.</source>
        <translation>Принять его может только администратор центра.</translation>
    </message>
    <message>
        <source>Study definition {0} is now in force.</source>
        <translation>Определение исследования {0} вступило в силу.</translation>
    </message>
    <message>
        <source>&amp;New screening…</source>
        <translation>&amp;Новый скрининг…</translation>
    </message>
    <message>
        <source>Screen a new patient with the enrolment wizard</source>
        <translation>Провести скрининг нового пациента в мастере включения</translation>
    </message>
    <message>
        <source>&amp;Open subject</source>
        <translation>&amp;Открыть карту пациента</translation>
    </message>
    <message>
        <source>Record &amp;visit…</source>
        <translation>Внести &amp;визит…</translation>
    </message>
    <message>
        <source>&amp;Adverse event…</source>
        <translation>&amp;Нежелательное явление…</translation>
    </message>
    <message>
        <source>MSC &amp;infusion…</source>
        <translation>&amp;Инфузия МСК…</translation>
    </message>
    <message>
        <source>Audit &amp;trail</source>
        <translation>&amp;Журнал аудита</translation>
    </message>
    <message>
        <source>&amp;Export bundle…</source>
        <translation>&amp;Экспорт пакета…</translation>
    </message>
    <message>
        <source>Write an encrypted sync bundle for the sponsor (USB drive)</source>
        <translation>Записать зашифрованный пакет синхронизации для спонсора (USB-накопитель)</translation>
    </message>
    <message>
        <source>&amp;Cohort trends…</source>
        <translation>&amp;Динамика по группам…</translation>
    </message>
    <message>
        <source>&amp;Import sponsor return…</source>
        <translation>&amp;Импорт ответа спонсора…</translation>
    </message>
    <message>
        <source>Import the sponsor&apos;s return bundle: receipts, data queries, source-data verification</source>
        <translation>Импорт ответного пакета спонсора: подтверждения получения, запросы по данным, верификация исходных данных</translation>
    </message>
    <message>
        <source>Study &amp;definition update…</source>
        <translation>Обновление &amp;определения исследования…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Заблокировать</translation>
    </message>
    <message>
        <source>Lock the screen now</source>
        <translation>Заблокировать экран сейчас</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>Выйти из &amp;системы</translation>
    </message>
    <message>
        <source>&amp;Users…</source>
        <translation>&amp;Пользователи…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>О&amp;бновить</translation>
    </message>
    <message>
        <source>Auto-&amp;lock time…</source>
        <translation>Время авто&amp;блокировки…</translation>
    </message>
    <message>
        <source>&amp;Language…</source>
        <translation>&amp;Язык…</translation>
    </message>
    <message>
        <source>Interface language: English or Russian (applies at the next start)</source>
        <translation>Язык интерфейса: английский или русский (применяется при следующем запуске)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>&amp;Find subject</source>
        <translation>&amp;Найти пациента</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Subjects</source>
        <translation>&amp;Пациенты</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Administration</source>
        <translation>&amp;Администрирование</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Основная панель инструментов</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>Last export: unknown ({0})</source>
        <translation>Последний экспорт: неизвестно ({0})</translation>
    </message>
    <message>
        <source>Last export: never</source>
        <translation>Последний экспорт: не выполнялся</translation>
    </message>
    <message>
        <source>Last export: {0}</source>
        <translation>Последний экспорт: {0}</translation>
    </message>
    <message>
        <source>Study &amp;definition update… (waiting)</source>
        <translation>Обновление &amp;определения исследования… (ожидает)</translation>
    </message>
    <message>
        <source>Loading subjects…</source>
        <translation>Загрузка пациентов…</translation>
    </message>
    <message>
        <source>The subject list could not be loaded: {0}</source>
        <translation>Не удалось загрузить список пациентов: {0}</translation>
    </message>
    <message>
        <source>{0} of {1} subjects</source>
        <translation>{0} из {1} пациентов</translation>
    </message>
    <message>
        <source>Select a subject in the list first.</source>
        <translation>Сначала выберите пациента в списке.</translation>
    </message>
    <message>
        <source>Export bundle</source>
        <translation>Экспорт пакета</translation>
    </message>
    <message>
        <source>Exporting is not available in this build ({0}).</source>
        <translation>Экспорт недоступен в этой сборке ({0}).</translation>
    </message>
    <message>
        <source>Cohort trends</source>
        <translation>Динамика по группам</translation>
    </message>
    <message>
        <source>Trend plots are not available in this build ({0}).</source>
        <translation>Графики динамики недоступны в этой сборке ({0}).</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <source>These forms have changes that are not saved:
{0}

Discard them?</source>
        <translation>В этих формах есть несохранённые изменения:
{0}

Отменить их?</translation>
    </message>
    <message>
        <source>Auto-lock</source>
        <translation>Автоблокировка</translation>
    </message>
    <message>
        <source>Lock the screen after this many idle minutes:</source>
        <translation>Блокировать экран после стольких минут бездействия:</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>A reason for change is required to change a saved record.</source>
        <translation>Чтобы изменить сохранённую запись, укажите причину изменения.</translation>
    </message>
    <message>
        <source>The database is busy (another program is using it). Wait a moment and try again; your entries are still in the form.</source>
        <translation>База данных занята (её использует другая программа). Подождите немного и повторите попытку; введённые данные остались в форме.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong ({0}). Nothing was saved; your entries are still in the form. If it happens again, tell the study coordinator.</source>
        <translation>Произошла непредвиденная ошибка ({0}). Ничего не сохранено; введённые данные остались в форме. Если ошибка повторится, сообщите координатору исследования.</translation>
    </message>
    <message>
        <source>Cannot continue</source>
        <translation>Невозможно продолжить</translation>
    </message>
    <message>
        <source>Please correct the following:</source>
        <translation>Исправьте следующее:</translation>
    </message>
    <message>
        <source>Not allowed: {0}</source>
        <translation>Не разрешено: {0}</translation>
    </message>
    <message>
        <source>A file could not be read or written: {0}</source>
        <translation>Не удалось прочитать или записать файл: {0}</translation>
    </message>
    <message>
        <source>Nothing was saved: please correct the fields marked in red.</source>
        <translation>Ничего не сохранено: исправьте поля, отмеченные красным.</translation>
    </message>
</context>
<context>
    <name>NephritisPage</name>
    <message>
        <source>6. Active lupus nephritis</source>
        <translation>6. Активный волчаночный нефрит</translation>
    </message>
    <message>
        <source>Evidence: kidney biopsy class III, IV or V within 12 months before consent, or proteinuria ≥ 0.5 g/24 h (or UPCR ≥ 0.5 g/g) with active sediment. The investigator must also confirm.</source>
        <translation>Основание: биопсия почки с классом III, IV или V в течение 12 месяцев до согласия, или протеинурия ≥ 0,5 г/24 ч (или UPCR ≥ 0,5 г/г) с активным мочевым осадком. Исследователь также должен подтвердить.</translation>
    </message>
    <message>
        <source>No biopsy</source>
        <translation>Биопсия не проводилась</translation>
    </message>
    <message>
        <source>Class {0}</source>
        <translation>Класс {0}</translation>
    </message>
    <message>
        <source>Active urinary sediment (haematuria or cellular casts)</source>
        <translation>Активный мочевой осадок (гематурия или клеточные цилиндры)</translation>
    </message>
    <message>
        <source>The investigator confirms active lupus nephritis</source>
        <translation>Исследователь подтверждает активный волчаночный нефрит</translation>
    </message>
    <message>
        <source>Biopsy class (ISN/RPS):</source>
        <translation>Класс по биопсии (ISN/RPS):</translation>
    </message>
    <message>
        <source>Biopsy date:</source>
        <translation>Дата биопсии:</translation>
    </message>
    <message>
        <source>Proteinuria (g/24 h):</source>
        <translation>Протеинурия (г/24 ч):</translation>
    </message>
    <message>
        <source>UPCR (g/g):</source>
        <translation>UPCR (г/г):</translation>
    </message>
</context>
<context>
    <name>PatientTrendsWidget</name>
    <message>
        <source>MSC + standard treatment</source>
        <translation>МСК + стандартная терапия</translation>
    </message>
    <message>
        <source>Standard treatment</source>
        <translation>Стандартная терапия</translation>
    </message>
    <message>
        <source>baseline {date}</source>
        <translation>исходный {date}</translation>
    </message>
    <message>
        <source>no baseline visit yet</source>
        <translation>исходного визита ещё нет</translation>
    </message>
    <message>
        <source>No SLEDAI assessments yet</source>
        <translation>Оценок SLEDAI пока нет</translation>
    </message>
    <message>
        <source>Only one assessment: trends appear after the next visit</source>
        <translation>Только одна оценка: динамика появится после следующего визита</translation>
    </message>
    <message>
        <source>unrelated to MSC</source>
        <translation>не связано с МСК</translation>
    </message>
    <message>
        <source>unlikely related to MSC</source>
        <translation>связь с МСК маловероятна</translation>
    </message>
    <message>
        <source>possibly related to MSC</source>
        <translation>возможно связано с МСК</translation>
    </message>
    <message>
        <source>probably related to MSC</source>
        <translation>вероятно связано с МСК</translation>
    </message>
    <message>
        <source>definitely related to MSC</source>
        <translation>определённо связано с МСК</translation>
    </message>
    <message>
        <source>{visit} · day {day} · {date}</source>
        <translation>{visit} · день {day} · {date}</translation>
    </message>
    <message>
        <source>No visit</source>
        <translation>Визита нет</translation>
    </message>
    <message>
        <source>early</source>
        <translation>рано</translation>
    </message>
    <message>
        <source>late</source>
        <translation>поздно</translation>
    </message>
    <message>
        <source> ({status}: protocol deviation)</source>
        <translation> ({status}: отклонение от протокола)</translation>
    </message>
    <message>
        <source>SELENA-SLEDAI (points)</source>
        <translation>SELENA-SLEDAI (баллы)</translation>
    </message>
    <message>
        <source>PGA (0–3)</source>
        <translation>ИГВ (0–3)</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>mild/moderate</source>
        <translation>лёгкое/умеренное</translation>
    </message>
    <message>
        <source>severe</source>
        <translation>тяжёлое</translation>
    </message>
    <message>
        <source>SELENA-SLEDAI {score} points</source>
        <translation>SELENA-SLEDAI {score} баллов</translation>
    </message>
    <message>
        <source> (change from baseline {change})</source>
        <translation> (изменение от исходного {change})</translation>
    </message>
    <message>
        <source>SLEDAI-4 response: {a} · SRI-4 (without BILAG): {b}</source>
        <translation>Ответ SLEDAI-4: {a} · SRI-4 (без BILAG): {b}</translation>
    </message>
    <message>
        <source>Flare vs previous assessment: {flare}</source>
        <translation>Обострение по сравнению с предыдущей оценкой: {flare}</translation>
    </message>
    <message>
        <source>PGA {pga}</source>
        <translation>ИГВ {pga}</translation>
    </message>
    <message>
        <source>SELENA-SLEDAI</source>
        <translation>SELENA-SLEDAI</translation>
    </message>
    <message>
        <source>PGA (right axis)</source>
        <translation>ИГВ (правая ось)</translation>
    </message>
    <message>
        <source>Flare (filled: severe)</source>
        <translation>Обострение (закрашено: тяжёлое)</translation>
    </message>
    <message>
        <source>SRI-4 (without BILAG) response</source>
        <translation>Ответ SRI-4 (без BILAG)</translation>
    </message>
    <message>
        <source>SLEDAI-4 response only</source>
        <translation>Только ответ SLEDAI-4</translation>
    </message>
    <message>
        <source>Visit window</source>
        <translation>Окно визита</translation>
    </message>
    <message>
        <source>Study day (0 = baseline)</source>
        <translation>День исследования (0 = исходный визит)</translation>
    </message>
    <message>
        <source>Infusion</source>
        <translation>Инфузия</translation>
    </message>
    <message>
        <source>AE / SAE</source>
        <translation>НЯ / СНЯ</translation>
    </message>
    <message>
        <source>MSC infusion · day {day} · {date}</source>
        <translation>Инфузия МСК · день {day} · {date}</translation>
    </message>
    <message>
        <source>Serious adverse event</source>
        <translation>Серьёзное нежелательное явление</translation>
    </message>
    <message>
        <source>Adverse event</source>
        <translation>Нежелательное явление</translation>
    </message>
    <message>
        <source>{kind} · day {day} · {date}
{term}, CTCAE grade {grade}, {relationship}</source>
        <translation>{kind} · день {day} · {date}
{term}, степень по CTCAE {grade}, {relationship}</translation>
    </message>
    <message>
        <source>MSC infusion</source>
        <translation>Инфузия МСК</translation>
    </message>
    <message>
        <source> (normal {lo}–{hi})</source>
        <translation> (норма {lo}–{hi})</translation>
    </message>
    <message>
        <source> (normal ≤ {hi})</source>
        <translation> (норма ≤ {hi})</translation>
    </message>
    <message>
        <source> (normal ≥ {lo})</source>
        <translation> (норма ≥ {lo})</translation>
    </message>
    <message>
        <source> — low</source>
        <translation> — ниже нормы</translation>
    </message>
    <message>
        <source> — high</source>
        <translation> — выше нормы</translation>
    </message>
    <message>
        <source>Study day</source>
        <translation>День исследования</translation>
    </message>
    <message>
        <source>No results</source>
        <translation>Нет результатов</translation>
    </message>
    <message>
        <source>Proteinuria</source>
        <translation>Протеинурия</translation>
    </message>
    <message>
        <source>24 h protein (g/24 h)</source>
        <translation>Белок в суточной моче (г/24 ч)</translation>
    </message>
    <message>
        <source>UPCR (g/g)</source>
        <translation>UPCR (г/г)</translation>
    </message>
    <message>
        <source>g/24 h · g/g</source>
        <translation>г/24 ч · г/г</translation>
    </message>
    <message>
        <source>g/24 h</source>
        <translation>г/24 ч</translation>
    </message>
    <message>
        <source>24 h urine protein</source>
        <translation>Белок в суточной моче</translation>
    </message>
    <message>
        <source>UPCR</source>
        <translation>UPCR</translation>
    </message>
    <message>
        <source>eGFR (CKD-EPI 2021)</source>
        <translation>рСКФ (CKD-EPI 2021)</translation>
    </message>
    <message>
        <source>mL/min/1.73 m²</source>
        <translation>мл/мин/1,73 м²</translation>
    </message>
    <message>
        <source>eGFR</source>
        <translation>рСКФ</translation>
    </message>
    <message>
        <source>no creatinine result</source>
        <translation>нет результата креатинина</translation>
    </message>
    <message>
        <source>Not computed: {why}</source>
        <translation>Не рассчитано: {why}</translation>
    </message>
    <message>
        <source>Complement</source>
        <translation>Комплемент</translation>
    </message>
    <message>
        <source>C3</source>
        <translation>C3</translation>
    </message>
    <message>
        <source>C4</source>
        <translation>C4</translation>
    </message>
    <message>
        <source>g/L</source>
        <translation>г/л</translation>
    </message>
    <message>
        <source>Anti-dsDNA</source>
        <translation>Антитела к дсДНК</translation>
    </message>
    <message>
        <source>IU/mL</source>
        <translation>МЕ/мл</translation>
    </message>
    <message>
        <source>Laboratory normal range</source>
        <translation>Референсный интервал лаборатории</translation>
    </message>
</context>
<context>
    <name>PgaWidget</name>
    <message>
        <source>not entered</source>
        <translation>не внесено</translation>
    </message>
    <message>
        <source>0 none</source>
        <translation>0 нет</translation>
    </message>
    <message>
        <source>1 mild</source>
        <translation>1 лёгкая</translation>
    </message>
    <message>
        <source>2 moderate</source>
        <translation>2 умеренная</translation>
    </message>
    <message>
        <source>3 severe</source>
        <translation>3 тяжёлая</translation>
    </message>
</context>
<context>
    <name>QueriesPanel</name>
    <message>
        <source>Query from the sponsor: {0}</source>
        <translation>Запрос спонсора: {0}</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Пациент</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Визит</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Форма</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Вопрос</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Answer (to correct the value instead, open the record and change it with a reason for change, then answer here):</source>
        <translation>Ответ (чтобы вместо этого исправить значение, откройте запись и измените его с указанием причины, затем ответьте здесь):</translation>
    </message>
    <message>
        <source>Your answer to the sponsor</source>
        <translation>Ваш ответ спонсору</translation>
    </message>
    <message>
        <source>&amp;Open record</source>
        <translation>&amp;Открыть запись</translation>
    </message>
    <message>
        <source>&amp;Answer</source>
        <translation>&amp;Ответить</translation>
    </message>
    <message>
        <source>Re-opened</source>
        <translation>Открыт повторно</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыт</translation>
    </message>
    <message>
        <source>No open queries.</source>
        <translation>Открытых запросов нет.</translation>
    </message>
    <message>
        <source>1 open query from the sponsor.</source>
        <translation>1 открытый запрос от спонсора.</translation>
    </message>
    <message>
        <source>{0} open queries from the sponsor.</source>
        <translation>Открытых запросов от спонсора: {0}.</translation>
    </message>
    <message>
        <source>Informed consent</source>
        <translation>Информированное согласие</translation>
    </message>
    <message>
        <source>Screening and eligibility</source>
        <translation>Скрининг и соответствие критериям</translation>
    </message>
    <message>
        <source>SELENA-SLEDAI</source>
        <translation>SELENA-SLEDAI</translation>
    </message>
    <message>
        <source>Laboratory result</source>
        <translation>Лабораторный результат</translation>
    </message>
    <message>
        <source>Adverse event</source>
        <translation>Нежелательное явление</translation>
    </message>
    <message>
        <source>MSC infusion</source>
        <translation>Инфузия МСК</translation>
    </message>
    <message>
        <source>Concomitant medication</source>
        <translation>Сопутствующая терапия</translation>
    </message>
    <message>
        <source>Protocol deviation</source>
        <translation>Отклонение от протокола</translation>
    </message>
    <message>
        <source>Raised by {0} on {1}.</source>
        <translation>Создан: {0}, {1}.</translation>
    </message>
    <message>
        <source>Answer saved; it will reach the sponsor with the next bundle.</source>
        <translation>Ответ сохранён; он будет передан спонсору со следующим пакетом.</translation>
    </message>
    <message>
        <source>It refers to the correction made on {0}.</source>
        <translation>Относится к исправлению от {0}.</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Reason for change</source>
        <translation>Причина изменения</translation>
    </message>
    <message>
        <source>Why is this saved record being changed?</source>
        <translation>Почему изменяется эта сохранённая запись?</translation>
    </message>
    <message>
        <source>The old value, the new value, your name, the time and this reason are kept in the audit trail.</source>
        <translation>Прежнее значение, новое значение, ваше имя, время и эта причина сохраняются в журнале аудита.</translation>
    </message>
    <message>
        <source>Choose a common reason, or type one below…</source>
        <translation>Выберите типичную причину или введите её ниже…</translation>
    </message>
    <message>
        <source>Transcription error corrected</source>
        <translation>Исправлена ошибка переноса данных</translation>
    </message>
    <message>
        <source>Source document updated</source>
        <translation>Обновлён первичный документ</translation>
    </message>
    <message>
        <source>Late laboratory result received</source>
        <translation>Поздно получен лабораторный результат</translation>
    </message>
    <message>
        <source>Clarified with the patient</source>
        <translation>Уточнено у пациента</translation>
    </message>
    <message>
        <source>Correction after monitor query</source>
        <translation>Исправление после запроса монитора</translation>
    </message>
    <message>
        <source>Reason for change (required)</source>
        <translation>Причина изменения (обязательно)</translation>
    </message>
    <message>
        <source>Save with this reason</source>
        <translation>Сохранить с этой причиной</translation>
    </message>
    <message>
        <source>A reason for change is required.</source>
        <translation>Требуется причина изменения.</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Saved</source>
        <translation>Сохранено</translation>
    </message>
    <message>
        <source>Enrolled. Subject ID: {0} (screening number {1}).</source>
        <translation>Включён в исследование. ID пациента: {0} (номер скрининга {1}).</translation>
    </message>
    <message>
        <source>Screening {0} saved: eligible. An investigator must now assign the treatment arm (open the subject and choose Assign arm).</source>
        <translation>Скрининг {0} сохранён: соответствует критериям. Теперь исследователь должен назначить группу лечения (откройте карту пациента и выберите «Назначить группу»).</translation>
    </message>
    <message>
        <source>Screening {0} saved as a screen failure. It stays in the screening log.</source>
        <translation>Скрининг {0} сохранён как выбывший на скрининге. Он остаётся в журнале скрининга.</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>First-time set-up – sle_desktop</source>
        <translation>Первоначальная настройка – sle_desktop</translation>
    </message>
    <message>
        <source>Set up this site</source>
        <translation>Настройка центра</translation>
    </message>
    <message>
        <source>This computer has no study database yet. Enter the site and create the administrator account. The administrator then creates the accounts of investigators, coordinators and monitors.</source>
        <translation>На этом компьютере ещё нет базы данных исследования. Укажите центр и создайте учётную запись администратора. Затем администратор создаёт учётные записи исследователей, координаторов и мониторов.</translation>
    </message>
    <message>
        <source>e.g. BY01</source>
        <translation>напр. BY01</translation>
    </message>
    <message>
        <source>e.g. admin</source>
        <translation>напр. admin</translation>
    </message>
    <message>
        <source>at least {0} characters</source>
        <translation>не менее {0} символов</translation>
    </message>
    <message>
        <source>Site &amp;code:</source>
        <translation>&amp;Код центра:</translation>
    </message>
    <message>
        <source>Site &amp;name:</source>
        <translation>&amp;Название центра:</translation>
    </message>
    <message>
        <source>Administrator &amp;user name:</source>
        <translation>Имя &amp;пользователя администратора:</translation>
    </message>
    <message>
        <source>Administrator &amp;full name:</source>
        <translation>&amp;ФИО администратора:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>П&amp;овторите пароль:</translation>
    </message>
    <message>
        <source>optional – can be imported later</source>
        <translation>необязательно – можно импортировать позже</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Обзор…</translation>
    </message>
    <message>
        <source>Sponsor&apos;s public key file:</source>
        <translation>Файл открытого ключа спонсора:</translation>
    </message>
    <message>
        <source>Create &amp;site</source>
        <translation>Создать &amp;центр</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>Sponsor&apos;s public key file</source>
        <translation>Файл открытого ключа спонсора</translation>
    </message>
    <message>
        <source>The two passwords differ; type the same password twice.</source>
        <translation>Пароли не совпадают; введите один и тот же пароль дважды.</translation>
    </message>
    <message>
        <source>Cannot read this file: {0}</source>
        <translation>Не удаётся прочитать файл: {0}</translation>
    </message>
    <message>
        <source>The site was created, but the sponsor&apos;s key file was not accepted: {0} An administrator can import it later.</source>
        <translation>Центр создан, но файл ключа спонсора не принят: {0} Администратор может импортировать его позже.</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <source>Sign record</source>
        <translation>Подписать запись</translation>
    </message>
    <message>
        <source>Electronic signature</source>
        <translation>Электронная подпись</translation>
    </message>
    <message>
        <source>You are signing {0} as {1}. Your signature is bound to the record&apos;s current content; any later change invalidates it.</source>
        <translation>Вы подписываете {0} как «{1}». Подпись привязана к текущему содержимому записи; любое последующее изменение делает её недействительной.</translation>
    </message>
    <message>
        <source>this record</source>
        <translation>эту запись</translation>
    </message>
    <message>
        <source>Only an investigator can approve a record.</source>
        <translation>Утвердить запись может только исследователь.</translation>
    </message>
    <message>
        <source>Enter your password to sign:</source>
        <translation>Введите пароль для подписи:</translation>
    </message>
    <message>
        <source>&amp;Sign</source>
        <translation>&amp;Подписать</translation>
    </message>
</context>
<context>
    <name>SledaiPage</name>
    <message>
        <source>5. Screening SELENA-SLEDAI</source>
        <translation>5. SELENA-SLEDAI при скрининге</translation>
    </message>
    <message>
        <source>A screening score of at least {0} is required.</source>
        <translation>Требуется балл при скрининге не менее {0}.</translation>
    </message>
    <message>
        <source>Screening requirement: at least {0} – {1}</source>
        <translation>Требование скрининга: не менее {0} – {1}</translation>
    </message>
    <message>
        <source>met</source>
        <translation>выполнен</translation>
    </message>
    <message>
        <source>not met</source>
        <translation>не выполнен</translation>
    </message>
</context>
<context>
    <name>SledaiWidget</name>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>lab</source>
        <translation>лаб.</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Балл</translation>
    </message>
    <message>
        <source>Physician&apos;s Global Assessment (0–3)</source>
        <translation>Общая оценка врача, ИГВ (0–3)</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;SELENA-SLEDAI&lt;/b&gt;: tick a descriptor if it is present at the visit or in the preceding 10 days. Point at a descriptor (or move to it with Tab) to read its definition here.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;SELENA-SLEDAI&lt;/b&gt;: отметьте признак, если он присутствует на визите или в течение предшествующих 10 дней. Наведите указатель на признак (или перейдите к нему клавишей Tab), чтобы прочитать здесь его определение.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt; – weight {1}&lt;br&gt;{2}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; – вес {1}&lt;br&gt;{2}</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;{0}&lt;/b&gt; ({1}) – weight {2}&lt;/p&gt;&lt;p&gt;{3}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;{0}&lt;/b&gt; ({1}) – вес {2}&lt;/p&gt;&lt;p&gt;{3}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#6b4000&apos;&gt;&lt;b&gt;Suggested by labs:&lt;/b&gt; {0}. Tick the box to confirm.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#6b4000&apos;&gt;&lt;b&gt;Предложено по анализам:&lt;/b&gt; {0}. Отметьте, чтобы подтвердить.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>SELENA-SLEDAI: {0}</source>
        <translation>SELENA-SLEDAI: {0}</translation>
    </message>
    <message>
        <source>Renal SLEDAI: {0} of {1}</source>
        <translation>Почечный SLEDAI: {0} из {1}</translation>
    </message>
    <message>
        <source>Suggested by labs: {0}</source>
        <translation>Предложено по анализам: {0}</translation>
    </message>
    <message>
        <source>&lt;i&gt;Suggested by labs: {0}&lt;/i&gt;</source>
        <translation>&lt;i&gt;Предложено по анализам: {0}&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Suggested by the lab results (tick to confirm): {0}</source>
        <translation>Предложено по результатам анализов (отметьте для подтверждения): {0}</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>sle_desktop – demo</source>
        <translation>sle_desktop – демо</translation>
    </message>
    <message>
        <source>sle_desktop – cannot open the database</source>
        <translation>sle_desktop – не удаётся открыть базу данных</translation>
    </message>
    <message>
        <source>Creating the demo site: {0} synthetic patients with visits, labs and adverse events…</source>
        <translation>Создание демонстрационного центра: {0} вымышленных пациентов с визитами, анализами и нежелательными явлениями…</translation>
    </message>
    <message>
        <source>The demo site could not be created: {0}</source>
        <translation>Не удалось создать демонстрационный центр: {0}</translation>
    </message>
    <message>
        <source>DEMO – synthetic data.
Accounts: {0}
Password for all: {1}</source>
        <translation>ДЕМО – вымышленные данные.
Учётные записи: {0}
Пароль для всех: {1}</translation>
    </message>
</context>
<context>
    <name>SubjectTableModel</name>
    <message>
        <source>Subject</source>
        <translation>Пациент</translation>
    </message>
    <message>
        <source>Initials</source>
        <translation>Инициалы</translation>
    </message>
    <message>
        <source>Arm</source>
        <translation>Группа</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Last SLEDAI</source>
        <translation>Последний SLEDAI</translation>
    </message>
    <message>
        <source>Next visit due</source>
        <translation>Следующий визит</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Окно</translation>
    </message>
    <message>
        <source>SAE</source>
        <translation>СНЯ</translation>
    </message>
    <message>
        <source>not yet open</source>
        <translation>ещё не открыт</translation>
    </message>
    <message>
        <source>window open</source>
        <translation>окно открыто</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>просрочен</translation>
    </message>
    <message>
        <source>window missed</source>
        <translation>окно пропущено</translation>
    </message>
    <message>
        <source>MSC</source>
        <translation>МСК</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Стандартная</translation>
    </message>
    <message>
        <source>⚠ overdue</source>
        <translation>⚠ просрочено</translation>
    </message>
    <message>
        <source>Baseline (day 0) – not recorded yet</source>
        <translation>Исходный визит (день 0) – ещё не внесён</translation>
    </message>
    <message>
        <source>all scheduled visits done</source>
        <translation>все плановые визиты выполнены</translation>
    </message>
    <message>
        <source>A serious adverse event has not reached the sponsor within 24 hours: export a sync bundle now.</source>
        <translation>Сведения о серьёзном нежелательном явлении не переданы спонсору в течение 24 часов: экспортируйте пакет синхронизации сейчас.</translation>
    </message>
    <message>
        <source>Failed criteria: {0}</source>
        <translation>Невыполненные критерии: {0}</translation>
    </message>
    <message>
        <source>Assessed on {0}</source>
        <translation>Оценено {0}</translation>
    </message>
</context>
<context>
    <name>SubjectView</name>
    <message>
        <source>Record &amp;visit…</source>
        <translation>Внести &amp;визит…</translation>
    </message>
    <message>
        <source>&amp;Adverse event…</source>
        <translation>&amp;Нежелательное явление…</translation>
    </message>
    <message>
        <source>MSC &amp;infusion…</source>
        <translation>&amp;Инфузия МСК…</translation>
    </message>
    <message>
        <source>Assign a&amp;rm…</source>
        <translation>Назначить &amp;группу…</translation>
    </message>
    <message>
        <source>&amp;Withdraw…</source>
        <translation>&amp;Выбыл из исследования…</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Визит</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Study day</source>
        <translation>День исследования</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Окно</translation>
    </message>
    <message>
        <source>SLEDAI</source>
        <translation>SLEDAI</translation>
    </message>
    <message>
        <source>PGA</source>
        <translation>ИГВ</translation>
    </message>
    <message>
        <source>Flare</source>
        <translation>Обострение</translation>
    </message>
    <message>
        <source>&amp;Open visit…</source>
        <translation>&amp;Открыть визит…</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>Визиты</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Термин</translation>
    </message>
    <message>
        <source>Onset</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Окончание</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Степень</translation>
    </message>
    <message>
        <source>Serious</source>
        <translation>Серьёзное</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Связь</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Исход</translation>
    </message>
    <message>
        <source>Sponsor report</source>
        <translation>Отчёт спонсору</translation>
    </message>
    <message>
        <source>Open / &amp;correct…</source>
        <translation>Открыть / &amp;исправить…</translation>
    </message>
    <message>
        <source>&amp;Sign…</source>
        <translation>&amp;Подписать…</translation>
    </message>
    <message>
        <source>Adverse events</source>
        <translation>Нежелательные явления</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>Серия</translation>
    </message>
    <message>
        <source>Dose (×10⁶/kg)</source>
        <translation>Доза (×10⁶/кг)</translation>
    </message>
    <message>
        <source>Total cells</source>
        <translation>Всего клеток</translation>
    </message>
    <message>
        <source>Viability</source>
        <translation>Жизнеспособность</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Масса тела</translation>
    </message>
    <message>
        <source>Reaction</source>
        <translation>Реакция</translation>
    </message>
    <message>
        <source>Given by</source>
        <translation>Кем введено</translation>
    </message>
    <message>
        <source>MSC infusions</source>
        <translation>Инфузии МСК</translation>
    </message>
    <message>
        <source>Concomitant medication</source>
        <translation>Сопутствующая терапия</translation>
    </message>
    <message>
        <source>Trends</source>
        <translation>Динамика</translation>
    </message>
    <message>
        <source>no arm</source>
        <translation>группа не назначена</translation>
    </message>
    <message>
        <source>{0} – {1}</source>
        <translation>{0} – {1}</translation>
    </message>
    <message>
        <source>Screening number {0}</source>
        <translation>Номер скрининга {0}</translation>
    </message>
    <message>
        <source>initials {0}</source>
        <translation>инициалы {0}</translation>
    </message>
    <message>
        <source>sex {0}, born {1}</source>
        <translation>пол {0}, год рождения {1}</translation>
    </message>
    <message>
        <source>female</source>
        <translation>женский</translation>
    </message>
    <message>
        <source>male</source>
        <translation>мужской</translation>
    </message>
    <message>
        <source>arm: {0}</source>
        <translation>группа: {0}</translation>
    </message>
    <message>
        <source>baseline {0}</source>
        <translation>исходный {0}</translation>
    </message>
    <message>
        <source>Arm assigned by {0}: {1}</source>
        <translation>Группа назначена ({0}): {1}</translation>
    </message>
    <message>
        <source>Screen failure – failed criteria: {0}</source>
        <translation>Выбыл на скрининге – невыполненные критерии: {0}</translation>
    </message>
    <message>
        <source>MSC arm only</source>
        <translation>Только группа МСК</translation>
    </message>
    <message>
        <source>Withdrawn: {0}</source>
        <translation>Выбыл: {0}</translation>
    </message>
    <message>
        <source>in window</source>
        <translation>в окне</translation>
    </message>
    <message>
        <source>early (deviation)</source>
        <translation>рано (отклонение)</translation>
    </message>
    <message>
        <source>late (deviation)</source>
        <translation>поздно (отклонение)</translation>
    </message>
    <message>
        <source>severe</source>
        <translation>тяжёлое</translation>
    </message>
    <message>
        <source>mild/moderate</source>
        <translation>лёгкое/умеренное</translation>
    </message>
    <message>
        <source>SAE: {0}</source>
        <translation>СНЯ: {0}</translation>
    </message>
    <message>
        <source>sent {0}</source>
        <translation>отправлено {0}</translation>
    </message>
    <message>
        <source>OVERDUE – export now</source>
        <translation>ПРОСРОЧЕНО – экспортируйте сейчас</translation>
    </message>
    <message>
        <source>due by {0}</source>
        <translation>до {0}</translation>
    </message>
    <message>
        <source>{0} ×10⁶</source>
        <translation>{0} ×10⁶</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Select a visit in the list first.</source>
        <translation>Сначала выберите визит в списке.</translation>
    </message>
    <message>
        <source>Select an adverse event in the list first.</source>
        <translation>Сначала выберите нежелательное явление в списке.</translation>
    </message>
    <message>
        <source>Withdraw {0} from the study</source>
        <translation>Выбытие {0} из исследования</translation>
    </message>
    <message>
        <source>Withdraw subject</source>
        <translation>Выбытие пациента</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>Выбыл</translation>
    </message>
    <message>
        <source>Select a record in the list first.</source>
        <translation>Сначала выберите запись в списке.</translation>
    </message>
    <message>
        <source>Signed.</source>
        <translation>Подписано.</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>8. Summary and eligibility</source>
        <translation>8. Итоги и соответствие критериям</translation>
    </message>
    <message>
        <source>Check the decision, then save the screening. After saving, the screening can no longer be changed in this wizard.</source>
        <translation>Проверьте решение и сохраните скрининг. После сохранения изменить скрининг в этом мастере будет нельзя.</translation>
    </message>
    <message>
        <source>&amp;Save screening</source>
        <translation>&amp;Сохранить скрининг</translation>
    </message>
    <message>
        <source>ELIGIBLE – every inclusion criterion is met and no exclusion applies.</source>
        <translation>СООТВЕТСТВУЕТ – все критерии включения выполнены, критериев исключения нет.</translation>
    </message>
    <message>
        <source>Save screening records the screening and the patient&apos;s identifiers; the treatment arm is assigned next.</source>
        <translation>«Сохранить скрининг» сохраняет скрининг и идентификаторы пациента; далее назначается группа лечения.</translation>
    </message>
    <message>
        <source>NOT ELIGIBLE – 1 criterion not met:</source>
        <translation>НЕ СООТВЕТСТВУЕТ – не выполнен 1 критерий:</translation>
    </message>
    <message>
        <source>NOT ELIGIBLE – {0} criteria not met:</source>
        <translation>НЕ СООТВЕТСТВУЕТ – не выполнено критериев: {0}</translation>
    </message>
    <message>
        <source>Save screening saves this screening as a SCREEN FAILURE: it stays in the screening log and the patient is not enrolled.</source>
        <translation>«Сохранить скрининг» сохранит этот скрининг как ВЫБЫВШИЙ НА СКРИНИНГЕ: он остаётся в журнале скрининга, пациент не включается.</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Согласие</translation>
    </message>
    <message>
        <source>{0}, version {1}</source>
        <translation>{0}, версия {1}</translation>
    </message>
    <message>
        <source>Age at consent</source>
        <translation>Возраст на момент согласия</translation>
    </message>
    <message>
        <source>ACR 1997 criteria</source>
        <translation>Критерии ACR 1997</translation>
    </message>
    <message>
        <source>{0} of 11</source>
        <translation>{0} из 11</translation>
    </message>
    <message>
        <source>Screening SELENA-SLEDAI</source>
        <translation>SELENA-SLEDAI при скрининге</translation>
    </message>
    <message>
        <source>Anti-dsDNA</source>
        <translation>Антитела к дсДНК</translation>
    </message>
    <message>
        <source>positive</source>
        <translation>положительный</translation>
    </message>
    <message>
        <source>not positive</source>
        <translation>не положительный</translation>
    </message>
    <message>
        <source>Biopsy</source>
        <translation>Биопсия</translation>
    </message>
    <message>
        <source>class {0} on {1}</source>
        <translation>класс {0} от {1}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Proteinuria / UPCR</source>
        <translation>Протеинурия / UPCR</translation>
    </message>
    <message>
        <source>Nephritis confirmed by investigator</source>
        <translation>Нефрит подтверждён исследователем</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>User accounts</source>
        <translation>Учётные записи пользователей</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Имя пользователя</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Активна</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>Заблокирована до</translation>
    </message>
    <message>
        <source>&amp;Deactivate / reactivate…</source>
        <translation>&amp;Деактивировать / активировать…</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Новая учётная запись</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Имя пользователя:</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>ФИО:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Роль:</translation>
    </message>
    <message>
        <source>Initial password:</source>
        <translation>Начальный пароль:</translation>
    </message>
    <message>
        <source>Repeat password:</source>
        <translation>Повторите пароль:</translation>
    </message>
    <message>
        <source>&amp;Create account</source>
        <translation>&amp;Создать учётную запись</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Пароли не совпадают.</translation>
    </message>
    <message>
        <source>Account {0} created.</source>
        <translation>Учётная запись {0} создана.</translation>
    </message>
    <message>
        <source>Select an account first.</source>
        <translation>Сначала выберите учётную запись.</translation>
    </message>
    <message>
        <source>You cannot deactivate your own account.</source>
        <translation>Нельзя деактивировать собственную учётную запись.</translation>
    </message>
    <message>
        <source>Deactivate {0}</source>
        <translation>Деактивировать {0}</translation>
    </message>
    <message>
        <source>Reactivate {0}</source>
        <translation>Активировать {0}</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <source>Visit:</source>
        <translation>Визит:</translation>
    </message>
    <message>
        <source>Visit date:</source>
        <translation>Дата визита:</translation>
    </message>
    <message>
        <source>SELENA-SLEDAI and PGA</source>
        <translation>SELENA-SLEDAI и ИГВ</translation>
    </message>
    <message>
        <source>Laboratory</source>
        <translation>Лаборатория</translation>
    </message>
    <message>
        <source>Concomitant medication</source>
        <translation>Сопутствующая терапия</translation>
    </message>
    <message>
        <source>S&amp;ign SLEDAI…</source>
        <translation>&amp;Подписать SLEDAI…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Закрыть</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Сохранить (Ctrl+S)</translation>
    </message>
    <message>
        <source> (already recorded)</source>
        <translation> (уже внесено)</translation>
    </message>
    <message>
        <source>same as the visit date</source>
        <translation>совпадает с датой визита</translation>
    </message>
    <message>
        <source>New visit: not saved yet.</source>
        <translation>Новый визит: ещё не сохранён.</translation>
    </message>
    <message>
        <source>The date of a recorded visit cannot be changed here.</source>
        <translation>Дату внесённого визита здесь изменить нельзя.</translation>
    </message>
    <message>
        <source>Sponsor query: {0}</source>
        <translation>Запрос спонсора: {0}</translation>
    </message>
    <message>
        <source>Read-only: your account cannot change study data.</source>
        <translation>Только просмотр: ваша учётная запись не может изменять данные исследования.</translation>
    </message>
    <message>
        <source>{0} – {1}</source>
        <translation>{0} – {1}</translation>
    </message>
    <message>
        <source>New visit: {0}</source>
        <translation>Новый визит: {0}</translation>
    </message>
    <message>
        <source>no creatinine result</source>
        <translation>нет результата креатинина</translation>
    </message>
    <message>
        <source>study day {0}</source>
        <translation>день исследования {0}</translation>
    </message>
    <message>
        <source>window {0}–{1}</source>
        <translation>окно {0}–{1}</translation>
    </message>
    <message>
        <source>in window</source>
        <translation>в окне</translation>
    </message>
    <message>
        <source>EARLY – outside the window (protocol deviation)</source>
        <translation>РАНО – вне окна визита (отклонение от протокола)</translation>
    </message>
    <message>
        <source>LATE – outside the window (protocol deviation)</source>
        <translation>ПОЗДНО – вне окна визита (отклонение от протокола)</translation>
    </message>
    <message>
        <source>SLEDAI not saved yet: nothing to sign.</source>
        <translation>SLEDAI ещё не сохранён: подписывать нечего.</translation>
    </message>
    <message>
        <source>SLEDAI saved; not signed.</source>
        <translation>SLEDAI сохранён; не подписан.</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>действительна</translation>
    </message>
    <message>
        <source>no longer valid: {0}</source>
        <translation>недействительна: {0}</translation>
    </message>
    <message>
        <source>{0} by {1} on {2} ({3})</source>
        <translation>{0} — {1}, {2} ({3})</translation>
    </message>
    <message>
        <source>Signatures: </source>
        <translation>Подписи: </translation>
    </message>
    <message>
        <source>Nothing was saved: please correct the fields marked in red.</source>
        <translation>Ничего не сохранено: исправьте поля, отмеченные красным.</translation>
    </message>
    <message>
        <source>Visit date is required.</source>
        <translation>Укажите дату визита.</translation>
    </message>
    <message>
        <source>Nothing was saved; your entries are kept.</source>
        <translation>Ничего не сохранено; введённые данные остались в форме.</translation>
    </message>
    <message>
        <source>Visit {0}</source>
        <translation>Визит {0}</translation>
    </message>
    <message>
        <source>Not saved: changing a saved record needs a reason. Your changes are still in the form.</source>
        <translation>Не сохранено: для изменения сохранённой записи нужна причина. Ваши изменения остались в форме.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Сохранено.</translation>
    </message>
    <message>
        <source>The visit is outside its window; a protocol deviation was recorded.</source>
        <translation>Визит вне окна; зарегистрировано отклонение от протокола.</translation>
    </message>
    <message>
        <source>SELENA-SLEDAI {0}, renal {1}, PGA {2}.</source>
        <translation>SELENA-SLEDAI {0}, почечный {1}, ИГВ {2}.</translation>
    </message>
    <message>
        <source>severe</source>
        <translation>тяжёлое</translation>
    </message>
    <message>
        <source>mild/moderate</source>
        <translation>лёгкое/умеренное</translation>
    </message>
    <message>
        <source>SELENA flare ({0}) compared with the previous assessment: please confirm clinically.</source>
        <translation>Обострение по SELENA ({0}) по сравнению с предыдущей оценкой: подтвердите клинически.</translation>
    </message>
    <message>
        <source>Save the changes before signing.</source>
        <translation>Сохраните изменения перед подписанием.</translation>
    </message>
    <message>
        <source>the SELENA-SLEDAI of {0}</source>
        <translation>SELENA-SLEDAI от {0}</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Несохранённые изменения</translation>
    </message>
    <message>
        <source>This visit has changes that are not saved. Close and discard them?</source>
        <translation>В этом визите есть несохранённые изменения. Закрыть и отменить их?</translation>
    </message>
</context>
<context>
    <name>_ExportMixin</name>
    <message>
        <source>Export PNG…</source>
        <translation>Экспорт PNG…</translation>
    </message>
    <message>
        <source>Export SVG…</source>
        <translation>Экспорт SVG…</translation>
    </message>
    <message>
        <source>There is no plot to export yet.</source>
        <translation>Графика для экспорта пока нет.</translation>
    </message>
    <message>
        <source>Export as .png or .svg, not {suffix}.</source>
        <translation>Экспорт возможен в .png или .svg, а не {suffix}.</translation>
    </message>
    <message>
        <source>The image could not be written to {path}.</source>
        <translation>Не удалось записать изображение в {path}.</translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation>Экспорт PNG</translation>
    </message>
    <message>
        <source>Export SVG</source>
        <translation>Экспорт SVG</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>Изображение PNG (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>Рисунок SVG (*.svg)</translation>
    </message>
</context>
<context>
    <name>catalog</name>
    <message>
        <source>Seizure</source>
        <translation>Судороги</translation>
    </message>
    <message>
        <source>Recent onset. Exclude metabolic, infectious or drug causes, or seizure due to past irreversible CNS damage.</source>
        <translation>Недавнее начало. Исключить метаболические, инфекционные и лекарственные причины, а также судороги вследствие необратимого поражения ЦНС в прошлом.</translation>
    </message>
    <message>
        <source>CNS</source>
        <translation>ЦНС</translation>
    </message>
    <message>
        <source>Psychosis</source>
        <translation>Психоз</translation>
    </message>
    <message>
        <source>Altered ability to function in normal activity due to severe disturbance in the perception of reality: hallucinations, incoherence, marked loose associations, impoverished thought content, marked illogical thinking, bizarre, disorganized or catatonic behaviour. Exclude uremia and drug causes.</source>
        <translation>Нарушение способности к нормальной деятельности вследствие тяжёлого расстройства восприятия реальности: галлюцинации, бессвязность, выраженное разорванное мышление, обеднение содержания мышления, выраженная нелогичность мышления, причудливое, дезорганизованное или кататоническое поведение. Исключить уремию и лекарственные причины.</translation>
    </message>
    <message>
        <source>Organic brain syndrome</source>
        <translation>Органический мозговой синдром</translation>
    </message>
    <message>
        <source>Altered mental function with impaired orientation, memory or other intellectual function, rapid onset and fluctuating features: clouding of consciousness with reduced capacity to focus and sustain attention, plus at least 2 of: perceptual disturbance, incoherent speech, insomnia or daytime drowsiness, increased or decreased psychomotor activity. Exclude metabolic, infectious or drug causes.</source>
        <translation>Нарушение психических функций с расстройством ориентации, памяти или других интеллектуальных функций, с быстрым началом и колеблющимися проявлениями: помрачение сознания со сниженной способностью сосредоточиться и удерживать внимание, а также не менее 2 из следующих: нарушения восприятия, бессвязная речь, бессонница или дневная сонливость, повышение или снижение психомоторной активности. Исключить метаболические, инфекционные и лекарственные причины.</translation>
    </message>
    <message>
        <source>Visual disturbance</source>
        <translation>Нарушения зрения</translation>
    </message>
    <message>
        <source>Retinal changes of SLE: cytoid bodies, retinal haemorrhages, serous exudate or haemorrhages in the choroid, optic neuritis, scleritis or episcleritis. Exclude hypertension, infection or drug causes.</source>
        <translation>Изменения сетчатки при СКВ: цитоидные тельца, кровоизлияния в сетчатку, серозный экссудат или кровоизлияния в сосудистую оболочку, неврит зрительного нерва, склерит или эписклерит. Исключить артериальную гипертензию, инфекционные и лекарственные причины.</translation>
    </message>
    <message>
        <source>Cranial nerve disorder</source>
        <translation>Поражение черепных нервов</translation>
    </message>
    <message>
        <source>New onset of sensory or motor neuropathy involving cranial nerves (includes vertigo due to lupus).</source>
        <translation>Впервые возникшая сенсорная или моторная нейропатия черепных нервов (включая головокружение вследствие волчанки).</translation>
    </message>
    <message>
        <source>Lupus headache</source>
        <translation>Волчаночная головная боль</translation>
    </message>
    <message>
        <source>Severe, persistent headache; may be migrainous, but must be non-responsive to narcotic analgesia.</source>
        <translation>Сильная стойкая головная боль; может быть мигренеподобной, но не купируется наркотическими анальгетиками.</translation>
    </message>
    <message>
        <source>CVA</source>
        <translation>Нарушение мозгового кровообращения</translation>
    </message>
    <message>
        <source>New onset of cerebrovascular accident(s). Exclude arteriosclerosis or hypertensive causes.</source>
        <translation>Впервые возникшее нарушение мозгового кровообращения. Исключить атеросклеротические и гипертензивные причины.</translation>
    </message>
    <message>
        <source>Vasculitis</source>
        <translation>Васкулит</translation>
    </message>
    <message>
        <source>Ulceration, gangrene, tender finger nodules, periungual infarction, splinter haemorrhages, or biopsy or angiogram proof of vasculitis.</source>
        <translation>Изъязвления, гангрена, болезненные узелки на пальцах, периунгвальные инфаркты, «занозистые» кровоизлияния, или васкулит, подтверждённый биопсией или ангиографией.</translation>
    </message>
    <message>
        <source>Vascular</source>
        <translation>Сосуды</translation>
    </message>
    <message>
        <source>Arthritis</source>
        <translation>Артрит</translation>
    </message>
    <message>
        <source>More than 2 joints with pain and signs of inflammation (tenderness, swelling or effusion).</source>
        <translation>Более 2 суставов с болью и признаками воспаления (болезненность, припухлость или выпот).</translation>
    </message>
    <message>
        <source>Musculoskeletal</source>
        <translation>Опорно-двигательный аппарат</translation>
    </message>
    <message>
        <source>Myositis</source>
        <translation>Миозит</translation>
    </message>
    <message>
        <source>Proximal muscle aching/weakness with elevated CPK/aldolase, or EMG changes, or biopsy showing myositis.</source>
        <translation>Боль/слабость в проксимальных мышцах с повышением КФК/альдолазы, или изменения на ЭМГ, или биопсия, подтверждающая миозит.</translation>
    </message>
    <message>
        <source>Urinary casts</source>
        <translation>Цилиндрурия</translation>
    </message>
    <message>
        <source>Heme-granular or red blood cell casts.</source>
        <translation>Эритроцитарные или зернистые (гемовые) цилиндры.</translation>
    </message>
    <message>
        <source>Renal</source>
        <translation>Почки</translation>
    </message>
    <message>
        <source>Haematuria</source>
        <translation>Гематурия</translation>
    </message>
    <message>
        <source>&gt;5 RBC/high-power field. Exclude stone, infection or other cause.</source>
        <translation>&gt;5 эритроцитов в поле зрения (при большом увеличении). Исключить камни, инфекцию и другие причины.</translation>
    </message>
    <message>
        <source>Proteinuria</source>
        <translation>Протеинурия</translation>
    </message>
    <message>
        <source>New onset or recent increase of more than 0.5 g/24 h.</source>
        <translation>Впервые возникшая протеинурия или недавнее её увеличение более чем на 0,5 г/24 ч.</translation>
    </message>
    <message>
        <source>Pyuria</source>
        <translation>Пиурия</translation>
    </message>
    <message>
        <source>&gt;5 WBC/high-power field. Exclude infection.</source>
        <translation>&gt;5 лейкоцитов в поле зрения (при большом увеличении). Исключить инфекцию.</translation>
    </message>
    <message>
        <source>Rash</source>
        <translation>Сыпь</translation>
    </message>
    <message>
        <source>New or ongoing inflammatory lupus rash.</source>
        <translation>Впервые возникшая или продолжающаяся воспалительная волчаночная сыпь.</translation>
    </message>
    <message>
        <source>Mucocutaneous</source>
        <translation>Кожа и слизистые</translation>
    </message>
    <message>
        <source>Alopecia</source>
        <translation>Алопеция</translation>
    </message>
    <message>
        <source>New or ongoing abnormal, patchy or diffuse loss of hair due to active lupus.</source>
        <translation>Впервые возникшее или продолжающееся патологическое очаговое или диффузное выпадение волос вследствие активной волчанки.</translation>
    </message>
    <message>
        <source>Mucosal ulcers</source>
        <translation>Язвы слизистых оболочек</translation>
    </message>
    <message>
        <source>New or ongoing oral or nasal ulcerations due to active lupus.</source>
        <translation>Впервые возникшие или продолжающиеся язвы полости рта или носа вследствие активной волчанки.</translation>
    </message>
    <message>
        <source>Pleurisy</source>
        <translation>Плеврит</translation>
    </message>
    <message>
        <source>Classic and severe pleuritic chest pain, or pleural rub, or effusion, or new pleural thickening due to lupus.</source>
        <translation>Типичная выраженная плевритическая боль в грудной клетке, или шум трения плевры, или выпот, или впервые возникшее утолщение плевры вследствие волчанки.</translation>
    </message>
    <message>
        <source>Serosal</source>
        <translation>Серозные оболочки</translation>
    </message>
    <message>
        <source>Pericarditis</source>
        <translation>Перикардит</translation>
    </message>
    <message>
        <source>Classic and severe pericardial pain, or rub, or effusion, or ECG/echo confirmation.</source>
        <translation>Типичная выраженная перикардиальная боль, или шум трения перикарда, или выпот, или подтверждение по ЭКГ/ЭхоКГ.</translation>
    </message>
    <message>
        <source>Low complement</source>
        <translation>Низкий уровень комплемента</translation>
    </message>
    <message>
        <source>Decrease in CH50, C3 or C4 below the lower limit of normal of the testing laboratory.</source>
        <translation>Снижение CH50, C3 или C4 ниже нижней границы нормы лаборатории, выполнившей анализ.</translation>
    </message>
    <message>
        <source>Immunological</source>
        <translation>Иммунологические</translation>
    </message>
    <message>
        <source>Increased DNA binding</source>
        <translation>Повышенный уровень антител к ДНК</translation>
    </message>
    <message>
        <source>&gt;25% binding by Farr assay, or above the normal range of the testing laboratory.</source>
        <translation>Связывание &gt;25% по методу Farr или выше нормы лаборатории, выполнившей анализ.</translation>
    </message>
    <message>
        <source>Fever</source>
        <translation>Лихорадка</translation>
    </message>
    <message>
        <source>&gt;38 °C. Exclude infectious cause.</source>
        <translation>&gt;38 °C. Исключить инфекционную причину.</translation>
    </message>
    <message>
        <source>Constitutional</source>
        <translation>Общие симптомы</translation>
    </message>
    <message>
        <source>Thrombocytopenia</source>
        <translation>Тромбоцитопения</translation>
    </message>
    <message>
        <source>Platelets &lt;100 ×10⁹/L. Exclude drug causes.</source>
        <translation>Тромбоциты &lt;100 ×10⁹/л. Исключить лекарственные причины.</translation>
    </message>
    <message>
        <source>Haematological</source>
        <translation>Гематологические</translation>
    </message>
    <message>
        <source>Leukopenia</source>
        <translation>Лейкопения</translation>
    </message>
    <message>
        <source>WBC &lt;3 ×10⁹/L. Exclude drug causes.</source>
        <translation>Лейкоциты &lt;3 ×10⁹/л. Исключить лекарственные причины.</translation>
    </message>
    <message>
        <source>Malar rash</source>
        <translation>Эритема в скуловой области («бабочка»)</translation>
    </message>
    <message>
        <source>Discoid rash</source>
        <translation>Дискоидная сыпь</translation>
    </message>
    <message>
        <source>Photosensitivity</source>
        <translation>Фотосенсибилизация</translation>
    </message>
    <message>
        <source>Oral ulcers</source>
        <translation>Язвы полости рта</translation>
    </message>
    <message>
        <source>Non-erosive arthritis</source>
        <translation>Неэрозивный артрит</translation>
    </message>
    <message>
        <source>Serositis</source>
        <translation>Серозит</translation>
    </message>
    <message>
        <source>Renal disorder</source>
        <translation>Поражение почек</translation>
    </message>
    <message>
        <source>Neurologic disorder</source>
        <translation>Неврологические нарушения</translation>
    </message>
    <message>
        <source>Haematologic disorder</source>
        <translation>Гематологические нарушения</translation>
    </message>
    <message>
        <source>Immunologic disorder</source>
        <translation>Иммунологические нарушения</translation>
    </message>
    <message>
        <source>Positive antinuclear antibody</source>
        <translation>Положительные антинуклеарные антитела</translation>
    </message>
    <message>
        <source>Fixed erythema, flat or raised, over the malar eminences.</source>
        <translation>Стойкая эритема, плоская или возвышающаяся, в области скуловых возвышений.</translation>
    </message>
    <message>
        <source>Erythematous raised patches with keratotic scaling and follicular plugging.</source>
        <translation>Эритематозные приподнятые бляшки с кератотическим шелушением и фолликулярными пробками.</translation>
    </message>
    <message>
        <source>Skin rash as a result of unusual reaction to sunlight.</source>
        <translation>Кожная сыпь в результате необычной реакции на солнечный свет.</translation>
    </message>
    <message>
        <source>Oral or nasopharyngeal ulceration, usually painless.</source>
        <translation>Язвы полости рта или носоглотки, обычно безболезненные.</translation>
    </message>
    <message>
        <source>Non-erosive arthritis involving 2 or more peripheral joints.</source>
        <translation>Неэрозивный артрит 2 или более периферических суставов.</translation>
    </message>
    <message>
        <source>Pleuritis or pericarditis.</source>
        <translation>Плеврит или перикардит.</translation>
    </message>
    <message>
        <source>Persistent proteinuria &gt; 0.5 g/day or &gt; 3+, or cellular casts.</source>
        <translation>Стойкая протеинурия &gt; 0,5 г/сут или &gt; 3+, или клеточные цилиндры.</translation>
    </message>
    <message>
        <source>Seizures or psychosis.</source>
        <translation>Судороги или психоз.</translation>
    </message>
    <message>
        <source>Haemolytic anaemia, or leukopenia &lt; 4 ×10⁹/L on 2 occasions, or lymphopenia &lt; 1.5 ×10⁹/L on 2 occasions, or thrombocytopenia &lt; 100 ×10⁹/L.</source>
        <translation>Гемолитическая анемия, или лейкопения &lt; 4 ×10⁹/л дважды, или лимфопения &lt; 1,5 ×10⁹/л дважды, или тромбоцитопения &lt; 100 ×10⁹/л.</translation>
    </message>
    <message>
        <source>Anti-dsDNA, anti-Sm, or antiphospholipid antibodies.</source>
        <translation>Антитела к дсДНК, анти-Sm или антифосфолипидные антитела.</translation>
    </message>
    <message>
        <source>An abnormal titre of antinuclear antibody.</source>
        <translation>Повышенный титр антинуклеарных антител.</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Возраст</translation>
    </message>
    <message>
        <source>ACR 1997 criteria</source>
        <translation>Критерии ACR 1997</translation>
    </message>
    <message>
        <source>Anti-dsDNA</source>
        <translation>Антитела к дсДНК</translation>
    </message>
    <message>
        <source>SELENA-SLEDAI</source>
        <translation>SELENA-SLEDAI</translation>
    </message>
    <message>
        <source>Active lupus nephritis</source>
        <translation>Активный волчаночный нефрит</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Согласие</translation>
    </message>
    <message>
        <source>Ability to follow procedures</source>
        <translation>Способность соблюдать процедуры исследования</translation>
    </message>
    <message>
        <source>Dialysis</source>
        <translation>Диализ</translation>
    </message>
    <message>
        <source>Planned renal transplantation</source>
        <translation>Запланированная трансплантация почки</translation>
    </message>
    <message>
        <source>High-risk medical condition</source>
        <translation>Заболевание с высоким риском</translation>
    </message>
    <message>
        <source>Pregnancy or lactation</source>
        <translation>Беременность или лактация</translation>
    </message>
    <message>
        <source>Chronic infection</source>
        <translation>Хроническая инфекция</translation>
    </message>
    <message>
        <source>Malignancy in the last 5 years</source>
        <translation>Злокачественное новообразование в последние 5 лет</translation>
    </message>
    <message>
        <source>Informed consent</source>
        <translation>Информированное согласие</translation>
    </message>
    <message>
        <source>Eligibility</source>
        <translation>Соответствие критериям</translation>
    </message>
    <message>
        <source>Demographics</source>
        <translation>Демографические данные</translation>
    </message>
    <message>
        <source>SELENA-SLEDAI and PGA</source>
        <translation>SELENA-SLEDAI и ИГВ</translation>
    </message>
    <message>
        <source>Laboratory results</source>
        <translation>Лабораторные результаты</translation>
    </message>
    <message>
        <source>Arm assignment</source>
        <translation>Назначение группы лечения</translation>
    </message>
    <message>
        <source>MSC infusion</source>
        <translation>Инфузия МСК</translation>
    </message>
    <message>
        <source>Adverse events</source>
        <translation>Нежелательные явления</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>Скрининг</translation>
    </message>
    <message>
        <source>Baseline (day 0)</source>
        <translation>Исходный визит (день 0)</translation>
    </message>
    <message>
        <source>Month 1</source>
        <translation>Месяц 1</translation>
    </message>
    <message>
        <source>Month 3</source>
        <translation>Месяц 3</translation>
    </message>
    <message>
        <source>Month 6 (primary endpoint)</source>
        <translation>Месяц 6 (первичная конечная точка)</translation>
    </message>
    <message>
        <source>Unscheduled</source>
        <translation>Внеплановый визит</translation>
    </message>
    <message>
        <source>Results in death</source>
        <translation>Приводит к смерти</translation>
    </message>
    <message>
        <source>Life-threatening</source>
        <translation>Угрожающее жизни</translation>
    </message>
    <message>
        <source>Requires hospitalisation or prolongs hospitalisation</source>
        <translation>Требует госпитализации или её продления</translation>
    </message>
    <message>
        <source>Persistent or significant disability/incapacity</source>
        <translation>Стойкая или значительная нетрудоспособность / инвалидность</translation>
    </message>
    <message>
        <source>Congenital anomaly/birth defect</source>
        <translation>Врождённая аномалия / порок развития</translation>
    </message>
    <message>
        <source>Other important medical event</source>
        <translation>Другое важное с медицинской точки зрения событие</translation>
    </message>
    <message>
        <source>Unrelated</source>
        <translation>Не связано</translation>
    </message>
    <message>
        <source>Unlikely related</source>
        <translation>Связь маловероятна</translation>
    </message>
    <message>
        <source>Possibly related</source>
        <translation>Возможно связано</translation>
    </message>
    <message>
        <source>Probably related</source>
        <translation>Вероятно связано</translation>
    </message>
    <message>
        <source>Definitely related</source>
        <translation>Определённо связано</translation>
    </message>
    <message>
        <source>Dose not changed</source>
        <translation>Доза не изменялась</translation>
    </message>
    <message>
        <source>Infusion interrupted</source>
        <translation>Инфузия прервана</translation>
    </message>
    <message>
        <source>Infusion stopped (product withdrawn)</source>
        <translation>Инфузия остановлена (препарат отменён)</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>Неприменимо</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Неизвестно</translation>
    </message>
    <message>
        <source>Recovered/resolved</source>
        <translation>Выздоровление / разрешилось</translation>
    </message>
    <message>
        <source>Recovering/resolving</source>
        <translation>Выздоравливает / разрешается</translation>
    </message>
    <message>
        <source>Not recovered/not resolved</source>
        <translation>Не выздоровел / не разрешилось</translation>
    </message>
    <message>
        <source>Recovered/resolved with sequelae</source>
        <translation>Выздоровление / разрешилось с последствиями</translation>
    </message>
    <message>
        <source>Fatal</source>
        <translation>Смерть</translation>
    </message>
    <message>
        <source>Grade 1 – mild</source>
        <translation>Степень 1 – лёгкая</translation>
    </message>
    <message>
        <source>Grade 2 – moderate</source>
        <translation>Степень 2 – умеренная</translation>
    </message>
    <message>
        <source>Grade 3 – severe or medically significant</source>
        <translation>Степень 3 – тяжёлая или клинически значимая</translation>
    </message>
    <message>
        <source>Grade 4 – life-threatening</source>
        <translation>Степень 4 – угрожающая жизни</translation>
    </message>
    <message>
        <source>Grade 5 – death related to AE</source>
        <translation>Степень 5 – смерть, связанная с НЯ</translation>
    </message>
    <message>
        <source>MSC + standard treatment</source>
        <translation>МСК + стандартная терапия</translation>
    </message>
    <message>
        <source>Standard treatment</source>
        <translation>Стандартная терапия</translation>
    </message>
    <message>
        <source>Screened (eligible)</source>
        <translation>Скрининг пройден</translation>
    </message>
    <message>
        <source>Screen failure</source>
        <translation>Выбыл на скрининге</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Включён</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Выбыл из исследования</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Завершил участие</translation>
    </message>
    <message>
        <source>Investigator</source>
        <translation>Исследователь</translation>
    </message>
    <message>
        <source>Study coordinator</source>
        <translation>Координатор исследования</translation>
    </message>
    <message>
        <source>Monitor (read-only)</source>
        <translation>Монитор (только просмотр)</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Администратор</translation>
    </message>
    <message>
        <source>Headless command</source>
        <translation>Команда без интерфейса</translation>
    </message>
    <message>
        <source>I am the author of this record</source>
        <translation>Я являюсь автором этой записи</translation>
    </message>
    <message>
        <source>I have reviewed this record</source>
        <translation>Я проверил(а) эту запись</translation>
    </message>
    <message>
        <source>I approve this record</source>
        <translation>Я утверждаю эту запись</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Пациент</translation>
    </message>
    <message>
        <source>Screening and eligibility</source>
        <translation>Скрининг и соответствие критериям</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Визит</translation>
    </message>
    <message>
        <source>Laboratory result</source>
        <translation>Лабораторный результат</translation>
    </message>
    <message>
        <source>Adverse event</source>
        <translation>Нежелательное явление</translation>
    </message>
    <message>
        <source>Concomitant medication</source>
        <translation>Сопутствующая терапия</translation>
    </message>
    <message>
        <source>Protocol deviation</source>
        <translation>Отклонение от протокола</translation>
    </message>
    <message>
        <source>Platelets</source>
        <translation>Тромбоциты</translation>
    </message>
    <message>
        <source>WBC</source>
        <translation>Лейкоциты</translation>
    </message>
    <message>
        <source>Lymphocytes</source>
        <translation>Лимфоциты</translation>
    </message>
    <message>
        <source>Haemoglobin</source>
        <translation>Гемоглобин</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Температура</translation>
    </message>
    <message>
        <source>C3</source>
        <translation>C3</translation>
    </message>
    <message>
        <source>C4</source>
        <translation>C4</translation>
    </message>
    <message>
        <source>Urine RBC</source>
        <translation>Эритроциты в моче</translation>
    </message>
    <message>
        <source>Urine WBC</source>
        <translation>Лейкоциты в моче</translation>
    </message>
    <message>
        <source>Heme-granular/RBC casts</source>
        <translation>Эритроцитарные/зернистые цилиндры</translation>
    </message>
    <message>
        <source>24 h urine protein</source>
        <translation>Белок в суточной моче</translation>
    </message>
    <message>
        <source>UPCR</source>
        <translation>UPCR</translation>
    </message>
    <message>
        <source>Serum creatinine</source>
        <translation>Креатинин сыворотки</translation>
    </message>
    <message>
        <source>CPK</source>
        <translation>КФК</translation>
    </message>
    <message>
        <source>(0 absent, 1 present)</source>
        <translation>(0 нет, 1 есть)</translation>
    </message>
    <message>
        <source>no creatinine result</source>
        <translation>нет результата креатинина</translation>
    </message>
    <message>
        <source>sex unknown: eGFR not computed</source>
        <translation>пол неизвестен: рСКФ не рассчитана</translation>
    </message>
</context>
</TS>
