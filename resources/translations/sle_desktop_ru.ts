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
        <message>
            <source>yes</source>
            <translation>да</translation>
        </message>
        <message>
            <source>no</source>
            <translation>нет</translation>
        </message>
        <message>
            <source>Adverse event term</source>
            <translation>Нежелательное явление (термин)</translation>
        </message>
        <message>
            <source>Onset date</source>
            <translation>Дата начала</translation>
        </message>
        <message>
            <source>Stop date</source>
            <translation>Дата окончания</translation>
        </message>
        <message>
            <source>CTCAE grade</source>
            <translation>Степень CTCAE</translation>
        </message>
        <message>
            <source>Serious</source>
            <translation>Серьёзное</translation>
        </message>
        <message>
            <source>Relationship to MSC product</source>
            <translation>Связь с препаратом МСК</translation>
        </message>
        <message>
            <source>Action taken with MSC</source>
            <translation>Меры в отношении МСК</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>Исход</translation>
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
            <source>Entered from a paper CRF</source>
            <translation>Внесено с бумажной ИРК</translation>
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
        <message>
            <source>Hospitalisation for SLE activity (counts as a severe SELENA Flare Index flare)</source>
            <translation>Госпитализация по поводу активности СКВ (тяжёлое обострение по индексу обострений SELENA)</translation>
        </message>
    </context>
    <context>
        <name>AntiDsDnaPage</name>
        <message>
            <source>4. Anti-dsDNA</source>
            <translation>4. Антитела к дсДНК (anti-dsDNA)</translation>
        </message>
        <message>
            <source>Positive anti-dsDNA is required: a value above the laboratory's upper limit, or a qualitative positive result.</source>
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
        <name>AppMessages</name>
        <message>
            <source>Adverse event term</source>
            <translation>Термин нежелательного явления</translation>
        </message>
        <message>
            <source>Onset date</source>
            <translation>Дата начала</translation>
        </message>
        <message>
            <source>Stop date</source>
            <translation>Дата окончания</translation>
        </message>
        <message>
            <source>The stop date is before the onset date.</source>
            <translation>Дата окончания раньше даты начала.</translation>
        </message>
        <message>
            <source>CTCAE grade</source>
            <translation>Степень по CTCAE</translation>
        </message>
        <message>
            <source>Relationship to the MSC product</source>
            <translation>Связь с препаратом МСК</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>Исход</translation>
        </message>
        <message>
            <source>Action taken</source>
            <translation>Принятые меры</translation>
        </message>
        <message>
            <source>Unknown seriousness criteria: {criteria}.</source>
            <translation>Неизвестные критерии серьёзности: {criteria}.</translation>
        </message>
        <message>
            <source>A grade 5 event is fatal: set the outcome to fatal.</source>
            <translation>Явление степени 5 – летальное: укажите исход «Смерть».</translation>
        </message>
        <message>
            <source>A fatal outcome is CTCAE grade 5.</source>
            <translation>Летальный исход соответствует степени 5 по CTCAE.</translation>
        </message>
        <message>
            <source>A fatal event is serious with the criterion 'death'.</source>
            <translation>Явление с летальным исходом является серьёзным с критерием «Приводит к смерти».</translation>
        </message>
        <message>
            <source>The awareness time must include the time zone.</source>
            <translation>Время, когда центру стало известно о явлении, должно включать часовой пояс.</translation>
        </message>
        <message>
            <source>systolic blood pressure</source>
            <translation>Систолическое АД</translation>
        </message>
        <message>
            <source>diastolic blood pressure</source>
            <translation>Диастолическое АД</translation>
        </message>
        <message>
            <source>heart rate</source>
            <translation>ЧСС</translation>
        </message>
        <message>
            <source>temperature</source>
            <translation>Температура</translation>
        </message>
        <message>
            <source>SpO₂</source>
            <translation>SpO₂</translation>
        </message>
        <message>
            <source>Infusion date</source>
            <translation>Дата инфузии</translation>
        </message>
        <message>
            <source>The infusion end time is before its start time.</source>
            <translation>Время окончания инфузии раньше времени её начала.</translation>
        </message>
        <message>
            <source>Product lot number</source>
            <translation>Номер серии препарата</translation>
        </message>
        <message>
            <source>Cells per kg</source>
            <translation>Доза клеток на кг</translation>
        </message>
        <message>
            <source>Total cells</source>
            <translation>Общее число клеток</translation>
        </message>
        <message>
            <source>Viability</source>
            <translation>Жизнеспособность</translation>
        </message>
        <message>
            <source>Volume</source>
            <translation>Объём</translation>
        </message>
        <message>
            <source>Route</source>
            <translation>Путь введения</translation>
        </message>
        <message>
            <source>Body weight used for dosing</source>
            <translation>Масса тела для расчёта дозы</translation>
        </message>
        <message>
            <source>Premedication</source>
            <translation>Премедикация</translation>
        </message>
        <message>
            <source>Administering clinician</source>
            <translation>Врач, проводивший введение</translation>
        </message>
        <message>
            <source>An infusion reaction must be recorded as an adverse event.</source>
            <translation>Инфузионную реакцию необходимо зарегистрировать как нежелательное явление.</translation>
        </message>
        <message>
            <source>A serious adverse event needs at least one seriousness criterion.</source>
            <translation>Для серьёзного нежелательного явления укажите хотя бы один критерий серьёзности.</translation>
        </message>
        <message>
            <source>MSC infusions are recorded only for enrolled subjects in the MSC arm.</source>
            <translation>Инфузии МСК вносятся только для пациентов группы МСК, включённых в исследование.</translation>
        </message>
        <message>
            <source>Seriousness criteria are given but the event is not marked serious.</source>
            <translation>Указаны критерии серьёзности, но явление не отмечено как серьёзное.</translation>
        </message>
        <message>
            <source>No such adverse event for this subject.</source>
            <translation>У этого пациента нет такого нежелательного явления.</translation>
        </message>
        <message>
            <source>Unknown vital sign {key}.</source>
            <translation>Неизвестный жизненный показатель {key}.</translation>
        </message>
        <message>
            <source>Pre-infusion {vital}</source>
            <translation>{vital} до инфузии</translation>
        </message>
        <message>
            <source>Post-infusion {vital}</source>
            <translation>{vital} после инфузии</translation>
        </message>
        <message>
            <source>view study data</source>
            <translation>просматривать данные исследования</translation>
        </message>
        <message>
            <source>enter or change study data</source>
            <translation>вводить или изменять данные исследования</translation>
        </message>
        <message>
            <source>screen patients</source>
            <translation>проводить скрининг пациентов</translation>
        </message>
        <message>
            <source>enrol patients</source>
            <translation>включать пациентов в исследование</translation>
        </message>
        <message>
            <source>assign the treatment arm</source>
            <translation>назначать группу лечения</translation>
        </message>
        <message>
            <source>sign records</source>
            <translation>подписывать записи</translation>
        </message>
        <message>
            <source>export sync bundles</source>
            <translation>экспортировать пакеты синхронизации</translation>
        </message>
        <message>
            <source>change the sync keys</source>
            <translation>изменять ключи синхронизации</translation>
        </message>
        <message>
            <source>manage user accounts</source>
            <translation>управлять учётными записями пользователей</translation>
        </message>
        <message>
            <source>generate demo data</source>
            <translation>создавать демонстрационные данные</translation>
        </message>
        <message>
            <source>A {role} account cannot {action}.</source>
            <translation>Учётная запись с ролью «{role}» не может {action}.</translation>
        </message>
        <message>
            <source>The site data key is locked; log in again.</source>
            <translation>Ключ данных центра заблокирован; войдите в систему снова.</translation>
        </message>
        <message>
            <source>Only an investigator can approve a record.</source>
            <translation>Утвердить запись может только исследователь.</translation>
        </message>
        <message>
            <source>The password is not correct; the record was not signed.</source>
            <translation>Неверный пароль; запись не подписана.</translation>
        </message>
        <message>
            <source>The record to sign does not exist.</source>
            <translation>Подписываемая запись не существует.</translation>
        </message>
        <message>
            <source>Choose the meaning of the signature: {meanings}.</source>
            <translation>Выберите значение подписи: {meanings}.</translation>
        </message>
        <message>
            <source>{table} records cannot be signed.</source>
            <translation>Записи типа {table} подписывать нельзя.</translation>
        </message>
        <message>
            <source>the record changed after signing</source>
            <translation>запись изменена после подписания</translation>
        </message>
        <message>
            <source>User name: 2–32 characters, lower-case letters, digits, '.', '_' or '-', starting with a letter.</source>
            <translation>Имя пользователя: 2–32 символа – строчные латинские буквы, цифры, «.», «_» или «-», первый символ – буква.</translation>
        </message>
        <message>
            <source>Full name is required (at most 120 characters).</source>
            <translation>Укажите ФИО (не более 120 символов).</translation>
        </message>
        <message>
            <source>Role must be one of: {roles}.</source>
            <translation>Роль должна быть одной из следующих: {roles}.</translation>
        </message>
        <message>
            <source>The password must have at least {n} characters.</source>
            <translation>Пароль должен содержать не менее {n} символов.</translation>
        </message>
        <message>
            <source>Site code: two capital letters and two digits, e.g. BY01.</source>
            <translation>Код центра: две заглавные латинские буквы и две цифры, например BY01.</translation>
        </message>
        <message>
            <source>Site name is required (at most 200 characters).</source>
            <translation>Укажите название центра (не более 200 символов).</translation>
        </message>
        <message>
            <source>This database has no site yet; run the first-time set-up.</source>
            <translation>В этой базе данных ещё нет центра; выполните первоначальную настройку.</translation>
        </message>
        <message>
            <source>This database already has a site; log in instead.</source>
            <translation>В этой базе данных центр уже создан; войдите в систему.</translation>
        </message>
        <message>
            <source>Give a reason for changing the account.</source>
            <translation>Укажите причину изменения учётной записи.</translation>
        </message>
        <message>
            <source>No user {username}.</source>
            <translation>Пользователь {username} не найден.</translation>
        </message>
        <message>
            <source>The user name {username} is already taken.</source>
            <translation>Имя пользователя {username} уже занято.</translation>
        </message>
        <message>
            <source>screened (eligible)</source>
            <translation>скрининг пройден</translation>
        </message>
        <message>
            <source>screen failure</source>
            <translation>выбыл на скрининге</translation>
        </message>
        <message>
            <source>enrolled</source>
            <translation>включён</translation>
        </message>
        <message>
            <source>withdrawn</source>
            <translation>выбыл из исследования</translation>
        </message>
        <message>
            <source>completed</source>
            <translation>завершил участие</translation>
        </message>
        <message>
            <source>Consent date</source>
            <translation>Дата подписания согласия</translation>
        </message>
        <message>
            <source>Consent form version</source>
            <translation>Версия формы согласия</translation>
        </message>
        <message>
            <source>Screening date</source>
            <translation>Дата скрининга</translation>
        </message>
        <message>
            <source>Screening procedures cannot predate the signed consent; check both dates.</source>
            <translation>Процедуры скрининга не могут предшествовать подписанию информированного согласия; проверьте обе даты.</translation>
        </message>
        <message>
            <source>Patient's full name</source>
            <translation>ФИО пациента</translation>
        </message>
        <message>
            <source>National ID</source>
            <translation>Идентификационный номер</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Телефон</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Адрес</translation>
        </message>
        <message>
            <source>Date of birth</source>
            <translation>Дата рождения</translation>
        </message>
        <message>
            <source>Date of birth must be before the consent date.</source>
            <translation>Дата рождения должна быть раньше даты подписания согласия.</translation>
        </message>
        <message>
            <source>Sex (biological, at birth)</source>
            <translation>Пол (биологический, при рождении)</translation>
        </message>
        <message>
            <source>Anti-dsDNA</source>
            <translation>Антитела к дсДНК</translation>
        </message>
        <message>
            <source>Anti-dsDNA upper limit</source>
            <translation>Верхняя граница нормы антител к дсДНК</translation>
        </message>
        <message>
            <source>Proteinuria</source>
            <translation>Протеинурия</translation>
        </message>
        <message>
            <source>UPCR</source>
            <translation>UPCR</translation>
        </message>
        <message>
            <source>Treatment arm</source>
            <translation>Группа лечения</translation>
        </message>
        <message>
            <source>Reason for the arm assignment</source>
            <translation>Причина выбора группы лечения</translation>
        </message>
        <message>
            <source>Reason for withdrawal</source>
            <translation>Причина выбывания из исследования</translation>
        </message>
        <message>
            <source>A pregnancy test result is required for a woman of child-bearing potential.</source>
            <translation>Для женщины, способной к деторождению, требуется результат теста на беременность.</translation>
        </message>
        <message>
            <source>Pregnancy test must be negative, positive or not applicable.</source>
            <translation>Тест на беременность: допустимые значения – отрицательный, положительный или неприменимо.</translation>
        </message>
        <message>
            <source>Biopsy class (ISN/RPS)</source>
            <translation>Класс по биопсии (ISN/RPS)</translation>
        </message>
        <message>
            <source>Biopsy date</source>
            <translation>Дата биопсии</translation>
        </message>
        <message>
            <source>Description of the high-risk condition</source>
            <translation>Описание состояния высокого риска</translation>
        </message>
        <message>
            <source>Which chronic infection</source>
            <translation>Какая хроническая инфекция</translation>
        </message>
        <message>
            <source>Date of the last malignancy</source>
            <translation>Дата последнего злокачественного новообразования</translation>
        </message>
        <message>
            <source>This subject has no identifiers on file.</source>
            <translation>Для этого пациента не сохранены идентификационные данные.</translation>
        </message>
        <message>
            <source>No such subject.</source>
            <translation>Пациент не найден.</translation>
        </message>
        <message>
            <source>This computer has no key file for site {site}: give a site administrator's user name and password to restore.</source>
            <translation>На этом компьютере нет файла ключа центра {site}: для восстановления укажите имя пользователя и пароль администратора центра.</translation>
        </message>
        <message>
            <source>{path} is too large to be a site backup.</source>
            <translation>{path} слишком велик для резервной копии центра.</translation>
        </message>
        <message>
            <source>{path} is not a complete site backup (damaged or truncated).</source>
            <translation>{path} — неполная резервная копия центра (повреждена или обрезана).</translation>
        </message>
        <message>
            <source>{path} is not an sle_desktop site backup.</source>
            <translation>{path} — не резервная копия центра sle_desktop.</translation>
        </message>
        <message>
            <source>{path} was written by another version of sle_desktop (backup format {version}).</source>
            <translation>{path} создан другой версией sle_desktop (формат резервной копии {version}).</translation>
        </message>
        <message>
            <source>{path} has been altered or is incomplete: the data do not match the signed manifest.</source>
            <translation>{path} изменён или неполон: данные не совпадают с подписанным манифестом.</translation>
        </message>
        <message>
            <source>The password does not unlock this backup (it must be the password a site administrator had when the backup was made).</source>
            <translation>Пароль не открывает эту резервную копию (нужен пароль, который был у администратора центра в момент её создания).</translation>
        </message>
        <message>
            <source>{path} already exists; restore only into a new file, never over a database.</source>
            <translation>{path} уже существует; восстановление возможно только в новый файл, никогда поверх базы данных.</translation>
        </message>
        <message>
            <source>The folder {path} does not exist.</source>
            <translation>Папка {path} не существует.</translation>
        </message>
        <message>
            <source>{path} has been altered: the database does not match the signed manifest.</source>
            <translation>{path} изменён: база данных не совпадает с подписанным манифестом.</translation>
        </message>
        <message>
            <source>The backup's {what} is damaged.</source>
            <translation>В резервной копии повреждено: {what}.</translation>
        </message>
        <message>
            <source>{path} is not a site backup (unreadable manifest).</source>
            <translation>{path} — не резервная копия центра (манифест не читается).</translation>
        </message>
        <message>
            <source>{path} has been altered: its signature does not match.</source>
            <translation>{path} изменён: подпись не совпадает.</translation>
        </message>
        <message>
            <source>The backup could not be encrypted: {error}.</source>
            <translation>Не удалось зашифровать резервную копию: {error}.</translation>
        </message>
        <message>
            <source>The backup on {path} did not read back correctly; the drive may be failing.</source>
            <translation>Резервная копия на {path} не прочиталась правильно; возможно, накопитель неисправен.</translation>
        </message>
        <message>
            <source>{path} cannot be decrypted with this site's key.</source>
            <translation>{path} нельзя расшифровать ключом этого центра.</translation>
        </message>
        <message>
            <source>{path} appeared while restoring; nothing was overwritten.</source>
            <translation>{path} появился во время восстановления; ничего не перезаписано.</translation>
        </message>
        <message>
            <source>The database in {path} cannot be opened: {error}</source>
            <translation>Базу данных из {path} нельзя открыть: {error}</translation>
        </message>
        <message>
            <source>The site key file {path} does not belong to this backup.</source>
            <translation>Файл ключа центра {path} не относится к этой резервной копии.</translation>
        </message>
        <message>
            <source>The database in {path} is damaged (integrity check failed).</source>
            <translation>База данных из {path} повреждена (проверка целостности не пройдена).</translation>
        </message>
        <message>
            <source>The audit trail in {path} does not verify: {problem}</source>
            <translation>Журнал аудита из {path} не проходит проверку: {problem}</translation>
        </message>
        <message>
            <source>{path} does not hold the site its manifest names.</source>
            <translation>{path} содержит не тот центр, что указан в манифесте.</translation>
        </message>
        <message>
            <source>{path} is not a site backup (unexpected content).</source>
            <translation>{path} — не резервная копия центра (неожиданное содержимое).</translation>
        </message>
        <message>
            <source>{path} is not a site backup (manifest too large).</source>
            <translation>{path} — не резервная копия центра (слишком большой манифест).</translation>
        </message>
        <message>
            <source>The study definition has no visit {code}; choose one of: {codes}.</source>
            <translation>В описании исследования нет визита {code}; выберите один из: {codes}.</translation>
        </message>
        <message>
            <source>Only an enrolled subject can be withdrawn.</source>
            <translation>Выбывание можно отметить только для пациента, включённого в исследование.</translation>
        </message>
        <message>
            <source>{number} cannot be enrolled: status is {status}.</source>
            <translation>{number} нельзя включить в исследование: статус – «{status}».</translation>
        </message>
        <message>
            <source>The export of bundle {seq} was interrupted before its file was finished; nothing was sent, and the next export will carry the same changes.</source>
            <translation>Экспорт пакета {seq} был прерван до завершения записи файла; ничего не отправлено, следующий экспорт будет содержать те же изменения.</translation>
        </message>
        <message>
            <source>This site has no signing key; bundles cannot be signed. Contact support.</source>
            <translation>У центра нет ключа подписи; пакеты невозможно подписать. Обратитесь в службу поддержки.</translation>
        </message>
        <message>
            <source>The site signing key does not match its registered public key; contact support.</source>
            <translation>Ключ подписи центра не соответствует зарегистрированному открытому ключу; обратитесь в службу поддержки.</translation>
        </message>
        <message>
            <source>Bundle {seq} ({file}) was being written to {folder} when the program stopped, and that folder is not available now. Plug that drive in again so the export can be checked and finished, or, if the drive is lost and the file was never given to the sponsor, discard the interrupted export.</source>
            <translation>Пакет {seq} ({file}) записывался в {folder}, когда программа остановилась, и эта папка сейчас недоступна. Подключите этот накопитель снова, чтобы экспорт можно было проверить и завершить, или, если накопитель утерян и файл не передавался спонсору, отмените прерванный экспорт.</translation>
        </message>
        <message>
            <source>No sponsor key is set up, so a bundle cannot be encrypted. Import the sponsor's key file first (sle-desktop set-sponsor, or Settings → Sync).</source>
            <translation>Ключ спонсора не настроен, поэтому пакет невозможно зашифровать. Сначала импортируйте файл ключа спонсора (sle-desktop set-sponsor или Настройки → Синхронизация).</translation>
        </message>
        <message>
            <source>The starting change number must be a whole number, 0 or more.</source>
            <translation>Номер начального изменения должен быть целым числом не меньше 0.</translation>
        </message>
        <message>
            <source>Starting after change {since} would skip changes {first}–{since}, which the sponsor has not received. Choose a number from 0 to {last}.</source>
            <translation>Если начать после изменения № {since}, будут пропущены изменения {first}–{since}, которые спонсор не получал. Выберите номер от 0 до {last}.</translation>
        </message>
        <message>
            <source>The site signing key cannot be unlocked with this site's data key (the database may have been copied from another installation).</source>
            <translation>Ключ подписи центра невозможно разблокировать ключом данных этого центра (возможно, база данных скопирована из другой установки).</translation>
        </message>
        <message>
            <source>The interrupted export of bundle {seq} had been written completely to {path}; it is now recorded.</source>
            <translation>Прерванный экспорт пакета {seq} был полностью записан в {path}; теперь он зарегистрирован.</translation>
        </message>
        <message>
            <source>Give a reason for discarding the interrupted export.</source>
            <translation>Укажите причину отмены прерванного экспорта.</translation>
        </message>
        <message>
            <source>There is no interrupted export of bundle {seq}.</source>
            <translation>Прерванного экспорта пакета {seq} нет.</translation>
        </message>
        <message>
            <source>The folder {folder} does not exist (is the USB drive plugged in?).</source>
            <translation>Папка {folder} не существует (подключён ли USB-накопитель?).</translation>
        </message>
        <message>
            <source>Nothing to export: there are no changes after change {since}.</source>
            <translation>Экспортировать нечего: после изменения № {since} новых изменений нет.</translation>
        </message>
        <message>
            <source>Another export is in progress; wait for it to finish, then export again.</source>
            <translation>Выполняется другой экспорт; дождитесь его завершения и повторите экспорт.</translation>
        </message>
        <message>
            <source>Another export was made at the same time; export again.</source>
            <translation>Одновременно был выполнен другой экспорт; повторите экспорт.</translation>
        </message>
        <message>
            <source>the bundle</source>
            <translation>пакет</translation>
        </message>
        <message>
            <source>Bundle {seq} was already recorded.</source>
            <translation>Пакет {seq} уже зарегистрирован.</translation>
        </message>
        <message>
            <source>Unknown arm {arm} (use one of: {arms}).</source>
            <translation>Неизвестная группа лечения {arm} (допустимые значения: {arms}).</translation>
        </message>
        <message>
            <source>Unknown status {status} (use one of: {statuses}).</source>
            <translation>Неизвестный статус {status} (допустимые значения: {statuses}).</translation>
        </message>
        <message>
            <source>No such visit.</source>
            <translation>Визит не найден.</translation>
        </message>
        <message>
            <source>Record the baseline (day 0) visit first: study days count from it.</source>
            <translation>Сначала внесите исходный визит (день 0): от него отсчитываются дни исследования.</translation>
        </message>
        <message>
            <source>The visit date is before baseline ({day0:%d.%m.%Y}).</source>
            <translation>Дата визита раньше исходного визита ({day0:%d.%m.%Y}).</translation>
        </message>
        <message>
            <source>Choose the visit first.</source>
            <translation>Сначала выберите визит.</translation>
        </message>
        <message>
            <source>{label} must be text.</source>
            <translation>{label}: должно быть текстом.</translation>
        </message>
        <message>
            <source>{label} is too long ({n} characters; at most {max_len}).</source>
            <translation>{label}: слишком длинный текст ({n} симв.; не более {max_len}).</translation>
        </message>
        <message>
            <source>{label} contains control characters; retype it.</source>
            <translation>{label}: содержит управляющие символы; введите заново.</translation>
        </message>
        <message>
            <source>{label} is not a valid date.</source>
            <translation>{label}: неверная дата.</translation>
        </message>
        <message>
            <source>{label} ({value:%d.%m.%Y}) is in the future.</source>
            <translation>{label} ({value:%d.%m.%Y}): дата в будущем.</translation>
        </message>
        <message>
            <source>{label} ({value:%d.%m.%Y}) is before {earliest:%d.%m.%Y}; check the year.</source>
            <translation>{label} ({value:%d.%m.%Y}): раньше {earliest:%d.%m.%Y}; проверьте год.</translation>
        </message>
        <message>
            <source>{label} must be a number.</source>
            <translation>{label}: должно быть числом.</translation>
        </message>
        <message>
            <source>{label}: "{value}" is not one of {choices}.</source>
            <translation>{label}: «{value}» не входит в список допустимых значений ({choices}).</translation>
        </message>
        <message>
            <source>{label} is required.</source>
            <translation>{label}: обязательное поле.</translation>
        </message>
        <message>
            <source>{label} {value:g} {unit} is outside the possible range {lo:g}–{hi:g} {unit}.</source>
            <translation>{label}: {value:g} {unit} вне возможного диапазона {lo:g}–{hi:g} {unit}.</translation>
        </message>
        <message>
            <source>{label} {value:g} is outside the possible range {lo:g}–{hi:g}.</source>
            <translation>{label}: {value:g} вне возможного диапазона {lo:g}–{hi:g}.</translation>
        </message>
        <message>
            <source>Visit</source>
            <translation>Визит</translation>
        </message>
        <message>
            <source>Visit date</source>
            <translation>Дата визита</translation>
        </message>
        <message>
            <source>Physician's Global Assessment</source>
            <translation>Общая оценка врача (ИГВ)</translation>
        </message>
        <message>
            <source>Sample date</source>
            <translation>Дата взятия пробы</translation>
        </message>
        <message>
            <source>Drug</source>
            <translation>Препарат</translation>
        </message>
        <message>
            <source>Dose</source>
            <translation>Доза</translation>
        </message>
        <message>
            <source>Start date</source>
            <translation>Дата начала</translation>
        </message>
        <message>
            <source>The stop date is before the start date.</source>
            <translation>Дата окончания раньше даты начала.</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Примечания</translation>
        </message>
        <message>
            <source>Dose unit</source>
            <translation>Единица дозы</translation>
        </message>
        <message>
            <source>Frequency</source>
            <translation>Кратность</translation>
        </message>
        <message>
            <source>Indication</source>
            <translation>Показание</translation>
        </message>
        <message>
            <source>E-signature {uuid} is invalid: {reason}.</source>
            <translation>Электронная подпись {uuid} недействительна: {reason}.</translation>
        </message>
        <message>
            <source>The audit trail cannot be verified: {reason}</source>
            <translation>Журнал аудита невозможно проверить: {reason}</translation>
        </message>
        <message>
            <source>This database holds a real site, not a demo; demo data is never added to it. Nothing was changed.</source>
            <translation>В этой базе данных реальный центр, а не демонстрационный; демонстрационные данные в неё не добавляются. Ничего не изменено.</translation>
        </message>
        <message>
            <source>Locked by {user} on {at}: {reason}</source>
            <translation>Заблокировано пользователем {user} {at}: {reason}</translation>
        </message>
        <message>
            <source>Give a reason for the lock.</source>
            <translation>Укажите причину блокировки.</translation>
        </message>
        <message>
            <source>Give a reason for unlocking; nothing was unlocked.</source>
            <translation>Укажите причину разблокировки; ничего не разблокировано.</translation>
        </message>
        <message>
            <source>Locked on {at} at the sponsor's request ({requester}, {requested}): {reason}</source>
            <translation>Заблокировано {at} по запросу спонсора ({requester}, {requested}): {reason}</translation>
        </message>
        <message>
            <source>Only an investigator can sign off a casebook.</source>
            <translation>Подписать карту субъекта целиком может только исследователь.</translation>
        </message>
        <message>
            <source>The reason is too long (at most {max} characters).</source>
            <translation>Причина слишком длинная (не более {max} символов).</translation>
        </message>
        <message>
            <source>This casebook is already locked.</source>
            <translation>Эта карта субъекта уже заблокирована.</translation>
        </message>
        <message>
            <source>This visit is already locked.</source>
            <translation>Этот визит уже заблокирован.</translation>
        </message>
        <message>
            <source>No such lock.</source>
            <translation>Такой блокировки нет.</translation>
        </message>
        <message>
            <source>This lock was already lifted.</source>
            <translation>Эта блокировка уже снята.</translation>
        </message>
        <message>
            <source>the sponsor asks to {action} subject {subject}, which this site does not have</source>
            <translation>спонсор просит {action} субъекта {subject}, которого нет в этом центре</translation>
        </message>
        <message>
            <source>end-of-study database lock requested by the sponsor</source>
            <translation>блокировка базы данных по окончании исследования по запросу спонсора</translation>
        </message>
        <message>
            <source>database lock requested by the sponsor</source>
            <translation>блокировка базы данных по запросу спонсора</translation>
        </message>
        <message>
            <source>Your account is locked after {n} failed password entries; the casebook was not signed. Wait {minutes} minutes or ask an administrator.</source>
            <translation>Ваша учётная запись заблокирована после {n} неверных вводов пароля; карта субъекта не подписана. Подождите {minutes} мин. или обратитесь к администратору.</translation>
        </message>
        <message>
            <source>The password is not correct; the casebook was not signed.</source>
            <translation>Неверный пароль; карта субъекта не подписана.</translation>
        </message>
        <message>
            <source>lock</source>
            <translation>заблокировать</translation>
        </message>
        <message>
            <source>unlock</source>
            <translation>разблокировать</translation>
        </message>
        <message>
            <source>unlock requested by the sponsor ({requester}, {at})</source>
            <translation>разблокировка по запросу спонсора ({requester}, {at})</translation>
        </message>
        <message>
            <source>Write the question of the query.</source>
            <translation>Напишите вопрос запроса.</translation>
        </message>
        <message>
            <source>The question is too long (at most {max} characters).</source>
            <translation>Вопрос слишком длинный (не более {max} символов).</translation>
        </message>
        <message>
            <source>The record to query does not exist.</source>
            <translation>Запись, к которой относится запрос, не существует.</translation>
        </message>
        <message>
            <source>{table} has no data field {field}.</source>
            <translation>В форме {table} нет поля данных {field}.</translation>
        </message>
        <message>
            <source>{problem}; the return bundle was refused and nothing was changed.</source>
            <translation>{problem}; обратный пакет отклонён, ничего не изменено.</translation>
        </message>
        <message>
            <source>{table} records are not source data.</source>
            <translation>Записи {table} не являются исходными данными.</translation>
        </message>
        <message>
            <source>The record to verify does not exist.</source>
            <translation>Проверяемая запись не существует.</translation>
        </message>
        <message>
            <source>lock visits or casebooks</source>
            <translation>блокировать визиты и карты субъектов</translation>
        </message>
        <message>
            <source>unlock visits or casebooks</source>
            <translation>разблокировать визиты и карты субъектов</translation>
        </message>
        <message>
            <source>mark data source-verified</source>
            <translation>отмечать данные как сверенные с первичной документацией</translation>
        </message>
        <message>
            <source>raise data queries</source>
            <translation>создавать запросы по данным</translation>
        </message>
        <message>
            <source>Your account is locked after {n} failed password entries; the record was not signed. Wait {minutes} minutes or ask an administrator.</source>
            <translation>Ваша учётная запись заблокирована после {n} неверных вводов пароля; запись не подписана. Подождите {minutes} мин или обратитесь к администратору.</translation>
        </message>
        <message>
            <source>Log-in refused: unknown user name or wrong password, or the account is locked after {n} failed attempts (wait {minutes} minutes or ask an administrator).</source>
            <translation>Вход отклонён: неизвестное имя пользователя или неверный пароль, либо учётная запись заблокирована после {n} неудачных попыток (подождите {minutes} мин или обратитесь к администратору).</translation>
        </message>
        <message>
            <source>The account {username} was changed outside the application; it cannot be used until an administrator has checked it (run 'sle-desktop verify-audit').</source>
            <translation>Учётная запись {username} изменена в обход программы; ею нельзя пользоваться, пока её не проверит администратор (запустите «sle-desktop verify-audit»).</translation>
        </message>
        <message>
            <source>{problem} Nothing was exported; run 'sle-desktop verify-audit' and contact the sponsor.</source>
            <translation>{problem} Ничего не выгружено; запустите «sle-desktop verify-audit» и свяжитесь со спонсором.</translation>
        </message>
        <message>
            <source>Visits can be recorded only for enrolled subjects ({number} is not).</source>
            <translation>Визиты можно вносить только для пациентов, включённых в исследование ({number} не включён).</translation>
        </message>
        <message>
            <source>The {visit} visit is already recorded for {subject}.</source>
            <translation>Визит «{visit}» уже внесён для пациента {subject}.</translation>
        </message>
        <message>
            <source>{test}: the lower normal limit is above the upper one</source>
            <translation>{test}: нижняя граница нормы выше верхней</translation>
        </message>
        <message>
            <source>The baseline visit cannot be before the screening date.</source>
            <translation>Исходный визит не может быть раньше даты скрининга.</translation>
        </message>
        <message>
            <source>the protocol requires biopsy class III, IV or V within {months} months before consent, or proteinuria ≥ {protein:g} g/24 h or UPCR ≥ {upcr:g} g/g with active sediment, confirmed by the investigator.</source>
            <translation>по протоколу требуется биопсия почки с классом III, IV или V не ранее чем за {months} мес. до согласия либо протеинурия ≥ {protein:g} г/сут или UPCR ≥ {upcr:g} г/г при активном мочевом осадке, с подтверждением исследователем.</translation>
        </message>
        <message>
            <source>Active lupus nephritis: no qualifying evidence ({biopsy}; {labs}) and not confirmed by the investigator; {requirement}</source>
            <translation>Активный волчаночный нефрит: нет оснований, отвечающих критериям ({biopsy}; {labs}), и нет подтверждения исследователем; {requirement}</translation>
        </message>
        <message>
            <source>Age: date of birth and consent date missing; age at consent cannot be determined.</source>
            <translation>Возраст: не указаны дата рождения и дата подписания согласия; возраст на момент согласия определить невозможно.</translation>
        </message>
        <message>
            <source>Age: date of birth missing; age at consent cannot be determined.</source>
            <translation>Возраст: не указана дата рождения; возраст на момент согласия определить невозможно.</translation>
        </message>
        <message>
            <source>Age: consent date missing; age at consent cannot be determined.</source>
            <translation>Возраст: не указана дата подписания согласия; возраст на момент согласия определить невозможно.</translation>
        </message>
        <message>
            <source>Age: {age} years at consent; the protocol requires {lo}–{hi}.</source>
            <translation>Возраст: полных лет на момент подписания согласия — {age}; по протоколу допускается возраст (лет) {lo}–{hi}.</translation>
        </message>
        <message>
            <source>ACR 1997 criteria: {n} of {total} present; the protocol requires at least {min}.</source>
            <translation>Критерии ACR 1997: выполнено {n} из {total}; по протоколу требуется не менее {min}.</translation>
        </message>
        <message>
            <source>SELENA-SLEDAI: screening score {score}; the protocol requires at least {min}.</source>
            <translation>SELENA-SLEDAI: балл при скрининге — {score}; по протоколу требуется не менее {min}.</translation>
        </message>
        <message>
            <source>{a} and {b}</source>
            <translation>{a} и {b}</translation>
        </message>
        <message>
            <source>{found}, no active sediment</source>
            <translation>{found}, активного мочевого осадка нет</translation>
        </message>
        <message>
            <source>Active lupus nephritis: evidence present ({evidence}) but not confirmed by the investigator.</source>
            <translation>Активный волчаночный нефрит: основания есть ({evidence}), но исследователь их не подтвердил.</translation>
        </message>
        <message>
            <source>Active lupus nephritis: confirmed by the investigator but no qualifying evidence ({biopsy}; {labs}); {requirement}</source>
            <translation>Активный волчаночный нефрит: подтверждён исследователем, но нет оснований, отвечающих критериям ({biopsy}; {labs}); {requirement}</translation>
        </message>
        <message>
            <source>Malignancy in the last {years} years</source>
            <translation>Злокачественное новообразование в пределах исключающего срока (лет: {years})</translation>
        </message>
        <message>
            <source>Dialysis: the patient needs dialysis (exclusion).</source>
            <translation>Диализ: пациенту требуется диализ (критерий исключения).</translation>
        </message>
        <message>
            <source>Planned renal transplantation: a renal transplant is planned (exclusion).</source>
            <translation>Запланированная трансплантация почки: пациенту запланирована трансплантация почки (критерий исключения).</translation>
        </message>
        <message>
            <source>High-risk medical condition: the investigator recorded a condition with high risk for the patient (exclusion).</source>
            <translation>Заболевание с высоким риском: исследователь зарегистрировал заболевание, создающее высокий риск для пациента (критерий исключения).</translation>
        </message>
        <message>
            <source>Pregnancy or lactation: the patient is pregnant or lactating (exclusion).</source>
            <translation>Беременность или лактация: пациентка беременна или кормит грудью (критерий исключения).</translation>
        </message>
        <message>
            <source>Chronic infection: the patient has a chronic infection such as hepatitis B/C, tuberculosis or HIV (exclusion).</source>
            <translation>Хроническая инфекция: у пациента хроническая инфекция, например гепатит B/C, туберкулёз или ВИЧ (критерий исключения).</translation>
        </message>
        <message>
            <source>Age: {age} year at consent; the protocol requires {lo}–{hi}.</source>
            <translation>Возраст: полных лет на момент подписания согласия — {age}; по протоколу допускается возраст (лет) {lo}–{hi}.</translation>
        </message>
        <message>
            <source>no biopsy recorded</source>
            <translation>нет данных биопсии почки</translation>
        </message>
        <message>
            <source>biopsy class {biopsy_class} is not class III, IV or V</source>
            <translation>класс по биопсии {biopsy_class} не относится к классам III, IV или V</translation>
        </message>
        <message>
            <source>biopsy class {biopsy_class} has no date</source>
            <translation>для биопсии почки (класс {biopsy_class}) не указана дата</translation>
        </message>
        <message>
            <source>biopsy class {biopsy_class} cannot be dated against a missing consent date</source>
            <translation>биопсию почки (класс {biopsy_class}) нельзя соотнести с датой согласия: дата согласия не указана</translation>
        </message>
        <message>
            <source>proteinuria {value:g} g/24 h</source>
            <translation>протеинурия {value:g} г/сут</translation>
        </message>
        <message>
            <source>UPCR {value:g} g/g</source>
            <translation>UPCR {value:g} г/г</translation>
        </message>
        <message>
            <source>{found} with active sediment</source>
            <translation>{found} при активном мочевом осадке</translation>
        </message>
        <message>
            <source>{found} but no active sediment</source>
            <translation>{found}, но без активного мочевого осадка</translation>
        </message>
        <message>
            <source>no proteinuria or UPCR recorded, no active sediment</source>
            <translation>протеинурия и UPCR не указаны, активного мочевого осадка нет</translation>
        </message>
        <message>
            <source>proteinuria {value:g} g/24 h &lt; {min:g}</source>
            <translation>протеинурия {value:g} г/сут &lt; {min:g}</translation>
        </message>
        <message>
            <source>UPCR {value:g} g/g &lt; {min:g}</source>
            <translation>UPCR {value:g} г/г &lt; {min:g}</translation>
        </message>
        <message>
            <source>{found} (active sediment present)</source>
            <translation>{found} (активный мочевой осадок есть)</translation>
        </message>
        <message>
            <source>Anti-dsDNA: not recorded as positive; the protocol requires positive anti-dsDNA.</source>
            <translation>Антитела к дсДНК: положительный результат не зарегистрирован; по протоколу требуется положительный результат на антитела к дсДНК.</translation>
        </message>
        <message>
            <source>Consent: consent date missing; written informed consent must be signed and dated before any study procedure.</source>
            <translation>Согласие: не указана дата подписания согласия; письменное информированное согласие должно быть подписано и датировано до начала любых процедур исследования.</translation>
        </message>
        <message>
            <source>Ability to follow procedures: the investigator has not confirmed that the patient can read, understand and follow the procedures.</source>
            <translation>Способность соблюдать процедуры исследования: исследователь не подтвердил, что пациент может прочитать, понять и выполнять процедуры исследования.</translation>
        </message>
        <message>
            <source>biopsy class {text!r} is not an ISN/RPS class (I–VI, e.g. 'IV' or 'III+V')</source>
            <translation>класс по биопсии {text!r} не является классом ISN/RPS (I–VI, например «IV» или «III+V»)</translation>
        </message>
        <message>
            <source>no proteinuria or UPCR recorded (active sediment present)</source>
            <translation>протеинурия и UPCR не указаны (активный мочевой осадок есть)</translation>
        </message>
        <message>
            <source>Platelets {value:g} ×10⁹/L &lt; {limit:g}</source>
            <translation>Тромбоциты {value:g} ×10⁹/л &lt; {limit:g}</translation>
        </message>
        <message>
            <source>WBC {value:g} ×10⁹/L &lt; {limit:g}</source>
            <translation>Лейкоциты {value:g} ×10⁹/л &lt; {limit:g}</translation>
        </message>
        <message>
            <source>Temperature {value:g} °C &gt; {limit:.1f}</source>
            <translation>Температура {value:g} °C &gt; {limit:.1f}</translation>
        </message>
        <message>
            <source>Anti-dsDNA {value:g} IU/mL &gt; upper limit of normal {uln:g}</source>
            <translation>Антитела к дсДНК {value:g} МЕ/мл выше верхней границы нормы {uln:g}</translation>
        </message>
        <message>
            <source>Urine RBC {value:g}/HPF &gt; {limit:g}</source>
            <translation>Эритроциты в моче {value:g} в п/зр &gt; {limit:g}</translation>
        </message>
        <message>
            <source>Urine WBC {value:g}/HPF &gt; {limit:g}</source>
            <translation>Лейкоциты в моче {value:g} в п/зр &gt; {limit:g}</translation>
        </message>
        <message>
            <source>Heme-granular or RBC casts present in the urine sediment</source>
            <translation>В мочевом осадке есть зернистые или эритроцитарные цилиндры</translation>
        </message>
        <message>
            <source>{label} must be 0 (absent) or 1 (present), got {value:g}</source>
            <translation>{label}: допустимо только 0 (нет) или 1 (есть), введено {value:g}</translation>
        </message>
        <message>
            <source>{label} {value:g} {unit} is outside the plausible range {lo:g}–{hi:g}</source>
            <translation>{label}: {value:g} {unit} — вне диапазона возможных значений {lo:g}–{hi:g}</translation>
        </message>
        <message>
            <source>g/24 h</source>
            <translation>г/сут</translation>
        </message>
        <message>
            <source>g/g</source>
            <translation>г/г</translation>
        </message>
        <message>
            <source>New onset: {label} {value:g} {unit} &gt; {limit:g} (previously {previous:g})</source>
            <translation>Впервые выявлено: {label} {value:g} {unit} &gt; {limit:g} (ранее {previous:g})</translation>
        </message>
        <message>
            <source>Recent increase: {label} {value:g} {unit}, up {rise:g} from {previous:g} (&gt; {limit:g})</source>
            <translation>Недавнее увеличение: {label} {value:g} {unit}, прирост {rise:g} по сравнению с {previous:g} (&gt; {limit:g})</translation>
        </message>
        <message>
            <source>C3 {value:g} g/L &lt; lower limit of normal {lln:g}</source>
            <translation>C3 {value:g} г/л ниже нижней границы нормы {lln:g}</translation>
        </message>
        <message>
            <source>C4 {value:g} g/L &lt; lower limit of normal {lln:g}</source>
            <translation>C4 {value:g} г/л ниже нижней границы нормы {lln:g}</translation>
        </message>
        <message>
            <source>New onset: {label} {value:g} {unit} &gt; {limit:g} (no previous value)</source>
            <translation>Впервые выявлено: {label} {value:g} {unit} &gt; {limit:g} (предыдущего значения нет)</translation>
        </message>
        <message>
            <source>serum creatinine {value:g} mg/dL is implausible (above {limit:g} mg/dL); was it entered in µmol/L?</source>
            <translation>креатинин сыворотки {value:g} мг/дл неправдоподобен (больше {limit:g} мг/дл); возможно, значение введено в мкмоль/л?</translation>
        </message>
        <message>
            <source>age must be between {lo} and {hi} years for CKD-EPI 2021, got {age!r}</source>
            <translation>для расчёта по CKD-EPI 2021 возраст должен быть от {lo} до {hi} (лет), указано {age!r}</translation>
        </message>
        <message>
            <source>serum creatinine must be greater than 0 µmol/L, got {value!r}</source>
            <translation>креатинин сыворотки должен быть больше 0 мкмоль/л, введено {value!r}</translation>
        </message>
        <message>
            <source>{cells} cells / {weight:g} kg</source>
            <translation>{cells} клеток / {weight:g} кг</translation>
        </message>
        <message>
            <source>body weight (kg)</source>
            <translation>масса тела (кг)</translation>
        </message>
        <message>
            <source>total cells</source>
            <translation>общее число клеток</translation>
        </message>
        <message>
            <source>entered dose (×10⁶ cells/kg)</source>
            <translation>введённая доза (×10⁶ клеток/кг)</translation>
        </message>
        <message>
            <source>Entered dose {entered:.2f} ×10⁶ cells/kg agrees with the computed {computed:.2f} ×10⁶ cells/kg ({source}).</source>
            <translation>Введённая доза {entered:.2f} ×10⁶ клеток/кг совпадает с рассчитанной {computed:.2f} ×10⁶ клеток/кг ({source}).</translation>
        </message>
        <message>
            <source>Entered dose {entered:.2f} ×10⁶ cells/kg differs from the computed {computed:.2f} ×10⁶ cells/kg ({source}) by {pct:.1f}%; the tolerance is {tolerance:g}%.</source>
            <translation>Введённая доза {entered:.2f} ×10⁶ клеток/кг отличается от рассчитанной {computed:.2f} ×10⁶ клеток/кг ({source}) на {pct:.1f}%; допустимое отклонение — {tolerance:g}%.</translation>
        </message>
        <message>
            <source>{what} must be greater than 0, got {value!r}</source>
            <translation>{what}: значение должно быть больше 0, введено {value!r}</translation>
        </message>
        <message>
            <source>body weight {value:g} kg is implausible (above {limit:g} kg)</source>
            <translation>масса тела {value:g} кг неправдоподобна (больше {limit:g} кг)</translation>
        </message>
        <message>
            <source>The site key is locked, so nothing can be recorded; log in again.</source>
            <translation>Ключ центра заблокирован, поэтому ничего нельзя записать; войдите снова.</translation>
        </message>
        <message>
            <source>Audit trail intact: {n} rows verified.</source>
            <translation>Журнал аудита не нарушен; проверено строк: {n}.</translation>
        </message>
        <message>
            <source>Audit trail and records disagree: {table} record {uuid} has audit rows (from row {seq}) but the record is missing; it was deleted outside the application.</source>
            <translation>Журнал аудита и записи расходятся: у записи {table} {uuid} есть строки аудита (начиная со строки {seq}), но самой записи нет; она удалена в обход программы.</translation>
        </message>
        <message>
            <source>The audit trail cannot be verified: the site key is not unlocked.</source>
            <translation>Журнал аудита невозможно проверить: ключ центра не разблокирован.</translation>
        </message>
        <message>
            <source>The audit trail's keyed start marker is missing: it was removed outside the application.</source>
            <translation>Отметка начала защищённого журнала аудита отсутствует: она удалена в обход программы.</translation>
        </message>
        <message>
            <source>missing</source>
            <translation>отсутствует</translation>
        </message>
        <message>
            <source>out of order or duplicated</source>
            <translation>стоит не по порядку или повторяется</translation>
        </message>
        <message>
            <source>Audit trail broken at row {seq}: row {kind} (found row {found}).</source>
            <translation>Журнал аудита нарушен в строке {seq}: строка {kind} (найдена строка {found}).</translation>
        </message>
        <message>
            <source>Audit trail broken at row {seq}: it does not follow row {previous} (a row before it was changed, removed or inserted).</source>
            <translation>Журнал аудита нарушен в строке {seq}: она не следует за строкой {previous} (предшествующая строка была изменена, удалена или вставлена).</translation>
        </message>
        <message>
            <source>Audit trail broken at row {seq}: its content was changed after it was written.</source>
            <translation>Журнал аудита нарушен в строке {seq}: её содержимое изменено после записи.</translation>
        </message>
        <message>
            <source>Audit trail incomplete: {table} record {uuid} was last changed at row {seq}, but the audit trail has no such row for it.</source>
            <translation>Журнал аудита неполон: запись {table} {uuid} последний раз изменена в строке {seq}, но такой строки для неё в журнале аудита нет.</translation>
        </message>
        <message>
            <source>Audit rows of {table} record {uuid} are malformed.</source>
            <translation>Строки аудита записи {table} {uuid} повреждены.</translation>
        </message>
        <message>
            <source>The audit trail's keyed start or end marker was changed outside the application.</source>
            <translation>Отметка начала или конца защищённого журнала аудита изменена в обход программы.</translation>
        </message>
        <message>
            <source>Audit trail broken at row {seq}: the site last wrote row {seq}, but the trail ends at row {head} (rows were removed from its end).</source>
            <translation>Журнал аудита нарушен в строке {seq}: центр последней записал строку {seq}, а журнал заканчивается строкой {head} (строки удалены с конца).</translation>
        </message>
        <message>
            <source>The audit trail's keyed end marker is missing: it was removed outside the application.</source>
            <translation>Отметка конца защищённого журнала аудита отсутствует: она удалена в обход программы.</translation>
        </message>
        <message>
            <source>Audit trail broken at row {seq}: malformed row.</source>
            <translation>Журнал аудита нарушен в строке {seq}: строка повреждена.</translation>
        </message>
        <message>
            <source>Record changed outside the application: {table} record {uuid}, field {field} is {found} but its audit trail says {expected}.</source>
            <translation>Запись изменена в обход программы: в записи {table} {uuid} поле {field} равно {found}, а по журналу аудита должно быть {expected}.</translation>
        </message>
        <message>
            <source>Audit trail broken at row {seq}: it has no authentication code, so it was written outside the application.</source>
            <translation>Журнал аудита нарушен в строке {seq}: у неё нет кода подлинности, значит, она записана в обход программы.</translation>
        </message>
        <message>
            <source>Audit trail broken at row {seq}: its authentication code does not match, so it was written, changed or recomputed outside the application.</source>
            <translation>Журнал аудита нарушен в строке {seq}: её код подлинности не совпадает, значит, она записана, изменена или пересчитана в обход программы.</translation>
        </message>
        <message>
            <source>{path} is a folder, not a database file.</source>
            <translation>{path} – это папка, а не файл базы данных.</translation>
        </message>
        <message>
            <source>Cannot open the database {path}: {error}</source>
            <translation>Не удаётся открыть базу данных {path}: {error}</translation>
        </message>
        <message>
            <source>{path} is not a readable sle_desktop database ({error}). It may be damaged or a different kind of file; restore it from a backup.</source>
            <translation>Файл {path} не читается как база данных sle_desktop ({error}). Возможно, он повреждён или это файл другого типа; восстановите его из резервной копии.</translation>
        </message>
        <message>
            <source>Cannot switch {path} to WAL mode (got {mode}).</source>
            <translation>Не удаётся перевести {path} в режим WAL (получен режим {mode}).</translation>
        </message>
        <message>
            <source>The change could not be saved: {error}. Nothing was written.</source>
            <translation>Не удалось сохранить изменение: {error}. Ничего не записано.</translation>
        </message>
        <message>
            <source>The database {name} was written by a newer version of sle_desktop (schema version {version}; this program knows up to {latest}). Install the newer version of the program; the database has not been changed.</source>
            <translation>База данных {name} записана более новой версией sle_desktop (версия схемы {version}; эта программа поддерживает версии до {latest}). Установите более новую версию программы; база данных не изменена.</translation>
        </message>
        <message>
            <source>no cryptographic signature: the row was not made by signing</source>
            <translation>нет криптографической подписи: строка создана не подписанием</translation>
        </message>
        <message>
            <source>the signer {signer} has no signing key on record</source>
            <translation>у подписавшего {signer} нет ключа подписи</translation>
        </message>
        <message>
            <source>the record differs from what was signed, without an audited change</source>
            <translation>запись отличается от подписанной, и изменение не отражено в аудите</translation>
        </message>
        <message>
            <source>legacy signature (not cryptographic), made before the signatures were keyed</source>
            <translation>прежняя подпись (не криптографическая), сделана до введения ключей подписи</translation>
        </message>
        <message>
            <source>the signature does not match its record, meaning, signer or time (forged or copied)</source>
            <translation>подпись не соответствует своей записи, значению, подписавшему или времени (подделана или скопирована)</translation>
        </message>
        <message>
            <source>The data key could not be unlocked with this password.</source>
            <translation>Не удалось разблокировать ключ данных этим паролем.</translation>
        </message>
        <message>
            <source>The signing key could not be unlocked with this password.</source>
            <translation>Ключ подписи не удалось разблокировать этим паролем.</translation>
        </message>
        <message>
            <source>This record cannot be changed: {what} was locked by {user} on {at} ({reason}); an administrator must unlock it first.</source>
            <translation>Эту запись нельзя изменить: {what} заблокирована пользователем {user} {at} ({reason}); сначала её должен разблокировать администратор.</translation>
        </message>
        <message>
            <source>the casebook</source>
            <translation>карта субъекта</translation>
        </message>
        <message>
            <source>the visit</source>
            <translation>запись визита</translation>
        </message>
        <message>
            <source>No {table} record {uuid}.</source>
            <translation>Запись {table} {uuid} не найдена.</translation>
        </message>
        <message>
            <source>A reason for change is required to change a saved record.</source>
            <translation>Чтобы изменить сохранённую запись, укажите причину изменения.</translation>
        </message>
        <message>
            <source>{mb:.1f} MB</source>
            <translation>{mb:.1f} МБ</translation>
        </message>
        <message>
            <source>{n:,} bytes</source>
            <translation>{n:,} байт</translation>
        </message>
        <message>
            <source>{name} is truncated or damaged (the copy was probably interrupted, e.g. the USB stick was pulled). Copy or export the bundle again.</source>
            <translation>Файл {name} обрезан или повреждён (вероятно, копирование было прервано, например извлекли USB-накопитель). Скопируйте или экспортируйте пакет снова.</translation>
        </message>
        <message>
            <source>missing {fields}</source>
            <translation>отсутствуют поля {fields}</translation>
        </message>
        <message>
            <source>unknown field(s) {fields}</source>
            <translation>неизвестные поля {fields}</translation>
        </message>
        <message>
            <source>The bundle's manifest is malformed: {problem}.</source>
            <translation>Манифест пакета имеет неверный формат: {problem}.</translation>
        </message>
        <message>
            <source>it is not a JSON object</source>
            <translation>это не объект JSON</translation>
        </message>
        <message>
            <source>format is {found!r}, not {expected!r}</source>
            <translation>формат {found!r} вместо {expected!r}</translation>
        </message>
        <message>
            <source>The bundle uses format version {found}; this program reads version {expected}. Install the matching version of sle_desktop.</source>
            <translation>Пакет записан в формате версии {found}; эта программа читает версию {expected}. Установите соответствующую версию sle_desktop.</translation>
        </message>
        <message>
            <source>the bundle number or change range is impossible</source>
            <translation>недопустимый номер пакета или диапазон изменений</translation>
        </message>
        <message>
            <source>a size is negative</source>
            <translation>отрицательный размер</translation>
        </message>
        <message>
            <source>unsupported compression or encryption</source>
            <translation>неподдерживаемый метод сжатия или шифрования</translation>
        </message>
        <message>
            <source>recipient_fingerprints is not a short list of fingerprints</source>
            <translation>recipient_fingerprints не является коротким списком отпечатков</translation>
        </message>
        <message>
            <source>counts is not a table of whole numbers</source>
            <translation>counts не является таблицей целых чисел</translation>
        </message>
        <message>
            <source>{path} is a folder, not a bundle file.</source>
            <translation>{path} — это папка, а не файл пакета.</translation>
        </message>
        <message>
            <source>{name} is {size}, more than the {limit} a bundle may be; it was not read. If it is genuine, import it with a higher --max-bundle-mb.</source>
            <translation>Размер файла {name} — {size}, больше допустимого для пакета ({limit}); файл не прочитан. Если файл подлинный, импортируйте его с большим значением --max-bundle-mb.</translation>
        </message>
        <message>
            <source>{name} grew beyond {limit} while being read; it was refused.</source>
            <translation>Файл {name} увеличился больше {limit} во время чтения; он отклонён.</translation>
        </message>
        <message>
            <source>{name} is empty (0 bytes): the copy was interrupted. Export the bundle again.</source>
            <translation>Файл {name} пуст (0 байт): копирование было прервано. Экспортируйте пакет снова.</translation>
        </message>
        <message>
            <source>{name} is not an sle_desktop bundle (or its beginning is damaged).</source>
            <translation>Файл {name} не является пакетом sle_desktop (или его начало повреждено).</translation>
        </message>
        <message>
            <source>{name}: the manifest is not in canonical form; it was altered.</source>
            <translation>{name}: манифест не в каноническом виде; он был изменён.</translation>
        </message>
        <message>
            <source>{name}: the signature is damaged or missing.</source>
            <translation>{name}: подпись повреждена или отсутствует.</translation>
        </message>
        <message>
            <source>{name}: the encrypted data was altered after the site signed the bundle; it was refused.</source>
            <translation>{name}: зашифрованные данные изменены после подписания пакета центром; пакет отклонён.</translation>
        </message>
        <message>
            <source>{name}: its payload would be {size} once unpacked, over the {limit} limit; it was refused.</source>
            <translation>{name}: после распаковки содержимое заняло бы {size}, больше предела {limit}; пакет отклонён.</translation>
        </message>
        <message>
            <source>{name}: it declares {lines:,} lines, more than the limit of {limit:,}; it was refused.</source>
            <translation>{name}: заявлено строк: {lines:,}, больше предела {limit:,}; пакет отклонён.</translation>
        </message>
        <message>
            <source>{name}: payload line {n} is longer than {limit}; the bundle was refused.</source>
            <translation>{name}: строка содержимого {n} длиннее {limit}; пакет отклонён.</translation>
        </message>
        <message>
            <source>{name}: the payload ends early (truncated).</source>
            <translation>{name}: содержимое обрывается раньше конца (файл обрезан).</translation>
        </message>
        <message>
            <source>{name}: unexpected data after the end of the payload.</source>
            <translation>{name}: после конца содержимого есть лишние данные.</translation>
        </message>
        <message>
            <source>{name}: the payload's last line is incomplete.</source>
            <translation>{name}: последняя строка содержимого неполная.</translation>
        </message>
        <message>
            <source>{name}: the payload does not match the signed manifest (size, line count or hash); it was refused.</source>
            <translation>{name}: содержимое не соответствует подписанному манифесту (размер, число строк или хеш); пакет отклонён.</translation>
        </message>
        <message>
            <source>{name}: payload line {n} is not a payload record.</source>
            <translation>{name}: строка содержимого {n} не является записью содержимого пакета.</translation>
        </message>
        <message>
            <source>The bundle could not be encrypted for the sponsor: {error}.</source>
            <translation>Не удалось зашифровать пакет для спонсора: {error}.</translation>
        </message>
        <message>
            <source>{key} is not a whole number</source>
            <translation>{key} — не целое число</translation>
        </message>
        <message>
            <source>{key} has the wrong type</source>
            <translation>{key} имеет неверный тип</translation>
        </message>
        <message>
            <source>{key} is too long</source>
            <translation>значение {key} слишком длинное</translation>
        </message>
        <message>
            <source>{key} is not a SHA-256 hash</source>
            <translation>{key} не является хешем SHA-256</translation>
        </message>
        <message>
            <source>import bundles</source>
            <translation>импортировать пакеты</translation>
        </message>
        <message>
            <source>raise or close data queries</source>
            <translation>создавать или закрывать запросы по данным</translation>
        </message>
        <message>
            <source>write return bundles</source>
            <translation>создавать обратные пакеты</translation>
        </message>
        <message>
            <source>export data</source>
            <translation>экспортировать данные</translation>
        </message>
        <message>
            <source>The first data manager already exists; log in instead.</source>
            <translation>Первый менеджер данных уже создан; войдите в систему.</translation>
        </message>
        <message>
            <source>No subject {id} at the sponsor.</source>
            <translation>У спонсора нет субъекта {id}.</translation>
        </message>
        <message>
            <source>No {table} record {uuid} at the sponsor.</source>
            <translation>У спонсора нет записи {table} {uuid}.</translation>
        </message>
        <message>
            <source>Two sites have a subject {id}; choose the site.</source>
            <translation>Субъект {id} есть в двух центрах; выберите центр.</translation>
        </message>
        <message>
            <source>Two sites have a record {uuid}; choose the site.</source>
            <translation>Запись {uuid} есть в двух центрах; выберите центр.</translation>
        </message>
        <message>
            <source>There is no folder {path}.</source>
            <translation>Папки {path} нет.</translation>
        </message>
        <message>
            <source>There are no bundle files (*.slebundle) in {path}.</source>
            <translation>В папке {path} нет файлов пакетов (*.slebundle).</translation>
        </message>
        <message>
            <source>Unknown export {kind}.</source>
            <translation>Неизвестный вид экспорта {kind}.</translation>
        </message>
        <message>
            <source>{path} is a folder; give a file name for the PDF.</source>
            <translation>{path} — папка; укажите имя файла PDF.</translation>
        </message>
        <message>
            <source>The PDF {path} could not be written.</source>
            <translation>Не удалось записать PDF {path}.</translation>
        </message>
        <message>
            <source>Cannot read {path}: {error}.</source>
            <translation>Не удалось прочитать {path}: {error}.</translation>
        </message>
        <message>
            <source>{name}: the manifest is not valid JSON ({error}).</source>
            <translation>{name}: манифест не является корректным JSON ({error}).</translation>
        </message>
        <message>
            <source>{name}: the signature does not match the registered key of site {site}. The bundle was forged, altered after signing, or signed by another key; it was refused.</source>
            <translation>{name}: подпись не соответствует зарегистрированному ключу центра {site}. Пакет подделан, изменён после подписания или подписан другим ключом; он отклонён.</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>неизвестно</translation>
        </message>
        <message>
            <source>{name} cannot be decrypted with this sponsor key: it was encrypted for key(s) {theirs}, and this key is {mine}. Use the matching sponsor.key, or ask the site to set the right sponsor key.</source>
            <translation>{name} не удаётся расшифровать этим ключом спонсора: пакет зашифрован для ключа (ключей) {theirs}, а этот ключ — {mine}. Используйте соответствующий sponsor.key или попросите центр настроить правильный ключ спонсора.</translation>
        </message>
        <message>
            <source>{name}: its payload unpacks to more than the {limit} declared or allowed (a compression bomb or a damaged file); it was refused.</source>
            <translation>{name}: содержимое при распаковке превышает заявленный или допустимый объём {limit} («бомба сжатия» или повреждённый файл); пакет отклонён.</translation>
        </message>
        <message>
            <source>{name}: the payload is damaged (invalid compressed data).</source>
            <translation>{name}: содержимое повреждено (некорректные сжатые данные).</translation>
        </message>
        <message>
            <source>{name}: payload line {n} is not valid JSON ({error}).</source>
            <translation>{name}: строка содержимого {n} не является корректным JSON ({error}).</translation>
        </message>
        <message>
            <source>{name}: its payload has more than {limit:,} lines; it was refused.</source>
            <translation>{name}: в содержимом больше {limit:,} строк; пакет отклонён.</translation>
        </message>
        <message>
            <source>{name} is not an sle_desktop bundle (unexpected content {member!r}).</source>
            <translation>Файл {name} не является пакетом sle_desktop (неожиданное содержимое {member!r}).</translation>
        </message>
        <message>
            <source>{name}: {member} is {size}, over its limit; the bundle was refused.</source>
            <translation>{name}: размер {member} — {size}, больше допустимого; пакет отклонён.</translation>
        </message>
        <message>
            <source>This is not a sponsor key file: it is far too large.</source>
            <translation>Это не файл ключа спонсора: он слишком большой.</translation>
        </message>
        <message>
            <source>This file contains the sponsor's PRIVATE key. It must never be copied to a site: delete it from this computer and ask the sponsor for the public file sponsor.pub.</source>
            <translation>Этот файл содержит ЗАКРЫТЫЙ ключ спонсора. Его никогда нельзя копировать в центр: удалите его с этого компьютера и запросите у спонсора открытый файл sponsor.pub.</translation>
        </message>
        <message>
            <source>The sponsor key file contains no age public key (a line starting with 'age1').</source>
            <translation>Файл ключа спонсора не содержит открытого ключа age (строки, начинающейся с 'age1').</translation>
        </message>
        <message>
            <source>The sponsor key file lists {n} keys; at most {max} are allowed.</source>
            <translation>Ключей в файле ключа спонсора: {n}; допускается не более {max}.</translation>
        </message>
        <message>
            <source>Line {number} of the sponsor key file is not an age public key (they start with 'age1'): {value!r}.</source>
            <translation>Строка {number} файла ключа спонсора не является открытым ключом age (такие ключи начинаются с 'age1'): {value!r}.</translation>
        </message>
        <message>
            <source>Line {number} of the sponsor key file is not a valid age public key (wrong length or characters).</source>
            <translation>Строка {number} файла ключа спонсора не является допустимым открытым ключом age (неверная длина или символы).</translation>
        </message>
        <message>
            <source>A stored sponsor key is not a valid age public key; import the sponsor key file again.</source>
            <translation>Сохранённый ключ спонсора не является допустимым открытым ключом age; импортируйте файл ключа спонсора снова.</translation>
        </message>
        <message>
            <source>Line {number} of the sponsor key file is not a valid age public key (checksum error).</source>
            <translation>Строка {number} файла ключа спонсора не является допустимым открытым ключом age (ошибка контрольной суммы).</translation>
        </message>
        <message>
            <source>The return bundle's manifest is malformed: {problem}.</source>
            <translation>Манифест ответного пакета имеет неверный формат: {problem}.</translation>
        </message>
        <message>
            <source>This is a site bundle (data for the sponsor), not a return bundle from the sponsor.</source>
            <translation>Это пакет центра (данные для спонсора), а не ответный пакет от спонсора.</translation>
        </message>
        <message>
            <source>The return bundle uses format version {found}; this program reads version {expected}. Install the matching version of sle_desktop.</source>
            <translation>Ответный пакет записан в формате версии {found}; эта программа читает версию {expected}. Установите соответствующую версию sle_desktop.</translation>
        </message>
        <message>
            <source>a sequence number is impossible</source>
            <translation>недопустимый порядковый номер</translation>
        </message>
        <message>
            <source>{name}: the encrypted data was altered after the sponsor signed it; it was refused.</source>
            <translation>{name}: зашифрованные данные изменены после подписания спонсором; пакет отклонён.</translation>
        </message>
        <message>
            <source>This is not a sponsor signing key file: it is far too large.</source>
            <translation>Это не файл ключа подписи спонсора: он слишком большой.</translation>
        </message>
        <message>
            <source>This file contains the sponsor's PRIVATE signing key. It must never be copied to a site: delete it from this computer and ask the sponsor for sponsor-signing.pub.</source>
            <translation>Этот файл содержит ЗАКРЫТЫЙ ключ подписи спонсора. Его никогда нельзя копировать в центр: удалите его с этого компьютера и запросите у спонсора файл sponsor-signing.pub.</translation>
        </message>
        <message>
            <source>This is not a sponsor signing key file (expected 'format: {format}'; it is the file sponsor-signing.pub written by sle-sponsor keygen).</source>
            <translation>Это не файл ключа подписи спонсора (ожидается 'format: {format}'; нужен файл sponsor-signing.pub, созданный командой sle-sponsor keygen).</translation>
        </message>
        <message>
            <source>The sponsor signing key file is damaged: its fingerprint does not match its key.</source>
            <translation>Файл ключа подписи спонсора повреждён: его отпечаток не соответствует ключу.</translation>
        </message>
        <message>
            <source>{name}: the signature does not match the sponsor's registered signing key (fingerprint {fingerprint}). The file was forged, altered after signing, or signed by another key; it was refused and nothing was changed.</source>
            <translation>{name}: подпись не соответствует зарегистрированному ключу подписи спонсора (отпечаток {fingerprint}). Файл подделан, изменён после подписания или подписан другим ключом; он отклонён, никаких изменений не внесено.</translation>
        </message>
        <message>
            <source>{name} cannot be decrypted with this site's return key: it was encrypted for {theirs}, this site's key is {mine}. Give the sponsor this site's current key file (sle-desktop site-key).</source>
            <translation>{name} не удаётся расшифровать ключом ответных пакетов этого центра: файл зашифрован для {theirs}, а ключ этого центра — {mine}. Передайте спонсору текущий файл ключа центра (sle-desktop site-key).</translation>
        </message>
        <message>
            <source>The sponsor signing key file's public key is damaged.</source>
            <translation>Открытый ключ в файле ключа подписи спонсора повреждён.</translation>
        </message>
        <message>
            <source>another key</source>
            <translation>другого ключа</translation>
        </message>
        <message>
            <source>The audit trail changed while the bundle was being built; try the export again.</source>
            <translation>Журнал аудита изменился во время создания пакета; повторите экспорт.</translation>
        </message>
        <message>
            <source>The bundle written to {folder} differs from what was written (the drive corrupted it). Try another drive.</source>
            <translation>Пакет, записанный в {folder}, отличается от записанных данных (накопитель их повредил). Используйте другой накопитель.</translation>
        </message>
        <message>
            <source>The audit trail has no change {n}; choose a change number between 0 and {head}.</source>
            <translation>В журнале аудита нет изменения № {n}; выберите номер изменения от 0 до {head}.</translation>
        </message>
        <message>
            <source>The audit trail is missing change {n} (the next one found is {found}): it was tampered with. Nothing was exported; run 'sle-desktop verify-audit' and contact the sponsor.</source>
            <translation>В журнале аудита отсутствует изменение № {n} (следующее найденное — № {found}): журнал был изменён. Ничего не экспортировано; запустите 'sle-desktop verify-audit' и свяжитесь со спонсором.</translation>
        </message>
        <message>
            <source>The written bundle cannot be read back ({error}); the drive may have been removed.</source>
            <translation>Записанный пакет не удаётся прочитать повторно ({error}); возможно, накопитель извлечён.</translation>
        </message>
        <message>
            <source>The bundle written to {folder} did not verify when read back ({error}). The drive may be faulty; try another one.</source>
            <translation>Пакет, записанный в {folder}, не прошёл проверку при повторном чтении ({error}). Возможно, накопитель неисправен; используйте другой.</translation>
        </message>
        <message>
            <source>{table} record {uuid} has binary data in {column}; it cannot be exported.</source>
            <translation>Запись {uuid} таблицы {table} содержит двоичные данные в поле {column}; её невозможно экспортировать.</translation>
        </message>
        <message>
            <source>Cannot write {what} to {where}: {error}.</source>
            <translation>Не удалось записать {what} в {where}: {error}.</translation>
        </message>
        <message>
            <source>{path} is a file, not a folder: choose the folder to write the backup into.</source>
            <translation>{path} — файл, а не папка: выберите папку для резервной копии.</translation>
        </message>
        <message>
            <source>day {day}</source>
            <translation>день {day}</translation>
        </message>
        <message>
            <source>reordered</source>
            <translation>изменён порядок</translation>
        </message>
        <message>
            <source>min age</source>
            <translation>минимальный возраст</translation>
        </message>
        <message>
            <source>max age</source>
            <translation>максимальный возраст</translation>
        </message>
        <message>
            <source>min acr criteria</source>
            <translation>минимальное число критериев ACR</translation>
        </message>
        <message>
            <source>min sledai</source>
            <translation>минимальный балл SLEDAI</translation>
        </message>
        <message>
            <source>biopsy lookback months</source>
            <translation>давность биопсии почки (мес.)</translation>
        </message>
        <message>
            <source>malignancy lookback years</source>
            <translation>период без злокачественных новообразований (лет)</translation>
        </message>
        <message>
            <source>min proteinuria g per day</source>
            <translation>минимальная суточная протеинурия (г/сут)</translation>
        </message>
        <message>
            <source>min upcr g per g</source>
            <translation>минимальный UPCR (г/г)</translation>
        </message>
        <message>
            <source>{name}: {problem}</source>
            <translation>{name}: {problem}</translation>
        </message>
        <message>
            <source>{question}
