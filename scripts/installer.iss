; Inno Setup 6 script of the Windows installer of Pôle Desktop.
;
; Build the bundle first (scripts\build_bundle.ps1), then, from the repository root:
;   ISCC.exe /DAppVersion=0.1.0 scripts\installer.iss
; or simply: powershell -ExecutionPolicy Bypass -File scripts\build_bundle.ps1 -Installer
; (which passes the version read from pole_desktop\_version.py). Output:
; dist\PoleDesktop-<version>-setup.exe
;
; What it does: copies dist\pole-desktop\ to {autopf}\Pôle Desktop (Program Files for an
; administrator, the user's own Programs folder otherwise), adds a Start menu entry, an optional
; desktop shortcut and an uninstaller; in French.
;
; User data is never touched: the data directory (database, attachments, backups) lives in
; %LOCALAPPDATA%\PoleEconomieSolidaire21\PoleDesktop, outside the installation folder. Uninstalling
; removes only the program files; the data stays, and a new installation finds it again.
; Not run in CI (no Windows machine there); the saved file is UTF-8 with a BOM, as Inno Setup 6 needs
; for non-ASCII text.

#ifndef AppVersion
  #error Passez la version : ISCC.exe /DAppVersion=X.Y.Z scripts\installer.iss
#endif

#define AppName "Pôle Desktop"
#define AppPublisher "Pôle d'Économie Solidaire 21"
#define AppExe "pole-desktop.exe"

[Setup]
; A fixed AppId: upgrades replace the previous installation instead of adding a second one.
AppId={{6F1C2A57-3E0B-4E7C-9B8A-21D1E5A0C0DE}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
AppCopyright=© {#AppPublisher}
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SourceDir=..
OutputDir=dist
OutputBaseFilename=PoleDesktop-{#AppVersion}-setup
SetupIconFile=resources\icons\pole-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "dist\pole-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; A new version replaces the previous program files entirely (never the data directory).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Accompagnement des porteurs de projets"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Messages]
french.UninstalledAll=%1 a été désinstallé. Vos données (dossiers, rendez-vous, sauvegardes) sont conservées dans le dossier AppData\Local\PoleEconomieSolidaire21\PoleDesktop de l'utilisateur.
