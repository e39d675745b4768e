; Inno Setup 6 script for the HoSo installer (Windows 10/11, x64).
;
; Built by .github/workflows/windows-build.yml after PyInstaller has made dist\HoSo:
;   iscc /DAppVersion=0.1.0 packaging\windows\hoso.iss
; AppVersion comes from desktop/__init__.py (__version__), the one place the version lives.
; DistDir (the PyInstaller folder) and OutputDir can be overridden with /DDistDir=... and
; /DOutputDir=...; relative paths are relative to this script's folder.
;
; Install mode: per user by default (no administrator needed, as in commune offices): the app
; goes to %LOCALAPPDATA%\Programs\HoSo. An administrator may choose "all users" in the first
; dialog, or pass /ALLUSERS on the command line (silent install: /VERYSILENT /CURRENTUSER).
;
; User data: HoSo keeps the user's dossiers, database, backups and logs in
; %LOCALAPPDATA%\HoSo (platformdirs user_data_dir "HoSo"), never in the program folder.
; The uninstaller removes only the files it installed: this script has no [UninstallDelete]
; section ON PURPOSE, so the data folder survives uninstalling and upgrading. Do not add one.
;
; File association: none. The packages HoSo exports are plain .zip files for the province's
; portal (associating .zip would hijack every ZIP on the PC), and the window does not take a
; file to open on its command line (`HoSo.exe FILE` is not a command it knows). Packages are
; opened from inside the app, or with `hoso-cli import` / `hoso-cli verify`.
; When the window learns to open a file given on its command line, add a [Registry] section
; for a dedicated extension (e.g. .hoso) with ChangesAssociations=yes.
;
; Texts: Inno Setup ships no Vietnamese translation (Vietnamese.isl is only among the
; unofficial, user-contributed translations), so the Vietnamese wizard texts are in this script
; ([LangOptions]/[Messages]/[CustomMessages] prefixed "vi."), over the English Default.isl
; for any message not translated here. This file is UTF-8 with a byte-order mark, which is how
; Inno Setup 6 reads non-ASCII text in a script.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\hoso.iss
#endif
#ifndef DistDir
  #define DistDir "..\..\dist\HoSo"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#define AppName "HoSo"
#define AppExe "HoSo.exe"