Follow-up: {followup}</source>
            <translation>{question}
Уточнение: {followup}</translation>
        </message>
        <message>
            <source>unscheduled</source>
            <translation>внеплановый</translation>
        </message>
        <message>
            <source>day {day} ± {window}</source>
            <translation>день {day} ± {window}</translation>
        </message>
        <message>
            <source>days {first} to {last}</source>
            <translation>дни с {first} по {last}</translation>
        </message>
        <message>
            <source>adds {added} and drops {removed}</source>
            <translation>добавляются {added}, исключаются {removed}</translation>
        </message>
        <message>
            <source>adds {added}</source>
            <translation>добавляются {added}</translation>
        </message>
        <message>
            <source>drops {removed}</source>
            <translation>исключаются {removed}</translation>
        </message>
        <message>
            <source>This site has no signing key; it was set up by an older version. Contact support.</source>
            <translation>У центра нет ключа подписи; центр был настроен старой версией программы. Обратитесь в службу поддержки.</translation>
        </message>
        <message>
            <source>payload line {n} ({kind}) is malformed.</source>
            <translation>строка содержимого {n} ({kind}) имеет неверный формат.</translation>
        </message>
        <message>
            <source>the payload does not start with its header.</source>
            <translation>содержимое не начинается с заголовка.</translation>
        </message>
        <message>
            <source>the payload header does not match the signed manifest.</source>
            <translation>заголовок содержимого не соответствует подписанному манифесту.</translation>
        </message>
        <message>
            <source>the payload has no end line (truncated).</source>
            <translation>у содержимого нет завершающей строки (файл обрезан).</translation>
        </message>
        <message>
            <source>the payload carries more than one study definition.</source>
            <translation>содержимое включает более одного определения исследования.</translation>
        </message>
        <message>
            <source>{name}: no sponsor signing key is registered at this site, so the return bundle cannot be checked; it was not imported. Import the sponsor's sponsor-signing.pub first (sle-desktop set-sponsor-signing-key).</source>
            <translation>{name}: в центре не зарегистрирован ключ подписи спонсора, поэтому ответный пакет невозможно проверить; он не импортирован. Сначала импортируйте файл спонсора sponsor-signing.pub (sle-desktop set-sponsor-signing-key).</translation>
        </message>
        <message>
            <source>{name} is addressed to site {other}, not to this site ({site}); it was refused and nothing was changed.</source>
            <translation>{name} адресован центру {other}, а не этому центру ({site}); пакет отклонён, никаких изменений не внесено.</translation>
        </message>
        <message>
            <source>{name} is for study {study}, not {site_study}; it was refused.</source>
            <translation>{name} относится к исследованию {study}, а не {site_study}; пакет отклонён.</translation>
        </message>
        <message>
            <source>{name}: this site has no return key yet, so the bundle cannot have been made for it. Give the sponsor this site's key file (sle-desktop site-key) first.</source>
            <translation>{name}: у этого центра ещё нет ключа ответных пакетов, поэтому пакет не мог быть создан для него. Сначала передайте спонсору файл ключа центра (sle-desktop site-key).</translation>
        </message>
        <message>
            <source>No such query.</source>
            <translation>Такой запрос не найден.</translation>
        </message>
        <message>
            <source>SAE reporting deadline changes from {old} h to {new} h.</source>
            <translation>Срок сообщения о СНЯ: было {old} ч, станет {new} ч.</translation>
        </message>
        <message>
            <source>The study title changes.</source>
            <translation>Меняется название исследования.</translation>
        </message>
        <message>
            <source>No change to visits, windows, forms or eligibility.</source>
            <translation>Визиты, окна визитов, формы и критерии включения не меняются.</translation>
        </message>
        <message>
            <source>Only a site administrator can accept a new study definition.</source>
            <translation>Принять новое определение исследования может только администратор центра.</translation>
        </message>
        <message>
            <source>The site's return key cannot be unlocked with this site's data key (the database may have been copied from another installation).</source>
            <translation>Ключ ответных пакетов центра невозможно разблокировать ключом данных этого центра (возможно, база данных скопирована из другой установки).</translation>
        </message>
        <message>
            <source>there is data after the payload's end line.</source>
            <translation>после завершающей строки содержимого есть данные.</translation>
        </message>
        <message>
            <source>the study definition it carries is not valid ({error}).</source>
            <translation>содержащееся в нём определение исследования некорректно ({error}).</translation>
        </message>
        <message>
            <source>the study definition it carries is for study {study} version {version}, not an update of study {site_study}.</source>
            <translation>содержащееся в нём определение исследования относится к исследованию {study} версии {version} и не является обновлением исследования {site_study}.</translation>
        </message>
        <message>
            <source>{name}: return bundle {seq} was already imported on {when}; importing it again changes nothing, so it was refused.</source>
            <translation>{name}: ответный пакет {seq} уже импортирован {when}; повторный импорт ничего не изменит, поэтому пакет отклонён.</translation>
        </message>
        <message>
            <source>{name}: return bundle {seq} was already imported on {when}, and this file is a different bundle with the same number; it was refused.</source>
            <translation>{name}: ответный пакет {seq} уже импортирован {when}, а этот файл — другой пакет с тем же номером; он отклонён.</translation>
        </message>
        <message>
            <source>{name} is return bundle {seq}, older than return bundle {last} already imported. It may hold out-of-date query states; it was refused and nothing was changed.</source>
            <translation>{name} — ответный пакет {seq}, более старый, чем уже импортированный ответный пакет {last}. Он может содержать устаревшие состояния запросов; пакет отклонён, никаких изменений не внесено.</translation>
        </message>
        <message>
            <source>{name} does not follow the last return bundle imported here (its previous-bundle hash differs); it was refused. Contact the sponsor.</source>
            <translation>{name} не следует за последним импортированным здесь ответным пакетом (хеш предыдущего пакета отличается); пакет отклонён. Свяжитесь со спонсором.</translation>
        </message>
        <message>
            <source>The sponsor acknowledged a bundle {seq} that differs from the one this site exported; it was not marked as received.</source>
            <translation>Спонсор подтвердил получение пакета {seq}, который отличается от экспортированного этим центром; пакет не отмечен как полученный.</translation>
        </message>
        <message>
            <source>The sponsor's copy of the audit trail at change {n} differs from this site's.</source>
            <translation>Копия журнала аудита у спонсора на изменении № {n} отличается от журнала этого центра.</translation>
        </message>
        <message>
            <source>Write an answer to the query.</source>
            <translation>Напишите ответ на запрос.</translation>
        </message>
        <message>
            <source>The answer is too long (at most {max} characters).</source>
            <translation>Ответ слишком длинный (не более {max} симв.).</translation>
        </message>
        <message>
            <source>This query is {status}; only open or re-opened queries can be answered.</source>
            <translation>Статус запроса: {status}; ответить можно только на открытый или повторно открытый запрос.</translation>
        </message>
        <message>
            <source>New visit: {label} ({code}), {window}.</source>
            <translation>Новый визит: {label} ({code}), {window}.</translation>
        </message>
        <message>
            <source>Removed visit: {label} ({code}). Visits already recorded are kept.</source>
            <translation>Визит удалён: {label} ({code}). Уже внесённые визиты сохраняются.</translation>
        </message>
        <message>
            <source>{label}: window changes from {old} to {new}.</source>
            <translation>{label}: окно визита — было {old}, станет {new}.</translation>
        </message>
        <message>
            <source>{label}: forms {change}.</source>
            <translation>{label}: формы — {change}.</translation>
        </message>
        <message>
            <source>Visit {code} is renamed from {old!r} to {new!r}.</source>
            <translation>Визит {code} переименовывается: было {old!r}, станет {new!r}.</translation>
        </message>
        <message>
            <source>Eligibility: {rule} changes from {old} to {new}.</source>
            <translation>Критерии включения: {rule} — было {old}, станет {new}.</translation>
        </message>
        <message>
            <source>No study-definition update is waiting to be accepted.</source>
            <translation>Нет обновления определения исследования, ожидающего принятия.</translation>
        </message>
        <message>
            <source>the payload's end line does not match its content (truncated or altered).</source>
            <translation>завершающая строка содержимого не соответствует его составу (файл обрезан или изменён).</translation>
        </message>
        <message>
            <source>query {uuid} points at a different record than before; it was refused.</source>
            <translation>запрос {uuid} относится не к той записи, что прежде; пакет отклонён.</translation>
        </message>
        <message>
            <source>answered</source>
            <translation>дан ответ</translation>
        </message>
        <message>
            <source>closed</source>
            <translation>закрыт</translation>
        </message>
        <message>
            <source>payload line {n} has an unknown type {kind!r}.</source>
            <translation>строка содержимого {n} имеет неизвестный тип {kind!r}.</translation>
        </message>
        <message>
            <source>Age: date of birth {dob:%d.%m.%Y} is after the consent date {consent:%d.%m.%Y}.</source>
            <translation>Возраст: дата рождения {dob:%d.%m.%Y} позже даты подписания согласия {consent:%d.%m.%Y}.</translation>
        </message>
        <message>
            <source>biopsy class {biopsy_class} on {on:%d.%m.%Y}</source>
            <translation>биопсия почки (класс {biopsy_class}) от {on:%d.%m.%Y}</translation>
        </message>
        <message>
            <source>{label}: consent date missing, so the malignancy diagnosed on {date:%d.%m.%Y} cannot be shown to be outside the {years}-year window.</source>
            <translation>{label}: не указана дата подписания согласия, поэтому нельзя подтвердить, что злокачественное новообразование, диагностированное {date:%d.%m.%Y}, находится за пределами исключающего срока (лет: {years}).</translation>
        </message>
        <message>
            <source>{label}: malignancy diagnosed on {date:%d.%m.%Y}, after consent on {consent:%d.%m.%Y}.</source>
            <translation>{label}: злокачественное новообразование диагностировано {date:%d.%m.%Y}, после подписания согласия {consent:%d.%m.%Y}.</translation>
        </message>
        <message>
            <source>{label}: malignancy diagnosed on {date:%d.%m.%Y}, on or after {cutoff:%d.%m.%Y} ({years} years before consent on {consent:%d.%m.%Y}).</source>
            <translation>{label}: злокачественное новообразование диагностировано {date:%d.%m.%Y}, не ранее {cutoff:%d.%m.%Y} — начала исключающего срока (лет до согласия: {years}; согласие подписано {consent:%d.%m.%Y}).</translation>
        </message>
        <message>
            <source>biopsy class {biopsy_class} on {on:%d.%m.%Y} is after consent on {consent:%d.%m.%Y}</source>
            <translation>биопсия почки (класс {biopsy_class}) от {on:%d.%m.%Y} выполнена после подписания согласия {consent:%d.%m.%Y}</translation>
        </message>
        <message>
            <source>biopsy class {biopsy_class} on {on:%d.%m.%Y} is more than {months} months before consent (earliest {earliest:%d.%m.%Y})</source>
            <translation>биопсия почки (класс {biopsy_class}) от {on:%d.%m.%Y} выполнена раньше допустимого срока до согласия (мес.: {months}; не ранее {earliest:%d.%m.%Y})</translation>
        </message>
        <message>
            <source>There is not enough free space on {where} to write {what}. Free some space or use another drive.</source>
            <translation>Недостаточно свободного места в {where}, чтобы записать {what}. Освободите место или используйте другой накопитель.</translation>
        </message>
        <message>
            <source>Cannot write {what} to {where}: the drive or folder is read-only or not yours.</source>
            <translation>Не удалось записать {what} в {where}: накопитель или папка доступны только для чтения, или у вас нет прав на запись.</translation>
        </message>
        <message>
            <source>Cannot write {what} to {where}: the drive was removed or is not working ({error}).</source>
            <translation>Не удалось записать {what} в {where}: накопитель извлечён или не работает ({error}).</translation>
        </message>
        <message>
            <source>The visit {visit} has no {form} form in study definition {version}; nothing was saved.</source>
            <translation>У визита {visit} нет формы «{form}» в определении исследования {version}; ничего не сохранено.</translation>
        </message>
        <message>
            <source>Screening number</source>
            <translation>Скрининговый номер</translation>
        </message>
        <message>
            <source>Subject ID</source>
            <translation>Номер участника</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Статус</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>Пол</translation>
        </message>
        <message>
            <source>Year of birth</source>
            <translation>Год рождения</translation>
        </message>
        <message>
            <source>Reason for the arm</source>
            <translation>Обоснование группы</translation>
        </message>
        <message>
            <source>Arm assigned by</source>
            <translation>Группу назначил</translation>
        </message>
        <message>
            <source>Arm assigned at</source>
            <translation>Группа назначена</translation>
        </message>
        <message>
            <source>Baseline date</source>
            <translation>Дата исходного визита</translation>
        </message>
        <message>
            <source>Date consent signed</source>
            <translation>Дата подписания согласия</translation>
        </message>
        <message>
            <source>Consent obtained by</source>
            <translation>Согласие получил</translation>
        </message>
        <message>
            <source>Age at consent</source>
            <translation>Возраст на дату согласия</translation>
        </message>
        <message>
            <source>ACR 1997 criteria</source>
            <translation>Критерии ACR 1997</translation>
        </message>
        <message>
            <source>Anti-dsDNA positive</source>
            <translation>Анти-дсДНК положительные</translation>
        </message>
        <message>
            <source>Anti-dsDNA result</source>
            <translation>Анти-дсДНК, результат</translation>
        </message>
        <message>
            <source>SELENA-SLEDAI descriptors</source>
            <translation>Признаки SELENA-SLEDAI</translation>
        </message>
        <message>
            <source>SELENA-SLEDAI score</source>
            <translation>Балл SELENA-SLEDAI</translation>
        </message>
        <message>
            <source>Proteinuria (g/24 h)</source>
            <translation>Протеинурия (г/сут)</translation>
        </message>
        <message>
            <source>UPCR (g/g)</source>
            <translation>UPCR (г/г)</translation>
        </message>
        <message>
            <source>Active urinary sediment</source>
            <translation>Активный мочевой осадок</translation>
        </message>
        <message>
            <source>Investigator confirms active nephritis</source>
            <translation>Исследователь подтверждает активный нефрит</translation>
        </message>
        <message>
            <source>Can follow the study procedures</source>
            <translation>Может выполнять процедуры исследования</translation>
        </message>
        <message>
            <source>Needs dialysis</source>
            <translation>Нужен диализ</translation>
        </message>
        <message>
            <source>Planned transplant</source>
            <translation>Планируется трансплантация</translation>
        </message>
        <message>
            <source>High-risk condition</source>
            <translation>Состояние высокого риска</translation>
        </message>
        <message>
            <source>High-risk condition details</source>
            <translation>Состояние высокого риска: подробности</translation>
        </message>
        <message>
            <source>Pregnant or lactating</source>
            <translation>Беременность или лактация</translation>
        </message>
        <message>
            <source>Pregnancy test</source>
            <translation>Тест на беременность</translation>
        </message>
        <message>
            <source>Chronic infection</source>
            <translation>Хроническая инфекция</translation>
        </message>
        <message>
            <source>Infection details</source>
            <translation>Инфекция: подробности</translation>
        </message>
        <message>
            <source>Last malignancy</source>
            <translation>Последнее злокачественное новообразование</translation>
        </message>
        <message>
            <source>Eligible</source>
            <translation>Соответствует критериям</translation>
        </message>
        <message>
            <source>Failed criteria</source>
            <translation>Невыполненные критерии</translation>
        </message>
        <message>
            <source>Study day</source>
            <translation>День исследования</translation>
        </message>
        <message>
            <source>Visit window</source>
            <translation>Окно визита</translation>
        </message>
        <message>
            <source>Descriptors confirmed from lab suggestions</source>
            <translation>Признаки, подтверждённые по анализам</translation>
        </message>
        <message>
            <source>Renal SLEDAI</source>
            <translation>Почечный SLEDAI</translation>
        </message>
        <message>
            <source>SELENA flare</source>
            <translation>Обострение SELENA</translation>
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
            <source>Serious</source>
            <translation>Серьёзное</translation>
        </message>
        <message>
            <source>Seriousness criteria</source>
            <translation>Критерии серьёзности</translation>
        </message>
        <message>
            <source>Relationship to MSC product</source>
            <translation>Связь с препаратом МСК</translation>
        </message>
        <message>
            <source>Action taken with MSC</source>
            <translation>Меры в отношении МСК</translation>
        </message>
        <message>
            <source>Site became aware on</source>
            <translation>Центру стало известно</translation>
        </message>
        <message>
            <source>SAE sent to the sponsor</source>
            <translation>СНЯ отправлено спонсору</translation>
        </message>
        <message>
            <source>SAE acknowledged by the sponsor</source>
            <translation>Спонсор подтвердил получение СНЯ</translation>
        </message>
        <message>
            <source>Start time</source>
            <translation>Время начала</translation>
        </message>
        <message>
            <source>End time</source>
            <translation>Время окончания</translation>
        </message>
        <message>
            <source>Dose (×10⁶ cells/kg)</source>
            <translation>Доза (×10⁶ клеток/кг)</translation>
        </message>
        <message>
            <source>Viability (%)</source>
            <translation>Жизнеспособность (%)</translation>
        </message>
        <message>
            <source>Volume (mL)</source>
            <translation>Объём (мл)</translation>
        </message>
        <message>
            <source>Body weight (kg)</source>
            <translation>Масса тела (кг)</translation>
        </message>
        <message>
            <source>Systolic BP before (mmHg)</source>
            <translation>Систолическое АД до (мм рт. ст.)</translation>
        </message>
        <message>
            <source>Diastolic BP before (mmHg)</source>
            <translation>Диастолическое АД до (мм рт. ст.)</translation>
        </message>
        <message>
            <source>Heart rate before (/min)</source>
            <translation>ЧСС до (в мин)</translation>
        </message>
        <message>
            <source>Temperature before (°C)</source>
            <translation>Температура до (°C)</translation>
        </message>
        <message>
            <source>SpO₂ before (%)</source>
            <translation>SpO₂ до (%)</translation>
        </message>
        <message>
            <source>Systolic BP after (mmHg)</source>
            <translation>Систолическое АД после (мм рт. ст.)</translation>
        </message>
        <message>
            <source>Diastolic BP after (mmHg)</source>
            <translation>Диастолическое АД после (мм рт. ст.)</translation>
        </message>
        <message>
            <source>Heart rate after (/min)</source>
            <translation>ЧСС после (в мин)</translation>
        </message>
        <message>
            <source>Temperature after (°C)</source>
            <translation>Температура после (°C)</translation>
        </message>
        <message>
            <source>SpO₂ after (%)</source>
            <translation>SpO₂ после (%)</translation>
        </message>
        <message>
            <source>Infusion reaction</source>
            <translation>Инфузионная реакция</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Вид</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>Описание</translation>
        </message>
        <message>
            <source>Detected on</source>
            <translation>Выявлено</translation>
        </message>
        <message>
            <source>Meaning</source>
            <translation>Значение подписи</translation>
        </message>
        <message>
            <source>Signed by</source>
            <translation>Подписал</translation>
        </message>
        <message>
            <source>Signer's name</source>
            <translation>ФИО подписавшего</translation>
        </message>
        <message>
            <source>Signed at</source>
            <translation>Время подписи</translation>
        </message>
        <message>
            <source>Signed content</source>
            <translation>Подписанное содержимое</translation>
        </message>
        <message>
            <source>Invalidated at</source>
            <translation>Подпись недействительна с</translation>
        </message>
        <message>
            <source>Reason invalidated</source>
            <translation>Причина недействительности</translation>
        </message>
        <message>
            <source>Question</source>
            <translation>Вопрос</translation>
        </message>
        <message>
            <source>Follow-up</source>
            <translation>Уточнение</translation>
        </message>
        <message>
            <source>Answer</source>
            <translation>Ответ</translation>
        </message>
        <message>
            <source>Answered by</source>
            <translation>Ответил</translation>
        </message>
        <message>
            <source>Answered at</source>
            <translation>Время ответа</translation>
        </message>
        <message>
            <source>Correction</source>
            <translation>Исправление</translation>
        </message>
        <message>
            <source>Closed by</source>
            <translation>Закрыл</translation>
        </message>
        <message>
            <source>Closed at</source>
            <translation>Время закрытия</translation>
        </message>
        <message>
            <source>Reason closed</source>
            <translation>Причина закрытия</translation>
        </message>
        <message>
            <source>Raised by</source>
            <translation>Задал</translation>
        </message>
        <message>
            <source>Raised at</source>
            <translation>Время запроса</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>Поле</translation>
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
            <source>Site code</source>
            <translation>Код центра</translation>
        </message>
        <message>
            <source>Site name</source>
            <translation>Название центра</translation>
        </message>
        <message>
            <source>Study</source>
            <translation>Исследование</translation>
        </message>
        <message>
            <source>Study definition version</source>
            <translation>Версия описания исследования</translation>
        </message>
        <message>
            <source>Public key</source>
            <translation>Открытый ключ</translation>
        </message>
        <message>
            <source>Signing public key</source>
            <translation>Открытый ключ подписи</translation>
        </message>
        <message>
            <source>Demo site</source>
            <translation>Демонстрационный центр</translation>
        </message>
        <message>
            <source>Log-in</source>
            <translation>Вход</translation>
        </message>
        <message>
            <source>Last log-in</source>
            <translation>Последний вход</translation>
        </message>
        <message>
            <source>Failed log-ins</source>
            <translation>Неудачные входы</translation>
        </message>
        <message>
            <source>Failed log-in</source>
            <translation>Неудачный вход</translation>
        </message>
        <message>
            <source>Locked until</source>
            <translation>Заблокирована до</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>Запись</translation>
        </message>
        <message>
            <source>Frequency (coded)</source>
            <translation>Кратность приёма (код)</translation>
        </message>
        <message>
            <source>Hospitalisation for SLE activity</source>
            <translation>Госпитализация по поводу активности СКВ</translation>
        </message>
        <message>
            <source>New or worse manifestations (SELENA Flare Index)</source>
            <translation>Новые или усилившиеся проявления (индекс обострений SELENA)</translation>
        </message>
        <message>
            <source>NSAID or hydroxychloroquine added</source>
            <translation>Добавлены НПВП или гидроксихлорохин</translation>
        </message>
        <message>
            <source>New immunosuppressant</source>
            <translation>Новый иммунодепрессант</translation>
        </message>
        <message>
            <source>Prednisone equivalent (mg/kg/day)</source>
            <translation>Эквивалент преднизолона (мг/кг/сут)</translation>
        </message>
        <message>
            <source>Flare index items confirmed from suggestions</source>
            <translation>Пункты индекса обострений, подтверждённые из подсказок</translation>
        </message>
        <message>
            <source>SELENA Flare Index</source>
            <translation>Индекс обострений SELENA</translation>
        </message>
        <message>
            <source>SELENA Flare Index reasons</source>
            <translation>Причины по индексу обострений SELENA</translation>
        </message>
        <message>
            <source>SELENA Flare Index complete</source>
            <translation>Индекс обострений SELENA полный</translation>
        </message>
        <message>
            <source>baseline visit recorded</source>
            <translation>записан исходный визит</translation>
        </message>
        <message>
            <source>enrolment and arm assignment</source>
            <translation>включение и назначение группы</translation>
        </message>
        <message>
            <source>query answered</source>
            <translation>ответ на запрос</translation>
        </message>
        <message>
            <source>sponsor key file replaced</source>
            <translation>заменён файл ключа спонсора</translation>
        </message>
        <message>
            <source>sponsor signing key replaced</source>
            <translation>заменён ключ подписи спонсора</translation>
        </message>
        <message>
            <source>accepted by the site administrator</source>
            <translation>принято администратором центра</translation>
        </message>
        <message>
            <source>study definition update accepted</source>
            <translation>принято обновление описания исследования</translation>
        </message>
        <message>
            <source>export finished after an interruption</source>
            <translation>выгрузка завершена после прерывания</translation>
        </message>
        <message>
            <source>{n} failed log-ins</source>
            <translation>неудачных входов: {n}</translation>
        </message>
        <message>
            <source>receipt confirmed by the sponsor in return bundle {seq}</source>
            <translation>получение подтверждено спонсором в ответном пакете {seq}</translation>
        </message>
        <message>
            <source>query closed by the sponsor (return bundle {seq})</source>
            <translation>запрос закрыт спонсором (ответный пакет {seq})</translation>
        </message>
        <message>
            <source>query re-opened by the sponsor (return bundle {seq})</source>
            <translation>запрос снова открыт спонсором (ответный пакет {seq})</translation>
        </message>
        <message>
            <source>query updated by the sponsor (return bundle {seq})</source>
            <translation>запрос обновлён спонсором (ответный пакет {seq})</translation>
        </message>
        <message>
            <source>source data verified (return bundle {seq})</source>
            <translation>первичные данные проверены (ответный пакет {seq})</translation>
        </message>
        <message>
            <source>newer study definition {version} received</source>
            <translation>получено более новое описание исследования {version}</translation>
        </message>
        <message>
            <source>study definition {version} accepted</source>
            <translation>принято описание исследования {version}</translation>
        </message>
        <message>
            <source>included in bundle {seq}</source>
            <translation>включено в пакет {seq}</translation>
        </message>
        <message>
            <source>record changed: {reason}</source>
            <translation>запись изменена: {reason}</translation>
        </message>
        <message>
            <source>{test}: {field}</source>
            <translation>{test}: {field}</translation>
        </message>
        <message>
            <source>The end date is before the start date.</source>
            <translation>Дата окончания раньше даты начала.</translation>
        </message>
        <message>
            <source>There are no rows to export.</source>
            <translation>Нет строк для выгрузки.</translation>
        </message>
        <message>
            <source>The file could not be written: {error}</source>
            <translation>Не удалось записать файл: {error}</translation>
        </message>
        <message>
            <source>No such MSC infusion for this subject.</source>
            <translation>У этого участника нет такой инфузии МСК.</translation>
        </message>
        <message>
            <source>{mantissa:.3g}×10{power}</source>
            <translation>{mantissa:.3g}×10{power}</translation>
        </message>
        <message>
            <source>Hospitalisation for SLE activity must be yes or no.</source>
            <translation>Госпитализация по поводу активности СКВ: ответ должен быть «да» или «нет».</translation>
        </message>
        <message>
            <source>Hospitalisation for SLE activity is a serious adverse event with the criterion 'hospitalisation': mark it serious and tick that criterion.</source>
            <translation>Госпитализация по поводу активности СКВ — серьёзное нежелательное явление с критерием «госпитализация»: отметьте явление как серьёзное и этот критерий.</translation>
        </message>
        <message>
            <source>Body weight</source>
            <translation>Масса тела</translation>
        </message>
        <message>
            <source>Drug class</source>
            <translation>Класс препарата</translation>
        </message>
        <message>
            <source>Physician's Global Assessment {value} has more than one decimal place: record it to one decimal (e.g. 2.5), as on the visual-analogue scale.</source>
            <translation>Общая оценка врача {value} содержит больше одного знака после запятой: укажите её с одним десятичным знаком (например, 2,5), как на визуально-аналоговой шкале.</translation>
        </message>
        <message>
            <source>a corticosteroid taken on the visit date has no dose in mg, agent or coded frequency</source>
            <translation>у глюкокортикоида, принимаемого в день визита, не указаны доза в мг, препарат или кратность приёма</translation>
        </message>
        <message>
            <source>no body weight on record</source>
            <translation>масса тела не записана</translation>
        </message>
        <message>
            <source>Corticosteroid</source>
            <translation>Глюкокортикоид</translation>
        </message>
        <message>
            <source>The dose of a corticosteroid is required (the prednisone-equivalent dose is computed from it).</source>
            <translation>Для глюкокортикоида нужна доза (по ней рассчитывается доза в пересчёте на преднизон).</translation>
        </message>
        <message>
            <source>Give the corticosteroid dose in mg.</source>
            <translation>Укажите дозу глюкокортикоида в мг.</translation>
        </message>
        <message>
            <source>Choose how often the corticosteroid is taken.</source>
            <translation>Выберите кратность приёма глюкокортикоида.</translation>
        </message>
        <message>
            <source>A corticosteroid agent is given but the drug class is not corticosteroid.</source>
            <translation>Указан глюкокортикоид, но класс препарата — не глюкокортикоид.</translation>
        </message>
        <message>
            <source>The SELENA Flare Index answers must be yes or no.</source>
            <translation>Ответы для индекса обострений SELENA должны быть «да» или «нет».</translation>
        </message>
        <message>
            <source>Visit date is required.</source>
            <translation>Укажите дату визита.</translation>
        </message>
        <message>
            <source>Platelets fell below {limit:g} ×10⁹/L: {previous:g} → {value:g}</source>
            <translation>Тромбоциты снизились ниже {limit:g} ×10⁹/л: {previous:g} → {value:g}</translation>
        </message>
        <message>
            <source>Haemoglobin {value:g} g/L &lt; {limit:g} (confirm haemolysis)</source>
            <translation>Гемоглобин {value:g} г/л &lt; {limit:g} (подтвердите гемолиз)</translation>
        </message>
        <message>
            <source>Concomitant medication: {drugs} started since the previous assessment (for SLE activity?)</source>
            <translation>Сопутствующая терапия: {drugs} — начат(а) после предыдущей оценки (по поводу активности СКВ?)</translation>
        </message>
        <message>
            <source>Concomitant medication: {drugs} started since the previous assessment</source>
            <translation>Сопутствующая терапия: {drugs} — начат(а) после предыдущей оценки</translation>
        </message>
        <message>
            <source>SAE with hospitalisation for SLE activity: {terms}</source>
            <translation>СНЯ с госпитализацией по поводу активности СКВ: {terms}</translation>
        </message>
        <message>
            <source>SELENA-SLEDAI: {descriptor} newly present</source>
            <translation>SELENA-SLEDAI: впервые отмечено — {descriptor}</translation>
        </message>
        <message>
            <source>Haemoglobin fell {fall:g} g/L ({previous:g} → {value:g}; &gt; {limit:g}; confirm haemolysis)</source>
            <translation>Гемоглобин снизился на {fall:g} г/л ({previous:g} → {value:g}; &gt; {limit:g}; подтвердите гемолиз)</translation>
        </message>
        <message>
            <source>{name}: its content could not be read ({error}); it was refused and nothing was changed.</source>
            <translation>{name}: содержимое не удалось прочитать ({error}); файл отклонён, ничего не изменено.</translation>
        </message>
        <message>
            <source>an e-mail address</source>
            <translation>адрес электронной почты</translation>
        </message>
        <message>
            <source>a phone number</source>
            <translation>номер телефона</translation>
        </message>
        <message>
            <source>a national ID or passport number</source>
            <translation>личный номер или номер паспорта</translation>
        </message>
        <message>
            <source>one of the patient's own identifiers</source>
            <translation>одни из личных данных пациента</translation>
        </message>
        <message>
            <source>{field}: “{text}” looks like {kind}.</source>
            <translation>{field}: «{text}» похоже на {kind}.</translation>
        </message>
        <message>
            <source>{folder} is a file, not a folder.</source>
            <translation>{folder} — это файл, а не папка.</translation>
        </message>
        <message>
            <source>{path} is another program's SQLite database, not an sle_desktop sponsor database; it was left unchanged.</source>
            <translation>{path} — база данных SQLite другой программы, а не база спонсора sle_desktop; файл не изменён.</translation>
        </message>
        <message>
            <source>Cannot create {what}: the folder {folder} does not exist. Create it first, or choose another place.</source>
            <translation>Не удалось создать {what}: папки {folder} нет. Сначала создайте её или выберите другое место.</translation>
        </message>
        <message>
            <source>{path} is an empty file, not an sle_desktop database; it was left unchanged. To start a new database, give the name of a file that does not exist yet.</source>
            <translation>{path} — пустой файл, а не база данных sle_desktop; файл не изменён. Чтобы начать новую базу, укажите имя ещё не существующего файла.</translation>
        </message>
        <message>
            <source>{path} is not an sle_desktop database (it is not an SQLite file); it was left unchanged.</source>
            <translation>{path} — не база данных sle_desktop (это не файл SQLite); файл не изменён.</translation>
        </message>
        <message>
            <source>{path} is an sle_desktop sponsor database, not a site database; it was left unchanged.</source>
            <translation>{path} — база спонсора sle_desktop, а не база центра; файл не изменён.</translation>
        </message>
        <message>
            <source>{path} is an sle_desktop site database, not a sponsor database; it was left unchanged.</source>
            <translation>{path} — база центра sle_desktop, а не база спонсора; файл не изменён.</translation>
        </message>
        <message>
            <source>{path} is another program's SQLite database, not an sle_desktop site database; it was left unchanged.</source>
            <translation>{path} — база данных SQLite другой программы, а не база центра sle_desktop; файл не изменён.</translation>
        </message>
        <message>
            <source>Cannot create {what} in {folder}: {folder} is a file, not a folder.</source>
            <translation>Не удалось создать {what} в {folder}: {folder} — это файл, а не папка.</translation>
        </message>
        <message>
            <source>{path} cannot be read ({error}).</source>
            <translation>Не удалось прочитать {path} ({error}).</translation>
        </message>
        <message>
            <source>{path} is not a readable sle_desktop database ({error}). It may be damaged or a different kind of file; it was left unchanged.</source>
            <translation>{path} — не читаемая база данных sle_desktop ({error}). Возможно, файл повреждён или это файл другого типа; он не изменён.</translation>
        </message>
        <message>
            <source>the database {name}</source>
            <translation>базу данных {name}</translation>
        </message>
        <message>
            <source>No database at {path}.</source>
            <translation>Базы данных {path} нет.</translation>
        </message>
        <message>
            <source>Cannot create the database {path}: {error}.</source>
            <translation>Не удалось создать базу данных {path}: {error}.</translation>
        </message>
        <message>
            <source>the folder is read-only or not yours</source>
            <translation>папка доступна только для чтения или принадлежит другому пользователю</translation>
        </message>
        <message>
            <source>the disk is full</source>
            <translation>диск заполнен</translation>
        </message>
        <message>
            <source>Cannot write the key file {name}: {folder} is a file, not a folder.</source>
            <translation>Не удалось записать файл ключа {name}: {folder} — это файл, а не папка.</translation>
        </message>
        <message>
            <source>Cannot write the key file {name} to {folder}: {problem}.</source>
            <translation>Не удалось записать файл ключа {name} в {folder}: {problem}.</translation>
        </message>
        <message>
            <source>The folder {folder} does not exist.</source>
            <translation>Папки {folder} нет.</translation>
        </message>
        <message>
            <source>{name} changed while it was being imported; it was refused.</source>
            <translation>{name} изменился во время импорта; файл отклонён.</translation>
        </message>
        <message>
            <source>{key} is out of range</source>
            <translation>{key} вне допустимого диапазона</translation>
        </message>
        <message>
            <source>{name} carries {size} after the end of the bundle; it is not an sle_desktop bundle as exported and was refused.</source>
            <translation>{name} содержит {size} после конца пакета; это не пакет sle_desktop в том виде, в каком он был выгружен, поэтому он отклонён.</translation>
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
            <source>When</source>
            <translation>Когда</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Участник</translation>
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
            <source>Who</source>
            <translation>Кто</translation>
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
            <source>(encrypted)</source>
            <translation>(зашифровано)</translation>
        </message>
        <message>
            <source>(key)</source>
            <translation>(ключ)</translation>
        </message>
        <message>
            <source>{0}: {1}</source>
            <translation>{0}: {1}</translation>
        </message>
        <message>
            <source>new record</source>
            <translation>новая запись</translation>
        </message>
        <message>
            <source>created: {0}</source>
            <translation>создано: {0}</translation>
        </message>
        <message>
            <source>deleted</source>
            <translation>удалено</translation>
        </message>
        <message>
            <source>command line ({0})</source>
            <translation>командная строка ({0})</translation>
        </message>
    </context>
    <context>
        <name>AuditViewer</name>
        <message>
            <source>Audit trail</source>
            <translation>Журнал аудита</translation>
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
        <message>
            <source>Every change to study data: who, when (local time), old and new value, and the reason. The trail cannot be edited; Verify chain checks that nothing was altered.</source>
            <translation>Все изменения данных исследования: кто, когда (местное время), старое и новое значение и причина. Журнал нельзя изменить; «Проверить цепочку» подтверждает, что в нём ничего не изменено.</translation>
        </message>
        <message>
            <source>All forms</source>
            <translation>Все формы</translation>
        </message>
        <message>
            <source>command line ({0})</source>
            <translation>командная строка ({0})</translation>
        </message>
        <message>
            <source>E&amp;xport shown rows (CSV)…</source>
            <translation>&amp;Выгрузить показанные строки (CSV)…</translation>
        </message>
        <message>
            <source>Form:</source>
            <translation>Форма:</translation>
        </message>
        <message>
            <source>From:</source>
            <translation>С:</translation>
        </message>
        <message>
            <source>Export the shown audit rows</source>
            <translation>Выгрузка показанных строк журнала аудита</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>Файлы CSV (*.csv)</translation>
        </message>
        <message>
            <source>{0} rows written to {1}.</source>
            <translation>Строк записано: {0}, файл {1}.</translation>
        </message>
    </context>
    <context>
        <name>BackupDialog</name>
        <message>
            <source>Back up to USB</source>
            <translation>Резервная копия на USB</translation>
        </message>
        <message>
            <source>Back up into the folder</source>
            <translation>Сохранить резервную копию в папку</translation>
        </message>
        <message>
            <source>The backup is encrypted to this site's key and the sponsor's; it restores on a new PC with the machine key file or a site administrator's password.</source>
            <translation>Резервная копия шифруется ключом центра и ключом спонсора; на новом компьютере она восстанавливается с файлом ключа компьютера или паролем администратора центра.</translation>
        </message>
        <message>
            <source>&amp;Folder:</source>
            <translation>&amp;Папка:</translation>
        </message>
        <message>
            <source>Backing up…</source>
            <translation>Идёт резервное копирование…</translation>
        </message>
        <message>
            <source>Backup written and verified: {0} (changes up to {1}).</source>
            <translation>Резервная копия записана и проверена: {0} (изменения до {1}).</translation>
        </message>
    </context>
    <context>
        <name>BlankCrf</name>
        <message>
            <source>Item</source>
            <translation>Пункт</translation>
        </message>
        <message>
            <source>Entry</source>
            <translation>Запись</translation>
        </message>
        <message>
            <source>Consent date (dd.mm.yyyy)</source>
            <translation>Дата согласия (дд.мм.гггг)</translation>
        </message>
        <message>
            <source>Consent form version</source>
            <translation>Версия формы согласия</translation>
        </message>
        <message>
            <source>Obtained by</source>
            <translation>Получено</translation>
        </message>
        <message>
            <source>ACR 1997 criterion</source>
            <translation>Критерий ACR 1997</translation>
        </message>
        <message>
            <source>Date if known</source>
            <translation>Дата, если известна</translation>
        </message>
        <message>
            <source>Criterion</source>
            <translation>Критерий</translation>
        </message>
        <message>
            <source>Assessment</source>
            <translation>Оценка</translation>
        </message>
        <message>
            <source>Present</source>
            <translation>Есть</translation>
        </message>
        <message>
            <source>Weight</source>
            <translation>Вес</translation>
        </message>
        <message>
            <source>Descriptor and definition</source>
            <translation>Признак и определение</translation>
        </message>
        <message>
            <source>Total score (sum of the weights present, 0–105)</source>
            <translation>Сумма баллов (сумма весов имеющихся признаков, 0–105)</translation>
        </message>
        <message>
            <source>Physician’s Global Assessment, to one decimal (0 none, 1 mild, 2 moderate, 3 severe)</source>
            <translation>Общая оценка врача (ИГВ), с одним знаком после запятой (0 нет, 1 лёгкая, 2 умеренная, 3 тяжёлая)</translation>
        </message>
        <message>
            <source>Arm (non-randomised)</source>
            <translation>Группа (без рандомизации)</translation>
        </message>
        <message>
            <source>Infusion date</source>
            <translation>Дата инфузии</translation>
        </message>
        <message>
            <source>Start time</source>
            <translation>Время начала</translation>
        </message>
        <message>
            <source>End time</source>
            <translation>Время окончания</translation>
        </message>
        <message>
            <source>Product lot number</source>
            <translation>Номер серии препарата</translation>
        </message>
        <message>
            <source>Cells per kg (×10⁶)</source>
            <translation>Клеток на кг (×10⁶)</translation>
        </message>
        <message>
            <source>Total cells</source>
            <translation>Всего клеток</translation>
        </message>
        <message>
            <source>Viability (%)</source>
            <translation>Жизнеспособность (%)</translation>
        </message>
        <message>
            <source>Volume (mL)</source>
            <translation>Объём (мл)</translation>
        </message>
        <message>
            <source>Route (IV)</source>
            <translation>Путь введения (в/в)</translation>
        </message>
        <message>
            <source>Body weight used for dosing (kg)</source>
            <translation>Масса тела для расчёта дозы (кг)</translation>
        </message>
        <message>
            <source>Premedication</source>
            <translation>Премедикация</translation>
        </message>
        <message>
            <source>Before: BP, HR, temperature, SpO₂</source>
            <translation>До: АД, ЧСС, температура, SpO₂</translation>
        </message>
        <message>
            <source>After: BP, HR, temperature, SpO₂</source>
            <translation>После: АД, ЧСС, температура, SpO₂</translation>
        </message>
        <message>
            <source>Infusion reaction (yes/no → AE form)</source>
            <translation>Инфузионная реакция (да/нет → форма НЯ)</translation>
        </message>
        <message>
            <source>Administering clinician</source>
            <translation>Врач, проводивший инфузию</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>Пол</translation>
        </message>
        <message>
            <source>Year of birth</source>
            <translation>Год рождения</translation>
        </message>
        <message>
            <source>Sample date (dd.mm.yyyy)</source>
            <translation>Дата взятия пробы (дд.мм.гггг)</translation>
        </message>
        <message>
            <source>Test</source>
            <translation>Показатель</translation>
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
            <source>Normal range at this site</source>
            <translation>Норма в лаборатории центра</translation>
        </message>
        <message>
            <source>Term</source>
            <translation>Термин</translation>
        </message>
        <message>
            <source>Onset date</source>
            <translation>Дата начала</translation>
        </message>
        <message>
            <source>Stop date</source>
            <translation>Дата окончания</translation>
        </message>
        <message>
            <source>Date and time the site became aware</source>
            <translation>Дата и время, когда центр узнал о явлении</translation>
        </message>
        <message>
            <source>CTCAE v5 grade</source>
            <translation>Степень по CTCAE v5</translation>
        </message>
        <message>
            <source>Serious</source>
            <translation>Серьёзное</translation>
        </message>
        <message>
            <source>Relationship to the MSC product</source>
            <translation>Связь с препаратом МСК</translation>
        </message>
        <message>
            <source>Action taken</source>
            <translation>Принятые меры</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>Исход</translation>
        </message>
        <message>
            <source>A serious adverse event must reach the sponsor within 24 hours of the site becoming aware.</source>
            <translation>Серьёзное нежелательное явление должно поступить спонсору в течение 24 часов с момента, когда о нём узнал центр.</translation>
        </message>
        <message>
            <source>site</source>
            <translation>центр</translation>
        </message>
        <message>
            <source>{0} version {1}{2} · blank CRF (paper entry)</source>
            <translation>{0} версия {1}{2} · бланк ИРК (заполнение на бумаге)</translation>
        </message>
        <message>
            <source>Subject ID: ____________   Page {0} of {1}</source>
            <translation>Номер участника: ____________   Страница {0} из {1}</translation>
        </message>
        <message>
            <source>absent</source>
            <translation>нет</translation>
        </message>
        <message>
            <source>Score a descriptor if present at the visit or in the preceding 10 days.</source>
            <translation>Отмечайте признак, если он есть на визите или был в предшествующие 10 дней.</translation>
        </message>
        <message>
            <source>Subject ID</source>
            <translation>Номер участника</translation>
        </message>
        <message>
            <source>Visit date (dd.mm.yyyy)</source>
            <translation>Дата визита (дд.мм.гггг)</translation>
        </message>
        <message>
            <source>Completed by</source>
            <translation>Заполнил</translation>
        </message>
        <message>
            <source>Enter this form into sle_desktop as soon as the PC works again and tick “Entered from a paper CRF”; keep the paper as source.</source>
            <translation>Внесите эту форму в sle_desktop, как только компьютер снова заработает, и отметьте «Внесено с бумажной ИРК»; храните бумагу как первичный документ.</translation>
        </message>
        <message>
            <source>Blank CRF {0}</source>
            <translation>Бланк ИРК {0}</translation>
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
            <source>met</source>
            <translation>выполнен</translation>
        </message>
        <message>
            <source>not met</source>
            <translation>не выполнен</translation>
        </message>
        <message>
            <source>Reason for the arm</source>
            <translation>Обоснование группы</translation>
        </message>
        <message>
            <source>no</source>
            <translation>нет</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>да</translation>
        </message>
        <message>
            <source>present</source>
            <translation>есть</translation>
        </message>
    </context>
    <context>
        <name>BlankCrfDialog</name>
        <message>
            <source>Blank CRF for paper entry</source>
            <translation>Бланк ИРК для заполнения на бумаге</translation>
        </message>
        <message>
            <source>Every visit</source>
            <translation>Все визиты</translation>
        </message>
        <message>
            <source>Save the blank CRF as</source>
            <translation>Сохранить бланк ИРК как</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>Файлы PDF (*.pdf)</translation>
        </message>
        <message>
            <source>&amp;Visit:</source>
            <translation>&amp;Визит:</translation>
        </message>
        <message>
            <source>&amp;Language:</source>
            <translation>&amp;Язык:</translation>
        </message>
        <message>
            <source>&amp;File:</source>
            <translation>&amp;Файл:</translation>
        </message>
        <message>
            <source>Blank CRF saved: {0} ({1} pages).</source>
            <translation>Бланк ИРК сохранён: {0} (страниц: {1}).</translation>
        </message>
    </context>
    <context>
        <name>BundlesTab</name>
        <message>
            <source>Bundles in: import every bundle of a USB folder</source>
            <translation>Входящие пакеты: импорт всех пакетов из папки на флешке</translation>
        </message>
        <message>
            <source>C&amp;hoose folder…</source>
            <translation>В&amp;ыбрать папку…</translation>
        </message>
        <message>
            <source>&amp;Folder:</source>
            <translation>&amp;Папка:</translation>
        </message>
        <message>
            <source>Choose &amp;key…</source>
            <translation>Выбрать &amp;ключ…</translation>
        </message>
        <message>
            <source>Sponsor &amp;key file:</source>
            <translation>Файл &amp;ключа спонсора:</translation>
        </message>
        <message>
            <source>&amp;Import all bundles</source>
            <translation>&amp;Импортировать все пакеты</translation>
        </message>
        <message>
            <source>&amp;Cancel</source>
            <translation>&amp;Отмена</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Файл</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Результат</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>Подробности</translation>
        </message>
        <message>
            <source>Folder with bundles</source>
            <translation>Папка с пакетами</translation>
        </message>
        <message>
            <source>Sponsor key file</source>
            <translation>Файл ключа спонсора</translation>
        </message>
        <message>
            <source>Sponsor key (*.key)</source>
            <translation>Ключ спонсора (*.key)</translation>
        </message>
        <message>
            <source>imported</source>
            <translation>импортирован</translation>
        </message>
        <message>
            <source>already imported, nothing changed</source>
            <translation>уже импортирован, ничего не изменено</translation>
        </message>
        <message>
            <source>REFUSED</source>
            <translation>ОТКЛОНЁН</translation>
        </message>
        <message>
            <source>{0} bundle(s) imported, {1} already imported, {2} refused.</source>
            <translation>Импортировано пакетов: {0}, уже импортировано: {1}, отклонено: {2}.</translation>
        </message>
        <message>
            <source>Bundle {0} of site {1}: {2} records added, {3} updated.</source>
            <translation>Пакет {0} центра {1}: добавлено записей {2}, изменено {3}.</translation>
        </message>
        <message>
            <source>Bundle {0} of site {1} was imported before; nothing changed.</source>
            <translation>Пакет {0} центра {1} уже был импортирован; ничего не изменено.</translation>
        </message>
        <message>
            <source>Import cancelled; the bundles imported before stay imported.</source>
            <translation>Импорт отменён; пакеты, импортированные до отмены, остаются в базе.</translation>
        </message>
    </context>
    <context>
        <name>Casebook</name>
        <message>
            <source>yes</source>
            <translation>да</translation>
        </message>
        <message>
            <source>no</source>
            <translation>нет</translation>
        </message>
        <message>
            <source>created</source>
            <translation>создано</translation>
        </message>
        <message>
            <source>paper CRF</source>
            <translation>бумажная ИРК</translation>
        </message>
        <message>
            <source>entered directly</source>
            <translation>введено напрямую</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Участник</translation>
        </message>
        <message>
            <source>Adverse events</source>
            <translation>Нежелательные явления</translation>
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
            <source>Protocol deviations</source>
            <translation>Отклонения от протокола</translation>
        </message>
        <message>
            <source>Page {0} of {1}</source>
            <translation>Страница {0} из {1}</translation>
        </message>
        <message>
            <source>no flare</source>
            <translation>нет обострения</translation>
        </message>
        <message>
            <source>mild/moderate flare</source>
            <translation>лёгкое/умеренное обострение</translation>
        </message>
        <message>
            <source>severe flare</source>
            <translation>тяжёлое обострение</translation>
        </message>
        <message>
            <source>valid</source>
            <translation>действительна</translation>
        </message>
        <message>
            <source>Signatures</source>
            <translation>Подписи</translation>
        </message>
        <message>
            <source>Meaning</source>
            <translation>Значение</translation>
        </message>
        <message>
            <source>Signed by</source>
            <translation>Подписал</translation>
        </message>
        <message>
            <source>When (UTC)</source>
            <translation>Когда (UTC)</translation>
        </message>
        <message>
            <source>Validity</source>
            <translation>Действительность</translation>
        </message>
        <message>
            <source>Data queries</source>
            <translation>Запросы по данным</translation>
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
            <source>Raised</source>
            <translation>Создан</translation>
        </message>
        <message>
            <source>Answer</source>
            <translation>Ответ</translation>
        </message>
        <message>
            <source>Audit trail</source>
            <translation>Журнал аудита</translation>
        </message>
        <message>
            <source>No.</source>
            <translation>№</translation>
        </message>
        <message>
            <source>When (local)</source>
            <translation>Когда (местное время)</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>Кто</translation>
        </message>
        <message>
            <source>Old</source>
            <translation>Было</translation>
        </message>
        <message>
            <source>New</source>
            <translation>Стало</translation>
        </message>
        <message>
            <source>Reason for change</source>
            <translation>Причина изменения</translation>
        </message>
        <message>
            <source>Change from baseline</source>
            <translation>Изменение от исходного</translation>
        </message>
        <message>
            <source>SLEDAI-4 response</source>
            <translation>Ответ SLEDAI-4</translation>
        </message>
        <message>
            <source>SRI-4 (without BILAG)</source>
            <translation>SRI-4 (без BILAG)</translation>
        </message>
        <message>
            <source>SELENA flare (SLEDAI/PGA parts)</source>
            <translation>Обострение SELENA (части SLEDAI/ИГВ)</translation>
        </message>
        <message>
            <source>Casebook</source>
            <translation>Индивидуальная регистрационная карта</translation>
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
            <source>About this printout</source>
            <translation>Об этой распечатке</translation>
        </message>
        <message>
            <source>{0} version {1} · site {2} {3} · subject {4}</source>
            <translation>{0} версия {1} · центр {2} {3} · участник {4}</translation>
        </message>
        <message>
            <source>CONTAINS DIRECT IDENTIFIERS - CONFIDENTIAL</source>
            <translation>СОДЕРЖИТ ПРЯМЫЕ ИДЕНТИФИКАТОРЫ - КОНФИДЕНЦИАЛЬНО</translation>
        </message>
        <message>
            <source>invalid</source>
            <translation>недействительна</translation>
        </message>
        <message>
            <source>Item</source>
            <translation>Пункт</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Значение</translation>
        </message>
        <message>
            <source>SELENA-SLEDAI</source>
            <translation>SELENA-SLEDAI</translation>
        </message>
        <message>
            <source>Derived outcome</source>
            <translation>Вычисляемый исход</translation>
        </message>
        <message>
            <source>suggested from labs, confirmed</source>
            <translation>предложено по анализам, подтверждено</translation>
        </message>
        <message>
            <source>entered</source>
            <translation>введено</translation>
        </message>
        <message>
            <source>Laboratory</source>
            <translation>Лабораторные данные</translation>
        </message>
        <message>
            <source>Test</source>
            <translation>Показатель</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>Единица</translation>
        </message>
        <message>
            <source>Normal range</source>
            <translation>Норма</translation>
        </message>
        <message>
            <source>Flag</source>
            <translation>Отметка</translation>
        </message>
        <message>
            <source>eGFR (CKD-EPI 2021)</source>
            <translation>рСКФ (CKD-EPI 2021)</translation>
        </message>
        <message>
            <source>This casebook contains direct identifiers. Keep it confidential.</source>
            <translation>Эта карта содержит прямые идентификаторы. Храните её конфиденциально.</translation>
        </message>
        <message>
            <source>Identifier</source>
            <translation>Идентификатор</translation>
        </message>
        <message>
            <source>Casebook {0}</source>
            <translation>Индивидуальная регистрационная карта {0}</translation>
        </message>
        <message>
            <source>Descriptor present</source>
            <translation>Имеющийся признак</translation>
        </message>
        <message>
            <source>Weight</source>
            <translation>Вес</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Источник</translation>
        </message>
        <message>
            <source>No descriptor present.</source>
            <translation>Признаков нет.</translation>
        </message>
        <message>
            <source>below normal</source>
            <translation>ниже нормы</translation>
        </message>
        <message>
            <source>above normal</source>
            <translation>выше нормы</translation>
        </message>
        <message>
            <source>None recorded.</source>
            <translation>Не зарегистрировано.</translation>
        </message>
        <message>
            <source>Made {0} UTC by {1} from the audit trail up to change {2} (chain head {3}).</source>
            <translation>Создано {0} UTC пользователем {1} по журналу аудита до изменения {2} (вершина цепочки {3}).</translation>
        </message>
        <message>
            <source>Score {0} (renal SLEDAI {1}); PGA {2}</source>
            <translation>Сумма {0} (почечный SLEDAI {1}); ИГВ {2}</translation>
        </message>
    </context>
    <context>
        <name>CasebookDialogs</name>
        <message>
            <source>Locked on {0} at the sponsor's request ({1}, {2}): {3}</source>
            <translation>Заблокировано {0} по запросу спонсора ({1}, {2}): {3}</translation>
        </message>
        <message>
            <source>Locked by {0} on {1}: {2}</source>
            <translation>Заблокировано пользователем {0} {1}: {2}</translation>
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
            <source>Baseline</source>
            <comment>short axis label</comment>
            <translation>Исх.</translation>
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
        <message>
            <source>SRI-4
