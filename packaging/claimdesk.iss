; Inno Setup script: ClaimDesk-setup-<version>.exe, a per-user installer for clerks' PCs.
;
; Built by packaging\build.ps1 after PyInstaller (or by hand):
;   ISCC.exe /DAppVersion=0.1.0 /DSourceDir=..\dist\ClaimDesk /O..\dist packaging\claimdesk.iss
;
; - No administrator rights: PrivilegesRequired=lowest installs for the current user only,
;   into %LOCALAPPDATA%\Programs\ClaimDesk (Inno Setup's {userpf}), with the Start-menu
;   shortcuts in the user's own Programs menu ({autoprograms} resolves to {userprograms}).
; - Japanese wizard: compiler:Languages\Japanese.isl ships with Inno Setup 6.
; - The uninstaller removes only what this script installed. Ledgers, backups, settings and
;   logs live in %LOCALAPPDATA%\ClaimDesk (platformdirs' user data folder), outside {app},
;   and no [UninstallDelete] entry touches them: removing or updating ClaimDesk never
;   deletes a department's data. Files a clerk put into {app} stay there too.
; Docs: https://jrsoftware.org/ishelp/topic_setup_privilegesrequired.htm,
;       https://jrsoftware.org/ishelp/topic_consts.htm (auto constants, {userpf}),
;       https://jrsoftware.org/ishelp/topic_languagessection.htm

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\ClaimDesk"
#endif
#define AppName "債権管理デスク"
#define AppExe "ClaimDesk.exe"

[Setup]
; Never change AppId: it is how an update finds the installed version (and its folder).
AppId={{6F1C2B7E-3D4A-4E8B-9A51-0C7D2E9F4B13}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=ClaimDesk
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\ClaimDesk
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename=ClaimDesk-setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
; An update closes a running ClaimDesk first rather than leaving half-replaced files.
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=no

[Languages]
Name: "japanese"; MessagesFile: "compiler:Languages\Japanese.isl"

[Files]
; The whole PyInstaller folder. ignoreversion: PySide6's DLLs carry their own versions,
; an update must always replace them. An update first removes the previous _internal
; (below) so no library of an older version is left behind.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; Only the program's own library folder, never data: see the header.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autoprograms}\{#AppName}（デモ）"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"; WorkingDir: "{app}"; Comment: "練習用のデモ台帳で開きます"

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
