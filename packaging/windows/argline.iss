; Inno Setup 6 script: the Windows installer of the one-folder bundle.
; Build the bundle and the icon first (packaging/README.md, "Windows"), then
;   iscc /DAppVersion=0.1.0 packaging\windows\argline.iss
; which writes dist\argline-0.1.0-setup.exe. It installs for all users (or, if the user
; chooses, for the current one only), adds a Start-menu entry, opens .argline files
; with Argline on a double-click, and registers an uninstaller that takes all of it away.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\argline.iss
#endif

[Setup]
AppId={{6F1E0C55-2B7A-4C1D-9C51-8E3A2F0A7B42}
AppName=Argline
AppVersion={#AppVersion}
AppVerName=Argline {#AppVersion}
AppPublisher=Argline developers
AppPublisherURL=https://github.com/argline/argline
DefaultDirName={autopf}\Argline
DefaultGroupName=Argline
DisableProgramGroupPage=yes
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
SetupIconFile=..\..\build\argline.ico
UninstallDisplayIcon={app}\argline-window.exe
UninstallDisplayName=Argline
OutputDir=..\..\dist
OutputBaseFilename=argline-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
LicenseFile=..\deb\copyright

[Files]
Source: "..\..\dist\argline\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Argline"; Filename: "{app}\argline-window.exe"; Comment: "Timelines of world events linked to the arguments about them"
Name: "{group}\Uninstall Argline"; Filename: "{uninstallexe}"

[Registry]
; HKA: HKLM for an all-users install, HKCU for a per-user one. The uninstaller removes
; each key or value flagged uninsdelete*.
Root: HKA; Subkey: "Software\Classes\.argline"; ValueType: string; ValueName: ""; ValueData: "Argline.Database"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.argline"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-argline"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.argline\OpenWithProgids"; ValueType: string; ValueName: "Argline.Database"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Argline.Database"; ValueType: string; ValueName: ""; ValueData: "Argline database"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Argline.Database\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\argline-window.exe,0"
Root: HKA; Subkey: "Software\Classes\Argline.Database\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\argline-window.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\argline-window.exe\SupportedTypes"; ValueType: string; ValueName: ".argline"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\argline-window.exe"; Description: "Open Argline"; Flags: nowait postinstall skipifsilent