(without BILAG)</source>
            <translation>SRI-4
(без BILAG)</translation>
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
        <message>
            <source>Class</source>
            <translation>Класс</translation>
        </message>
        <message>
            <source>choose…</source>
            <translation>выберите…</translation>
        </message>
        <message>
            <source>Drug class:</source>
            <translation>Класс препарата:</translation>
        </message>
        <message>
            <source>Corticosteroid:</source>
            <translation>Глюкокортикоид:</translation>
        </message>
        <message>
            <source>not coded</source>
            <translation>не закодирован</translation>
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
            <source>Where to write the bundle</source>
            <translation>Куда записать пакет</translation>
        </message>
        <message>
            <source>&amp;Choose folder…</source>
            <translation>&amp;Выбрать папку…</translation>
        </message>
        <message>
            <source>&amp;Look for drives again</source>
            <translation>&amp;Искать носители снова</translation>
        </message>
        <message>
            <source>&amp;Export</source>
            <translation>&amp;Экспорт</translation>
        </message>
        <message>
            <source>C&amp;lose</source>
            <translation>&amp;Закрыть</translation>
        </message>
        <message>
            <source>Encrypted for the sponsor key(s) below; the sponsor can confirm the fingerprint by phone:</source>
            <translation>Зашифровано для ключа (ключей) спонсора ниже; отпечаток можно сверить со спонсором по телефону:</translation>
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
        <message>
            <source>&amp;Cancel export</source>
            <translation>&amp;Отменить экспорт</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>Отмена…</translation>
        </message>
        <message>
            <source>The export was cancelled: no bundle was written and nothing was recorded.</source>
            <translation>Экспорт отменён: пакет не записан, ничего не сохранено.</translation>
        </message>
        <message>
            <source>{0} MB</source>
            <translation>{0} МБ</translation>
        </message>
        <message>
            <source>{0} kB</source>
            <translation>{0} кБ</translation>
        </message>
        <message>
            <source>Sync &amp;settings…</source>
            <translation>&amp;Настройки обмена…</translation>
        </message>
        <message>
            <source>Import the sponsor's key files</source>
            <translation>Импорт файлов ключей спонсора</translation>
        </message>
        <message>
            <source>No sponsor key is set up, so nothing can be exported yet. Ask the sponsor for the file sponsor.pub and import it with Sync settings below.</source>
            <translation>Ключ спонсора не настроен, поэтому выгрузка пока невозможна. Попросите у спонсора файл sponsor.pub и импортируйте его кнопкой «Настройки обмена» ниже.</translation>
        </message>
    </context>
    <context>
        <name>ExportMixin</name>
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
        <name>ExportsTab</name>
        <message>
            <source>Exports for analysis</source>
            <translation>Выгрузки для анализа</translation>
        </message>
        <message>
            <source>CDISC &amp;ODM 1.3.2 (current data)…</source>
            <translation>CDISC &amp;ODM 1.3.2 (текущие данные)…</translation>
        </message>
        <message>
            <source>ODM with the &amp;audit history…</source>
            <translation>ODM с историей &amp;изменений…</translation>
        </message>
        <message>
            <source>&amp;CSV files (one per form)…</source>
            <translation>Файлы &amp;CSV (по одному на форму)…</translation>
        </message>
        <message>
            <source>&amp;Statistics files (SPSS, Stata, SAS)…</source>
            <translation>Файлы для &amp;статистики (SPSS, Stata, SAS)…</translation>
        </message>
        <message>
            <source>ODM file</source>
            <translation>Файл ODM</translation>
        </message>
        <message>
            <source>Folder for the files</source>
            <translation>Папка для файлов</translation>
        </message>
        <message>
            <source>Written to {0}: {1}.</source>
            <translation>Записано в {0}: {1}.</translation>
        </message>
    </context>
    <context>
        <name>FlareIndex</name>
        <message>
            <source>no flare</source>
            <translation>нет обострения</translation>
        </message>
        <message>
            <source>mild/moderate flare</source>
            <translation>лёгкое/умеренное обострение</translation>
        </message>
        <message>
            <source>severe flare</source>
            <translation>тяжёлое обострение</translation>
        </message>
    </context>
    <context>
        <name>FlareWidget</name>
        <message>
            <source>Body weight and corticosteroid dose</source>
            <translation>Масса тела и доза глюкокортикоидов</translation>
        </message>
        <message>
            <source>kg</source>
            <translation>кг</translation>
        </message>
        <message>
            <source>Body weight at this visit:</source>
            <translation>Масса тела на этом визите:</translation>
        </message>
        <message>
            <source>Prednisone-equivalent dose:</source>
            <translation>Доза в пересчёте на преднизон:</translation>
        </message>
        <message>
            <source>New or worse since the previous assessment: mild/moderate</source>
            <translation>Впервые или хуже, чем при предыдущей оценке: лёгкое/умеренное</translation>
        </message>
        <message>
            <source>New or worse since the previous assessment: severe</source>
            <translation>Впервые или хуже, чем при предыдущей оценке: тяжёлое</translation>
        </message>
        <message>
            <source>Treatment and hospitalisation since the previous assessment</source>
            <translation>Лечение и госпитализация после предыдущей оценки</translation>
        </message>
        <message>
            <source>suggested</source>
            <translation>предложено</translation>
        </message>
        <message>
            <source>Suggested: {0}</source>
            <translation>Предложено: {0}</translation>
        </message>
        <message>
            <source>Suggested by the recorded data (tick to confirm): {0}</source>
            <translation>Предложено по записанным данным (отметьте для подтверждения): {0}</translation>
        </message>
        <message>
            <source>at an MSC infusion</source>
            <translation>при инфузии МСК</translation>
        </message>
        <message>
            <source>at an earlier visit</source>
            <translation>на предыдущем визите</translation>
        </message>
        <message>
            <source>none typed: {0} kg recorded {1} on {2} is used</source>
            <translation>не введена: используется {0} кг, записанная {1} {2}</translation>
        </message>
        <message>
            <source>no body weight on record: the steroid part is skipped</source>
            <translation>масса тела не записана: компонент глюкокортикоидов не оценивается</translation>
        </message>
        <message>
            <source>unknown ({0}): the steroid part is skipped</source>
            <translation>неизвестна ({0}): компонент глюкокортикоидов не оценивается</translation>
        </message>
        <message>
            <source>{0} mg/day; </source>
            <translation>{0} мг/сут; </translation>
        </message>
        <message>
            <source>{0} mg/day = {1} mg/kg/day (computed from the concomitant medication)</source>
            <translation>{0} мг/сут = {1} мг/кг/сут (рассчитано по сопутствующей терапии)</translation>
        </message>
        <message>
            <source>previous assessment {0} mg/kg/day</source>
            <translation>при предыдущей оценке {0} мг/кг/сут</translation>
        </message>
        <message>
            <source>previous assessment: dose unknown</source>
            <translation>при предыдущей оценке: доза неизвестна</translation>
        </message>
        <message>
            <source>SELENA Flare Index: first assessment, nothing to compare with.</source>
            <translation>Индекс обострений SELENA: первая оценка, сравнивать не с чем.</translation>
        </message>
        <message>
            <source>SELENA Flare Index: enter the SELENA-SLEDAI and a valid PGA.</source>
            <translation>Индекс обострений SELENA: введите SELENA-SLEDAI и допустимое значение PGA.</translation>
        </message>
        <message>
            <source>SELENA Flare Index: {0}</source>
            <translation>Индекс обострений SELENA: {0}</translation>
        </message>
        <message>
            <source>SELENA flare (SLEDAI/PGA parts): {0}</source>
            <translation>Обострение SELENA (компоненты SLEDAI/PGA): {0}</translation>
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
            <source>{0} casebook(s) locked at the sponsor's request.</source>
            <translation>Заблокировано карт субъектов по запросу спонсора: {0}.</translation>
        </message>
        <message>
            <source>{0} lock(s) lifted at the sponsor's request.</source>
            <translation>Снято блокировок по запросу спонсора: {0}.</translation>
        </message>
        <message>
            <source>Study definition {0} waits for a site administrator to accept it.</source>
            <translation>Определение исследования {0} ожидает принятия администратором центра.</translation>
        </message>
        <message>
            <source>Nothing was imported: {0}</source>
            <translation>Ничего не импортировано: {0}</translation>
        </message>
        <message>
            <source>Sync &amp;settings…</source>
            <translation>&amp;Настройки обмена…</translation>
        </message>
        <message>
            <source>No sponsor signing key is registered, so return bundles cannot be checked. Import the sponsor's file sponsor-signing.pub with Sync settings below.</source>
            <translation>Ключ подписи спонсора не зарегистрирован, поэтому ответные пакеты нельзя проверить. Импортируйте файл спонсора sponsor-signing.pub кнопкой «Настройки обмена» ниже.</translation>
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
            <source>{0}, before the infusion</source>
            <translation>{0}, до инфузии</translation>
        </message>
        <message>
            <source>{0}, after the infusion</source>
            <translation>{0}, после инфузии</translation>
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
            <source>Entered from a paper CRF</source>
            <translation>Внесено с бумажной ИРК</translation>
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
        <message>
            <source>Correct MSC infusion – {0}</source>
            <translation>Исправление инфузии МСК – {0}</translation>
        </message>
        <message>
            <source>This infusion record no longer exists.</source>
            <translation>Этой записи об инфузии больше нет.</translation>
        </message>
        <message>
            <source>Not saved: changing a saved record needs a reason.</source>
            <translation>Не сохранено: для изменения сохранённой записи нужна причина.</translation>
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
            <source>Enter the normal limits printed by the testing laboratory; they are carried over from this patient's previous results. Values outside the limits are highlighted.</source>
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
        <message>
            <source>{0}: unit</source>
            <translation>{0}: единица</translation>
        </message>
        <message>
            <source>{0}: lower limit</source>
            <translation>{0}: нижняя граница</translation>
        </message>
        <message>
            <source>{0}: upper limit</source>
            <translation>{0}: верхняя граница</translation>
        </message>
        <message>
            <source>present</source>
            <translation>есть</translation>
        </message>
        <message>
            <source>absent</source>
            <translation>нет</translation>
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
            <source>The windows are rebuilt in the new language at once (save or close open forms first); it is also used at every start.</source>
            <translation>Окна сразу перестраиваются на новом языке (сначала сохраните или закройте открытые формы); выбор сохраняется и при следующих запусках.</translation>
        </message>
    </context>
    <context>
        <name>LockDialog</name>
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
        <message>
            <source>Screen locked – SLE MSC trial</source>
            <translation>Экран заблокирован – исследование МСК при СКВ</translation>
        </message>
    </context>
    <context>
        <name>LockReasonDialog</name>
        <message>
            <source>Reason</source>
            <translation>Причина</translation>
        </message>
        <message>
            <source>Reason (kept in the audit trail)</source>
            <translation>Причина (сохраняется в журнале аудита)</translation>
        </message>
    </context>
    <context>
        <name>LoginDialog</name>
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
        <message>
            <source>Log in – SLE MSC trial</source>
            <translation>Вход – исследование МСК при СКВ</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source> – DEMO</source>
            <translation> – ДЕМО</translation>
        </message>
        <message>
            <source>DEMO – synthetic data. Nothing here is a real patient; the database is deleted when the program closes.</source>
            <translation>ДЕМО – вымышленные данные. Здесь нет реальных пациентов; база данных удаляется при закрытии программы.</translation>
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
            <source>Monitoring</source>
            <translation>Мониторинг</translation>
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
            <source>Interface language</source>
            <translation>Язык интерфейса</translation>
        </message>
        <message>
            <source>Save or close the forms with unsaved entries first; then choose the language again.</source>
            <translation>Сначала сохраните или закройте формы с несохранёнными данными, затем снова выберите язык.</translation>
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
            <source>Import the sponsor's return bundle: receipts, data queries, source-data verification</source>
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
            <source>Interface language: English or Russian</source>
            <translation>Язык интерфейса: английский или русский</translation>
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
            <source>New screening</source>
            <comment>toolbar</comment>
            <translation>Скрининг</translation>
        </message>
        <message>
            <source>Open</source>
            <comment>toolbar</comment>
            <translation>Открыть</translation>
        </message>
        <message>
            <source>Visit</source>
            <comment>toolbar</comment>
            <translation>Визит</translation>
        </message>
        <message>
            <source>AE</source>
            <comment>toolbar</comment>
            <translation>НЯ</translation>
        </message>
        <message>
            <source>Infusion</source>
            <comment>toolbar</comment>
            <translation>Инфузия</translation>
        </message>
        <message>
            <source>Audit trail</source>
            <comment>toolbar</comment>
            <translation>Журнал аудита</translation>
        </message>
        <message>
            <source>Export</source>
            <comment>toolbar</comment>
            <translation>Экспорт</translation>
        </message>
        <message>
            <source>Cohort</source>
            <comment>toolbar</comment>
            <translation>Динамика</translation>
        </message>
        <message>
            <source>Users</source>
            <comment>toolbar</comment>
            <translation>Пользователи</translation>
        </message>
        <message>
            <source>Lock</source>
            <comment>toolbar</comment>
            <translation>Блокировка</translation>
        </message>
        <message>
            <source>Log out</source>
            <comment>toolbar</comment>
            <translation>Выход</translation>
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
            <source>Select a subject in the list first.</source>
            <translation>Сначала выберите пациента в списке.</translation>
        </message>
        <message>
            <source>Cohort trends</source>
            <translation>Динамика по группам</translation>
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
        <message>
            <source>SLE MSC trial – site {0} {1}</source>
            <translation>Исследование МСК при СКВ – центр {0} {1}</translation>
        </message>
        <message>
            <source>Next step: create the accounts of the investigators and coordinators (Administration → Users…). Screening and data entry are done under their accounts; import the sponsor's key files under File → Sync settings….</source>
            <translation>Следующий шаг: создайте учётные записи исследователей и координаторов (Администрирование → Пользователи…). Скрининг и ввод данных выполняются под их учётными записями; файлы ключей спонсора импортируются в меню Файл → Настройки обмена….</translation>
        </message>
        <message>
            <source>S&amp;ync settings…</source>
            <translation>&amp;Настройки обмена…</translation>
        </message>
        <message>
            <source>The sponsor's key files and this site's key file</source>
            <translation>Файлы ключей спонсора и файл ключа этого центра</translation>
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
        <message>
            <source>Identifying details in free text?</source>
            <translation>Личные данные в свободном тексте?</translation>
        </message>
        <message>
            <source>Save anyway</source>
            <translation>Всё равно сохранить</translation>
        </message>
        <message>
            <source>Edit the text</source>
            <translation>Исправить текст</translation>
        </message>
        <message>
            <source>Free text is sent to the sponsor, who must not be able to tell who the patient is:</source>
            <translation>Свободный текст передаётся спонсору, который не должен узнать, кто пациент:</translation>
        </message>
        <message>
            <source>Remove the identifying details, or save anyway if the text is right as it is.</source>
            <translation>Удалите личные данные или сохраните, если текст верен в таком виде.</translation>
        </message>
    </context>
    <context>
        <name>MonitoringPanel</name>
        <message>
            <source>Subject</source>
            <translation>Участник</translation>
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
            <source>Record</source>
            <translation>Запись</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Состояние</translation>
        </message>
        <message>
            <source>Last verified</source>
            <translation>Последняя сверка</translation>
        </message>
        <message>
            <source>Field:</source>
            <translation>Поле:</translation>
        </message>
        <message>
            <source>Mark source-data-&amp;verified</source>
            <translation>Отметить как &amp;сверенное</translation>
        </message>
        <message>
            <source>Question for the site about the chosen field</source>
            <translation>Вопрос центру по выбранному полю</translation>
        </message>
        <message>
            <source>&amp;Raise query</source>
            <translation>&amp;Создать запрос</translation>
        </message>
        <message>
            <source>changed since verified</source>
            <translation>изменено после сверки</translation>
        </message>
        <message>
            <source>not verified</source>
            <translation>не сверено</translation>
        </message>
        <message>
            <source>{0}, {1}</source>
            <translation>{0}, {1}</translation>
        </message>
        <message>
            <source>{0} record(s) to verify, {1} of them changed since they were verified.</source>
            <translation>Записей для сверки: {0}, из них изменено после сверки: {1}.</translation>
        </message>
        <message>
            <source>The whole record</source>
            <translation>Вся запись</translation>
        </message>
        <message>
            <source>{0} – verified by {1}</source>
            <translation>{0} – сверено: {1}</translation>
        </message>
        <message>
            <source>{0} – changed since verified</source>
            <translation>{0} – изменено после сверки</translation>
        </message>
        <message>
            <source>Marked source-data-verified; the mark reaches the sponsor with the next bundle.</source>
            <translation>Отмечено как сверенное; отметка попадёт к спонсору со следующим пакетом.</translation>
        </message>
        <message>
            <source>Choose the field the query is about.</source>
            <translation>Выберите поле, к которому относится запрос.</translation>
        </message>
        <message>
            <source>Query raised; the site answers it here, and it reaches the sponsor with the next bundle.</source>
            <translation>Запрос создан; центр отвечает на него здесь, а к спонсору он попадёт со следующим пакетом.</translation>
        </message>
    </context>
    <context>
        <name>NephritisPage</name>
        <message>
            <source>6. Active lupus nephritis</source>
            <translation>6. Активный волчаночный нефрит</translation>
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
        <message>
            <source>Evidence: kidney biopsy class III, IV or V within {months} months before consent, or proteinuria ≥ {protein} g/24 h (or UPCR ≥ {upcr} g/g) with active sediment. The investigator must also confirm.</source>
            <translation>Основание: биопсия почки с классом III, IV или V в течение {months} мес. до согласия, или протеинурия ≥ {protein} г/24 ч (или UPCR ≥ {upcr} г/г) с активным мочевым осадком. Исследователь также должен подтвердить.</translation>
        </message>
    </context>
    <context>
        <name>Paper</name>
        <message>
            <source>Site {0} restored from the backup of {1}: the data reach change {2} of the audit trail and bundle {3}. Re-enter anything recorded after that.</source>
            <translation>Центр {0} восстановлен из резервной копии от {1}: данные доходят до изменения {2} журнала аудита и пакета {3}. Внесите заново всё, что было записано позже.</translation>
        </message>
    </context>
    <context>
        <name>PaperActions</name>
        <message>
            <source>Back up before logging out?</source>
            <translation>Сделать резервную копию перед выходом?</translation>
        </message>
        <message>
            <source>There are changes that are not in a backup yet. Back up to USB now?</source>
            <translation>Есть изменения, которых ещё нет в резервной копии. Сделать копию на USB сейчас?</translation>
        </message>
        <message>
            <source>&amp;Back up…</source>
            <translation>&amp;Резервная копия…</translation>
        </message>
        <message>
            <source>&amp;Log out anyway</source>
            <translation>&amp;Всё равно выйти</translation>
        </message>
        <message>
            <source>&amp;Print casebook…</source>
            <translation>&amp;Печать карты…</translation>
        </message>
        <message>
            <source>&amp;Blank CRF for paper entry…</source>
            <translation>&amp;Бланк ИРК для бумаги…</translation>
        </message>
        <message>
            <source>&amp;Back up to USB…</source>
            <translation>Резервная &amp;копия на USB…</translation>
        </message>
        <message>
            <source>Select a subject in the list first.</source>
            <translation>Сначала выберите участника в списке.</translation>
        </message>
        <message>
            <source>never</source>
            <translation>никогда</translation>
        </message>
        <message>
            <source>Backup due (last: {0}) – File → Back up to USB…</source>
            <translation>Нужна резервная копия (последняя: {0}) – Файл → Резервная копия на USB…</translation>
        </message>
        <message>
            <source>There are changes that are in no backup, and the study asks for a backup at least every {0} days.</source>
            <translation>Есть изменения, которых нет ни в одной резервной копии, а исследование требует копию не реже чем раз в {0} дн.</translation>
        </message>
    </context>
    <context>
        <name>PathField</name>
        <message>
            <source>&amp;Browse…</source>
            <translation>&amp;Обзор…</translation>
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
        <message>
            <source>SELENA Flare Index vs previous assessment: {flare}</source>
            <translation>Индекс обострений SELENA по сравнению с предыдущей оценкой: {flare}</translation>
        </message>
        <message>
            <source>SELENA flare (SLEDAI/PGA parts) vs previous assessment: {flare}; recorded before the SELENA Flare Index (partial)</source>
            <translation>Обострение SELENA (компоненты SLEDAI/PGA) по сравнению с предыдущей оценкой: {flare}; записано до введения индекса обострений SELENA (неполное)</translation>
        </message>
        <message>
            <source>SELENA Flare Index flare (filled: severe)</source>
            <translation>Обострение по индексу SELENA (закрашено: тяжёлое)</translation>
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
        <message>
            <source>PGA {0} has more than one decimal place: record it to one decimal (e.g. {1}), as on the visual-analogue scale.</source>
            <translation>PGA {0} содержит больше одного знака после запятой: укажите значение с одним десятичным знаком (например, {1}), как на визуально-аналоговой шкале.</translation>
        </message>
    </context>
    <context>
        <name>PresenceField</name>
        <message>
            <source>not tested</source>
            <translation>не исследовано</translation>
        </message>
        <message>
            <source>absent</source>
            <translation>нет</translation>
        </message>
        <message>
            <source>present</source>
            <translation>есть</translation>
        </message>
    </context>
    <context>
        <name>PrintCasebookDialog</name>
        <message>
            <source>Print casebook {0}</source>
            <translation>Печать карты {0}</translation>
        </message>
        <message>
            <source>Save as a &amp;PDF file</source>
            <translation>Сохранить как файл &amp;PDF</translation>
        </message>
        <message>
            <source>Send to a p&amp;rinter</source>
            <translation>Отправить на п&amp;ринтер</translation>
        </message>
        <message>
            <source>Save the casebook as</source>
            <translation>Сохранить карту как</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>Файлы PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Include the direct &amp;identifiers (name, national ID, phone, address); every page then says so</source>
            <translation>Включить прямые &amp;идентификаторы (ФИО, личный номер, телефон, адрес); тогда это указано на каждой странице</translation>
        </message>
        <message>
            <source>&amp;File:</source>
            <translation>&amp;Файл:</translation>
        </message>
        <message>
            <source>The casebook ({0} pages) was sent to the printer.</source>
            <translation>Карта (страниц: {0}) отправлена на принтер.</translation>
        </message>
        <message>
            <source>Casebook saved: {0} ({1} pages).</source>
            <translation>Карта сохранена: {0} (страниц: {1}).</translation>
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
            <source>Raised by the monitor ({0}) at the site on {1}.</source>
            <translation>Создан монитором ({0}) в центре {1}.</translation>
        </message>
        <message>
            <source>Answer saved; it will reach the sponsor with the next bundle.</source>
            <translation>Ответ сохранён; он будет передан спонсору со следующим пакетом.</translation>
        </message>
        <message>
            <source>It refers to the correction made on {0}.</source>
            <translation>Относится к исправлению от {0}.</translation>
        </message>
        <message>
            <source>Raised by the sponsor ({0}) on {1}.</source>
            <translation>Запрос спонсора ({0}) от {1}.</translation>
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
            <source>Common reasons for change</source>
            <translation>Типичные причины изменения</translation>
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
        <message>
            <source>Changes:</source>
            <translation>Изменения:</translation>
        </message>
        <message>
            <source>{0}: {1} → {2}</source>
            <translation>{0}: {1} → {2}</translation>
        </message>
    </context>
    <context>
        <name>ReportsTab</name>
        <message>
            <source>Si&amp;te:</source>
            <translation>&amp;Центр:</translation>
        </message>
        <message>
            <source>Export &amp;PNG…</source>
            <translation>Экспорт &amp;PNG…</translation>
        </message>
        <message>
            <source>Export S&amp;VG…</source>
            <translation>Экспорт S&amp;VG…</translation>
        </message>
        <message>
            <source>Site</source>
            <translation>Центр</translation>
        </message>
        <message>
            <source>≤7 d</source>
            <translation>≤7 дн.</translation>
        </message>
        <message>
            <source>8–30 d</source>
            <translation>8–30 дн.</translation>
        </message>
        <message>
            <source>&gt;30 d</source>
            <translation>&gt;30 дн.</translation>
        </message>
        <message>
            <source>Query ageing</source>
            <translation>Давность запросов</translation>
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
            <source>Visits</source>
            <translation>Визиты</translation>
        </message>
        <message>
            <source>Missing</source>
            <translation>Нет формы</translation>
        </message>
        <message>
            <source>Missing forms</source>
            <translation>Недостающие формы</translation>
        </message>
        <message>
            <source>all sites</source>
            <translation>все центры</translation>
        </message>
        <message>
            <source>Enrolment over time (cumulative)</source>
            <translation>Включение во времени (нарастающим итогом)</translation>
        </message>
        <message>
            <source>subjects</source>
            <translation>субъекты</translation>
        </message>
        <message>
            <source>Cohort SELENA-SLEDAI by study day (mean)</source>
            <translation>SELENA-SLEDAI в когорте по дням исследования (среднее)</translation>
        </message>
        <message>
            <source>study day</source>
            <translation>день исследования</translation>
        </message>
        <message>
            <source>Export as .png or .svg, not {0}.</source>
            <translation>Экспортируйте в .png или .svg, а не {0}.</translation>
        </message>
        <message>
            <source>Export plots</source>
            <translation>Экспорт графиков</translation>
        </message>
    </context>
    <context>
        <name>RestoreDialog</name>
        <message>
            <source>Restore from backup</source>
            <translation>Восстановление из резервной копии</translation>
        </message>
        <message>
            <source>Backup &amp;file:</source>
            <translation>&amp;Файл резервной копии:</translation>
        </message>
        <message>
            <source>On a new PC give a site administrator's user name and password; on the same PC the machine key file is enough.</source>
            <translation>На новом компьютере укажите имя и пароль администратора центра; на том же компьютере достаточно файла ключа.</translation>
        </message>
        <message>
            <source>Administrator &amp;user name:</source>
            <translation>&amp;Имя администратора:</translation>
        </message>
        <message>
            <source>&amp;Password:</source>
            <translation>&amp;Пароль:</translation>
        </message>
        <message>
            <source>&amp;Restore</source>
            <translation>&amp;Восстановить</translation>
        </message>
        <message>
            <source>Choose the backup</source>
            <translation>Выберите резервную копию</translation>
        </message>
        <message>
            <source>Site backups (*.slebackup)</source>
            <translation>Резервные копии центра (*.slebackup)</translation>
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
        <name>ReviewTab</name>
        <message>
            <source>all arms</source>
            <translation>все группы</translation>
        </message>
        <message>
            <source>all statuses</source>
            <translation>все статусы</translation>
        </message>
        <message>
            <source>with &amp;open queries</source>
            <translation>с откр&amp;ытыми запросами</translation>
        </message>
        <message>
            <source>not &amp;SDV'd</source>
            <translation>&amp;не сверенные</translation>
        </message>
        <message>
            <source>subject number</source>
            <translation>номер субъекта</translation>
        </message>
        <message>
            <source>Si&amp;te:</source>
            <translation>&amp;Центр:</translation>
        </message>
        <message>
            <source>&amp;Arm:</source>
            <translation>&amp;Группа:</translation>
        </message>
        <message>
            <source>Stat&amp;us:</source>
            <translation>Ст&amp;атус:</translation>
        </message>
        <message>
            <source>Fi&amp;nd:</source>
            <translation>П&amp;оиск:</translation>
        </message>
        <message>
            <source>Choose a subject</source>
            <translation>Выберите субъекта</translation>
        </message>
        <message>
            <source>Form / field</source>
            <translation>Форма / поле</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Значение</translation>
        </message>
        <message>
            <source>SDV / queries</source>
            <translation>Сверка / запросы</translation>
        </message>
        <message>
            <source>Casebook</source>
            <translation>ИРК</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>Поле</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Статус</translation>
        </message>
        <message>
            <source>Question</source>
            <translation>Вопрос</translation>
        </message>
        <message>
            <source>Answer</source>
            <translation>Ответ</translation>
        </message>
        <message>
            <source>Queries</source>
            <translation>Запросы</translation>
        </message>
        <message>
            <source>Form</source>
            <translation>Форма</translation>
        </message>
        <message>
            <source>Meaning</source>
            <translation>Значение подписи</translation>
        </message>
        <message>
            <source>Signed by</source>
            <translation>Подписал</translation>
        </message>
        <message>
            <source>Signed at</source>
            <translation>Время подписи</translation>
        </message>
        <message>
            <source>Validity</source>
            <translation>Действительность</translation>
        </message>
        <message>
            <source>Signatures</source>
            <translation>Подписи</translation>
        </message>
        <message>
            <source>When (UTC)</source>
            <translation>Когда (всемирное время)</translation>
        </message>
        <message>
            <source>User</source>
            <translation>Пользователь</translation>
        </message>
        <message>
            <source>Old</source>
            <translation>Было</translation>
        </message>
        <message>
            <source>New</source>
            <translation>Стало</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Причина</translation>
        </message>
        <message>
            <source>Audit trail</source>
            <translation>Журнал аудита</translation>
        </message>
        <message>
            <source>&amp;Raise query on value…</source>
            <translation>&amp;Запрос по значению…</translation>
        </message>
        <message>
            <source>&amp;Mark record SDV'd</source>
            <translation>Отметить зап&amp;ись как сверенную</translation>
        </message>
        <message>
            <source>Mark fiel&amp;d SDV'd</source>
            <translation>Отметить по&amp;ле как сверенное</translation>
        </message>
        <message>
            <source>C&amp;lose query…</source>
            <translation>За&amp;крыть запрос…</translation>
        </message>
        <message>
            <source>R&amp;e-open query…</source>
            <translation>&amp;Возобновить запрос…</translation>
        </message>
        <message>
            <source>&amp;Write return bundle…</source>
            <translation>&amp;Создать обратный пакет…</translation>
        </message>
        <message>
            <source>all sites</source>
            <translation>все центры</translation>
        </message>
        <message>
            <source>{0} of {1} subjects</source>
            <translation>{0} из {1} субъектов</translation>
        </message>
        <message>
            <source>{0} – site {1}, {2}, {3}</source>
            <translation>{0} – центр {1}, {2}, {3}</translation>
        </message>
        <message>
            <source>SDV'd by {0}</source>
            <translation>сверено: {0}</translation>
        </message>
        <message>
            <source>not SDV'd</source>
            <translation>не сверено</translation>
        </message>
        <message>
            <source>{0} quer(ies)</source>
            <translation>запросов: {0}</translation>
        </message>
        <message>
            <source>derived</source>
            <translation>вычислено</translation>
        </message>
        <message>
            <source>valid: the record is as it was signed</source>
            <translation>действительна: запись такая же, как при подписании</translation>
        </message>
        <message>
            <source>NOT VALID: the record changed after it was signed</source>
            <translation>НЕДЕЙСТВИТЕЛЬНА: запись изменена после подписания</translation>
        </message>
        <message>
            <source>NOT VALID: invalidated at the site</source>
            <translation>НЕДЕЙСТВИТЕЛЬНА: аннулирована в центре</translation>
        </message>
        <message>
            <source>NOT VALID: the signed record is not at the sponsor</source>
            <translation>НЕДЕЙСТВИТЕЛЬНА: подписанной записи нет у спонсора</translation>
        </message>
        <message>
            <source>changed since SDV</source>
            <translation>изменено после сверки</translation>
        </message>
        <message>
            <source>open</source>
            <translation>открыт</translation>
        </message>
        <message>
            <source>answered</source>
            <translation>получен ответ</translation>
        </message>
        <message>
            <source>closed</source>
            <translation>закрыт</translation>
        </message>
        <message>
            <source>re-opened</source>
            <translation>возобновлён</translation>
        </message>
        <message>
            <source>authored</source>
            <translation>автор</translation>
        </message>
        <message>
            <source>reviewed</source>
            <translation>проверено</translation>
        </message>
        <message>
            <source>approved</source>
            <translation>утверждено</translation>
        </message>
        <message>
            <source>Select a value in the casebook first.</source>
            <translation>Сначала выберите значение в ИРК.</translation>
        </message>
        <message>
            <source>Query raised on {0}; it goes to the site in the next return bundle.</source>
            <translation>Запрос по полю {0} создан; он уйдёт в центр со следующим обратным пакетом.</translation>
        </message>
        <message>
            <source>Raise query</source>
            <translation>Создать запрос</translation>
        </message>
        <message>
            <source>Question for the site about {0}:</source>
            <translation>Вопрос центру о поле {0}:</translation>
        </message>
        <message>
            <source>Select a record in the casebook first.</source>
            <translation>Сначала выберите запись в ИРК.</translation>
        </message>
        <message>
            <source>Record marked source-data-verified.</source>
            <translation>Запись отмечена как сверенная с первичной документацией.</translation>
        </message>
        <message>
            <source>Field {0} marked source-data-verified; the mark goes to the site in the next return bundle.</source>
            <translation>Поле {0} отмечено как сверенное с первичной документацией; отметка уйдёт в центр со следующим обратным пакетом.</translation>
        </message>
        <message>
            <source>Select a query in the Queries tab first.</source>
            <translation>Сначала выберите запрос на вкладке «Запросы».</translation>
        </message>
        <message>
            <source>Query closed.</source>
            <translation>Запрос закрыт.</translation>
        </message>
        <message>
            <source>Query re-opened.</source>
            <translation>Запрос возобновлён.</translation>
        </message>
        <message>
            <source>Close query</source>
            <translation>Закрыть запрос</translation>
        </message>
        <message>
            <source>Reason (optional):</source>
            <translation>Причина (необязательно):</translation>
        </message>
        <message>
            <source>Re-open query</source>
            <translation>Возобновить запрос</translation>
        </message>
        <message>
            <source>Follow-up question:</source>
            <translation>Уточняющий вопрос:</translation>
        </message>
        <message>
            <source>Choose a site (or a subject) first.</source>
            <translation>Сначала выберите центр (или субъекта).</translation>
        </message>
        <message>
            <source>Return bundle {0} for {1} written to {2}: {3} queries, {4} SDV mark(s).</source>
            <translation>Обратный пакет {0} для {1} записан в {2}: запросов {3}, отметок сверки {4}.</translation>
        </message>
        <message>
            <source>Folder for the return bundle (the USB stick)</source>
            <translation>Папка для обратного пакета (флешка)</translation>
        </message>
    </context>
    <context>
        <name>SafetyTab</name>
        <message>
            <source>Serious adverse events and the 24-hour rule</source>
            <translation>Серьёзные нежелательные явления и правило 24 часов</translation>
        </message>
        <message>
            <source>Site</source>
            <translation>Центр</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Участник</translation>
        </message>
        <message>
            <source>Term</source>
            <translation>Термин</translation>
        </message>
        <message>
            <source>Grade</source>
            <translation>Степень</translation>
        </message>
        <message>
            <source>Relationship</source>
            <translation>Связь</translation>
        </message>
        <message>
            <source>Site aware</source>
            <translation>Центр узнал</translation>
        </message>
        <message>
            <source>At the sponsor</source>
            <translation>У спонсора</translation>
        </message>
        <message>
            <source>Hours</source>
            <translation>Часы</translation>
        </message>
        <message>
            <source>Within 24 h</source>
            <translation>В течение 24 ч</translation>
        </message>
        <message>
            <source>Adverse events by arm, CTCAE grade and relationship to MSC</source>
            <translation>Нежелательные явления по группам, степени CTCAE и связи с МСК</translation>
        </message>
        <message>
            <source>Arm</source>
            <translation>Группа</translation>
        </message>
        <message>
            <source>AEs</source>
            <translation>НЯ</translation>
        </message>
        <message>
            <source>Month-1 safety endpoint: absence of adverse reactions</source>
            <translation>Конечная точка безопасности 1-го месяца: отсутствие нежелательных реакций</translation>
        </message>
        <message>
            <source>Subjects</source>
            <translation>Субъекты</translation>
        </message>
        <message>
            <source>With a reaction</source>
            <translation>С реакцией</translation>
        </message>
        <message>
            <source>Without</source>
            <translation>Без реакции</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>да</translation>
        </message>
        <message>
            <source>NO</source>
            <translation>НЕТ</translation>
        </message>
        <message>
            <source>unknown</source>
            <translation>неизвестно</translation>
        </message>
    </context>
    <context>
        <name>SetupDialog</name>
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
            <source>Sponsor's public key file:</source>
            <translation>Файл открытого ключа спонсора:</translation>
        </message>
        <message>
            <source>Create &amp;site</source>
            <translation>Создать &amp;центр</translation>
        </message>
        <message>
            <source>Restore from &amp;backup…</source>
            <translation>Восстановить из &amp;резервной копии…</translation>
        </message>
        <message>
            <source>This PC replaces one that failed: restore the site from its backup</source>
            <translation>Этот компьютер заменяет вышедший из строя: восстановить центр из резервной копии</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Выход</translation>
        </message>
        <message>
            <source>Sponsor's public key file</source>
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
            <source>The site was created, but the sponsor's key file was not accepted: {0} An administrator can import it later.</source>
            <translation>Центр создан, но файл ключа спонсора не принят: {0} Администратор может импортировать его позже.</translation>
        </message>
        <message>
            <source>First-time set-up – SLE MSC trial</source>
            <translation>Первоначальная настройка – исследование МСК при СКВ</translation>
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
            <source>You are signing {0} as {1}. Your signature is bound to the record's current content; any later change invalidates it.</source>
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
            <source>Your password</source>
            <translation>Ваш пароль</translation>
        </message>
        <message>
            <source>&amp;Sign</source>
            <translation>&amp;Подписать</translation>
        </message>
    </context>
    <context>
        <name>SignOffDialog</name>
        <message>
            <source>Sign off casebook</source>
            <translation>Подписание карты субъекта</translation>
        </message>
        <message>
            <source>Investigator's sign-off</source>
            <translation>Подпись исследователя</translation>
        </message>
        <message>
            <source>You, {0}, approve the whole casebook of {1}: every visit, form, adverse event, infusion and medication as recorded now. Any later change invalidates this sign-off until you sign again.</source>
            <translation>Вы, {0}, утверждаете всю карту субъекта {1}: все визиты, формы, нежелательные явления, инфузии и препараты в их нынешнем виде. Любое последующее изменение делает подпись недействительной, пока вы не подпишете снова.</translation>
        </message>
        <message>
            <source>Enter your password to sign:</source>
            <translation>Введите пароль для подписи:</translation>
        </message>
        <message>
            <source>Your password</source>
            <translation>Ваш пароль</translation>
        </message>
        <message>
            <source>&amp;Sign off</source>
            <translation>&amp;Подписать</translation>
        </message>
    </context>
    <context>
        <name>SitesTab</name>
        <message>
            <source>Sites at a glance</source>
            <translation>Обзор центров</translation>
        </message>
        <message>
            <source>&amp;Verify audit chains</source>
            <translation>&amp;Проверить цепочки аудита</translation>
        </message>
        <message>
            <source>Site</source>
            <translation>Центр</translation>
        </message>
        <message>
            <source>Last bundle:
