; Inno Setup 6 script: the Windows installer for sle_desktop.
;
; Build (after `pyinstaller --noconfirm packaging\sle_desktop.spec`, from the project root):
;     iscc /DAppVersion=0.1.0 packaging\windows\sle_desktop.iss
; -> dist\sle-desktop-<version>-setup.exe. packaging/windows/build.sh does both (with /DSourceDir
; and /O for its output folder), on Windows (.github/workflows/windows-installer.yml) and under
; Wine on Linux (packaging/windows/build_on_linux.sh, on every CI run).
;
; The installer asks for its language (English or Russian) and whether to install for the current
; user only (no administrator rights, %LOCALAPPDATA%\Programs\sle_desktop) or for all users
; (Program Files; /ALLUSERS on the command line, the only mode Wine 8 can run). Either way it installs
; only the program: the site database and key files live in the per-user platformdirs folders
; (%LOCALAPPDATA%\sle_desktop, %LOCALAPPDATA%\sle_desktop\keys), are created by the program on
; first start, are never written under Program Files, and are kept by the uninstaller so that
; removing or upgrading the program never deletes study data.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\sle_desktop.iss
#endif
#define AppName "sle_desktop"
#define AppExe "sle-desktop.exe"
#define Publisher "sle_desktop developers"
; The PyInstaller folder; packaging/windows/build.sh passes its own (/DSourceDir=... and /O<output dir>).
#ifndef SourceDir
  #define SourceDir "..\..\dist\sle-desktop"
#endif

[Setup]
; A fixed AppId: upgrades replace the earlier version in place. Never change it.
AppId={{6C1D5E7A-3B52-4E0F-9A8C-2F4D7B1E9C30}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#Publisher}
AppComments=Offline electronic data capture for the SLE MSC trial
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoCompany={#Publisher}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user install allowed: the dialog offers "only for me" (no UAC prompt) or "all users".
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=sle-desktop-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\sle-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller folder: sle-desktop.exe (window), sle-desktop-cli.exe (console: --self-test,
; site commands) and _internal\ (Python, Qt, resources\).
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; IconFilename: "{app}\{#AppExe}"; Comment: "Offline electronic data capture for the SLE MSC trial"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself may leave next to it (PyInstaller writes nothing there); the
; per-user data folders are deliberately not listed.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
