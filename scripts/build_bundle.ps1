# Build the Windows desktop bundle dist\pole-desktop\ (pole-desktop.exe + pole-desktop-cli.exe)
# from this checkout, in a fresh virtual environment, then run its self-test and print its size.
#
#   powershell -ExecutionPolicy Bypass -File scripts\build_bundle.ps1
#   powershell -ExecutionPolicy Bypass -File scripts\build_bundle.ps1 -Installer   # + Inno Setup
#
# Needs Python 3.11+ from python.org (the `py` launcher) and, for -Installer, Inno Setup 6
# (ISCC.exe on PATH or in its default folder). Same steps as scripts/build_bundle.sh.
param(
    [string]$Python = "py -3.11",
    [switch]$Installer
)
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root
$t0 = Get-Date

$venv = Join-Path $Root "build\bundle-venv"
Write-Host "==> Fresh virtual environment in $venv"
if (Test-Path $venv) { Remove-Item -Recurse -Force $venv }
Invoke-Expression "$Python -m venv `"$venv`""
if ($LASTEXITCODE -ne 0) { throw "python -m venv failed" }
$py = Join-Path $venv "Scripts\python.exe"
$env:PIP_DISABLE_PIP_VERSION_CHECK = "1"
& $py -m pip install --quiet ".[build]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

Write-Host "==> PyInstaller (build_installer.spec)"
$dist = Join-Path $Root "dist"
if (Test-Path "$dist\pole-desktop") { Remove-Item -Recurse -Force "$dist\pole-desktop" }
& (Join-Path $venv "Scripts\pyinstaller.exe") --noconfirm --clean --log-level WARN `
    --workpath (Join-Path $Root "build\pyinstaller") --distpath $dist build_installer.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

$bundle = Join-Path $dist "pole-desktop"
Write-Host "==> Self-test of the bundle"
# pole-desktop.exe is a windowed program: no console output; the result line is written to
# %TEMP%\pole-desktop-selftest.txt and the exit code tells success (0) or failure.
$report = Join-Path $env:TEMP "pole-desktop-selftest.txt"
if (Test-Path $report) { Remove-Item $report }
$env:QT_QPA_PLATFORM = "offscreen"
$p = Start-Process -FilePath (Join-Path $bundle "pole-desktop.exe") -ArgumentList "--self-test" -Wait -PassThru
Remove-Item Env:QT_QPA_PLATFORM
Get-Content $report
if ($p.ExitCode -ne 0) { throw "Self-test failed (exit code $($p.ExitCode))" }
& (Join-Path $bundle "pole-desktop-cli.exe") --version

$size = (Get-ChildItem -Recurse $bundle | Measure-Object -Sum Length).Sum / 1MB
Write-Host ("Bundle: {0} — {1:N0} Mo, construit en {2:N0} s." -f $bundle, $size, ((Get-Date) - $t0).TotalSeconds)

if ($Installer) {
    Write-Host "==> Inno Setup (scripts\installer.iss)"
    $iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
    if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
    $version = & $py -c "exec(open('pole_desktop/_version.py', encoding='utf-8').read()); print(__version__)"
    & $iscc "/DAppVersion=$version" "scripts\installer.iss"
    if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
    Write-Host "Installer: dist\PoleDesktop-$version-setup.exe"
}