number · written · age</source>
            <translation>Последний пакет:
номер · создан · давность</translation>
        </message>
        <message>
            <source>Gaps</source>
            <translation>Пропуски</translation>
        </message>
        <message>
            <source>Audit
chain</source>
            <translation>Цепочка
аудита</translation>
        </message>
        <message>
            <source>Last
return</source>
            <translation>Последний
обратный</translation>
        </message>
        <message>
            <source>Subjects</source>
            <translation>Субъекты</translation>
        </message>
        <message>
            <source>Enrolled
by arm</source>
            <translation>Включено
по группам</translation>
        </message>
        <message>
            <source>Visits
overdue</source>
            <translation>Просрочено
визитов</translation>
        </message>
        <message>
            <source>Out of
window</source>
            <translation>Вне
окна</translation>
        </message>
        <message>
            <source>Open queries
≤7 / 8–30 / &gt;30 d</source>
            <translation>Открытые запросы
≤7 / 8–30 / &gt;30 дн.</translation>
        </message>
        <message>
            <source>SAEs (in 24 h,
late)</source>
            <translation>СНЯ (в срок,
позже)</translation>
        </message>
        <message>
            <source> · {0} d</source>
            <translation> · {0} дн.</translation>
        </message>
        <message>
            <source>none</source>
            <translation>нет</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>в порядке</translation>
        </message>
        <message>
            <source>BROKEN</source>
            <translation>НАРУШЕНА</translation>
        </message>
        <message>
            <source>{0} ({1}, {2})</source>
            <translation>{0} ({1}, {2})</translation>
        </message>
        <message>
            <source>Casebooks signed ·