[Setup]
; AppId identifies HoSo for upgrades and the uninstaller: never change it.
AppId={{5C0B6A7E-3D2F-4B8E-9A61-7F1E2D4C8B90}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=HoSo
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
; Per-user by default; the user may switch to all users (needs an administrator).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
UsePreviousPrivileges=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; PySide6 (Qt 6) needs Windows 10 or newer.
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=HoSo-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; An upgrade over a running HoSo asks to close it first (Restart Manager).
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto

[Languages]
Name: "vi"; MessagesFile: "compiler:Default.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[LangOptions]
vi.LanguageName=Tiếng Việt
vi.LanguageID=$042A
vi.LanguageCodePage=0

[Messages]
vi.SetupAppTitle=Cài đặt
vi.SetupWindowTitle=Cài đặt - %1
vi.UninstallAppTitle=Gỡ cài đặt
vi.UninstallAppFullTitle=Gỡ cài đặt %1
vi.ButtonBack=< &Quay lại
vi.ButtonNext=&Tiếp theo >
vi.ButtonInstall=&Cài đặt
vi.ButtonOK=Đồng ý
vi.ButtonCancel=Hủy
vi.ButtonYes=&Có
vi.ButtonNo=&Không
vi.ButtonFinish=&Hoàn tất
vi.ButtonBrowse=&Chọn thư mục...
vi.ButtonWizardBrowse=C&họn thư mục...
vi.ExitSetupTitle=Thoát cài đặt
vi.ExitSetupMessage=Việc cài đặt chưa xong. Nếu thoát bây giờ, chương trình sẽ không được cài đặt.%n%nBạn có thể chạy lại chương trình cài đặt vào lúc khác.%n%nThoát cài đặt?
vi.PrivilegesRequiredOverrideTitle=Chọn cách cài đặt
vi.PrivilegesRequiredOverrideInstruction=Cài cho ai?
vi.PrivilegesRequiredOverrideText1=%1 có thể được cài cho mọi người dùng máy này (cần quyền quản trị) hoặc chỉ cho bạn.
vi.PrivilegesRequiredOverrideText2=%1 có thể được cài chỉ cho bạn hoặc cho mọi người dùng máy này (cần quyền quản trị).
vi.PrivilegesRequiredOverrideAllUsers=Cài cho &mọi người dùng
vi.PrivilegesRequiredOverrideAllUsersRecommended=Cài cho &mọi người dùng (khuyến nghị)
vi.PrivilegesRequiredOverrideCurrentUser=Chỉ cài cho &tôi
vi.PrivilegesRequiredOverrideCurrentUserRecommended=Chỉ cài cho &tôi (khuyến nghị)
vi.WelcomeLabel1=Chào mừng bạn đến với trình cài đặt [name]
vi.WelcomeLabel2=Chương trình sẽ cài [name/ver] vào máy tính của bạn.%n%nNên đóng các ứng dụng khác trước khi tiếp tục.
vi.WizardSelectDir=Chọn thư mục cài đặt
vi.SelectDirDesc=Cài [name] vào đâu?
vi.SelectDirLabel3=Chương trình sẽ cài [name] vào thư mục sau.
vi.SelectDirBrowseLabel=Bấm Tiếp theo để tiếp tục. Muốn chọn thư mục khác, bấm Chọn thư mục.
vi.DiskSpaceGBLabel=Cần ít nhất [gb] GB dung lượng trống.
vi.DiskSpaceMBLabel=Cần ít nhất [mb] MB dung lượng trống.
vi.WizardSelectTasks=Chọn tác vụ bổ sung
vi.SelectTasksDesc=Bạn muốn chương trình cài đặt làm thêm những gì?
vi.SelectTasksLabel2=Chọn các tác vụ bổ sung khi cài [name], rồi bấm Tiếp theo.
vi.WizardReady=Sẵn sàng cài đặt
vi.ReadyLabel1=Chương trình đã sẵn sàng cài [name] vào máy tính của bạn.
vi.ReadyLabel2a=Bấm Cài đặt để bắt đầu, hoặc bấm Quay lại để xem lại hay thay đổi lựa chọn.
vi.ReadyLabel2b=Bấm Cài đặt để bắt đầu.
vi.ReadyMemoDir=Thư mục cài đặt:
vi.ReadyMemoTasks=Tác vụ bổ sung:
vi.WizardInstalling=Đang cài đặt
vi.InstallingLabel=Vui lòng chờ trong khi [name] được cài vào máy tính của bạn.
vi.FinishedHeadingLabel=Đã cài đặt xong [name]
vi.FinishedLabelNoIcons=[name] đã được cài vào máy tính của bạn.
vi.FinishedLabel=[name] đã được cài vào máy tính của bạn. Có thể mở chương trình từ biểu tượng đã tạo.
vi.ClickFinish=Bấm Hoàn tất để đóng trình cài đặt.
vi.RunEntryExec=Mở %1
vi.WizardPreparing=Đang chuẩn bị cài đặt
vi.PreparingDesc=Đang chuẩn bị cài [name] vào máy tính của bạn.
vi.ApplicationsFound=Các ứng dụng sau đang dùng tệp cần được cập nhật. Nên để chương trình cài đặt tự đóng chúng.
vi.ApplicationsFound2=Các ứng dụng sau đang dùng tệp cần được cập nhật. Nên để chương trình cài đặt tự đóng chúng. Sau khi cài xong, chương trình sẽ thử mở lại các ứng dụng đó.
vi.CloseApplications=&Tự động đóng các ứng dụng
vi.DontCloseApplications=&Không đóng các ứng dụng
vi.StatusExtractFiles=Đang chép tệp...
vi.StatusCreateIcons=Đang tạo lối tắt...
vi.StatusSavingUninstall=Đang lưu thông tin gỡ cài đặt...
vi.StatusRollback=Đang hoàn tác các thay đổi...
vi.ConfirmUninstall=Bạn có chắc muốn gỡ bỏ %1?%n%nDữ liệu hồ sơ của bạn (thư mục %%LOCALAPPDATA%%\HoSo) được giữ lại.
vi.UninstallStatusLabel=Vui lòng chờ trong khi %1 được gỡ khỏi máy tính của bạn.
vi.UninstalledAll=Đã gỡ %1 khỏi máy tính của bạn. Dữ liệu hồ sơ được giữ lại.
vi.UninstalledMost=Đã gỡ xong %1.%n%nMột số mục không gỡ được, có thể xóa chúng bằng tay.
vi.WizardUninstalling=Trạng thái gỡ cài đặt
vi.StatusUninstalling=Đang gỡ %1...
vi.SetupAlreadyRunning=Chương trình cài đặt đang chạy.
vi.WindowsVersionNotSupported=Chương trình này cần Windows 10 trở lên.
vi.ErrorCreatingDir=Không tạo được thư mục "%1"
vi.DirExists=Thư mục:%n%n%1%n%nđã có. Vẫn cài vào thư mục này?
vi.DirNotExist=Thư mục:%n%n%1%n%nchưa có. Tạo thư mục này?

[CustomMessages]
vi.AdditionalIcons=Lối tắt bổ sung:
vi.CreateDesktopIcon=Tạo biểu tượng trên &màn hình nền
vi.LaunchProgram=Mở %1
vi.UninstallProgram=Gỡ cài đặt %1
vi.AppComment=Lập và kiểm tra hồ sơ đề nghị khen thưởng, không cần mạng
en.AppComment=Build and check award-nomination dossiers, offline

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller folder: HoSo.exe (window), hoso-cli.exe (command line), _internal\.
; An upgrade replaces the program files; it never touches %LOCALAPPDATA%\HoSo (the data).
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; Before an upgrade, remove the previous version's _internal folder so that no stale library
; of the old version is left beside the new ones (the user's data is not in {app}).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section: the uninstaller must NEVER delete %LOCALAPPDATA%\HoSo, the
; user's data folder (database, backups, logs, exported packages). See the header comment.