locked / all</source>
            <translation>ИРК подп. ·
забл. / все</translation>
        </message>
        <message>
            <source>MSC</source>
            <translation>МСК</translation>
        </message>
        <message>
            <source>standard</source>
            <translation>стандарт</translation>
        </message>
        <message>
            <source>OK (every hash)</source>
            <translation>в порядке (все хеши)</translation>
        </message>
        <message>
            <source>Audit chain broken at: {0}.</source>
            <translation>Цепочка аудита нарушена: {0}.</translation>
        </message>
        <message>
            <source>Every audit chain checked hash by hash: {0} site(s), all intact.</source>
            <translation>Все цепочки аудита проверены по каждому хешу: центров {0}, нарушений нет.</translation>
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
            <source>Physician's Global Assessment (0–3)</source>
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
            <source>&lt;p style='color:#6b4000'&gt;&lt;b&gt;Suggested by labs:&lt;/b&gt; {0}. Tick the box to confirm.&lt;/p&gt;</source>
            <translation>&lt;p style='color:#6b4000'&gt;&lt;b&gt;Предложено по анализам:&lt;/b&gt; {0}. Отметьте, чтобы подтвердить.&lt;/p&gt;</translation>
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
        <name>SponsorLoginDialog</name>
        <message>
            <source>Log in – SLE MSC trial sponsor</source>
            <translation>Вход – спонсор исследования МСК при СКВ</translation>
        </message>
        <message>
            <source>SLE MSC trial – sponsor data management</source>
            <translation>Исследование МСК при СКВ – управление данными спонсора</translation>
        </message>
        <message>
            <source>Sponsor database: {0}</source>
            <translation>База данных спонсора: {0}</translation>
        </message>
        <message>
            <source>First run: create the first data manager account. The data manager then creates the accounts of monitors, safety officers and statisticians.</source>
            <translation>Первый запуск: создайте учётную запись первого менеджера данных. Затем менеджер данных создаёт учётные записи мониторов, специалистов по безопасности и статистиков.</translation>
        </message>
        <message>
            <source>&amp;User name:</source>
            <translation>&amp;Имя пользователя:</translation>
        </message>
        <message>
            <source>&amp;Full name:</source>
            <translation>&amp;Полное имя:</translation>
        </message>
        <message>
            <source>&amp;Password:</source>
            <translation>П&amp;ароль:</translation>
        </message>
        <message>
            <source>Password &amp;again:</source>
            <translation>Пароль &amp;ещё раз:</translation>
        </message>
        <message>
            <source>&amp;Create and log in</source>
            <translation>&amp;Создать и войти</translation>
        </message>
        <message>
            <source>&amp;Log in</source>
            <translation>&amp;Войти</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>В&amp;ыход</translation>
        </message>
        <message>
            <source>The two passwords differ; type the same password twice.</source>
            <translation>Пароли не совпадают; введите один и тот же пароль дважды.</translation>
        </message>
    </context>
    <context>
        <name>SponsorUsersDialog</name>
        <message>
            <source>Sponsor accounts</source>
            <translation>Учётные записи спонсора</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>Имя пользователя</translation>
        </message>
        <message>
            <source>Full name</source>
            <translation>Полное имя</translation>
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
            <translation>&amp;Отключить / включить…</translation>
        </message>
        <message>
            <source>&amp;User name:</source>
            <translation>&amp;Имя пользователя:</translation>
        </message>
        <message>
            <source>&amp;Full name:</source>
            <translation>&amp;Полное имя:</translation>
        </message>
        <message>
            <source>&amp;Role:</source>
            <translation>&amp;Роль:</translation>
        </message>
        <message>
            <source>&amp;Password:</source>
            <translation>П&amp;ароль:</translation>
        </message>
        <message>
            <source>&amp;Create account</source>
            <translation>&amp;Создать учётную запись</translation>
        </message>
        <message>
            <source>Clo&amp;se</source>
            <translation>&amp;Закрыть</translation>
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
            <source>Account {0} created.</source>
            <translation>Учётная запись {0} создана.</translation>
        </message>
        <message>
            <source>Account {0} changed.</source>
            <translation>Учётная запись {0} изменена.</translation>
        </message>
        <message>
            <source>Select an account first.</source>
            <translation>Сначала выберите учётную запись.</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Причина</translation>
        </message>
        <message>
            <source>Reason for the change:</source>
            <translation>Причина изменения:</translation>
        </message>
    </context>
    <context>
        <name>SponsorWindow</name>
        <message>
            <source>SLE MSC trial – sponsor – {0}</source>
            <translation>Исследование МСК при СКВ – спонсор – {0}</translation>
        </message>
        <message>
            <source>SLE MSC trial – sponsor</source>
            <translation>Исследование МСК при СКВ – спонсор</translation>
        </message>
        <message>
            <source>Bundles in</source>
            <translation>Входящие пакеты</translation>
        </message>
        <message>
            <source>Sites</source>
            <translation>Центры</translation>
        </message>
        <message>
            <source>Data review</source>
            <translation>Проверка данных</translation>
        </message>
        <message>
            <source>Safety</source>
            <translation>Безопасность</translation>
        </message>
        <message>
            <source>Reports</source>
            <translation>Отчёты</translation>
        </message>
        <message>
            <source>Exports</source>
            <translation>Выгрузки</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Файл</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>&amp;Обновить</translation>
        </message>
        <message>
            <source>&amp;Accounts…</source>
            <translation>&amp;Учётные записи…</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>В&amp;ыход</translation>
        </message>
        <message>
            <source>Data manager</source>
            <translation>Менеджер данных</translation>
        </message>
        <message>
            <source>Monitor</source>
            <translation>Монитор</translation>
        </message>
        <message>
            <source>Safety officer</source>
            <translation>Специалист по безопасности</translation>
        </message>
        <message>
            <source>Statistician (read-only)</source>
            <translation>Статистик (только чтение)</translation>
        </message>
        <message>
            <source>{0} ({1})</source>
            <translation>{0} ({1})</translation>
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
        <name>SubjectListPanel</name>
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
            <source>{0} of {1} subjects</source>
            <translation>{0} из {1} пациентов</translation>
        </message>
    </context>
    <context>
        <name>SubjectModel</name>
        <message>
            <source>Site</source>
            <translation>Центр</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Участник</translation>
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
            <source>Baseline</source>
            <translation>Исх.</translation>
        </message>
        <message>
            <source>Queries</source>
            <translation>Запросы</translation>
        </message>
        <message>
            <source>SDV</source>
            <translation>Сверка</translation>
        </message>
        <message>
            <source>MSC</source>
            <translation>МСК</translation>
        </message>
        <message>
            <source>standard</source>
            <translation>стандарт</translation>
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
            <source>Casebook</source>
            <translation>Карта</translation>
        </message>
        <message>
            <source>locked</source>
            <translation>заблок.</translation>
        </message>
        <message>
            <source>{0} visit(s) locked</source>
            <translation>{0} виз. заблок.</translation>
        </message>
        <message>
            <source>signed</source>
            <translation>подписано</translation>
        </message>
        <message>
            <source>sign-off invalidated</source>
            <translation>подпись снята</translation>
        </message>
        <message>
            <source>sign-off invalid</source>
            <translation>подпись неверна</translation>
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
            <source>Casebook: {0}</source>
            <translation>Карта субъекта: {0}</translation>
        </message>
        <message>
            <source>Assessed on {0}</source>
            <translation>Оценено {0}</translation>
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
            <source>{0} (partial)</source>
            <translation>{0}*</translation>
        </message>
        <message>
            <source>SELENA Flare Index of the last assessment</source>
            <translation>Индекс обострений SELENA последней оценки</translation>
        </message>
        <message>
            <source>SELENA flare (SLEDAI/PGA parts): recorded before the SELENA Flare Index, partial</source>
            <translation>Обострение SELENA (компоненты SLEDAI/PGA): записано до введения индекса обострений SELENA, неполное</translation>
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
            <source>&amp;Lock casebook…</source>
            <translation>&amp;Заблокировать карту…</translation>
        </message>
        <message>
            <source>U&amp;nlock…</source>
            <translation>Ра&amp;зблокировать…</translation>
        </message>
        <message>
            <source>Sign o&amp;ff casebook…</source>
            <translation>По&amp;дписать карту…</translation>
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
            <source>Lock</source>
            <translation>Блокировка</translation>
        </message>
        <message>
            <source>&amp;Open visit…</source>
            <translation>&amp;Открыть визит…</translation>
        </message>
        <message>
            <source>Loc&amp;k visit…</source>
            <translation>Заблоки&amp;ровать визит…</translation>
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
            <source>Casebook locked.</source>
            <translation>Карта субъекта заблокирована.</translation>
        </message>
        <message>
            <source>{0} visit(s) locked; the casebook is open.</source>
            <translation>Заблокировано визитов: {0}; карта субъекта открыта.</translation>
        </message>
        <message>
            <source>Casebook open.</source>
            <translation>Карта субъекта открыта.</translation>
        </message>
        <message>
            <source>Not signed off by the investigator.</source>
            <translation>Не подписана исследователем.</translation>
        </message>
        <message>
            <source>Signed off by {0} on {1}.</source>
            <translation>Подписана: {0}, {1}.</translation>
        </message>
        <message>
            <source>Sign-off by {0} on {1} was invalidated by a later change; it must be signed again.</source>
            <translation>Подпись ({0}, {1}) стала недействительной после изменения; нужно подписать снова.</translation>
        </message>
        <message>
            <source>Sign-off by {0} on {1} is no longer valid: {2}</source>
            <translation>Подпись ({0}, {1}) больше не действительна: {2}</translation>
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
            <source>locked</source>
            <translation>заблок.</translation>
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
            <source>Lock casebook</source>
            <translation>Блокировка карты субъекта</translation>
        </message>
        <message>
            <source>&amp;Lock</source>
            <translation>&amp;Заблокировать</translation>
        </message>
        <message>
            <source>Casebook complete</source>
            <translation>Карта субъекта заполнена</translation>
        </message>
        <message>
            <source>Nothing in {0}'s casebook can be changed once it is locked, until an administrator unlocks it with a reason.</source>
            <translation>После блокировки в карте субъекта {0} ничего нельзя изменить, пока администратор не разблокирует её с указанием причины.</translation>
        </message>
        <message>
            <source>Lock visit</source>
            <translation>Блокировка визита</translation>
        </message>
        <message>
            <source>Visit data complete</source>
            <translation>Данные визита заполнены</translation>
        </message>
        <message>
            <source>The visit and the forms recorded at it cannot be changed once it is locked.</source>
            <translation>После блокировки визит и заполненные на нём формы нельзя изменить.</translation>
        </message>
        <message>
            <source>Visit locked.</source>
            <translation>Визит заблокирован.</translation>
        </message>
        <message>
            <source>Select the locked visit in the list first.</source>
            <translation>Сначала выберите заблокированный визит в списке.</translation>
        </message>
        <message>
            <source>Unlock</source>
            <translation>Разблокировка</translation>
        </message>
        <message>
            <source>&amp;Unlock</source>
            <translation>&amp;Разблокировать</translation>
        </message>
        <message>
            <source>Why is it unlocked? The reason is kept in the audit trail and sent to the sponsor.</source>
            <translation>Почему снимается блокировка? Причина сохраняется в журнале аудита и передаётся спонсору.</translation>
        </message>
        <message>
            <source>Unlocked.</source>
            <translation>Разблокировано.</translation>
        </message>
        <message>
            <source>Casebook signed off.</source>
            <translation>Карта субъекта подписана.</translation>
        </message>
        <message>
            <source>Select a record in the list first.</source>
            <translation>Сначала выберите запись в списке.</translation>
        </message>
        <message>
            <source>Signed.</source>
            <translation>Подписано.</translation>
        </message>
        <message>
            <source>Serious adverse event saved. The sponsor must receive it by {0}: export a sync bundle now (File → Export bundle…, Ctrl+Shift+E) and take it to the sponsor.</source>
            <translation>Серьёзное нежелательное явление сохранено. Спонсор должен получить его до {0}: выгрузите пакет сейчас (Файл → Выгрузить пакет…, Ctrl+Shift+E) и передайте его спонсору.</translation>
        </message>
        <message>
            <source>Select an infusion in the list first.</source>
            <translation>Сначала выберите инфузию в списке.</translation>
        </message>
        <message>
            <source>SELENA Flare Index</source>
            <translation>Индекс обострений SELENA</translation>
        </message>
        <message>
            <source>none</source>
            <translation>нет</translation>
        </message>
        <message>
            <source>{0} (SLEDAI/PGA parts only)</source>
            <translation>{0} (только компоненты SLEDAI/PGA)</translation>
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
            <source>Save screening records the screening and the patient's identifiers; the treatment arm is assigned next.</source>
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
        <name>SyncSettingsDialog</name>
        <message>
            <source>Sync settings</source>
            <translation>Настройки обмена</translation>
        </message>
        <message>
            <source>Keys for sending data to the sponsor</source>
            <translation>Ключи для передачи данных спонсору</translation>
        </message>
        <message>
            <source>The sponsor sends two files once: sponsor.pub (bundles are encrypted to it) and sponsor-signing.pub (it checks the sponsor's return bundles). After importing a file, read its fingerprint to the sponsor by phone and check that it matches.</source>
            <translation>Спонсор однократно присылает два файла: sponsor.pub (им шифруются пакеты) и sponsor-signing.pub (им проверяются ответные пакеты спонсора). После импорта файла продиктуйте его отпечаток спонсору по телефону и убедитесь, что он совпадает.</translation>
        </message>
        <message>
            <source>Sponsor's encryption key (sponsor.pub)</source>
            <translation>Ключ шифрования спонсора (sponsor.pub)</translation>
        </message>
        <message>
            <source>Import sponsor.&amp;pub…</source>
            <translation>&amp;Импортировать sponsor.pub…</translation>
        </message>
        <message>
            <source>Sponsor's signing key (sponsor-signing.pub)</source>
            <translation>Ключ подписи спонсора (sponsor-signing.pub)</translation>
        </message>
        <message>
            <source>Import sponsor-&amp;signing.pub…</source>
            <translation>Импортировать sponsor-&amp;signing.pub…</translation>
        </message>
        <message>
            <source>This site's key file (for the sponsor)</source>
            <translation>Файл ключа этого центра (для спонсора)</translation>
        </message>
        <message>
            <source>Save the site key &amp;file…</source>
            <translation>Сохранить &amp;файл ключа центра…</translation>
        </message>
        <message>
            <source>&amp;Close</source>
            <translation>&amp;Закрыть</translation>
        </message>
        <message>
            <source>Only a site administrator or investigator can change these keys.</source>
            <translation>Изменять эти ключи может только администратор центра или исследователь.</translation>
        </message>
        <message>
            <source>Bundles are encrypted to:</source>
            <translation>Пакеты шифруются для ключа:</translation>
        </message>
        <message>
            <source>{0} (imported {1} by {2})</source>
            <translation>{0} (импортирован {1}, {2})</translation>
        </message>
        <message>
            <source>Not imported yet: nothing can be exported until it is.</source>
            <translation>Ещё не импортирован: до этого выгрузка невозможна.</translation>
        </message>
        <message>
            <source>Return bundles must be signed with {0} (imported {1} by {2}).</source>
            <translation>Ответные пакеты должны быть подписаны ключом {0} (импортирован {1}, {2}).</translation>
        </message>
        <message>
            <source>Not imported yet: return bundles from the sponsor cannot be checked.</source>
            <translation>Ещё не импортирован: ответные пакеты спонсора нельзя проверить.</translation>
        </message>
        <message>
            <source>Fingerprint {0}. Save the file on a USB drive and give it to the sponsor, who registers it once.</source>
            <translation>Отпечаток {0}. Сохраните файл на USB-накопитель и передайте спонсору, который однократно его зарегистрирует.</translation>
        </message>
        <message>
            <source>The sponsor's key file sponsor.pub</source>
            <translation>Файл ключа спонсора sponsor.pub</translation>
        </message>
        <message>
            <source>Key files (*.pub);;All files (*)</source>
            <translation>Файлы ключей (*.pub);;Все файлы (*)</translation>
        </message>
        <message>
            <source>The sponsor's signing key sponsor-signing.pub</source>
            <translation>Ключ подписи спонсора sponsor-signing.pub</translation>
        </message>
        <message>
            <source>Save the site key file</source>
            <translation>Сохранение файла ключа центра</translation>
        </message>
        <message>
            <source>Site key files (*.sitekey)</source>
            <translation>Файлы ключа центра (*.sitekey)</translation>
        </message>
        <message>
            <source>Cannot read {0}: {1}</source>
            <translation>Не удалось прочитать {0}: {1}</translation>
        </message>
        <message>
            <source>Imported. Confirm the fingerprint {0} with the sponsor by phone.</source>
            <translation>Импортировано. Сверьте отпечаток {0} со спонсором по телефону.</translation>
        </message>
        <message>
            <source>Cannot write {0}: {1}</source>
            <translation>Не удалось записать {0}: {1}</translation>
        </message>
        <message>
            <source>Saved to {0}.</source>
            <translation>Сохранено в {0}.</translation>
        </message>
    </context>
    <context>
        <name>Units</name>
        <message>
            <source>×10⁹/L</source>
            <translation>×10⁹/л</translation>
        </message>
        <message>
            <source>g/L</source>
            <translation>г/л</translation>
        </message>
        <message>
            <source>g/dL</source>
            <translation>г/дл</translation>
        </message>
        <message>
            <source>°C</source>
            <translation>°C</translation>
        </message>
        <message>
            <source>mg/dL</source>
            <translation>мг/дл</translation>
        </message>
        <message>
            <source>IU/mL</source>
            <translation>МЕ/мл</translation>
        </message>
        <message>
            <source>/HPF</source>
            <translation>в п/зр</translation>
        </message>
        <message>
            <source>g/24 h</source>
            <translation>г/сут</translation>
        </message>
        <message>
            <source>mg/24 h</source>
            <translation>мг/сут</translation>
        </message>
        <message>
            <source>g/g</source>
            <translation>г/г</translation>
        </message>
        <message>
            <source>mg/mmol</source>
            <translation>мг/ммоль</translation>
        </message>
        <message>
            <source>mg/mg</source>
            <translation>мг/мг</translation>
        </message>
        <message>
            <source>µmol/L</source>
            <translation>мкмоль/л</translation>
        </message>
        <message>
            <source>U/L</source>
            <translation>Ед/л</translation>
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
            <source>Entered from a paper CRF</source>
            <translation>Внесено с бумажной ИРК</translation>
        </message>
        <message>
            <source>Tick when you transcribe this visit from a paper CRF filled in while the PC was down; the record and its audit trail say so.</source>
            <translation>Отметьте, если переносите визит с бумажной ИРК, заполненной, пока компьютер не работал; это будет указано в записи и журнале аудита.</translation>
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
            <source>Read-only: this visit is locked. {0}</source>
            <translation>Только просмотр: визит заблокирован. {0}</translation>
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
            <source>legacy, not cryptographic</source>
            <translation>прежняя, не криптографическая</translation>
        </message>
        <message>
            <source>INVALID: {0}</source>
            <translation>НЕДЕЙСТВИТЕЛЬНА: {0}</translation>
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
        <message>
            <source>present</source>
            <translation>есть</translation>
        </message>
        <message>
            <source>absent</source>
            <translation>нет</translation>
        </message>
        <message>
            <source>PGA</source>
            <translation>ИГВ</translation>
        </message>
        <message>
            <source>SELENA Flare Index</source>
            <translation>Индекс обострений SELENA</translation>
        </message>
        <message>
            <source>SELENA flare (SLEDAI/PGA parts): {0} – recorded before the SELENA Flare Index (partial); save again to complete it.</source>
            <translation>Обострение SELENA (компоненты SLEDAI/PGA): {0} — записано до введения индекса обострений SELENA (неполное); сохраните снова, чтобы дополнить.</translation>
        </message>
        <message>
            <source>SELENA Flare Index: {0}</source>
            <translation>Индекс обострений SELENA: {0}</translation>
        </message>
        <message>
            <source>SELENA Flare Index: {0} compared with the previous assessment ({1}); please confirm clinically.</source>
            <translation>Индекс обострений SELENA: {0} по сравнению с предыдущей оценкой ({1}); подтвердите клинически.</translation>
        </message>
        <message>
            <source>SELENA flare (SLEDAI/PGA parts): {0}.</source>
            <translation>Обострение SELENA (компоненты SLEDAI/PGA): {0}.</translation>
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
            <source>Lock</source>
            <translation>Блокировка</translation>
        </message>
        <message>
            <source>Source-data verification at the site</source>
            <translation>Сверка с первичной документацией в центре</translation>
        </message>
        <message>
            <source>Sponsor's lock request</source>
            <translation>Запрос спонсора на блокировку</translation>
        </message>
        <message>
            <source>no creatinine result</source>
            <translation>нет результата креатинина</translation>
        </message>
        <message>
            <source>sex unknown: eGFR not computed</source>
            <translation>пол неизвестен: рСКФ не рассчитана</translation>
        </message>
        <message>
            <source>Screening number</source>
            <translation>Скрининговый номер</translation>
        </message>
        <message>
            <source>Subject ID</source>
            <translation>Номер участника</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Статус</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>Пол</translation>
        </message>
        <message>
            <source>Year of birth</source>
            <translation>Год рождения</translation>
        </message>
        <message>
            <source>Arm</source>
            <translation>Группа</translation>
        </message>
        <message>
            <source>Reason for arm</source>
            <translation>Обоснование группы</translation>
        </message>
        <message>
            <source>Arm assigned by</source>
            <translation>Группу назначил</translation>
        </message>
        <message>
            <source>Baseline date</source>
            <translation>Дата исходного визита</translation>
        </message>
        <message>
            <source>Reason for withdrawal</source>
            <translation>Причина выбывания</translation>
        </message>
        <message>
            <source>Consent date</source>
            <translation>Дата согласия</translation>
        </message>
        <message>
            <source>Consent version</source>
            <translation>Версия согласия</translation>
        </message>
        <message>
            <source>Obtained by</source>
            <translation>Получено</translation>
        </message>
        <message>
            <source>Screening date</source>
            <translation>Дата скрининга</translation>
        </message>
        <message>
            <source>Age at consent</source>
            <translation>Возраст на дату согласия</translation>
        </message>
        <message>
            <source>Screening SELENA-SLEDAI</source>
            <translation>SELENA-SLEDAI при скрининге</translation>
        </message>
        <message>
            <source>Biopsy class (ISN/RPS)</source>
            <translation>Класс по биопсии (ISN/RPS)</translation>
        </message>
        <message>
            <source>Biopsy date</source>
            <translation>Дата биопсии</translation>
        </message>
        <message>
            <source>Proteinuria (g/24 h)</source>
            <translation>Протеинурия (г/24 ч)</translation>
        </message>
        <message>
            <source>UPCR (g/g)</source>
            <translation>UPCR (г/г)</translation>
        </message>
        <message>
            <source>Eligible</source>
            <translation>Соответствует критериям</translation>
        </message>
        <message>
            <source>Failed criteria</source>
            <translation>Невыполненные критерии</translation>
        </message>
        <message>
            <source>Visit date</source>
            <translation>Дата визита</translation>
        </message>
        <message>
            <source>Study day</source>
            <translation>День исследования</translation>
        </message>
        <message>
            <source>Visit window</source>
            <translation>Окно визита</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Примечания</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Источник</translation>
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
            <source>CTCAE grade</source>
            <translation>Степень CTCAE</translation>
        </message>
        <message>
            <source>Serious</source>
            <translation>Серьёзное</translation>
        </message>
        <message>
            <source>Seriousness criteria</source>
            <translation>Критерии серьёзности</translation>
        </message>
        <message>
            <source>Relationship to MSC product</source>
            <translation>Связь с препаратом МСК</translation>
        </message>
        <message>
            <source>Action taken</source>
            <translation>Принятые меры</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>Исход</translation>
        </message>
        <message>
            <source>Site aware at</source>
            <translation>Центр узнал</translation>
        </message>
        <message>
            <source>Sent to sponsor</source>
            <translation>Отправлено спонсору</translation>
        </message>
        <message>
            <source>Infusion date</source>
            <translation>Дата инфузии</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>Начало</translation>
        </message>
        <message>
            <source>End</source>
            <translation>Окончание</translation>
        </message>
        <message>
            <source>Product lot</source>
            <translation>Серия препарата</translation>
        </message>
        <message>
            <source>Cells per kg (×10⁶)</source>
            <translation>Клеток на кг (×10⁶)</translation>
        </message>
        <message>
            <source>Total cells</source>
            <translation>Всего клеток</translation>
        </message>
        <message>
            <source>Viability (%)</source>
            <translation>Жизнеспособность (%)</translation>
        </message>
        <message>
            <source>Volume (mL)</source>
            <translation>Объём (мл)</translation>
        </message>
        <message>
            <source>Route</source>
            <translation>Путь введения</translation>
        </message>
        <message>
            <source>Body weight (kg)</source>
            <translation>Масса тела (кг)</translation>
        </message>
        <message>
            <source>Premedication</source>
            <translation>Премедикация</translation>
        </message>
        <message>
            <source>Infusion reaction</source>
            <translation>Инфузионная реакция</translation>
        </message>
        <message>
            <source>Administered by</source>
            <translation>Ввёл</translation>
        </message>
        <message>
            <source>Drug</source>
            <translation>Препарат</translation>
        </message>
        <message>
            <source>Dose</source>
            <translation>Доза</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>Единица</translation>
        </message>
        <message>
            <source>Frequency</source>
            <translation>Кратность</translation>
        </message>
        <message>
            <source>Indication</source>
            <translation>Показание</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Вид</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>Описание</translation>
        </message>
        <message>
            <source>Detected on</source>
            <translation>Выявлено</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>ФИО</translation>
        </message>
        <message>
            <source>National ID</source>
            <translation>Личный номер</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Телефон</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Адрес</translation>
        </message>
        <message>
            <source>Date of birth</source>
            <translation>Дата рождения</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Значение</translation>
        </message>
        <message>
            <source>Lower limit of normal</source>
            <translation>Нижняя граница нормы</translation>
        </message>
        <message>
            <source>Upper limit of normal</source>
            <translation>Верхняя граница нормы</translation>
        </message>
        <message>
            <source>Sample date</source>
            <translation>Дата взятия пробы</translation>
        </message>
        <message>
            <source>Test</source>
            <translation>Показатель</translation>
        </message>
        <message>
            <source>Electronic signature</source>
            <translation>Электронная подпись</translation>
        </message>
        <message>
            <source>Data query</source>
            <translation>Запрос данных</translation>
        </message>
        <message>
            <source>User account</source>
            <translation>Учётная запись</translation>
        </message>
        <message>
            <source>Site</source>
            <translation>Центр</translation>
        </message>
        <message>
            <source>Patient identifiers</source>
            <translation>Идентификаторы пациента</translation>
        </message>
        <message>
            <source>Site signing key</source>
            <translation>Ключ подписи центра</translation>
        </message>
        <message>
            <source>Sync bundle</source>
            <translation>Пакет обмена</translation>
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
            <source>in window</source>
            <translation>в окне</translation>
        </message>
        <message>
            <source>early (deviation)</source>
            <translation>раньше окна (отклонение)</translation>
        </message>
        <message>
            <source>late (deviation)</source>
            <translation>позже окна (отклонение)</translation>
        </message>
        <message>
            <source>no flare</source>
            <translation>нет обострения</translation>
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
            <source>Negative</source>
            <translation>Отрицательный</translation>
        </message>
        <message>
            <source>Positive</source>
            <translation>Положительный</translation>
        </message>
        <message>
            <source>Discoid lupus rash</source>
            <translation>Дискоидная волчаночная сыпь</translation>
        </message>
        <message>
            <source>Photosensitive lupus rash</source>
            <translation>Фоточувствительная волчаночная сыпь</translation>
        </message>
        <message>
            <source>Lupus profundus</source>
            <translation>Глубокая волчанка (люпус-панникулит)</translation>
        </message>
        <message>
            <source>Cutaneous vasculitis</source>
            <translation>Кожный васкулит</translation>
        </message>
        <message>
            <source>Bullous lupus</source>
            <translation>Буллёзная волчанка</translation>
        </message>
        <message>
            <source>Nasopharyngeal ulcers</source>
            <translation>Язвы носоглотки</translation>
        </message>
        <message>
            <source>Pleuritis</source>
            <translation>Плеврит</translation>
        </message>
        <message>
            <source>Fever (SLE)</source>
            <translation>Лихорадка (СКВ)</translation>
        </message>
        <message>
            <source>CNS lupus</source>
            <translation>Поражение ЦНС при волчанке</translation>
        </message>
        <message>
            <source>Nephritis</source>
            <translation>Нефрит</translation>
        </message>
        <message>
            <source>Platelets &lt; 60 ×10⁹/L</source>
            <translation>Тромбоциты &lt; 60 ×10⁹/л</translation>
        </message>
        <message>
            <source>Haemolytic anaemia (Hb below 70 g/L or a fall of more than 30 g/L)</source>
            <translation>Гемолитическая анемия (гемоглобин ниже 70 г/л или снижение более чем на 30 г/л)</translation>
        </message>
        <message>
            <source>SELENA-SLEDAI up by 3 or more (to ≤ 12)</source>
            <translation>SELENA-SLEDAI выросло на 3 и более (до ≤ 12)</translation>
        </message>
        <message>
            <source>SELENA-SLEDAI up by 3 or more to &gt; 12</source>
            <translation>SELENA-SLEDAI выросло на 3 и более, до &gt; 12</translation>
        </message>
        <message>
            <source>PGA up by 1.0 or more (to ≤ 2.5)</source>
            <translation>PGA выросла на 1,0 и более (до ≤ 2,5)</translation>
        </message>
        <message>
            <source>PGA increased to &gt; 2.5</source>
            <translation>PGA выросла до &gt; 2,5</translation>
        </message>
        <message>
            <source>Prednisone (equivalent) increased, ≤ 0.5 mg/kg/day</source>
            <translation>Доза преднизона (эквивалент) увеличена, ≤ 0,5 мг/кг/сут</translation>
        </message>
        <message>
            <source>Prednisone (equivalent) increased to &gt; 0.5 mg/kg/day</source>
            <translation>Доза преднизона (эквивалент) увеличена до &gt; 0,5 мг/кг/сут</translation>
        </message>
        <message>
            <source>Prednisone (equivalent) doubled</source>
            <translation>Доза преднизона (эквивалент) удвоена</translation>
        </message>
        <message>
            <source>NSAID or hydroxychloroquine added for SLE activity</source>
            <translation>Добавлены НПВП или гидроксихлорохин по поводу активности СКВ</translation>
        </message>
        <message>
            <source>New cyclophosphamide, azathioprine, methotrexate or mycophenolate</source>
            <translation>Впервые назначены циклофосфамид, азатиоприн, метотрексат или микофенолат</translation>
        </message>
        <message>
            <source>Hospitalisation for SLE activity</source>
            <translation>Госпитализация по поводу активности СКВ</translation>
        </message>
        <message>
            <source>Corticosteroid</source>
            <translation>Глюкокортикоид</translation>
        </message>
        <message>
            <source>Cyclophosphamide</source>
            <translation>Циклофосфамид</translation>
        </message>
        <message>
            <source>Azathioprine</source>
            <translation>Азатиоприн</translation>
        </message>
        <message>
            <source>Methotrexate</source>
            <translation>Метотрексат</translation>
        </message>
        <message>
            <source>Mycophenolate</source>
            <translation>Микофенолат</translation>
        </message>
        <message>
            <source>NSAID</source>
            <translation>НПВП</translation>
        </message>
        <message>
            <source>Hydroxychloroquine</source>
            <translation>Гидроксихлорохин</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Другое</translation>
        </message>
        <message>
            <source>Prednisone</source>
            <translation>Преднизон</translation>
        </message>
        <message>
            <source>Prednisolone</source>
            <translation>Преднизолон</translation>
        </message>
        <message>
            <source>Methylprednisolone</source>
            <translation>Метилпреднизолон</translation>
        </message>
        <message>
            <source>Dexamethasone</source>
            <translation>Дексаметазон</translation>
        </message>
        <message>
            <source>Hydrocortisone</source>
            <translation>Гидрокортизон</translation>
        </message>
        <message>
            <source>Once daily</source>
            <translation>Один раз в сутки</translation>
        </message>
        <message>
            <source>Twice daily</source>
            <translation>Два раза в сутки</translation>
        </message>
        <message>
            <source>Three times daily</source>
            <translation>Три раза в сутки</translation>
        </message>
        <message>
            <source>Four times daily</source>
            <translation>Четыре раза в сутки</translation>
        </message>
        <message>
            <source>Every other day</source>
            <translation>Через день</translation>
        </message>
    </context>
</TS>
